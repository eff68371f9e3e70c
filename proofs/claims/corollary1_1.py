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
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from proofs.algorithm.thresholds import prox
from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Hypothesis, ProofResult

from .lemma5_6 import COMMON
from .runs import conclusions as C
from .runs.conclusions import C_MAX, K_EQ11, K_EQ11_FIX
from .runs.hypotheses import H_A_POS, H_BETA_POS, H_LAM_POS, THEOREM1, at_limit
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
    COMMON + "; conclusion = min of: convergence, delta - theta, w* - (2pi/k) beta (w_bar - "
    "u_bar) = C w_bar with 0 < C <= cos(theta), |w* - w_bar| <= (2pi/k) beta sin(gamma), "
    "|w* - u_bar| <= (2pi/k) beta sin(gamma) + r sqrt(d) (r = max |x - P(x)|: sqrt(2 lam/beta) "
    "for l0, max(t, (lam/beta)(a+1)/a) for Tl1)"
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
    return {"w": w, "lam": lam, "beta": beta, "a": a, "penalty": pen}


def _m_w(p: dict[str, Any], B: Backend) -> Any:
    w = B.vector(p["w"])
    return np.dot(w, w)


def s_acute(p: dict[str, Any], B: Backend) -> Any:
    """<u^{t+1}, w^t> >= 0 (theta(u, w) <= pi/2; u = 0 has no angle and passes), u the exact
    u-update (hard thresholding / Tl1 argmin) of w at B's precision."""
    w = B.vector(p["w"])
    u = prox(w, B.scalar(p["lam"]), B.scalar(p["beta"]), p["penalty"], B.scalar(p["a"]),
             exact_tl1=True)
    return np.dot(np.asarray(u), w)


def prove_acute() -> ProofResult:
    """Componentwise u_i w_i >= 0. Hard thresholding: u_i w_i is w_i^2 or 0. Tl1 (and any
    penalty even in y): f(y) = (y - x)^2/2 + tau rho_a(|y|) has f(-y) - f(y) = 2 x y, so a y with
    x y < 0 is beaten by -y and no minimiser has x y < 0."""
    x, y = sp.symbols("x y", real=True)
    tau, a = sp.symbols("tau a", positive=True)
    rho = (a + 1) * sp.Abs(y) / (a + sp.Abs(y))
    f = (y - x) ** 2 / 2 + tau * rho
    ok_tl1 = sp.simplify(f.subs(y, -y) - f - 2 * x * y) == 0
    keep = sp.Symbol("chi", nonnegative=True)  # the indicator 1{|x| > sqrt(2 tau)} in {0, 1}
    ok_l0 = all(sp.simplify((x * c) * x - c * x**2) == 0 for c in (0, 1)) and bool(
        (keep * x**2).is_nonnegative
    )
    ok = bool(ok_tl1 and ok_l0)
    return ProofResult(
        ok=ok,
        method="symbolic",
        summary=(
            "SymPy: hard thresholding gives u_i w_i in {w_i^2, 0}; for the Tl1 u-update "
            "(argmin of (y-x)^2/2 + tau rho_a(y), rho_a even) f(-y) - f(y) = 2xy, so every "
            "minimiser has x y >= 0; hence <u^{t+1}, w^t> >= 0 and theta(u^{t+1}, w^t) <= pi/2 "
            "(u^{t+1} != 0)"
            if ok else "SymPy could not verify the sign identities"
        ),
    )


# ----------------------------------------------------------------------------- claims


def _corollary(p: RunPoint, B: Backend, c: Any) -> Any:
    return C.corollary(p, B, c.C_MAX, c.K)


def _corollary_fix(p: RunPoint, B: Backend, c: Any) -> Any:
    return C.corollary_fix(p, B, c.K)


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
#: the corrected conclusions: K = (2 pi/k) beta, C <= cos(theta), the operator's largest shrink
_FIX = {"paper_ref": "Corollary 1.1 (corrected)", "slack": _corollary_fix,
        "constants_decl": (K_EQ11,), "constants": {"K": K_EQ11_FIX}, "notes": ""}

CLAIMS: tuple[Claim, ...] = (
    L0,
    L0.fix(
        statement="l0, Theorem 1's conditions: convergence, theta < delta, w* - (2pi/k) beta "
        "(w_bar - H(w_bar)) = C w_bar with 0 < C <= cos(theta), |w* - w_bar| <= (2pi/k) beta "
        "sin(gamma) <= sin(delta) sin(gamma), |w* - u_bar| <= (2pi/k) beta sin(gamma) + "
        "sqrt(2 lam/beta) sqrt(d).",
        reading=FIX_READING, **_FIX,
    ),
    TL1,
    TL1.fix(
        statement="Tl1, Theorem 1's conditions: convergence, theta < delta, w* - (2pi/k) beta "
        "(w_bar - T(w_bar)) = C w_bar with 0 < C <= cos(theta), |w* - w_bar| <= (2pi/k) beta "
        "sin(gamma), |w* - u_bar| <= (2pi/k) beta sin(gamma) + max(t, (lam/beta)(a+1)/a) sqrt(d).",
        reading=FIX_READING + _TL1, **_FIX,
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
        domain="w in R^d (d >= 2, w != 0), lam > 0, beta > 0, a > 0; components at the hard "
        "threshold included",
        hypotheses=(Hypothesis("w != 0", _m_w, strict=True), H_LAM_POS, H_BETA_POS, H_A_POS),
        strategy=_acute_points,
        slack=s_acute,
        prove=prove_acute,
        search_scale=2.0,
    ),
)
