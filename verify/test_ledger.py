"""Coverage of the registry and the ledger.

Every catalogue id has a registered claim; every registered claim has a ledger entry and a
section some test file covers; no ledger entry names an unregistered id; reasons are filled in;
the shipped catalogue snapshot equals ../shared/claims.md when that file exists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proofs.claims import CATALOGUE_PATH, catalogue_ids, claim_set
from proofs.engine import ledger
from proofs.engine.claim import VERDICTS

REPO = Path(__file__).resolve().parents[1]
SHARED_CATALOGUE = REPO.parent / "shared" / "claims.md"


def _registered() -> set[str]:
    return {c.id for c in claim_set().claims}


def test_every_catalogue_id_is_registered() -> None:
    missing = [i for i in catalogue_ids() if i not in _registered()]
    assert not missing, f"{len(missing)} catalogue ids have no registered claim: {missing}"


def test_every_registered_claim_has_a_ledger_entry() -> None:
    led = ledger.load()
    missing = sorted(_registered() - set(led))
    assert not missing, f"no entry in verify/verdicts.toml for: {missing}"


def test_no_ledger_entry_for_an_unregistered_id() -> None:
    extra = sorted(set(ledger.load()) - _registered())
    assert not extra, f"verify/verdicts.toml names unregistered ids: {extra}"


def test_ledger_entries_are_well_formed() -> None:
    bad = {
        e.id: e.verdict
        for e in ledger.load().values()
        if e.verdict not in VERDICTS or e.verdict == "error"
    }
    assert not bad, f"invalid expected verdicts: {bad}"
    unreasoned = [e.id for e in ledger.load().values() if not e.reason.strip()]
    assert not unreasoned, f"ledger entries without a reason: {unreasoned}"
    review = [e.id for e in ledger.load().values() if e.reason.startswith("REVIEW:")]
    assert not review, f"changed verdicts awaiting review (reason starts 'REVIEW:'): {review}"


def test_every_refuted_claim_names_its_fix() -> None:
    """A claim the ledger expects refuted has a corrected claim (links themselves are checked
    by ClaimSet when the registry is built)."""
    by_id = claim_set().by_id()
    unfixed = [
        cid for cid, e in ledger.load().items()
        if e.verdict == "refuted" and cid in by_id and by_id[cid].corrected_by is None
    ]
    assert not unfixed, f"refuted claims without a corrected claim: {unfixed}"


def test_catalogue_snapshot_is_current() -> None:
    if not SHARED_CATALOGUE.exists():
        pytest.skip(f"{SHARED_CATALOGUE} not present")
    assert CATALOGUE_PATH.read_text(encoding="utf-8") == SHARED_CATALOGUE.read_text(
        encoding="utf-8"
    ), "proofs/claims/catalogue.md differs from ../shared/claims.md: refresh the snapshot"
