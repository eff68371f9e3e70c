"""Tests of the interval certifier (proofs.engine.interval): true claims certify, broken claims
are refused with a certified counterexample, indeterminate enclosures never pass, budgets give
partial coverage, and every enclosure contains the true value."""

from __future__ import annotations

import json
from fractions import Fraction

import mpmath
import pytest
import sympy as sp
from flint import arb, ctx, fmpq
from hypothesis import given, settings
from hypothesis import strategies as st

from proofs.engine.claim import ProofResult
from proofs.engine.interval import (
    MonotoneFace,
    SecondOrderPoint,
    UnsupportedExpressionError,
    certify_nonnegative,
    interval_proof,
    sympy_to_arb,
)

th = sp.Symbol("theta", real=True)
x, y = sp.symbols("x y", real=True)


def _slack_at(expr: sp.Expr, point: dict[str, str]) -> sp.Expr:
    subs = {s: sp.Rational(point[str(s)]) for s in expr.free_symbols}
    return expr.subs(subs)


# ------------------------------------------------------------------ true claims


def test_one_minus_sin_is_certified() -> None:
    cert = certify_nonnegative(1 - sp.sin(th), {th: (0, "pi")})
    assert cert.complete and cert.counterexample is None
    assert cert.uncovered_fraction == 0.0
    assert cert.domain == {"theta": ("0", "pi")}


def test_second_order_point_closes_a_sharp_interior_minimum() -> None:
    # 1 - 2 sin(t/2) cos(t/2) = 1 - sin t: the product form defeats plain enclosures at pi/2
    slack = 1 - 2 * sp.sin(th / 2) * sp.cos(th / 2)
    arg = SecondOrderPoint({th: sp.pi / 2})
    cert = certify_nonnegative(slack, {th: (0, "pi")}, zero_set_arguments=[arg], seconds=20)
    assert cert.complete
    assert cert.closed_by_arguments.get(arg.label(), 0) >= 1
    assert cert.arguments[0]["verified"] is True
    # without the argument the sharp point cannot be closed: incomplete, but no counterexample
    bare = certify_nonnegative(slack, {th: (0, "pi")}, max_boxes=3000, seconds=10)
    assert not bare.complete and bare.counterexample is None
    assert 0 < bare.uncovered_fraction < 1e-3


def test_monotone_face_closes_theta_minus_sin() -> None:
    arg = MonotoneFace(th, "increasing")
    cert = certify_nonnegative(th - sp.sin(th), {th: (0, 2)}, zero_set_arguments=[arg])
    assert cert.complete
    assert cert.closed_by_arguments.get(arg.label(), 0) >= 1


def test_monotone_face_uses_a_symbolic_identity_on_the_face() -> None:
    # on x = 0 the slack is sin^2 y - (1 - cos 2y)/2 == 0: SymPy proves it, intervals cannot
    slack = x * (1 + y) + sp.sin(y) ** 2 - (1 - sp.cos(2 * y)) / 2
    box = {x: (0, 1), y: (0, 1)}
    arg = MonotoneFace(x, "increasing")
    cert = certify_nonnegative(slack, box, zero_set_arguments=[arg], seconds=20)
    assert cert.complete
    assert "simplifies to 0" in cert.arguments[0]["checks"][0]
    bare = certify_nonnegative(slack, box, max_boxes=400, seconds=10)
    assert not bare.complete and bare.counterexample is None


def test_two_variable_inequality_with_known_zero_set() -> None:
    # (x - y)^2 + x y (1 - x), expanded; zeros at (0, 0) (interior-type, PD Hessian) and (1, 1)
    # (the slack decreases in x towards the face x = 1, where it equals (1 - y)^2)
    slack = sp.expand((x - y) ** 2 + x * y * (1 - x))
    args = [SecondOrderPoint({"x": 0, "y": 0}), MonotoneFace("x", "decreasing")]
    cert = certify_nonnegative(slack, {x: (0, 1), y: (0, 1)}, zero_set_arguments=args)
    assert cert.complete, cert.as_dict()
    for a in args:
        assert cert.closed_by_arguments.get(a.label(), 0) >= 1
    assert cert.min_lower_bound is not None and float(cert.min_lower_bound) == 0.0


