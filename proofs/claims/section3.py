"""Claims of Section 3: the loss convention (eqs. 3 and 6) and Lemma 3.1.

Points: ``{"k": int, "w_star": unit vector, "w": vector}``. The paper's standing assumption
|w*| = 1 is met by construction: every slack uses w* / |w*| computed at the backend's precision.
All model quantities come from :mod:`proofs.model` (never re-typed here).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from proofs.engine.claim import Claim, Hypothesis, Point, ProofResult
from proofs.model import angle, expected_coarse_gradient, loss_gradient, model, population_loss

from .strategies import (
    angles,
    closed_angles,
    dims,
    dot,
    gram_inner,
    identity_slack,
    is_zero,
    model_symbols,
    norms,
    nrm,
    patch_counts,
    unit_b,
    unit_vectors,
    vector_at_angle,
)

SECTION = "Section 3"


# --------------------------------------------------------------------------------------------
# points, hypotheses
# --------------------------------------------------------------------------------------------
def w_points(closed: bool = False) -> st.SearchStrategy[Point]:
    """(k, w*, w): w at a drawn angle to w* (in (0, pi), or [0, pi] if ``closed``), drawn norm."""

    @st.composite
    def build(draw: Any) -> Point:
        d = draw(dims())
        s = draw(unit_vectors(d))
        th = draw(closed_angles() if closed else angles())
        w = draw(vector_at_angle(s, th, draw(norms())))
        return {"k": draw(patch_counts()), "w_star": s, "w": w}

    return build()


def theta_of(p: Point, B: Any) -> Any:
    return angle(p["w"], unit_b(p["w_star"], B))


def _theta_open(p: Point, B: Any) -> Any:
    t = theta_of(p, B)
    return min(t, B.pi - t)


def _w_nonzero(p: Point, B: Any) -> Any:
    return nrm(p["w"], B)


THETA_OPEN = Hypothesis("theta(w, w*) in (0, pi)", _theta_open, strict=True)
W_NONZERO = Hypothesis("|w| != 0", _w_nonzero, strict=True)

EXAMPLES: tuple[Point, ...] = (
    # k = 2, theta = pi/2, |w| = 1, d = 2
    {"k": 2, "w_star": np.array([1.0, 0.0]), "w": np.array([0.0, 1.0])},
)


# --------------------------------------------------------------------------------------------
# S3.loss-convention
# --------------------------------------------------------------------------------------------
def _f(p: Point, B: Any, conv: str) -> Any:
    return population_loss(p["w"], unit_b(p["w_star"], B), p["k"], convention=conv)


def _slack_same_function(p: Point, B: Any) -> Any:
    f3, f6 = _f(p, B, "eq3"), _f(p, B, "eq6")
    return identity_slack(abs(f3 - f6), abs(f3) + abs(f6), B)


def _slack_half(p: Point, B: Any) -> Any:
    f3, f6 = _f(p, B, "eq3"), _f(p, B, "eq6")
    return identity_slack(abs(f6 - f3 / 2), abs(f3) + abs(f6), B)


def _prove_half() -> ProofResult:
    m = model()
    ok = is_zero(m.loss["eq6"] - m.loss["eq3"] / 2)
    return ProofResult(
        ok,
        "symbolic",
        f"from the model's derivation, f(eq. 3) = {m.loss['eq3']} and E_Z[l] (eq. 6) = "
        f"{m.loss['eq6']}; their difference E_Z[l] - f/2 simplifies to 0",
        {"f_eq3": str(m.loss["eq3"]), "f_eq6": str(m.loss["eq6"])},
    )


# --------------------------------------------------------------------------------------------
# Lemma 3.1
# --------------------------------------------------------------------------------------------
def _inner(p: Point, B: Any, conv: str) -> Any:
    s = unit_b(p["w_star"], B)
    return dot(expected_coarse_gradient(p["w"], s, p["k"]), loss_gradient(p["w"], s, p["k"], convention=conv))


def _inner_scale(p: Point, B: Any, conv: str) -> Any:
    """Rounding scale of <E g, grad f>: |E g| |grad f| / sin(theta) (grad f is a difference of
    terms of size |grad f| / sin theta that cancel)."""
    s = unit_b(p["w_star"], B)
    eg = expected_coarse_gradient(p["w"], s, p["k"])
    gf = loss_gradient(p["w"], s, p["k"], convention=conv)
    return nrm(eg, B) * nrm(gf, B) / B.sin(theta_of(p, B))


def _value_slack(conv: str, fixed: bool) -> Any:
    def slack(p: Point, B: Any) -> Any:
        lhs = _inner(p, B, conv)
        th, r, k = theta_of(p, B), nrm(p["w"], B), B.scalar(p["k"])
        printed = B.sin(th) / (4 * B.pi**2 * r)
        if fixed:  # corrected value: k^2 sin(theta)/(4 pi^2 |w|) (eq6), twice that (eq3)
            printed = printed * k**2 * (2 if conv == "eq3" else 1)
        return identity_slack(abs(lhs - printed), abs(lhs) + abs(printed) + _inner_scale(p, B, conv), B)

    return slack


@cache
def _inner_symbolic(conv: str) -> Any:
    m = model()
    g = m.coarse_gradient["entrywise"]
    f = m.gradient[conv]
    assert is_zero(g.coeff_w - m.coarse_gradient["scalar"].coeff_w)
    return sp.simplify(gram_inner((g.coeff_w, g.coeff_s), (f.coeff_w, f.coeff_s)))


def _prove_value(conv: str) -> Any:
    def prove() -> ProofResult:
        k, r, theta = model_symbols()
        ip = _inner_symbolic(conv)
        target = k**2 * sp.sin(theta) / (4 * sp.pi**2 * r) * (2 if conv == "eq3" else 1)
        ok = is_zero(ip - target)
        return ProofResult(
            ok,
            "symbolic",
            f"E_Z[g] and grad f ({conv}) lie in span(w^, s^) with the model's coefficients; "
            f"their inner product (Gram matrix [[1, cos t], [cos t, 1]]) simplifies to {ip}, "
            f"and minus {target} it is 0",
            {"inner_product": str(ip), "value": str(target)},
        )

    return prove


def _sign_slack(conv: str) -> Any:
    def slack(p: Point, B: Any) -> Any:
        return _inner(p, B, conv)

    return slack


def _prove_sign(conv: str) -> Any:
    def prove() -> ProofResult:
        k, r, theta = model_symbols()
        ip = _inner_symbolic(conv)
        target = k**2 * sp.sin(theta) / (4 * sp.pi**2 * r) * (2 if conv == "eq3" else 1)
        same = is_zero(ip - target)
        inf_sin = sp.minimum(sp.sin(theta), theta, sp.Interval.open(0, sp.pi))
        ok = same and inf_sin == 0
        return ProofResult(
            ok,
            "symbolic",
            f"the inner product simplifies to {target} ({conv} gradient); k > 0, |w| > 0 and "
            f"inf of sin over (0, pi) is {inf_sin} >= 0, so it is >= 0 (indeed > 0)",
            {"inner_product": str(ip), "inf_sin_on_open_interval": str(inf_sin)},
        )

    return prove


_L31_STATEMENT = (
    "If theta(w,w*) in (0,pi) and |w| != 0: <E_Z[g(w,Z)], grad f(w)> = sin(theta(w,w*)) / (4 pi^2 |w|)."
)
_L31_DOMAIN = (
    "k in 1..100, d in 2..60, |w*| = 1, w at angle theta in (0, pi) to w* (tiny, near pi, round, "
    "uniform) with |w| in [1e-6, 1e6]"
)

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="S3.loss-convention",
        paper_ref="eqs. (3), (6), Section 5",
        section=SECTION,
        statement=(
            "The f of eq. (3) and the population loss E_Z[l(w,Z)] of eq. (6) are the same function "
            "(the paper uses f for both)."
        ),
        reading="f(w) = E_Z[(h(w,Z) - h(w*,Z))^2] (eq. 3) equals E_Z[1/2 (1^T s(Zw) - 1^T s(Zw*))^2] "
        "(eq. 6) for every w != 0 and k",
        domain="k in 1..100, d in 2..60, |w*| = 1, any w != 0 (theta in [0, pi], |w| in [1e-6, 1e6])",
        hypotheses=(W_NONZERO,),
        strategy=lambda: w_points(closed=True),
        slack=_slack_same_function,
        examples=EXAMPLES,
        corrected_by="S3.loss-convention+fix",
        supports=("L3.1-value", "L5.1-eq13", "L5.3-f-closed-form", "L5.5-lagrangian-descent", "T1-descent"),
        notes="Slack = 256 u (|f3| + |f6|) - |f3 - f6| (u = backend roundoff; see "
        "strategies.identity_slack). The model derives f(eq. 3) = k theta/pi, E_Z[l] = k theta/(2 pi).",
    ),
    Claim(
        id="S3.loss-convention+fix",
        paper_ref="eqs. (3), (6), Section 5",
        section=SECTION,
        statement="E_Z[l(w,Z)] (eq. 6) = f(w)/2 with f of eq. (3); both are k theta(w,w*)/pi resp. "
        "k theta(w,w*)/(2 pi). Section 5's formulas (13), (16), f = k theta/(2 pi) are for eq. (6).",
        reading="identity of the model's two losses, for every w != 0 and k",
        domain="k in 1..100, d in 2..60, |w*| = 1, any w != 0",
        hypotheses=(W_NONZERO,),
        strategy=lambda: w_points(closed=True),
        slack=_slack_half,
        prove=_prove_half,
        examples=EXAMPLES,
        corrects="S3.loss-convention",
        notes="Slack: identity_slack of |E l - f/2| at scale |f3| + |f6|.",
    ),
    Claim(
        id="L3.1-value",
        paper_ref="Lemma 3.1",
        section=SECTION,
        statement=_L31_STATEMENT,
        reading="f is the population loss of eq. (6) (Section 5's f); E_Z[g] of eq. (9) (both "
        "readings of the ill-typed product agree in the model); equality checked",
        domain=_L31_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_value_slack("eq6", fixed=False),
        examples=EXAMPLES,
        corrected_by="L3.1-value+fix",
        supports=("L3.1-sign",),
        notes="Expected: equal only for k = 1 (the model gives k^2 sin(theta)/(4 pi^2 |w|)). "
        "Slack: identity_slack at scale |lhs| + |rhs| + |E g||grad f|/sin(theta).",
    ),
    Claim(
        id="L3.1-value+fix",
        paper_ref="Lemma 3.1",
        section=SECTION,
        statement="If theta(w,w*) in (0,pi) and |w| != 0: <E_Z[g(w,Z)], grad f(w)> = "
        "k^2 sin(theta(w,w*)) / (4 pi^2 |w|)  (f of eq. 6).",
        reading="f of eq. (6)",
        domain=_L31_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_value_slack("eq6", fixed=True),
        prove=_prove_value("eq6"),
        examples=EXAMPLES,
        corrects="L3.1-value",
    ),
    Claim(
        id="L3.1-value@eq3",
        paper_ref="Lemma 3.1",
        section=SECTION,
        statement=_L31_STATEMENT,
        reading="f is the population loss of eq. (3) (the only f the paper defines by name)",
        domain=_L31_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_value_slack("eq3", fixed=False),
        examples=EXAMPLES,
        corrected_by="L3.1-value@eq3+fix",
        supports=("L3.1-sign",),
        notes="Expected off by 2k^2 for every k (the model gives k^2 sin(theta)/(2 pi^2 |w|)).",
    ),
    Claim(
        id="L3.1-value@eq3+fix",
        paper_ref="Lemma 3.1",
        section=SECTION,
        statement="If theta(w,w*) in (0,pi) and |w| != 0: <E_Z[g(w,Z)], grad f(w)> = "
        "k^2 sin(theta(w,w*)) / (2 pi^2 |w|)  (f of eq. 3).",
        reading="f of eq. (3)",
        domain=_L31_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_value_slack("eq3", fixed=True),
        prove=_prove_value("eq3"),
        examples=EXAMPLES,
        corrects="L3.1-value@eq3",
    ),
    Claim(
        id="L3.1-sign",
        paper_ref="Lemma 3.1",
        section=SECTION,
        statement="Under the same hypotheses, <E_Z[g(w,Z)], grad f(w)> >= 0.",
        reading="f of eq. (6); slack = the inner product itself",
        domain=_L31_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_sign_slack("eq6"),
        prove=_prove_sign("eq6"),
        examples=EXAMPLES,
    ),
    Claim(
        id="L3.1-sign@eq3",
        paper_ref="Lemma 3.1",
        section=SECTION,
        statement="Under the same hypotheses, <E_Z[g(w,Z)], grad f(w)> >= 0.",
        reading="f of eq. (3) (its gradient is twice that of eq. 6)",
        domain=_L31_DOMAIN,
        hypotheses=(THETA_OPEN, W_NONZERO),
        strategy=w_points,
        slack=_sign_slack("eq3"),
        prove=_prove_sign("eq3"),
        examples=EXAMPLES,
    ),
)
