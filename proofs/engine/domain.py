"""Declarative domains: a claim's variables, declared once with their kind and exact range.

::

    Domain(
        "theta in [pi/2, pi]",            # a real in an exact range (open or closed ends)
        "r in (0, oo)",                   # unbounded
        "t in [0, theta]",                # a range may use variables declared before it
        "k integer >= 1",                 # integers ("k integer in [1, 10]")
        "d integer in [2, 8]",
        "w1 in unit sphere of R^d",       # vectors ("v in R^3", "v in R^d with norm r")
        "w2 at angle theta from w1 with norm r",
    )

From this one declaration the engine derives

* the hypotheses (:meth:`Domain.hypotheses`): one margin per finite end point, evaluated with
  the *exact* end point at the working precision (``theta - pi/2 >= 0`` at 50 digits), and, for
  vectors, the facts that hold by construction (``|w1| = 1``, ``theta(w1, w2) = theta``),
  flagged ``by_construction``: the float search does not re-test them, the 50/100-digit
  confirmation does;
* a search strategy (:meth:`Domain.strategy`) that reaches the boundary: exact end points
  (``pi/2`` itself, as an :class:`~proofs.engine.points.ExactValue`), points within 10^-15 ..
  10^-1 of each end (near-degenerate angles), round values, tiny and huge scales on unbounded
  sides, axis and isotropic vectors;
* the realization of a point at a precision (:meth:`Domain.realize`): exact values become
  backend scalars, unit vectors are normalised and vectors at an angle rebuilt at the backend's
  precision, so that what holds by construction holds at 50 and 100 digits too.

A claim takes it as ``Claim(..., variables=Domain(...))`` (its hypotheses and strategy are then
generated; extra ``hypotheses`` are added on top, and see every point realized).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy
from hypothesis import assume
from hypothesis import strategies as st

from .backend import FLOAT, Backend, MpBackend
from .claim import Hypothesis, Point
from .cover import range_contains
from .exact import evaluate, parse_exact
from .geometry import angle as angle_between
from .geometry import at_angle, unit
from .points import ExactValue, to_mp
from .ranges import Range
from .strategies import (
    DEFAULT_CAP,
    FRACTIONS,
    HUGE_EXP,
    NEAR_EXP,
    SEEDS,
    TINY_EXP,
    integers_from,
    log_uniform,
    perpendicular_to,
    reals_in,
    unit_vectors,
)

Margin = Callable[[Point, Backend], Any]
_IDENT = re.compile(r"^[A-Za-z_]\w*$")


class DomainError(ValueError):
    """A declaration that cannot be read, or variables that do not fit together."""


def _ref(text: Any) -> str | sympy.Expr:
    """A reference to another variable (its name) or an exact constant."""
    if isinstance(text, str) and _IDENT.match(text.strip()) and text.strip() not in ("pi", "E", "oo"):
        return text.strip()
    return parse_exact(text, "exact value")


def _value(ref: str | sympy.Expr | int, point: Point, B: Backend) -> Any:
    if isinstance(ref, str):
        return point[ref]
    if isinstance(ref, int):
        return ref
    return evaluate(ref, point, B)


def _exact_of(x: Any) -> sympy.Expr:
    """The exact value of a drawn coordinate (a float is a dyadic rational)."""
    if isinstance(x, ExactValue):
        return x.expr
    if isinstance(x, int | np.integer):
        return sympy.Integer(int(x))
    f = Fraction(float(x))
    return sympy.Rational(f.numerator, f.denominator)


def _simplest(v: Any) -> Any:
    """An ExactValue that is a float's exact value becomes that float (prints shorter)."""
    if isinstance(v, ExactValue) and v.expr.is_Rational:
        f = float(v.expr)
        if sympy.Rational(Fraction(f).numerator, Fraction(f).denominator) == v.expr:
            return f
    return v


