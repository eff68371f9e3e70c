"""Float64 against mpmath, batched against row-by-row, and 50 against 100 digits.

Where the model is well conditioned (theta in [0.1, pi - 0.1], moderate norms) the float64 results
must agree with 50-digit mpmath results to ~1e-12 relative; a (B, d) batch must give the rows'
results; and the mpmath results at 50 and at 100 digits must agree to 1e-45 (the 50-digit result
carries no more error than its working precision allows).
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

from proofs.model import angle, expected_coarse_gradient, loss_gradient, population_loss

FUNCS = {
    "loss eq6": lambda w, s, k: population_loss(w, s, k, convention="eq6"),
    "loss eq3": lambda w, s, k: population_loss(w, s, k, convention="eq3"),
    "grad eq6": lambda w, s, k: loss_gradient(w, s, k, convention="eq6"),
    "grad eq3": lambda w, s, k: loss_gradient(w, s, k, convention="eq3"),
    "coarse entrywise": lambda w, s, k: expected_coarse_gradient(w, s, k, reading="entrywise"),
    "coarse scalar": lambda w, s, k: expected_coarse_gradient(w, s, k, reading="scalar"),
}


def well_conditioned_batch(seed: int, B: int, d: int):
    """(W, S) float64 batches, theta in [0.1, pi - 0.1] row-wise, norms in [0.1, 10]."""
    rng = np.random.default_rng(seed)
    W, S = [], []
    while len(W) < B:
        w = rng.standard_normal(d)
        s = rng.standard_normal(d)
        w *= 10 ** rng.uniform(-1, 1) / np.linalg.norm(w)
        s *= 10 ** rng.uniform(-1, 1) / np.linalg.norm(s)
        if 0.1 <= angle(w, s) <= np.pi - 0.1:
            W.append(w)
            S.append(s)
    return np.array(W), np.array(S)


def to_mp(x: np.ndarray) -> list:
    """Exact mpf copy of a float64 vector."""
    return [mpmath.mpf(float(v)) for v in x]


def mp_rel_err(a, b) -> mpmath.mpf:
    """max-norm relative difference of two scalars or vectors of mpf/float."""
    a = list(np.atleast_1d(np.asarray(a, dtype=object)))
    b = list(np.atleast_1d(np.asarray(b, dtype=object)))
    num = max(abs(mpmath.mpf(x) - mpmath.mpf(y)) for x, y in zip(a, b, strict=True))
    den = max(abs(mpmath.mpf(y)) for y in b)
    return num / den


CASES = [(21, 12, 2, 1), (22, 12, 3, 4), (23, 12, 7, 20)]  # (seed, B, d, k)


@pytest.fixture(params=[(n, *c) for n in sorted(FUNCS) for c in CASES],
                ids=lambda p: f"{p[0]}-{p[1]}")
def case(request):
    """(function, W, S, k, B) for every model function and batch case."""
    name, seed, B, d, k = request.param
    W, S = well_conditioned_batch(seed, B, d)
    return FUNCS[name], W, S, k, B


def test_float64_matches_mpmath(case):
    fn, W, S, k, B = case
    got = fn(W, S, k)
    assert got.dtype == np.float64
    with mpmath.workdps(50):
        for i in range(B):
            ref = fn(to_mp(W[i]), to_mp(S[i]), k)
            assert mp_rel_err(got[i], ref) < 1e-12, (fn.__name__, i)


def test_float_vs_mp_check_has_power():
    """A float64 result perturbed by 1e-10 relative would fail the 1e-12 check."""
    W, S = well_conditioned_batch(24, 1, 3)
    got = population_loss(W[0], S[0], 3) * (1 + 1e-10)
    with mpmath.workdps(50):
        assert mp_rel_err(got, population_loss(to_mp(W[0]), to_mp(S[0]), 3)) > 1e-12


def test_batched_equals_row_by_row_float64(case):
    fn, W, S, k, B = case
    batched = fn(W, S, k)
    assert batched.shape[0] == B
    rows = np.array([fn(W[i], S[i], k) for i in range(B)])
    np.testing.assert_allclose(batched, rows, rtol=1e-14, atol=0)
    # broadcasting a single teacher over the batch
    single = fn(W, S[0], k)
    np.testing.assert_allclose(single, np.array([fn(W[i], S[0], k) for i in range(B)]), rtol=1e-14)
    # a batch of k, one per row
    ks = np.arange(1, B + 1)
    np.testing.assert_allclose(
        fn(W, S, ks), np.array([fn(W[i], S[i], int(ks[i])) for i in range(B)]), rtol=1e-14
    )


@pytest.mark.parametrize("name", sorted(FUNCS))
def test_batched_equals_row_by_row_mpmath(name):
    fn = FUNCS[name]
    W, S = well_conditioned_batch(25, 4, 3)
    with mpmath.workdps(50):
        Wm = np.array([to_mp(w) for w in W], dtype=object)
        Sm = np.array([to_mp(s) for s in S], dtype=object)
        batched = fn(Wm, Sm, 5)
        for i in range(4):
            row = fn(list(Wm[i]), list(Sm[i]), 5)
            assert mp_rel_err(batched[i], row) < mpmath.mpf("1e-48"), (name, i)


@pytest.mark.parametrize("name", sorted(FUNCS))
@pytest.mark.parametrize(("seed", "B", "d", "k"), CASES)
def test_50_digits_agree_with_100_digits(name, seed, B, d, k):
    fn = FUNCS[name]
    W, S = well_conditioned_batch(seed, B, d)
    for i in range(0, B, 3):
        with mpmath.workdps(50):
            lo = fn(to_mp(W[i]), to_mp(S[i]), k)
        with mpmath.workdps(100):
            hi = fn(to_mp(W[i]), to_mp(S[i]), k)
            assert mp_rel_err(lo, hi) < mpmath.mpf("1e-45"), (name, i)


def test_mp_precision_follows_current_dps():
    """The mpmath result is computed at the current mp.dps: at 100 digits the loss kt/(2 pi) of
    an exact angle (w = (1, 1), w* = (1, 0): theta = pi/4) matches k/8 to 1e-95."""
    with mpmath.workdps(100):
        f = population_loss([mpmath.mpf(1), mpmath.mpf(1)], [mpmath.mpf(1), mpmath.mpf(0)], 3)
        assert isinstance(f, mpmath.mpf)
        # independent value: theta = pi/4, f = k theta/(2 pi) (paper, proof of Lemma 5.3)
        assert abs(f - mpmath.mpf(3) / 8) < mpmath.mpf("1e-95")
