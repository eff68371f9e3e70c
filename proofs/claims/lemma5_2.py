"""Claims of Lemma 5.2: Lipschitz continuity of grad f and the descent inequality.

Points: ``{"k", "w_star", "w1", "w2"}`` (fix claims add ``"delta"``), |w*| = 1 by normalization;
f is the population loss of eq. (6) (Section 5's f; a factor 2 for eq. (3) changes no existence
question). grad f exists where theta(w, w*) in (0, pi) (Lemma 5.1), so that is a hypothesis for
w1 and w2. "L_f depends on c and C only" is checked with c = C = 1 fixed along a family.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import mpmath
import numpy as np
import sympy as sp
from hypothesis import assume
from hypothesis import strategies as st

from proofs.engine.backend import FLOAT
from proofs.engine.claim import Claim, ExistentialConstant, Hypothesis, Point, ProofResult
from proofs.model import angle, loss_gradient, model, population_loss

from .strategies import (
    PI,
    angles,
    at_angle,
    dims,
    dot,
    model_symbols,
    norms,
    nrm,
    patch_counts,
    perpendicular_directions,
    unit_b,
    unit_vectors,
)

SECTION = "Lemma 5.2"
_DOMAIN = (
    "k in 1..100, d in 2..60, |w*| = 1, w1, w2 != 0 at angles in (0, pi) to w* (tiny, near pi, "
    "round, uniform), norms 1e-6..1e6 (often equal), w2 in the plane of w1 (same or mirror side) "
    "or an independent plane, w1 != w2"
)


# --------------------------------------------------------------------------------------------
# points and hypotheses
# --------------------------------------------------------------------------------------------
def _pair(draw: Any) -> Point:
    d = draw(dims())
    s = draw(unit_vectors(d))
    t1, t2 = draw(angles()), draw(st.one_of(angles(), st.just(None)))
    t2 = t1 if t2 is None else t2
    r1 = draw(norms())
    r2 = draw(st.one_of(st.just(r1), norms()))
    e1 = draw(perpendicular_directions(s))
    how = draw(st.sampled_from(["mirror", "same", "independent"]))
    e2 = e1 if how == "same" else (-e1 if how == "mirror" else draw(perpendicular_directions(s)))
    w1, w2 = at_angle(s, t1, e1, r1), at_angle(s, t2, e2, r2)
    if np.linalg.norm(w1 - w2) <= 1e-9 * np.linalg.norm(w1):  # keep w1 != w2 robustly
        w2 = at_angle(s, t2, -e1, r2) if d > 1 else 2 * w2
    return {"k": draw(patch_counts()), "w_star": s, "w1": w1, "w2": w2}


def pairs() -> st.SearchStrategy[Point]:
    return st.composite(_pair)()


def _s(p: Point, B: Any) -> Any:
    return unit_b(p["w_star"], B)


def _theta(j: int) -> Any:
    def th(p: Point, B: Any) -> Any:
        return angle(p[f"w{j}"], _s(p, B))

    return th


def _open(j: int) -> Any:
    th = _theta(j)

    def margin(p: Point, B: Any) -> Any:
        t = th(p, B)
        return min(t, B.pi - t)

    return margin


HYPS = (
    Hypothesis("|w1| > 0", lambda p, B: nrm(p["w1"], B), strict=True),
    Hypothesis("|w2| > 0", lambda p, B: nrm(p["w2"], B), strict=True),
    Hypothesis("theta(w1, w*) in (0, pi) (grad f(w1) exists)", _open(1), strict=True),
    Hypothesis("theta(w2, w*) in (0, pi) (grad f(w2) exists)", _open(2), strict=True),
    Hypothesis("w1 != w2", lambda p, B: nrm(p["w1"] - p["w2"], B), strict=True),
)


def _grad(p: Point, B: Any, j: int) -> Any:
    return loss_gradient(p[f"w{j}"], _s(p, B), p["k"])


def _f(p: Point, B: Any, j: int) -> Any:
    return population_loss(p[f"w{j}"], _s(p, B), p["k"])


def _lip_ratio(p: Point, B: Any) -> Any:
    return nrm(_grad(p, B, 1) - _grad(p, B, 2), B) / nrm(p["w1"] - p["w2"], B)


def _descent_excess(p: Point, B: Any) -> Any:
    """f(w2) - f(w1) - <grad f(w1), w2 - w1>."""
    delta = p["w2"] - p["w1"]
    return _f(p, B, 2) - _f(p, B, 1) - dot(_grad(p, B, 1), delta)


def _descent_ratio(p: Point, B: Any) -> Any:
    delta = p["w2"] - p["w1"]
    return _descent_excess(p, B) / (dot(delta, delta) / 2)


# --------------------------------------------------------------------------------------------
# the unbounded family: mirror pairs at angle eps from w*, |w1| = |w2| = 1 (c = C = 1), k = 1
# --------------------------------------------------------------------------------------------
def mirror_family(eps: Any) -> Point:
    """w* = e1, w1 = (cos eps, sin eps, 0), w2 = (cos eps, -sin eps, 0): c = C = 1, k = 1."""
    e = mpmath.mpf(eps)
    c, s = mpmath.cos(e), mpmath.sin(e)
    z, o = mpmath.mpf(0), mpmath.mpf(1)
    return {
        "k": 1,
        "w_star": np.array([o, z, z], dtype=object),
        "w1": np.array([c, s, z], dtype=object),
        "w2": np.array([c, -s, z], dtype=object),
    }


def _family_grad(eps: Any, sign: int) -> tuple[sp.Matrix, sp.Matrix]:
    """grad f at (cos eps, sign sin eps) from the model's coefficients (r = 1, theta = eps)."""
    k, r, theta = model_symbols()
    g = model().gradient["eq6"]
    a = g.coeff_w.subs({r: 1, theta: eps, k: 1})
    b = g.coeff_s.subs({r: 1, theta: eps, k: 1})
    w = sp.Matrix([sp.cos(eps), sign * sp.sin(eps)])
    return a * w + b * sp.Matrix([1, 0]), w


