"""Claims of Lemma 5.3 and its proof (eqs. 15-17, the half-angle step, the closed form of f, the
monotonicity of theta + cos theta, and the constants K1, K2, L).

Points on the unit sphere: ``{"k", "w_star", "w1", "w2"}`` (float vectors); every slack uses
w_j / |w_j| and w* / |w*| computed at the backend's precision, so the hypotheses
|w1| = |w2| = |w*| = 1 hold by construction (to the working precision). The remaining hypotheses
(theta_j in (0, pi), theta2 <= theta1) are explicit, and the strategy keeps theta2 below theta1 by
a margin (>= 1e-8 relative) that survives rounding.

Main reading of f: the population loss of eq. (6) (the proof's closed form equals it). Eq. (16)
pairs the d x d matrix grad E_Z[g(w1,Z)] with a vector; the main reading replaces it by
E_Z[g(w1,Z)] (what the proof uses); ``@true-gradient`` uses grad f(w1).
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
    PI,
    at_angle,
    closed_angles,
    dims,
    dot,
    identity_slack,
    is_zero,
    model_symbols,
    norms,
    nrm,
    ordered_angle_pairs,
    patch_counts,
    perpendicular_directions,
    unit_b,
    unit_vectors,
    vector_at_angle,
)

SECTION = "Lemma 5.3"
_SPHERE_DOMAIN = (
    "k in 1..100, d in 2..60, |w1| = |w2| = |w*| = 1 (by normalization), theta1, theta2 in (0, pi) "
    "with theta2 <= theta1 (tiny, near pi, round, uniform; nearly equal and independent pairs; "
    "w2 in the plane of w1 on the same or the mirror side, or in an independent plane)"
)


# --------------------------------------------------------------------------------------------
# points and hypotheses on the sphere
# --------------------------------------------------------------------------------------------
def sphere_pairs() -> st.SearchStrategy[Point]:
    """(k, w*, w1, w2) on the unit sphere with theta(w2, w*) < theta(w1, w*)."""

    @st.composite
    def build(draw: Any) -> Point:
        d = draw(dims())
        s = draw(unit_vectors(d))
        t1, t2 = draw(ordered_angle_pairs())
        e1 = draw(perpendicular_directions(s))
        how = draw(st.sampled_from(["same", "mirror", "independent"]))
        e2 = e1 if how == "same" else (-e1 if how == "mirror" else draw(perpendicular_directions(s)))
        return {"k": draw(patch_counts()), "w_star": s, "w1": at_angle(s, t1, e1), "w2": at_angle(s, t2, e2)}

    return build()


def _sphere(p: Point, B: Any) -> tuple[Any, Any, Any]:
    return unit_b(p["w1"], B), unit_b(p["w2"], B), unit_b(p["w_star"], B)


def _thetas(p: Point, B: Any) -> tuple[Any, Any]:
    w1, w2, s = _sphere(p, B)
    return angle(w1, s), angle(w2, s)


def _open1(p: Point, B: Any) -> Any:
    t1, _ = _thetas(p, B)
    return min(t1, B.pi - t1)


def _open2(p: Point, B: Any) -> Any:
    _, t2 = _thetas(p, B)
    return min(t2, B.pi - t2)


def _ordered(p: Point, B: Any) -> Any:
    t1, t2 = _thetas(p, B)
    return t1 - t2


SPHERE_HYPS = (
    Hypothesis("theta(w1, w*) in (0, pi)", _open1, strict=True),
    Hypothesis("theta(w2, w*) in (0, pi)", _open2, strict=True),
    Hypothesis("theta(w2, w*) <= theta(w1, w*)", _ordered),
)

_E1 = np.array([1.0, 0.0, 0.0])
SPHERE_EXAMPLES: tuple[Point, ...] = (
    # theta1 = theta2 = pi/2, w1 = e2, w2 = e3, k = 1
    {"k": 1, "w_star": _E1, "w1": np.array([0.0, 1.0, 0.0]), "w2": np.array([0.0, 0.0, 1.0])},
)


def _eg(w: Any, s: Any, k: int) -> Any:
    return expected_coarse_gradient(w, s, k)


def _f(w: Any, s: Any, k: int, conv: str = "eq6") -> Any:
    return population_loss(w, s, k, convention=conv)


# --------------------------------------------------------------------------------------------
# symbolic facts
# --------------------------------------------------------------------------------------------
@cache
def _coarse_on_sphere() -> tuple[bool, str]:
    """The model's E_Z[g] = a w^ + b s^ with a = k/(2 pi), b = -k/(2 pi), free of |w| and theta."""
    k, r, theta = model_symbols()
    m = model()
    ok = True
    parts = []
    for reading, co in m.coarse_gradient.items():
        da, db = sp.simplify(co.coeff_w - k / (2 * sp.pi)), sp.simplify(co.coeff_s + k / (2 * sp.pi))
        ok = ok and da == 0 and db == 0
        parts.append(f"{reading}: ({co.coeff_w}, {co.coeff_s})")
    return ok, "; ".join(parts)


