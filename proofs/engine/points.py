"""Points: exact conversion to mpmath, deep copies, and full-precision decimal strings.

A point is a ``dict[str, Any]`` of scalars, 1-d numpy arrays, lists/tuples and nested dicts (run
specs). Conversion to mpmath is exact for binary floats (a float64 *is* a dyadic rational);
decimal strings are parsed at the working precision. Integers, booleans and non-numeric strings
are left as they are (integers are exact in mpmath arithmetic and may be used as sizes).
"""

from __future__ import annotations

import copy
from typing import Any

import mpmath
import numpy as np

from .claim import Point


def _mp_scalar(x: Any) -> Any:
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
