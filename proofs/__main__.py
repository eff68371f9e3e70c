"""Command line: ``python -m proofs report|ledger|bench``.

Thin: parses arguments, loads the paper's claim set (:mod:`proofs.claims`), and hands it to the
paper-agnostic engine.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from proofs.engine import ledger
from proofs.engine.claim import ClaimSet, ExperimentContext
from proofs.engine.decide import decide
from proofs.engine.profiles import PROFILES, resolve
from proofs.engine.report import (
    UnknownClaim,
    attach_best_constants,
    decide_all,
    select,
    write_report,
)


def _claim_set() -> ClaimSet:
    from proofs.claims import claim_set

    return claim_set()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m proofs", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="decide the claims, write verdicts.json and REPORT.md")
    r.add_argument("--out", required=True, help="output directory")
    r.add_argument("--only", nargs="+", metavar="ID", help="decide only these claim ids")
    r.add_argument("--profile", choices=PROFILES, default=None, help="settings profile")
    r.add_argument(
        "--quick-experiments",
        action="store_true",
        help="run the reduced experiments (as the test profiles do) instead of the full ones",
    )
    r.add_argument(
        "--sampled",
        action="store_true",
        help="also run the (much heavier) sampled-gradient reproduction of the experiments",
    )
    g = sub.add_parser("ledger", help="compare with (or --update) verify/verdicts.toml")
    g.add_argument("--update", action="store_true", help="write the current verdicts")
    g.add_argument("--only", nargs="+", metavar="ID")
    g.add_argument("--profile", choices=PROFILES, default=None)
    g.add_argument("--path", default=str(ledger.DEFAULT_PATH), help="ledger file")
    sub.add_parser("bench", help="benchmarks (proofs.bench)", add_help=False)
    return p


def _bench(argv: list[str]) -> int:
    import inspect

    from proofs.bench import main as bench_main  # lazy: written separately

    if inspect.signature(bench_main).parameters:
        rc = bench_main(argv)
    else:
        sys.argv = ["python -m proofs bench", *argv]
        rc = bench_main()
    return int(rc or 0)


def _unknown(e: UnknownClaim) -> int:
    print(f"error: unknown claim id(s): {', '.join(e.ids)}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in[:1] == ["bench"]:
        return _bench(args_in[1:])
    args = _parser().parse_args(args_in)
    cs = _claim_set()
    try:
        claims = select(cs, args.only)
    except UnknownClaim as e:
        return _unknown(e)
    if args.command == "report":
        ctx = {
            "full": not args.quick_experiments,
            "out_dir": args.out,
            "options": {"sampled": True} if args.sampled else {},
        }
        verdicts = decide_all(
            claims,
            args.profile,
            decider=lambda c, p: decide(c, p, ExperimentContext(profile=resolve(p), **ctx)),
        )
        attach_best_constants(claims, verdicts)
    else:
        verdicts = decide_all(claims, args.profile)
    if args.command == "report":
        write_report(verdicts, args.out, title=f"Claims report: {cs.name}")
        print(f"wrote {args.out}/verdicts.json and {args.out}/REPORT.md", file=sys.stderr)
        errors = [v.id for v in verdicts if v.verdict == "error"]
        if errors:  # the report is still written; the test suite is the gate
            print(f"warning: error verdicts: {', '.join(errors)}", file=sys.stderr)
        return 0
    if args.update:
        for msg in ledger.update(verdicts, args.path, order=[c.id for c in cs.claims]):
            print(msg, file=sys.stderr)
        return 0
    mismatches = ledger.compare(verdicts, ledger.load(args.path))
    for m in mismatches:
        print(m, file=sys.stderr)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
