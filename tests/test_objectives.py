"""The search aims at what the claim says: each conjunct, and the ratio of a bound."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from proofs.engine.backend import FLOAT
from proofs.engine.claim import Claim, Constant, Hypothesis
from proofs.engine.decide import decide
from proofs.engine.objectives import Bound, Conjuncts, scores, slack_value


def test_structured_slacks_reduce_to_the_plain_slack() -> None:
    assert slack_value(Conjuncts(lo=0.5, hi=0.25)) == 0.25
    assert slack_value(Bound(3.0, 2.0, 1.0)) == -1.0
    assert dict(scores(Conjuncts(lo=1.0, hi=Bound(1.0, 2.0, 4.0)))) == {"lo: -slack": -1.0, "hi: ratio": 0.25}


def _two_sided(p: dict[str, Any], B: Any, c: Any) -> Any:
    """lo <= g(x) <= hi with g(x) = 1/(1 + x^2) on [0, 1000]: g ranges over (1e-6, 1]; the lower
    end is approached only at large x (the 'hard side')."""
    x = B.scalar(p["x"])
    g = 1 / (1 + x * x)
    return Conjuncts(low=g - c.lo, high=c.hi - g)


TWO_SIDED = Claim(
    id="toy-two-sided", paper_ref="toy", section="Toy", statement="lo <= 1/(1+x^2) <= 1",
    hypotheses=(Hypothesis("0 <= x <= 1000", lambda p, B: min(B.scalar(p["x"]), 1000 - B.scalar(p["x"]))),),
    strategy=lambda: st.floats(0, 1000).map(lambda x: {"x": x}),
    slack=_two_sided,
    constants=(Constant("lo", "1/2000000", sense="lower"), Constant("hi", "1")),
)


def test_each_side_of_a_two_sided_bound_is_reached() -> None:
    assert decide(TWO_SIDED, "ci").verdict == "unrefuted"
    # the hard side: lo tightened up to 1/1000 is refuted (needs x > 31.6)
    assert decide(TWO_SIDED.with_constants(lo="1/1000"), "ci").verdict == "refuted"
    assert decide(TWO_SIDED.with_constants(hi="999/1000"), "ci").verdict == "refuted"
    assert TWO_SIDED.evaluate({"x": 0.0}, FLOAT) == 0.0


def _ratio(p: dict[str, Any], B: Any, c: Any) -> Any:
    """sin(t)/t <= C on (0, 1]: the sup 1 is approached as t -> 0, where the absolute slack
    C t - sin t also goes to 0 and says nothing."""
    t = B.scalar(p["t"])
    return Bound(B.sin(t), c.C, t)


RATIO = Claim(
    id="toy-ratio", paper_ref="toy", section="Toy", statement="sin t <= C t",
    hypotheses=(Hypothesis("t > 0", lambda p, B: B.scalar(p["t"]), strict=True),
                Hypothesis("t <= 1", lambda p, B: 1 - B.scalar(p["t"]))),
    strategy=lambda: st.floats(1e-9, 1).map(lambda t: {"t": t}),
    slack=_ratio, constants=(Constant("C", "1"),),
)


def test_a_ratio_bound_is_searched_on_the_ratio() -> None:
    assert decide(RATIO, "ci").verdict == "unrefuted"
    v = decide(RATIO.with_constants(C="9999/10000"), "ci")
    assert v.verdict == "refuted", v.summary
