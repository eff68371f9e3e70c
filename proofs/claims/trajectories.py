"""Shared helpers for trajectory claims (Lemmas 5.4-5.6, Theorem 1, Corollary 1.1).

A *trajectory point* is a full run specification of Algorithm 1 (a ``dict``)::

    {"k": int, "w_star": (d,) array, "w0": (d,) array, "u0": (d,) array or None,
     "lam": float, "beta": float, "eta": float, "penalty": "l1" | "l0" | "tl1",
     "T": int (horizon: iterations 0..T-1 are run), "delta": float (only where a claim has one)}

``u0 = None`` means u^0 = argmin_u L_beta(u, w^0) (the run's default); the paper leaves u^0
arbitrary. Slacks and margins are written once, ``(point, B) -> value``:

* float64 backend: :func:`path` runs the spec with :func:`proofs.algorithm.rvscgd.run` (records
  theta(w^t, w*), L_beta(u^t, w^t), ||w^{t+1} - w^t||, eta ||E g(w^t) + beta (w^t - u^{t+1})||);
  :func:`iterates` gives the vectors w^t, u^t from :func:`proofs.algorithm.rvscgd.iterates`
  (the same w-update, :func:`proofs.algorithm.rvscgd.update`, as the mpmath replay; tests check
  it agrees with ``run``);
* mpmath backend: both come from :func:`proofs.algorithm.rvscgd.replay` at ``B.dps`` digits.

The spec's floats enter the mpmath replay exactly (``spec_of`` converts the engine's mpf copies of
the point back to the same floats), so a counterexample is *the same run* at 50 and 100 digits.
Results are cached per (spec, precision): margins and slack of one point share one run.

Normalisation. The proofs use ||w^t|| = 1 "due to normalization" for all t, i.e. ||w^0|| = 1.
Float vectors are unit only to rounding (except axis vectors and a few others), so conclusions
that depend on the norm of w^t are checked at t >= 1 (normalised iterates, unit to the working
precision) and at t = 0 only when w^0 is exactly a unit vector (:func:`exact_unit`); scale-free
conclusions (angles, signs) are checked at every t.

Strategies: :func:`run_points` draws run settings inside chosen hypotheses (Lemma 5.4's
theta0 <= pi - delta and beta <= k sin(delta)/(2 pi); Lemma 5.5's / Theorem 1's / a fix's eta
bounds; Theorem 1's lambda bound; the step condition on the horizon or for all t), built from
small integer vectors and round numbers so that shrinking gives hand-checkable runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import mpmath
import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from proofs.algorithm import rvscgd
from proofs.algorithm.rvscgd import MpTrajectory, RunSpec, Trajectory, replay, run
from proofs.engine.backend import FLOAT as FLOAT_B
from proofs.engine.claim import Hypothesis, Point
from proofs.model import angle, expected_coarse_gradient

from .strategies import PI, at_angle, patch_counts, perpendicular_directions, roundoff

Margin = Callable[[Point, Any], Any]

#: relative safety margin used when a strategy puts a parameter "at" an irrational bound
#: (e.g. beta = k sin(delta)/(2 pi) * (1 - EDGE)): far above float rounding (1e-16), far below
#: anything a reader would call "inside"
EDGE = 1e-9

#: rounding allowance (units of the backend's roundoff) for conclusions with attained equality
ALLOWANCE = 256


# --------------------------------------------------------------------------------------------
# specs and runs
# --------------------------------------------------------------------------------------------
def _floats(v: Any) -> tuple[float, ...]:
    return tuple(float(x) for x in np.ravel(np.asarray(v, dtype=object)))


def spec_of(p: Point) -> RunSpec:
    """The :class:`RunSpec` of a trajectory point (floats exactly as drawn; see module doc)."""
    u0 = p.get("u0")
    return RunSpec(
        k=int(p["k"]),
        w_star=_floats(p["w_star"]),
        w0=_floats(p["w0"]),
        u0=None if u0 is None or isinstance(u0, str) else _floats(u0),
        lam=float(p["lam"]),
        beta=float(p["beta"]),
        eta=float(p["eta"]),
        penalty=str(p.get("penalty", "l1")),
        a=float(p.get("a", 1.0)),
        T=int(p["T"]),
    )


@lru_cache(maxsize=256)
def _float_run(spec: RunSpec) -> Trajectory:
    return run(spec, progress=False)


@lru_cache(maxsize=64)
def _mp_replay(spec: RunSpec, dps: int) -> MpTrajectory:
    return replay(spec, dps)


@lru_cache(maxsize=256)
def _float_loop(
    spec: RunSpec,
) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...], float]:
    """w^0..w^n, u^0..u^n in float64 and min_t ||w^^{t+1}|| (cached :func:`iterates`)."""
    return rvscgd.iterates(spec)


def _float_iterates(spec: RunSpec) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    ws, us, min_hat = _float_loop(spec)
    if min_hat == 0:
        raise ValueError("ŵ = 0: the update left the domain of Algorithm 1")
    return ws, us


#: below this (times 1 + eta (k/pi + beta)) a float ||w^^|| is treated as "possibly 0": the
#: hypothesis 'Algorithm 1 defined' is then decided by the 50/100-digit replay
DEFINED_DOUBT = 1e-9


@dataclass(frozen=True)
class Path:
    """Recorded quantities of one run: ``theta[t]``, ``lagrangian[t]`` for t = 0..n (state t);
    ``step_norm[t]`` = ||w^{t+1} - w^t||, ``step_cond[t]`` = eta ||E g(w^t) + beta (w^t - u^{t+1})||
    for t = 0..n-1. float64 or mpf values."""

    theta: tuple[Any, ...]
    lagrangian: tuple[Any, ...]
    step_norm: tuple[Any, ...]
    step_cond: tuple[Any, ...]


def path(p: Point, B: Any) -> Path:
    """Run the point's spec: ``run`` in float64, ``replay`` at ``B.dps`` digits in mpmath."""
    spec = spec_of(p)
    if getattr(B, "is_mp", False):
        r = _mp_replay(spec, B.dps)
        rec = r.records
        return Path(
            tuple(rec["theta_w"]), tuple(rec["lagrangian"]), tuple(rec["step_norm"]),
            tuple(rec["step_cond"]),
        )
    tr = _float_run(spec)
    rec, fin = tr.records, tr.final
    return Path(
        tuple(float(x) for x in rec["theta_w"][:, 0]) + (float(fin["theta_w"][0]),),
        tuple(float(x) for x in rec["lagrangian"][:, 0]) + (float(fin["lagrangian"][0]),),
        tuple(float(x) for x in rec["step_norm"][:, 0]),
        tuple(float(x) for x in rec["step_cond"][:, 0]),
    )


