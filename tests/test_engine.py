"""The claims engine on a toy claim set (tests/toyclaims.py), not the paper."""

from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path

import mpmath
import pytest
import toyclaims as toy

from proofs.engine import ledger
from proofs.engine.confirm import confirm
from proofs.engine.decide import decide
from proofs.engine.profiles import MIN_EXAMPLES, claim_budget, profile_settings
from proofs.engine.verdict import Verdict, load_verdicts

ENGINE = Path(__file__).resolve().parents[1] / "proofs" / "engine"


def test_false_inequality_is_refuted_with_confirmed_shrunk_counterexample() -> None:
    v = decide(toy.FALSE, "ci")
    assert v.verdict == "refuted" and v.method == "search", v.summary
    assert v.counterexample == {"x": "11.0"}  # shrunk: the simplest float above 10.5
    assert mpmath.mpf(v.slack) == mpmath.mpf("-0.5")
    conf = v.evidence["confirmation"]
    assert mpmath.mpf(conf["value_100"]) < 0
    assert conf["hypothesis_margins_50"]["x>=0"] == "11.0"
    # the confirmation is reproducible from the reported point alone
    again = confirm(toy.FALSE, {"x": float(v.counterexample["x"])})
    assert again.confirmed


def test_rounding_artefacts_are_discarded_not_refutations() -> None:
    assert (1.4954954954954955 * (1 / 3)) * 3 - 1.4954954954954955 < 0  # false in float64
    v = decide(toy.ROUNDING, "ci")
    assert v.verdict == "unrefuted" and v.method == "search", v.summary
    assert v.budget["discarded_rounding_artefacts"] >= 2
    assert v.budget["examples_tried"] >= v.budget["explicit_examples"] == 2
    assert "discarded as rounding artefacts" in v.summary
    c = confirm(toy.ROUNDING, {"x": 1.4954954954954955})
    assert not c.confirmed and "rounding" in c.reason


def test_nan_slack_is_an_error() -> None:
    v = decide(toy.NAN, "ci")
    assert v.verdict == "error" and "nan" in (v.error or "")
    assert float(v.evidence["error_point"]["x"]) >= 5


def test_exception_in_slack_is_an_error() -> None:
    v = decide(toy.RAISES, "ci")
    assert v.verdict == "error" and "ZeroDivisionError" in (v.error or "")


def test_strategy_outside_hypotheses_is_an_error() -> None:
    v = decide(toy.OUTSIDE, "ci")
    assert v.verdict == "error"
    assert v.error == "strategy produced a point outside hypothesis 'x>=0'"
    assert float(v.evidence["error_point"]["x"]) < 0


def test_symbolic_proof_gives_proved() -> None:
    v = decide(toy.SYMBOLIC, "ci")
    assert (v.verdict, v.method) == ("proved", "symbolic")
    assert v.budget["examples_tried"] > 0  # the search ran too


def test_proof_and_counterexample_conflict_is_an_error() -> None:
    v = decide(toy.CONFLICT, "ci")
    assert v.verdict == "error" and "proof/counterexample conflict" in (v.error or "")


def test_unbounded_family_refutes_existential_constant() -> None:
    v = decide(toy.UNBOUNDED, "ci")
    assert (v.verdict, v.method) == ("refuted", "unbounded-family"), v.summary
    assert mpmath.mpf(v.counterexample["x"]) == mpmath.mpf("1e-16")
    assert mpmath.mpf(v.slack) == mpmath.mpf("1e16")
    ratios = [mpmath.mpf(r["ratio"]) for r in v.evidence["family"]]
    assert ratios == sorted(ratios) and len(ratios) == 4
    assert v.evidence["family_limit"]["ok"] is True


def test_printed_constant_exceeded_is_refuted() -> None:
    v = decide(toy.PRINTED, "ci")
    assert (v.verdict, v.method) == ("refuted", "search")
    assert float(v.counterexample["x"]) > 5


