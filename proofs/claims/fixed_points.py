"""Reductions used by the limit-point proofs (Lemma 5.6, Theorem 1, Corollary 1.1): fixed points of
Algorithm 1's map and the limits of its runs.

Algorithm 1 on the unit sphere (E g = (k/(2pi))(w - w*) there, ``L5.3-eq17``) is the map
T(w) = (c1 w + eta (c2 w* + beta P(w)))/|...|, c2 = k/(2pi), c1 = 1 - eta (c2 + beta), P the
u-update (soft / hard / Tl1 thresholding with tau = lam/beta). The claims here are the steps every
limit-point proof uses: the fixed-point relation (``R-fixed-point-relation``), what of it depends on
eta (``R-fixed-point-eta-free``), the plane and frame in which the proofs compute
(``R-fixed-point-plane``), what passes to the limit of a convergent run (``R-limit-pair``), the
invariance of the cone theta <= pi - delta under one step for any u with |u| <= |w| (``R-invariance``,
a corollary of part A's one-step bound ``R-one-step-angle``), and mu > 0, cos(theta_bar) > 0 at the limit of every run started inside
(i), (ii) (``R-mu-positive``). Their proofs: :mod:`proofs.claims.arguments.fixed_point_proofs`.

The limit-point claims are statements about the pair (u_bar, w_bar) = lim (u^t, w^t) of a
convergent run: the proofs cover every pair satisfying what ``R-limit-pair`` gives (the relation,
|w_bar| = 1, the closed operator properties, theta_bar <= pi - delta when every theta_t is).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import strategies as st

from proofs.algorithm.thresholds import prox
from proofs.claims.arguments import fixed_point_proofs as FP
from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Hypothesis

from .runs.conclusions import c2_of
from .runs.hypotheses import (
    H_A_POS,
    H_BETA,
    H_BETA_POS,
    H_C1_NONNEG,
    H_DELTA_POS,
    H_ETA_POS,
    H_LAM_POS,
    H_UNIT_TEACHER,
    LEMMA54,
    at_limit,
)
from .runs.limit import angle_b, limit, norm_b
from .runs.points import PENALTIES, RunPoint
from .runs.strategies import limit_points, perpendicular, unit

SECTION = "Fixed points"
POSITION = "L5.6-convergence"

# ----------------------------------------------------------------------------- R-invariance points


@st.composite
def step_points(draw: Any) -> dict[str, Any]:
    """One step of Algorithm 1 from a unit w with theta(w, w*) <= pi - delta (edge included),
    beta up to k sin(delta)/(2 pi), eta up to 1/(k/(2pi) + beta) (c1 >= 0, edge included), any of
    the three u-updates."""
    d = draw(st.sampled_from([2, 2, 3, 4]))
    k = draw(st.sampled_from([1, 2, 5, 20]))
    s = unit(np.array(draw(st.lists(st.floats(-1, 1), min_size=d, max_size=d))) + 1e-3 * np.eye(d)[0])
    delta = draw(st.one_of(st.floats(0.01, math.pi - 0.01), st.sampled_from([math.pi / 2, 0.3, 2.8])))
    kind = draw(st.sampled_from(["edge", "edge", "inside"]))
    theta = (math.pi - delta) * ((1 - 1e-9) if kind == "edge" else draw(st.floats(0, 1)))
    e = perpendicular(s, np.array(draw(st.lists(st.floats(-1, 1), min_size=d, max_size=d))))
    w = unit(math.cos(theta) * s + math.sin(theta) * e)
    c2 = k / (2 * math.pi)
    beta = c2 * math.sin(delta) * draw(st.sampled_from([1 - 1e-12, 0.5, 0.05])) * (1 - 1e-12)
    eta = draw(st.sampled_from([1 - 1e-12, 0.9, 0.3])) / (c2 + beta)
    tau = 10.0 ** draw(st.floats(-4, 0.5))
    pen = draw(st.sampled_from(PENALTIES))
    return {"k": k, "w": w, "w_star": s, "delta": delta, "lam": tau * beta, "beta": beta,
            "eta": eta, "penalty": pen, "a": draw(st.sampled_from([1.0, 0.2, 5.0]))}


def _m_step_cone(p: dict[str, Any], B: Backend) -> Any:
    """theta(w, w*) <= pi - delta."""
    return B.pi - B.scalar(p["delta"]) - angle_b(B.vector(p["w"]), B.vector(p["w_star"]), B)


def _m_unit_w(p: dict[str, Any], B: Backend) -> Any:
    """|w| = 1 (to the rounding of a float64 unit vector: the slack normalises w)."""
    return B.scalar("1e-12") - B.fabs(norm_b(B.vector(p["w"]), B) - 1)


def s_invariance(p: dict[str, Any], B: Backend) -> Any:
    """(pi - delta) - theta(w_hat, w*) after one step from w (normalised), u = P(w) exact."""
    w = B.vector(p["w"])
    w = w / norm_b(w, B)
    s = B.vector(p["w_star"])
    s = s / norm_b(s, B)
    beta, eta = B.scalar(p["beta"]), B.scalar(p["eta"])
    u = np.asarray(prox(w, B.scalar(p["lam"]), beta, p["penalty"], B.scalar(p.get("a", 1.0)),
                        exact_tl1=True))
    c2 = c2_of(p, B)
    w_hat = (1 - eta * (c2 + beta)) * w + eta * (c2 * s + beta * u)
    return B.pi - B.scalar(p["delta"]) - angle_b(w_hat, s, B)


#: one step: the setting's hypotheses (Lemma 5.4's (i), (ii) at the step's w, c1 >= 0) on a step point
H_ONE_STEP = (
    H_UNIT_TEACHER, H_BETA_POS, H_ETA_POS, H_LAM_POS, H_DELTA_POS,
    Hypothesis("|w^t| = 1", _m_unit_w),
    Hypothesis("theta(w^t, w*) <= pi - delta", _m_step_cone),
    H_BETA, H_C1_NONNEG, H_A_POS,
)

# ----------------------------------------------------------------------------- R-mu-positive slack


def s_mu_positive(p: RunPoint, B: Backend) -> Any:
    """min(mu, cos(theta_bar)) at the limit of the run (strict)."""
    L = limit(p, B)
    return min(L.mu, np.dot(L.w, L.s))


_LIMIT_READING = (
    "(u_bar, w_bar) = lim (u^t, w^t) of a convergent run of Algorithm 1 (unit w0, every w_hat^{t+1} "
    "!= 0); slack at the run's limit polished to the fixed point of the map (proofs.claims.runs.limit)"
)

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="R-fixed-point-relation",
        paper_ref="proof of Lemma 5.6, eqs. (21)-(22) (reduction)",
        section=SECTION,
        statement="Let |w_bar| = |w*| = 1, beta, eta > 0, u_bar = P(w_bar), c2 = k/(2pi), c1 = 1 - eta "
        "(c2 + beta). w_bar is a fixed point of Algorithm 1's map w -> (c1 w + eta (c2 w* + beta "
        "P(w)))/N, N = |c1 w + eta (c2 w* + beta P(w))| > 0, iff c2 w* + beta u_bar = mu w_bar with "
        "mu = <c2 w* + beta u_bar, w_bar> and c1 + eta mu > 0 (then N = c1 + eta mu).",
        reading="for every operator P (only u_bar = P(w_bar) enters); E g = c2 (w - w*) on the unit "
        "sphere (L5.3-eq17) turns the update w - eta (E g + beta (w - u)) into c1 w + eta (c2 w* + "
        "beta u)",
        domain="unit w_bar, w* in R^d (d >= 1), any u_bar, beta > 0, eta > 0, k >= 1",
        prove=FP.prove_fixed_point_relation,
        uses=FP.USES_RELATION,
    ),
    Claim(
        id="R-fixed-point-eta-free",
        paper_ref="proof of Lemma 5.6 (reduction)",
        section=SECTION,
        statement="The relation c2 w* + beta u_bar = mu w_bar (u_bar = P(w_bar)) does not involve eta; "
        "with |u_bar| <= 1, c2 + beta - mu >= 0 and a relation pair is a fixed point exactly for the "
        "eta > 0 with eta (c2 + beta - mu) < 1 (an interval (0, 1/(c2 + beta - mu)); all eta > 0 if "
        "mu = c2 + beta): the fixed points for eta are fixed points for every smaller eta, and a "
        "relation pair with mu > 0 is a fixed point for every eta with c1 >= 0.",
        reading="c1 + eta mu = 1 - eta (c2 + beta - mu); |u_bar| <= 1 holds for the three "
        "operators (|u_i| <= |w_i|)",
        domain="unit w_bar, w*, u_bar with |u_bar| <= 1, beta > 0, k >= 1",
        prove=FP.prove_fixed_point_eta_free,
        uses=FP.USES_ETA_FREE,
    ),
    Claim(
        id="R-fixed-point-plane",
        paper_ref="proof of Lemma 5.6, eqs. (22)-(23) (reduction)",
        section=SECTION,
        statement="If |w_bar| = |w*| = 1 and c2 w* + beta u_bar = mu w_bar (beta > 0), then w_bar, w*, "
        "u_bar are coplanar and, with theta = theta(w_bar, w*), x = <u_bar, w_bar>, y = c2 sin(theta)"
        "/beta >= 0, their Gram matrix is that of w_bar = e1, w* = cos(theta) e1 + sin(theta) e2, "
        "u_bar = x e1 - y e2 (e1, e2 orthonormal); mu = c2 cos(theta) + beta x. Every norm and inner "
        "product of combinations of w_bar, w*, u_bar (hence |w* - w_bar|, |w* - u_bar|, "
        "|w_bar - u_bar|, |u_bar|, gamma) is computed in this frame.",
        reading="sin(gamma) = y/|u_bar|, cos(gamma) = x/|u_bar| (gamma := 0 if u_bar = 0); "
        "y = c2 sin(theta)/beta is eq. (23)",
        domain="unit w_bar, w* in R^d, u_bar in R^d, beta > 0, k >= 1",
        prove=FP.prove_fixed_point_plane,
        uses=FP.USES_PLANE,
    ),
    Claim(
        id="R-limit-pair",
        paper_ref="proof of Lemma 5.6 (reduction: limit of a convergent run)",
        section=SECTION,
        statement="Let (u^t, w^t) be a run of Algorithm 1 (unit w0, beta, eta > 0, any u-update, "
        "every w_hat^{t+1} != 0) with (u^t, w^t) -> (u_bar, w_bar). Then |w_bar| = 1; c2 w* + beta "
        "u_bar = mu w_bar with mu = <c2 w* + beta u_bar, w_bar> and c1 + eta mu = lim |w_hat^t| >= 0; "
        "every closed operator property holding at (w^t, u^{t+1}) for all t (sign u_i w_i >= 0, "
        "|u_i| <= |w_i|, u_i (w_i - u_i) >= 0, |w_i - u_i| <= r) holds at (w_bar, u_bar); if "
        "theta_t <= pi - delta for all t then theta_bar <= pi - delta; for l1, u_bar = S_tau(w_bar).",
        reading="the passage to the limit every limit-point proof uses (w_bar need not be a fixed "
        "point of the map for l0, whose threshold is discontinuous; the relation holds anyway)",
        domain="runs of Algorithm 1 with the l1, l0 or Tl1 u-update, unit w0, beta, eta, lam > 0",
        prove=FP.prove_limit_pair,
        uses=FP.USES_LIMIT_PAIR,
    ),
    Claim(
        id="R-invariance",
        paper_ref="proof of Lemma 5.4 / Corollary 1.1 step 2 (reduction, any u-update)",
        section=SECTION,
        statement="Let |w| = |w*| = 1 with theta(w, w*) <= pi - delta, delta > 0, 0 < beta <= k sin(delta)"
        "/(2pi), eta > 0 with c1 = 1 - eta (k/(2pi) + beta) >= 0, and u with |u| <= |w| such that w_hat "
        "= c1 w + eta (k/(2pi) w* + beta u) != 0. Then theta(w_hat, w*) <= pi - delta. Hence every run "
        "of Algorithm 1 with the l1, l0 or Tl1 u-update (|u_i| <= |w_i|: OP-*-sign) started at a unit "
        "w0 with theta(w0, w*) <= pi - delta keeps theta_t <= pi - delta for all t.",
        reading="one step: slack (pi - delta) - theta(w_hat, w*) with u = P(w) the exact u-update "
        "(soft, hard or Tl1); the proof covers every u with |u| <= |w| = 1 (it is R-one-step-angle "
        "with arcsin(2pi beta/k) <= pi - delta); w_hat != 0 is Algorithm 1's own condition",
        hypotheses=H_ONE_STEP,
        strategy=lambda: step_points(),
        slack=s_invariance,
        prove=FP.prove_invariance,
        uses=FP.USES_INVARIANCE,
        examples=({"k": 1, "w": np.array([0.0, 1.0]), "w_star": np.array([0.8, 0.6]),
                   "delta": 1.5, "lam": 0.001, "beta": 0.15, "eta": 1 / (1 / (2 * math.pi) + 0.15),
                   "penalty": "l1", "a": 1.0},),
        search_scale=1.0,
        notes="the l1 trajectory form is L5.4-invariance+fix; this form covers every u-update with "
        "|u| <= |w| (l0 and Tl1 too), as R-mu-positive needs",
    ),
    Claim(
        id="R-mu-positive",
        paper_ref="proof of Lemma 5.6 (reduction: the limit is on the right side)",
        section=SECTION,
        statement="For a run of Algorithm 1 with the l1, l0 or Tl1 u-update (soft, hard or Tl1 "
        "thresholding: each has the inner property u_i (w_i - u_i) >= 0 and |u_i| <= |w_i|), "
        "with unit w0, (i) theta(w0, w*) <= pi - delta, delta in (0, pi), (ii) 0 < beta <= "
        "k sin(delta)/(2pi), any eta > 0 and lam > 0: if (u^t, w^t) -> (u_bar, w_bar), then mu = "
        "<c2 w* + beta u_bar, w_bar> > 0 and cos(theta_bar) > 0.",
        reading=_LIMIT_READING + "; slack min(mu, cos(theta_bar)), strict. Case c1 < 0: c1 + eta mu "
        ">= 0 forces mu > 0; case c1 >= 0: R-invariance keeps theta_t <= pi - delta, and no limit "
        "with theta_bar <= pi - delta has mu <= 0",
        domain="run specs of Algorithm 1 (l1, l0, Tl1) inside Lemma 5.6's hypotheses (a subset of "
        "this claim's: no condition on eta or lam is needed)",
        hypotheses=at_limit(LEMMA54),
        strategy=lambda: limit_points("L5.6", PENALTIES),
        slack=s_mu_positive,
        prove=FP.prove_mu_positive,
        uses=FP.USES_MU_POSITIVE,
        examples=(
            {"k": 1, "w_star": np.array([0.8, 0.6]), "w0": np.array([0.0, 1.0]), "lam": 0.001,
             "beta": 0.15, "eta": 5.0, "delta": 1.5, "penalty": "l1", "a": 1.0},
            {"k": 1, "w_star": np.array([0.96, 0.28]), "w0": np.array([0.0, 1.0]), "lam": 0.01,
             "beta": 0.15, "eta": 0.5, "delta": 1.5, "penalty": "l0", "a": 1.0},
        ),
        search_scale=3.0,
        strict=True,
    ),
)
