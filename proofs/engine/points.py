"""Points: exact conversion to mpmath, deep copies, and full-precision decimal strings.

A point is a ``dict[str, Any]`` of scalars, 1-d numpy arrays, lists/tuples and nested dicts (run
specs). Conversion to mpmath is exact for binary floats (a float64 *is* a dyadic rational);
decimal strings are parsed at the working precision. Integers, booleans and non-numeric strings
are left as they are (integers are exact in mpmath arithmetic and may be used as sizes).

A coordinate may also be an :class:`ExactValue` (``pi/2``: an end point of a declared range that
no binary float reaches): it becomes an ``mpf`` at the working precision in :func:`to_mp`, the
nearest float in float64, and prints as written.

:func:`to_strings` writes a point as decimal strings (how a verdict stores its counterexample);
:func:`from_strings` reads such a point back.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import mpmath
import numpy as np
import sympy

from .claim import Point


class ExactValue:
    """An exact real number as a point coordinate (``ExactValue("pi/2")``).

    ``float(x)`` is the nearest float; :meth:`mp` (and ``mpmath.mpf(x)``) the value at the
    current mpmath precision; ``str(x)`` the exact expression. Immutable."""

    __slots__ = ("expr", "_float", "_mp")

    def __init__(self, value: Any) -> None:
        expr = value.expr if isinstance(value, ExactValue) else sympy.sympify(value, rational=True)
        if not (expr.is_number and expr.is_real is not False) or expr.has(sympy.oo, sympy.zoo):
            raise ValueError(f"not a finite real constant: {value!r}")
        self.expr = expr
        self._float = float(sympy.N(expr, 30))
        self._mp: dict[int, mpmath.mpf] = {}

    def __float__(self) -> float:
        return self._float

    def mp(self) -> mpmath.mpf:
        """The value at the current mpmath working precision (computed with guard digits)."""
        prec = mpmath.mp.prec
        v = self._mp.get(prec)
        if v is None:
            dps = mpmath.mp.dps + 10
            with mpmath.workdps(dps):
                exact = mpmath.mpf(sympy.N(self.expr, dps)._to_mpmath(mpmath.mp.prec))
            v = self._mp[prec] = +exact
        return v

    @property
    def _mpf_(self) -> tuple[Any, ...]:  # lets mpmath convert it: mpmath.mpf(x), mpf + x
        return self.mp()._mpf_

    def __repr__(self) -> str:
        return f"ExactValue({str(self.expr)!r})"

    def __str__(self) -> str:
        return str(self.expr)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExactValue) and bool(self.expr == other.expr)

    def __hash__(self) -> int:
        return hash(self.expr)

    def __copy__(self) -> ExactValue:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> ExactValue:
        return self


def _mp_scalar(x: Any) -> Any:
    if isinstance(x, ExactValue):
        return x.mp()
    if isinstance(x, bool | int | np.bool_):
        return x
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, mpmath.mpf):
        return +x
    if isinstance(x, float | np.floating):
        return mpmath.mpf(float(x))  # exact: 53-bit mantissa fits any working precision >= 53 bits
    if isinstance(x, str):
        try:
            return mpmath.mpf(x)  # parsed at the working precision
        except (ValueError, TypeError):
            return x
    return x


def to_mp(value: Any) -> Any:
    """Convert a point (or any value in one) to mpmath at the current working precision.

    Call inside ``with B.context():`` so that strings are parsed at the backend's precision.
    Float arrays become ``object`` arrays of ``mpf``; integer arrays are left exact.
    """
    if isinstance(value, dict):
        return {k: to_mp(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "iub":
            return value.copy()
        flat = [to_mp(v) for v in value.ravel()]
        out = np.empty(len(flat), dtype=object)
        out[:] = flat
        return out.reshape(value.shape)
    if isinstance(value, list):
        return [to_mp(v) for v in value]
    if isinstance(value, tuple):
        return tuple(to_mp(v) for v in value)
    return _mp_scalar(value)


def copy_point(point: Point) -> Point:
    """A deep copy (the search keeps points after Hypothesis has moved on)."""
    return copy.deepcopy(point)


def scalar_str(x: Any, digits: int = 50) -> str:
    """A scalar at full precision: ``repr`` for floats (shortest exact round-trip),
    ``mpmath.nstr(x, 50)`` for mpf."""
    if isinstance(x, ExactValue):
        return str(x)
    if isinstance(x, mpmath.mpf):
        return mpmath.nstr(x, digits, strip_zeros=False) if mpmath.isfinite(x) else str(x)
    if isinstance(x, mpmath.mpc):
        return mpmath.nstr(x, digits)
    if isinstance(x, bool | np.bool_):
        return str(bool(x))
    if isinstance(x, np.floating):
        return repr(float(x))
    if isinstance(x, np.integer):
        return str(int(x))
    if isinstance(x, float):
        return repr(x)
    return str(x)


def to_strings(value: Any, digits: int = 50) -> Any:
    """Every coordinate as a decimal string at full precision; vectors as lists of strings."""
    if isinstance(value, dict):
        return {str(k): to_strings(v, digits) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return scalar_str(value.item(), digits)
        return [to_strings(v, digits) for v in value.tolist()] if value.ndim > 1 else [
            scalar_str(v, digits) for v in value.ravel()
        ]
    if isinstance(value, list | tuple):
        return [to_strings(v, digits) for v in value]
    return scalar_str(value, digits)


#: Digits at which :func:`from_strings` parses a decimal string that is not a float64: more than
#: the 100-digit confirmation uses, so that the value survives to every working precision.
PARSE_DPS = 120

_INT = re.compile(r"[+-]?[0-9]+")


def _scalar_from_string(s: str) -> Any:
    if _INT.fullmatch(s):
        return int(s)
    if s in ("True", "False"):
        return s == "True"
    if s == "None":
        return None
    try:
        f = float(s)
    except ValueError:
        return _exact_or_label(s)
    if repr(f) == s or s in ("inf", "-inf", "nan"):
        return f  # written by repr(float): exactly this float64
    with mpmath.workdps(PARSE_DPS):
        return mpmath.mpf(s)


#: what an exact coordinate's text may contain: numbers, operators and these names (report files
#: are read back with this: nothing else reaches SymPy's parser, which evaluates Python)
_EXACT_TEXT = re.compile(r"[0-9a-z+\-*/() ]+")
_EXACT_NAMES = frozenset({"pi", "sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan"})


def _exact_or_label(s: str) -> Any:
    """An exact value written by :func:`scalar_str` (``"pi/2"``, ``"sqrt(2)/3"``: a finite real
    constant) as an :class:`ExactValue`; anything else (``"l1"``, ``"tl1"``) is a label."""
    if not _EXACT_TEXT.fullmatch(s) or not set(re.findall(r"[a-z]+", s)) <= _EXACT_NAMES:
        return s
    try:
        expr = sympy.sympify(s, rational=True)
    except (sympy.SympifyError, SyntaxError, TypeError, ValueError):
        return s
    if isinstance(expr, sympy.Expr) and not expr.free_symbols and expr.is_real and expr.is_finite:
        return ExactValue(expr)
    return s


def _array(items: list[Any]) -> np.ndarray:
    if all(isinstance(x, np.ndarray) for x in items):
        kinds = {x.dtype for x in items}
        if len(kinds) == 1 and len({x.shape for x in items}) == 1:
            return np.stack(items)
        rows = [x.astype(object) for x in items]
        return np.array(rows, dtype=object)
    if all(isinstance(x, bool) for x in items):
        return np.array(items, dtype=bool)
    if all(isinstance(x, int) and not isinstance(x, bool) for x in items):
        return np.array(items, dtype=np.int64)
    if all(isinstance(x, float) for x in items):
        return np.array(items, dtype=float)
    out = np.empty(len(items), dtype=object)
    out[:] = items  # mpf and exact floats: to_mp converts both without loss
    return out


def from_strings(value: Any) -> Any:
    """Read back a point written by :func:`to_strings` (e.g. a verdict's ``counterexample``).

    * a string of digits is an ``int`` (``k``, ``T``; floats are always written with a point or
      an exponent); ``"True"``/``"False"``/``"None"`` are ``bool``/``None``;
    * a string that is the ``repr`` of a float64 is that float (exact);
    * any other decimal string (a 50-digit mpf) is an ``mpf`` parsed at :data:`PARSE_DPS`
      digits, so the 50/100-digit confirmation sees its full precision;
    * a non-numeric string (a label such as ``"l1"``) is left as it is;
    * a list of scalars is a 1-d numpy array: ``float64`` if every entry is a float64, ``int64``
      if every entry is an int, else an ``object`` array (of ``mpf`` and floats); a list of such lists a
      2-d array; a list of anything else (dicts) stays a list;
    * a dict is read entry by entry.

    ``confirm(claim, from_strings(v.counterexample))`` replays a stored counterexample.
    """
    if isinstance(value, dict):
        return {k: from_strings(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [from_strings(v) for v in value]
        if items and all(
            isinstance(x, np.ndarray | bool | int | float | mpmath.mpf) for x in items
        ) and (
            all(isinstance(x, np.ndarray) for x in items)
            or not any(isinstance(x, np.ndarray) for x in items)
        ):
            return _array(items)
        return items
    if isinstance(value, str):
        return _scalar_from_string(value)
    return value
