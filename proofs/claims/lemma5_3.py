"""Claims of Lemma 5.3 and its proof (eqs. 15-17, the half-angle step, the closed form of f, the
monotonicity of theta + cos theta, and the constants K1, K2, L).

Points: declared domains (:mod:`proofs.claims.model_level.points`). The lemma's pairs
(:data:`~proofs.claims.model_level.points.SPHERE`): k, d, theta1 in (0, pi), theta2 in (0, theta1],
w* on the unit sphere and unit w1, w2 at angles theta1, theta2 from it (w2 in w1's plane, same or
mirror side, or in an independent plane), realized at the backend's precision so |w1| = |w2| =
|w*| = 1 and the angles hold by construction; theta2 = theta1 is reached exactly. Eq. (17) and the
half-angle step are about one unit w, the closed form of f about any w1, w2 != 0, the monotonicity
about 0 <= t2 <= t1 <= pi.

Main reading of f: the population loss of eq. (6) (the proof's closed form equals it). Eq. (16)
pairs the d x d matrix grad E_Z[g(w1,Z)] with a vector; the main reading replaces it by
E_Z[g(w1,Z)] (what the proof uses); ``@true-gradient`` uses grad f(w1).

Named exact constants (slacks receive them as ``c.NAME``): K of eq. (15) (``sense`` upper), L of
eq. (16) and K1, K2 of the proof (upper), and the equalities' factors: K of eq. (17), HALF of the
half-angle step, C (the 1/8) and S (the slope k/(2 pi)) of the closed form of f.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Constant, Point, ProofResult
from proofs.engine.domain import Domain
from proofs.engine.proof import ProofStep, by_sympy, proof
from proofs.model import angle, expected_coarse_gradient, loss_gradient, population_loss

from .arguments import model_level as ML
from .model_level.points import (
    NORM_PAIRS,
    SPHERE,
    SPHERE_EXAMPLE,
    sphere_pairs,
    vector_pairs,
    w_domain,
    w_points,
)
from .model_level.symbolic import coarse_on_sphere, model_expr
from .strategies import dot, identity_slack, model_symbols, nrm

SECTION = "Lemma 5.3"
PROOF_REF = "proof of Lemma 5.3"
#: the constants as printed, and the corrected L of eq. (16)'s L/2 form
K_EQ15, L_PRINTED, L_FIX, K1_PRINTED, K2_PRINTED = "k/(2*pi)", "k/(4*pi)", "k/(2*pi)", "1/2", "0"

K_CONST = Constant("K", K_EQ15, doc="|E g(w1) - E g(w2)| <= K |w1 - w2| (eq. 15)")
L_CONST = Constant("L", L_PRINTED, doc="the L of eq. (16)'s (L/2)|w2 - w1|^2")
K1_CONST = Constant("K1", K1_PRINTED, doc="theta2 - theta1 <= <w1 - w*, w2 - w1> + K1 |w2 - w1|^2")
K2_CONST = Constant("K2", K2_PRINTED, doc="theta2 + cos theta2 - theta1 - cos theta1 <= K2 |w2 - w1|^2")


def _claim(id: str, paper_ref: str, statement: str, reading: str, **fields: Any) -> Claim:
    """A claim of Lemma 5.3; by default on the unit sphere under the lemma's hypotheses
    (theta_j in (0, pi), theta2 <= theta1: :data:`SPHERE`), which ``fields`` may replace."""
    common = dict(variables=SPHERE, strategy=sphere_pairs, examples=(SPHERE_EXAMPLE,))
    return Claim(id=id, paper_ref=paper_ref, section=SECTION, statement=statement, reading=reading,
                 **{**common, **fields})


def _eg(w: Any, s: Any, k: int) -> Any:
    return expected_coarse_gradient(w, s, k)


def _f(w: Any, s: Any, k: int, conv: str = "eq6") -> Any:
    return population_loss(w, s, k, convention=conv)


# --------------------------------------------------------------------------------------------
# symbolic facts
# --------------------------------------------------------------------------------------------
def _coarse_step(*angles: str) -> ProofStep:
    """E_Z[g] on the sphere, checked at each declared angle (a positive symbol: it covers (0, oo))."""
    k, r, _ = model_symbols()
    at = tuple(sp.Symbol(a, positive=True) for a in angles)
    ok, desc = coarse_on_sphere(*at)
    return by_sympy("the model's E_Z[g](w) = (k/(2 pi)) w^ - (k/(2 pi)) s^ (every reading)", ok, desc,
                    symbols=(k, r, *at))


def _on_sphere(p: Point) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(w1, w2, w*): unit vectors by construction (the point is realized)."""
    return p["w1"], p["w2"], p["w_star"]


