"""Rigorous interval certificates by branch and bound on Arb balls (python-flint).

Paper-agnostic engine code. A claim whose conclusion is a scalar inequality ``slack >= 0`` on a
box of a few variables can be *proved* here: the box is covered by sub-boxes on each of which a
rigorous enclosure of the slack has a certified lower bound ``>= 0`` (``> 0`` if strict), or the
search stops at a *certified counterexample* (a point where an Arb enclosure of the slack is
certainly negative).

Arithmetic
----------
SymPy expressions are compiled (:func:`sympy_to_arb`) to interval programs whose intervals carry
two Arb balls, one per endpoint, so exact endpoints (``sin 0 = 0``, ``cos 0 = 1``) stay exact and
elementary functions are evaluated on their monotone pieces (tight ranges for ``sin``/``cos``,
even powers, ``Abs``...). Outside a function's domain (``acos`` of an interval that may leave
``[-1, 1]``, ``sqrt``/``log`` of one that may be negative, a division by an interval that may
contain 0) the result is an indeterminate (NaN) enclosure; an indeterminate enclosure is never a
pass: the box is subdivided.

Refinements for smooth expressions (no ``Abs``/``Min``/``Max``/``sign``/``Piecewise``): the
gradient (SymPy) is enclosed on the box; variables in which the slack is certainly monotone are
fixed at the minimising endpoint (repeatedly), then a mean-value form is intersected with the
natural enclosure.

When monotonicity reduces a box to one vertex and the enclosure there still straddles 0 (a
sharp claim at a corner such as ``x - 1/3`` on ``[1/3, 1/2]``), the vertex is re-evaluated at 4x
and 16x the precision, then exactly by SymPy (an exact rational, or a simplification to 0); such
boxes are recorded as closed by ``"exact vertex value"``.

Equality cases
--------------
Sharp claims (slack exactly 0 somewhere) cannot be closed by enclosures near the zero set. The
caller declares sound arguments, each checked rigorously on the boxes that touch it:

* :class:`MonotoneFace` -- the slack is ``>= 0`` on a face ``var = lo`` (or ``hi``) of the domain
  (SymPy proves it vanishes there, or an enclosure on the face piece of the box is ``>= 0``) and
  ``d slack / d var`` is certified ``>= 0`` (``<= 0``) on the box: so slack >= 0 on the box.
* :class:`SecondOrderPoint` -- ``slack(x0) = 0`` and ``grad slack(x0) = 0`` exactly (SymPy; at a
  boundary point the gradient may instead point into the domain), and the Hessian enclosure on
  the (convex) box containing ``x0`` is certified positive semidefinite (1-d: ``f'' >= 0``; 2-d:
  diagonal and determinant; n-d: Gershgorin): Taylor's theorem gives slack >= 0 on the box.

Limitations: a zero of the slack where a derivative is infinite (e.g. ``acos`` at 1, ``sqrt`` at
0) can only be closed by an exact vertex value; a zero set that is a curve inside the domain (not
a face, not an isolated point) cannot be closed; non-smooth expressions (``Abs``, ``Min``,
``Max``, ``sign``, ``Piecewise``) get natural enclosures only, and no equality-case arguments.
SymPy ``Float`` constants are used at the binary value SymPy holds: write ``Rational`` instead.
Cost grows quickly with the dimension (1-3 variables is the intended range).

Usage (claim author)::

    import sympy as sp
    from proofs.engine.interval import SecondOrderPoint, interval_proof

    th = sp.Symbol("theta", real=True)
    prove = lambda: interval_proof(
        1 - sp.sin(th), {th: (0, "pi")},
        zero_set_arguments=[SecondOrderPoint({th: sp.pi / 2})],
    )
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import flint
import sympy
from flint import arb, fmpq

from proofs.engine.claim import ProofResult

__all__ = [
    "Certificate",
    "MonotoneFace",
    "SecondOrderPoint",
    "UnsupportedExpressionError",
    "certify_nonnegative",
    "interval_proof",
    "sympy_to_arb",
]


class UnsupportedExpressionError(ValueError):
    """A SymPy expression contains a node the interval compiler cannot enclose rigorously."""


# --------------------------------------------------------------------------------------------
# Interval arithmetic on pairs of Arb balls
# --------------------------------------------------------------------------------------------


class Iv:
    """The interval ``[lo, hi]``: ``lo`` is an Arb ball containing the lower endpoint of the
    range, ``hi`` one containing the upper endpoint. A point is ``Iv(b, b)`` (same object)."""

    __slots__ = ("lo", "hi")

    def __init__(self, lo: arb, hi: arb) -> None:
        self.lo = lo
        self.hi = hi

    def finite(self) -> bool:
        return bool(self.lo.is_finite() and self.hi.is_finite())

    def hull(self) -> arb:
        """One Arb ball containing the whole interval."""
        return self.lo if self.lo is self.hi else self.lo.union(self.hi)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Iv({self.lo}, {self.hi})"


def _point(b: arb) -> Iv:
    return Iv(b, b)


def _nan() -> Iv:
    n = arb.nan()
    return Iv(n, n)


def _from_arb(b: arb) -> Iv:
    """Interval from a ball (its endpoints are exact Arb numbers)."""
    if not b.is_finite():
        return _nan()
    if b.rad() == 0:
        return Iv(b, b)
    return Iv(b.lower(), b.upper())


def _is_pt(a: Iv) -> bool:
    return a.lo is a.hi


def _min(*xs: arb) -> arb:
    r = xs[0]
    for x in xs[1:]:
        r = r.min(x)
    return r


def _max(*xs: arb) -> arb:
    r = xs[0]
    for x in xs[1:]:
        r = r.max(x)
    return r


def _add(a: Iv, b: Iv) -> Iv:
    if _is_pt(a) and _is_pt(b):
        return _point(a.lo + b.lo)
    return Iv(a.lo + b.lo, a.hi + b.hi)


def _sub(a: Iv, b: Iv) -> Iv:
    if _is_pt(a) and _is_pt(b):
        return _point(a.lo - b.lo)
    return Iv(a.lo - b.hi, a.hi - b.lo)


def _neg(a: Iv) -> Iv:
    if _is_pt(a):
        return _point(-a.lo)
    return Iv(-a.hi, -a.lo)


def _mul(a: Iv, b: Iv) -> Iv:
    if _is_pt(a) and _is_pt(b):
        return _point(a.lo * b.lo)
    if _is_pt(b):
        a, b = b, a
    if _is_pt(a):
        c = a.lo
        if c >= 0:
            return Iv(c * b.lo, c * b.hi)
        if c <= 0:
            return Iv(c * b.hi, c * b.lo)
    if a.lo >= 0 and b.lo >= 0:
        return Iv(a.lo * b.lo, a.hi * b.hi)
    p = (a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi)
    return Iv(_min(*p), _max(*p))


def _inv(a: Iv) -> Iv:
    if _is_pt(a):
        if a.lo > 0 or a.lo < 0:
            return _point(1 / a.lo)
        return _nan()
    if a.lo > 0 or a.hi < 0:
        return Iv(1 / a.hi, 1 / a.lo)
    return _nan()


def _div(a: Iv, b: Iv) -> Iv:
    return _mul(a, _inv(b))


def _even(a: Iv, fn: Callable[[arb], arb]) -> Iv:
    """Range of an even function increasing on ``[0, inf)``."""
    if _is_pt(a):
        return _point(fn(a.lo))
    if a.lo >= 0:
        return Iv(fn(a.lo), fn(a.hi))
    if a.hi <= 0:
        return Iv(fn(a.hi), fn(a.lo))
    if not a.finite():
        return _nan()
    return Iv(fn(arb(0)), fn(_max(abs(a.lo), abs(a.hi))))


def _powi(a: Iv, n: int) -> Iv:
    if n == 0:
        return _point(arb(1))
    if n < 0:
        return _inv(_powi(a, -n))
    if n == 1:
        return a
    if n % 2 == 1:
        if _is_pt(a):
            return _point(a.lo**n)
        return Iv(a.lo**n, a.hi**n)
    return _even(a, lambda x: x**n)


def _powq(a: Iv, q: fmpq) -> Iv:
    """``a ** q`` for a non-integer rational ``q`` (real branch: base must be >= 0)."""
    if q > 0:
        if not a.lo >= 0:
            return _nan()
        return _mono_inc(a, lambda x: x**q)
    if not a.lo > 0:
        return _nan()
    return _mono_dec(a, lambda x: x**q)


def _mono_inc(a: Iv, fn: Callable[[arb], arb]) -> Iv:
    if _is_pt(a):
        return _point(fn(a.lo))
    return Iv(fn(a.lo), fn(a.hi))


def _mono_dec(a: Iv, fn: Callable[[arb], arb]) -> Iv:
    if _is_pt(a):
        return _point(fn(a.lo))
    return Iv(fn(a.hi), fn(a.lo))


def _sqrt(a: Iv) -> Iv:
    if not a.lo >= 0:
        return _nan()
    return _mono_inc(a, arb.sqrt)


def _log(a: Iv) -> Iv:
    if not a.lo > 0:
        return _nan()
    return _mono_inc(a, arb.log)


def _exp(a: Iv) -> Iv:
    return _mono_inc(a, arb.exp)


def _atan(a: Iv) -> Iv:
    return _mono_inc(a, arb.atan)


def _sinh(a: Iv) -> Iv:
    return _mono_inc(a, arb.sinh)


def _tanh(a: Iv) -> Iv:
    return _mono_inc(a, arb.tanh)


def _cosh(a: Iv) -> Iv:
    return _even(a, arb.cosh)


def _abs(a: Iv) -> Iv:
    return _even(a, abs)


def _asin(a: Iv) -> Iv:
    if not (a.lo >= -1 and a.hi <= 1):
        return _nan()
    return _mono_inc(a, arb.asin)


def _acos(a: Iv) -> Iv:
    if not (a.lo >= -1 and a.hi <= 1):
        return _nan()
    return _mono_dec(a, arb.acos)


def _hits(a: Iv, offset: arb, period: arb) -> bool | None:
    """Whether some ``offset + k*period`` (k integer) may lie in ``a``; None if ``a`` is too
    wide or not finite (treat as 'yes')."""
    if not a.finite():
        return None
    u = (a.lo - offset) / period
    v = (a.hi - offset) / period
    if not (u.is_finite() and v.is_finite()):
        return None
    k0 = math.floor(float(u.lower().mid())) - 1
    k1 = math.ceil(float(v.upper().mid())) + 1
    if k1 - k0 > 6:
        return None
    for k in range(k0, k1 + 1):
        if not (k < u) and not (k > v):
            return True
    return False


def _sincos(a: Iv, fn: Callable[[arb], arb], max_at: arb, min_at: arb) -> Iv:
    if _is_pt(a):
        return _point(fn(a.lo))
    two_pi = 2 * arb.pi()
    hmax = _hits(a, max_at, two_pi)
    hmin = _hits(a, min_at, two_pi)
    if hmax is None or hmin is None:
        if not a.finite():
            return _nan()
        return Iv(arb(-1), arb(1))
    flo, fhi = fn(a.lo), fn(a.hi)
    lo = arb(-1) if hmin else flo.min(fhi)
    hi = arb(1) if hmax else flo.max(fhi)
    return Iv(lo, hi)


def _sin(a: Iv) -> Iv:
    h = arb.pi() / 2
    return _sincos(a, arb.sin, h, -h)


def _cos(a: Iv) -> Iv:
    return _sincos(a, arb.cos, arb(0), arb.pi())


def _tan(a: Iv) -> Iv:
    if _is_pt(a):
        return _point(a.lo.tan())
    if _hits(a, arb.pi() / 2, arb.pi()) is not False:
        return _nan()
    return Iv(a.lo.tan(), a.hi.tan())


def _minimum(*xs: Iv) -> Iv:
    return Iv(_min(*(x.lo for x in xs)), _min(*(x.hi for x in xs)))


def _maximum(*xs: Iv) -> Iv:
    return Iv(_max(*(x.lo for x in xs)), _max(*(x.hi for x in xs)))


def _sign(a: Iv) -> Iv:
    if a.lo > 0:
        return _point(arb(1))
    if a.hi < 0:
        return _point(arb(-1))
    if a.lo >= 0 and a.hi <= 0:
        return _point(arb(0))
    if not a.finite():
        return _nan()
    lo = arb(0) if a.lo >= 0 else arb(-1)
    hi = arb(0) if a.hi <= 0 else arb(1)
    return Iv(lo, hi)


# three-valued logic: True (certain), False (certainly not), None (undecided)
Tri = bool | None


def _lt(a: Iv, b: Iv) -> Tri:
    if a.hi < b.lo:
        return True
    if a.lo >= b.hi:
        return False
    return None


def _le(a: Iv, b: Iv) -> Tri:
    if a.hi <= b.lo:
        return True
    if a.lo > b.hi:
        return False
    return None


def _gt(a: Iv, b: Iv) -> Tri:
    return _lt(b, a)


def _ge(a: Iv, b: Iv) -> Tri:
    return _le(b, a)


def _eq(a: Iv, b: Iv) -> Tri:
    if _is_pt(a) and _is_pt(b) and a.lo.rad() == 0 and b.lo.rad() == 0:
        return bool(a.lo == b.lo)
    if a.hi < b.lo or a.lo > b.hi:
        return False
    return None


def _ne(a: Iv, b: Iv) -> Tri:
    r = _eq(a, b)
    return None if r is None else not r


def _and(*xs: Tri) -> Tri:
    if any(x is False for x in xs):
        return False
    return True if all(x is True for x in xs) else None


def _or(*xs: Tri) -> Tri:
    if any(x is True for x in xs):
        return True
    return False if all(x is False for x in xs) else None


def _not(x: Tri) -> Tri:
    return None if x is None else not x


def _pw(*pairs: Any) -> Iv:
    """Piecewise: the hull of every branch that may be the first one taken. NaN unless some
    branch is certainly taken (otherwise the expression may be undefined somewhere)."""
    taken: list[Iv] = []
    certain = False
    for k in range(0, len(pairs), 2):
        val, cond = pairs[k], pairs[k + 1]
        if cond is False:
            continue
        taken.append(val)
        if cond is True:
            certain = True
            break
    if not certain or not taken:
        return _nan()
    if len(taken) == 1:
        return taken[0]
    if not all(t.finite() for t in taken):
        return _nan()
    return Iv(_min(*(t.lo for t in taken)), _max(*(t.hi for t in taken)))


_HELPERS: dict[str, Any] = {
    "_add": _add,
    "_sub": _sub,
    "_neg": _neg,
    "_mul": _mul,
    "_div": _div,
    "_inv": _inv,
    "_powi": _powi,
    "_powq": _powq,
    "_sqrt": _sqrt,
    "_log": _log,
    "_exp": _exp,
    "_sin": _sin,
    "_cos": _cos,
    "_tan": _tan,
    "_asin": _asin,
    "_acos": _acos,
    "_atan": _atan,
    "_sinh": _sinh,
    "_cosh": _cosh,
    "_tanh": _tanh,
    "_abs": _abs,
    "_sign": _sign,
    "_minimum": _minimum,
    "_maximum": _maximum,
    "_lt": _lt,
    "_le": _le,
    "_gt": _gt,
    "_ge": _ge,
    "_eq": _eq,
    "_ne": _ne,
    "_and": _and,
    "_or": _or,
    "_not": _not,
    "_pw": _pw,
    "fmpq": fmpq,
}

_UNARY: dict[type, str] = {
    sympy.sin: "_sin",
    sympy.cos: "_cos",
    sympy.tan: "_tan",
    sympy.asin: "_asin",
    sympy.acos: "_acos",
    sympy.atan: "_atan",
    sympy.sinh: "_sinh",
    sympy.cosh: "_cosh",
    sympy.tanh: "_tanh",
    sympy.exp: "_exp",
    sympy.log: "_log",
    sympy.Abs: "_abs",
    sympy.sign: "_sign",
}

#: node types after which derivative-based refinements are unsound (kinks or jumps)
_NONSMOOTH = (sympy.Abs, sympy.sign, sympy.Min, sympy.Max, sympy.Piecewise)

_REL: dict[type, str] = {
    sympy.StrictLessThan: "_lt",
    sympy.LessThan: "_le",
    sympy.StrictGreaterThan: "_gt",
    sympy.GreaterThan: "_ge",
    sympy.Equality: "_eq",
    sympy.Unequality: "_ne",
}


def _exhaustive(conds: Sequence[Any]) -> bool:
    """True if SymPy proves that, for real values of the (single) free symbol, some condition
    holds (so the last Piecewise branch may be taken as 'otherwise')."""
    try:
        disj = sympy.Or(*conds)
        if disj is sympy.true:
            return True
        free = disj.free_symbols
        if len(free) != 1:
            return False
        (s,) = free
        return (
            bool(disj.as_set() == sympy.S.Reals)
            if s.is_real
            else bool(disj.subs(s, sympy.Symbol(str(s), real=True)).as_set() == sympy.S.Reals)
        )
    except Exception:  # noqa: BLE001 - any failure just means 'not proved'
        return False


def _const_arb(value: sympy.Expr) -> arb:
    """Arb enclosure of an exact SymPy constant (rational, pi, E), at the current precision."""
    if value.is_Rational:
        r = sympy.Rational(value)
        return arb(fmpq(int(r.p), int(r.q)))
    if isinstance(value, sympy.Float):
        r = sympy.Rational(value)  # the binary value SymPy actually holds
        return arb(fmpq(int(r.p), int(r.q)))
    if value is sympy.pi:
        return arb.pi()
    if value is sympy.E:
        return arb(1).exp()
    raise UnsupportedExpressionError(f"unsupported constant {value!r} ({type(value).__name__})")


class _Program:
    """A list of SymPy expressions compiled to one Python function ``Iv... -> list[Iv]``.

    Common subexpressions (structurally equal SymPy nodes) are computed once. Constants are
    enclosed at the working precision of the call (cached per precision)."""

    def __init__(self, exprs: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol]) -> None:
        self.exprs = [sympy.sympify(e) for e in exprs]
        self.variables = list(variables)
        self._consts: list[sympy.Expr] = []
        self._const_index: dict[sympy.Expr, int] = {}
        self._lines: list[str] = []
        self._memo: dict[Any, str] = {}
        self._counter = itertools.count()
        for i, v in enumerate(self.variables):
            self._memo[v] = f"x{i}"
        outs = [self._emit(e) for e in self.exprs]
        args = ", ".join(f"x{i}" for i in range(len(self.variables)))
        body = "\n".join("    " + ln for ln in self._lines) or "    pass"
        src = f"def _prog(_K, {args}):\n{body}\n    return [{', '.join(outs)}]\n"
        ns: dict[str, Any] = dict(_HELPERS)
        exec(compile(src, "<interval-program>", "exec"), ns)  # noqa: S102 - generated from a tree walk
        self._fn = ns["_prog"]
        self.source = src
        self._cache: dict[int, list[Iv]] = {}

    # -- code generation
    def _tmp(self, code: str) -> str:
        name = f"t{next(self._counter)}"
        self._lines.append(f"{name} = {code}")
        return name

    def _const(self, value: sympy.Expr) -> str:
        _const_arb(value)  # validate now (raises on unsupported constants)
        if value not in self._const_index:
            self._const_index[value] = len(self._consts)
            self._consts.append(value)
        return f"_K[{self._const_index[value]}]"

    def _emit(self, e: Any) -> str:
        if e in self._memo:
            return self._memo[e]
        code = self._emit_new(e)
        self._memo[e] = code
        return code

    def _emit_new(self, e: Any) -> str:
        if e is sympy.true:
            return "True"
        if e is sympy.false:
            return "False"
        if isinstance(e, sympy.Symbol):
            raise UnsupportedExpressionError(
                f"free symbol {e} is not one of the variables {self.variables}"
            )
        if isinstance(e, (sympy.Rational, sympy.Float)) or e is sympy.pi or e is sympy.E:
            return self._const(e)
        if e.is_Number or isinstance(e, sympy.NumberSymbol):
            raise UnsupportedExpressionError(f"unsupported constant {e!r}")
        if isinstance(e, sympy.Add):
            terms = [self._emit(a) for a in e.args]
            acc = terms[0]
            for t in terms[1:]:
                acc = self._tmp(f"_add({acc}, {t})")
            return acc
        if isinstance(e, sympy.Mul):
            num: list[Any] = []
            den: list[Any] = []
            for a in e.args:
                if isinstance(a, sympy.Pow) and a.exp.is_Rational and a.exp < 0:
                    den.append(a.base ** (-a.exp))
                elif a.is_Rational and not a.is_Integer and a.p in (1, -1):
                    if a.p == -1:
                        num.append(sympy.Integer(-1))
                    den.append(sympy.Integer(a.q))
                else:
                    num.append(a)
            codes = [self._emit(a) for a in num]
            acc = codes[0] if codes else self._const(sympy.Integer(1))
            for c in codes[1:]:
                acc = self._tmp(f"_mul({acc}, {c})")
            if den:
                dcodes = [self._emit(d) for d in den]
                dacc = dcodes[0]
                for c in dcodes[1:]:
                    dacc = self._tmp(f"_mul({dacc}, {c})")
                acc = self._tmp(f"_div({acc}, {dacc})")
            return acc
        if isinstance(e, sympy.Pow):
            b, x = e.base, e.exp
            if x.is_Integer:
                return self._tmp(f"_powi({self._emit(b)}, {int(x)})")
            if x.is_Rational:
                if x == sympy.Rational(1, 2):
                    return self._tmp(f"_sqrt({self._emit(b)})")
                if x == sympy.Rational(-1, 2):
                    return self._tmp(f"_inv(_sqrt({self._emit(b)}))")
                return self._tmp(f"_powq({self._emit(b)}, fmpq({int(x.p)}, {int(x.q)}))")
            if b is sympy.E:
                return self._tmp(f"_exp({self._emit(x)})")
            return self._tmp(f"_exp(_mul({self._emit(x)}, _log({self._emit(b)})))")
        if type(e) in _UNARY:
            if len(e.args) != 1:
                raise UnsupportedExpressionError(f"{type(e).__name__} with {len(e.args)} arguments")
            return self._tmp(f"{_UNARY[type(e)]}({self._emit(e.args[0])})")
        if isinstance(e, (sympy.Min, sympy.Max)):
            fn = "_minimum" if isinstance(e, sympy.Min) else "_maximum"
            return self._tmp(f"{fn}({', '.join(self._emit(a) for a in e.args)})")
        if isinstance(e, sympy.Piecewise):
            pieces = list(e.args)
            if pieces[-1][1] is not sympy.true and _exhaustive([c for _, c in pieces]):
                pieces[-1] = (pieces[-1][0], sympy.true)
            parts: list[str] = []
            for val, cond in pieces:
                parts += [self._emit(val), self._emit(cond)]
            return self._tmp(f"_pw({', '.join(parts)})")
        if type(e) in _REL:
            return self._tmp(f"{_REL[type(e)]}({self._emit(e.lhs)}, {self._emit(e.rhs)})")
        if isinstance(e, (sympy.And, sympy.Or)):
            fn = "_and" if isinstance(e, sympy.And) else "_or"
            return self._tmp(f"{fn}({', '.join(self._emit(a) for a in e.args)})")
        if isinstance(e, sympy.Not):
            return self._tmp(f"_not({self._emit(e.args[0])})")
        name = type(e).__name__
        raise UnsupportedExpressionError(
            f"cannot enclose SymPy node {name} ({e}); supported: + - * / integer and rational "
            "powers, sqrt, exp, log, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, Abs, "
            "sign, Min, Max, Piecewise with relational conditions, pi, E, rationals"
        )

    # -- evaluation
    def _constants(self) -> list[Iv]:
        p = flint.ctx.prec
        ks = self._cache.get(p)
        if ks is None:
            ks = [_point(_const_arb(c)) for c in self._consts]
            self._cache[p] = ks
        return ks

    def __call__(self, xs: Sequence[Iv]) -> list[Iv]:
        return self._fn(self._constants(), *xs)


def _as_symbols(variables: Sequence[Any]) -> list[sympy.Symbol]:
    out = []
    for v in variables:
        out.append(v if isinstance(v, sympy.Symbol) else sympy.Symbol(str(v)))
    return out


def _bind(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> sympy.Expr:
    """Match the expression's free symbols to ``variables`` by name (assumptions may differ)."""
    by_name = {str(v): v for v in variables}
    subs = {}
    for s in expr.free_symbols:
        if str(s) not in by_name:
            raise UnsupportedExpressionError(
                f"free symbol {s} of the slack is not among the variables {list(by_name)}"
            )
        if s is not by_name[str(s)] and s != by_name[str(s)]:
            subs[s] = by_name[str(s)]
    return expr.xreplace(subs) if subs else expr


