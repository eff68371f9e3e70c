"""Reductions the proofs use, each a claim with its own machine-checked proof (ids ``R-*``).

* ``R-rotation-invariance``: f, grad f and E_Z[g] are c(k, |w|, theta)-combinations of w^ and
  w*^ (the model's derivation), hence invariant / equivariant under orthogonal maps; every inner
  product among them is a function of the Gram data ("reduce to the plane of w and w*").
* ``R-spherical-triangle``: for unit a, b, s, <a, b> lies in [cos(ta + tb), cos(ta - tb)] (the
  range of the Gram parameter p = <a, b> given the angles to s).
* ``R-ball-angle``: a point within R <= c of c s (s unit) is within arcsin(R/c) of s in angle.
* ``R-cone-arc``: a non-negative combination of unit a, b with angle(a, s) + angle(b, s) <= pi
  is at most max(angle(a, s), angle(b, s)) from s.
* ``R-eq17-end-points``: eq. (17), E g = (k/(2 pi))(w - w*), at theta = 0 and pi too (the lemma
  states it on (0, pi); the one-step claims need every angle).
* ``R-one-step-operator``: for unit w, the w-update is w^ = c1 w + eta (c2 w* + beta u) for every
  u (c1 = 1 - eta (c2 + beta), c2 = k/(2 pi)): one-step claims proved for every u with the
  operator properties (``OP-*``) hold for the soft, hard and Tl1 u-updates alike.
* ``R-one-step-angle``: the one-step angle bound theta(w^, w*) <= max(theta(w, w*), arcsin(beta/c2))
  for every u with |u| <= 1 (what Lemma 5.4's cone argument needs).

Points are small vectors (d = 2..6 often). The claims declare their variables (a
:class:`~proofs.engine.domain.Domain`: scalar ranges, the dimension, unit vectors and vectors at
a declared angle, realized at the backend's precision); vectors that may be 0 (u, y = x - c s)
stay point coordinates, and the relations among variables stay stated hypotheses. The
hand-written strategies are kept (they reach the equality cases: tangent points, coplanar and
mirrored configurations, the edge angle(a, s) + angle(b, s) = pi, parameters at their bounds) and
also give the declared coordinates (d, the angles, |w|).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from proofs.algorithm.rvscgd import update
from proofs.engine.claim import Claim, Hypothesis, Point
from proofs.engine.domain import Domain
from proofs.model import angle, expected_coarse_gradient, loss_gradient, population_loss

from .arguments import model_level as ML
from .arguments import one_step as OS
from .arguments import sphere_geometry as SG
from .strategies import (
    PI,
    angles,
    at_angle,
    closed_angles,
    dot,
    identity_slack,
    norms,
    nrm,
    patch_counts,
    perpendicular_directions,
    unit_b,
    unit_vectors,
)

SECTION = "Reductions"
POSITION = "L5.1-eq14"


def _small_dims() -> st.SearchStrategy[int]:
    return st.one_of(st.sampled_from([2, 3]), st.integers(2, 6))


def _householder(h: np.ndarray, B: Any) -> Any:
    """x -> x - 2 <h, x> h / |h|^2 at the backend's precision (an exact reflection there)."""
    hh = dot(h, h)

    def apply(x: np.ndarray) -> np.ndarray:
        return x - (2 * dot(h, x) / hh) * h

    return apply


def _rotate(p: Point, B: Any, x: np.ndarray) -> np.ndarray:
    return _householder(p["h1"], B)(_householder(p["h2"], B)(x))


# --------------------------------------------------------------------------------------------
# R-rotation-invariance
# --------------------------------------------------------------------------------------------
def _rotation_slack(p: Point, B: Any) -> Any:
    s = unit_b(p["w_star"], B)
    w, k = p["w"], p["k"]
    qw, qs = _rotate(p, B, w), _rotate(p, B, s)
    th = angle(w, s)
    f0, f1 = population_loss(w, s, k), population_loss(qw, qs, k)
    g0, g1 = loss_gradient(w, s, k), loss_gradient(qw, qs, k)
    e0, e1 = expected_coarse_gradient(w, s, k), expected_coarse_gradient(qw, qs, k)
    d = len(w)
    kk = B.scalar(k)
    return min(
        identity_slack(abs(f1 - f0), kk * d, B),
        identity_slack(nrm(g1 - _rotate(p, B, g0), B), d * (nrm(g0, B) + nrm(g1, B)) / B.sin(th), B),
        identity_slack(nrm(e1 - _rotate(p, B, e0), B), d * kk / B.pi, B),
    )


