"""One run of Algorithm 1 at small d: the fast single-run path (float64 or mpmath).

:func:`proofs.algorithm.rvscgd.run_batch` is vectorised over runs; for one run at d <= 6 its
per-iteration numpy overhead dominates, and the limit claims run thousands of single runs to
convergence (up to 4e4 iterations each). :func:`run_single` does the iteration of Algorithm 1 on
Python lists of floats or of mpmath numbers:

    u^{t+1}  = argmin_u L_beta(u, w^t)                           (:func:`u_update`)
    w^^{t+1} = w^t - eta v^t,   v^t = E_Z[g(w^t, Z)] + beta (w^t - u^{t+1})
    w^{t+1}  = w^^{t+1} / ||w^^{t+1}||

with E_Z[g(w)] = c_w(k) w/|w| + c_s(k) w*/|w*|, the model's coefficients
(:func:`proofs.algorithm.rvscgd.gradient_coefficients`: they depend on k only). It is the step
of :func:`proofs.algorithm.rvscgd.update` in the same order of operations (the tests compare the
iterates), and :func:`proofs.algorithm.rvscgd.iterates` is this loop with every iterate kept.
The spec's floats enter mpmath exactly, so a run at 50 digits is the same run as in float64.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath
import numpy as np

from proofs.algorithm.thresholds import tl1_prox_exact, tl1_threshold

Vec = list[Any]


@dataclass(frozen=True)
class Precision:
    """The arithmetic of a single run: float64 (``dps=None``) or mpmath at ``dps`` digits."""

    dps: int | None = None

    @property
    def is_mp(self) -> bool:
        return self.dps is not None

    @contextlib.contextmanager
    def context(self) -> Iterator[None]:
        if self.dps is None:
            yield
        else:
            with mpmath.workdps(self.dps):
                yield

    def num(self, x: Any) -> Any:
        """x as a float or an mpf (floats convert exactly; call inside :meth:`context`)."""
        return float(x) if self.dps is None else mpmath.mpf(x)

    def sqrt(self, x: Any) -> Any:
        return math.sqrt(x) if self.dps is None else mpmath.sqrt(x)

    def array(self, xs: Sequence[Any]) -> np.ndarray:
        return np.array(list(xs), dtype=object if self.is_mp else float)


def norm(x: Sequence[Any], prec: Precision) -> Any:
    return prec.sqrt(sum(v * v for v in x))


def u_updater(tau: Any, penalty: str, a: Any = 1.0, exact_tl1: bool = True,
              mp: bool = False) -> Callable[[Vec], Vec]:
    """The u-update w -> argmin_u lam P(u) + (beta/2)||w - u||^2 (tau = lam/beta) on lists of
    floats (or of mpf if ``mp``), with the comparisons of :func:`proofs.algorithm.thresholds.prox`:
    soft thresholding; hard thresholding keeps |x| > sqrt(2 tau) (x^2 > 2 tau in mpmath, as
    there); Tl1 by ``tl1_prox_exact`` or, if not ``exact_tl1``, Lemma 5.7 as printed."""
    if penalty == "l1":
        return lambda w: [(x - tau) if x > tau else ((x + tau) if x < -tau else 0 * x) for x in w]
    if penalty == "l0":
        if mp:
            two_tau = 2 * tau
            return lambda w: [x if x * x > two_tau else 0 * x for x in w]
        thr = math.sqrt(2.0 * tau)
        return lambda w: [x if abs(x) > thr else 0.0 for x in w]
    tl1 = tl1_prox_exact if exact_tl1 else tl1_threshold
    if mp:
        return lambda w: list(tl1(np.array(w, dtype=object), tau, a))
    return lambda w: [float(v) for v in tl1(np.array(w, dtype=float), tau, a)]


def u_update(w: Vec, tau: Any, penalty: str, a: Any = 1.0, exact_tl1: bool = True) -> Vec:
    """:func:`u_updater` applied once (the precision is that of ``w``'s entries)."""
    mp = any(isinstance(x, mpmath.mpf) for x in w)
    return u_updater(tau, penalty, a, exact_tl1, mp)(w)


@dataclass(frozen=True)
class SingleRun:
    """A single run of Algorithm 1 (float or mpf entries).

    ``w``/``u`` are the output state (w^n, u^n), ``w_prev`` = w^{n-1} (w^0 if n = 0);
    ``min_hat`` = min_t ||w^^{t+1}||, 0 when some w^^ = 0 (the run left the domain of Algorithm
    1 and stopped there); ``step_cond_max`` = max_{t<n} eta ||v^t|| (the step condition of
    Theorem 1), ``step_cond_tail_max`` the same over ``step_cond_from`` <= t < n, and
    ``final_step_cond`` eta ||v|| at the output iterate (the next step's). ``ws``, ``us``: every
    iterate w^0..w^n, u^0..u^n when recorded."""

    w: tuple[Any, ...]
    u: tuple[Any, ...]
    w_prev: tuple[Any, ...]
    iterations: int
    converged: bool
    last_step: Any
    min_hat: Any
    step_cond_max: Any
    step_cond_tail_max: Any
    final_step_cond: Any
    ws: tuple[tuple[Any, ...], ...] | None = None
    us: tuple[tuple[Any, ...], ...] | None = None


def run_single(spec: Any, dps: int | None = None, *, record: bool = False,
               step_cond_from: int = 0) -> SingleRun:
    """Run ``spec`` (a :class:`proofs.algorithm.rvscgd.RunSpec`, exact gradient) for ``spec.T``
    iterations or until ||w^{t+1} - w^t|| <= ``spec.tol``, in float64 or at ``dps`` digits."""
    from proofs.algorithm.rvscgd import gradient_coefficients

    if spec.gradient != "exact":
        raise ValueError("run_single supports gradient='exact' only")
    prec = Precision(dps)
    coeffs = gradient_coefficients(spec.reading, mp=prec.is_mp)
    if coeffs is None:
        raise ValueError("the model's gradient coefficients depend on more than k")
    with prec.context():
        num, sqrt = prec.num, prec.sqrt
        kk = num(spec.k)
        cw, cs = num(coeffs[0](kk)), num(coeffs[1](kk))
        s = [num(x) for x in spec.w_star]
        ns = norm(s, prec)
        sh = [x / ns for x in s]
        beta, eta = num(spec.beta), num(spec.eta)
        P = u_updater(num(spec.lam) / beta, spec.penalty, num(spec.a), spec.exact_tl1, prec.is_mp)
        rd = range(len(s))

        def velocity(w: Vec, u_new: Vec) -> Vec:
            nw = sqrt(sum(x * x for x in w))
            return [(cw * (w[i] / nw) + cs * sh[i]) + beta * (w[i] - u_new[i]) for i in rd]

        w = [num(x) for x in spec.w0]
        u = P(w) if spec.u0 is None else [num(x) for x in spec.u0]
        ws, us = ([tuple(w)], [tuple(u)]) if record else (None, None)
        w_prev, zero = w, 0 * sh[0]
        step_max = tail_max = zero
        min_hat, converged, tol, T = num("inf"), False, spec.tol, spec.T
        t = 0
        while t < T:
            u_new = P(w)
            v = velocity(w, u_new)
            sc = eta * sqrt(sum(x * x for x in v))
            if sc > step_max:
                step_max = sc
            if sc > tail_max and t >= step_cond_from:
                tail_max = sc
            wh = [w[i] - eta * v[i] for i in rd]
            n = sqrt(sum(x * x for x in wh))
            if n < min_hat:
                min_hat = n
            if not n > 0:
                break
            w_prev, w, u = w, [x / n for x in wh], u_new
            t += 1
            if record:
                ws.append(tuple(w))  # type: ignore[union-attr]
                us.append(tuple(u))  # type: ignore[union-attr]
            # ||w^{t+1} - w^t|| <= tol (with tol = 0: the run reached a fixed point exactly)
            if (sqrt(sum((w[i] - w_prev[i]) ** 2 for i in rd)) <= tol) if tol else w == w_prev:
                converged = True
                break
        last = sqrt(sum((w[i] - w_prev[i]) ** 2 for i in rd)) if t else num("inf")
        final = eta * norm(velocity(w, P(w)), prec) if min_hat > 0 else zero
        return SingleRun(
            tuple(w), tuple(u), tuple(w_prev), t, converged, last, min_hat, step_max, tail_max,
            final, None if ws is None else tuple(ws), None if us is None else tuple(us),
        )