# --------------------------------------------------------------------------------------------
# variable kinds
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Real:
    """A real variable in an exact :class:`Range` (end points may use earlier variables)."""

    name: str
    range: Range
    kind = "real"

    @property
    def depends_on(self) -> tuple[str, ...]:
        return self.range.free_names

    def text(self) -> str:
        return f"{self.name} in {self.range.text()}"

    def draw(self, draw: Any, raw: Point) -> Any:
        if self.range.is_constant:
            return _simplest(draw(reals_in(self.range)))
        return self._draw_dependent(draw, raw)

    def _draw_dependent(self, draw: Any, raw: Point) -> Any:
        """A value between end points that depend on earlier variables: a fraction of the
        interval (its ends exactly, near them, a grid), checked inside at 40 digits."""
        r = self.range
        with mpmath.workdps(40):
            B = MpBackend(40)
            deps = to_mp({n: raw[n] for n in r.free_names})
            lo = None if r.lo == -sympy.oo else evaluate(r.lo, deps, B)
            hi = None if r.hi == sympy.oo else evaluate(r.hi, deps, B)
            assume(lo is None or hi is None or lo < hi or (lo == hi and not (r.lo_open or r.hi_open)))
            if lo is not None and hi is not None:
                u = draw(FRACTIONS)
                if u == 0:  # the end itself, or (open end) just inside it
                    if not r.lo_open:
                        return self._end_value(r.lo, raw)
                    u = 10**NEAR_EXP
                if u == 1:
                    if not r.hi_open:
                        return self._end_value(r.hi, raw)
                    u = 1 - 10**NEAR_EXP
                x = float(lo + u * (hi - lo))
            else:
                m = draw(log_uniform(TINY_EXP, HUGE_EXP))
                x = float(lo + m) if lo is not None else float(hi - m)
            for _ in range(4):  # rounding may have left the range: step back inside
                above = lo is None or (x > lo if r.lo_open else x >= lo)
                below = hi is None or (x < hi if r.hi_open else x <= hi)
                if above and below:
                    return x
                x = math.nextafter(x, math.inf if not above else -math.inf)
        assume(False)
        return None  # pragma: no cover - assume(False) does not return

    @staticmethod
    def _end_value(end: sympy.Expr, raw: Point) -> Any:
        """An end point exactly: an earlier variable's own value, or an exact expression."""
        if isinstance(end, sympy.Symbol):
            return raw[str(end)]
        return _simplest(ExactValue(end.xreplace({sympy.Symbol(n): _exact_of(raw[n])
                                                   for n in (str(s) for s in end.free_symbols)})))

    def realize(self, value: Any, real: Point, B: Backend) -> Any:
        if isinstance(value, ExactValue):
            return value.mp() if B.is_mp else float(value)
        return B.scalar(value)

    def margins(self) -> list[tuple[str, Margin, bool]]:
        out: list[tuple[str, Margin, bool]] = []
        r, n = self.range, self.name
        if r.lo != -sympy.oo:
            lo = r.lo
            out.append((f"{n} {'>' if r.lo_open else '>='} {lo}",
                        lambda p, B: p[n] - evaluate(lo, p, B), r.lo_open))
        if r.hi != sympy.oo:
            hi = r.hi
            out.append((f"{n} {'<' if r.hi_open else '<='} {hi}",
                        lambda p, B: evaluate(hi, p, B) - p[n], r.hi_open))
        return out


@dataclass(frozen=True)
class Integer:
    """An integer variable in an exact range (``k integer >= 1``); ``cap`` bounds the search
    on an unbounded range (values lo .. lo + cap)."""

    name: str
    range: Range
    cap: int = DEFAULT_CAP
    kind = "integer"

    def __post_init__(self) -> None:
        r = self.range
        if not r.is_constant:
            raise DomainError(f"{self.name}: integer ranges must have constant ends")
        lo = sympy.ceiling(r.lo) if r.lo != -sympy.oo else None
        if lo is not None and r.lo_open and lo == r.lo:
            lo += 1
        hi = sympy.floor(r.hi) if r.hi != sympy.oo else None
        if hi is not None and r.hi_open and hi == r.hi:
            hi -= 1
        if lo is None:
            raise DomainError(f"{self.name}: an integer variable needs a lower end")
        object.__setattr__(self, "range", Range(lo, sympy.oo if hi is None else hi, integer=True))

    @property
    def depends_on(self) -> tuple[str, ...]:
        return ()

    @property
    def lo(self) -> int:
        return int(self.range.lo)

    @property
    def hi(self) -> int | None:
        return None if self.range.hi == sympy.oo else int(self.range.hi)

    def text(self) -> str:
        return f"{self.name} {self.range.text()}"

    def draw(self, draw: Any, raw: Point) -> Any:
        return draw(integers_from(self.lo, self.hi, self.cap))

    def realize(self, value: Any, real: Point, B: Backend) -> Any:
        return value

    def margins(self) -> list[tuple[str, Margin, bool]]:
        n, lo, hi = self.name, self.lo, self.hi
        out: list[tuple[str, Margin, bool]] = [
            (f"{n} is an integer", lambda p, B: 0 if p[n] == int(p[n]) else -1, False),
            (f"{n} >= {lo}", lambda p, B: p[n] - lo, False),
        ]
        if hi is not None:
            out.append((f"{n} <= {hi}", lambda p, B: hi - p[n], False))
        return out


