"""Angles on the sphere, proved through Gram algebra (any dimension d): the reduction claims
``R-spherical-triangle``, ``R-ball-angle`` and ``R-cone-arc``.

Every vector statement is reduced to inner products of a few named vectors (bilinearity,
:class:`~proofs.claims.arguments.symbolic.Gram`), so the identities hold in R^d for every d;
the only facts about R^d used are that ``|v|^2 >= 0`` and that ``angle(a, b) = arccos(<a, b>/
(|a||b|))`` with arccos decreasing. Angles are compared through their cosines
(:func:`cos_decreasing_step`).

Covers: the dimension and the unit vectors by the Gram algebra (``for_all``), the angles on
``[0, pi]`` (the range of arccos, where ``sin >= 0`` is checked), the scalars by the assumptions
of their symbols; the relations each proof assumes are recorded as constraints.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.cover import Cover
from proofs.engine.proof import ProofStep, by_sympy_checks, cites, proof

from .symbolic import Gram, basis, combine, identity, nonnegative

TRIANGLE = "R-spherical-triangle"
BALL = "R-ball-angle"
ARC = "R-cone-arc"


#: why a Gram-algebra proof covers every dimension and every unit vector
GRAM = "the steps are identities in inner products (Gram algebra), so they hold in every R^d"
#: the angles to s: arccos values, in [0, pi], where sin >= 0 is checked
ANGLES = {"theta_a": "[0, pi]", "theta_b": "[0, pi]"}
ANGLES_HOW = "angles lie in [0, pi] (arccos), where sin >= 0 (checked); the trig identities hold for real angles"


def _gram_proof(steps: list[ProofStep], ranges: dict[str, str], how: str, vectors: tuple[str, ...],
                constraints: tuple[str, ...] = ()) -> ProofResult:
    return proof(steps, covers=Cover.box(ranges, how=how, constraints=constraints),
                 for_all={v: GRAM for v in ("d", *vectors)})


@cache
def _cos_decreasing() -> dict[str, bool]:
    al, be = sp.symbols("alpha beta", real=True)
    x = sp.Symbol("x", real=True)
    return {
        "cos(beta) - cos(alpha) = 2 sin((alpha+beta)/2) sin((alpha-beta)/2)": identity(
            sp.expand_trig(sp.cos(be) - sp.cos(al) - 2 * sp.sin((al + be) / 2) * sp.sin((al - be) / 2))
        ),
        "min of sin on [0, pi] is 0": sp.minimum(sp.sin(x), x, sp.Interval(0, sp.pi)) == 0,
    }


def cos_decreasing_step() -> ProofStep:
    """Angles in [0, pi] compare like the reverse of their cosines."""
    return by_sympy_checks("cos is decreasing on [0, pi]: cos(beta) - cos(alpha) = 2 sin((alpha+beta)/2) "
                 "sin((alpha-beta)/2) >= 0 for 0 <= beta <= alpha <= pi, so angles compare through "
                 "their cosines", _cos_decreasing())


@cache
def _cauchy_schwarz() -> dict[str, bool]:
    X, Y = sp.symbols("X Y", nonnegative=True)
    P = sp.Symbol("P", real=True)
    g = Gram({("x", "x"): X, ("y", "y"): Y, ("x", "y"): P})
    v = combine((Y, basis("x")), (-P, basis("y")))
    return {"| |y|^2 x - <x,y> y |^2 = |y|^2 (|x|^2 |y|^2 - <x,y>^2)": identity(
        g.norm2(v) - Y * (X * Y - P**2))}


def cauchy_schwarz_step() -> ProofStep:
    return by_sympy_checks("Cauchy-Schwarz: | |y|^2 x - <x,y> y |^2 = |y|^2 (|x|^2|y|^2 - <x,y>^2) >= 0 "
                 "(bilinearity), so <x,y>^2 <= |x|^2 |y|^2 (y = 0 gives <x,y> = 0)",
                 _cauchy_schwarz())


# --------------------------------------------------------------------------------------------
# R-spherical-triangle: cos(ta + tb) <= <a, b> <= cos(ta - tb)
# --------------------------------------------------------------------------------------------
A, B, p = sp.symbols("A B p", real=True)  # A = <a, s> = cos ta, B = <b, s> = cos tb, p = <a, b>
UNIT3 = Gram({("a", "a"): 1, ("b", "b"): 1, ("s", "s"): 1, ("a", "b"): p, ("a", "s"): A, ("b", "s"): B})


@cache
def _triangle() -> dict[str, bool]:
    ap = combine((1, basis("a")), (-A, basis("s")))
    bp = combine((1, basis("b")), (-B, basis("s")))
    ta, tb = sp.symbols("theta_a theta_b", real=True)
    x = sp.Symbol("x", real=True)
    return {
        "<a_perp, b_perp> = p - AB": identity(UNIT3.inner(ap, bp) - (p - A * B)),
        "|a_perp|^2 = 1 - A^2, |b_perp|^2 = 1 - B^2": identity(UNIT3.norm2(ap) - (1 - A**2))
        and identity(UNIT3.norm2(bp) - (1 - B**2)),
        "cos ta cos tb -+ sin ta sin tb = cos(ta +- tb)": identity(
            sp.expand_trig(sp.cos(ta + tb)) - (sp.cos(ta) * sp.cos(tb) - sp.sin(ta) * sp.sin(tb)))
        and identity(sp.expand_trig(sp.cos(ta - tb)) - (sp.cos(ta) * sp.cos(tb) + sp.sin(ta) * sp.sin(tb))),
        "sin >= 0 on [0, pi], so sqrt(1 - cos^2 t) = sin t": sp.minimum(sp.sin(x), x, sp.Interval(0, sp.pi)) == 0,
    }


def prove_spherical_triangle() -> ProofResult:
    return _gram_proof([
        cauchy_schwarz_step(),
        by_sympy_checks("with a_perp = a - <a,s>s, b_perp = b - <b,s>s: <a_perp, b_perp> = p - cos ta cos tb and "
              "|a_perp| = sin ta, |b_perp| = sin tb; Cauchy-Schwarz gives |p - cos ta cos tb| <= "
              "sin ta sin tb, i.e. cos(ta + tb) <= p <= cos(ta - tb)", _triangle()),
    ], ANGLES, ANGLES_HOW, ("s", "a", "b"))


USES_spherical_triangle: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# R-ball-angle: |x - c s| <= R <= c  =>  angle(x, s) <= arcsin(R/c)
# --------------------------------------------------------------------------------------------
C_BALL = sp.Symbol("c", positive=True)
R_BALL = sp.Symbol("R", nonnegative=True)


@cache
def _ball() -> dict[str, bool]:
    c, R = C_BALL, R_BALL
    Y = sp.Symbol("Y", nonnegative=True)  # |y|^2
    z = sp.Symbol("z", real=True)  # <y, s>
    g = Gram({("s", "s"): 1, ("y", "y"): Y, ("s", "y"): z})
    xv = combine((c, basis("s")), (1, basis("y")))
    X = g.inner(xv, basis("s"))
    n2 = g.norm2(xv)
    u, v = sp.symbols("u v", nonnegative=True)  # c = R + u, R^2 = Y + v
    key = (c**2 - R**2) * (R**2 - Y) + (c * z + R**2) ** 2
    q = sp.Symbol("q", nonnegative=True)
    xx = sp.Symbol("x", real=True)
    return {
        "<x, s> = c + z, |x|^2 = c^2 + 2cz + |y|^2": identity(X - (c + z)) and identity(n2 - (c**2 + 2 * c * z + Y)),
        "R^2|x|^2 - c^2(|x|^2 - <x,s>^2) = (c^2 - R^2)(R^2 - |y|^2) + (cz + R^2)^2": identity(
            R**2 * n2 - c**2 * (n2 - X**2) - key),
        "(c^2 - R^2)(R^2 - |y|^2) >= 0 for c >= R, |y| <= R": nonnegative(
            ((c**2 - R**2) * (R**2 - Y)).subs(c, R + u).subs(Y, R**2 - v)),
        "cos(arcsin q) = sqrt(1 - q^2)": identity(sp.cos(sp.asin(q)) - sp.sqrt(1 - q**2)),
        "d/du arccos(u) = -1/sqrt(1 - u^2) < 0": identity(sp.diff(sp.acos(xx), xx) + 1 / sp.sqrt(1 - xx**2)),
    }


def prove_ball_angle() -> ProofResult:
    return _gram_proof([
        cauchy_schwarz_step(),
        by_sympy_checks("x = c s + y with |y| <= R <= c: <x,s> = c + <y,s> >= c - R >= 0 (Cauchy-Schwarz) and "
              "R^2|x|^2 - c^2(|x|^2 - <x,s>^2) = (c^2 - R^2)(R^2 - |y|^2) + (c<y,s> + R^2)^2 >= 0, so "
              "cos angle(x, s) = <x,s>/|x| >= sqrt(1 - R^2/c^2) = cos(arcsin(R/c))", _ball()),
        cos_decreasing_step(),
    ], {"c": "(0, oo)", "R": "[0, oo)"}, "the Gram step's symbols: c positive, R nonnegative",
        ("s",), ("R in [0, c]", "|x - c s| <= R", "x != 0"))


USES_ball_angle: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# R-cone-arc: angle(la + mb, s) <= max(angle(a, s), angle(b, s)) if the two add up to <= pi
# --------------------------------------------------------------------------------------------
lam, mu, eps, q, m, n = sp.symbols("lam mu epsilon q m n", nonnegative=True)
Sa, Sb = sp.symbols("S_a S_b", nonnegative=True)  # sin ta, sin tb
Aa = sp.Symbol("A_a", positive=True)  # -A when A < 0


@cache
def _arc_setup() -> dict[str, bool]:
    x = combine((lam, basis("a")), (mu, basis("b")))
    N2 = lam**2 + mu**2 + 2 * lam * mu * p
    ta, tb = sp.symbols("theta_a theta_b", real=True)
    return {
        "|x|^2 = l^2 + m^2 + 2 l m p, <x, s> = l A + m B": identity(UNIT3.norm2(x) - N2)
        and identity(UNIT3.inner(x, basis("s")) - (lam * A + mu * B)),
        "cos ta + cos tb = 2 cos((ta+tb)/2) cos((ta-tb)/2)": identity(
            sp.expand_trig(sp.cos(ta) + sp.cos(tb) - 2 * sp.cos((ta + tb) / 2) * sp.cos((ta - tb) / 2))),
        "cos >= 0 on [-pi/2, pi/2] (both half-angles lie there when ta + tb <= pi)": sp.minimum(
            sp.cos(ta), ta, sp.Interval(-sp.pi / 2, sp.pi / 2)) == 0,
    }


@cache
def _arc_nonneg_case() -> dict[str, bool]:
    """0 <= A <= B: X - A N = m (B - A) + A (l + m - N), (l + m)^2 - N^2 = 2 l m (1 - p)."""
    N = sp.Symbol("N", nonnegative=True)
    return {
        "X - A N = mu (B - A) + A (lambda + mu - N)": identity(
            (lam * A + mu * B - A * N) - (mu * (B - A) + A * (lam + mu - N))),
        "(lambda + mu)^2 - N^2 = 2 lambda mu (1 - p)": identity(
            (lam + mu) ** 2 - (lam**2 + mu**2 + 2 * lam * mu * p) - 2 * lam * mu * (1 - p)),
        "2 lambda mu (1 - p) >= 0 for p <= 1": nonnegative((2 * lam * mu * (1 - p)).subs(p, 1 - q)),
    }


@cache
def _arc_negative_case() -> dict[str, bool]:
    """A = -Aa < 0 <= B with A + B >= 0 (B = Aa + m): A^2 N^2 - X^2 >= 0 when X < 0."""
    Am = -Aa
    Bm = Aa + m
    N2 = lam**2 + mu**2 + 2 * lam * mu * p
    X = lam * Am + mu * Bm
    gap = Am**2 * N2 - X**2
    low = mu**2 * (Bm * Sa + Am * Sb) ** 2 + 2 * mu * eps * Sa * (Bm * Sa + Am * Sb)
    rest = 2 * lam * mu * Am**2 * q  # p = AB - Sa Sb + q, q >= 0 (R-spherical-triangle)
    gap_p = gap.subs(p, Am * Bm - Sa * Sb + q).subs(lam, (mu * Bm + eps) / Aa)
    target = (low + rest).subs(lam, (mu * Bm + eps) / Aa)
    trig = {Sa**2: 1 - Aa**2, Sb**2: 1 - Bm**2}
    return {
        "B^2 - A^2 = m (2 Aa + m) >= 0, so sin tb <= sin ta": identity(Bm**2 - Am**2 - m * (2 * Aa + m))
        and nonnegative(m * (2 * Aa + m)),
        "B S_a + A S_b = Aa n + m S_b + m n >= 0 (S_a = S_b + n)": nonnegative(
            (Bm * Sa + Am * Sb).subs(Sa, Sb + n)),
        "A^2 N^2 - X^2 = mu^2 (B S_a + A S_b)^2 + 2 mu eps S_a (B S_a + A S_b) + 2 lambda mu A^2 q "
        "(-lambda A = mu B + eps)": identity(gap_p - target, trig),
    }


def prove_cone_arc() -> ProofResult:
    return _gram_proof([
        cites(TRIANGLE, "p = <a, b> >= cos(ta + tb) = AB - S_a S_b and p <= 1"),
        by_sympy_checks("Gram algebra for x = lambda a + mu b: |x|^2 = lambda^2 + mu^2 + 2 lambda mu p, "
              "<x, s> = lambda A + mu B; ta + tb <= pi gives A + B = 2 cos((ta+tb)/2) cos((ta-tb)/2) >= 0", _arc_setup()),
        by_sympy_checks("say A <= B (symmetry); case A >= 0: <x,s> - A|x| = mu(B - A) + A(lambda + mu - |x|) "
              ">= 0 as |x| <= lambda + mu (p <= 1)", _arc_nonneg_case()),
        by_sympy_checks("case A < 0: B >= -A gives B S_a + A S_b >= 0; <x,s> >= 0 > A|x| or, if <x,s> < 0, with "
              "-lambda A = mu B + eps, A^2|x|^2 - <x,s>^2 is a sum of nonnegative terms: <x,s> >= A|x|",
              _arc_negative_case()),
        cos_decreasing_step(),
    ], {**ANGLES, "lam": "[0, oo)", "mu": "[0, oo)"},
        ANGLES_HOW + "; lam, mu are nonnegative symbols", ("s", "a", "b"),
        ("angle(a, s) + angle(b, s) <= pi", "x != 0"))


USES_cone_arc: tuple[str, ...] = (TRIANGLE,)
