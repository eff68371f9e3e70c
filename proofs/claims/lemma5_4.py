"""Claims of Lemma 5.4 (angle descent) and its proof: soft thresholding, the acute angle between
w^t and u^{t+1}, ||u^{t+1}|| <= 1, and the invariance of the cone theta <= pi - delta.

Points are trajectory points (:mod:`proofs.claims.runs.points`): a run of Algorithm 1 with the l1
penalty (the proof's soft thresholding), k, w*, w^0, u^0, lambda, beta, eta, the horizon T and
delta. Lemma 5.4 assumes only theta0 <= pi - delta and beta <= k sin(delta)/(2 pi) (and the
setting: beta, eta, lambda > 0): no condition on eta or lambda. Each slack is a minimum over the
iterations of the horizon, computed by running the spec in float64 and by replaying it at 50 /
100 digits (:mod:`proofs.claims.runs.trajectory`).

Readings. The proof's "due to normalization ||w^t|| = 1 for all t" means ||w^0|| = 1: norm-
dependent conclusions (u-norm) are checked at t >= 1 and at t = 0 when w^0 is exactly unit.
theta(w^t, u^{t+1}) is undefined when u^{t+1} = 0; the proof only uses <w^t, u^{t+1}> >= 0,
which is what ``L5.4-acute`` checks.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Constant, Constants
from proofs.engine.power import not_sharp

from .arguments import one_step as OS
from .arguments import step_bounds as SB
from .runs.hypotheses import H_C1_NONNEG, LEMMA54, horizon
from .runs.points import RunPoint, param_expr, run_point
from .runs.strategies import horizon_points
from .runs.trajectory import first_unit_t, min_or, nrm, path, steps, unit_steps

SECTION = "Lemma 5.4"
HYPS = horizon(LEMMA54)
DOMAIN = (
    "runs of Algorithm 1 (l1 penalty, exact E_Z[g]): d = 2, 3 often, up to 6; k in 1..100; "
    "w* a normalised integer vector in [-4,4]^d; w0 = w*, near w* (1e-1..1e-8), a normalised "
    "integer vector, or at a drawn angle up to pi - delta (edge included); delta round (pi/2, pi/3, "
    "..., 0.01) or a fraction of pi - theta0 (edge included); beta at k sin(delta)/(2 pi) "
    "(1 - 1e-9), a fraction of it, or round; lambda in {1e-12, 0.001, .., 10} or beta*tau (u = 0 "
    "reached); eta anywhere in 1e-4..1e3 (no condition in Lemma 5.4); u0 = prox(w0), 0 or an "
    "integer vector; horizon T in 1..8"
)
DOMAIN_FIX = DOMAIN.replace(
    "eta anywhere in 1e-4..1e3 (no condition in Lemma 5.4)",
    "eta <= 1/(k/(2 pi) + beta) (its bound, fractions of it, round values below it)",
)
_SUPPORTS_DESCENT = ("L5.5-lagrangian-descent", "L5.6-convergence", "T1-descent", "T1-convergence")
_T = 8

#: theta_{t+1} <= max(theta_t, CAP): as printed CAP = 0 (the angle never rises)
CAP = Constant("CAP", "0", sense="upper",
               doc="the angle the iterates may rise to: theta_{t+1} <= max(theta_t, CAP)")
CAP_FIX = param_expr("asin(2*pi*beta/k)")


def _strategy() -> Any:
    return horizon_points(lemma54=True, eta_rule="any", max_T=_T)


def _strategy_fix() -> Any:
    return horizon_points(lemma54=True, eta_rule="fix", max_T=_T)


# --------------------------------------------------------------------------------------------
# slacks
# --------------------------------------------------------------------------------------------
def _descent_slack(p: RunPoint, B: Backend, c: Constants) -> Any:
    """min_t max(theta_t, CAP) - theta_{t+1} over the horizon (+ rounding allowance)."""
    th = path(p, B).theta
    vals = (max(th[t], c.CAP) - th[t + 1] for t in range(len(th) - 1))
    return min_or(vals, B.scalar(0)) + B.allowance(B.pi)


def _descent_slack_unit(p: RunPoint, B: Backend, c: Constants) -> Any:
    """As :func:`_descent_slack` over the steps from a unit w^t only (t >= first_unit_t: t >= 1,
    and t = 0 when w^0 is exactly unit), the steps the proof's ||w^t|| = 1 covers."""
    th = path(p, B).theta
    vals = (max(th[t], c.CAP) - th[t + 1] for t in range(first_unit_t(p), len(th) - 1))
    return min_or(vals, B.scalar(0)) + B.allowance(B.pi)


def _invariance_slack_unit(p: RunPoint, B: Backend) -> Any:
    """The implication theta_t <= pi - delta => theta_{t+1} <= pi - delta at the t >= first_unit_t
    (unit w^t): min of (pi - delta) - theta_{t+1} over those t with theta_t <= pi - delta."""
    th = path(p, B).theta
    top = B.pi - B.scalar(p["delta"])
    return min_or((top - th[t + 1] for t in range(first_unit_t(p), len(th) - 1) if th[t] <= top),
                  B.scalar(1))