@cache
def _lip_limit() -> ProofResult:
    eps = sp.Symbol("epsilon", positive=True)
    g1, w1 = _family_grad(eps, 1)
    g2, w2 = _family_grad(eps, -1)
    dg, dw = g1 - g2, w1 - w2
    ratio_sq = sp.simplify(dg.dot(dg) / dw.dot(dw))
    lim = sp.limit(ratio_sq, eps, 0, "+")
    return ProofResult(
        lim == sp.oo,
        "unbounded-family",
        f"along w1,2 = (cos e, +-sin e) (|w1| = |w2| = 1, so c = C = 1; k = 1; the family lies in "
        f"the w*-plane, angle e from w*), the model's grad f gives ratio^2 = {ratio_sq}, whose limit "
        f"as e -> 0+ is {lim}",
        {"ratio_squared": str(ratio_sq), "limit": str(lim)},
    )


@cache
def _descent_limit() -> ProofResult:
    k, r, theta = model_symbols()
    eps = sp.Symbol("epsilon", positive=True)
    g1, w1 = _family_grad(eps, 1)
    _, w2 = _family_grad(eps, -1)
    f = model().loss["eq6"].subs(k, 1)
    # theta(w2, w*) = theta(w1, w*) = eps: f(w2) - f(w1) = 0
    num = f.subs(theta, eps) - f.subs(theta, eps) - g1.dot(w2 - w1)
    ratio = sp.simplify(num / ((w2 - w1).dot(w2 - w1) / 2))
    lim = sp.limit(ratio, eps, 0, "+")
    return ProofResult(
        lim == sp.oo,
        "unbounded-family",
        f"along w1,2 = (cos e, +-sin e) (c = C = 1, k = 1): f(w2) = f(w1) (equal angles), and "
        f"[f(w2) - f(w1) - <grad f(w1), w2 - w1>] / (|w2 - w1|^2/2) = {ratio} -> {lim} as e -> 0+ "
        "(f = k theta/(2 pi) has a convex kink on the w*-axis)",
        {"ratio": str(ratio), "limit": str(lim)},
    )


