"""Fixed points of Algorithm 1's iteration map, solved at a given precision (Newton).

With E_Z[g(w)] = c_w w + c_s w* on the unit sphere (|w*| = 1), the update is
w^ = (1 - eta (c_w + beta)) w + eta (c2 w* + beta P(w)), c2 = -c_s (= k/(2 pi)), P the u-update,
followed by normalisation. So a unit w is fixed iff

    c2 w* + beta P(w) = mu w,   |w| = 1,   and   c1 + eta mu > 0,   c1 = 1 - eta (c_w + beta)

(the normalisation divides by c1 + eta mu > 0): the fixed points do not depend on eta, only their
acceptance does. :func:`fixed_point` solves this near a float64 limit ``near`` (the end of a
converged run of :func:`proofs.algorithm.single.run_single`):

* l1 / l0: with the active set A = {i : P(w)_i != 0} and the signs of ``near`` held fixed,
  w_i = a_i / (mu - b_i); Newton's method in the single unknown mu on sum_i w_i(mu)^2 = 1;
* Tl1: Newton's method on the (d+1)-system, with P' from the stationarity of the exact prox.

The solution is accepted only if the active set is unchanged (the real u-update re-evaluated
there), the residual is below 10^-(dps-4) (1e-12 in float64), c1 + eta mu > 0, and it lies within
``match`` of ``near``; otherwise :class:`FixedPointError`. Where P(w) = 0 the fixed point is w*
itself, returned exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from proofs.algorithm.single import Precision, norm, u_update

NEWTON_STEPS = 200


class FixedPointError(ValueError):
    """No fixed point matching the float limit (active set changed, residual, distance)."""


@dataclass(frozen=True)
class FixedPoint:
    """(u_bar, w_bar) at a precision: ``w``, ``u``, ``s`` = w*/|w*| (float or object arrays),
    ``mu`` with c2 w* + beta u = mu w, ``c2`` = -c_s, ``distance`` = |w - near| (float)."""

    w: np.ndarray
    u: np.ndarray
    s: np.ndarray
    mu: Any
    c2: Any
    distance: float
    newton_steps: int


def _sgn(x: Any) -> int:
    return 1 if x > 0 else (-1 if x < 0 else 0)


def fixed_point(spec: Any, near: Sequence[float], dps: int | None = None, *,
                match: float = 1e-6) -> FixedPoint:
    """The fixed point of ``spec``'s iteration map (a :class:`~proofs.algorithm.rvscgd.RunSpec`;
    its w0, u0, T do not matter) near the float vector ``near``, in float64 or at ``dps`` digits."""
    from proofs.algorithm.rvscgd import gradient_coefficients

    prec = Precision(dps)
    coeffs = gradient_coefficients(spec.reading, mp=prec.is_mp)
    if coeffs is None:
        raise ValueError("the model's gradient coefficients depend on more than k")
    with prec.context():
        num = prec.num
        kk = num(spec.k)
        cw, c2 = num(coeffs[0](kk)), -num(coeffs[1](kk))
        eps = num(10) ** (-(dps - 8)) if dps else 1e-15
        tol = eps * 10**4 if dps else 1e-12
        sv = [num(x) for x in spec.w_star]
        ns = norm(sv, prec)
        sh = [x / ns for x in sv]
        lam, beta, eta, a = num(spec.lam), num(spec.beta), num(spec.eta), num(spec.a)
        tau, pen = lam / beta, spec.penalty
        d = len(sh)

        def P(w: list[Any]) -> list[Any]:
            return u_update(w, tau, pen, a, exact_tl1=True)

        wf = [num(x) for x in near]
        uf = P(wf)
        active = [x != 0 for x in uf]
        mu = c2 * sum(sh[i] * wf[i] for i in range(d)) + beta * sum(uf[i] * wf[i] for i in range(d))
        if pen in ("l1", "l0"):
            w, mu, steps = _newton_active(sh, wf, active, c2, lam, beta, mu, pen, eps)
        else:
            w, mu, steps = _newton_tl1(sh, wf, P, c2, tau, beta, a, mu, eps, num(1))
        u = P(w)
        if [x != 0 for x in u] != active:
            raise FixedPointError("the fixed point's active set differs from the float limit's")
        res = max(abs(c2 * sh[i] + beta * u[i] - mu * w[i]) for i in range(d))
        res = max(res, abs(sum(x * x for x in w) - 1))
        if not res <= tol:
            raise FixedPointError(f"fixed-point residual {float(res):.3g} too large")
        if not (1 - eta * (cw + beta)) + eta * mu > 0:
            raise FixedPointError("normalisation constant of the fixed point is not positive")
        dist = math.sqrt(sum((float(w[i]) - float(near[i])) ** 2 for i in range(d)))
        if not dist <= match:
            raise FixedPointError(f"fixed point is {dist:.3g} from the float limit (> {match})")
        if not any(active):  # u = 0: the fixed point is w* itself, exactly
            w, mu = list(sh), c2
        return FixedPoint(prec.array(w), prec.array(u), prec.array(sh), mu, c2, dist, steps)


def _newton_active(sh: list[Any], wf: list[Any], active: list[bool], c2: Any, lam: Any,
                   beta: Any, mu: Any, pen: str, eps: Any) -> tuple[list[Any], Any, int]:
    """l1 / l0 with the active set and signs of ``wf``: w_i = coef_i / (mu - off_i)."""
    d = len(sh)
    coef, off = [], []
    for i in range(d):
        shrink = lam * _sgn(wf[i]) if (active[i] and pen == "l1") else 0
        coef.append(c2 * sh[i] - shrink)
        off.append(beta if active[i] else 0 * beta)
    steps = 0
    for steps in range(1, NEWTON_STEPS):  # noqa: B007
        phi = sum((coef[i] / (mu - off[i])) ** 2 for i in range(d)) - 1
        dphi = -2 * sum(coef[i] ** 2 / (mu - off[i]) ** 3 for i in range(d))
        dmu = -phi / dphi
        mu = mu + dmu
        if abs(dmu) <= eps * abs(mu):
            break
    return [coef[i] / (mu - off[i]) for i in range(d)], mu, steps


def _newton_tl1(sh: list[Any], wf: list[Any], P: Any, c2: Any, tau: Any, beta: Any, a: Any,
                mu: Any, eps: Any, one: Any) -> tuple[list[Any], Any, int]:
    """Tl1: Newton on F = c2 s + beta P(w) - mu w = 0, |w|^2 = 1 (P' from y - x + tau rho'(y) = 0)."""
    d = len(sh)
    w = list(wf)
    steps = 0
    for steps in range(1, NEWTON_STEPS):  # noqa: B007
        u = P(w)
        dp = [one / (1 - 2 * tau * a * (a + 1) / (a + abs(u[i])) ** 3) if u[i] != 0 else 0 * one
              for i in range(d)]
        F = [c2 * sh[i] + beta * u[i] - mu * w[i] for i in range(d)]
        Fn = sum(x * x for x in w) - 1
        D = [beta * dp[i] - mu for i in range(d)]
        # D dw - w dmu = -F ; 2 w.dw = -Fn
        num_ = -Fn + 2 * sum(w[i] * F[i] / D[i] for i in range(d))
        den = 2 * sum(w[i] * w[i] / D[i] for i in range(d))
        dmu = num_ / den
        dw = [(-F[i] + w[i] * dmu) / D[i] for i in range(d)]
        w = [w[i] + dw[i] for i in range(d)]
        mu = mu + dmu
        if max(abs(x) for x in dw) <= eps and abs(dmu) <= eps * abs(mu):
            break
    return w, mu, steps
