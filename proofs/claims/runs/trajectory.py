"""A trajectory point's run on its horizon, at a backend's precision.

* float64: :func:`path` runs the spec with :func:`proofs.algorithm.rvscgd.run` (records theta(w^t,
  w*), L_beta(u^t, w^t), ||w^{t+1} - w^t||, eta ||E g(w^t) + beta (w^t - u^{t+1})||);
  :func:`iterates` gives the vectors w^t, u^t from :func:`proofs.algorithm.rvscgd.iterates` (the
  fast single-run path);
* mpmath: both come from :func:`proofs.algorithm.rvscgd.replay` at ``B.dps`` digits.

Results are cached per (spec, precision): margins and slack of one point share one run.

Normalisation. The proofs use ||w^t|| = 1 "due to normalization" for all t, i.e. ||w^0|| = 1.
Float vectors are unit only to rounding (except axis vectors and a few others), so conclusions
that depend on the norm of w^t are checked at t >= 1 (normalised iterates, unit to the working
precision) and at t = 0 only when w^0 is exactly a unit vector (:func:`exact_unit`);
scale-free conclusions (angles, signs) are checked at every t.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import numpy as np

from proofs.algorithm import rvscgd
from proofs.algorithm.rvscgd import MpTrajectory, RunSpec, Trajectory
from proofs.engine.backend import Backend
from proofs.model import expected_coarse_gradient

from .points import RunPoint, spec_of


@lru_cache(maxsize=256)
def _float_run(spec: RunSpec) -> Trajectory:
    return rvscgd.run(spec, progress=False)


@lru_cache(maxsize=64)
def _mp_replay(spec: RunSpec, dps: int) -> MpTrajectory:
    return rvscgd.replay(spec, dps)


@lru_cache(maxsize=256)
def float_iterates(spec: RunSpec) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...], float]:
    """w^0..w^n, u^0..u^n in float64 and min_t ||w^^{t+1}|| (cached :func:`rvscgd.iterates`)."""
    return rvscgd.iterates(spec)


@dataclass(frozen=True)
class Path:
    """Recorded quantities of one run: ``theta[t]``, ``lagrangian[t]`` for t = 0..n (state t);
    ``step_norm[t]`` = ||w^{t+1} - w^t||, ``step_cond[t]`` = eta ||E g(w^t) + beta (w^t - u^{t+1})||
    for t = 0..n-1. float64 or mpf values."""

    theta: tuple[Any, ...]
    lagrangian: tuple[Any, ...]
    step_norm: tuple[Any, ...]
    step_cond: tuple[Any, ...]


def path(p: RunPoint, B: Backend) -> Path:
    """Run the point's spec: ``run`` in float64, ``replay`` at ``B.dps`` digits in mpmath."""
    spec = spec_of(p)
    if B.is_mp:
        rec = _mp_replay(spec, B.dps).records  # type: ignore[attr-defined]
        return Path(tuple(rec["theta_w"]), tuple(rec["lagrangian"]), tuple(rec["step_norm"]),
                    tuple(rec["step_cond"]))
    tr = _float_run(spec)
    rec, fin = tr.records, tr.final

    def states(key: str) -> tuple[float, ...]:
        return tuple(float(x) for x in rec[key][:, 0]) + (float(fin[key][0]),)

    return Path(states("theta_w"), states("lagrangian"),
                tuple(float(x) for x in rec["step_norm"][:, 0]),
                tuple(float(x) for x in rec["step_cond"][:, 0]))


def iterates(p: RunPoint, B: Backend) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """(w^0..w^n, u^0..u^n): u^{t+1} = argmin_u L_beta(u, w^t); float loop or mpmath replay."""
    spec = spec_of(p)
    if B.is_mp:
        r = _mp_replay(spec, B.dps)  # type: ignore[attr-defined]
        return tuple(r.w), tuple(r.u)
    ws, us, min_hat = float_iterates(spec)
    if min_hat == 0:
        raise ValueError("ŵ = 0: the update left the domain of Algorithm 1")
    return ws, us


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


def steps(p: RunPoint, B: Backend) -> list[Step]:
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


def first_unit_t(p: RunPoint) -> int:
    """The first t with ||w^t|| = 1: 0 when w^0 is exactly unit, else 1 (normalised iterates)."""
    return 0 if exact_unit(p["w0"]) else 1


def unit_steps(p: RunPoint, B: Backend) -> list[Step]:
    """:func:`steps` at which ||w^t|| = 1: t >= 1 always, t = 0 when w^0 is exactly unit."""
    first = first_unit_t(p)
    return [s for s in steps(p, B) if s.t >= first]


def nrm(x: np.ndarray, B: Backend) -> Any:
    return B.sqrt(np.dot(x, x))


def min_or(values: Iterable[Any], default: Any) -> Any:
    vals = list(values)
    return min(vals) if vals else default
