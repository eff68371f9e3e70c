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

from proofs.engine.backend import FLOAT, Backend
from proofs.engine.claim import Claim, Constant, ExistentialConstant, Hypothesis, Point, ProofResult
from proofs.engine.confirm import eval_mp
from proofs.engine.power import not_sharp
from proofs.model import angle, loss_gradient, model, population_loss

from .arguments import lemma5_2 as L52
from .model_level.points import draw_norm_pair, nonzero, norm_pairs, open_angle, star, theta_of
from .strategies import PI, dot, model_symbols, nrm

SECTION = "Lemma 5.2"
_DOMAIN = (
    "k in 1..100, d in 2..60, |w*| = 1, w1, w2 != 0 at angles in (0, pi) to w* (tiny, near pi, "
    "round, uniform), norms 1e-6..1e6 (often equal), w2 in the plane of w1 (same or mirror side) "
    "or an independent plane, w1 != w2"
)
HYPS = (
    Hypothesis("|w1| > 0", nonzero("w1"), strict=True),
    Hypothesis("|w2| > 0", nonzero("w2"), strict=True),
    Hypothesis("theta(w1, w*) in (0, pi) (grad f(w1) exists)", open_angle("w1"), strict=True),
    Hypothesis("theta(w2, w*) in (0, pi) (grad f(w2) exists)", open_angle("w2"), strict=True),
    Hypothesis("w1 != w2", lambda p, B: nrm(p["w1"] - p["w2"], B), strict=True),
)


def _grad(p: Point, B: Backend, j: int) -> Any:
    return loss_gradient(p[f"w{j}"], star(p, B), p["k"])


def _f(p: Point, B: Backend, j: int) -> Any:
    return population_loss(p[f"w{j}"], star(p, B), p["k"])


def _lip_ratio(p: Point, B: Backend) -> Any:
    return nrm(_grad(p, B, 1) - _grad(p, B, 2), B) / nrm(p["w1"] - p["w2"], B)


def _descent_excess(p: Point, B: Backend) -> Any:
    """f(w2) - f(w1) - <grad f(w1), w2 - w1>."""
    delta = p["w2"] - p["w1"]
    return _f(p, B, 2) - _f(p, B, 1) - dot(_grad(p, B, 1), delta)


def _descent_ratio(p: Point, B: Backend) -> Any:
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


def _grows(ratio: Any, eps: Any, family: str, quantity: str) -> ProofResult:
    """The family's ``ratio`` (in ``eps``) tends to infinity as eps -> 0+ (SymPy limit)."""
    ratio = sp.simplify(ratio)
    lim = sp.limit(ratio, eps, 0, "+")
    return ProofResult(lim == sp.oo, "unbounded-family", f"along w1,2 = (cos e, +-sin e) ({family}), {quantity} "
                       f"= {ratio} -> {lim} as e -> 0+", {"ratio": str(ratio), "limit": str(lim)})


@cache
def _lip_limit() -> ProofResult:
    eps = sp.Symbol("epsilon", positive=True)
    (g1, w1), (g2, w2) = _family_grad(eps, 1), _family_grad(eps, -1)
    return _grows((g1 - g2).dot(g1 - g2) / (w1 - w2).dot(w1 - w2), eps,
                  "|w1| = |w2| = 1, so c = C = 1; k = 1; in the w*-plane, angle e from w*",
                  "with the model's grad f, |grad f(w1) - grad f(w2)|^2 / |w1 - w2|^2")


@cache
def _descent_limit() -> ProofResult:
    k, r, theta = model_symbols()
    eps = sp.Symbol("epsilon", positive=True)
    (g1, w1), (_, w2) = _family_grad(eps, 1), _family_grad(eps, -1)
    f = model().loss["eq6"].subs(k, 1)
    # theta(w2, w*) = theta(w1, w*) = eps: f(w2) - f(w1) = 0
    num = f.subs(theta, eps) - f.subs(theta, eps) - g1.dot(w2 - w1)
    return _grows(num / ((w2 - w1).dot(w2 - w1) / 2), eps,
                  "c = C = 1, k = 1; f(w2) = f(w1) at equal angles; f = k theta/(2 pi) has a convex kink "
                  "on the w*-axis", "[f(w2) - f(w1) - <grad f(w1), w2 - w1>] / (|w2 - w1|^2/2)")


# --------------------------------------------------------------------------------------------
# fixes: keep away from the w*-axis (theta in [delta, pi - delta])
# --------------------------------------------------------------------------------------------
#: L_f = L_numerator / c^2 (Lipschitz fix, c = min(|w1|, |w2|)) and L = L_numerator / rho^2 (descent
#: fix, rho = the distance from 0 to the segment): the constant's part in the point's parameters
L_NUMERATOR = Constant("L_numerator", "k/(2*pi)*Max(1, cot(delta))",
                       doc="L_f c^2 (resp. L rho^2): (k/(2 pi)) max(1, cot delta)")
