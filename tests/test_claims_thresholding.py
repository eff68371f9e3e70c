"""Thresholding claims: Lemma 5.7 (Tl1), Lemma 5.8 (l0), Definition 1 (interpolation).

* the exact-candidate minimiser (proofs.claims.scalar_prox) agrees with a dense grid plus local
  refinement in mpmath on random inputs;
* the slacks are >= 0 at clear interior points (float64 and 50 digits);
* deliberately broken operators (threshold scaled by 0.9, lambda replaced by 2 lambda) are
  refuted by the engine's search over the claims' own strategies (so the strategies reach them);
* the engine's verdicts on the registered claims.
"""

from __future__ import annotations

import dataclasses

import mpmath
import numpy as np
import pytest

from proofs.algorithm.thresholds import _g_float, _g_mp, hard_threshold, tl1_t, tl1_threshold
from proofs.claims import definition1, lemma5_7, lemma5_8
from proofs.claims.scalar_prox import (
    brute_force_min,
    l0_exact_min,
    l0_objective,
    tl1_exact_min,
    tl1_objective,
)
from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.decide import decide
from proofs.engine.points import to_mp
from proofs.engine.search import search


def _rand_inputs(n: int, seed: int) -> list[tuple[float, float, float]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        a = float(10.0 ** rng.uniform(-2, 2))
        lam = float(10.0 ** rng.uniform(-2, 1.5))
        t = float(tl1_t(lam, a))
        x = float(rng.choice([t * rng.uniform(0, 3), rng.uniform(-5, 5) * (1 + t)]))
        out.append((x, lam, a))
    return out


# ----------------------------------------------------------------------------- exact minimiser


@pytest.mark.parametrize("x,lam,a", _rand_inputs(12, 1))
def test_tl1_candidates_match_brute_force(x: float, lam: float, a: float) -> None:
    with mpmath.workdps(30):
        X, L, A = mpmath.mpf(x), mpmath.mpf(lam), mpmath.mpf(a)
        y_c, f_c = tl1_exact_min(X, L, A)
        lo, hi = min(0, X) - 1, max(0, X) + 1  # every minimiser lies between 0 and x
        y_b, f_b = brute_force_min(lambda y: tl1_objective(y, X, L, A), X, lo, hi, n=1501)
        scale = X * X / 2 + 1
        assert f_c <= f_b + mpmath.mpf(10) ** -25 * scale  # candidates never lose to the grid
        assert f_b - f_c <= mpmath.mpf(10) ** -12 * scale  # and the grid finds the same minimum
        assert abs(y_b - y_c) <= mpmath.mpf(10) ** -5 * (1 + abs(X))


@pytest.mark.parametrize("x,lam", [(0.3, 0.1), (-2.0, 0.5), (1.0, 0.5), (0.0, 1.0), (5.0, 20.0)])
def test_l0_candidates_match_brute_force(x: float, lam: float) -> None:
    with mpmath.workdps(30):
        X, L = mpmath.mpf(x), mpmath.mpf(lam)
        _, f_c = l0_exact_min(X, L)
        _, f_b = brute_force_min(lambda y: l0_objective(y, X, L), X, min(0, X) - 1, max(0, X) + 1)
        assert f_c <= f_b + mpmath.mpf(10) ** -25
        assert f_b - f_c <= mpmath.mpf(10) ** -12 * (1 + X * X)


def test_tl1_exact_minimiser_agrees_with_printed_off_threshold() -> None:
    for x, lam, a in _rand_inputs(30, 2):
        t = float(tl1_t(lam, a))
        if abs(abs(x) - t) < 1e-6 * (1 + t):
            continue
        with mpmath.workdps(40):
            y, _ = tl1_exact_min(mpmath.mpf(x), mpmath.mpf(lam), mpmath.mpf(a))
            p = tl1_threshold(mpmath.mpf(x), mpmath.mpf(lam), mpmath.mpf(a))
            assert abs(y - p) <= mpmath.mpf(10) ** -25 * (1 + abs(p))


# ----------------------------------------------------------------------------- slacks


INTERIOR_57 = [
    {"x": 2.0, "lam": 0.5, "a": 1.0},
    {"x": 0.3, "lam": 0.5, "a": 1.0},
    {"x": -1.1, "lam": 0.1, "a": 10.0},
    {"x": 0.05, "lam": 0.1, "a": 10.0},
    {"x": 7.0, "lam": 3.0, "a": 0.2},
]
INTERIOR_58 = [{"x": 3.0, "lam": 0.5}, {"x": -0.2, "lam": 0.5}, {"x": 0.0, "lam": 2.0}]


@pytest.mark.parametrize("p", INTERIOR_57)
def test_l57_slack_nonnegative_interior(p: dict) -> None:
    assert lemma5_7.slack(p, FLOAT) >= 0
    B = MpBackend(50)
    with B.context():
        assert lemma5_7.slack(to_mp(p), B) >= 0


@pytest.mark.parametrize("p", INTERIOR_58)
def test_l58_slack_nonnegative_interior(p: dict) -> None:
    assert lemma5_8.slack(p, FLOAT) >= 0
    B = MpBackend(50)
    with B.context():
        assert lemma5_8.slack(to_mp(p), B) >= 0


def test_tie_is_accepted() -> None:
    # regime 2, a = 2, lam = 3/2: t = 2 and F(0) = F(1) = 2 exactly; printed picks 0
    p = {"x": 2.0, "lam": 1.5, "a": 2.0}
    for dps in (50, 100):
        B = MpBackend(dps)
        with B.context():
            assert lemma5_7.slack(to_mp(p), B) >= 0
            assert lemma5_8.slack(to_mp({"x": 2.0, "lam": 2.0}), B) >= 0


# ----------------------------------------------------------------------------- broken operators


def _tl1_threshold_scaled(scale: float):
    """Printed g_λ but with the threshold t replaced by scale * t."""

    def op(x, lam, a):
        if isinstance(x, mpmath.mpf):
            ax = abs(x)
            if not ax > scale * tl1_t(lam, a):
                return mpmath.mpf(0)
            g, ok = _g_mp(ax, lam, a)
            return mpmath.sign(x) * g if ok else mpmath.mpf(0)
        ax = abs(float(x))
        if not ax > scale * float(tl1_t(lam, a)):
            return 0.0
        g, _ = _g_float(np.asarray(ax), lam, a)
        return float(np.sign(x) * g)

    return op


def _tl1_double_lambda(x, lam, a):
    return lemma5_7.printed_operator(x, 2 * lam, a)


def _l0_scaled(x, lam):
    t = mpmath.sqrt(2 * lam) if isinstance(x, mpmath.mpf) else float(np.sqrt(2 * lam))
    return x if abs(x) > 0.9 * t else 0 * x


def _l0_double_lambda(x, lam):
    return lemma5_8.printed_operator(x, 2 * lam)


def _broken(claim, slack):
    # same search as the claim (strategy and its explicit hard points), without its proof
    return dataclasses.replace(claim, slack=slack, prove=None)


@pytest.mark.parametrize(
    "name,op", [("t*0.9", _tl1_threshold_scaled(0.9)), ("2λ", _tl1_double_lambda)]
)
def test_l57_broken_operator_is_refuted(name: str, op) -> None:
    claim = _broken(lemma5_7.CLAIMS[0], lemma5_7.make_slack(op))
    out = search(claim, "ci")
    assert out.error is None, out.error
    assert out.found, f"broken operator ({name}) not refuted: best slack {out.best}"
    assert out.confirmation is not None and out.confirmation.slack50 < 0


def test_l57_scaled_threshold_sanity() -> None:
    # the scaled-threshold operator equals the printed one away from (0.9t, t]
    op = _tl1_threshold_scaled(1.0)
    for x, lam, a in _rand_inputs(20, 3):
        assert op(x, lam, a) == pytest.approx(float(tl1_threshold(x, lam, a)), abs=1e-12)


@pytest.mark.parametrize("name,op", [("t*0.9", _l0_scaled), ("2λ", _l0_double_lambda)])
def test_l58_broken_operator_is_refuted(name: str, op) -> None:
    claim = _broken(lemma5_8.CLAIMS[0], lemma5_8.make_slack(op))
    out = search(claim, "ci")
    assert out.error is None, out.error
    assert out.found, f"broken operator ({name}) not refuted: best slack {out.best}"


def test_hard_threshold_is_single_source() -> None:
    assert lemma5_8.printed_operator(3.0, 0.5) == float(hard_threshold(3.0, 0.5))


# ----------------------------------------------------------------------------- engine verdicts


def test_l57_verdict() -> None:
    v = decide(lemma5_7.CLAIMS[0], "ci")
    assert v.verdict == "proved" and v.method == "symbolic", (v.verdict, v.error, v.summary)
    assert v.budget.get("examples_tried", 0) >= 100  # the search ran as well


def test_l58_verdict() -> None:
    v = decide(lemma5_8.CLAIMS[0], "ci")
    assert v.verdict == "proved" and v.method == "symbolic", (v.verdict, v.error, v.summary)


def test_d1_verdicts() -> None:
    by_id = {c.id: c for c in definition1.CLAIMS}
    v = decide(by_id["D1-interpolation"], "ci")
    assert (v.verdict, v.method) == ("proved", "symbolic"), (v.verdict, v.error, v.summary)
    u = decide(by_id["D1-interpolation@uniform"], "ci")
    assert (u.verdict, u.method) == ("refuted", "unbounded-family"), (u.verdict, u.error)

