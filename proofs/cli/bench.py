"""``proofs bench``: the benchmarks of :mod:`proofs.bench`, which parses its own arguments."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

HELP = "benchmarks of the algorithm layer, as JSON"


def add_parser(sub: argparse._SubParsersAction) -> None:
    # listed in `proofs --help`; main() hands `proofs bench ARGS` to run() before parsing
    sub.add_parser("bench", help=HELP, add_help=False)


def run(argv: Sequence[str], prog: str) -> int:
    from proofs.bench import main as bench_main  # lazy: numpy and the algorithm layer

    return int(bench_main(list(argv), prog=prog) or 0)
