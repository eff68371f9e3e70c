"""The fixed-point reductions (proofs.claims.fixed_points), the sharp eq. (12) claim
(proofs.claims.best_bounds), the best-constant records and the SymPy sign certificates."""

from __future__ import annotations

import math
from typing import Any

import mpmath
import numpy as np
import pytest
import sympy as sp

from proofs.claims import claim_set
from proofs.claims import fixed_points as FPC
from proofs.claims.arguments import certify
from proofs.claims.arguments.best_constants import (
    best_constant_records,
    check_member,
    family_limits,
    family_vectors,
)
from proofs.claims.arguments.eq12_sharp import constant_g
from proofs.claims.runs.hypotheses import H_C1_NONNEG
from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.decide import decide
from proofs.engine.points import to_mp

NEW_IDS = ("R-fixed-point-relation", "R-fixed-point-eta-free", "R-fixed-point-plane", "R-limit-pair",
           "R-invariance", "R-mu-positive", "BC-eq12-sharp")


def _claims() -> dict[str, Any]:
    return claim_set().by_id()


# ----------------------------------------------------------------------------- registry and proofs


def test_new_claims_are_registered_after_lemma_5_6_with_proofs_citing_their_uses() -> None:
    ids = [c.id for c in claim_set().claims]
    assert all(i in ids for i in NEW_IDS)
    assert ids.index("R-fixed-point-relation") > ids.index("L5.6-chain+fix")
    assert ids.index("BC-eq12-sharp") < ids.index("C1.1-l0")
    for cid in NEW_IDS:
        c = _claims()[cid]
        r = c.prove()
        assert r.ok and r.machine_checked, (cid, [s.says for s in r.steps if not s.ok])
        assert set(r.cited) == set(c.uses)


@pytest.mark.parametrize("cid", ["R-fixed-point-relation", "R-fixed-point-plane", "R-limit-pair"])
def test_proof_only_reductions_decide_proved(cid: str) -> None:
    v = decide(_claims()[cid], "ci")
    assert v.verdict == "proved" and v.method == "symbolic"


# ----------------------------------------------------------------------------- fixed points, numerically


def _map(w: list[Any], ws: list[Any], u: list[Any], eta: Any, c2: Any, beta: Any) -> list[Any]:
    c1 = 1 - eta * (c2 + beta)
    wh = [c1 * a + eta * (c2 * s + beta * b) for a, s, b in zip(w, ws, u, strict=True)]
    n = mpmath.sqrt(mpmath.fsum(t * t for t in wh))
    return [t / n for t in wh]


def test_relation_pair_is_fixed_exactly_below_eta_max_and_flipped_above() -> None:
    """R-fixed-point-relation / -eta-free: a relation pair is a fixed point for every eta with
    eta (c2 + beta - mu) < 1 and is sent to -w_bar beyond."""
    with mpmath.workdps(50):
        m = family_vectors(3, mpmath.mpf("0.05"))
        w, ws, u, c2, beta, mu = m["w_bar"], m["w_star"], m["u_bar"], m["c2"], m["beta"], m["mu"]
        eta_max = 1 / (c2 + beta - mu)
        for eta in (mpmath.mpf("0.1"), eta_max / 2, eta_max * mpmath.mpf("0.999")):
            assert max(abs(a - b) for a, b in zip(_map(w, ws, u, eta, c2, beta), w, strict=True)) < 1e-40
        flipped = _map(w, ws, u, eta_max * mpmath.mpf("1.001"), c2, beta)
        assert max(abs(a + b) for a, b in zip(flipped, w, strict=True)) < 1e-40


def _step(**kw: Any) -> dict[str, Any]:
    base = {"k": 1, "w": np.array([0.0, 1.0]), "w_star": np.array([0.0, 1.0]), "delta": 1.5,
            "lam": 0.075, "beta": 0.15, "eta": 1000.0, "penalty": "l1", "a": 1.0}
    base.update(kw)
    return base


def test_invariance_needs_c1_nonnegative() -> None:
    """With eta (k/(2pi) + beta) > 1 the step from w = w* overshoots to -w*; at c1 = 0 it does not."""
    bad = _step()
    assert H_C1_NONNEG.margin(bad, FLOAT) < 0
    assert FPC.s_invariance(bad, FLOAT) < -1.49  # theta_1 = pi: slack (pi - 1.5) - pi
    ok = _step(eta=0.999 / (1 / (2 * math.pi) + 0.15))
    assert all((h.margin(ok, FLOAT) > 0) if h.strict else (h.margin(ok, FLOAT) >= 0) for h in FPC.H_ONE_STEP)
    assert FPC.s_invariance(ok, FLOAT) > 0


def test_invariance_step_slack_at_the_cone_edge_for_each_operator() -> None:
    delta = 1.2
    s = np.array([1.0, 0.0, 0.0])
    th = (math.pi - delta) * (1 - 1e-9)
    w = np.array([math.cos(th), math.sin(th), 0.0])
    beta = math.sin(delta) / (2 * math.pi) * (1 - 1e-12)
    for pen in ("l1", "l0", "tl1"):
        p = _step(w=w, w_star=s, delta=delta, beta=beta, lam=0.05 * beta,
                  eta=1 / (1 / (2 * math.pi) + beta), penalty=pen)
        B = MpBackend(50)
        with B.context():
            assert FPC.s_invariance(to_mp(p), B) >= 0


# ----------------------------------------------------------------------------- best constants