@cache
def _monotone_core() -> tuple[bool, str]:
    """theta + cos theta is increasing on [0, pi]: derivative 1 - sin >= 0, zero only at pi/2."""
    t = sp.Symbol("t", real=True)
    deriv = sp.diff(t + sp.cos(t), t)
    inf = sp.minimum(deriv, t, sp.Interval(0, sp.pi))
    zeros = sp.solveset(sp.Eq(deriv, 0), t, sp.Interval(0, sp.pi))
    ok = sp.simplify(deriv - (1 - sp.sin(t))) == 0 and inf == 0 and zeros == sp.FiniteSet(sp.pi / 2)
    return ok, (
        f"d/dt (t + cos t) = {deriv}, whose minimum on [0, pi] is {inf} (>= 0), vanishing only on "
        f"{zeros}: so t + cos t is non-decreasing, indeed strictly increasing, on [0, pi]"
    )


@cache
def _descent_identity(L: Any) -> tuple[Any, Any]:
    """E := f(w2) - f(w1) - <E g(w1), w2 - w1> - (L/2)|w2 - w1|^2 on the unit sphere, in the
    Gram variables (theta1, theta2, p = <w1, w2>), with the model's f (eq. 6) and E_Z[g]; returns
    (E, E - (k/(2 pi)) [(theta2 + cos theta2) - (theta1 + cos theta1)])."""
    k, r, theta = model_symbols()
    m = model()
    t1, t2 = sp.symbols("theta1 theta2", real=True)
    pp = sp.Symbol("p", real=True)
    co = m.coarse_gradient["entrywise"]
    a, b = co.coeff_w.subs({r: 1, theta: t1}), co.coeff_s.subs({r: 1, theta: t1})
    # <a w1 + b w*, w2 - w1> with <w1,w2> = p, <w1,w*> = cos t1, <w2,w*> = cos t2, |w1| = 1
    inner = a * (pp - 1) + b * (sp.cos(t2) - sp.cos(t1))
    dist_sq = 2 - 2 * pp
    f = m.loss["eq6"]
    expr = f.subs(theta, t2) - f.subs(theta, t1) - inner - L / 2 * dist_sq
    core = k / (2 * sp.pi) * ((t2 + sp.cos(t2)) - (t1 + sp.cos(t1)))
    return sp.simplify(expr), sp.simplify(expr - core)


def _prove_descent(L_factor: Any, what: str) -> Any:
    """Prove f(w2) - f(w1) <= <E g(w1), w2 - w1> + (L/2)|w2 - w1|^2, L = L_factor * k."""

    def prove() -> ProofResult:
        k, _, _ = model_symbols()
        ok_c, desc_c = _coarse_on_sphere()
        expr, rest = _descent_identity(L_factor * k)
        ok_m, desc_m = _monotone_core()
        ok = ok_c and ok_m and rest == 0
        return ProofResult(
            ok,
            "symbolic",
            f"{what}: (1) reduction: on the unit sphere the model's E_Z[g](w1) = (k/(2 pi))(w1 - w*) "
            f"({desc_c}) lies in span(w1, w*), so f(w2) - f(w1) - <E g(w1), w2 - w1> - (L/2)|w2 - w1|^2 "
            f"depends on (w1, w2, w*) only through theta1, theta2, p = <w1, w2> (rotation invariance); "
            f"(2) it simplifies to {expr}, i.e. (k/(2 pi))[(theta2 + cos theta2) - (theta1 + cos theta1)] "
            f"+ ({rest}) -- free of p; (3) {desc_m}; hence it is <= 0 for theta2 <= theta1",
            {"expression": str(expr), "remainder": str(rest)},
        )

    return prove


