"""Claims of Section 3: the loss convention (eqs. 3 and 6) and Lemma 3.1.

Points: w-points, declared (:mod:`proofs.claims.model_level.points`): k, d, theta, r, w* on the
unit sphere and w at angle theta from w* with norm r (theta in (0, pi); in [0, pi] for the loss
convention). All model quantities come from :mod:`proofs.model` (never re-typed here). Named
exact constants:

* ``RATIO`` of S3.loss-convention: f (eq. 3) = RATIO E_Z[l] (eq. 6); printed 1 ("the same
  function"), the fix's 2;
* ``C`` of L3.1-value: <E_Z[g], grad f> = C sin(theta) / (4 pi^2 |w|); printed 1, the fix's k^2
  (f of eq. 6) or 2 k^2 (f of eq. 3).

Both are equalities: any other value is false (``sense`` only orients ``tightened``).
"""

from __future__ import annotations

from typing import Any

from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Constant, Point, ProofResult
from proofs.engine.proof import proof
from proofs.model import expected_coarse_gradient, loss_gradient, population_loss

from .arguments import model_level as ML
from .model_level.points import W_CLOSED, star, theta_of, w_claim, w_points
from .strategies import dot, identity_slack, nrm

SECTION = "Section 3"


# --------------------------------------------------------------------------------------------
# S3.loss-convention: f (eq. 3) = RATIO * E_Z[l] (eq. 6)
# --------------------------------------------------------------------------------------------
def _loss_ratio_slack(p: Point, B: Backend, c: Any) -> Any:
    f3, f6 = (population_loss(p["w"], star(p, B), p["k"], convention=v) for v in ("eq3", "eq6"))
    return identity_slack(abs(f3 - c.RATIO * f6), abs(f3) + abs(c.RATIO * f6), B)


def _prove_ratio(ratio: str) -> Any:
    def prove() -> ProofResult:
        return proof([ML.loss_ratio_step(ratio)], for_all=ML.model_vectors("w"))

    return prove


RATIO_FIX = "2"
LOSS_CONVENTION = w_claim(
    "S3.loss-convention", "eqs. (3), (6), Section 5", SECTION,
    "The f of eq. (3) and the population loss E_Z[l(w,Z)] of eq. (6) are the same function (the paper "
    "uses f for both).",
    "f(w) = E_Z[(h(w,Z) - h(w*,Z))^2] (eq. 3) equals E_Z[1/2 (1^T s(Zw) - 1^T s(Zw*))^2] (eq. 6) for "
    "every w != 0 and k",
    variables=W_CLOSED, strategy=lambda: w_points(closed=True), slack=_loss_ratio_slack,
    constants=(Constant("RATIO", "1", sense="exact", doc="f (eq. 3) = RATIO E_Z[l] (eq. 6); an equality"),),
    supports=("L3.1-value", "L5.1-eq13", "L5.3-f-closed-form", "L5.5-lagrangian-descent", "T1-descent"),
    notes="Slack: identity_slack of |f3 - RATIO f6| at scale |f3| + |RATIO f6| (the backend's "
    "rounding allowance). The model derives f(eq. 3) = k theta/pi, E_Z[l] = k theta/(2 pi).",
)
LOSS_CONVENTION_FIX = LOSS_CONVENTION.fix(
    constants={"RATIO": RATIO_FIX}, prove=_prove_ratio(RATIO_FIX),
    statement="E_Z[l(w,Z)] (eq. 6) = f(w)/2 with f of eq. (3); both are k theta(w,w*)/pi resp. "
    "k theta(w,w*)/(2 pi). Section 5's formulas (13), (16), f = k theta/(2 pi) are for eq. (6).",
    reading="identity of the model's two losses, for every w != 0 and k",
    notes="Slack: identity_slack of |f3 - 2 E l| at scale |f3| + |2 E l|.",
)


