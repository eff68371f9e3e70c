"""The sharp form of eq. (12) for the l1 penalty, and its constant.

At the limit pair of an l1 run (u_bar = S_tau(w_bar), tau = lam/beta), in the frame of
:mod:`proofs.claims.arguments.limit_frame`, with n = d - 1 and b = (2 pi/k) beta:

    |w* - u_bar| <= K sin(gamma) + tau sqrt(d),   K = (sqrt(1 + (1 + b)^2 n) - sqrt(n + 1))/sqrt(n),

and K <= b g(d) <= g(d) sin(delta), g(d) = (sqrt(4d - 3) - sqrt(d))/sqrt(d - 1) < 1. So the best
constant of eq. (12) (the sup of (|w* - u_bar| - (lam/beta) sqrt d)/(sin delta sin gamma)) is at
most g(d); the family of :mod:`proofs.claims.arguments.best_constants` attains it in the limit.

Why: the residual a = w_bar - u_bar has |a| <= tau sqrt(d) (every |a_i| <= tau) and, for soft
thresholding, <a, w_bar> = sum_i min(tau, |w_i|) |w_i| >= tau |w_bar|^2 = tau; so its component
orthogonal to w_bar, y, is at most tau sqrt(d - 1). Then |w* - u_bar|^2 <= <a, w_bar>^2 +
(1 + b)^2 y^2 <= (tau sqrt d)^2 + ((1 + b)^2 - 1) y^2, and the quadratic (tau sqrt d + K y)^2
dominates that for y <= tau sqrt(d - 1) exactly when K^2 + 2K sqrt(d/(d-1)) >= 2b + b^2.
"""

from __future__ import annotations

import sympy as sp

from proofs.engine.proof import ProofStep, by_sympy

from . import certify
from .limit_frame import (
    DEFS,
    GENS,
    ONE_MINUS_B2,
    ONE_MINUS_X,
    RELATIONS,
    C,
    Cp,
    S,
    b,
    bs,
    ge_from_squares,
    h,
    sd,
    x,
    y,
)

tau = sp.Symbol("tau", positive=True)
n = sp.Symbol("n", positive=True)  # d - 1 >= 1
r1 = sp.Symbol("r_d", positive=True)  # sqrt(d) = sqrt(n + 1)
rn = sp.Symbol("r_n", positive=True)  # sqrt(d - 1)
A = sp.Symbol("A", nonnegative=True)  # |w_bar - u_bar|
Q = sp.Symbol("Q", positive=True)  # sqrt(1 + (1 + b)^2 n)
Q1 = sp.Symbol("Q_1", positive=True)  # sqrt(1 + 4n) = sqrt(4d - 3)
U = sp.Symbol("U", positive=True)  # |u_bar| when u_bar != 0

K_EXPR = (Q - r1) / rn
G_EXPR = (Q1 - r1) / rn
SHARP_RELATIONS = (
    A**2 - (1 - x) ** 2 - y**2,
    Q**2 - 1 - (1 + b) ** 2 * n,
    Q1**2 - 1 - 4 * n,
    r1**2 - n - 1,
    rn**2 - n,
)
SHARP_GENS = (A, Q, Q1, r1, rn)


def constant_K(d: sp.Expr, bb: sp.Expr) -> sp.Expr:
    """K(d, b) = (sqrt(1 + (1 + b)^2 (d - 1)) - sqrt(d))/sqrt(d - 1)."""
    return (sp.sqrt(1 + (1 + bb) ** 2 * (d - 1)) - sp.sqrt(d)) / sp.sqrt(d - 1)


def constant_g(d: sp.Expr) -> sp.Expr:
    """g(d) = (sqrt(4d - 3) - sqrt(d))/sqrt(d - 1): the best constant of eq. (12) in dimension d."""
    return (sp.sqrt(4 * d - 3) - sp.sqrt(d)) / sp.sqrt(d - 1)


def _cert(says: str, goal: sp.Expr, cert: sp.Expr, extra: dict | None = None, **kw: object) -> ProofStep:
    defs = {k: v for k, v in DEFS.items()}
    defs.update(extra or {})
    resolved = {k: v.xreplace(defs).xreplace(defs) for k, v in defs.items()}
    rels = tuple(r.xreplace(resolved) for r in (*RELATIONS, *SHARP_RELATIONS))
    return certify.certified(says, goal, cert, defs=resolved, relations=rels,
                             gens=(*SHARP_GENS, *GENS), **kw)


