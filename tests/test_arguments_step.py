"""Issue 12 part A: the machine-checked proofs of existing claims, wired into the claim records.

For every claim whose proof is one of part A's arguments (``PART_A``): the proof is ok and
machine-checked, cites exactly the claim's ``uses``; the claim's slack is >= 0 at explicit points
the proof covers, and where the proof fixes a best constant, the slack vanishes (or tends to 0) at
explicit points. (verify/ decides every claim with its full search.)
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import mpmath
import numpy as np
import pytest

from proofs.claims import claim_set
from proofs.claims.runs.points import run_point
from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.decide import decide
from proofs.engine.points import to_mp

CLAIMS = claim_set().by_id()
MP = MpBackend(50)
E1, E2, E3 = np.eye(3)
#: the argument modules of part A (the reductions R-* and operator claims OP-* have their own tests)
PART_A_MODULES = ("lemma5_2", "model_level", "one_step", "step_bounds", "surrogate", "tl1_prox")
PART_A = sorted(
    c.id for c in claim_set().claims
    if c.prove is not None and c.prove.__module__.rsplit(".", 1)[-1] in PART_A_MODULES
    and c.prove.__module__.startswith("proofs.claims.arguments") and not c.id.startswith(("R-", "OP-"))
)


def slack(cid: str, point: dict[str, Any], B: Any) -> Any:
    c = CLAIMS[cid]
    if B.is_mp:
        with B.context():
            return c.evaluate(to_mp(point), B)
    return c.evaluate(point, B)


# --------------------------------------------------------------------------------------------
# the proofs themselves
# --------------------------------------------------------------------------------------------
def test_part_a_wires_the_29_claims_of_issue_12() -> None:
    assert len(PART_A) == 29
    assert {"L5.2-lipschitz+fix", "L5.4-angle-descent+fix", "L5.7-tl1-prox", "T1-descent+fix",
            "C1.1-acute"} <= set(PART_A)


@pytest.mark.parametrize("cid", PART_A)
def test_proof_is_machine_checked_and_cites_its_uses(cid: str) -> None:
    c = CLAIMS[cid]
    res = c.prove()
    assert res.ok, res.summary
    assert res.machine_checked, [s.says for s in res.steps if not s.machine_checked]
    assert sorted(set(res.cited)) == sorted(c.uses)
    assert all(s.by != "prose" for s in res.steps)


def test_the_l54_fixes_are_proved_with_their_search() -> None:
    """The two L5.4 fixes were search-only before; with the proof (and their slacks starting at
    the first unit iterate, as the proof) the engine proves them (search budget / 4)."""
    for cid in ("L5.4-angle-descent+fix", "L5.4-invariance+fix"):
        c = CLAIMS[cid]
        v = decide(dataclasses.replace(c, search_scale=c.search_scale * 4), "ci")
        assert v.verdict == "proved", (cid, v.verdict, v.summary, v.error)


# --------------------------------------------------------------------------------------------
# the slacks at points the proofs cover (float64 and 50 digits)
# --------------------------------------------------------------------------------------------
def _mirror(delta: float, r: float, k: int = 3) -> dict[str, Any]:
    """Mirror pair at angle ~delta from w* = e1, equal norms ~r; the point's delta is the float just
    below the exact angle of the (rounded) vectors, so the hypotheses hold exactly."""
    w1 = r * (math.cos(delta) * E1 + math.sin(delta) * E2)
    with mpmath.workdps(60):
        exact = mpmath.atan2(mpmath.mpf(w1[1]), mpmath.mpf(w1[0]))
        d = float(exact)
        if mpmath.mpf(d) > exact:
            d = math.nextafter(d, 0.0)
    return {"k": k, "w_star": E1.copy(), "w1": w1, "w2": w1 * np.array([1.0, -1.0, 1.0]), "delta": d}


_EDGE = run_point([1.0, 0.0], [1.0, 0.0], k=1, lam=0.01, beta=0.1,
                 eta=(1 - 1e-9) / (0.5 / math.pi + 0.1), T=4, delta=math.pi / 2)
_BETA = 3 * math.sin(1.0) / (2 * math.pi) * 0.9
_TURN = run_point([1.0, 0.0, 0.0], [math.cos(2.0), math.sin(2.0), 0.0], k=3, lam=0.05, beta=_BETA,
                 eta=0.5 / (3 / (2 * math.pi) + _BETA), T=5, delta=1.0)
_T1 = run_point([1.0, 0.0], [math.cos(0.5), math.sin(0.5)], k=4, lam=0.01, beta=0.05, eta=0.05, T=4,
               delta=1.0)
_CT_TWO = run_point([1.0, 0.0], [1.0, 0.0], k=1, lam=1.0, beta=1.0, eta=0.5, T=2)  # C_t = 2
_STEP_MAX = run_point([1.0, 0.0], [-1.0, 0.0], k=2, lam=10.0, beta=0.5, eta=0.1, T=1)  # |v| = k/pi + beta
_SPHERE_EQ = {"k": 2, "d": 3, "theta1": 1.0, "theta2": 1.0, "w_star": E1,
              "w1": math.cos(1.0) * E1 + math.sin(1.0) * E2,
              "w2": math.cos(1.0) * E1 - math.sin(1.0) * E2}  # theta1 = theta2: eq. (16) sharp
_SPHERE = {"k": 5, "d": 3, "theta1": 2.0, "theta2": 0.5, "w_star": E1,
           "w1": math.cos(2.0) * E1 + math.sin(2.0) * E3, "w2": math.cos(0.5) * E1 + math.sin(0.5) * E2}
_PAIR = {**_SPHERE, "r1": 1.0, "r2": 1.0}  # the closed form's pairs declare norms too
_W = {"k": 2, "d": 2, "theta": math.pi / 2, "r": 1.0, "w_star": np.array([1.0, 0.0]), "w": np.array([0.0, 1.0])}
_UNIT = [{"d": 3, "theta": t, "w_star": E1, "w": math.cos(t) * E1 + math.sin(t) * E2} for t in (2.0, 1.0)]

NONNEG: dict[str, list[dict[str, Any]]] = {
    "L5.2-lipschitz+fix": [{"k": 2, "w_star": E1, "w1": math.cos(1.0) * E1 + math.sin(1.0) * E2,
                            "w2": 1.5 * (math.cos(1.2) * E1 + math.sin(1.2) * E3), "delta": 1.0}],
    "L5.4-angle-descent+fix": [_EDGE, _TURN],
    "L5.4-invariance+fix": [_EDGE, _TURN],
    "L5.7-tl1-prox": list(CLAIMS["L5.7-tl1-prox"].examples),
    "L5.5-lagrangian-descent+fix": [_TURN, _T1],
    "T1-descent+fix": [_T1],
    "L5.3-eq16+fix": [_SPHERE],
    "L5.3-constants+fix": [_SPHERE],
    "L5.3-constants@proof-form": [_SPHERE],
    "L5.3-monotone": [{"t1": 2.0, "t2": 1.0}, {"t1": math.pi, "t2": 0.0}],
    "L3.1-sign": [_W],
    "L3.1-sign@eq3": [_W],
    "L5.4-soft-prox": [_TURN],
    "L5.4-acute": [_TURN],
    "L5.4-u-norm": [_TURN],
    "L5.5-Ct-bounds@Ct": [_TURN],
    "L5.5-Ct-bounds@Ct-sharp": [_TURN],
    "L5.5-Ct-bounds+fix": [_TURN],
    "T1-remark-step+fix": [_TURN],
    "C1.1-acute": [{"w": np.array([1.0, -0.2, 0.05]), "lam": 0.5, "beta": 1.0, "penalty": "l0", "a": 1.0},
                   {"w": np.array([1.5, -1.5, 3.0]), "lam": 1.0, "beta": 1.0, "penalty": "tl1", "a": 1.0}],
}
#: points where the proof says the bound is attained (slack 0 up to rounding)
ATTAINED: dict[str, list[dict[str, Any]]] = {
    "L5.2-lipschitz+fix": [_mirror(0.3, 2.0), _mirror(math.pi / 4, 0.5)],
    "L5.3-eq16+fix": [_SPHERE_EQ],
    "L5.3-constants+fix": [_SPHERE_EQ],
    "L3.1-value+fix": [_W],
    "L3.1-value@eq3+fix": [_W],
    "L5.1-eq13": [_W],
    "L5.1-eq13@eq3+fix": [_W],
    "L5.1-eq14": [_W],
    "L5.5-Ct-bounds@Ct": [_CT_TWO],
    "L5.5-Ct-bounds+fix": [_CT_TWO],
    "T1-remark-step+fix": [_STEP_MAX],
    "L5.3-half-angle": _UNIT,
    "L5.3-f-closed-form": [_PAIR],
    "L5.3-f-closed-form@eq3+fix": [_PAIR],
}


#: mirror pairs are built from rounded cos/sin: their angle is delta up to ~1e-17
TOL = {"L5.2-lipschitz+fix": 1e-13}


def test_every_wired_claim_has_points() -> None:
    assert set(NONNEG) | set(ATTAINED) | {"L5.2-descent+fix"} == set(PART_A)


@pytest.mark.parametrize("cid,i", [(c, i) for c, ps in NONNEG.items() for i in range(len(ps))])
def test_slack_nonnegative_where_the_proof_applies(cid: str, i: int) -> None:
    p = NONNEG[cid][i]
    assert slack(cid, p, FLOAT) >= 0
    assert slack(cid, p, MP) >= 0


@pytest.mark.parametrize("cid,i", [(c, i) for c, ps in ATTAINED.items() for i in range(len(ps))])
def test_bound_attained_where_the_proof_says(cid: str, i: int) -> None:
    p = ATTAINED[cid][i]
    s = slack(cid, p, MP)
    assert 0 <= s <= TOL.get(cid, mpmath.mpf(10) ** -40)
    assert abs(slack(cid, p, FLOAT)) <= 1e-9


def test_lipschitz_constant_is_exceeded_when_shrunk() -> None:
    """On the mirror pair the ratio equals (k/(2 pi c^2)) cot(theta): a smaller constant fails."""
    p = _mirror(0.3, 2.0)
    from proofs.model import angle, loss_gradient

    with MP.context():
        q = to_mp(p)
        g1, g2 = loss_gradient(q["w1"], q["w_star"], 3), loss_gradient(q["w2"], q["w_star"], 3)
        ratio = mpmath.sqrt(np.dot(g1 - g2, g1 - g2)) / mpmath.sqrt(np.dot(q["w1"] - q["w2"], q["w1"] - q["w2"]))
        c2 = np.dot(q["w1"], q["w1"])
        bound = 3 / (2 * mpmath.pi * c2) / mpmath.tan(angle(q["w1"], q["w_star"]))
        assert abs(ratio / bound - 1) < mpmath.mpf(10) ** -40


@pytest.mark.parametrize("eps", [1e-2, 1e-3])
def test_descent_constant_is_approached_on_short_segments(eps: float) -> None:
    """Orthogonal segment at theta = delta = pi/6 (cot delta > 1), rho = 1: the slack is >= 0 and
    a vanishing fraction of (L/2)|w2 - w1|^2 (L is the best constant)."""
    d = math.pi / 6
    w1 = math.cos(d) * E1 + math.sin(d) * E2
    p = {"k": 2, "w_star": E1, "w1": w1, "w2": w1 + eps * E3, "delta": d}
    s = slack("L5.2-descent+fix", p, MP)
    half_l = 2 / (2 * math.pi) / math.tan(d) / 2 * eps**2
    assert 0 <= s <= 2 * eps * half_l


def test_ledger_has_every_part_a_claim_proved() -> None:
    from proofs.engine import ledger

    led = ledger.load()
    assert all(led[c].verdict == "proved" for c in PART_A)
