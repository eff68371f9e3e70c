"""``proofs ledger``: compare the current verdicts with the ledger, or ``--update`` it.

Decide the claims and compare the verdicts with the ledger of expected verdicts (without --only,
also check that every catalogue id is registered and every ledger entry names a registered claim);
or --update the ledger. Exit status: 0 all match, 1 some differ, 2 bad input (no ledger, malformed
ledger, unknown id or profile).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import (
    ClaimLoader,
    add_catalogue,
    add_ledger,
    add_only,
    add_profile,
    add_quiet,
    catalogue,
    subcommand,
)
from .errors import CliError, select
from .paths import check_writable_dir, ledger_path
from .progress import progress

HELP = "compare the verdicts with the ledger (or --update it)"



def add_parser(sub: argparse._SubParsersAction) -> None:
    g = subcommand(sub, "ledger", HELP, __doc__)
    g.add_argument(
        "--update", action="store_true",
        help="rewrite the ledger from the current verdicts (keeps reasons; marks changes REVIEW)",
    )
    g.add_argument(
        "--update-evidence", action="store_true",
        help="rewrite the pinned evidence (counterexamples, best constants, proof digests, "
        "experiment numbers) from the current verdicts; profile ci only",
    )
    g.add_argument(
        "--evidence", metavar="PATH", default=None,
        help="pinned evidence file (default: evidence.toml beside the ledger)",
    )
    add_only(g)
    add_profile(g)
    add_ledger(g, aliases=("--path",))
    add_catalogue(g)
    add_quiet(g)


def run(args: argparse.Namespace, load_claims: ClaimLoader) -> int:
    from proofs.engine import evidence, ledger
    from proofs.engine.profiles import CI, resolve
    from proofs.engine.report import attach_best_constants, decide_all

    path = ledger_path(args.ledger)
    ev_path = Path(args.evidence) if args.evidence else path.with_name("evidence.toml")
    pin = resolve(args.profile) == CI  # only the deterministic profile's evidence is pinned
    if args.update_evidence and not pin:
        raise CliError("--update-evidence pins the ci profile's evidence: drop --profile or use ci")
    if args.update:
        if not path.parent.is_dir():
            raise CliError(f"ledger {path}: folder {path.parent} does not exist")
        check_writable_dir(path.parent, "ledger folder")
        ledger.load(path, missing_ok=True)  # a malformed ledger is an error before any work
        expected = None
    else:
        expected = ledger.load(path)
    cs = load_claims()
    listed = catalogue(cs, args.catalogue)
    claims = select(cs, args.only)
    pinned = None
    if pin and not args.update_evidence and ev_path.exists():
        try:
            pinned = evidence.load(ev_path)
        except evidence.EvidenceError as exc:
            raise CliError(str(exc)) from None
    with progress(len(claims), args.quiet) as observer:
        verdicts = decide_all(claims, args.profile, observer=observer)
    attach_best_constants(claims, verdicts)  # pinned with the evidence
    order = [c.id for c in cs.claims]
    writers = [("evidence", ev_path, evidence.update)] if args.update_evidence else []
    writers += [("ledger", path, ledger.update)] if args.update else []
    for what, where, write in writers:
        try:
            msgs = write(verdicts, where, order=order)
        except OSError as exc:
            raise CliError(f"cannot write {what} {where}: {exc.strerror or exc}") from None
        for msg in msgs:
            print(msg, file=sys.stderr)
        if not args.quiet:
            print(f"updated {where} ({len(verdicts)} claims)", file=sys.stderr)
    if writers:
        return 0
    assert expected is not None
    problems = [str(m) for m in ledger.compare(verdicts, expected)]
    if pinned is not None:
        for v in verdicts:
            if v.id in pinned:
                problems += evidence.compare(v.id, pinned[v.id], evidence.fingerprint(v))
    if not args.only:  # coverage of the whole claim set
        registered = {c.id for c in cs.claims}
        problems += [
            f"{cid}: listed in the catalogue but not registered"
            for cid in listed if cid not in registered
        ]
        problems += [
            f"{cid}: ledger entry names no registered claim"
            for cid in sorted(set(expected) - registered)
        ]
    for m in problems:
        print(m, file=sys.stderr)
    if not problems and not args.quiet:
        print(f"{len(verdicts)} claims match {path}", file=sys.stderr)
    return 1 if problems else 0
