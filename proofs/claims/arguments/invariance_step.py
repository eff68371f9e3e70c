"""One step of Algorithm 1 keeps theta <= pi - delta (any u-update with <u, w> >= |u|^2).

Frame: w* = e1, w^t = (c, s, 0) with c = cos(theta_t), s = sin(theta_t) >= 0, u = (u1, u2, u3)
(coordinates in an orthonormal basis of span(w*, w^t, u^{t+1}), which has dimension <= 3).
With c1 = 1 - eta (k/(2 pi) + beta) >= 0 the unnormalised update is
w_hat = c1 w + eta (k/(2 pi)) w* + eta beta u = eta (k/(2 pi)) z, z = alpha w + w* + b u,
alpha = c1/(eta k/(2 pi)) >= 0, b = (2 pi/k) beta <= sin(delta). The claim theta(w_hat, w*) <=
pi - delta is <z, w*> + cos(delta) |z| >= 0 with z != 0. Three cases:

* I   cos(delta) <= 0: the cone {cos angle(., w*) >= -cos(delta)} is convex and contains w and
      p = w* + b u, hence z;
* IIa cos(delta) > 0, cos(theta_t) >= cos(delta): <z, w*> > 0;
* IIb cos(delta) > 0, |cos(theta_t)| <= cos(delta): n = (s, -c, 0) (unit, orthogonal to w,
      within pi/2 - delta of w*) has <z, n> > 0, and every z with <z, n> >= 0 is within
      pi - delta of w*.
"""

from __future__ import annotations

import sympy as sp

from proofs.engine.proof import ProofStep, by_sympy

from . import certify
from .limit_frame import ge_from_squares

c = sp.Symbol("c", real=True)  # cos(theta_t)
s = sp.Symbol("s", nonnegative=True)  # sin(theta_t)
u1, u2, u3 = sp.symbols("u1 u2 u3", real=True)
al = sp.Symbol("alpha", nonnegative=True)  # c1/(eta k/(2 pi)) >= 0
b = sp.Symbol("b", positive=True)  # (2 pi/k) beta
cd = sp.Symbol("c_delta", real=True)
sd = sp.Symbol("s_delta", positive=True)
Z = sp.Symbol("Z", nonnegative=True)  # |z|

hu = sp.Symbol("h_u", nonnegative=True)  # <u, w> - |u|^2 >= 0 (inner property)
bs = sp.Symbol("b_s", nonnegative=True)  # s_delta - b >= 0 ((ii))

W = sp.Matrix([c, s, 0])
U = sp.Matrix([u1, u2, u3])
E1 = sp.Matrix([1, 0, 0])
ZV = al * W + E1 + b * U
z1 = ZV[0]
UW = (U.T * W)[0]
UU = (U.T * U)[0]

BASE_DEFS: dict[sp.Symbol, sp.Expr] = {hu: UW - UU, bs: sd - b}
RELATIONS = (c**2 + s**2 - 1, cd**2 + sd**2 - 1, Z**2 - (ZV.T * ZV)[0])
GENS = (Z, c, cd)

ONE_MINUS_U2 = 2 * hu + (u1 - c) ** 2 + (u2 - s) ** 2 + u3**2  # = 1 - |u|^2


def _cert(says: str, goal: sp.Expr, cert: sp.Expr, extra: dict | None = None, **kw: object) -> ProofStep:
    defs = dict(BASE_DEFS)
    defs.update(extra or {})
    return certify.certified(says, goal, cert, defs=defs, relations=RELATIONS, gens=GENS, **kw)


def update_identity() -> ProofStep:
    """c1 w + eta c2 w* + eta beta u = eta c2 (alpha w + w* + b u) componentwise."""
    eta, c2, beta = sp.symbols("eta c_2 beta", positive=True)
    c1 = 1 - eta * (c2 + beta)
    wi, si, ui = sp.symbols("w_i s_i u_i", real=True)
    lhs = c1 * wi + eta * c2 * si + eta * beta * ui
    rhs = eta * c2 * ((c1 / (eta * c2)) * wi + si + (beta / c2) * ui)
    ok = sp.simplify(lhs - rhs) == 0
    return by_sympy("w_hat = eta (k/2pi) z with z = alpha w + w* + b u, alpha = c1/(eta k/2pi) >= 0 "
                    "when c1 >= 0, b = (2pi/k) beta: same direction as z", ok, f"{lhs} = {rhs}")


