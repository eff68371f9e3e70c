"""Claims of Theorem 1: the Lagrangian descent (``T1-descent``), convergence and the limit's
eqs. (10)-(12), and the Remark after it (the sign of w_bar - S(w_bar); the step condition).

Every claim assumes *every* hypothesis of Theorem 1, l1 penalty
(:data:`~proofs.claims.runs.hypotheses.THEOREM1`): theta(w0, w*) <= pi - delta, delta > 0;
beta <= k sin(delta)/(2 pi); lambda < k/(2 pi sqrt d); eta <= min{1/(beta + L), 2 pi/k},
L = k/(4 pi); and the step condition eta ||E_Z[g(w^t,Z)] + beta (w^t - u^{t+1})|| <= 1/2 for all t
(:data:`~proofs.claims.runs.hypotheses.H_STEP`: along the whole run of a limit point; exactly on
the horizon of a trajectory point and for its infinite tail by the proved bound eta (k/pi + beta)
of ``T1-remark-step+fix``).

* trajectory points (:func:`~proofs.claims.runs.strategies.horizon_points`): the descent claims
  and the Remark on the step condition;
* limit points (:func:`~proofs.claims.runs.strategies.limit_points` with ``family="T1"``): the
  conclusions at the limit, confirmed at the high-precision fixed point.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from proofs.engine.backend import FLOAT, Backend
from proofs.engine.claim import Claim, Constants, ExistentialConstant, Hypothesis, ProofResult
from proofs.engine.power import not_sharp
from proofs.engine.proof import by_sympy, proof
from proofs.model import expected_coarse_gradient

from .arguments import limit_point as P
from .arguments import step_bounds as SB
from .arguments import surrogate as SU
from .lemma5_5 import descent_slack, sphere_gradient, surrogate_slack
from .lemma5_6 import COMMON, EQ11, LIMIT, PROVED_READING, ROUND
from .runs import conclusions as C
from .runs.conclusions import C_MAX, K_EQ11, K_EQ11_FIX
from .runs.hypotheses import (
    H_C1_NONNEG,
    STEP_NORM_BOUND,
    THEOREM1,
    at_limit,
    horizon,
    lemma56_step_sizes,
)
from .runs.limit import limit
from .runs.points import RunPoint
from .runs.strategies import horizon_points, limit_points
from .runs.trajectory import iterates, min_or, nrm, unit_steps

SECTION = "Theorem 1"
#: a round counterexample to (12): w* = (0.96, 0.28), lam/beta = 2/15, all coordinates active
EQ12 = dict(ROUND, w_star=np.array([0.96, 0.28]), lam=0.02)
DOMAIN = (
    "run specs of Algorithm 1 with the l1 penalty: k >= 1, d >= 2, unit w*, unit w0 with "
    "theta(w0,w*) <= pi - delta, delta in (0, pi), 0 < beta <= k sin(delta)/(2pi), "
    "0 < lam < k/(2pi sqrt d), 0 < eta <= min{1/(beta+L), 2pi/k} with L = k/(4pi), and "
    "eta |E g(w^t) + beta (w^t - u^{t+1})| <= 1/2 along the whole run"
)
DOMAIN_RUNS = (
    "runs of Algorithm 1 (l1 penalty, exact E_Z[g]) inside every hypothesis of Theorem 1: d = 2, 3 "
    "often, up to 6; k in 1..100; w* a normalised integer vector in [-4,4]^d; w0 = w*, near w*, a "
    "normalised integer vector or at a drawn angle up to pi - delta; delta round or a fraction of "
    "pi - theta0 (edge included); beta at k sin(delta)/(2 pi) (1 - 1e-9), fractions, round; lambda "
    "round (1e-12 .. 0.1) or up to k/(2 pi sqrt d) (1 - 1e-9); eta up to min{1/(beta + L), 2 pi/k} and "
    "(1 - 1e-9)/(2 (k/pi + beta)) (the step condition for all t); u0 = prox(w0), 0 or an integer "
    "vector; horizon T in 1..8 (2..8 for the descent claims)"
)
_T = 8


def _points(require: bool = True) -> Any:
    return lambda: limit_points("T1", ("l1",), require_convergence=require)


def _runs(min_T: int = 1, eta_rule: str = "T1") -> Any:
    return horizon_points(lemma54=True, eta_rule=eta_rule, lam_rule="T1", step_rule="all",
                          max_T=_T, min_T=min_T)


# --------------------------------------------------------------------------------------------
# the Remark: the sign of w_bar - S(w_bar); ||E g(w^t)|| bounded away from zero
# --------------------------------------------------------------------------------------------
def _remark_sign(p: RunPoint, B: Backend) -> Any:
    """-(number of components where sign(w_bar_i - S(w_bar_i)) != sign(w_bar_i))."""
    L = limit(p, B)

    def sgn(x: Any) -> int:
        return 1 if x > 0 else (-1 if x < 0 else 0)

    return B.scalar(-sum(1 for x, y in zip(L.w, L.u, strict=True) if sgn(x - y) != sgn(x)))


def prove_remark_sign() -> ProofResult:
    """sign(x - S_tau(x)) = sign(x) for every real x and tau > 0 (hence componentwise for
    w_bar): x - S_tau(x) = x on |x| <= tau and tau sign(x) on |x| > tau."""
    tau, e = sp.symbols("tau e", positive=True)
    x = sp.Symbol("x", real=True)
    S = sp.Piecewise((x - tau, x > tau), (x + tau, x < -tau), (0, True))
    # x > tau (x = tau + e) and x < -tau (x = -tau - e): SymPy evaluates the branch itself
    hi = sp.simplify(sp.sign((x - S).subs(x, tau + e)) - sp.sign(tau + e))
    lo = sp.simplify(sp.sign((x - S).subs(x, -tau - e)) - sp.sign(-tau - e))
    # |x| <= tau: neither x > tau nor x < -tau holds, S = 0 and x - S = x
    mid_branch = S.args[2]
    mid = sp.simplify(sp.sign(x - mid_branch[0]) - sp.sign(x)) if mid_branch[1] == sp.true else 1
    return proof([
        by_sympy("x > tau: x - S_tau(x) = tau, sign tau = sign x", hi == 0, str(hi)),
        by_sympy("x < -tau: x - S_tau(x) = -tau, sign -tau = sign x", lo == 0, str(lo)),
        by_sympy("|x| <= tau: S_tau(x) = 0 and x - S_tau(x) = x", mid == 0, str(mid)),
    ], summary="sign(x - S_tau(x)) = sign(x) for every x and tau > 0 (SymPy, per piece), in "
       "particular componentwise at w_bar (zero components: 0 = 0)")


def _eg_norms(p: RunPoint, B: Backend) -> list[Any]:
    ws, _ = iterates(p, B)
    s = np.asarray(p["w_star"])
    return [nrm(expected_coarse_gradient(w, s, int(p["k"])), B) for w in ws]


def _eg_slack(p: RunPoint, B: Backend) -> Any:
    """min_t ||E_Z[g(w^t,Z)]|| (strict: > 0 is necessary for a positive lower bound on a run)."""
    return min(_eg_norms(p, B))


H_EG_NONZERO = Hypothesis("E_Z[g(w^t,Z)] != 0 on the horizon (domain of the ratio)", _eg_slack, strict=True)


def _ratio(p: RunPoint, B: Backend) -> Any:
    """1 / min_t ||E_Z[g(w^t,Z)]||: a lower bound c > 0 of ||E g(w^t)|| exists iff this is bounded."""
    return 1 / min(_eg_norms(p, B))


def _strategy_ratio() -> Any:
    return _runs().filter(lambda p: float(_eg_slack(p, FLOAT)) > 1e-9)


def _family(eps: Any) -> RunPoint:
    """Runs started at angle arctan(eps) from w* = e1 inside Theorem 1's hypotheses (k = 1,
    delta = pi/2, beta = 1/10, lambda = 1/100, eta = 1/10, T = 1)."""
    return {"k": 1, "w_star": np.array([1.0, 0.0]), "w0": np.array([1.0, float(eps)]), "u0": None,
            "lam": 0.01, "beta": 0.1, "eta": 0.1, "penalty": "l1", "T": 1,
            "delta": float(mpmath.pi / 2)}


@cache
def _family_limit_core() -> tuple[bool, str]:
    th, eps = sp.Symbol("theta", positive=True), sp.Symbol("epsilon", positive=True)
    k = sp.Symbol("k", positive=True)
    ok_g, desc_g = sphere_gradient()
    # |E g|^2 = (k/(2 pi))^2 |w^ - s^|^2 = (k/(2 pi))^2 (2 - 2 cos theta)
    sq = (k / (2 * sp.pi)) ** 2 * (2 - 2 * sp.cos(th))
    ident = sp.simplify(sq - (k / sp.pi) ** 2 * sp.sin(th / 2) ** 2) == 0
    lower = sp.pi / (k * sp.sin(sp.atan(eps) / 2))
    lim = sp.limit(lower.subs(k, 1), eps, 0, "+")
    return bool(ok_g and ident and lim == sp.oo), (
        f"{desc_g}; on the unit sphere |E g(w)|^2 = (k/(2 pi))^2 (2 - 2 cos theta) = (k/pi)^2 sin^2(theta/2) "
        f"(SymPy identity {ident}); the family has theta(w^0, w*) = arctan(eps), so the ratio is at least "
        f"1/|E g(w^0)| = pi/(k sin(arctan(eps)/2)), whose limit as eps -> 0+ (k = 1) is {lim}"
    )


def _family_limit() -> ProofResult:
    ok, desc = _family_limit_core()
    return ProofResult(ok, "unbounded-family", desc)


def _upper_slack(p: RunPoint, B: Backend, c: Constants) -> Any:
    """min over t with ||w^t|| = 1 of BOUND - ||E g(w^t) + beta (w^t - u^{t+1})||, BOUND = k/pi +
    beta (+ allowance: equality at w^t = -w*, u^{t+1} = 0)."""
    return min_or((c.BOUND - nrm(s.v, B) for s in unit_steps(p, B)), B.scalar(1)) + B.allowance(c.BOUND)


# --------------------------------------------------------------------------------------------
# claims
# --------------------------------------------------------------------------------------------
HYP = at_limit(THEOREM1)
HYP_RUNS = horizon(THEOREM1)
#: the shared record of Theorem 1's claims at the limit (not registered: each derives from it)
_LIMIT = LIMIT.derive("T1", paper_ref="Theorem 1", section=SECTION, domain=DOMAIN, hypotheses=HYP,
                      strategy=_points(), search_scale=2.5)

DESCENT = Claim(
    id="T1-descent",
    paper_ref="Theorem 1",
    section=SECTION,
    statement="Hypotheses of Theorem 1: (i) theta(w0,w*) <= pi - delta, delta > 0; (ii) beta <= k "
    "sin(delta)/(2 pi) and lambda < k/(2 pi sqrt d); eta ||E_Z[g(w^t,Z)] + beta (w^t - u^{t+1})|| "
    "<= 1/2 for all t; eta <= min{1/(beta + L), 2 pi/k}. Then L_beta(u^t, w^t) with l1 penalty is "
    "monotonically decreasing.",
    reading="non-increasing (weaker than strictly decreasing) at every t of the horizon with "
    "||w^t|| = 1 (t >= 1; t = 0 when w0 is exactly unit), L = k/(4 pi), f of eq. (6), u0 "
    "arbitrary; every hypothesis of Theorem 1 checked on the run",
    domain=DOMAIN_RUNS,
    hypotheses=HYP_RUNS,
    strategy=lambda: _runs(min_T=2),
    slack=descent_slack,
    supports=("T1-convergence",),
    notes="Same mechanism as L5.5-lagrangian-descent: f = k theta/(2 pi) rises to first order "
    "while theta grows towards the fixed point angle (L5.4-angle-descent is false), and the "
    "coupling term falls less.",
)
REMARK_STEP = DESCENT.derive(
    "T1-remark-step",
    paper_ref="Remark after Theorem 1",
    statement="||E_Z[g(w^t,Z)]|| is bounded away from zero, so ||E_Z[g(w^t,Z)] + beta (w^t - u^{t+1})|| "
    "is bounded and the step condition on eta is reasonable.",
    reading="there is c > 0 with ||E_Z[g(w^t,Z)]|| >= c for every t of every run satisfying Theorem "
    "1's hypotheses; equivalently 1/||E g(w^t)|| (the ratio) is bounded. Family: runs started "
    "at angle arctan(eps) from w*",
    domain=DOMAIN_RUNS + "; E g(w^t) != 0 on the horizon (where the ratio is defined)",
    add_hypotheses=(H_EG_NONZERO,), strategy=_strategy_ratio, slack=None,
    existential=ExistentialConstant(ratio=_ratio, family=_family, family_limit=_family_limit,
                                    constant_name="1/c"),
    search_scale=2.0,
    notes="The step condition needs an upper bound on ||E g + beta (w - u)||, not a lower bound on "
    "||E g||; the upper bound holds (T1-remark-step+fix).",
)
CONVERGENCE = _LIMIT.derive(
    "T1-convergence",
    statement="Hypotheses of Theorem 1: (u^t, w^t) converges to a limit (u_bar, w_bar), and "
    "theta := theta(w_bar, w*) < delta.",
    reading="converges: |w^{t+1} - w^t| <= 1e-14 within 40000 float64 iterations, matched by "
    "a fixed point at 50/100 digits; non-convergence counts only as a 2-cycle persisting in "
    "mpmath; then theta < delta at the limit (strict)",
    strategy=_points(False), slack=C.convergence_and_theta, strict=True,
    power=lemma56_step_sizes(("l1",)),
)
EQ10 = _LIMIT.derive(
    "T1-eq10",
    paper_ref="Theorem 1, eq. (10)",
    statement="w_bar - (2pi/k) beta (w_bar - S_{lam/beta}(w_bar)) = C w_bar for some C > 0 "
    "with C <= k/(k - 2pi lam sqrt(d)).",
    reading=COMMON + "; as printed (w_bar, not w*, first); C := <lhs, w_bar>, the identity "
    "lhs = C w_bar checked with a rounding allowance; C > 0 strict",
    slack=lambda p, B, c: C.eq25(p, B, c.C_MAX, first="w_bar"), constants_decl=(C_MAX,), strict=True,
    supports=("T1-remark-sign", "C1.1-l0", "C1.1-tl1"),
    notes="w_bar - S(w_bar) is parallel to w_bar only when gamma = 0; eq. (25) of the proof "
    "has w* in place of the first w_bar",
)
EQ11_T1 = EQ11.derive(
    "T1-eq11",
    paper_ref="Theorem 1, eq. (11)", section=SECTION, domain=DOMAIN, hypotheses=HYP,
    strategy=_points(), search_scale=2.5,
    statement="gamma := theta(u_bar, w_bar): |w* - w_bar| <= 1/2 sin(delta) sin(gamma).",
    supports=("T1-eq12", "C1.1-l0", "C1.1-tl1"),
)
EQ12_T1 = _LIMIT.derive(
    "T1-eq12",
    paper_ref="Theorem 1, eq. (12)",
    statement="|w* - u_bar| <= 1/2 sin(delta) sin(gamma) + (lam/beta) sqrt(d).",
    slack=lambda p, B, c: C.eq12(p, B, c.K), constants_decl=(K_EQ11,), examples=(EQ12, ROUND),
    search_scale=3.0, supports=("C1.1-l0", "C1.1-tl1"),
    notes="the proof's route is the triangle inequality with (11), which fails by up to a "
    "factor 2; where all coordinates are active (|w_bar - u_bar| = (lam/beta) sqrt(d)) the "
    "bound fails",
)

CLAIMS: tuple[Claim, ...] = (
    CONVERGENCE,
    EQ10,
    EQ10.fix(
        paper_ref="Theorem 1, eq. (10) (corrected, = eq. (25))",
        statement="w* - (2pi/k) beta (w_bar - S_{lam/beta}(w_bar)) = C w_bar with "
        "0 < C < cos(theta) (<= 1 <= k/(k - 2pi lam sqrt d)).",
        reading=PROVED_READING + "; strict: C > 0 and cos(theta) - C = (2pi/k) beta <w_bar - "
        "S(w_bar), w_bar> > 0 (the identity within a rounding allowance)",
        slack=C.eq25_cos, constants_decl=(), prove=P.prove_t1_eq10_fix, uses=P.USES_T1_EQ10_FIX,
        notes="",
    ),
    EQ11_T1,
    EQ11_T1.fix(
        paper_ref="Theorem 1, eq. (11) (corrected)",
        statement="|w* - w_bar| <= (2pi/k) beta sin(gamma) <= sin(delta) sin(gamma).",
        reading=PROVED_READING + "; checks the stronger first inequality: K = (2pi/k) beta",
        constants={"K": K_EQ11_FIX}, prove=P.prove_t1_eq11_fix, uses=P.USES_T1_EQ11_FIX,
        notes="the proof of L5.6-eq11+fix: it uses only (i), (ii) and the l1 structure",
    ),
    EQ12_T1,
    EQ12_T1.fix(
        paper_ref="Theorem 1, eq. (12) (corrected)",
        statement="|w* - u_bar| <= (2pi/k) beta sin(gamma) + (lam/beta) sqrt(d) "
        "(<= sin(delta) sin(gamma) + (lam/beta) sqrt(d)).",
        reading=PROVED_READING + "; the corrected (11) plus |w_bar - S(w_bar)| <= (lam/beta) "
        "sqrt(d): K = (2pi/k) beta",
        constants={"K": K_EQ11_FIX}, prove=P.prove_t1_eq12_fix, uses=P.USES_T1_EQ12_FIX,
        notes="the best coefficient of sin(gamma) is K(d, b) of BC-eq12-sharp (sup g(d) < 1)",
        power=not_sharp("(2pi/k) beta is not the best coefficient (BC-eq12-sharp's K(d, b) is, and "
                        "its power check refutes it tightened); proved"),
    ),
    _LIMIT.derive(
        "T1-remark-sign",
        paper_ref="Remark after Theorem 1",
        statement="The sign of (w_bar - S_{lam/beta}(w_bar)) agrees with w_bar (componentwise).",
        reading=COMMON + "; sign(0) = 0 (a zero component of w_bar gives 0 = 0); slack = -(number "
        "of disagreeing components); the proof covers every x (not only w_bar)",
        slack=_remark_sign, prove=prove_remark_sign, search_scale=8.0,
    ),
    DESCENT,
    DESCENT.fix(
        statement="Under the hypotheses of Theorem 1 and eta (k/(2 pi) + beta) <= 1 (not implied by "
        "them), the surrogate Lagrangian L~_beta(u, w) = (k/(2 pi))(1 - cos theta(w, w*)) + lambda "
        "||u||_1 + (beta/2)||w - u||^2 is non-increasing along the iterates (see L5.5-lagrangian-descent+fix).",
        reading="t >= 1, and t = 0 when w0 is exactly unit; rounding allowance as in "
        "L5.5-lagrangian-descent+fix",
        domain=DOMAIN_RUNS + "; and eta (k/(2 pi) + beta) <= 1", add_hypotheses=(H_C1_NONNEG,),
        strategy=lambda: _runs(min_T=2, eta_rule="fix").filter(
            lambda p: p["eta"] <= min(1 / (p["beta"] + p["k"] / (4 * np.pi)), 2 * np.pi / p["k"]) * (1 - 1e-12)),
        slack=surrogate_slack, prove=SU.prove_surrogate, uses=SU.USES_surrogate, search_scale=2.0,
        notes="",
    ),
    REMARK_STEP,
    REMARK_STEP.another_reading(
        "per-run",
        reading="per run: ||E_Z[g(w^t,Z)]|| > 0 at every t of the horizon (necessary for a positive "
        "lower bound depending on the run); strict slack min_t ||E g(w^t)||",
        domain=DOMAIN_RUNS, drop_hypotheses=[H_EG_NONZERO.name], strategy=_runs, existential=None,
        slack=_eg_slack, strict=True, corrected_by="T1-remark-step+fix",
        notes="At w0 = w* (allowed: theta0 = 0 <= pi - delta) E g(w^0) = 0 exactly.",
    ),
    REMARK_STEP.fix(
        statement="||E_Z[g(w^t,Z)] + beta (w^t - u^{t+1})|| <= k/pi + beta for every t with ||w^t|| = 1 "
        "(best constant: attained at w^t = -w*, u^{t+1} = 0); hence eta <= 1/(2 (k/pi + beta)) "
        "guarantees the step condition for all t. ||E g(w^t)|| = (k/pi) sin(theta_t/2) is not bounded "
        "away from zero, and need not be.",
        reading="at every t with ||w^t|| = 1 (t >= 1; t = 0 when w0 is exactly unit), any run (no "
        "hypothesis of Theorem 1 is needed); rounding allowance 256 u BOUND, BOUND = k/pi + beta "
        "(equality attained)",
        domain="runs of Algorithm 1 (l1): w0 anywhere (theta0 = pi, w0 = -w* included), beta, eta, "
        "lambda free (round and log-uniform values, lambda > 0), horizon 1..8",
        hypotheses=horizon(), existential=None,
        strategy=lambda: horizon_points(lemma54=False, eta_rule="any", max_T=_T),
        slack=_upper_slack, constants_decl=(STEP_NORM_BOUND,), prove=SB.prove_step_bound,
        uses=SB.USES_step_bound, notes="",
    ),
)
