"""Boxes of the branch and bound: exact endpoints, splitting, and unbounded sides.

A box side is a pair of :class:`_End` (an exact rational, or an exact irrational constant such
as ``pi/2``). An unbounded side is never truncated: :func:`pieces` cuts it at an integer ``c``
and maps the unbounded part to ``u`` in ``[0, 1]`` by the stated transformation ``x = c/u``
(``u = 0`` is the limit at infinity, not a point of the domain: the prover never reduces a box to
it, and no counterexample is taken there). The certificate records each transformation.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import flint
import sympy
from flint import arb, fmpq

from .arithmetic import Iv, _is_pt, _point
from .compiler import _as_symbols, _Program


class _End:
    """A box endpoint: an exact rational (``fmpq``) or an exact irrational SymPy constant."""

    __slots__ = ("q", "sym", "_balls")

    def __init__(self, value: Any) -> None:
        self._balls: dict[int, arb] = {}
        if isinstance(value, fmpq):
            self.q: fmpq | None = value
            self.sym = sympy.Rational(int(value.p), int(value.q))
            return
        if isinstance(value, float):
            raise TypeError(
                f"box endpoint {value!r} is a float; give an exact value (int, Fraction, "
                "str like '1/3' or 'pi', or a SymPy number)"
            )
        if isinstance(value, Fraction):
            value = sympy.Rational(value.numerator, value.denominator)
        if isinstance(value, str):
            try:
                value = sympy.Rational(value)  # "0.1" is exactly 1/10
            except (TypeError, ValueError):
                value = sympy.sympify(value)
        sym = sympy.sympify(value) if not isinstance(value, sympy.Basic) else value
        if sym.is_number and sym.is_infinite:
            raise ValueError(f"box endpoint {value!r} is infinite: use pieces()")
        if not (sym.is_number and sym.is_real and sym.is_finite):
            raise ValueError(f"box endpoint {value!r} is not a finite real constant")
        self.sym = sym
        self.q = fmpq(int(sym.p), int(sym.q)) if sym.is_Rational else None

    def ball(self) -> arb:
        p = flint.ctx.prec
        b = self._balls.get(p)
        if b is None:
            if self.q is not None:
                b = arb(self.q)
            else:
                b = _Program([self.sym], [])([])[0].hull()
            self._balls[p] = b
        return b

    def __str__(self) -> str:
        return str(self.sym)


def _fmpq_of_arb(x: arb) -> fmpq:
    man, exp = x.mid().man_exp()
    man, exp = int(man), int(exp)
    return fmpq(man * 2**exp, 1) if exp >= 0 else fmpq(man, 2 ** (-exp))


def _split_point(lo: _End, hi: _End) -> fmpq:
    """The exact midpoint for rational endpoints; otherwise a short dyadic rational near the
    middle (so that it stays well away from irrational constants such as pi/2)."""
    if lo.q is not None and hi.q is not None:
        return (lo.q + hi.q) / 2
    a, b = lo.ball(), hi.ball()
    w = float((b - a).mid())
    m = float(((a + b) / 2).mid())
    e = math.floor(math.log2(w)) - 10 if w > 0 else 0
    k = round(Fraction(m) / Fraction(2) ** e)
    q = Fraction(k) * Fraction(2) ** e
    cand = fmpq(q.numerator, q.denominator)
    if arb(cand) > a and arb(cand) < b:
        return cand
    return _fmpq_of_arb((a + b) / 2)


def _dec(x: arb | fmpq, digits: int = 20) -> str:
    if isinstance(x, fmpq):
        return arb(x).str(digits, radius=False)
    return x.str(digits, radius=False)


def _dec_lower(x: arb) -> str:
    """A decimal string that is <= the (exact) Arb number ``x``."""
    f = float(x.mid())
    if arb(f) > x:
        f = math.nextafter(f, -math.inf)
    return repr(f)


@contextlib.contextmanager
def _precision(prec: int) -> Iterator[None]:
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        yield
    finally:
        flint.ctx.prec = old


Box = tuple[tuple[_End, _End], ...]


def _side_ivs(bx: Box) -> tuple[list[Iv], list[tuple[Iv, Iv]]]:
    xs, ends = [], []
    for lo, hi in bx:
        a, b = lo.ball(), hi.ball()
        xs.append(Iv(a, b))
        ends.append((_point(a), _point(b)))
    return xs, ends


def _centre(xs: Sequence[Iv], bx: Box) -> list[Iv]:
    out = []
    for x, (lo, hi) in zip(xs, bx, strict=True):
        if _is_pt(x):
            out.append(x)
        else:
            out.append(_point(arb(_split_point(lo, hi))))
    return out


def _parse_box(
    box: Any, variables: Sequence[Any] | None
) -> tuple[list[sympy.Symbol], list[tuple[Any, Any]]]:
    if isinstance(box, Mapping):
        keys = list(box.keys())
        if variables is not None and [str(v) for v in variables] != [str(k) for k in keys]:
            raise ValueError("variables do not match the keys of the box")
        return _as_symbols(keys), [tuple(box[k]) for k in keys]
    sides = [tuple(s) for s in box]
    if variables is None:
        variables = [f"x{i}" for i in range(len(sides))]
    if len(variables) != len(sides):
        raise ValueError("one (lo, hi) pair per variable is required")
    return _as_symbols(variables), sides


def _volume_fraction(bx: Box, widths: Sequence[float]) -> float:
    v = 1.0
    for (lo, hi), w in zip(bx, widths, strict=True):
        if w > 0:
            v *= max(0.0, float((hi.ball() - lo.ball()).mid())) / w
    return v




# --------------------------------------------------------------------------------------------
# unbounded sides
# --------------------------------------------------------------------------------------------
def infinity_sign(value: Any) -> int:
    """+1 for ``oo``, -1 for ``-oo``, 0 for a finite end point."""
    if isinstance(value, str):
        v = value.strip()
        if v in ("oo", "+oo", "inf", "+inf"):
            return 1
        if v in ("-oo", "-inf"):
            return -1
        return 0
    if isinstance(value, sympy.Basic) and value.is_infinite:
        return 1 if value.is_positive else -1
    if isinstance(value, float) and math.isinf(value):
        return 1 if value > 0 else -1
    return 0


@dataclass(frozen=True)
class Piece:
    """One piece of a side: ``[lo, hi]`` in the certifier's coordinate ``u``; ``x = scale/u``
    when ``scale`` is set (``u = 0`` is then the limit at infinity), else ``x = u``."""

    lo: Any
    hi: Any
    scale: sympy.Integer | None = None

    def text(self, name: str) -> str:
        if self.scale is None:
            return f"{name} in [{self.lo}, {self.hi}]"
        c = self.scale
        side = f"[{c}, oo)" if c > 0 else f"(-oo, {c}]"
        return f"{name} = {c}/u with u in (0, 1], for {name} in {side}"


def pieces(lo: Any, hi: Any, keep: Sequence[Any] = ()) -> list[Piece]:
    """The pieces of the side ``[lo, hi]`` (ends may be infinite): a finite side is one piece;
    an unbounded part beyond an integer cut ``c`` (beyond every point of ``keep``) is mapped to
    ``u`` in ``[0, 1]`` by ``x = c/u``."""
    slo, shi = infinity_sign(lo), infinity_sign(hi)
    if slo == 0 and shi == 0:
        return [Piece(lo, hi)]
    if slo == 1 or shi == -1:
        raise ValueError(f"empty side [{lo}, {hi}]")
    finite = [sympy.sympify(v) for v in keep] + [sympy.Integer(0)]
    out: list[Piece] = []
    if slo == -1:
        low = sympy.sympify(hi) if shi == 0 else sympy.Integer(0)
        c_neg = sympy.floor(sympy.Min(low, *finite)) - 1
        out.append(Piece(0, 1, c_neg))
        left: Any = c_neg
    else:
        left = lo
    if shi == 1:
        high = sympy.sympify(lo) if slo == 0 else sympy.Integer(0)
        c_pos = sympy.ceiling(sympy.Max(high, *finite)) + 1
        out.append(Piece(left, c_pos))
        out.append(Piece(0, 1, c_pos))
    else:
        out.append(Piece(left, hi))
    return out


def transformed(expr: sympy.Expr, sym: sympy.Symbol, piece: Piece) -> sympy.Expr:
    """``expr`` in the piece's coordinate (``x -> c/x``; rational functions are cancelled so
    that their limit at infinity is finite)."""
    if piece.scale is None:
        return expr
    e = expr.xreplace({sym: piece.scale / sym})
    if e.is_rational_function(sym):
        e = sympy.cancel(e)
    return e