# --------------------------------------------------------------------------------------------
# fixes: keep away from the w*-axis (theta in [delta, pi - delta])
# --------------------------------------------------------------------------------------------
def _lip_bound(p: Point, B: Any, c: Any) -> Any:
    """(k / (2 pi c^2)) max(1, cot delta)."""
    delta = p["delta"]
    cot = B.cos(delta) / B.sin(delta)
    one = B.scalar(1)
    return B.scalar(p["k"]) / (2 * B.pi * c**2) * (cot if cot > one else one)


def _delta_hyps() -> tuple[Hypothesis, ...]:
    th1, th2 = _theta(1), _theta(2)
    return (
        Hypothesis("delta > 0", lambda p, B: p["delta"], strict=True),
        Hypothesis("delta <= pi/2", lambda p, B: B.pi / 2 - p["delta"]),
        Hypothesis("theta(w1, w*) >= delta", lambda p, B: th1(p, B) - p["delta"]),
        Hypothesis("theta(w1, w*) <= pi - delta", lambda p, B: B.pi - p["delta"] - th1(p, B)),
        Hypothesis("theta(w2, w*) >= delta", lambda p, B: th2(p, B) - p["delta"]),
        Hypothesis("theta(w2, w*) <= pi - delta", lambda p, B: B.pi - p["delta"] - th2(p, B)),
    )


def _with_delta(p: Point, m: float, u: float) -> Point:
    """delta below m = min_j min(theta_j, pi - theta_j) (float) by a relative u and 1e-15 absolute
    (the float angles are accurate to ~1e-16 absolute)."""
    q = dict(p)
    q["delta"] = max(m * (1 - u) - 1e-15, m * 1e-3)
    return q


def _lip_fix_points() -> st.SearchStrategy[Point]:
    @st.composite
    def build(draw: Any) -> Point:
        p = _pair(draw)
        s = p["w_star"]
        m = min(min(t, PI - t) for t in (float(angle(p["w1"], s)), float(angle(p["w2"], s))))
        u = draw(st.one_of(st.just(1e-9), st.floats(1e-9, 0.99)))
        return _with_delta(p, m, u)

    return build()


def _lip_fix_slack(p: Point, B: Any) -> Any:
    c = min(nrm(p["w1"], B), nrm(p["w2"], B))
    lhs = nrm(_grad(p, B, 1) - _grad(p, B, 2), B)
    return _lip_bound(p, B, c) * nrm(p["w1"] - p["w2"], B) - lhs


def _segment(p: Point, B: Any) -> tuple[Any, ...]:
    """w(t) = w1 + t (w2 - w1) = a(t) s + p(t): returns (a0, a1, A, Bq, C, p0, p1) with
    a(t) = a0 + a1 t, p(t) = p0 + t p1, |p(t)|^2 = A t^2 + 2 Bq t + C."""
    s = _s(p, B)
    w1, w2 = p["w1"], p["w2"]
    dlt = w2 - w1
    a0, a1 = dot(w1, s), dot(dlt, s)
    p0, p1 = w1 - a0 * s, dlt - a1 * s
    return a0, a1, dot(p1, p1), dot(p0, p1), dot(p0, p0), p0, p1


def _convex_min(h: Any, cands: list[Any], B: Any) -> Any:
    zero, one = B.scalar(0), B.scalar(1)
    ts = [zero, one] + [t for t in cands if zero <= t <= one]
    return min(h(t) for t in ts)


