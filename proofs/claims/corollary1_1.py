"""Claims of Corollary 1.1 (l0 and Tl1 penalties) and of its proof (step 2).

``C1.1-l0`` / ``C1.1-tl1``: limit points of Algorithm 1 with hard thresholding (Lemma 5.8 with
lam/beta) or the Tl1 u-update (exact argmin of Lemma 5.7's objective with lam/beta), inside
Theorem 1's hypotheses (step condition along the run included); slacks at the limit point
(:mod:`proofs.claims.runs.conclusions`).

Reading of "converge to a limit point (u_bar, w_bar) satisfying equation (10) with l0's hard
thresholding operator or Tl1 thresholding replacing S_{lam/beta}, and similar bounds (11)-(12)
hold": convergence (as in ``T1-convergence``), theta < delta (Step 3 of the proof), (10) as
printed with the operator P in place of S, (11) as printed, and (12) with the operator's
threshold in place of lam/beta (l0: sqrt(2 lam/beta); Tl1: t of Lemma 5.7 with lam/beta).

The corrections split the printed claims in two: ``C1.1-l0+fix`` / ``C1.1-tl1+fix`` are the
properties of the limit of a convergent run (proved: :mod:`proofs.claims.arguments.limit_point`),
``C1.1-convergence`` is the convergence itself (unrefuted; its notes say what would settle it).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from proofs.algorithm.thresholds import prox
from proofs.engine.backend import Backend
from proofs.engine.claim import Claim
from proofs.engine.domain import Domain

from .arguments import limit_point as P
from .arguments import step_bounds as SB
from .lemma5_6 import COMMON, PROVED_READING
from .runs import conclusions as C
from .runs.conclusions import C_MAX, K_EQ11, K_EQ11_FIX
from .runs.hypotheses import H_A_POS, THEOREM1, at_limit, lemma56_step_sizes
from .runs.points import RunPoint, run_point
from .runs.strategies import limit_points

SECTION = "Corollary 1.1"
DOMAIN = (
    "run specs of Algorithm 1 with the {pen} penalty inside Theorem 1's hypotheses (delta in "
    "(0, pi), theta(w0,w*) <= pi - delta, beta <= k sin(delta)/(2pi), lam < k/(2pi sqrt d), "
    "eta <= min{{1/(beta+L), 2pi/k}}, step condition along the run)"
)
READING = (
    COMMON + "; conclusion = min of: convergence, delta - theta, (10) as printed with the "
    "operator (identity + 0 < C <= k/(k-2pi lam sqrt d)), (11) as printed, (12) with the "
    "operator's threshold in place of lam/beta"
)
FIX_READING = (
    PROVED_READING + "; conclusion (strict) = min of: delta - theta > 0 and, as pass/fail parts "
    "(within the rounding allowance), w* - (2pi/k) beta (w_bar - u_bar) = C w_bar, 0 <= C <= "
    "cos(theta), |w* - w_bar| <= (2pi/k) beta sin(gamma), |w* - u_bar| <= (2pi/k) beta sin(gamma) + "
    "r sqrt(d) (r = max |x - P(x)|: sqrt(2 lam/beta) for l0, max(t, (lam/beta)(a+1)/a) for Tl1); "
    "no convergence part (C1.1-convergence); runs that do not converge within the cap are not "
    "drawn"
)
_TL1 = "; the Tl1 u-update is the exact argmin"

#: round points inside Theorem 1's hypotheses (k = 1, d = 2)
ROUND_L0 = run_point([0.8, 0.6], [0.0, 1.0], k=1, lam=0.001, beta=0.15, eta=0.5, delta=1.5,
                     penalty="l0")
#: hard thresholding drops the second coordinate: u_bar = (w_bar_1, 0), gamma > 0
DROP_L0 = dict(ROUND_L0, w_star=np.array([0.96, 0.28]), lam=0.01)
ROUND_TL1 = dict(ROUND_L0, penalty="tl1")


def _points(pen: str) -> Any:
    return lambda: limit_points("T1", (pen,), require_convergence=False)


# ----------------------------------------------------------------------------- acute (step 2)


@st.composite
def _acute_points(draw: Any) -> dict[str, Any]:
    d = draw(st.one_of(st.sampled_from([2, 3]), st.integers(2, 8)))
    pen = draw(st.sampled_from(["l0", "tl1"]))
    scale = 10.0 ** draw(st.floats(-3, 1))
    w = np.array(draw(st.lists(st.floats(-1, 1, allow_nan=False), min_size=d, max_size=d))) * scale
    if not np.any(w):
        w[0] = scale
    tau = 10.0 ** draw(st.floats(-6, 2))
    beta = 10.0 ** draw(st.floats(-3, 1))
    lam = tau * beta
    if draw(st.booleans()) and pen == "l0":  # a component exactly at the hard threshold
        w[0] = float(np.sqrt(2 * lam / beta))
    a = 10.0 ** draw(st.floats(-3, 2))
    return {"d": d, "w": w, "lam": lam, "beta": beta, "a": a, "penalty": pen}


#: any non-zero w^t, lam > 0, beta > 0, a > 0 (the penalty, l0 or tl1, is a coordinate of the point)
ACUTE_DOMAIN = Domain("d integer >= 2", "w in R^d", "lam in (0, oo)", "beta in (0, oo)", "a in (0, oo)")


def s_acute(p: dict[str, Any], B: Backend) -> Any:
    """<u^{t+1}, w^t> >= 0 (theta(u, w) <= pi/2; u = 0 has no angle and passes), u the exact
    u-update (hard thresholding / Tl1 argmin) of w at B's precision."""
    w = B.vector(p["w"])
    u = prox(w, B.scalar(p["lam"]), B.scalar(p["beta"]), p["penalty"], B.scalar(p["a"]),
             exact_tl1=True)
    return np.dot(np.asarray(u), w)