def _invariance_slack(p: RunPoint, B: Backend) -> Any:
    """min_{t>=1} (pi - delta) - theta_t: the first t with theta_{t+1} > pi - delta has
    theta_t <= pi - delta, so this is negative iff the implication fails at some t."""
    th = path(p, B).theta
    top = B.pi - B.scalar(p["delta"])
    return min_or((top - x for x in th[1:]), B.scalar(1))


def _soft_prox_slack(p: RunPoint, B: Backend) -> Any:
    """Optimality of u^{t+1} for u -> lam|u|_1 + (beta/2)|u - w^t|^2, per coordinate (strictly
    convex, so stationarity is global optimality): u_i != 0 needs beta (u_i - w_i) +
    lam sgn(u_i) = 0 (slack: allowance - |.|), u_i = 0 needs beta |w_i| <= lam."""
    lam, beta = B.scalar(p["lam"]), B.scalar(p["beta"])
    vals = []
    for s in steps(p, B):
        for wi, ui in zip(s.w, s.u, strict=True):
            tol = B.allowance(beta * abs(wi) + lam)
            if ui != 0:
                vals.append(tol - abs(beta * (ui - wi) + lam * B.sign(ui)))
            else:
                vals.append(tol + lam - beta * abs(wi))
    return min_or(vals, B.scalar(1))


def _acute_slack(p: RunPoint, B: Backend) -> Any:
    """min_t <w^t, u^{t+1}> (theta(w^t, u^{t+1}) <= pi/2 where u^{t+1} != 0)."""
    return min_or((np.dot(s.w, s.u) for s in steps(p, B)), B.scalar(1))


def _unorm_slack(p: RunPoint, B: Backend) -> Any:
    """min 1 - ||u^{t+1}|| over the t with ||w^t|| = 1 (+ rounding allowance: equality in the
    limit lambda -> 0, where u = w)."""
    return min_or((1 - nrm(s.u, B) for s in unit_steps(p, B)), B.scalar(1)) + B.allowance()


# --------------------------------------------------------------------------------------------
# claims
# --------------------------------------------------------------------------------------------
_PI = float(np.pi)
#: w0 = w* = e1 (exactly unit), beta at its bound for delta = pi/2, eta at 1/(k/(2 pi) + beta)
_EDGE_FIX = run_point([1.0, 0.0], [1.0, 0.0], k=1, lam=0.01, beta=0.1,
                      eta=(1 - 1e-9) / (0.5 / _PI + 0.1), T=4, delta=_PI / 2)
#: the shared record of Lemma 5.4's claims (not registered: each claim derives from it)
_LEMMA = Claim(
    id="L5.4", paper_ref="Lemma 5.4, eq. (19)", section=SECTION, statement="", reading="",
    domain=DOMAIN, hypotheses=HYPS, strategy=_strategy, search_scale=2.0,
)
_PROOF = _LEMMA.derive("L5.4-proof", paper_ref="proof of Lemma 5.4")
#: the fixes' extra hypothesis eta (k/(2 pi) + beta) <= 1 and the points drawn inside it
_SMALL_ETA = {"add_hypotheses": (H_C1_NONNEG,), "domain": DOMAIN_FIX, "strategy": _strategy_fix}

ANGLE_DESCENT = _LEMMA.derive(
    "L5.4-angle-descent",
    statement="theta_t := theta(w^t, w*). If theta_0 <= pi - delta and beta <= k sin(delta)/(2 pi), "
    "then theta_{t+1} <= theta_t (iterates of Algorithm 1).",
    reading="for every t of the horizon (t >= 0), l1 penalty (the proof's soft thresholding), "
    "u0 arbitrary, no condition on eta or lambda (none is stated); slack min_t max(theta_t, CAP) - "
    "theta_{t+1} with CAP = 0 (theta_t - theta_{t+1}), plus the rounding allowance 256 u pi",
    slack=_descent_slack, constants_decl=(CAP,), supports=_SUPPORTS_DESCENT,
    notes="Started at w0 = w* (theta0 = 0) the angle must grow when u^{t+1} is not parallel to "
    "w*: a fixed point has (k/(2 pi)) sin(theta) = beta ||u|| sin(gamma) > 0 (L5.6-eq23). The "
    "proof only argues that theta stays <= pi - delta.",
)
INVARIANCE = _PROOF.derive(
    "L5.4-invariance",
    statement="Under the hypotheses of Lemma 5.4: theta_t <= pi - delta implies theta_{t+1} <= pi - delta.",
    reading="every t of the horizon, no condition on eta (none is stated); slack min_{t>=1} "
    "(pi - delta) - theta_t",
    slack=_invariance_slack, supports=("L5.6-convergence", "L5.6-theta-lt-delta", "T1-convergence"),
    notes="The proof writes w^{t+1} = C_t w^t + eta (k/(2 pi)) w* + eta beta u^{t+1} with C_t > 0; "
    "the true coefficient of w^t is 1 - eta (k/(2 pi) + beta), negative for large eta, and the "
    "step then overshoots.",
)

