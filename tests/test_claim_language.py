"""The claim language: exact named constants, variants as differences, proof steps, links."""

from __future__ import annotations

from typing import Any

import mpmath
import pytest
from hypothesis import strategies as st

from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.claim import (
    Claim,
    ClaimSet,
    Constant,
    DuplicateClaimId,
    Hypothesis,
    InconsistentFix,
    LinkCycle,
    UnknownClaimLink,
    UnregisteredCatalogueId,
)
from proofs.engine.decide import decide
from proofs.engine.exact import InexactConstantError
from proofs.engine.graph import established
from proofs.engine.proof import by_sympy, cites, proof, prose


def _bound(p: dict[str, Any], B: Any, c: Any) -> Any:
    """x (1 - x) <= C on [0, 1]: true iff C >= 1/4 (attained at x = 1/2)."""
    x = B.scalar(p["x"])
    return c.C - x * (1 - x)


BOUND = Claim(
    id="toy-bound",
    paper_ref="toy",
    section="Toy",
    statement="x (1 - x) <= C on [0, 1]",
    reading="as printed",
    domain="x in [0, 1]",
    hypotheses=(
        Hypothesis("x >= 0", lambda p, B: B.scalar(p["x"])),
        Hypothesis("x <= 1", lambda p, B: 1 - B.scalar(p["x"])),
    ),
    strategy=lambda: st.floats(0, 1).map(lambda x: {"x": x}),
    slack=_bound,
    examples=({"x": 0.5},),
    constants=(Constant("C", "1/4", doc="sup of x(1-x)"),),
)


def test_constants_are_exact_and_evaluated_at_each_precision() -> None:
    c = Constant("L", "k/(4*pi)")
    B = MpBackend(50)
    with B.context():
        v = c.at({"k": 3}, B)
        assert abs(v - 3 / (4 * mpmath.pi)) < mpmath.mpf(10) ** -48
    assert c.at({"k": 3}, FLOAT) == pytest.approx(3 / (4 * 3.141592653589793))
    with pytest.raises(InexactConstantError, match="binary float"):
        Constant("L", 0.99)
    with pytest.raises(InexactConstantError, match="decimal literal"):
        Constant("L", "0.99")
    with B.context():  # 99/100 is exact at 50 digits (a float 0.99 would not be)
        assert Constant("C", "99/100").at({}, B) == mpmath.mpf(99) / 100


def test_d_defaults_to_the_dimension_of_the_points_vectors() -> None:
    import numpy as np

    assert Constant("r", "sqrt(d)").at({"w": np.zeros(4)}, FLOAT) == pytest.approx(2.0)


def test_with_constants_is_one_public_call_and_changes_the_verdict() -> None:
    assert decide(BOUND, "ci").verdict == "unrefuted"
    tighter = BOUND.with_constants(C="24/100")
    assert tighter.id == "toy-bound[C=6/25]"
    v = decide(tighter, "ci")
    assert v.verdict == "refuted"
    assert BOUND.constant("C").text() == "1/4"  # the base is unchanged
    assert tighter.constant("C").printed == BOUND.constant("C").printed


def test_tightened_moves_the_constant_in_the_strong_direction() -> None:
    up = Constant("C", "1/4", sense="upper").tightened("1/100")
    lo = Constant("c", "1/4", sense="lower").tightened("1/100")
    assert up.at({}, FLOAT) == pytest.approx(0.2475)
    assert lo.at({}, FLOAT) == pytest.approx(0.2525)


def test_derive_states_only_the_difference() -> None:
    r = BOUND.another_reading("half", drop_hypotheses=["x <= 1"],
                              add_hypotheses=(Hypothesis("x <= 1/2", lambda p, B: B.scalar(1) / 2 - B.scalar(p["x"])),))
    assert r.id == "toy-bound@half"
    assert [h.name for h in r.hypotheses] == ["x >= 0", "x <= 1/2"]
    assert r.slack is BOUND.slack and r.strategy is BOUND.strategy
    f = BOUND.fix(constants={"C": "1/3"})
    assert f.id == "toy-bound+fix" and f.corrects == "toy-bound"
    with pytest.raises(KeyError, match="no constants named"):
        BOUND.derive("x", constants={"K": "1"})
    with pytest.raises(KeyError, match="no hypotheses named"):
        BOUND.derive("x", drop_hypotheses=["nope"])


