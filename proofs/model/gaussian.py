"""Gaussian angle facts (G1)-(G3), derived with SymPy by integrating in polar coordinates.

For z ~ N(0, I_d) and non-zero a, b with angle theta, only the component of z in span(a, b)
enters the events {z.a > 0}, {z.b > 0}; the orthogonal component is independent of them and has
mean zero, so it integrates out. In the plane take a = e1, b = (cos theta, sin theta) and write
z = rho (cos phi, sin phi): the density is exp(-rho^2/2) rho / (2 pi) d rho d phi, and
{z.a > 0} = {|phi| < pi/2}, {z.b > 0} = {|phi - theta| < pi/2}.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import sympy as sp

theta = sp.Symbol("theta", positive=True)  # angle between a and b, in (0, pi)
rho = sp.Symbol("rho", nonnegative=True)
phi = sp.Symbol("phi", real=True)
#: c = cos(theta/2) > 0 on (0, pi): used to take square roots without sign ambiguity.
half_cos = sp.Symbol("c", positive=True)

_DENSITY = sp.exp(-(rho**2) / 2) * rho / (2 * sp.pi)


#: z in polar coordinates of the plane
_Z = sp.Matrix([rho * sp.cos(phi), rho * sp.sin(phi)])


def _plane_integral(integrand: sp.Expr, phi_lo: sp.Expr, phi_hi: sp.Expr) -> sp.Expr:
    """Integrate ``integrand * density`` over the wedge phi_lo < phi < phi_hi, rho > 0."""
    radial = sp.integrate(sp.expand(integrand * _DENSITY), (rho, 0, sp.oo))
    return sp.simplify(sp.integrate(radial, (phi, phi_lo, phi_hi)))


def mean_on_wedge_at(angle: sp.Expr) -> sp.Matrix:
    """(G3) E[z 1{z.a > 0} 1{z.b > 0}]: both are positive on the wedge (angle - pi/2, pi/2) (empty
    at angle = pi). :func:`gaussian_facts` takes it at the symbol theta in (0, pi); an exact
    angle such as 0 or pi gives the end points."""
    half = sp.pi / 2
    return sp.Matrix([_plane_integral(zi, angle - half, half) for zi in _Z])


@dataclass(frozen=True)
class GaussianFacts:
    """The derived facts, as SymPy expressions in ``theta`` (vectors as 2x1 matrices in the
    orthonormal frame (e1, e2) of span(a, b), with a = e1)."""

    half_plane: sp.Expr  # P[z.a > 0]
    sign_disagreement: sp.Expr  # (G1) P[sgn(z.a) != sgn(z.b)]
    mean_on_half_plane: sp.Matrix  # (G2) E[z 1{z.a > 0}]
    mean_on_wedge: sp.Matrix  # (G3) E[z 1{z.a > 0} 1{z.b > 0}]
    mean_on_wedge_printed: sp.Matrix  # (G3) right-hand side as stated: cos(theta/2)/sqrt(2 pi) * bisector
    g1_check: sp.Expr  # (G1) derived - theta/pi, simplified (0)
    g2_check: sp.Matrix  # (G2) derived - a/sqrt(2 pi) (zero vector)
    g3_check: sp.Matrix  # (G3) derived - stated form, simplified (zero vector)


@cache
def gaussian_facts() -> GaussianFacts:
    """Derive (G1)-(G3) and check each against its stated closed form."""
    half = sp.pi / 2
    half_plane = _plane_integral(sp.Integer(1), -half, half)
    # (G1): the two wedges {a > 0, b <= 0} = (-pi/2, theta - pi/2] and {a <= 0, b > 0} = [pi/2, theta + pi/2)
    g1 = _plane_integral(sp.Integer(1), -half, theta - half) + _plane_integral(
        sp.Integer(1), half, theta + half
    )
    g2 = sp.Matrix([_plane_integral(zi, -half, half) for zi in _Z])
    g3 = mean_on_wedge_at(theta)

    a_hat = sp.Matrix([1, 0])
    b_hat = sp.Matrix([sp.cos(theta), sp.sin(theta)])
    bisector = a_hat + b_hat
    stated = sp.cos(theta / 2) / sp.sqrt(2 * sp.pi) * bisector / sp.sqrt(bisector.dot(bisector))

    # Compare in the half-angle variable c = cos(theta/2) > 0, sin(theta/2) = sqrt(1 - c^2):
    # then |a^ + b^| = sqrt(4 c^2) = 2c has no sign ambiguity.
    def in_half_angle(e: sp.Expr) -> sp.Expr:
        s = sp.sqrt(1 - half_cos**2)
        e = sp.expand_trig(e.subs(theta, 2 * sp.Symbol("t", positive=True)))
        t = sp.Symbol("t", positive=True)
        return sp.simplify(e.subs({sp.cos(t): half_cos, sp.sin(t): s}))

    g3_check = (g3 - stated).applyfunc(in_half_angle)
    return GaussianFacts(
        half_plane=half_plane,
        sign_disagreement=sp.simplify(g1),
        mean_on_half_plane=g2,
        mean_on_wedge=g3,
        mean_on_wedge_printed=stated,
        g1_check=sp.simplify(g1 - theta / sp.pi),
        g2_check=sp.simplify(g2 - a_hat / sp.sqrt(2 * sp.pi)),
        g3_check=g3_check,
    )
