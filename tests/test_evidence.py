"""Pinned evidence: fingerprints of verdicts and readable differences."""

from __future__ import annotations

from pathlib import Path

import pytest
import toyclaims as toy

from proofs.engine import evidence
from proofs.engine.decide import decide
from proofs.engine.verdict import Verdict


def _refuted() -> Verdict:
    return decide(toy.TOY_SET.by_id()["toy-false"], "ci")


def test_fingerprint_pins_a_refutation_and_round_trips(tmp_path: Path) -> None:
    v = _refuted()
    fp = evidence.fingerprint(v)
    assert fp["slack"] == v.slack and fp["rel.slack"] == evidence.SLACK_REL
    assert any(k.startswith("point.") for k in fp)
    path = tmp_path / "evidence.toml"
    evidence.update([v], path)
    assert evidence.compare(v.id, evidence.load(path)[v.id], fp) == []


def test_a_moved_slack_is_reported_readably() -> None:
    v = _refuted()
    pinned = evidence.fingerprint(v)
    moved = dict(pinned, slack=str(float(v.slack) * (1 + 1e-6)))
    diff = evidence.compare(v.id, pinned, moved)
    assert len(diff) == 1 and "slack moved" in diff[0] and "pinned" in diff[0]
    tiny = dict(pinned, slack=str(float(v.slack) * (1 + 1e-14)) if v.slack != "0" else "0")
    assert evidence.compare(v.id, pinned, tiny) == []  # within the relative 1e-10


def test_pinned_numbers_use_their_own_tolerance() -> None:
    v = Verdict("x", "ref", "S", "reproduced", "experiment",
                evidence={"pinned": {"theta": {"value": "0.0495", "rel": "1e-3"}}})
    fp = evidence.fingerprint(v)
    assert evidence.compare("x", fp, dict(fp, **{"pinned.theta": "0.04951"})) == []
    assert evidence.compare("x", fp, dict(fp, **{"pinned.theta": "0.0496"}))


def test_proof_digest_changes_with_the_steps() -> None:
    a = [{"says": "x", "by": "sympy", "ok": True}]
    b = [{"says": "x", "by": "prose", "ok": True}]
    assert evidence.proof_digest(a) != evidence.proof_digest(b)
    assert evidence.proof_digest(a) == evidence.proof_digest([dict(a[0], detail="ignored")])


def test_new_and_gone_keys_are_named() -> None:
    assert "is new" in evidence.compare("x", {}, {"slack": "1"})[0]
    assert "is gone" in evidence.compare("x", {"slack": "1"}, {})[0]


def test_unreadable_files_raise_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(evidence.EvidenceError, match="does not exist"):
        evidence.load(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[x\n")
    with pytest.raises(evidence.EvidenceError, match="not valid TOML"):
        evidence.load(bad)


def test_errata_lists_failing_printed_claims_with_round_counterexamples() -> None:
    from proofs.engine.claim import ClaimSet
    from proofs.engine.errata import render_errata

    cs = ClaimSet("toy", toy.TOY_SET.claims, catalogue_ids=("toy-false", "toy-symbolic"))
    by_id = cs.by_id()
    vs = [decide(by_id[i], "ci") for i in ("toy-false", "toy-false+fix", "toy-symbolic")]
    md = render_errata(cs, vs, {"toy-false+fix": False})
    assert "## toy-false" in md and "## toy-symbolic" not in md
    assert "**Counterexample.**" in md and "fails by" in md
    assert "`toy-false+fix`, unrefuted" in md
