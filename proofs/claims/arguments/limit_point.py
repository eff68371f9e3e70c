"""Proofs of the limit-point claims of Lemma 5.6, Theorem 1 (eqs. (10)-(12)) and Corollary 1.1.

Each claim is read at the pair (u_bar, w_bar) = lim (u^t, w^t) of a convergent run inside its
hypotheses; ``R-limit-pair`` says what such a pair satisfies (the fixed-point relation, the closed
operator properties), ``R-mu-positive`` puts it on the right side (mu > 0, cos(theta_bar) > 0,
whatever the sign of c1), ``R-fixed-point-plane`` gives the frame in which every step computes
(:mod:`proofs.claims.arguments.limit_frame`). Each target has ``prove_<name>()`` and
``USES_<name>`` (the claims its proof cites); the claim records in ``lemma5_6.py``,
``theorem1.py`` and ``corollary1_1.py`` name them in ``prove=`` and ``uses=``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.proof import ProofStep, by_sympy, cites, proof

from . import certify
from . import eq12_sharp as E
from . import limit_frame as F


@dataclass(frozen=True)
class Operator:
    """A u-update and the operator-property claims (part A) the proofs cite for it."""

    name: str
    inner: str
    residual: str
    r: str  # max_i |w_i - u_i| <= r


L1 = Operator("soft thresholding S_tau", "OP-soft-inner", "OP-soft-residual", "tau = lam/beta")
L0 = Operator("hard thresholding H", "OP-hard-inner", "OP-hard-residual", "sqrt(2 lam/beta)")
TL1 = Operator("Tl1 thresholding T", "OP-tl1-inner", "OP-tl1-residual",
               "max(t, (lam/beta)(a+1)/a)")


def _preamble(op: Operator) -> list[ProofStep]:
    return [
        cites("R-limit-pair", "at the limit: c2 w* + beta u_bar = mu w_bar, c1 + eta mu >= 0, |w_bar| = 1, "
                              "and every closed operator property of the steps holds at (w_bar, u_bar)"),
        cites(op.inner, f"{op.name}: u_i (w_i - u_i) >= 0 at every step, hence at the limit; summed: "
                        "h = <u_bar, w_bar> - |u_bar|^2 >= 0"),
        cites("R-mu-positive", "mu > 0 and cos(theta_bar) > 0 (either sign of c1)"),
        cites("R-fixed-point-plane", "frame w_bar = e1, w* = (C, S), u_bar = (x, -y), S = b y, "
                                     "b = (2pi/k) beta, mu = c2 (C + b x)"),
    ]


def soft_properties() -> list[ProofStep]:
    """Soft thresholding, pointwise (no citation): u (w - u) >= 0 and |w - u| <= tau, u = S_tau(w)."""
    w, e_ = sp.Symbol("w", real=True), sp.Symbol("epsilon", positive=True)
    tau = sp.Symbol("tau", positive=True)
    S_ = sp.Piecewise((w - tau, w > tau), (w + tau, w < -tau), (0, True))
    outer = [(tau + e_, S_.args[0][0].subs(w, tau + e_)), (-tau - e_, S_.args[1][0].subs(w, -tau - e_))]
    inner = all(bool(sp.expand(u * (wv - u)).is_nonnegative) for wv, u in outer)
    resid = all(sp.simplify(sp.Abs(wv - u) - tau) == 0 for wv, u in outer)
    mid = S_.args[2][0] == 0 and S_.args[2][1] == sp.true  # |w| <= tau: u = 0, |w - u| = |w| <= tau
    return [by_sympy(
        "soft thresholding at the limit (u_bar = S_tau(w_bar), R-limit-pair): per coordinate "
        "u (w - u) = tau (|w| - tau) >= 0 and |w - u| = tau for |w| > tau; u = 0, |w - u| = |w| <= tau "
        "otherwise: h = <u_bar, w_bar> - |u_bar|^2 >= 0 and |w_bar - u_bar| <= tau sqrt(d)",
        bool(inner and resid and mid), "branches w = +-(tau + epsilon) and |w| <= tau")]


def _theta_steps() -> list[ProofStep]:
    return [F.cos_theta_gt_cos_delta(), F.cos_monotone()]


def _second_inequality(says: str) -> ProofStep:
    """(2pi/k) beta sin(gamma) <= sin(delta) sin(gamma): (s_d - b) sin(gamma) >= 0 by (ii)."""
    sg = sp.Symbol("sin_gamma", nonnegative=True)
    return certify.certified(says, (F.sd - F.b) * sg, F.bs * sg, defs={F.bs: F.sd - F.b})


def _eq11_steps() -> list[ProofStep]:
    return [
        F.distances_in_frame(),
        F.eq11_squares(),
        F.ge_from_squares("|w* - w_bar| <= (2pi/k) beta sin(gamma) (u_bar != 0; both sides >= 0)"),
        F.zero_u_case(),
        _second_inequality("(2pi/k) beta sin(gamma) <= sin(delta) sin(gamma) by (ii)"),
    ]


def _eq25_steps() -> list[ProofStep]:
    return [F.eq25_identity(), F.eq25_C_nonneg(), F.eq25_C_at_most_cos()]


def _residual_step(op: Operator) -> list[ProofStep]:
    return [
        cites(op.residual, f"|w_i - u_i| <= r = {op.r} at every step, hence at the limit: "
                           "|w_bar - u_bar| <= r sqrt(d)"),
        F.ge_from_squares("|w_bar - u_bar| <= r sqrt(d) from |w_bar - u_bar|^2 <= d r^2"),
    ]


def _eq12_steps(op: Operator) -> list[ProofStep]:
    return [F.triangle_in_frame(), *_residual_step(op)]


# ----------------------------------------------------------------------------- Lemma 5.6


USES_THETA_LT_DELTA = ("R-limit-pair", "OP-soft-inner", "R-mu-positive", "R-fixed-point-plane")


def prove_theta_lt_delta() -> ProofResult:
    """L5.6-theta-lt-delta: theta_bar < delta (no condition on eta needed)."""
    return proof([*_preamble(L1), *_theta_steps()])


USES_EQ21_FIX = USES_THETA_LT_DELTA


def prove_eq21_fix() -> ProofResult:
    """L5.6-eq21+fix: c2 w* + beta u_bar = mu w_bar with mu > 0, C_bar = 1/(c1 + eta mu) > 0."""
    c1, eta, mu = sp.Symbol("c_1", real=True), sp.Symbol("eta", positive=True), sp.Symbol("mu")
    w = sp.Symbol("w")
    ok = sp.expand(c1 * w + eta * mu * w - (c1 + eta * mu) * w) == 0
    return proof([
        *_preamble(L1),
        by_sympy("c1 w_bar + eta (c2 w* + beta u_bar) = (c1 + eta mu) w_bar: w_bar = C_bar (c1 w_bar "
                 "+ eta c2 w* + eta beta u_bar) with C_bar = 1/(c1 + eta mu)", ok,
                 "c1 w + eta mu w = (c1 + eta mu) w"),
        F.normaliser_positive(),
    ])


USES_EQ11_FIX = USES_THETA_LT_DELTA


def prove_eq11_fix() -> ProofResult:
    """L5.6-eq11+fix and T1-eq11+fix: |w* - w_bar| <= (2pi/k) beta sin(gamma) <= sin(delta) sin(gamma)."""
    return proof([*_preamble(L1), *_eq11_steps()])


USES_CHAIN_FIX = (*USES_THETA_LT_DELTA, "L5.6-eq23")


def prove_chain_fix() -> ProofResult:
    """L5.6-chain+fix: |w* - w_bar| = sin(theta)/cos(theta/2) = (2pi/k) beta |u| sin(gamma)/cos(theta/2)
    <= (2pi/k) beta sin(gamma) <= sin(delta) sin(gamma)."""
    link1 = certify.vanishes(F._resolve((2 - 2 * F.C) * (1 + F.C) - 2 * F.S**2, F.DEFS), F.RELATIONS, F.GENS)
    return proof([
        *_preamble(L1),
        F.distances_in_frame(),
        by_sympy("link 1: |w* - w_bar|^2 = 2 - 2C = sin^2(theta)/cos^2(theta/2), cos^2(theta/2) = "
                 "(1 + C)/2 > 0", link1, "(2 - 2C)(1 + C) = 2 sin^2(theta)"),
        cites("L5.6-eq23", "link 2: sin(theta) = (2pi/k) beta |u_bar| sin(gamma) (eq. (23))"),
        F.half_angle_bound(),
        F.ge_from_squares("link 3: |u_bar| <= cos(theta/2), so (2pi/k) beta |u| sin(gamma)/cos(theta/2) "
                          "<= (2pi/k) beta sin(gamma)"),
        _second_inequality("link 4: (2pi/k) beta sin(gamma) <= sin(delta) sin(gamma) by (ii)"),
    ])


USES_EQ25 = (*USES_THETA_LT_DELTA, "OP-soft-residual")


def prove_eq25() -> ProofResult:
    """L5.6-eq25: w* - (2pi/k) beta (w_bar - u_bar) = C w_bar, 0 < C <= cos(theta) <= 1 <=
    k/(k - 2 pi lam sqrt d)."""
    R = sp.Symbol("bR", positive=True)  # (2pi/k) lam sqrt(d) > 0 (lam > 0)
    g2 = sp.Symbol("g_2", positive=True)  # 1 - bR > 0
    printed = 1 / (1 - R)
    return proof([
        *_preamble(L1),
        *_eq25_steps(),
        *_residual_step(L1),
        F.eq25_C_nonzero_l1(),
        F.cert("cos(theta) <= 1: 2(1 - C) = (1 - C)^2 + sin^2(theta)", 1 - F.C, (1 - F.C) ** 2 + F.S**2,
               multiplier=2),
        certify.certified("1 < k/(k - 2pi lam sqrt d) = 1/(1 - (2pi/k) lam sqrt d) by (ii) and lam > 0",
                          printed - 1, R, multiplier=g2, defs={g2: 1 - R}, strict=True),
    ])


# ----------------------------------------------------------------------------- Theorem 1


USES_T1_EQ10_FIX = USES_EQ25


def _soft_gap_positive() -> ProofStep:
    """1 - x = <w_bar - S_tau(w_bar), w_bar> = sum_i min(tau, |w_i|) |w_i| > 0 (w_bar != 0)."""
    t, tau = sp.Symbol("t", positive=True), sp.Symbol("tau", positive=True)
    ok = bool((sp.Min(tau, t) * t).is_positive)
    return by_sympy("cos(theta) - C = b (1 - x) > 0: 1 - x = <w_bar - S_tau(w_bar), w_bar> = sum_i "
                    "min(tau, |w_i|) |w_i|, each term > 0 where w_i != 0, and w_bar != 0", ok,
                    "min(tau, t) t > 0 for t, tau > 0")


def prove_t1_eq10_fix() -> ProofResult:
    """T1-eq10+fix: w* - (2pi/k) beta (w_bar - S(w_bar)) = C w_bar with 0 < C < cos(theta)."""
    return proof([
        *_preamble(L1),
        *_eq25_steps(),
        *_residual_step(L1),
        F.eq25_C_nonzero_l1(),
        *E.soft_residual_structure()[:1],
        _soft_gap_positive(),
    ])


USES_T1_EQ11_FIX = USES_EQ11_FIX
prove_t1_eq11_fix = prove_eq11_fix

USES_T1_EQ12_FIX = ("T1-eq11+fix", "R-limit-pair", "R-fixed-point-plane", "OP-soft-residual")


def prove_t1_eq12_fix() -> ProofResult:
    """T1-eq12+fix: |w* - u_bar| <= (2pi/k) beta sin(gamma) + (lam/beta) sqrt(d)."""
    return proof([
        cites("R-limit-pair", "the limit pair; u_bar = S_tau(w_bar)"),
        cites("R-fixed-point-plane", "frame of (w_bar, w*, u_bar)"),
        cites("T1-eq11+fix", "|w* - w_bar| <= (2pi/k) beta sin(gamma) <= sin(delta) sin(gamma)"),
        *_eq12_steps(L1),
    ])


# ----------------------------------------------------------------------------- Corollary 1.1


def _corollary(op: Operator) -> ProofResult:
    return proof([
        *_preamble(op),
        *_theta_steps(),
        *_eq25_steps(),
        *_eq11_steps(),
        *_eq12_steps(op),
    ])


USES_C11_L0_FIX = ("R-limit-pair", "OP-hard-inner", "R-mu-positive", "R-fixed-point-plane",
                   "OP-hard-residual")
USES_C11_TL1_FIX = ("R-limit-pair", "OP-tl1-inner", "R-mu-positive", "R-fixed-point-plane",
                    "OP-tl1-residual")


def prove_c11_l0_fix() -> ProofResult:
    """C1.1-l0+fix (restated: properties of the limit): theta_bar < delta; w* - (2pi/k) beta
    (w_bar - u_bar) = C w_bar with 0 <= C <= cos(theta); |w* - w_bar| <= (2pi/k) beta sin(gamma)
    <= sin(delta) sin(gamma); |w* - u_bar| <= (2pi/k) beta sin(gamma) + sqrt(2 lam/beta) sqrt(d)."""
    return _corollary(L0)


def prove_c11_tl1_fix() -> ProofResult:
    """C1.1-tl1+fix (restated): the same with r = max(t, (lam/beta)(a+1)/a)."""
    return _corollary(TL1)
