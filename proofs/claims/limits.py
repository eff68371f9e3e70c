"""Limit points of Algorithm 1 (RVSCGD): computed in float64, confirmed in high precision.

Shared by the limit-point claims of Lemma 5.6, Theorem 1 and Corollary 1.1.

A *limit point* is a run spec (a ``dict``): ``k`` (int), ``w_star`` (unit teacher, 1-d array),
``w0`` (unit initial iterate), ``lam``, ``beta``, ``eta``, ``delta`` (the delta of hypothesis
(i)), ``penalty`` ("l1", "l0", "tl1") and ``a`` (Tl1 parameter). :func:`run_spec` turns it into
a :class:`proofs.algorithm.rvscgd.RunSpec`.

How the limit is obtained
-------------------------
1. :func:`float_run`: Algorithm 1 in float64 (the model's expected coarse gradient
   ``E g(w) = c_w w/|w| + c_s w*/|w*|``, coefficients from :mod:`proofs.model`, cross-checked
   against ``expected_coarse_gradient``; u-update = exact argmin of Algorithm 1) until
   ``|w^{t+1} - w^t| <= TOL`` or ``T_CAP`` iterations. It also records
   ``max_t eta |E g(w^t) + beta (w^t - u^{t+1})|`` (Theorem 1's step condition).
2. :func:`limit`: the fixed point of the iteration map near the float limit, solved at the
   backend's precision. The fixed points of Algorithm 1 do not depend on eta: ``w`` is fixed iff
   ``c2 w* + beta p(w) = mu w`` with ``|w| = 1``, ``c2 = k/(2 pi)`` (= -c_s), ``p`` the
   u-update, and ``c1 + eta mu > 0`` (``c1 = 1 - eta (c2 + beta)``; the normalisation is by a
   positive number). For l1 / l0, with the active set A (``p(w_i) != 0``) and signs of the float
   limit held fixed, ``w_i = a_i / (mu - b_i)``: Newton's method in the single unknown ``mu`` on
   ``sum w_i(mu)^2 = 1``. For Tl1, Newton's method on the (d+1)-system. The solution is accepted
   only if the active set is unchanged (re-evaluating the real u-update there), the residual is
   below ``10^-(dps-8)``, and its distance to the float limit is at most :data:`MATCH`; the
   distance is stored. Slack functions are evaluated at this point: in float64 at the
   float-polished fixed point, at 50 / 100 digits at the mp fixed point.
3. Non-convergence (:func:`cycle_evidence`): a run that does not converge within the cap is
   iterated further in mpmath from its last float iterate; a 2-cycle persisting to the working
   precision is reported (negative slack of the convergence claims), otherwise nothing is
   confirmed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import mpmath
import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from proofs.algorithm.rvscgd import RunSpec, _gradient_coefficients
from proofs.algorithm.thresholds import prox, tl1_t
from proofs.engine.backend import FLOAT as _FLOAT
from proofs.model import expected_coarse_gradient

#: float64 stopping tolerance on |w^{t+1} - w^t| and iteration cap
TOL = 1e-14
T_CAP = 40000
#: the high-precision fixed point must lie this close to the float limit
MATCH = 1e-6
#: iterations of the step condition replayed in mpmath (the rest from the float run)
MP_STEP_ITERS = 300

PENALTIES = ("l1", "l0", "tl1")


class LimitError(ValueError):
    """The high-precision fixed point could not be matched to the float limit."""


# ----------------------------------------------------------------------------- points


def _f(x: Any) -> float:
    return float(x)


def key(point: dict[str, Any]) -> tuple[Any, ...]:
    """Hashable float key of a run spec (mpf values of a converted point are exact floats)."""
    return (
        int(point["k"]),
        tuple(_f(x) for x in np.ravel(point["w_star"])),
        tuple(_f(x) for x in np.ravel(point["w0"])),
        _f(point["lam"]),
        _f(point["beta"]),
        _f(point["eta"]),
        str(point.get("penalty", "l1")),
        _f(point.get("a", 1.0)),
    )


def run_spec(point: dict[str, Any]) -> RunSpec:
    k, s, w0, lam, beta, eta, pen, a = key(point)
    return RunSpec(k=k, w_star=s, w0=w0, lam=lam, beta=beta, eta=eta, penalty=pen, a=a,
                   T=T_CAP, tol=TOL, exact_tl1=True)


@lru_cache(maxsize=4)
def _coeffs(k: int) -> tuple[float, float]:
    c = _gradient_coefficients("entrywise")
    assert c is not None
    return float(c[0](k)), float(c[1](k))


def _mp_coeffs(k: int) -> tuple[Any, Any]:
    """c_w, c_s at the working precision (the model's values k/(2 pi), -k/(2 pi))."""
    cw, cs = _coeffs(k)
    c2 = mpmath.mpf(k) / (2 * mpmath.pi)
    if abs(cw - float(c2)) > 1e-12 * float(c2) or abs(cs + float(c2)) > 1e-12 * float(c2):
        raise RuntimeError("model coefficients are not (k/2pi, -k/2pi)")
    return c2, -c2


# ----------------------------------------------------------------------------- prox (scalar)


def _prox_vec(w: list[Any], tau: Any, pen: str, a: Any, mp: bool) -> list[Any]:
    if pen == "l1":
        return [(x - tau if x > tau else (x + tau if x < -tau else 0 * x)) for x in w]
    if pen == "l0":
        return [(x if x * x > 2 * tau else 0 * x) for x in w]
    if mp:
        arr = np.array(w, dtype=object)
        return list(prox(arr, tau, mpmath.mpf(1), "tl1", a, exact_tl1=True))
    return [float(v) for v in prox(np.array(w, dtype=float), tau, 1.0, "tl1", a, exact_tl1=True)]


def u_update(w: Any, point: dict[str, Any], B: Any) -> np.ndarray:
    """u = argmin_u L_beta(u, w) (exact) at the backend's precision."""
    tau = point["lam"] / point["beta"]
    vals = _prox_vec(list(w), tau, point.get("penalty", "l1"), point.get("a", 1.0), B.is_mp)
    return B.vector(vals) if not B.is_mp else np.array(vals, dtype=object)


# ----------------------------------------------------------------------------- float run


@dataclass(frozen=True)
class FloatRun:
    w: tuple[float, ...]  # last iterate
    w_prev: tuple[float, ...]
    iterations: int
    converged: bool
    last_step: float
    step_max: float  # max_t eta |E g(w^t) + beta (w^t - u^{t+1})| over the run
    step_max_after: float  # the same over t >= MP_STEP_ITERS


@lru_cache(maxsize=8192)
def _float_run(kk: tuple[Any, ...]) -> FloatRun:
    k, s, w0, lam, beta, eta, pen, a = kk
    cw, cs = _coeffs(k)
    ns = math.sqrt(sum(x * x for x in s))
    sh = [x / ns for x in s]
    tau = lam / beta
    w = list(w0)
    d = len(w)
    # cross-check the coefficients against the model's public function at w0
    ref = expected_coarse_gradient(np.array(w0)[None, :], np.array(s)[None, :], k)[0]
    nw0 = math.sqrt(sum(x * x for x in w))
    mine = [cw * w[i] / nw0 + cs * sh[i] for i in range(d)]
    if max(abs(mine[i] - ref[i]) for i in range(d)) > 1e-12 * (1 + abs(cw)):
        raise RuntimeError("model coefficients disagree with expected_coarse_gradient")
    step_max = 0.0
    step_after = 0.0
    w_prev = w
    last = math.inf
    conv = False
    t = 0
    while t < T_CAP:
        nw = math.sqrt(sum(x * x for x in w))
        u = _prox_vec(w, tau, pen, a, False)
        v = [cw * w[i] / nw + cs * sh[i] + beta * (w[i] - u[i]) for i in range(d)]
        sc = eta * math.sqrt(sum(x * x for x in v))
        step_max = max(step_max, sc)
        if t >= MP_STEP_ITERS:
            step_after = max(step_after, sc)
        wh = [w[i] - eta * v[i] for i in range(d)]
        n = math.sqrt(sum(x * x for x in wh))
        if not n > 0:
            raise ValueError("w^ = 0: the update left the domain of Algorithm 1")
        wn = [x / n for x in wh]
        last = math.sqrt(sum((wn[i] - w[i]) ** 2 for i in range(d)))
        w_prev, w = w, wn
        t += 1
        if last <= TOL:
            conv = True
            break
    # the limit's own step quantity (the sup over all t includes the tail)
    nw = math.sqrt(sum(x * x for x in w))
    u = _prox_vec(w, tau, pen, a, False)
    v = [cw * w[i] / nw + cs * sh[i] + beta * (w[i] - u[i]) for i in range(d)]
    sc = eta * math.sqrt(sum(x * x for x in v))
    step_max, step_after = max(step_max, sc), max(step_after, sc)
    return FloatRun(tuple(w), tuple(w_prev), t, conv, last, step_max, step_after)


def float_run(point: dict[str, Any]) -> FloatRun:
    return _float_run(key(point))


def mp_step_max(point: dict[str, Any], B: Any) -> Any:
    """max_t eta |E g(w^t) + beta (w^t - u^{t+1})|: the first MP_STEP_ITERS iterations
    replayed at the backend's precision, the rest (a contracting tail) from the float run."""
    fr = float_run(point)
    k = int(point["k"])
    c2, _ = _mp_coeffs(k)
    s = [B.scalar(x) for x in np.ravel(point["w_star"])]
    ns = mpmath.sqrt(sum(x * x for x in s))
    sh = [x / ns for x in s]
    w = [B.scalar(x) for x in np.ravel(point["w0"])]
    lam, beta, eta = B.scalar(point["lam"]), B.scalar(point["beta"]), B.scalar(point["eta"])
    tau = lam / beta
    pen, a = point.get("penalty", "l1"), B.scalar(point.get("a", 1.0))
    best = mpmath.mpf(0)
    for _ in range(min(fr.iterations, MP_STEP_ITERS)):
        nw = mpmath.sqrt(sum(x * x for x in w))
        u = _prox_vec(w, tau, pen, a, True)
        v = [c2 * w[i] / nw - c2 * sh[i] + beta * (w[i] - u[i]) for i in range(len(w))]
        best = max(best, eta * mpmath.sqrt(sum(x * x for x in v)))
        wh = [w[i] - eta * v[i] for i in range(len(w))]
        n = mpmath.sqrt(sum(x * x for x in wh))
        w = [x / n for x in wh]
    if fr.iterations > MP_STEP_ITERS or fr.iterations < 1:
        best = max(best, mpmath.mpf(fr.step_max_after))
    return best


# ----------------------------------------------------------------------------- fixed point


@dataclass(frozen=True)
class Limit:
    """The fixed point (u_bar, w_bar) at a backend's precision. ``s`` is w*/|w*|."""

    w: np.ndarray
    u: np.ndarray
    s: np.ndarray
    mu: Any  # c2 w* + beta u = mu w
    c2: Any
    distance: float  # |w_bar - float limit| (float64 estimate)
    iterations: int  # float iterations of the run
    newton_steps: int


def _sgn(x: Any) -> int:
    return 1 if x > 0 else (-1 if x < 0 else 0)


def _solve(point: dict[str, Any], B: Any) -> Limit:
    fr = float_run(point)
    if not fr.converged:
        raise LimitError(f"run did not converge within {T_CAP} iterations (last step {fr.last_step:.3g})")
    mp = B.is_mp
    k = int(point["k"])
    if mp:
        c2 = mpmath.mpf(k) / (2 * mpmath.pi)
        _mp_coeffs(k)
        sqrt, eps = mpmath.sqrt, mpmath.mpf(10) ** (-(B.dps - 8))
        one = mpmath.mpf(1)
    else:
        c2 = -_coeffs(k)[1]
        sqrt, eps = math.sqrt, 1e-15
        one = 1.0
    sv = [B.scalar(x) for x in np.ravel(point["w_star"])]
    ns = sqrt(sum(x * x for x in sv))
    sh = [x / ns for x in sv]
    lam, beta, eta = B.scalar(point["lam"]), B.scalar(point["beta"]), B.scalar(point["eta"])
    tau = lam / beta
    pen = point.get("penalty", "l1")
    a = B.scalar(point.get("a", 1.0))
    d = len(sh)
    wf = [B.scalar(x) for x in fr.w]
    uf = _prox_vec(wf, tau, pen, a, mp)
    active = [x != 0 for x in uf]
    mu = c2 * sum(sh[i] * wf[i] for i in range(d)) + beta * sum(uf[i] * wf[i] for i in range(d))
    steps = 0
    if pen in ("l1", "l0"):
        sg = [_sgn(x) for x in wf]
        coef, off = [], []
        for i in range(d):
            if active[i]:
                coef.append(c2 * sh[i] - (lam * sg[i] if pen == "l1" else 0))
                off.append(beta)
            else:
                coef.append(c2 * sh[i])
                off.append(0 * beta)
        for steps in range(1, 200):  # noqa: B007
            phi = sum((coef[i] / (mu - off[i])) ** 2 for i in range(d)) - 1
            dphi = -2 * sum(coef[i] ** 2 / (mu - off[i]) ** 3 for i in range(d))
            dmu = -phi / dphi
            mu = mu + dmu
            if abs(dmu) <= eps * abs(mu):
                break
        w = [coef[i] / (mu - off[i]) for i in range(d)]
    else:  # tl1: Newton on c2 s + beta p(w) - mu w = 0, |w|^2 = 1
        w = list(wf)
        aa = a
        for steps in range(1, 200):  # noqa: B007
            u = _prox_vec(w, tau, pen, aa, mp)
            dp = []
            for i in range(d):
                if u[i] != 0:
                    y = abs(u[i])
                    dp.append(one / (1 - 2 * tau * aa * (aa + 1) / (aa + y) ** 3))
                else:
                    dp.append(0 * one)
            F = [c2 * sh[i] + beta * u[i] - mu * w[i] for i in range(d)]
            Fn = sum(x * x for x in w) - 1
            D = [beta * dp[i] - mu for i in range(d)]
            # D dw - w dmu = -F ; 2 w.dw = -Fn
            num = -Fn + 2 * sum(w[i] * F[i] / D[i] for i in range(d))
            den = 2 * sum(w[i] * w[i] / D[i] for i in range(d))
            dmu = num / den
            dw = [(-F[i] + w[i] * dmu) / D[i] for i in range(d)]
            w = [w[i] + dw[i] for i in range(d)]
            mu = mu + dmu
            if max(abs(x) for x in dw) <= eps and abs(dmu) <= eps * abs(mu):
                break
    u = _prox_vec(w, tau, pen, a, mp)
    if [x != 0 for x in u] != active:
        raise LimitError("the fixed point's active set differs from the float limit's")
    res = max(abs(c2 * sh[i] + beta * u[i] - mu * w[i]) for i in range(d))
    res = max(res, abs(sum(x * x for x in w) - 1))
    if not res <= (eps * 1e4 if mp else 1e-12):
        raise LimitError(f"fixed-point residual {float(res):.3g} too large")
    c1 = 1 - eta * (c2 + beta)
    if not c1 + eta * mu > 0:
        raise LimitError("normalisation constant of the fixed point is not positive")
    dist = math.sqrt(sum((float(w[i]) - fr.w[i]) ** 2 for i in range(d)))
    if not dist <= MATCH:
        raise LimitError(f"fixed point is {dist:.3g} from the float limit (> {MATCH})")
    if all(not x for x in active):  # u = 0: the fixed point is w* itself, exactly
        w = list(sh)
        mu = c2
    arr = (lambda xs: np.array(xs, dtype=object)) if mp else (lambda xs: np.array(xs, dtype=float))
    return Limit(arr(w), arr(u), arr(sh), mu, c2, dist, fr.iterations, steps)


_MP_CACHE: dict[tuple[Any, ...], Limit] = {}


def limit(point: dict[str, Any], B: Any) -> Limit:
    """The limit point (u_bar, w_bar) of the run ``point`` at ``B``'s precision (cached)."""
    kk = (key(point), B.dps if B.is_mp else 0)
    hit = _MP_CACHE.get(kk)
    if hit is None:
        hit = _solve(point, B)
        if len(_MP_CACHE) > 20000:
            _MP_CACHE.clear()
        _MP_CACHE[kk] = hit
    return hit


# ----------------------------------------------------------------------------- non-convergence


def cycle_evidence(point: dict[str, Any], dps: int = 50, steps: int = 1000) -> tuple[Any, Any] | None:
    """For a run not converged within the cap: iterate in mpmath from the last float iterate.
    Returns (|w^{t+1} - w^t|, |w^{t+2} - w^t|) after ``steps`` more iterations when a 2-cycle
    persists (the second below 10^-(dps-10), the first above 1e-10), else None."""
    fr = float_run(point)
    with mpmath.workdps(dps):
        k = int(point["k"])
        c2 = mpmath.mpf(k) / (2 * mpmath.pi)
        s = [mpmath.mpf(float(x)) for x in np.ravel(point["w_star"])]
        ns = mpmath.sqrt(sum(x * x for x in s))
        sh = [x / ns for x in s]
        lam, beta, eta = (mpmath.mpf(float(point[n])) for n in ("lam", "beta", "eta"))
        tau = lam / beta
        pen, a = point.get("penalty", "l1"), mpmath.mpf(float(point.get("a", 1.0)))
        w = [mpmath.mpf(x) for x in fr.w]

        def step(w: list[Any]) -> list[Any]:
            u = _prox_vec(w, tau, pen, a, True)
            v = [c2 * w[i] - c2 * sh[i] + beta * (w[i] - u[i]) for i in range(len(w))]
            wh = [w[i] - eta * v[i] for i in range(len(w))]
            n = mpmath.sqrt(sum(x * x for x in wh))
            return [x / n for x in wh]

        for _ in range(steps):
            w = step(w)
        w1 = step(w)
        w2 = step(w1)
        d1 = mpmath.sqrt(sum((w1[i] - w[i]) ** 2 for i in range(len(w))))
        d2 = mpmath.sqrt(sum((w2[i] - w[i]) ** 2 for i in range(len(w))))
        if d2 < mpmath.mpf(10) ** (-(dps - 10)) and d1 > mpmath.mpf("1e-10"):
            return d1, d2
        return None


# ----------------------------------------------------------------------------- geometry at a limit


def norm_b(x: np.ndarray, B: Any) -> Any:
    return B.sqrt(np.dot(x, x))


def angle_b(x: np.ndarray, y: np.ndarray, B: Any) -> Any:
    """theta(x, y) = 2 atan2(|x^ - y^|, |x^ + y^|); 0 if either vector is 0 (convention)."""
    nx, ny = norm_b(x, B), norm_b(y, B)
    if nx == 0 or ny == 0:
        return B.scalar(0)
    xh, yh = x / nx, y / ny
    return 2 * B.atan2(norm_b(xh - yh, B), norm_b(xh + yh, B))


def theta_gamma(L: Limit, B: Any) -> tuple[Any, Any]:
    """theta = theta(w_bar, w*), gamma = theta(u_bar, w_bar) (gamma := 0 when u_bar = 0, where
    w_bar = w* exactly and every bound involving gamma has left-hand side 0)."""
    return angle_b(L.w, L.s, B), angle_b(L.u, L.w, B)


def threshold(point: dict[str, Any], B: Any) -> Any:
    """The operator's threshold with tau = lam/beta: tau (l1), sqrt(2 tau) (l0), t (Tl1,
    Lemma 5.7)."""
    tau = B.scalar(point["lam"]) / B.scalar(point["beta"])
    pen = point.get("penalty", "l1")
    if pen == "l1":
        return tau
    if pen == "l0":
        return B.sqrt(2 * tau)
    t = tl1_t(tau, B.scalar(point.get("a", 1.0)))
    return B.scalar(t.item() if isinstance(t, np.ndarray) else t)


# ----------------------------------------------------------------------------- hypotheses


def _pi(B: Any) -> Any:
    return B.pi


def m_delta(p: dict[str, Any], B: Any) -> Any:
    return B.scalar(p["delta"])


def m_init(p: dict[str, Any], B: Any) -> Any:
    """(i) theta(w0, w*) <= pi - delta."""
    return _pi(B) - B.scalar(p["delta"]) - angle_b(B.vector(p["w0"]), B.vector(p["w_star"]), B)


def m_unit_star(p: dict[str, Any], B: Any) -> Any:
    """|w*| = 1 (to the rounding of a float64 unit vector: w* is normalised in every formula)."""
    s = B.vector(p["w_star"])
    return B.scalar("1e-12") - B.fabs(norm_b(s, B) - 1)


def m_lam_pos(p: dict[str, Any], B: Any) -> Any:
    return B.scalar(p["lam"])


def m_beta_pos(p: dict[str, Any], B: Any) -> Any:
    return B.scalar(p["beta"])


def m_eta_pos(p: dict[str, Any], B: Any) -> Any:
    return B.scalar(p["eta"])


def m_lam_l56(p: dict[str, Any], B: Any) -> Any:
    """(ii) (2 pi/k) lam sqrt(d) < 1 (Theorem 1's lam < k/(2 pi sqrt d) is the same)."""
    d = len(np.ravel(p["w_star"]))
    return 1 - 2 * _pi(B) / int(p["k"]) * B.scalar(p["lam"]) * B.sqrt(B.scalar(d))


def m_beta(p: dict[str, Any], B: Any) -> Any:
    """(ii) beta <= k sin(delta)/(2 pi)."""
    return int(p["k"]) * B.sin(B.scalar(p["delta"])) / (2 * _pi(B)) - B.scalar(p["beta"])


def m_eta_l56(p: dict[str, Any], B: Any) -> Any:
    """(iii) eta k/(2 pi) < 1."""
    return 1 - B.scalar(p["eta"]) * int(p["k"]) / (2 * _pi(B))


def m_eta_t1(p: dict[str, Any], B: Any) -> Any:
    """eta <= min{1/(beta + L), 2 pi/k}, L = k/(4 pi) (Lemma 5.3)."""
    k = int(p["k"])
    beta, eta = B.scalar(p["beta"]), B.scalar(p["eta"])
    bound = min(1 / (beta + k / (4 * _pi(B))), 2 * _pi(B) / k)
    return bound - eta


def m_step(p: dict[str, Any], B: Any) -> Any:
    """eta |E g(w^t) + beta (w^t - u^{t+1})| <= 1/2 for all t (along the run)."""
    if B.is_mp:
        return B.scalar("0.5") - mp_step_max(p, B)
    return 0.5 - float_run(p).step_max


def m_delta_lt_pi(p: dict[str, Any], B: Any) -> Any:
    return _pi(B) - B.scalar(p["delta"])


# ----------------------------------------------------------------------------- strategies


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x)