# --------------------------------------------------------------------------------------------
# eq. (15), eq. (17), half-angle
# --------------------------------------------------------------------------------------------
def _eq15_slack(p: Point, B: Any) -> Any:
    w1, w2, s = _sphere(p, B)
    k = B.scalar(p["k"])
    K = k / (2 * B.pi)
    diff = nrm(_eg(w1, s, p["k"]) - _eg(w2, s, p["k"]), B)
    # equality holds on the sphere (an identity in disguise): the excess diff - K|w1 - w2| gets
    # the identity rounding allowance for terms of size k/pi (the s^ terms cancel)
    return identity_slack(diff - K * nrm(w1 - w2, B), k / B.pi, B)


def _prove_eq15() -> ProofResult:
    ok, desc = _coarse_on_sphere()
    return ProofResult(
        ok,
        "symbolic",
        "the model's E_Z[g](w) = a w^ + b s^ with a = k/(2 pi), b = -k/(2 pi) constant "
        f"({desc}); on the unit sphere E g(w1) - E g(w2) = (k/(2 pi))(w1 - w2), so (15) holds "
        "with equality for K = k/(2 pi)",
    )


def _eq17_slack(p: Point, B: Any) -> Any:
    w1, _, s = _sphere(p, B)
    k = B.scalar(p["k"])
    rhs = k / (2 * B.pi) * w1 - k / (2 * B.pi) * s
    return identity_slack(nrm(_eg(w1, s, p["k"]) - rhs, B), k / B.pi, B)


def _prove_eq17() -> ProofResult:
    ok, desc = _coarse_on_sphere()
    return ProofResult(
        ok,
        "symbolic",
        f"the model's E_Z[g](w) = (k/(2 pi)) w^ - (k/(2 pi)) s^ ({desc}); with |w| = |w*| = 1 this "
        "is (k/(2 pi)) w - (k/(2 pi)) w*",
    )


def _unit_w_points() -> st.SearchStrategy[Point]:
    """(k, w*, w1, w2) with w1 at a drawn angle in [0, pi] (end points included), unit norms."""

    @st.composite
    def build(draw: Any) -> Point:
        d = draw(dims())
        s = draw(unit_vectors(d))
        w1 = draw(vector_at_angle(s, draw(closed_angles())))
        return {"k": draw(patch_counts()), "w_star": s, "w1": w1, "w2": w1}

    return build()


def _half_slack(p: Point, B: Any) -> Any:
    w1, _, s = _sphere(p, B)
    th = angle(w1, s)
    return identity_slack(abs(B.cos(th / 2) - nrm(w1 + s, B) / 2), 1, B)


def _prove_half() -> ProofResult:
    t = sp.Symbol("theta", real=True)
    sq = 1 + 1 + 2 * sp.cos(t)  # |w + w*|^2 with |w| = |w*| = 1, <w, w*> = cos theta
    step = sp.simplify(sq - 4 * sp.cos(t / 2) ** 2) == 0 or is_zero(sq - 4 * sp.cos(t / 2) ** 2)
    inf = sp.minimum(sp.cos(t / 2), t, sp.Interval(0, sp.pi))
    ok = step and inf == 0
    return ProofResult(
        ok,
        "symbolic",
        f"|w + w*|^2 = 2 + 2 cos theta = 4 cos^2(theta/2) (simplified difference 0), and cos(theta/2) "
        f">= {inf} on [0, pi], so (1/2)|w + w*| = cos(theta/2)",
    )


# --------------------------------------------------------------------------------------------
# closed form of f
# --------------------------------------------------------------------------------------------
def _any_norm_points() -> st.SearchStrategy[Point]:
    """(k, w*, w1, w2): angles in [0, pi], norms 1e-6..1e6 (f is defined for every w != 0)."""

    @st.composite
    def build(draw: Any) -> Point:
        d = draw(dims())
        s = draw(unit_vectors(d))
        w1 = draw(vector_at_angle(s, draw(closed_angles()), draw(norms())))
        w2 = draw(vector_at_angle(s, draw(closed_angles()), draw(norms())))
        return {"k": draw(patch_counts()), "w_star": s, "w1": w1, "w2": w2}

    return build()