def test_existential_without_family_reports_sup() -> None:
    v = decide(toy.BOUNDED, "ci")
    assert v.verdict == "unrefuted"
    assert "sup of the ratio found" in v.summary
    assert 9 < float(v.budget["best_float_ratio"]) <= 10


def test_experiment_and_no_route() -> None:
    v = decide(toy.EXPERIMENT, "ci")
    assert (v.verdict, v.method) == ("reproduced", "experiment")
    assert v.summary == "ran under ci" and v.evidence["table"] == [1, 2]
    assert decide(toy.NOTHING, "ci").verdict == "error"


def test_determinism_under_ci() -> None:
    for claim in (toy.FALSE, toy.ROUNDING, toy.PRINTED):
        a, b = decide(claim, "ci"), decide(claim, "ci")
        assert a.comparable() == b.comparable()


def test_budget_follows_profile_and_search_scale() -> None:
    assert claim_budget("ci", 1.0) == profile_settings("ci").max_examples
    assert claim_budget("ci", 4.0) == profile_settings("ci").max_examples // 4
    assert claim_budget("ci", 1e9) == MIN_EXAMPLES
    assert claim_budget("thorough", 1.0) >= 20 * claim_budget("ci", 1.0)
    assert profile_settings("ci").derandomize and profile_settings("ci").database is None
    with pytest.raises(ValueError):
        claim_budget("nope", 1.0)


def test_confirm_converts_floats_exactly_and_checks_strict_hypotheses() -> None:
    c = confirm(toy.FALSE, {"x": 10.6})
    assert c.confirmed
    with mpmath.workdps(100):
        assert c.slack[100] == mpmath.mpf("10.5") - mpmath.mpf(10.6)  # 10.6's exact binary
        assert c.slack[100] != mpmath.mpf("10.5") - mpmath.mpf("10.6")
    # a decimal string is parsed at the working precision
    with mpmath.workdps(100):
        assert abs(confirm(toy.FALSE, {"x": "10.6"}).slack[100] + mpmath.mpf("0.1")) < 1e-95
    # strict hypothesis with margin exactly 0 does not hold
    from proofs.engine.confirm import check_hypotheses

    (m,) = check_hypotheses(toy.UNBOUNDED.hypotheses, {"x": 0.0})
    assert not m.holds and m.outside


def test_verdict_json_round_trip() -> None:
    v = decide(toy.FALSE, "ci")
    [w] = load_verdicts(json.dumps([v.to_dict()]))
    assert w.to_dict() == json.loads(v.to_json())
    assert isinstance(w, Verdict)


def test_ledger_catches_changed_verdict(tmp_path: Path) -> None:
    path = tmp_path / "verdicts.toml"
    ledger.write([ledger.Expected("toy-false", "unrefuted", "search", 'was "fine"\\ok')], path)
    led = ledger.load(path)
    assert led["toy-false"].reason == 'was "fine"\\ok'  # writer escapes, tomllib reads back
    v = decide(toy.FALSE, "ci")
    [m] = ledger.compare([v], led)
    assert (m.kind, m.expected, m.actual) == ("verdict", "unrefuted", "refuted")
    msgs = ledger.update([v], path)
    e = ledger.load(path)["toy-false"]
    assert e.verdict == "refuted" and e.reason.startswith("REVIEW: was unrefuted")
    assert any("changed" in s for s in msgs)
    assert ledger.compare([v], ledger.load(path)) == []
    assert path.read_text().startswith("# Expected verdicts")


def test_ledger_update_keeps_reason_and_skips_errors(tmp_path: Path) -> None:
    path = tmp_path / "verdicts.toml"
    ledger.write([ledger.Expected("toy-nan", "unrefuted", "search", "kept")], path)
    ledger.update([decide(toy.NAN, "ci"), decide(toy.FALSE_FIX, "ci")], path)
    led = ledger.load(path)
    assert led["toy-nan"] == ledger.Expected("toy-nan", "unrefuted", "search", "kept")
    assert led["toy-false+fix"].verdict == "unrefuted" and led["toy-false+fix"].reason == ""