def _is(value: str, expected: Any) -> bool:
    """The exact constant ``value`` equals ``expected`` (in the model's symbols)."""
    return sp.simplify(model_expr(value) - expected) == 0


# --------------------------------------------------------------------------------------------
# eq. (15), eq. (17), half-angle
# --------------------------------------------------------------------------------------------
def _eq15_slack(p: Point, B: Backend, c: Any) -> Any:
    w1, w2, s = _on_sphere(p)
    diff = nrm(_eg(w1, s, p["k"]) - _eg(w2, s, p["k"]), B)
    # equality holds on the sphere (an identity in disguise): the excess diff - K|w1 - w2| gets
    # the identity rounding allowance for terms of size k/pi (the s^ terms cancel)
    return identity_slack(diff - c.K * nrm(w1 - w2, B), B.scalar(p["k"]) / B.pi, B)


def _prove_eq15() -> ProofResult:
    k, _, _ = model_symbols()
    return proof([_coarse_step("theta1", "theta2"),
                  by_sympy(f"on the unit sphere E g(w1) - E g(w2) = (k/(2 pi))(w1 - w2): "
                           f"equality with K = {K_EQ15}", _is(K_EQ15, k / (2 * sp.pi)))],
                 for_all=ML.model_vectors("w1", "w2"))


def _eq17_slack(p: Point, B: Backend, c: Any) -> Any:
    w, s = p["w"], p["w_star"]
    rhs = c.K * w - c.K * s
    return identity_slack(nrm(_eg(w, s, p["k"]) - rhs, B), B.scalar(p["k"]) / B.pi, B)


def _prove_eq17() -> ProofResult:
    k, _, _ = model_symbols()
    return proof([_coarse_step("theta"), by_sympy(f"with |w| = |w*| = 1 that is K w - K w*, K = {K_EQ15}",
                                                  _is(K_EQ15, k / (2 * sp.pi)))],
                 for_all=ML.model_vectors("w"))


def _half_slack(p: Point, B: Backend, c: Any) -> Any:
    w, s = p["w"], p["w_star"]
    return identity_slack(abs(B.cos(angle(w, s) / 2) - c.HALF * nrm(w + s, B)), 1, B)


# --------------------------------------------------------------------------------------------
# closed form of f: f = C [1^T(I+11^T)1 - 2 1^T((1 - (2/pi) theta) I + 11^T)1 + 1^T(I+11^T)1],
# f(w2) - f(w1) = S (theta2 - theta1)
# --------------------------------------------------------------------------------------------
def _printed_bracket(theta: Any, k: int, B: Backend) -> Any:
    """1^T(I+11^T)1 - 2 1^T((1 - (2/pi) theta) I + 11^T)1 + 1^T(I+11^T)1, as printed (k x k)."""
    one = np.array([B.scalar(1)] * k, dtype=object if B.is_mp else float)
    eye = np.eye(k, dtype=object if B.is_mp else float)
    J = np.outer(one, one)
    qa = dot(one, (eye + J) @ one)
    return qa - 2 * dot(one, ((1 - 2 / B.pi * theta) * eye + J) @ one) + qa


def _closed_form_slack(conv: str) -> Any:
    def slack(p: Point, B: Backend, c: Any) -> Any:
        s = p["w_star"]
        k = p["k"]
        kk = B.scalar(k)
        t1, t2 = angle(p["w1"], s), angle(p["w2"], s)
        f1, f2 = _f(p["w1"], s, k, conv), _f(p["w2"], s, k, conv)
        c1, c2 = c.C * _printed_bracket(t1, k, B), c.C * _printed_bracket(t2, k, B)
        # sums of k^2 matrix entries of size <= 1 + k: rounding scale k^2 (k + k^2)
        scale = kk**2 * (kk + kk**2)
        diff_step = (f2 - f1) - c.S * (t2 - t1)
        return min(
            identity_slack(abs(f1 - c1), scale, B),
            identity_slack(abs(f2 - c2), scale, B),
            identity_slack(abs(diff_step), kk * (1 + abs(f1) + abs(f2)), B),
        )

    return slack