@dataclass(frozen=True)
class Vector:
    """A vector of R^dim (``dim`` an int or an integer variable): of norm ``norm`` (an exact
    value or a variable; 1 for the unit sphere), or any non-zero vector when ``norm`` is None."""

    name: str
    dim: int | str
    norm: Any = None
    kind = "vector"

    def __post_init__(self) -> None:
        if self.norm is not None:
            object.__setattr__(self, "norm", _ref(str(self.norm)))

    @property
    def depends_on(self) -> tuple[str, ...]:
        deps = [self.dim] if isinstance(self.dim, str) else []
        if isinstance(self.norm, str):
            deps.append(self.norm)
        return tuple(deps)

    def text(self) -> str:
        space = f"R^{self.dim}"
        if self.norm is None:
            return f"{self.name} in {space}, non-zero"
        if self.norm == 1:
            return f"{self.name} in unit sphere of {space}"
        return f"{self.name} in {space} with norm {self.norm}"

    def draw(self, draw: Any, raw: Point) -> Any:
        d = int(raw[self.dim]) if isinstance(self.dim, str) else int(self.dim)
        v = draw(unit_vectors(d))
        if self.norm is None:
            return v * draw(st.one_of(st.just(1), log_uniform(-6, 6)))
        return v * float(_value(self.norm, _floats(raw), FLOAT))

    def realize(self, value: Any, real: Point, B: Backend) -> Any:
        v = B.vector(value)
        if self.norm is None:
            return v
        return _value(self.norm, real, B) * unit(v, B)

    def margins(self) -> list[tuple[str, Margin, bool]]:
        n, dim = self.name, self.dim
        out: list[tuple[str, Margin, bool]] = [
            (f"{n} in R^{dim}", lambda p, B: 0 if len(p[n]) == int(_value(dim, p, B)) else -1, False)
        ]
        if self.norm is None:
            out.append((f"|{n}| > 0", lambda p, B: B.norm(p[n]), True))
        else:
            ref = self.norm
            out.append((f"|{n}| = {ref}", lambda p, B: _equal_margin(B.norm(p[n]), _value(ref, p, B), B), False))
        return out


@dataclass(frozen=True)
class AtAngle:
    """A vector at angle ``angle`` (a variable with a range inside [0, pi], or an exact value)
    from the vector ``of``, with norm ``norm`` (default 1), in a plane the search draws: an
    independent one, or (when earlier vectors are at an angle from the same ``of``; the domain
    fills in ``siblings``) the plane of one of them, on the same side or mirrored -- where the
    angle between the two is the difference or the sum of their angles to ``of``."""

    name: str
    of: str
    angle: Any
    norm: Any = 1
    siblings: tuple[str, ...] = ()
    kind = "vector"

    def __post_init__(self) -> None:
        object.__setattr__(self, "angle", _ref(str(self.angle)))
        object.__setattr__(self, "norm", _ref(str(self.norm)))

    @property
    def depends_on(self) -> tuple[str, ...]:
        return tuple(x for x in (self.of, self.angle, self.norm) if isinstance(x, str))

    def text(self) -> str:
        tail = "" if self.norm == 1 else f" with norm {self.norm}"
        return f"{self.name} at angle {self.angle} from {self.of}{tail}"

    def draw(self, draw: Any, raw: Point) -> Any:
        flt = _floats(raw)
        s = np.asarray(flt[self.of], dtype=float)
        length = float(_value(self.norm, flt, FLOAT))
        theta = raw[self.angle] if isinstance(self.angle, str) else ExactValue(self.angle)
        if isinstance(theta, ExactValue) and theta.expr in (0, sympy.pi):
            sign = 1 if theta.expr == 0 else -1
            return sign * length * s / np.linalg.norm(s)
        plane = draw(st.sampled_from([None, *((n, sign) for n in self.siblings for sign in (1, -1))]))
        if plane is None:
            direction = perpendicular_to(s, draw(SEEDS))
        else:  # the plane of an earlier vector (same side or mirrored)
            other = np.asarray(flt[plane[0]], dtype=float)
            direction = plane[1] * (other - np.dot(other, s) / np.dot(s, s) * s)
        return at_angle(s, float(theta), direction, FLOAT, length)

    def realize(self, value: Any, real: Point, B: Backend) -> Any:
        s = real[self.of]
        theta = _value(self.angle, real, B)
        return at_angle(s, theta, B.vector(value), B, _value(self.norm, real, B))

    def margins(self) -> list[tuple[str, Margin, bool]]:
        n, of, a, ref = self.name, self.of, self.angle, self.norm
        return [
            (f"theta({of}, {n}) = {a}",
             lambda p, B: _equal_margin(angle_between(p[of], p[n], B), _value(a, p, B), B), False),
            (f"|{n}| = {ref}", lambda p, B: _equal_margin(B.norm(p[n]), _value(ref, p, B), B), False),
        ]