@st.composite
def _teacher(draw: Any, d: int) -> np.ndarray:
    """Unit teacher: random (unequal entries, the case gamma > 0), round, or an axis vector."""
    kind = draw(st.sampled_from(["random", "random", "round", "axis", "sparse"]))
    if kind == "axis":
        return np.eye(d)[0].copy()
    if kind == "round":
        v = np.array(draw(st.lists(st.integers(-3, 3), min_size=d, max_size=d)), dtype=float)
        if not np.any(v):
            v[0] = 1.0
        return _unit(v)
    if kind == "sparse":
        v = np.zeros(d)
        v[0], v[1] = 1.0, draw(st.floats(0.05, 1.0))
        return _unit(v)
    xs = draw(st.lists(st.floats(-1, 1, allow_nan=False), min_size=d, max_size=d))
    v = np.array(xs, dtype=float)
    if np.linalg.norm(v) < 1e-3:
        v[0] = 1.0
    return _unit(v)


def _perp(s: np.ndarray, x: np.ndarray) -> np.ndarray:
    p = x - np.dot(x, s) * s
    p = p - np.dot(p, s) * s
    if np.linalg.norm(p) < 1e-3:
        i = int(np.argmin(np.abs(s)))
        e = np.eye(s.size)[i]
        p = e - np.dot(e, s) * s
        p = p - np.dot(p, s) * s
    return p / np.linalg.norm(p)


