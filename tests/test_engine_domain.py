"""Declared variables (proofs.engine.domain): generated hypotheses with exact end points, a
strategy that reaches the boundary and stays inside, points realized at every precision, and
claims in the declared style next to the hand-written one."""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings

from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.claim import Claim, Hypothesis
from proofs.engine.confirm import check_hypotheses
from proofs.engine.decide import decide
from proofs.engine.domain import AtAngle, Domain, DomainError, Real
from proofs.engine.geometry import angle
from proofs.engine.points import ExactValue, to_mp
from proofs.engine.ranges import Range

DOMAIN = Domain(
    "theta in [pi/2, pi]",
    "r in (0, oo)",
    "t in [0, theta]",
    "k integer >= 1",
    "d integer in [2, 6]",
    "w1 in unit sphere of R^d",
    "w2 at angle theta from w1 with norm r",
)

_DRAWS = settings(max_examples=150, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))


def _draws(domain: Domain) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    @_DRAWS
    @given(domain.strategy())
    def collect(p: dict[str, Any]) -> None:
        out.append(p)

    collect()
    return out


def test_declarations_are_read_into_kinds_and_exact_ranges() -> None:
    assert DOMAIN.names == ("theta", "r", "t", "k", "d", "w1", "w2")
    assert DOMAIN["theta"].range == Range(sp.pi / 2, sp.pi)
    assert DOMAIN["r"].range.lo_open and DOMAIN["r"].range.hi == sp.oo
    assert DOMAIN["t"].range.free_names == ("theta",)
    assert DOMAIN["k"].range.text() == "integer >= 1"
    assert isinstance(DOMAIN["w2"], AtAngle) and DOMAIN["w2"].of == "w1"
    assert "w1 in unit sphere of R^d" in DOMAIN.describe()
    with pytest.raises(DomainError, match="not declared before"):
        Domain("t in [0, theta]", "theta in [0, pi]")
    with pytest.raises(DomainError, match="cannot read"):
        Domain("theta between 0 and pi")
    with pytest.raises(DomainError, match="inside \\[0, pi\\]"):
        Domain("a in [0, 4]", "v in unit sphere of R^3", "w at angle a from v")


def test_hypotheses_use_exact_end_points_at_50_digits() -> None:
    names = [h.name for h in DOMAIN.hypotheses()]
    assert names[:3] == ["theta >= pi/2", "theta <= pi", "r > 0"]
    built = {h.name for h in DOMAIN.hypotheses() if h.by_construction}
    assert {"|w1| = 1", "theta(w1, w2) = theta", "|w2| = r"} <= built
    lower = DOMAIN.hypotheses()[0]
    below = {"theta": float(sp.pi / 2)}  # the float nearest pi/2 is below pi/2
    assert below["theta"] < sp.pi / 2
    (m,) = check_hypotheses([lower], below)
    assert not m.holds and m.outside  # the exact end point, not the float one, is checked
    (m,) = check_hypotheses([lower], {"theta": ExactValue("pi/2")})
    assert m.holds and m.values[50] == 0


def test_strategy_stays_inside_and_reaches_the_boundary() -> None:
    points = _draws(DOMAIN)
    for p in points:
        for h in DOMAIN.hypotheses():
            ok = [h.margin(p, FLOAT) > 0 if h.strict else h.margin(p, FLOAT) >= 0]
            B = MpBackend(50)
            with B.context():
                m = h.margin(to_mp(p), B)
            ok.append(m > 0 if h.strict else m >= 0)
            assert all(ok), (h.name, p)
    thetas = [p["theta"] for p in points]
    assert ExactValue("pi/2") in thetas and ExactValue("pi") in thetas  # exact end points
    near_pi = [float(t) for t in thetas if 0 < float(sp.pi) - float(t) < 1e-9]
    assert near_pi  # near-degenerate angles
    rs = [float(p["r"]) for p in points]
    assert min(rs) < 1e-9 and max(rs) > 1e6  # tiny and huge scales
    assert any(p["t"] is p["theta"] or p["t"] == p["theta"] for p in points)  # t = theta exactly
    assert min(p["k"] for p in points) == 1


def test_points_are_realized_so_constructions_hold_at_high_precision() -> None:
    p = {"theta": 3.0, "r": 2.5, "t": 1.0, "k": 1, "d": 3,
         "w1": np.array([1.0, 1e-3, 0.0]), "w2": np.array([0.2, 1.0, 0.3])}
    for dps in (50, 100):
        B = MpBackend(dps)
        with B.context():
            real = DOMAIN.realize(to_mp(p), B)
            assert abs(B.norm(real["w1"]) - 1) < mpmath.mpf(10) ** (5 - dps)
            assert abs(angle(real["w1"], real["w2"], B) - 3) < mpmath.mpf(10) ** (5 - dps)
            assert abs(B.norm(real["w2"]) - mpmath.mpf("2.5")) < mpmath.mpf(10) ** (5 - dps)
    assert DOMAIN.realize(p, FLOAT)["w2"] is not p["w2"]  # the raw point is not changed


def _gap(p: dict[str, Any], B: Any) -> Any:
    """cos t - cos theta >= 0 for 0 <= t <= theta <= pi (cos decreases)."""
    return B.cos(p["t"]) - B.cos(p["theta"])


NEW_STYLE = Claim(
    id="toy-declared", paper_ref="toy", section="Toy", statement="cos t >= cos theta",
    variables=Domain("theta in [0, pi]", "t in [0, theta]"), slack=_gap,
)


