"""Power checks: the search must refute a deliberately false variant of an unrefuted claim."""

from __future__ import annotations

from test_claim_language import BOUND

from proofs.engine.claim import Hypothesis
from proofs.engine.power import check_power, dropped_hypotheses, past_best, perturbed, power_spec


def test_default_power_tightens_constants_and_is_refuted() -> None:
    r = check_power(BOUND, "ci")
    assert r.status == "ok", r
    assert r.variant_id == "toy-bound[C=99/400]"
    assert r.examples is not None and r.examples >= 1
    assert r.line().startswith("power: refutes toy-bound[C=99/400] after")


def test_a_search_that_cannot_see_the_violation_is_weak() -> None:
    # a strategy that never leaves x <= 1/10 cannot see x(1-x) > 0.2475 near x = 1/2
    blind = BOUND.derive("toy-blind", strategy=lambda: __import__("hypothesis").strategies.floats(0, 0.1).map(lambda x: {"x": x}))
    r = check_power(blind, "ci")
    assert r.status == "weak" and "did not refute" in r.line()


def test_declared_perturbations() -> None:
    assert check_power(BOUND.derive("a", power=past_best(C="24/100")), "ci").status == "ok"
    narrow = BOUND.derive("b", add_hypotheses=(Hypothesis("x <= 1/10", lambda p, B: B.scalar(1) / 10 - B.scalar(p["x"])),),
                          constants={"C": "1/10"})
    # under x <= 1/10 the claim with C = 1/10 holds; without that hypothesis it is false
    r = check_power(narrow.derive("b2", power=dropped_hypotheses("x <= 1/10")), "ci")
    assert r.status == "ok"
    shifted = perturbed("C shifted to 0", lambda c: c.with_constants(C="0"))
    assert check_power(BOUND.derive("c", power=shifted), "ci").status == "ok"
    assert power_spec(BOUND.derive("d", constants_decl=())) is None
