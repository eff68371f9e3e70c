"""Trajectory claims: Lemma 5.4, Lemma 5.5 and the trajectory parts of Theorem 1.

* the helpers: the float iterates agree with ``run`` (theta, Lagrangian, step condition, w^T);
  the mpmath path is the same run (replay);
* the strategies' points satisfy every hypothesis of the claims that use them (float64 and, for
  a sample, 50 digits), and reach the edges (w0 = w*, beta at its bound, u = 0);
* the known counterexamples, computed independently by hand: at w0 = w* = (1,2)/sqrt 5 the angle
  rises (slack < 0 in float64 and at 50 digits, confirmed), the Lagrangian rises at t = 1, and at
  w0 = w* = e1 theta(-w^0, w^1) = pi exactly;
* the fixes hold on sampled runs; the Remark's family ratio grows;
* the engine's verdicts (ci profile).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from proofs.claims import lemma5_4, lemma5_5, theorem1
from proofs.claims.runs import hypotheses as H
from proofs.claims.runs import trajectory as tj
from proofs.claims.runs.points import run_point, spec_of
from proofs.claims.runs.strategies import horizon_points
from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.confirm import confirm, eval_mp
from proofs.engine.decide import decide

TRAJECTORY_T1 = ("T1-descent", "T1-descent+fix", "T1-remark-step", "T1-remark-step@per-run",
                 "T1-remark-step+fix")
CLAIMS = {c.id: c for m in (lemma5_4, lemma5_5, theorem1) for c in m.CLAIMS
          if m is not theorem1 or c.id in TRAJECTORY_T1}
S5 = [1 / math.sqrt(5), 2 / math.sqrt(5)]
#: the shrunk counterexample of L5.4-angle-descent: k = 1, delta = pi/2, beta = 0.1, lambda = 0.01
P_ANGLE = run_point(S5, S5, k=1, lam=0.01, beta=0.1, eta=0.1, T=1, delta=math.pi / 2)
P_LAG = run_point(S5, S5, k=1, lam=0.01, beta=0.1, eta=0.1, T=2)
P_E1 = run_point([1.0, 0.0], [1.0, 0.0], k=1, lam=0.01, beta=0.1, eta=0.1, T=1, delta=math.pi / 2)


def check_point(p: dict, hyps: tuple) -> list[str]:
    """Names of the hypotheses that fail at ``p`` in float64."""
    bad = []
    for h in hyps:
        m = float(h.margin(p, FLOAT))
        if not ((m > 0) if h.strict else (m >= 0)):
            bad.append(h.name)
    return bad

_SETTINGS = settings(
    max_examples=25, derandomize=True, database=None, deadline=None,
    suppress_health_check=list(HealthCheck),
)


def _soft(x: np.ndarray, tau: float) -> np.ndarray:
    return np.sign(x) * np.maximum(np.abs(x) - tau, 0.0)


def _hand_step(w: np.ndarray, s: np.ndarray, k: int, lam: float, beta: float, eta: float) -> tuple:
    """One iteration of Algorithm 1 written out (E g = (k/2pi)(w - w*) on the sphere)."""
    u = _soft(w, lam / beta)
    g = k / (2 * math.pi) * (w - s)
    w_hat = w - eta * g - eta * beta * (w - u)
    return w_hat / np.linalg.norm(w_hat), u


def _theta(a: np.ndarray, b: np.ndarray) -> float:
    return math.acos(max(-1.0, min(1.0, float(np.dot(a, b) / np.linalg.norm(a) / np.linalg.norm(b)))))


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
@_SETTINGS
@given(horizon_points(lemma54=False, max_T=6))
def test_float_iterates_agree_with_run(p: dict) -> None:
    """Same iterates as ``run`` up to rounding (run's fast path rounds differently, so a run that
    reaches an exact fixed point may stop earlier in one of the two: the extra steps are then
    (near-)zero steps)."""
    ws, us = tj.iterates(p, FLOAT)
    path = tj.path(p, FLOAT)
    n = min(len(ws), len(path.theta))
    assert all(np.linalg.norm(w - ws[n - 1]) < 1e-12 for w in ws[n:])
    assert all(abs(th - path.theta[n - 1]) < 1e-12 for th in path.theta[n:])
    from proofs.algorithm.rvscgd import run

    tr = run(spec_of(p), progress=False)
    assert np.allclose(ws[-1], tr.w[0], atol=1e-9)
    assert len(ws) == len(path.theta) or min(path.step_norm, default=1.0) < 1e-12 or n < len(ws)
    s = np.asarray(p["w_star"])
    for t in range(n):
        assert abs(_theta(ws[t], s) - path.theta[t]) < 1e-6
    scale = p["eta"] * (p["k"] / math.pi + p["beta"] + 1)
    for st_, sc in zip(tj.steps(p, FLOAT), path.step_cond, strict=False):
        assert abs(p["eta"] * np.linalg.norm(st_.v) - sc) <= 1e-9 * scale


def test_mp_path_is_the_same_run() -> None:
    B = MpBackend(50)
    with B.context():
        th_mp = tj.path(P_ANGLE, B).theta
    th_f = tj.path(P_ANGLE, FLOAT).theta
    assert all(abs(float(a) - b) < 1e-12 for a, b in zip(th_mp, th_f, strict=True))


@pytest.mark.parametrize(
    "kw, hyps",
    [
        ({"lemma54": True, "eta_rule": "any"}, CLAIMS["L5.4-angle-descent"].hypotheses),
        ({"lemma54": True, "eta_rule": "fix"}, CLAIMS["L5.4-angle-descent+fix"].hypotheses),
        ({"lemma54": False, "eta_rule": "L55"}, CLAIMS["L5.5-lagrangian-descent"].hypotheses),
        ({"lemma54": False, "eta_rule": "fix"}, CLAIMS["L5.5-lagrangian-descent+fix"].hypotheses),
        ({"lemma54": False, "step_rule": "horizon"}, CLAIMS["L5.5-Ct-bounds"].hypotheses),
        ({"lemma54": True, "eta_rule": "T1", "lam_rule": "T1", "step_rule": "all"}, theorem1.HYP_RUNS),
    ],
)
def test_strategy_points_satisfy_hypotheses(kw: dict, hyps: tuple) -> None:
    seen = {"w0=w*": 0, "u=0": 0}

    @_SETTINGS
    @given(horizon_points(max_T=6, **kw))
    def check(p: dict) -> None:
        assert check_point(p, hyps) == []
        if np.array_equal(p["w0"], p["w_star"]):
            seen["w0=w*"] += 1
        if any(not np.any(s.u) for s in tj.steps(p, FLOAT)):
            seen["u=0"] += 1

    check()
    assert seen["w0=w*"] > 0 and seen["u=0"] > 0


def test_strategy_points_satisfy_hypotheses_at_50_digits() -> None:
    @settings(max_examples=8, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(horizon_points(eta_rule="T1", lam_rule="T1", step_rule="all", max_T=4))
    def check(p: dict) -> None:
        for h in theorem1.HYP_RUNS:
            m = eval_mp(h.margin, p, 50)
            assert (m > 0) if h.strict else (m >= 0), h.name

    check()


def test_step_condition_hypothesis_can_fail() -> None:
    p = dict(P_ANGLE, eta=100.0)
    assert check_point(p, (H.H_STEP_HORIZON,)) != []
    assert check_point(dict(P_ANGLE, beta=0.2), H.LEMMA54) != []  # 0.2 > 1/(2 pi)
    assert check_point(dict(P_ANGLE, lam=0.0), H.SETTING) == ["lambda > 0"]  # Section 3


# --------------------------------------------------------------------------------------------
# the counterexamples, by hand
# --------------------------------------------------------------------------------------------
def test_angle_rises_from_w_star_by_hand() -> None:
    s = np.array(S5)
    w1, u1 = _hand_step(s, s, 1, 0.01, 0.1, 0.1)
    assert np.allclose(u1, s - 0.1)  # both entries exceed tau = 0.1
    th1 = _theta(w1, s)
    assert th1 > 4e-4
    assert abs(tj.path(P_ANGLE, FLOAT).theta[1] - th1) < 1e-9


def test_angle_descent_slack_negative_float_and_50_digits() -> None:
    c = CLAIMS["L5.4-angle-descent"]
    assert c.evaluate(P_ANGLE, FLOAT) < 0
    assert eval_mp(c.evaluate, P_ANGLE, 50) < 0
    assert confirm(c, P_ANGLE).confirmed
    # the fix holds there
    fix = CLAIMS["L5.4-angle-descent+fix"]
    assert fix.evaluate(P_ANGLE, FLOAT) > 0 and eval_mp(fix.evaluate, P_ANGLE, 50) > 0


def test_lagrangian_rises_at_t1() -> None:
    c = CLAIMS["L5.5-lagrangian-descent"]
    lag = tj.path(P_LAG, FLOAT).lagrangian
    assert lag[2] > lag[1]
    assert c.evaluate(P_LAG, FLOAT) < 0 and eval_mp(c.evaluate, P_LAG, 50) < 0
    assert confirm(c, P_LAG).confirmed
    assert CLAIMS["L5.5-lagrangian-descent+fix"].evaluate(P_LAG, FLOAT) >= 0


def test_antipode_angle_is_pi_exactly_at_e1() -> None:
    c = CLAIMS["L5.5-Ct-bounds"]
    assert c.strict
    assert eval_mp(c.evaluate, P_E1, 50) == 0 and eval_mp(c.evaluate, P_E1, 100) == 0
    assert confirm(c, P_E1).confirmed
    assert CLAIMS["L5.5-Ct-bounds+fix"].evaluate(P_E1, FLOAT) >= 0


def test_ct_two_is_attained() -> None:
    p = run_point([1.0, 0.0], [1.0, 0.0], k=1, lam=1.0, beta=1.0, eta=0.5, T=1)
    (s,) = tj.unit_steps(p, FLOAT)
    assert 1 / np.linalg.norm(s.w_hat) == 2.0
    assert CLAIMS["L5.5-Ct-bounds@Ct"].evaluate(p, FLOAT) >= 0


def test_remark_family_grows() -> None:
    ex = CLAIMS["T1-remark-step"].existential
    assert ex is not None and ex.family is not None and ex.family_limit is not None
    r = [eval_mp(ex.ratio, ex.family(mpmath.mpf(e)), 50) for e in ("1e-2", "1e-4", "1e-8")]
    assert r[0] < r[1] < r[2]
    assert ex.family_limit().ok


# --------------------------------------------------------------------------------------------
# the fixes on sampled runs
# --------------------------------------------------------------------------------------------
@_SETTINGS
@given(horizon_points(eta_rule="fix", max_T=6))
def test_fixes_hold_on_sampled_runs(p: dict) -> None:
    for cid in ("L5.4-angle-descent+fix", "L5.4-invariance+fix", "L5.5-lagrangian-descent+fix"):
        assert CLAIMS[cid].evaluate(p, FLOAT) >= 0, cid


@_SETTINGS
@given(horizon_points(lemma54=False, step_rule="horizon", max_T=6))
def test_ct_and_step_bound_on_sampled_runs(p: dict) -> None:
    for cid in ("L5.5-Ct-bounds@Ct", "L5.5-Ct-bounds@Ct-sharp", "L5.5-Ct-bounds+fix", "T1-remark-step+fix"):
        assert CLAIMS[cid].evaluate(p, FLOAT) >= 0, cid


# --------------------------------------------------------------------------------------------
# verdicts (ci profile)
# --------------------------------------------------------------------------------------------
EXPECTED = {
    "L5.4-angle-descent": "refuted",
    "L5.4-angle-descent@small-eta": "refuted",
    "L5.4-angle-descent+fix": "proved",
    "L5.4-soft-prox": "proved",
    "L5.4-acute": "proved",
    "L5.4-u-norm": "proved",
    "L5.4-invariance": "refuted",
    "L5.4-invariance+fix": "proved",
    "L5.5-lagrangian-descent": "refuted",
    "L5.5-lagrangian-descent@small-eta": "refuted",
    "L5.5-lagrangian-descent+fix": "proved",
    "L5.5-Ct-bounds": "refuted",
    "L5.5-Ct-bounds@Ct": "proved",
    "L5.5-Ct-bounds@Ct-sharp": "proved",
    "L5.5-Ct-bounds+fix": "proved",
    "T1-descent": "refuted",
    "T1-descent+fix": "proved",
    "T1-remark-step": "refuted",
    "T1-remark-step@per-run": "refuted",
    "T1-remark-step+fix": "proved",
}


def test_expected_covers_every_claim() -> None:
    assert set(EXPECTED) == set(CLAIMS)
    for c in CLAIMS.values():
        if c.corrected_by:
            assert c.corrected_by in CLAIMS and CLAIMS[c.corrected_by].corrects in (c.id, c.id.split("@")[0])


@pytest.mark.parametrize("cid", sorted(EXPECTED))
def test_verdict_ci(cid: str) -> None:
    v = decide(CLAIMS[cid], "ci")
    assert v.verdict == EXPECTED[cid], (v.verdict, v.summary, v.error)
