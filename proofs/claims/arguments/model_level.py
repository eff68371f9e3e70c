"""Model-level arguments: rotation invariance (``R-rotation-invariance``) and the machine-checked
rewrites of the proofs of Lemma 3.1, Lemma 5.1 and Lemma 5.3 that used the reduction to the plane
of w and w* (now cited, not written in the summary).

Everything comes from the model's derivation (:func:`proofs.model.model`): f = l(k, theta),
grad f = c_w(k, r, theta) w^ + c_s(k, r, theta) s^ and E_Z[g] = c'_w(k, r, theta) w^ + c'_s(k, r,
theta) s^ (w^ = w/|w|, s^ = w*/|w*|); inner products of such vectors follow from the Gram matrix
[[1, cos theta], [cos theta, 1]] of (w^, s^).

Covers (the claims declare their variables, :mod:`proofs.claims.model_level.points`): a SymPy step
covers what its symbols allow (k a positive integer, r > 0, theta > 0, theta1 and theta2 real)
and, for a check over an interval (a minimum, a solveset), that interval; a cited claim covers its
own hypotheses where they matter; d, w* and the vectors are covered for every value because the
model sees them only through the declared angles and norms (:func:`model_vectors`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache
from typing import Any

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.cover import Cover
from proofs.engine.interval import SecondOrderPoint, interval_proof
from proofs.engine.proof import ProofStep, by_interval, by_sympy_checks, cites, proof
from proofs.model import model
from proofs.model.derivation import k as K_SYM
from proofs.model.derivation import r as R_SYM
from proofs.model.gaussian import theta as TH

from ..model_level.points import SPHERE as SPHERE_PAIRS
from ..model_level.symbolic import model_expr
from .symbolic import Gram, basis, combine, identity

ROTATION = "R-rotation-invariance"
EQ17 = "L5.3-eq17"
MONOTONE = "L5.3-monotone"


def _step(says: str, checks: dict[str, bool], symbols: Iterable[Any] = (),
          on: Mapping[str, str] | None = None) -> ProofStep:
    """A SymPy step covering what ``symbols`` allow, and only ``on`` (ranges) where a check was
    made over an interval."""
    step = by_sympy_checks(says, checks, symbols)
    return replace(step, covers=Cover.box(on).merged(step.covers)) if on else step


def _cites_on(claim_id: str, says: str, on: Mapping[str, str], constraints: Iterable[str] = ()) -> ProofStep:
    """A cited claim, used where its hypotheses ``on`` (ranges, and ``constraints`` the citing
    claim states) hold."""
    return replace(cites(claim_id, says), covers=Cover.box(on, how=f"the hypotheses of {claim_id}",
                                                           constraints=constraints))


#: why d, w* and the vectors of a model-level claim are covered for every value
MODEL_FORM = ("the model sees the vectors only through |w| and theta(w, w*): proofs.model computes f as "
              "l(k, theta) and grad f, E_Z[g] as c(k, |w|, theta) w^ + c'(k, |w|, theta) s^ in every R^d "
              "(numeric.py from the derivation; R-rotation-invariance)")
#: the same for pairs whose Gram matrix the proof uses
PAIR_GRAM = (MODEL_FORM + "; inner products among w1, w2, w* are their Gram matrix (cos theta1, cos theta2 "
             "and p = <w1, w2>, a free real symbol: every relative position of w1 and w2)")


def model_vectors(*vectors: str, why: str = MODEL_FORM) -> dict[str, str]:
    """``for_all`` reasons: d, w* and ``vectors`` enter only through the declared angles and norms."""
    return {name: why for name in ("d", "w_star", *vectors)}


def _cites_rotation(says: str, *vectors: str, why: str = MODEL_FORM) -> ProofStep:
    """R-rotation-invariance cited: it covers d, w* and ``vectors`` (every value)."""
    return replace(cites(ROTATION, says), covers=Cover(for_all=tuple(model_vectors(*vectors, why=why).items())))


#: the angle of one w as a real symbol (claims with closed angles: the model's formulas at 0 and pi)
_THETA_REAL = sp.Symbol("theta", real=True)
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
    """Symbolic in the model's k, r, theta (their SymPy assumptions) and in a symbolic dimension,
    for any orthogonal Q (the claim draws Q = H(h1) H(h2), a product of Householder reflections)."""
    c = _rotation()
    pair = "only |w| = r, |w*| = 1 and theta(w, w*) = theta enter the model's coefficient form"
    q = ("the steps use only Q^T Q = I, so they hold for every orthogonal Q; Q = H(h1) H(h2), a "
         "product of Householder reflections, is one")
    return proof([
        _step("the model derives f = l(k, theta), grad f and E_Z[g] as c_w(k, r, theta) w^ + "
              "c_s(k, r, theta) s^: nothing else of (w, w*) enters", {
                  k: v for k, v in c.items() if k.startswith("every")}),
        _step("an orthogonal Q (Q^T Q = I) keeps inner products, so |Qw| = |w|, |Qw*| = |w*|, "
              "theta(Qw, Qw*) = theta(w, w*) and (Qw)^ = Q w^; by linearity f(Qw; Qw*) = f(w; w*), "
              "grad f(Qw; Qw*) = Q grad f(w; w*), E g(Qw; Qw*) = Q E g(w; w*); inner products among "
              "vectors of span(w^, s^) follow from the Gram matrix [[1, cos theta], [cos theta, 1]]",
              {k: v for k, v in c.items() if not k.startswith("every")}),
    ], covers=Cover.from_symbols((K_SYM, R_SYM, TH), how="the model's symbols"),
        for_all={"d": "the orthogonality step is checked for a symbolic dimension d",
                 "w_star": pair, "w": pair, "h1": q, "h2": q})


USES_rotation_invariance: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Section 3: the two losses (any w != 0: theta in [0, pi])
# --------------------------------------------------------------------------------------------
def loss_ratio_step(ratio: str) -> ProofStep:
    """f (eq. 3) = ``ratio`` x E_Z[l] (eq. 6), checked in a real theta: the model evaluates the
    same formulas at theta = 0 and pi, so the step covers the closed angles too."""
    m = model()
    f3, f6 = (m.loss[c].subs(TH, _THETA_REAL) for c in ("eq3", "eq6"))
    return _step(f"the model's f (eq. 3) = {m.loss['eq3']} is {ratio} x E_Z[l] (eq. 6) = {m.loss['eq6']}",
                 {f"f3 - ({ratio}) f6 = 0 for real theta": identity(f3 - model_expr(ratio) * f6)},
                 symbols=(K_SYM, R_SYM, _THETA_REAL))


# --------------------------------------------------------------------------------------------
# Lemma 3.1: <E g, grad f> (value and sign)
# --------------------------------------------------------------------------------------------
def _target_l31(conv: str) -> Any:
    return K_SYM**2 * sp.sin(TH) / (4 * sp.pi**2 * R_SYM) * (2 if conv == "eq3" else 1)


@cache
def _l31(conv: str) -> dict[str, bool]:
    m = model()
    ip = PLANE.inner(_vec(m.coarse_gradient["entrywise"]), _vec(m.gradient[conv]))
    return {
        "both readings of E_Z[g] agree": identity(m.coarse_gradient["entrywise"].coeff_w
                                                 - m.coarse_gradient["scalar"].coeff_w)
        and identity(m.coarse_gradient["entrywise"].coeff_s - m.coarse_gradient["scalar"].coeff_s),
        f"<E g, grad f> - k^2 sin(theta)/(4 pi^2 r) * {2 if conv == 'eq3' else 1} = 0": identity(
            sp.simplify(ip - _target_l31(conv))),
        "sin >= 0 on [0, pi]": _sin_nonnegative(),
    }


def _sin_nonnegative() -> bool:
    x = sp.Symbol("x", real=True)
    return sp.minimum(sp.sin(x), x, sp.Interval(0, sp.pi)) == 0


def _positive_on(expr: Any, x: sp.Symbol, interval: sp.Interval) -> bool:
    """SymPy finds no point of ``interval`` where ``expr <= 0``."""
    return sp.solveset(expr <= 0, x, interval) == sp.S.EmptySet


def _l31_steps(conv: str, sign: bool) -> list[ProofStep]:
    c = _l31(conv)
    val = f"k^2 sin(theta)/({2 if conv == 'eq3' else 4} pi^2 |w|)"
    steps = [
        _cites_rotation("E_Z[g] and grad f are (k, |w|, theta)-combinations of w^ and s^, so their inner "
                  "product is the Gram form with <w^, s^> = cos theta", "w"),
        _step(f"<E_Z[g], grad f ({conv})> simplifies to {val}",
              {k: v for k, v in c.items() if not k.startswith("sin")}, symbols=(K_SYM, R_SYM, TH)),
    ]
    if sign:
        steps.append(_step(f"k > 0, |w| > 0 and sin theta >= 0 on (0, pi): {val} >= 0",
                           {k: v for k, v in c.items() if k.startswith("sin")}, symbols=(K_SYM, R_SYM),
                           on={"theta": "[0, pi]"}))
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
        "sin > 0 on (0, pi)": _positive_on(sp.sin(x), x, sp.Interval.open(0, sp.pi)),
        "model coefficients minus the printed ones": identity(g.coeff_w - pref * proj["w"])
        and identity(g.coeff_s - pref * proj["s"]),
    }


def _prove_eq13(conv: str, factor: int) -> ProofResult:
    return proof([
        _cites_rotation("grad f = c_w w^ + c_s s^ with the model's coefficients", "w"),
        _step(f"(I - w w^T/|w|^2) w* = s^ - cos(theta) w^ has norm sin theta, so the printed right-hand "
              f"side (times {factor}) has coefficients (k cos theta, -k)/(2 pi |w| sin theta) * {factor}, "
              "equal to the model's", _eq13(conv, factor), symbols=(K_SYM, R_SYM, TH), on={"theta": "(0, pi)"}),
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
        "cos > 0 on [0, pi/2) (theta/2 there)": _positive_on(sp.cos(t), t, sp.Interval.Ropen(0, sp.pi / 2)),
        "model's E_Z[g] minus (k/pi)(w^ - (w^ + s^)/2), both readings": all(
            identity(c.coeff_w - rhs_w) and identity(c.coeff_s - rhs_s) for c in m.coarse_gradient.values()),
    }


def prove_eq14() -> ProofResult:
    return proof([
        _cites_rotation("E_Z[g] = c'_w w^ + c'_s s^ with the model's coefficients", "w"),
        _step("|w^ + s^| = 2 cos(theta/2) (cos(theta/2) > 0), so the printed right-hand side is "
              "(k/pi)(w^ - (w^ + s^)/2), equal to the model's E_Z[g] in both readings", _eq14(),
              symbols=(K_SYM, R_SYM, TH), on={"theta": "[0, pi)"}),
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
        _cites_on(EQ17, "on the unit sphere E_Z[g(w1, Z)] = (k/(2 pi))(w1 - w*)", {"theta1": "(0, pi)"}),
        _cites_rotation("f = k theta/(2 pi) depends on (w, w*) through theta only; inner products of w1, "
                  "w2, w* follow from their Gram matrix (cos theta1, cos theta2, p = <w1, w2>)",
                  "w1", "w2", why=PAIR_GRAM),
        _step(f"{what}: the slack simplifies (p cancels) to (k/(2 pi)) [(theta1 + cos theta1) - "
              "(theta2 + cos theta2)] (K1 = 1/2: the same without k/(2 pi); K2 = 0: exactly that)",
              _eq16_core(), symbols=(K_SYM, t1, t2)),
        _cites_on(MONOTONE, "theta + cos theta is non-decreasing on [0, pi], so the slack is >= 0 for "
                            "theta2 <= theta1", {"theta1": "[0, pi]", "theta2": "[0, pi]"},
                  constraints=(SPHERE_PAIRS["theta2"].text(),)),
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
    a_, b_ = sp.symbols("t1 t2", real=True)
    return proof([
        _step("for 0 <= t2 <= t1 <= pi: (t1 + cos t1) - (t2 + cos t2) = 2h - 2 sin((t1+t2)/2) sin h, "
              "h = (t1 - t2)/2 in [0, pi/2], with 0 <= sin((t1+t2)/2) <= 1 and sin h >= 0: it is >= "
              "2(h - sin h)", checks, symbols=(a_, b_), on={"t1": "[0, pi]", "t2": "[0, t1]"}),
        by_interval("h - sin h >= 0 on [0, pi/2] (Arb certificate; the zero at h = 0 closed by a "
                    "second-order argument)", cert),
    ])


USES_monotone: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# L5.3-half-angle and the closed form of f (for every k, not only k = 1..6)
# --------------------------------------------------------------------------------------------
@cache
def _half_angle() -> dict[str, bool]:
    t = _THETA_REAL
    g = Gram({("w", "w"): 1, ("s", "s"): 1, ("w", "s"): sp.cos(t)})
    return {
        "|w + w*|^2 = 2 + 2 cos theta = 4 cos^2(theta/2)": identity(
            sp.expand_trig(g.norm2({"w": 1, "s": 1}) - 4 * sp.cos(t / 2) ** 2)),
        "cos(theta/2) >= 0 on [0, pi] (minimum 0)": sp.minimum(sp.cos(t / 2), t, sp.Interval(0, sp.pi)) == 0,
    }


def prove_half_angle() -> ProofResult:
    return proof([_step("for unit w, w*: |w + w*|^2 = 2 + 2 cos theta = 4 cos^2(theta/2) (Gram algebra) and "
                        "cos(theta/2) >= 0 on [0, pi], so (1/2)|w + w*| = cos(theta/2)", _half_angle(),
                        symbols=(_THETA_REAL,), on={"theta": "[0, pi]"})],
                 for_all=model_vectors("w", why="for unit w, w* of any R^d, |w + w*|^2 = 2 + 2 <w, w*> = "
                                       "2 + 2 cos theta: the Gram algebra of the step"))


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
        f"model's f ({conv}) minus the closed form (times {factor}), at theta1 and theta2": all(
            identity((f - closed).subs(TH, t)) for t in (t1, t2)),
        f"the model's f ({conv}) does not involve |w|": R_SYM not in f.free_symbols,
        f"f(w2) - f(w1) = {factor} k (theta2 - theta1)/(2 pi)": identity(
            f.subs(TH, t2) - f.subs(TH, t1) - factor * K_SYM * (t2 - t1) / (2 * sp.pi)),
    }


def _prove_closed_form(conv: str, factor: int) -> ProofResult:
    free_of_norm = "the model's f does not involve |w| (checked in the SymPy step)"
    return proof([
        _cites_rotation(f"f ({conv}) is the model's function of (k, theta) only", "w1", "w2"),
        _step(f"the printed closed form (times {factor}) is (1/8)[2(k + k^2) - 2((1 - 2 theta/pi) k + k^2)] "
              "for every k, equal to the model's f; the difference formula follows", _closed_form(conv, factor),
              symbols=(K_SYM, t1, t2)),
    ], for_all={"r1": free_of_norm, "r2": free_of_norm})


def prove_closed_form() -> ProofResult:
    return _prove_closed_form("eq6", 1)


def prove_closed_form_eq3_fix() -> ProofResult:
    return _prove_closed_form("eq3", 2)


USES_closed_form: tuple[str, ...] = (ROTATION,)
