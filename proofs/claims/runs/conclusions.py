"""Conclusions at the limit of a run, shared by Lemma 5.6, Theorem 1 and Corollary 1.1.

Every function here is a slack, ``>= 0`` (``> 0`` for strict claims) iff the conclusion holds at
the run's limit point, evaluated at the limit at B's precision
(:func:`proofs.claims.runs.limit.limit`). Constants are arguments: a claim declares them
(:data:`K_EQ11`, :data:`C_MAX`, ...) and its slack passes ``c.NAME`` through, so a variant with
another constant is ``claim.with_constants(NAME=...)``.

Identities (A = B) are checked within the rounding allowance ``B.allowance(scale)``
(:func:`identity`); a non-strict part of a strict conclusion likewise (:func:`passes`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from proofs.engine.backend import Backend
from proofs.engine.claim import Constant
from proofs.engine.objectives import Bound, Conjuncts, slack_value

from . import limit as lim
from .limit import norm_b, theta_gamma, threshold
from .points import RunPoint, param_expr

#: eqs. (11), (12): |w* - w_bar| <= K sin(gamma); printed K = (1/2) sin(delta)
K_EQ11 = Constant("K", param_expr("sin(delta)/2"), sense="upper",
                  doc="the coefficient of sin(gamma) in eqs. (11), (12): (1/2) sin(delta) as printed")
#: the corrected coefficient: (2 pi/k) beta <= sin(delta) (L5.6-eq11+fix, T1-eq12+fix)
K_EQ11_FIX = param_expr("2*pi*beta/k")
#: eqs. (10), (25): 0 < C <= C_MAX
C_MAX = Constant("C_MAX", param_expr("k/(k - 2*pi*lam*sqrt(d))"), sense="upper",
                 doc="the bound on C in eqs. (10) and (25)")


def identity(diff: Any, scale: Any, B: Backend) -> Any:
    """Slack of an identity |A - B| = ``diff`` within ``B.allowance(scale)``: flat and *positive*
    (= the allowance) inside it, so that it can enter the slack of a strict claim as a minimum
    with strict parts; ``allowance - diff`` (negative) outside."""
    a = B.allowance(scale)
    return a if diff <= a else a - diff


def passes(value: Any, B: Backend, scale: Any = 2) -> Any:
    """A non-strict part ``value >= 0`` of a strict conclusion: flat positive (the allowance
    ``B.allowance(scale)``) when ``value >= -allowance``, else ``value + allowance`` (negative),
    so that it enters a minimum with strict parts as a pass/fail value (as :func:`identity`)."""
    a = B.allowance(scale)
    return a if value >= -a else value + a


def c2_of(p: RunPoint, B: Backend) -> Any:
    """c2 = k/(2 pi), the coefficient of w* in the update (eq. (21))."""
    return B.scalar(int(p["k"])) / (2 * B.pi)


def parallel_parts(v: np.ndarray, w: np.ndarray, B: Backend) -> tuple[Any, Any]:
    """C = <v, w> (w unit) and |v - C w|."""
    C = np.dot(v, w)
    return C, norm_b(v - C * w, B)


# --------------------------------------------------------------------------- convergence, theta
def converges(p: RunPoint, B: Backend) -> Any:
    """1 if the run converges (float run to TOL within T_CAP, and the fixed point is matched at
    B's precision); -|w^{t+1} - w^t| if not: in float the last step, in mpmath only for a
    2-cycle persisting at the working precision (otherwise 1: nothing confirmed)."""
    fr = lim.float_run(p)
    if fr.converged:
        lim.limit(p, B)  # raises (an encoding error) if the fixed point cannot be matched
        return B.scalar(1)
    if not B.is_mp:
        return -fr.last_step
    ev = lim.cycle_evidence(p, B.dps)  # type: ignore[attr-defined]
    return B.scalar(1) if ev is None else -ev[0]


def theta_lt_delta(p: RunPoint, B: Backend) -> Any:
    th, _ = theta_gamma(lim.limit(p, B), B)
    return B.scalar(p["delta"]) - th


def convergence_and_theta(p: RunPoint, B: Backend) -> Any:
    c = converges(p, B)
    if c < 0 or not lim.converged(p):
        return c
    return min(c, theta_lt_delta(p, B))


# --------------------------------------------------------------------------- eqs. (10)-(12), (21)-(25)
def eq11(p: RunPoint, B: Backend, K: Any) -> Any:
    """|w* - w_bar| <= K sin(gamma) (a bound: the search climbs the ratio |w* - w_bar| / sin(gamma))."""
    L = lim.limit(p, B)
    _, ga = theta_gamma(L, B)
    return Bound(norm_b(L.s - L.w, B), K, B.sin(ga))


def eq12(p: RunPoint, B: Backend, K: Any, thr: Any = None) -> Any:
    """|w* - u_bar| <= K sin(gamma) + thr sqrt(d); thr = the operator's threshold (lam/beta for
    l1, Corollary 1.1's reading for l0 / Tl1) unless given."""
    L = lim.limit(p, B)
    _, ga = theta_gamma(L, B)
    thr = threshold(p, B) if thr is None else thr
    return Bound(norm_b(L.s - L.u, B) - thr * B.sqrt(B.scalar(len(L.w))), K, B.sin(ga))


def ratio_eq11(p: RunPoint, B: Backend) -> Any:
    """|w* - w_bar| / (sin(delta) sin(gamma)): what the 1/2 of (11) must bound (gamma > 0)."""
    L = lim.limit(p, B)
    _, ga = theta_gamma(L, B)
    return norm_b(L.s - L.w, B) / (B.sin(B.scalar(p["delta"])) * B.sin(ga))


def ratio_eq12(p: RunPoint, B: Backend) -> Any:
    """(|w* - u_bar| - (lam/beta) sqrt(d)) / (sin(delta) sin(gamma)): what the 1/2 of (12) must
    bound (l1, gamma > 0)."""
    L = lim.limit(p, B)
    _, ga = theta_gamma(L, B)
    tau = B.scalar(p["lam"]) / B.scalar(p["beta"])
    num = norm_b(L.s - L.u, B) - tau * B.sqrt(B.scalar(len(L.w)))
    return num / (B.sin(B.scalar(p["delta"])) * B.sin(ga))


def eq21(p: RunPoint, B: Backend, c1_positive: bool = True) -> Any:
    """(21)-(22): C_bar = 1/(c1 + eta mu) > 0 and c2 w* + beta u_bar = mu w_bar with mu > 0
    (strict), and c1 = 1 - eta (k/(2pi) + beta) > 0 if ``c1_positive`` (as printed)."""
    L = lim.limit(p, B)
    beta, eta = B.scalar(p["beta"]), B.scalar(p["eta"])
    c2 = c2_of(p, B)
    c1 = 1 - eta * (c2 + beta)
    mu, res = parallel_parts(c2 * L.s + beta * L.u, L.w, B)
    parts = [mu, c1 + eta * mu, identity(res, c2 + beta, B)]
    return min([c1, *parts] if c1_positive else parts)


def eq23(p: RunPoint, B: Backend) -> Any:
    """(23): (k/(2pi)) sin(theta) = beta |u_bar| sin(gamma) (identity slack)."""
    L = lim.limit(p, B)
    th, ga = theta_gamma(L, B)
    c2, beta = c2_of(p, B), B.scalar(p["beta"])
    return identity(B.fabs(c2 * B.sin(th) - beta * norm_b(L.u, B) * B.sin(ga)), c2 + beta, B)


def eq25_parts(p: RunPoint, B: Backend, first: str = "w*") -> tuple[Any, Any]:
    """v = F - (2pi/k) beta (w_bar - u_bar) with F = w* (eq. (25)) or w_bar (eq. (10) as
    printed): (C = <v, w_bar>, |v - C w_bar|)."""
    L = lim.limit(p, B)
    F = L.s if first == "w*" else L.w
    v = F - 2 * B.pi / int(p["k"]) * B.scalar(p["beta"]) * (L.w - L.u)
    return parallel_parts(v, L.w, B)


def eq25(p: RunPoint, B: Backend, c_max: Any, first: str = "w*") -> Any:
    """(25) (``first="w*"``) or (10) as printed (``"w_bar"``): v = C w_bar with 0 < C <= c_max
    (strict: C > 0; the identity part within the rounding allowance)."""
    C, res = eq25_parts(p, B, first)
    return Conjuncts(identity=identity(res, B.scalar(2), B), positive=C, bound=c_max - C)


def eq25_cos(p: RunPoint, B: Backend) -> Any:
    """Corrected (10) (= eq. (25)): w* - (2pi/k) beta (w_bar - P(w_bar)) = C w_bar with
    0 < C <= cos(theta) (<= 1 <= k/(k - 2 pi lam sqrt d))."""
    th, _ = theta_gamma(lim.limit(p, B), B)
    C, res = eq25_parts(p, B)
    return Conjuncts(identity=identity(res, B.scalar(2), B), positive=C, bound=B.cos(th) - C)


# --------------------------------------------------------------------------- Corollary 1.1
def corollary(p: RunPoint, B: Backend, c_max: Any, K: Any) -> Any:
    """Corollary 1.1 as read: convergence, theta < delta, (10) as printed with the operator,
    (11) as printed and (12) with the operator's threshold in place of lam/beta."""
    c = converges(p, B)
    if c < 0 or not lim.converged(p):
        return c
    return Conjuncts(theta=theta_lt_delta(p, B), eq10=eq25(p, B, c_max, first="w_bar"),
                     eq11=eq11(p, B, K), eq12=eq12(p, B, K))


def corollary_at_limit(p: RunPoint, B: Backend, K: Any) -> Any:
    """Corrected Corollary 1.1 at the limit of a convergent run (no convergence part: that is
    ``C1.1-convergence``), strict: delta - theta > 0 and, as pass/fail parts (:func:`passes`,
    :func:`identity`), w* - (2pi/k) beta (w_bar - u_bar) = C w_bar, 0 <= C <= cos(theta),
    |w* - w_bar| <= K sin(gamma), |w* - u_bar| <= K sin(gamma) + r sqrt(d), K = (2pi/k) beta,
    r = :func:`~proofs.claims.runs.limit.max_shrink`."""
    th, _ = theta_gamma(lim.limit(p, B), B)
    C, res = eq25_parts(p, B)
    return Conjuncts(theta=theta_lt_delta(p, B), identity=identity(res, B.scalar(2), B),
                     nonnegative=passes(C, B), bound=passes(B.cos(th) - C, B),
                     eq11=passes(slack_value(eq11(p, B, K)), B),
                     eq12=passes(slack_value(eq12(p, B, K, lim.max_shrink(p, B))), B))
