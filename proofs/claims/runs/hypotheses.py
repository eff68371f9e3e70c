"""Every hypothesis of the paper on a run, defined once, by name, with its paper location.

Each is a :class:`RunHypothesis`: the engine's :class:`~proofs.engine.claim.Hypothesis` (name,
margin, strict) that also says where the paper states it (``source``) and which inequality it is,
``quantity RELATION bound`` (functions of a run point and a backend; margin = bound - quantity,
or quantity - bound for ``>``), so that :func:`proofs.algorithm.hypotheses.check_hypotheses`
reports the same definitions with their numbers. The claims combine the groups at the end
(:data:`SETTING`, :data:`LEMMA54`, :data:`LEMMA56`, :data:`THEOREM1`, ...).

Where the paper's lemmas really assume different things there are separate hypotheses, and each
docstring says which lemma assumes what:

* the learning rate: Lemma 5.5 assumes eta <= 1/(beta + L) (:data:`H_ETA_L55`), Lemma 5.6 (iii)
  eta k/(2 pi) < 1 (:data:`H_ETA_L56`, which allows c1 = 1 - eta (k/(2 pi) + beta) < 0), Theorem 1
  eta <= min{1/(beta + L), 2 pi/k} (:data:`H_ETA_T1`); the toolkit's fixes add c1 >= 0
  (:data:`H_C1_NONNEG`) or c1 > 0 (:data:`H_C1_POS`);
* the step condition: Theorem 1 assumes it for all t (:data:`H_STEP`), the proof of Lemma 5.5
  uses it at the step at hand (:data:`H_STEP_HORIZON`, on the horizon of a trajectory point).

lambda: Section 3 introduces "a parameter lambda > 0" for the whole method, and no lemma relaxes
it, so every claim assumes :data:`H_LAM_POS` (Algorithm 1 itself would also run at lambda = 0,
where u = w).

Constants inside hypotheses (Lemma 5.3's L = k/(4 pi), the step condition's 1/2) are named exact
constants here (:data:`L_LEMMA53`, :data:`STEP_HALF`). A claim's ``with_constants`` changes the
constants of its conclusion only (the engine passes no constants to margins); a variant under
another hypothesis is ``claim.derive(..., drop_hypotheses=[name], add_hypotheses=(...))``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from proofs.engine.backend import Backend
from proofs.engine.claim import Constant, Hypothesis
from proofs.model import angle

from . import limit, trajectory
from .points import RunPoint, is_horizon, param_expr, spec_of

Fn = Callable[[RunPoint, Backend], Any]
RELATIONS = ("<=", "<", ">=", ">")

#: Lemma 5.3's constant as printed (the L of Lemma 5.5's and Theorem 1's learning-rate bounds)
L_LEMMA53 = Constant("L", "k/(4*pi)", doc="Lemma 5.3's L, as the paper prints it")
#: the bound of Theorem 1's step condition
STEP_HALF = Constant("STEP", "1/2", doc="eta ||E g + beta (w - u)|| <= 1/2 (Theorem 1)")
#: ||E g(w) + beta (w - u)|| <= k/pi + beta for unit w (proved: T1-remark-step+fix)
STEP_NORM_BOUND = Constant("BOUND", param_expr("k/pi + beta"),
                           doc="upper bound of ||E g(w^t) + beta (w^t - u^{t+1})||, attained at "
                           "w^t = -w*, u^{t+1} = 0")


@dataclass(frozen=True)
class RunHypothesis(Hypothesis):
    """A hypothesis of the paper: ``quantity RELATION bound``, stated at ``source``."""

    source: str = ""
    quantity: Fn | None = None
    bound: Fn | None = None
    relation: str = "<="
    doc: str = ""


def hypothesis(name: str, source: str, quantity: Fn, relation: str, bound: Fn,
               doc: str = "") -> RunHypothesis:
    """``quantity RELATION bound`` as a hypothesis (margin >= 0, > 0 for a strict relation)."""
    if relation not in RELATIONS:
        raise ValueError(f"relation must be one of {RELATIONS}")

    def margin(p: RunPoint, B: Backend) -> Any:
        if relation in ("<=", "<"):
            return bound(p, B) - quantity(p, B)
        return quantity(p, B) - bound(p, B)

    return RunHypothesis(name, margin, relation in ("<", ">"), source=source, quantity=quantity,
                         bound=bound, relation=relation, doc=doc)


def _param(name: str, default: Any = None) -> Fn:
    return lambda p, B: B.scalar(p[name] if default is None else p.get(name, default))


def _const(value: Any) -> Fn:
    return lambda p, B: B.scalar(value)


def _k(p: RunPoint, B: Backend) -> Any:
    return B.scalar(int(p["k"]))


def _dim(p: RunPoint) -> int:
    return len(np.ravel(np.asarray(p["w_star"], dtype=object)))


def theta0(p: RunPoint, B: Backend) -> Any:
    """theta(w^0, w*) at the backend's precision."""
    return angle(B.vector(p["w0"]), B.vector(p["w_star"]))


