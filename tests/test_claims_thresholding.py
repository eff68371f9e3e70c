"""Thresholding claims: Lemma 5.7 (Tl1), Lemma 5.8 (l0), Definition 1 (interpolation).

* the exact-candidate minimiser (proofs.claims.scalar_prox) agrees with a dense grid plus local
  refinement in mpmath on random inputs;
* the slacks are >= 0 at clear interior points (float64 and 50 digits);
* deliberately broken thresholds (scaled by 0.9, lambda replaced by 2 lambda), each one public
  call ``claim.with_constants(...)``, are refuted by the engine's search over the claims' own
  strategies (so the strategies reach them);
* Algorithm 1's operators (proofs.algorithm.thresholds) implement the printed ones;
* the engine's verdicts on the registered claims.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

from proofs.algorithm.thresholds import hard_threshold, tl1_t, tl1_threshold
from proofs.claims import claim_set, lemma5_7, lemma5_8
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

CLAIMS = claim_set().by_id()
L57, L58 = CLAIMS["L5.7-tl1-prox"], CLAIMS["L5.8-l0-prox"]


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


@pytest.mark.parametrize("claim,p", [(L57, p) for p in INTERIOR_57] + [(L58, p) for p in INTERIOR_58])
def test_slack_nonnegative_interior(claim, p: dict) -> None:
    assert claim.evaluate(p, FLOAT) >= 0
    B = MpBackend(50)
    with B.context():
        assert claim.evaluate(to_mp(p), B) >= 0


def test_tie_is_accepted() -> None:
    # regime 2, a = 2, lam = 3/2: t = 2 and F(0) = F(1) = 2 exactly; printed picks 0
    p = {"x": 2.0, "lam": 1.5, "a": 2.0}
    for dps in (50, 100):
        B = MpBackend(dps)
        with B.context():
            assert L57.evaluate(to_mp(p), B) >= 0
            assert L58.evaluate(to_mp({"x": 2.0, "lam": 2.0}), B) >= 0


# ----------------------------------------------------------------------------- broken thresholds

BROKEN_57 = {
    "t*0.9": {"T_SMALL": "9/10*lam*(a+1)/a", "T_LARGE": "9/10*(sqrt(2*lam*(a+1)) - a/2)"},
    "2λ": {"T_SMALL": "2*lam*(a+1)/a", "T_LARGE": "sqrt(4*lam*(a+1)) - a/2", "LAM_SWITCH": "a**2/(4*(a+1))"},
}
BROKEN_58 = {"t*0.9": {"T": "9/10*sqrt(2*lam)"}, "2λ": {"T": "sqrt(4*lam)"}}


@pytest.mark.parametrize("claim,name,values", [(L57, n, v) for n, v in BROKEN_57.items()]
                         + [(L58, n, v) for n, v in BROKEN_58.items()])
def test_broken_threshold_is_refuted(claim, name: str, values: dict) -> None:
    broken = claim.with_constants(**values)  # same strategy and explicit hard points, no proof
    v = decide(broken, "ci")
    assert v.verdict == "refuted" and v.method == "search", f"broken threshold ({name}): {v.summary}"
    assert mpmath.mpf(v.slack) < 0


def test_algorithm_implements_the_printed_operators() -> None:
    c57 = lambda lam, a: L57.constants_at({"lam": lam, "a": a}, FLOAT)  # noqa: E731
    for x, lam, a in _rand_inputs(20, 3):
        t = lemma5_7.printed_threshold(lam, c57(lam, a))
        assert t == pytest.approx(float(tl1_t(lam, a)), rel=1e-14)
        y, _ = lemma5_7.printed_output(x, lam, a, t, FLOAT)
        assert y == pytest.approx(float(tl1_threshold(x, lam, a)), abs=1e-12)
    for x, lam in [(3.0, 0.5), (-0.9, 0.5), (2.0, 2.0), (0.0, 1.0)]:
        t = L58.constants_at({"lam": lam}, FLOAT).T
        assert lemma5_8.printed_output(x, t) == float(hard_threshold(x, lam))


# ----------------------------------------------------------------------------- engine verdicts


def test_l57_verdict() -> None:
    v = decide(L57, "ci")
    assert v.verdict == "proved" and v.method == "symbolic", (v.verdict, v.error, v.summary)
    assert v.budget.get("examples_tried", 0) >= 100  # the search ran as well


def test_l58_verdict() -> None:
    v = decide(L58, "ci")
    assert v.verdict == "proved" and v.method == "symbolic", (v.verdict, v.error, v.summary)


def test_d1_verdicts() -> None:
    v = decide(CLAIMS["D1-interpolation"], "ci")
    assert (v.verdict, v.method) == ("proved", "symbolic"), (v.verdict, v.error, v.summary)
    u = decide(CLAIMS["D1-interpolation@uniform"], "ci")
    assert (u.verdict, u.method) == ("refuted", "unbounded-family"), (u.verdict, u.error)
