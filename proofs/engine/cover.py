"""What a proof covers, and whether that is the claim's declared domain.

Every proof records the domain it covers (a :class:`Cover`):

* an interval certificate covers its box (exact end points), with any stated transformation of
  an unbounded side (``x = 1/u``); :func:`~proofs.engine.interval.interval_proof` fills it in;
* a SymPy step covers what its symbols' assumptions allow (``Cover.from_symbols``: a ``real``
  symbol covers every real, ``positive`` covers ``(0, oo)``);
* the author may state it (``proof(steps, covers=..., for_all={"w": "rotation invariance"})``);
  ``for_all`` names variables the argument covers for every value, with the reason -- a
  symmetry, or a reduction claim that the proof cites (``for_all={"r": "L2-scaling: the slack
  is homogeneous in r"}`` next to a certificate on a bounded range): it is stated, recorded in
  the verdict, never implied.

The steps of a proof hold together only where they all hold, so a proof covers the
intersection of its steps' covers. :func:`coverage_problems` compares a cover with a claim's
declared :class:`~proofs.engine.domain.Domain`: every declared variable must be covered
(a range that contains the declared one, decided exactly, or ``for_all``), and every
constraint the proof assumes must be stated by the claim. ``decide`` reports ``error``, never
``proved``, when something is left uncovered -- a proof over a smaller box is not a proof of
the claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from .ranges import Range


def as_range(value: Range | str | Sequence[Any]) -> Range:
    """A :class:`Range` from itself, ``"[0, pi]"``, or a closed ``(lo, hi)`` pair."""
    if isinstance(value, Range):
        return value
    if isinstance(value, str):
        return Range.parse(value)
    lo, hi = value
    return Range(lo, hi)


@dataclass(frozen=True)
class Cover:
    """The domain a proof covers. Every range listed for a variable must contain its declared
    range (the steps hold together only on the intersection)."""

    ranges: tuple[tuple[str, Range], ...] = ()
    for_all: tuple[tuple[str, str], ...] = ()  # (variable, why every value is covered)
    constraints: tuple[str, ...] = ()  # relations among variables the proof assumes
    transforms: tuple[str, ...] = ()  # stated transformations (unbounded sides)
    how: str = ""

    @classmethod
    def box(
        cls,
        ranges: Mapping[Any, Range | str | Sequence[Any]],
        how: str = "",
        transforms: Iterable[str] = (),
        constraints: Iterable[str] = (),
    ) -> Cover:
        """A cover by exact ranges: ``Cover.box({"x": "[0, 1]", "r": "(0, oo)"})``."""
        return cls(tuple((str(k), as_range(v)) for k, v in ranges.items()), (),
                   tuple(constraints), tuple(transforms), how)

    @classmethod
    def from_symbols(cls, symbols: Iterable[sympy.Symbol], how: str = "SymPy assumptions") -> Cover:
        """What SymPy's assumptions on ``symbols`` cover (an identity proved for a ``positive``
        symbol holds on ``(0, oo)``; for a symbol without assumptions, on every real)."""
        return cls(tuple((str(s), symbol_range(s)) for s in symbols), how=how)

    @classmethod
    def of(cls, value: Any) -> Cover | None:
        """A cover from a Cover, a declared Domain (exactly its ranges; its vectors 'as
        declared'), a mapping of ranges, or None."""
        if value is None or isinstance(value, Cover):
            return value
        if hasattr(value, "ranges") and hasattr(value, "variables"):  # a Domain
            ranges = value.ranges()
            vectors = tuple((v.name, "as declared") for v in value.variables if v.name not in ranges)
            return cls(tuple(ranges.items()), vectors, how="the declared domain")
        if isinstance(value, Mapping):
            return cls.box(value)
        raise TypeError(f"not a cover: {value!r}")

    def merged(self, other: Cover | None) -> Cover:
        """The intersection: where both hold."""
        if other is None:
            return self
        return Cover(
            self.ranges + other.ranges,
            self.for_all + tuple(x for x in other.for_all if x not in self.for_all),
            self.constraints + tuple(c for c in other.constraints if c not in self.constraints),
            self.transforms + tuple(t for t in other.transforms if t not in self.transforms),
            "; ".join(h for h in (self.how, other.how) if h),
        )

    def with_for_all(self, reasons: Mapping[str, str]) -> Cover:
        return Cover(self.ranges, self.for_all + tuple(reasons.items()), self.constraints,
                     self.transforms, self.how)

    def text(self) -> str:
        parts = [f"{v} in {r.text()}" for v, r in self.ranges]
        parts += [f"any {v} ({why})" for v, why in self.for_all]
        parts += list(self.constraints)
        out = ", ".join(parts) or "nothing"
        if self.transforms:
            out += f" (transformations: {'; '.join(self.transforms)})"
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "ranges": [[v, r.text()] for v, r in self.ranges],
            "for_all": {v: why for v, why in self.for_all},
            "constraints": list(self.constraints),
            "transforms": list(self.transforms),
            "how": self.how,
        }


