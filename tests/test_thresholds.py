"""Thresholding operators (u-update of Algorithm 1) against a brute-force minimiser in mpmath.

Lemma 5.7 (Tl1), Lemma 5.8 (l0, with lam/beta in place of lambda), soft thresholding (proof of
Lemma 5.4). The brute force minimises 1/2 (y-x)^2 + tau p(y) over a dense grid on the segment
[min(0,x), max(0,x)] (which contains every minimiser: moving y towards x or towards 0 lowers both
terms), with y = 0 and y = x always candidates, then refines locally.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

from proofs.algorithm.thresholds import (
    hard_threshold,
    penalty_value,
    prox,
    rho,
    soft_threshold,
    tl1_prox_exact,
    tl1_t,
    tl1_threshold,
)

DPS = 30
TOL = mpmath.mpf(10) ** -20


def objective(y, x, tau, p):
    return (y - x) ** 2 / 2 + tau * p(y)


def brute_min(x, tau, p, n=100, rounds=9):
    """(min value, argmin) of 1/2(y-x)^2 + tau p(y) by grid + local refinement; y=0 a candidate."""
    lo, hi = min(mpmath.mpf(0), x), max(mpmath.mpf(0), x)
    cands = [mpmath.mpf(0), x]
    best_y = min(cands, key=lambda y: objective(y, x, tau, p))
    width = hi - lo
    center = (lo + hi) / 2
    for r in range(rounds):
        if width == 0:
            break
        a, b = max(lo, center - width / 2), min(hi, center + width / 2)
        grid = [a + (b - a) * i / n for i in range(n + 1)]
        y = min(grid, key=lambda y: objective(y, x, tau, p))
        if objective(y, x, tau, p) < objective(best_y, x, tau, p):
            best_y = y
        center = y if r == 0 else best_y
        width = 4 * (b - a) / n
    return objective(best_y, x, tau, p), best_y


def _l1(y):
    return abs(y)


def _l0(y):
    return mpmath.mpf(1) if y != 0 else mpmath.mpf(0)


def _tl1(a):
    return lambda y: (a + 1) * abs(y) / (a + abs(y))


def check_is_minimiser(op_y, x, tau, p, unique=True):
    fmin, ybrute = brute_min(x, tau, p)
    fop = objective(op_y, x, tau, p)
    # the operator's value is never worse than the brute force (up to its grid resolution)
    assert fop <= fmin + TOL * (1 + abs(fmin)), (x, tau, op_y, ybrute, fop, fmin)
    if unique:
        # away from a tie, the argmin is unique and the brute force finds it to grid accuracy
        assert abs(op_y - ybrute) < mpmath.mpf(10) ** -8 * (1 + abs(x)), (x, tau, op_y, ybrute)


def _rand_cases(seed, n):
    rng = np.random.default_rng(seed)
    return [
        (float(rng.uniform(-1, 1) * np.exp(rng.uniform(-3, 2))), float(np.exp(rng.uniform(-5, 1))))
        for _ in range(n)
    ]


def test_soft_threshold_matches_brute_force():
    with mpmath.workdps(DPS):
        for x, tau in _rand_cases(1, 25):
            xm, tm = mpmath.mpf(x), mpmath.mpf(tau)
            y = soft_threshold(np.array([xm], dtype=object), tm)[0]
            check_is_minimiser(y, xm, tm, _l1)
            yf = soft_threshold(np.array([x]), tau)[0]
            assert abs(yf - float(y)) <= 1e-15 * (1 + abs(x))


def test_hard_threshold_matches_brute_force_and_threshold_is_sqrt_2tau():
    """Lemma 5.8 with tau = lam/beta: keep x iff |x| > sqrt(2 tau)."""
    with mpmath.workdps(DPS):
        cases = _rand_cases(2, 25)
        for tau in (mpmath.mpf("0.1"), mpmath.mpf("1e-4")):
            thr = mpmath.sqrt(2 * tau)
            cases += [(thr * (1 + s * mpmath.mpf(10) ** -e), tau) for s in (-1, 1) for e in (3, 9)]
        for x, tau in cases:
            xm, tm = mpmath.mpf(x), mpmath.mpf(tau)
            y = hard_threshold(np.array([xm], dtype=object), tm)[0]
            check_is_minimiser(y, xm, tm, _l0)
            assert y == (xm if xm * xm > 2 * tm else 0)
        # at the threshold itself both 0 and x minimise (non-unique): accept either
        tm = mpmath.mpf("0.1")
        xm = mpmath.sqrt(2 * tm)
        y = hard_threshold(np.array([xm], dtype=object), tm)[0]
        check_is_minimiser(y, xm, tm, _l0, unique=False)
    # Section 6 setting: lam = 1e-4, beta = 1e-3 -> threshold sqrt(0.2) ~ 0.447 > 1/sqrt(6)
    u = prox(np.array([1 / np.sqrt(6), 0.45]), 1e-4, 1e-3, "l0")
    assert u[0] == 0.0 and u[1] == 0.45


def _tl1_cases(seed, n, regime):
    """(x, tau, a) with tau in regime 1 (tau <= a^2/(2(a+1))) or regime 2 of Lemma 5.7."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        a = float(np.exp(rng.uniform(-3, 2)))
        b = a * a / (2 * (a + 1))
        tau = b * float(rng.uniform(0.02, 1.0)) if regime == 1 else b * float(np.exp(rng.uniform(0.01, 3)))
        t = float(tl1_t(tau, a))
        x = float(rng.choice([-1, 1]) * t * np.exp(rng.uniform(-1.5, 1.5)))
        out.append((x, tau, a))
    return out


