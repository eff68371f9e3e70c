"""Hypotheses of Theorem 1 and Lemmas 5.5 / 5.6 for a run setting: holds / fails, with numbers.

The hypotheses are the claims' own definitions (:mod:`proofs.claims.runs.hypotheses`, each once,
with its paper location); this module evaluates them in float64 for a :class:`RunSpec`, with
delta taken as large as the initialisation allows, delta = pi - theta(w^0, w*) (hypothesis (i):
theta(w^0, w*) <= pi - delta, which then holds by construction and is not reported). The step
condition is read off a given trajectory's records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from proofs.algorithm.rvscgd import MpTrajectory, RunSpec, Trajectory, run
from proofs.engine.backend import FLOAT
from proofs.model.geometry import angle


@dataclass(frozen=True)
class HypothesisCheck:
    """One hypothesis: ``holds`` is None when it could not be checked (no trajectory)."""

    name: str
    source: str  # "Theorem 1 (ii)", "Lemma 5.6 (iii)", ...
    holds: bool | None
    value: float
    bound: float
    relation: str  # "<=", "<", ">"
    note: str = ""


@dataclass(frozen=True)
class HypothesisReport:
    delta: float
    checks: tuple[HypothesisCheck, ...]

    def by_name(self) -> dict[str, HypothesisCheck]:
        return {c.name: c for c in self.checks}

    @property
    def all_hold(self) -> bool:
        return all(c.holds is not False for c in self.checks)

    def failed(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.checks if c.holds is False)


def _max_step_condition(trajectory: Trajectory | MpTrajectory) -> tuple[float, str]:
    if isinstance(trajectory, MpTrajectory):
        vals = trajectory.records["step_cond"]
        return (float(max(vals)) if vals else 0.0), f"all {len(vals)} iterations (mpmath)"
    sc = trajectory.records["step_cond"]
    stride = int(trajectory.t[1] - trajectory.t[0]) if trajectory.t.size > 1 else 1
    where = "every iteration" if stride == 1 else f"recorded iterations (stride {stride})"
    return (float(np.max(sc)) if sc.size else 0.0), where


def _holds(value: float, bound: float, relation: str) -> bool:
    return {"<=": value <= bound, "<": value < bound, ">=": value >= bound, ">": value > bound}[relation]


def check_hypotheses(
    spec: RunSpec, trajectory: Trajectory | MpTrajectory | None = None
) -> HypothesisReport:
    """Each hypothesis of Theorem 1 and Lemmas 5.5, 5.6 for ``spec`` (float64 numbers).

    The step condition eta ||E g(w^t) + beta (w^t - u^{t+1})|| <= 1/2 (Theorem 1) is checked
    along ``trajectory`` (default: ``run(spec)``, at the spec's stride).
    """
    from proofs.claims.runs.hypotheses import ALL, H_BETA, H_DELTA_POS, H_INIT, H_STEP

    theta0 = float(angle(np.array(spec.w0), np.array(spec.w_star)))
    delta = math.pi - theta0
    point: dict[str, Any] = {
        "k": spec.k, "w_star": np.array(spec.w_star), "w0": np.array(spec.w0), "lam": spec.lam,
        "beta": spec.beta, "eta": spec.eta, "delta": delta, "penalty": spec.penalty, "a": spec.a,
    }
    notes = {
        H_DELTA_POS.name: f"delta = pi - theta(w0, w*) = {delta:.6g}",
        H_BETA.name: "" if spec.penalty == "l1" else
        f"Theorem 1 is stated for l1; penalty here is {spec.penalty} (Corollary 1.1)",
    }
    checks = []
    for h in ALL:
        if h is H_INIT:  # holds by the choice of delta
            continue
        bound = float(h.bound(point, FLOAT))  # type: ignore[attr-defined, misc]
        if h is H_STEP:
            traj: Any = trajectory if trajectory is not None else run(spec, progress=False)
            value, where = _max_step_condition(traj)
            note = f"max over {where}"
        else:
            value = float(h.quantity(point, FLOAT))  # type: ignore[attr-defined, misc]
            note = notes.get(h.name, "")
        checks.append(HypothesisCheck(h.name, h.source, _holds(value, bound, h.relation),  # type: ignore[attr-defined]
                                      value, bound, h.relation, note))  # type: ignore[attr-defined]
    return HypothesisReport(delta=delta, checks=tuple(checks))