def _teacher_norm_error(p: RunPoint, B: Backend) -> Any:
    s = B.vector(p["w_star"])
    return B.fabs(B.sqrt(np.dot(s, s)) - 1)


def _eta_bound_l55(p: RunPoint, B: Backend) -> Any:
    return 1 / (B.scalar(p["beta"]) + L_LEMMA53.at(p, B))


def _c2(p: RunPoint, B: Backend) -> Any:
    return _k(p, B) / (2 * B.pi)


#: below this (times 1 + eta (k/pi + beta)) a float ||w^^|| is "possibly 0": whether Algorithm 1
#: is defined is then decided by the 50/100-digit replay
DEFINED_DOUBT = 1e-9


def defined(p: RunPoint, B: Backend) -> Any:
    """1 if Algorithm 1 is defined along the horizon (every w^^{t+1} != 0), else 0.

    mpmath: the replay at ``B.dps`` digits (it raises exactly when some w^^ = 0). float64: 0 (in
    doubt, so the engine decides at 50/100 digits) when ``run`` fails or the float loop's
    min_t ||w^^{t+1}|| is below DEFINED_DOUBT (1 + eta (k/pi + beta)): the float run can miss an
    exact cancellation w^^ = 0 by a rounding residue."""
    try:
        trajectory.path(p, B)
    except ValueError as exc:
        if "ŵ = 0" in str(exc):
            return B.scalar(0)
        raise
    if not B.is_mp:
        _, _, min_hat = trajectory.float_iterates(spec_of(p))
        scale = 1 + float(p["eta"]) * (int(p["k"]) / math.pi + float(p["beta"]))
        if not min_hat > DEFINED_DOUBT * scale:
            return B.scalar(0)
    return B.scalar(1)


def step_sup(p: RunPoint, B: Backend) -> Any:
    """A certified upper bound of sup_{t>=0} eta ||E g(w^t) + beta (w^t - u^{t+1})||.

    Limit point: the run to convergence (:func:`proofs.claims.runs.limit.step_sup`). Trajectory
    point: the exact maximum over the horizon t < T and, for t >= T, the proved bound
    eta (k/pi + beta) (:data:`STEP_NORM_BOUND`, T1-remark-step+fix)."""
    if not is_horizon(p):
        return limit.step_sup(p, B)
    tail = B.scalar(p["eta"]) * STEP_NORM_BOUND.at(p, B)
    return max(max(trajectory.path(p, B).step_cond, default=B.scalar(0)), tail)


def step_horizon(p: RunPoint, B: Backend) -> Any:
    """max_{t<T} eta ||E g(w^t) + beta (w^t - u^{t+1})|| on a trajectory point's horizon."""
    return max(trajectory.path(p, B).step_cond, default=B.scalar(0))


# ------------------------------------------------------------------ the setting (Sections 3, 5)
H_UNIT_TEACHER = hypothesis(
    "|w*| = 1", "Lemma 5.1 (and every later lemma)", _teacher_norm_error, "<=",
    _const("1e-12"), doc="to the rounding of a float64 unit vector: w* is normalised in every formula")
H_BETA_POS = hypothesis("beta > 0", "Algorithm 1 (the coupling weight of L_beta)", _param("beta"),
                        ">", _const(0))
H_ETA_POS = hypothesis("eta > 0", "Algorithm 1 (the learning rate)", _param("eta"), ">", _const(0))
H_LAM_POS = hypothesis("lambda > 0", "Section 3 ('for a parameter lambda > 0')", _param("lam"),
                       ">", _const(0))
H_A_POS = hypothesis("a > 0", "Definition 1 (Tl1: a in (0, +inf))", _param("a", 1.0), ">", _const(0))
H_DEFINED = hypothesis(
    "Algorithm 1 defined on the horizon (w^^{t+1} != 0)",
    "Algorithm 1 (w^{t+1} = w^^{t+1}/||w^^{t+1}||)", defined, ">", _const(0))

# ------------------------------------------------------------------ (i), (ii): Lemma 5.4, 5.6, Theorem 1
H_DELTA_POS = hypothesis("(i) delta > 0", "Theorem 1 (i), Lemma 5.4, Lemma 5.6 (i)", _param("delta"),
                         ">", _const(0))
H_INIT = hypothesis("(i) theta(w0, w*) <= pi - delta", "Theorem 1 (i), Lemma 5.4, Lemma 5.6 (i)",
                    theta0, "<=", lambda p, B: B.pi - B.scalar(p["delta"]))
H_BETA = hypothesis(
    "(ii) beta <= k sin(delta)/(2 pi)", "Theorem 1 (ii), Lemma 5.4, Lemma 5.6 (ii)", _param("beta"),
    "<=", lambda p, B: _k(p, B) * B.sin(B.scalar(p["delta"])) / (2 * B.pi))