@st.composite
def run_points(
    draw: Any,
    family: str = "L5.6",
    penalties: tuple[str, ...] = ("l1",),
    require_convergence: bool = True,
    c1_positive: bool = False,
) -> dict[str, Any]:
    """Run specs inside the hypotheses of Lemma 5.6 (``family="L5.6"``) or Theorem 1
    (``"T1"``, step condition along the run included), reaching the edges: beta at its bound
    (to 1e-12 relative), lam near its bound and tiny, tau = lam/beta small (|u| ~ 1), d = 2, 3,
    k = 1 and larger, w0 near w* and at theta0 = pi - delta (to 1e-9 relative), eta at its
    bound (to 1e-9) and small. Points whose run did not converge within the cap are rejected
    when ``require_convergence`` (the claims about "the limit" are conditional on it)."""
    k = draw(st.one_of(st.just(1), st.sampled_from([2, 3, 4, 10]), st.integers(1, 40)))
    d = draw(st.one_of(st.sampled_from([2, 2, 3]), st.integers(2, 6)))
    pen = draw(st.sampled_from(penalties))
    s = draw(_teacher(d))
    # initial iterate at angle theta0 from w*
    th_kind = draw(st.sampled_from(["uniform", "near", "far", "round"]))
    if th_kind == "near":
        th0 = 10.0 ** draw(st.floats(-6, -1))
    elif th_kind == "far":
        th0 = math.pi - 10.0 ** draw(st.floats(-3, 0))
    elif th_kind == "round":
        th0 = draw(st.sampled_from([math.pi / 2, math.pi / 3, 1.0, 2.0, 0.5]))
    else:
        th0 = draw(st.floats(1e-3, math.pi - 1e-3))
    e = _perp(s, np.array(draw(st.lists(st.floats(-1, 1, allow_nan=False), min_size=d, max_size=d))))
    w0 = math.cos(th0) * s + math.sin(th0) * e
    w0 = _unit(w0)
    th_actual = float(2 * math.atan2(np.linalg.norm(w0 - s), np.linalg.norm(w0 + s)))
    dmax = math.pi - th_actual
    dk = draw(st.sampled_from(["boundary", "boundary", "fraction", "half"]))
    if dk == "boundary":
        delta = dmax * (1 - 1e-9)
    elif dk == "half":
        delta = min(math.pi / 2, dmax * (1 - 1e-9))
    else:
        delta = dmax * draw(st.floats(0.05, 1.0)) * (1 - 1e-9)
    c2 = k / (2 * math.pi)
    bk = draw(st.sampled_from(["bound", "bound", "fraction", "tiny"]))
    bmax = c2 * math.sin(delta)
    if bk == "bound":
        beta = bmax * (1 - 1e-12)
    elif bk == "fraction":
        beta = bmax * draw(st.floats(0.05, 1.0)) * (1 - 1e-12)
    else:
        beta = bmax * 10.0 ** draw(st.floats(-4, -1))
    lmax = k / (2 * math.pi * math.sqrt(d))
    lk = draw(st.sampled_from(["tau", "tau", "bound", "tiny", "fraction"]))
    if lk == "tau":  # small tau = lam/beta: |u_bar| near 1
        lam = min(beta * 10.0 ** draw(st.floats(-5, 0)), lmax * (1 - 1e-9))
    elif lk == "bound":
        lam = lmax * (1 - 1e-9)
    elif lk == "tiny":
        lam = lmax * 10.0 ** draw(st.floats(-8, -3))
    else:
        lam = lmax * draw(st.floats(0.01, 1.0)) * (1 - 1e-9)
    ek = draw(st.sampled_from(["bound", "fraction", "fraction", "small"]))
    if family == "L5.6":
        emax = 2 * math.pi / k
        ef = 1 - 1e-9
    else:
        emax = min(1 / (beta + k / (4 * math.pi)), 2 * math.pi / k)
        ef = 1 - 1e-12
    if c1_positive:  # eta (k/(2pi) + beta) < 1 (the corrected convergence claim)
        emax = min(emax, 1 / (c2 + beta))
        ef = 1 - 1e-9
    if ek == "bound":
        eta = emax * ef
    elif ek == "fraction":
        eta = emax * draw(st.floats(0.1, 1.0)) * ef
    else:
        eta = emax * 10.0 ** draw(st.floats(-2, -1))
    a = draw(st.one_of(st.just(1.0), st.floats(0.1, 10.0))) if pen == "tl1" else 1.0
    p = {"k": k, "w_star": s, "w0": w0, "lam": lam, "beta": beta, "eta": eta, "delta": delta,
         "penalty": pen, "a": a}
    if family == "T1":
        # the step condition holds along the run: shrink eta until it does (kept 1e-6 inside)
        for _ in range(6):
            sm = float_run(p).step_max
            if sm <= 0.5 * (1 - 1e-6):
                break
            p = dict(p, eta=p["eta"] * 0.5 * (1 - 1e-3) / sm)
        assume(float_run(p).step_max <= 0.5 * (1 - 1e-6))
    if require_convergence:
        assume(float_run(p).converged)
        try:
            limit(p, _FLOAT)
        except LimitError:
            assume(False)
    return p