Variable = Real | Integer | Vector | AtAngle


def _equal_margin(x: Any, y: Any, B: Backend) -> Any:
    """>= 0 iff x = y up to the rounding allowance of their size (a construction check)."""
    return B.allowance(max(abs(y), 1)) - abs(x - y)


def _floats(raw: Point) -> Point:
    return {k: (float(v) if isinstance(v, ExactValue) else v) for k, v in raw.items()}


# --------------------------------------------------------------------------------------------
# parsing declarations
# --------------------------------------------------------------------------------------------
_PATTERNS: list[tuple[re.Pattern[str], Callable[..., Variable]]] = [
    (re.compile(r"^(\w+)\s+in\s+unit\s+sphere\s+of\s+R\^(\w+)$"),
     lambda n, d: Vector(n, _dim(d), 1)),
    (re.compile(r"^(\w+)\s+in\s+R\^(\w+)\s+with\s+norm\s+(.+)$"),
     lambda n, d, r: Vector(n, _dim(d), r)),
    (re.compile(r"^(\w+)\s+in\s+R\^(\w+)$"), lambda n, d: Vector(n, _dim(d), None)),
    (re.compile(r"^(\w+)\s+at\s+angle\s+(.+?)\s+from\s+(\w+)\s+with\s+norm\s+(.+)$"),
     lambda n, a, of, r: AtAngle(n, of, a, r)),
    (re.compile(r"^(\w+)\s+at\s+angle\s+(.+?)\s+from\s+(\w+)$"), lambda n, a, of: AtAngle(n, of, a)),
    (re.compile(r"^(\w+)\s+integer\s+in\s+(.+)$"),
     lambda n, r: Integer(n, Range.parse(r, integer=True))),
    (re.compile(r"^(\w+)\s+integer\s*(>=|>)\s*(.+)$"),
     lambda n, op, a: Integer(n, Range(a, "oo", op == ">", True, integer=True))),
    (re.compile(r"^(\w+)\s+in\s+([\[\(].*[\]\)])$"), lambda n, r: Real(n, Range.parse(r))),
    (re.compile(r"^(\w+)\s+real$"), lambda n: Real(n, Range.real_line())),
    (re.compile(r"^(\w+)\s*(>=|>)\s*(.+)$"), lambda n, op, a: Real(n, Range(a, "oo", op == ">", True))),
    (re.compile(r"^(\w+)\s*(<=|<)\s*(.+)$"), lambda n, op, b: Real(n, Range("-oo", b, True, op == "<"))),
]


