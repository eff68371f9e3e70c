"""What a slack may return besides a number, so that the search aims at what the claim says.

A plain slack (``>= 0`` iff the conclusion holds) is searched by minimising it. Two shapes of
conclusion are searched badly that way, and a slack may say which shape it has:

* :class:`Conjuncts` -- a conjunction ``A and B and ...`` (e.g. a two-sided bound
  ``lo <= C <= hi``). Its slack is the minimum of the parts, but the search targets every part
  under its own label (Hypothesis ``target(..., label=...)``), so it climbs towards each side,
  not only towards the easy one.
* :class:`Bound` -- ``Q <= C R`` with ``R >= 0`` (a ratio bound). Its slack is ``C R - Q``, but
  the search maximises the ratio ``Q / R``: an absolute slack goes to 0 at degenerate points
  (``R -> 0``) and says nothing about the supremum of the ratio the constant must bound.

Both may nest (a conjunct may be a bound). :func:`slack_value` gives the plain slack (what the
confirmation checks at 50 and 100 digits); :func:`scores` gives the labelled quantities to target.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .estimate import Estimate


class Conjuncts:
    """Named parts of a conjunction; the conclusion holds iff every part's slack is >= 0."""

    __slots__ = ("parts",)

    def __init__(self, parts: Mapping[str, Any] | None = None, **named: Any) -> None:
        self.parts = dict(parts or {}, **named)
        if not self.parts:
            raise ValueError("a conjunction needs at least one part")

    def __repr__(self) -> str:
        return f"Conjuncts({self.parts!r})"


class Bound:
    """``quantity <= constant * scale`` with ``scale >= 0``: slack ``constant * scale - quantity``,
    searched on the ratio ``quantity / scale``."""

    __slots__ = ("quantity", "constant", "scale")

    def __init__(self, quantity: Any, constant: Any, scale: Any = 1) -> None:
        self.quantity, self.constant, self.scale = quantity, constant, scale

    def __repr__(self) -> str:
        return f"Bound({self.quantity!r} <= {self.constant!r} * {self.scale!r})"


def slack_value(x: Any) -> Any:
    """The plain slack of a (possibly structured) slack value: min over conjuncts, ``C R - Q``."""
    if isinstance(x, Conjuncts):
        vals = [slack_value(v) for v in x.parts.values()]
        best = vals[0]
        for v in vals[1:]:
            if _less(v, best):
                best = v
        return best
    if isinstance(x, Bound):
        return x.constant * x.scale - x.quantity
    return x


def _less(a: Any, b: Any) -> bool:
    av = a.value if isinstance(a, Estimate) else a
    bv = b.value if isinstance(b, Estimate) else b
    return av < bv


def scores(x: Any, label: str = "") -> Iterator[tuple[str, Any]]:
    """``(label, score)`` pairs to maximise: ``-slack`` of a plain part, the ratio of a bound
    (``-slack`` where its scale is 0)."""
    if isinstance(x, Conjuncts):
        for name, part in x.parts.items():
            yield from scores(part, f"{label}{name}: " if label else f"{name}: ")
        return
    if isinstance(x, Bound):
        q = x.quantity.value if isinstance(x.quantity, Estimate) else x.quantity
        r = x.scale.value if isinstance(x.scale, Estimate) else x.scale
        if r > 0:
            yield f"{label}ratio", q / r
        else:
            yield f"{label}-slack", -slack_value(x)
        return
    yield f"{label}-slack", -(x.value if isinstance(x, Estimate) else x)
