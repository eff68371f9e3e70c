"""Proximal maps (thresholding) of the sparse penalties, the u-update of Algorithm 1.

The u-update of Algorithm 1 is ``argmin_u lam*P(u) + (beta/2)*||w - u||^2``, i.e. componentwise
``argmin_y 1/2 (y - x)^2 + tau * p(y)`` with ``tau = lam/beta`` (claims.md, note on Algorithm 1).
Every function below takes that effective parameter ``tau``; :func:`prox` takes ``(lam, beta)``.

* ``l1``:  soft thresholding S_tau (proof of Lemma 5.4).
* ``l0``:  hard thresholding, Lemma 5.8 with tau in place of lambda: keep x iff |x| > sqrt(2 tau).
* ``tl1``: Lemma 5.7 with tau in place of lambda, **as printed** (:func:`tl1_threshold`), and a
  numerically exact minimiser :func:`tl1_prox_exact` (compare y = 0 with the only interior local
  minimiser, the largest root of the stationary cubic).

Inputs are float64 arrays (vectorised numpy) or numpy object arrays of mpmath ``mpf`` (evaluated
elementwise in mpmath at the current ``mp.dps``); ``tau`` and ``a`` broadcast against ``x``.
"""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np

from proofs.algorithm._validate import (
    check_finite,
    check_nonnegative,
    check_penalty,
    check_positive,
    is_object,
)

ArrayLike = Any


# ----------------------------------------------------------------------------- helpers


def _obj(x: Any) -> np.ndarray:
    """Object array of mpf (floats convert exactly)."""
    return _out(
        np.frompyfunc(lambda v: v if isinstance(v, mpmath.mpf) else mpmath.mpf(v), 1, 1)(
            np.asarray(x, dtype=object)
        )
    )


def _out(r: Any) -> Any:
    """frompyfunc's result as an object array (or an mpf scalar for scalar input)."""
    return r.astype(object) if isinstance(r, np.ndarray) else r


def _any_mp(*xs: Any) -> bool:
    for x in xs:
        if is_object(x) or isinstance(x, mpmath.mpf):
            return True
        if isinstance(x, list | tuple) and any(isinstance(v, mpmath.mpf) for v in np.ravel(x)):
            return True
    return False


def _check_x_tau(x: Any, tau: Any, a: Any = None) -> None:
    check_finite("x", x)
    check_nonnegative("tau = lam/beta", tau, "λ < 0 (tau)")
    if a is not None:
        check_positive("a", a, "a")


# ----------------------------------------------------------------------------- soft (l1)


def soft_threshold(x: ArrayLike, tau: ArrayLike) -> np.ndarray:
    """S_tau(x) componentwise (proof of Lemma 5.4): the prox of tau*|.|_1."""
    _check_x_tau(x, tau)
    if _any_mp(x, tau):
        f = np.frompyfunc(
            lambda v, t: (v - t) if v > t else ((v + t) if v < -t else mpmath.mpf(0)), 2, 1
        )
        return _out(f(_obj(x), _obj(tau)))
    x = np.asarray(x, dtype=float)
    return np.sign(x) * np.maximum(np.abs(x) - tau, 0.0)


# ----------------------------------------------------------------------------- hard (l0)


def hard_threshold(x: ArrayLike, tau: ArrayLike) -> np.ndarray:
    """Lemma 5.8 with tau = lam/beta in place of lambda: x if |x| > sqrt(2 tau), else 0.

    At |x| = sqrt(2 tau) both 0 and x minimise; this returns 0 there (as printed).
    """
    _check_x_tau(x, tau)
    if _any_mp(x, tau):
        f = np.frompyfunc(lambda v, t: v if v * v > 2 * t else mpmath.mpf(0), 2, 1)
        return _out(f(_obj(x), _obj(tau)))
    x = np.asarray(x, dtype=float)
    return np.where(np.abs(x) > np.sqrt(2.0 * np.asarray(tau, dtype=float)), x, 0.0)


# ----------------------------------------------------------------------------- transformed l1


def rho(x: ArrayLike, a: ArrayLike) -> np.ndarray:
    """rho_a(x) = (a+1)|x| / (a+|x|) (Definition 1), componentwise."""
    if _any_mp(x, a):
        return np.frompyfunc(lambda v, aa: (aa + 1) * abs(v) / (aa + abs(v)), 2, 1)(
            _obj(x), _obj(a)
        )
    ax = np.abs(np.asarray(x, dtype=float))
    return (a + 1.0) * ax / (a + ax)


