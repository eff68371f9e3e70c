"""Hypotheses of Theorem 1 and Lemmas 5.5 / 5.6 for a run setting: holds / fails, with numbers.

delta is taken as large as allowed by the initialisation, delta = pi - theta(w^0, w*)
(hypothesis (i): theta(w^0, w*) <= pi - delta). L = k/(4 pi) is Lemma 5.3's constant.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from proofs.algorithm.rvscgd import MpTrajectory, RunSpec, Trajectory, run
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


def _cmp(value: float, bound: float, relation: str) -> bool:
    return {"<=": value <= bound, "<": value < bound, ">": value > bound}[relation]


def _check(name: str, source: str, value: float, bound: float, relation: str, note: str = "") -> HypothesisCheck:
    return HypothesisCheck(name, source, _cmp(value, bound, relation), value, bound, relation, note)


def _max_step_condition(trajectory: Trajectory | MpTrajectory) -> tuple[float, str]:
    if isinstance(trajectory, MpTrajectory):
        vals = trajectory.records["step_cond"]
        return (float(max(vals)) if vals else 0.0), f"all {len(vals)} iterations (mpmath)"
    sc = trajectory.records["step_cond"]
    stride = int(trajectory.t[1] - trajectory.t[0]) if trajectory.t.size > 1 else 1
    where = "every iteration" if stride == 1 else f"recorded iterations (stride {stride})"
    return (float(np.max(sc)) if sc.size else 0.0), where


def check_hypotheses(
    spec: RunSpec, trajectory: Trajectory | MpTrajectory | None = None
) -> HypothesisReport:
    """Each hypothesis of Theorem 1 and Lemmas 5.5, 5.6 for ``spec`` (float64 numbers).

    The step condition eta ||E g(w^t) + beta (w^t - u^{t+1})|| <= 1/2 (Theorem 1) is checked
    along ``trajectory`` (default: ``run(spec)``, at the spec's stride).
    """
    k, d = spec.k, spec.d
    lam, beta, eta = float(spec.lam), float(spec.beta), float(spec.eta)
    theta0 = float(angle(np.array(spec.w0), np.array(spec.w_star)))
    delta = math.pi - theta0
    L = k / (4 * math.pi)
    pen_note = "" if spec.penalty == "l1" else f"Theorem 1 is stated for l1; penalty here is {spec.penalty} (Corollary 1.1)"
    checks = [
        _check("delta > 0", "Theorem 1 (i), Lemma 5.6 (i)", delta, 0.0, ">",
               f"delta = pi - theta(w0, w*) = {delta:.6g}"),
        _check("beta <= k sin(delta)/(2 pi)", "Theorem 1 (ii), Lemma 5.6 (ii)", beta,
               k * math.sin(delta) / (2 * math.pi), "<=", pen_note),
        _check("lam < k/(2 pi sqrt(d))", "Theorem 1 (ii)", lam, k / (2 * math.pi * math.sqrt(d)), "<"),
        _check("(2 pi/k) lam sqrt(d) < 1", "Lemma 5.6 (ii)", 2 * math.pi / k * lam * math.sqrt(d), 1.0, "<"),
        _check("eta k/(2 pi) < 1", "Lemma 5.6 (iii)", eta * k / (2 * math.pi), 1.0, "<"),
        _check("eta <= min{1/(beta+L), 2 pi/k}", "Theorem 1", eta,
               min(1 / (beta + L), 2 * math.pi / k), "<=", "L = k/(4 pi) (Lemma 5.3)"),
        _check("eta <= 1/(beta+L)", "Lemma 5.5", eta, 1 / (beta + L), "<=", "L = k/(4 pi) (Lemma 5.3)"),
    ]
    traj: Any = trajectory if trajectory is not None else run(spec, progress=False)
    value, where = _max_step_condition(traj)
    checks.append(
        _check("eta ||E g(w^t) + beta (w^t - u^{t+1})|| <= 1/2 for all t", "Theorem 1", value, 0.5,
               "<=", f"max over {where}")
    )
    return HypothesisReport(delta=delta, checks=tuple(checks))
