"""The complete backend (erf, normal cdf, quad with an error estimate, inf, eps, small linear
algebra) in both arithmetics, estimates, and equality claims whose tolerance follows from the
precision and the reported error bounds."""

from __future__ import annotations

import math
from typing import Any

import mpmath
import numpy as np
import pytest
from hypothesis import strategies as st

from proofs.engine.backend import FLOAT, Backend, MpBackend
from proofs.engine.claim import Claim, Hypothesis
from proofs.engine.confirm import confirm
from proofs.engine.decide import decide
from proofs.engine.equality import equals
from proofs.engine.estimate import Estimate, value_and_error

MP = MpBackend(50)


def test_both_backends_implement_the_protocol_and_agree() -> None:
    assert isinstance(FLOAT, Backend) and isinstance(MP, Backend)
    with MP.context():
        for x in (-0.75, -1e-9, 0.0, 0.3, 2.0, 9.0):
            for name in ("erf", "erfc", "normal_pdf", "normal_cdf", "exp", "atan", "expm1", "log1p"):
                f, m = getattr(FLOAT, name)(x), getattr(MP, name)(MP.scalar(x))
                assert abs(f - float(m)) <= 1e-15 * max(1.0, abs(float(m))), (name, x)
        # the normal cdf is accurate in the far tail (erfc, not 1 - erf)
        assert FLOAT.normal_cdf(-30.0) == pytest.approx(float(mpmath.ncdf(-30)), rel=1e-13)
        assert MP.inf == mpmath.inf and FLOAT.inf == math.inf
        assert FLOAT.eps == 2.0**-52 and MP.eps == 2 * mpmath.mpf(10) ** -50
        assert MP.exact("pi/2") == +mpmath.pi / 2 and FLOAT.exact("1/3") == 1 / 3
        a = np.array([[4.0, 1.0], [1.0, 3.0]])
        b = np.array([1.0, 2.0])
        xf = FLOAT.solve(a, b)
        xm = MP.solve(MP.vector(a.ravel()).reshape(2, 2), MP.vector(b))
        assert np.allclose(a @ xf, b) and all(abs(float(u) - v) < 1e-15 for u, v in zip(xm, xf, strict=True))
        assert MP.identity(2)[0, 0] == 1 and MP.identity(2)[0, 1] == 0
        assert np.array_equal(FLOAT.identity(3), np.eye(3))
        assert MP.norm(MP.vector([3, 4])) == 5 and FLOAT.dot(b, b) == 5.0
    assert FLOAT.erf(np.array([0.0, 1.0])).shape == (2,)  # vectorised for quad's nodes


def test_quad_returns_an_estimate_with_an_honest_error_in_both_arithmetics() -> None:
    exact = math.sqrt(math.pi) / 2  # int_0^oo exp(-x^2) dx
    q = FLOAT.quad(lambda x: FLOAT.exp(-x * x), 0, FLOAT.inf)
    assert isinstance(q, Estimate) and abs(q.value - exact) <= q.error < 1e-12
    q = FLOAT.quad(lambda x: 1 / math.sqrt(x), 0, 1)  # endpoint singularity, scalar integrand
    assert abs(q.value - 2) <= q.error
    with MP.context():
        q = MP.quad(lambda x: MP.exp(-x * x), 0, MP.inf)
        assert abs(q.value - mpmath.sqrt(mpmath.pi) / 2) <= q.error < mpmath.mpf(10) ** -45
    # a narrow feature announced by a breakpoint is resolved, not missed with a tiny error
    a = -1e9
    q = FLOAT.quad(lambda u: u * FLOAT.normal_pdf(u) * FLOAT.normal_cdf(a * u), 0, FLOAT.inf, (1 / abs(a),))
    with mpmath.workdps(60):
        ref = mpmath.quad(lambda u: u * mpmath.npdf(u) * mpmath.ncdf(a * u), [0, 1 / abs(a), mpmath.inf])
    assert abs(q.value - float(ref)) <= max(q.error, 1e-13 * float(ref))


def test_estimates_propagate_error_bounds_and_refuse_to_be_floats() -> None:
    e = Estimate(2.0, 0.1) * 3 - Estimate(1.0, 0.05)
    assert e.value == 5.0 and e.error == pytest.approx(0.35)
    q = Estimate(1.0, 0.1) / Estimate(2.0, 0.1)
    assert q.value == 0.5 and q.error >= (1.1 / 1.9 - 0.5) - 1e-15
    assert value_and_error(3.0) == (3.0, 0)
    with pytest.raises(TypeError):
        float(e)
    with pytest.raises(TypeError):
        bool(e)