@st.composite
def _rotation_points(draw: Any) -> Point:
    d = draw(_small_dims())
    s = draw(unit_vectors(d))
    th = draw(angles())
    e = draw(perpendicular_directions(s))
    r = draw(norms())
    return {"d": d, "k": draw(patch_counts()), "w_star": s, "theta": th, "r": r,
            "w": at_angle(s, th, e, r), "h1": draw(unit_vectors(d)), "h2": draw(unit_vectors(d))}


ROTATION_VARIABLES = (
    "d integer >= 2", "k integer >= 1", "w_star in unit sphere of R^d", "theta in (0, pi)",
    "r in (0, oo)", "w at angle theta from w_star with norm r",
    "h1 in unit sphere of R^d", "h2 in unit sphere of R^d",
)



# --------------------------------------------------------------------------------------------
# R-spherical-triangle, R-ball-angle, R-cone-arc
# --------------------------------------------------------------------------------------------
def _triangle_slack(p: Point, B: Any) -> Any:
    a, b, s = unit_b(p["a"], B), unit_b(p["b"], B), unit_b(p["s"], B)
    ta, tb, pab = angle(a, s), angle(b, s), dot(a, b)
    return min(pab - B.cos(ta + tb), B.cos(ta - tb) - pab) + B.allowance(4)


@st.composite
def _triangle_points(draw: Any) -> Point:
    d = draw(_small_dims())
    s = draw(unit_vectors(d))
    ta, tb = draw(closed_angles()), draw(closed_angles())
    e1 = draw(perpendicular_directions(s))
    how = draw(st.sampled_from(["same", "mirror", "independent"]))
    e2 = e1 if how == "same" else (-e1 if how == "mirror" else draw(perpendicular_directions(s)))
    return {"d": d, "s": s, "theta_a": ta, "theta_b": tb, "a": at_angle(s, ta, e1), "b": at_angle(s, tb, e2)}


#: unit s, and unit a, b at the angles theta_a, theta_b from it
PAIR_AT_ANGLES = ("d integer >= 2", "s in unit sphere of R^d", "theta_a in [0, pi]", "theta_b in [0, pi]",
                  "a at angle theta_a from s", "b at angle theta_b from s")


def _ball_x(p: Point, B: Any) -> np.ndarray:
    return B.scalar(p["c"]) * unit_b(p["s"], B) + p["y"]


def _ball_slack(p: Point, B: Any) -> Any:
    x = _ball_x(p, B)
    c, R = B.scalar(p["c"]), B.scalar(p["R"])
    return B.asin(R / c) - angle(x, unit_b(p["s"], B)) + B.allowance(B.pi)


@st.composite
def _ball_points(draw: Any) -> Point:
    d = draw(_small_dims())
    s = draw(unit_vectors(d))
    c = draw(st.one_of(st.just(1.0), st.floats(-6, 6).map(lambda e: 10.0**e)))
    rho = draw(st.one_of(st.sampled_from([1.0, 0.5, 0.0, 1e-8]), st.floats(0.0, 1.0)))
    R = c * rho
    e = draw(perpendicular_directions(s))
    kind = draw(st.sampled_from(["tangent", "random", "toward", "away"]))
    if kind == "tangent":  # the extreme point: x orthogonal to y
        direction = -rho * s + np.sqrt(max(0.0, 1 - rho * rho)) * e
    elif kind == "toward":
        direction = s
    elif kind == "away":
        direction = -s
    else:
        direction = draw(unit_vectors(d))
    scale = draw(st.one_of(st.just(1.0 - 1e-12), st.floats(0.0, 1.0 - 1e-12)))
    return {"d": d, "s": s, "c": c, "R": R, "y": R * scale * direction}