def unit_ball_of_u() -> list[ProofStep]:
    """|u| <= 1 and -1 <= u1, from the inner property."""
    return [
        _cert("|u| <= 1: 1 - |u|^2 = 2(<u,w> - |u|^2) + |u - w|^2", 1 - UU, ONE_MINUS_U2),
        _cert("1 + u1 >= (1 + cos theta_t)^2/4: 4(1 + u1) = 4h_u + 2(u2 - s)^2 + 2u2^2 + 4u3^2 "
              "+ (1 + c)^2 + 4(u1 + (1 - c)/2)^2 (when cos theta_t >= 0 this is > 0)",
              4 * (1 + u1) - (1 + c) ** 2,
              4 * hu + 2 * (u2 - s) ** 2 + 2 * u2**2 + 4 * u3**2 + 4 * (u1 + (1 - c) / 2) ** 2),
    ]


def first_component_positive() -> ProofStep:
    """<z, w*> > 0 when cos(theta_t) >= 0 and b <= 1 (cases I and IIa)."""
    cp = sp.Symbol("c_+", nonnegative=True)  # cos(theta_t) >= 0
    ob = sp.Symbol("o_b", nonnegative=True)  # 1 - b >= 0
    quarter = (4 * hu + 2 * (u2 - s) ** 2 + 2 * u2**2 + 4 * u3**2 + (1 + cp) ** 2
               + 4 * (u1 + (1 - cp) / 2) ** 2)
    cert = 4 * al * cp + 4 * ob + b * quarter
    return _cert("<z, w*> = alpha cos(theta_t) + (1 - b) + b (1 + u1) > 0 when cos(theta_t) >= 0, "
                 "b <= 1 (with alpha = 0: <p, w*> = 1 + b u1 > 0)", z1, cert,
                 extra={cp: c, ob: 1 - b}, multiplier=4, strict=True)


def b_at_most_one() -> ProofStep:
    """1 - b >= 0 from b <= sin(delta) <= 1: (1 + s_d)(1 - b) = c_d^2 + (1 + s_d)(s_d - b)."""
    return _cert("1 - b >= 0: (1 + s_d)(1 - b) = c_d^2 + (1 + s_d)(s_d - b)", 1 - b,
                 cd**2 + (1 + sd) * bs, multiplier=1 + sd)


def case_convex_cone() -> list[ProofStep]:
    """Case I (cos(delta) <= 0): <z, w*> >= -cos(delta) |z|."""
    ncd = sp.Symbol("n_delta", nonnegative=True)  # -cos(delta) >= 0
    gap = sp.Symbol("g", nonnegative=True)  # cos(theta_t) + cos(delta) >= 0 (cone)
    P = sp.Symbol("P", nonnegative=True)  # |p|, p = w* + b u
    pv = E1 + b * U
    A = 1 + b * u1  # <p, w*>
    q = sp.Symbol("q", nonnegative=True)  # s_d^2 + 2 b u1 + (b^2 + c_d^2) u1^2 >= 0
    rel_p = (P**2 - (pv.T * pv)[0],)
    qdef = sd**2 + 2 * b * u1 + (b**2 + cd**2) * u1**2
    steps = [
        _cert("q(u1) = s_d^2 + 2 b u1 + (b^2 + c_d^2) u1^2 >= 0: (b^2 + c_d^2) q = ((b^2 + c_d^2) u1 "
              "+ b)^2 + c_d^2 (s_d^2 - b^2)",
              qdef, ((b**2 + cd**2) * u1 + b) ** 2 + cd**2 * bs * (sd + b), multiplier=b**2 + cd**2),
        certify.certified(
            "<p, w*>^2 >= cos^2(delta) |p|^2: (1 + b u1)^2 - c_d^2 |p|^2 = s_d^2 q + c_d^2 (s_d^2 "
            "(1 - |u|^2) + (s_d^2 - b^2)(u2^2 + u3^2))",
            A**2 - cd**2 * P**2,
            sd**2 * q + cd**2 * (sd**2 * ONE_MINUS_U2 + bs * (sd + b) * (u2**2 + u3**2)),
            defs={**BASE_DEFS, q: qdef}, relations=(*RELATIONS, *rel_p), gens=(P, *GENS)),
        ge_from_squares("<p, w*> = 1 + b u1 >= -cos(delta) |p| (both sides >= 0; 1 + b u1 >= 0 "
                        "as b <= 1, u1 >= -1)"),
        certify.certified(
            "|z| <= alpha + |p|: (alpha + |p|)^2 - |z|^2 = 2 alpha (|p| - <w, p>), and |p|^2 - "
            "<w, p>^2 = |p - <w,p> w|^2 >= 0",
            (al + P) ** 2 - Z**2, 2 * al * sp.Symbol("pw", nonnegative=True),
            defs={**BASE_DEFS, sp.Symbol("pw", nonnegative=True): P - (pv.T * W)[0]},
            relations=(*RELATIONS, *rel_p), gens=(Z, P, c, cd)),
        certify.certified(
            "<z, w*> + cos(delta)|z| = alpha (cos theta_t + cos delta) + (<p, w*> + cos(delta)|p|) "
            "- cos(delta)(alpha + |p| - |z|) >= 0",
            z1 + cd * Z,
            al * gap + sp.Symbol("pa", nonnegative=True) + ncd * sp.Symbol("tz", nonnegative=True),
            defs={**BASE_DEFS, gap: c + cd, ncd: -cd, sp.Symbol("pa", nonnegative=True): A + cd * P,
                  sp.Symbol("tz", nonnegative=True): al + P - Z},
            relations=(*RELATIONS, *rel_p), gens=(Z, P, c, cd)),
    ]
    return steps


