"""Tests of the model-level claim encodings (Section 3, Lemmas 5.1-5.3) and shared strategies.

* every strategy point satisfies its claim's hypotheses at 50 digits;
* the strategies reach the hard places (k = 1, d = 2, tiny angles, angles near pi, tiny/large norms);
* slacks are >= 0 at known-good points and < 0 at known counterexamples (evaluated at 50 digits);
* the unbounded families grow; the segment margin of L5.2-descent+fix matches brute force;
* a variant with another constant is one public call (``claim.with_constants``), and its verdict
  follows the constant.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from proofs.claims import claim_set
from proofs.claims import strategies as S
from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.confirm import confirm, eval_mp, holds
from proofs.engine.decide import decide

MY_SECTIONS = ("Section 3", "Lemma 5.1", "Lemma 5.2", "Lemma 5.3")
CLAIMS = {c.id: c for c in claim_set().claims if c.section in MY_SECTIONS}
FEW = settings(max_examples=15, deadline=None, database=None, derandomize=True,
               suppress_health_check=list(HealthCheck))


def slack50(cid: str, point: dict) -> mpmath.mpf:
    return eval_mp(CLAIMS[cid].slack_fn, point, 50)


def ratio50(cid: str, point: dict) -> mpmath.mpf:
    return eval_mp(CLAIMS[cid].existential.ratio, point, 50)


# --------------------------------------------------------------------------------------------
# registry
# --------------------------------------------------------------------------------------------
EXPECTED_IDS = {
    "S3.loss-convention", "L3.1-value", "L3.1-sign", "L5.1-eq13", "L5.1-eq14", "L5.2-lipschitz",
    "L5.2-descent", "L5.3-eq15", "L5.3-eq16", "L5.3-eq17", "L5.3-half-angle", "L5.3-f-closed-form",
    "L5.3-monotone", "L5.3-constants",
}


def test_catalogue_ids_registered_and_fixes_linked() -> None:
    assert EXPECTED_IDS <= set(CLAIMS)
    for c in CLAIMS.values():
        if c.corrected_by:
            assert c.corrected_by in CLAIMS
        if c.corrects:
            assert c.corrects in CLAIMS and c.id.endswith("+fix")
        assert c.strategy is not None and (c.slack is not None or c.existential is not None)


# --------------------------------------------------------------------------------------------
# strategies stay inside the hypotheses (checked at 50 digits)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cid", sorted(CLAIMS))
def test_strategy_points_inside_hypotheses(cid: str) -> None:
    claim = CLAIMS[cid]

    @FEW
    @given(claim.strategy())
    def check(point: dict) -> None:
        for h in claim.hypotheses:
            m = eval_mp(h.margin, point, 50, h.name)
            assert holds(m, m, h.strict), (h.name, point)
        # the float slack / ratio evaluates to a finite number
        fn = claim.slack_fn if claim.slack is not None else claim.existential.ratio
        assert math.isfinite(float(fn(point, FLOAT)))

    check()


# --------------------------------------------------------------------------------------------
# strategies reach the hard places
# --------------------------------------------------------------------------------------------
FIND = settings(max_examples=2000, database=None, deadline=None, suppress_health_check=list(HealthCheck))


def test_scalar_strategies_reach_hard_places() -> None:
    assert find(S.patch_counts(), lambda k: k == 1, settings=FIND) == 1
    assert find(S.patch_counts(), lambda k: k > 20, settings=FIND) > 20
    assert find(S.dims(), lambda d: d == 2, settings=FIND) == 2
    assert find(S.dims(), lambda d: d == 3, settings=FIND) == 3
    assert find(S.dims(), lambda d: d > 30, settings=FIND) > 30
    assert find(S.angles(), lambda t: t < 1e-9, settings=FIND) < 1e-9
    assert find(S.angles(), lambda t: math.pi - t < 1e-9, settings=FIND) > math.pi - 1e-9
    assert find(S.angles(), lambda t: t == math.pi / 2, settings=FIND) == math.pi / 2
    assert find(S.norms(), lambda r: r < 1e-4, settings=FIND) < 1e-4
    assert find(S.norms(), lambda r: r > 1e4, settings=FIND) > 1e4
    assert find(S.closed_angles(), lambda t: t == 0.0, settings=FIND) == 0.0


@FEW
@given(S.angles(), S.ordered_angle_pairs())
def test_angles_open_and_pairs_ordered(t: float, pair: tuple[float, float]) -> None:
    assert 0 < t < math.pi
    t1, t2 = pair
    assert 0 < t2 < t1 < math.pi
    assert t1 - t2 >= min(S.GAP_FLOOR, 0.5 * min(t1, math.pi - t1)) * 0.99


@settings(max_examples=30, deadline=None, database=None, derandomize=True)
@given(st.data())
def test_vector_at_angle_is_accurate(data: st.DataObject) -> None:
    d = data.draw(S.dims(10))
    s = data.draw(S.unit_vectors(d))
    t = data.draw(S.angles())
    r = data.draw(S.norms())
    w = data.draw(S.vector_at_angle(s, t, r))
    from proofs.model import angle

    with mpmath.workdps(50):
        wm = np.array([mpmath.mpf(float(x)) for x in w], dtype=object)
        sm = np.array([mpmath.mpf(float(x)) for x in s], dtype=object)
        th = angle(wm, sm)
        assert abs(th - t) <= 1e-14 + 1e-12 * t
        assert abs(mpmath.sqrt(np.dot(wm, wm)) / r - 1) < 1e-14


# --------------------------------------------------------------------------------------------
# slacks at known points
# --------------------------------------------------------------------------------------------
E1, E2, E3 = np.eye(3)


def _w_point(k: int, theta: float, r: float = 1.0) -> dict:
    """A w-point with its declared coordinates (the claims see w rebuilt from them)."""
    return {"k": k, "d": 3, "theta": theta, "r": r, "w_star": E1.copy(),
            "w": r * (math.cos(theta) * E1 + math.sin(theta) * E2)}


def _sphere_point(k: int, t1: float, t2: float, mirror: bool) -> dict:
    e2 = -E2 if mirror else E3
    return {"k": k, "d": 3, "theta1": t1, "theta2": t2, "w_star": E1.copy(),
            "w1": math.cos(t1) * E1 + math.sin(t1) * E2, "w2": math.cos(t2) * E1 + math.sin(t2) * e2}


def test_loss_convention_factor_two() -> None:
    p = _w_point(1, math.pi / 2)
    assert slack50("S3.loss-convention", p) < -0.2  # f3 = 1/2, f6 = 1/4
    assert slack50("S3.loss-convention+fix", p) == 0


@pytest.mark.parametrize("k", [1, 2, 7])
def test_lemma31_value_only_for_k1(k: int) -> None:
    p = _w_point(k, 1.0, 3.0)
    v = slack50("L3.1-value", p)
    assert (v == 0) if k == 1 else (v < 0)
    assert slack50("L3.1-value+fix", p) == 0
    assert slack50("L3.1-value@eq3", p) < 0
    assert slack50("L3.1-value@eq3+fix", p) == 0
    assert slack50("L3.1-sign", p) > 0


@pytest.mark.parametrize("theta", [1e-12, 0.3, math.pi / 2, 3.0, math.pi - 1e-10])
def test_lemma51_identities(theta: float) -> None:
    p = _w_point(5, theta, 1e-3)
    assert slack50("L5.1-eq13", p) == 0
    assert slack50("L5.1-eq14", p) == 0
    assert slack50("L5.1-eq13@eq3", p) < 0
    assert slack50("L5.1-eq13@eq3+fix", p) == 0


def test_lemma53_eq16_printed_constant_fails_at_equal_angles() -> None:
    p = _sphere_point(3, 1.0, 1.0 - 1e-9, mirror=False)
    assert slack50("L5.3-eq16", p) < 0
    assert slack50("L5.3-constants", p) < 0
    assert slack50("L5.3-eq16+fix", p) >= 0
    assert slack50("L5.3-constants+fix", p) >= 0
    assert slack50("L5.3-constants@proof-form", p) >= 0


def test_lemma53_true_gradient_reading_fails_near_axis() -> None:
    p = _sphere_point(1, 1e-3, 1e-3 * (1 - 1e-8), mirror=True)
    assert slack50("L5.3-eq16@true-gradient", p) < 0


@pytest.mark.parametrize("t1,t2", [(2.0, 0.5), (1e-6, 5e-7), (math.pi - 1e-6, 1.0)])
def test_lemma53_identities_and_inequalities(t1: float, t2: float) -> None:
    p = _sphere_point(4, t1, t2, mirror=True)
    for cid in ("L5.3-eq15", "L5.3-eq16+fix", "L5.3-constants+fix"):
        assert slack50(cid, p) >= 0, cid
    unit_w = {"k": 4, "d": 3, "theta": t1, "w_star": E1.copy(), "w": p["w1"]}
    assert slack50("L5.3-eq17", unit_w) >= 0
    q = {**p, "r1": 2.0, "r2": 0.5, "w1": 2.0 * p["w1"], "w2": 0.5 * p["w2"]}
    assert slack50("L5.3-f-closed-form", q) == 0
    assert slack50("L5.3-f-closed-form@eq3", q) < 0
    assert slack50("L5.3-f-closed-form@eq3+fix", q) == 0
    assert slack50("L5.3-half-angle", {k: v for k, v in unit_w.items() if k != "k"}) == 0


def test_monotone_slack() -> None:
    assert slack50("L5.3-monotone", {"t1": math.pi / 2, "t2": math.pi / 2 - 1e-3}) > 0
    assert slack50("L5.3-monotone", {"t1": math.pi, "t2": 0.0}) > 0


# --------------------------------------------------------------------------------------------
# Lemma 5.2: families and fixes
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cid", ["L5.2-lipschitz", "L5.2-descent"])
def test_mirror_family_ratio_grows_like_cot(cid: str) -> None:
    B = MpBackend(50)
    for e in ("1e-2", "1e-6"):
        with B.context():
            p = CLAIMS[cid].existential.family(mpmath.mpf(e))
        r = ratio50(cid, p)
        with mpmath.workdps(50):
            assert abs(r / (mpmath.cot(mpmath.mpf(e)) / (2 * mpmath.pi)) - 1) < mpmath.mpf("1e-30")


def test_lipschitz_fix_sharp_on_mirror_pairs() -> None:
    for delta in (1e-4, 0.5, math.pi / 4, 1.2):
        p = {"k": 2, "w_star": E1.copy(), "w1": math.cos(delta) * E1 + math.sin(delta) * E2,
             "w2": math.cos(delta) * E1 - math.sin(delta) * E2, "delta": delta * (1 - 1e-12)}
        v = slack50("L5.2-lipschitz+fix", p)
        assert v >= 0
        p["delta"] = delta * 1.01  # outside the hypotheses; the bound is then too small when cot > 1
        if delta < math.pi / 4:
            assert slack50("L5.2-lipschitz+fix", p) < 0


@settings(max_examples=25, deadline=None, database=None, derandomize=True)
@given(st.data())
def test_segment_margin_matches_brute_force(data: st.DataObject) -> None:
    d = data.draw(st.sampled_from([2, 3, 5]))
    s = data.draw(S.unit_vectors(d))
    w1 = data.draw(S.vector_at_angle(s, data.draw(S.angles()), data.draw(S.norms())))
    w2 = data.draw(S.vector_at_angle(s, data.draw(S.angles()), data.draw(S.norms())))
    delta = data.draw(st.floats(1e-3, math.pi / 2))
    p = {"k": 1, "w_star": s, "w1": w1, "w2": w2, "delta": delta}
    inside = "segment [w1, w2] inside theta in [delta, pi - delta]"
    m = next(h for h in CLAIMS["L5.2-descent+fix"].hypotheses if h.name == inside).margin(p, FLOAT)
    ts = np.linspace(0, 1, 4001)
    sh = s / np.linalg.norm(s)
    vals = []
    for t in ts:
        w = w1 + t * (w2 - w1)
        a = float(np.dot(w, sh))
        pn = float(np.linalg.norm(w - a * sh))
        vals.append(min(math.cos(delta) * pn - math.sin(delta) * a, math.cos(delta) * pn + math.sin(delta) * a))
    scale = max(np.linalg.norm(w1), np.linalg.norm(w2))
    assert m <= min(vals) + 1e-9 * scale  # exact min is below every sample
    assert m >= min(vals) - 1e-3 * scale * np.linalg.norm(w2 - w1) - 1e-9 * scale  # and close to the grid min


# --------------------------------------------------------------------------------------------
# a variant with another constant: one public call, no private names
# --------------------------------------------------------------------------------------------
def test_variant_with_a_tighter_constant_is_refuted_at_an_explicit_point() -> None:
    eq16 = claim_set().by_id()["L5.3-eq16+fix"]  # L = k/(2 pi), the best constant
    tighter = eq16.with_constants(L="97/100*k/(2*pi)")
    assert tighter.id == "L5.3-eq16+fix[L=97*k/(200*pi)]" and tighter.prove is None
    # theta1 = theta2 = 1, mirror pair: the slack is (L/2 - k/(4 pi))|w2 - w1|^2 < 0
    p = _sphere_point(3, 1.0, 1.0, mirror=True)
    conf = confirm(tighter, p)
    assert conf.confirmed, conf.reason
    with mpmath.workdps(50):  # (the point's floats are within 1e-16 of theta = 1)
        gap = (mpmath.mpf(97) / 100 - 1) * 3 / (4 * mpmath.pi) * (2 * mpmath.sin(mpmath.mpf(1))) ** 2
        assert abs(conf.slack50 / gap - 1) < mpmath.mpf(10) ** -14
    assert confirm(eq16, p).confirmed is False  # the claim's own constant holds there
    assert decide(tighter, "ci").verdict == "refuted"


def test_variant_with_the_corrected_constant_holds() -> None:
    eq15 = claim_set().by_id()["L5.3-eq15"]
    same = eq15.with_constants(K="k/(2*pi)")  # the printed K, restated: no proof is kept
    assert same.prove is None and same.constant("K").text() == eq15.constant("K").text()
    assert decide(same, "ci").verdict == "unrefuted"
    eq16 = claim_set().by_id()["L5.3-eq16"]
    fixed = eq16.with_constants(L="k/(2*pi)")  # eq. (16) as printed, with the fix's constant
    v = decide(fixed, "ci")
    assert v.verdict == "unrefuted" and v.budget["examples_tried"] > 100


@pytest.mark.parametrize("cid,name,looser,tighter", [
    ("L5.3-eq15", "K", "k/pi", "99/100*k/(2*pi)"),
    ("L5.3-constants+fix", "K1", "1", "49/100"),
    ("L5.2-lipschitz+fix", "L_numerator", "k/pi*Max(1, cot(delta))", None),
])
def test_looser_constant_is_never_refuted(cid: str, name: str, looser: str, tighter: str | None) -> None:
    claim = claim_set().by_id()[cid]
    assert decide(claim.with_constants(**{name: looser}), "ci").verdict == "unrefuted"
    if tighter is not None:
        assert decide(claim.with_constants(**{name: tighter}), "ci").verdict == "refuted"
