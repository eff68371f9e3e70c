"""Claims of Lemma 5.5 (Lagrangian descent) and its proof (the bounds on C_t).

Trajectory points (:mod:`proofs.claims.runs.points`), l1 penalty. Lemma 5.5 assumes only
eta <= 1/(beta + L), L = k/(4 pi) (Lemma 5.3); its proof adds the step condition
||eta E_Z[g(w^t,Z)] + eta beta (w^t - u^{t+1})|| <= 1/2, which is the hypothesis of
``L5.5-Ct-bounds``. L_beta(u, w) = f(w) + lambda ||u||_1 + (beta/2)||w - u||^2 with f the
population loss of eq. (6), f = k theta/(2 pi) (as the run records it).

The Lagrangian slacks (:func:`descent_slack`, :func:`surrogate_slack`) and the surrogate's proof
(:func:`proofs.claims.arguments.surrogate.prove_surrogate`) serve Theorem 1's descent claims too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import sympy as sp

from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Constant, Constants
from proofs.model import angle, model

from .arguments import step_bounds as SB
from .arguments import surrogate as SU
from .runs.hypotheses import H_C1_NONNEG, H_ETA_L55, H_STEP_HORIZON, horizon
from .runs.points import RunPoint, run_point
from .runs.strategies import horizon_points
from .runs.trajectory import (
    Step,
    exact_unit,
    first_unit_t,
    iterates,
    min_or,
    nrm,
    path,
    steps,
    unit_steps,
)

SECTION = "Lemma 5.5"
_BASE_DOMAIN = (
    "runs of Algorithm 1 (l1 penalty, exact E_Z[g]): d = 2, 3 often, up to 6; k in 1..100; w* a "
    "normalised integer vector in [-4,4]^d; w0 = w*, -w*, near w*, a normalised integer vector or "
    "at any angle in [0, pi]; beta round (1e-6..1) or log-uniform 1e-4..1e3; lambda in {1e-12, .., 10} "
    "or beta*tau (u = 0 reached); u0 = prox(w0), 0 or an integer vector; horizon T in 1..8 (2..8 for "
    "the Lagrangian claims); "
)
DOMAIN = _BASE_DOMAIN + "eta <= 1/(beta + k/(4 pi)) (its bound, fractions of it, round values below it)"
DOMAIN_FIX = _BASE_DOMAIN + "eta <= 1/(k/(2 pi) + beta) (its bound, fractions, round values)"
DOMAIN_CT = _BASE_DOMAIN + (
    "eta anywhere in 1e-4..1e3 then lowered so that the step condition holds on the horizon, "
    "often pushed to it (max_t eta ||E g + beta (w - u)|| = 1/2 (1 - 1e-9))"
)
_T = 8
_SUPPORTS_L55 = ("L5.6-convergence", "T1-descent", "T1-convergence")

#: the bounds of the proof: CT_LOW <= C_t <= CT_HIGH
CT_LOW = Constant("CT_LOW", "2/3", sense="lower", doc="lower bound of C_t = 1/||w^^{t+1}||")
CT_HIGH = Constant("CT_HIGH", "2", sense="upper", doc="upper bound of C_t = 1/||w^^{t+1}||")


def _strategy() -> Any:
    return horizon_points(lemma54=False, eta_rule="L55", max_T=_T, min_T=2)


def _strategy_fix() -> Any:
    return horizon_points(lemma54=False, eta_rule="fix", max_T=_T, min_T=2)


def _strategy_ct() -> Any:
    return horizon_points(lemma54=False, eta_rule="any", step_rule="horizon", max_T=_T)


# --------------------------------------------------------------------------------------------
# slacks
# --------------------------------------------------------------------------------------------
def descent_slack(p: RunPoint, B: Backend) -> Any:
    """min_t L_beta(u^t, w^t) - L_beta(u^{t+1}, w^{t+1}) over the t of the horizon with
    ||w^t|| = 1 (t >= 1; t = 0 when w0 is exactly unit): L_beta's coupling term depends on the
    norm of w^t, and the proof's reading is ||w^t|| = 1 for all t."""
    lag = path(p, B).lagrangian
    first = first_unit_t(p)
    return min_or((lag[t] - lag[t + 1] for t in range(first, len(lag) - 1)), B.scalar(0))