def test_second_order_point_on_the_boundary_with_inward_gradient() -> None:
    # x^2 + y on [0,1]^2: minimum 0 at the corner (0, 0); grad = (0, 1) points into the domain
    slack = sp.expand((x - sp.Rational(1, 3)) ** 2 - sp.Rational(1, 9) + 2 * x / 3 + y)
    arg = SecondOrderPoint({"x": 0, "y": 0})
    cert = certify_nonnegative(slack, {x: (0, 1), y: (0, 1)}, zero_set_arguments=[arg])
    assert cert.complete
    assert cert.arguments[0]["verified"] is True


def test_strict_inequality() -> None:
    assert certify_nonnegative(x**2 + sp.Rational(1, 100), {x: (-1, 1)}, strict=True).complete
    cert = certify_nonnegative(x**2, {x: (-1, 1)}, strict=True)
    assert not cert.complete and cert.counterexample is not None
    assert cert.counterexample["exact_point"] == {"x": "0"}


def test_exact_endpoints_and_arb_function_slack() -> None:
    cert = certify_nonnegative(lambda t: 2 - t.sin(), [("0", "pi")], variables=["t"])
    assert cert.complete
    # sharp at the non-dyadic endpoint 1/3: closed by the exact value at the vertex
    cert = certify_nonnegative(x - sp.Rational(1, 3), {x: (Fraction(1, 3), "0.5")})
    assert cert.complete and cert.closed_by_arguments == {"exact vertex value": 1}
    with pytest.raises(TypeError):
        certify_nonnegative(x, {x: (0.1, 1)})


# ------------------------------------------------------------------ broken claims


def test_broken_constant_gives_certified_counterexample() -> None:
    slack = sp.Rational(99, 100) - sp.sin(th)
    cert = certify_nonnegative(
        slack, {th: (0, "pi")}, zero_set_arguments=[SecondOrderPoint({th: sp.pi / 2})]
    )
    assert not cert.complete
    assert cert.stop_reason == "counterexample"
    cx = cert.counterexample
    assert cx is not None and float(cx["slack_upper_bound"]) < 0
    # the declared argument is false here and was rejected, not used
    assert cert.arguments[0]["verified"] is False
    # independent check at the exact reported point
    with mpmath.workdps(40):
        t = (
            mpmath.mpf(sp.Rational(cx["exact_point"]["theta"]).p)
            / sp.Rational(cx["exact_point"]["theta"]).q
        )
        assert mpmath.mpf(99) / 100 - mpmath.sin(t) < 0
    res = interval_proof(slack, {th: (0, "pi")})
    assert isinstance(res, ProofResult) and not res.ok and "counterexample" in res.summary


def test_wrong_declared_argument_cannot_pass_a_false_claim() -> None:
    # theta - sin theta - theta^3/5 < 0 for small theta > 0, = 0 at 0: the face is right, the
    # monotonicity is not, so the argument never closes a box and a counterexample is found
    slack = th - sp.sin(th) - th**3 / 5
    cert = certify_nonnegative(
        slack, {th: (0, 2)}, zero_set_arguments=[MonotoneFace(th, "increasing")], seconds=20
    )
    assert not cert.complete and cert.counterexample is not None
    pt = sp.Rational(cert.counterexample["exact_point"]["theta"])
    assert sp.N(slack.subs(th, pt), 30) < 0


def test_broken_two_variable_claim() -> None:
    slack = sp.expand((x - y) ** 2 + x * y * (1 - x)) - sp.Rational(1, 10**6)
    cert = certify_nonnegative(slack, {x: (0, 1), y: (0, 1)})
    assert not cert.complete and cert.counterexample is not None
    assert _slack_at(slack, cert.counterexample["exact_point"]) < 0