# --------------------------------------------------------------------------------------------
# monotonicity: 0 <= t2 <= t1 <= pi (t2 = t1 and nearly equal pairs, t1 = pi/2 exactly among the
# round values, where the derivative vanishes)
# --------------------------------------------------------------------------------------------
MONO = Domain("t1 in [0, pi]", "t2 in [0, t1]")


def _mono_slack(p: Point, B: Backend) -> Any:
    t1, t2 = p["t1"], p["t2"]
    return (t1 + B.cos(t1)) - (t2 + B.cos(t2))


# --------------------------------------------------------------------------------------------
# eq. (16) and the constants
# --------------------------------------------------------------------------------------------
def _eq16_slack(gradient: str = "coarse", half: bool = True) -> Any:
    """<G(w1), w2 - w1> + h L |w2 - w1|^2 - (f(w2) - f(w1)), h = 1/2 (eq. 16's L/2 form) or 1
    (the proof's form); G = E_Z[g] or grad f; f of eq. (6)."""

    def slack(p: Point, B: Backend, c: Any) -> Any:
        w1, w2, s = _on_sphere(p)
        delta = w2 - w1
        G = _eg(w1, s, p["k"]) if gradient == "coarse" else loss_gradient(w1, s, p["k"])
        h = B.scalar(1) / 2 if half else B.scalar(1)
        return dot(G, delta) + h * c.L * dot(delta, delta) - (_f(w2, s, p["k"]) - _f(w1, s, p["k"]))

    return slack


def _K1_slack(p: Point, B: Backend, c: Any) -> Any:
    """theta2 - theta1 <= <w1 - w*, w2 - w1> + K1 |w2 - w1|^2."""
    w1, w2, s = _on_sphere(p)
    delta = w2 - w1
    return dot(w1 - s, delta) + c.K1 * dot(delta, delta) - (angle(w2, s) - angle(w1, s))


def _K2_slack(p: Point, B: Backend, c: Any) -> Any:
    """theta2 + cos theta2 - theta1 - cos theta1 <= K2 |w2 - w1|^2."""
    w1, w2, s = _on_sphere(p)
    t1, t2 = angle(w1, s), angle(w2, s)
    return c.K2 * dot(w2 - w1, w2 - w1) + (t1 + B.cos(t1)) - (t2 + B.cos(t2))


def _constants_slack(half: bool) -> Any:
    eq16 = _eq16_slack("coarse", half)

    def slack(p: Point, B: Backend, c: Any) -> Any:
        return min(_K2_slack(p, B, c), _K1_slack(p, B, c), eq16(p, B, c))

    return slack


_EQ16 = (
    "|w1| = |w2| = 1, theta(w1,w*), theta(w2,w*) in (0,pi), theta(w2,w*) <= theta(w1,w*), L = k/(4 pi): "
    "f(w2) - f(w1) <= <grad E_Z[g(w1,Z)], w2 - w1> + (L/2)|w2 - w1|^2. (As printed, grad E_Z[g] is a "
    "d x d matrix, so the pairing with a vector is not a scalar.)"
)
_CONSTANTS = "\"One can take K2 = 0, K1 = 1/2, and L = k/(4 pi)\" for the inequality of L5.3-eq16."
_SUPPORTS_16 = ("L5.5-lagrangian-descent", "T1-descent")
_CLOSED = (
    "f(w) = (1/8) [ 1^T(I+11^T)1 - 2 1^T((1 - (2/pi) theta(w,w*)) I + 11^T)1 + 1^T(I+11^T)1 ], "
    "hence f(w2) - f(w1) = (k/(2 pi)) (theta2 - theta1)."
)
_IDENTITY = "an equality"