# ----------------------------------------------------------------------------- claims


def _corollary(p: RunPoint, B: Backend, c: Any) -> Any:
    return C.corollary(p, B, c.C_MAX, c.K)


def _corollary_fix(p: RunPoint, B: Backend, c: Any) -> Any:
    return C.corollary_at_limit(p, B, c.K)


def _converging(pen: str) -> Any:
    return lambda: limit_points("T1", (pen,))


L0 = Claim(
    id="C1.1-l0",
    paper_ref="Corollary 1.1",
    section=SECTION,
    statement="With l0 in place of l1 (u-update by hard thresholding), under Theorem 1's "
    "initialization conditions: convergence to (u_bar, w_bar) satisfying (10) with hard "
    "thresholding in place of S_{lam/beta}, and bounds like (11)-(12).",
    reading=READING,
    domain=DOMAIN.format(pen="l0"),
    hypotheses=at_limit(THEOREM1),
    strategy=_points("l0"),
    slack=_corollary,
    constants=(C_MAX, K_EQ11),
    examples=(DROP_L0, ROUND_L0),
    search_scale=2.5,
    notes="theta < delta is checked as delta - theta >= 0 in the composite",
)
TL1 = L0.derive(
    "C1.1-tl1",
    statement="The same with Tl1 (u-update by Lemma 5.7's thresholding).",
    reading=READING + _TL1 + " (Algorithm 1's definition)",
    domain=DOMAIN.format(pen="tl1") + ", a > 0", add_hypotheses=(H_A_POS,), strategy=_points("tl1"),
    examples=(ROUND_TL1,), search_scale=6.0,
)
#: the corrected conclusions: K = (2 pi/k) beta, 0 <= C <= cos(theta), the operator's largest shrink
_FIX = {"paper_ref": "Corollary 1.1 (corrected)", "slack": _corollary_fix, "strict": True,
        "constants_decl": (K_EQ11,), "constants": {"K": K_EQ11_FIX}}