def sympy_to_arb(expr: Any, variables: Sequence[Any]) -> Callable[..., arb]:
    """Compile a SymPy expression into a function of Arb balls returning an Arb ball.

    ``variables`` (Symbols or names) fixes the argument order. The result encloses the range
    of ``expr`` over the balls (rigorous, at ``flint.ctx.prec``); it is NaN (indeterminate)
    where the balls may leave a function's domain. Raises :class:`UnsupportedExpressionError`
    on nodes it cannot enclose (e.g. ``gamma``, ``floor``, unknown symbols).
    """
    syms = _as_symbols(variables)
    prog = _Program([_bind(sympy.sympify(expr), syms)], syms)

    def fn(*balls: Any) -> arb:
        xs = [_from_arb(b if isinstance(b, arb) else arb(b)) for b in balls]
        return prog(xs)[0].hull()

    fn.__doc__ = f"Arb enclosure of {expr}"
    return fn


# --------------------------------------------------------------------------------------------
# Boxes and endpoints
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Equality-case arguments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonotoneFace:
    """The slack is >= 0 on the face ``var = lo`` (``direction="increasing"``: ``d slack/d var
    >= 0`` certified on boxes touching it) or on the face ``var = hi`` (``"decreasing"``:
    ``d slack/d var <= 0``). On the face itself the slack is shown >= 0 by SymPy (it simplifies
    to 0 there) or, box by box, by an enclosure of the slack restricted to the face."""

    var: Any
    direction: str = "increasing"

    def label(self) -> str:
        return f"MonotoneFace({self.var}, {self.direction})"


