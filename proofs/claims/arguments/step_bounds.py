"""Machine-checked proofs of the step-level claims of Lemmas 5.4, 5.5 and the Remark after
Theorem 1 (soft thresholding is the u-update; C_t bounds; the step bound k/pi + beta).

The facts about the u-update come from the operator claims (``OP-soft-*``); norms and the
triangle inequality from Gram algebra (:mod:`proofs.claims.arguments.sphere_geometry`).
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.cover import Cover
from proofs.engine.proof import ProofStep, by_sympy_checks, cites, proof

from .sphere_geometry import cauchy_schwarz_step
from .symbolic import Gram, basis, combine, identity, nonnegative

EQ17 = "L5.3-eq17"
SOFT_SIGN, SOFT_INNER = "OP-soft-sign", "OP-soft-inner"


# --------------------------------------------------------------------------------------------
# L5.4-soft-prox, L5.4-acute, L5.4-u-norm
# --------------------------------------------------------------------------------------------
@cache
def _soft_prox() -> dict[str, bool]:
    lam, beta, m = sp.symbols("lambda beta m", positive=True)
    Y, s_ = sp.symbols("Y s", nonnegative=True)
    tau = lam / beta
    out: dict[str, bool] = {}
    for sg in (1, -1):
        x = sg * (tau + m)  # |x| > tau
        S = sg * m
        for ys in (1, -1):
            y = ys * Y
            diff = (lam * sp.Abs(y) + beta / 2 * (y - x) ** 2) - (lam * sp.Abs(S) + beta / 2 * (S - x) ** 2)
            form = lam * (sp.Abs(y) - sg * y) + beta / 2 * (y - S) ** 2
            out[f"x = {sg}(tau + m), y = {ys} Y: phi(y) - phi(S) = lam(|y| - sgn(x) y) + beta/2 (y - S)^2 >= 0"] = (
                identity(diff - form) and nonnegative(form))
        out[f"x = {sg}(tau + m): beta (S - x) + lam sgn(S) = 0"] = identity(beta * (S - x) + lam * sg)
    om = sp.Symbol("omega", nonnegative=True)  # |x| = tau omega, omega = 1 - s in [0, 1]
    for sg in (1, -1):
        x = sg * tau * om
        for ys in (1, -1):
            y = ys * Y
            diff = lam * Y + beta / 2 * (y - x) ** 2 - beta / 2 * x**2  # phi(y) - phi(0)
            form = beta / 2 * Y**2 + lam * Y * (1 - sg * ys * om)
            bound = form.subs(om, 1 - s_) if sg * ys > 0 else form
            out[f"|x| <= tau, sgn x = {sg}, sgn y = {ys}: phi(y) - phi(0) = (beta/2)Y^2 + lam Y (1 -+ omega) >= 0"] = (
                identity(diff - form) and nonnegative(bound))
        out[f"|x| <= tau, sgn x = {sg}: lam - beta |x| = lam (1 - omega) >= 0"] = identity(
            lam - beta * tau * om - lam * (1 - om)) and nonnegative(lam * s_)
    i, d = sp.symbols("i d", integer=True, positive=True)
    u, w = sp.IndexedBase("u"), sp.IndexedBase("w")
    out["lam |u|_1 + (beta/2)|w - u|^2 = sum_i phi_i(u_i) (separable)"] = sp.simplify(
        lam * sp.Sum(sp.Abs(u[i]), (i, 1, d)) + beta / 2 * sp.Sum((w[i] - u[i]) ** 2, (i, 1, d))
        - sp.Sum(lam * sp.Abs(u[i]) + beta / 2 * (w[i] - u[i]) ** 2, (i, 1, d))) == 0
    return out


def prove_soft_prox() -> ProofResult:
    return proof([by_sympy_checks(
        "per coordinate phi(y) = lam|y| + (beta/2)(y - x)^2 (the u-terms of L_beta separate): on |x| > tau, "
        "phi(y) - phi(S(x)) = lam(|y| - sgn(x) y) + (beta/2)(y - S)^2 >= 0 and beta(S - x) + lam sgn S = 0; "
        "on |x| <= tau, phi(y) - phi(0) >= 0 and beta|x| <= lam: S_{lam/beta}(w^t) is the argmin and meets "
        "the optimality condition", _soft_prox())])


USES_soft_prox: tuple[str, ...] = ()


@cache
def _sums() -> dict[str, bool]:
    i, d = sp.symbols("i d", integer=True, positive=True)
    u, w = sp.IndexedBase("u"), sp.IndexedBase("w")
    term = sp.Function("term", nonnegative=True)  # a nonnegative summand
    return {
        "|w|^2 - |u|^2 = sum_i (w_i^2 - u_i^2)": sp.simplify(
            sp.Sum(w[i] ** 2, (i, 1, d)) - sp.Sum(u[i] ** 2, (i, 1, d)) - sp.Sum(w[i] ** 2 - u[i] ** 2, (i, 1, d))) == 0,
        "a sum of nonnegative terms is nonnegative": bool(sp.Sum(term(i), (i, 1, d)).is_nonnegative),
    }


def prove_acute() -> ProofResult:
    return proof([
        cites(SOFT_SIGN, "S(w_i) w_i >= 0 for every coordinate"),
        by_sympy_checks("<w^t, u^{t+1}> = sum_i w_i S(w_i) >= 0: theta(w^t, u^{t+1}) <= pi/2 where u^{t+1} != 0", _sums()),
    ])


def prove_unorm() -> ProofResult:
    return proof([
        cites(SOFT_SIGN, "|S(w_i)| <= |w_i| for every coordinate"),
        by_sympy_checks("|w|^2 - |u|^2 = sum_i (w_i^2 - u_i^2) >= 0, so ||u^{t+1}|| <= ||w^t|| = 1", _sums()),
    ])


USES_acute: tuple[str, ...] = (SOFT_SIGN,)
USES_unorm: tuple[str, ...] = (SOFT_SIGN,)


# --------------------------------------------------------------------------------------------
# L5.5-Ct-bounds (@Ct, @Ct-sharp, +fix)
# --------------------------------------------------------------------------------------------
r_, q_ = sp.symbols("r q", nonnegative=True)
P_ = sp.Symbol("P", real=True)  # <w, s> for the step s, |P| <= r


@cache
def _ct() -> dict[str, bool]:
    g = Gram({("w", "w"): 1, ("s", "s"): r_**2, ("w", "s"): P_})
    n2 = g.norm2(combine((1, basis("w")), (-1, basis("s"))))
    return {
        "|w - s|^2 = 1 - 2<w,s> + |s|^2": identity(n2 - (1 - 2 * P_ + r_**2)),
        "(1 + r)^2 - |w - s|^2 = 2(r + <w,s>), |w - s|^2 - (1 - r)^2 = 2(r - <w,s>) (>= 0 as |<w,s>| <= r)": identity(
            (1 + r_) ** 2 - n2 - 2 * (r_ + P_)) and identity(n2 - (1 - r_) ** 2 - 2 * (r_ - P_)),
        "1/(1 + r) - 2/3 = (1 - 2r)/(3(1 + r)) >= 0 (1 - 2r = 2q >= 0)": identity(
            1 / (1 + r_) - sp.Rational(2, 3) - (1 - 2 * r_) / (3 * (1 + r_)))
        and nonnegative(2 * q_ / (3 * (1 + r_))),
        "2 - 1/(1 - r) = (1 - 2r)/(1 - r) >= 0 (1 - r = 1/2 + q)": identity(
            (2 - 1 / (1 - r_)) - (1 - 2 * r_) / (1 - r_))
        and nonnegative(2 * q_ / (sp.Rational(1, 2) + q_)),
    }


def _ct_steps() -> list[ProofStep]:
    return [
        cauchy_schwarz_step(),
        by_sympy_checks("with |w^t| = 1 and the step s = eta E g + eta beta (w^t - u^{t+1}), r = |s| <= 1/2: "
              "(1 - r)^2 <= |w^t - s|^2 <= (1 + r)^2 (|<w^t, s>| <= r), so C_t = 1/|w^^{t+1}| lies in "
              "[1/(1 + r), 1/(1 - r)] within [2/3, 2]", _ct()),
    ]


def prove_ct() -> ProofResult:
    return proof(_ct_steps())


USES_ct: tuple[str, ...] = ()


@cache
def _ct_sharp() -> dict[str, bool]:
    k, eta = sp.symbols("k eta", positive=True)
    cs, uu, wu = sp.symbols("cs uu wu", real=True)
    g = Gram({("w", "w"): 1, ("s", "s"): 1, ("u", "u"): uu, ("w", "s"): cs, ("w", "u"): wu})
    c2 = k / (2 * sp.pi)
    w, s, u = basis("w"), basis("s"), basis("u")
    wu_ = combine((1, w), (-1, u))
    A, B = sp.symbols("A B", nonnegative=True)  # <w, v> >= 0 pieces
    vv = sp.Symbol("vv", nonnegative=True)
    gv = Gram({("w", "w"): 1, ("v", "v"): vv, ("w", "v"): A + B})
    return {
        "<w, E g> = (k/(2 pi))(1 - cos theta) >= 0": identity(g.inner(w, combine((c2, w), (-c2, s))) - c2 * (1 - cs)),
        "1 - cos theta = |w - w*|^2/2 >= 0": identity(1 - cs - g.norm2(combine((1, w), (-1, s))) / 2),
        "<w, w - u> = |w - u|^2 + <u, w - u>": identity(g.inner(w, wu_) - (g.norm2(wu_) + g.inner(u, wu_))),
        "|w - eta v|^2 = 1 - 2 eta <w, v> + eta^2 |v|^2": identity(
            gv.norm2(combine((1, w), (-eta, basis("v")))) - (1 - 2 * eta * (A + B) + eta**2 * vv)),
        "5/4 - (1 + r^2) = q (1/2 + r) >= 0 (r = 1/2 - q <= 1/2)": identity(
            (sp.Rational(1, 4) - r_**2) - q_ * (sp.Rational(1, 2) + r_), {q_: sp.Rational(1, 2) - r_})
        and nonnegative(q_ * (sp.Rational(1, 2) + r_)),
        "C_t >= 1/sqrt(5/4) = 2/sqrt 5": identity(1 / sp.sqrt(sp.Rational(5, 4)) - 2 / sp.sqrt(5)),
    }


def prove_ct_sharp() -> ProofResult:
    return proof([
        *_ct_steps(),
        cites(EQ17, "on the sphere E g(w^t) = (k/(2 pi))(w^t - w*)"),
        cites(SOFT_INNER, "<u^{t+1}, w^t - u^{t+1}> >= 0 for the soft-thresholded u^{t+1}"),
        by_sympy_checks("<w^t, v> = (k/(2 pi))(1 - cos theta_t) + beta (|w^t - u|^2 + <u, w^t - u>) >= 0, so "
              "|w^^{t+1}|^2 = 1 - 2 eta <w^t, v> + r^2 <= 5/4: 2/sqrt 5 <= C_t (<= 2 as above)", _ct_sharp()),
    ])


USES_ct_sharp: tuple[str, ...] = (EQ17, SOFT_INNER)


@cache
def _ct_fix() -> dict[str, bool]:
    n = sp.Symbol("n", positive=True)  # |w^^|
    c = sp.Symbol("c", real=True)  # <w^^, w>
    g = Gram({("w", "w"): 1, ("h", "h"): n**2, ("w", "h"): c})
    w, h = basis("w"), basis("h")
    expr = g.inner(combine((1, h), (-1, w)), combine((1 / n, h), (-1, w)))
    bb = sp.Symbol("b", real=True)
    g2 = Gram({("a", "a"): 1, ("b", "b"): 1, ("a", "b"): bb})
    return {
        "<w^^ - w, w^^/n - w> = (1 + 1/n)(n - <w^^, w>)": identity(expr - (1 + 1 / n) * (n - c)),
        "n^2 - <w^^, w>^2 = |w^^ - <w^^, w> w|^2 >= 0, so <w^^, w> <= n": identity(
            n**2 - c**2 - g.norm2(combine((1, h), (-c, w)))),
        "unit a, b: |a - b|^2 = 2 + 2<-a, b>, so angle(-a, b) = pi iff b = a": identity(
            g2.norm2(combine((1, basis("a")), (-1, basis("b")))) - (2 + 2 * (-bb))),
    }


def prove_ct_fix() -> ProofResult:
    return proof([
        *_ct_steps(),
        by_sympy_checks("with n = |w^^{t+1}|: <w^{t+1}/C_t - w^t, w^{t+1} - w^t> = <w^^ - w^t, w^^/n - w^t> = "
              "(1 + 1/n)(n - <w^^, w^t>) >= 0, zero iff w^^ is a positive multiple of w^t, i.e. "
              "w^{t+1} = w^t; for unit vectors angle(-w^t, w^{t+1}) = pi iff w^{t+1} = w^t", _ct_fix()),
    ])


USES_ct_fix: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# T1-remark-step+fix: |E g + beta (w - u)| <= k/pi + beta
# --------------------------------------------------------------------------------------------
@cache
def _step_bound() -> dict[str, bool]:
    k, beta = sp.symbols("k beta", positive=True)
    cs = sp.Symbol("cs", real=True)
    c2 = k / (2 * sp.pi)
    g = Gram({("w", "w"): 1, ("s", "s"): 1, ("w", "s"): cs})
    eg = combine((c2, basis("w")), (-c2, basis("s")))
    X, Y = sp.symbols("X Y", nonnegative=True)  # |a|, |b|
    Pab = sp.Symbol("P", real=True)
    gab = Gram({("a", "a"): X**2, ("b", "b"): Y**2, ("a", "b"): Pab})
    q = sp.Symbol("q", nonnegative=True)
    uu, wu = sp.symbols("uu wu", real=True)
    gu = Gram({("w", "w"): 1, ("u", "u"): uu, ("w", "u"): wu})
    wmu = combine((1, basis("w")), (-1, basis("u")))
    worst = combine((1, eg), (beta, basis("w")))  # w = -w*: s = -w, u = 0
    return {
        "|E g|^2 = (k/(2 pi))^2 (2 - 2 cos theta) <= (k/pi)^2 (cos theta >= -1)": identity(
            g.norm2(eg) - c2**2 * (2 - 2 * cs)) and nonnegative(((k / sp.pi) ** 2 - c2**2 * (2 - 2 * cs)).subs(cs, -1 + q)),
        "|w|^2 - |w - u|^2 = 2<u, w - u> + |u|^2": identity(
            gu.norm2(basis("w")) - gu.norm2(wmu) - (2 * gu.inner(basis("u"), wmu) + uu)),
        "(|a| + |b|)^2 - |a + b|^2 = 2(|a||b| - <a, b>) (triangle inequality by Cauchy-Schwarz)": identity(
            (X + Y) ** 2 - gab.norm2(combine((1, basis("a")), (1, basis("b")))) - 2 * (X * Y - Pab)),
        "w = -w*, u = 0: |E g + beta w| = k/pi + beta (best constant)": identity(
            g.norm2(worst).subs(cs, -1) - (k / sp.pi + beta) ** 2),
    }


def prove_step_bound() -> ProofResult:
    return proof([
        cites(EQ17, "for unit w^t: E g(w^t) = (k/(2 pi))(w^t - w*)"),
        cites(SOFT_INNER, "<u^{t+1}, w^t - u^{t+1}> >= 0 for the soft-thresholded u^{t+1}"),
        cauchy_schwarz_step(),
        by_sympy_checks("|E g| <= k/pi, |w^t - u^{t+1}|^2 = |w^t|^2 - 2<u, w^t - u> - |u|^2 <= 1, and the triangle "
              "inequality: |E g + beta (w^t - u^{t+1})| <= k/pi + beta, attained at w^t = -w*, u^{t+1} = 0; "
              "hence eta <= 1/(2 (k/pi + beta)) gives the step condition at every t", _step_bound()),
    ])


USES_step_bound: tuple[str, ...] = (EQ17, SOFT_INNER)


# --------------------------------------------------------------------------------------------
# C1.1-acute: <u^{t+1}, w^t> >= 0 for the hard and Tl1 u-updates
# --------------------------------------------------------------------------------------------
HARD_SIGN, TL1_SIGN = "OP-hard-sign", "OP-tl1-sign"


def prove_c11_acute() -> ProofResult:
    # the cited sign facts are per coordinate (any real w_i, so any w and d) and hold for
    # lam >= 0, beta > 0, a > 0 (their declared domains), which contain lam, beta, a > 0 here
    per_coordinate = "the cited sign facts hold coordinate by coordinate, for every real w_i"
    return proof([
        cites(HARD_SIGN, "hard thresholding: u_i w_i >= 0 for every coordinate (both outputs at a tie)"),
        cites(TL1_SIGN, "Tl1 thresholding: u_i w_i >= 0 for every coordinate and every minimiser"),
        by_sympy_checks("<u^{t+1}, w^t> = sum_i u_i w_i >= 0, so theta(u^{t+1}, w^t) <= pi/2 where u^{t+1} != 0",
              {"a sum of nonnegative terms is nonnegative": _sums()["a sum of nonnegative terms is nonnegative"]}),
    ], covers=Cover.box({"lam": "[0, oo)", "beta": "(0, oo)", "a": "(0, oo)"},
                        how=f"the domains of {HARD_SIGN} and {TL1_SIGN}"),
       for_all={"w": per_coordinate, "d": per_coordinate})


USES_c11_acute: tuple[str, ...] = (HARD_SIGN, TL1_SIGN)
