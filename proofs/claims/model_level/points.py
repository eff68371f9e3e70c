"""Declared domains, points and hypotheses of the model-level claims, written once.

* w-points (Section 3, Lemma 5.1, eq. 17): :func:`w_domain` -- k, d, the angle theta and the norm
  r as declared scalars, w* on the unit sphere of R^d, w at angle theta from w* with norm r;
* sphere pairs (Lemma 5.3): :data:`SPHERE` -- theta2 in (0, theta1], unit w1, w2 at those angles
  (the engine draws w2 in w1's plane, same or mirror side, or in an independent plane);
* norm pairs (Lemma 5.3's closed form): :data:`NORM_PAIRS` -- closed angles, free norms;
* pairs of Lemma 5.2 (hand-written hypotheses and strategy): :func:`draw_norm_pair`.

The declarations state the paper's ranges (k >= 1, d >= 2, norms in (0, oo)); the search caps
(k <= 100, d <= 60) live in the strategies only, never in a hypothesis. Points of a declared
domain are realized at the backend's precision, so |w*| = 1, theta(w, w*) = theta and |w| = r hold
by construction at 50 and 100 digits; :func:`star` (w*/|w*|) serves the hand-written points of
Lemma 5.2 (and is harmless on realized ones).

The strategies are the hand-tuned ones (:func:`w_points`, :func:`sphere_pairs`,
:func:`vector_pairs`), emitting the declared coordinates too: angles tiny (1e-12..1e-3), near pi,
round and uniform, the closed angles' end points 0 and pi (pi as the float math.pi, just below
it), norms 1 and 1e-6..1e6, k up to 100, d up to 60; w2 in the plane of w1 (same or mirror side)
or in an independent plane, theta2 = theta1 exactly or below it. They keep every open angle at least 1e-12
from 0 and pi, where the float model can still tell w from +-w* (grad f is undefined there): the
generated strategy reaches the float next to pi, where the float search could not evaluate grad f.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Point
from proofs.engine.domain import Domain, Integer
from proofs.engine.ranges import Range
from proofs.model import angle

from ..strategies import (
    PI,
    angles,
    at_angle,
    closed_angles,
    dims,
    norms,
    nrm,
    ordered_angle_pairs,
    patch_counts,
    perpendicular_directions,
    unit_b,
    unit_vectors,
    vector_at_angle,
)

#: k >= 1 (searched up to 100) and d >= 2 (searched up to 60; theta in (0, pi) needs d >= 2)
K = Integer("k", Range(1, "oo", integer=True), cap=99)
DIM = Integer("d", Range(2, "oo", integer=True), cap=58)
_SPHERE_OF_R_D = "w_star in unit sphere of R^d"


def w_domain(angle_range: str = "(0, pi)", unit: bool = False, k: bool = True) -> Domain:
    """k, d, theta in ``angle_range``, r in (0, oo) (omitted when ``unit``), w*, w at angle theta."""
    norm = [] if unit else ["r in (0, oo)"]
    w = "w at angle theta from w_star" + ("" if unit else " with norm r")
    return Domain(*([K] if k else []), DIM, f"theta in {angle_range}", *norm, _SPHERE_OF_R_D, w)


#: Lemma 3.1's / 5.1's hypotheses: theta(w, w*) in (0, pi), |w| != 0
W_OPEN = w_domain()
#: any w != 0 (S3.loss-convention): the angle's end points included
W_CLOSED = w_domain("[0, pi]")
#: Lemma 5.3's hypotheses: |w1| = |w2| = 1, theta_j in (0, pi), theta2 <= theta1
SPHERE = Domain(K, DIM, "theta1 in (0, pi)", "theta2 in (0, theta1]", _SPHERE_OF_R_D,
                "w1 at angle theta1 from w_star", "w2 at angle theta2 from w_star")
#: any w1, w2 != 0 (Lemma 5.3's closed form of f): closed angles, free norms
NORM_PAIRS = Domain(K, DIM, "theta1 in [0, pi]", "theta2 in [0, pi]", "r1 in (0, oo)", "r2 in (0, oo)",
                    _SPHERE_OF_R_D, "w1 at angle theta1 from w_star with norm r1",
                    "w2 at angle theta2 from w_star with norm r2")

_E1, _E2, _E3 = np.eye(3)
_RIGHT = PI / 2  # the float next to pi/2 (the examples are float points, like the strategies')
#: k = 2, theta = pi/2, |w| = 1, d = 2
W_EXAMPLE: Point = {"k": 2, "d": 2, "theta": _RIGHT, "r": 1.0, "w_star": np.array([1.0, 0.0]),
                    "w": np.array([0.0, 1.0])}
#: theta1 = theta2 = pi/2, w1 = e2, w2 = e3, k = 1
SPHERE_EXAMPLE: Point = {"k": 1, "d": 3, "theta1": _RIGHT, "theta2": _RIGHT, "w_star": _E1.copy(),
                         "w1": _E2.copy(), "w2": _E3.copy()}


# --------------------------------------------------------------------------------------------
# geometry at the backend's precision
# --------------------------------------------------------------------------------------------
def star(p: Point, B: Backend) -> np.ndarray:
    """w* / |w*| (the paper's |w*| = 1)."""
    return unit_b(p["w_star"], B)


def theta_of(p: Point, B: Backend, key: str = "w") -> Any:
    """theta(p[key], w*), computed from the vectors (as the model computes it)."""
    return angle(p[key], star(p, B))


def open_angle(key: str = "w") -> Any:
    """Margin of theta(p[key], w*) in (0, pi): min(theta, pi - theta)."""

    def margin(p: Point, B: Backend) -> Any:
        t = theta_of(p, B, key)
        return min(t, B.pi - t)

    return margin


def nonzero(key: str) -> Any:
    """Margin of |p[key]| != 0."""
    return lambda p, B: nrm(p[key], B)


# --------------------------------------------------------------------------------------------
# strategies
# --------------------------------------------------------------------------------------------
#: how w2's direction is drawn from w1's: the same half-plane, the mirror one, or any plane
SAME_FIRST = ("same", "mirror", "independent")
MIRROR_FIRST = ("mirror", "same", "independent")


def _axis(draw: Any) -> tuple[int, np.ndarray]:
    """(d, w*): w* a unit vector in a drawn dimension."""
    d = draw(dims())
    return d, draw(unit_vectors(d))


def w_points(closed: bool = False, unit: bool = False, k: bool = True) -> st.SearchStrategy[Point]:
    """Points of :func:`w_domain` (same arguments): w at a drawn angle to w*, drawn norm (or 1)."""

    @st.composite
    def build(draw: Any) -> Point:
        d, s = _axis(draw)
        th = draw(closed_angles() if closed else angles())
        r = 1.0 if unit else draw(norms())
        w = draw(vector_at_angle(s, th, r))
        p: Point = {"d": d, "theta": th, "w_star": s, "w": w}
        if not unit:
            p["r"] = r
        if k:
            p["k"] = draw(patch_counts())
        return p

    return build()


def sphere_pairs() -> st.SearchStrategy[Point]:
    """Points of :data:`SPHERE`: theta2 = theta1 or below it (nearly equal and independent pairs)."""

    @st.composite
    def build(draw: Any) -> Point:
        d, s = _axis(draw)
        t1, t2 = draw(st.one_of(ordered_angle_pairs(), angles().map(lambda t: (t, t))))
        e1 = draw(perpendicular_directions(s))
        e2 = partner_direction(draw, s, e1, SAME_FIRST)
        return {"k": draw(patch_counts()), "d": d, "theta1": t1, "theta2": t2, "w_star": s,
                "w1": at_angle(s, t1, e1), "w2": at_angle(s, t2, e2)}

    return build()


def vector_pairs() -> st.SearchStrategy[Point]:
    """Points of :data:`NORM_PAIRS`: w1, w2 at drawn angles in [0, pi] with drawn norms."""

    @st.composite
    def build(draw: Any) -> Point:
        d, s = _axis(draw)
        p: Point = {"d": d, "w_star": s}
        for j in (1, 2):
            th, r = draw(closed_angles()), draw(norms())
            p |= {f"theta{j}": th, f"r{j}": r, f"w{j}": draw(vector_at_angle(s, th, r))}
        p["k"] = draw(patch_counts())
        return p

    return build()


def partner_direction(draw: Any, s: np.ndarray, e1: np.ndarray, kinds: tuple[str, ...]) -> np.ndarray:
    """w2's direction orthogonal to w*: e1 (same side), -e1 (mirror) or an independent one."""
    how = draw(st.sampled_from(kinds))
    return e1 if how == "same" else (-e1 if how == "mirror" else draw(perpendicular_directions(s)))


def draw_norm_pair(draw: Any) -> Point:
    """(k, w*, w1, w2): angles in (0, pi) (often equal), norms 1e-6..1e6 (often equal), w1 != w2."""
    _, s = _axis(draw)
    t1, t2 = draw(angles()), draw(st.one_of(angles(), st.just(None)))
    t2 = t1 if t2 is None else t2
    r1 = draw(norms())
    r2 = draw(st.one_of(st.just(r1), norms()))
    e1 = draw(perpendicular_directions(s))
    e2 = partner_direction(draw, s, e1, MIRROR_FIRST)
    w1, w2 = at_angle(s, t1, e1, r1), at_angle(s, t2, e2, r2)
    if np.linalg.norm(w1 - w2) <= 1e-9 * np.linalg.norm(w1):  # keep w1 != w2 robustly
        w2 = at_angle(s, t2, -e1, r2) if s.size > 1 else 2 * w2
    return {"k": draw(patch_counts()), "w_star": s, "w1": w1, "w2": w2}


def norm_pairs() -> st.SearchStrategy[Point]:
    return st.composite(draw_norm_pair)()


# --------------------------------------------------------------------------------------------
# the common fields of a claim on w-points
# --------------------------------------------------------------------------------------------
def w_claim(id: str, paper_ref: str, section: str, statement: str, reading: str, **fields: Any) -> Claim:
    """A claim on w-points under Lemma 3.1's / 5.1's hypotheses theta(w, w*) in (0, pi), |w| != 0
    (:data:`W_OPEN`; ``fields`` add to or replace these defaults)."""
    common = dict(variables=W_OPEN, strategy=w_points, examples=(W_EXAMPLE,))
    return Claim(id=id, paper_ref=paper_ref, section=section, statement=statement, reading=reading,
                 **{**common, **fields})