def iterates(p: Point, B: Any) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """(w^0..w^n, u^0..u^n): u^{t+1} = argmin_u L_beta(u, w^t); float loop or mpmath replay."""
    spec = spec_of(p)
    if getattr(B, "is_mp", False):
        r = _mp_replay(spec, B.dps)
        return tuple(r.w), tuple(r.u)
    return _float_iterates(spec)


@dataclass(frozen=True)
class Step:
    """One iteration t -> t+1: w = w^t, u = u^{t+1}, g = E g(w^t), v = g + beta (w - u),
    w_hat = w - eta v, w_next = w^{t+1}."""

    t: int
    w: np.ndarray
    u: np.ndarray
    g: np.ndarray
    v: np.ndarray
    w_hat: np.ndarray
    w_next: np.ndarray


def steps(p: Point, B: Any) -> list[Step]:
    """The iterations of the run, with the step vectors recomputed at the backend's precision."""
    ws, us = iterates(p, B)
    s = ws[0] * 0 + np.asarray(p["w_star"])  # same dtype as the iterates
    k = int(p["k"])
    beta, eta = B.scalar(p["beta"]), B.scalar(p["eta"])
    out = []
    for t in range(len(ws) - 1):
        w, u = ws[t], us[t + 1]
        g = expected_coarse_gradient(w, s, k)
        v = g + beta * (w - u)
        out.append(Step(t, w, u, g, v, w - eta * v, ws[t + 1]))
    return out


