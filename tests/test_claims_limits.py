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
from proofs.claims import theorem1 as T1
from proofs.claims.runs import conclusions as C
from proofs.claims.runs import limit
from proofs.claims.runs.conclusions import K_EQ11, K_EQ11_FIX
from proofs.claims.runs.hypotheses import H_BETA, LEMMA56, THEOREM1, at_limit
from proofs.claims.runs.strategies import limit_points
from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.confirm import check_hypotheses, eval_mp
from proofs.engine.decide import decide
from proofs.engine.points import to_mp

L56_HYPS, T1_HYPS = at_limit(LEMMA56), at_limit(THEOREM1)
BY_ID = {c.id: c for c in L56.CLAIMS + T1.CLAIMS + C11.CLAIMS}


def _mp(fn, point, dps=50):  # noqa: ANN001, ANN202
    return eval_mp(fn, point, dps)


def _claim_mp(cid: str, point: dict, dps: int = 50):  # noqa: ANN202
    return eval_mp(BY_ID[cid].evaluate, point, dps)


def _inside(hyps, point) -> bool:  # noqa: ANN001
    return all(m.holds for m in check_hypotheses(hyps, point))


# ----------------------------------------------------------------------------- the limit


def test_round_point_is_inside_both_hypothesis_sets() -> None:
    assert _inside(L56_HYPS, L56.ROUND)
    assert _inside(T1_HYPS, L56.ROUND)
    assert _inside(T1_HYPS, T1.EQ12)
    assert _inside(L56_HYPS, L56.CYCLE)
    # c1 < 0 is allowed by Lemma 5.6 (iii) ...
    assert _inside(L56_HYPS, L56.C1_NEGATIVE)
    assert 1 - 5.0 * (1 / (2 * math.pi) + 0.15) < 0
    # ... but the CYCLE point is outside Theorem 1 (eta > 1/(beta + L))
    assert not _inside(T1_HYPS, L56.CYCLE)


def test_mp_limit_is_a_fixed_point_near_the_float_limit() -> None:
    B = MpBackend(60)
    with B.context():
        p = to_mp(L56.ROUND)
        L = limit.limit(p, B)
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
    a = limit.float_run(L56.ROUND)
    b = limit.float_run(dict(L56.ROUND, eta=1.5))
    assert a.converged and b.converged
    assert np.linalg.norm(np.array(a.w) - np.array(b.w)) < 1e-12


def test_eq11_slack_negative_at_50_digits_and_eq23_holds() -> None:
    s11 = _claim_mp("L5.6-eq11", L56.ROUND)
    assert s11 < mpmath.mpf("-5e-4")
    assert abs(_claim_mp("L5.6-eq11", L56.ROUND, 100) - s11) < mpmath.mpf(10) ** -40
    B = MpBackend(50)
    with B.context():
        p = to_mp(L56.ROUND)
        L = limit.limit(p, B)
        th, ga = limit.theta_gamma(L, B)
        r = B.scalar(1) / (2 * B.pi) * B.sin(th) - p["beta"] * limit.norm_b(L.u, B) * B.sin(ga)
        assert abs(r) < mpmath.mpf(10) ** -40
        assert th > mpmath.mpf("1e-3")  # theta > 0: the chain's '=' is off by a factor 4
        half = B.pi * p["beta"] * limit.norm_b(L.u, B) * B.sin(ga)  # k = 1
        assert abs(2 * B.sin(th) / half - 4) < mpmath.mpf(10) ** -40
    assert _claim_mp("L5.6-eq11+fix", L56.ROUND) > 0
    assert _claim_mp("L5.6-chain", L56.ROUND) < 0
    assert _claim_mp("L5.6-chain+fix", L56.ROUND) >= 0


def test_eq10_printed_not_parallel_and_eq25_parallel() -> None:
    assert _claim_mp("T1-eq10", L56.ROUND) < mpmath.mpf("-1e-3")
    assert _claim_mp("L5.6-eq25", L56.ROUND) > 0
    assert _claim_mp("T1-eq10+fix", L56.ROUND) > 0
    C_ = _mp(lambda p, B: C.eq25_parts(p, B)[0], L56.ROUND)
    assert 0 < C_ < 1


def test_eq12_counterexample_and_fix() -> None:
    assert _claim_mp("T1-eq12", T1.EQ12) < mpmath.mpf("-5e-3")
    assert _claim_mp("T1-eq12+fix", T1.EQ12) > 0


def test_eq21_c1_negative_but_parallel_holds() -> None:
    assert _claim_mp("L5.6-eq21", L56.C1_NEGATIVE) < mpmath.mpf("-0.5")
    assert _claim_mp("L5.6-eq21+fix", L56.C1_NEGATIVE) > 0


def test_two_cycle_persists_in_mpmath() -> None:
    fr = limit.float_run(L56.CYCLE)
    assert not fr.converged and fr.last_step > 1.5
    for dps in (50, 100):
        ev = limit.cycle_evidence(L56.CYCLE, dps, 1000)
        assert ev is not None and ev[0] > 1.5
    assert _mp(C.converges, L56.CYCLE) < -1.5
    assert _mp(C.converges, L56.ROUND) == 1


def test_corollary_l0_drop_point() -> None:
    B = MpBackend(50)
    with B.context():
        L = limit.limit(to_mp(C11.DROP_L0), B)
        assert L.u[1] == 0 and L.u[0] == L.w[0]  # hard thresholding dropped coordinate 2
    assert _claim_mp("C1.1-l0", C11.DROP_L0) < 0
    assert _claim_mp("C1.1-l0+fix", C11.DROP_L0) >= 0


