"""Bad input gives a ValueError naming the condition; the gradient's kinks give
UndefinedGradientError; the expected coarse gradient is defined at theta = 0 and pi."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from proofs.model import (
    UndefinedGradientError,
    expected_coarse_gradient,
    loss_gradient,
    population_loss,
)

FUNCS = {
    "population_loss": population_loss,
    "loss_gradient": loss_gradient,
    "expected_coarse_gradient": expected_coarse_gradient,
}
W = np.array([0.3, -1.2, 0.7])
S = np.array([1.0, 0.5, -0.2])


def mp(v) -> list:
    return [mpmath.mpf(x) for x in v]


@pytest.fixture(params=sorted(FUNCS))
def fn(request):
    return FUNCS[request.param]


def raises(fn, w, s, k, *fragments):
    with pytest.raises(ValueError) as info:
        fn(w, s, k)
    msg = str(info.value)
    for frag in fragments:
        assert frag in msg, (frag, msg)
    # never the gradient-specific subclass for an input problem
    assert not isinstance(info.value, UndefinedGradientError)
    return msg


# ---- zero vectors ---------------------------------------------------------------------------


def test_zero_w(fn):
    raises(fn, np.zeros(3), S, 2, "zero vector", "w")
    raises(fn, mp([0, 0, 0]), mp(S), 2, "zero vector", "w")


def test_zero_teacher(fn):
    raises(fn, W, np.zeros(3), 2, "zero vector", "w_star")
    raises(fn, mp(W), [mpmath.mpf(0)] * 3, 2, "zero vector", "w_star")


def test_zero_row_in_batch(fn):
    batch = np.stack([W, np.zeros(3), 2 * W])
    raises(fn, batch, S, 2, "zero vector")


# ---- non-finite entries ---------------------------------------------------------------------


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_float(fn, bad):
    w = W.copy()
    w[1] = bad
    raises(fn, w, S, 2, "non-finite")
    s = S.copy()
    s[0] = bad
    raises(fn, W, s, 2, "non-finite", "w_star")


@pytest.mark.parametrize("bad", [mpmath.nan, mpmath.inf, -mpmath.inf])
def test_non_finite_mpmath(fn, bad):
    with mpmath.workdps(50):
        w = mp(W)
        w[2] = bad
        raises(fn, w, mp(S), 2, "non-finite")
        s = mp(S)
        s[1] = bad
        raises(fn, mp(W), s, 2, "non-finite", "w_star")


# ---- shapes ---------------------------------------------------------------------------------


def test_dimension_mismatch(fn):
    raises(fn, W, np.array([1.0, 2.0]), 2, "dimension mismatch")
    raises(fn, mp(W), mp([1.0, 2.0]), 2, "dimension mismatch")
    raises(fn, np.stack([W, W]), np.ones((2, 4)), 2, "dimension mismatch")


def test_batch_size_mismatch(fn):
    raises(fn, np.stack([W, W]), np.stack([S, S, S]), 2, "batch size mismatch")


@pytest.mark.parametrize(
    "bad",
    [np.float64(1.0), np.ones((2, 2, 3)), np.zeros((2, 0)), np.array([])],
    ids=["0-d", "3-d", "d=0 batch", "empty"],
)
def test_wrong_ndim_or_empty(fn, bad):
    raises(fn, bad, S if np.ndim(bad) != 2 else np.ones(bad.shape[-1] or 1), 2, "shape")


def test_non_numeric_vector(fn):
    raises(fn, ["a", "b", "c"], S, 2, "numeric")


# ---- k --------------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [0, -1, 2.5, math.nan, math.inf, "3", None, True])
def test_bad_k(fn, k):
    raises(fn, W, S, k, "k must be")


def test_bad_k_mpmath(fn):
    with mpmath.workdps(30):
        raises(fn, mp(W), mp(S), 0, "k must be")
        raises(fn, mp(W), mp(S), 1.5, "k must be")


def test_batch_of_k(fn):
    raises(fn, np.stack([W, W]), S, np.array([1, 2, 3]), "does not match the batch")
    raises(fn, np.stack([W, W]), S, np.array([1, 0]), "k must be")


def test_bad_convention_and_reading():
    with pytest.raises(ValueError, match="convention"):
        population_loss(W, S, 2, convention="eq5")
    with pytest.raises(ValueError, match="convention"):
        loss_gradient(W, S, 2, convention="eq9")
    with pytest.raises(ValueError, match="reading"):
        expected_coarse_gradient(W, S, 2, reading="vector")


def test_valid_inputs_accepted(fn):
    """The checks are not over-eager: integral float k, lists, batches all work."""
    for k in (1, 3, 3.0, np.int64(4)):
        assert np.all(np.isfinite(fn(W, S, k)))
    assert np.all(np.isfinite(fn(list(W), list(S), 2)))
    assert np.all(np.isfinite(fn(np.stack([W, -W]), S, 2)))


# ---- the kinks of f -------------------------------------------------------------------------


@pytest.mark.parametrize("c", [2.0, -3.0, 1.0, -1.0, 0.5])
@pytest.mark.parametrize("convention", ["eq6", "eq3"])
def test_gradient_undefined_at_theta_0_and_pi(c, convention):
    with pytest.raises(UndefinedGradientError, match="undefined"):
        loss_gradient(c * S, S, 3, convention=convention)
    assert issubclass(UndefinedGradientError, ValueError)


@pytest.mark.parametrize("c", [2, -3])
def test_gradient_undefined_mpmath(c):
    with mpmath.workdps(50):
        s = mp(S)
        with pytest.raises(UndefinedGradientError):
            loss_gradient([c * x for x in s], s, 3)


def test_gradient_undefined_in_a_batch():
    """One parallel row makes the whole batch call raise (no silent NaN/garbage rows)."""
    with pytest.raises(UndefinedGradientError):
        loss_gradient(np.stack([W, 2 * S]), S, 3)


@pytest.mark.parametrize("c", [2.0, -3.0, 0.5, -1.0])
def test_coarse_gradient_defined_at_theta_0_and_pi(c):
    """E_Z[g] = (k/2pi)(w^ - w*^) at every w (the eq. (17) form, derived in the test from
    (G2)-(G3): sqrt(2/pi) k (w^/sqrt(2pi) - (w^ + w*^)/(2 sqrt(2pi))))."""
    k = 3
    w = c * S
    w_hat, s_hat = w / np.linalg.norm(w), S / np.linalg.norm(S)
    expected = k / (2 * np.pi) * (w_hat - s_hat)
    for reading in ("entrywise", "scalar"):
        got = expected_coarse_gradient(w, S, k, reading=reading)
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-15)
    # theta = 0: zero; theta = pi: (k/pi) w^
    if c > 0:
        assert np.max(np.abs(expected_coarse_gradient(w, S, k))) < 1e-15
    else:
        np.testing.assert_allclose(expected_coarse_gradient(w, S, k), k / np.pi * w_hat, atol=1e-15)


@pytest.mark.parametrize("c", [2, -3])
def test_coarse_gradient_defined_at_theta_0_and_pi_mpmath(c):
    k = 5
    with mpmath.workdps(50):
        s = mp(S)
        w = [c * x for x in s]
        ns = mpmath.sqrt(mpmath.fsum(x * x for x in s))
        nw = mpmath.sqrt(mpmath.fsum(x * x for x in w))
        expected = [k / (2 * mpmath.pi) * (a / nw - b / ns) for a, b in zip(w, s, strict=True)]
        for reading in ("entrywise", "scalar"):
            got = expected_coarse_gradient(w, s, k, reading=reading)
            assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) < mpmath.mpf("1e-48")


def test_loss_defined_at_theta_0_and_pi():
    """f = k theta/(2 pi) is continuous: 0 at theta = 0 and k/2 at theta = pi (eq6)."""
    assert population_loss(2 * S, S, 4) == 0
    assert population_loss(-3 * S, S, 4) == pytest.approx(2.0, rel=1e-15)
    assert population_loss(-3 * S, S, 4, convention="eq3") == pytest.approx(4.0, rel=1e-15)


# ---- nearly parallel inputs: the gradient must raise or be accurate (regression test) ----


def test_gradient_nearly_parallel_raises_or_is_accurate():
    s = np.random.default_rng(0).standard_normal(5)
    w = 3.0 * s
    k = 3
    try:
        g = loss_gradient(w, s, k)
    except UndefinedGradientError:
        return
    nw = np.linalg.norm(w)
    assert np.linalg.norm(g) == pytest.approx(k / (2 * np.pi * nw), rel=1e-6)
    assert abs(g @ w) <= 1e-6 * np.linalg.norm(g) * nw