@dataclass(frozen=True)
class SecondOrderPoint:
    """``slack(x0) = 0`` and ``grad slack(x0) = 0`` exactly (SymPy); at a point on the boundary
    of the domain, a gradient component may instead be >= 0 at a lower face (<= 0 at an upper
    face). On the box containing ``x0`` the Hessian enclosure is certified PSD, so by Taylor's
    theorem slack >= slack(x0) = 0 there. ``point`` maps each variable (Symbol or name) to an
    exact value (SymPy number or string such as ``"pi/2"``)."""

    point: Mapping[Any, Any]

    def label(self) -> str:
        inner = ", ".join(f"{k}={v}" for k, v in self.point.items())
        return f"SecondOrderPoint({inner})"


def _is_exact_zero(e: sympy.Expr) -> bool:
    e = sympy.sympify(e)
    if e == 0 or e.is_zero is True:
        return True
    s = sympy.simplify(e)
    return bool(s == 0 or s.is_zero is True)


# --------------------------------------------------------------------------------------------
# Certificate
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Certificate:
    """Record of a branch-and-bound run. ``complete`` is True only when every sub-box was closed
    (by an enclosure or by a verified equality-case argument): then ``slack >= 0`` (``> 0`` if
    ``strict``) holds on the whole domain. ``counterexample`` is a point where the slack is
    certifiably negative (``<= 0`` if strict), with its value's upper bound."""

    slack: str
    variables: tuple[str, ...]
    box: tuple[tuple[str, str], ...]
    strict: bool
    complete: bool
    boxes: int
    depth: int
    min_lower_bound: str | None
    closed_by_arguments: dict[str, int]
    counterexample: dict[str, Any] | None
    seconds: float
    uncovered_fraction: float
    stop_reason: str  # "complete" | "counterexample" | "max_boxes" | "seconds" | "max_depth"
    prec: int
    arguments: tuple[dict[str, Any], ...] = ()
    budget: dict[str, Any] = field(default_factory=dict)

    @property
    def domain(self) -> dict[str, tuple[str, str]]:
        return dict(zip(self.variables, self.box, strict=True))

    def as_dict(self) -> dict[str, Any]:
        """JSON-able record."""
        return {
            "kind": "interval-certificate",
            "slack": self.slack,
            "inequality": "> 0" if self.strict else ">= 0",
            "domain": {v: list(b) for v, b in zip(self.variables, self.box, strict=True)},
            "complete": self.complete,
            "boxes": self.boxes,
            "depth": self.depth,
            "min_lower_bound": self.min_lower_bound,
            "closed_by_arguments": dict(self.closed_by_arguments),
            "counterexample": self.counterexample,
            "seconds": round(self.seconds, 4),
            "uncovered_fraction": self.uncovered_fraction,
            "stop_reason": self.stop_reason,
            "prec_bits": self.prec,
            "arguments": [dict(a) for a in self.arguments],
            "budget": dict(self.budget),
        }


