"""Operator-property claims (``OP-*``) and reduction claims (``R-*``) of issue 12, part A.

* the slacks see both outputs at a tie and vanish where the best constants are attained;
* shrinking a residual constant, or perturbing the operator / the rotation, is caught (the
  strategies reach the thresholds and ties, the slacks are sensitive);
* the numerically stable Tl1 prox (``tl1_prox_exact``) at tiny scales, where the printed form
  cancels catastrophically;
* the engine's verdicts (ci profile).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import mpmath
import numpy as np
import pytest
import sympy as sp

from proofs.algorithm.thresholds import tl1_prox_exact
from proofs.claims import operators, reductions
from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.decide import decide
from proofs.engine.points import to_mp

OPS = {c.id: c for c in operators.CLAIMS}
RED = {c.id: c for c in reductions.CLAIMS}
MP = MpBackend(50)


def ev(claim: Any, point: dict[str, Any], B: Any) -> Any:
    if B.is_mp:
        with B.context():
            return claim.evaluate(to_mp(point), B)
    return claim.evaluate(point, B)


#: a coordinate exactly at each operator's threshold t (dyadic, so the tie is exact)
AT_T = {
    "soft": {"x": np.array([0.25, -0.25]), "lam": 0.25, "beta": 1.0},
    "hard": {"x": np.array([1.0, -1.0]), "lam": 0.5, "beta": 1.0},
    "tl1": {"x": np.array([1.5, -1.5]), "lam": 1.0, "beta": 1.0, "a": 1.0},  # t = 2 - 1/2
}


def test_tie_choices_include_both_minimisers() -> None:
    for B in (FLOAT, MP):
        with B.context():
            hard = operators.choices(to_mp(AT_T["hard"]) if B.is_mp else AT_T["hard"], B, "l0")
            tl1 = operators.choices(to_mp(AT_T["tl1"]) if B.is_mp else AT_T["tl1"], B, "tl1")
        assert sorted(float(u) for x, u in hard if x > 0) == [0.0, 1.0]
        assert sorted(float(u) for x, u in tl1 if x > 0) == [0.0, 1.0]  # r - a = 2 - 1
    assert len(operators.choices({"x": np.array([0.7]), "lam": 0.5, "beta": 1.0}, FLOAT, "l0")) == 1


@pytest.mark.parametrize("name", ["soft", "hard", "tl1"])
def test_residual_constant_is_attained_at_the_threshold(name: str) -> None:
    claim = OPS[f"OP-{name}-residual"]
    t = claim.constant("t")
    shrunk = claim.with_constants(t=sp.Rational(99, 100) * t.expr)
    for B in (FLOAT, MP):
        s = ev(claim, AT_T[name], B)
        assert 0 <= s <= B.allowance(10)
        assert ev(shrunk, AT_T[name], B) < 0


@pytest.mark.parametrize("name", ["soft", "hard", "tl1"])
def test_search_refutes_a_shrunk_residual_constant(name: str) -> None:
    claim = OPS[f"OP-{name}-residual"]
    shrunk = claim.with_constants(t=(1 - sp.Rational(1, 10**6)) * claim.constant("t").expr)
    v = decide(shrunk, "ci")
    assert v.verdict == "refuted", (v.verdict, v.summary, v.error)


def test_search_refutes_an_operator_that_overshoots(monkeypatch: pytest.MonkeyPatch) -> None:
    """An operator returning (1 + 1e-6) x on kept coordinates violates |P(x)_i| <= |x_i|."""
    real = operators.prox

    def overshoot(*args: Any, **kw: Any) -> Any:
        return real(*args, **kw) * (1 + 1e-6)

    monkeypatch.setattr(operators, "prox", overshoot)
    v = decide(dataclasses.replace(OPS["OP-hard-sign"], prove=None), "ci")  # search only
    assert v.verdict == "refuted", (v.verdict, v.summary, v.error)


def test_tl1_prox_exact_is_accurate_at_tiny_scales() -> None:
    """The printed form g = (2/3)(a+|x|)cos(phi/3) - 2a/3 + |x|/3 cancels when |x| << a; the
    implementation uses g = |x| - (4b/3) sin^2(phi/6) and compares F(0) - F(g) = g(|x| - phi(g))."""
    for x, tau in ((5e-324, 0.0), (1e-200, 0.0), (1e-200, 1e-300), (3.0, 0.0)):
        yf = float(tl1_prox_exact(np.array([x]), tau, 1.0)[0])
        with mpmath.workdps(50):
            ym = tl1_prox_exact(np.array([mpmath.mpf(x)], dtype=object), mpmath.mpf(tau), mpmath.mpf(1))[0]
            exact = mpmath.mpf(x) - 2 * mpmath.mpf(tau) / (1 + mpmath.mpf(x)) ** 2  # y = x - k/z0^2, to 1e-500
            assert abs(ym - exact) <= mpmath.mpf(10) ** -45 * mpmath.mpf(x)
        assert yf == pytest.approx(float(exact), rel=1e-15, abs=0.0)


# --------------------------------------------------------------------------------------------
# reductions
# --------------------------------------------------------------------------------------------
def test_ball_angle_is_attained_at_the_tangent_point() -> None:
    rho = 0.6
    s, e = np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0])
    y = rho * (-rho * s + math.sqrt(1 - rho * rho) * e)
    p = {"s": s, "c": 1.0, "R": rho, "y": y}
    assert 0 <= ev(RED["R-ball-angle"], p, MP) <= 1e-15  # rounding of the float inputs


def test_cone_arc_is_attained_at_an_end_point() -> None:
    a = np.array([math.cos(2.0), math.sin(2.0)])
    p = {"d": 2, "s": np.array([1.0, 0.0]), "theta_a": 2.0, "theta_b": 0.0, "a": a,
         "b": np.array([1.0, 0.0]), "lam": 1.0, "mu": 0.0}
    s = ev(RED["R-cone-arc"], p, MP)
    assert 0 <= s <= MP.allowance(10)


def test_rotation_slack_detects_a_map_that_is_not_orthogonal(monkeypatch: pytest.MonkeyPatch) -> None:
    p = {"d": 3, "k": 2, "w_star": np.array([1.0, 0.0, 0.0]), "theta": math.acos(0.6), "r": 1.0,
         "w": np.array([0.6, 0.8, 0.0]), "h1": np.array([0.0, 1.0, 1.0]) / math.sqrt(2),
         "h2": np.array([1.0, 1.0, 0.0]) / math.sqrt(2)}
    assert ev(RED["R-rotation-invariance"], p, MP) == 0
    monkeypatch.setattr(reductions, "_rotate", lambda p, B, x: x * np.array([1.001, 1.0, 1.0]))
    assert ev(RED["R-rotation-invariance"], p, FLOAT) < 0


def test_one_step_angle_tangent_u_hits_the_cap() -> None:
    """u on the unit sphere making v = c2 w* + beta u tangent to the cap, eta at its bound: the
    next angle is close to arcsin(beta/c2), so the slack is small but >= 0."""
    k, delta = 1, math.pi / 2
    c2 = k / (2 * math.pi)
    beta = c2 * (1 - 1e-9)
    h = beta / c2
    s, e = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    p = {"k": k, "w_star": s, "w": s.copy(), "u": (-h * s + math.sqrt(1 - h * h) * e) * (1 - 1e-12),
         "beta": beta, "eta": (1 - 1e-9) / (c2 + beta), "delta": delta}
    val = ev(RED["R-one-step-angle"], p, MP)
    assert 0 <= val < 1e-3


@pytest.mark.parametrize("cid", sorted(OPS) + sorted(RED))
def test_verdict_ci(cid: str) -> None:
    claim = OPS.get(cid) or RED[cid]
    v = decide(claim, "ci")
    assert v.verdict == "proved", (v.verdict, v.summary, v.error)
