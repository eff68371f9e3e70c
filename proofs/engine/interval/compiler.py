"""SymPy expressions compiled to interval programs (functions of :class:`~.arithmetic.Iv`).

Supported: ``+ - * /``, integer and rational powers, ``sqrt exp log sin cos tan asin acos atan
sinh cosh tanh erf erfc Abs sign Min Max``, ``Piecewise`` with relational conditions, the
constants ``pi``, ``E`` and rationals, and one-dimensional ``Integral``s with finite limits
(which may depend on the variables). :func:`normal_cdf` and :func:`normal_pdf` give the standard
normal distribution in these terms.

An integral is first rescaled to ``[0, 1]`` (``int_a^b f(t) dt = (b - a) int_0^1 f(a + (b - a) s)
ds``), so its derivatives with respect to the variables are integrals again (SymPy) and the
prover gets derivative enclosures for it like for any other expression. It is enclosed by the
composite midpoint rule with its remainder, ``h f(m) + (h^3/24) f''(piece)`` on each of ``n``
pieces (``f''`` enclosed on the piece), ``n`` doubled (up to :data:`MAX_PIECES`) while the
remainder dominates the width of the enclosure; where ``f''`` is not finite a piece is enclosed
by ``h f(piece)``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import flint
import sympy
from flint import arb, fmpq

from .arithmetic import HELPERS, Iv, _add, _from_arb, _mul, _point


class UnsupportedExpressionError(ValueError):
    """A SymPy expression contains a node the interval compiler cannot enclose rigorously."""


def normal_pdf(x: Any) -> sympy.Expr:
    """The standard normal density, as a SymPy expression the compiler encloses."""
    return sympy.exp(-sympy.sympify(x) ** 2 / 2) / sympy.sqrt(2 * sympy.pi)


def normal_cdf(x: Any) -> sympy.Expr:
    """The standard normal distribution function ``(1 + erf(x / sqrt 2)) / 2``."""
    return (1 + sympy.erf(sympy.sympify(x) / sympy.sqrt(2))) / 2


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
    sympy.erf: "_erf",
    sympy.erfc: "_erfc",
}

#: node types after which derivative-based refinements are unsound (kinks or jumps)
NONSMOOTH = (sympy.Abs, sympy.sign, sympy.Min, sympy.Max, sympy.Piecewise)

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
        self._integrators: list[_Integrator] = []
        for i, v in enumerate(self.variables):
            self._memo[v] = f"x{i}"
        outs = [self._emit(e) for e in self.exprs]
        args = ", ".join(f"x{i}" for i in range(len(self.variables)))
        body = "\n".join("    " + ln for ln in self._lines) or "    pass"
        src = f"def _prog(_K, {args}):\n{body}\n    return [{', '.join(outs)}]\n"
        ns: dict[str, Any] = dict(HELPERS)
        ns.update({f"_I{i}": integ for i, integ in enumerate(self._integrators)})
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
        if isinstance(e, sympy.Integral):
            return self._integral(e)
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
            "powers, sqrt, exp, log, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, erf, "
            "erfc, Abs, sign, Min, Max, Piecewise with relational conditions, pi, E, rationals, "
            "Integral with finite limits"
        )

    def _integral(self, e: sympy.Integral) -> str:
        e = _unit_integral(e)
        (s, _, _), = e.limits
        outer = [v for v in self.variables if v in e.function.free_symbols]
        stray = e.function.free_symbols - set(outer) - {s}
        if stray:
            raise UnsupportedExpressionError(f"free symbols {stray} of {e} are not variables")
        integ = _Integrator(e.function, s, outer)
        self._integrators.append(integ)
        args = ", ".join(self._emit(v) for v in outer)
        return self._tmp(f"_I{len(self._integrators) - 1}({args})")

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
    prog = _Program([prepare(sympy.sympify(expr), syms)], syms)

    def fn(*balls: Any) -> arb:
        xs = [_from_arb(b if isinstance(b, arb) else arb(b)) for b in balls]
        return prog(xs)[0].hull()

    fn.__doc__ = f"Arb enclosure of {expr}"
    return fn




def prepare(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> sympy.Expr:
    """The expression bound to ``variables`` by name, integrals rescaled to ``[0, 1]``."""
    e = _bind(expr, variables)
    if e.has(sympy.Integral):
        e = e.replace(lambda x: isinstance(x, sympy.Integral), _unit_integral)
    return e


def _unit_integral(e: sympy.Integral) -> sympy.Integral:
    """``int_a^b f(t) dt`` as ``(b - a) int_0^1 f(a + (b - a) s) ds`` (a one-variable integral
    with finite limits; anything else is refused)."""
    if len(e.limits) != 1 or len(e.limits[0]) != 3:
        raise UnsupportedExpressionError(f"only one-variable definite integrals: {e}")
    t, a, b = e.limits[0]
    if a.has(sympy.oo, -sympy.oo, sympy.zoo) or b.has(sympy.oo, -sympy.oo, sympy.zoo):
        raise UnsupportedExpressionError(
            f"integral with an infinite limit: {e}; split off the tail and bound it (a lemma)"
        )
    if a == 0 and b == 1:
        return e
    s = sympy.Dummy("s", real=True)
    return sympy.Integral((b - a) * e.function.xreplace({t: a + (b - a) * s}), (s, 0, 1))


#: most pieces of the composite midpoint rule for one integral enclosure
MAX_PIECES = 128
_FIRST_PIECES = 4


class _Integrator:
    """Encloses ``int_0^1 f(s, y) ds`` for intervals ``y`` (see the module docstring)."""

    def __init__(self, f: sympy.Expr, s: sympy.Symbol, outer: Sequence[sympy.Symbol]) -> None:
        self.f = _Program([f], [s, *outer])
        self.f2 = _Program([sympy.diff(f, s, 2)], [s, *outer])

    def __call__(self, *ys: Iv) -> Iv:
        n = _FIRST_PIECES
        while True:
            total, rem_width, mid_width = self._rule(n, ys)
            if n >= MAX_PIECES or not total.finite() or rem_width <= mid_width:
                return total
            n *= 2

    def _rule(self, n: int, ys: Sequence[Iv]) -> tuple[Iv, float, float]:
        h = fmpq(1, n)
        hb = _point(arb(h))
        rem_coef = _point(arb(h**3 / 24))
        total = _point(arb(0))
        rem_width = mid_width = 0.0
        for k in range(n):
            m = _point(arb(fmpq(2 * k + 1, 2 * n)))
            piece = Iv(arb(k * h), arb((k + 1) * h))
            mid = _mul(hb, self.f([m, *ys])[0])
            curv = self.f2([piece, *ys])[0]
            if curv.finite():
                rem = _mul(rem_coef, curv)
                part = _add(mid, rem)
                rem_width += _width(rem)
                mid_width += _width(mid)
            else:  # no second derivative here: the range of f on the piece
                part = _mul(hb, self.f([piece, *ys])[0])
                rem_width += _width(part)
            total = _add(total, part)
        return total, rem_width, mid_width


def _width(a: Iv) -> float:
    if not a.finite():
        return float("inf")
    return float((a.hi - a.lo).mid()) + float(a.hi.rad()) + float(a.lo.rad())