#: hypotheses of Lemma 5.6 (the implicit positivity of lam, beta, eta and delta included)
def lemma56_hypotheses() -> tuple[Any, ...]:
    from proofs.engine.claim import Hypothesis as H

    return (
        H("delta > 0", m_delta, strict=True),
        H("delta < pi (theta(w0,w*) >= 0)", m_delta_lt_pi, strict=True),
        H("|w*| = 1", m_unit_star),
        H("lam > 0", m_lam_pos, strict=True),
        H("beta > 0", m_beta_pos, strict=True),
        H("eta > 0", m_eta_pos, strict=True),
        H("(i) theta(w0,w*) <= pi - delta", m_init),
        H("(ii) (2pi/k) lam sqrt(d) < 1", m_lam_l56, strict=True),
        H("(ii) beta <= k sin(delta)/(2pi)", m_beta),
        H("(iii) eta k/(2pi) < 1", m_eta_l56, strict=True),
    )


def m_c1(p: dict[str, Any], B: Any) -> Any:
    """c1 = 1 - eta (k/(2pi) + beta) > 0."""
    return 1 - B.scalar(p["eta"]) * (int(p["k"]) / (2 * _pi(B)) + B.scalar(p["beta"]))


def theorem1_hypotheses() -> tuple[Any, ...]:
    from proofs.engine.claim import Hypothesis as H

    return (
        H("delta > 0", m_delta, strict=True),
        H("delta < pi (theta(w0,w*) >= 0)", m_delta_lt_pi, strict=True),
        H("|w*| = 1", m_unit_star),
        H("lam > 0", m_lam_pos, strict=True),
        H("beta > 0", m_beta_pos, strict=True),
        H("eta > 0", m_eta_pos, strict=True),
        H("(i) theta(w0,w*) <= pi - delta", m_init),
        H("(ii) beta <= k sin(delta)/(2pi)", m_beta),
        H("(ii) lam < k/(2pi sqrt(d))", m_lam_l56, strict=True),
        H("eta <= min{1/(beta+L), 2pi/k}, L = k/(4pi)", m_eta_t1),
        H("eta |E g(w^t) + beta (w^t - u^{t+1})| <= 1/2 for all t", m_step),
    )