# --------------------------------------------------------------------------------------------
# The certifier
# --------------------------------------------------------------------------------------------

Box = tuple[tuple[_End, _End], ...]
_ENCLOSURE = "enclosure"
_EXACT_VERTEX = "exact vertex value"


class _Model:
    """Evaluation of the slack: compiled SymPy (with derivatives) or a user Arb function."""

    def __init__(self, slack: Any, syms: list[sympy.Symbol]) -> None:
        self.syms = syms
        self.n = len(syms)
        self.expr: sympy.Expr | None = None
        self.smooth = False
        self._fg: _Program | None = None
        self._h: _Program | None = None
        self._hess_index: dict[tuple[int, int], int] = {}
        if isinstance(slack, sympy.Basic) or isinstance(slack, (int, Fraction)):
            self.expr = _bind(sympy.sympify(slack), syms)
            self.f = _Program([self.expr], syms)
            self.smooth = not self.expr.has(*_NONSMOOTH)
            if self.smooth:
                self.grad = [sympy.diff(self.expr, v) for v in syms]
                self._fg = _Program([self.expr, *self.grad], syms)
            self.user: Callable[..., arb] | None = None
        elif callable(slack):
            self.user = slack
        else:
            raise TypeError("slack must be a SymPy expression or a function of Arb balls")

    @property
    def name(self) -> str:
        if self.expr is not None:
            return str(self.expr)
        return getattr(self.user, "__name__", repr(self.user))

    def value(self, xs: Sequence[Iv]) -> Iv:
        if self.user is not None:
            try:
                return _from_arb(self.user(*(x.hull() for x in xs)))
            except (ValueError, ZeroDivisionError, TypeError):
                return _nan()
        return self.f(xs)[0]

    def hessian_program(self) -> _Program:
        if self._h is None:
            assert self.expr is not None
            exprs = []
            for i in range(self.n):
                for j in range(i, self.n):
                    self._hess_index[(i, j)] = len(exprs)
                    exprs.append(sympy.diff(self.grad[i], self.syms[j]))
            self._h = _Program(exprs, self.syms)
        return self._h

    def hess_entry(self, vals: list[Iv], i: int, j: int) -> Iv:
        return vals[self._hess_index[(min(i, j), max(i, j))]]


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


