"""Points, strategies and hypotheses of the model-level claims, written once.

* w-points ``{"k", "w_star", "w"}`` (Section 3, Lemma 5.1): w at a drawn angle to w*, drawn norm;
* pairs ``{"k", "w_star", "w1", "w2"}``: w2 in the plane of w1 (same or mirror side) or in an
  independent plane; on the unit sphere with theta2 <= theta1 (Lemma 5.3, :func:`sphere_pairs`)
  or with drawn norms (Lemma 5.2, :func:`norm_pairs`).

The paper's standing assumption |w*| = 1 (and |w1| = |w2| = 1 on the sphere) is met by
construction: slacks use :func:`star` = w*/|w*| (and :func:`on_sphere`) at the backend's precision.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Hypothesis, Point
from proofs.model import angle

from ..strategies import (
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

W_DOMAIN = (
    "k in 1..100, d in 2..60, |w*| = 1, w at angle theta in (0, pi) to w* (tiny, near pi, round, "
    "uniform) with |w| in [1e-6, 1e6]"
)
SPHERE_DOMAIN = (
    "k in 1..100, d in 2..60, |w1| = |w2| = |w*| = 1 (by normalization), theta1, theta2 in (0, pi) "
    "with theta2 <= theta1 (tiny, near pi, round, uniform; nearly equal and independent pairs; "
    "w2 in the plane of w1 on the same or the mirror side, or in an independent plane)"
)

#: how w2's direction is drawn from w1's: the same half-plane, the mirror one, or any plane
SAME_FIRST = ("same", "mirror", "independent")
MIRROR_FIRST = ("mirror", "same", "independent")


# --------------------------------------------------------------------------------------------
# geometry at the backend's precision
# --------------------------------------------------------------------------------------------
def star(p: Point, B: Backend) -> np.ndarray:
    """w* / |w*| (the paper's |w*| = 1)."""
    return unit_b(p["w_star"], B)


def theta_of(p: Point, B: Backend, key: str = "w") -> Any:
    """theta(p[key], w*)."""
    return angle(p[key], star(p, B))


def on_sphere(p: Point, B: Backend) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(w1, w2, w*) normalized: the unit-sphere hypotheses hold by construction."""
    return unit_b(p["w1"], B), unit_b(p["w2"], B), star(p, B)


def open_angle(key: str = "w") -> Any:
    """Margin of theta(p[key], w*) in (0, pi): min(theta, pi - theta)."""

    def margin(p: Point, B: Backend) -> Any:
        t = theta_of(p, B, key)
        return min(t, B.pi - t)

    return margin


def nonzero(key: str) -> Any:
    """Margin of |p[key]| != 0."""
    return lambda p, B: nrm(p[key], B)


THETA_OPEN = Hypothesis("theta(w, w*) in (0, pi)", open_angle(), strict=True)
W_NONZERO = Hypothesis("|w| != 0", nonzero("w"), strict=True)
SPHERE_HYPS = (
    Hypothesis("theta(w1, w*) in (0, pi)", open_angle("w1"), strict=True),
    Hypothesis("theta(w2, w*) in (0, pi)", open_angle("w2"), strict=True),
    Hypothesis("theta(w2, w*) <= theta(w1, w*)", lambda p, B: theta_of(p, B, "w1") - theta_of(p, B, "w2")),
)

_E1, _E2, _E3 = np.eye(3)
W_EXAMPLES: tuple[Point, ...] = (
    # k = 2, theta = pi/2, |w| = 1, d = 2
    {"k": 2, "w_star": np.array([1.0, 0.0]), "w": np.array([0.0, 1.0])},
)
SPHERE_EXAMPLES: tuple[Point, ...] = (
    # theta1 = theta2 = pi/2, w1 = e2, w2 = e3, k = 1
    {"k": 1, "w_star": _E1.copy(), "w1": _E2.copy(), "w2": _E3.copy()},
)


# --------------------------------------------------------------------------------------------
# strategies
# --------------------------------------------------------------------------------------------
def _axis(draw: Any) -> np.ndarray:
    """w* (a unit vector) in a drawn dimension."""
    return draw(unit_vectors(draw(dims())))


def _at_drawn_angle(draw: Any, s: np.ndarray, norm: bool) -> np.ndarray:
    """A vector at a drawn angle in [0, pi] to s, with a drawn norm (or norm 1)."""
    th = draw(closed_angles())
    return draw(vector_at_angle(s, th, draw(norms()))) if norm else draw(vector_at_angle(s, th))


def partner_direction(draw: Any, s: np.ndarray, e1: np.ndarray, kinds: tuple[str, ...]) -> np.ndarray:
    """w2's direction orthogonal to w*: e1 (same side), -e1 (mirror) or an independent one."""
    how = draw(st.sampled_from(kinds))
    return e1 if how == "same" else (-e1 if how == "mirror" else draw(perpendicular_directions(s)))


def w_points(closed: bool = False) -> st.SearchStrategy[Point]:
    """(k, w*, w): w at a drawn angle to w* (in (0, pi), or [0, pi] if ``closed``), drawn norm."""

    @st.composite
    def build(draw: Any) -> Point:
        s = _axis(draw)
        th = draw(closed_angles() if closed else angles())
        w = draw(vector_at_angle(s, th, draw(norms())))
        return {"k": draw(patch_counts()), "w_star": s, "w": w}

    return build()


def sphere_pairs() -> st.SearchStrategy[Point]:
    """(k, w*, w1, w2) on the unit sphere with theta(w2, w*) < theta(w1, w*)."""

    @st.composite
    def build(draw: Any) -> Point:
        s = _axis(draw)
        t1, t2 = draw(ordered_angle_pairs())
        e1 = draw(perpendicular_directions(s))
        e2 = partner_direction(draw, s, e1, SAME_FIRST)
        return {"k": draw(patch_counts()), "w_star": s, "w1": at_angle(s, t1, e1), "w2": at_angle(s, t2, e2)}

    return build()


def draw_norm_pair(draw: Any) -> Point:
    """(k, w*, w1, w2): angles in (0, pi) (often equal), norms 1e-6..1e6 (often equal), w1 != w2."""
    s = _axis(draw)
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


def vector_pairs(norm: bool) -> st.SearchStrategy[Point]:
    """(k, w*, w1, w2): angles in [0, pi]; with ``norm`` w1, w2 independent with drawn norms
    (1e-6..1e6), else w2 = w1 on the unit sphere (claims about one w)."""

    @st.composite
    def build(draw: Any) -> Point:
        s = _axis(draw)
        w1 = _at_drawn_angle(draw, s, norm)
        w2 = _at_drawn_angle(draw, s, norm) if norm else w1
        return {"k": draw(patch_counts()), "w_star": s, "w1": w1, "w2": w2}

    return build()


# --------------------------------------------------------------------------------------------
# the common fields of a claim on each kind of point
# --------------------------------------------------------------------------------------------
def w_claim(id: str, paper_ref: str, section: str, statement: str, reading: str, **fields: Any) -> Claim:
    """A claim on w-points under Lemma 3.1's / 5.1's hypotheses theta(w, w*) in (0, pi), |w| != 0
    (``fields`` add to or replace these defaults)."""
    common = dict(domain=W_DOMAIN, hypotheses=(THETA_OPEN, W_NONZERO), strategy=w_points, examples=W_EXAMPLES)
    return Claim(id=id, paper_ref=paper_ref, section=section, statement=statement, reading=reading, **{**common, **fields})