# ----------------------------------------------------------------------------- conclusions
# Every slack below is ``(point, B) -> value``: >= 0 (> 0 for strict claims) iff the conclusion
# holds at the run's limit point, evaluated at the limit point at B's precision.


def _ident(diff: Any, scale: Any, B: Any) -> Any:
    """Slack of an identity |A - B| = diff within a rounding allowance (256 unit roundoffs of
    ``scale``, as :func:`proofs.claims.strategies.identity_slack`): flat and *positive*
    (= the allowance) inside it, so that it can enter the slack of a strict claim as a
    minimum with strict parts; ``allowance - diff`` (negative) outside."""
    from proofs.claims.strategies import IDENTITY_ALLOWANCE, roundoff

    allowance = IDENTITY_ALLOWANCE * roundoff(B) * scale
    return allowance if diff <= allowance else allowance - diff


def c2_of(p: dict[str, Any], B: Any) -> Any:
    return B.scalar(int(p["k"])) / (2 * B.pi)


def s_converges(p: dict[str, Any], B: Any) -> Any:
    """1 if the run converges (float run to TOL within T_CAP, and the fixed point is matched at
    B's precision); -|w^{t+1} - w^t| if not: in float the last step, in mpmath only for a
    2-cycle persisting at the working precision (otherwise 1: nothing confirmed)."""
    fr = float_run(p)
    if fr.converged:
        limit(p, B)  # raises (an encoding error) if the fixed point cannot be matched
        return B.scalar(1)
    if not B.is_mp:
        return -fr.last_step
    ev = cycle_evidence(p, B.dps)
    if ev is None:
        return B.scalar(1)
    return -ev[0]


