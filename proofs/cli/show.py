"""``proofs show ID``: one claim, its verdict and where it comes from, its counterexample and a
snippet that replays it.

Show one claim: the statement as printed, the reading checked, hypotheses, domain, verdict and
method (and where they come from), the counterexample at full precision, the corrected claim, the
claims it supports, notes, and Python code replaying the counterexample at 50 digits. The verdict
comes from --decide (decided now), else the report (--report DIR; default ./report/verdicts.json if
present), else the ledger's expected verdict.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the engine is imported when the command runs, not for --help
    from proofs.engine.claim import Claim
    from proofs.engine.ledger import Expected
    from proofs.engine.verdict import Verdict

from .common import ClaimLoader, add_catalogue, add_ledger, add_profile, catalogue, subcommand
from .errors import CliError, lookup
from .paths import default_ledger, report_json
from .snippet import replay_snippet

HELP = "one claim: statement, verdict, counterexample, replay code"
WIDTH = 100



def add_parser(sub: argparse._SubParsersAction) -> None:
    s = subcommand(sub, "show", HELP, __doc__)
    s.add_argument("id", metavar="ID", help="claim id, e.g. L3.1-value")
    src = s.add_mutually_exclusive_group()
    src.add_argument(
        "--report", metavar="DIR", default=None,
        help="read the verdict from this report folder (or its verdicts.json)",
    )
    src.add_argument("--decide", action="store_true", help="decide the claim now")
    add_profile(s, "settings profile for --decide")
    add_ledger(s)
    add_catalogue(s)


@dataclass
class Source:
    """The verdict shown and where it comes from."""

    verdict: Verdict | None
    where: str
    expected: Expected | None = None
    ledger: Path | None = None
    notes: list[str] = field(default_factory=list)


def _read_report(path: Path, claim_id: str) -> Verdict | None:
    from proofs.engine.verdict import Verdict

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"report {path} cannot be read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CliError(f"report {path} is not valid JSON: {exc}") from None
    if not isinstance(data, list) or not all(isinstance(d, dict) and "id" in d for d in data):
        raise CliError(f"report {path} is not a list of verdicts (written by proofs report?)")
    for d in data:
        if d["id"] == claim_id:
            try:
                return Verdict.from_dict(d)
            except TypeError as exc:
                raise CliError(f"report {path}: the entry of {claim_id} is malformed: {exc}") from None
    return None


def _when(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


def find_verdict(args: argparse.Namespace, claim: Claim) -> Source:
    """The verdict of ``claim``: decided now, from a report, or the ledger's expected one."""
    from proofs.engine import ledger

    led = Path(args.ledger) if args.ledger else default_ledger()
    expected = ledger.load(led).get(claim.id) if led is not None else None
    notes: list[str] = []
    if args.decide:
        from proofs.engine.decide import decide

        v = decide(claim, args.profile)
        where = f"decided now (profile {v.budget.get('profile', '?')}, {v.seconds:.2f} s)"
        return Source(v, where, expected, led)
    report = report_json(args.report)
    if report is not None:
        v = _read_report(report, claim.id)
        if v is not None:
            return Source(v, f"the report {report} (written {_when(report)})", expected, led)
        notes.append(f"{claim.id} is not in the report {report}")
    if expected is not None:
        where = f"the expected verdict in the ledger {led}; not decided now (--decide decides it)"
        return Source(None, where, expected, led, notes)
    if led is None:
        notes.append("no ledger (not inside a checkout; give --ledger PATH)")
    else:
        notes.append(f"{claim.id} has no entry in the ledger {led}")
    return Source(None, "not available (no report, no ledger entry); --decide decides it now",
                  None, led, notes)


def _fill(text: str, indent: str = "  ") -> str:
    """``text`` indented, its lines wrapped at WIDTH (words and formulas kept whole)."""
    return "\n".join(
        textwrap.fill(line, WIDTH, initial_indent=indent, subsequent_indent=indent,
                      break_on_hyphens=False, break_long_words=False) or indent
        for line in text.splitlines()
    )


def _wrap(label: str, text: str) -> list[str]:
    return [f"{label}:", _fill(text)] if text else [f"{label}: (none)"]


def _coords(point: dict[str, Any], indent: str = "  ") -> list[str]:
    lines: list[str] = []
    for k, val in point.items():
        if isinstance(val, dict):
            lines.append(f"{indent}{k}:")
            lines += _coords(val, indent + "  ")
        elif isinstance(val, list):
            flat = f"{indent}{k} = [{', '.join(map(str, val))}]"
            if len(flat) <= WIDTH:
                lines.append(flat)
            else:
                lines.append(f"{indent}{k} = [")
                lines += [f"{indent}    {x}," for x in val]
                lines.append(f"{indent}]")
        else:
            lines.append(f"{indent}{k} = {val}")
    return lines


