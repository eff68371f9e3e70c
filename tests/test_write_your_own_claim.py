"""The worked example of docs/write-your-own-claim.md (examples/ste_claims.py) runs as documented:
public names only, at most 20 lines a claim, decided from Python and from the command line,
and a constant tightened until the claim is refuted."""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import mpmath
import sympy as sp

from examples import ste_claims as ex
from proofs.engine.best import search_best_constant
from proofs.engine.decide import decide
from proofs.engine.equality import equals
from proofs.engine.loader import check_main, load_claims

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ste_claims.py"
DOC = ROOT / "docs" / "write-your-own-claim.md"
MAX_LINES = 20


def test_the_example_uses_public_engine_names_only() -> None:
    for node in ast.walk(ast.parse(EXAMPLE.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            module = node.module or ""
            assert node.level == 0 and not module.startswith(("proofs.claims", "proofs.model", "proofs.algorithm"))
            assert not any(part.startswith("_") for part in module.split(".")), module
            assert not any(a.name.startswith("_") for a in node.names), module
        elif isinstance(node, ast.Import):
            assert not any(a.name.startswith(("proofs.claims", "proofs.model")) for a in node.names)


def _blocks(text: str) -> dict[str, list[str]]:
    blocks = re.findall(r"# --- claim: (\S+) ---\n(.*?)# --- end ---", text, re.S)
    return {name: [ln for ln in body.splitlines() if ln.strip()] for name, body in blocks}


def test_each_claim_is_stated_in_at_most_20_lines() -> None:
    blocks = _blocks(EXAMPLE.read_text())
    assert set(blocks) == {c.id for c in ex.CLAIMS}
    for name, lines in blocks.items():
        assert len(lines) <= MAX_LINES, (name, len(lines))
    # the documentation shows the same code
    doc = DOC.read_text()
    for lines in blocks.values():
        assert all(ln in doc for ln in lines)


def test_decided_from_python() -> None:
    gate = decide(ex.RELU_GATE, "ci")
    assert (gate.verdict, gate.method) == ("unrefuted", "search"), gate.summary
    assert gate.budget["discarded_rounding_artefacts"] == 0  # no float artefact to re-check
    tangent = decide(ex.CDF_TANGENT, "ci")
    assert (tangent.verdict, tangent.method) == ("proved", "interval"), tangent.summary
    assert tangent.evidence["proof"]["covers"]["ranges"] == [["x", "[0, oo)"]]


def test_a_wrong_closed_form_is_refuted() -> None:
    # the same claim with 2 pi where sqrt(2 pi) belongs: the equality fails beyond every error bound
    typo = ex.RELU_GATE.another_reading("typo", slack=equals(
        ex.gate_integral, lambda p, B: p["r"] * B.cos(p["theta"] / 2) ** 2 / (2 * B.pi)))
    v = decide(typo, "ci")
    assert v.verdict == "refuted", v.summary
    assert mpmath.mpf(v.evidence["confirmation"]["value_100"]) < 0


def test_decided_from_the_command_line() -> None:
    assert [c.id for c in load_claims("examples.ste_claims:CLAIMS")] == ["STE-relu-gate", "STE-cdf-tangent"]
    out = io.StringIO()
    assert check_main(["examples.ste_claims:CLAIMS", "--profile", "ci"], out=out) == 0
    rows = [ln.split()[:3] for ln in out.getvalue().splitlines()[1:3]]
    assert rows == [["STE-relu-gate", "unrefuted", "search"], ["STE-cdf-tangent", "proved", "interval"]]


def test_a_constant_tightened_until_the_claim_is_refuted() -> None:
    slope = ex.CDF_TANGENT.constant("C")
    verdicts = []
    for rel in ("1/10**6", "1/10**3", "1/10"):  # ever stronger: C (1 - rel)
        v = decide(ex.CDF_TANGENT.with_constants(C=slope.tightened(rel).value), "ci")
        verdicts.append(v.verdict)
        if v.verdict == "refuted":
            break
    assert verdicts[-1] == "refuted" and "proved" not in verdicts  # with_constants keeps no proof
    x = sp.Rational(v.counterexample["x"])
    assert 0 < x < 1  # the tangent is sharp at 0: a smaller slope fails just to the right of 0
    bracket = search_best_constant(ex.CDF_TANGENT, "C", "1/4", "1/2", steps=4)
    assert bracket.refuted < 1 / sp.sqrt(2 * sp.pi) <= bracket.unrefuted