def test_family_limits_are_the_proved_bounds() -> None:
    lim = family_limits()
    d = sp.Symbol("d", positive=True)
    assert lim["ratio_eq11"] == 1 and lim["C_eq25"] == 1
    assert sp.simplify(lim["ratio_eq12"] - constant_g(d)) == 0
    assert sp.simplify(family_limits(2)["ratio_eq12"] - (sp.sqrt(5) - sp.sqrt(2))) == 0


def test_g_is_between_one_half_and_one_and_increasing() -> None:
    vals = [float(constant_g(sp.Integer(d))) for d in (2, 3, 4, 10, 100, 10**6)]
    assert all(0.5 < v < 1 for v in vals)
    assert all(a < b for a, b in zip(vals, vals[1:], strict=False))


@pytest.mark.parametrize("cid", ["L5.6-eq11", "T1-eq12", "L5.6-eq25"])
def test_best_constant_records(cid: str) -> None:
    (r,) = best_constant_records(cid)
    assert {"constant", "printed", "best", "printed_is_enough", "method", "family", "limit"} <= set(r)
    assert r["method"].startswith("proved:")
    assert r["printed_is_enough"] is (cid == "L5.6-eq25")
    assert r["checks_50_digits"] and all(c["hypotheses_hold"] and c["closed_forms_agree"]
                                         for c in r["checks_50_digits"])
    with pytest.raises(KeyError):
        best_constant_records("L5.3-eq16")


def test_family_member_at_50_digits_is_inside_every_hypothesis() -> None:
    c = check_member(4, "1/1000")
    assert c["hypotheses_hold"] and c["closed_forms_agree"]
    g4 = float(constant_g(sp.Integer(4)))
    assert float(c["ratio_eq12"]) < g4 and g4 - float(c["ratio_eq12"]) < 1e-2
    assert all(c["hypotheses"].values())


# ----------------------------------------------------------------------------- certificates


def test_certificates_reject_a_wrong_identity_or_sign() -> None:
    x = sp.Symbol("x", real=True)
    h = sp.Symbol("h", nonnegative=True)
    ok = certify.certified("x^2 + 1 > 0", x**2 + 1, x**2 + 1, strict=True)
    assert ok.ok
    assert not certify.certified("wrong identity", x**2 + 1, x**2 + 2, strict=True).ok
    assert not certify.certified("wrong sign", x, x).ok  # x has no known sign
    assert certify.certified("x - x^2 >= 0 given h", x - x**2, h, defs={h: x - x**2}).ok
    assert not certify.impossible("not a contradiction", h + 1, defs={h: x**2}).ok
    assert certify.impossible("1 + x^2 = 0 is impossible", h + 1, defs={h: x**2},
                              relations=(x**2 + 1,)).ok


def test_vanishes_uses_the_relations() -> None:
    c, s = sp.symbols("c s", real=True)
    assert certify.vanishes(c**2 + s**2 - 1, (c**2 + s**2 - 1,))
    assert not certify.vanishes(c**2 - 1, (c**2 + s**2 - 1,))
    assert certify.vanishes(c**4 - (1 - s**2) ** 2, (c**2 + s**2 - 1,), (c,))


def test_general_family_limits_are_the_parameter_dependent_bounds() -> None:
    """At given b = (2pi/k) beta and sin(delta) the limits are the bounds the proofs give:
    (2pi/k) beta/sin(delta) for eq. (11) (L5.6-eq11+fix), K(d, b)/sin(delta) for eq. (12)
    (BC-eq12-sharp)."""
    from proofs.claims.arguments.best_constants import B_SYM, S_SYM, D
    from proofs.claims.arguments.eq12_sharp import constant_K

    gen = family_limits(general=True)
    assert sp.simplify(gen["ratio_eq11"] - B_SYM / S_SYM) == 0
    assert sp.simplify(gen["ratio_eq12"] - constant_K(D, B_SYM) / S_SYM) == 0
    assert gen["C_eq25"] == 1
    c = check_member(3, "1/100000", b="1/2", delta="pi/4")
    assert c["hypotheses_hold"] and c["closed_forms_agree"]
    bound = float(constant_K(sp.Integer(3), sp.Rational(1, 2)) / sp.sin(sp.pi / 4))
    assert 0 < bound - float(c["ratio_eq12"]) < 1e-3


def test_a_fixed_point_with_mu_negative_exists_so_the_run_matters() -> None:
    """w_bar = -w* (axis w*, l1) is a fixed point for small eta with mu < 0 and theta = pi: the limit
    claims are about limits of runs started inside (i) (R-mu-positive), not every fixed point."""
    with mpmath.workdps(50):
        c2 = 1 / (2 * mpmath.pi)
        beta, tau, eta = mpmath.mpf("0.1"), mpmath.mpf("0.01"), mpmath.mpf("0.5")
        ws, w = [mpmath.mpf(1), mpmath.mpf(0)], [mpmath.mpf(-1), mpmath.mpf(0)]
        u = [-(1 - tau), mpmath.mpf(0)]  # S_tau(w_bar)
        mu = mpmath.fsum((c2 * s + beta * ui) * wi for s, ui, wi in zip(ws, u, w, strict=True))
        assert mu < 0 and 1 - eta * (c2 + beta) + eta * mu > 0
        assert max(abs(a - b) for a, b in zip(_map(w, ws, u, eta, c2, beta), w, strict=True)) < 1e-45
