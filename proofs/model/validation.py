"""Input checks for the model's numeric API: clear errors, never a silent NaN."""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np

from .geometry import is_mp


class UndefinedGradientError(ValueError):
    """The gradient of f is undefined where theta(w, w*) is 0 or pi (f has a kink there)."""


def as_vectors(x: Any, name: str, mp: bool) -> np.ndarray:
    """``x`` as a (d,) or (B, d) array: float64, or object array of mpf when ``mp``."""
    if mp:
        arr = np.asarray(x, dtype=object)
        flat = [v if isinstance(v, mpmath.mpf) else mpmath.mpf(v) for v in arr.ravel()]
        arr = np.array(flat, dtype=object).reshape(arr.shape)
    else:
        try:
            arr = np.asarray(x, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be a numeric vector: {exc}") from exc
    if arr.ndim not in (1, 2) or arr.shape[-1] == 0:
        raise ValueError(f"{name} must have shape (d,) or (B, d) with d >= 1, got shape {arr.shape}")
    finite = (
        all(mpmath.isfinite(v) for v in arr.ravel()) if mp else bool(np.all(np.isfinite(arr)))
    )
    if not finite:
        raise ValueError(f"{name} has non-finite entries (nan or inf)")
    zero = np.all(arr == 0, axis=-1)
    if np.any(zero):
        raise ValueError(f"{name} must be non-zero: got the zero vector")
    return arr


def as_patch_count(k: Any) -> Any:
    """k, the number of patches: an integer >= 1 (or a (B,) array of them)."""
    arr = np.asarray(k)
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"k must be an integer >= 1 (number of patches), got {k!r}")
    if not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)) or np.any(arr < 1):
        raise ValueError(f"k must be an integer >= 1 (number of patches), got {k!r}")
    return int(arr) if arr.ndim == 0 else arr.astype(int)


def prepare(w: Any, w_star: Any, k: Any) -> tuple[np.ndarray, np.ndarray, Any, bool]:
    """Validate (w, w*, k); choose mpmath if either vector holds mpmath numbers."""
    mp = is_mp(w) or is_mp(w_star)
    w_arr = as_vectors(w, "w", mp)
    s_arr = as_vectors(w_star, "w_star", mp)
    if w_arr.shape[-1] != s_arr.shape[-1]:
        raise ValueError(
            f"dimension mismatch: w has d={w_arr.shape[-1]}, w_star has d={s_arr.shape[-1]}"
        )
    if w_arr.ndim == 2 and s_arr.ndim == 2 and w_arr.shape[0] != s_arr.shape[0]:
        raise ValueError(
            f"batch size mismatch: w has B={w_arr.shape[0]}, w_star has B={s_arr.shape[0]}"
        )
    k_val = as_patch_count(k)
    if np.ndim(k_val) == 1:
        batch = max(w_arr.shape[0] if w_arr.ndim == 2 else 1, s_arr.shape[0] if s_arr.ndim == 2 else 1)
        if k_val.shape[0] != batch or (w_arr.ndim == 1 and s_arr.ndim == 1):
            raise ValueError(f"k of shape {k_val.shape} does not match the batch of w")
    return w_arr, s_arr, k_val, mp
