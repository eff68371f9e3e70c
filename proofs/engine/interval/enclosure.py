"""Enclosures of a slack on a box: the slack's model, monotone reduction, mean-value forms.

A :class:`_Model` evaluates the slack: a SymPy expression compiled with its gradient (and its
Hessian, on demand), or a user function of Arb balls. A user function gets derivative
enclosures too, by evaluating it on first-order Arb power series (``flint.arb_series``, one
per variable): it must then use Arb operations that series support (``+ - * /``, ``sin``,
``exp``, ``erf``, ...); where it does not (or raises), it gets natural enclosures only.

:func:`_enclose_lower` gives the best certified lower bound of the slack on a box: the natural
enclosure, the slack at the vertex monotonicity reduces the box to (never towards the limit end
``u = 0`` of a transformed side), and a mean-value form. Only a *finite* lower endpoint is ever
used as a bound.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import flint
import sympy
from flint import arb, arb_series, fmpq

from .arithmetic import Iv, _add, _from_arb, _is_pt, _mul, _nan, _point, _sub
from .boxes import Box, _centre, _End, _precision
from .compiler import NONSMOOTH, _Program, prepare

_ENCLOSURE = "enclosure"
_EXACT_VERTEX = "exact vertex value"


def _is_exact_zero(e: sympy.Expr) -> bool:
    e = sympy.sympify(e)
    if e == 0 or e.is_zero is True:
        return True
    s = sympy.simplify(e)
    return bool(s == 0 or s.is_zero is True)


class _Model:
    """Evaluation of the slack: compiled SymPy (with derivatives) or a user Arb function."""

    def __init__(self, slack: Any, syms: list[sympy.Symbol]) -> None:
        self.syms = syms
        self.n = len(syms)
        self.expr: sympy.Expr | None = None
        self.smooth = False
        self._fg: Callable[[Sequence[Iv]], list[Iv]] | None = None
        self._h: _Program | None = None
        self._hess_index: dict[tuple[int, int], int] = {}
        self.user: Callable[..., arb] | None = None
        if isinstance(slack, sympy.Basic) or isinstance(slack, (int, Fraction)):
            self.expr = prepare(sympy.sympify(slack), syms)
            self.f = _Program([self.expr], syms)
            self.smooth = not self.expr.has(*NONSMOOTH)
            if self.smooth:
                self.grad = [sympy.diff(self.expr, v) for v in syms]
                self._fg = _Program([self.expr, *self.grad], syms)
        elif callable(slack):
            self.user = slack
            self._fg = self._user_jets
        else:
            raise TypeError("slack must be a SymPy expression or a function of Arb balls")

    @property
    def name(self) -> str:
        if self.expr is not None:
            return str(self.expr)
        return getattr(self.user, "__name__", repr(self.user))

    @property
    def fg(self) -> Callable[[Sequence[Iv]], list[Iv]] | None:
        """Value and gradient enclosures on a box (None: value only)."""
        return self._fg

    def value(self, xs: Sequence[Iv]) -> Iv:
        if self.user is not None:
            try:
                return _from_arb(self.user(*(x.hull() for x in xs)))
            except (ValueError, ZeroDivisionError, TypeError):
                return _nan()
        return self.f(xs)[0]

    def _user_jets(self, xs: Sequence[Iv]) -> list[Iv]:
        """Value and derivative enclosures of a user Arb function from first-order jets."""
        assert self.user is not None
        balls = [x.hull() for x in xs]
        out = [self.value(xs)]
        try:
            for i in range(self.n):
                args = [arb_series([b, 1] if j == i else [b], prec=2) for j, b in enumerate(balls)]
                jet = self.user(*args)
                coeffs = jet.coeffs() if isinstance(jet, arb_series) else []
                out.append(_from_arb(coeffs[1]) if len(coeffs) > 1 else _point(arb(0)))
        except (TypeError, AttributeError, ValueError, ZeroDivisionError):
            self._fg = None  # the function does not take series: natural enclosures only
            return [out[0]] + [_nan()] * self.n
        return out

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


#: width of the thin interval that stands for a limit end (u = 0 of a transformed side)
_THIN = fmpq(1, 2**64)


def _thin(end: Iv) -> Iv:
    return Iv(end.lo, end.lo + arb(_THIN))


def _is_thin(a: Iv) -> bool:
    return not _is_pt(a) and bool((a.hi - a.lo) <= arb(_THIN))


def _enclose_lower(
    prog: Callable[[Sequence[Iv]], list[Iv]],
    xs: list[Iv],
    ends: Sequence[tuple[Iv, Iv]],
    bx: Box,
    with_grad: bool,
    limit: Sequence[bool] = (),
) -> tuple[arb | None, list[Iv]]:
    """Best certified lower bound of ``prog(...)[0]`` over the box ``xs`` (None if none is
    finite), using monotone reduction and a mean-value form when ``prog`` also returns the
    gradient. ``limit[i]``: the box's lower end in variable ``i`` is a limit at infinity (never
    reduced to). Returns the bound and the reduced box (a vertex when fully reduced)."""
    vals = prog(xs)
    cands = [vals[0]]
    cur = list(xs)
    n = len(xs)
    at_limit = list(limit) if limit else [False] * n
    if with_grad:
        grads = vals[1:]
        for _ in range(n):
            changed = False
            nxt = list(cur)
            for i in range(n):
                if _is_pt(cur[i]):
                    continue
                if grads[i].lo >= 0 and at_limit[i]:
                    # towards a limit at infinity: the infimum is the limit, enclosed on a thin
                    # interval at the end (the end itself is not a point of the domain)
                    if not _is_thin(cur[i]):
                        nxt[i] = _thin(ends[i][0])
                        changed = True
                elif grads[i].lo >= 0:
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
        thin = any(_is_thin(c) for c in cur)  # the mean-value form needs the whole side
        if grads and not thin and all(g.finite() for g in grads) and not all(_is_pt(c) for c in cur):
            c = _centre(cur, bx)
            mv = prog(c)[0]
            for i in range(n):
                if not _is_pt(cur[i]):
                    mv = _add(mv, _mul(grads[i], _sub(cur[i], c[i])))
            cands.append(mv)
    best: arb | None = None
    for cand in cands:
        if not cand.lo.is_finite():
            continue
        lo = cand.lo.lower()
        if best is None or lo > best:
            best = lo
    return best, cur


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
