"""Search power: could the search that left a claim unrefuted have seen a violation?

An ``unrefuted`` verdict is only as strong as the search behind it. The power check decides a
deliberately *false* variant of the claim with the same search (same strategy, same budget,
the claim's explicit examples removed, no proof) and must refute it:

* a claim with constants: every constant tightened by a relative 1/100 in its strong direction
  (:meth:`~proofs.engine.claim.Constant.tightened`), unless the claim says how (e.g. just past a
  proved best constant, :func:`past_best`);
* a claim without constants declares the perturbation that must be refuted
  (:func:`dropped_hypotheses`, :func:`perturbed`): a dropped or weakened hypothesis, a shifted
  threshold.

The verdict then carries "power: refutes <variant> after N examples", or is marked **weak** when
the variant survives (the search could not have seen a violation of that size).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .claim import Claim
from .exact import ExactLike

VariantFn = Callable[[Claim], Claim]


@dataclass(frozen=True)
class Power:
    """How to build the false variant a claim's search must refute."""

    describe: str
    variant: VariantFn


def tightened(rel: ExactLike = "1/100", names: tuple[str, ...] | None = None) -> Power:
    """Every constant (or those in ``names``) tightened by ``rel`` in its strong direction."""

    def build(c: Claim) -> Claim:
        chosen = [k for k in c.constants if names is None or k.name in names]
        if not chosen:
            raise ValueError(f"claim {c.id} has no constant to tighten")
        values = {k.name: k.tightened(rel).value for k in chosen}
        return c.with_constants(**values)

    return Power(f"constants tightened by {rel}", build)


def past_best(**values: ExactLike) -> Power:
    """Constants set just past their best (proved) value: ``past_best(C="101/100")``."""
    label = ", ".join(f"{k} = {v}" for k, v in values.items())
    return Power(f"{label} (just past the best constant)", lambda c: c.with_constants(**values))


def dropped_hypotheses(*names: str, strategy: Callable[[], Any] | None = None) -> Power:
    """The claim without the named hypotheses (its strategy may need widening: give one)."""

    def build(c: Claim) -> Claim:
        changes: dict[str, Any] = {}
        if strategy is not None:
            changes["strategy"] = strategy
        return c.derive(f"{c.id}[without {', '.join(names)}]", drop_hypotheses=names, **changes)

    return Power(f"without hypothesis {', '.join(names)}", build)


def perturbed(describe: str, build: VariantFn) -> Power:
    """Any other false variant (a shifted threshold, a weakened hypothesis)."""
    return Power(describe, build)


def not_sharp(reason: str) -> Power:
    """No power check: the claim's constant is not its best one (a tightened constant may still
    be true) or the violation lies where no search can go; ``reason`` says which. Only for a
    claim whose verdict does not rest on the search (an unrefuted claim needs a real check)."""

    def build(c: Claim) -> Claim:
        raise NotChecked(reason)

    return Power(f"not checked: {reason}", build)


class NotChecked(Exception):
    """Raised by a :func:`not_sharp` power spec."""


@dataclass(frozen=True)
class PowerResult:
    """Outcome of a power check. ``status``: ``ok`` (variant refuted), ``weak`` (not refuted),
    ``none`` (nothing declared), ``error`` (the variant could not be decided)."""

    status: str
    variant_id: str = ""
    describe: str = ""
    examples: int | None = None  # search evaluations until the variant was refuted
    verdict: str = ""
    summary: str = ""

    def line(self) -> str:
        if self.status == "ok":
            return f"power: refutes {self.variant_id} after {self.examples} examples"
        if self.status == "weak":
            return f"weak: the search did not refute {self.variant_id} ({self.describe})"
        if self.status == "error":
            return f"power check error: {self.summary}"
        return f"power: {self.describe}" if self.describe else "power: no check declared"

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "variant": self.variant_id, "describe": self.describe,
                "examples": self.examples, "verdict": self.verdict, "line": self.line()}


def power_spec(claim: Claim) -> Power | None:
    """The claim's declared power check, or the default (constants tightened by 1/100)."""
    spec = getattr(claim, "power", None)
    if spec is not None:
        return spec
    return tightened() if claim.constants else None


def power_variant(claim: Claim, spec: Power) -> Claim:
    """The false variant, decided by search alone: no explicit examples, no proof."""
    v = spec.variant(claim)
    return v.derive(v.id, examples=(), prove=None, existential=v.existential,
                    best_constants=None, power=None)


def check_power(
    claim: Claim, profile: str | None = None, seed: int | None = None,
    decider: Callable[..., Any] | None = None,
) -> PowerResult:
    """Decide the claim's false variant with the same search; it must be refuted."""
    from .decide import decide

    spec = power_spec(claim)
    if spec is None:
        return PowerResult("none")
    try:
        variant = power_variant(claim, spec)
    except NotChecked:
        return PowerResult("none", describe=spec.describe)
    except Exception as exc:  # noqa: BLE001 - a badly declared check is reported, not raised
        return PowerResult("error", describe=spec.describe, summary=f"{type(exc).__name__}: {exc}")
    v = (decider or decide)(variant, profile, seed=seed, shrink=False)  # refuted is enough
    examples = v.budget.get("examples_until_refuted", v.budget.get("examples_tried"))
    if v.verdict == "refuted":
        return PowerResult("ok", variant.id, spec.describe, examples, v.verdict, v.summary)
    if v.verdict == "error":
        return PowerResult("error", variant.id, spec.describe, None, v.verdict, v.error or v.summary)
    return PowerResult("weak", variant.id, spec.describe, examples, v.verdict, v.summary)


def power_table(results: Mapping[str, PowerResult]) -> list[str]:
    """One line per claim, for the report."""
    return [f"- `{cid}`: {r.line()}" for cid, r in results.items()]