# ------------------------------------------------------------------ indeterminate / budget


def test_indeterminate_enclosure_is_never_a_pass() -> None:
    # acos(2x) is undefined for x > 1/2: no certificate, and no (false) counterexample either
    cert = certify_nonnegative(sp.acos(2 * x), {x: (0, 1)}, max_boxes=300, seconds=10)
    assert not cert.complete and cert.counterexample is None
    assert cert.uncovered_fraction >= 0.49
    # an Arb function that only ever returns NaN / infinite balls
    nan = certify_nonnegative(lambda t: arb.nan(), [(0, 1)], max_boxes=50)
    inf = certify_nonnegative(lambda t: arb(0, arb.pos_inf()), [(0, 1)], max_boxes=50)
    for c in (nan, inf):
        assert not c.complete and c.counterexample is None and c.uncovered_fraction == 1.0
    # the compiler returns a non-finite ball when the argument may leave the domain
    f = sympy_to_arb(sp.acos(x), [x])
    assert not f(arb("0.5", "0.6")).is_finite()
    assert f(arb("0.5", "0.25")).is_finite()


def test_budget_exhaustion_reports_partial_coverage() -> None:
    slack = 1 - 2 * sp.sin(th / 2) * sp.cos(th / 2)
    cert = certify_nonnegative(slack, {th: (0, "pi")}, max_boxes=40)
    assert not cert.complete and cert.stop_reason == "max_boxes" and cert.boxes == 40
    assert 0 < cert.uncovered_fraction < 1
    cert = certify_nonnegative(slack, {th: (0, "pi")}, max_depth=8)
    assert not cert.complete and cert.stop_reason == "max_depth"
    assert cert.depth == 8 and 0 < cert.uncovered_fraction < 0.1
    json.dumps(cert.as_dict())
    res = interval_proof(slack, {th: (0, "pi")}, max_boxes=40)
    assert not res.ok and "incomplete" in res.summary


# ------------------------------------------------------------------ compiler


def test_compiler_rejects_unsupported_nodes() -> None:
    with pytest.raises(UnsupportedExpressionError):
        sympy_to_arb(sp.gamma(x), [x])
    with pytest.raises(UnsupportedExpressionError):
        sympy_to_arb(sp.floor(x), [x])
    with pytest.raises(UnsupportedExpressionError):
        sympy_to_arb(x + y, [x])


def test_compiler_piecewise_min_max_abs() -> None:
    pw = sp.Piecewise((x, x < sp.Rational(1, 2)), (1 - x, True))
    f = sympy_to_arb(pw, [x])
    assert f(arb("0.25")).overlaps(arb("0.25"))
    assert f(arb("0.75")).overlaps(arb("0.25"))
    tent = f(arb("0.5", "0.5"))  # whole [0, 1]: hull of both branches
    assert tent.contains(arb(0)) and tent.contains(arb("0.5"))
    cert = certify_nonnegative(pw, {x: (0, 1)})
    assert cert.complete
    # complementary conditions without a literal True: still recognised as exhaustive
    pw2 = sp.Piecewise((x, x < sp.Rational(1, 2)), (1 - x, x >= sp.Rational(1, 2)))
    assert certify_nonnegative(pw2, {x: (0, 1)}).complete
    slack = sp.Abs(x - y) + sp.Max(x, y) - sp.Min(x, y) / 2 + sp.Rational(1, 10)
    assert certify_nonnegative(slack, {x: (0, 1), y: (0, 1)}, seconds=10).complete


def _q(v: Fraction) -> arb:
    return arb(fmpq(v.numerator, v.denominator))


EXPRS = [
    sp.sin(x) * sp.cos(y) - x**3 / y,
    sp.acos(x / 2) + sp.asin(x / 3),
    sp.sqrt(x + 2) * sp.exp(-(x**2)) * sp.log(y + 3),
    sp.tan(x / 3) + sp.atan(x * y) - sp.tanh(y) * sp.cosh(x) + sp.sinh(x),
    sp.Abs(x - y) + sp.Min(x, y**2) - sp.Max(sp.cos(x), y),
    sp.Piecewise((x**2, x < 0), (sp.sqrt(x), True))
    + y ** sp.Rational(3, 2)
    + x**4
    - 1 / (y + x + 2),
    (x**2 + 1) ** sp.Rational(-1, 2) + 2**x + y**y,
]