@pytest.mark.parametrize("regime", [1, 2])
def test_tl1_printed_formula_matches_brute_force(regime):
    """Lemma 5.7 as printed is the exact minimiser at random points of both regimes."""
    with mpmath.workdps(DPS):
        for x, tau, a in _tl1_cases(10 + regime, 12, regime):
            xm, tm, am = mpmath.mpf(x), mpmath.mpf(tau), mpmath.mpf(a)
            y = tl1_threshold(np.array([xm], dtype=object), tm, am)[0]
            ye = tl1_prox_exact(np.array([xm], dtype=object), tm, am)[0]
            check_is_minimiser(y, xm, tm, _tl1(am))
            check_is_minimiser(ye, xm, tm, _tl1(am))
            yf = tl1_threshold(np.array([x]), tau, a)[0]
            assert abs(yf - float(y)) <= 1e-12 * (1 + abs(x))


@pytest.mark.parametrize("regime", [1, 2])
def test_tl1_near_threshold(regime):
    """At |x| = t(1 +- 1e-6) the printed formula still minimises. In regime 2 at |x| = t both
    y = 0 and y = g(x) minimise (a tie: non-unique argmin, any minimiser accepted); in regime 1
    g(t) = 0, so the minimiser is unique and continuous there."""
    with mpmath.workdps(DPS):
        for x0, tau, a in _tl1_cases(20 + regime, 6, regime):
            tm, am = mpmath.mpf(tau), mpmath.mpf(a)
            t = tl1_t(tm, am)
            for s in (-1, 0, 1):
                xm = mpmath.sign(x0) * t * (1 + s * mpmath.mpf(10) ** -6)
                y = tl1_threshold(np.array([xm], dtype=object), tm, am)[0]
                check_is_minimiser(y, xm, tm, _tl1(am), unique=(regime == 1 or s == -1))
            if regime == 2:
                # the tie: f(g(t)) == f(0) to working precision
                g = tl1_prox_exact(np.array([t * (1 + mpmath.mpf(10) ** -25)], dtype=object), tm, am)[0]
                assert g > 0
                ft = (g - t) ** 2 / 2 + tm * (am + 1) * g / (am + g)
                assert abs(ft - t * t / 2) < mpmath.mpf(10) ** -15


def test_tl1_float_vectorised_equals_exact_on_many_points():
    rng = np.random.default_rng(3)
    n = 20000
    a = np.exp(rng.uniform(-4, 3, n))
    tau = np.exp(rng.uniform(-6, 3, n))
    x = rng.uniform(-1, 1, n) * np.exp(rng.uniform(-4, 3, n))
    from proofs.algorithm.thresholds import tl1_objective

    fp = tl1_objective(tl1_threshold(x, tau, a), x, tau, a)
    fe = tl1_objective(tl1_prox_exact(x, tau, a), x, tau, a)
    assert np.all(fp - fe <= 1e-12 * (1 + np.abs(fe)))


def test_penalty_values():
    u = np.array([[0.0, -2.0, 0.5], [0.0, 0.0, 0.0]])
    assert np.allclose(penalty_value(u, "l1"), [2.5, 0.0])
    assert np.allclose(penalty_value(u, "l0"), [2, 0])
    assert np.allclose(penalty_value(u, "tl1", a=1.0), [2 * 2 / 3 + 2 * 0.5 / 1.5, 0.0])
    with mpmath.workdps(DPS):
        um = np.array([mpmath.mpf(-2), mpmath.mpf(0)], dtype=object)
        assert penalty_value(um, "tl1", a=mpmath.mpf(1)) == mpmath.mpf(4) / 3
        assert rho(um, mpmath.mpf(1))[1] == 0
    # Definition 1: rho_a -> |x| as a -> inf, -> 1{x != 0} as a -> 0
    assert abs(rho(np.array([0.3]), 1e9)[0] - 0.3) < 1e-8
    assert abs(rho(np.array([0.3]), 1e-9)[0] - 1.0) < 1e-8


@pytest.mark.parametrize(
    "kwargs, msg",
    [
        (dict(lam=-1.0, beta=1.0, penalty="l1"), "λ < 0"),
        (dict(lam=1.0, beta=0.0, penalty="l1"), "β <= 0"),
        (dict(lam=1.0, beta=1.0, penalty="tl1", a=0.0), "a <= 0"),
        (dict(lam=1.0, beta=1.0, penalty="l2"), "unknown penalty"),
        (dict(lam=float("nan"), beta=1.0, penalty="l1"), "non-finite"),
    ],
)
def test_invalid_parameters_raise(kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        prox(np.array([0.1, 0.2]), **kwargs)
    with pytest.raises(ValueError, match="non-finite"):
        prox(np.array([np.inf]), 1.0, 1.0, "l0")
