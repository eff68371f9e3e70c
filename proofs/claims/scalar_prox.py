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

Nothing here uses the printed closed form ``g_lambda`` of Lemma 5.7 (that lives in
:mod:`proofs.algorithm.thresholds` and is what is being checked).
"""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np

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