def _roots(qa: Any, qb: Any, qc: Any, B: Any) -> list[Any]:
    """Real roots of qa t^2 + 2 qb t + qc."""
    if qa == 0:
        return [] if qb == 0 else [-qc / (2 * qb)]
    disc = qb * qb - qa * qc
    if disc < 0:
        return []
    r = B.sqrt(disc)
    return [(-qb + r) / qa, (-qb - r) / qa]


def _segment_angle_margin(p: Point, B: Any) -> Any:
    """min over the segment [w1, w2] of min(|p| cos d - a sin d, |p| cos d + a sin d) (>= 0 iff
    every point of the segment has theta in [d, pi - d]); each is convex in t, so its minimum is
    at an end point, a stationary point (roots of a quadratic) or the kink |p(t)| = 0."""
    a0, a1, A, Bq, C, p0, p1 = _segment(p, B)
    d = p["delta"]
    cd, sd = B.cos(d), B.sin(d)

    def pn(t: Any) -> Any:  # |p(t)| from the vector (accurate), not from the quadratic
        return nrm(p0 + t * p1, B)

    out = []
    for sign in (-1, 1):
        def h(t: Any, sign: int = sign) -> Any:
            return cd * pn(t) + sign * sd * (a0 + a1 * t)

        alpha, beta = cd * cd, sd * sd * a1 * a1
        kappa = alpha * A - beta
        cands = _roots(A * kappa, Bq * kappa, alpha * Bq * Bq - beta * C, B)
        if A > 0:
            cands.append(-Bq / A)
        out.append(_convex_min(h, cands, B))
    return min(out)


def _segment_min_norm(p: Point, B: Any) -> Any:
    w1 = p["w1"]
    dlt = p["w2"] - w1
    dd = dot(dlt, dlt)
    t = -dot(w1, dlt) / dd
    zero, one = B.scalar(0), B.scalar(1)
    t = zero if t < zero else (one if t > one else t)
    return nrm(w1 + t * dlt, B)


def _delta_star(p: Point) -> float:
    """Largest delta (float, bisection) with the segment inside theta in [delta, pi - delta]."""
    lo, hi = 0.0, PI / 2
    q = dict(p)
    for _ in range(60):
        mid = (lo + hi) / 2
        q["delta"] = mid
        if _segment_angle_margin(q, FLOAT) >= 0:
            lo = mid
        else:
            hi = mid
    return lo


def _descent_fix_points() -> st.SearchStrategy[Point]:
    @st.composite
    def build(draw: Any) -> Point:
        p = _pair(draw)
        far = max(np.linalg.norm(p["w1"]), np.linalg.norm(p["w2"]))
        assume(_segment_min_norm(p, FLOAT) > 1e-6 * far)  # the segment must avoid 0 robustly
        m = _delta_star(p)
        assume(m > 1e-12)  # the segment must stay off the w*-axis
        u = draw(st.one_of(st.just(1e-6), st.floats(1e-6, 0.99)))
        return _with_delta(p, m, u)

    return build()


def _descent_fix_slack(p: Point, B: Any) -> Any:
    rho = _segment_min_norm(p, B)
    delta = p["w2"] - p["w1"]
    return _lip_bound(p, B, rho) / 2 * dot(delta, delta) - _descent_excess(p, B)


