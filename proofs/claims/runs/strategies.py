"""Hypothesis strategies drawing run points inside chosen hypotheses of the paper.

* :func:`horizon_points` -- trajectory points (a horizon T, u0 arbitrary), built from small
  integer vectors and round numbers so that shrinking gives hand-checkable runs: Lemma 5.4's
  theta0 <= pi - delta and beta <= k sin(delta)/(2 pi); Lemma 5.5's / Theorem 1's / a fix's eta
  bounds; Theorem 1's lambda bound; the step condition on the horizon or for all t.
* :func:`limit_points` -- limit points inside Lemma 5.6's or Theorem 1's hypotheses, reaching the
  edges in floats (beta at its bound to 1e-12, lam near its bound and tiny, w0 near w* and at
  theta0 = pi - delta), optionally only runs that converge.

Every drawn lambda is > 0 (:data:`~proofs.claims.runs.hypotheses.H_LAM_POS`); its edge is
:data:`LAM_EDGE`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from proofs.claims.strategies import PI, at_angle, patch_counts, perpendicular_directions
from proofs.engine.backend import FLOAT
from proofs.model import angle

from . import limit, trajectory
from .hypotheses import H_DEFINED
from .points import RunPoint

#: relative safety margin used when a strategy puts a parameter "at" an irrational bound
#: (e.g. beta = k sin(delta)/(2 pi) * (1 - EDGE)): far above float rounding (1e-16), far below
#: anything a reader would call "inside"
EDGE = 1e-9
#: the smallest lambda drawn (Section 3's lambda > 0 at its edge: u^{t+1} ~ w^t)
LAM_EDGE = 1e-12

ROUND_DELTAS = (PI / 2, PI / 3, PI / 4, PI / 6, 1.0, 0.5, 0.1, 0.01)
ROUND_ETAS = (0.1, 1.0, 0.5, 0.01, 0.001, 2.0, 10.0, 100.0, 1000.0)
ROUND_BETAS = (0.1, 0.01, 0.05, 1.0, 0.001, 1e-6)
#: round lambdas (the first is where shrinking goes; the edge LAM_EDGE is drawn too)
ROUND_LAMS = (0.01, 0.1, 0.05, 0.001, 1.0, 10.0, LAM_EDGE)


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x)


def int_vectors(d: int, bound: int = 4) -> st.SearchStrategy[np.ndarray]:
    """Non-zero integer vectors in [-bound, bound]^d (as floats)."""
    return (
        st.lists(st.integers(-bound, bound), min_size=d, max_size=d)
        .filter(lambda xs: any(xs))
        .map(lambda xs: np.asarray(xs, dtype=float))
    )


def _float_angle(a: np.ndarray, b: np.ndarray) -> float:
    return float(angle(np.asarray(a, dtype=float), np.asarray(b, dtype=float)))


# --------------------------------------------------------------------------- trajectory points
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
        w0 = unit(draw(int_vectors(d)))
    elif kind == "near":
        eps = 10.0 ** -draw(st.integers(1, 8))
        w0 = unit(w_star + eps * draw(int_vectors(d)))
    else:
        frac = draw(st.sampled_from([1.0, 0.5, 0.1])) if not draw(st.booleans()) else draw(st.floats(0, 1))
        th = max_theta * frac * (1 - EDGE)
        e = draw(perpendicular_directions(w_star))
        w0 = at_angle(w_star, th, e)
    assume(float(np.linalg.norm(w0)) > 0)
    return w0


def _max_step_norm(p: RunPoint) -> float:
    return max(trajectory.path(p, FLOAT).step_cond, default=0.0) / float(p["eta"])


def _defined(p: RunPoint) -> bool:
    """The float margin of H_DEFINED is 1 (run defined, no w^^ near 0)."""
    return float(H_DEFINED.margin(p, FLOAT)) > 0


@st.composite
def horizon_points(
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
) -> RunPoint:
    """Trajectory points of Algorithm 1 inside chosen hypotheses.

    * ``lemma54``: draw delta and keep theta(w0, w*) <= pi - delta, beta <= k sin(delta)/(2 pi)
      (beta at its bound, a fraction of it, or round); otherwise beta is free and w0 anywhere
      (theta0 = pi included).
    * ``eta_rule``: "any" (round values 1e-3..1e3, log-uniform 1e-4..1e3), "L55"
      (eta <= 1/(beta + k/(4 pi))), "T1" (eta <= min{1/(beta + L), 2 pi/k}), "fix"
      (eta (k/(2 pi) + beta) <= 1); bounded rules reach the bound (1 - 1e-9), simple fractions
      of it and round values below it.
    * ``lam_rule``: "any" (round values from LAM_EDGE to 10, or lambda = beta tau with tau around
      the entries of w, so u = 0 is reached) or "T1" (lambda < k/(2 pi sqrt d), its edge included).
    * ``step_rule``: None, "horizon" (max_{t<T} eta ||E g + beta (w - u)|| <= 1/2, eta pushed to
      that edge when drawn so) or "all" (also eta (k/pi + beta) <= 1/2, which bounds every later
      step: see :data:`~proofs.claims.runs.hypotheses.H_STEP`).
    * w* = a normalised integer vector in [-4, 4]^d; d = 2, 3 often, up to ``max_d``; k from
      :func:`proofs.claims.strategies.patch_counts`; T in min_T..max_T (min_T = 2 for
      conclusions checked from t = 1 on, as w0 is rarely exactly unit); u0 None (= prox(w0)), 0,
      or an integer vector.
    """
    d = draw(st.one_of(st.sampled_from([2, 3]), st.integers(2, max_d)))
    k = draw(patch_counts(max_k))
    w_star = unit(draw(int_vectors(d)))
    p: RunPoint = {"k": k, "w_star": w_star}
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
    if lam_rule == "T1":
        lam_b = k / (2 * math.pi * math.sqrt(d))
        lam = _round_or_bounded(draw, ROUND_LAMS, lam_b)  # LAM_EDGE is one of the round values
    else:
        kind = draw(st.sampled_from(["round", "tau"]))
        if kind == "round":
            lam = float(draw(st.sampled_from(ROUND_LAMS)))
        else:
            tau = draw(st.sampled_from([0.5, 1.0, 0.1, 2.0])) if draw(st.booleans()) else draw(st.floats(0, 1.5))
            lam = max(beta * tau, LAM_EDGE)
    p["lam"] = lam
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


# --------------------------------------------------------------------------- limit points
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
        return unit(v)
    if kind == "sparse":
        v = np.zeros(d)
        v[0], v[1] = 1.0, draw(st.floats(0.05, 1.0))
        return unit(v)
    xs = draw(st.lists(st.floats(-1, 1, allow_nan=False), min_size=d, max_size=d))
    v = np.array(xs, dtype=float)
    if np.linalg.norm(v) < 1e-3:
        v[0] = 1.0
    return unit(v)


def perpendicular(s: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The unit component of x orthogonal to the unit s (a fixed direction if x is parallel)."""
    p = x - np.dot(x, s) * s
    p = p - np.dot(p, s) * s
    if np.linalg.norm(p) < 1e-3:
        i = int(np.argmin(np.abs(s)))
        e = np.eye(s.size)[i]
        p = e - np.dot(e, s) * s
        p = p - np.dot(p, s) * s
    return p / np.linalg.norm(p)