def _printed_closed_form(theta: Any, k: int, B: Any, factor: int) -> Any:
    """(factor/8) [1^T(I+11^T)1 - 2 1^T((1 - (2/pi) theta) I + 11^T) 1 + 1^T(I+11^T)1], as printed."""
    one = np.array([B.scalar(1)] * k, dtype=object if B.is_mp else float)
    eye = np.eye(k, dtype=object if B.is_mp else float)
    J = np.outer(one, one)
    a = eye + J
    b = (1 - 2 / B.pi * theta) * eye + J
    q = lambda M: dot(one, M @ one)  # noqa: E731
    qa = q(a)
    return B.scalar(factor) / 8 * (qa - 2 * q(b) + qa)


def _closed_form_slack(conv: str, factor: int) -> Any:
    def slack(p: Point, B: Any) -> Any:
        s = unit_b(p["w_star"], B)
        k = p["k"]
        kk = B.scalar(k)
        t1, t2 = angle(p["w1"], s), angle(p["w2"], s)
        f1, f2 = _f(p["w1"], s, k, conv), _f(p["w2"], s, k, conv)
        c1, c2 = _printed_closed_form(t1, k, B, factor), _printed_closed_form(t2, k, B, factor)
        # sums of k^2 matrix entries of size <= 1 + k: rounding scale k^2 (k + k^2)
        scale = kk**2 * (kk + kk**2)
        diff_step = (f2 - f1) - factor * kk / (2 * B.pi) * (t2 - t1)
        return min(
            identity_slack(abs(f1 - c1), scale, B),
            identity_slack(abs(f2 - c2), scale, B),
            identity_slack(abs(diff_step), kk * (1 + abs(f1) + abs(f2)), B),
        )

    return slack


def _prove_closed_form(conv: str, factor: int) -> Any:
    def prove() -> ProofResult:
        k, _, theta = model_symbols()
        m = model()
        # 1^T (a I + b 11^T) 1 = a k + b k^2 (1^T 1 = k), checked on concrete k = 1..6 as well
        def quad(a: Any, b: Any, n: Any) -> Any:
            return a * n + b * n**2

        concrete = all(
            sp.simplify(
                (sp.ones(1, n) * ((1 - 2 * theta / sp.pi) * sp.eye(n) + sp.ones(n, n)) * sp.ones(n, 1))[0]
                - quad(1 - 2 * theta / sp.pi, 1, n)
            )
            == 0
            for n in range(1, 7)
        )
        closed = sp.Rational(factor, 8) * (quad(1, 1, k) - 2 * quad(1 - 2 * theta / sp.pi, 1, k) + quad(1, 1, k))
        d1 = sp.simplify(m.loss[conv] - closed)
        t1, t2 = sp.symbols("theta1 theta2", real=True)
        d2 = sp.simplify(
            (m.loss[conv].subs(theta, t2) - m.loss[conv].subs(theta, t1)) - factor * k / (2 * sp.pi) * (t2 - t1)
        )
        ok = concrete and d1 == 0 and d2 == 0
        return ProofResult(
            ok,
            "symbolic",
            f"1^T(aI + b 11^T)1 = a k + b k^2 (checked symbolically for k = 1..6 too); the printed "
            f"closed form (times {factor}) is {sp.simplify(closed)}; the model's f ({conv}) = "
            f"{m.loss[conv]} minus it is {d1}; f(w2) - f(w1) - {factor} k/(2 pi)(theta2 - theta1) = {d2}",
        )

    return prove


# --------------------------------------------------------------------------------------------
# monotonicity
# --------------------------------------------------------------------------------------------
def _mono_points() -> st.SearchStrategy[Point]:
    @st.composite
    def build(draw: Any) -> Point:
        a, b = draw(closed_angles()), draw(closed_angles())
        if draw(st.booleans()):  # nearly equal pairs, around the sharp point pi/2 too
            a = draw(st.sampled_from([a, PI / 2]))
            b = a * (1 - draw(st.floats(0, 1e-3)))
        return {"t1": max(a, b), "t2": min(a, b)}

    return build()