def case_half_space() -> list[ProofStep]:
    """Case IIb (cos(delta) > 0, |cos(theta_t)| <= cos(delta)): <z, n> > 0 and then
    <z, w*> >= -cos(delta)|z|."""
    n = sp.Matrix([s, -c, 0])
    v = (U.T * n)[0]  # <u, n>
    zn = (ZV.T * n)[0]
    zw = (ZV.T * W)[0]
    sts = sp.Symbol("s_t", nonnegative=True)  # sin(theta_t) - s_delta >= 0
    vp = sp.Symbol("v_+", nonnegative=True)  # <u, n> + 1/2 >= 0
    znp = sp.Symbol("z_n", nonnegative=True)
    dp, dm = sp.Symbol("d_+", nonnegative=True), sp.Symbol("d_-", nonnegative=True)  # c_d +- c
    zp, zm = sp.Symbol("Z_+", nonnegative=True), sp.Symbol("Z_-", nonnegative=True)  # |z| +- zw
    frame = [sp.simplify(E1[i] - (c * W[i] + s * n[i])) for i in range(3)]
    frame_ok = all(certify.vanishes(f, RELATIONS[:1]) for f in frame) and certify.vanishes(
        (W.T * n)[0]) and certify.vanishes((n.T * n)[0] - 1, RELATIONS[:1])
    return [
        by_sympy("n = (sin theta_t, -cos theta_t, 0) is a unit vector orthogonal to w with "
                 "w* = cos(theta_t) w + sin(theta_t) n", frame_ok, "frame identities"),
        _cert("sin^2 theta_t >= sin^2 delta: s^2 - s_d^2 = (c_d - c)(c_d + c) >= 0", s**2 - sd**2,
              dm * dp, extra={dp: cd + c, dm: cd - c}),
        _cert("<u, n>^2 <= 1/4: 1/4 - <u, n>^2 = u3^2 + h_u + (<u, w> - 1/2)^2",
              sp.Rational(1, 4) - v**2, u3**2 + hu + (UW - sp.Rational(1, 2)) ** 2),
        ge_from_squares("sin(theta_t) >= sin(delta) and 1/2 >= |<u, n>| (square roots)"),
        _cert("<z, n> = sin(theta_t) + b <u, n> >= s_d/2 > 0: = (s - s_d) + (s_d - b)/2 + s_d/2 + "
              "b (<u,n> + 1/2)", zn, sts + bs / 2 + sd / 2 + b * vp,
              extra={sts: s - sd, vp: v + sp.Rational(1, 2)}, strict=True),
        _cert("|z| >= |<z, w>|: |z|^2 - <z, w>^2 = <z, n>^2 + z3^2", Z**2 - zw**2, zn**2 + ZV[2] ** 2),
        _cert("<z, w*> + cos(delta)|z| = sin(theta_t)<z, n> + (c_d + c)(|z| + <z,w>)/2 + (c_d - c)"
              "(|z| - <z,w>)/2 >= 0", z1 + cd * Z, s * znp + dp * zp / 2 + dm * zm / 2,
              extra={znp: zn, dp: cd + c, dm: cd - c, zp: Z + zw, zm: Z - zw}),
    ]


def all_steps() -> list[ProofStep]:
    """The per-step invariance, every case."""
    return [
        update_identity(),
        *unit_ball_of_u(),
        b_at_most_one(),
        first_component_positive(),
        *case_convex_cone(),
        *case_half_space(),
    ]