H_LAM = hypothesis(
    "(ii) lambda < k/(2 pi sqrt(d))",
    "Theorem 1 (ii); Lemma 5.6 (ii) writes it (2 pi/k) lambda sqrt(d) < 1", _param("lam"), "<",
    lambda p, B: _k(p, B) / (2 * B.pi * B.sqrt(B.scalar(_dim(p)))))

# ------------------------------------------------------------------ the learning rate
H_ETA_L55 = hypothesis(
    "eta <= 1/(beta + L), L = k/(4 pi)", "Lemma 5.5 (L of Lemma 5.3)", _param("eta"), "<=",
    _eta_bound_l55)
H_ETA_L56 = hypothesis(
    "(iii) eta k/(2 pi) < 1", "Lemma 5.6 (iii) (it allows c1 = 1 - eta (k/(2 pi) + beta) < 0)",
    lambda p, B: B.scalar(p["eta"]) * int(p["k"]) / (2 * B.pi), "<", _const(1))
H_ETA_T1 = hypothesis(
    "eta <= min{1/(beta + L), 2 pi/k}, L = k/(4 pi)", "Theorem 1", _param("eta"), "<=",
    lambda p, B: min(_eta_bound_l55(p, B), 2 * B.pi / _k(p, B)))
H_C1_NONNEG = hypothesis(
    "eta (k/(2 pi) + beta) <= 1",
    "toolkit (the fixes of Lemmas 5.4, 5.5, Theorem 1): c1 = 1 - eta (k/(2 pi) + beta) >= 0, the "
    "coefficient of w^t in w^^{t+1}, which the proofs take positive", _param("eta"), "<=",
    lambda p, B: 1 / (_c2(p, B) + B.scalar(p["beta"])))
H_C1_POS = hypothesis(
    "eta (k/(2 pi) + beta) < 1",
    "toolkit (L5.6-convergence+fix): c1 > 0, which eq. (21) of Lemma 5.6's proof asserts 'due to "
    "(iii)'", lambda p, B: B.scalar(p["eta"]) * (_c2(p, B) + B.scalar(p["beta"])), "<", _const(1))

# ------------------------------------------------------------------ the step condition
H_STEP = hypothesis(
    "eta ||E g(w^t) + beta (w^t - u^{t+1})|| <= 1/2 for all t", "Theorem 1", step_sup, "<=",
    STEP_HALF.at, doc=step_sup.__doc__ or "")
H_STEP_HORIZON = hypothesis(
    "eta ||E g(w^t) + beta (w^t - u^{t+1})|| <= 1/2 for t < T",
    "proof of Lemma 5.5 (the step condition at the steps of the horizon)", step_horizon, "<=",
    STEP_HALF.at)

# ------------------------------------------------------------------ the paper's groups
#: the standing assumptions of every run
SETTING = (H_UNIT_TEACHER, H_BETA_POS, H_ETA_POS, H_LAM_POS)
#: Lemma 5.4: theta0 <= pi - delta, beta <= k sin(delta)/(2 pi)
LEMMA54 = (H_DELTA_POS, H_INIT, H_BETA)
#: Lemma 5.6 (i)-(iii)
LEMMA56 = (*LEMMA54, H_LAM, H_ETA_L56)
#: Theorem 1: (i), (ii), the learning rate and the step condition
THEOREM1 = (*LEMMA54, H_LAM, H_ETA_T1, H_STEP)
#: every hypothesis of the paper on a run, for reports (each once)
ALL = (*SETTING, *LEMMA54, H_LAM, H_ETA_L55, H_ETA_L56, H_ETA_T1, H_STEP)


def horizon(*groups: tuple[RunHypothesis, ...]) -> tuple[RunHypothesis, ...]:
    """The hypotheses of a trajectory claim: the setting, Algorithm 1 defined on the horizon
    (checked first: the other run quantities need the run), then ``groups``."""
    return (*SETTING, H_DEFINED, *(h for g in groups for h in g))


def at_limit(*groups: tuple[RunHypothesis, ...]) -> tuple[RunHypothesis, ...]:
    """The hypotheses of a limit claim: the setting, then ``groups``."""
    return (*SETTING, *(h for g in groups for h in g))


def lemma56_step_sizes(penalties: tuple[str, ...]) -> Any:
    """The power check of a Theorem 1 convergence claim: the same claim with Theorem 1's
    learning-rate bound and step condition replaced by Lemma 5.6's (iii) eta k/(2 pi) < 1, which
    admits 2-cycles (c1 < 0): the search alone must find one."""
    from proofs.engine.power import perturbed

    from .strategies import limit_points

    def build(c: Any) -> Any:
        return c.derive(f"{c.id}[eta: Lemma 5.6 (iii)]", drop_hypotheses=[H_ETA_T1.name, H_STEP.name],
                        add_hypotheses=(H_ETA_L56,),
                        strategy=lambda: limit_points("L5.6", penalties, require_convergence=False))

    return perturbed("Theorem 1's eta bound and step condition replaced by Lemma 5.6 (iii)", build)