CLAIMS: tuple[Claim, ...] = (
    ANGLE_DESCENT,
    ANGLE_DESCENT.another_reading(
        "small-eta", reading="as the main reading, restricted to eta (k/(2 pi) + beta) <= 1 (no "
        "overshoot): shows that the failure is not only a large-step effect",
        corrected_by="L5.4-angle-descent+fix", supports=_SUPPORTS_DESCENT, notes="", **_SMALL_ETA,
    ),
    ANGLE_DESCENT.fix(
        statement="Under Lemma 5.4's hypotheses and eta (k/(2 pi) + beta) <= 1: theta_{t+1} <= "
        "max(theta_t, arcsin(2 pi beta/k)) for every t; hence theta_t <= max(theta_0, arcsin(2 pi "
        "beta/k)) <= pi - delta for all t (the angle can only rise up to arcsin(2 pi beta/k) <= delta).",
        reading="every t of the horizon from a unit w^t (t >= 1, and t = 0 when w0 is exactly unit: "
        "the proof's normalisation ||w^t|| = 1, as L5.4-u-norm); slack min_t max(theta_t, CAP) - "
        "theta_{t+1}, CAP = arcsin(2 pi beta/k)", slack=_descent_slack_unit,
        constants={"CAP": CAP_FIX}, examples=(_EDGE_FIX,), **_SMALL_ETA,
        power=not_sharp("arcsin(2 pi beta/k) is a cap for any u with |u| <= 1, not attained by "
                        "thresholded u (|u| <= cos(gamma)); proved"),
        prove=OS.prove_angle_descent_fix, uses=OS.USES_angle_descent_fix,
        notes="Proof (R-one-step-angle): on the sphere w^^{t+1} = c1 w^t + eta v, c1 >= 0, v = "
        "(k/(2 pi)) w* + beta u^{t+1} with |u^{t+1}| <= 1 (OP-soft-sign), so v is within "
        "arcsin(2 pi beta/k) of w* and w^^{t+1} lies on the short arc between w^t and v; induction on "
        "max(theta_t, arcsin(2 pi beta/k)). Without c1 >= 0 the step can overshoot (L5.4-invariance "
        "is refuted). A w0 that is unit only to rounding is not covered at t = 0 (then |u^1| <= |w0| "
        "may exceed 1): the slack starts at the first unit iterate.",
    ),
    _PROOF.derive(
        "L5.4-soft-prox",
        statement="For the l1 penalty, u^{t+1} = argmin_u L_beta(u, w^t) = S_{lambda/beta}(w^t).",
        reading="the run's u^{t+1} (soft thresholding) satisfies the optimality condition of the "
        "strictly convex problem min_u lambda |u|_1 + (beta/2)||u - w^t||^2 at every t (per coordinate)",
        slack=_soft_prox_slack, prove=SB.prove_soft_prox, uses=SB.USES_soft_prox,
        notes="Slack: per coordinate, allowance - |beta (u_i - w_i) + lambda sgn u_i| (u_i != 0) or "
        "allowance + lambda - beta |w_i| (u_i = 0); allowance 256 u (beta |w_i| + lambda).",
    ),
    _PROOF.derive(
        "L5.4-acute",
        statement="theta(w^t, u^{t+1}) <= pi/2.",
        reading="<w^t, u^{t+1}> >= 0 at every t (the angle is undefined when u^{t+1} = 0; the proof "
        "uses only the sign of the inner product)",
        slack=_acute_slack, prove=SB.prove_acute, uses=SB.USES_acute,
    ),
    _PROOF.derive(
        "L5.4-u-norm",
        statement="||u^{t+1}|| <= 1.",
        reading="at every t with ||w^t|| = 1 (t >= 1, and t = 0 when w0 is exactly unit: the proof's "
        "normalisation); slack 1 - ||u^{t+1}|| plus a rounding allowance 256 u (equality as "
        "lambda -> 0)",
        slack=_unorm_slack, prove=SB.prove_unorm, uses=SB.USES_unorm,
        notes="As printed without ||w0|| = 1 the step t = 0 would fail trivially (u^1 = S(w0) with "
        "||w0|| > 1, lambda small); the proof states ||w^t|| = 1 for all t.",
    ),
    INVARIANCE,
    INVARIANCE.fix(
        statement="Under Lemma 5.4's hypotheses and eta (k/(2 pi) + beta) <= 1: theta_t <= pi - delta "
        "implies theta_{t+1} <= pi - delta.",
        reading="every t of the horizon from a unit w^t (t >= 1, and t = 0 when w0 is exactly unit, "
        "as L5.4-u-norm); slack min of (pi - delta) - theta_{t+1} over those t with theta_t <= pi - delta",
        slack=_invariance_slack_unit, examples=(_EDGE_FIX,), **_SMALL_ETA,
        prove=OS.prove_invariance_fix, uses=OS.USES_invariance_fix,
        notes="Follows from L5.4-angle-descent+fix (arcsin(2 pi beta/k) <= min(delta, pi - delta)).",
    ),
)