def _arc_x(p: Point, B: Any) -> np.ndarray:
    return B.scalar(p["lam"]) * unit_b(p["a"], B) + B.scalar(p["mu"]) * unit_b(p["b"], B)


def _arc_angles(p: Point, B: Any) -> tuple[Any, Any]:
    s = unit_b(p["s"], B)
    return angle(unit_b(p["a"], B), s), angle(unit_b(p["b"], B), s)


def _arc_slack(p: Point, B: Any) -> Any:
    ta, tb = _arc_angles(p, B)
    return max(ta, tb) - angle(_arc_x(p, B), unit_b(p["s"], B)) + B.allowance(B.pi)


@st.composite
def _arc_points(draw: Any) -> Point:
    d = draw(_small_dims())
    s = draw(unit_vectors(d))
    ta = draw(closed_angles())
    frac = draw(st.one_of(st.sampled_from([1.0 - 1e-12, 0.5, 0.0]), st.floats(0.0, 1.0 - 1e-12)))
    tb = (PI - ta) * frac
    e1 = draw(perpendicular_directions(s))
    how = draw(st.sampled_from(["mirror", "same", "independent"]))
    e2 = e1 if how == "same" else (-e1 if how == "mirror" else draw(perpendicular_directions(s)))
    lam = draw(st.one_of(st.sampled_from([0.0, 1.0]), st.floats(1e-6, 10.0)))
    mu = draw(st.one_of(st.sampled_from([0.0, 1.0, lam]), st.floats(1e-6, 10.0)))
    if lam == 0 and mu == 0:  # x = 0 is outside the claim
        mu = 1.0
    return {"d": d, "s": s, "theta_a": ta, "theta_b": tb, "a": at_angle(s, ta, e1), "b": at_angle(s, tb, e2),
            "lam": lam, "mu": mu}


# --------------------------------------------------------------------------------------------
# R-one-step-operator, R-one-step-angle
# --------------------------------------------------------------------------------------------
def _c2(p: Point, B: Any) -> Any:
    return B.scalar(int(p["k"])) / (2 * B.pi)


def _step_parts(p: Point, B: Any) -> tuple[Any, ...]:
    w, s = unit_b(p["w"], B), unit_b(p["w_star"], B)
    beta, eta, u = B.scalar(p["beta"]), B.scalar(p["eta"]), p["u"]
    c2 = _c2(p, B)
    c1 = 1 - eta * (c2 + beta)
    return w, s, u, beta, eta, c1, c2


def _eq17_end_points_slack(p: Point, B: Any) -> Any:
    """min over w = w*, -w* and both readings of eq. (9) of the identity slack of
    E_Z[g(w, Z)] = c2 (w - w*) (rounding allowance at the scale k/pi)."""
    s, c2 = p["w_star"], _c2(p, B)
    gaps = [nrm(expected_coarse_gradient(w, s, p["k"], reading=rd) - c2 * (w - s), B)
            for w in (s, -s) for rd in ("entrywise", "scalar")]
    return identity_slack(max(gaps), 2 * c2, B)


def _one_step_slack(p: Point, B: Any) -> Any:
    w, s, u, beta, eta, c1, c2 = _step_parts(p, B)
    w_hat, _ = update(w, s, int(p["k"]), u, beta, eta)
    rhs = c1 * w + eta * (c2 * s + beta * u)
    scale = 1 + eta * (2 * c2 + beta * (1 + nrm(u, B)))
    return identity_slack(nrm(w_hat - rhs, B), scale, B)


@st.composite
def _one_step_points(draw: Any) -> Point:
    d = draw(_small_dims())
    s = draw(unit_vectors(d))
    w = at_angle(s, draw(closed_angles()), draw(perpendicular_directions(s)))
    u = draw(unit_vectors(d)) * draw(st.one_of(st.just(0.0), norms()))
    return {"k": draw(patch_counts()), "w_star": s, "w": w, "u": u,
            "beta": draw(st.floats(-6, 3).map(lambda e: 10.0**e)),
            "eta": draw(st.floats(-6, 3).map(lambda e: 10.0**e))}