def surrogate(w: np.ndarray, u: np.ndarray, p: RunPoint, B: Backend) -> Any:
    """L~_beta(u, w) = (k/(2 pi))(1 - cos theta(w, w*)) + lambda ||u||_1 + (beta/2)||w - u||^2."""
    k = B.scalar(int(p["k"]))
    th = angle(w, np.asarray(p["w_star"]))
    diff = w - u
    return (
        k / (2 * B.pi) * (1 - B.cos(th))
        + B.scalar(p["lam"]) * sum(abs(x) for x in u)
        + B.scalar(p["beta"]) / 2 * np.dot(diff, diff)
    )


def surrogate_slack(p: RunPoint, B: Backend) -> Any:
    """min over t with ||w^t|| = 1 of L~(u^t, w^t) - L~(u^{t+1}, w^{t+1}) (+ allowance: equality
    at fixed points)."""
    ws, us = iterates(p, B)
    first = 0 if exact_unit(p["w0"]) else 1
    vals = []
    for t in range(first, len(ws) - 1):
        a, b = surrogate(ws[t], us[t], p, B), surrogate(ws[t + 1], us[t + 1], p, B)
        vals.append(a - b + B.allowance(1 + abs(a) + abs(b)))
    return min_or(vals, B.scalar(1))


def _ct_bounds(s: Step, B: Backend, c: Constants) -> tuple[Any, Any]:
    """C_t - CT_LOW and CT_HIGH - C_t, C_t = 1/||w^^{t+1}||."""
    ct = 1 / nrm(s.w_hat, B)
    return ct - c.CT_LOW, c.CT_HIGH - ct


def _ct_slack(p: RunPoint, B: Backend, c: Constants) -> Any:
    """min over t with ||w^t|| = 1 of min(C_t - CT_LOW, CT_HIGH - C_t) (+ allowance: C_t = 2 is
    attained)."""
    return min_or((min(_ct_bounds(s, B, c)) for s in unit_steps(p, B)), B.scalar(1)) + B.allowance(2)


def _antipode_slack(p: RunPoint, B: Backend) -> Any:
    """min_t pi - theta(-w^t, w^{t+1}) (strict: must be > 0)."""
    return min_or((B.pi - angle(-s.w, s.w_next) for s in steps(p, B)), B.scalar(1))


def _ct_fix_slack(p: RunPoint, B: Backend, c: Constants) -> Any:
    """min over t with ||w^t|| = 1 of <w^{t+1}/C_t - w^t, w^{t+1} - w^t> (= <w^^ - w, w' - w>),
    C_t - CT_LOW and CT_HIGH - C_t (+ allowance: each is attained with equality)."""
    vals = (min(np.dot(s.w_hat - s.w, s.w_next - s.w), *_ct_bounds(s, B, c))
            for s in unit_steps(p, B))
    return min_or(vals, B.scalar(1)) + B.allowance(2)


# --------------------------------------------------------------------------------------------
# proofs
# --------------------------------------------------------------------------------------------
@cache
def sphere_gradient() -> tuple[bool, str]:
    """SymPy: the model's E_Z[g] on the sphere is (k/(2 pi))(w^ - s^)."""
    from proofs.model.derivation import k

    co = model().coarse_gradient["entrywise"]
    ok = sp.simplify(co.coeff_w - k / (2 * sp.pi)) == 0 and sp.simplify(co.coeff_s + k / (2 * sp.pi)) == 0
    return ok, f"E_Z[g](w) = ({co.coeff_w}) w^ + ({co.coeff_s}) s^"