def s_theta_lt_delta(p: dict[str, Any], B: Any) -> Any:
    L = limit(p, B)
    th, _ = theta_gamma(L, B)
    return B.scalar(p["delta"]) - th


def s_convergence_and_theta(p: dict[str, Any], B: Any) -> Any:
    c = s_converges(p, B)
    if c < 0 or not float_run(p).converged:
        return c
    return min(c, s_theta_lt_delta(p, B))


def dist_star_w(L: Limit, B: Any) -> Any:
    return norm_b(L.s - L.w, B)


def s_eq11(p: dict[str, Any], B: Any) -> Any:
    """(11) as printed: |w* - w_bar| <= 1/2 sin(delta) sin(gamma)."""
    L = limit(p, B)
    _, ga = theta_gamma(L, B)
    return B.sin(B.scalar(p["delta"])) * B.sin(ga) / 2 - dist_star_w(L, B)


def s_eq11_fix(p: dict[str, Any], B: Any) -> Any:
    """Corrected (11): |w* - w_bar| <= (2 pi/k) beta sin(gamma)  (<= sin(delta) sin(gamma))."""
    L = limit(p, B)
    _, ga = theta_gamma(L, B)
    return 2 * B.pi / int(p["k"]) * B.scalar(p["beta"]) * B.sin(ga) - dist_star_w(L, B)


def ratio_eq11(p: dict[str, Any], B: Any) -> Any:
    """|w* - w_bar| / (sin(delta) sin(gamma)): the constant the 1/2 of (11) must bound."""
    L = limit(p, B)
    _, ga = theta_gamma(L, B)
    return dist_star_w(L, B) / (B.sin(B.scalar(p["delta"])) * B.sin(ga))


def s_eq12(p: dict[str, Any], B: Any, thr: Any = None) -> Any:
    """(12): |w* - u_bar| <= 1/2 sin(delta) sin(gamma) + thr sqrt(d), thr = lam/beta for l1
    (the operator's threshold for l0 / Tl1: Corollary 1.1's reading)."""
    L = limit(p, B)
    _, ga = theta_gamma(L, B)
    thr = threshold(p, B) if thr is None else thr
    d = len(L.w)
    return (B.sin(B.scalar(p["delta"])) * B.sin(ga) / 2 + thr * B.sqrt(B.scalar(d))
            - norm_b(L.s - L.u, B))


def s_eq12_fix(p: dict[str, Any], B: Any) -> Any:
    """Corrected (12): |w* - u_bar| <= (2pi/k) beta sin(gamma) + (lam/beta) sqrt(d)."""
    L = limit(p, B)
    _, ga = theta_gamma(L, B)
    d = len(L.w)
    tau = B.scalar(p["lam"]) / B.scalar(p["beta"])
    return (2 * B.pi / int(p["k"]) * B.scalar(p["beta"]) * B.sin(ga) + tau * B.sqrt(B.scalar(d))
            - norm_b(L.s - L.u, B))


def _parallel_parts(v: np.ndarray, w: np.ndarray, B: Any) -> tuple[Any, Any]:
    """C = <v, w> (w unit) and |v - C w|."""
    C = np.dot(v, w)
    return C, norm_b(v - C * w, B)


def s_eq21(p: dict[str, Any], B: Any) -> Any:
    """(21)-(22) as printed: c1 = 1 - eta (k/(2pi) + beta) > 0, C_bar > 0 and
    c2 w* + beta u_bar = mu w_bar with mu > 0 (strict)."""
    L = limit(p, B)
    beta, eta = B.scalar(p["beta"]), B.scalar(p["eta"])
    c2 = c2_of(p, B)
    c1 = 1 - eta * (c2 + beta)
    mu, res = _parallel_parts(c2 * L.s + beta * L.u, L.w, B)
    return min(c1, mu, c1 + eta * mu, _ident(res, c2 + beta, B))


def s_eq21_fix(p: dict[str, Any], B: Any) -> Any:
    """Corrected (21)-(22): C_bar = 1/(c1 + eta mu) > 0 and c2 w* + beta u_bar = mu w_bar with
    mu > 0; c1 > 0 is NOT claimed (it holds iff eta (k/(2pi) + beta) < 1)."""
    L = limit(p, B)
    beta, eta = B.scalar(p["beta"]), B.scalar(p["eta"])
    c2 = c2_of(p, B)
    c1 = 1 - eta * (c2 + beta)
    mu, res = _parallel_parts(c2 * L.s + beta * L.u, L.w, B)
    return min(mu, c1 + eta * mu, _ident(res, c2 + beta, B))


def s_eq23(p: dict[str, Any], B: Any) -> Any:
    """(23): (k/(2pi)) sin(theta) = beta |u_bar| sin(gamma) (identity slack)."""
    L = limit(p, B)
    th, ga = theta_gamma(L, B)
    c2 = c2_of(p, B)
    beta = B.scalar(p["beta"])
    return _ident(B.fabs(c2 * B.sin(th) - beta * norm_b(L.u, B) * B.sin(ga)), c2 + beta, B)