def _set(*claims: Claim, catalogue: tuple[str, ...] = ()) -> ClaimSet:
    return ClaimSet("toy", tuple(claims), catalogue)


def test_claim_set_validates_links() -> None:
    fix = BOUND.fix(constants={"C": "1/3"})
    cs = _set(BOUND, fix)
    assert cs.by_id()["toy-bound"].corrected_by == "toy-bound+fix"  # filled in from the fix
    with pytest.raises(DuplicateClaimId):
        _set(BOUND, BOUND)
    with pytest.raises(UnknownClaimLink, match="uses"):
        _set(BOUND.derive("a", uses=("missing",)))
    with pytest.raises(UnknownClaimLink, match="corrects"):
        _set(BOUND.derive("a+fix", corrects="missing"))
    with pytest.raises(InconsistentFix, match="corrected by both"):
        _set(BOUND, fix, BOUND.derive("other", corrects="toy-bound"))
    with pytest.raises(LinkCycle):
        _set(BOUND.derive("a", uses=("b",)), BOUND.derive("b", uses=("a",)))
    with pytest.raises(UnregisteredCatalogueId):
        _set(BOUND, catalogue=("toy-bound", "toy-missing"))


def _ok_proof() -> Any:
    return proof([by_sympy("1/4 - x(1-x) = (x - 1/2)^2", True), cites("toy-lemma", "a lemma")])


def test_a_prose_step_leaves_the_claim_unrefuted_with_the_argument() -> None:
    c = BOUND.derive("toy-prose", prove=lambda: proof([by_sympy("algebra", True), prose("by symmetry")]))
    v = decide(c, "ci")
    assert v.verdict == "unrefuted"
    assert "by symmetry" in v.summary
    assert v.evidence["proof"]["machine_checked"] is False


def test_machine_checked_steps_prove_and_undeclared_citations_are_errors() -> None:
    ok = BOUND.derive("toy-ok", prove=_ok_proof, uses=("toy-lemma",))
    assert decide(ok, "ci").verdict == "proved"
    undeclared = BOUND.derive("toy-undeclared", prove=_ok_proof)
    v = decide(undeclared, "ci")
    assert v.verdict == "error" and "uses" in (v.error or "")


def test_established_needs_every_used_claim_proved() -> None:
    lemma = BOUND.derive("toy-lemma", prove=lambda: proof([by_sympy("x", True)]))
    top = BOUND.derive("toy-top", prove=_ok_proof, uses=("toy-lemma",))
    vs = [decide(lemma, "ci"), decide(top, "ci")]
    assert established([lemma, top], vs) == {"toy-lemma": True, "toy-top": True}
    weak = BOUND.derive("toy-lemma", prove=lambda: proof([prose("trust me")]))
    vs = [decide(weak, "ci"), decide(top, "ci")]
    assert established([weak, top], vs) == {"toy-lemma": False, "toy-top": False}


def test_seeded_trials_are_reproducible_and_independent() -> None:
    # a minimiser no literal of any loaded module hits: each trial ends near it, differently
    plain = BOUND.derive("toy-no-examples", examples=(), constants_decl=(),
                         slack=lambda p, B: (B.scalar(p["x"]) - B.scalar("0.3183098861837907")) ** 2)
    a, b = decide(plain, "ci", seed=1), decide(plain, "ci", seed=1)
    assert a.evidence.get("min_slack_point") == b.evidence.get("min_slack_point")
    others = {str(decide(plain, "ci", seed=s).evidence.get("min_slack_point")) for s in range(2, 6)}
    assert len(others) > 1  # distinct trials explore differently


def test_parameter_names_that_sympy_calls_functions_are_symbols() -> None:
    c = Constant("K", "2*pi*beta/k")  # SymPy alone reads beta as the Beta function
    assert c.at({"k": 2, "beta": 0.5}, FLOAT) == pytest.approx(3.141592653589793 / 2)
    assert {str(s) for s in Constant("t", "lam/beta").expr.free_symbols} == {"lam", "beta"}


def test_a_proof_without_steps_proves_nothing() -> None:
    from proofs.engine.claim import ProofResult

    bare = BOUND.derive("toy-bare", prove=lambda: ProofResult(True, "symbolic", "trust me"))
    v = decide(bare, "ci")
    assert v.verdict == "unrefuted" and "lists no steps" in v.summary
