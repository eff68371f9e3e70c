"""Algorithm 1 (RVSCGD): float batch, plain loop, mpmath replay, hypotheses, stopping."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from proofs.algorithm.hypotheses import check_hypotheses
from proofs.algorithm.rvscgd import RunSpec, replay, run, run_batch, run_loop
from proofs.claims.runs.hypotheses import ALL, H_BETA, H_ETA_L55, H_INIT, H_STEP


def _spec(seed=0, d=8, k=6, penalty="l1", T=40, **kw):
    rng = np.random.default_rng(seed)
    w0 = rng.standard_normal(d)
    ws = rng.standard_normal(d)
    ws /= np.linalg.norm(ws)
    base = dict(k=k, w_star=ws, w0=w0, lam=0.02, beta=0.05, eta=0.05, penalty=penalty, a=1.5, T=T)
    base.update(kw)
    return RunSpec(**base)


@pytest.mark.parametrize("penalty", ["l0", "l1", "tl1"])
def test_iterates_stay_unit_norm(penalty):
    sp = _spec(penalty=penalty, w0=5 * np.arange(1, 9, dtype=float))  # |w0| != 1
    for T in (1, 7, 40):
        tr = run(RunSpec(**{**sp.__dict__, "T": T}))
        assert abs(np.linalg.norm(tr.w[0]) - 1) < 1e-15


def test_one_step_matches_hand_computation_d2():
    """d = 2, k = 4, l1: u = S_{lam/beta}(w0); E g = (k/2pi)(w0/|w0| - w*) (eq. 17)."""
    sp = RunSpec(k=4, w_star=(1.0, 0.0), w0=(0.6, 0.8), lam=0.01, beta=0.5, eta=0.1,
                 penalty="l1", T=1)
    u = np.array([0.6 - 0.02, 0.8 - 0.02])
    g = (2 / math.pi) * np.array([0.6 - 1.0, 0.8])
    w_hat = np.array([0.6, 0.8]) - 0.1 * g - 0.1 * 0.5 * (np.array([0.6, 0.8]) - u)
    expected = w_hat / math.hypot(*w_hat)
    tr = run(sp)
    assert np.allclose(tr.w[0], expected, rtol=0, atol=1e-15)
    assert np.allclose(tr.u[0], u, rtol=0, atol=1e-15)


@pytest.mark.parametrize("penalty", ["l0", "l1", "tl1"])
def test_batched_equals_loop(penalty):
    """B runs with different w*, w0, lam, beta, eta advanced together == one at a time."""
    specs = [_spec(seed=i, penalty=penalty, lam=0.01 * (i + 1), beta=0.02 + 0.01 * i,
                   eta=0.03 + 0.01 * i, T=30) for i in range(5)]
    tr = run_batch(6, np.array([s.w_star for s in specs]), np.array([s.w0 for s in specs]),
                   [s.lam for s in specs], [s.beta for s in specs], [s.eta for s in specs],
                   penalty=penalty, a=1.5, T=30)
    for i, sp in enumerate(specs):
        single = run(sp)
        assert np.array_equal(tr.w[i], single.w[0])  # same operations, bit for bit
        assert np.allclose(tr.w[i], run_loop(sp), rtol=0, atol=1e-13)  # plain public-API loop
        assert np.allclose(tr.records["theta_w"][:, i], single.records["theta_w"][:, 0])


@pytest.mark.parametrize("penalty", ["l1", "tl1", "l0"])
def test_float_run_equals_50_digit_replay(penalty):
    sp = _spec(seed=3, penalty=penalty, T=25)
    tr = run(sp)
    mp = replay(sp, dps=50)
    assert mp.iterations == 25 and len(mp.w) == 26
    w_mp = np.array([float(x) for x in mp.w[-1]])
    assert np.max(np.abs(w_mp - tr.w[0])) < 1e-12
    for key in ("theta_w", "lagrangian", "step_cond", "step_norm"):
        f = tr.records[key][:, 0]
        m = np.array([float(x) for x in mp.records[key][: len(f)]])
        assert np.allclose(f, m, rtol=1e-10, atol=1e-13), key
    with mpmath.workdps(50):
        assert abs(mpmath.fsum(x * x for x in mp.w[-1]) - 1) < mpmath.mpf(10) ** -45


@pytest.mark.parametrize(
    "change, msg",
    [
        (dict(eta=0.0), "η <= 0"),
        (dict(beta=-1.0), "β <= 0"),
        (dict(lam=-1e-3), "λ < 0"),
        (dict(penalty="tl1", a=0.0), "a <= 0"),
        (dict(w0=np.zeros(8)), "w⁰ = 0"),
        (dict(w0=np.full(8, np.inf)), "non-finite"),
        (dict(lam=float("nan")), "non-finite"),
        (dict(w0=np.ones(7)), "mismatched shapes"),
        (dict(penalty="scad"), "unknown penalty"),
    ],
)
def test_invalid_parameters_raise(change, msg):
    with pytest.raises(ValueError, match=msg):
        _spec(**change)
    with pytest.raises(ValueError, match="mismatched shapes"):
        run_batch(6, np.eye(8)[0], np.ones((3, 8)), [0.1, 0.2], 0.1, 0.1)


def test_check_hypotheses_flags_violated_beta_bound():
    ws = np.eye(8)[0]
    w0 = -ws + 0.01 * np.eye(8)[1]  # theta(w0, w*) close to pi: delta ~ 0.01
    sp = _spec(w_star=ws, w0=w0, beta=0.05, T=20)
    rep = check_hypotheses(sp)
    chk = rep.by_name()[H_BETA.name]
    assert chk.holds is False and chk.value == 0.05
    assert chk.bound == pytest.approx(6 * math.sin(rep.delta) / (2 * math.pi))
    assert chk.source == H_BETA.source and "Theorem 1 (ii)" in chk.source
    assert H_BETA.name in rep.failed()
    ok = check_hypotheses(_spec(seed=1, beta=1e-3, lam=1e-3, eta=1e-2, T=20))
    assert ok.by_name()[H_BETA.name].holds
    assert ok.by_name()[H_ETA_L55.name].holds
    # the report is the claims' definitions, each once (one hypothesis per name)
    assert [c.name for c in ok.checks] == [h.name for h in ALL if h is not H_INIT]


def test_check_hypotheses_flags_lambda_zero_and_a_large_step():
    """Section 3's lambda > 0 and Theorem 1's step condition (read off the trajectory)."""
    rep = check_hypotheses(_spec(seed=2, lam=0.0, eta=50.0, T=10))
    assert "lambda > 0" in rep.failed()
    assert H_STEP.name in rep.failed() and rep.by_name()[H_STEP.name].value > 0.5


def test_stopping_tolerance_and_freezing():
    tol = 1e-7
    specs = [_spec(seed=i, eta=0.02 * (i + 1), T=20000, tol=tol) for i in range(3)]
    tr = run_batch(6, np.array([s.w_star for s in specs]), np.array([s.w0 for s in specs]),
                   0.02, 0.05, [s.eta for s in specs], penalty="l1", T=20000, tol=tol, stride=50)
    assert tr.converged.all() and np.all(tr.iterations < 20000)
    assert len(set(tr.iterations.tolist())) == 3  # runs finish at different times and freeze
    for i, sp in enumerate(specs):
        n = int(tr.iterations[i])
        assert tr.last_step[i] <= tol
        single = run(sp)
        assert single.iterations[0] == n and np.array_equal(single.w[0], tr.w[i])
        before = run(RunSpec(**{**sp.__dict__, "T": n - 1, "tol": 0.0}))
        assert before.last_step[0] > tol  # it stopped at the first step below tol


def test_sampled_gradient_is_replayable_with_seed():
    sp = _spec(gradient="sampled", m=16, seed=4, T=30)
    a, b = run(sp), run(sp)
    assert np.array_equal(a.w, b.w)
    c = run(RunSpec(**{**sp.__dict__, "seed": 5}))
    assert not np.array_equal(a.w, c.w)
