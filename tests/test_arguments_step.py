"""Issue 12 part A: the machine-checked proofs of existing claims (``WIRING``).

For every entry: the proof is ok and machine-checked, cites exactly its ``uses``, wiring it in
makes the engine's verdict ``proved``; the claim's slack is >= 0 at explicit points the proof
covers, and where the proof fixes a best constant, the slack vanishes (or tends to 0) at
explicit points.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import mpmath
import numpy as np
import pytest

from proofs.claims import claim_set
from proofs.claims import trajectories as tj
from proofs.claims.arguments.wiring_step import CORRECTIONS, WIRING
from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.claim import ClaimSet
from proofs.engine.decide import decide
from proofs.engine.points import to_mp

CLAIMS = claim_set().by_id()
MP = MpBackend(50)
E1, E2, E3 = np.eye(3)


def slack(cid: str, point: dict[str, Any], B: Any) -> Any:
    c = CLAIMS[cid]
    if B.is_mp:
        with B.context():
            return c.evaluate(to_mp(point), B)
    return c.evaluate(point, B)


def _wired(cid: str, scale: float = 1.0) -> Any:
    prove, uses = WIRING[cid]
    return dataclasses.replace(CLAIMS[cid], prove=prove, uses=uses,
                               search_scale=CLAIMS[cid].search_scale * scale)


# --------------------------------------------------------------------------------------------
# the proofs themselves
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("cid", sorted(WIRING))
def test_proof_is_machine_checked_and_cites_its_uses(cid: str) -> None:
    prove, uses = WIRING[cid]
    res = prove()
    assert res.ok, res.summary
    assert res.machine_checked, [s.says for s in res.steps if not s.machine_checked]
    assert sorted(set(res.cited)) == sorted(uses)
    assert all(s.by != "prose" for s in res.steps)


def test_wiring_names_registered_claims_and_keeps_the_graph_acyclic() -> None:
    assert not CORRECTIONS
    for cid, (_, uses) in WIRING.items():
        assert cid in CLAIMS and all(u in CLAIMS for u in uses), cid
    wired = tuple(dataclasses.replace(c, uses=WIRING[c.id][1]) if c.id in WIRING else c
                  for c in claim_set().claims)
    ClaimSet(name="wired", claims=wired)  # raises LinkCycle / UnknownClaimLink


@pytest.mark.parametrize("cid", sorted(WIRING))
def test_wired_claim_is_proved(cid: str) -> None:
    """The real check: the engine decides the claim with the new proof (search budget / 8: the
    full search runs in verify once wired, and a proof never hides a confirmed counterexample)."""
    v = decide(_wired(cid, scale=8.0), "ci")
    assert v.verdict == "proved", (v.verdict, v.summary, v.error)


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


_EDGE = tj.point([1.0, 0.0], [1.0, 0.0], k=1, lam=0.01, beta=0.1,
                 eta=(1 - 1e-9) / (0.5 / math.pi + 0.1), T=4, delta=math.pi / 2)
_BETA = 3 * math.sin(1.0) / (2 * math.pi) * 0.9
_TURN = tj.point([1.0, 0.0, 0.0], [math.cos(2.0), math.sin(2.0), 0.0], k=3, lam=0.05, beta=_BETA,
                 eta=0.5 / (3 / (2 * math.pi) + _BETA), T=5, delta=1.0)
_T1 = tj.point([1.0, 0.0], [math.cos(0.5), math.sin(0.5)], k=4, lam=0.01, beta=0.05, eta=0.05, T=4,
               delta=1.0)
_CT_TWO = tj.point([1.0, 0.0], [1.0, 0.0], k=1, lam=1.0, beta=1.0, eta=0.5, T=2)  # C_t = 2
_STEP_MAX = tj.point([1.0, 0.0], [-1.0, 0.0], k=2, lam=10.0, beta=0.5, eta=0.1, T=1)  # |v| = k/pi + beta
_SPHERE_EQ = {"k": 2, "w_star": E1, "w1": math.cos(1.0) * E1 + math.sin(1.0) * E2,
              "w2": math.cos(1.0) * E1 - math.sin(1.0) * E2}  # theta1 = theta2: eq. (16) sharp
_SPHERE = {"k": 5, "w_star": E1, "w1": math.cos(2.0) * E1 + math.sin(2.0) * E3,
           "w2": math.cos(0.5) * E1 + math.sin(0.5) * E2}
_W = {"k": 2, "w_star": np.array([1.0, 0.0]), "w": np.array([0.0, 1.0])}

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
    "L5.3-half-angle": [_SPHERE, _SPHERE_EQ],
    "L5.3-f-closed-form": [_SPHERE],
    "L5.3-f-closed-form@eq3+fix": [_SPHERE],
}


#: mirror pairs are built from rounded cos/sin: their angle is delta up to ~1e-17
TOL = {"L5.2-lipschitz+fix": 1e-13}


def test_every_wired_claim_has_points() -> None:
    assert set(NONNEG) | set(ATTAINED) | {"L5.2-descent+fix"} == set(WIRING)


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


def test_ledger_after_wiring_lists_the_verdicts_that_change() -> None:
    from proofs.claims.arguments.wiring_step import LEDGER_AFTER_WIRING
    from proofs.engine import ledger

    led = ledger.load()
    for cid, entry in LEDGER_AFTER_WIRING.items():
        assert cid in WIRING and led[cid].verdict == "unrefuted"  # today: search only
        assert entry["verdict"] == "proved" and entry["reason"]
    unchanged = [c for c in WIRING if c not in LEDGER_AFTER_WIRING]
    assert all(led[c].verdict == "proved" for c in unchanged)
