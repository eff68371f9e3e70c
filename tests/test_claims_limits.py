"""Limit-point claims (Lemma 5.6, Theorem 1, Corollary 1.1): the limit machinery and the
encodings. Each test can fail: it checks a number at a known point, not just that code runs."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofs.claims import corollary1_1 as C11
from proofs.claims import lemma5_6 as L56
from proofs.claims import limits as Lm
from proofs.claims import theorem1 as T1
from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.confirm import check_hypotheses, eval_mp
from proofs.engine.decide import decide
from proofs.engine.points import to_mp


def _mp(fn, point, dps=50):  # noqa: ANN001, ANN202
    return eval_mp(fn, point, dps)


def _inside(hyps, point) -> bool:  # noqa: ANN001
    return all(m.holds for m in check_hypotheses(hyps, point))


# ----------------------------------------------------------------------------- the limit


def test_round_point_is_inside_both_hypothesis_sets() -> None:
    assert _inside(Lm.lemma56_hypotheses(), L56.ROUND)
    assert _inside(Lm.theorem1_hypotheses(), L56.ROUND)
    assert _inside(Lm.theorem1_hypotheses(), T1.EQ12)
    assert _inside(Lm.lemma56_hypotheses(), L56.CYCLE)
    # c1 < 0 is allowed by Lemma 5.6 (iii) ...
    assert _inside(Lm.lemma56_hypotheses(), L56.C1_NEGATIVE)
    assert 1 - 5.0 * (1 / (2 * math.pi) + 0.15) < 0
    # ... but the CYCLE point is outside Theorem 1 (eta > 1/(beta + L))
    assert not _inside(Lm.theorem1_hypotheses(), L56.CYCLE)


def test_mp_limit_is_a_fixed_point_near_the_float_limit() -> None:
    B = MpBackend(60)
    with B.context():
        p = to_mp(L56.ROUND)
        L = Lm.limit(p, B)
        assert L.distance < 1e-10
        # one step of Algorithm 1's map (eta = 0.5) from the mp limit returns it
        c2 = mpmath.mpf(1) / (2 * mpmath.pi)
        beta, eta = p["beta"], p["eta"]
        v = c2 * L.w - c2 * L.s + beta * (L.w - L.u)
        wh = L.w - eta * v
        wn = wh / mpmath.sqrt(np.dot(wh, wh))
        assert max(abs(x) for x in wn - L.w) < mpmath.mpf(10) ** -50
        # another eta gives the same fixed point (fixed points do not depend on eta)
        wh2 = L.w - 2 * v
        wn2 = wh2 / mpmath.sqrt(np.dot(wh2, wh2))
        assert max(abs(x) for x in wn2 - L.w) < mpmath.mpf(10) ** -50


def test_float_run_converges_to_the_same_limit_for_two_etas() -> None:
    a = Lm.float_run(L56.ROUND)
    b = Lm.float_run(dict(L56.ROUND, eta=1.5))
    assert a.converged and b.converged
    assert np.linalg.norm(np.array(a.w) - np.array(b.w)) < 1e-12


def test_eq11_slack_negative_at_50_digits_and_eq23_holds() -> None:
    s11 = _mp(Lm.s_eq11, L56.ROUND)
    assert s11 < mpmath.mpf("-5e-4")
    assert abs(_mp(Lm.s_eq11, L56.ROUND, 100) - s11) < mpmath.mpf(10) ** -40
    B = MpBackend(50)
    with B.context():
        p = to_mp(L56.ROUND)
        L = Lm.limit(p, B)
        th, ga = Lm.theta_gamma(L, B)
        r = B.scalar(1) / (2 * B.pi) * B.sin(th) - p["beta"] * Lm.norm_b(L.u, B) * B.sin(ga)
        assert abs(r) < mpmath.mpf(10) ** -40
        assert th > mpmath.mpf("1e-3")  # theta > 0: the chain's '=' is off by a factor 4
        half = B.pi * p["beta"] * Lm.norm_b(L.u, B) * B.sin(ga)  # k = 1
        assert abs(2 * B.sin(th) / half - 4) < mpmath.mpf(10) ** -40
    assert _mp(Lm.s_eq11_fix, L56.ROUND) > 0
    assert _mp(Lm.s_chain, L56.ROUND) < 0
    assert _mp(Lm.s_chain_fix, L56.ROUND) >= 0


def test_eq10_printed_not_parallel_and_eq25_parallel() -> None:
    assert _mp(Lm.s_eq10, L56.ROUND) < mpmath.mpf("-1e-3")
    assert _mp(Lm.s_eq25, L56.ROUND) > 0
    assert _mp(Lm.s_eq10_fix, L56.ROUND) > 0
    C = _mp(Lm.C_eq25, L56.ROUND)
    assert 0 < C < 1


def test_eq12_counterexample_and_fix() -> None:
    assert _mp(Lm.s_eq12, T1.EQ12) < mpmath.mpf("-5e-3")
    assert _mp(Lm.s_eq12_fix, T1.EQ12) > 0


def test_eq21_c1_negative_but_parallel_holds() -> None:
    assert _mp(Lm.s_eq21, L56.C1_NEGATIVE) < mpmath.mpf("-0.5")
    assert _mp(Lm.s_eq21_fix, L56.C1_NEGATIVE) > 0


def test_two_cycle_persists_in_mpmath() -> None:
    fr = Lm.float_run(L56.CYCLE)
    assert not fr.converged and fr.last_step > 1.5
    for dps in (50, 100):
        ev = Lm.cycle_evidence(L56.CYCLE, dps, 1000)
        assert ev is not None and ev[0] > 1.5
    assert _mp(Lm.s_converges, L56.CYCLE) < -1.5
    assert _mp(Lm.s_converges, L56.ROUND) == 1


def test_corollary_l0_drop_point() -> None:
    B = MpBackend(50)
    with B.context():
        L = Lm.limit(to_mp(C11.DROP_L0), B)
        assert L.u[1] == 0 and L.u[0] == L.w[0]  # hard thresholding dropped coordinate 2
    assert _mp(Lm.s_corollary, C11.DROP_L0) < 0
    assert _mp(Lm.s_corollary_fix, C11.DROP_L0) >= 0


# ----------------------------------------------------------------------------- strategies


@pytest.mark.parametrize(
    ("family", "pen", "hyps"),
    [
        ("L5.6", "l1", Lm.lemma56_hypotheses()),
        ("T1", "l1", Lm.theorem1_hypotheses()),
        ("T1", "l0", Lm.theorem1_hypotheses()),
    ],
)
def test_strategy_points_satisfy_hypotheses(family: str, pen: str, hyps) -> None:  # noqa: ANN001
    @settings(max_examples=15, derandomize=True, database=None, deadline=None)
    @given(Lm.run_points(family, (pen,), require_convergence=False))
    def check(p) -> None:  # noqa: ANN001
        for h in hyps:
            m = h.margin(p, FLOAT)
            assert (m > 0) if h.strict else (m >= 0), (h.name, m)

    check()


def test_strategy_reaches_beta_bound() -> None:
    seen = []

    @settings(max_examples=30, derandomize=True, database=None, deadline=None)
    @given(Lm.run_points("L5.6", ("l1",), require_convergence=False))
    def collect(p) -> None:  # noqa: ANN001
        seen.append(Lm.m_beta(p, FLOAT) / p["beta"])

    collect()
    assert min(seen) < 1e-9  # beta at k sin(delta)/(2 pi) to ~1e-12 relative


@given(st.integers(0, 3))
@settings(max_examples=4, deadline=None, database=None)
def test_coefficients_cross_check(i: int) -> None:
    p = dict(L56.ROUND, w0=np.array([math.cos(i), math.sin(i)]))
    assert Lm.float_run(p).converged


# ----------------------------------------------------------------------------- proofs / verdicts


def test_proofs() -> None:
    assert L56.prove_eq23().ok
    assert T1.prove_remark_sign().ok
    assert C11.prove_acute().ok


def test_registered_ids() -> None:
    ids = {c.id for c in L56.CLAIMS + T1.CLAIMS + C11.CLAIMS}
    for i in ("L5.6-convergence", "L5.6-theta-lt-delta", "L5.6-eq11", "L5.6-eq21", "L5.6-eq23",
              "L5.6-eq25", "L5.6-chain", "T1-convergence", "T1-eq10", "T1-eq11", "T1-eq12",
              "T1-remark-sign", "C1.1-l0", "C1.1-tl1", "C1.1-acute"):
        assert i in ids
    by = {c.id: c for c in L56.CLAIMS + T1.CLAIMS + C11.CLAIMS}
    for c in by.values():
        if c.corrects:
            assert by[c.corrects].corrected_by == c.id


@pytest.mark.parametrize("cid", ["L5.6-eq11", "T1-eq12", "L5.6-chain", "L5.6-convergence"])
def test_decide_refutes(cid: str) -> None:
    claim = {c.id: c for c in L56.CLAIMS + T1.CLAIMS}[cid]
    v = decide(claim, "ci")
    assert v.verdict == "refuted", (v.verdict, v.summary, v.error)


def test_best_constants_small() -> None:
    out = Lm.best_constants(samples=20)
    fam = out["family_tau_to_0 (eq11 ratio, C)"]
    r = [float(x[1]) for x in fam]
    assert all(b > a for a, b in zip(r, r[1:], strict=False))  # ratio grows toward 1
    assert 0.5 < r[-1] < 1  # above the printed 1/2, below the corrected 1


# ---- the fast pure-Python loop of limits.py is a twin of proofs.algorithm: pin it there ----


def test_fast_prox_equals_the_reference_thresholding_operators() -> None:
    """limits._prox_vec (pure Python, for speed at small d) == proofs.algorithm.thresholds.prox."""
    from proofs.algorithm.thresholds import prox

    rng = np.random.default_rng(7)
    for _ in range(200):
        d = int(rng.integers(1, 7))
        w = rng.normal(size=d) * rng.choice([0.01, 1.0, 10.0])
        lam, beta = float(rng.uniform(1e-4, 1.0)), float(rng.uniform(1e-3, 1.0))
        for pen in ("l1", "l0"):
            fast = Lm._prox_vec(list(w), lam / beta, pen, 1.0, False)
            ref = prox(w, lam, beta, pen)
            np.testing.assert_array_equal(np.asarray(fast, dtype=float), np.asarray(ref, dtype=float))


@pytest.mark.parametrize("pen", ["l1", "l0"])
def test_fast_float_run_reaches_the_reference_runs_limit(pen: str) -> None:
    """limits.float_run (its own loop) ends where proofs.algorithm.rvscgd.run ends."""
    from proofs.algorithm.rvscgd import RunSpec, run

    point = {"k": 1, "w_star": (0.8, 0.6), "w0": (0.0, 1.0), "lam": 0.001, "beta": 0.15,
             "eta": 0.5, "delta": 1.5, "penalty": pen, "a": 1.0}
    fr = Lm.float_run(point)
    assert fr.converged
    spec = RunSpec(k=1, w_star=(0.8, 0.6), w0=(0.0, 1.0), lam=0.001, beta=0.15, eta=0.5,
                   penalty=pen, T=fr.iterations, tol=0.0)
    np.testing.assert_allclose(run(spec).w[0], fr.w, rtol=0, atol=1e-12)
