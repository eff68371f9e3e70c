"""Claims of Lemma 5.1: the true gradient (eq. 13) and the expected coarse gradient (eq. 14).

Points: w-points, declared (:mod:`proofs.claims.model_level.points`): k, d, theta in (0, pi),
r in (0, oo), w* on the unit sphere, w at angle theta from w* with norm r. The printed
right-hand sides are typed here (they are the claims); the left-hand sides come from the model.
Each right-hand side has a named exact factor ``A`` (an equality: any other value is false):
eq. (13) -A/|w| (I - w w^T/|w|^2) w* / |...| with A = k/(2 pi) (k/pi for f of eq. 3), eq. (14)
A [w/|w| - cos(theta/2) (w/|w| + w*)/|w/|w| + w*|] with A = k/pi.

Proofs: every vector lies in span(w^, s^); the printed right-hand side is rewritten in that basis
(norms through the Gram matrix), and its coefficients are compared with the model's.
"""

from __future__ import annotations

from typing import Any

from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Constant, Point
from proofs.model import expected_coarse_gradient, loss_gradient

from .arguments import model_level as ML
from .model_level.points import star, theta_of, w_claim
from .strategies import dot, identity_slack, nrm, unit_b

SECTION = "Lemma 5.1"
A13, A13_EQ3, A14 = "k/(2*pi)", "k/pi", "k/pi"


# --------------------------------------------------------------------------------------------
# eq. (13)
# --------------------------------------------------------------------------------------------
def _eq13_slack(conv: str) -> Any:
    def slack(p: Point, B: Backend, c: Any) -> Any:
        w, s = p["w"], star(p, B)
        r = nrm(w, B)
        proj = s - w * (dot(w, s) / r**2)  # (I - w w^T/|w|^2) w*
        rhs = -c.A / r * proj / nrm(proj, B)
        grad = loss_gradient(w, s, p["k"], convention=conv)
        # both sides cancel terms of size |grad f| / sin(theta): that is the rounding scale
        scale = (nrm(grad, B) + nrm(rhs, B)) / B.sin(theta_of(p, B))
        return identity_slack(nrm(grad - rhs, B), scale, B)

    return slack


# --------------------------------------------------------------------------------------------
# eq. (14)
# --------------------------------------------------------------------------------------------
def _eq14_slack(reading: str) -> Any:
    def slack(p: Point, B: Backend, c: Any) -> Any:
        wh, s = unit_b(p["w"], B), star(p, B)
        bis = wh + s
        rhs = c.A * (wh - B.cos(theta_of(p, B) / 2) * bis / nrm(bis, B))
        eg = expected_coarse_gradient(p["w"], s, p["k"], reading=reading)
        # terms of size k/pi cancel; the bisector's normalization loses |w^+s^|^-1 relative
        scale = B.scalar(p["k"]) / B.pi * (1 + 1 / nrm(bis, B))
        return identity_slack(nrm(eg - rhs, B), scale, B)

    return slack


_EQ13 = (
    "Z i.i.d. N(0,1), |w*| = 1, |w| != 0, theta(w,w*) in (0,pi): grad f(w) = -k/(2 pi |w|) "
    "(I - w w^T/|w|^2) w* / |(I - w w^T/|w|^2) w*|."
)
_EQ14 = "Same hypotheses: E_Z[g(w,Z)] = (k/pi) [ w/|w| - cos(theta(w,w*)/2) (w/|w| + w*) / |w/|w| + w*| ]."
_A = "the factor A of the right-hand side; an equality"

EQ13 = w_claim(
    "L5.1-eq13", "Lemma 5.1, eq. (13)", SECTION, _EQ13, "f is the population loss of eq. (6) (Section 5's f); "
    "vector identity", slack=_eq13_slack("eq6"), prove=ML.prove_eq13, uses=ML.USES_l51,
    constants=(Constant("A", A13, sense="exact", doc=_A),),
    notes="Slack: identity_slack of |grad f - rhs| at scale (|grad f| + |rhs|)/sin(theta).",
)
EQ13_EQ3 = EQ13.another_reading("eq3", reading="f is the population loss of eq. (3)", slack=_eq13_slack("eq3"),
                                prove=None, uses=(), notes="Expected off by a factor 2 (f(eq. 3) = 2 E_Z[l]).")

CLAIMS: tuple[Claim, ...] = (
    EQ13,
    EQ13_EQ3,
    EQ13_EQ3.fix(
        constants={"A": A13_EQ3}, prove=ML.prove_eq13_eq3_fix, uses=ML.USES_l51, reading="f of eq. (3)", notes="",
        statement="With f of eq. (3): grad f(w) = -k/(pi |w|) (I - w w^T/|w|^2) w* / |(I - w w^T/|w|^2) w*|  "
        "(twice eq. 13).",
    ),
    w_claim(
        "L5.1-eq14", "Lemma 5.1, eq. (14)", SECTION, _EQ14,
        "g of eq. (9) with the k-vector product read entrywise (the scalar reading gives the same "
        "expectation; both are checked by the proof, the search uses the entrywise one)",
        slack=_eq14_slack("entrywise"), prove=ML.prove_eq14, uses=ML.USES_l51,
        constants=(Constant("A", A14, sense="exact", doc=_A),),
        notes="Slack: identity_slack of |E g - rhs| at scale (k/pi)(1 + 1/|w^ + s^|). Note "
        "E_Z[g] = (k/(2 pi))(w^ - w*) for every w != 0, independent of |w|.",
    ),
)