def _edge_or_fraction(draw: Any, kinds: Sequence[str], hi: float, edge: float,
                      low: tuple[float, float]) -> float:
    """``hi * (1 - edge)`` ("bound"), ``hi`` times a drawn fraction ("fraction"), or
    ``hi * 10^x`` with x in ``low`` ("tiny")."""
    kind = draw(st.sampled_from(list(kinds)))
    if kind == "bound":
        return hi * (1 - edge)
    if kind == "fraction":
        return hi * draw(st.floats(0.05, 1.0)) * (1 - edge)
    return hi * 10.0 ** draw(st.floats(*low))


@st.composite
def limit_points(
    draw: Any,
    family: str = "L5.6",
    penalties: tuple[str, ...] = ("l1",),
    require_convergence: bool = True,
    c1_positive: bool = False,
) -> RunPoint:
    """Limit points inside the hypotheses of Lemma 5.6 (``family="L5.6"``) or Theorem 1
    (``"T1"``, step condition along the run included), reaching the edges: beta at its bound
    (to 1e-12 relative), lam near its bound and tiny, tau = lam/beta small (|u| ~ 1), d = 2, 3,
    k = 1 and larger, w0 near w* and at theta0 = pi - delta (to 1e-9 relative), eta at its
    bound (to 1e-9) and small. ``c1_positive``: eta (k/(2 pi) + beta) < 1 too. Points whose run
    did not converge within the cap are rejected when ``require_convergence`` (the claims about
    "the limit" are conditional on it)."""
    k = draw(st.one_of(st.just(1), st.sampled_from([2, 3, 4, 10]), st.integers(1, 40)))
    d = draw(st.one_of(st.sampled_from([2, 2, 3]), st.integers(2, 6)))
    pen = draw(st.sampled_from(penalties))
    s = draw(_teacher(d))
    th_kind = draw(st.sampled_from(["uniform", "near", "far", "round"]))
    if th_kind == "near":
        th0 = 10.0 ** draw(st.floats(-6, -1))
    elif th_kind == "far":
        th0 = math.pi - 10.0 ** draw(st.floats(-3, 0))
    elif th_kind == "round":
        th0 = draw(st.sampled_from([math.pi / 2, math.pi / 3, 1.0, 2.0, 0.5]))
    else:
        th0 = draw(st.floats(1e-3, math.pi - 1e-3))
    e = perpendicular(s, np.array(draw(st.lists(st.floats(-1, 1, allow_nan=False), min_size=d, max_size=d))))
    w0 = unit(math.cos(th0) * s + math.sin(th0) * e)
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
    beta = _edge_or_fraction(draw, ["bound", "bound", "fraction", "tiny"], c2 * math.sin(delta),
                             1e-12, (-4, -1))
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
        emax, ef = 2 * math.pi / k, 1 - 1e-9
    else:
        emax, ef = min(1 / (beta + k / (4 * math.pi)), 2 * math.pi / k), 1 - 1e-12
    if c1_positive:  # eta (k/(2pi) + beta) < 1 (the corrected convergence claim)
        emax, ef = min(emax, 1 / (c2 + beta)), 1 - 1e-9
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
            sm = float(limit.step_sup(p, FLOAT))
            if sm <= 0.5 * (1 - 1e-6):
                break
            p = dict(p, eta=p["eta"] * 0.5 * (1 - 1e-3) / sm)
        assume(float(limit.step_sup(p, FLOAT)) <= 0.5 * (1 - 1e-6))
    if require_convergence:
        assume(limit.converged(p))
        try:
            limit.limit(p, FLOAT)
        except limit.LimitError:
            assume(False)
    return p
