"""The fast single-run path (proofs.algorithm.single) and the fixed-point solver
(proofs.algorithm.fixed_point): the same iterates as rvscgd.update / replay, the same u-update
as thresholds.prox, and fixed points that Algorithm 1's map leaves in place."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from proofs.algorithm.fixed_point import FixedPointError, fixed_point
from proofs.algorithm.rvscgd import RunSpec, iterates, replay, run, update
from proofs.algorithm.single import run_single, u_update
from proofs.algorithm.thresholds import prox


def _spec(seed: int, penalty: str, T: int = 15, d: int | None = None, **kw) -> RunSpec:
    rng = np.random.default_rng(seed)
    d = d or int(rng.integers(2, 7))
    s = rng.normal(size=d)
    base = dict(k=int(rng.integers(1, 20)), w_star=s / np.linalg.norm(s), w0=rng.normal(size=d),
                lam=float(rng.uniform(0.001, 0.3)), beta=float(rng.uniform(0.01, 1)),
                eta=float(rng.uniform(0.01, 2)), penalty=penalty, a=1.3, T=T, exact_tl1=True)
    base.update(kw)
    return RunSpec(**base)


def _by_update(spec: RunSpec, steps: int) -> list[np.ndarray]:
    """Algorithm 1 by rvscgd.update and thresholds.prox, one step at a time (float64)."""
    w, s, out = np.array(spec.w0), np.array(spec.w_star), []
    for _ in range(steps):
        u = prox(w, spec.lam, spec.beta, spec.penalty, spec.a, exact_tl1=spec.exact_tl1)
        w_hat, _v = update(w, s, spec.k, u, spec.beta, spec.eta)
        w = w_hat / np.linalg.norm(w_hat)
        out.append(w)
    return out


#: the two paths sum in different orders (Python sums vs numpy's dot and norm, whose summation
#: order depends on the numpy build), so iterates differ by ulps; soft and hard thresholding are
#: 1-Lipschitz and keep them there, the exact Tl1 prox is steep just above its threshold (its
#: slope 1/(1 - 2 lam a (a+1)/(a+y)^3) is large there) and can amplify them (1.3e-13 seen with
#: numpy 2.4: seed 3, 15 steps). A slip in either path moves iterates by far more.
ITERATE_AGREEMENT = {"l1": 1e-14, "l0": 1e-14, "tl1": 1e-11}


@pytest.mark.parametrize("penalty", ["l1", "l0", "tl1"])
def test_fast_path_gives_the_iterates_of_update(penalty: str) -> None:
    for seed in range(40):
        spec = _spec(seed, penalty)
        r = run_single(spec, record=True)
        assert r.ws is not None and r.iterations == spec.T
        ref = _by_update(spec, r.iterations)
        worst = max(float(np.max(np.abs(np.array(a) - b))) for a, b in zip(r.ws[1:], ref, strict=True))
        assert worst <= ITERATE_AGREEMENT[penalty], (seed, worst)


def test_fast_path_at_50_digits_is_the_replay() -> None:
    spec = _spec(3, "l1", T=12)
    r = run_single(spec, dps=50, record=True)
    mp = replay(spec, dps=50)
    assert r.ws is not None and len(r.ws) == len(mp.w)
    with mpmath.workdps(60):
        diff = max(abs(a - b) for w1, w2 in zip(r.ws, mp.w, strict=True) for a, b in zip(w1, w2, strict=True))
        assert diff < mpmath.mpf(10) ** -45
        assert abs(r.step_cond_max - max(mp.records["step_cond"])) < mpmath.mpf(10) ** -45


def test_iterates_and_stopping_agree_with_the_batched_run() -> None:
    spec = _spec(5, "l1", T=20000, tol=1e-9, d=3, eta=0.3)
    r = run_single(spec)
    tr = run(spec, progress=False)
    assert r.converged and tr.converged[0] and r.iterations == tr.iterations[0]
    np.testing.assert_allclose(r.w, tr.w[0], rtol=0, atol=1e-13)
    ws, us, min_hat = iterates(RunSpec(**{**spec.__dict__, "T": 5, "tol": 0.0}))
    assert len(ws) == 6 and min_hat > 0
    np.testing.assert_array_equal(ws[-1], np.array(run_single(RunSpec(**{**spec.__dict__, "T": 5, "tol": 0.0})).w))


def test_leaving_the_domain_is_reported() -> None:
    """w0 = w* = e1, lam/beta >= 1 (u = 0) and eta beta = 1 with E g(e1) = 0: w^ = 0 exactly."""
    spec = RunSpec(k=1, w_star=(1.0, 0.0), w0=(1.0, 0.0), lam=2.0, beta=1.0, eta=1.0, penalty="l1", T=3)
    r = run_single(spec)
    assert r.min_hat == 0 and r.iterations == 0
    assert iterates(spec)[2] == 0


@pytest.mark.parametrize("penalty", ["l1", "l0", "tl1"])
def test_list_u_update_equals_prox(penalty: str) -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        d = int(rng.integers(1, 7))
        w = rng.normal(size=d) * rng.choice([0.01, 1.0, 10.0])
        lam, beta = float(rng.uniform(1e-4, 1.0)), float(rng.uniform(1e-3, 1.0))
        fast = u_update(list(w), lam / beta, penalty, 1.5)
        ref = prox(w, lam, beta, penalty, 1.5, exact_tl1=True)
        np.testing.assert_array_equal(np.asarray(fast, dtype=float), np.asarray(ref, dtype=float))
    with mpmath.workdps(50):
        w = [mpmath.mpf(x) for x in (0.3, -0.05, 1.2)]
        fast = u_update(w, mpmath.mpf("0.1"), penalty, mpmath.mpf("1.5"))
        ref = prox(np.array(w, dtype=object), mpmath.mpf("0.1"), mpmath.mpf(1), penalty,
                   mpmath.mpf("1.5"), exact_tl1=True)
        assert all(a == b for a, b in zip(fast, ref, strict=True))


@pytest.mark.parametrize("penalty", ["l1", "l0", "tl1"])
def test_fixed_point_is_left_in_place_by_the_map(penalty: str) -> None:
    spec = RunSpec(k=1, w_star=(0.96, 0.28), w0=(0.0, 1.0), lam=0.01, beta=0.15, eta=0.5,
                   penalty=penalty, T=40000, tol=1e-14, exact_tl1=True)
    r = run_single(spec)
    assert r.converged
    for dps in (None, 50):
        fp = fixed_point(spec, r.w, dps)
        assert fp.distance < 1e-10
        # one step of update() from the fixed point returns it (for any eta)
        with mpmath.workdps(dps or 15):
            for eta in (spec.eta, 2.0):
                u = prox(fp.w, spec.lam if dps is None else mpmath.mpf(spec.lam),
                         spec.beta if dps is None else mpmath.mpf(spec.beta), penalty, 1.0 if dps is None else mpmath.mpf(1), exact_tl1=True)
                w_hat, _ = update(fp.w, fp.s, 1, u, fp.s[0] * 0 + spec.beta, fp.s[0] * 0 + eta)
                w_next = w_hat / mpmath.sqrt(np.dot(w_hat, w_hat)) if dps else w_hat / np.linalg.norm(w_hat)
                tol = mpmath.mpf(10) ** -45 if dps else 1e-14
                assert max(abs(x) for x in w_next - fp.w) < tol
        assert abs(fp.c2 - 1 / (2 * math.pi)) < 1e-15


def test_fixed_point_far_from_the_float_limit_is_refused() -> None:
    spec = RunSpec(k=1, w_star=(0.8, 0.6), w0=(0.0, 1.0), lam=0.001, beta=0.15, eta=0.5,
                   penalty="l1", T=40000, tol=1e-14)
    w = run_single(spec).w
    far = (w[0] + 1e-3, w[1] - 1e-3)
    with pytest.raises(FixedPointError, match="from the float limit"):
        fixed_point(spec, far, None, match=1e-9)