@settings(max_examples=60, deadline=None, database=None)
@given(
    k=st.integers(0, len(EXPRS) - 1),
    cx=st.fractions(-1, 1, max_denominator=1000),
    cy=st.fractions(Fraction(1, 2), 2, max_denominator=1000),
    rx=st.fractions(0, Fraction(1, 4), max_denominator=1000),
    ry=st.fractions(0, Fraction(1, 4), max_denominator=1000),
    ux=st.floats(0, 1),
    uy=st.floats(0, 1),
)
def test_enclosures_contain_the_true_value(
    k: int, cx: Fraction, cy: Fraction, rx: Fraction, ry: Fraction, ux: float, uy: float
) -> None:
    expr = EXPRS[k]
    lo_x, hi_x = max(Fraction(-1), cx - rx), min(Fraction(1), cx + rx)
    lo_y, hi_y = max(Fraction(1, 2), cy - ry), min(Fraction(2), cy + ry)
    px = lo_x + (hi_x - lo_x) * Fraction(ux)
    py = lo_y + (hi_y - lo_y) * Fraction(uy)
    f = sympy_to_arb(expr, [x, y])
    old = ctx.prec
    ctx.prec = 64
    try:
        bx = _q(lo_x).union(_q(hi_x))
        by = _q(lo_y).union(_q(hi_y))
        ball = f(bx, by)
    finally:
        ctx.prec = old
    with mpmath.workdps(40):
        fn = sp.lambdify([x, y], expr, modules="mpmath")
        val = fn(
            mpmath.mpf(px.numerator) / px.denominator, mpmath.mpf(py.numerator) / py.denominator
        )
    if not ball.is_finite():
        return  # indeterminate: allowed (never a pass)
    assert ball.overlaps(arb(mpmath.nstr(val, 35), "1e-30")), (expr, px, py, ball, val)


def test_interval_proof_wraps_a_certificate() -> None:
    res = interval_proof(
        th - sp.sin(th), {th: (0, 2)}, zero_set_arguments=[MonotoneFace(th, "increasing")]
    )
    assert res.ok and res.method == "interval"
    assert res.details["complete"] is True and res.details["kind"] == "interval-certificate"
    assert "MonotoneFace" in res.summary
    json.dumps(res.details)


# ------------------------------------------------------------------ erf, integrals, unbounded sides


def test_erf_normal_cdf_and_integrals_are_enclosed() -> None:
    from proofs.engine.interval import normal_cdf

    t = sp.Symbol("t", real=True)
    with mpmath.workdps(30):
        f = sympy_to_arb(normal_cdf(x) - sp.erfc(y), [x, y])
        ball = f(arb("0.3", "0.01"), arb("-1.2", "0.01"))
        assert ball.contains(arb(mpmath.nstr(mpmath.ncdf(0.3) - mpmath.erfc(-1.2), 25)))
        integral = sympy_to_arb(sp.Integral(sp.exp(-(t**2)) * sp.cos(x * t), (t, 0, y)), [x, y])
        exact = mpmath.quad(lambda s: mpmath.exp(-s * s) * mpmath.cos(mpmath.mpf("0.5") * s), [0, 2])
        assert integral(arb("0.5"), arb(2)).contains(arb(mpmath.nstr(exact, 25)))
    with pytest.raises(UnsupportedExpressionError, match="infinite limit"):
        sympy_to_arb(sp.Integral(sp.exp(-(t**2)), (t, 0, sp.oo)), [])


