"""Tests of the best-constant finder (proofs.engine.constants): known suprema are recovered to
high precision, printed constants that are too small are flagged, runs are deterministic, and
the optional interval certificate proves the upper side."""

from __future__ import annotations

import json
from typing import Any

import mpmath
import sympy as sp
from hypothesis import strategies as st

from proofs.engine.constants import BestConstant, best_constant

X, Y = sp.symbols("x y", real=True)


def xexp(p: dict[str, Any], B: Any) -> Any:
    return p["x"] * B.exp(-p["x"])


def xsin(p: dict[str, Any], B: Any) -> Any:
    return p["x"] * B.sin(p["x"])


def two_d(p: dict[str, Any], B: Any) -> Any:
    return p["x"] * B.exp(-p["x"]) * B.sin(p["y"]) / p["y"]


def _close(value: str, exact: mpmath.mpf, tol: str) -> bool:
    with mpmath.workdps(60):
        return abs(mpmath.mpf(value) - exact) < mpmath.mpf(tol)


def test_interior_supremum_recovered_and_certified() -> None:
    rec = best_constant(xexp, box={"x": (0, 5)}, printed="0.37", ratio_expr=X * sp.exp(-X))
    with mpmath.workdps(60):
        assert _close(rec.best, mpmath.exp(-1), "1e-45")
        assert _close(rec.argmax["x"], mpmath.mpf(1), "1e-20")
    assert rec.printed_is_enough is True and rec.polished and rec.method == "search+local"
    assert rec.certified and rec.certificate is not None
    assert rec.certificate["slack"] == "-x*exp(-x) + 37/100"
    json.dumps(rec.as_dict())


def test_printed_constant_too_small_is_flagged() -> None:
    rec = best_constant(xsin, box={"x": (0, "pi")}, printed="1.8")
    with mpmath.workdps(60):
        xs = mpmath.findroot(lambda t: mpmath.sin(t) + t * mpmath.cos(t), 2)
        assert _close(rec.best, xs * mpmath.sin(xs), "1e-40")
    assert rec.printed_is_enough is False
    assert rec.excess is not None and 0.0197 < float(rec.excess) < 0.0198
    # the certificate of the printed bound must fail (counterexample), not pass
    bad = best_constant(
        xsin, box={"x": (0, "pi")}, printed="1.8", ratio_expr=X * sp.sin(X), samples=50
    )
    assert bad.certificate is not None and not bad.certified
    assert bad.certificate["counterexample"] is not None


def test_boundary_supremum_in_two_variables() -> None:
    rec = best_constant(two_d, box={"x": (0, 5), "y": ("1/100", 2)}, printed="0.3678")
    with mpmath.workdps(60):
        exact = mpmath.exp(-1) * mpmath.sin(mpmath.mpf(1) / 100) * 100
        assert _close(rec.best, exact, "1e-40")
    assert rec.argmax["y"].startswith("0.0100000000000000000000000000000")
    assert rec.printed_is_enough is False


def test_deterministic_for_a_seed() -> None:
    a = best_constant(xsin, box={"x": (0, 3)}, samples=300, seed=7, polish=False)
    b = best_constant(xsin, box={"x": (0, 3)}, samples=300, seed=7, polish=False)
    assert a.best == b.best and a.argmax == b.argmax
    assert isinstance(a, BestConstant) and a.polished is False


def test_hypothesis_strategy_domain() -> None:
    strat = st.fixed_dictionaries({"x": st.floats(0, 3), "k": st.just(2)})

    def scaled(p: dict[str, Any], B: Any) -> Any:
        return p["k"] * p["x"] * B.sin(p["x"])

    rec = best_constant(
        scaled,
        strategy=strat,
        box={"x": (0, 3)},
        domain_ok=lambda p: 0 <= p["x"] <= 3,
        samples=150,
        seed=1,
    )
    with mpmath.workdps(60):
        xs = mpmath.findroot(lambda t: mpmath.sin(t) + t * mpmath.cos(t), 2)
        assert _close(rec.best, 2 * xs * mpmath.sin(xs), "1e-10")
    assert set(rec.argmax) == {"x"}


def test_fixed_parameter_and_sharp_printed_callable() -> None:
    def kx(p: dict[str, Any], B: Any) -> Any:
        return p["k"] * p["x"] * B.exp(-p["x"])

    rec = best_constant(
        kx,
        box={"x": (0, 4)},
        fixed={"k": 3},
        printed=lambda p, B: p["k"] * B.exp(B.scalar(-1)),
        samples=200,
    )
    assert rec.printed_is_enough is True  # sharp: equal to ~40 digits
    assert any("sharp" in n for n in rec.notes)