def eq25_C(p: dict[str, Any], B: Any) -> tuple[Any, Any]:
    """v = w* - (2pi/k) beta (w_bar - u_bar): (C = <v, w_bar>, |v - C w_bar|)."""
    L = limit(p, B)
    v = L.s - 2 * B.pi / int(p["k"]) * B.scalar(p["beta"]) * (L.w - L.u)
    return _parallel_parts(v, L.w, B)


def printed_C_bound(p: dict[str, Any], B: Any) -> Any:
    """k / (k - 2 pi lam sqrt(d))."""
    k = int(p["k"])
    d = len(np.ravel(p["w_star"]))
    return k / (k - 2 * B.pi * B.scalar(p["lam"]) * B.sqrt(B.scalar(d)))


def s_eq25(p: dict[str, Any], B: Any) -> Any:
    """(25): w* - (2pi/k) beta (w_bar - u_bar) = C w_bar with 0 < C <= k/(k - 2 pi lam sqrt d)
    (strict: C > 0; the identity part has a rounding allowance)."""
    C, res = eq25_C(p, B)
    return min(_ident(res, B.scalar(2), B), C, printed_C_bound(p, B) - C)


def s_eq10(p: dict[str, Any], B: Any) -> Any:
    """(10) as printed (w_bar, not w*, on the left): w_bar - (2pi/k) beta (w_bar - P(w_bar)) =
    C w_bar with 0 < C <= k/(k - 2 pi lam sqrt d); P = u-update (soft / hard / Tl1)."""
    L = limit(p, B)
    v = L.w - 2 * B.pi / int(p["k"]) * B.scalar(p["beta"]) * (L.w - L.u)
    C, res = _parallel_parts(v, L.w, B)
    return min(_ident(res, B.scalar(2), B), C, printed_C_bound(p, B) - C)


def s_eq10_fix(p: dict[str, Any], B: Any) -> Any:
    """Corrected (10) (= eq. (25)): w* - (2pi/k) beta (w_bar - P(w_bar)) = C w_bar with
    0 < C <= cos(theta) (<= 1 <= k/(k - 2 pi lam sqrt d))."""
    L = limit(p, B)
    th, _ = theta_gamma(L, B)
    C, res = eq25_C(p, B)
    return min(_ident(res, B.scalar(2), B), C, B.cos(th) - C)


def s_chain(p: dict[str, Any], B: Any) -> Any:
    """The chain |w*-w_bar| <= 2 sin(theta) = pi beta |u| sin(gamma)/k <= pi beta sin(gamma)/k
    <= 1/2 sin(delta) sin(gamma): the minimum of the four link slacks (the '=' an identity)."""
    L = limit(p, B)
    th, ga = theta_gamma(L, B)
    k = int(p["k"])
    beta = B.scalar(p["beta"])
    pi = B.pi
    nu = norm_b(L.u, B)
    l1 = 2 * B.sin(th) - dist_star_w(L, B)
    l2 = _ident(B.fabs(2 * B.sin(th) - pi * beta * nu * B.sin(ga) / k), B.scalar(2), B)
    l3 = pi * beta * B.sin(ga) / k - pi * beta * nu * B.sin(ga) / k
    l4 = B.sin(B.scalar(p["delta"])) * B.sin(ga) / 2 - pi * beta * B.sin(ga) / k
    return min(l1, l2, l3, l4)


def s_chain_fix(p: dict[str, Any], B: Any) -> Any:
    """Corrected chain: |w*-w_bar| = sin(theta)/cos(theta/2) = (2pi/k) beta |u| sin(gamma) /
    cos(theta/2) <= (2pi/k) beta sin(gamma) <= sin(delta) sin(gamma)."""
    L = limit(p, B)
    th, ga = theta_gamma(L, B)
    k = int(p["k"])
    beta = B.scalar(p["beta"])
    pi = B.pi
    nu = norm_b(L.u, B)
    ch = B.cos(th / 2)
    dist = dist_star_w(L, B)
    l1 = _ident(B.fabs(dist - B.sin(th) / ch), B.scalar(2), B)
    l2 = _ident(B.fabs(B.sin(th) / ch - 2 * pi / k * beta * nu * B.sin(ga) / ch), B.scalar(2), B)
    l3 = 2 * pi / k * beta * B.sin(ga) - 2 * pi / k * beta * nu * B.sin(ga) / ch
    l4 = B.sin(B.scalar(p["delta"])) * B.sin(ga) - 2 * pi / k * beta * B.sin(ga)
    return min(l1, l2, l3, l4)


def s_remark_sign(p: dict[str, Any], B: Any) -> Any:
    """-(number of components where sign(w_bar_i - S(w_bar_i)) != sign(w_bar_i))."""
    L = limit(p, B)
    bad = sum(1 for x, y in zip(L.w, L.u, strict=True) if _sgn(x - y) != _sgn(x))
    return B.scalar(-bad)


def max_shrink(p: dict[str, Any], B: Any) -> Any:
    """An upper bound of max_i |x - P(x)| over all x, P the u-update: tau (l1), sqrt(2 tau)
    (l0), max(t, tau (a+1)/a) (exact Tl1 prox: dropped |x| <= t, kept x - g = tau rho'(g))."""
    pen = p.get("penalty", "l1")
    if pen != "tl1":
        return threshold(p, B)
    tau = B.scalar(p["lam"]) / B.scalar(p["beta"])
    a = B.scalar(p.get("a", 1.0))
    return max(threshold(p, B), tau * (a + 1) / a)


def s_corollary(p: dict[str, Any], B: Any) -> Any:
    """Corollary 1.1 as read: convergence, theta < delta (checked as >= 0 in the composite),
    (10) as printed with the operator, (11) as printed and (12) with the operator's threshold
    in place of lam/beta. Minimum of the component slacks."""
    c = s_converges(p, B)
    if c < 0 or not float_run(p).converged:
        return c
    return min(s_theta_lt_delta(p, B), s_eq10(p, B), s_eq11(p, B), s_eq12(p, B))


def s_corollary_fix(p: dict[str, Any], B: Any) -> Any:
    """Corrected Corollary 1.1: convergence, theta < delta, (25)-form of (10) with
    0 < C <= cos(theta), |w* - w_bar| <= (2pi/k) beta sin(gamma) and
    |w* - u_bar| <= (2pi/k) beta sin(gamma) + r sqrt(d), r = :func:`max_shrink`."""
    c = s_converges(p, B)
    if c < 0 or not float_run(p).converged:
        return c
    L = limit(p, B)
    _, ga = theta_gamma(L, B)
    b11 = 2 * B.pi / int(p["k"]) * B.scalar(p["beta"]) * B.sin(ga)
    d = len(L.w)
    e12 = b11 + max_shrink(p, B) * B.sqrt(B.scalar(d)) - norm_b(L.s - L.u, B)
    return min(s_theta_lt_delta(p, B), s_eq10_fix(p, B), s_eq11_fix(p, B), e12)