def exact_unit(v: Any) -> bool:
    """||v|| = 1 exactly (rational arithmetic on the floats)."""
    return sum(Fraction(float(x)) ** 2 for x in np.ravel(np.asarray(v, dtype=object))) == 1


def first_unit_t(p: Point) -> int:
    """The first t with ||w^t|| = 1: 0 when w^0 is exactly unit, else 1 (normalised iterates)."""
    return 0 if exact_unit(p["w0"]) else 1


def unit_steps(p: Point, B: Any) -> list[Step]:
    """:func:`steps` at which ||w^t|| = 1: t >= 1 always, t = 0 when w^0 is exactly unit."""
    first = first_unit_t(p)
    return [s for s in steps(p, B) if s.t >= first]


def nrm(x: np.ndarray, B: Any) -> Any:
    return B.sqrt(np.dot(x, x))


def allowance(B: Any, scale: Any = 1) -> Any:
    """Rounding allowance 256 u scale (u the backend's roundoff): 3e-14 scale in float64,
    3e-48 / 3e-98 scale at 50 / 100 digits, so it absorbs rounding at an attained equality and
    hides no violation a float64 search can see."""
    return ALLOWANCE * roundoff(B) * scale


def min_or(values: Sequence[Any], default: Any) -> Any:
    vals = list(values)
    return min(vals) if vals else default


# --------------------------------------------------------------------------------------------
# hypothesis margins (as functions of the point; "L" is Lemma 5.3's k/(4 pi))
# --------------------------------------------------------------------------------------------
def _k(p: Point, B: Any) -> Any:
    return B.scalar(int(p["k"]))


def theta0(p: Point, B: Any) -> Any:
    """theta(w^0, w*) at the backend's precision."""
    return angle(p["w0"], p["w_star"])


def m_delta_pos(p: Point, B: Any) -> Any:
    return B.scalar(p["delta"])


def m_theta0(p: Point, B: Any) -> Any:
    return B.pi - B.scalar(p["delta"]) - theta0(p, B)


def m_beta_delta(p: Point, B: Any) -> Any:
    return _k(p, B) * B.sin(B.scalar(p["delta"])) / (2 * B.pi) - B.scalar(p["beta"])


def m_beta_pos(p: Point, B: Any) -> Any:
    return B.scalar(p["beta"])


def m_eta_pos(p: Point, B: Any) -> Any:
    return B.scalar(p["eta"])


def m_lam_nonneg(p: Point, B: Any) -> Any:
    return B.scalar(p["lam"])


def m_lam_T1(p: Point, B: Any) -> Any:
    d = len(np.ravel(np.asarray(p["w_star"], dtype=object)))
    return _k(p, B) / (2 * B.pi * B.sqrt(B.scalar(d))) - B.scalar(p["lam"])


def L_lemma53(p: Point, B: Any) -> Any:
    return _k(p, B) / (4 * B.pi)


def eta_bound_L55(p: Point, B: Any) -> Any:
    return 1 / (B.scalar(p["beta"]) + L_lemma53(p, B))


def eta_bound_T1(p: Point, B: Any) -> Any:
    return min(eta_bound_L55(p, B), 2 * B.pi / _k(p, B))


def eta_bound_fix(p: Point, B: Any) -> Any:
    """1/(k/(2 pi) + beta): eta below it makes c1 = 1 - eta (k/(2 pi) + beta) >= 0."""
    return 1 / (_k(p, B) / (2 * B.pi) + B.scalar(p["beta"]))


