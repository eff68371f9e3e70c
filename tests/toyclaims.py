"""A toy claim set (not the paper) for testing the engine."""

from __future__ import annotations

from typing import Any

import sympy as sp
from hypothesis import strategies as st

from proofs.engine.claim import (
    Claim,
    ClaimSet,
    ExistentialConstant,
    ExperimentResult,
    Hypothesis,
    ProofResult,
)
from proofs.engine.proof import by_sympy, proof


def _x(lo: float, hi: float) -> Any:
    return lambda: st.fixed_dictionaries({"x": st.floats(lo, hi)})


def _nonneg(p: dict[str, Any], B: Any) -> Any:
    return B.scalar(p["x"])


def _prove_square() -> ProofResult:
    x = sp.Symbol("x", real=True)
    ok = sp.expand((x + 1) ** 2 - (x**2 + 2 * x + 1)) == 0
    return proof([by_sympy("(x+1)^2 - x^2 - 2x - 1 expands to 0", ok)])


def _prove_unbounded() -> ProofResult:
    x = sp.Symbol("x", positive=True)
    lim = sp.limit(1 / x, x, 0, "+")
    return ProofResult(ok=lim == sp.oo, method="unbounded-family", summary=f"lim_(x->0+) 1/x = {lim}")


def base(id: str, **kw: Any) -> Claim:
    return Claim(
        id=id,
        paper_ref=f"Toy {id}",
        section="Toy",
        statement=kw.pop("statement", id),
        reading="",
        domain="x real",
        **kw,
    )


FALSE = base(
    "toy-false",
    statement="x <= 10.5 on [0, 100]",
    hypotheses=(Hypothesis("x>=0", _nonneg),),
    strategy=_x(0, 100),
    slack=lambda p, B: B.scalar("10.5") - B.scalar(p["x"]),
    corrected_by="toy-false+fix",
    supports=("toy-symbolic",),
)
FALSE_FIX = base(
    "toy-false+fix",
    statement="x <= 100 on [0, 100]",
    strategy=_x(0, 100),
    slack=lambda p, B: B.scalar(100) - B.scalar(p["x"]),
    corrects="toy-false",
)
ROUNDING = base(
    "toy-rounding",
    statement="(x/3)*3 = x, written as (x*(1/3))*3 - x >= 0",
    strategy=_x(1, 100),
    slack=lambda p, B: (B.scalar(p["x"]) * (B.scalar(1) / 3)) * 3 - B.scalar(p["x"]),
    examples=({"x": 1.4954954954954955}, {"x": 3.081081081081081}),  # negative in float64
)
NAN = base(
    "toy-nan",
    strategy=_x(0, 10),
    slack=lambda p, B: B.scalar(1) if p["x"] < 5 else float("nan"),
)
RAISES = base(
    "toy-raises",
    strategy=_x(0, 10),
    slack=lambda p, B: B.scalar(1) / (B.scalar(p["x"]) - p["x"]),
)
OUTSIDE = base(
    "toy-outside",
    hypotheses=(Hypothesis("x>=0", _nonneg),),
    strategy=_x(-1, 1),
    slack=lambda p, B: B.scalar(1),
)
SYMBOLIC = base(
    "toy-symbolic",
    strategy=_x(-10, 10),
    slack=lambda p, B: (B.scalar(p["x"]) + 1) ** 2 - (B.scalar(p["x"]) ** 2 + 2 * B.scalar(p["x"]) + 1) + 1,
    prove=_prove_square,
)
CONFLICT = base(
    "toy-conflict",
    strategy=_x(0, 100),
    slack=lambda p, B: B.scalar("10.5") - B.scalar(p["x"]),
    prove=_prove_square,
)
UNBOUNDED = base(
    "toy-unbounded",
    statement="there is C with 1 <= C x on (0, 1]",
    hypotheses=(Hypothesis("x>0", _nonneg, strict=True),),
    strategy=_x(1e-3, 1),
    existential=ExistentialConstant(
        ratio=lambda p, B: 1 / B.scalar(p["x"]),
        family=lambda eps: {"x": eps},
        family_limit=_prove_unbounded,
    ),
)
PRINTED = base(
    "toy-printed",
    statement="x <= C x0 with the printed C = 5, x in [0, 10]",
    strategy=_x(0, 10),
    existential=ExistentialConstant(ratio=lambda p, B: B.scalar(p["x"]), printed=lambda p, B: B.scalar(5)),
)
BOUNDED = base(
    "toy-bounded",
    statement="there is C with x <= C on [0, 10]",
    strategy=_x(0, 10),
    existential=ExistentialConstant(ratio=lambda p, B: B.scalar(p["x"])),
)
EXPERIMENT = base(
    "toy-experiment",
    experiment=lambda profile: ExperimentResult(True, f"ran under {profile}", {"table": [1, 2]}),
)
NOTHING = base("toy-nothing")

CLAIMS = (FALSE, FALSE_FIX, ROUNDING, NAN, RAISES, OUTSIDE, SYMBOLIC, CONFLICT, UNBOUNDED, PRINTED, BOUNDED, EXPERIMENT, NOTHING)
TOY_SET = ClaimSet(name="toy", claims=CLAIMS)

STRICT = base(
    "toy-strict",
    statement="x - x > 0 (a strict conclusion that is exactly 0)",
    strategy=_x(0, 10),
    slack=lambda p, B: B.scalar(p["x"]) - B.scalar(p["x"]),
    strict=True,
)