def _dim(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def parse_variable(text: str) -> Variable:
    """One declaration (see the module docstring)."""
    t = " ".join(text.split())
    for pattern, build in _PATTERNS:
        m = pattern.match(t)
        if m:
            try:
                return build(*m.groups())
            except (ValueError, TypeError, sympy.SympifyError) as exc:
                raise DomainError(f"cannot read {text!r}: {exc}") from exc
    raise DomainError(
        f"cannot read the declaration {text!r}; write e.g. 'theta in [pi/2, pi]', 'r in (0, oo)', "
        "'k integer >= 1', 'w in unit sphere of R^d', 'w2 at angle theta from w1'"
    )


# --------------------------------------------------------------------------------------------
# the domain
# --------------------------------------------------------------------------------------------
class Domain:
    """A claim's variables (declaration order = drawing and realization order)."""

    def __init__(self, *declarations: str | Variable) -> None:
        vars_: list[Variable] = []
        for d in declarations:
            vars_.append(parse_variable(d) if isinstance(d, str) else d)
        names = [v.name for v in vars_]
        if len(set(names)) != len(names):
            raise DomainError(f"a variable is declared twice: {names}")
        for i, v in enumerate(vars_):
            missing = [n for n in v.depends_on if n not in names[:i]]
            if missing:
                raise DomainError(f"{v.text()}: uses {missing}, not declared before it")
            if isinstance(v, AtAngle):
                self._check_angle(v, vars_[:i])
        for i, v in enumerate(vars_):  # vectors at an angle from the same one share planes
            if isinstance(v, AtAngle) and not v.siblings:
                sib = tuple(w.name for w in vars_[:i] if isinstance(w, AtAngle) and w.of == v.of)
                vars_[i] = replace(v, siblings=sib)
        self.variables: tuple[Variable, ...] = tuple(vars_)
        self._by_name = {v.name: v for v in vars_}
        self._hypotheses = self._build_hypotheses()
        self._last: tuple[Any, Point, Point] | None = None

    @staticmethod
    def _check_angle(v: AtAngle, before: list[Variable]) -> None:
        of = next(x for x in before if x.name == v.of)
        if of.kind != "vector":
            raise DomainError(f"{v.text()}: {v.of} is not a vector")
        full = Range(0, sympy.pi)
        if isinstance(v.angle, str):
            a = next(x for x in before if x.name == v.angle)
            declared = {x.name: x.range for x in before if isinstance(x, Real | Integer)}
            if not (isinstance(a, Real) and range_contains(full, a.range, declared)):
                raise DomainError(f"{v.text()}: the angle {v.angle} needs a range inside [0, pi]")
        elif not full.contains_range(Range(v.angle, v.angle)):
            raise DomainError(f"{v.text()}: the angle must lie in [0, pi]")

    # ------------------------------------------------------------------ access
    @property
    def names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.variables)

    def __getitem__(self, name: str) -> Variable:
        return self._by_name[name]

    def __iter__(self) -> Iterator[Variable]:
        return iter(self.variables)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def describe(self) -> str:
        return "; ".join(v.text() for v in self.variables)

    def __repr__(self) -> str:
        return f"Domain({', '.join(repr(v.text()) for v in self.variables)})"

    def ranges(self) -> dict[str, Range]:
        """The declared range of every scalar variable."""
        return {v.name: v.range for v in self.variables if isinstance(v, Real | Integer)}

    # ------------------------------------------------------------------ points
    def realize(self, point: Point, B: Backend) -> Point:
        """The point as the claim sees it at ``B``'s precision (exact values evaluated, vectors
        normalised or rebuilt); coordinates that are not declared variables are kept."""
        key = (id(point), B.name)
        last = self._last
        if last is not None and last[0] == key and last[1] is point:
            return dict(last[2])  # the margins and the slack of one point share one realization
        real = dict(point)
        for v in self.variables:
            if v.name in point:
                real[v.name] = v.realize(point[v.name], real, B)
        self._last = (key, point, real)
        return dict(real)

    def strategy(self) -> st.SearchStrategy[Point]:
        """Points of the domain, drawn in declaration order, reaching its boundary."""
        variables = self.variables

        @st.composite
        def points(draw: Any) -> Point:
            raw: Point = {}
            for v in variables:
                raw[v.name] = v.draw(draw, raw)
            return raw

        return points()

    # ------------------------------------------------------------------ hypotheses
    def _build_hypotheses(self) -> tuple[Hypothesis, ...]:
        out = []
        for v in self.variables:
            built = v.kind == "vector"
            for name, margin, strict in v.margins():
                out.append(Hypothesis(name, _OnRealized(self, margin), strict,
                                      by_construction=built, origin="domain"))
        return tuple(out)

    def hypotheses(self) -> tuple[Hypothesis, ...]:
        """The hypotheses the declaration states (``origin="domain"``)."""
        return self._hypotheses

    def on_realized(self, h: Hypothesis) -> Hypothesis:
        """A stated hypothesis evaluated on realized points (idempotent)."""
        fn = h.margin.fn if isinstance(h.margin, _OnRealized) else h.margin
        return Hypothesis(h.name, _OnRealized(self, fn), h.strict, h.by_construction, h.origin)

    def realized(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn(point, B, ...)`` evaluated on realized points (idempotent)."""
        return _OnRealized(self, fn.fn if isinstance(fn, _OnRealized) else fn)


class _OnRealized:
    """``fn(domain.realize(point, B), B, *rest)``."""

    __slots__ = ("domain", "fn")

    def __init__(self, domain: Domain, fn: Callable[..., Any]) -> None:
        self.domain = domain
        self.fn = fn

    def __call__(self, point: Point, B: Backend, *rest: Any) -> Any:
        return self.fn(self.domain.realize(point, B), B, *rest)