def test_a_declared_claim_is_decided_and_its_variants_keep_the_domain() -> None:
    assert NEW_STYLE.domain == "theta in [0, pi]; t in [0, theta]"
    assert [h.name for h in NEW_STYLE.hypotheses] == ["theta >= 0", "theta <= pi", "t >= 0", "t <= theta"]
    assert decide(NEW_STYLE, "ci").verdict == "unrefuted"
    extra = NEW_STYLE.derive("toy-declared-half", add_hypotheses=(
        Hypothesis("theta <= pi/2", lambda p, B: B.pi / 2 - p["theta"]),))
    assert len(extra.hypotheses) == 5 and extra.strategy == NEW_STYLE.strategy
    with pytest.raises(ValueError, match="declared variables"):
        NEW_STYLE.derive("x", drop_hypotheses=["t >= 0"])
    wrong = NEW_STYLE.derive("toy-declared-wrong", variables=Domain("theta in [0, 2*pi]", "t in [0, theta]"))
    v = decide(wrong, "ci")
    assert v.verdict == "refuted" and sp.sympify(v.counterexample["theta"]) > sp.pi  # exact: 2*pi
    assert wrong.domain == "theta in [0, 2*pi]; t in [0, theta]"


def test_extra_hypotheses_see_realized_points() -> None:
    seen: list[Any] = []

    def record(p: dict[str, Any], B: Any) -> Any:
        seen.append(p["v"])
        return B.norm(p["v"]) - 1 + 1  # >= 0 always

    c = Claim(id="toy-realized", paper_ref="toy", section="Toy", statement="|v| = 1",
              variables=Domain("v in unit sphere of R^3"),
              hypotheses=(Hypothesis("seen", record),),
              slack=lambda p, B: B.allowance(1) - abs(B.norm(p["v"]) - 1))
    assert decide(c, "ci").verdict == "unrefuted"
    assert seen and all(abs(float(np.linalg.norm(np.asarray(v, dtype=float))) - 1) < 1e-15 for v in seen)


def test_a_construction_that_fails_at_high_precision_is_an_error() -> None:
    class Sloppy(Real):  # a Real whose 'realization' moves the point out of its range
        def realize(self, value: Any, real: Any, B: Any) -> Any:
            return B.scalar(value) + (B.scalar(1) if B.is_mp else 0)

        def margins(self) -> list[tuple[str, Any, bool]]:
            return [("x <= 1 (by construction)", lambda p, B: 1 - p["x"], False)]

    dom = Domain(Sloppy("x", Range(0, 1)))
    assert dom.hypotheses()[0].by_construction is False
    built = Hypothesis("x <= 1", dom.hypotheses()[0].margin, by_construction=True)
    c = Claim(id="toy-sloppy", paper_ref="toy", section="Toy", statement="x <= 1/2",
              hypotheses=(built,), strategy=dom.strategy, slack=lambda p, B: B.scalar(1) / 2 - p["x"])
    v = decide(c, "ci")
    assert v.verdict == "error" and "x <= 1" in (v.error or "")


def test_old_and_new_styles_state_the_same_claim() -> None:
    old = Claim(
        id="toy-old", paper_ref="toy", section="Toy", statement="cos t >= cos theta",
        reading="", domain="0 <= t <= theta <= pi",
        hypotheses=(Hypothesis("t >= 0", lambda p, B: p["t"]),
                    Hypothesis("t <= theta", lambda p, B: p["theta"] - p["t"]),
                    Hypothesis("theta <= pi", lambda p, B: B.pi - p["theta"])),
        # a declared domain's points, realized in float64, serve a hand-written claim too
        strategy=lambda: NEW_STYLE.variables.strategy().map(
            lambda p: NEW_STYLE.variables.realize(p, FLOAT)),
        slack=_gap,
    )
    assert old.variables is None and decide(old, "ci").verdict == decide(NEW_STYLE, "ci").verdict


def test_vectors_at_angles_from_one_vector_share_planes_sometimes() -> None:
    dom = Domain("t1 in (0, pi)", "t2 in (0, t1]", "s in unit sphere of R^4",
                 "w1 at angle t1 from s", "w2 at angle t2 from s")
    assert dom["w2"].siblings == ("w1",) and dom["w1"].siblings == ()
    seen = set()
    for p in _draws(dom):
        real = dom.realize(p, FLOAT)
        a, t1, t2 = angle(real["w1"], real["w2"], FLOAT), float(real["t1"]), float(real["t2"])
        if abs(a - (t1 - t2)) < 1e-9 and t2 > 1e-6:
            seen.add("same plane, same side")
        elif abs(a - min(t1 + t2, 2 * np.pi - t1 - t2)) < 1e-9 and t2 > 1e-6:
            seen.add("same plane, mirrored")
        else:
            seen.add("independent")
    assert seen == {"same plane, same side", "same plane, mirrored", "independent"}


def test_an_exact_coordinate_written_to_a_report_reads_back_exactly() -> None:
    """A counterexample at a declared end point (pi/2) is written "pi/2" and replayed as the exact
    value; labels (penalty names, readings) stay strings."""
    from proofs.engine.points import from_strings, to_strings

    point = {"theta": ExactValue("pi/2"), "x": ExactValue("sqrt(2)/3"), "penalty": "tl1", "reading": "eq3"}
    back = from_strings(to_strings(point))
    assert back == point
    assert from_strings({"v": "oo", "w": "E"}) == {"v": "oo", "w": "E"}  # not finite / not lower case
    # only numbers, operators and a few function names reach SymPy's parser (it evaluates Python)
    for text in ("abs(-3)", "exec(chr(49))"):  # abs would evaluate to 3: other names stay text
        assert from_strings({"x": text}) == {"x": text}