def _mono_slack(p: Point, B: Any) -> Any:
    t1, t2 = p["t1"], p["t2"]
    return (t1 + B.cos(t1)) - (t2 + B.cos(t2))


MONO_HYPS = (
    Hypothesis("0 <= t2", lambda p, B: p["t2"]),
    Hypothesis("t2 <= t1", lambda p, B: p["t1"] - p["t2"]),
    Hypothesis("t1 <= pi", lambda p, B: B.pi - p["t1"]),
)


def _prove_monotone() -> ProofResult:
    """Interval certificate of the derivative 1 - sin t >= 0 on [0, pi] (sharp at pi/2, closed by
    a second-order argument), then the mean value theorem; the symbolic argument is recorded too."""
    from proofs.engine.interval import SecondOrderPoint, interval_proof

    t = sp.Symbol("t", real=True)
    deriv = sp.diff(t + sp.cos(t), t)
    cert = interval_proof(
        deriv, {t: (0, "pi")}, what="d/dt (t + cos t) = 1 - sin t >= 0",
        zero_set_arguments=[SecondOrderPoint({t: sp.pi / 2})],
    )
    ok_sym, desc = _monotone_core()
    summary = (
        f"{cert.summary} By the mean value theorem t + cos t is non-decreasing on [0, pi]. "
        f"(Symbolic cross-check: {desc}.)"
    )
    return ProofResult(cert.ok and ok_sym, "interval", summary, {"certificate": cert.details})


# --------------------------------------------------------------------------------------------
# eq. (16) and the constants
# --------------------------------------------------------------------------------------------
def _lhs16(p: Point, B: Any) -> tuple[Any, Any, Any, Any]:
    """(f(w2) - f(w1), w1, w2 - w1, s) on the sphere, f of eq. (6)."""
    w1, w2, s = _sphere(p, B)
    return _f(w2, s, p["k"]) - _f(w1, s, p["k"]), w1, w2 - w1, s


def _eq16_slack(L_factor: Any, gradient: str = "coarse", half: bool = True) -> Any:
    """<G(w1), w2 - w1> + c L |w2 - w1|^2 - (f(w2) - f(w1)), L = L_factor k / pi, c = 1/2 (eq. 16's
    L/2 form) or 1 (the proof's form); G = E_Z[g] or grad f."""

    def slack(p: Point, B: Any) -> Any:
        df, w1, delta, s = _lhs16(p, B)
        k = B.scalar(p["k"])
        L = L_factor(k, B)
        G = _eg(w1, s, p["k"]) if gradient == "coarse" else loss_gradient(w1, s, p["k"])
        c = B.scalar(1) / 2 if half else B.scalar(1)
        return dot(G, delta) + c * L * dot(delta, delta) - df

    return slack


def _L_printed(k: Any, B: Any) -> Any:
    return k / (4 * B.pi)


def _L_fixed(k: Any, B: Any) -> Any:
    return k / (2 * B.pi)


def _K1_slack(p: Point, B: Any) -> Any:
    """theta2 - theta1 <= <w1 - w*, w2 - w1> + K1 |w2 - w1|^2 with K1 = 1/2."""
    w1, w2, s = _sphere(p, B)
    t1, t2 = angle(w1, s), angle(w2, s)
    delta = w2 - w1
    return dot(w1 - s, delta) + dot(delta, delta) / 2 - (t2 - t1)


def _K2_slack(p: Point, B: Any) -> Any:
    """theta2 + cos theta2 - theta1 - cos theta1 <= K2 |w2 - w1|^2 with K2 = 0."""
    t1, t2 = _thetas(p, B)
    return (t1 + B.cos(t1)) - (t2 + B.cos(t2))


def _constants_slack(L_factor: Any, half: bool) -> Any:
    eq16 = _eq16_slack(L_factor, "coarse", half)

    def slack(p: Point, B: Any) -> Any:
        return min(_K2_slack(p, B), _K1_slack(p, B), eq16(p, B))

    return slack


