"""Input checks shared by the algorithm modules: bad input raises ValueError naming the condition."""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np

PENALTIES = ("l0", "l1", "tl1")


def is_object(x: Any) -> bool:
    """True for numpy object arrays (mpmath path)."""
    return isinstance(x, np.ndarray) and x.dtype == object


def all_finite(x: Any) -> bool:
    """Every entry finite (float arrays, object arrays of mpf, scalars)."""
    arr = np.asarray(x, dtype=object) if not isinstance(x, np.ndarray) else x
    if arr.dtype == object:
        return all(mpmath.isfinite(mpmath.mpf(v)) for v in arr.ravel())
    return bool(np.all(np.isfinite(arr)))


def check_finite(name: str, x: Any) -> None:
    if not all_finite(x):
        raise ValueError(f"{name} has non-finite values")


def _as_check_array(x: Any) -> np.ndarray:
    arr = np.asarray(x, dtype=object) if is_object(x) else np.asarray(x, dtype=float)
    return arr


def check_positive(name: str, x: Any, symbol: str | None = None) -> None:
    """Raise ``ValueError("<symbol> <= 0 ...")`` unless every entry of x is finite and > 0."""
    sym = symbol or name
    check_finite(name, x)
    arr = _as_check_array(x)
    if any(v <= 0 for v in np.ravel(arr)):
        raise ValueError(f"{sym} <= 0: {name} must be > 0")


def check_nonnegative(name: str, x: Any, symbol: str | None = None) -> None:
    """Raise ``ValueError("<symbol> < 0 ...")`` unless every entry of x is finite and >= 0."""
    sym = symbol or name
    check_finite(name, x)
    arr = _as_check_array(x)
    if any(v < 0 for v in np.ravel(arr)):
        raise ValueError(f"{sym} < 0: {name} must be >= 0")


def check_penalty(penalty: str) -> None:
    if penalty not in PENALTIES:
        raise ValueError(f"unknown penalty {penalty!r}: expected one of {PENALTIES}")