def soft_residual_structure() -> list[ProofStep]:
    """For soft thresholding a_i = w_i - S_tau(w_i) = sign(w_i) min(tau, |w_i|), and
    min(tau, t) t >= tau t^2 for t in [0, 1] when tau <= 1."""
    w, e_ = sp.Symbol("w", real=True), sp.Symbol("epsilon", positive=True)
    S_ = sp.Piecewise((w - tau, w > tau), (w + tau, w < -tau), (0, True))
    hi = sp.simplify((w - S_).subs(w, tau + e_)) == tau
    lo = sp.simplify((w - S_).subs(w, -tau - e_)) == -tau
    mid = S_.args[2][0] == 0 and S_.args[2][1] == sp.true
    t, t1, tt = sp.Symbol("t", nonnegative=True), sp.Symbol("t_1", nonnegative=True), \
        sp.Symbol("t_t", nonnegative=True)
    above = certify.vanishes((tau * t - tau * t**2) - tau * t * t1, (t1 - (1 - t),))
    below = certify.vanishes((t * t - tau * t**2) - t**2 * tt, (tt - (1 - tau),))
    return [
        by_sympy("soft thresholding: w - S_tau(w) is tau (w > tau), -tau (w < -tau), w (|w| <= tau):"
                 " a_i = sign(w_i) min(tau, |w_i|)", bool(hi and lo and mid), "piecewise branches"),
        by_sympy("per coordinate, t = |w_i| <= 1, tau <= 1: min(tau, t) t - tau t^2 = tau t (1 - t) "
                 "(t >= tau) or t^2 (1 - tau) (t < tau), both >= 0; summed: <a, w_bar> = 1 - x >= "
                 "tau |w_bar|^2 = tau (tau <= 1 when u_bar != 0: some |w_i| > tau, |w_i| <= 1)",
                 bool(above and below), "tau t (1 - t) >= 0, t^2 (1 - tau) >= 0"),
    ]


def orthogonal_part_bound() -> list[ProofStep]:
    """y <= tau sqrt(d - 1) from |a| <= tau sqrt(d) and <a, w_bar> >= tau."""
    rA = sp.Symbol("r_A", nonnegative=True)  # d tau^2 - |a|^2 >= 0 (OP-soft-residual)
    pt = sp.Symbol("p_tau", nonnegative=True)  # 1 - x - tau >= 0
    return [
        _cert("y^2 <= tau^2 (d - 1): tau^2 n - y^2 = (d tau^2 - |a|^2) + (1 - x - tau)(1 - x + tau)",
              tau**2 * n - y**2, rA + pt * (pt + 2 * tau),
              extra={rA: tau**2 * r1**2 - A**2, pt: 1 - x - tau}),
        ge_from_squares("y <= tau sqrt(d - 1) (square roots of nonnegative sides)"),
    ]


def distance_bound() -> ProofStep:
    """|w* - u_bar|^2 <= (1 - x)^2 + (1 + b)^2 y^2 (the e1-gap shrinks by 1 - cos theta)."""
    goal = (1 - x) ** 2 + (1 + b) ** 2 * y**2 - ((C - x) ** 2 + (S + y) ** 2)
    cert = (b * y) ** 2 * (4 * h + (3 + ONE_MINUS_B2) * y**2 + (1 + Cp - 2 * x) ** 2)
    return _cert("|w* - u_bar|^2 <= (1 - x)^2 + (1 + b)^2 y^2: the difference is (1 - C)(1 + C - 2x) "
                 "and 2C(1 + C)(1 - C)(1 + C - 2x) = S^2 (4h + (4 - b^2) y^2 + (1 + C - 2x)^2)",
                 goal, cert, multiplier=2 * Cp * (1 + Cp))


def constant_identities() -> list[ProofStep]:
    """K >= 0 and K^2 + 2K sqrt(d/(d-1)) = 2b + b^2."""
    ident = certify.vanishes(K_EXPR**2 + 2 * K_EXPR * r1 / rn - (2 * b + b**2),
                             SHARP_RELATIONS[1:], SHARP_GENS[1:])
    return [
        _cert("Q^2 - d = (2b + b^2)(d - 1) >= 0 (Q = sqrt(1 + (1+b)^2 (d-1)))", Q**2 - r1**2,
              (2 * b + b**2) * n),
        ge_from_squares("K = (Q - sqrt d)/sqrt(d - 1) >= 0"),
        by_sympy("K^2 + 2K sqrt(d/(d-1)) = 2b + b^2", ident,
                 "K = (Q - r_d)/r_n with Q^2 = 1 + (1+b)^2 n, r_d^2 = n + 1, r_n^2 = n"),
    ]