EQ16 = _claim(
    "L5.3-eq16", "Lemma 5.3, eq. (16)", _EQ16, "grad E_Z[g(w1,Z)] replaced by E_Z[g(w1,Z)] (what the proof "
    "uses); f of eq. (6); the L/2 form as printed", slack=_eq16_slack(), constants=(L_CONST,), supports=_SUPPORTS_16,
    notes="On the sphere the slack equals -(k/(2 pi))[(theta2 + cos theta2) - (theta1 + cos theta1)] "
    "+ (L/2 - k/(4 pi))|w2 - w1|^2: with L = k/(4 pi) it is -(k/(8 pi))|w2 - w1|^2 < 0 at "
    "theta1 = theta2, w1 != w2. The proof shows the L|w2 - w1|^2 form (no 1/2).",
)
CLOSED_FORM = _claim(
    "L5.3-f-closed-form", PROOF_REF, _CLOSED, "f of eq. (6); the closed form checked at w1 and w2 and the "
    "difference formula, for any w1, w2 != 0", slack=_closed_form_slack("eq6"),
    prove=ML.prove_closed_form, uses=ML.USES_closed_form, variables=NORM_PAIRS, strategy=vector_pairs, examples=(),
    constants=(
        Constant("C", "1/8", sense="exact", doc="the factor of the closed form; " + _IDENTITY),
        Constant("S", "k/(2*pi)", sense="exact", doc="f(w2) - f(w1) = S (theta2 - theta1); " + _IDENTITY)),
    notes="The printed matrix expression is evaluated with k x k matrices; rounding scale "
    "k^2 (k + k^2) for the matrix sums (strategies.identity_slack).",
)
CLOSED_FORM_EQ3 = CLOSED_FORM.another_reading("eq3", reading="f of eq. (3)", slack=_closed_form_slack("eq3"),
                                              prove=None, uses=(),
                                              notes="Expected off by a factor 2 wherever theta != 0.")
CONSTANTS = _claim(
    "L5.3-constants", PROOF_REF, _CONSTANTS, "all three work: K2 = 0 in theta2 + cos theta2 - theta1 - cos theta1 "
    "<= K2|w2 - w1|^2, K1 = 1/2 in theta2 - theta1 <= <w1 - w*, w2 - w1> + K1|w2 - w1|^2, and L = k/(4 pi) in "
    "eq. (16) as printed (L/2 form, E_Z[g] in place of grad E_Z[g]); slack = min of the three",
    slack=_constants_slack(half=True), constants=(K1_CONST, K2_CONST, L_CONST), supports=_SUPPORTS_16,
    notes="K2 and K1 hold; L = k/(4 pi) is the constant of the proof's L|w2 - w1|^2 form, "
    "which is half of what eq. (16)'s L/2 form needs.",
)