def _integral(p: dict[str, Any], B: Any) -> Any:
    """int_0^x t exp(-t^2/2) dt"""
    return B.quad(lambda t: t * B.exp(-t * t / 2), 0, p["x"])


def _claim(rhs: Any, id: str = "toy-equality") -> Claim:
    return Claim(
        id=id, paper_ref="toy", section="Toy", statement="int_0^x t e^{-t^2/2} dt = 1 - e^{-x^2/2}",
        hypotheses=(Hypothesis("x >= 0", lambda p, B: p["x"]),),
        strategy=lambda: st.floats(0, 30).map(lambda x: {"x": x}),
        slack=equals(_integral, rhs),
    )


# 1 - exp(-x^2/2) written as -expm1(-x^2/2): no cancellation for small x (where 1 - exp(.)
# would carry a float error far above the tolerance, and every such point would be re-checked)
TRUE_EQ = _claim(lambda p, B: -B.expm1(-p["x"] ** 2 / 2))
FALSE_EQ = _claim(lambda p, B: -B.expm1(-p["x"] ** 2 / 2) + B.exact("1/10**9") * p["x"], "toy-equality-off")


def test_a_true_equality_with_a_quadrature_is_unrefuted_without_high_precision_rechecks() -> None:
    v = decide(TRUE_EQ, "ci")
    assert v.verdict == "unrefuted", v.summary
    assert v.budget["discarded_rounding_artefacts"] == 0  # no 50/100-digit re-check was needed
    # the tolerance follows the precision: exactly 0 inside it, at every precision
    assert TRUE_EQ.evaluate({"x": 1.5}, FLOAT).value == 0
    c = confirm(TRUE_EQ, {"x": 1.5})
    assert not c.confirmed and c.errors[50] < mpmath.mpf(10) ** -40


def test_a_false_equality_is_refuted_beyond_its_error_bounds() -> None:
    v = decide(FALSE_EQ, "ci")
    assert v.verdict == "refuted", v.summary
    conf = v.evidence["confirmation"]
    assert mpmath.mpf(conf["value_50"]) < -1e-12 and mpmath.mpf(conf["value_100"]) < -1e-12


def test_violations_within_the_reported_error_are_not_rechecked() -> None:
    def rough(p: dict[str, Any], B: Any) -> Any:  # a slack whose float value is only known to 1e-3
        if B.is_mp:
            return B.scalar(1)
        return Estimate(-1e-6, 1e-3)

    c = Claim(id="toy-rough", paper_ref="toy", section="Toy", statement="1 >= 0",
              strategy=lambda: st.just({"x": 1.0}), slack=rough)
    v = decide(c, "ci")
    assert v.verdict == "unrefuted" and v.budget["within_float_error"] >= 1
    assert v.budget["discarded_rounding_artefacts"] == 0
    assert "within the slack's reported error bound" in v.summary


def test_a_claim_can_search_above_float64_precision() -> None:
    # ((1 + x) - 1) - x (1 - x/2) = x^2/2 > 0; with x = 1e-20 float64 loses x in 1 + x and sees
    # -1e-20, a violation the confirmation must discard; at 60 digits the search sees 5e-41
    def slack(p: dict[str, Any], B: Any) -> Any:
        x = B.scalar(p["x"])
        return ((1 + x) - 1) - x * (1 - x / 2) - B.scalar(p["c"])

    strategy = lambda: st.just({"x": 1e-20, "c": 0.0})  # noqa: E731
    base = Claim(id="toy-precision", paper_ref="toy", section="Toy", statement="(1+x)-1 >= x(1-x/2)",
                 strategy=strategy, slack=slack)
    in_float = decide(base, "ci")
    assert in_float.budget["best_float_slack"] == repr(-1e-20)  # float64 sees a violation ...
    assert in_float.verdict == "unrefuted"  # ... which the confirmation discards
    fine = base.derive("toy-precision@60", search_dps=60)
    v = decide(fine, "ci")
    assert v.verdict == "unrefuted" and float(v.budget["best_float_slack"]) > 0  # seen correctly


def test_the_scale_of_an_equality_sets_its_tolerance() -> None:
    tiny = equals(lambda p, B: B.scalar(p["a"]), lambda p, B: B.scalar(0))
    assert tiny({"a": 1e-20}, FLOAT) < 0  # relative to max(|lhs|, |rhs|): 1e-20 is no rounding
    absolute = equals(lambda p, B: B.scalar(p["a"]), lambda p, B: B.scalar(0), scale="1")
    assert absolute({"a": 1e-20}, FLOAT) == 0  # within 256 ulps of 1
    with MP.context():
        assert absolute({"a": mpmath.mpf("1e-20")}, MP) < 0  # but not at 50 digits
