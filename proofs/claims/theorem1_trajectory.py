"""Trajectory claims of Theorem 1: the Lagrangian descent (``T1-descent``) and the Remark on the
step condition (``T1-remark-step``), with their corrections.

``theorem1.py`` (limit claims) imports :data:`CLAIMS` from here. Points are trajectory points
(:mod:`proofs.claims.trajectories`) inside *every* hypothesis of Theorem 1, l1 penalty:
theta(w0, w*) <= pi - delta, delta > 0; beta <= k sin(delta)/(2 pi); lambda < k/(2 pi sqrt d);
eta <= min{1/(beta + L), 2 pi/k}, L = k/(4 pi); and the step condition
eta ||E_Z[g(w^t,Z)] + beta (w^t - u^{t+1})|| <= 1/2 for all t, checked on the run (exactly on
the horizon; for the infinite tail by the proved bound eta (k/pi + beta) of
``T1-remark-step+fix``, so the margin is a certified lower bound of the true one).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from proofs.engine.claim import Claim, ExistentialConstant, Hypothesis, Point, ProofResult
from proofs.model import expected_coarse_gradient

from .lemma5_4 import _soft_facts
from .lemma5_5 import _prove_surrogate, _sphere_gradient, _surrogate_slack, descent_slack
from .trajectories import (
    H_ALGORITHM,
    H_DEFINED,
    H_ETA_FIX,
    H_THEOREM1,
    allowance,
    iterates,
    min_or,
    nrm,
    run_points,
    unit_steps,
)

SECTION = "Theorem 1"
_T = 8
_SCALE = 2.0
DOMAIN = (
    "runs of Algorithm 1 (l1 penalty, exact E_Z[g]) inside every hypothesis of Theorem 1: d = 2, 3 "
    "often, up to 6; k in 1..100; w* a normalised integer vector in [-4,4]^d; w0 = w*, near w*, a "
    "normalised integer vector or at a drawn angle up to pi - delta; delta round or a fraction of "
    "pi - theta0 (edge included); beta at k sin(delta)/(2 pi) (1 - 1e-9), fractions, round; lambda "
    "0, round, or up to k/(2 pi sqrt d) (1 - 1e-9); eta up to min{1/(beta + L), 2 pi/k} and "
    "(1 - 1e-9)/(2 (k/pi + beta)) (the step condition for all t); u0 = prox(w0), 0 or an integer "
    "vector; horizon T in 1..8 (2..8 for the descent claims)"
)


def _strategy() -> Any:
    return run_points(lemma54=True, eta_rule="T1", lam_rule="T1", step_rule="all", max_T=_T)


def _strategy_descent() -> Any:
    return run_points(lemma54=True, eta_rule="T1", lam_rule="T1", step_rule="all", max_T=_T, min_T=2)


# --------------------------------------------------------------------------------------------
# the Remark: ||E g(w^t)|| bounded away from zero
# --------------------------------------------------------------------------------------------
def _eg_norms(p: Point, B: Any) -> list[Any]:
    ws, _ = iterates(p, B)
    s = np.asarray(p["w_star"])
    return [nrm(expected_coarse_gradient(w, s, int(p["k"])), B) for w in ws]


def _m_eg_nonzero(p: Point, B: Any) -> Any:
    return min(_eg_norms(p, B))


H_EG_NONZERO = Hypothesis("E_Z[g(w^t,Z)] != 0 on the horizon (domain of the ratio)", _m_eg_nonzero, strict=True)


def _ratio(p: Point, B: Any) -> Any:
    """1 / min_t ||E_Z[g(w^t,Z)]||: a lower bound c > 0 of ||E g(w^t)|| exists iff this is bounded."""
    return 1 / min(_eg_norms(p, B))


def _strategy_ratio() -> Any:
    def ok(p: Point) -> bool:
        from proofs.engine.backend import FLOAT

        return float(_m_eg_nonzero(p, FLOAT)) > 1e-9

    return _strategy().filter(ok)


def _family(eps: Any) -> Point:
    """Runs started at angle arctan(eps) from w* = e1 inside Theorem 1's hypotheses (k = 1,
    delta = pi/2, beta = 1/10, lambda = 1/100, eta = 1/10, T = 1)."""
    return {
        "k": 1,
        "w_star": np.array([1.0, 0.0]),
        "w0": np.array([1.0, float(eps)]),
        "u0": None,
        "lam": 0.01,
        "beta": 0.1,
        "eta": 0.1,
        "penalty": "l1",
        "T": 1,
        "delta": float(mpmath.pi / 2),
    }


@cache
def _family_limit_core() -> tuple[bool, str]:
    th, eps = sp.Symbol("theta", positive=True), sp.Symbol("epsilon", positive=True)
    k = sp.Symbol("k", positive=True)
    ok_g, desc_g = _sphere_gradient()
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


def _eg_slack(p: Point, B: Any) -> Any:
    """min_t ||E_Z[g(w^t,Z)]|| (strict: > 0 is necessary for a positive lower bound on a run)."""
    return min(_eg_norms(p, B))


def _upper_slack(p: Point, B: Any) -> Any:
    """min over t with ||w^t|| = 1 of (k/pi + beta) - ||E g(w^t) + beta (w^t - u^{t+1})||
    (+ allowance: equality at w^t = -w*, u^{t+1} = 0)."""
    bound = B.scalar(int(p["k"])) / B.pi + B.scalar(p["beta"])
    return min_or((bound - nrm(s.v, B) for s in unit_steps(p, B)), B.scalar(1)) + allowance(B, bound)


def _prove_upper() -> ProofResult:
    ok_g, desc_g = _sphere_gradient()
    ok_s, facts = _soft_facts()
    return ProofResult(
        ok_g and ok_s,
        "symbolic",
        f"for unit w^t: E g(w^t) = (k/(2 pi))(w^t - w*) ({desc_g}), so |E g| <= (k/(2 pi)) * 2 = k/pi; "
        "|w_i - S(w_i)| = min(|w_i|, lambda/beta) <= |w_i| per coordinate (SymPy, piecewise), so "
        "|w^t - u^{t+1}| <= |w^t| = 1; the triangle inequality gives |E g + beta (w^t - u^{t+1})| <= "
        "k/pi + beta, hence eta <= 1/(2 (k/pi + beta)) implies the step condition at every t. The "
        "constant is attained at w^t = -w*, u^{t+1} = 0.",
        {"soft-thresholding facts": facts},
    )


_STATEMENT_DESCENT = (
    "Hypotheses of Theorem 1: (i) theta(w0,w*) <= pi - delta, delta > 0; (ii) beta <= k sin(delta)/(2 pi) "
    "and lambda < k/(2 pi sqrt d); eta ||E_Z[g(w^t,Z)] + beta (w^t - u^{t+1})|| <= 1/2 for all t; eta <= "
    "min{1/(beta + L), 2 pi/k}. Then L_beta(u^t, w^t) with l1 penalty is monotonically decreasing."
)
_STATEMENT_REMARK = (
    "||E_Z[g(w^t,Z)]|| is bounded away from zero, so ||E_Z[g(w^t,Z)] + beta (w^t - u^{t+1})|| is bounded "
    "and the step condition on eta is reasonable."
)

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="T1-descent",
        paper_ref="Theorem 1",
        section=SECTION,
        statement=_STATEMENT_DESCENT,
        reading="non-increasing (weaker than strictly decreasing) at every t of the horizon with "
        "||w^t|| = 1 (t >= 1; t = 0 when w0 is exactly unit), L = k/(4 pi), f of eq. (6), u0 "
        "arbitrary; every hypothesis of Theorem 1 checked on the run",
        domain=DOMAIN,
        hypotheses=H_THEOREM1,
        strategy=_strategy_descent,
        slack=descent_slack,
        corrected_by="T1-descent+fix",
        supports=("T1-convergence",),
        search_scale=1.0,
        notes="Same mechanism as L5.5-lagrangian-descent: f = k theta/(2 pi) rises to first order "
        "while theta grows towards the fixed point angle (L5.4-angle-descent is false), and the "
        "coupling term falls less.",
    ),
    Claim(
        id="T1-descent+fix",
        paper_ref="Theorem 1",
        section=SECTION,
        statement="Under the hypotheses of Theorem 1 and eta (k/(2 pi) + beta) <= 1 (not implied by "
        "them), the surrogate Lagrangian L~_beta(u, w) = (k/(2 pi))(1 - cos theta(w, w*)) + lambda "
        "||u||_1 + (beta/2)||w - u||^2 is non-increasing along the iterates (see L5.5-lagrangian-descent+fix).",
        reading="t >= 1, and t = 0 when w0 is exactly unit; rounding allowance as in "
        "L5.5-lagrangian-descent+fix",
        domain=DOMAIN + "; and eta (k/(2 pi) + beta) <= 1",
        hypotheses=(*H_THEOREM1, H_ETA_FIX),
        strategy=lambda: run_points(lemma54=True, eta_rule="fix", lam_rule="T1", step_rule="all", max_T=_T, min_T=2)
        .filter(lambda p: p["eta"] <= min(1 / (p["beta"] + p["k"] / (4 * np.pi)), 2 * np.pi / p["k"]) * (1 - 1e-12)),
        slack=_surrogate_slack,
        prove=_prove_surrogate,
        corrects="T1-descent",
        search_scale=_SCALE,
    ),
    Claim(
        id="T1-remark-step",
        paper_ref="Remark after Theorem 1",
        section=SECTION,
        statement=_STATEMENT_REMARK,
        reading="there is c > 0 with ||E_Z[g(w^t,Z)]|| >= c for every t of every run satisfying Theorem "
        "1's hypotheses; equivalently 1/||E g(w^t)|| (the ratio) is bounded. Family: runs started "
        "at angle arctan(eps) from w*",
        domain=DOMAIN + "; E g(w^t) != 0 on the horizon (where the ratio is defined)",
        hypotheses=(*H_THEOREM1, H_EG_NONZERO),
        strategy=_strategy_ratio,
        existential=ExistentialConstant(
            ratio=_ratio,
            family=_family,
            family_limit=_family_limit,
            constant_name="1/c",
        ),
        corrected_by="T1-remark-step+fix",
        search_scale=_SCALE,
        notes="The step condition needs an upper bound on ||E g + beta (w - u)||, not a lower bound on "
        "||E g||; the upper bound holds (T1-remark-step+fix).",
    ),
    Claim(
        id="T1-remark-step@per-run",
        paper_ref="Remark after Theorem 1",
        section=SECTION,
        statement=_STATEMENT_REMARK,
        reading="per run: ||E_Z[g(w^t,Z)]|| > 0 at every t of the horizon (necessary for a positive "
        "lower bound depending on the run); strict slack min_t ||E g(w^t)||",
        domain=DOMAIN,
        hypotheses=H_THEOREM1,
        strategy=_strategy,
        slack=_eg_slack,
        strict=True,
        corrected_by="T1-remark-step+fix",
        search_scale=_SCALE,
        notes="At w0 = w* (allowed: theta0 = 0 <= pi - delta) E g(w^0) = 0 exactly.",
    ),
    Claim(
        id="T1-remark-step+fix",
        paper_ref="Remark after Theorem 1",
        section=SECTION,
        statement="||E_Z[g(w^t,Z)] + beta (w^t - u^{t+1})|| <= k/pi + beta for every t with ||w^t|| = 1 "
        "(best constant: attained at w^t = -w*, u^{t+1} = 0); hence eta <= 1/(2 (k/pi + beta)) "
        "guarantees the step condition for all t. ||E g(w^t)|| = (k/pi) sin(theta_t/2) is not bounded "
        "away from zero, and need not be.",
        reading="at every t with ||w^t|| = 1 (t >= 1; t = 0 when w0 is exactly unit), any run (no "
        "hypothesis of Theorem 1 is needed); rounding allowance 256 u (k/pi + beta) (equality attained)",
        domain="runs of Algorithm 1 (l1): w0 anywhere (theta0 = pi, w0 = -w* included), beta, eta, "
        "lambda free (round and log-uniform values), horizon 1..8",
        hypotheses=(*H_ALGORITHM, H_DEFINED),
        strategy=lambda: run_points(lemma54=False, eta_rule="any", max_T=_T),
        slack=_upper_slack,
        prove=_prove_upper,
        corrects="T1-remark-step",
        search_scale=_SCALE,
    ),
)