# --------------------------------------------------------------------------------------------
# claims
# --------------------------------------------------------------------------------------------
#: C_t = 2 attained: w0 = w* = e1, k = 1, beta = 1, lambda = 1 (u = 0), eta = 1/2: w^ = e1/2
_CT_TWO = run_point([1.0, 0.0], [1.0, 0.0], k=1, lam=1.0, beta=1.0, eta=0.5, T=2)

DESCENT = Claim(
    id="L5.5-lagrangian-descent",
    paper_ref="Lemma 5.5, eq. (20)",
    section=SECTION,
    statement="If eta <= 1/(beta + L), L from Lemma 5.3: L_beta(u^{t+1}, w^{t+1}) <= L_beta(u^t, w^t).",
    reading="every t of the horizon (t >= 0), L = k/(4 pi), l1 penalty, f of eq. (6), u0 "
    "arbitrary; only the printed hypothesis on eta (no angle or step condition); slack "
    "min_t L_t - L_{t+1}",
    domain=DOMAIN,
    hypotheses=horizon((H_ETA_L55,)),
    strategy=_strategy,
    slack=descent_slack,
    supports=_SUPPORTS_L55,
    notes="f = k theta/(2 pi) but the coarse gradient is the sphere-gradient of "
    "(k/(2 pi))(1 - cos theta): near w* (theta growing towards the fixed point) the w-step "
    "raises f to first order while the coupling term falls less.",
)
CT = Claim(
    id="L5.5-Ct-bounds",
    paper_ref="proof of Lemma 5.5",
    section=SECTION,
    statement="With w^{t+1} = C_t (w^t - eta E_Z[g(w^t,Z)] - eta beta (w^t - u^{t+1})) and ||eta "
    "E_Z[g(w^t,Z)] + eta beta (w^t - u^{t+1})|| <= 1/2: 2/3 <= C_t <= 2 and theta(-w^t, w^{t+1}) < pi.",
    reading="the conjunct theta(-w^t, w^{t+1}) < pi at every t of the horizon (strict), under the "
    "step condition at every t < T (the C_t conjunct is L5.5-Ct-bounds@Ct)",
    domain=DOMAIN_CT,
    hypotheses=horizon((H_STEP_HORIZON,)),
    strategy=_strategy_ct,
    slack=_antipode_slack,
    strict=True,
    supports=("L5.5-lagrangian-descent", "T1-descent"),
    search_scale=2.0,
    notes="When the step is parallel to w^t (e.g. w^t = w* = e1: E g = 0 and u = S(e1) is "
    "parallel to e1) w^{t+1} = w^t and theta(-w^t, w^{t+1}) = pi exactly.",
)
#: the C_t conjunct, with its constants
CT_BOUNDS = CT.another_reading(
    "Ct",
    reading="the conjunct CT_LOW = 2/3 <= C_t <= CT_HIGH = 2, C_t = 1/||w^^{t+1}||, at every t with "
    "||w^t|| = 1 (t >= 1, t = 0 when w0 is exactly unit), under the step condition at every t < T; "
    "rounding allowance 256 u * 2 (C_t = 2 is attained)",
    slack=_ct_slack, constants_decl=(CT_LOW, CT_HIGH), strict=False, prove=SB.prove_ct, uses=SB.USES_ct,
    examples=(_CT_TWO,),
    notes="Best constants: for a general step s with ||s|| <= 1/2 the bounds 2/3 and 2 are "
    "attained (s = -w/2, s = w/2). Along Algorithm 1 the step satisfies <w^t, s> >= 0, so the "
    "lower bound improves to 2/sqrt 5 (L5.5-Ct-bounds@Ct-sharp, an infimum, not attained: it "
    "needs <w, v> = 0, i.e. v = 0); C_t = 2 is attained (w0 = w* = e1, k = 1, beta = lambda = 1, "
    "eta = 1/2).",
)