def merge_covers(covers: Iterable[Cover | None]) -> Cover | None:
    """The intersection of the given covers (None where none is given)."""
    out: Cover | None = None
    for c in covers:
        if c is not None:
            out = c if out is None else out.merged(c)
    return out


def symbol_range(s: sympy.Symbol) -> Range:
    """The range SymPy's assumptions allow a real symbol."""
    integer = bool(s.is_integer)
    if s.is_positive:
        return Range(1 if integer else 0, "oo", not integer, True, integer)
    if s.is_nonnegative:
        return Range(0, "oo", False, True, integer)
    if s.is_negative:
        return Range("-oo", -1 if integer else 0, True, not integer, integer)
    if s.is_nonpositive:
        return Range("-oo", 0, True, False, integer)
    return Range.real_line()


# --------------------------------------------------------------------------------------------
# comparing a cover with a declared domain
# --------------------------------------------------------------------------------------------
def coverage_problems(domain: Any, cover: Cover | None, stated: Iterable[str] = ()) -> list[str]:
    """Why ``cover`` does not cover ``domain`` (empty: it does). ``stated`` are the names of
    the claim's own hypotheses (constraints a proof may assume)."""
    if cover is None:
        return ["the proof does not record the domain it covers (give proof(..., covers=...))"]
    by_var: dict[str, list[Range]] = {}
    for name, r in cover.ranges:
        by_var.setdefault(name, []).append(r)
    every = {name for name, _ in cover.for_all}
    declared = domain.ranges()
    problems: list[str] = []
    for v in domain.variables:
        if v.name in every:  # a stated argument covers every value (a reduction, an invariance)
            continue
        rs = by_var.get(v.name, [])
        if not rs:
            problems.append(f"{v.name}: the proof says nothing about it (declared {v.text()})")
            continue
        if v.name not in declared:
            problems.append(f"{v.name}: a vector is covered by an argument (for_all), not a range")
            continue
        for r in rs:
            ok = range_contains(r, declared[v.name], declared)
            if ok is not True:
                why = "cannot be decided" if ok is None else "does not contain it"
                problems.append(
                    f"{v.name}: the proof covers {r.text()}, which {why}: the claim declares "
                    f"{declared[v.name].text()}"
                )
    known = {v.text() for v in domain.variables} | set(stated)
    for c in cover.constraints:
        if c not in known:
            problems.append(f"the proof assumes '{c}', which the claim does not state")
    return problems


def range_contains(outer: Range, inner: Range, declared: Mapping[str, Range]) -> bool | None:
    """Whether ``inner`` lies in ``outer`` (None: undecided); a dependent ``inner`` is checked
    over the ``declared`` ranges of the variables its end points use (interval certificates)."""
    if outer == inner:
        return True
    if inner.is_constant:
        return outer.contains_range(inner)
    if not outer.is_constant:
        return None
    # a dependent declared range: its end points, over the declared ranges of the variables
    # they use, must stay inside ``outer`` (decided by interval certificates)
    deps = {}
    for n in inner.free_names:
        r = declared.get(n)
        if r is None or not r.is_constant:
            return None
        deps[n] = r
    checks = []
    if outer.lo != -sympy.oo:
        strict = outer.lo_open and not inner.lo_open
        checks.append((inner.lo - outer.lo, strict))
    if outer.hi != sympy.oo:
        strict = outer.hi_open and not inner.hi_open
        checks.append((outer.hi - inner.hi, strict))
    return all(_nonnegative_over(expr, deps, strict) for expr, strict in checks)


def _nonnegative_over(expr: sympy.Expr, deps: Mapping[str, Range], strict: bool) -> bool:
    from .interval import certify_nonnegative  # heavy; only for dependent ranges

    if expr.has(sympy.oo, -sympy.oo):
        return not expr.has(-sympy.oo)  # oo - finite > 0; anything with -oo fails
    if not expr.free_symbols:
        return bool(expr > 0) if strict else bool(expr >= 0)
    box = {n: (r.lo, r.hi) for n, r in deps.items() if sympy.Symbol(n) in expr.free_symbols}
    cert = certify_nonnegative(expr, box, strict=strict, seconds=10)
    return cert.complete
