"""Verification suite: one test per registered claim, checked against verify/verdicts.toml.

``test_claims.py`` holds one test, parametrized (here, in ``pytest_generate_tests``) over every
registered claim, in registration order (the paper's order); test id = claim id. The settings profile is Hypothesis's ``--hypothesis-profile`` (``dev``,
``ci``, ``thorough``; ``ci`` by default when ``CI=true``). At the end of the session a table of
verdicts is printed, grouped by section; data travels through ``user_properties`` so that it
works under pytest-xdist.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

import proofs.engine.profiles  # noqa: F401  (registers dev/ci/thorough before --hypothesis-profile)
from proofs.engine import evidence, ledger
from proofs.engine.decide import decide
from proofs.engine.power import check_power
from proofs.engine.profiles import CI, current_profile_name
from proofs.engine.report import attach_best_constants

EVIDENCE_PATH = ledger.DEFAULT_PATH.with_name("evidence.toml")

PROPERTY = "claim_verdict"


def _claims() -> Any:
    from proofs.claims import claim_set  # the paper's plug-in set (lazy: only the suite needs it)

    return claim_set()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "claim_id" not in metafunc.fixturenames:
        return
    ids = [c.id for c in _claims().claims]
    metafunc.parametrize("claim_id", ids, ids=ids)


@cache
def pinned_evidence() -> dict[str, dict[str, Any]]:
    """verify/evidence.toml (empty until it is first written)."""
    return evidence.load(EVIDENCE_PATH) if EVIDENCE_PATH.exists() else {}


@pytest.fixture(scope="session")
def expected_verdicts() -> dict[str, ledger.Expected]:
    return ledger.load()


@pytest.fixture
def check_claim(
    record_property: Callable[[str, object], None],
    expected_verdicts: dict[str, ledger.Expected],
) -> Callable[[str], None]:
    """Decide a claim and assert its verdict equals the ledger's; ``error`` always fails."""

    def check(claim_id: str) -> None:
        claim = _claims().by_id()[claim_id]
        v = decide(claim)
        exp = expected_verdicts.get(claim_id)
        pinned_ok, differences = True, []
        pin = current_profile_name() == CI  # only the deterministic profile's evidence is pinned
        if pin and v.verdict != "error":
            attach_best_constants([claim], [v])
            fp = evidence.fingerprint(v)
            pinned = pinned_evidence().get(claim_id)
            if pinned is None:
                if fp:
                    differences = [f"{claim_id}: no pinned evidence (run `python -m proofs ledger "
                                   "--update-evidence` and commit verify/evidence.toml with a reason)"]
            else:
                differences = evidence.compare(claim_id, pinned, fp)
            pinned_ok = not differences
        power = check_power(claim) if v.verdict == "unrefuted" else None
        record_property(
            PROPERTY,
            json.dumps(
                {
                    "id": v.id,
                    "paper_ref": v.paper_ref,
                    "section": v.section,
                    "verdict": v.verdict,
                    "expected": exp.verdict if exp else "(none)",
                    "method": v.method,
                    "seconds": v.seconds,
                    "power": power.line() if power else "",
                    "evidence": "pinned" if pin and pinned_ok else ("MOVED" if pin else "-"),
                }
            ),
        )
        detail = (
            f"{claim_id} ({v.paper_ref}): verdict {v.verdict!r} by {v.method}, "
            f"expected {exp.verdict if exp else '(no ledger entry)'!r}\n"
            f"summary: {v.summary}\n"
            f"counterexample: {json.dumps(v.counterexample, indent=1) if v.counterexample else None}\n"
            f"slack (50 digits): {v.slack}\nbudget: {v.budget}"
        )
        assert v.verdict != "error", f"error verdict: {v.error}\n{detail}"
        assert exp is not None, f"no entry in verify/verdicts.toml\n{detail}"
        assert v.verdict == exp.verdict, detail
        assert not differences, "pinned evidence moved (verify/evidence.toml):\n" + "\n".join(differences)
        if power is not None and power.status != "ok":
            assert exp.power is not None, (
                f"{claim_id} is unrefuted but its power check failed ({power.line()}): the search "
                "could not have seen a violation of that size. Strengthen the search, or mark the "
                "ledger entry power = \"weak: <reason>\"."
            )

    return check


_ROWS: list[dict[str, Any]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    for key, value in report.user_properties:
        if key == PROPERTY:
            _ROWS.append(json.loads(str(value)))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _ROWS:
        return
    tr = terminalreporter
    tr.section("claim verdicts")
    head = ("id", "paper location", "verdict", "expected", "method", "seconds", "evidence", "power")
    rank = {s: i for i, s in enumerate(section_order())}
    rows = sorted(_ROWS, key=lambda r: (rank.get(r["section"], len(rank)), r["section"], r["id"]))
    table = [[r["id"], r["paper_ref"], r["verdict"], r["expected"], r["method"], f"{r['seconds']:.2f}",
              r.get("evidence", ""), r.get("power", "")] for r in rows]
    widths = [max(len(h), *(len(t[i]) for t in table)) for i, h in enumerate(head)]

    def line(cells: Any) -> str:
        return " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True))

    section = None
    for r, t in zip(rows, table, strict=True):
        if r["section"] != section:
            section = r["section"]
            tr.write_line("")
            tr.write_line(f"{section}", bold=True)
            tr.write_line(line(head))
            tr.write_line("-+-".join("-" * w for w in widths))
        mark = "" if r["verdict"] == r["expected"] else "   <-- mismatch"
        tr.write_line(line(t) + mark)
    tr.write_line(f"\n{len(rows)} claims decided in {sum(r['seconds'] for r in rows):.1f} s")


def section_order() -> tuple[str, ...]:
    """Sections in the order their first claim is registered (the paper's order)."""
    return tuple(dict.fromkeys(c.section for c in _claims().claims))
