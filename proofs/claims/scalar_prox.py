"""Exact scalar minimisers for the thresholding lemmas (5.7, 5.8), independent of the printed forms.

The objectives are one-dimensional and piecewise smooth, so the global minimum over the whole real
line is attained at one of finitely many *candidates*:

* transformed l1 (Lemma 5.7), ``F(y) = 1/2 (y - x)^2 + lam * rho_a(y)``: ``y = 0`` (the kink) and
  the stationary points on ``y > 0`` and on ``y < 0``. On the side ``sign(y) = s`` write
  ``v = |y| > 0``, ``z = a + v``; then ``dF/dv = v - s x + lam a (a+1)/(a+v)^2 = 0`` is, after
  clearing the denominator, the cubic ``z^3 - (a + s x) z^2 + lam a (a+1) = 0``. Its roots are
  found numerically (``numpy.roots`` in float64, ``mpmath.polyroots`` with extra precision in
  mpmath), kept if ``z - a > 0``, and polished by Newton steps on ``dF/dv`` in the variable ``v``
  (no cancellation in ``z - a``).
* l0 (Lemma 5.8), ``F(y) = 1/2 (y - x)^2 + lam * 1{y != 0}``: ``y = 0`` and ``y = x``
  (on ``y != 0`` the penalty is constant, so the only interior candidate is ``y = x``).

Soundness of the comparison. Every candidate is a real number, so ``min_c F(c)`` is never below
the true global minimum, whatever the root finder's accuracy: a candidate list can only make a
printed output look *better* than it is, never worse. Hence ``min_c F(c) - F(printed) < 0``
certifies that the printed output is not a global minimiser (the engine confirms the sign at 50
and 100 digits); the root finder's job is only to make the list complete (which the cubic
reduction guarantees, up to its accuracy, because every interior local minimiser is a
stationary point).

Nothing here uses the printed closed form ``g_lambda`` of Lemma 5.7 (that is the claim checked).

What the thresholding claims (Lemmas 5.7, 5.8) share is here too: :func:`prox_slack` (the slack
"the printed output minimises F", with the backend's rounding allowance for ties),
:func:`positive` (their hypotheses ``a > 0``, ``lam > 0``) and :func:`draw_input_near` (inputs x
near the printed threshold, where the claims are sharp).
"""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np
from hypothesis import strategies as st

from proofs.engine.backend import Backend
from proofs.engine.claim import Hypothesis

Number = Any  # float or mpmath.mpf


# ----------------------------------------------------------------------------- objectives


def tl1_objective(y: Number, x: Number, lam: Number, a: Number) -> Number:
    """``1/2 (y - x)^2 + lam (a+1)|y| / (a+|y|)`` (Lemma 5.7); works on floats and mpf."""
    ay = abs(y)
    return (y - x) ** 2 / 2 + lam * (a + 1) * ay / (a + ay)


def l0_objective(y: Number, x: Number, lam: Number) -> Number:
    """``1/2 (y - x)^2 + lam * 1{y != 0}`` (Lemma 5.8)."""
    return (y - x) ** 2 / 2 + (lam if y != 0 else 0 * lam)


# ----------------------------------------------------------------------------- cubic roots


def _cubic_real_parts(b: Number, c: Number, is_mp: bool) -> list[Number]:
    """Real parts of the roots of ``z^3 - b z^2 + c``. (Real parts of a complex pair are harmless
    extra candidates: any real number is an admissible candidate.)"""
    if not is_mp:
        rts = np.roots([1.0, -float(b), 0.0, float(c)])
        return [float(r.real) for r in rts]
    for steps, extra in ((100, 60), (400, 200), (2000, 600)):
        try:
            rts = mpmath.polyroots([1, -b, 0, c], maxsteps=steps, extraprec=extra)
            return [mpmath.re(r) for r in rts]
        except mpmath.libmp.NoConvergence:
            continue
    rts, _err = mpmath.polyroots([1, -b, 0, c], maxsteps=2000, extraprec=600, error=True)
    return [mpmath.re(r) for r in rts]


def _newton_polish(v: Number, sx: Number, lam: Number, a: Number, steps: int) -> list[Number]:
    """Newton iterates on ``dF/dv = v - sx + lam a (a+1)/(a+v)^2`` from ``v`` (kept while > 0)."""
    out = []
    k = lam * a * (a + 1)
    for _ in range(steps):
        d1 = v - sx + k / (a + v) ** 2
        d2 = 1 - 2 * k / (a + v) ** 3
        if not d2 > 0:
            break
        nv = v - d1 / d2
        if not nv > 0 or nv == v:
            break
        v = nv
        out.append(v)
    return out