# ----------------------------------------------------------------------------- best constants


def family_point(tau: float, phi: float = 0.3, k: int = 1) -> dict[str, Any]:
    """d = 2, w* = (cos phi, sin phi), delta = pi/2 (to 1e-9), beta at its bound k/(2pi)
    (to 1e-12), lam = tau beta, w0 at angle 0.5 from w*, eta = 1/(beta + L) / 2: inside
    Theorem 1's and Lemma 5.6's hypotheses (step condition checked by the caller)."""
    s = np.array([math.cos(phi), math.sin(phi)])
    w0 = np.array([math.cos(phi + 0.5), math.sin(phi + 0.5)])
    delta = math.pi / 2 * (1 - 1e-9)
    beta = k * math.sin(delta) / (2 * math.pi) * (1 - 1e-12)
    eta = 0.5 / (beta + k / (4 * math.pi))
    return {"k": k, "w_star": s, "w0": w0, "lam": tau * beta, "beta": beta, "eta": eta,
            "delta": delta, "penalty": "l1", "a": 1.0}


def ratio_eq12(p: dict[str, Any], B: Any) -> Any:
    """(|w* - u_bar| - (lam/beta) sqrt(d)) / (sin(delta) sin(gamma)): the constant the 1/2 of
    (12) must bound."""
    L = limit(p, B)
    _, ga = theta_gamma(L, B)
    tau = B.scalar(p["lam"]) / B.scalar(p["beta"])
    num = norm_b(L.s - L.u, B) - tau * B.sqrt(B.scalar(len(L.w)))
    return num / (B.sin(B.scalar(p["delta"])) * B.sin(ga))


def C_eq25(p: dict[str, Any], B: Any) -> Any:
    return eq25_C(p, B)[0]


def best_constants(samples: int = 400, seed: int = 0, dps: int = 50) -> dict[str, Any]:
    """Best constants of (11), (12) and of the bound on C in (10)/(25), by a targeted search:
    ``samples`` random l1 points inside Theorem 1's hypotheses (beta at its bound half the time,
    tau = lam/beta log-uniform in [1e-4, 1], d in {2, 3, 4}) plus the family tau -> 0 of
    :func:`family_point`; the best point of each ratio is re-evaluated at ``dps`` digits at the
    mp fixed point. Returns printed vs best found (a lower bound of each supremum)."""
    from proofs.engine.backend import MpBackend
    from proofs.engine.points import to_mp

    rng = np.random.default_rng(seed)
    pts: list[dict[str, Any]] = [family_point(10.0 ** -j, phi) for j in (2, 4, 6, 8)
                                 for phi in (0.3, 0.6)]
    while len(pts) < samples + 8:
        k = int(rng.choice([1, 2, 5]))
        d = int(rng.choice([2, 2, 3, 4]))
        s = rng.normal(size=d)
        s /= np.linalg.norm(s)
        delta = float(rng.uniform(0.05, math.pi - 0.05))
        th0 = float(rng.uniform(0, math.pi - delta)) * 0.999
        e = _perp(s, rng.normal(size=d))
        w0 = _unit(math.cos(th0) * s + math.sin(th0) * e)
        c2 = k / (2 * math.pi)
        beta = c2 * math.sin(delta) * (1 - 1e-12) * (1.0 if rng.random() < 0.5 else rng.uniform(0.1, 1))
        lam = min(beta * 10 ** rng.uniform(-4, 0), k / (2 * math.pi * math.sqrt(d)) * (1 - 1e-9))
        eta = 1 / (beta + k / (4 * math.pi)) * float(rng.uniform(0.3, 1)) * (1 - 1e-12)
        pts.append({"k": k, "w_star": s, "w0": w0, "lam": lam, "beta": beta, "eta": eta,
                    "delta": delta, "penalty": "l1", "a": 1.0})
    hyps = theorem1_hypotheses()
    out: dict[str, Any] = {"samples": 0}
    best: dict[str, tuple[float, dict[str, Any] | None]] = {
        "eq11": (-math.inf, None), "eq12": (-math.inf, None), "C": (-math.inf, None)}
    for p in pts:
        fr = float_run(p)
        if not fr.converged:
            continue
        if not all((h.margin(p, _FLOAT) > 0) if h.strict else (h.margin(p, _FLOAT) >= 0)
                   for h in hyps):
            continue
        try:
            L = limit(p, _FLOAT)
        except LimitError:
            continue
        _, ga = theta_gamma(L, _FLOAT)
        out["samples"] += 1
        vals = {"C": float(C_eq25(p, _FLOAT))}
        if ga > 1e-6:
            vals["eq11"] = float(ratio_eq11(p, _FLOAT))
            vals["eq12"] = float(ratio_eq12(p, _FLOAT))
        for name, v in vals.items():
            if v > best[name][0]:
                best[name] = (v, p)
    B = MpBackend(dps)
    fns = {"eq11": ratio_eq11, "eq12": ratio_eq12, "C": C_eq25}
    printed = {"eq11": "1/2", "eq12": "1/2", "C": "k/(k - 2 pi lam sqrt d) (>= 1)"}
    proven = {"eq11": "1 (L5.6-eq11+fix)", "eq12": "1 (T1-eq12+fix)", "C": "1 (C <= cos theta)"}
    for name, (_v, p) in best.items():
        if p is None:
            continue
        with B.context():
            val = fns[name](to_mp(p), B)
        out[name] = {"printed": printed[name], "best_found": mpmath.nstr(val, 20),
                     "upper_bound": proven[name], "argmax": {
                         kk: (list(map(float, vv)) if isinstance(vv, np.ndarray) else vv)
                         for kk, vv in p.items()}}
    fam = []
    for j in (2, 4, 6, 8):
        p = family_point(10.0 ** -j)
        with B.context():
            fam.append((f"tau=1e-{j}", mpmath.nstr(ratio_eq11(to_mp(p), B), 15),
                        mpmath.nstr(C_eq25(to_mp(p), B), 15)))
    out["family_tau_to_0 (eq11 ratio, C)"] = fam
    return out