def _w_next(p: Point, B: Any) -> np.ndarray:
    w, s, u, beta, eta, _, _ = _step_parts(p, B)
    return update(w, s, int(p["k"]), u, beta, eta)[0]


def _angle_slack(p: Point, B: Any) -> Any:
    w, s, _, beta, _, _, c2 = _step_parts(p, B)
    cap = B.asin(beta / c2)
    th = angle(w, s)
    return max(th, cap) - angle(_w_next(p, B), s) + B.allowance(B.pi)


@st.composite
def _angle_points(draw: Any) -> Point:
    d = draw(_small_dims())
    k = draw(patch_counts())
    c2 = k / (2 * PI)
    s = draw(unit_vectors(d))
    delta = draw(st.one_of(st.sampled_from([PI / 2, PI / 3, PI / 6, 1.0, 0.1, 0.01, 2.0]),
                           st.floats(1e-3, PI - 1e-3)))
    frac = draw(st.one_of(st.sampled_from([1.0 - 1e-9, 0.5, 0.0]), st.floats(0.0, 1.0 - 1e-9)))
    e = draw(perpendicular_directions(s))
    w = at_angle(s, (PI - delta) * frac, e)
    beta = c2 * np.sin(delta) * draw(st.one_of(st.sampled_from([1.0 - 1e-9, 0.5, 1e-3]), st.floats(1e-6, 1.0 - 1e-9)))
    eta = draw(st.one_of(st.sampled_from([1.0 - 1e-9, 0.5]), st.floats(1e-6, 1.0 - 1e-9))) / (c2 + beta)
    kind = draw(st.sampled_from(["tangent", "w", "zero", "minus_s", "random", "minus_w"]))
    h = min(1.0, beta / c2)
    if kind == "tangent":  # |u| = 1 with v = c2 s + beta u tangent to the ball: angle(v, s) = cap
        u = -h * s + np.sqrt(max(0.0, 1 - h * h)) * e
    elif kind == "w":
        u = w.copy()
    elif kind == "zero":
        u = np.zeros(d)
    elif kind == "minus_s":
        u = -s.copy()
    elif kind == "minus_w":
        u = -w.copy()
    else:
        u = draw(unit_vectors(d)) * draw(st.floats(0.0, 1.0))
    u = u * (1 - 1e-12)
    return {"k": k, "w_star": s, "w": w, "u": u, "beta": float(beta), "eta": float(eta), "delta": delta}


def _m_angle_delta(p: Point, B: Any) -> Any:
    w, s = unit_b(p["w"], B), unit_b(p["w_star"], B)
    return B.pi - B.scalar(p["delta"]) - angle(w, s)