def tl1_t(tau: ArrayLike, a: ArrayLike) -> Any:
    """The threshold t of Lemma 5.7 (as printed) with tau in place of lambda.

    t = tau (a+1)/a if tau <= a^2 / (2(a+1));  t = sqrt(2 tau (a+1)) - a/2 elsewhere.
    """
    if _any_mp(tau, a):
        def one(t: Any, aa: Any) -> Any:
            if t <= aa * aa / (2 * (aa + 1)):
                return t * (aa + 1) / aa
            return mpmath.sqrt(2 * t * (aa + 1)) - aa / 2

        out = np.frompyfunc(one, 2, 1)(_obj(tau), _obj(a))
        return out.astype(object) if isinstance(out, np.ndarray) else out
    tau = np.asarray(tau, dtype=float)
    a = np.asarray(a, dtype=float)
    return np.where(
        tau <= a * a / (2.0 * (a + 1.0)),
        tau * (a + 1.0) / a,
        np.sqrt(2.0 * tau * (a + 1.0)) - a / 2.0,
    )


def _g_float(ax: np.ndarray, tau: Any, a: Any) -> tuple[np.ndarray, np.ndarray]:
    """g (Lemma 5.7) of |x| and whether arccos's argument is in [-1, 1]."""
    arg = 1.0 - 27.0 * tau * a * (a + 1.0) / (2.0 * (a + ax) ** 3)
    ok = arg >= -1.0
    phi = np.arccos(np.clip(arg, -1.0, 1.0))
    g = (2.0 / 3.0) * (a + ax) * np.cos(phi / 3.0) - 2.0 * a / 3.0 + ax / 3.0
    return g, ok


def _g_mp(ax: Any, tau: Any, a: Any) -> tuple[Any, bool]:
    arg = 1 - 27 * tau * a * (a + 1) / (2 * (a + ax) ** 3)
    if arg < -1:
        return mpmath.mpf(0), False
    phi = mpmath.acos(arg)
    return (mpmath.mpf(2) / 3) * (a + ax) * mpmath.cos(phi / 3) - 2 * a / 3 + ax / 3, True


def tl1_threshold(x: ArrayLike, tau: ArrayLike, a: ArrayLike) -> np.ndarray:
    """Lemma 5.7 exactly as printed (tau = lam/beta in place of lambda):

    y* = g(x) if |x| > t, else 0, with g(x) = sgn(x){(2/3)(a+|x|)cos(phi/3) - 2a/3 + |x|/3},
    phi = arccos(1 - 27 tau a (a+1) / (2 (a+|x|)^3)) and t from :func:`tl1_t`.
    Raises ValueError if the printed formula leaves arccos's domain where |x| > t (it does not
    on the tested ranges; the check keeps NaN out).
    """
    _check_x_tau(x, tau, a)
    if _any_mp(x, tau, a):
        def one(v: Any, t: Any, aa: Any) -> Any:
            ax = abs(v)
            if not ax > tl1_t(t, aa):
                return mpmath.mpf(0)
            g, ok = _g_mp(ax, t, aa)
            if not ok:
                raise ValueError("Lemma 5.7 as printed: arccos argument < -1 at |x| > t")
            return mpmath.sign(v) * g

        return np.frompyfunc(one, 3, 1)(_obj(x), _obj(tau), _obj(a))
    x = np.asarray(x, dtype=float)
    ax = np.abs(x)
    t = tl1_t(tau, a)
    g, ok = _g_float(ax, tau, a)
    keep = ax > t
    if np.any(keep & ~ok):
        raise ValueError("Lemma 5.7 as printed: arccos argument < -1 at |x| > t")
    return np.where(keep, np.sign(x) * g, 0.0)


def tl1_objective(y: ArrayLike, x: ArrayLike, tau: ArrayLike, a: ArrayLike) -> Any:
    """f_{tau,x}(y) = 1/2 (y - x)^2 + tau rho_a(y) (Lemma 5.7), componentwise."""
    if _any_mp(y, x, tau, a):
        return np.frompyfunc(
            lambda yy, xx, t, aa: (yy - xx) ** 2 / 2 + t * (aa + 1) * abs(yy) / (aa + abs(yy)),
            4,
            1,
        )(_obj(y), _obj(x), _obj(tau), _obj(a))
    y = np.asarray(y, dtype=float)
    return 0.5 * (y - x) ** 2 + tau * rho(y, a)


def _g_stable(ax: Any, tau: Any, a: Any, mp: bool) -> tuple[Any, Any]:
    """Lemma 5.7's g(|x|) = z0 - a without cancellation, and whether it exists.

    With b = a + |x| and e = 27 tau a (a+1)/(4 b^3) = (1 - arccos-argument)/2, the printed
    phi = arccos(1 - 2e) = 2 arcsin(sqrt e) (exists iff e <= 1) and z0 = b(1 + 2 cos(phi/3))/3
    give g = |x| - (4b/3) sin^2(phi/6): the subtracted term is the residual |x| - g, computed to
    full relative precision (the printed form loses it when |x| << a)."""
    b = a + ax
    if mp:
        e = 27 * tau * a * (a + 1) / (4 * b**3)
        if e > 1:
            return mpmath.mpf(0), False
        phi = 2 * mpmath.asin(mpmath.sqrt(e))
        return ax - (4 * b / 3) * mpmath.sin(phi / 6) ** 2, True
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        e = np.where(tau == 0, 0.0, 27.0 * tau * a * (a + 1.0) / (4.0 * b**3))
    ok = e <= 1.0
    phi = 2.0 * np.arcsin(np.sqrt(np.clip(e, 0.0, 1.0)))
    return ax - (4.0 * b / 3.0) * np.sin(phi / 6.0) ** 2, ok