CLAIMS: tuple[Claim, ...] = (
    _claim(
        "L5.3-eq15", "Lemma 5.3, eq. (15)", "|w1| = |w2| = 1, theta(w1,w*), theta(w2,w*) in (0,pi), "
        "theta(w2,w*) <= theta(w1,w*): |E_Z[g(w1,Z)] - E_Z[g(w2,Z)]| <= K |w1 - w2| with K = k/(2 pi).",
        "as printed (E_Z[g] of eq. 9; both readings agree)", slack=_eq15_slack, prove=_prove_eq15,
        constants=(K_CONST,), notes="Equality holds on the sphere, so the slack is K|w1 - w2| - |E g1 - E g2| "
        "plus the backend's rounding allowance of k/pi (strategies.identity_slack).",
    ),
    EQ16,
    EQ16.fix(
        constants={"L": L_FIX}, prove=ML.prove_eq16_fix, uses=ML.USES_eq16,
        statement="Same hypotheses, L = k/(2 pi): f(w2) - f(w1) <= <E_Z[g(w1,Z)], w2 - w1> + (L/2)|w2 - w1|^2 "
        "(equivalently the proof's form with (k/(4 pi))|w2 - w1|^2). k/(2 pi) is the best constant: "
        "the slack is 0 at theta1 = theta2 for L = k/(2 pi), negative for any smaller L.",
        reading="E_Z[g(w1,Z)] in place of grad E_Z[g(w1,Z)]; f of eq. (6)",
        notes="The float search sees slacks ~0 where theta1 ~ theta2 near pi/2 (the sharp places); "
        "the 50/100-digit confirmation rejects those as rounding.",
    ),
    EQ16.another_reading(
        "true-gradient", reading="grad E_Z[g(w1,Z)] replaced by the true gradient grad f(w1) (f of eq. 6); "
        "L/2 form", slack=_eq16_slack("true"), corrected_by="L5.3-eq16+fix", supports=_SUPPORTS_16,
        notes="Under this reading no constant works: on mirror pairs at angle eps from w* the "
        "needed L grows like (k/(2 pi)) cot(eps) (the kink of f = k theta/(2 pi) on the w*-axis). "
        "Its correction is the main reading's (L5.3-eq16+fix), which is what the proof shows.",
    ),
    _claim(
        "L5.3-eq17", "proof of Lemma 5.3, eq. (17)", "For |w| = 1: E_Z[g(w,Z)] = (k/(2 pi)) w - (k/(2 pi)) w*.",
        "|w| = |w*| = 1 and theta(w, w*) in (0, pi) (the lemma's hypotheses); vector identity",
        variables=w_domain(unit=True), strategy=lambda: w_points(unit=True), examples=(),
        slack=_eq17_slack, prove=_prove_eq17,
        constants=(Constant("K", K_EQ15, sense="exact", doc="E g = K w - K w*; " + _IDENTITY),),
        notes="Slack: identity_slack of |E g - rhs| at scale k/pi.",
    ),
    _claim(
        "L5.3-half-angle", PROOF_REF, "For |w| = |w*| = 1: cos(theta(w,w*)/2) = (1/2) |w + w*|.",
        "every unit w, theta in [0, pi] (end points included)", examples=(),
        variables=w_domain("[0, pi]", unit=True, k=False),
        strategy=lambda: w_points(closed=True, unit=True, k=False), slack=_half_slack, prove=ML.prove_half_angle,
        uses=ML.USES_half_angle,
        constants=(Constant("HALF", "1/2", sense="exact", doc="cos(theta/2) = HALF |w + w*|; " + _IDENTITY),),
        notes="Slack: identity_slack (absolute, scale 1).",
    ),
    CLOSED_FORM,
    CLOSED_FORM_EQ3,
    CLOSED_FORM_EQ3.fix(
        constants={"C": "1/4", "S": "k/pi"}, prove=ML.prove_closed_form_eq3_fix, uses=ML.USES_closed_form,
        notes="",
        statement="With f of eq. (3): f(w) = (1/4) [ 1^T(I+11^T)1 - 2 1^T((1 - (2/pi) theta) I + 11^T)1 + "
        "1^T(I+11^T)1 ] = k theta/pi, and f(w2) - f(w1) = (k/pi)(theta2 - theta1).",
    ),
    _claim(
        "L5.3-monotone", PROOF_REF, "theta -> theta + cos theta is monotonically increasing on [0, pi].",
        "non-decreasing: for 0 <= t2 <= t1 <= pi, t1 + cos t1 >= t2 + cos t2 (what the proof uses); the proof "
        "shows strict increase too", variables=MONO, strategy=MONO.strategy, slack=_mono_slack, prove=ML.prove_monotone,
        uses=ML.USES_monotone, examples=(),
    ),
    CONSTANTS,
    CONSTANTS.another_reading(
        "proof-form", slack=_constants_slack(half=False), prove=ML.prove_constants_proof_form, uses=ML.USES_eq16,
        notes="", reading="for the inequality the proof actually shows: f(w2) - f(w1) <= <E_Z[g(w1,Z)], w2 - w1> "
        "+ L|w2 - w1|^2 (no 1/2), with K2 = 0, K1 = 1/2, L = k/(4 pi)",
    ),
    CONSTANTS.fix(
        constants={"L": L_FIX}, prove=ML.prove_constants_fix, uses=ML.USES_eq16, notes="",
        statement="K2 = 0, K1 = 1/2 and L = k/(2 pi) work for eq. (16) in its L/2 form (with E_Z[g(w1,Z)]).",
        reading="E_Z[g(w1,Z)] in place of grad E_Z[g(w1,Z)]; f of eq. (6)",
    ),
)