def tl1_candidates(x: Number, lam: Number, a: Number, is_mp: bool | None = None) -> list[Number]:
    """Finitely many real candidates containing every global minimiser of the Tl1 objective
    (up to the root finder's accuracy): 0 and the stationary points on y > 0 and y < 0."""
    if is_mp is None:
        is_mp = isinstance(x, mpmath.mpf) or isinstance(lam, mpmath.mpf) or isinstance(a, mpmath.mpf)
    zero = mpmath.mpf(0) if is_mp else 0.0
    cands: list[Number] = [zero]
    c = lam * a * (a + 1)
    steps = 8 if is_mp else 4
    for s in (1, -1):
        sx = s * x
        for z in _cubic_real_parts(a + sx, c, is_mp):
            v = z - a
            if not v > 0:
                continue
            for w in [v, *_newton_polish(v, sx, lam, a, steps)]:
                cands.append(s * w)
    return cands


def tl1_exact_min(x: Number, lam: Number, a: Number) -> tuple[Number, Number]:
    """``(y_min, F_min)``: the best candidate (ties: the first found, i.e. 0 before others)."""
    best_y, best_f = None, None
    for y in tl1_candidates(x, lam, a):
        f = tl1_objective(y, x, lam, a)
        if best_f is None or f < best_f:
            best_y, best_f = y, f
    return best_y, best_f


def l0_exact_min(x: Number, lam: Number) -> tuple[Number, Number]:
    """``(y_min, F_min)`` for Lemma 5.8's objective: candidates 0 and x (0 wins ties)."""
    f0 = l0_objective(0 * x, x, lam)
    fx = l0_objective(x, x, lam)
    return (x, fx) if fx < f0 else (0 * x, f0)


# ----------------------------------------------------------------------------- shared by the claims


def prox_slack(fmin: Number, fp: Number, x: Number, B: Backend) -> Number:
    """``min_c F(c) - F(printed) + B.allowance(x^2/2 + F(printed))``: >= 0 iff the printed output
    is a global minimiser of F, up to the backend's rounding allowance on the size of the compared
    values (F(0) = x^2/2 and F(printed)). Why an allowance: at the threshold two minimisers tie
    exactly (e.g. Lemma 5.7 with a = 2, lam = 3/2, x = 2: F(0) = F(1) = 2), the printed "zero
    elsewhere" picks one of them (allowed), and the numerically found other candidate may then
    beat it by a rounding residue. A genuine violation keeps its value at 50 and 100 digits (the
    engine's confirmation), where the allowance is ~1e-47 of the scale."""
    return fmin - fp + B.allowance(x * x / 2 + fp)


def positive(key: str, label: str) -> Hypothesis:
    """The hypothesis ``label`` (e.g. "λ > 0"): the point's ``key`` is > 0."""
    return Hypothesis(label, lambda p, B: B.scalar(p[key]), strict=True)


def draw_input_near(draw: Any, t: float, kinds: tuple[str, ...], deltas: tuple[float, ...], hi: float) -> float:
    """x for a thresholding claim with printed threshold ``t``: by a drawn kind, ``near_t``
    (t (1 + delta), delta from ``deltas`` or in [-1, 3]), ``nextafter`` (the floats next to t),
    ``uniform`` in [0, hi] or ``zero``; then a random sign."""
    kind = draw(st.sampled_from(kinds))
    if kind == "near_t":
        x = t * (1.0 + draw(st.sampled_from(deltas) | st.floats(-1.0, 3.0)))
    elif kind == "nextafter":
        x = float(np.nextafter(t, draw(st.sampled_from((np.inf, -np.inf)))))
    elif kind == "uniform":
        x = draw(st.floats(0.0, hi))
    else:
        x = 0.0
    x = max(x, 0.0)
    return -x if draw(st.booleans()) else x


# ----------------------------------------------------------------------------- brute force (tests)


def brute_force_min(
    objective: Any, x: Number, lo: Number, hi: Number, n: int = 4001, rounds: int = 6
) -> tuple[Number, Number]:
    """Dense grid on [lo, hi] (plus y = 0) followed by ``rounds`` of local grid refinement
    around the best point, in the current mpmath precision. For tests only."""
    lo, hi = mpmath.mpf(lo), mpmath.mpf(hi)
    pts = [lo + (hi - lo) * i / (n - 1) for i in range(n)] + [mpmath.mpf(0)]
    vals = [objective(p) for p in pts]
    k = min(range(len(pts)), key=lambda i: vals[i])
    best, fbest = pts[k], vals[k]
    h = (hi - lo) / (n - 1)
    for _ in range(rounds):
        loc = [best + h * (i - 50) / 25 for i in range(101)]
        for p in loc:
            fp = objective(p)
            if fp < fbest:
                best, fbest = p, fp
        h = h / 25
    return best, fbest
