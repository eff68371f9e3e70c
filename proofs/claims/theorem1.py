"""Claims of Theorem 1 about the limit point (convergence, eqs. (10)-(12), the Remark's sign).

The trajectory claims of Theorem 1 (``T1-descent``, ``T1-remark-step``) live in
:mod:`proofs.claims.theorem1_trajectory` (another worker's file) and are re-exported here.

Points are run specs of Algorithm 1 with the l1 penalty inside Theorem 1's hypotheses, the step
condition eta |E g(w^t) + beta (w^t - u^{t+1})| <= 1/2 checked along the whole run
(:func:`proofs.claims.limits.run_points` with ``family="T1"``); conclusions are slacks at the
run's limit point, confirmed at the high-precision fixed point (:mod:`proofs.claims.limits`).
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from proofs.claims import limits as Lm
from proofs.claims.lemma5_6 import COMMON, ROUND
from proofs.engine.claim import Claim, ProofResult

try:
    from .theorem1_trajectory import CLAIMS as _TRAJ
except ModuleNotFoundError as exc:  # the other worker's file is not there yet
    if exc.name != f"{__package__}.theorem1_trajectory":
        raise
    _TRAJ = ()

SECTION = "Theorem 1"
#: a round counterexample to (12): w* = (0.96, 0.28), lam/beta = 2/15, all coordinates active
EQ12 = dict(ROUND, w_star=np.array([0.96, 0.28]), lam=0.02)
HYP = Lm.theorem1_hypotheses()
DOMAIN = (
    "run specs of Algorithm 1 with the l1 penalty: k >= 1, d >= 2, unit w*, unit w0 with "
    "theta(w0,w*) <= pi - delta, delta in (0, pi), 0 < beta <= k sin(delta)/(2pi), "
    "0 < lam < k/(2pi sqrt d), 0 < eta <= min{1/(beta+L), 2pi/k} with L = k/(4pi), and "
    "eta |E g(w^t) + beta (w^t - u^{t+1})| <= 1/2 along the whole run"
)


def _points(require: bool = True):  # noqa: ANN202
    return lambda: Lm.run_points("T1", ("l1",), require_convergence=require)


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
    ok = hi == 0 and lo == 0 and mid == 0
    return ProofResult(
        ok=bool(ok),
        method="symbolic",
        summary=(
            "SymPy: x - S_tau(x) equals tau (x > tau), -tau (x < -tau) and x (|x| <= tau), "
            "tau > 0, so sign(x - S_tau(x)) = sign(x) for every x, in particular componentwise "
            "at w_bar (zero components: 0 = 0)"
            if ok else "SymPy could not verify the case split"
        ),
    )


_OWN: tuple[Claim, ...] = (
    Claim(
        id="T1-convergence",
        paper_ref="Theorem 1",
        section=SECTION,
        statement="Hypotheses of Theorem 1: (u^t, w^t) converges to a limit (u_bar, w_bar), and "
        "theta := theta(w_bar, w*) < delta.",
        reading="converges: |w^{t+1} - w^t| <= 1e-14 within 40000 float64 iterations, matched by "
        "a fixed point at 50/100 digits; non-convergence counts only as a 2-cycle persisting in "
        "mpmath; then theta < delta at the limit (strict)",
        domain=DOMAIN,
        hypotheses=HYP,
        strategy=_points(False),
        slack=Lm.s_convergence_and_theta,
        examples=(ROUND,),
        search_scale=2.5,
        strict=True,
    ),
    Claim(
        id="T1-eq10",
        paper_ref="Theorem 1, eq. (10)",
        section=SECTION,
        statement="w_bar - (2pi/k) beta (w_bar - S_{lam/beta}(w_bar)) = C w_bar for some C > 0 "
        "with C <= k/(k - 2pi lam sqrt(d)).",
        reading=COMMON + "; as printed (w_bar, not w*, first); C := <lhs, w_bar>, the identity "
        "lhs = C w_bar checked with a rounding allowance; C > 0 strict",
        domain=DOMAIN,
        hypotheses=HYP,
        strategy=_points(),
        slack=Lm.s_eq10,
        examples=(ROUND,),
        search_scale=2.5,
        strict=True,
        corrected_by="T1-eq10+fix",
        supports=("T1-remark-sign", "C1.1-l0", "C1.1-tl1"),
        notes="w_bar - S(w_bar) is parallel to w_bar only when gamma = 0; eq. (25) of the proof "
        "has w* in place of the first w_bar",
    ),
    Claim(
        id="T1-eq10+fix",
        paper_ref="Theorem 1, eq. (10) (corrected, = eq. (25))",
        section=SECTION,
        statement="w* - (2pi/k) beta (w_bar - S_{lam/beta}(w_bar)) = C w_bar with "
        "0 < C <= cos(theta) (<= 1 <= k/(k - 2pi lam sqrt d)).",
        reading=COMMON,
        domain=DOMAIN,
        hypotheses=HYP,
        strategy=_points(),
        slack=Lm.s_eq10_fix,
        examples=(ROUND,),
        search_scale=2.5,
        strict=True,
        corrects="T1-eq10",
    ),
    Claim(
        id="T1-eq11",
        paper_ref="Theorem 1, eq. (11)",
        section=SECTION,
        statement="gamma := theta(u_bar, w_bar): |w* - w_bar| <= 1/2 sin(delta) sin(gamma).",
        reading=COMMON,
        domain=DOMAIN,
        hypotheses=HYP,
        strategy=_points(),
        slack=Lm.s_eq11,
        examples=(ROUND,),
        search_scale=2.5,
        corrected_by="T1-eq11+fix",
        supports=("T1-eq12", "C1.1-l0", "C1.1-tl1"),
    ),
    Claim(
        id="T1-eq11+fix",
        paper_ref="Theorem 1, eq. (11) (corrected)",
        section=SECTION,
        statement="|w* - w_bar| <= (2pi/k) beta sin(gamma) <= sin(delta) sin(gamma).",
        reading=COMMON + "; checks the stronger first inequality",
        domain=DOMAIN,
        hypotheses=HYP,
        strategy=_points(),
        slack=Lm.s_eq11_fix,
        examples=(ROUND,),
        search_scale=2.5,
        corrects="T1-eq11",
    ),
    Claim(
        id="T1-eq12",
        paper_ref="Theorem 1, eq. (12)",
        section=SECTION,
        statement="|w* - u_bar| <= 1/2 sin(delta) sin(gamma) + (lam/beta) sqrt(d).",
        reading=COMMON,
        domain=DOMAIN,
        hypotheses=HYP,
        strategy=_points(),
        slack=lambda p, B: Lm.s_eq12(p, B),
        examples=(EQ12, ROUND),
        search_scale=3.0,
        corrected_by="T1-eq12+fix",
        supports=("C1.1-l0", "C1.1-tl1"),
        notes="the proof's route is the triangle inequality with (11), which fails by up to a "
        "factor 2; where all coordinates are active (|w_bar - u_bar| = (lam/beta) sqrt(d)) the "
        "bound fails",
    ),
    Claim(
        id="T1-eq12+fix",
        paper_ref="Theorem 1, eq. (12) (corrected)",
        section=SECTION,
        statement="|w* - u_bar| <= (2pi/k) beta sin(gamma) + (lam/beta) sqrt(d) "
        "(<= sin(delta) sin(gamma) + (lam/beta) sqrt(d)).",
        reading=COMMON + "; the corrected (11) plus |w_bar - S(w_bar)| <= (lam/beta) sqrt(d)",
        domain=DOMAIN,
        hypotheses=HYP,
        strategy=_points(),
        slack=Lm.s_eq12_fix,
        examples=(EQ12, ROUND),
        search_scale=3.0,
        corrects="T1-eq12",
    ),
    Claim(
        id="T1-remark-sign",
        paper_ref="Remark after Theorem 1",
        section=SECTION,
        statement="The sign of (w_bar - S_{lam/beta}(w_bar)) agrees with w_bar (componentwise).",
        reading=COMMON + "; sign(0) = 0 (a zero component of w_bar gives 0 = 0); slack = -(number "
        "of disagreeing components); the proof covers every x (not only w_bar)",
        domain=DOMAIN,
        hypotheses=HYP,
        strategy=_points(),
        slack=Lm.s_remark_sign,
        prove=prove_remark_sign,
        examples=(ROUND,),
        search_scale=8.0,
    ),
)

CLAIMS: tuple[Claim, ...] = _OWN + tuple(_TRAJ)
