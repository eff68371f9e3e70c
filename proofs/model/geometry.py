"""Angles and norms, accurate over the whole range, for numpy float64 and mpmath object arrays.

theta(a, b) = 2 * atan2(|a^ - b^|, |a^ + b^|) is accurate near 0 and near pi, where
arccos of the cosine loses half the digits.
"""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np


def is_mp(x: Any) -> bool:
    """True when ``x`` holds any mpmath number (an object array or a list with an mpf)."""
    arr = np.asarray(x, dtype=object) if not isinstance(x, np.ndarray) else x
    if arr.dtype != object:
        return False
    return any(isinstance(v, mpmath.mpf) for v in arr.ravel())


def norm(x: np.ndarray) -> Any:
    """Euclidean norm along the last axis (float64 arrays or mpf object arrays)."""
    if x.dtype == object:
        sq = (x * x).sum(axis=-1)
        if np.ndim(sq) == 0:
            return mpmath.sqrt(sq)
        return np.array([mpmath.sqrt(v) for v in np.ravel(sq)], dtype=object).reshape(np.shape(sq))
    return np.linalg.norm(x, axis=-1)


def unit(x: np.ndarray) -> np.ndarray:
    """x / |x| along the last axis."""
    n = norm(x)
    return x / (n[..., None] if np.ndim(n) else n)


def angle(a: np.ndarray, b: np.ndarray) -> Any:
    """theta(a, b) in [0, pi], along the last axis; accurate near 0 and pi."""
    ua, ub = unit(a), unit(b)
    num, den = norm(ua - ub), norm(ua + ub)
    if ua.dtype == object:
        if np.ndim(num) == 0:
            return 2 * mpmath.atan2(num, den)
        return np.array(
            [2 * mpmath.atan2(n, d) for n, d in zip(np.ravel(num), np.ravel(den), strict=True)],
            dtype=object,
        ).reshape(np.shape(num))
    return 2.0 * np.arctan2(num, den)