def test_an_integral_gets_derivative_enclosures() -> None:
    # int_0^x exp(-t^2) dt <= x on [0, 2]: 0 on the face x = 0, d/dx = 1 - exp(-x^2) >= 0 there
    t = sp.Symbol("t", real=True)
    slack = x - sp.Integral(sp.exp(-(t**2)), (t, 0, x))
    cert = certify_nonnegative(slack, {x: (0, 2)}, zero_set_arguments=[MonotoneFace(x, "increasing")])
    assert cert.complete and cert.closed_by_arguments.get("MonotoneFace(x, increasing)", 0) >= 1


def test_unbounded_sides_are_mapped_by_a_stated_transformation() -> None:
    from proofs.engine.interval import normal_cdf

    # the tangent of the normal cdf at 0 bounds it on [0, oo): sharp at 0, linear growth
    slack = sp.Rational(1, 2) + x / sp.sqrt(2 * sp.pi) - normal_cdf(x)
    cert = certify_nonnegative(slack, {x: (0, "oo")}, zero_set_arguments=[SecondOrderPoint({x: 0})])
    assert cert.complete and cert.box == (("0", "oo"),)
    assert cert.transforms == ("x = 1/u with u in (0, 1], for x in [1, oo)",)
    cover = cert.cover()
    assert cover.ranges[0][1].text() == "[0, oo)" and cover.transforms == cert.transforms
    # both sides unbounded; a rational function is cancelled so its limit is finite; a slack
    # that tends to 0 at infinity monotonically is closed by its limit
    assert certify_nonnegative(1 - x**2 / (1 + x**2), {x: ("-oo", "oo")}).complete
    assert certify_nonnegative(sp.erfc(x) * (1 + x**2), {x: ("-oo", "oo")}).complete
    assert certify_nonnegative(x - sp.sin(x), {x: (0, "oo")},
                               zero_set_arguments=[SecondOrderPoint({x: 0})]).complete
    # a false claim on an unbounded side: the counterexample is in the original coordinate
    bad = certify_nonnegative(3 - x / (1 + x) * 4, {x: (0, "oo")})
    assert bad.counterexample is not None and sp.Rational(bad.counterexample["exact_point"]["x"]) > 3
    with pytest.raises(ValueError, match="SymPy slack"):
        certify_nonnegative(lambda u: u, [(0, "oo")], variables=["u"])


def test_an_arb_function_gets_derivative_enclosures_from_power_series() -> None:
    # u^3 - 3u + 5/2 on [0, 1]: decreasing, min 1/2 at u = 1; the natural enclosure is [-1/2, 7/2]
    f = lambda u: u**3 - 3 * u + arb("2.5")  # noqa: E731
    cert = certify_nonnegative(f, [(0, 1)], variables=["u"])
    assert cert.complete and cert.boxes <= 3  # monotone: reduced to the vertex u = 1

    def no_series(u: arb) -> arb:  # the same function, refusing power series
        if not isinstance(u, arb):
            raise TypeError("balls only")
        return f(u)

    plain = certify_nonnegative(no_series, [(0, 1)], variables=["u"])
    assert plain.complete and plain.boxes > cert.boxes


def test_boxes_are_scheduled_fairly_and_a_partial_certificate_is_reported() -> None:
    # exactly 0 on the face x = 0 (no argument given): that face never closes, the rest does
    slack = x * (1 + y) + sp.sin(y) ** 2 - (1 - sp.cos(2 * y)) / 2
    cert = certify_nonnegative(slack, {x: (0, 1), y: (0, 1)}, max_boxes=600)
    assert not cert.complete and cert.counterexample is None and cert.stop_reason == "max_boxes"
    assert cert.certified_fraction > 0.95  # the budget was not burnt on the face alone
    assert cert.open_boxes and all(sp.Rational(b["x"][1]) <= sp.Rational(1, 64) for b in cert.open_boxes)  # near the face
    res = interval_proof(slack, {x: (0, 1), y: (0, 1)}, max_boxes=600)
    assert not res.ok and "partial certificate" in res.summary
    assert res.covers is not None and res.covers.ranges == ()  # an incomplete certificate covers nothing
