"""A limit point's run and its limit (u_bar, w_bar), at a backend's precision.

1. :func:`float_run`: Algorithm 1 in float64 by the fast single-run path
   (:func:`proofs.algorithm.single.run_single`) until |w^{t+1} - w^t| <= 1e-14 or 40000
   iterations (:data:`~proofs.claims.runs.points.TOL`, :data:`~proofs.claims.runs.points.T_CAP`);
   a run whose float iterates have become exactly 2-periodic is not run out to the cap (its
   result is the same: :func:`_run_to_cap`).
2. :func:`limit`: the fixed point of the iteration map near the float limit, solved at the
   backend's precision by :func:`proofs.algorithm.fixed_point.fixed_point` (fixed points do not
   depend on eta; the distance to the float limit must be <= :data:`MATCH`). Conclusions are
   evaluated there: in float64 at the float-polished fixed point, at 50 / 100 digits at the mp one.
3. :func:`step_sup`: sup_t eta |E g(w^t) + beta (w^t - u^{t+1})| along the run (Theorem 1's step
   condition): the whole float run plus the limit's own value; in mpmath the first
   :data:`MP_STEP_ITERS` iterations replayed at the working precision, the (contracting) rest
   from the float run.
4. :func:`cycle_evidence`: a run that does not converge within the cap is iterated further in
   mpmath from its last float iterate; a 2-cycle persisting to the working precision is reported.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

import mpmath
import numpy as np

from proofs.algorithm.fixed_point import FixedPoint, FixedPointError, fixed_point
from proofs.algorithm.single import SingleRun, run_single
from proofs.algorithm.thresholds import tl1_t
from proofs.engine.backend import Backend
from proofs.model import angle

from .points import T_CAP, RunPoint, key, spec_of, spec_of_key

#: the high-precision fixed point must lie this close to the float limit
MATCH = 1e-6
#: iterations of the step condition replayed in mpmath (the rest from the float run)
MP_STEP_ITERS = 300

LimitError = FixedPointError


#: iterations of the probe run that looks for an exact float 2-cycle (even, as T_CAP is, and
#: beyond MP_STEP_ITERS + 2, so that its step-condition tail covers both phases of a cycle)
PROBE = 1000


def _run_to_cap(spec: Any) -> SingleRun:
    """``run_single(spec)`` (to convergence or T_CAP iterations), without running out the cap
    on a float run that has become exactly 2-periodic (w^{t+2} == w^t in every bit): the map
    w^t -> w^{t+1} depends on w^t only, so such a run cycles until the cap, and the full run's
    result follows from the probe's (same w, w_prev, u, last step, min ||w^^||, step-condition
    maxima and final value, as T_CAP - PROBE is even; iterations = T_CAP). Any other run is
    run in full."""
    probe = run_single(replace(spec, T=PROBE), step_cond_from=MP_STEP_ITERS, record=True)
    assert probe.ws is not None
    if probe.converged or probe.iterations < PROBE:  # the full run stops at the same step
        return replace(probe, ws=None, us=None)
    if spec.T > PROBE and (spec.T - PROBE) % 2 == 0 and probe.ws[-1] == probe.ws[-3]:
        return replace(probe, iterations=spec.T, ws=None, us=None)
    return run_single(spec, step_cond_from=MP_STEP_ITERS)


@lru_cache(maxsize=8192)
def _float_run(kk: tuple[Any, ...]) -> SingleRun:
    r = _run_to_cap(spec_of_key(kk))
    if r.min_hat == 0:
        raise ValueError("w^ = 0: the update left the domain of Algorithm 1")
    return r


def float_run(p: RunPoint) -> SingleRun:
    """The point's float64 run to convergence (cached)."""
    return _float_run(key(p))


def converged(p: RunPoint) -> bool:
    return float_run(p).converged


_CACHE: dict[tuple[Any, ...], FixedPoint] = {}


def limit(p: RunPoint, B: Backend) -> FixedPoint:
    """The limit point (u_bar, w_bar) of the run ``p`` at ``B``'s precision (cached)."""
    kk = (key(p), B.dps if B.is_mp else 0)  # type: ignore[attr-defined]
    hit = _CACHE.get(kk)
    if hit is None:
        fr = float_run(p)
        if not fr.converged:
            raise LimitError(f"run did not converge within {T_CAP} iterations "
                             f"(last step {float(fr.last_step):.3g})")
        hit = fixed_point(spec_of(p), fr.w, B.dps if B.is_mp else None, match=MATCH)  # type: ignore[attr-defined]
        if len(_CACHE) > 20000:
            _CACHE.clear()
        _CACHE[kk] = hit
    return hit


