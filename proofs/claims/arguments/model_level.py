"""Model-level arguments: rotation invariance (``R-rotation-invariance``) and the machine-checked
rewrites of the proofs of Lemma 3.1, Lemma 5.1 and Lemma 5.3 that used the reduction to the plane
of w and w* (now cited, not written in the summary).

Everything comes from the model's derivation (:func:`proofs.model.model`): f = l(k, theta),
grad f = c_w(k, r, theta) w^ + c_s(k, r, theta) s^ and E_Z[g] = c'_w(k, r, theta) w^ + c'_s(k, r,
theta) s^ (w^ = w/|w|, s^ = w*/|w*|); inner products of such vectors follow from the Gram matrix
[[1, cos theta], [cos theta, 1]] of (w^, s^).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.interval import SecondOrderPoint, interval_proof
from proofs.engine.proof import ProofStep, by_interval, by_sympy, cites, proof
from proofs.model import model
from proofs.model.derivation import k as K_SYM
from proofs.model.derivation import r as R_SYM
from proofs.model.gaussian import theta as TH

from .symbolic import Gram, basis, combine, identity

ROTATION = "R-rotation-invariance"
EQ17 = "L5.3-eq17"
MONOTONE = "L5.3-monotone"


def _detail(checks: dict[str, Any]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in checks.items())


def _step(says: str, checks: dict[str, bool]) -> ProofStep:
    return by_sympy(says, all(bool(v) for v in checks.values()), _detail(checks))


#: the plane of w and w*: basis w^, s^ with <w^, s^> = cos theta
PLANE = Gram({("w", "w"): 1, ("s", "s"): 1, ("w", "s"): sp.cos(TH)})


def _vec(coeffs: Any) -> dict[str, Any]:
    return {"w": coeffs.coeff_w, "s": coeffs.coeff_s}


# --------------------------------------------------------------------------------------------
# R-rotation-invariance
# --------------------------------------------------------------------------------------------
@cache
def _rotation() -> dict[str, bool]:
    m = model()
    allowed = {K_SYM, R_SYM, TH}
    coeffs = [*m.loss.values()]
    for c in [*m.gradient.values(), *m.coarse_gradient.values()]:
        coeffs += [c.coeff_w, c.coeff_s]
    d = sp.Symbol("d", integer=True, positive=True)
    Q = sp.MatrixSymbol("Q", d, d)
    a, b = sp.MatrixSymbol("a", d, 1), sp.MatrixSymbol("b", d, 1)
    al, be = sp.symbols("alpha beta")
    inner = ((Q * a).T * (Q * b)).subs(Q.T * Q, sp.Identity(d)) - a.T * b
    lin = sp.expand(Q * (al * a + be * b) - (al * Q * a + be * Q * b))
    return {
        "every coefficient of f, grad f, E_Z[g] (both conventions/readings) is a function of k, r, theta":
            all(set(e.free_symbols) <= allowed for e in coeffs),
        "<Qa, Qb> = <a, b> when Q^T Q = I (any d)": sp.simplify(inner.doit()) == sp.ZeroMatrix(1, 1)
            or sp.simplify(inner.doit()) == 0,
        "Q(alpha a + beta b) = alpha Q a + beta Q b": lin == sp.ZeroMatrix(d, 1) or lin == 0,
    }


def prove_rotation_invariance() -> ProofResult:
    c = _rotation()
    return proof([
        _step("the model derives f = l(k, theta), grad f and E_Z[g] as c_w(k, r, theta) w^ + "
              "c_s(k, r, theta) s^: nothing else of (w, w*) enters", {
                  k: v for k, v in c.items() if k.startswith("every")}),
        _step("an orthogonal Q (Q^T Q = I) keeps inner products, so |Qw| = |w|, |Qw*| = |w*|, "
              "theta(Qw, Qw*) = theta(w, w*) and (Qw)^ = Q w^; by linearity f(Qw; Qw*) = f(w; w*), "
              "grad f(Qw; Qw*) = Q grad f(w; w*), E g(Qw; Qw*) = Q E g(w; w*); inner products among "
              "vectors of span(w^, s^) follow from the Gram matrix [[1, cos theta], [cos theta, 1]]",
              {k: v for k, v in c.items() if not k.startswith("every")}),
    ])


USES_rotation_invariance: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Lemma 3.1: <E g, grad f> (value and sign)
# --------------------------------------------------------------------------------------------
def _target_l31(conv: str) -> Any:
    return K_SYM**2 * sp.sin(TH) / (4 * sp.pi**2 * R_SYM) * (2 if conv == "eq3" else 1)


@cache
def _l31(conv: str) -> dict[str, bool]:
    m = model()
    ip = PLANE.inner(_vec(m.coarse_gradient["entrywise"]), _vec(m.gradient[conv]))
    x = sp.Symbol("x", real=True)
    return {
        "both readings of E_Z[g] agree": identity(m.coarse_gradient["entrywise"].coeff_w
                                                 - m.coarse_gradient["scalar"].coeff_w)
        and identity(m.coarse_gradient["entrywise"].coeff_s - m.coarse_gradient["scalar"].coeff_s),
        f"<E g, grad f> - k^2 sin(theta)/(4 pi^2 r) * {2 if conv == 'eq3' else 1} = 0": identity(
            sp.simplify(ip - _target_l31(conv))),
        "sin >= 0 on [0, pi]": sp.minimum(sp.sin(x), x, sp.Interval(0, sp.pi)) == 0,
    }


def _l31_steps(conv: str, sign: bool) -> list[ProofStep]:
    c = _l31(conv)
    val = f"k^2 sin(theta)/({2 if conv == 'eq3' else 4} pi^2 |w|)"
    steps = [
        cites(ROTATION, "E_Z[g] and grad f are (k, |w|, theta)-combinations of w^ and s^, so their inner "
                        "product is the Gram form with <w^, s^> = cos theta"),
        _step(f"<E_Z[g], grad f ({conv})> simplifies to {val}",
              {k: v for k, v in c.items() if not k.startswith("sin")}),
    ]
    if sign:
        steps.append(_step(f"k > 0, |w| > 0 and sin theta >= 0 on (0, pi): {val} >= 0",
                           {k: v for k, v in c.items() if k.startswith("sin")}))
    return steps


def prove_l31_value_fix() -> ProofResult:
    return proof(_l31_steps("eq6", False))


def prove_l31_value_eq3_fix() -> ProofResult:
    return proof(_l31_steps("eq3", False))


def prove_l31_sign() -> ProofResult:
    return proof(_l31_steps("eq6", True))


def prove_l31_sign_eq3() -> ProofResult:
    return proof(_l31_steps("eq3", True))


USES_l31: tuple[str, ...] = (ROTATION,)


# --------------------------------------------------------------------------------------------
# Lemma 5.1: eqs. (13) and (14)
# --------------------------------------------------------------------------------------------
@cache
def _eq13(conv: str, factor: int) -> dict[str, bool]:
    m = model()
    proj = {"w": -sp.cos(TH), "s": sp.Integer(1)}  # (I - w^ w^T) s^ = s^ - cos(theta) w^
    x = sp.Symbol("x", real=True)
    pref = -factor * K_SYM / (2 * sp.pi * R_SYM * sp.sin(TH))  # |proj| = sin(theta) > 0
    g = m.gradient[conv]
    return {
        "|(I - w^ w^T) s^|^2 = sin^2 theta": identity(PLANE.norm2(proj) - sp.sin(TH) ** 2),
        "sin > 0 on (0, pi) (minimum 0 only at the ends)": sp.minimum(sp.sin(x), x, sp.Interval(0, sp.pi)) == 0,
        "model coefficients minus the printed ones": identity(g.coeff_w - pref * proj["w"])
        and identity(g.coeff_s - pref * proj["s"]),
    }


def _prove_eq13(conv: str, factor: int) -> ProofResult:
    return proof([
        cites(ROTATION, "grad f = c_w w^ + c_s s^ with the model's coefficients"),
        _step(f"(I - w w^T/|w|^2) w* = s^ - cos(theta) w^ has norm sin theta, so the printed right-hand "
              f"side (times {factor}) has coefficients (k cos theta, -k)/(2 pi |w| sin theta) * {factor}, "
              "equal to the model's", _eq13(conv, factor)),
    ])


def prove_eq13() -> ProofResult:
    return _prove_eq13("eq6", 1)


def prove_eq13_eq3_fix() -> ProofResult:
    return _prove_eq13("eq3", 2)


@cache
def _eq14() -> dict[str, bool]:
    m = model()
    bis = {"w": sp.Integer(1), "s": sp.Integer(1)}
    t = sp.Symbol("t", real=True)
    rhs_w = K_SYM / sp.pi * (1 - sp.Rational(1, 2))  # cos(theta/2)/|w^ + s^| = 1/2
    rhs_s = K_SYM / sp.pi * (0 - sp.Rational(1, 2))
    return {
        "|w^ + s^|^2 = 4 cos^2(theta/2)": identity(sp.expand_trig(PLANE.norm2(bis) - 4 * sp.cos(TH / 2) ** 2)),
        "cos > 0 on (0, pi/2) (theta/2 there)": sp.minimum(sp.cos(t), t, sp.Interval(0, sp.pi / 2)) == 0,
        "model's E_Z[g] minus (k/pi)(w^ - (w^ + s^)/2), both readings": all(
            identity(c.coeff_w - rhs_w) and identity(c.coeff_s - rhs_s) for c in m.coarse_gradient.values()),
    }


def prove_eq14() -> ProofResult:
    return proof([
        cites(ROTATION, "E_Z[g] = c'_w w^ + c'_s s^ with the model's coefficients"),
        _step("|w^ + s^| = 2 cos(theta/2) (cos(theta/2) > 0), so the printed right-hand side is "
              "(k/pi)(w^ - (w^ + s^)/2), equal to the model's E_Z[g] in both readings", _eq14()),
    ])


USES_l51: tuple[str, ...] = (ROTATION,)


# --------------------------------------------------------------------------------------------
# Lemma 5.3: eq. (16) and the constants, on the unit sphere
# --------------------------------------------------------------------------------------------
t1, t2, pp = sp.symbols("theta1 theta2 p", real=True)
SPHERE = Gram({("a", "a"): 1, ("b", "b"): 1, ("s", "s"): 1, ("a", "b"): pp,
               ("a", "s"): sp.cos(t1), ("b", "s"): sp.cos(t2)})


@cache
def _eq16_core() -> dict[str, bool]:
    """With E g(w1) = (k/(2 pi))(w1 - w*) and f = k theta/(2 pi): each slack equals
    (k/(2 pi)) [(theta1 + cos theta1) - (theta2 + cos theta2)] (or that over k/(2 pi))."""
    m = model()
    f = m.loss["eq6"]
    c2 = K_SYM / (2 * sp.pi)
    w1, w2, s = basis("a"), basis("b"), basis("s")
    eg = combine((c2, w1), (-c2, s))
    dw = combine((1, w2), (-1, w1))
    core = (t1 + sp.cos(t1)) - (t2 + sp.cos(t2))
    inner = SPHERE.inner(eg, dw)
    dist = SPHERE.norm2(dw)
    df = f.subs(TH, t2) - f.subs(TH, t1)
    k1 = SPHERE.inner(combine((1, w1), (-1, s)), dw) + dist / 2 - (t2 - t1)
    return {
        "f = k theta/(2 pi) (eq. 6)": identity(f - K_SYM * TH / (2 * sp.pi)),
        "<E g(w1), w2 - w1> + (k/(4 pi))|w2 - w1|^2 - (f(w2) - f(w1)) = (k/(2 pi)) core": identity(
            inner + K_SYM / (4 * sp.pi) * dist - df - c2 * core),
        "K1 = 1/2: <w1 - w*, w2 - w1> + |w2 - w1|^2/2 - (theta2 - theta1) = core": identity(k1 - core),
    }


def _eq16_steps(what: str) -> list[ProofStep]:
    return [
        cites(EQ17, "on the unit sphere E_Z[g(w1, Z)] = (k/(2 pi))(w1 - w*)"),
        cites(ROTATION, "f = k theta/(2 pi) depends on (w, w*) through theta only; inner products of w1, "
                        "w2, w* follow from their Gram matrix (cos theta1, cos theta2, p = <w1, w2>)"),
        _step(f"{what}: the slack simplifies (p cancels) to (k/(2 pi)) [(theta1 + cos theta1) - "
              "(theta2 + cos theta2)] (K1 = 1/2: the same without k/(2 pi); K2 = 0: exactly that)",
              _eq16_core()),
        cites(MONOTONE, "theta + cos theta is non-decreasing on [0, pi], so the slack is >= 0 for "
                        "theta2 <= theta1"),
    ]


def prove_eq16_fix() -> ProofResult:
    return proof(_eq16_steps("L = k/(2 pi) in the L/2 form"))


def prove_constants_fix() -> ProofResult:
    return proof(_eq16_steps("K2 = 0, K1 = 1/2, L = k/(2 pi) in the L/2 form"))


def prove_constants_proof_form() -> ProofResult:
    return proof(_eq16_steps("K2 = 0, K1 = 1/2 and the proof's form L|w2 - w1|^2 with L = k/(4 pi)"))


USES_eq16: tuple[str, ...] = (EQ17, ROTATION, MONOTONE)


# --------------------------------------------------------------------------------------------
# L5.3-monotone without the mean value theorem
# --------------------------------------------------------------------------------------------
@cache
def _monotone() -> tuple[dict[str, bool], Any]:
    a_, b_ = sp.symbols("t1 t2", real=True)
    x = sp.Symbol("x", real=True)
    h = (a_ - b_) / 2
    checks = {
        "(t1 + cos t1) - (t2 + cos t2) = 2h - 2 sin((t1+t2)/2) sin h, h = (t1 - t2)/2": identity(
            sp.expand_trig((a_ + sp.cos(a_)) - (b_ + sp.cos(b_)) - (2 * h - 2 * sp.sin((a_ + b_) / 2) * sp.sin(h)))),
        "0 <= sin <= 1 on [0, pi] (minimum 0, maximum 1)": sp.minimum(sp.sin(x), x, sp.Interval(0, sp.pi)) == 0
        and sp.maximum(sp.sin(x), x, sp.Interval(0, sp.pi)) == 1,
    }
    cert = interval_proof(x - sp.sin(x), {x: (0, "pi/2")}, what="x - sin x >= 0",
                          zero_set_arguments=[SecondOrderPoint({x: 0})], seconds=10, max_boxes=5000)
    return checks, cert


def prove_monotone() -> ProofResult:
    checks, cert = _monotone()
    return proof([
        _step("for 0 <= t2 <= t1 <= pi: (t1 + cos t1) - (t2 + cos t2) = 2h - 2 sin((t1+t2)/2) sin h, "
              "h = (t1 - t2)/2 in [0, pi/2], with 0 <= sin((t1+t2)/2) <= 1 and sin h >= 0: it is >= "
              "2(h - sin h)", checks),
        by_interval("h - sin h >= 0 on [0, pi/2] (Arb certificate; the zero at h = 0 closed by a "
                    "second-order argument)", cert),
    ])


USES_monotone: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# L5.3-half-angle and the closed form of f (for every k, not only k = 1..6)
# --------------------------------------------------------------------------------------------
@cache
def _half_angle() -> dict[str, bool]:
    t = sp.Symbol("t", real=True)
    g = Gram({("w", "w"): 1, ("s", "s"): 1, ("w", "s"): sp.cos(t)})
    return {
        "|w + w*|^2 = 2 + 2 cos theta = 4 cos^2(theta/2)": identity(
            sp.expand_trig(g.norm2({"w": 1, "s": 1}) - 4 * sp.cos(t / 2) ** 2)),
        "cos(theta/2) >= 0 on [0, pi] (minimum 0)": sp.minimum(sp.cos(t / 2), t, sp.Interval(0, sp.pi)) == 0,
    }


def prove_half_angle() -> ProofResult:
    return proof([_step("for unit w, w*: |w + w*|^2 = 2 + 2 cos theta = 4 cos^2(theta/2) (Gram algebra) and "
                        "cos(theta/2) >= 0 on [0, pi], so (1/2)|w + w*| = cos(theta/2)", _half_angle())])


USES_half_angle: tuple[str, ...] = ()


@cache
def _quadratic_form() -> tuple[bool, Any]:
    """1^T (a I + b 1 1^T) 1 = a k + b k^2 for symbolic k (row i: sum_j (a delta_ij + b) = a + b k)."""
    i, j = sp.symbols("i j", integer=True, positive=True)
    a_, b_ = sp.symbols("a b")
    row = sp.Sum(a_ * sp.KroneckerDelta(i, j) + b_, (j, 1, K_SYM)).doit()
    row = sp.piecewise_fold(row).subs(sp.Le(i, K_SYM), True)  # 1 <= i <= k on the outer range
    total = sp.Sum(row, (i, 1, K_SYM)).doit()
    return identity(total - (a_ * K_SYM + b_ * K_SYM**2)), (a_, b_)


@cache
def _closed_form(conv: str, factor: int) -> dict[str, bool]:
    ok_q, _ = _quadratic_form()
    m = model()

    def quad(a_: Any, b_: Any) -> Any:
        return a_ * K_SYM + b_ * K_SYM**2

    closed = sp.Rational(factor, 8) * (quad(1, 1) - 2 * quad(1 - 2 * TH / sp.pi, 1) + quad(1, 1))
    f = m.loss[conv]
    return {
        "1^T (a I + b 11^T) 1 = a k + b k^2 (Kronecker sums, symbolic k)": ok_q,
        f"model's f ({conv}) minus the closed form (times {factor})": identity(f - closed),
        f"f(w2) - f(w1) = {factor} k (theta2 - theta1)/(2 pi)": identity(
            f.subs(TH, t2) - f.subs(TH, t1) - factor * K_SYM * (t2 - t1) / (2 * sp.pi)),
    }


def _prove_closed_form(conv: str, factor: int) -> ProofResult:
    return proof([
        cites(ROTATION, f"f ({conv}) is the model's function of (k, theta) only"),
        _step(f"the printed closed form (times {factor}) is (1/8)[2(k + k^2) - 2((1 - 2 theta/pi) k + k^2)] "
              "for every k, equal to the model's f; the difference formula follows", _closed_form(conv, factor)),
    ])


def prove_closed_form() -> ProofResult:
    return _prove_closed_form("eq6", 1)


def prove_closed_form_eq3_fix() -> ProofResult:
    return _prove_closed_form("eq3", 2)


USES_closed_form: tuple[str, ...] = (ROTATION,)