def tl1_prox_exact(x: ArrayLike, tau: ArrayLike, a: ArrayLike) -> np.ndarray:
    """Exact minimiser of 1/2 (y-x)^2 + tau rho_a(y) by comparing finitely many candidates.

    For x > 0 the minimiser is >= 0. On y > 0 the stationary points solve the cubic
    z^3 - (a+x) z^2 + tau a (a+1) = 0 (z = a + y); it has one negative root and, when
    arccos's argument of Lemma 5.7 is >= -1, two non-negative ones, the larger (= g(x) of
    Lemma 5.7, computed without cancellation by :func:`_g_stable` and polished by one Newton
    step in float) being the only interior local minimum. Candidates: y = 0 and that root if
    positive; g wins iff F(0) - F(g) = g (|x| - g/2 - tau (a+1)/(a+g)) > 0 (no underflow of
    x^2/2), ties go to 0.
    """
    _check_x_tau(x, tau, a)
    if _any_mp(x, tau, a):
        def one(v: Any, t: Any, aa: Any) -> Any:
            ax = abs(v)
            g, ok = _g_stable(ax, t, aa, True)
            if not ok or not g > 0:
                return mpmath.mpf(0)
            return mpmath.sign(v) * g if ax - g / 2 - t * (aa + 1) / (aa + g) > 0 else mpmath.mpf(0)

        return np.frompyfunc(one, 3, 1)(_obj(x), _obj(tau), _obj(a))
    x = np.asarray(x, dtype=float)
    ax = np.abs(x)
    g, ok = _g_stable(ax, tau, a, False)
    # one Newton step on f'(y) = y - |x| + tau a (a+1)/(a+y)^2 (f''(g) > 0 at the local minimum)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        fp = g - ax + tau * a * (a + 1.0) / (a + g) ** 2
        fpp = 1.0 - 2.0 * tau * a * (a + 1.0) / (a + g) ** 3
        g = np.where(ok & (fpp > 0), g - fp / np.where(fpp > 0, fpp, 1.0), g)
    valid = ok & (g > 0)
    gs = np.where(valid, g, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        gain = ax - gs / 2.0 - tau * (a + 1.0) / (a + gs)  # (F(0) - F(g)) / g
    return np.where(valid & (gain > 0), np.sign(x) * gs, 0.0)


# ----------------------------------------------------------------------------- penalties / prox


def penalty_value(u: ArrayLike, penalty: str, a: ArrayLike = 1.0) -> Any:
    """P(u) along the last axis: l1 = sum|u_i|, l0 = #{u_i != 0}, tl1 = sum rho_a(u_i) (Def. 1)."""
    check_penalty(penalty)
    if penalty == "tl1":
        check_positive("a", a, "a")
    if _any_mp(u):
        uo = _obj(u)
        if penalty == "l1":
            vals = np.frompyfunc(abs, 1, 1)(uo)
        elif penalty == "l0":
            vals = np.frompyfunc(lambda v: mpmath.mpf(1) if v != 0 else mpmath.mpf(0), 1, 1)(uo)
        else:
            vals = rho(uo, a)
        return np.asarray(vals, dtype=object).sum(axis=-1)
    u = np.asarray(u, dtype=float)
    if penalty == "l1":
        return np.abs(u).sum(axis=-1)
    if penalty == "l0":
        return np.count_nonzero(u, axis=-1).astype(float)
    return rho(u, a).sum(axis=-1)


def prox(
    w: ArrayLike,
    lam: ArrayLike,
    beta: ArrayLike,
    penalty: str,
    a: ArrayLike = 1.0,
    exact_tl1: bool = False,
) -> np.ndarray:
    """u-update of Algorithm 1: argmin_u lam P(u) + (beta/2) ||w - u||^2, componentwise with
    tau = lam/beta. For tl1, Lemma 5.7 as printed unless ``exact_tl1``. ``lam``, ``beta``, ``a``
    broadcast against ``w`` (pass (B,1) arrays for per-run values of a (B,d) batch)."""
    check_penalty(penalty)
    check_nonnegative("lam", lam, "λ < 0")
    check_positive("beta", beta, "β <= 0")
    if penalty == "tl1":
        check_positive("a", a, "a")
    if _any_mp(w, lam, beta, a):
        tau = _obj(lam) / _obj(beta)
    else:
        tau = np.asarray(lam, dtype=float) / np.asarray(beta, dtype=float)
    if penalty == "l1":
        return soft_threshold(w, tau)
    if penalty == "l0":
        return hard_threshold(w, tau)
    return (tl1_prox_exact if exact_tl1 else tl1_threshold)(w, tau, a)