@lru_cache(maxsize=1024)
def _mp_step_max(kk: tuple[Any, ...], dps: int) -> Any:
    fr = _float_run(kk)
    head = replace(spec_of_key(kk), T=min(fr.iterations, MP_STEP_ITERS), tol=0.0)
    best = run_single(head, dps).step_cond_max
    if fr.iterations > MP_STEP_ITERS or fr.iterations < 1:
        best = max(best, mpmath.mpf(max(fr.step_cond_tail_max, fr.final_step_cond)))
    return best


def step_sup(p: RunPoint, B: Backend) -> Any:
    """sup_t eta |E g(w^t) + beta (w^t - u^{t+1})| along the run to convergence (see module doc)."""
    if B.is_mp:
        return _mp_step_max(key(p), B.dps)  # type: ignore[attr-defined]
    fr = float_run(p)
    return max(fr.step_cond_max, fr.final_step_cond)


def cycle_evidence(p: RunPoint, dps: int = 50, steps: int = 1000) -> tuple[Any, Any] | None:
    """For a run not converged within the cap: iterate ``steps`` more times at ``dps`` digits
    from the last float iterate. Returns (|w^{t+1} - w^t|, |w^{t+2} - w^t|) at the end when a
    2-cycle persists (the second below 10^-(dps-10), the first above 1e-10), else None."""
    return _cycle_evidence(key(p), dps, steps)


@lru_cache(maxsize=256)
def _cycle_evidence(kk: tuple[Any, ...], dps: int, steps: int) -> tuple[Any, Any] | None:
    fr = _float_run(kk)
    r = run_single(replace(spec_of_key(kk), w0=fr.w, T=steps + 2, tol=0.0), dps, record=True)
    assert r.ws is not None
    w0, w1, w2 = r.ws[-3:]
    with mpmath.workdps(dps):
        d1 = mpmath.sqrt(sum((a - b) ** 2 for a, b in zip(w1, w0, strict=True)))
        d2 = mpmath.sqrt(sum((a - b) ** 2 for a, b in zip(w2, w0, strict=True)))
        if d2 < mpmath.mpf(10) ** (-(dps - 10)) and d1 > mpmath.mpf("1e-10"):
            return d1, d2
    return None


# ----------------------------------------------------------------------------- geometry at a limit


def norm_b(x: np.ndarray, B: Backend) -> Any:
    return B.sqrt(np.dot(x, x))


def angle_b(x: np.ndarray, y: np.ndarray, B: Backend) -> Any:
    """theta(x, y) (the model's angle); 0 if either vector is 0 (convention)."""
    if norm_b(x, B) == 0 or norm_b(y, B) == 0:
        return B.scalar(0)
    return angle(x, y)


def theta_gamma(L: FixedPoint, B: Backend) -> tuple[Any, Any]:
    """theta = theta(w_bar, w*), gamma = theta(u_bar, w_bar) (gamma := 0 when u_bar = 0, where
    w_bar = w* exactly and every bound involving gamma has left-hand side 0)."""
    return angle_b(L.w, L.s, B), angle_b(L.u, L.w, B)


def threshold(p: RunPoint, B: Backend) -> Any:
    """The operator's threshold with tau = lam/beta: tau (l1), sqrt(2 tau) (l0), t (Tl1, Lemma 5.7)."""
    tau = B.scalar(p["lam"]) / B.scalar(p["beta"])
    pen = p.get("penalty", "l1")
    if pen == "l1":
        return tau
    if pen == "l0":
        return B.sqrt(2 * tau)
    t = tl1_t(tau, B.scalar(p.get("a", 1.0)))
    return B.scalar(t.item() if isinstance(t, np.ndarray) else t)


def max_shrink(p: RunPoint, B: Backend) -> Any:
    """An upper bound of max_x |x - P(x)|, P the u-update: tau (l1), sqrt(2 tau) (l0),
    max(t, tau (a+1)/a) (exact Tl1 prox: dropped |x| <= t, kept x - g = tau rho'(g))."""
    if p.get("penalty", "l1") != "tl1":
        return threshold(p, B)
    tau = B.scalar(p["lam"]) / B.scalar(p["beta"])
    a = B.scalar(p.get("a", 1.0))
    return max(threshold(p, B), tau * (a + 1) / a)