def eta_bound_step(p: Point, B: Any) -> Any:
    """1/(2 (k/pi + beta)): eta below it gives the step condition at every t (T1-remark-step+fix)."""
    return 1 / (2 * (_k(p, B) / B.pi + B.scalar(p["beta"])))


def m_eta_L55(p: Point, B: Any) -> Any:
    return eta_bound_L55(p, B) - B.scalar(p["eta"])


def m_eta_T1(p: Point, B: Any) -> Any:
    return eta_bound_T1(p, B) - B.scalar(p["eta"])


def m_eta_fix(p: Point, B: Any) -> Any:
    return eta_bound_fix(p, B) - B.scalar(p["eta"])


def m_defined(p: Point, B: Any) -> Any:
    """1 if Algorithm 1 is defined along the horizon (every w^^{t+1} != 0), else 0 (strict).

    mpmath: the replay at ``B.dps`` digits (it raises exactly when some w^^ = 0). float64: 0 (in
    doubt, so the engine decides at 50/100 digits) when ``run`` fails or the float loop's
    min_t ||w^^{t+1}|| is below DEFINED_DOUBT (1 + eta (k/pi + beta)): the float run can miss an
    exact cancellation w^^ = 0 by a rounding residue."""
    try:
        path(p, B)
    except ValueError as exc:
        if "ŵ = 0" in str(exc):
            return B.scalar(0)
        raise
    if not getattr(B, "is_mp", False):
        _, _, min_hat = _float_loop(spec_of(p))
        scale = 1 + float(p["eta"]) * (int(p["k"]) / math.pi + float(p["beta"]))
        if not min_hat > DEFINED_DOUBT * scale:
            return B.scalar(0)
    return B.scalar(1)


def m_step_horizon(p: Point, B: Any) -> Any:
    """1/2 - max_{t<T} eta ||E g(w^t) + beta (w^t - u^{t+1})||."""
    return B.scalar(1) / 2 - max(path(p, B).step_cond, default=B.scalar(0))


def m_step_all_t(p: Point, B: Any) -> Any:
    """A certified lower bound of 1/2 - sup_{t>=0} eta ||E g(w^t) + beta (w^t - u^{t+1})||: the
    exact maximum over the horizon t < T and, for t >= T, the proved bound eta (k/pi + beta)
    (T1-remark-step+fix). >= 0 implies the step condition for every t of the infinite run."""
    tail = B.scalar(p["eta"]) * (_k(p, B) / B.pi + B.scalar(p["beta"]))
    return B.scalar(1) / 2 - max(max(path(p, B).step_cond, default=B.scalar(0)), tail)


H_DEFINED = Hypothesis("Algorithm 1 defined on the horizon (w^^{t+1} != 0)", m_defined, strict=True)
H_ALGORITHM = (
    Hypothesis("beta > 0", m_beta_pos, strict=True),
    Hypothesis("eta > 0", m_eta_pos, strict=True),
    Hypothesis("lambda >= 0", m_lam_nonneg),
)
H_LEMMA54 = (
    Hypothesis("delta > 0", m_delta_pos, strict=True),
    Hypothesis("theta(w0, w*) <= pi - delta", m_theta0),
    Hypothesis("beta <= k sin(delta)/(2 pi)", m_beta_delta),
)
H_ETA_L55 = Hypothesis("eta <= 1/(beta + L), L = k/(4 pi)", m_eta_L55)
H_ETA_T1 = Hypothesis("eta <= min{1/(beta + L), 2 pi/k}, L = k/(4 pi)", m_eta_T1)
H_ETA_FIX = Hypothesis("eta (k/(2 pi) + beta) <= 1", m_eta_fix)
H_LAM_T1 = Hypothesis("lambda < k/(2 pi sqrt(d))", m_lam_T1, strict=True)
H_STEP_HORIZON = Hypothesis(
    "eta ||E g(w^t) + beta (w^t - u^{t+1})|| <= 1/2 for t < T", m_step_horizon
)
H_STEP_ALL = Hypothesis(
    "eta ||E g(w^t) + beta (w^t - u^{t+1})|| <= 1/2 for all t (horizon exactly, tail by "
    "eta (k/pi + beta))",
    m_step_all_t,
)
#: every hypothesis of Theorem 1 (l1 penalty), checked on the run
H_THEOREM1 = (*H_ALGORITHM, *H_LEMMA54, H_LAM_T1, H_ETA_T1, H_DEFINED, H_STEP_ALL)


