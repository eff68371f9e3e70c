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


def loss_gradient(w: Any, w_star: Any, k: Any, convention: str = "eq6") -> np.ndarray:
    """grad_w f(w) (Lemma 5.1, eq. 13 for ``"eq6"``); undefined where theta(w, w*) is 0 or pi."""
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    w_arr, s_arr, kk, mp = prepare(w, w_star, k)
    th = np.atleast_1d(angle(w_arr, s_arr))
    pi = mpmath.pi if mp else np.pi
    if any(t == 0 or t == pi for t in th):
        raise UndefinedGradientError(
            "the gradient of f is undefined where theta(w, w*) = 0 or pi (w parallel to w*): "
            "f = c*theta has a kink there"
        )
    return _combine(model().gradient[convention], w_arr, s_arr, kk, mp)


def expected_coarse_gradient(w: Any, w_star: Any, k: Any, reading: str = "entrywise") -> np.ndarray:
    """E_Z[g(w, Z)] of eq. (9) (Lemma 5.1, eq. 14); both readings of eq. (9) agree."""
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {READINGS}, got {reading!r}")
    w_arr, s_arr, kk, mp = prepare(w, w_star, k)
    return _combine(model().coarse_gradient[reading], w_arr, s_arr, kk, mp)
