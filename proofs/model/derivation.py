"""Population loss, its gradient and the expected coarse gradient, derived from (G1)-(G3).

Every vector quantity of the model is a combination of w^ = w/|w| and s^ = w*/|w*| with scalar
coefficients depending only on (k, r = |w|, theta = theta(w, w*)). The derivation produces those
coefficients as SymPy expressions; :mod:`proofs.model.numeric` generates numeric code from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

from .gaussian import gaussian_facts, half_cos, theta

k = sp.Symbol("k", positive=True, integer=True)
r = sp.Symbol("r", positive=True)  # |w|

#: The two loss conventions of the paper (see claims.md, S3.loss-convention).
CONVENTIONS = ("eq3", "eq6")


@dataclass(frozen=True)
class Step:
    """One step of the derivation: a caption and a SymPy object (expression or equation)."""

    caption: str
    expr: sp.Basic


@dataclass(frozen=True)
class Coefficients:
    """A vector quantity written as  coeff_w * w^ + coeff_s * s^  (a scalar has coeff_s = None)."""

    coeff_w: sp.Expr
    coeff_s: sp.Expr | None = None


@dataclass(frozen=True)
class Model:
    steps: tuple[Step, ...]
    loss: dict[str, sp.Expr]  # convention -> f(theta)
    gradient: dict[str, Coefficients]  # convention -> grad f
    coarse_gradient: dict[str, Coefficients]  # reading -> E_Z[g(w, Z)]
    readings_agree: bool  # both readings of eq. (9) give the same expectation


def _half_angle(e: sp.Expr) -> sp.Expr:
    """Simplify an expression in theta using c = cos(theta/2) > 0 (theta in (0, pi))."""
    t = sp.Symbol("t", positive=True)
    e = sp.expand_trig(sp.sympify(e).subs(theta, 2 * t))
    return sp.simplify(e.subs({sp.cos(t): half_cos, sp.sin(t): sp.sqrt(1 - half_cos**2)}))


def _gradient_of_angle() -> tuple[sp.Expr, sp.Expr, tuple[Step, ...]]:
    """grad_w theta(w, w*) = alpha w^ + beta s^, derived by differentiating
    theta = acos(<w, w*>/(|w||w*|)) in coordinates (d = 3, generic symbols) and matching."""
    w = sp.Matrix(sp.symbols("w1:4", real=True))
    s = sp.Matrix(sp.symbols("s1:4", real=True))
    nw, ns = sp.sqrt(w.dot(w)), sp.sqrt(s.dot(s))
    u = w.dot(s) / (nw * ns)  # cos theta
    grad_u = sp.Matrix([sp.diff(u, wi) for wi in w])
    w_hat, s_hat = w / nw, s / ns
    # claim: grad u = (s^ - u w^)/|w|  ==> grad theta = -grad u / sin theta
    residual_u = sp.simplify(grad_u - (s_hat - u * w_hat) / nw)
    # |(I - w^ w^T) s^|^2 = 1 - u^2 = sin^2 theta, so the unit direction is (s^ - u w^)/sin theta
    perp = s_hat - u * w_hat
    residual_norm = sp.simplify(perp.dot(perp) - (1 - u**2))
    if residual_u != sp.zeros(3, 1) or residual_norm != 0:
        raise AssertionError("gradient-of-angle derivation did not close")
    alpha = sp.cos(theta) / (r * sp.sin(theta))
    beta = -1 / (r * sp.sin(theta))
    steps = (
        Step("grad_w cos theta - (s^ - cos theta w^)/|w|, differentiated in coordinates (d = 3)",
             residual_u),
        Step("|(I - w^w^T) s^|^2 - (1 - cos^2 theta), in coordinates", residual_norm),
        Step("grad_w theta = -(s^ - cos theta w^)/(|w| sin theta): coefficient of w^", alpha),
        Step("grad_w theta: coefficient of s^", beta),
    )
    return alpha, beta, steps


def coarse_gradient_in_frame(mean_on_wedge: sp.Matrix) -> dict[str, sp.Matrix]:
    """E_Z[g(w, Z)] of eq. (9), g = sqrt(2/pi) sum_i z_i mu'(z_i.w) * residual, in both readings,
    as vectors in the frame (w^ = e1, e2) of (G2)/(G3), given (G3) ``mean_on_wedge`` at the angle
    at hand (the closed form on (0, pi), or :func:`~proofs.model.gaussian.mean_on_wedge_at` an
    end point): E[z sigma(z.w)] = (G2), E[z sigma(z.w) sigma(z.w*)] = (G3). Entrywise reading:
    residual sigma(z_i.w) - sigma(z_i.w*) per patch (sigma^2 = sigma), sqrt(2/pi) k ((G2) - (G3));
    scalar reading: residual 1^T sigma(Zw) - 1^T sigma(Zw*), whose extra terms i != j factor by
    independence into sqrt(2/pi) k (k-1) (G2) E[X], E[X] = P[z.w > 0] - P[z.w* > 0]."""
    g = gaussian_facts()
    pref = sp.sqrt(2 / sp.pi)
    mean_x = g.half_plane - g.half_plane
    entrywise = pref * k * (g.mean_on_half_plane - mean_on_wedge)
    return {"entrywise": entrywise,
            "scalar": entrywise + pref * k * (k - 1) * g.mean_on_half_plane * mean_x}


@cache
def model() -> Model:
    """Run the whole derivation (cached: a few seconds of SymPy the first time)."""
    g = gaussian_facts()
    steps: list[Step] = [
        Step("P[z.a > 0] (polar integral over a half plane)", g.half_plane),
        Step("(G1) P[sgn(z.a) != sgn(z.b)]", g.sign_disagreement),
        Step("(G2) E[z 1{z.a>0}] in the frame (a^, e2)", g.mean_on_half_plane),
        Step("(G3) E[z 1{z.a>0} 1{z.b>0}] in the frame (a^, e2)", g.mean_on_wedge),
        Step("(G3) minus cos(theta/2)/sqrt(2 pi) (a^+b^)/|a^+b^| (simplified)", g.g3_check),
    ]

    # Loss. X_i = sigma(z_i.w) - sigma(z_i.w*): independent over patches i, E X_i = 1/2 - 1/2,
    # E X_i^2 = P[sgn differ] (X_i in {-1, 0, 1}).
    mean_x = sp.simplify(g.half_plane - g.half_plane)
    second_moment = g.sign_disagreement
    # E[(sum_i X_i)^2] = sum_i E X_i^2 + sum_{i != j} E X_i E X_j   (independence across patches)
    sum_sq = sp.simplify(k * second_moment + k * (k - 1) * mean_x**2)
    loss = {"eq3": sum_sq, "eq6": sp.simplify(sum_sq / 2)}
    steps += [
        Step("E[X_i] with X_i = sigma(z_i.w) - sigma(z_i.w*)", mean_x),
        Step("E[X_i^2] = P[sgn differ] = (G1)", second_moment),
        Step("cross-patch terms: sum_{i!=j} E[X_i]E[X_j] = k(k-1) E[X]^2", k * (k - 1) * mean_x**2),
        Step("f, eq. (3): E[(h(w,Z) - h(w*,Z))^2]", loss["eq3"]),
        Step("f, eq. (6): E[l(w,Z)] = E[(h(w,Z) - h(w*,Z))^2]/2", loss["eq6"]),
    ]

    alpha, beta, angle_steps = _gradient_of_angle()
    steps += list(angle_steps)
    gradient = {
        conv: Coefficients(sp.simplify(sp.diff(f, theta) * alpha), sp.simplify(sp.diff(f, theta) * beta))
        for conv, f in loss.items()
    }
    for conv in CONVENTIONS:
        steps.append(Step(f"grad f ({conv}) = f'(theta) grad theta: coefficient of w^", gradient[conv].coeff_w))
        steps.append(Step(f"grad f ({conv}): coefficient of s^", gradient[conv].coeff_s))

    # Expected coarse gradient, eq. (9), as frame vectors (coarse_gradient_in_frame), rewritten in
    # the basis (w^, s^): s^ = cos theta w^ + sin theta e2, so a frame vector (v1, v2) is
    # (v1 - v2 cos theta / sin theta) w^ + (v2 / sin theta) s^.
    frame = coarse_gradient_in_frame(g.mean_on_wedge)
    in_basis = {rd: (_half_angle(v[0] - v[1] * sp.cos(theta) / sp.sin(theta)), _half_angle(v[1] / sp.sin(theta)))
                for rd, v in frame.items()}
    (entry_w, entry_s), (scalar_w, scalar_s) = in_basis["entrywise"], in_basis["scalar"]
    cross = sp.simplify((frame["scalar"] - frame["entrywise"])[0])
    coarse = {
        "entrywise": Coefficients(entry_w, entry_s),
        "scalar": Coefficients(scalar_w, scalar_s),
    }
    agree = sp.simplify(entry_w - scalar_w) == 0 and sp.simplify(entry_s - scalar_s) == 0
    steps += [
        Step("E_Z[g], entrywise reading of eq. (9): coefficient of w^", entry_w),
        Step("E_Z[g], entrywise reading: coefficient of s^", entry_s),
        Step("scalar reading: cross-patch terms k(k-1) E[z sigma(z.w)] E[X] (vanish)", cross),
        Step("the two readings of eq. (9) agree", sp.Eq(sp.Symbol("readings_agree"), sp.true if agree else sp.false)),
        Step("unit sphere |w| = 1: grad f (eq6) = -(k/(2 pi sin theta)) (s^ - cos theta w^)",
             sp.simplify(gradient["eq6"].coeff_s.subs(r, 1))),
        Step("unit sphere |w| = |w*| = 1: E_Z[g] = (k/(2 pi)) (w - w*)  (eq. 17 form)",
             sp.Matrix([entry_w, entry_s])),
    ]
    return Model(tuple(steps), loss, gradient, coarse, agree)


def derivation() -> list[Step]:
    """The derivation steps (SymPy objects with short captions), for notebooks and the report."""
    return list(model().steps)