# --------------------------------------------------------------------------------------------
# Lemma 3.1: <E_Z[g], grad f> = C sin(theta) / (4 pi^2 |w|), and its sign
# --------------------------------------------------------------------------------------------
def _gradients(p: Point, B: Backend, conv: str) -> tuple[Any, Any]:
    """(E_Z[g], grad f) at w (f of ``conv``)."""
    s = star(p, B)
    return expected_coarse_gradient(p["w"], s, p["k"]), loss_gradient(p["w"], s, p["k"], convention=conv)


def _value_slack(conv: str) -> Any:
    def slack(p: Point, B: Backend, c: Any) -> Any:
        eg, gf = _gradients(p, B, conv)
        lhs, th = dot(eg, gf), theta_of(p, B)
        rhs = c.C * B.sin(th) / (4 * B.pi**2 * nrm(p["w"], B))
        # grad f is a difference of terms of size |grad f| / sin(theta) that cancel
        scale = abs(lhs) + abs(rhs) + nrm(eg, B) * nrm(gf, B) / B.sin(th)
        return identity_slack(abs(lhs - rhs), scale, B)

    return slack


def _sign_slack(conv: str) -> Any:
    return lambda p, B: dot(*_gradients(p, B, conv))


#: the value of <E_Z[g], grad f> is C sin(theta)/(4 pi^2 |w|) with these C (the fixes)
VALUE_FIX = {"eq6": "k**2", "eq3": "2*k**2"}


_L31 = "If theta(w,w*) in (0,pi) and |w| != 0: <E_Z[g(w,Z)], grad f(w)> = "
_FIX_STATEMENT = _L31 + "k^2 sin(theta(w,w*)) / ({} pi^2 |w|)  (f of eq. {})."
_SIGN = "Under the same hypotheses, <E_Z[g(w,Z)], grad f(w)> >= 0."

VALUE = w_claim(
    "L3.1-value", "Lemma 3.1", SECTION, _L31 + "sin(theta(w,w*)) / (4 pi^2 |w|).",
    "f is the population loss of eq. (6) (Section 5's f); E_Z[g] of eq. (9) (both readings of the "
    "ill-typed product agree in the model); equality checked",
    slack=_value_slack("eq6"), supports=("L3.1-sign",),
    constants=(Constant("C", "1", sense="exact", doc="<E g, grad f> = C sin(theta)/(4 pi^2 |w|); an equality"),),
    notes="Expected: equal only for k = 1 (the model gives k^2 sin(theta)/(4 pi^2 |w|)). "
    "Slack: identity_slack at scale |lhs| + |rhs| + |E g||grad f|/sin(theta).",
)
VALUE_EQ3 = VALUE.another_reading(
    "eq3", reading="f is the population loss of eq. (3) (the only f the paper defines by name)",
    slack=_value_slack("eq3"), supports=("L3.1-sign",),
    notes="Expected off by 2k^2 for every k (the model gives k^2 sin(theta)/(2 pi^2 |w|)).",
)
SIGN = w_claim("L3.1-sign", "Lemma 3.1", SECTION, _SIGN, "f of eq. (6); slack = the inner product itself",
               slack=_sign_slack("eq6"), prove=ML.prove_l31_sign, uses=ML.USES_l31)

CLAIMS: tuple[Claim, ...] = (
    LOSS_CONVENTION,
    LOSS_CONVENTION_FIX,
    VALUE,
    VALUE.fix(constants={"C": VALUE_FIX["eq6"]}, statement=_FIX_STATEMENT.format(4, 6), reading="f of eq. (6)",
              prove=ML.prove_l31_value_fix, uses=ML.USES_l31, notes=""),
    VALUE_EQ3,
    VALUE_EQ3.fix(constants={"C": VALUE_FIX["eq3"]}, statement=_FIX_STATEMENT.format(2, 3), reading="f of eq. (3)",
                  prove=ML.prove_l31_value_eq3_fix, uses=ML.USES_l31, notes=""),
    SIGN,
    SIGN.another_reading("eq3", reading="f of eq. (3) (its gradient is twice that of eq. 6)",
                         slack=_sign_slack("eq3"), prove=ML.prove_l31_sign_eq3, uses=ML.USES_l31),
)
