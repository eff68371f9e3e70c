"""Proofs say what they cover, and a proof over less than the declared domain is an error."""

from __future__ import annotations

import sympy as sp
from hypothesis import strategies as st

from proofs.engine.claim import Claim, Hypothesis
from proofs.engine.cover import Cover, coverage_problems
from proofs.engine.decide import decide
from proofs.engine.domain import Domain
from proofs.engine.interval import SecondOrderPoint, interval_proof
from proofs.engine.proof import by_interval, by_sympy, cites, proof

x = sp.Symbol("x", real=True)
r = sp.Symbol("r", positive=True)
SIN_GAP = x - sp.sin(x)  # x >= sin x for x >= 0: equality at 0, slack'(0) = 0


def _claim(domain: str, prove: object, id: str = "toy-sin") -> Claim:
    return Claim(
        id=id, paper_ref="toy", section="Toy", statement="sin x <= x",
        variables=Domain(domain),
        slack=lambda p, B: p["x"] - B.sin(p["x"]),
        prove=prove,  # type: ignore[arg-type]
    )


def _cert(lo: object, hi: object) -> object:
    return interval_proof(SIN_GAP, {x: (lo, hi)}, zero_set_arguments=[SecondOrderPoint({x: 0})])


def test_a_certificate_over_the_whole_domain_proves_the_claim() -> None:
    v = decide(_claim("x in [0, 2]", lambda: _cert(0, 2)), "ci")
    assert (v.verdict, v.method) == ("proved", "interval"), v.summary
    assert v.evidence["proof"]["covers"]["ranges"] == [["x", "[0, 2]"]]


def test_a_certificate_over_a_smaller_box_is_an_error_never_proved() -> None:
    v = decide(_claim("x in [0, 3]", lambda: _cert(0, 2)), "ci")
    assert v.verdict == "error", v.summary
    assert "covers [0, 2]" in (v.error or "") and "declares [0, 3]" in (v.error or "")
    # the search found nothing (the claim is true): only the coverage stops the proof
    assert v.budget["examples_tried"] > 0


def test_an_unbounded_range_is_never_truncated() -> None:
    truncated = decide(_claim("x in [0, oo)", lambda: _cert(0, 10)), "ci")
    assert truncated.verdict == "error" and "[0, oo)" in (truncated.error or "")
    whole = decide(_claim("x in [0, oo)", lambda: _cert(0, "oo")), "ci")
    assert whole.verdict == "proved", whole.summary
    cover = whole.evidence["proof"]["covers"]
    assert cover["ranges"] == [["x", "[0, oo)"]] and "x = 1/u" in cover["transforms"][0]


def test_a_proof_that_records_no_domain_is_an_error_for_a_declared_claim() -> None:
    silent = lambda: proof([by_sympy("x - sin x >= 0 (a textbook fact)", True)])  # noqa: E731
    v = decide(_claim("x in [0, 1]", silent), "ci")
    assert v.verdict == "error" and "does not record the domain" in (v.error or "")
    stated = lambda: proof([by_sympy("x - sin x >= 0 (a textbook fact)", True)],  # noqa: E731
                           covers={"x": "[0, oo)"})
    assert decide(_claim("x in [0, 1]", stated), "ci").verdict == "proved"


def test_steps_hold_together_only_where_all_hold() -> None:
    both = lambda: proof([by_interval("on [0, 2]", _cert(0, 2)),  # noqa: E731
                          by_interval("on [0, 1]", _cert(0, 1))])
    v = decide(_claim("x in [0, 2]", both), "ci")
    assert v.verdict == "error" and "[0, 1]" in (v.error or "")


def test_symbolic_assumptions_and_for_all() -> None:
    dom = Domain("r in (0, oo)", "v in unit sphere of R^3")
    by_assumption = Cover.from_symbols([r])
    problems = coverage_problems(dom, by_assumption)
    assert problems == ["v: the proof says nothing about it (declared v in unit sphere of R^3)"]
    assert coverage_problems(dom, by_assumption.with_for_all({"v": "rotation invariance"})) == []
    assert coverage_problems(Domain("r in [0, oo)"), by_assumption)  # r = 0 is not covered
    assert coverage_problems(Domain("k integer >= 1"), Cover.box({"k": "[1, oo)"})) == []


def test_dependent_ranges_are_checked_by_certificate() -> None:
    dom = Domain("theta in [0, pi]", "t in [0, theta]")
    assert coverage_problems(dom, Cover.box({"theta": "[0, pi]", "t": "[0, pi]"})) == []
    short = coverage_problems(dom, Cover.box({"theta": "[0, pi]", "t": "[0, 3]"}))
    assert short and short[0].startswith("t: the proof covers [0, 3]")


def test_constraints_a_proof_assumes_must_be_stated_by_the_claim() -> None:
    cover = Cover.box({"x": "[0, 2]"}, constraints=("x <= 1",))
    assert coverage_problems(Domain("x in [0, 2]"), cover) == [
        "the proof assumes 'x <= 1', which the claim does not state"]
    assert coverage_problems(Domain("x in [0, 2]"), cover, stated=["x <= 1"]) == []
    c = _claim("x in [0, 2]", lambda: proof([by_interval("on [0, 2]", _cert(0, 2))], covers=cover))
    c = c.derive("toy-sin-assumes", add_hypotheses=(Hypothesis("x <= 1", lambda p, B: 1 - p["x"]),))
    assert decide(c, "ci").verdict == "proved"


def test_claims_without_declared_variables_are_unchanged() -> None:
    old = Claim(id="toy-old-proof", paper_ref="toy", section="Toy", statement="sin x <= x",
                hypotheses=(Hypothesis("x >= 0", lambda p, B: p["x"]),),
                strategy=lambda: st.floats(0, 3).map(lambda v: {"x": v}),
                slack=lambda p, B: p["x"] - B.sin(p["x"]),
                prove=lambda: _cert(0, 2))
    assert decide(old, "ci").verdict == "proved"  # nothing declared: nothing to compare with


def test_a_reduction_covers_an_unbounded_range_only_when_stated() -> None:
    def steps() -> list:
        return [by_interval("x - sin x >= 0 on [0, 2]", _cert(0, 2)),
                cites("toy-sin-large", "for x >= 2: sin x <= 1 < x")]

    silent = _claim("x in [0, oo)", lambda: proof(steps())).derive("toy-sin-silent", uses=("toy-sin-large",))
    assert decide(silent, "ci").verdict == "error"
    reason = "[0, 2] by the certificate, [2, oo) by toy-sin-large"
    stated = _claim("x in [0, oo)", lambda: proof(steps(), for_all={"x": reason})).derive(
        "toy-sin-reduced", uses=("toy-sin-large",))
    v = decide(stated, "ci")
    assert v.verdict == "proved" and v.evidence["proof"]["covers"]["for_all"] == {"x": reason}
