"""Interval arithmetic on pairs of Arb balls: what the compiled interval programs compute with.

An :class:`Iv` is ``[lo, hi]``: ``lo`` an Arb ball containing the lower endpoint of the range,
``hi`` one containing the upper endpoint (a point is ``Iv(b, b)``, the same object), so exact
endpoints (``sin 0 = 0``) stay exact and elementary functions are evaluated on their monotone
pieces. Outside a function's domain the result is indeterminate (NaN), never a pass.

Unbounded intervals: ``1/[0, b]`` (``b > 0``) is ``[1/b, +oo]`` (and ``1/[a, 0]`` is
``[-oo, 1/a]``), so that a variable mapped to infinity by a stated transformation (``x = c/u``,
``u`` in ``(0, 1]``) still gets a lower bound; the monotone functions take their limits at
infinite endpoints (``erf(+oo) = 1``, ``exp(-oo) = 0``). An enclosure is only ever used through
a *finite* endpoint, so an infinite or indeterminate one never closes a box by itself.

Comparisons are three-valued: ``True``, ``False``, ``None`` (undecided).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from flint import arb, fmpq


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


def _is_exact_zero(b: arb) -> bool:
    return bool(b.is_zero() and b.rad() == 0)


def _inv(a: Iv) -> Iv:
    if _is_pt(a):
        if a.lo > 0 or a.lo < 0:
            return _point(1 / a.lo)
        return _nan()
    if a.lo > 0 or a.hi < 0:
        return Iv(1 / a.hi, 1 / a.lo)
    if _is_exact_zero(a.lo) and a.hi > 0:  # 1/(0, b] = [1/b, +oo)
        return Iv(1 / a.hi, arb.pos_inf())
    if _is_exact_zero(a.hi) and a.lo < 0:  # 1/[a, 0) = (-oo, 1/a]
        return Iv(arb.neg_inf(), 1 / a.lo)
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


def _with_limits(
    fn: Callable[[arb], arb],
    at_pos: Callable[[], arb],
    at_neg: Callable[[], arb],
    bounds: tuple[int, int] | None = None,
) -> Callable[[arb], arb]:
    """``fn`` extended by its limits at +-oo (Arb returns NaN or [+-inf] there); a bounded
    function (range within ``bounds``) maps any other infinite ball into its range."""

    def ext(x: arb) -> arb:
        if not x.is_finite() and not x.is_nan():
            if x > 0:
                return at_pos()
            if x < 0:
                return at_neg()
            if bounds is not None:
                return arb(bounds[0]).union(arb(bounds[1]))
        return fn(x)

    return ext


_POS_INF, _NEG_INF = arb.pos_inf, arb.neg_inf
_ONE, _ZERO, _TWO = (lambda: arb(1)), (lambda: arb(0)), (lambda: arb(2))
_sqrt_ext = _with_limits(arb.sqrt, _POS_INF, arb.nan)
_log_ext = _with_limits(arb.log, _POS_INF, arb.nan)
_exp_ext = _with_limits(arb.exp, _POS_INF, _ZERO)
_atan_ext = _with_limits(arb.atan, lambda: arb.pi() / 2, lambda: -arb.pi() / 2, (-2, 2))
_sinh_ext = _with_limits(arb.sinh, _POS_INF, _NEG_INF)
_tanh_ext = _with_limits(arb.tanh, _ONE, lambda: arb(-1), (-1, 1))
_cosh_ext = _with_limits(arb.cosh, _POS_INF, _POS_INF)
_erf_ext = _with_limits(arb.erf, _ONE, lambda: arb(-1), (-1, 1))
_erfc_ext = _with_limits(arb.erfc, _ZERO, _TWO, (0, 2))


def _sqrt(a: Iv) -> Iv:
    if not a.lo >= 0:
        return _nan()
    return _mono_inc(a, _sqrt_ext)


def _log(a: Iv) -> Iv:
    if not a.lo > 0:
        return _nan()
    return _mono_inc(a, _log_ext)


def _exp(a: Iv) -> Iv:
    return _mono_inc(a, _exp_ext)


def _atan(a: Iv) -> Iv:
    return _mono_inc(a, _atan_ext)


def _sinh(a: Iv) -> Iv:
    return _mono_inc(a, _sinh_ext)


def _tanh(a: Iv) -> Iv:
    return _mono_inc(a, _tanh_ext)


def _cosh(a: Iv) -> Iv:
    return _even(a, _cosh_ext)


def _erf(a: Iv) -> Iv:
    return _mono_inc(a, _erf_ext)


def _erfc(a: Iv) -> Iv:
    return _mono_dec(a, _erfc_ext)


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
        if a.lo.is_nan() or a.hi.is_nan():  # undefined input: stays undefined
            return _nan()
        return Iv(arb(-1), arb(1))  # a wide or unbounded (but real) interval
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


#: the operations a compiled program calls, by the names the compiler emits
HELPERS: dict[str, Any] = {
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
    "_erf": _erf,
    "_erfc": _erfc,
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
