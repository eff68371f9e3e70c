"""Best constants: the record the report renders, and bisection with with_constants."""

from __future__ import annotations

from typing import Any

import pytest
import sympy as sp
from hypothesis import strategies as st

from proofs.engine.best import BestConstant, search_best_constant
from proofs.engine.claim import Claim, Constant, Hypothesis
from proofs.engine.decide import decide
from proofs.engine.report import attach_best_constants, render_markdown


def _bound(p: dict[str, Any], B: Any, c: Any) -> Any:
    x = B.scalar(p["x"])
    return c.C - x * (1 - x)  # x(1 - x) <= C on [0, 1]: the best C is 1/4, at x = 1/2


TOY = Claim(
    id="toy-best", paper_ref="toy", section="Toy", statement="x (1 - x) <= C on [0, 1]",
    hypotheses=(Hypothesis("x >= 0", lambda p, B: B.scalar(p["x"])),
                Hypothesis("x <= 1", lambda p, B: 1 - B.scalar(p["x"]))),
    strategy=lambda: st.floats(0, 1).map(lambda x: {"x": x}),
    slack=_bound,
    examples=({"x": 0.5},),
    constants=(Constant("C", "1/3", printed="1/3"),),
)


def test_bisection_brackets_the_best_constant() -> None:
    b = search_best_constant(TOY, "C", "0", "1", steps=5)
    assert b.refuted < sp.Rational(1, 4) <= b.unrefuted
    assert b.unrefuted - b.refuted == sp.Rational(1, 32)
    assert len(b.decisions) == 7 and b.decisions[0] == ("0", "refuted")
    assert b.counterexample is not None and abs(float(b.counterexample["x"]) - 0.5) < 0.5
    rec = b.record()
    assert rec.method.startswith("searched") and not rec.proved
    assert rec.printed == "1/3" and rec.printed_is_enough is None  # not refuted, not proved
    with pytest.raises(ValueError, match="not refuted"):
        search_best_constant(TOY, "C", "1/2", "1", steps=1)


def test_a_lower_bound_constant_bisects_from_above() -> None:
    lower = TOY.derive("toy-best-lower", slack=lambda p, B, c: B.scalar(p["x"]) + 1 - c.c,
                       constants_decl=(Constant("c", "1/2", sense="lower"),))
    b = search_best_constant(lower, "c", "0", "2", steps=3)  # best c = 1 (at x = 0)
    assert b.unrefuted <= 1 < b.refuted


def test_records_render_in_the_report_like_dicts() -> None:
    rec = BestConstant("C", "1/3", "1/4, attained at x = 1/2", "proved: toy-best (interval)", True)
    assert rec.proved and dict(rec)["best"].startswith("1/4") and rec["method"].startswith("proved")
    with pytest.raises(ValueError, match="must start with"):
        BestConstant("C", "1/3", "1/4", "guessed", True)
    claim = TOY.derive("toy-best-report", best_constants=lambda: [rec])
    v = decide(claim, "ci")
    attach_best_constants([claim], [v])
    md = render_markdown([v])
    assert "| `toy-best-report` | C | 1/3 | 1/4, attained at x = 1/2 | yes | proved: toy-best (interval) |" in md