_WEAK_C = (
    "'C > 0' is weakened to 'C >= 0': at the edge of (ii), beta = k/(2pi) and delta = pi/2, the run "
    "from w0 = w* = (1, ..., 1)/sqrt(d) with every |w*_i| at most the threshold stays at w_bar = w*, "
    "u_bar = 0, and C = 1 - (2pi/k) beta = 0 exactly (tests/test_arguments_limit.py); float64 beta "
    "cannot hit k/(2pi), so no 50-digit counterexample exists, but the strict statement is false. "
    "C > 0 whenever beta < k/(2pi) or u_bar != 0. The convergence conjunct is C1.1-convergence."
)
_STATEMENT = (
    "{pen}, Theorem 1's conditions{extra}: if (u^t, w^t) converges to (u_bar, w_bar), then theta_bar "
    "< delta; w* - (2pi/k) beta (w_bar - u_bar) = C w_bar with 0 <= C <= cos(theta_bar) (C > 0 "
    "unless beta = k/(2pi) and u_bar = 0); |w* - w_bar| <= (2pi/k) beta sin(gamma) <= sin(delta) "
    "sin(gamma); |w* - u_bar| <= (2pi/k) beta sin(gamma) + {r} sqrt(d)."
)
CONVERGENCE_ARGUMENT = (
    "Not proved (search only). What would settle it: (1) sufficient decrease: the surrogate "
    "Lagrangian (L5.5-lagrangian-descent+fix, with lam P(u) for the penalty; the u-step is an exact "
    "argmin) is non-increasing when eta (k/(2pi) + beta) <= 1; a quantitative form L~_t - L~_{t+1} "
    ">= c |w^{t+1} - w^t|^2 with c > 0 (c1 > 0) gives sum_t |w^{t+1} - w^t|^2 < oo, so the limit "
    "points form a connected set of fixed points (R-fixed-point-relation); (2) isolation: on each "
    "sign/active pattern the relation c2 w* + beta P(w) = mu w, |w| = 1, has finitely many "
    "solutions (one equation in mu for l1 and l0; a (d+1)-system for Tl1), so the connected set "
    "is one point. Tl1's u-update is continuous (R-limit-pair applies as for l1). l0's hard "
    "threshold is discontinuous at |w_i| = sqrt(2 lam/beta): a run may approach a point with a "
    "coordinate at the threshold while u^t alternates between the two choices; excluding that "
    "(or showing the descent still forces a limit) is the missing piece. Theorem 1's eta <= "
    "min{1/(beta + L), 2pi/k} does not imply c1 >= 0, so even step (1) needs the extra condition "
    "(as L5.6-convergence+fix and T1-convergence)."
)

CLAIMS: tuple[Claim, ...] = (
    L0,
    L0.fix(
        statement=_STATEMENT.format(pen="l0 (u-update by hard thresholding H with threshold "
                                    "sqrt(2 lam/beta))", extra="", r="sqrt(2 lam/beta)"),
        reading=FIX_READING + "; u_bar = lim u^t (the polished fixed point's u_bar = H(w_bar))",
        strategy=_converging("l0"), prove=P.prove_c11_l0_fix, uses=P.USES_C11_L0_FIX,
        notes=_WEAK_C, **_FIX,
    ),
    TL1,
    TL1.fix(
        statement=_STATEMENT.format(pen="Tl1 (u-update by the exact Tl1 thresholding T of Lemma 5.7 "
                                    "with lam/beta)", extra=" and a > 0", r="max(t, (lam/beta)(a+1)/a)"),
        reading=FIX_READING + _TL1, strategy=_converging("tl1"), prove=P.prove_c11_tl1_fix,
        uses=P.USES_C11_TL1_FIX, notes=_WEAK_C, **_FIX,
    ),
    L0.derive(
        "C1.1-convergence",
        paper_ref="Corollary 1.1 (convergence part, corrected claims)",
        statement="Corollary 1.1: with l0 or Tl1 in place of l1, under Theorem 1's conditions (and a > 0 "
        "for Tl1), (u^t, w^t) converges to a limit (u_bar, w_bar).",
        reading="as T1-convergence without its theta part: |w^{t+1} - w^t| <= 1e-14 within 40000 "
        "float64 iterations, matched by a fixed point at 50/100 digits; non-convergence counts only "
        "as a 2-cycle persisting in mpmath (slack 1 if converged, -|w^{t+1} - w^t| at a confirmed "
        "2-cycle)",
        domain=DOMAIN.format(pen="l0 or Tl1") + ", a > 0",
        add_hypotheses=(H_A_POS,), strategy=lambda: limit_points("T1", ("l0", "tl1"),
                                                                 require_convergence=False),
        slack=C.converges, constants_decl=(), examples=(DROP_L0, ROUND_L0, ROUND_TL1),
        search_scale=4.0, notes=CONVERGENCE_ARGUMENT,
        power=lemma56_step_sizes(("l0", "tl1")),
    ),
    Claim(
        id="C1.1-acute",
        paper_ref="proof of Corollary 1.1, step 2",
        section=SECTION,
        statement="For l0 and Tl1, each component of u^{t+1} is a thresholded version of that of "
        "w^t, hence theta(u^{t+1}, w^t) <= pi/2.",
        reading="for any w^t != 0, tau = lam/beta > 0, a > 0: <u^{t+1}, w^t> >= 0 with u^{t+1} the "
        "exact u-update (hard thresholding, Lemma 5.8 with lam/beta; Tl1 argmin); u^{t+1} = 0 "
        "(no angle) passes. (Lemma 5.7's printed formula is sign-preserving on 20000 random "
        "samples too; it is not part of this check.)",
        variables=ACUTE_DOMAIN,
        strategy=_acute_points,
        slack=s_acute,
        prove=SB.prove_c11_acute,
        uses=SB.USES_c11_acute,
        search_scale=2.0,
    ),
)
