"""Best constants: the record the report renders, and the generic bisection search.

* :class:`BestConstant` -- printed vs best value of a named constant of a claim. ``method``
  starts with ``"proved"`` when a proof establishes the best value (name the claim that proves
  it) and with ``"searched"`` otherwise. It reads like the dict records the report consumes
  (``dict(record)``, ``record["best"]``, ``record.get("argmax")``).
* :func:`search_best_constant` -- bisection on ``claim.with_constants(name=value)`` (the one
  constant mechanism: exact values), deciding each variant by the usual search. It returns the
  :class:`Bracket` ``[last value refuted, first value unrefuted]``: the best constant lies
  between them as far as the search can tell (refuted is certain, unrefuted is not a proof).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import sympy

from .claim import Claim
from .decide import decide
from .exact import ExactLike, parse_exact


@dataclass(frozen=True)
class BestConstant:
    """Printed vs best value of one constant (see the module docstring)."""

    constant: str
    printed: str
    best: str
    method: str
    printed_is_enough: bool | None
    argmax: dict[str, Any] | None = None
    family: str | None = None

    def __post_init__(self) -> None:
        if not self.method.startswith(("proved", "searched")):
            raise ValueError(
                f"method {self.method!r} must start with 'proved' (a proof establishes the best "
                "value) or 'searched'"
            )

    @property
    def proved(self) -> bool:
        return self.method.startswith("proved")

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "constant": self.constant,
            "printed": self.printed,
            "best": self.best,
            "printed_is_enough": self.printed_is_enough,
            "method": self.method,
        }
        if self.argmax is not None:
            d["argmax"] = self.argmax
        if self.family is not None:
            d["family"] = self.family
        return d

    # read like the dict records of the report
    def keys(self) -> list[str]:
        return list(self.as_dict())

    def __getitem__(self, key: str) -> Any:
        return self.as_dict()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.as_dict())

    def get(self, key: str, default: Any = None) -> Any:
        return self.as_dict().get(key, default)


@dataclass(frozen=True)
class Bracket:
    """Outcome of :func:`search_best_constant`: the constant refuted at ``refuted`` (with the
    confirmed ``counterexample``) and not refuted at ``unrefuted``; ``decisions`` lists every
    value tried with its verdict, in order."""

    claim_id: str
    constant: str
    sense: str
    printed: sympy.Expr
    refuted: sympy.Expr
    unrefuted: sympy.Expr
    counterexample: dict[str, Any] | None
    profile: str
    decisions: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def record(self) -> BestConstant:
        """The report's record: best value in the bracket, found by search."""
        claim_printed = self.printed
        enough = None
        if claim_printed is not None and claim_printed.is_number and self.refuted.is_number:
            weaker_than_refuted = (claim_printed > self.refuted) if self.sense == "upper" else (
                claim_printed < self.refuted)
            enough = None if bool(weaker_than_refuted) else False
        return BestConstant(
            constant=self.constant,
            printed=str(claim_printed),
            best=f"between {self.refuted} (refuted) and {self.unrefuted} (unrefuted)",
            method=(
                f"searched: bisection on {self.constant} with claim.with_constants, "
                f"{len(self.decisions)} decisions under profile {self.profile}"
            ),
            printed_is_enough=enough,
            argmax=self.counterexample,
        )


def _midpoint(a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
    return sympy.nsimplify((a + b) / 2) if (a + b).is_Rational else sympy.simplify((a + b) / 2)


def search_best_constant(
    claim: Claim,
    name: str,
    lo: ExactLike,
    hi: ExactLike,
    steps: int = 8,
    profile: str = "ci",
) -> Bracket:
    """Bisect the constant ``name`` of ``claim`` between ``lo`` and ``hi`` (exact values).

    The stronger end (``lo`` for an upper-bound constant, ``hi`` for a lower-bound one) must be
    refuted and the weaker end not: each bisection step decides
    ``claim.with_constants(name=mid)`` under ``profile`` and keeps the half where the verdict
    changes. An ``error`` verdict stops the search (raised), it is never read as a pass."""
    c = claim.constant(name)
    a, b = parse_exact(lo, "lower end"), parse_exact(hi, "upper end")
    strong, weak = (a, b) if c.sense == "upper" else (b, a)
    decisions: list[tuple[str, str]] = []
    counterexample: dict[str, Any] | None = None

    def verdict(value: sympy.Expr) -> str:
        nonlocal counterexample
        v = decide(claim.with_constants(**{name: value}), profile)
        decisions.append((str(value), v.verdict))
        if v.verdict == "error":
            raise RuntimeError(f"{v.id}: error verdict during the search: {v.error}")
        if v.verdict == "refuted":
            counterexample = v.counterexample
        return v.verdict

    if verdict(strong) != "refuted":
        raise ValueError(f"{claim.id}: {name} = {strong} is not refuted; start from a smaller bracket end")
    cx = counterexample
    if verdict(weak) == "refuted":
        raise ValueError(f"{claim.id}: {name} = {weak} is refuted too; widen the bracket")
    for _ in range(steps):
        mid = _midpoint(strong, weak)
        if verdict(mid) == "refuted":
            strong, cx = mid, counterexample
        else:
            weak = mid
    return Bracket(claim.id, name, c.sense, c.printed, strong, weak, cx, profile, tuple(decisions))
