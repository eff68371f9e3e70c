"""Two claims of a related paper, stated with the public engine API only (the worked example of
``docs/write-your-own-claim.md``).

The paper: a two-linear-layer network trained with a straight-through estimator (STE). Its
population quantities are Gaussian expectations with closed forms in the normal cdf.

* ``STE-relu-gate``: for ``z ~ N(0, I_d)``, a unit vector ``v`` and ``w`` at angle ``theta`` from
  ``v`` with norm ``r``: ``E_z[(w.z)_+ 1{v.z > 0}] = r (1 + cos theta) / (2 sqrt(2 pi))``,
  checked against its one-dimensional integral definition
  ``r int_0^oo u phi(u) Phi(u cot theta) du`` (``v.z`` given ``w.z/r = u`` is normal with mean
  ``u cos theta`` and variance ``sin^2 theta``). The domain builds ``w`` at angle ``theta`` from
  ``v`` at every precision, so the integral uses ``theta`` itself (recomputing the angle from
  float vectors would add a rounding error of its own, ~1e-16 / sin(theta) relative).
* ``STE-cdf-tangent``: ``Phi(x) <= 1/2 + C x`` for ``x >= 0`` with ``C = 1/sqrt(2 pi)`` (the
  tangent at 0: ``Phi`` is concave on ``[0, oo)``), proved by an interval certificate over the
  whole unbounded range.

Decide them with ``python -m proofs check examples.ste_claims:CLAIMS`` (or
``python -m proofs.engine.loader examples.ste_claims:CLAIMS``).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from proofs.engine import (
    Claim,
    Constant,
    Domain,
    SecondOrderPoint,
    equals,
    interval_proof,
    normal_cdf,
)

SECTION = "STE example"


# --- claim: STE-relu-gate ---
def gate_integral(p: dict[str, Any], B: Any) -> Any:
    """|w| int_0^oo u phi(u) Phi(u cot theta) du (theta(v, w) = theta holds by construction)."""
    a = B.cos(p["theta"]) / B.sin(p["theta"])
    turn = (1 / abs(a),) if abs(a) > 1 else ()  # Phi(a u) turns over at u ~ 1/|a|
    f = lambda u: u * B.normal_pdf(u) * B.normal_cdf(a * u)  # noqa: E731
    return B.norm(p["w"]) * B.quad(f, 0, B.inf, turn)


RELU_GATE = Claim(
    id="STE-relu-gate", paper_ref="Lemma 2 (example)", section=SECTION,
    statement="E_z[(w.z)_+ 1{v.z > 0}] = |w| (1 + cos theta(v, w)) / (2 sqrt(2 pi))",
    variables=Domain("d integer in [2, 8]", "theta in (0, pi)", "r in (0, oo)",
                     "v in unit sphere of R^d", "w at angle theta from v with norm r"),
    # (1 + cos theta)/2 written as cos^2(theta/2): no cancellation near theta = pi
    slack=equals(gate_integral, lambda p, B: p["r"] * B.cos(p["theta"] / 2) ** 2 / B.sqrt(2 * B.pi)),
)
# --- end ---

# --- claim: STE-cdf-tangent ---
x = sp.Symbol("x", real=True)
TANGENT_SLOPE = Constant("C", "1/sqrt(2*pi)", doc="Phi'(0): the tangent of Phi at 0")

CDF_TANGENT = Claim(
    id="STE-cdf-tangent", paper_ref="Lemma 3 (example)", section=SECTION,
    statement="Phi(x) <= 1/2 + C x for every x >= 0, with C = 1/sqrt(2 pi)",
    variables=Domain("x in [0, oo)"),
    constants=(TANGENT_SLOPE,),
    slack=lambda p, B, c: B.exact("1/2") + c.C * p["x"] - B.normal_cdf(p["x"]),
    prove=lambda: interval_proof(
        sp.Rational(1, 2) + TANGENT_SLOPE.expr * x - normal_cdf(x), {x: (0, "oo")},
        zero_set_arguments=[SecondOrderPoint({x: 0})],  # equality at x = 0, slack'(0) = 0
    ),
)
# --- end ---

CLAIMS = (RELU_GATE, CDF_TANGENT)