def _enclose_lower(
    prog: Callable[[Sequence[Iv]], list[Iv]],
    xs: list[Iv],
    ends: Sequence[tuple[Iv, Iv]],
    bx: Box,
    with_grad: bool,
) -> tuple[arb | None, list[Iv]]:
    """Best certified lower bound of ``prog(...)[0]`` over the box ``xs`` (None if none is
    finite), using monotone reduction and a mean-value form when ``prog`` also returns the
    gradient. Returns the bound and the reduced box (a vertex when fully reduced)."""
    vals = prog(xs)
    cands = [vals[0]]
    cur = list(xs)
    if with_grad:
        grads = vals[1:]
        n = len(xs)
        for _ in range(n):
            if not all(g.finite() for g in grads):
                grads = []
                break
            changed = False
            nxt = list(cur)
            for i in range(n):
                if _is_pt(cur[i]):
                    continue
                if grads[i].lo >= 0:
                    nxt[i] = ends[i][0]
                    changed = True
                elif grads[i].hi <= 0:
                    nxt[i] = ends[i][1]
                    changed = True
            if not changed:
                break
            cur = nxt
            vals = prog(cur)
            cands.append(vals[0])
            grads = vals[1:]
        if grads and all(g.finite() for g in grads) and not all(_is_pt(c) for c in cur):
            c = _centre(cur, bx)
            mv = prog(c)[0]
            for i in range(n):
                if not _is_pt(cur[i]):
                    mv = _add(mv, _mul(grads[i], _sub(cur[i], c[i])))
            cands.append(mv)
    best: arb | None = None
    for cand in cands:
        if not cand.finite():
            continue
        lo = cand.lo.lower()
        if best is None or lo > best:
            best = lo
    return best, cur