def main_inequality() -> list[ProofStep]:
    """(tau sqrt d + K y)^2 >= (1 - x)^2 + (1 + b)^2 y^2, hence |w* - u_bar| <= tau sqrt d + K y."""
    Kp = sp.Symbol("K", nonnegative=True)
    rA = sp.Symbol("r_A", nonnegative=True)
    gy = sp.Symbol("g_y", nonnegative=True)  # tau sqrt(d-1) - y >= 0
    goal = (tau * r1 + Kp * y) ** 2 - (1 - x) ** 2 - (1 + b) ** 2 * y**2
    return [
        _cert("sqrt(d-1) ((tau sqrt d + K y)^2 - (1-x)^2 - (1+b)^2 y^2) = sqrt(d-1)(d tau^2 - |a|^2) "
              "+ 2 K sqrt(d) y (tau sqrt(d-1) - y) >= 0",
              goal, rn * rA + 2 * Kp * r1 * y * gy, multiplier=rn,
              extra={Kp: K_EXPR, rA: tau**2 * r1**2 - A**2, gy: tau * rn - y}),
        ge_from_squares("|w* - u_bar| <= tau sqrt(d) + K y (square roots; tau sqrt d + K y >= 0)"),
        _cert("|u_bar| <= 1: 1 - |u_bar|^2 = h + (1 - x)", 1 - (x**2 + y**2), h + ONE_MINUS_X),
        certify.certified(
            "sin(gamma) - y = y/|u_bar| - y >= 0 (u_bar != 0): |u|(1 + |u|)(y/|u| - y) = y (h + 1 - x), "
            "so K y <= K sin(gamma) (K >= 0). With u_bar = 0 (gamma := 0): y = 0, theta = 0 and "
            "|w* - u_bar| = |w_bar - u_bar| <= tau sqrt d",
            y / U - y, y * (h + ONE_MINUS_X), multiplier=U * (1 + U),
            defs={h: DEFS[h]}, relations=(U**2 - x**2 - y**2,), gens=(U,)),
    ]


def constant_bounds() -> list[ProofStep]:
    """K <= b g(d) <= g(d) sin(delta), g(d) < 1, g(d) -> 1 as d -> oo."""
    ob = sp.Symbol("o_b", nonnegative=True)  # 1 - b >= 0
    rq = sp.Symbol("r_q", nonnegative=True)  # sqrt(d (4d - 3)) - (2d - 1) >= 0
    G = (1 - b) * r1 + b * Q1
    d_ = sp.Symbol("d", positive=True)
    lim = sp.limit(constant_g(d_), d_, sp.oo)
    rr = sp.Symbol("r_r", positive=True)  # sqrt(d (d - 1)) - (d - 1) > 0
    return [
        _cert("(sqrt(d) sqrt(4d-3))^2 - (2d - 1)^2 = d - 1 >= 0", (r1 * Q1) ** 2 - (1 + 2 * n) ** 2, n),
        ge_from_squares("sqrt(d) sqrt(4d - 3) >= 2d - 1"),
        _cert("G^2 - Q^2 = 2b(1 - b)(sqrt(d)sqrt(4d-3) - (2d-1)) >= 0, G = (1 - b) sqrt d + b "
              "sqrt(4d - 3)", G**2 - Q**2, 2 * b * ob * rq,
              extra={ob: 1 - b, rq: r1 * Q1 - (1 + 2 * n)}),
        ge_from_squares("Q <= (1 - b) sqrt(d) + b sqrt(4d - 3), i.e. K <= b g(d) (convexity in b)"),
        _cert("(4d - 3) - d = 3(d - 1) >= 0, so g(d) >= 0", Q1**2 - r1**2, 3 * n),
        ge_from_squares("sqrt(4d - 3) >= sqrt(d)"),
        _cert("b g(d) <= sin(delta) g(d): (s_d - b) g(d) >= 0", (sd - b) * G_EXPR,
              bs * sp.Symbol("g_+", nonnegative=True),
              extra={sp.Symbol("g_+", nonnegative=True): G_EXPR}),
        _cert("(sqrt(d) sqrt(d-1))^2 - (d-1)^2 = d - 1 > 0", (r1 * rn) ** 2 - n**2, n, strict=True),
        ge_from_squares("sqrt(d(d - 1)) > d - 1", strict=True),
        _cert("(sqrt d + sqrt(d-1))^2 - (4d - 3) = 2 (sqrt(d(d-1)) - (d - 1)) > 0, so g(d) < 1",
              (r1 + rn) ** 2 - Q1**2, 2 * rr, extra={rr: r1 * rn - n}, strict=True),
        by_sympy("g(d) -> 1 as d -> oo (SymPy limit)", lim == 1, f"limit = {lim}"),
    ]


def all_steps() -> list[ProofStep]:
    return [
        *soft_residual_structure(),
        *orthogonal_part_bound(),
        distance_bound(),
        *constant_identities(),
        *main_inequality(),
        *constant_bounds(),
    ]
