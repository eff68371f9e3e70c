"""``proofs ledger``: compare the current verdicts with the ledger, or ``--update`` it."""

from __future__ import annotations

import argparse
import sys

from .common import (
    ClaimLoader,
    add_catalogue,
    add_ledger,
    add_only,
    add_profile,
    add_quiet,
    catalogue,
)
from .errors import CliError, select
from .paths import check_writable_dir, ledger_path
from .progress import progress

HELP = "compare the verdicts with the ledger (or --update it)"


def add_parser(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("ledger", help=HELP, description=(
        "Decide the claims and compare the verdicts with the ledger of expected verdicts "
        "(without --only, also check that every catalogue id is registered and every ledger "
        "entry names a registered claim); or --update the ledger. Exit status: 0 all match, "
        "1 some differ, 2 bad input (no ledger, malformed ledger, unknown id or profile)."
    ))
    g.add_argument(
        "--update", action="store_true",
        help="rewrite the ledger from the current verdicts (keeps reasons; marks changes REVIEW)",
    )
    add_only(g)
    add_profile(g)
    add_ledger(g, aliases=("--path",))
    add_catalogue(g)
    add_quiet(g)


def run(args: argparse.Namespace, load_claims: ClaimLoader) -> int:
    from proofs.engine import ledger
    from proofs.engine.report import decide_all

    path = ledger_path(args.ledger)
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
    with progress(len(claims), args.quiet) as observer:
        verdicts = decide_all(claims, args.profile, observer=observer)
    if args.update:
        try:
            msgs = ledger.update(verdicts, path, order=[c.id for c in cs.claims])
        except OSError as exc:
            raise CliError(f"cannot write ledger {path}: {exc.strerror or exc}") from None
        for msg in msgs:
            print(msg, file=sys.stderr)
        if not args.quiet:
            print(f"updated {path} ({len(verdicts)} claims)", file=sys.stderr)
        return 0
    assert expected is not None
    problems = [str(m) for m in ledger.compare(verdicts, expected)]
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
