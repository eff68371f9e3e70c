"""Exact ranges of scalar variables: ``[pi/2, pi]``, ``(0, oo)``, ``[0, t1]``, integers ``>= 1``.

A :class:`Range` has exact SymPy end points (``-oo``/``oo`` allowed), each open or closed; an end
point may use other variables (``t2 in [0, t1]``: a *dependent* range). It is what a domain
declares for a scalar variable and what a proof says it covers, so both sides are compared
exactly (:meth:`Range.contains_range`), never through binary floats.

Text form (also accepted by :meth:`Range.parse`): ``[a, b]``, ``(a, b]``, ``[a, b)``, ``(a, b)``
with exact expressions ``a``, ``b`` (``pi/2``, ``1/3``, ``oo``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sympy

from .exact import parse_exact

OO = sympy.oo

_BRACKETS = re.compile(r"^\s*([\[\(])(.*)([\]\)])\s*$", re.S)


def split_top_level(text: str, sep: str = ",") -> list[str]:
    """``text`` split at ``sep`` outside parentheses and brackets."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts]


def exact_end(value: Any, what: str) -> sympy.Expr:
    """An exact end point: ``oo``/``-oo`` or an exact expression (floats are refused)."""
    if isinstance(value, str) and value.strip() in ("oo", "+oo", "inf", "+inf"):
        return OO
    if isinstance(value, str) and value.strip() in ("-oo", "-inf"):
        return -OO
    expr = parse_exact(value, what)
    if expr.has(sympy.zoo, sympy.nan):
        raise ValueError(f"{what} {value!r} is not a real end point")
    return expr


@dataclass(frozen=True)
class Range:
    """``lo <= x <= hi`` (``<`` on an open side); ``integer`` restricts to the integers."""

    lo: sympy.Expr
    hi: sympy.Expr
    lo_open: bool = False
    hi_open: bool = False
    integer: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "lo", exact_end(self.lo, "lower end"))
        object.__setattr__(self, "hi", exact_end(self.hi, "upper end"))
        # an infinite end is never attained: it is open whatever was written
        if self.lo == -OO:
            object.__setattr__(self, "lo_open", True)
        if self.hi == OO:
            object.__setattr__(self, "hi_open", True)
        if self.lo == OO or self.hi == -OO:
            raise ValueError(f"empty range {self.text()}")
        if (self.lo - self.hi).is_positive:
            raise ValueError(f"empty range {self.text()}")

    # ------------------------------------------------------------------ construction
    @classmethod
    def parse(cls, text: str, integer: bool = False) -> Range:
        """``"[pi/2, pi]"``, ``"(0, oo)"``, ``"[0, t1]"``."""
        m = _BRACKETS.match(text)
        if not m:
            raise ValueError(f"not a range: {text!r} (write e.g. '[0, pi]' or '(0, oo)')")
        ends = split_top_level(m.group(2))
        if len(ends) != 2:
            raise ValueError(f"a range has two end points: {text!r}")
        return cls(ends[0], ends[1], m.group(1) == "(", m.group(3) == ")", integer)

    @classmethod
    def closed(cls, lo: Any, hi: Any) -> Range:
        return cls(lo, hi)

    @classmethod
    def real_line(cls) -> Range:
        return cls(-OO, OO, True, True)

    # ------------------------------------------------------------------ properties
    @property
    def free_names(self) -> tuple[str, ...]:
        """Variables the end points use (a dependent range when non-empty)."""
        names = {str(s) for s in self.lo.free_symbols | self.hi.free_symbols}
        return tuple(sorted(names))

    @property
    def is_constant(self) -> bool:
        return not self.free_names

    @property
    def bounded(self) -> bool:
        return self.lo != -OO and self.hi != OO

    def text(self) -> str:
        if self.integer:
            if self.hi == OO:
                return f"integer >= {self.lo}"
            return f"integer in [{self.lo}, {self.hi}]"
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        return f"{left}{self.lo}, {self.hi}{right}"

    def __str__(self) -> str:
        return self.text()

    def as_set(self) -> sympy.Set:
        """The SymPy set (constant ranges only)."""
        if not self.is_constant:
            raise ValueError(f"range {self.text()} depends on {self.free_names}")
        iv = sympy.Interval(self.lo, self.hi, self.lo_open, self.hi_open)
        return iv.intersect(sympy.S.Integers) if self.integer else iv

    def substitute(self, values: dict[str, Any]) -> Range:
        """The range with some variables of its end points replaced (exact values)."""
        subs = {sympy.Symbol(k): sympy.sympify(v) for k, v in values.items()}
        return Range(self.lo.xreplace(subs), self.hi.xreplace(subs), self.lo_open, self.hi_open,
                     self.integer)

    # ------------------------------------------------------------------ comparisons
    def contains_range(self, other: Range) -> bool | None:
        """Whether ``other`` is a subset of this range (both constant): True, False or None
        (SymPy could not decide). An integer range is inside a real one that holds its values."""
        if not (self.is_constant and other.is_constant):
            return None
        return _is_subset(other.as_set(), self.as_set())


def _is_subset(inner: sympy.Set, outer: sympy.Set) -> bool | None:
    if inner.is_empty:
        return True
    try:
        res = inner.is_subset(outer)
    except (TypeError, NotImplementedError):  # pragma: no cover - SymPy undecided
        res = None
    if res is not None:
        return bool(res)
    # SymPy may leave ends like pi/2 vs 3/2 undecided: compare the end points exactly
    if isinstance(inner, sympy.Interval) and isinstance(outer, sympy.Interval):
        return _le_ends(outer, inner)
    return None


def _le_ends(outer: sympy.Interval, inner: sympy.Interval) -> bool | None:
    lo_ok = _cmp(outer.start, inner.start, strict=outer.left_open and not inner.left_open)
    hi_ok = _cmp(inner.end, outer.end, strict=outer.right_open and not inner.right_open)
    if lo_ok is False or hi_ok is False:
        return False
    if lo_ok and hi_ok:
        return True
    return None


def _cmp(a: sympy.Expr, b: sympy.Expr, strict: bool) -> bool | None:
    """a <= b (a < b if strict), decided exactly by SymPy (None if undecided)."""
    rel = sympy.Lt(a, b) if strict else sympy.Le(a, b)
    if rel in (sympy.true, sympy.false):
        return bool(rel)
    d = sympy.simplify(b - a)
    if d.is_positive or (not strict and d.is_zero):
        return True
    if d.is_negative or (strict and d.is_zero):
        return False
    return None