def test_fixed_constants_are_the_corrected_ones_with_the_printed_ones_kept() -> None:
    """The +fix claims of (11), (12) change only the constant K (printed (1/2) sin(delta))."""
    for cid in ("L5.6-eq11+fix", "T1-eq11+fix", "T1-eq12+fix"):
        k = BY_ID[cid].constant("K")
        assert k.expr == K_EQ11_FIX and k.printed == K_EQ11.expr
        assert BY_ID[cid].slack is BY_ID[BY_ID[cid].corrects].slack  # type: ignore[index]
    # at beta = k sin(delta)/(2 pi) the corrected K equals sin(delta): twice the printed one
    p = dict(L56.ROUND, beta=math.sin(1.5) / (2 * math.pi))
    fix = BY_ID["L5.6-eq11+fix"].constants_at(p, FLOAT).K
    assert fix == pytest.approx(2 * BY_ID["L5.6-eq11"].constants_at(p, FLOAT).K)


# ----------------------------------------------------------------------------- strategies


@pytest.mark.parametrize(
    ("family", "pen", "hyps"),
    [("L5.6", "l1", L56_HYPS), ("T1", "l1", T1_HYPS), ("T1", "l0", T1_HYPS)],
)
def test_strategy_points_satisfy_hypotheses(family: str, pen: str, hyps) -> None:  # noqa: ANN001
    @settings(max_examples=15, derandomize=True, database=None, deadline=None)
    @given(limit_points(family, (pen,), require_convergence=False))
    def check(p) -> None:  # noqa: ANN001
        for h in hyps:
            m = h.margin(p, FLOAT)
            assert (m > 0) if h.strict else (m >= 0), (h.name, m)

    check()


def test_strategy_reaches_beta_bound() -> None:
    seen = []

    @settings(max_examples=30, derandomize=True, database=None, deadline=None)
    @given(limit_points("L5.6", ("l1",), require_convergence=False))
    def collect(p) -> None:  # noqa: ANN001
        seen.append(H_BETA.margin(p, FLOAT) / p["beta"])

    collect()
    assert min(seen) < 1e-9  # beta at k sin(delta)/(2 pi) to ~1e-12 relative


@given(st.integers(0, 3))
@settings(max_examples=4, deadline=None, database=None)
def test_runs_from_several_starts_converge(i: int) -> None:
    p = dict(L56.ROUND, w0=np.array([math.cos(i), math.sin(i)]))
    assert limit.float_run(p).converged


# ----------------------------------------------------------------------------- proofs / verdicts


def test_proofs() -> None:
    assert L56.prove_eq23().ok
    assert T1.prove_remark_sign().ok
    assert BY_ID["C1.1-acute"].prove().machine_checked


def test_registered_ids() -> None:
    for i in ("L5.6-convergence", "L5.6-theta-lt-delta", "L5.6-eq11", "L5.6-eq21", "L5.6-eq23",
              "L5.6-eq25", "L5.6-chain", "T1-convergence", "T1-eq10", "T1-eq11", "T1-eq12",
              "T1-remark-sign", "C1.1-l0", "C1.1-tl1", "C1.1-acute"):
        assert i in BY_ID


@pytest.mark.parametrize("cid", ["L5.6-eq11", "T1-eq12", "L5.6-chain", "L5.6-convergence"])
def test_decide_refutes(cid: str) -> None:
    v = decide(BY_ID[cid], "ci")
    assert v.verdict == "refuted", (v.verdict, v.summary, v.error)


def test_theorem1_hypotheses_are_one_definition_for_trajectory_and_limit_claims() -> None:
    """Theorem 1's hypotheses are the same objects in its trajectory and limit claims (and in
    Corollary 1.1); (i)-(ii) are Lemma 5.4's; lambda > 0 (Section 3) everywhere."""
    from proofs.claims import lemma5_4, lemma5_5
    from proofs.claims.runs import hypotheses as H

    claims = {c.id: c for m in (lemma5_4, lemma5_5, L56, T1, C11) for c in m.CLAIMS}
    for cid in ("T1-descent", "T1-eq11", "T1-convergence", "C1.1-l0", "C1.1-tl1"):
        hyps = claims[cid].hypotheses
        assert all(any(h is g for g in hyps) for h in (*H.SETTING, *H.THEOREM1)), cid
    for cid in ("L5.4-angle-descent", "L5.6-eq11", "T1-eq12"):
        assert any(h is H.H_BETA for h in claims[cid].hypotheses), cid
    lams = {h.name for c in claims.values() for h in c.hypotheses if "lambda" in h.name and ">" in h.name}
    assert lams == {"lambda > 0"}


@pytest.mark.parametrize("penalty", ["l1", "l0", "tl1"])
def test_an_exact_float_2_cycle_is_not_run_out_to_the_cap_and_gives_the_same_run(penalty: str) -> None:
    """CYCLE's float run becomes exactly 2-periodic within the probe: the shortcut's result is the
    full 40000-iteration run's, field by field; a converging run is the probe itself."""
    from dataclasses import replace

    from proofs.algorithm.single import run_single
    from proofs.claims.runs.points import key, spec_of_key

    for point, converges in ((dict(L56.CYCLE, penalty=penalty), False), (dict(L56.ROUND, penalty=penalty), True)):
        spec = spec_of_key(key(point))
        full = run_single(spec, step_cond_from=limit.MP_STEP_ITERS)
        assert full.converged is converges
        assert limit._run_to_cap(spec) == full
    probe = run_single(replace(spec_of_key(key(dict(L56.CYCLE, penalty=penalty))), T=limit.PROBE), record=True)
    assert probe.ws is not None and probe.ws[-1] == probe.ws[-3] and probe.ws[-1] != probe.ws[-2]
