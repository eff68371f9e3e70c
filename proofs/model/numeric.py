"""Numeric functions generated from the SymPy derivation (float64 batches and mpmath).

Each quantity is ``coeff_w(k, r, theta) * w^ + coeff_s(k, r, theta) * s^`` with the coefficients
lambdified from :func:`proofs.model.derivation.model`; nothing here restates a formula.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from .derivation import CONVENTIONS, Coefficients, k, model, r
from .gaussian import theta
from .geometry import angle, norm, unit
from .validation import UndefinedGradientError, prepare

READINGS = ("entrywise", "scalar")
_ARGS = (k, r, theta)


@cache
def _compiled(expr: sp.Expr, backend: str) -> Callable[..., Any]:
    return sp.lambdify(_ARGS, expr, modules="numpy" if backend == "numpy" else "mpmath")


def _eval(expr: sp.Expr, kk: Any, rr: Any, th: Any, mp: bool) -> Any:
    if not mp:
        return np.asarray(_compiled(expr, "numpy")(kk, rr, th), dtype=float) * np.ones_like(th)
    fn = _compiled(expr, "mpmath")
    if np.ndim(th) == 0:
        return fn(mpmath.mpf(int(kk)) if np.ndim(kk) == 0 else kk, rr, th)
    ks = np.broadcast_to(np.asarray(kk, dtype=object), np.shape(th))
    return np.array(
        [fn(mpmath.mpf(int(a)), b, c) for a, b, c in zip(ks, np.ravel(rr), np.ravel(th), strict=True)],
        dtype=object,
    )


def _combine(c: Coefficients, w: np.ndarray, s: np.ndarray, kk: Any, mp: bool) -> np.ndarray:
    rr, th = norm(w), angle(w, s)
    if np.ndim(th) == 0 and np.ndim(kk) == 1:
        raise ValueError("a batch of k needs a batch of w")
    a = _eval(c.coeff_w, kk, rr, th, mp)
    b = _eval(c.coeff_s, kk, rr, th, mp)
    w_hat, s_hat = unit(w), unit(s)
    if np.ndim(a) == 0:
        return a * w_hat + b * s_hat
    return a[:, None] * w_hat + b[:, None] * s_hat


def population_loss(w: Any, w_star: Any, k: Any, convention: str = "eq6") -> Any:
    """f(w) = E_Z[(h(w,Z) - h(w*,Z))^2] (``"eq3"``) or E_Z[l(w,Z)] of eq. (6) (``"eq6"``)."""
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    w_arr, s_arr, kk, mp = prepare(w, w_star, k)
    th = angle(w_arr, s_arr)
    return _eval(model().loss[convention], kk, norm(w_arr), th, mp)


@cache
def _gradient_magnitude(c: Coefficients) -> sp.Expr:
    """grad f = coeff_w w^ + coeff_s s^ with coeff_w = -cos(theta) coeff_s (derived), i.e.
    grad f = (coeff_s sin theta) e, e = (I - w^w^T)s^ / |(I - w^w^T)s^|. Returns coeff_s sin theta."""
    if sp.simplify(c.coeff_w + c.coeff_s * sp.cos(theta)) != 0:
        raise AssertionError("derived gradient is not along (I - w^w^T)s^")
    return sp.simplify(c.coeff_s * sp.sin(theta))


def _orthogonal_direction(w_hat: np.ndarray, s_hat: np.ndarray) -> tuple[np.ndarray, Any]:
    """(I - w^w^T)s^ by Gram-Schmidt applied twice (stable when s^ is nearly parallel to w^)."""
    p = s_hat
    for _ in range(2):
        p = p - (w_hat * p).sum(axis=-1, keepdims=True) * w_hat
    return p, norm(p)


def loss_gradient(w: Any, w_star: Any, k: Any, convention: str = "eq6") -> np.ndarray:
    """grad_w f(w) (Lemma 5.1, eq. 13 for ``"eq6"``); undefined where theta(w, w*) is 0 or pi.

    Computed as (derived magnitude) x unit((I - w^w^T) s^), so its norm and its orthogonality to w
    are accurate at any angle; its direction is as accurate as the inputs determine it
    (relative error ~ unit roundoff / sin theta). Exactly parallel inputs raise
    :class:`UndefinedGradientError`.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    w_arr, s_arr, kk, mp = prepare(w, w_star, k)
    w_hat, s_hat = unit(w_arr), unit(np.broadcast_to(s_arr, w_arr.shape) if s_arr.ndim < w_arr.ndim else s_arr)
    th = angle(w_arr, s_arr)
    p, p_norm = _orthogonal_direction(w_hat, s_hat)
    pi = mpmath.pi if mp else np.pi
    if any(t == 0 or t == pi for t in np.atleast_1d(th)) or np.any(np.atleast_1d(p_norm) == 0):
        raise UndefinedGradientError(
            "the gradient of f is undefined where theta(w, w*) = 0 or pi (w parallel to w*): "
            "f = c*theta has a kink there"
        )
    mag = _eval(_gradient_magnitude(model().gradient[convention]), kk, norm(w_arr), th, mp)
    e = p / (p_norm[..., None] if np.ndim(p_norm) else p_norm)
    return mag * e if np.ndim(mag) == 0 else mag[:, None] * e


def expected_coarse_gradient(w: Any, w_star: Any, k: Any, reading: str = "entrywise") -> np.ndarray:
    """E_Z[g(w, Z)] of eq. (9) (Lemma 5.1, eq. 14); both readings of eq. (9) agree."""
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {READINGS}, got {reading!r}")
    w_arr, s_arr, kk, mp = prepare(w, w_star, k)
    return _combine(model().coarse_gradient[reading], w_arr, s_arr, kk, mp)