#: the one-step claims declare their scalars only: w may sit at any angle in [0, pi] from w*
#: (L5.3-eq17 covers (0, pi), R-eq17-end-points the two ends) and u may be 0
STEP_PARAMETERS = ("k integer >= 1", "beta in (0, oo)", "eta in (0, oo)")
HYPS_ANGLE = (
    Hypothesis("theta(w, w*) <= pi - delta", _m_angle_delta),
    Hypothesis("beta <= (k/(2 pi)) sin(delta)", lambda p, B: _c2(p, B) * B.sin(B.scalar(p["delta"])) - B.scalar(p["beta"])),
    Hypothesis("eta (k/(2 pi) + beta) <= 1", lambda p, B: 1 - B.scalar(p["eta"]) * (_c2(p, B) + B.scalar(p["beta"]))),
    Hypothesis("|u| <= 1", lambda p, B: 1 - nrm(p["u"], B)),
    Hypothesis("w^ != 0", lambda p, B: nrm(_w_next(p, B), B), strict=True),
)

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="R-rotation-invariance",
        paper_ref="proofs of Lemmas 3.1, 5.1-5.3 ('consider the plane formed by w and w*')",
        section=SECTION,
        statement="For every orthogonal Q of R^d: f(Qw; Qw*) = f(w; w*), grad f(Qw; Qw*) = Q grad f(w; w*) "
        "and E_Z[g](Qw; Qw*) = Q E_Z[g](w; w*); indeed each is c(k, |w|, theta) w^ + c'(k, |w|, theta) "
        "w*^ (the model's coefficient form), so every inner product among w, w*, f, grad f, E_Z[g] "
        "(at one or several points) is a function of their Gram data.",
        reading="f of eq. (6) and (3), E_Z[g] in both readings (the proof); the search checks eq. (6) and "
        "the entrywise reading with Q a product of two Householder reflections",
        domain="d in 2..6, |w*| = 1, w at angle theta in (0, pi) (tiny, near pi, round, uniform), |w| in "
        "1e-6..1e6, k in 1..100, Householder vectors random unit vectors",
        variables=Domain(*ROTATION_VARIABLES),
        strategy=_rotation_points,
        slack=_rotation_slack,
        prove=ML.prove_rotation_invariance,
        uses=ML.USES_rotation_invariance,
        search_scale=2.0,
    ),
    Claim(
        id="R-spherical-triangle",
        paper_ref="proofs of Lemmas 5.2-5.4 (Gram data of two vectors and w*)",
        section=SECTION,
        statement="For unit a, b, s in R^d with ta = angle(a, s), tb = angle(b, s): cos(ta + tb) <= <a, b> <= "
        "cos(ta - tb), i.e. <a, b> = cos ta cos tb + sin ta sin tb (1 - u) for some u in [0, 2].",
        reading="every d; equality on coplanar configurations; slack min of the two gaps + allowance",
        domain="d in 2..6; angles in [0, pi] (0, pi, tiny, near pi, round, uniform); b in the plane of a "
        "and s (same side or mirror) or an independent plane",
        variables=Domain(*PAIR_AT_ANGLES),
        strategy=_triangle_points,
        slack=_triangle_slack,
        prove=SG.prove_spherical_triangle,
        uses=SG.USES_spherical_triangle,
    ),
    Claim(
        id="R-ball-angle",
        paper_ref="proof of Lemma 5.4 (v = (k/(2 pi)) w* + beta u in 'region I')",
        section=SECTION,
        statement="For unit s, c > 0, 0 <= R <= c and x != 0 with |x - c s| <= R: angle(x, s) <= arcsin(R/c).",
        reading="every d; equality at the tangent points; slack arcsin(R/c) - angle(x, s) + allowance",
        domain="d in 2..6; c in 1e-6..1e6; R/c in {1, 1/2, 0, 1e-8} or uniform; x - c s tangent, "
        "toward / away from s or random, |x - c s| up to R (1 - 1e-12)",
        variables=Domain("d integer >= 2", "s in unit sphere of R^d", "c in (0, oo)", "R in [0, c]"),
        hypotheses=(
            Hypothesis("|x - c s| <= R", lambda p, B: B.scalar(p["R"]) - nrm(p["y"], B)),
            Hypothesis("x != 0", lambda p, B: nrm(_ball_x(p, B), B), strict=True),
        ),
        strategy=_ball_points,
        slack=_ball_slack,
        prove=SG.prove_ball_angle,
        uses=SG.USES_ball_angle,
    ),
    Claim(
        id="R-cone-arc",
        paper_ref="proof of Lemma 5.4 (the cone argument, Fig. 3)",
        section=SECTION,
        statement="For unit a, b, s with angle(a, s) + angle(b, s) <= pi and lambda, mu >= 0 with x = lambda a "
        "+ mu b != 0: angle(x, s) <= max(angle(a, s), angle(b, s)).",
        reading="every d; equality at the end points; slack max(angles) - angle(x, s) + allowance",
        domain="d in 2..6; angle(a, s) in [0, pi], angle(b, s) up to pi - angle(a, s) (edge included); b in "
        "the plane of a and s (same side, mirror) or independent; lambda, mu = 0, 1 or in [1e-6, 10]",
        hypotheses=(
            Hypothesis("angle(a, s) + angle(b, s) <= pi", lambda p, B: B.pi - sum(_arc_angles(p, B))),
            Hypothesis("x != 0", lambda p, B: nrm(_arc_x(p, B), B), strict=True),
        ),
        variables=Domain(*PAIR_AT_ANGLES, "lam in [0, oo)", "mu in [0, oo)"),
        strategy=_arc_points,
        slack=_arc_slack,
        prove=SG.prove_cone_arc,
        uses=SG.USES_cone_arc,
    ),
    Claim(
        id="R-eq17-end-points",
        paper_ref="proof of Lemma 5.3, eq. (17), at theta = 0 and pi (reduction)",
        section=SECTION,
        statement="For unit w*, at w = w* (theta = 0) and w = -w* (theta = pi): E_Z[g(w,Z)] = (k/(2 pi)) (w - w*), "
        "as eq. (17) states for theta in (0, pi).",
        reading="both readings of eq. (9); identity slack at the scale k/pi. The one-step claims cover every "
        "angle in [0, pi] and cite this with L5.3-eq17",
        variables=Domain("k integer >= 1", "d integer >= 2", "w_star in unit sphere of R^d"),
        slack=_eq17_end_points_slack,
        prove=OS.prove_eq17_end_points,
        uses=OS.USES_eq17_end_points,
        supports=("R-one-step-operator",),
    ),
    Claim(
        id="R-one-step-operator",
        paper_ref="proofs of Lemmas 5.4, 5.5 (the w-update on the sphere)",
        section=SECTION,
        statement="For unit w, w* and every u in R^d, beta, eta > 0: w - eta E_Z[g(w,Z)] - eta beta (w - u) = "
        "c1 w + eta (c2 w* + beta u), c1 = 1 - eta (c2 + beta), c2 = k/(2 pi). Hence a one-step claim "
        "proved for every u with the operator properties (OP-*) holds for the soft, hard and Tl1 u-updates.",
        reading="the w-update of Algorithm 1 before normalisation (proofs.algorithm.rvscgd.update); vector "
        "identity, rounding allowance 256 u (1 + eta (k/pi + beta (1 + |u|)))",
        domain="d in 2..6; w at any angle in [0, pi] to w*; u = 0 or of norm 1e-6..1e6; beta, eta in 1e-6..1e3; "
        "k in 1..100",
        variables=Domain(*STEP_PARAMETERS),
        strategy=_one_step_points,
        slack=_one_step_slack,
        prove=OS.prove_one_step_operator,
        uses=OS.USES_one_step_operator,
        search_scale=2.0,
    ),
    Claim(
        id="R-one-step-angle",
        paper_ref="proof of Lemma 5.4 (one step of the cone argument)",
        section=SECTION,
        statement="For unit w, w*, delta > 0 with theta(w, w*) <= pi - delta, 0 < beta <= (k/(2 pi)) sin(delta), "
        "eta > 0 with eta (k/(2 pi) + beta) <= 1 and every u with |u| <= 1 such that w^ = w - eta E_Z[g(w,Z)] "
        "- eta beta (w - u) != 0: theta(w^, w*) <= max(theta(w, w*), arcsin(2 pi beta/k)).",
        reading="every d; u any vector of the unit ball (not only a thresholded w); slack max(theta(w, w*), "
        "arcsin(2 pi beta/k)) - theta(w^, w*) + allowance",
        domain="d in 2..6; delta round or uniform in (0, pi); theta(w, w*) up to pi - delta (edge); beta at its "
        "bound (1 - 1e-9), half, 1e-3 of it or uniform; eta at 1/(k/(2 pi) + beta) (1 - 1e-9), half or "
        "uniform; u tangent to the cap (|u| = 1), w, -w, 0, -w* or random in the ball",
        variables=Domain(*STEP_PARAMETERS, "delta in (0, pi)"),
        hypotheses=HYPS_ANGLE,
        strategy=_angle_points,
        slack=_angle_slack,
        prove=OS.prove_one_step_angle,
        uses=OS.USES_one_step_angle,
    ),
)
