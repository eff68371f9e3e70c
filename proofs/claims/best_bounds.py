"""The best constant of eq. (12) (Theorem 1), proved: ``BC-eq12-sharp``.

(12) bounds |w* - u_bar| by c sin(delta) sin(gamma) + (lam/beta) sqrt(d) with c = 1/2 printed and
c = 1 in ``T1-eq12+fix``. For the l1 penalty the sharp bound is

    |w* - u_bar| <= K sin(gamma) + (lam/beta) sqrt(d),
    K = (sqrt(1 + (1 + b)^2 (d - 1)) - sqrt(d))/sqrt(d - 1) <= g(d) sin(delta),  b = (2pi/k) beta,
    g(d) = (sqrt(4d - 3) - sqrt(d))/sqrt(d - 1) < 1,

and the family of :mod:`proofs.claims.arguments.best_constants` (tau -> 0, beta = k sin(delta)/(2pi),
delta = pi/2) attains g(d) in the limit: the best constant of eq. (12) is g(d) (0.8219 for d = 2,
increasing to 1). Proof: :mod:`proofs.claims.arguments.eq12_sharp`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from proofs.claims.arguments import eq12_sharp as E
from proofs.claims.arguments import limit_frame as F
from proofs.claims.arguments.best_constants import family_point
from proofs.claims.arguments.limit_point import soft_properties
from proofs.engine.claim import Claim, Constant, ProofResult
from proofs.engine.objectives import Bound
from proofs.engine.proof import cites, proof

from .runs.hypotheses import THEOREM1, at_limit
from .runs.limit import limit, norm_b, theta_gamma
from .runs.strategies import limit_points

SECTION = "Theorem 1"
POSITION = "T1-eq12"

_k, _beta, _d = sp.Symbol("k"), sp.Symbol("beta"), sp.Symbol("d")  # "beta" as a string is Euler's B
K_CONSTANT = Constant(
    "K", (sp.sqrt(1 + (1 + 2 * sp.pi * _beta / _k) ** 2 * (_d - 1)) - sp.sqrt(_d)) / sp.sqrt(_d - 1),
    doc="the sharp coefficient of sin(gamma) in eq. (12) for l1; K <= g(d) sin(delta)",
)

#: self-contained for soft thresholding (its two pointwise properties are checked here, not cited)
USES = ("R-limit-pair", "R-mu-positive", "R-fixed-point-plane")


def prove_eq12_sharp() -> ProofResult:
    return proof([
        cites("R-limit-pair", "at the limit: c2 w* + beta u_bar = mu w_bar, |w_bar| = 1, u_bar = S_tau(w_bar)"),
        *soft_properties(),
        cites("R-mu-positive", "mu > 0 and cos(theta_bar) > 0 (soft thresholding has the inner property)"),
        cites("R-fixed-point-plane", "frame w_bar = e1, w* = (C, S), u_bar = (x, -y), S = b y"),
        F.ge_from_squares("|w_bar - u_bar| <= tau sqrt(d) from |w_bar - u_bar|^2 <= d tau^2"),
        *E.all_steps(),
    ])


def s_eq12_sharp(p: dict[str, Any], B: Any, c: Any) -> Any:
    """K sin(gamma) + (lam/beta) sqrt(d) - |w* - u_bar| at the run's limit."""
    L = limit(p, B)
    _, ga = theta_gamma(L, B)
    tau = B.scalar(p["lam"]) / B.scalar(p["beta"])
    d = len(L.w)
    return Bound(norm_b(L.s - L.u, B) - tau * B.sqrt(B.scalar(d)), c.K, B.sin(ga))


def _family_points() -> Any:
    """Points of the family along which the bound is sharp (lam/beta -> 0 at the edge of (ii)):
    the boundary region a generic run search does not reach."""
    return st.builds(family_point, st.integers(2, 5), st.floats(-7, -1).map(lambda e: 10.0**e))


def _strategy() -> Any:
    return st.one_of(limit_points("T1", ("l1",)), _family_points())


_ROUND = {"k": 1, "w_star": np.array([0.8, 0.6]), "w0": np.array([0.0, 1.0]), "lam": 0.001,
          "beta": 0.15, "eta": 0.5, "delta": 1.5, "penalty": "l1", "a": 1.0}

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="BC-eq12-sharp",
        paper_ref="Theorem 1, eq. (12): best constant",
        section=SECTION,
        statement="Hypotheses of Theorem 1 (l1): |w* - u_bar| <= K sin(gamma) + (lam/beta) sqrt(d) with "
        "K = (sqrt(1 + (1 + b)^2 (d - 1)) - sqrt(d))/sqrt(d - 1), b = (2pi/k) beta; K <= g(d) sin(delta), "
        "g(d) = (sqrt(4d - 3) - sqrt(d))/sqrt(d - 1) < 1. So the best constant of eq. (12) is g(d) "
        "(sqrt(5) - sqrt(2) = 0.8219 for d = 2, -> 1 as d -> oo), attained in the limit lam -> 0 "
        "with beta = k/(2pi), delta = pi/2.",
        reading="at the limit (u_bar, w_bar) of a convergent run (proofs.claims.runs.limit); K is the exact "
        "constant at the point's k, beta, d; the proof also covers Lemma 5.6's hypotheses (it uses (i), "
        "beta <= k sin(delta)/(2pi) and the l1 structure only)",
        domain="run specs of Algorithm 1 with the l1 penalty inside Theorem 1's hypotheses (as T1-eq12)",
        hypotheses=at_limit(THEOREM1),
        strategy=_strategy,
        slack=s_eq12_sharp,
        constants=(K_CONSTANT,),
        prove=prove_eq12_sharp,
        uses=USES,
        examples=(
            dict(_ROUND, w_star=np.array([0.96, 0.28]), lam=0.02),
            _ROUND,
            family_point(2, 1e-4),
            family_point(3, 1e-3),
        ),
        search_scale=3.0,
        notes="the sup of (|w* - u_bar| - (lam/beta) sqrt d)/(sin delta sin gamma) found by search "
        "before (0.868) is below g(3) = 0.8966; the printed 1/2 fails for every d >= 2",
    ),
)
