"""Algorithm 1 (RVSCGD), batched in float64 and replayable in mpmath.

One iteration (claims.md, Algorithm 1):

    u^{t+1} = argmin_u L_beta(u, w^t)            (thresholding, :mod:`proofs.algorithm.thresholds`)
    w^^{t+1} = w^t - eta E_Z[g(w^t,Z)] - eta beta (w^t - u^{t+1})
    w^{t+1} = w^^{t+1} / ||w^^{t+1}||

E_Z[g] comes from the model (:mod:`proofs.model`, the single source of truth): the public
``expected_coarse_gradient`` in the mpmath replay and, in the float hot loop, the model's own
SymPy coefficients ``E g = c_w(k) w/|w| + c_s(k) w*/|w*|`` (lambdified once; the first iteration
is cross-checked against the public function). ``gradient="sampled"`` replaces E_Z[g] by the mean
of m sampled g(w, Z) (:mod:`proofs.algorithm.sampler`, reading "entrywise" or "scalar" of eq. 9).

Records at a stride (state t and the step t -> t+1): theta(w^t,w*), theta(u^t,w*),
L_beta(u^t,w^t) = f(w^t) + lam P(u^t) + beta/2 ||w^t - u^t||^2 (f = population_loss, eq6),
f(u^t), ||u^t||_0, ||w^{t+1} - w^t|| and eta ||E g(w^t) + beta (w^t - u^{t+1})|| (the step
condition of Theorem 1 / Lemma 5.5). Quantities of u are NaN where u = 0 (angle undefined).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import mpmath
import numpy as np
import sympy as sp
from tqdm import tqdm

from proofs.algorithm._validate import (
    check_finite,
    check_nonnegative,
    check_penalty,
    check_positive,
)
from proofs.algorithm.sampler import READINGS, sample_coarse_gradient
from proofs.algorithm.single import run_single
from proofs.algorithm.thresholds import penalty_value, prox
from proofs.model import expected_coarse_gradient, model, population_loss
from proofs.model.geometry import angle, norm

GRADIENTS = ("exact", "sampled")
RECORD_KEYS = ("theta_w", "theta_u", "lagrangian", "f_u", "nnz_u", "step_norm", "step_cond")


# ----------------------------------------------------------------------------- run spec


@dataclass(frozen=True)
class RunSpec:
    """Everything that determines one run of Algorithm 1 (replayable at any precision).

    Vectors are stored as tuples of floats (converted exactly to mpf by :func:`replay`).
    ``u0=None`` means u^0 = argmin_u L_beta(u, w^0). ``tol`` stops when ||w^{t+1}-w^t|| <= tol
    (0 = run all T iterations). ``gradient="sampled"`` uses m samples per iteration (``seed``).
    """

    k: int
    w_star: tuple[float, ...]
    w0: tuple[float, ...]
    lam: float
    beta: float
    eta: float
    penalty: str = "l0"
    a: float = 1.0
    T: int = 1000
    u0: tuple[float, ...] | None = None
    tol: float = 0.0
    stride: int = 1
    gradient: str = "exact"
    reading: str = "entrywise"
    m: int = 1
    seed: int = 0
    exact_tl1: bool = False

    def __post_init__(self) -> None:
        for name in ("w_star", "w0", "u0"):
            v = getattr(self, name)
            if v is not None:
                object.__setattr__(self, name, tuple(float(x) for x in np.ravel(v)))
        validate(
            self.k, np.array(self.w_star), np.array(self.w0)[None, :], self.lam, self.beta,
            self.eta, self.penalty, self.a, self.T, self.tol, self.stride, self.gradient,
            self.reading, self.m, None if self.u0 is None else np.array(self.u0)[None, :],
        )

    @property
    def d(self) -> int:
        return len(self.w_star)


def validate(
    k: Any, w_star: np.ndarray, w0: np.ndarray, lam: Any, beta: Any, eta: Any, penalty: str,
    a: Any, T: int, tol: float, stride: int, gradient: str, reading: str, m: int,
    u0: np.ndarray | None,
) -> None:
    """Raise ValueError naming the violated condition (eta <= 0, beta <= 0, lam < 0, a <= 0,
    w0 = 0, w* = 0, non-finite values, mismatched shapes, unknown penalty / gradient)."""
    check_penalty(penalty)
    if gradient not in GRADIENTS:
        raise ValueError(f"unknown gradient source {gradient!r}: expected one of {GRADIENTS}")
    if reading not in READINGS:
        raise ValueError(f"unknown reading {reading!r}: expected one of {READINGS}")
    if isinstance(k, bool) or int(k) != k or k < 1:
        raise ValueError(f"k must be an integer >= 1, got {k!r}")
    check_positive("eta", eta, "η <= 0")
    check_positive("beta", beta, "β <= 0")
    check_nonnegative("lam", lam, "λ < 0")
    if penalty == "tl1":
        check_positive("a", a, "a")
    check_finite("w0", w0)
    check_finite("w_star", w_star)
    if w0.ndim != 2 or w_star.shape[-1] != w0.shape[-1] or (
        w_star.ndim == 2 and w_star.shape[0] != w0.shape[0]
    ):
        raise ValueError(f"mismatched shapes: w0 {w0.shape}, w_star {w_star.shape}")
    if np.any(np.all(w0 == 0, axis=-1)):
        raise ValueError("w⁰ = 0: the initial iterate must be non-zero")
    if np.any(np.all(np.atleast_2d(w_star) == 0, axis=-1)):
        raise ValueError("w* = 0: the teacher must be non-zero")
    for name, v in (("lam", lam), ("beta", beta), ("eta", eta), ("a", a)):
        if np.ndim(v) > 1 or (np.ndim(v) == 1 and np.shape(v)[0] != w0.shape[0]):
            raise ValueError(f"mismatched shapes: {name} must be a scalar or of shape (B,)")
    if u0 is not None:
        check_finite("u0", u0)
        if u0.shape != w0.shape:
            raise ValueError(f"mismatched shapes: u0 {u0.shape}, w0 {w0.shape}")
    if int(T) != T or T < 0:
        raise ValueError(f"T must be an integer >= 0 (iteration cap), got {T!r}")
    if int(stride) != stride or stride < 1:
        raise ValueError(f"stride must be an integer >= 1, got {stride!r}")
    if not np.isfinite(tol) or tol < 0:
        raise ValueError(f"tol < 0 or non-finite: got {tol!r}")
    if int(m) != m or m < 1:
        raise ValueError(f"m must be an integer >= 1, got {m!r}")


# ----------------------------------------------------------------------------- results


@dataclass
class Trajectory:
    """Float result of a batch of B runs.

    ``records[key]`` has shape (n_records, B) at iterations ``t`` (shape (n_records,)); a
    finished run keeps its frozen values (step 0). ``final[key]`` (shape (B,)) describes each
    run's output state (u^t, w^t) at ``iterations`` (its own t). ``w``, ``u``: output states.
    """

    t: np.ndarray
    records: dict[str, np.ndarray]
    final: dict[str, np.ndarray]
    w: np.ndarray
    u: np.ndarray
    iterations: np.ndarray
    converged: np.ndarray
    last_step: np.ndarray


@dataclass
class MpTrajectory:
    """mpmath replay of one run: every iterate and every recorded quantity, t = 0..T_end.

    ``w[t]``, ``u[t]`` are object arrays of mpf; ``records[key][t]`` an mpf (the step quantities
    of the last state are absent: lists of step quantities have length T_end)."""

    dps: int
    w: list[np.ndarray] = field(default_factory=list)
    u: list[np.ndarray] = field(default_factory=list)
    records: dict[str, list[Any]] = field(default_factory=dict)
    iterations: int = 0
    converged: bool = False


# ----------------------------------------------------------------------------- helpers


@cache
def gradient_coefficients(reading: str = "entrywise", mp: bool = False) -> tuple[Any, Any] | None:
    """The model's (c_w, c_s) of E_Z[g(w)] = c_w w/|w| + c_s w*/|w*| as functions of k, when they
    depend on k only (eq. 17: k/(2 pi) and -k/(2 pi)), else None. ``mp``: mpmath functions (values
    at the working precision), else numpy."""
    from proofs.model.derivation import k as k_sym

    c = model().coarse_gradient[reading]
    if c.coeff_w.free_symbols - {k_sym} or c.coeff_s.free_symbols - {k_sym}:
        return None
    mod = "mpmath" if mp else "numpy"
    return sp.lambdify(k_sym, c.coeff_w, mod), sp.lambdify(k_sym, c.coeff_s, mod)


def _col(v: Any, B: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(v, dtype=float).reshape(-1, 1), (B, 1)).copy()


def _show_progress(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    return sys.stderr.isatty() and not os.environ.get("CI")


def _nan_where_zero(u: np.ndarray, fn: Any) -> np.ndarray:
    """fn(u rows) with NaN for zero rows (theta(u, w*) and f(u) need u != 0)."""
    out = np.full(u.shape[0], np.nan)
    nz = np.any(u != 0, axis=-1)
    if np.any(nz):
        out[nz] = fn(nz)
    return out


def _state_quantities(
    k: int, w: np.ndarray, u: np.ndarray, s: np.ndarray, lam: np.ndarray, beta: np.ndarray,
    penalty: str, a: np.ndarray,
) -> dict[str, np.ndarray]:
    """theta_w, theta_u, L_beta(u,w), f(u), ||u||_0 for a (B,d) state."""
    th_w = np.asarray(angle(w, s), dtype=float)
    th_u = _nan_where_zero(u, lambda nz: angle(u[nz], s[nz]))
    f_w = np.asarray(population_loss(w, s, k, convention="eq6"), dtype=float)
    f_u = _nan_where_zero(u, lambda nz: population_loss(u[nz], s[nz], k, convention="eq6"))
    pen = penalty_value(u, penalty, a)
    diff = w - u
    lag = f_w + lam[:, 0] * pen + 0.5 * beta[:, 0] * np.einsum("bd,bd->b", diff, diff)
    return {
        "theta_w": th_w,
        "theta_u": th_u,
        "lagrangian": lag,
        "f_u": f_u,
        "nnz_u": np.count_nonzero(u, axis=-1).astype(float),
    }


# ----------------------------------------------------------------------------- float batch


def run_batch(
    k: int,
    w_star: Any,
    w0: Any,
    lam: Any,
    beta: Any,
    eta: Any,
    penalty: str = "l0",
    a: Any = 1.0,
    T: int = 1000,
    tol: float = 0.0,
    stride: int = 1,
    u0: Any = None,
    gradient: str = "exact",
    reading: str = "entrywise",
    m: int = 1,
    seed: int = 0,
    exact_tl1: bool = False,
    progress: bool | None = None,
) -> Trajectory:
    """Run B instances of Algorithm 1 together as (B, d) arrays (float64).

    ``w0`` (B, d); ``w_star`` (d,) or (B, d); ``lam``, ``beta``, ``eta``, ``a`` scalars or (B,).
    Each run stops at T iterations or when ||w^{t+1} - w^t|| <= tol, then freezes; finished runs
    leave the working set, so the per-iteration cost is a fixed number of numpy calls on the
    active (B_active, d) block, with no Python work per run.
    """
    w0 = np.array(w0, dtype=float, ndmin=2)
    s_in = np.asarray(w_star, dtype=float)
    u0a = None if u0 is None else np.array(u0, dtype=float, ndmin=2)
    validate(k, s_in, w0, lam, beta, eta, penalty, a, T, tol, stride, gradient, reading, m, u0a)
    B, d = w0.shape
    s = np.ascontiguousarray(np.broadcast_to(s_in, (B, d)))
    s_hat = s / np.linalg.norm(s, axis=-1, keepdims=True)
    lam_c, beta_c, eta_c, a_c = _col(lam, B), _col(beta, B), _col(eta, B), _col(a, B)
    tau = lam_c / beta_c
    thr = np.sqrt(2.0 * tau)

    coeffs = gradient_coefficients(reading) if gradient == "exact" else None
    if coeffs is not None:
        cw, cs = float(coeffs[0](k)), float(coeffs[1](k))
        g0 = cw * w0 / np.linalg.norm(w0, axis=-1, keepdims=True) + cs * s_hat
        ref = expected_coarse_gradient(w0, s, k, reading=reading)
        if not np.allclose(g0, ref, rtol=1e-13, atol=1e-13):
            raise RuntimeError("model coefficients disagree with expected_coarse_gradient")
    rng = np.random.default_rng(seed)

    def u_update(w: np.ndarray, p: dict[str, np.ndarray]) -> np.ndarray:
        if penalty == "l0":
            return w * (np.abs(w) > p["thr"])
        return prox(w, p["lam"], p["beta"], penalty, p["a"], exact_tl1=exact_tl1)

    def grad(w: np.ndarray, p: dict[str, np.ndarray], unit_w: bool) -> np.ndarray:
        if gradient == "sampled":
            return sample_coarse_gradient(w, p["s"], k, m, rng, reading=reading)
        if coeffs is None:
            return expected_coarse_gradient(w, p["s"], k, reading=reading)
        wh = w if unit_w else w / np.linalg.norm(w, axis=-1, keepdims=True)
        return cw * wh + cs * p["s_hat"]

    def params(idx: np.ndarray) -> dict[str, np.ndarray]:
        p = {
            "s": s[idx], "s_hat": s_hat[idx], "thr": thr[idx], "lam": lam_c[idx],
            "beta": beta_c[idx], "a": a_c[idx], "eta": eta_c[idx],
        }
        p["eb"] = p["eta"] * p["beta"]
        if coeffs is not None:
            # for unit w^t (t >= 1): w^^ = A w + b + eta beta u^{t+1}, same operations as
            # w - eta E g - eta beta (w - u) with E g = c_w w + c_s w*^ (model coefficients)
            p["A"] = 1.0 - p["eta"] * cw - p["eb"]
            p["b"] = -(p["eta"] * cs) * p["s_hat"]
            p["Aeb"] = p["A"] + p["eb"]
        return p

    # full state
    W = w0.copy()
    all_idx = np.arange(B)
    U = u_update(W, params(all_idx)) if u0a is None else u0a.copy()
    iterations = np.zeros(B, dtype=np.int64)
    converged = np.zeros(B, dtype=bool)
    last_step = np.full(B, np.nan)
    rec_t: list[int] = []
    recs: dict[str, list[np.ndarray]] = {key: [] for key in RECORD_KEYS}

    # working (active) block: w = w^t, w_prev = w^{t-1} (u^t = prox(w^{t-1}); u^0 given)
    idx = all_idx.copy()
    p = params(idx)
    w = W.copy()
    w_prev: np.ndarray | None = None
    show = _show_progress(progress)
    bar = tqdm(total=T, disable=not show, desc="RVSCGD", mininterval=0.5)
    fast = coeffs is not None
    fast_l0 = fast and penalty == "l0"
    tol2 = float(tol) ** 2
    t = 0
    while t < T and idx.size:
        recording = t % stride == 0
        if fast_l0 and t > 0:
            # u^{t+1} = w^t 1{|w^t| > thr} (Lemma 5.8 with lam/beta); w^^ = (A + eb 1{.}) w + b
            mask = np.abs(w) > p["thr"]
            wt = w * np.where(mask, p["Aeb"], p["A"])
            wt += p["b"]
            u_new = None
        else:
            u_new = u_update(w, p)
            if fast and t > 0:
                wt = p["A"] * w
                wt += p["b"]
                wt += p["eb"] * u_new
            else:
                g = grad(w, p, unit_w=t > 0)
                wt = w - p["eta"] * g - p["eb"] * (w - u_new)
        n2 = np.einsum("bd,bd->b", wt, wt)
        if not n2.min() > 0 or not np.isfinite(n2.max()):
            raise ValueError("ŵ = 0 or non-finite: the update left the domain of Algorithm 1")
        w_new = wt / np.sqrt(n2)[:, None]
        dw = w_new - w
        step2 = np.einsum("bd,bd->b", dw, dw)
        if recording:
            if u_new is None:
                u_new = u_update(w, p)
            if fast and t > 0:
                g = grad(w, p, unit_w=True)
            W[idx] = w
            if w_prev is not None:
                U[idx] = u_update(w_prev, p)
            q = _state_quantities(k, W, U, s, lam_c, beta_c, penalty, a_c)
            st = np.zeros(B)
            st[idx] = np.sqrt(step2)
            sc = np.zeros(B)
            v = g + p["beta"] * (w - u_new)
            sc[idx] = p["eta"][:, 0] * np.sqrt(np.einsum("bd,bd->b", v, v))
            rec_t.append(t)
            for key in ("theta_w", "theta_u", "lagrangian", "f_u", "nnz_u"):
                recs[key].append(q[key])
            recs["step_norm"].append(st)
            recs["step_cond"].append(sc)
        w_prev, w = w, w_new
        t += 1
        if t == T or step2.min() <= tol2:
            done = (step2 <= tol2) | (t == T)
            W[idx] = w
            U[idx] = u_update(w_prev, p)
            iterations[idx] = t
            last_step[idx] = np.sqrt(step2)
            converged[idx[step2 <= tol2]] = True
            keep = ~done
            idx, w, w_prev = idx[keep], w[keep], w_prev[keep]
            p = params(idx)
        if show and t % 1000 == 0:
            bar.update(1000)
    bar.close()
    final = _state_quantities(k, W, U, s, lam_c, beta_c, penalty, a_c)
    return Trajectory(
        t=np.asarray(rec_t, dtype=np.int64),
        records={key: np.asarray(v).reshape(len(rec_t), B) for key, v in recs.items()},
        final=final,
        w=W,
        u=U,
        iterations=iterations,
        converged=converged,
        last_step=last_step,
    )


def run(spec: RunSpec, progress: bool | None = None) -> Trajectory:
    """Float64 run of one :class:`RunSpec` (a batch of one)."""
    return run_batch(
        spec.k, np.array(spec.w_star), np.array(spec.w0)[None, :], spec.lam, spec.beta,
        spec.eta, penalty=spec.penalty, a=spec.a, T=spec.T, tol=spec.tol, stride=spec.stride,
        u0=None if spec.u0 is None else np.array(spec.u0)[None, :], gradient=spec.gradient,
        reading=spec.reading, m=spec.m, seed=spec.seed, exact_tl1=spec.exact_tl1,
        progress=progress,
    )


# ----------------------------------------------------------------------------- mpmath replay


def update(
    w: np.ndarray, w_star: np.ndarray, k: int, u_new: np.ndarray, beta: Any, eta: Any,
    reading: str = "entrywise",
) -> tuple[np.ndarray, np.ndarray]:
    """The w-update of Algorithm 1 given u^{t+1}, before normalisation, in float64 or mpmath:
    returns (w^^{t+1}, v) with w^^{t+1} = w^t - eta v, v = E_Z[g(w^t, Z)] + beta (w^t - u^{t+1}).
    Used by :func:`replay`; the batched hot loop and the single-run path
    (:mod:`proofs.algorithm.single`) do the same step in the same order of operations."""
    v = expected_coarse_gradient(w, w_star, k, reading=reading) + beta * (w - u_new)
    return w - eta * v, v


def iterates(spec: RunSpec) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...], float]:
    """Every iterate of a single float64 run: (w^0..w^n, u^0..u^n, min_t ||w^^{t+1}||).

    Stops after ``spec.T`` steps, at ``spec.tol``, or where w^^ = 0 exactly (then the min is 0
    and the run has left the domain of Algorithm 1). Exact gradient only. This is the fast
    single-run path (:func:`proofs.algorithm.single.run_single`) with every iterate kept."""
    r = run_single(spec, record=True)
    assert r.ws is not None and r.us is not None
    ws = tuple(np.array(w, dtype=float) for w in r.ws)
    us = tuple(np.array(u, dtype=float) for u in r.us)
    return ws, us, float(r.min_hat)


def replay(spec: RunSpec, dps: int = 50) -> MpTrajectory:
    """Re-execute ``spec`` in mpmath at ``dps`` digits (exact gradient only; slow path).

    Every iteration is kept, so a trajectory-level violation seen in float (an angle or a
    Lagrangian going up) can be confirmed at high precision. The spec's floats enter exactly.
    """
    if spec.gradient != "exact":
        raise ValueError("replay supports gradient='exact' only (sampled runs are not replayed)")
    with mpmath.workdps(dps):
        def mp(v: Any) -> np.ndarray:
            return np.array([mpmath.mpf(x) for x in v], dtype=object)

        s, w = mp(spec.w_star), mp(spec.w0)
        lam, beta, eta = mpmath.mpf(spec.lam), mpmath.mpf(spec.beta), mpmath.mpf(spec.eta)
        a = mpmath.mpf(spec.a)

        def u_of(w: np.ndarray) -> np.ndarray:
            return prox(w, lam, beta, spec.penalty, a, exact_tl1=spec.exact_tl1)

        u = u_of(w) if spec.u0 is None else mp(spec.u0)
        out = MpTrajectory(dps=dps, records={key: [] for key in RECORD_KEYS})

        def state(w: np.ndarray, u: np.ndarray) -> None:
            nz = any(x != 0 for x in u)
            nan = mpmath.mpf("nan")
            f_w = population_loss(w, s, spec.k, convention="eq6")
            diff = w - u
            lag = f_w + lam * penalty_value(u, spec.penalty, a) + beta / 2 * (diff * diff).sum()
            out.w.append(w)
            out.u.append(u)
            out.records["theta_w"].append(angle(w, s))
            out.records["theta_u"].append(angle(u, s) if nz else nan)
            out.records["lagrangian"].append(lag)
            out.records["f_u"].append(population_loss(u, s, spec.k, convention="eq6") if nz else nan)
            out.records["nnz_u"].append(sum(1 for x in u if x != 0))

        state(w, u)
        t = 0
        while t < spec.T:
            u_new = u_of(w)
            wt, v = update(w, s, spec.k, u_new, beta, eta, spec.reading)
            n = norm(wt)
            if n == 0:
                raise ValueError("ŵ = 0: the update left the domain of Algorithm 1")
            w_new = wt / n
            out.records["step_norm"].append(norm(w_new - w))
            out.records["step_cond"].append(eta * norm(v))
            w, u = w_new, u_new
            t += 1
            state(w, u)
            if out.records["step_norm"][-1] <= spec.tol:
                out.converged = True
                break
        out.iterations = t
        return out


# ----------------------------------------------------------------------------- plain loop


def run_loop(spec: RunSpec, T: int | None = None) -> np.ndarray:
    """Plain per-run reference loop of Algorithm 1 on (d,) vectors through the public API
    (``thresholds.prox`` and the model's ``expected_coarse_gradient``); returns w^T.
    No records, no stopping tolerance: the baseline of the benchmark and of the tests."""
    if spec.gradient != "exact":
        raise ValueError("run_loop supports gradient='exact' only")
    s = np.array(spec.w_star)
    w = np.array(spec.w0)
    for _ in range(spec.T if T is None else T):
        u = prox(w, spec.lam, spec.beta, spec.penalty, spec.a, exact_tl1=spec.exact_tl1)
        g = expected_coarse_gradient(w, s, spec.k, reading=spec.reading)
        w_hat = w - spec.eta * g - spec.eta * spec.beta * (w - u)
        w = w_hat / np.linalg.norm(w_hat)
    return w
