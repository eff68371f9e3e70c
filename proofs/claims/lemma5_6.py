"""Claims of Lemma 5.6 (properties of the limit point) and of its proof, eqs. (21)-(25).

Points are limit points (:mod:`proofs.claims.runs.points`) of Algorithm 1 with the l1 penalty
inside Lemma 5.6's hypotheses (i)-(iii) (:data:`~proofs.claims.runs.hypotheses.LEMMA56`); each
conclusion is a slack at the run's limit point, computed in float64 and confirmed at the
high-precision fixed point (:mod:`proofs.claims.runs.limit`, :mod:`proofs.claims.runs.conclusions`).

Reading common to all: (u_bar, w_bar) is the limit of the run (|w^{t+1} - w^t| <= 1e-14 in
float64 within 40000 iterations; the claims about "the limit" are checked on runs that converge,
the convergence itself is ``L5.6-convergence``); w* is a unit vector; delta is a parameter of the
point with theta(w0, w*) <= pi - delta; gamma := 0 where u_bar = 0 (then w_bar = w* exactly).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Constant, Constants, ProofResult
from proofs.engine.power import dropped_hypotheses
from proofs.engine.proof import by_sympy, cites, proof

from .arguments import limit_point as P
from .runs import conclusions as C
from .runs.conclusions import C_MAX, K_EQ11, K_EQ11_FIX, identity
from .runs.hypotheses import H_C1_POS, LEMMA56, at_limit
from .runs.limit import limit, norm_b, theta_gamma
from .runs.points import RunPoint, param_expr, run_point
from .runs.strategies import limit_points

SECTION = "Lemma 5.6"
HYP = at_limit(LEMMA56)
DOMAIN = (
    "run specs of Algorithm 1 with the l1 penalty: k >= 1, d >= 2, unit w*, unit w0 with "
    "theta(w0,w*) <= pi - delta, delta in (0, pi), lam > 0 with (2pi/k) lam sqrt(d) < 1, "
    "0 < beta <= k sin(delta)/(2pi), 0 < eta < 2pi/k"
)
COMMON = (
    "at the limit (u_bar, w_bar) of a convergent run: numerically the run's float64 limit (step "
    "<= 1e-14), polished to the fixed point of Algorithm 1's map at the working precision (fixed "
    "points do not depend on eta; distance to the float limit <= 1e-6 checked); gamma := 0 where "
    "u_bar = 0"
)
#: what the limit-point proofs cover (the reading of every proved claim about the limit)
PROOF_COVERS = (
    "the proof covers every pair satisfying the fixed-point relation c2 w* + beta u_bar = mu "
    "w_bar with c1 + eta mu >= 0, |w_bar| = 1 and the operator properties of the u-update at "
    "(w_bar, u_bar) (OP-*-inner, OP-*-residual), with theta_bar <= pi - delta when every theta_t "
    "is (R-limit-pair, R-invariance); fixed points with mu <= 0 (e.g. w_bar = -w* for an axis w*) "
    "exist but are never such limits (R-mu-positive)"
)
PROVED_READING = COMMON + "; " + PROOF_COVERS

#: a round point (k = 1, d = 2) inside the hypotheses of Lemma 5.6 and Theorem 1
ROUND = run_point([0.8, 0.6], [0.0, 1.0], k=1, lam=0.001, beta=0.15, eta=0.5, delta=1.5)
#: a round 2-cycle: tau = lam/beta ~ 0.79 and eta k/(2pi) ~ 0.955 make w* = e1 repelling
CYCLE = run_point([1.0, 0.0], [0.6, 0.8], k=1, lam=0.11, beta=0.14, eta=6.0, delta=2.0)
#: eta (k/(2pi) + beta) > 1 while eta k/(2pi) < 1: c1 < 0 is allowed by (iii)
C1_NEGATIVE = dict(ROUND, eta=5.0)

#: the chain's coefficient of beta |u| sin(gamma) (eq. (23) gives 2 pi/k for sin(theta)/cos(theta/2))
C23 = Constant("C23", param_expr("pi/k"), sense="exact",
               doc="2 sin(theta) = C23 beta |u_bar| sin(gamma) in the chain (printed pi/k)")


def _points(require: bool = True, c1_positive: bool = False) -> Any:
    return lambda: limit_points("L5.6", ("l1",), require_convergence=require, c1_positive=c1_positive)


def _chain(p: RunPoint, B: Backend, c: Constants) -> Any:
    """The chain |w*-w_bar| <= 2 sin(theta) = C23 beta |u| sin(gamma) <= C23 beta sin(gamma)
    <= K sin(gamma): the minimum of the four link slacks (the '=' an identity)."""
    L = limit(p, B)
    th, ga = theta_gamma(L, B)
    beta, nu = B.scalar(p["beta"]), norm_b(L.u, B)
    return min(2 * B.sin(th) - norm_b(L.s - L.w, B),
               identity(B.fabs(2 * B.sin(th) - c.C23 * beta * nu * B.sin(ga)), B.scalar(2), B),
               c.C23 * beta * B.sin(ga) - c.C23 * beta * nu * B.sin(ga),
               c.K * B.sin(ga) - c.C23 * beta * B.sin(ga))


def _chain_fix(p: RunPoint, B: Backend, c: Constants) -> Any:
    """Corrected chain: |w*-w_bar| = sin(theta)/cos(theta/2) = C23 beta |u| sin(gamma) /
    cos(theta/2) <= C23 beta sin(gamma) <= K sin(gamma), C23 = 2 pi/k, K = sin(delta)."""
    L = limit(p, B)
    th, ga = theta_gamma(L, B)
    beta, nu, ch = B.scalar(p["beta"]), norm_b(L.u, B), B.cos(th / 2)
    return min(identity(B.fabs(norm_b(L.s - L.w, B) - B.sin(th) / ch), B.scalar(2), B),
               identity(B.fabs(B.sin(th) / ch - c.C23 * beta * nu * B.sin(ga) / ch), B.scalar(2), B),
               c.C23 * beta * B.sin(ga) - c.C23 * beta * nu * B.sin(ga) / ch,
               c.K * B.sin(ga) - c.C23 * beta * B.sin(ga))


def prove_eq23() -> ProofResult:
    """At a fixed point: c2 w* + beta u = mu w_bar (the update is w^ = c1 w + eta (c2 w* +
    beta u) with u = S(w), normalised). In an orthonormal frame w_bar = e1,
    w* = cos(t) e1 + sin(t) e2, u = (p, q, r): the e2 and e3 components of the relation give
    q = -c2 sin(t)/beta, r = 0, so |u| sin(gamma) = |u - <u, e1> e1| = c2 sin(t)/beta."""
    t, c2, beta, p, q, r, eta, c1 = sp.symbols("t c2 beta p q r eta c1", real=True)
    w = sp.Matrix([1, 0, 0])
    s = sp.Matrix([sp.cos(t), sp.sin(t), 0])
    u = sp.Matrix([p, q, r])
    # fixed point of w -> (c1 w + eta (c2 s + beta u)) / N with N > 0: N w = c1 w + eta(...)
    N = sp.Symbol("N", positive=True)
    fp = N * w - (c1 * w + eta * (c2 * s + beta * u))
    sol = sp.solve([fp[1], fp[2]], [q, r], dict=True)
    ok1 = len(sol) == 1 and sp.simplify(sol[0][q] + c2 * sp.sin(t) / beta) == 0 and sol[0][r] == 0
    par = (c2 * s + beta * u).subs(sol[0])
    mu_val = sp.simplify(par[0])
    ok2 = sp.simplify(par - mu_val * w) == sp.zeros(3, 1)  # (22): c2 w* + beta u // w_bar
    perp = (u - u.dot(w) * w).subs(sol[0])  # |u| sin(gamma) = |u - <u,w> w|
    tt = sp.Symbol("tt", positive=True)  # t in (0, pi): sin(t) > 0
    lhs2 = sp.simplify(perp.dot(perp).subs(t, tt))
    ok3 = sp.simplify(lhs2 - (c2 * sp.sin(tt) / beta) ** 2) == 0
    return proof([
        cites("R-limit-pair", "the limit satisfies N w_bar = c1 w_bar + eta (c2 w* + beta u_bar)"),
        cites("R-fixed-point-plane", "frame w_bar = e1, w* = (cos t, sin t, 0), u_bar = (p, q, r)"),
        by_sympy("the e2, e3 components give q = -c2 sin(t)/beta, r = 0", bool(ok1), str(sol)),
        by_sympy("hence c2 w* + beta u_bar = mu w_bar (22)", bool(ok2), f"mu = {mu_val}"),
        by_sympy("(|u_bar| sin gamma)^2 = |u - <u, w_bar> w_bar|^2 = (c2 sin theta / beta)^2; both "
                 "sides >= 0, so (k/(2 pi)) sin theta = beta |u_bar| sin gamma (23)", bool(ok3), str(lhs2)),
    ])


#: the shared record of Lemma 5.6's claims at the limit (not registered: each derives from it)
LIMIT = Claim(
    id="L5.6", paper_ref="Lemma 5.6", section=SECTION, statement="", reading=COMMON, domain=DOMAIN,
    hypotheses=HYP, strategy=_points(), examples=(ROUND,), search_scale=2.0,
)
_PROOF = LIMIT.derive("L5.6-proof", paper_ref="proof of Lemma 5.6")
_CONVERGENCE_READING = (
    "converges: |w^{t+1} - w^t| <= 1e-14 within 40000 float64 iterations and the float limit is "
    "matched (<= 1e-6) by a fixed point of Algorithm 1's map at 50/100 digits (the 'critical "
    "point' read as a stationary point of the iteration). A run that does not converge within the "
    "cap counts only if a 2-cycle persists at 50 and 100 digits in mpmath (slow convergence is not "
    "confirmed)."
)

CONVERGENCE = LIMIT.derive(
    "L5.6-convergence",
    statement="Hypotheses (i) theta(w0,w*) <= pi - delta, delta > 0; (ii) (2pi/k) lam sqrt(d) < 1 "
    "and beta <= k sin(delta)/(2pi); (iii) eta k/(2pi) < 1. Then (u^t, w^t) converges to a "
    "critical point (u_bar, w_bar).",
    reading=_CONVERGENCE_READING, strategy=_points(False), slack=C.converges,
    examples=(CYCLE, ROUND, C1_NEGATIVE),
    supports=("L5.6-theta-lt-delta", "L5.6-eq11", "L5.6-eq23", "L5.6-eq25", "T1-convergence",
              "C1.1-l0", "C1.1-tl1"),
    notes="slack 1 if converged, -|w^{t+1}-w^t| at a confirmed 2-cycle. At CYCLE the "
    "iterates alternate between (0.60489, +0.79631) and (0.60489, -0.79631): the fixed "
    "point w* = e1 has tangential multiplier c1/(c1 + eta mu) < -1 (c1 = 1 - eta(k/2pi + "
    "beta) < 0)",
)
EQ11 = LIMIT.derive(
    "L5.6-eq11",
    statement="Same hypotheses, gamma := theta(u_bar, w_bar): |w* - w_bar| <= 1/2 sin(delta) sin(gamma).",
    slack=lambda p, B, c: C.eq11(p, B, c.K), constants_decl=(K_EQ11,),
    supports=("T1-eq11", "T1-eq12", "C1.1-l0", "C1.1-tl1"),
)
EQ21 = _PROOF.derive(
    "L5.6-eq21",
    paper_ref="proof of Lemma 5.6, eqs. (21)-(22)",
    statement="w_bar = C_bar (c1 w_bar + eta c2 w* + eta beta u_bar) with c2 = k/(2pi), c1 > 0 "
    "(due to (iii)), u_bar = S_{lam/beta}(w_bar); hence c2 w* + beta u_bar is parallel to w_bar.",
    reading=COMMON + "; c1 = 1 - eta (k/(2pi) + beta) (the update with E g = (k/2pi)(w - w*) "
    "for unit w); conclusion: c1 > 0, C_bar = 1/(c1 + eta mu) > 0 and c2 w* + beta u_bar = "
    "mu w_bar with mu > 0 ('parallel' read as same direction), all strict",
    slack=C.eq21, examples=(C1_NEGATIVE, ROUND), strict=True,
    notes="the parallel conclusion (22), which (23)-(25) use, holds without c1 > 0",
)
CHAIN = _PROOF.derive(
    "L5.6-chain",
    statement="|w* - w_bar| <= 2 sin(theta) = pi beta |u_bar| sin(gamma)/k <= pi beta sin(gamma)/k "
    "<= 1/2 sin(delta) sin(gamma) (each link is a claim).",
    reading=COMMON + "; slack = min of the four links (the '=' an identity slack)",
    slack=_chain, constants_decl=(C23, K_EQ11), supports=("L5.6-eq11", "T1-eq11", "T1-eq12"),
    notes="by (23), pi beta |u| sin(gamma)/k = sin(theta)/2, not 2 sin(theta)",
)

CLAIMS: tuple[Claim, ...] = (
    CONVERGENCE,
    CONVERGENCE.fix(
        paper_ref="Lemma 5.6 (corrected)",
        statement="Hypotheses (i)-(iii) and in addition eta (k/(2pi) + beta) < 1 (c1 > 0): "
        "(u^t, w^t) converges to a fixed point (u_bar, w_bar).",
        reading="as L5.6-convergence", domain=DOMAIN + ", eta (k/(2pi) + beta) < 1",
        add_hypotheses=(H_C1_POS,), strategy=_points(False, c1_positive=True), examples=(ROUND,),
        # power: without c1 > 0 the search alone must find the 2-cycle (the printed claim)
        power=dropped_hypotheses(H_C1_POS.name, strategy=_points(False)),
        notes="the extra condition is what (21) assumes (c1 > 0); Theorem 1's eta <= 1/(beta+L) "
        "does not imply it",
    ),
    LIMIT.derive(
        "L5.6-theta-lt-delta", statement="Same hypotheses: theta := theta(w_bar, w*) < delta.",
        reading=PROVED_READING, slack=C.theta_lt_delta, examples=(ROUND, C1_NEGATIVE), strict=True,
        prove=P.prove_theta_lt_delta, uses=P.USES_THETA_LT_DELTA,
        notes="no condition on eta is needed: if c1 < 0, c1 + eta mu >= 0 forces mu > 0; if c1 >= 0 "
        "the cone theta <= pi - delta is invariant (R-invariance); mu > 0 gives cos(theta_bar) > 0 "
        "and sin(theta_bar) = (2pi/k) beta |u_bar| sin(gamma) <= sin(delta)/2",
    ),
    EQ11,
    EQ11.fix(
        paper_ref="Lemma 5.6 (corrected)",
        statement="Same hypotheses: |w* - w_bar| <= (2pi/k) beta sin(gamma) <= sin(delta) sin(gamma) "
        "(constant 1 in place of 1/2; sup of |w*-w_bar|/(sin delta sin gamma) is 1, approached as "
        "lam/beta -> 0 with beta at its bound).",
        reading=PROVED_READING + "; checks the stronger first inequality (the second is (ii)): "
        "K = (2pi/k) beta", constants={"K": K_EQ11_FIX},
        prove=P.prove_eq11_fix, uses=P.USES_EQ11_FIX,
        notes="|w*-w_bar| = sin(theta)/cos(theta/2) = (2pi/k) beta |u| sin(gamma)/cos(theta/2) and "
        "|u| <= cos(gamma) <= cos(theta/2)",
    ),
    EQ21,
    EQ21.fix(
        paper_ref="proof of Lemma 5.6, eqs. (21)-(22) (corrected)",
        statement="w_bar = C_bar (c1 w_bar + eta c2 w* + eta beta u_bar) with C_bar > 0, "
        "c1 = 1 - eta (k/(2pi) + beta) of either sign (c1 > 0 iff eta (k/(2pi) + beta) < 1, "
        "not implied by (iii)); hence c2 w* + beta u_bar = mu w_bar with mu > 0.",
        reading=PROVED_READING, slack=lambda p, B: C.eq21(p, B, c1_positive=False),
        prove=P.prove_eq21_fix, uses=P.USES_EQ21_FIX,
        notes="mu > 0 as for L5.6-theta-lt-delta; c1 + eta mu = 1 - e + e C_25 > 0 with e = eta k/(2pi) "
        "< 1 ((iii)) and C_25 >= 0 the C of eq. (25)",
    ),
    _PROOF.derive(
        "L5.6-eq23", paper_ref="proof of Lemma 5.6, eq. (23)",
        statement="At the limit: (k/(2pi)) sin(theta) = beta |u_bar| sin(gamma).",
        reading=COMMON + "; identity slack (rounding allowance 256 ulp of k/(2pi) + beta)",
        slack=C.eq23, prove=prove_eq23, uses=("R-limit-pair", "R-fixed-point-plane"),
        examples=(ROUND, C1_NEGATIVE),
    ),
    _PROOF.derive(
        "L5.6-eq25", paper_ref="proof of Lemma 5.6, eq. (25)",
        statement="At the limit: w* - (2pi/k) beta (w_bar - u_bar) = C w_bar with "
        "0 < C <= k/(k - 2pi lam sqrt(d)).",
        reading=PROVED_READING + "; C := <w* - (2pi/k) beta (w_bar - u_bar), w_bar>, the identity "
        "checked with a rounding allowance, C > 0 strict",
        slack=lambda p, B, c: C.eq25(p, B, c.C_MAX), constants_decl=(C_MAX,), strict=True,
        prove=P.prove_eq25, uses=P.USES_EQ25,
        notes="C = cos(theta) - (2pi/k) beta <w_bar - u_bar, w_bar> <= cos(theta) <= 1: the best "
        "constant for the upper bound is 1 (sup, approached as lam -> 0), below the printed "
        "k/(k - 2pi lam sqrt d)",
    ),
    CHAIN,
    CHAIN.fix(
        paper_ref="proof of Lemma 5.6 (corrected)",
        statement="|w* - w_bar| = sin(theta)/cos(theta/2) = (2pi/k) beta |u_bar| sin(gamma)/cos(theta/2) "
        "<= (2pi/k) beta sin(gamma) <= sin(delta) sin(gamma).",
        reading=PROVED_READING + "; slack = min of the four links (the two '=' identity slacks)",
        slack=_chain_fix, constants={"C23": param_expr("2*pi/k"), "K": param_expr("sin(delta)")},
        prove=P.prove_chain_fix, uses=P.USES_CHAIN_FIX,
        notes="third link: |u| <= cos(gamma) (soft thresholding: <S(w), w> >= |S(w)|^2) and "
        "theta <= 2 gamma",
    ),
)
