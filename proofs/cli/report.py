"""``proofs report``: decide the claims, write ``verdicts.json``, ``REPORT.md``, ``ERRATA.md`` and
the proof graph.

Decide the claims and write verdicts.json, REPORT.md, ERRATA.md, the proof graph (proof-graph.png,
.svg) and the experiments' figures into --out. Each file is written atomically: an interrupted or
failed run leaves the previous ones intact.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import ClaimLoader, add_only, add_profile, add_quiet, subcommand
from .errors import CliError, select
from .paths import DEFAULT_REPORT_DIR, check_writable_dir
from .progress import progress

HELP = "decide the claims; write verdicts.json, REPORT.md, ERRATA.md and the proof graph"



def add_parser(sub: argparse._SubParsersAction) -> None:
    r = subcommand(sub, "report", HELP, __doc__)
    r.add_argument(
        "--out", default=str(DEFAULT_REPORT_DIR), metavar="DIR",
        help="output folder; its parent must exist (default: ./report)",
    )
    add_only(r)
    add_profile(r)
    r.add_argument(
        "--quick-experiments", action="store_true",
        help="run the reduced experiments (as the test profiles do) instead of the full ones",
    )
    r.add_argument(
        "--sampled", action="store_true",
        help="also run the (much heavier) sampled-gradient reproduction of the experiments",
    )
    add_quiet(r)


def run(args: argparse.Namespace, load_claims: ClaimLoader) -> int:
    from proofs.engine.claim import ExperimentContext
    from proofs.engine.decide import decide
    from proofs.engine.profiles import resolve
    from proofs.engine.report import attach_best_constants, attach_power, decide_all, write_report

    out = Path(args.out)
    check_writable_dir(out)
    cs = load_claims()
    claims = select(cs, args.only)
    out.mkdir(exist_ok=True)
    ctx = {
        "full": not args.quick_experiments,
        "out_dir": str(out),
        "options": {"sampled": True} if args.sampled else {},
    }
    with progress(len(claims), args.quiet) as observer:
        verdicts = decide_all(
            claims,
            args.profile,
            decider=lambda c, p: decide(c, p, ExperimentContext(profile=resolve(p), **ctx)),
            observer=observer,
        )
        attach_best_constants(claims, verdicts)
        attach_power(claims, verdicts, args.profile)
    try:
        write_report(verdicts, out, title=f"Claims report: {cs.name}", claim_set=cs)
    except OSError as exc:
        raise CliError(f"cannot write the report into {out}: {exc.strerror or exc}") from None
    if not args.quiet:
        graph = " and the proof graph" if (out / "proof-graph.png").exists() else ""
        print(f"wrote {out / 'verdicts.json'}, {out / 'REPORT.md'}, {out / 'ERRATA.md'}{graph}",
              file=sys.stderr)
    errors = [v.id for v in verdicts if v.verdict == "error"]
    if errors:  # the report is still written; the test suite is the gate
        print(f"warning: error verdicts: {', '.join(errors)}", file=sys.stderr)
    return 0