# --------------------------------------------------------------------------------------------
# strategies
# --------------------------------------------------------------------------------------------
def int_vectors(d: int, bound: int = 4) -> st.SearchStrategy[np.ndarray]:
    """Non-zero integer vectors in [-bound, bound]^d (as floats)."""
    return (
        st.lists(st.integers(-bound, bound), min_size=d, max_size=d)
        .filter(lambda xs: any(xs))
        .map(lambda xs: np.asarray(xs, dtype=float))
    )


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x)


def _float_angle(a: np.ndarray, b: np.ndarray) -> float:
    return float(angle(np.asarray(a, dtype=float), np.asarray(b, dtype=float)))


ROUND_DELTAS = (PI / 2, PI / 3, PI / 4, PI / 6, 1.0, 0.5, 0.1, 0.01)
ROUND_ETAS = (0.1, 1.0, 0.5, 0.01, 0.001, 2.0, 10.0, 100.0, 1000.0)
ROUND_BETAS = (0.1, 0.01, 0.05, 1.0, 0.001, 1e-6)
ROUND_LAMS = (0.0, 0.01, 0.1, 0.05, 0.001, 1.0, 10.0)


def _scaled_bound(draw: Any, bound: float) -> float:
    """A value in (0, bound]: at the bound (1 - EDGE), a simple fraction of it, or any fraction."""
    kind = draw(st.sampled_from(["edge", "half", "tenth", "frac"]))
    if kind == "edge":
        return bound * (1 - EDGE)
    if kind == "half":
        return bound / 2
    if kind == "tenth":
        return bound / 10
    return bound * draw(st.floats(1e-6, 1 - EDGE))


def _round_or_bounded(draw: Any, rounds: Sequence[float], bound: float | None, lo: float = 0.0) -> float:
    """A round value (if one is <= bound) or a value scaled from the bound."""
    if bound is None:
        kind = draw(st.sampled_from(["round", "log"]))
        if kind == "round":
            return float(draw(st.sampled_from(rounds)))
        return float(10.0 ** draw(st.floats(-4, 3)))
    ok = [r for r in rounds if lo <= r <= bound * (1 - EDGE)]
    if ok and not draw(st.booleans()):  # round values first (shrinking goes there)
        return float(draw(st.sampled_from(ok)))
    return _scaled_bound(draw, bound)


@st.composite
def _w0(draw: Any, w_star: np.ndarray, max_theta: float) -> np.ndarray:
    """w^0 at angle <= max_theta from w*: w* itself, a normalised integer vector, a small
    perturbation of w*, or a vector at a drawn angle (up to max_theta, its edge included)."""
    d = w_star.size
    kind = draw(st.sampled_from(["w*", "int", "near", "angle"]))
    if kind == "w*":
        return w_star.copy()
    if kind == "int":
        w0 = _unit(draw(int_vectors(d)))
    elif kind == "near":
        eps = 10.0 ** -draw(st.integers(1, 8))
        w0 = _unit(w_star + eps * draw(int_vectors(d)))
    else:
        frac = draw(st.sampled_from([1.0, 0.5, 0.1])) if not draw(st.booleans()) else draw(st.floats(0, 1))
        th = max_theta * frac * (1 - EDGE)
        e = draw(perpendicular_directions(w_star))
        w0 = at_angle(w_star, th, e)
    assume(float(np.linalg.norm(w0)) > 0)
    return w0