_LIP = (
    "For w1, w2 with min{|w1|,|w2|} = c > 0 and max{|w1|,|w2|} = C there is L_f > 0, depending on c and "
    "C only, with |grad f(w1) - grad f(w2)| <= L_f |w1 - w2|."
)
_DESC = "With the same L_f: f(w2) <= f(w1) + <grad f(w1), w2 - w1> + (L_f/2)|w2 - w1|^2."

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="L5.2-lipschitz",
        paper_ref="Lemma 5.2",
        section=SECTION,
        statement=_LIP,
        reading="f of eq. (6); w1, w2 where grad f exists (theta in (0, pi)); for fixed c, C the "
        "ratio |grad f(w1) - grad f(w2)| / |w1 - w2| must be bounded",
        domain=_DOMAIN,
        hypotheses=HYPS,
        strategy=pairs,
        existential=ExistentialConstant(
            ratio=_lip_ratio, family=mirror_family, family_limit=_lip_limit, constant_name="L_f"
        ),
        corrected_by="L5.2-lipschitz+fix",
        supports=("L5.2-descent",),
        notes="grad f = (k/(2 pi)) grad theta jumps across the w*-axis (theta -> 0) and the -w*-axis "
        "(theta -> pi) at fixed norms; on the mirror family the ratio is (k/(2 pi)) cot(eps).",
    ),
    Claim(
        id="L5.2-lipschitz+fix",
        paper_ref="Lemma 5.2",
        section=SECTION,
        statement="If moreover theta(w_j, w*) in [delta, pi - delta] (j = 1, 2) for some delta in (0, pi/2], "
        "then |grad f(w1) - grad f(w2)| <= L_f |w1 - w2| with L_f = (k/(2 pi c^2)) max(1, cot delta).",
        reading="f of eq. (6)",
        domain=_DOMAIN + "; delta at or below min_j min(theta_j, pi - theta_j) (tight often)",
        hypotheses=HYPS + _delta_hyps(),
        strategy=_lip_fix_points,
        slack=_lip_fix_slack,
        corrects="L5.2-lipschitz",
        notes="Sharp on mirror pairs at angle delta with equal norms (cot delta >= 1). Checked by "
        "search only (no proof encoded): Hessian of theta has norm max(1, |cot theta|)/|w|^2, and "
        "in the plane the map is an inversion, |x/|x|^2 - y/|y|^2| = |x - y|/(|x||y|).",
    ),
    Claim(
        id="L5.2-descent",
        paper_ref="Lemma 5.2",
        section=SECTION,
        statement=_DESC,
        reading="f of eq. (6); same domain as L5.2-lipschitz; for fixed c, C the ratio "
        "[f(w2) - f(w1) - <grad f(w1), w2 - w1>] / (|w2 - w1|^2/2) must be bounded",
        domain=_DOMAIN,
        hypotheses=HYPS,
        strategy=pairs,
        existential=ExistentialConstant(
            ratio=_descent_ratio, family=mirror_family, family_limit=_descent_limit, constant_name="L_f"
        ),
        corrected_by="L5.2-descent+fix",
        notes="f = k theta/(2 pi) has a convex kink on the w*-axis: on the mirror family the ratio is "
        "(k/(2 pi)) cot(eps).",
    ),
    Claim(
        id="L5.2-descent+fix",
        paper_ref="Lemma 5.2",
        section=SECTION,
        statement="If every point of the segment [w1, w2] has theta(w, w*) in [delta, pi - delta] "
        "(delta in (0, pi/2]) and norm >= rho > 0, then f(w2) <= f(w1) + <grad f(w1), w2 - w1> + "
        "(L/2)|w2 - w1|^2 with L = (k/(2 pi rho^2)) max(1, cot delta).",
        reading="f of eq. (6); rho = distance from 0 to the segment; the segment condition is a "
        "hypothesis (its margin is the exact minimum of two convex functions along the segment)",
        domain=_DOMAIN + "; delta below the largest admissible value for the segment (tight often)",
        hypotheses=HYPS
        + (
            Hypothesis("delta > 0", lambda p, B: p["delta"], strict=True),
            Hypothesis("delta <= pi/2", lambda p, B: B.pi / 2 - p["delta"]),
            Hypothesis("segment [w1, w2] inside theta in [delta, pi - delta]", _segment_angle_margin),
            Hypothesis("segment [w1, w2] avoids 0", _segment_min_norm, strict=True),
        ),
        strategy=_descent_fix_points,
        slack=_descent_fix_slack,
        corrects="L5.2-descent",
        notes="Follows from L5.2-lipschitz+fix by integrating along the segment; checked by search.",
    ),
)