DELTA_RANGE = (
    Hypothesis("delta > 0", lambda p, B: p["delta"], strict=True),
    Hypothesis("delta <= pi/2", lambda p, B: B.pi / 2 - p["delta"]),
)


def _angle_bounds(j: int) -> tuple[Hypothesis, Hypothesis]:
    """theta(w_j, w*) in [delta, pi - delta]."""
    def th(p: Point, B: Backend) -> Any:
        return theta_of(p, B, f"w{j}")

    return (Hypothesis(f"theta(w{j}, w*) >= delta", lambda p, B: th(p, B) - p["delta"]),
            Hypothesis(f"theta(w{j}, w*) <= pi - delta", lambda p, B: B.pi - p["delta"] - th(p, B)))


def _with_delta(p: Point, m: float, u: float) -> Point:
    """delta below m = min_j min(theta_j, pi - theta_j) (float) by a relative u and 1e-15 absolute
    (the float angles are accurate to ~1e-16 absolute)."""
    q = dict(p)
    q["delta"] = max(m * (1 - u) - 1e-15, m * 1e-3)
    return q


def _lip_fix_points() -> st.SearchStrategy[Point]:
    @st.composite
    def build(draw: Any) -> Point:
        p = draw_norm_pair(draw)
        s = p["w_star"]
        m = min(min(t, PI - t) for t in (float(angle(p["w1"], s)), float(angle(p["w2"], s))))
        u = draw(st.one_of(st.just(1e-9), st.floats(1e-9, 0.99)))
        return _with_delta(p, m, u)

    return build()


def _lip_fix_slack(p: Point, B: Backend, c: Any) -> Any:
    """L_f |w1 - w2| - |grad f(w1) - grad f(w2)|, L_f = L_numerator / min(|w1|, |w2|)^2."""
    cmin = min(nrm(p["w1"], B), nrm(p["w2"], B))
    lhs = nrm(_grad(p, B, 1) - _grad(p, B, 2), B)
    return c.L_numerator / cmin**2 * nrm(p["w1"] - p["w2"], B) - lhs


def _segment(p: Point, B: Backend) -> tuple[Any, ...]:
    """w(t) = w1 + t (w2 - w1) = a(t) s + p(t): returns (a0, a1, A, Bq, C, p0, p1) with
    a(t) = a0 + a1 t, p(t) = p0 + t p1, |p(t)|^2 = A t^2 + 2 Bq t + C."""
    s = star(p, B)
    w1, w2 = p["w1"], p["w2"]
    dlt = w2 - w1
    a0, a1 = dot(w1, s), dot(dlt, s)
    p0, p1 = w1 - a0 * s, dlt - a1 * s
    return a0, a1, dot(p1, p1), dot(p0, p1), dot(p0, p0), p0, p1


def _convex_min(h: Any, cands: list[Any], B: Backend) -> Any:
    zero, one = B.scalar(0), B.scalar(1)
    ts = [zero, one] + [t for t in cands if zero <= t <= one]
    return min(h(t) for t in ts)


def _roots(qa: Any, qb: Any, qc: Any, B: Backend) -> list[Any]:
    """Real roots of qa t^2 + 2 qb t + qc."""
    if qa == 0:
        return [] if qb == 0 else [-qc / (2 * qb)]
    disc = qb * qb - qa * qc
    if disc < 0:
        return []
    r = B.sqrt(disc)
    return [(-qb + r) / qa, (-qb - r) / qa]


def segment_angle_margin(p: Point, B: Backend) -> Any:
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


def _segment_min_norm(p: Point, B: Backend) -> Any:
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
        if segment_angle_margin(q, FLOAT) >= 0:
            lo = mid
        else:
            hi = mid
    return lo


def _descent_fix_points() -> st.SearchStrategy[Point]:
    @st.composite
    def build(draw: Any) -> Point:
        p = draw_norm_pair(draw)
        far = max(np.linalg.norm(p["w1"]), np.linalg.norm(p["w2"]))
        assume(_segment_min_norm(p, FLOAT) > 1e-6 * far)  # the segment must avoid 0 robustly
        m = _delta_star(p)
        assume(m > 1e-12)  # the segment must stay off the w*-axis
        u = draw(st.one_of(st.just(1e-6), st.floats(1e-6, 0.99)))
        q = _with_delta(p, m, u)
        # the float bisection can overshoot where |w1| >> |w2| along w* (cancellation in the
        # margin): keep only points whose segment condition holds at 50 digits
        assume(eval_mp(segment_angle_margin, q, 50) >= 0)
        return q

    return build()


def _descent_fix_slack(p: Point, B: Backend, c: Any) -> Any:
    """(L/2)|w2 - w1|^2 - [f(w2) - f(w1) - <grad f(w1), w2 - w1>], L = L_numerator / rho^2."""
    rho = _segment_min_norm(p, B)
    delta = p["w2"] - p["w1"]
    return c.L_numerator / rho**2 / 2 * dot(delta, delta) - _descent_excess(p, B)