def _ids(ids: Any) -> str:
    return ", ".join(ids) if ids else "(none)"


def render(claim: Claim, src: Source, catalogue_ids: tuple[str, ...]) -> str:
    """The text ``proofs show`` prints."""
    where = claim.paper_ref if claim.section in claim.paper_ref else (
        f"{claim.paper_ref}; {claim.section}"
    )
    L = [f"{claim.id}  ({where})", ""]
    L += _wrap("Statement (as printed)", claim.statement)
    L += _wrap("Reading checked", claim.reading)
    L.append("Hypotheses:" if claim.hypotheses else "Hypotheses: (none)")
    L += [f"  - {h.name}" + (" (strict)" if h.strict else "") for h in claim.hypotheses]
    declared = claim.variables.describe() if claim.variables is not None else None
    if declared is not None and claim.domain != declared:  # the claim's own text: where it searches
        L += _wrap("Domain (declared)", declared)
        L += _wrap("Searched", claim.domain)
    else:
        L += _wrap("Domain", claim.domain)
    if claim.constants:
        L.append("Constants:")
        for c in claim.constants:
            printed = "" if c.printed == c.value else f" (printed: {c.printed})"
            sense = "an upper bound" if c.sense == "upper" else "a lower bound"
            L.append(_fill(f"  - {c.name} = {c.value}{printed}, {sense}" + (f"; {c.doc}" if c.doc else "")))
        L.append(_fill(f"  (a variant: claim_set().by_id({claim.id!r}).with_constants("
                       f"{claim.constants[0].name}=\"...\"))"))
    L.append(f"Uses (its proof cites): {_ids(claim.uses)}")
    L.append("")
    v, e = src.verdict, src.expected
    if v is not None:
        est = "" if v.established is None else ("; established" if v.established else "; not established")
        L.append(f"Verdict: {v.verdict} ({v.method}){est if v.verdict == 'proved' else ''}")
        L.append(_fill(f"source: {src.where}"))
        if v.summary:
            L.append(_fill(f"why: {v.summary}"))
        if v.error:
            L.append(_fill(f"error: {v.error}"))
        if e is not None:
            same = e.verdict == v.verdict and (e.method is None or e.method == v.method)
            L.append(_fill(
                f"expected (ledger {src.ledger}): {e.verdict} ({e.method or 'any method'})"
                + ("" if same else "  <-- DIFFERS")
            ))
    elif e is not None:
        L.append(f"Verdict: {e.verdict} ({e.method or 'any method'})")
        L.append(_fill(f"source: {src.where}"))
    else:
        L.append(f"Verdict: {src.where}")
    if e is not None and e.reason:
        L.append(_fill("why expected: " + e.reason))
    L += [_fill(f"note: {n}") for n in src.notes]
    L.append("")
    family = v is not None and v.method == "unbounded-family"
    if v is not None and v.counterexample:
        L.append("Counterexample (full precision):")
        L += _coords(v.counterexample)
        label = "Ratio" if family else "Slack"
        L.append(f"{label} at 50 digits: {v.slack}")
    elif v is not None:
        L.append("Counterexample: none")
    else:
        L.append("Counterexample: not available without a report (--decide decides the claim "
                 "now; --report DIR reads a report)")
    L.append(f"Corrected by: {claim.corrected_by or '(none)'}")
    L.append(f"Corrects: {claim.corrects or '(none)'}")
    L.append(f"Supports: {_ids(claim.supports)}")
    listed = claim.id in catalogue_ids
    L.append("Catalogue: " + ("listed" if listed else "not listed (a reading or a corrected claim)"))
    L += _wrap("Notes", claim.notes)
    if v is not None and v.counterexample:
        L += ["", "Replay the counterexample at 50 digits (Python):", ""]
        L += ["    " + line if line else "" for line in
              replay_snippet(claim.id, v.counterexample, family).splitlines()]
    return "\n".join(L) + "\n"


def run(args: argparse.Namespace, load_claims: ClaimLoader) -> int:
    if args.profile is not None and not args.decide:
        raise CliError("--profile applies only with --decide")
    report_json(args.report)  # a bad --report is an error before the claims load
    cs = load_claims()
    listed = catalogue(cs, args.catalogue)
    claim = lookup(cs, args.id)
    src = find_verdict(args, claim)
    print(render(claim, src, listed), end="")
    return 0
