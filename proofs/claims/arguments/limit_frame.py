"""The limit pair in its frame, and the inequality steps the limit-point proofs share.

Frame (``R-fixed-point-plane``): at a limit pair, w_bar = e1, w* = (C, S) = (cos theta,
sin theta), u_bar = (x, -y) with x = <u_bar, w_bar>, y = (k/(2 pi)) sin(theta)/beta >= 0, so that
S = b y with b = (2 pi/k) beta (eq. (23)); mu = (k/(2 pi)) m with m = C + b x. delta enters
through (c_d, s_d) = (cos delta, sin delta), s_d > 0. Every quantity of the claims is a function
of these: |w* - w_bar|^2 = 2 - 2C, |u_bar|^2 = x^2 + y^2, sin(gamma) = y/|u_bar|,
|w* - u_bar|^2 = (C - x)^2 + (S + y)^2, |w_bar - u_bar|^2 = (1 - x)^2 + y^2, and the C of
eq. (25) is D = C - b (1 - x).

Sign symbols stand for quantities whose sign a hypothesis or an earlier step gives:

* ``h = x - x^2 - y^2 >= 0``: <u, w> >= |u|^2 at the limit (OP-*-inner, closed);
* ``b_s = s_d - b >= 0``: (ii) beta <= k sin(delta)/(2 pi);
* ``C_+ = C > 0`` once cos(theta_bar) > 0 is shown (``R-mu-positive``).

Relations (the substitutions S = b y, m = C + b x made first): C^2 + b^2 y^2 = 1 and
c_d^2 + s_d^2 = 1. Each function returns :class:`~proofs.engine.proof.ProofStep` records checked by
SymPy (:mod:`proofs.claims.arguments.certify`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from proofs.engine.proof import ProofStep, by_sympy

from . import certify

# ----------------------------------------------------------------------------- symbols
C = sp.Symbol("C", real=True)  # cos(theta_bar)
S = sp.Symbol("S", nonnegative=True)  # sin(theta_bar), theta_bar in [0, pi]
x = sp.Symbol("x", real=True)  # <u_bar, w_bar>
y = sp.Symbol("y", nonnegative=True)  # |u_bar - x w_bar|
b = sp.Symbol("b", positive=True)  # (2 pi/k) beta
cd = sp.Symbol("c_delta", real=True)  # cos(delta)
sd = sp.Symbol("s_delta", positive=True)  # sin(delta), delta in (0, pi)
m = sp.Symbol("m", real=True)  # mu/(k/(2 pi))
e = sp.Symbol("e", positive=True)  # eta k/(2 pi)

h = sp.Symbol("h", nonnegative=True)  # x - x^2 - y^2 (inner property)
bs = sp.Symbol("b_s", nonnegative=True)  # s_delta - b  ((ii))
Cp = sp.Symbol("C_+", positive=True)  # C, once C > 0 is shown

#: what each sign symbol and eliminated variable stands for
DEFS: dict[sp.Symbol, sp.Expr] = {
    h: x - x**2 - y**2,
    bs: sd - b,
    Cp: C,
    S: b * y,
    m: C + b * x,
}
RELATIONS: tuple[sp.Expr, ...] = (C**2 + b**2 * y**2 - 1, cd**2 + sd**2 - 1)
GENS: tuple[sp.Symbol, ...] = (C, cd)

#: 1 - b^2 >= 0 and x >= 0, 1 - x >= 0, 1/4 - y^2 >= 0 written with sign symbols
ONE_MINUS_B2 = bs * (sd + b) + cd**2  # = (s_d - b)(s_d + b) + c_d^2 = 1 - b^2
X_NONNEG = h + y**2 + x**2  # = x
ONE_MINUS_X = h + y**2 + (1 - x) ** 2  # = 1 - x
QUARTER_MINUS_Y2 = h + (x - sp.Rational(1, 2)) ** 2  # = 1/4 - y^2


def _defs(extra: Mapping[sp.Symbol, sp.Expr] | None) -> dict[sp.Symbol, sp.Expr]:
    d = dict(DEFS)
    d.update(extra or {})
    return d


def _resolve(expr: sp.Expr, defs: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    out = sp.sympify(expr)
    for _ in range(6):  # definitions refer to each other (S, m appear in others)
        nxt = out.xreplace(dict(defs))
        if nxt == out:
            break
        out = nxt
    return out


def cert(
    says: str,
    goal: sp.Expr,
    certificate: sp.Expr,
    *,
    multiplier: sp.Expr | int = 1,
    strict: bool = False,
    extra: Mapping[sp.Symbol, sp.Expr] | None = None,
    relations: Sequence[sp.Expr] = (),
    gens: Sequence[sp.Symbol] = (),
) -> ProofStep:
    """:func:`certify.certified` in the frame (its definitions and relations added)."""
    d = _defs(extra)
    return certify.certified(
        says, goal, certificate, multiplier=multiplier,
        defs={k: _resolve(v, d) for k, v in d.items()},
        relations=tuple(_resolve(r, d) for r in (*RELATIONS, *relations)),
        gens=(*GENS, *gens), strict=strict,
    )


def contradiction(says: str, certificate: sp.Expr, **where: Any) -> ProofStep:
    """:func:`certify.impossible` in the frame: :func:`cert` with goal 0, strict."""
    return cert(says, sp.Integer(0), certificate, strict=True, **where)


# ----------------------------------------------------------------------------- shared facts


def inner_consequences() -> list[ProofStep]:
    """x = <u, w> in [0, 1], y <= 1/2 and |u|^2 <= x from h = x - x^2 - y^2 >= 0."""
    return [
        cert("x = <u_bar, w_bar> >= 0: x = h + y^2 + x^2", x, X_NONNEG),
        cert("1 - x >= 0: 1 - x = h + y^2 + (1 - x)^2", 1 - x, ONE_MINUS_X),
        cert("y^2 <= 1/4: 1/4 - y^2 = h + (x - 1/2)^2", sp.Rational(1, 4) - y**2, QUARTER_MINUS_Y2),
        cert("1 - b^2 >= 0 from b <= sin(delta) <= 1", 1 - b**2, ONE_MINUS_B2),
    ]


def cone_excludes_mu_nonpositive() -> ProofStep:
    """cos(theta) >= -cos(delta) (theta <= pi - delta) and mu <= 0 cannot hold together."""
    g = sp.Symbol("g", nonnegative=True)  # C + c_delta >= 0
    mn = sp.Symbol("m_-", nonnegative=True)  # -m >= 0
    c = (sd**2 * (sp.Rational(3, 4) + QUARTER_MINUS_Y2) + bs * (sd + b) * y**2
         + g * (g + 2 * (mn + b * X_NONNEG)))
    return contradiction(
        "theta_bar <= pi - delta and mu <= 0 are incompatible: 0 = s_d^2 (3/4 + 1/4 - y^2) + "
        "(s_d^2 - b^2) y^2 + (C + c_d)(C + c_d - 2C) > 0",
        c, extra={g: C + cd, mn: -m},
    )


def mu_positive_gives_cos_positive() -> ProofStep:
    """mu > 0 and cos(theta) <= 0 cannot hold together (so mu > 0 gives theta < pi/2)."""
    mp_ = sp.Symbol("m_+", positive=True)  # m > 0
    q = sp.Symbol("q", nonnegative=True)  # -C >= 0
    c = b**2 * h + mp_ * (mp_ + 2 * q) + ONE_MINUS_B2 + b**2 * ONE_MINUS_X
    return contradiction(
        "mu > 0 and cos(theta_bar) <= 0 are incompatible: 0 = b^2 h + m(m - 2C) + (1 - b^2) "
        "+ b^2 (1 - x) > 0",
        c, extra={mp_: m, q: -C},
    )


def cos_theta_gt_cos_delta() -> ProofStep:
    """cos(theta) > cos(delta) from cos(theta) > 0, sin(theta) = b y <= s_d/2."""
    c = sd**2 * (sp.Rational(3, 4) + QUARTER_MINUS_Y2) + bs * (sd + b) * y**2 + (Cp - cd) ** 2
    return cert(
        "cos(theta_bar) - cos(delta) > 0: 2C (C - c_d) = (s_d^2 - sin^2 theta) + (C - c_d)^2 "
        "and sin(theta) = b y <= s_d/2",
        C - cd, c, multiplier=2 * Cp, strict=True,
    )


def eq25_C_nonneg() -> ProofStep:
    """D = C - b (1 - x) >= 0 (the C of eq. (25) is not negative)."""
    D = C - b * (1 - x)
    c = ONE_MINUS_B2 + b**2 * X_NONNEG + b**2 * h + D**2
    return cert(
        "C_25 = cos(theta) - b (1 - x) >= 0: 2C C_25 = (1 - b^2) + b^2 x + b^2 h + C_25^2",
        D, c, multiplier=2 * Cp,
    )


def eq25_C_at_most_cos() -> ProofStep:
    return cert("C_25 <= cos(theta): cos(theta) - C_25 = b (1 - x) >= 0", b * (1 - x),
                b * ONE_MINUS_X)


def eq25_identity() -> ProofStep:
    """w* - b (w_bar - u_bar) = C_25 w_bar in the frame (both components)."""
    D = C - b * (1 - x)
    first = (C - b * (1 - x)) - D
    second = S - b * y  # the e2-component: sin(theta) - b y
    ok = certify.vanishes(_resolve(first, DEFS)) and certify.vanishes(_resolve(second, DEFS))
    return by_sympy(
        "w* - b (w_bar - u_bar) = C_25 w_bar: its e1-component is C_25, its e2-component "
        "sin(theta) - b y = 0 (eq. (23))", ok, f"components ({first}, {second}) -> 0",
    )


def normaliser_positive() -> ProofStep:
    """c1 + eta mu = 1 - e + e C_25 > 0 when e = eta k/(2 pi) < 1."""
    ee = sp.Symbol("e_-", positive=True)  # 1 - e > 0  ((iii))
    D = C - b * (1 - x)
    c = 2 * Cp * ee + e * (ONE_MINUS_B2 + b**2 * X_NONNEG + b**2 * h + D**2)
    N = 1 - e * (1 + b) + e * m  # (c1 + eta mu) with c1 = 1 - e (1 + b), eta mu = e m
    return cert(
        "c1 + eta mu = 1 - e + e C_25 > 0 with e = eta k/(2pi) < 1 ((iii)): "
        "2C (c1 + eta mu) = 2C (1 - e) + e (2C C_25)",
        N, c, multiplier=2 * Cp, strict=True, extra={ee: 1 - e},
    )


def half_angle_bound() -> ProofStep:
    """|u_bar|^2 <= cos^2(theta/2) = (1 + C)/2."""
    c = 4 * h + (3 + ONE_MINUS_B2) * y**2 + (1 + Cp - 2 * x) ** 2 + 4 * Cp * h
    return cert(
        "|u_bar| <= cos(theta/2): 2C ((1 + C) - 2|u|^2) = 4h + (4 - b^2) y^2 + (1 + C - 2x)^2 "
        "+ 4Ch >= 0",
        (1 + C) - 2 * (x**2 + y**2), c, multiplier=2 * Cp,
    )


def eq11_squares() -> ProofStep:
    """b^2 sin^2(gamma) |u|^2 - |w* - w_bar|^2 |u|^2 = S^2 - (2 - 2C)|u|^2 >= 0."""
    c = (b * y) ** 2 * (4 * h + (3 + ONE_MINUS_B2) * y**2 + (1 + Cp - 2 * x) ** 2 + 4 * Cp * h)
    return cert(
        "|w* - w_bar|^2 |u|^2 <= (b sin gamma)^2 |u|^2 = sin^2 theta: 2C(1+C)(S^2 - (2-2C)|u|^2) "
        "= S^2 (2C((1 + C) - 2|u|^2)) >= 0",
        S**2 - (2 - 2 * C) * (x**2 + y**2), c, multiplier=2 * Cp * (1 + Cp),
    )


def ge_from_squares(says: str, strict: bool = False) -> ProofStep:
    """The rule 'A >= 0 and A^2 >= Z^2 (> Z^2) give A >= |Z| (> |Z|)': sqrt is continuous on
    [0, oo) and strictly increasing on (0, oo)."""
    from sympy.calculus.singularities import is_strictly_increasing
    from sympy.calculus.util import continuous_domain

    t = sp.Symbol("t", real=True)
    z = sp.Symbol("z", real=True)
    half = sp.Interval(0, sp.oo)
    ok = (bool(is_strictly_increasing(sp.sqrt(t), sp.Interval.open(0, sp.oo)))
          and continuous_domain(sp.sqrt(t), t, half) == half and sp.sqrt(z**2) == sp.Abs(z))
    rel = ">" if strict else ">="
    return by_sympy(says, ok, "sqrt is continuous on [0, oo) and strictly increasing on (0, oo), "
                    f"sqrt(Z^2) = |Z|: A = sqrt(A^2) {rel} sqrt(Z^2) = |Z| >= Z")


def cos_monotone() -> ProofStep:
    """cos is strictly decreasing on [0, pi]: angle comparisons are cosine comparisons."""
    from sympy.calculus.singularities import is_strictly_decreasing
    from sympy.calculus.util import continuous_domain

    t = sp.Symbol("t", real=True)
    ok = bool(is_strictly_decreasing(sp.cos(t), sp.Interval.open(0, sp.pi))) and (
        continuous_domain(sp.cos(t), t, sp.Interval(0, sp.pi)) == sp.Interval(0, sp.pi)
    ) and sp.simplify(sp.cos(sp.pi - t) + sp.cos(t)) == 0
    return by_sympy(
        "cos is continuous and strictly decreasing on [0, pi] and cos(pi - delta) = -cos(delta): "
        "theta < delta iff cos(theta) > cos(delta); theta <= pi - delta iff cos(theta) >= "
        "-cos(delta)", ok, "is_strictly_decreasing(cos, (0, pi)), continuous_domain(cos, [0, pi])",
    )


def triangle_in_frame() -> ProofStep:
    """|w* - u_bar| <= |w* - w_bar| + |w_bar - u_bar| (Cauchy-Schwarz via Lagrange's identity)."""
    P = (C - 1, S)  # w* - w_bar
    Q = (1 - x, y)  # w_bar - u_bar
    lagrange = (P[0] ** 2 + P[1] ** 2) * (Q[0] ** 2 + Q[1] ** 2) - (P[0] * Q[0] + P[1] * Q[1]) ** 2 \
        - (P[0] * Q[1] - P[1] * Q[0]) ** 2
    total = (P[0] + Q[0], P[1] + Q[1])
    split = (total[0] ** 2 + total[1] ** 2) - (P[0] ** 2 + P[1] ** 2) - (Q[0] ** 2 + Q[1] ** 2) \
        - 2 * (P[0] * Q[0] + P[1] * Q[1])
    ok = certify.vanishes(lagrange) and certify.vanishes(split)
    return by_sympy(
        "triangle inequality |w* - u_bar| <= |w* - w_bar| + |w_bar - u_bar|: |P+Q|^2 = |P|^2 + "
        "|Q|^2 + 2<P,Q> and |P|^2|Q|^2 - <P,Q>^2 = (P1 Q2 - P2 Q1)^2 >= 0 (Lagrange)",
        ok, "P = w* - w_bar = (C - 1, S), Q = w_bar - u_bar = (1 - x, y)",
    )


def distances_in_frame() -> ProofStep:
    """The frame expressions of the distances the claims use."""
    ws = sp.Matrix([C, S])
    wb = sp.Matrix([1, 0])
    ub = sp.Matrix([x, -y])
    n2 = lambda v: (v.T * v)[0]  # noqa: E731
    checks = [
        n2(ws - wb) - (2 - 2 * C),
        n2(ws - ub) - ((C - x) ** 2 + (S + y) ** 2),
        n2(wb - ub) - ((1 - x) ** 2 + y**2),
        n2(ub) - (x**2 + y**2),
        (ub.T * wb)[0] - x,
    ]
    ok = all(certify.vanishes(_resolve(c, DEFS), RELATIONS, GENS) for c in checks)
    return by_sympy(
        "in the frame: |w* - w_bar|^2 = 2 - 2C, |w* - u_bar|^2 = (C - x)^2 + (S + y)^2, "
        "|w_bar - u_bar|^2 = (1 - x)^2 + y^2, |u_bar|^2 = x^2 + y^2, sin(gamma) = y/|u_bar|",
        ok, "w_bar = (1, 0), w* = (C, S), u_bar = (x, -y)",
    )


def eq25_C_nonzero_l1() -> ProofStep:
    """C_25 != 0 when |w_bar - u_bar| <= R = tau sqrt(d) and b R = (2 pi/k) lam sqrt(d) < 1."""
    R = sp.Symbol("R", positive=True)  # tau sqrt(d)
    g2 = sp.Symbol("g_2", positive=True)  # 1 - b R > 0  ((ii))
    rr = sp.Symbol("r_R", nonnegative=True)  # R^2 - |w_bar - u_bar|^2 >= 0 (residual)
    return contradiction(
        "C_25 = 0 is impossible: it would give 1 = C^2 + b^2 y^2 = b^2 |w_bar - u_bar|^2 <= "
        "(b tau sqrt d)^2 = ((2pi/k) lam sqrt d)^2 < 1; 0 = (1 - bR)(1 + bR) + b^2 (R^2 - |a|^2) > 0",
        g2 * (1 + b * R) + b**2 * rr,
        extra={C: b * (1 - x), g2: 1 - b * R, rr: R**2 - (1 - x) ** 2 - y**2},
    )


def zero_u_case() -> ProofStep:
    """u_bar = 0: y = 0, so sin(theta) = 0, cos(theta) = 1 (> 0) and w_bar = w*."""
    ok = vanishes_at_zero_u((2 - 2 * C) * (1 + C))
    return by_sympy("u_bar = 0 (gamma := 0): x = y = 0, so sin(theta) = b y = 0 and (2 - 2C)(1 + C) = "
                    "2 sin^2(theta) = 0 with 1 + C > 0: |w* - w_bar| = 0", ok,
                    "(2 - 2C)(1 + C) = 0 modulo C^2 + b^2 y^2 = 1 at x = y = 0")


def vanishes_at_zero_u(expr: sp.Expr) -> bool:
    sub = {x: 0, y: 0}
    return certify.vanishes(_resolve(expr, DEFS).subs(sub),
                            tuple(_resolve(r, DEFS).subs(sub) for r in RELATIONS), GENS)