_EQ16 = (
    "|w1| = |w2| = 1, theta(w1,w*), theta(w2,w*) in (0,pi), theta(w2,w*) <= theta(w1,w*), L = k/(4 pi): "
    "f(w2) - f(w1) <= <grad E_Z[g(w1,Z)], w2 - w1> + (L/2)|w2 - w1|^2. (As printed, grad E_Z[g] is a "
    "d x d matrix, so the pairing with a vector is not a scalar.)"
)
_CONSTANTS = "\"One can take K2 = 0, K1 = 1/2, and L = k/(4 pi)\" for the inequality of L5.3-eq16."
_SUPPORTS_16 = ("L5.5-lagrangian-descent", "T1-descent")
_CONST_WHAT = (
    "K2 = 0 is step (3) below; K1 = 1/2 (= 1/2 + K2): theta2 - theta1 - <w1 - w*, w2 - w1> - (1/2)|w2 - w1|^2 "
    "is the expression of step (2) divided by k/(2 pi) (with L = k/(2 pi)), so it is <= 0 too; "
)

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="L5.3-eq15",
        paper_ref="Lemma 5.3, eq. (15)",
        section=SECTION,
        statement="|w1| = |w2| = 1, theta(w1,w*), theta(w2,w*) in (0,pi), theta(w2,w*) <= theta(w1,w*): "
        "|E_Z[g(w1,Z)] - E_Z[g(w2,Z)]| <= K |w1 - w2| with K = k/(2 pi).",
        reading="as printed (E_Z[g] of eq. 9; both readings agree)",
        domain=_SPHERE_DOMAIN,
        hypotheses=SPHERE_HYPS,
        strategy=sphere_pairs,
        slack=_eq15_slack,
        prove=_prove_eq15,
        examples=SPHERE_EXAMPLES,
        notes="Equality holds on the sphere, so the slack is K|w1 - w2| - |E g1 - E g2| plus a "
        "rounding allowance 256 u k/pi (strategies.identity_slack).",
    ),
    Claim(
        id="L5.3-eq16",
        paper_ref="Lemma 5.3, eq. (16)",
        section=SECTION,
        statement=_EQ16,
        reading="grad E_Z[g(w1,Z)] replaced by E_Z[g(w1,Z)] (what the proof uses); f of eq. (6); "
        "the L/2 form as printed",
        domain=_SPHERE_DOMAIN,
        hypotheses=SPHERE_HYPS,
        strategy=sphere_pairs,
        slack=_eq16_slack(_L_printed, "coarse", True),
        examples=SPHERE_EXAMPLES,
        corrected_by="L5.3-eq16+fix",
        supports=_SUPPORTS_16,
        notes="On the sphere the slack equals -(k/(2 pi))[(theta2 + cos theta2) - (theta1 + cos theta1)] "
        "+ (L/2 - k/(4 pi))|w2 - w1|^2: with L = k/(4 pi) it is -(k/(8 pi))|w2 - w1|^2 < 0 at "
        "theta1 = theta2, w1 != w2. The proof shows the L|w2 - w1|^2 form (no 1/2).",
    ),
    Claim(
        id="L5.3-eq16+fix",
        paper_ref="Lemma 5.3, eq. (16)",
        section=SECTION,
        statement="Same hypotheses, L = k/(2 pi): f(w2) - f(w1) <= <E_Z[g(w1,Z)], w2 - w1> + (L/2)|w2 - w1|^2 "
        "(equivalently the proof's form with (k/(4 pi))|w2 - w1|^2). k/(2 pi) is the best constant: "
        "the slack is 0 at theta1 = theta2 for L = k/(2 pi), negative for any smaller L.",
        reading="E_Z[g(w1,Z)] in place of grad E_Z[g(w1,Z)]; f of eq. (6)",
        domain=_SPHERE_DOMAIN,
        hypotheses=SPHERE_HYPS,
        strategy=sphere_pairs,
        slack=_eq16_slack(_L_fixed, "coarse", True),
        prove=_prove_descent(1 / (2 * sp.pi), "L = k/(2 pi)"),
        examples=SPHERE_EXAMPLES,
        corrects="L5.3-eq16",
        notes="The float search sees slacks ~0 where theta1 ~ theta2 near pi/2 (the sharp places); "
        "the 50/100-digit confirmation rejects those as rounding.",
    ),
    Claim(
        id="L5.3-eq16@true-gradient",
        paper_ref="Lemma 5.3, eq. (16)",
        section=SECTION,
        statement=_EQ16,
        reading="grad E_Z[g(w1,Z)] replaced by the true gradient grad f(w1) (f of eq. 6); L/2 form",
        domain=_SPHERE_DOMAIN,
        hypotheses=SPHERE_HYPS,
        strategy=sphere_pairs,
        slack=_eq16_slack(_L_printed, "true", True),
        examples=SPHERE_EXAMPLES,
        corrected_by="L5.3-eq16+fix",
        supports=_SUPPORTS_16,
        notes="Under this reading no constant works: on mirror pairs at angle eps from w* the "
        "needed L grows like (k/(2 pi)) cot(eps) (the kink of f = k theta/(2 pi) on the w*-axis). "
        "Its correction is the main reading's (L5.3-eq16+fix), which is what the proof shows.",
    ),
    Claim(
        id="L5.3-eq17",
        paper_ref="proof of Lemma 5.3, eq. (17)",
        section=SECTION,
        statement="For |w| = 1: E_Z[g(w,Z)] = (k/(2 pi)) w - (k/(2 pi)) w*.",
        reading="|w| = |w*| = 1 and theta(w, w*) in (0, pi) (the lemma's hypotheses); vector identity",
        domain=_SPHERE_DOMAIN,
        hypotheses=SPHERE_HYPS[:1],
        strategy=sphere_pairs,
        slack=_eq17_slack,
        prove=_prove_eq17,
        examples=SPHERE_EXAMPLES,
        notes="Slack: identity_slack of |E g - rhs| at scale k/pi.",
    ),
    Claim(
        id="L5.3-half-angle",
        paper_ref="proof of Lemma 5.3",
        section=SECTION,
        statement="For |w| = |w*| = 1: cos(theta(w,w*)/2) = (1/2) |w + w*|.",
        reading="every unit w, theta in [0, pi] (end points included)",
        domain="d in 2..60, |w| = |w*| = 1, theta in [0, pi] (0, pi, tiny, near pi, round, uniform)",
        hypotheses=(),
        strategy=_unit_w_points,
        slack=_half_slack,
        prove=_prove_half,
        notes="Slack: identity_slack (absolute, scale 1).",
    ),
    Claim(
        id="L5.3-f-closed-form",
        paper_ref="proof of Lemma 5.3",
        section=SECTION,
        statement="f(w) = (1/8) [ 1^T(I+11^T)1 - 2 1^T((1 - (2/pi) theta(w,w*)) I + 11^T)1 + 1^T(I+11^T)1 ], "
        "hence f(w2) - f(w1) = (k/(2 pi)) (theta2 - theta1).",
        reading="f of eq. (6); the closed form checked at w1 and w2 and the difference formula, for "
        "any w1, w2 != 0",
        domain="k in 1..100, d in 2..60, |w*| = 1, w1, w2 at angles in [0, pi], norms 1e-6..1e6",
        hypotheses=(),
        strategy=_any_norm_points,
        slack=_closed_form_slack("eq6", 1),
        prove=_prove_closed_form("eq6", 1),
        notes="The printed matrix expression is evaluated with k x k matrices; rounding scale "
        "k^2 (k + k^2) for the matrix sums (strategies.identity_slack).",
    ),
    Claim(
        id="L5.3-f-closed-form@eq3",
        paper_ref="proof of Lemma 5.3",
        section=SECTION,
        statement="f(w) = (1/8) [ 1^T(I+11^T)1 - 2 1^T((1 - (2/pi) theta(w,w*)) I + 11^T)1 + 1^T(I+11^T)1 ], "
        "hence f(w2) - f(w1) = (k/(2 pi)) (theta2 - theta1).",
        reading="f of eq. (3)",
        domain="k in 1..100, d in 2..60, |w*| = 1, w1, w2 at angles in [0, pi], norms 1e-6..1e6",
        hypotheses=(),
        strategy=_any_norm_points,
        slack=_closed_form_slack("eq3", 1),
        corrected_by="L5.3-f-closed-form@eq3+fix",
        notes="Expected off by a factor 2 wherever theta != 0.",
    ),
    Claim(
        id="L5.3-f-closed-form@eq3+fix",
        paper_ref="proof of Lemma 5.3",
        section=SECTION,
        statement="With f of eq. (3): f(w) = (1/4) [ 1^T(I+11^T)1 - 2 1^T((1 - (2/pi) theta) I + 11^T)1 + "
        "1^T(I+11^T)1 ] = k theta/pi, and f(w2) - f(w1) = (k/pi)(theta2 - theta1).",
        reading="f of eq. (3)",
        domain="k in 1..100, d in 2..60, |w*| = 1, w1, w2 at angles in [0, pi], norms 1e-6..1e6",
        hypotheses=(),
        strategy=_any_norm_points,
        slack=_closed_form_slack("eq3", 2),
        prove=_prove_closed_form("eq3", 2),
        corrects="L5.3-f-closed-form@eq3",
    ),
    Claim(
        id="L5.3-monotone",
        paper_ref="proof of Lemma 5.3",
        section=SECTION,
        statement="theta -> theta + cos theta is monotonically increasing on [0, pi].",
        reading="non-decreasing: for 0 <= t2 <= t1 <= pi, t1 + cos t1 >= t2 + cos t2 (what the proof "
        "uses); the proof shows strict increase too",
        domain="0 <= t2 <= t1 <= pi (end points, tiny, near pi, round, uniform; nearly equal pairs, "
        "around pi/2 where the derivative vanishes)",
        hypotheses=MONO_HYPS,
        strategy=_mono_points,
        slack=_mono_slack,
        prove=_prove_monotone,
    ),
    Claim(
        id="L5.3-constants",
        paper_ref="proof of Lemma 5.3",
        section=SECTION,
        statement=_CONSTANTS,
        reading="all three work: K2 = 0 in theta2 + cos theta2 - theta1 - cos theta1 <= K2|w2 - w1|^2, "
        "K1 = 1/2 in theta2 - theta1 <= <w1 - w*, w2 - w1> + K1|w2 - w1|^2, and L = k/(4 pi) in eq. (16) "
        "as printed (L/2 form, E_Z[g] in place of grad E_Z[g]); slack = min of the three",
        domain=_SPHERE_DOMAIN,
        hypotheses=SPHERE_HYPS,
        strategy=sphere_pairs,
        slack=_constants_slack(_L_printed, True),
        examples=SPHERE_EXAMPLES,
        corrected_by="L5.3-constants+fix",
        supports=_SUPPORTS_16,
        notes="K2 and K1 hold; L = k/(4 pi) is the constant of the proof's L|w2 - w1|^2 form, "
        "which is half of what eq. (16)'s L/2 form needs.",
    ),
    Claim(
        id="L5.3-constants@proof-form",
        paper_ref="proof of Lemma 5.3",
        section=SECTION,
        statement=_CONSTANTS,
        reading="for the inequality the proof actually shows: f(w2) - f(w1) <= <E_Z[g(w1,Z)], w2 - w1> "
        "+ L|w2 - w1|^2 (no 1/2), with K2 = 0, K1 = 1/2, L = k/(4 pi)",
        domain=_SPHERE_DOMAIN,
        hypotheses=SPHERE_HYPS,
        strategy=sphere_pairs,
        slack=_constants_slack(_L_printed, False),
        prove=_prove_descent(
            1 / (2 * sp.pi), _CONST_WHAT + "the proof's form L|w2 - w1|^2 with L = k/(4 pi), i.e. the L/2 form with k/(2 pi)"
        ),
        examples=SPHERE_EXAMPLES,
    ),
    Claim(
        id="L5.3-constants+fix",
        paper_ref="proof of Lemma 5.3",
        section=SECTION,
        statement="K2 = 0, K1 = 1/2 and L = k/(2 pi) work for eq. (16) in its L/2 form (with E_Z[g(w1,Z)]).",
        reading="E_Z[g(w1,Z)] in place of grad E_Z[g(w1,Z)]; f of eq. (6)",
        domain=_SPHERE_DOMAIN,
        hypotheses=SPHERE_HYPS,
        strategy=sphere_pairs,
        slack=_constants_slack(_L_fixed, True),
        prove=_prove_descent(1 / (2 * sp.pi), _CONST_WHAT + "L = k/(2 pi)"),
        examples=SPHERE_EXAMPLES,
        corrects="L5.3-constants",
    ),
)