def _max_step_norm(p: Point) -> float:
    return max(path(p, FLOAT_B).step_cond, default=0.0) / float(p["eta"])


def _defined(p: Point) -> bool:
    """The float margin of H_DEFINED is 1 (run defined, no w^^ near 0)."""
    return float(m_defined(p, FLOAT_B)) > 0


@st.composite
def run_points(
    draw: Any,
    *,
    lemma54: bool = True,
    eta_rule: str = "any",
    lam_rule: str = "any",
    step_rule: str | None = None,
    max_T: int = 12,
    min_T: int = 1,
    max_d: int = 6,
    max_k: int = 100,
    penalty: str = "l1",
    u0_arbitrary: bool = True,
) -> Point:
    """Run settings of Algorithm 1 inside chosen hypotheses (a trajectory point).

    * ``lemma54``: draw delta and keep theta(w0, w*) <= pi - delta, beta <= k sin(delta)/(2 pi)
      (beta at its bound, a fraction of it, or round); otherwise beta is free and w0 anywhere
      (theta0 = pi included).
    * ``eta_rule``: "any" (round values 1e-3..1e3, log-uniform 1e-4..1e3), "L55"
      (eta <= 1/(beta + k/(4 pi))), "T1" (eta <= min{1/(beta + L), 2 pi/k}), "fix"
      (eta (k/(2 pi) + beta) <= 1); bounded rules reach the bound (1 - 1e-9), simple fractions
      of it and round values below it.
    * ``lam_rule``: "any" (0, round values, lambda = beta tau with tau around the entries of
      w, so u = 0 is reached) or "T1" (lambda < k/(2 pi sqrt d), its edge included).
    * ``step_rule``: None, "horizon" (max_{t<T} eta ||E g + beta (w - u)|| <= 1/2, eta pushed to
      that edge when drawn so) or "all" (also eta (k/pi + beta) <= 1/2, which bounds every later
      step: see :data:`H_STEP_ALL`).
    * w* = a normalised integer vector in [-4, 4]^d; d = 2, 3 often, up to ``max_d``; k from
      :func:`proofs.claims.strategies.patch_counts`; T in min_T..max_T (min_T = 2 for
      conclusions checked from t = 1 on, as w0 is rarely exactly unit); u0 None (= prox(w0)), 0, or
      an integer vector.
    """
    d = draw(st.one_of(st.sampled_from([2, 3]), st.integers(2, max_d)))
    k = draw(patch_counts(max_k))
    w_star = _unit(draw(int_vectors(d)))
    p: Point = {"k": k, "w_star": w_star}
    if lemma54:
        # delta first (round ones shrink first), then w0 inside the cone theta0 <= pi - delta
        if not draw(st.booleans()):
            delta = float(draw(st.sampled_from(ROUND_DELTAS)))
            w0 = draw(_w0(w_star, PI - delta))
            th0 = _float_angle(w0, w_star)
            assume(th0 <= (PI - delta) * (1 - 4 * EDGE))
        else:
            w0 = draw(_w0(w_star, PI * (1 - 1e-6)))
            th0 = _float_angle(w0, w_star)
            assume(th0 < PI * (1 - 1e-6))
            room = PI - th0
            kind = draw(st.sampled_from(["edge", "frac"]))
            delta = room * (1 - EDGE) if kind == "edge" else room * draw(st.floats(1e-3, 1 - EDGE))
        assume(delta > 0)
        bound = k * math.sin(delta) / (2 * math.pi)
        beta = _round_or_bounded(draw, ROUND_BETAS, bound)
        p["delta"] = delta
    else:
        w0 = draw(st.one_of(_w0(w_star, PI), st.just(-w_star)))
        beta = _round_or_bounded(draw, ROUND_BETAS, None)
    assume(beta > 0)
    p["w0"] = w0
    p["beta"] = beta
    # lambda
    if lam_rule == "T1":
        lam_b = k / (2 * math.pi * math.sqrt(d))
        lam = 0.0 if draw(st.booleans()) and draw(st.booleans()) else _round_or_bounded(draw, ROUND_LAMS, lam_b)
    else:
        kind = draw(st.sampled_from(["round", "tau"]))
        if kind == "round":
            lam = float(draw(st.sampled_from(ROUND_LAMS)))
        else:
            tau = draw(st.sampled_from([0.5, 1.0, 0.1, 2.0])) if draw(st.booleans()) else draw(st.floats(0, 1.5))
            lam = beta * tau
    p["lam"] = lam
    # eta
    bounds = {
        "any": None,
        "L55": 1 / (beta + k / (4 * math.pi)),
        "T1": min(1 / (beta + k / (4 * math.pi)), 2 * math.pi / k),
        "fix": 1 / (k / (2 * math.pi) + beta),
    }
    eta = _round_or_bounded(draw, ROUND_ETAS, bounds[eta_rule])
    if step_rule == "all":
        eta = min(eta, (1 - EDGE) / (2 * (k / math.pi + beta)))
    assume(eta > 0)
    p["eta"] = eta
    p["penalty"] = penalty
    p["T"] = draw(st.integers(min_T, max(min_T, max_T)))
    if u0_arbitrary:
        u0_kind = draw(st.sampled_from(["prox", "zero", "int"]))
        p["u0"] = None if u0_kind == "prox" else (np.zeros(d) if u0_kind == "zero" else draw(int_vectors(d)))
    else:
        p["u0"] = None
    assume(_defined(p))
    if step_rule == "horizon":
        m = _max_step_norm(p)
        if eta * m > 0.5 * (1 - EDGE):
            p["eta"] = eta = min(eta, 0.5 * (1 - EDGE) / m)
            assume(_defined(p))
            if eta * _max_step_norm(p) > 0.5 * (1 - EDGE):  # the run moved: use the proved bound
                p["eta"] = min(eta, (1 - EDGE) / (2 * (k / math.pi + beta)))
                assume(_defined(p))
        elif draw(st.booleans()) and m > 0:  # push the step condition to its edge
            cand = 0.5 * (1 - EDGE) / m
            bnd = bounds[eta_rule]
            if bnd is None or cand <= bnd * (1 - EDGE):
                q = dict(p, eta=cand)
                if _defined(q) and cand * _max_step_norm(q) <= 0.5 * (1 - EDGE):
                    p = q
    return p


def check_point(p: Point, hyps: Sequence[Hypothesis]) -> list[str]:
    """Names of the hypotheses that fail at ``p`` in float64 (for tests)."""
    bad = []
    for h in hyps:
        m = float(h.margin(p, FLOAT_B))
        if not ((m > 0) if h.strict else (m >= 0)):
            bad.append(h.name)
    return bad


def point(
    w_star: Sequence[float], w0: Sequence[float], *, k: int, lam: float, beta: float, eta: float,
    T: int, delta: float | None = None, u0: Sequence[float] | None = None, penalty: str = "l1",
) -> Point:
    """An explicit trajectory point (vectors as float arrays)."""
    p: Point = {
        "k": k, "w_star": np.asarray(w_star, dtype=float), "w0": np.asarray(w0, dtype=float),
        "lam": float(lam), "beta": float(beta), "eta": float(eta), "penalty": penalty, "T": T,
        "u0": None if u0 is None else np.asarray(u0, dtype=float),
    }
    if delta is not None:
        p["delta"] = float(delta)
    return p


def as_mpf(x: Any) -> Any:
    return x if isinstance(x, mpmath.mpf) else mpmath.mpf(x)