class _Argument:
    """A prepared, verified equality-case argument."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.verified = False
        self.checks: list[str] = []

    def touches(self, bx: Box) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self, bx: Box) -> arb | None:  # pragma: no cover - interface
        raise NotImplementedError

    def record(self) -> dict[str, Any]:
        return {"argument": self.label, "verified": self.verified, "checks": list(self.checks)}


class _MonotoneFaceArg(_Argument):
    def __init__(self, arg: MonotoneFace, model: _Model, root: Box) -> None:
        super().__init__(arg.label())
        names = [str(s) for s in model.syms]
        if str(arg.var) not in names:
            raise ValueError(f"{self.label}: {arg.var} is not a variable")
        if arg.direction not in ("increasing", "decreasing"):
            raise ValueError(f"{self.label}: direction must be 'increasing' or 'decreasing'")
        self.i = names.index(str(arg.var))
        self.upper = arg.direction == "decreasing"
        self.face = root[self.i][1 if self.upper else 0]
        assert model.expr is not None
        self.model = model
        sign = -1 if self.upper else 1
        d = sign * model.grad[self.i]
        self.deriv = _Program([d, *(sympy.diff(d, v) for v in model.syms)], model.syms)
        face_expr = model.expr.subs(model.syms[self.i], self.face.sym)
        self.face_zero = _is_exact_zero(face_expr)
        self.checks.append(
            f"slack at {model.syms[self.i]} = {self.face} "
            + ("simplifies to 0 (SymPy)" if self.face_zero else "is enclosed box by box")
        )
        self.checks.append(
            f"{'-' if self.upper else ''}d slack/d {model.syms[self.i]} >= 0 certified per box"
        )
        self.verified = True

    def touches(self, bx: Box) -> bool:
        return bx[self.i][1 if self.upper else 0] is self.face

    def close(self, bx: Box) -> arb | None:
        xs, ends = _side_ivs(bx)
        low, _ = _enclose_lower(self.deriv, xs, ends, bx, True)
        if low is None or not low >= 0:
            return None
        if self.face_zero:
            return arb(0)
        fx = list(xs)
        fx[self.i] = ends[self.i][1 if self.upper else 0]
        prog = self.model._fg or self.model.f
        flow, _ = _enclose_lower(prog, fx, ends, bx, self.model._fg is not None)
        if flow is None or not flow >= 0:
            return None
        return flow


class _SecondOrderArg(_Argument):
    def __init__(self, arg: SecondOrderPoint, model: _Model, root: Box) -> None:
        super().__init__(arg.label())
        assert model.expr is not None
        names = [str(s) for s in model.syms]
        pt = {str(k): v for k, v in arg.point.items()}
        if set(pt) != set(names):
            raise ValueError(f"{self.label}: point must give every variable {names}")
        self.x0 = [_End(pt[n]) for n in names]
        self.model = model
        subs = {s: e.sym for s, e in zip(model.syms, self.x0, strict=True)}
        ok = True
        f0 = model.expr.subs(subs)
        if _is_exact_zero(f0):
            self.checks.append("slack(x0) = 0 (SymPy)")
        else:
            ok = False
            self.checks.append(f"slack(x0) = {sympy.simplify(f0)} is not 0")
        for i, s in enumerate(model.syms):
            gi = model.grad[i].subs(subs)
            at_lo = self._eq(self.x0[i], root[i][0])
            at_hi = self._eq(self.x0[i], root[i][1])
            if not (self._le(root[i][0], self.x0[i]) and self._le(self.x0[i], root[i][1])):
                ok = False
                self.checks.append(f"{s} = {self.x0[i]} is not in the domain")
                continue
            if _is_exact_zero(gi):
                self.checks.append(f"d slack/d {s} (x0) = 0 (SymPy)")
                continue
            with _precision(max(flint.ctx.prec, 128)):
                gb = _Program([gi], [])([])[0]
                good = (at_lo and gb.lo >= 0) or (at_hi and gb.hi <= 0)
            if good:
                side = "lower" if at_lo else "upper"
                self.checks.append(f"d slack/d {s} (x0) points into the domain at its {side} face")
            else:
                ok = False
                self.checks.append(f"d slack/d {s} (x0) = {sympy.simplify(gi)} is not 0")
        self.verified = ok
        if ok:
            model.hessian_program()
            self.checks.append(
                "Hessian PSD certified per box (1-d: f''>=0; 2-d: det; else Gershgorin)"
            )

    @staticmethod
    def _eq(a: _End, b: _End) -> bool:
        if a.q is not None and b.q is not None:
            return a.q == b.q
        if (a.q is not None and b.sym.is_rational is False) or (
            b.q is not None and a.sym.is_rational is False
        ):
            return False
        if not a.ball().overlaps(b.ball()):
            return False
        return _is_exact_zero(a.sym - b.sym)

    @staticmethod
    def _le(a: _End, b: _End) -> bool:
        if a.q is not None and b.q is not None:
            return a.q <= b.q
        for p in (flint.ctx.prec, 4 * flint.ctx.prec, 1024):
            with _precision(p):
                if a.ball() < b.ball():
                    return True
                if a.ball() > b.ball():
                    return False
        return _SecondOrderArg._eq(a, b)

    def touches(self, bx: Box) -> bool:
        if not self.verified:
            return False
        return all(
            self._le(lo, x) and self._le(x, hi) for x, (lo, hi) in zip(self.x0, bx, strict=True)
        )

    def close(self, bx: Box) -> arb | None:
        xs, _ = _side_ivs(bx)
        m = self.model
        vals = m.hessian_program()(xs)
        if not all(v.finite() for v in vals):
            return None
        n = m.n
        h = m.hess_entry
        if n == 1:
            ok = h(vals, 0, 0).lo >= 0
        elif n == 2:
            a, b, c = h(vals, 0, 0), h(vals, 0, 1), h(vals, 1, 1)
            det = _sub(_mul(a, c), _powi(b, 2))
            ok = a.lo >= 0 and c.lo >= 0 and det.lo >= 0
        else:
            ok = True
            for i in range(n):
                off = arb(0)
                for j in range(n):
                    if j != i:
                        e = h(vals, i, j)
                        off = off + _max(abs(e.lo), abs(e.hi)).upper()
                if not (h(vals, i, i).lo - off >= 0):
                    ok = False
                    break
        return arb(0) if ok else None


_MAX_SIMPLIFY = 40  # SymPy zero tests per run (each can take a fraction of a second)


def _exact_vertex(
    model: _Model,
    corner: Sequence[_End],
    strict: bool,
    cache: dict[Any, Any],
) -> arb | None:
    """A certified lower bound >= 0 (> 0 if strict) of the slack at a vertex of a box, or None.

    Tried in order: Arb at 4x and 16x the working precision; SymPy exact evaluation (an exact
    rational); SymPy simplification to 0 (non-strict; at most ``_MAX_SIMPLIFY`` per run)."""
    key = tuple(str(e.sym) for e in corner)
    if key in cache:
        return cache[key]
    out: arb | None = None
    base = flint.ctx.prec
    straddles = True
    for p in (4 * base, 16 * base):
        with _precision(p):
            v = model.f([_point(e.ball()) for e in corner])[0]
            if v.finite() and (v.lo > 0 if strict else v.lo >= 0):
                out = v.lo.lower()
                break
            if v.finite() and v.hi < 0:
                straddles = False
                break
    if out is None and straddles:
        assert model.expr is not None
        val = model.expr.xreplace({s: e.sym for s, e in zip(model.syms, corner, strict=True)})
        if val.is_Rational:
            if (val > 0) if strict else (val >= 0):
                out = arb(fmpq(int(val.p), int(val.q))).lower()
        elif not strict and cache.get("_simplify", 0) < _MAX_SIMPLIFY:
            cache["_simplify"] = cache.get("_simplify", 0) + 1
            if _is_exact_zero(val):
                out = arb(0)
    cache[key] = out
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


def certify_nonnegative(
    slack: Any,
    box: Mapping[Any, tuple[Any, Any]] | Sequence[tuple[Any, Any]],
    *,
    variables: Sequence[Any] | None = None,
    strict: bool = False,
    max_boxes: int = 200_000,
    max_depth: int = 60,
    seconds: float = 30.0,
    zero_set_arguments: Sequence[MonotoneFace | SecondOrderPoint] = (),
    prec: int = 64,
) -> Certificate:
    """Certify ``slack >= 0`` (``> 0`` if ``strict``) on a box by branch and bound.

    ``slack`` is a SymPy expression (compiled; derivatives enable monotonicity, mean-value
    forms and the equality-case arguments) or a function of Arb balls returning an Arb ball
    (natural enclosure only). ``box`` is ``{var: (lo, hi)}`` or a list of ``(lo, hi)`` with
    ``variables``; endpoints must be exact (int, Fraction, ``fmpq``, SymPy number, or a string
    such as ``"1/3"`` or ``"pi"``; floats are refused).

    A work list ordered by the worst lower bound is processed; a box is closed when an
    enclosure's certified lower bound is >= 0 (> 0), or when a declared, verified argument
    (:class:`MonotoneFace`, :class:`SecondOrderPoint`) closes it (arguments are tried first on
    the boxes that touch their zero set), or when monotonicity reduces it to a vertex whose value
    is certified >= 0 at higher precision or exactly by SymPy; otherwise it is tested for a
    counterexample (the slack at its centre, or at the vertex monotonicity reduces it to, is
    certainly < 0; <= 0 if strict) and split at the middle of its widest side (relative to
    the domain). The run stops at the first counterexample or when ``max_boxes``, ``seconds``
    or ``max_depth`` is exhausted (then the certificate is incomplete and states the uncovered
    fraction of the volume).
    """
    t0 = time.monotonic()
    syms, sides = _parse_box(box, variables)
    if strict and zero_set_arguments:
        raise ValueError("equality-case arguments give >= 0, not > 0: use strict=False")
    with _precision(prec):
        root: Box = tuple((_End(lo), _End(hi)) for lo, hi in sides)
        for (lo, hi), s in zip(root, syms, strict=True):
            if not (
                lo.ball() < hi.ball() or (lo.q is not None and hi.q is not None and lo.q < hi.q)
            ):
                raise ValueError(f"empty or degenerate side for {s}: [{lo}, {hi}]")
        model = _Model(slack, syms)
        if zero_set_arguments and (model.expr is None or not model.smooth):
            raise ValueError(
                "equality-case arguments need a smooth SymPy slack (derivatives by SymPy; "
                "no Abs/Min/Max/sign/Piecewise)"
            )
        args: list[_Argument] = []
        for a in zero_set_arguments:
            if isinstance(a, MonotoneFace):
                args.append(_MonotoneFaceArg(a, model, root))
            elif isinstance(a, SecondOrderPoint):
                args.append(_SecondOrderArg(a, model, root))
            else:
                raise TypeError(f"unknown zero-set argument {a!r}")
        active = [a for a in args if a.verified]
        widths = [float((hi.ball() - lo.ball()).mid()) for lo, hi in root]
        closed: dict[str, int] = {}
        min_lower: arb | None = None
        counter: dict[str, Any] | None = None
        unresolved: list[Box] = []
        heap: list[tuple[float, int, Box, int]] = [(-math.inf, 0, root, 0)]
        tick = itertools.count(1)
        processed = 0
        depth_reached = 0
        stop = "complete"
        fg = model._fg
        exact_cache: dict[Any, Any] = {}

        def close(label: str, low: arb) -> None:
            nonlocal min_lower
            closed[label] = closed.get(label, 0) + 1
            if min_lower is None or low < min_lower:
                min_lower = low

        def refute(point: Sequence[Iv], value: Iv) -> dict[str, Any] | None:
            bad = value.hi <= 0 if strict else value.hi < 0
            if not bad:
                return None
            pt, exact = {}, {}
            for s, x in zip(syms, point, strict=True):
                pt[str(s)] = _dec(x.lo, 25)
                b = x.lo
                exact[str(s)] = str(_fmpq_of_arb(b)) if b.rad() == 0 else _dec(b, 30)
            return {
                "point": pt,
                "exact_point": exact,
                "slack_upper_bound": _dec(value.hi.upper(), 20),
                "slack_enclosure": value.hull().str(20),
            }

        while heap:
            if processed >= max_boxes:
                stop = "max_boxes"
                break
            if time.monotonic() - t0 > seconds:
                stop = "seconds"
                break
            _, _, bx, depth = heapq.heappop(heap)
            processed += 1
            depth_reached = max(depth_reached, depth)
            xs, ends = _side_ivs(bx)
            done = False
            for a in active:
                if a.touches(bx):
                    low = a.close(bx)
                    if low is not None:
                        close(a.label, low)
                        done = True
                        break
            if done:
                continue
            if fg is not None:
                low, vertex = _enclose_lower(fg, xs, ends, bx, True)
            else:
                low, vertex = _enclose_lower(lambda v: [model.value(v)], xs, ends, bx, False)
            if low is not None and (low > 0 if strict else low >= 0):
                close(_ENCLOSURE, low)
                continue
            if model.expr is not None and all(_is_pt(v) for v in vertex):
                # monotonicity reduced the box to a vertex: evaluate the slack there exactly
                corner = tuple(
                    bx[i][0] if vertex[i] is ends[i][0] else bx[i][1] for i in range(len(bx))
                )
                exact = _exact_vertex(model, corner, strict, exact_cache)
                if exact is not None:
                    close(_EXACT_VERTEX, exact)
                    continue
            # counterexample search: the vertex monotonicity led to, then the centre
            if all(_is_pt(v) for v in vertex):
                counter = refute(vertex, model.value(vertex))
            if counter is None:
                c = _centre(xs, bx)
                counter = refute(c, model.value(c))
            if counter is not None:
                stop = "counterexample"
                break
            if depth >= max_depth:
                unresolved.append(bx)
                continue
            k = max(range(len(bx)), key=lambda i: _volume_fraction((bx[i],), (widths[i],)))
            lo, hi = bx[k]
            mid = _End(_split_point(lo, hi))
            key = float(low.mid()) if low is not None else -math.inf
            for side in ((lo, mid), (mid, hi)):
                child = bx[:k] + (side,) + bx[k + 1 :]
                heapq.heappush(heap, (key, next(tick), child, depth + 1))
        if stop == "complete" and unresolved:
            stop = "max_depth"
        complete = stop == "complete"
        if counter is not None:
            uncovered = 1.0
        else:
            left = [b for _, _, b, _ in heap] + unresolved
            uncovered = (
                0.0 if complete else min(1.0, sum(_volume_fraction(b, widths) for b in left))
            )
        return Certificate(
            slack=model.name,
            variables=tuple(str(s) for s in syms),
            box=tuple((str(lo), str(hi)) for lo, hi in root),
            strict=strict,
            complete=complete,
            boxes=processed,
            depth=depth_reached,
            min_lower_bound=None if min_lower is None else _dec_lower(min_lower),
            closed_by_arguments=closed,
            counterexample=counter,
            seconds=time.monotonic() - t0,
            uncovered_fraction=uncovered,
            stop_reason=stop,
            prec=prec,
            arguments=tuple(a.record() for a in args),
            budget={"max_boxes": max_boxes, "max_depth": max_depth, "seconds": seconds},
        )


def interval_proof(
    slack: Any,
    box: Mapping[Any, tuple[Any, Any]] | Sequence[tuple[Any, Any]],
    *,
    what: str | None = None,
    **kwargs: Any,
) -> ProofResult:
    """Run :func:`certify_nonnegative` and wrap it as a :class:`ProofResult`
    (``ok`` iff the certificate is complete; the certificate goes into ``details``).

    ``what`` names the inequality in the summary (default: the slack expression)."""
    cert = certify_nonnegative(slack, box, **kwargs)
    rel = "> 0" if cert.strict else ">= 0"
    subject = what or f"{cert.slack} {rel}"
    dom = ", ".join(f"{v} in [{lo}, {hi}]" for v, (lo, hi) in cert.domain.items())
    if cert.complete:
        args = {k: v for k, v in cert.closed_by_arguments.items() if k != _ENCLOSURE}
        extra = f"; equality cases closed by {args}" if args else ""
        summary = (
            f"Interval certificate: {subject} on {dom} ({cert.boxes} boxes, depth {cert.depth}, "
            f"min certified lower bound {cert.min_lower_bound}{extra})."
        )
    elif cert.counterexample is not None:
        summary = (
            f"Interval search refutes {subject} on {dom}: certified counterexample at "
            f"{cert.counterexample['point']} (slack <= {cert.counterexample['slack_upper_bound']})."
        )
    else:
        summary = (
            f"Interval certificate for {subject} on {dom} is incomplete ({cert.stop_reason}): "
            f"{cert.uncovered_fraction:.3g} of the volume uncovered after {cert.boxes} boxes."
        )
    return ProofResult(ok=cert.complete, method="interval", summary=summary, details=cert.as_dict())