CLAIMS: tuple[Claim, ...] = (
    DESCENT,
    DESCENT.another_reading(
        "small-eta",
        reading="as the main reading, restricted to eta (k/(2 pi) + beta) <= 1 (which implies the "
        "printed eta <= 1/(beta + k/(4 pi)); no overshoot): the failure is not a large-step effect",
        domain=DOMAIN_FIX, add_hypotheses=(H_C1_NONNEG,), strategy=_strategy_fix,
        corrected_by="L5.5-lagrangian-descent+fix", supports=_SUPPORTS_L55, notes="",
    ),
    DESCENT.fix(
        statement="If eta (k/(2 pi) + beta) <= 1, the surrogate Lagrangian L~_beta(u, w) = (k/(2 pi))"
        "(1 - cos theta(w, w*)) + lambda ||u||_1 + (beta/2)||w - u||^2 (f replaced by the function "
        "whose sphere-gradient E_Z[g] is) is non-increasing along Algorithm 1: L~_beta(u^{t+1}, "
        "w^{t+1}) <= L~_beta(u^t, w^t) whenever ||w^t|| = 1.",
        reading="t >= 1, and t = 0 when w0 is exactly unit; slack min_t L~_t - L~_{t+1} plus a "
        "rounding allowance 256 u (1 + |L~_t| + |L~_{t+1}|) (equality at fixed points)",
        domain=DOMAIN_FIX, drop_hypotheses=[H_ETA_L55.name], add_hypotheses=(H_C1_NONNEG,),
        strategy=_strategy_fix, slack=surrogate_slack, prove=SU.prove_surrogate, uses=SU.USES_surrogate, search_scale=2.0,
        notes="Proof (arguments.surrogate): the u-step minimises L~ in u (same u-terms as L_beta). "
        "On the sphere L~(u, w) = const(u) - <w, v>, v = (k/(2 pi)) w* + beta u, and w^^ = c1 w + "
        "eta v with c1 = 1 - eta (k/(2 pi) + beta) >= 0; for unit w and c1 >= 0, <w^^/||w^^||, v> "
        ">= <w, v> (expand: the difference has the sign of eta (|v|^2 - <w,v>^2)(2 c1 <w,v> + eta "
        "|v|^2) when <w^^, v> >= 0). The printed eta <= 1/(beta + k/(4 pi)) does not imply c1 >= 0.",
    ),
    CT,
    CT_BOUNDS,
    CT_BOUNDS.derive(
        "L5.5-Ct-bounds@Ct-sharp",
        statement="Best constants for the C_t conjunct along Algorithm 1: 2/sqrt(5) <= C_t <= 2 "
        "(2 attained; 2/sqrt 5 approached as theta_t -> 0, lambda -> 0, ||step|| = 1/2).",
        reading="same points as L5.5-Ct-bounds@Ct, sharper lower constant CT_LOW = 2/sqrt(5)",
        constants={"CT_LOW": "2/sqrt(5)"}, prove=SB.prove_ct_sharp, uses=SB.USES_ct_sharp, notes="",
    ),
    # the correction is the C_t reading plus the inner product the proof needs
    CT_BOUNDS.derive(
        "L5.5-Ct-bounds+fix", corrects="L5.5-Ct-bounds",
        statement="Under the step condition, with ||w^t|| = 1: 2/3 <= C_t <= 2 (indeed 2/sqrt 5 <= C_t "
        "<= 2), theta(-w^t, w^{t+1}) < pi unless w^{t+1} = w^t, and in every case "
        "<w^{t+1}/C_t - w^t, w^{t+1} - w^t> >= 0 (the inequality the proof draws from the angle "
        "condition; = 0 exactly when w^{t+1} = w^t).",
        reading="at every t with ||w^t|| = 1 (t >= 1, t = 0 when w0 is exactly unit), under the step "
        "condition at every t < T: min of the inner product, C_t - 2/3 and 2 - C_t, plus a rounding "
        "allowance 256 u * 2 (all three are attained with equality)",
        slack=_ct_fix_slack, prove=SB.prove_ct_fix, uses=SB.USES_ct_fix,
        notes="The angle part alone is a tautology for unit vectors (theta(-a, b) = pi iff b = a), so "
        "it is not searched in finite precision; what the proof needs is the inner product, "
        "which holds without exception.",
    ),
)
