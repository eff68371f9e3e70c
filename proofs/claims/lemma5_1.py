"""Claims of Lemma 5.1: the true gradient (eq. 13) and the expected coarse gradient (eq. 14).

Points: ``{"k", "w_star", "w"}`` as in :mod:`proofs.claims.section3` (|w*| = 1 by construction).
The printed right-hand sides are typed here (they are the claims); the left-hand sides come from
the model. Proofs: every vector lies in span(w^, s^); the printed right-hand side is rewritten in
that basis (norms through the Gram matrix), and its coefficients are compared with the model's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sympy as sp

from proofs.engine.claim import Claim, Point, ProofResult
from proofs.model import expected_coarse_gradient, loss_gradient, model

from .section3 import EXAMPLES, THETA_OPEN, W_NONZERO, theta_of, w_points
from .strategies import dot, gram_inner, identity_slack, is_zero, model_symbols, nrm, unit_b

SECTION = "Lemma 5.1"
_DOMAIN = (
    "k in 1..100, d in 2..60, |w*| = 1, w at angle theta in (0, pi) to w* (tiny, near pi, round, "
    "uniform) with |w| in [1e-6, 1e6]"
)


# --------------------------------------------------------------------------------------------
# eq. (13)
# --------------------------------------------------------------------------------------------
def _eq13_rhs(p: Point, B: Any, factor: int) -> Any:
    """-(factor k)/(2 pi |w|) (I - w w^T/|w|^2) w* / |(I - w w^T/|w|^2) w*|, as printed (factor 1)."""
    w, s = p["w"], unit_b(p["w_star"], B)
    r = nrm(w, B)
    proj = s - w * (dot(w, s) / r**2)
    return -(factor * B.scalar(p["k"])) / (2 * B.pi * r) * proj / nrm(proj, B)


def _eq13_slack(conv: str, factor: int) -> Any:
    def slack(p: Point, B: Any) -> Any:
        s = unit_b(p["w_star"], B)
        grad = loss_gradient(p["w"], s, p["k"], convention=conv)
        rhs = _eq13_rhs(p, B, factor)
        # both sides cancel terms of size |grad f| / sin(theta): that is the rounding scale
        scale = (nrm(grad, B) + nrm(rhs, B)) / B.sin(theta_of(p, B))
        return identity_slack(nrm(grad - rhs, B), scale, B)

    return slack


def _prove_eq13(conv: str, factor: int) -> Any:
    def prove() -> ProofResult:
        k, r, theta = model_symbols()
        m = model()
        # (I - w^ w^T) s^ = s^ - cos(theta) w^ : coefficients (-cos theta, 1) in (w^, s^)
        proj = (-sp.cos(theta), sp.Integer(1))
        norm_sq = sp.simplify(gram_inner(proj, proj))
        step_norm = is_zero(norm_sq - sp.sin(theta) ** 2)
        inf_sin = sp.minimum(sp.sin(theta), theta, sp.Interval.open(0, sp.pi))
        pref = -factor * k / (2 * sp.pi * r * sp.sin(theta))  # |proj| = sin(theta) > 0 on (0, pi)
        g = m.gradient[conv]
        dw = sp.simplify(g.coeff_w - pref * proj[0])
        ds = sp.simplify(g.coeff_s - pref * proj[1])
        ok = step_norm and inf_sin == 0 and is_zero(dw) and is_zero(ds)
        return ProofResult(
            ok,
            "symbolic",
            f"(I - w^w^T) w* = s^ - cos(t) w^ has squared norm {norm_sq} = sin^2 t, so norm sin t "
            f"(> 0 on (0, pi)); the printed right-hand side then has coefficients "
            f"({sp.simplify(pref * proj[0])}, {sp.simplify(pref * proj[1])}) in (w^, s^), and the "
            f"model's grad f ({conv}) minus it is ({dw}, {ds})",
            {"model_coeff_w": str(g.coeff_w), "model_coeff_s": str(g.coeff_s)},
        )

    return prove


# --------------------------------------------------------------------------------------------
# eq. (14)
# --------------------------------------------------------------------------------------------
def _eq14_rhs(p: Point, B: Any) -> Any:
    """(k/pi) [w/|w| - cos(theta/2) (w/|w| + w*)/|w/|w| + w*|], as printed."""
    wh, s = unit_b(p["w"], B), unit_b(p["w_star"], B)
    bis = wh + s
    return B.scalar(p["k"]) / B.pi * (wh - B.cos(theta_of(p, B) / 2) * bis / nrm(bis, B))


def _eq14_slack(reading: str) -> Any:
    def slack(p: Point, B: Any) -> Any:
        s = unit_b(p["w_star"], B)
        eg = expected_coarse_gradient(p["w"], s, p["k"], reading=reading)
        rhs = _eq14_rhs(p, B)
        # terms of size k/pi cancel; the bisector's normalization loses |w^+s^|^-1 relative
        scale = B.scalar(p["k"]) / B.pi * (1 + 1 / nrm(unit_b(p["w"], B) + s, B))
        return identity_slack(nrm(eg - rhs, B), scale, B)

    return slack


@cache
def _eq14_proof() -> ProofResult:
    k, r, theta = model_symbols()
    m = model()
    t = sp.Symbol("t", positive=True)  # theta = 2 t, t in (0, pi/2)
    c = sp.Symbol("c", positive=True)  # c = cos(t) > 0 on (0, pi/2)
    bis = (sp.Integer(1), sp.Integer(1))  # w^ + s^
    bis_sq = sp.simplify(gram_inner(bis, bis))
    step_bis = is_zero(bis_sq - 4 * sp.cos(theta / 2) ** 2)
    # |w^+s^| = sqrt(4 cos^2(theta/2)) = 2 cos(theta/2) since cos(theta/2) > 0 on (0, pi)
    root = sp.sqrt(sp.expand_trig((4 * sp.cos(theta / 2) ** 2).subs(theta, 2 * t)).subs(sp.cos(t), c))
    step_root = sp.simplify(root - 2 * c) == 0
    half = sp.cos(theta / 2) / (2 * sp.cos(theta / 2))  # cos(theta/2)/|w^+s^|
    rhs = (k / sp.pi * (1 - half * bis[0]), k / sp.pi * (0 - half * bis[1]))
    diffs = {}
    for reading, co in m.coarse_gradient.items():
        diffs[reading] = (sp.simplify(co.coeff_w - rhs[0]), sp.simplify(co.coeff_s - rhs[1]))
    ok = step_bis and step_root and all(is_zero(a) and is_zero(b) for a, b in diffs.values())
    return ProofResult(
        ok,
        "symbolic",
        f"|w^ + w*|^2 = {bis_sq} = 4 cos^2(theta/2) and cos(theta/2) > 0 on (0, pi), so |w^ + w*| = "
        f"2 cos(theta/2) and the printed right-hand side is (k/pi)(w^ - (w^ + s^)/2) = "
        f"({sp.simplify(rhs[0])}) w^ + ({sp.simplify(rhs[1])}) s^; the model's E_Z[g] minus it: {diffs}",
        {"readings": {kk: [str(a), str(b)] for kk, (a, b) in diffs.items()}},
    )


_EQ13 = (
    "Z i.i.d. N(0,1), |w*| = 1, |w| != 0, theta(w,w*) in (0,pi): grad f(w) = -k/(2 pi |w|) "
    "(I - w w^T/|w|^2) w* / |(I - w w^T/|w|^2) w*|."
)
_EQ14 = (
    "Same hypotheses: E_Z[g(w,Z)] = (k/pi) [ w/|w| - cos(theta(w,w*)/2) (w/|w| + w*) / |w/|w| + w*| ]."
)

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="L5.1-eq13",
        paper_ref="Lemma 5.1, eq. (13)",
        section=SECTION,
        statement=_EQ13,
        reading="f is the population loss of eq. (6) (Section 5's f); vector identity",
        domain=_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_eq13_slack("eq6", 1),
        prove=_prove_eq13("eq6", 1),
        examples=EXAMPLES,
        notes="Slack: identity_slack of |grad f - rhs| at scale (|grad f| + |rhs|)/sin(theta).",
    ),
    Claim(
        id="L5.1-eq13@eq3",
        paper_ref="Lemma 5.1, eq. (13)",
        section=SECTION,
        statement=_EQ13,
        reading="f is the population loss of eq. (3)",
        domain=_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_eq13_slack("eq3", 1),
        examples=EXAMPLES,
        corrected_by="L5.1-eq13@eq3+fix",
        notes="Expected off by a factor 2 (f(eq. 3) = 2 E_Z[l]).",
    ),
    Claim(
        id="L5.1-eq13@eq3+fix",
        paper_ref="Lemma 5.1, eq. (13)",
        section=SECTION,
        statement="With f of eq. (3): grad f(w) = -k/(pi |w|) (I - w w^T/|w|^2) w* / "
        "|(I - w w^T/|w|^2) w*|  (twice eq. 13).",
        reading="f of eq. (3)",
        domain=_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_eq13_slack("eq3", 2),
        prove=_prove_eq13("eq3", 2),
        examples=EXAMPLES,
        corrects="L5.1-eq13@eq3",
    ),
    Claim(
        id="L5.1-eq14",
        paper_ref="Lemma 5.1, eq. (14)",
        section=SECTION,
        statement=_EQ14,
        reading="g of eq. (9) with the k-vector product read entrywise (the scalar reading gives "
        "the same expectation; both are checked by the proof, the search uses the entrywise one)",
        domain=_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_eq14_slack("entrywise"),
        prove=_eq14_proof,
        examples=EXAMPLES,
        notes="Slack: identity_slack of |E g - rhs| at scale (k/pi)(1 + 1/|w^ + s^|). Note "
        "E_Z[g] = (k/(2 pi))(w^ - w*) for every w != 0, independent of |w|.",
    ),
)