FORBIDDEN = ("proofs.model", "proofs.claims", "proofs.algorithm")


def _imports(path: Path) -> list[str]:
    package = ["proofs", *path.relative_to(ENGINE.parent).parent.parts]  # e.g. proofs.engine.interval
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names.append(node.module or "")
            else:  # relative: resolve against the module's package
                parts = package[: len(package) - node.level + 1]
                names.append(".".join([*parts, *([node.module] if node.module else [])]))
                names += [".".join([*parts, a.name]) for a in node.names if not node.module]
    return names


def test_engine_imports_nothing_paper_specific() -> None:
    files = sorted(ENGINE.rglob("*.py"))
    assert len(files) > 20 and any(f.parent.name == "interval" for f in files)
    bad = {
        str(f.relative_to(ENGINE)): n
        for f in files
        for n in _imports(f)
        if any(n == m or n.startswith(m + ".") for m in FORBIDDEN)
    }
    assert not bad, f"engine modules import paper-specific code: {bad}"
    assert "proofs.engine.claim" in _imports(ENGINE / "interval" / "branch_bound.py")


def test_strict_conclusion_with_zero_slack_is_refuted() -> None:
    v = decide(toy.STRICT, "ci")
    assert (v.verdict, v.method) == ("refuted", "search")
    assert mpmath.mpf(v.slack) == 0 and v.counterexample == {"x": "0.0"}


def test_explicit_example_outside_hypotheses_is_an_error() -> None:
    bad = dataclasses.replace(toy.FALSE, id="toy-bad-example", examples=({"x": -1.0},))
    v = decide(bad, "ci")
    assert v.verdict == "error" and v.error == "explicit example #0 is outside hypothesis 'x>=0'"


def test_experiment_receives_context_with_artefact_dir(tmp_path: Path) -> None:
    """An experiment claim gets the profile, the full/reduced choice and where to write files."""
    import dataclasses

    from proofs.engine.claim import ExperimentContext, ExperimentResult

    seen: list[ExperimentContext] = []

    def experiment(ctx: ExperimentContext) -> ExperimentResult:
        seen.append(ctx)
        path = ctx.artefact_path("figure.png")
        Path(path).write_text("png")
        return ExperimentResult(True, "ok", artefacts=(path,))

    claim = dataclasses.replace(toy.EXPERIMENT, experiment=experiment)
    v = decide(claim, "ci", ExperimentContext(profile="ci", full=True, out_dir=str(tmp_path)))
    assert seen[0].full and seen[0].profile == "ci"
    assert v.evidence["artefacts"] == [str(tmp_path / "figure.png")]
    assert (tmp_path / "figure.png").read_text() == "png"
    # without a context, only the thorough profile runs the full experiment
    decide(claim, "ci")
    assert seen[-1].full is False


def test_best_constants_reach_the_report() -> None:
    """Best-constant records are attached for the report; a failing one is recorded, not hidden."""
    import dataclasses

    from proofs.engine.report import attach_best_constants, render_markdown

    good = dataclasses.replace(
        toy.SYMBOLIC,
        best_constants=lambda: [{"constant": "C", "printed": "1/2", "best": "1",
                                 "printed_is_enough": False, "method": "toy"}],
    )
    bad = dataclasses.replace(toy.FALSE, best_constants=lambda: 1 / 0)
    verdicts = [decide(good, "ci"), decide(bad, "ci")]
    attach_best_constants([good, bad], verdicts)
    md = render_markdown(verdicts)
    assert "## Best constants" in md
    assert f"| `{good.id}` | C | 1/2 | 1 | no | toy |" in md
    assert "ZeroDivisionError" in verdicts[1].evidence["best_constants_error"]
