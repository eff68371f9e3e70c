"""Samplers of the coarse gradient (eq. 9) and of the loss (eq. 6): naive == projected in
distribution, and both unbiased for the model's E_Z[g] (Lemma 5.3, eq. 17) and f (eq. 6)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import ks_2samp

from proofs.algorithm.sampler import empirical_loss, sample_coarse_gradient
from proofs.model import expected_coarse_gradient, population_loss

K, D, M, N = 4, 6, 8, 3000


def _setting(seed=0):
    rng = np.random.default_rng(seed)
    w = rng.standard_normal(D)
    ws = rng.standard_normal(D)
    ws /= np.linalg.norm(ws)
    return w, ws


def _draws(w, ws, method, reading, seed, n=N):
    rng = np.random.default_rng(seed)
    W = np.broadcast_to(w, (n, D))
    return sample_coarse_gradient(W, ws, K, M, rng, reading=reading, method=method)


@pytest.mark.parametrize("reading", ["entrywise", "scalar"])
def test_naive_and_projected_agree_in_distribution(reading):
    w, ws = _setting()
    a = _draws(w, ws, "naive", reading, 1)
    b = _draws(w, ws, "projected", reading, 2)
    dirs = [w / np.linalg.norm(w), ws, np.random.default_rng(9).standard_normal(D)]
    for v in dirs:
        assert ks_2samp(a @ v, b @ v).pvalue > 1e-3
    assert ks_2samp(np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)).pvalue > 1e-3


def test_two_sample_test_has_power():
    """The same test rejects when the teacher differs (sanity check that the KS test can fail)."""
    w, ws = _setting()
    ws2 = -ws
    a = _draws(w, ws, "naive", "entrywise", 1)
    b = _draws(w, ws2, "projected", "entrywise", 2)
    assert ks_2samp(a @ ws, b @ ws).pvalue < 1e-6


@pytest.mark.parametrize("method", ["naive", "projected"])
@pytest.mark.parametrize("reading", ["entrywise", "scalar"])
def test_unbiased_for_expected_coarse_gradient(method, reading):
    """Mean of the samples within 5 standard errors of E_Z[g] (Lemma 5.3, eq. 17)."""
    w, ws = _setting(3)
    g = _draws(w, ws, method, reading, 5)
    exact = expected_coarse_gradient(w, ws, K)
    se = g.std(axis=0, ddof=1) / np.sqrt(g.shape[0])
    assert np.all(np.abs(g.mean(axis=0) - exact) <= 5 * se)
    assert np.linalg.norm(exact) > 10 * np.max(se)  # the check is not vacuous


def test_parallel_teacher_and_zero_gradient():
    """w || w*: no patch has differing signs, so the entrywise estimate is exactly zero."""
    ws = np.eye(D)[0]
    g = sample_coarse_gradient(2 * ws, ws, K, M, np.random.default_rng(0))
    assert np.all(g == 0)


@pytest.mark.parametrize("method", ["naive", "projected"])
def test_empirical_loss_unbiased(method):
    w, ws = _setting(4)
    rng = np.random.default_rng(6)
    vals = empirical_loss(np.broadcast_to(w, (N, D)), ws, K, M, rng, method=method)
    f = population_loss(w, ws, K, convention="eq6")
    se = vals.std(ddof=1) / np.sqrt(N)
    assert abs(vals.mean() - f) <= 5 * se


@pytest.mark.parametrize(
    "args, msg",
    [
        (dict(w=np.zeros(D)), "w = 0"),
        (dict(w=np.full(D, np.nan)), "non-finite"),
        (dict(w=np.ones(D + 1)), "mismatched shapes"),
        (dict(m=0), "m must be"),
        (dict(reading="both"), "reading"),
    ],
)
def test_invalid_input(args, msg):
    kw = dict(w=np.ones(D), w_star=np.eye(D)[0], k=K, m=M, rng=np.random.default_rng(0))
    kw.update(args)
    with pytest.raises(ValueError, match=msg):
        sample_coarse_gradient(**kw)
