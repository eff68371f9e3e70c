"""Empirical coarse gradient (eq. 9) and empirical loss (eq. 6) over m sampled inputs Z.

Z in R^{k x d} has i.i.d. N(0,1) entries; its rows z_1..z_k are the patches. Eq. (9) is ill-typed
as printed (claims.md); both readings are provided, per sample Z:

* ``"entrywise"``: g = sqrt(2/pi) sum_i z_i s(z_i.w) (s(z_i.w) - s(z_i.w*))
* ``"scalar"``:    g = sqrt(2/pi) (sum_i z_i s(z_i.w)) * sum_j (s(z_j.w) - s(z_j.w*))

Both have expectation E_Z[g] = (k/2pi)(w/|w| - w*/|w*|) (Lemma 5.3, eq. 17); the cross terms of
the scalar reading vanish because P(z.w > 0) = P(z.w* > 0) = 1/2.

Two samplers, equal in distribution:

* ``"naive"`` draws all m*k*d Gaussians.
* ``"projected"``: in each case g = sqrt(2/pi)/m * sum_{patches} c_p z_p with a coefficient c_p
  that depends on z_p only through (z_p.e1, z_p.e2), (e1, e2) an orthonormal basis of
  span(w, w*). Writing z_p = x1 e1 + x2 e2 + r_p, the orthogonal part sum_p c_p r_p given the
  c's is Gaussian in span(e1, e2)^perp with variance sum_p c_p^2 (= the number of contributing
  patches in the entrywise reading), so it is drawn as one Gaussian vector: 2*m*k + d numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from proofs.algorithm._validate import check_finite

READINGS = ("entrywise", "scalar")
METHODS = ("projected", "naive")
_C = np.sqrt(2.0 / np.pi)


def _prepare(w: Any, w_star: Any, k: int, m: int) -> tuple[np.ndarray, np.ndarray, bool]:
    w = np.asarray(w, dtype=float)
    s = np.asarray(w_star, dtype=float)
    check_finite("w", w)
    check_finite("w_star", s)
    single = w.ndim == 1
    w2 = np.atleast_2d(w)
    s2 = np.broadcast_to(np.atleast_2d(s), w2.shape) if s.shape[-1] == w2.shape[-1] else None
    if s2 is None or w2.ndim != 2 or (s.ndim == 2 and s.shape[0] != w2.shape[0]):
        raise ValueError(f"mismatched shapes: w {w.shape}, w_star {s.shape}")
    if np.any(np.all(w2 == 0, axis=-1)):
        raise ValueError("w = 0: the coarse gradient needs a non-zero w")
    if np.any(np.all(s2 == 0, axis=-1)):
        raise ValueError("w_star = 0: the teacher must be non-zero")
    if int(k) != k or k < 1:
        raise ValueError(f"k must be an integer >= 1, got {k!r}")
    if int(m) != m or m < 1:
        raise ValueError(f"m must be an integer >= 1 (samples per gradient), got {m!r}")
    return w2, np.ascontiguousarray(s2), single


def _coefficients(sw: np.ndarray, ss: np.ndarray, reading: str) -> np.ndarray:
    """c_p per patch, shape (B, m, k), from the sign indicators of z.w and z.w*."""
    if reading == "entrywise":
        return (sw & ~ss).astype(float)  # s(a)(s(a) - s(b)) = 1{a > 0, b <= 0}
    if reading == "scalar":
        diff = sw.sum(axis=-1) - ss.sum(axis=-1)  # (B, m)
        return sw * diff[..., None].astype(float)
    raise ValueError(f"reading must be one of {READINGS}, got {reading!r}")


def _basis(w: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """e1 = w^, e2 = unit part of w* orthogonal to w (any unit vector _|_ e1 if w* || w);
    returns (e1, e2, s.e1, s.e2) for the unnormalised w* (signs are scale-free)."""
    e1 = w / np.linalg.norm(w, axis=-1, keepdims=True)
    p = np.einsum("bd,bd->b", s, e1)
    resid = s - p[:, None] * e1
    nr = np.linalg.norm(resid, axis=-1)
    small = nr <= 1e-14 * np.linalg.norm(s, axis=-1)
    if np.any(small):
        # w* parallel to w: take the coordinate axis least aligned with e1, orthogonalised
        idx = np.argmin(np.abs(e1[small]), axis=-1)
        ax = np.zeros_like(e1[small])
        ax[np.arange(ax.shape[0]), idx] = 1.0
        ax -= np.einsum("bd,bd->b", ax, e1[small])[:, None] * e1[small]
        resid[small] = ax
        nr = np.where(small, 0.0, nr)
    e2 = resid / np.linalg.norm(resid, axis=-1, keepdims=True)
    return e1, e2, p, nr


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")


def _sign_patterns(w2: np.ndarray, s2: np.ndarray, k: int, m: int, rng: np.random.Generator,
                   method: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any]:
    """The indicators z_p.w > 0 and z_p.w* > 0, shape (B, m, k), of m sampled inputs Z, the draws
    and the basis: Z itself (B, m, k, d) and None for ``"naive"``; the coordinates (z.e1, z.e2)
    (B, m, k, 2) and (e1, e2) of :func:`_basis` for ``"projected"``."""
    B, d = w2.shape
    if method == "naive":
        Z = rng.standard_normal((B, m, k, d))
        return np.einsum("bmkd,bd->bmk", Z, w2) > 0, np.einsum("bmkd,bd->bmk", Z, s2) > 0, Z, None
    e1, e2, p, nr = _basis(w2, s2)
    X = rng.standard_normal((B, m, k, 2))
    ss = (p[:, None, None] * X[..., 0] + nr[:, None, None] * X[..., 1]) > 0
    return X[..., 0] > 0, ss, X, (e1, e2)


def sample_coarse_gradient(
    w: Any,
    w_star: Any,
    k: int,
    m: int,
    rng: np.random.Generator,
    reading: str = "entrywise",
    method: str = "projected",
) -> np.ndarray:
    """(1/m) sum_{s=1..m} g(w, Z_s) of eq. (9) (the chosen reading), Z_s i.i.d.

    ``w`` of shape (d,) or (B, d) (B independent estimates), ``w_star`` (d,) or (B, d).
    ``method="projected"`` (default, exact in distribution) or ``"naive"``.
    """
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {READINGS}, got {reading!r}")
    _check_method(method)
    w2, s2, single = _prepare(w, w_star, k, m)
    sw, ss, draws, basis = _sign_patterns(w2, s2, k, m, rng, method)
    c = _coefficients(sw, ss, reading)
    if basis is None:
        g = np.einsum("bmk,bmkd->bd", c, draws)
    else:
        e1, e2 = basis
        a1 = np.einsum("bmk,bmk->b", c, draws[..., 0])
        a2 = np.einsum("bmk,bmk->b", c, draws[..., 1])
        q = np.einsum("bmk,bmk->b", c, c)
        G = rng.standard_normal(w2.shape)
        G -= np.einsum("bd,bd->b", G, e1)[:, None] * e1 + np.einsum("bd,bd->b", G, e2)[:, None] * e2
        g = a1[:, None] * e1 + a2[:, None] * e2 + np.sqrt(q)[:, None] * G
    g *= _C / m
    return g[0] if single else g


def empirical_loss(
    w: Any,
    w_star: Any,
    k: int,
    m: int,
    rng: np.random.Generator,
    method: str = "projected",
) -> Any:
    """(1/m) sum_s l(w, Z_s), l(w,Z) = 1/2 (1^T s(Zw) - 1^T s(Zw*))^2 (eq. 6).

    Its expectation is the population loss f(w) = k theta(w,w*)/(2 pi) (eq6 convention)."""
    _check_method(method)
    w2, s2, single = _prepare(w, w_star, k, m)
    sw, ss, _, _ = _sign_patterns(w2, s2, k, m, rng, method)
    diff = sw.sum(axis=-1).astype(float) - ss.sum(axis=-1)
    loss = 0.5 * (diff * diff).mean(axis=-1)
    return loss[0] if single else loss
