"""The limit-point proofs (proofs.claims.arguments.limit_point), wired into the claims of Lemma 5.6,
Theorem 1 and Corollary 1.1: each is machine-checked and cites exactly its claim's uses, and the
proofs agree with the claims' own slacks at limits computed by the limit machinery
(proofs.claims.runs.limit)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import mpmath
import numpy as np
import pytest

from proofs.claims import claim_set
from proofs.claims.arguments.best_constants import family_point
from proofs.claims.corollary1_1 import DROP_L0, ROUND_L0, ROUND_TL1
from proofs.claims.lemma5_6 import C1_NEGATIVE, ROUND
from proofs.claims.runs import limit as Lm
from proofs.claims.runs.conclusions import c2_of, eq25_parts, ratio_eq11, ratio_eq12
from proofs.claims.theorem1 import EQ12
from proofs.engine.backend import MpBackend
from proofs.engine.decide import decide
from proofs.engine.points import to_mp

L1_POINTS = {"ROUND": ROUND, "C1_NEGATIVE": C1_NEGATIVE, "EQ12": EQ12,
             "FAMILY_d2": family_point(2, 1e-4), "FAMILY_d3": family_point(3, 1e-3)}
COR_POINTS = {"C1.1-l0+fix": (DROP_L0, ROUND_L0), "C1.1-tl1+fix": (ROUND_TL1,)}
#: the lemma's points do not satisfy Theorem 1's step condition / eta bound everywhere
T1_IDS = {"T1-eq10+fix", "T1-eq11+fix", "T1-eq12+fix"}
#: the claims whose proof is a limit-point argument
WIRED = sorted(c.id for c in claim_set().claims
               if c.prove is not None and c.prove.__module__ == "proofs.claims.arguments.limit_point")


def _claims() -> dict[str, Any]:
    return claim_set().by_id()


def _at50(fn: Any, point: dict[str, Any]) -> Any:
    B = MpBackend(50)
    with B.context():
        return fn(to_mp(point), B)


# ----------------------------------------------------------------------------- the proofs


def test_the_ten_limit_claims_of_part_b_carry_their_proofs() -> None:
    assert WIRED == sorted(["L5.6-theta-lt-delta", "L5.6-eq21+fix", "L5.6-eq11+fix", "L5.6-chain+fix",
                            "L5.6-eq25", "T1-eq10+fix", "T1-eq11+fix", "T1-eq12+fix", "C1.1-l0+fix",
                            "C1.1-tl1+fix"])


@pytest.mark.parametrize("cid", WIRED)
def test_wired_proof_is_machine_checked_and_cites_exactly_its_uses(cid: str) -> None:
    claim = _claims()[cid]
    result = claim.prove()
    assert result.ok, [s.says for s in result.steps if not s.ok]
    assert result.machine_checked
    assert not any(s.by == "prose" for s in result.steps)
    assert set(result.cited) == set(claim.uses) and len(set(claim.uses)) == len(claim.uses)


def test_a_proof_citing_undeclared_claims_is_an_error() -> None:
    v = decide(replace(_claims()["L5.6-eq11+fix"], uses=(), strategy=None), "ci")
    assert v.verdict == "error" and "uses" in (v.error or "")


# ----------------------------------------------------------------------------- proofs vs slacks


def _cases() -> list[tuple[str, str]]:
    out = []
    for cid in WIRED:
        if cid in COR_POINTS:
            out += [(cid, f"{cid}#{i}") for i in range(len(COR_POINTS[cid]))]
            continue
        names = [n for n in L1_POINTS if not (cid in T1_IDS and n == "C1_NEGATIVE")]
        out += [(cid, n) for n in names]
    return out


def _point(name: str) -> dict[str, Any]:
    if "#" in name:
        cid, i = name.split("#")
        return COR_POINTS[cid][int(i)]
    return L1_POINTS[name]


@pytest.mark.parametrize(("cid", "name"), _cases())
def test_claim_slack_holds_at_machine_limits_as_the_proof_says(cid: str, name: str) -> None:
    claim = _claims()[cid]
    p = _point(name)
    assert Lm.float_run(p).converged
    value = _at50(claim.evaluate, p)
    assert value > 0 if claim.strict else value >= 0


def test_c1_negative_limit_is_on_the_right_side() -> None:
    """Lemma 5.6 allows c1 < 0 (C1_NEGATIVE): the limit still has mu > 0, cos(theta) > 0 and
    theta < delta, as R-mu-positive and L5.6-theta-lt-delta say."""
    B = MpBackend(50)
    with B.context():
        p = to_mp(C1_NEGATIVE)
        c1 = 1 - p["eta"] * (1 / (2 * B.pi) + p["beta"])
        L = Lm.limit(p, B)
        th, _ = Lm.theta_gamma(L, B)
        assert c1 < -0.5 and L.mu > 0 and np.dot(L.w, L.s) > 0.9
        assert th < p["delta"]
        assert c1 + p["eta"] * L.mu > 0  # the normaliser of the fixed point


@pytest.mark.parametrize("point", [ROUND, EQ12, DROP_L0, ROUND_TL1, family_point(3, 1e-3)])
def test_frame_of_r_fixed_point_plane_at_machine_limits(point: dict[str, Any]) -> None:
    """sin(theta) = b y, mu = c2 (cos theta + b x), |w* - u|^2 = (C - x)^2 + (S + y)^2, h >= 0."""
    B = MpBackend(50)
    tol = mpmath.mpf(10) ** -40
    with B.context():
        p = to_mp(point)
        L = Lm.limit(p, B)
        c2 = c2_of(p, B)
        b = p["beta"] / c2
        C, x = np.dot(L.w, L.s), np.dot(L.u, L.w)
        y = Lm.norm_b(L.u - x * L.w, B)
        S = Lm.norm_b(L.s - C * L.w, B)
        assert abs(S - b * y) < tol
        assert abs(L.mu - c2 * (C + b * x)) < tol
        assert abs(np.dot(L.s - L.u, L.s - L.u) - ((C - x) ** 2 + (S + y) ** 2)) < tol
        assert x - x**2 - y**2 >= -tol


# ----------------------------------------------------------------------------- restatements


@pytest.mark.parametrize("cid", sorted(COR_POINTS))
def test_corollary_fixes_are_restated_as_properties_of_the_limit(cid: str) -> None:
    """No convergence part (that is C1.1-convergence), C >= 0, strict theta < delta."""
    c = _claims()[cid]
    assert c.statement.count("converges") == 1 and "if (u^t, w^t) converges" in c.statement
    assert "0 <= C <= cos(theta_bar)" in c.statement and c.strict
    conv = _claims()["C1.1-convergence"]
    assert conv.prove is None and "would settle it" in conv.notes


def test_strict_c_fails_at_the_exact_edge_of_ii_for_l0() -> None:
    """Why C1.1's restatement says C >= 0: at beta = k/(2pi), delta = pi/2, w0 = w* = (1, 1)/sqrt 2
    and lam/beta = 3/10, hard thresholding zeroes w*, the run stays at w*, and C = 0 exactly."""
    import sympy as sp

    k, d = 1, 2
    beta = sp.Integer(k) / (2 * sp.pi)
    delta = sp.pi / 2
    tau = sp.Rational(3, 10)
    lam = tau * beta
    w = sp.Matrix([1, 1]) / sp.sqrt(2)
    assert sp.simplify(k * sp.sin(delta) / (2 * sp.pi) - beta) == 0  # (ii), the edge
    assert bool(2 * sp.pi / k * lam * sp.sqrt(d) < 1)  # (ii) lam < k/(2 pi sqrt d)
    assert all(bool(wi**2 <= 2 * tau) for wi in w)  # H zeroes every coordinate
    u = sp.zeros(2, 1)
    c2 = sp.Integer(k) / (2 * sp.pi)
    mu = ((c2 * w + beta * u).T * w)[0]
    assert sp.simplify(mu - c2) == 0 and bool(mu > 0)  # a fixed point (w_bar = w*), mu > 0
    eta = sp.Rational(1, 4)
    assert bool(eta * (c2 + beta - mu) <= sp.Rational(1, 2))  # step condition at the constant run
    C = ((w - 2 * sp.pi / k * beta * (w - u)).T * w)[0]
    assert sp.simplify(C) == 0


# ----------------------------------------------------------------------------- tightness


@pytest.mark.parametrize("d", [2, 3])
def test_eq12_ratio_tends_to_g_d_from_below_along_the_family(d: int) -> None:
    g = (math.sqrt(4 * d - 3) - math.sqrt(d)) / math.sqrt(d - 1)
    gaps = []
    for tau in (1e-2, 1e-3, 1e-4):
        p = family_point(d, tau)
        r = _at50(ratio_eq12, p)
        assert r < g
        gaps.append(g - float(r))
        assert _at50(_claims()["T1-eq12+fix"].evaluate, p) > 0
        sharp = _claims()["BC-eq12-sharp"]
        assert 0 <= _at50(sharp.evaluate, p) < 10 * tau**2
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 1e-3


def test_eq11_ratio_and_c_tend_to_one_from_below_along_the_family() -> None:
    prev = (0.0, 0.0)
    for tau in (1e-2, 1e-3, 1e-4):
        p = family_point(2, tau)
        r11 = float(_at50(ratio_eq11, p))
        c = float(_at50(lambda q, B: eq25_parts(q, B)[0], p))
        assert prev[0] < r11 < 1 and prev[1] < c < 1
        prev = (r11, c)
    assert 1 - prev[0] < 1e-3 and 1 - prev[1] < 1e-3


@pytest.mark.parametrize("cid", sorted(COR_POINTS))
def test_restated_corollary_claim_is_proved_with_its_search(cid: str) -> None:
    """The restated C1.1 fixes: the proof and the search (convergent runs only) agree."""
    claim = _claims()[cid]
    for p in COR_POINTS[cid]:
        assert _at50(claim.evaluate, p) > 0
    v = decide(claim, "ci")
    assert v.verdict == "proved", v.summary
    assert v.budget["examples_tried"] >= 10
