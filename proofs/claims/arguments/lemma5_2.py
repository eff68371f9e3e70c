"""Lemma 5.2 corrected: Lipschitz continuity of grad f and the descent inequality away from the
w*-axis, proved through Gram algebra (any dimension d).

f = k theta/(2 pi) (eq. 6), grad f(w) = (k/(2 pi)) e(w)/|w| with the unit vector
e = (cos theta w^ - s^)/sin theta (the model's coefficients; ``R-rotation-invariance``).

``L5.2-lipschitz+fix``. With r_j = |w_j|, E = <e1, e2>, p = <w1^, w2^>, u = 1 - (p - c1 c2)/(s1 s2)
in [0, 2] (``R-spherical-triangle``; c_j = cos theta_j, s_j = sin theta_j > 0), M = max(1, cot
delta):

    M^2 |w1 - w2|^2 - r1^2 r2^2 |e1/r1 - e2/r2|^2 = (M^2 - 1)(r1 - r2)^2 + 2 r1 r2 [(M^2 - 1)(1 -
    cos(theta1 - theta2)) + u (M^2 s1 s2 - c1 c2)]  >= 0,

since |c_j| sin(delta) <= s_j cos(delta) on [delta, pi - delta]. Hence |grad f(w1) - grad f(w2)|
<= (k/(2 pi)) M |w1 - w2|/(r1 r2) <= (k/(2 pi c^2)) M |w1 - w2|: sharp (mirror pairs at angle
delta, equal norms, when cot delta >= 1; same-side pairs, r2 -> r1, otherwise).

``L5.2-descent+fix``. Along the segment w(t) = w1 + t (w2 - w1), g(t) = theta(w(t)) has
g''(t) |w(t)|^2 = cot(theta) (|D|^2 - alpha^2 - beta^2) - 2 alpha beta <= M |D|^2 (D = w2 - w1,
alpha = <D, w^>, beta = <D, e>): SymPy differentiates arccos(<w(t), s^>/|w(t)|) twice. Taylor's
formula with integral remainder (SymPy, for any C^2 function) then gives the inequality with
L = (k/(2 pi rho^2)) M, best possible (short segments).
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.proof import by_sympy_checks, cites, proof

from .symbolic import Gram, basis, combine, identity, nonnegative

ROTATION = "R-rotation-invariance"
TRIANGLE = "R-spherical-triangle"
LIP_FIX = "L5.2-lipschitz+fix"


c1, c2, p = sp.symbols("c1 c2 p", real=True)
s1, s2, r1, r2 = sp.symbols("s1 s2 r1 r2", positive=True)
M = sp.Symbol("M", positive=True)
u = sp.Symbol("u", nonnegative=True)
TRIG = ({c1**2: 1 - s1**2}, {c2**2: 1 - s2**2})


@cache
def _gradient_form() -> dict[str, bool]:
    from proofs.model import model
    from proofs.model.derivation import k, r
    from proofs.model.gaussian import theta

    g = model().gradient["eq6"]
    pref = k / (2 * sp.pi * r)
    plane = Gram({("w", "w"): 1, ("s", "s"): 1, ("w", "s"): sp.cos(theta)})
    e = {"w": sp.cos(theta) / sp.sin(theta), "s": -1 / sp.sin(theta)}
    return {
        "grad f = (k/(2 pi |w|)) e, e = (cos theta w^ - s^)/sin theta": identity(g.coeff_w - pref * e["w"])
        and identity(g.coeff_s - pref * e["s"]),
        "|e| = 1, <e, w^> = 0": identity(sp.simplify(plane.norm2(e) - 1))
        and identity(sp.simplify(plane.inner(e, basis("w")))),
    }


@cache
def _lipschitz_algebra() -> dict[str, bool]:
    g = Gram({("a", "a"): 1, ("b", "b"): 1, ("s", "s"): 1, ("a", "b"): p, ("a", "s"): c1, ("b", "s"): c2})
    e1 = {"a": c1 / s1, "s": -1 / s1}
    e2 = {"b": c2 / s2, "s": -1 / s2}
    E = g.inner(e1, e2)
    diff = combine((1 / r1, e1), (-1 / r2, e2))
    dw = combine((r1, basis("a")), (-r2, basis("b")))
    core = M**2 * (1 - p) - (1 - E)
    p_u = c1 * c2 + s1 * s2 * (1 - u)
    bracket = (M**2 - 1) * (1 - c1 * c2 - s1 * s2) + u * (M**2 * s1 * s2 - c1 * c2)
    lhs = M**2 * g.norm2(dw) - r1**2 * r2**2 * g.norm2(diff)
    return {
        "|e1/r1 - e2/r2|^2 = 1/r1^2 + 1/r2^2 - 2E/(r1 r2), |w1 - w2|^2 = r1^2 + r2^2 - 2 r1 r2 p": identity(
            g.norm2(diff) - (1 / r1**2 + 1 / r2**2 - 2 * E / (r1 * r2)), *TRIG)
        and identity(g.norm2(dw) - (r1**2 + r2**2 - 2 * r1 * r2 * p)),
        "M^2|w1 - w2|^2 - r1^2 r2^2 |e1/r1 - e2/r2|^2 = (M^2 - 1)(r1 - r2)^2 + 2 r1 r2 core": identity(
            lhs - ((M**2 - 1) * (r1 - r2) ** 2 + 2 * r1 * r2 * core), *TRIG),
        "core = (M^2 - 1)(1 - c1c2 - s1s2) + u (M^2 s1 s2 - c1 c2), p = c1c2 + s1s2(1 - u)": identity(
            (core - bracket).subs(p, p_u) * s1 * s2, *TRIG),
        "2(1 - c1c2 - s1s2) = (c1 - c2)^2 + (s1 - s2)^2 >= 0": identity(
            2 * (1 - c1 * c2 - s1 * s2) - ((c1 - c2) ** 2 + (s1 - s2) ** 2), *TRIG),
    }


@cache
def _lipschitz_signs() -> dict[str, bool]:
    """|c_j| sin(delta) <= s_j cos(delta) on [delta, pi - delta]; then M^2 s1 s2 >= |c1 c2|."""
    th, de = sp.symbols("theta delta", real=True)
    x = sp.Symbol("x", real=True)
    cd = sp.Symbol("C_d", nonnegative=True)  # cos(delta) >= 0 (delta <= pi/2)
    sd = sp.Symbol("S_d", positive=True)  # sin(delta) > 0
    C1, C2, K1, K2, mm, nn = sp.symbols("C1 C2 K1 K2 m n", nonnegative=True)  # |c_j|, slacks
    # s_j cd = C_j sd + K_j ;  (M sd)^2 s1 s2 - C1 C2 sd^2 >= cd^2 s1 s2 - C1 C2 sd^2
    lhs = (cd + mm) ** 2 * s1 * s2 - C1 * C2 * sd**2
    via = cd**2 * s1 * s2 - C1 * C2 * sd**2
    prod = (C1 * sd + K1) * (C2 * sd + K2) - C1 * C2 * sd**2
    return {
        "sin(theta -+ delta) = sin theta cos delta -+ cos theta sin delta": identity(
            sp.expand_trig(sp.sin(th - de)) - (sp.sin(th) * sp.cos(de) - sp.cos(th) * sp.sin(de)))
        and identity(sp.expand_trig(sp.sin(th + de)) - (sp.sin(th) * sp.cos(de) + sp.cos(th) * sp.sin(de))),
        "sin >= 0 on [0, pi] (theta - delta, theta + delta lie there)": sp.minimum(
            sp.sin(x), x, sp.Interval(0, sp.pi)) == 0,
        "M sin(delta) = cos(delta) + m, m >= 0 (M >= cot delta): sd^2 (M^2 s1 s2 - C1 C2) >= "
        "(s1 cd)(s2 cd) - (C1 sd)(C2 sd)": nonnegative(lhs - via),
        "(C1 sd + K1)(C2 sd + K2) - C1 C2 sd^2 >= 0": nonnegative(sp.expand(prod)),
        "M = max(1, cot delta) >= 1, >= cot delta (cases cot = 1 +- n)": all(
            nonnegative(sp.Max(1, 1 + sg * nn) - 1) and nonnegative(sp.Max(1, 1 + sg * nn) - (1 + sg * nn))
            for sg in (1, -1)),
        "c1 c2 <= |c1||c2| (cases c1 c2 = +-P, P >= 0)": all(
            nonnegative(sp.Abs(sg * C1 * C2) - sg * C1 * C2) for sg in (1, -1)),
    }


@cache
def _lipschitz_sharp() -> dict[str, bool]:
    de = sp.Symbol("delta", positive=True)
    rr, h = sp.symbols("rho h", positive=True)
    cd, sd = sp.cos(de), sp.sin(de)
    # mirror pair at angle delta, equal norms rho: u = 2, c1 = c2 = cos delta, s1 = s2 = sin delta
    E = c1 * c2 + s1 * s2 - c1 * c2 * u
    sub = {c1: cd, c2: cd, s1: sd, s2: sd, u: 2}
    grad2 = (2 / rr**2 - 2 * E / rr**2).subs(sub)
    dist2 = (2 * rr**2 - 2 * rr**2 * (c1 * c2 + s1 * s2 * (1 - u))).subs(sub)
    mirror = sp.simplify(grad2 / dist2 - (cd / sd) ** 2 / rr**4)
    # same-side pair, theta1 = theta2, norms rho and rho + h: E = 1, p = 1
    same = sp.limit((1 / rr - 1 / (rr + h)) ** 2 / h**2, h, 0) - 1 / rr**4
    return {
        "mirror pair at angle delta, norms rho: ratio^2 = cot^2(delta)/rho^4": identity(mirror),
        "same-side pair, norms rho, rho + h: ratio^2 -> 1/rho^4 as h -> 0": identity(same),
    }


def prove_lipschitz_fix() -> ProofResult:
    return proof([
        cites(ROTATION, "grad f = c_w(k, r, theta) w^ + c_s(k, r, theta) s^ (the model): every quantity "
                        "here is an inner product of w1^, w2^, s^, given by their Gram matrix"),
        by_sympy_checks("grad f(w) = (k/(2 pi |w|)) e(w), e = (cos theta w^ - s^)/sin theta a unit vector "
              "orthogonal to w", _gradient_form()),
        cites(TRIANGLE, "p = <w1^, w2^> lies in [cos(theta1 + theta2), cos(theta1 - theta2)]: "
                        "p = c1 c2 + s1 s2 (1 - u) with u in [0, 2]"),
        by_sympy_checks("M^2 |w1 - w2|^2 - r1^2 r2^2 |e1/r1 - e2/r2|^2 = (M^2 - 1)(r1 - r2)^2 + 2 r1 r2 [(M^2 - 1)"
              "(1 - cos(theta1 - theta2)) + u (M^2 s1 s2 - c1 c2)]", _lipschitz_algebra()),
        by_sympy_checks("theta_j in [delta, pi - delta]: |c_j| sin delta <= s_j cos delta, so M^2 s1 s2 >= |c1 c2| "
              "(M = max(1, cot delta)); every term is >= 0: |grad f(w1) - grad f(w2)| <= (k/(2 pi)) M "
              "|w1 - w2|/(r1 r2) <= (k/(2 pi c^2)) M |w1 - w2|", _lipschitz_signs()),
        by_sympy_checks("best constant: equality on mirror pairs at angle delta with equal norms c (cot delta >= 1); "
              "ratio -> k/(2 pi c^2) on same-side pairs as r2 -> r1 = c", _lipschitz_sharp()),
    ])


USES_lipschitz_fix: tuple[str, ...] = (ROTATION, TRIANGLE)


# --------------------------------------------------------------------------------------------
# descent along a segment
# --------------------------------------------------------------------------------------------
rr = sp.Symbol("r", positive=True)
th = sp.Symbol("theta", positive=True)  # in (0, pi): sin(theta) > 0
al, be = sp.symbols("alpha beta", real=True)
D = sp.Symbol("D", positive=True)  # |Delta|^2
tt = sp.Symbol("t", real=True)


@cache
def _line_derivatives() -> dict[str, bool]:
    """g(t) = theta(w + t Delta): w = r w^, s^ = cos th w^ - sin th e, Delta = alpha w^ + beta e + rest."""
    g = Gram({("w", "w"): 1, ("e", "e"): 1, ("w", "e"): 0, ("w", "n"): 0, ("e", "n"): 0,
              ("n", "n"): D - al**2 - be**2})
    w = {"w": rr}
    s = {"w": sp.cos(th), "e": -sp.sin(th)}
    dl = {"w": al, "e": be, "n": 1}  # the rest n is orthogonal to w^ and e, |n|^2 = D - alpha^2 - beta^2
    q = g.inner(combine((1, w), (tt, dl)), s)
    n2 = g.norm2(combine((1, w), (tt, dl)))
    gt = sp.acos(q / sp.sqrt(n2))
    d1 = sp.simplify(sp.diff(gt, tt).subs(tt, 0)).subs(sp.Abs(sp.sin(th)), sp.sin(th))
    d2 = sp.diff(gt, tt, 2).subs(tt, 0)
    d2 = sp.simplify(d2).subs(sp.Abs(sp.sin(th)), sp.sin(th))
    hess = (sp.cos(th) / sp.sin(th) * (D - al**2 - be**2) - 2 * al * be) / rr**2
    # the frame: from the Gram data of (w^, s^, Delta), e = (cos th w^ - s^)/sin th, beta = <Delta, e>,
    # n = Delta - alpha w^ - beta e is orthogonal to w^ and e with |n|^2 = |Delta|^2 - alpha^2 - beta^2
    bq = sp.Symbol("b", real=True)  # <Delta, s^>
    g0 = Gram({("w", "w"): 1, ("s", "s"): 1, ("w", "s"): sp.cos(th), ("d", "d"): D, ("d", "w"): al,
               ("d", "s"): bq})
    e0 = {"w": sp.cos(th) / sp.sin(th), "s": -1 / sp.sin(th)}
    beta0 = g0.inner(basis("d"), e0)
    n0 = combine((1, basis("d")), (-al, basis("w")), (-beta0, e0))
    trig = {sp.cos(th) ** 2: 1 - sp.sin(th) ** 2}
    frame = (identity(g0.norm2(e0) - 1, trig) and identity(g0.inner(e0, basis("w")))
             and identity(g0.inner(n0, basis("w"))) and identity(g0.inner(n0, e0), trig)
             and identity(g0.norm2(n0) - (D - al**2 - beta0**2), trig)
             and identity(combine((sp.cos(th), basis("w")), (-sp.sin(th), e0))["s"] - 1)
             and identity(combine((sp.cos(th), basis("w")), (-sp.sin(th), e0))["w"]))
    return {
        "frame: |e| = 1, <e, w^> = 0, s^ = cos th w^ - sin th e, n = D - alpha w^ - beta e is orthogonal "
        "to w^ and e, |n|^2 = |D|^2 - alpha^2 - beta^2": frame,
        "|Delta|^2 = alpha^2 + beta^2 + |n|^2 (Gram)": identity(g.norm2(dl) - D),
        "g'(0) = beta/r = <grad theta(w), Delta> (|sin theta| = sin theta on (0, pi))": identity(
            sp.simplify(d1 - be / rr)),
        "g''(0) r^2 = cot(theta)(|Delta|^2 - alpha^2 - beta^2) - 2 alpha beta": identity(sp.simplify(d2 - hess)),
    }


@cache
def _hessian_bound() -> dict[str, bool]:
    G, mm, n = sp.symbols("G m n", nonnegative=True)  # G = |n|^2, M = cot theta + m, M = 1 + n
    cot = sp.Symbol("cot", real=True)
    Mv = sp.Symbol("M", real=True)
    expr = Mv * (al**2 + be**2 + G) - (cot * G - 2 * al * be)
    form = (Mv - cot) * G + (Mv - 1) * (al**2 + be**2) + (al + be) ** 2
    de, x = sp.symbols("delta x", real=True)
    return {
        "M|Delta|^2 - r^2 g'' = (M - cot theta)|n|^2 + (M - 1)(alpha^2 + beta^2) + (alpha + beta)^2": identity(
            expr - form),
        "each term >= 0 for M >= max(1, cot theta)": nonnegative(form.subs(Mv, cot + mm).subs(cot, 1 + n - mm)),
        "cot theta - cot delta = -sin(theta - delta)/(sin theta sin delta) <= 0 for theta >= delta": identity(
            sp.simplify(sp.expand_trig(sp.cos(th) / sp.sin(th) - sp.cos(de) / sp.sin(de)
                                       + sp.sin(th - de) / (sp.sin(th) * sp.sin(de)))))
        and sp.minimum(sp.sin(x), x, sp.Interval(0, sp.pi)) == 0,
    }


@cache
def _taylor() -> dict[str, bool]:
    h = sp.Function("h")
    integral = sp.integrate((1 - tt) * h(tt).diff(tt, 2), (tt, 0, 1))
    taylor = h(1) - h(0) - sp.Subs(h(tt).diff(tt), tt, 0).doit()
    return {
        "h(1) - h(0) - h'(0) = int_0^1 (1 - t) h''(t) dt (any C^2 h)": sp.simplify(integral - taylor) == 0,
        "1 - t >= 0 on [0, 1] and int_0^1 (1 - t) dt = 1/2": sp.integrate(1 - tt, (tt, 0, 1)) == sp.Rational(1, 2)
        and sp.minimum(1 - tt, tt, sp.Interval(0, 1)) == 0,
    }


@cache
def _descent_sharp() -> dict[str, bool]:
    de, ep = sp.symbols("delta epsilon", positive=True)
    hess = sp.cos(th) / sp.sin(th) * (D - al**2 - be**2) - 2 * al * be  # r^2 g''(0)
    # w1 = (sin delta, 0, cos delta), s^ = e3, w2 = w1 + eps e_y: theta(t) = acos(cos delta/sqrt(1 + t^2 eps^2))
    g1 = sp.acos(sp.cos(de) / sp.sqrt(1 + ep**2))
    lim = sp.limit(((g1 - de) / (ep**2 / 2)).subs(de, sp.pi / 6), ep, 0, "+")  # g'(0) = 0, rho = 1
    return {
        "D orthogonal to w^ and e (alpha = beta = 0): r^2 g'' = cot(theta) |D|^2": identity(
            hess.subs({al: 0, be: 0}) - sp.cos(th) / sp.sin(th) * D),
        "D in the plane, alpha = -beta = sqrt(|D|^2/2): r^2 g'' = |D|^2": identity(
            hess.subs({al: -sp.sqrt(D / 2), be: sp.sqrt(D / 2)}) - D),
        "e.g. theta = delta = pi/6, |D| = eps orthogonal: excess/(|D|^2/2) -> cot(pi/6)": identity(lim - sp.sqrt(3)),
    }


def prove_descent_fix() -> ProofResult:
    return proof([
        cites(ROTATION, "f = k theta/(2 pi) and grad f = (k/(2 pi)) grad theta (the model's coefficients)"),
        by_sympy_checks("along w(t) = w1 + t D (D = w2 - w1), g(t) = theta(w(t)): g'(t) = <grad theta(w(t)), D> and "
              "g''(t) |w(t)|^2 = cot(theta)(|D|^2 - alpha^2 - beta^2) - 2 alpha beta, alpha = <D, w^>, "
              "beta = <D, e> (SymPy differentiates arccos(<w(t), s^>/|w(t)|)); grad f = (k/(2 pi |w|)) e",
              {**_gradient_form(), **_line_derivatives()}),
        by_sympy_checks("on the segment theta(t) in [delta, pi - delta], |w(t)| >= rho: g''(t) <= M |D|^2/rho^2, "
              "M = max(1, cot delta)", _hessian_bound()),
        by_sympy_checks("Taylor: g(1) - g(0) - g'(0) = int_0^1 (1 - t) g''(t) dt <= M |D|^2/(2 rho^2) (g is C^2 on "
              "[0, 1]: the segment avoids 0 and the w*-axis); times k/(2 pi) this is the claim", _taylor()),
        by_sympy_checks("best constant: the bound on g'' is attained (D orthogonal to w, w* at theta = delta if "
              "cot delta >= 1; D = (e - w^)|D|/sqrt 2 otherwise), so on short segments the ratio "
              "excess/(|D|^2/2) tends to L (rho -> |w1|)", _descent_sharp()),
    ])


USES_descent_fix: tuple[str, ...] = (ROTATION,)