_LIP = (
    "For w1, w2 with min{|w1|,|w2|} = c > 0 and max{|w1|,|w2|} = C there is L_f > 0, depending on c and "
    "C only, with |grad f(w1) - grad f(w2)| <= L_f |w1 - w2|."
)
_KINK = "f = k theta/(2 pi) has a convex kink on the w*-axis: on the mirror family the ratio is (k/(2 pi)) cot(eps)."


def _claim(id: str, statement: str, reading: str, ratio: Any, limit: Any, **fields: Any) -> Claim:
    """A claim of Lemma 5.2 as printed: an existential constant L_f on pairs (w1, w2)."""
    return Claim(id=id, paper_ref="Lemma 5.2", section=SECTION, statement=statement, reading=reading, domain=_DOMAIN,
                 hypotheses=HYPS, strategy=norm_pairs, **fields, existential=ExistentialConstant(
                     ratio=ratio, family=mirror_family, family_limit=limit, constant_name="L_f"))


LIPSCHITZ = _claim(
    "L5.2-lipschitz", _LIP, "f of eq. (6); w1, w2 where grad f exists (theta in (0, pi)); for fixed c, C the "
    "ratio |grad f(w1) - grad f(w2)| / |w1 - w2| must be bounded", _lip_ratio, _lip_limit,
    supports=("L5.2-descent",), notes="grad f = (k/(2 pi)) grad theta jumps across the w*-axis (theta -> 0) and "
    "the -w*-axis (theta -> pi) at fixed norms; on the mirror family the ratio is (k/(2 pi)) cot(eps).",
)
DESCENT = _claim(
    "L5.2-descent", "With the same L_f: f(w2) <= f(w1) + <grad f(w1), w2 - w1> + (L_f/2)|w2 - w1|^2.",
    "f of eq. (6); same domain as L5.2-lipschitz; for fixed c, C the ratio "
    "[f(w2) - f(w1) - <grad f(w1), w2 - w1>] / (|w2 - w1|^2/2) must be bounded",
    _descent_ratio, _descent_limit, notes=_KINK,
)

CLAIMS: tuple[Claim, ...] = (
    LIPSCHITZ,
    LIPSCHITZ.fix(
        statement="If moreover theta(w_j, w*) in [delta, pi - delta] (j = 1, 2) for some delta in (0, pi/2], "
        "then |grad f(w1) - grad f(w2)| <= L_f |w1 - w2| with L_f = (k/(2 pi c^2)) max(1, cot delta).",
        reading="f of eq. (6)", domain=_DOMAIN + "; delta at or below min_j min(theta_j, pi - theta_j) (tight often)",
        add_hypotheses=DELTA_RANGE + _angle_bounds(1) + _angle_bounds(2), strategy=_lip_fix_points,
        existential=None, slack=_lip_fix_slack, constants_decl=(L_NUMERATOR,),
        prove=L52.prove_lipschitz_fix, uses=L52.USES_lipschitz_fix,
        notes="Sharp on mirror pairs at angle delta with equal norms (cot delta >= 1). Proof: "
        "grad f = (k/(2 pi)) e/|w| with e unit, and M^2 |w1 - w2|^2 - r1^2 r2^2 |e1/r1 - e2/r2|^2 is a "
        "sum of nonnegative terms (Gram algebra, M = max(1, cot delta)).",
    ),
    DESCENT,
    DESCENT.fix(
        statement="If every point of the segment [w1, w2] has theta(w, w*) in [delta, pi - delta] "
        "(delta in (0, pi/2]) and norm >= rho > 0, then f(w2) <= f(w1) + <grad f(w1), w2 - w1> + "
        "(L/2)|w2 - w1|^2 with L = (k/(2 pi rho^2)) max(1, cot delta).",
        reading="f of eq. (6); rho = distance from 0 to the segment; the segment condition is a "
        "hypothesis (its margin is the exact minimum of two convex functions along the segment)",
        domain=_DOMAIN + "; delta below the largest admissible value for the segment (tight often)",
        add_hypotheses=DELTA_RANGE + (
            Hypothesis("segment [w1, w2] inside theta in [delta, pi - delta]", segment_angle_margin),
            Hypothesis("segment [w1, w2] avoids 0", _segment_min_norm, strict=True),
        ),
        strategy=_descent_fix_points, existential=None, slack=_descent_fix_slack, constants_decl=(L_NUMERATOR,),
        prove=L52.prove_descent_fix, uses=L52.USES_descent_fix,
        power=not_sharp("the constant is approached only in the limit of short segments at the "
                        "edge of the angle range, which a search does not reach; proved"),
        notes="Proof: theta''(t) |w(t)|^2 <= max(1, cot delta) |w2 - w1|^2 along the segment (SymPy), "
        "then Taylor's formula with integral remainder; best possible on short segments.",
    ),
)
