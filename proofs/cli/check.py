"""``proofs check MODULE:NAME``: decide claims defined outside this paper's package.

The engine's loader (:func:`proofs.engine.loader.check_main`) parses its own arguments, so a
researcher's claims in any importable module (``examples.ste_claims:CLAIMS``) are decided the
same way from Python and from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

HELP = "decide claims from any module (MODULE[:NAME]), e.g. your own"


def add_parser(sub: argparse._SubParsersAction) -> None:
    # listed in `proofs --help`; main() hands `proofs check ARGS` to run() before parsing
    sub.add_parser("check", help=HELP, add_help=False)


def run(argv: Sequence[str], prog: str) -> int:
    import sys

    from proofs.engine.loader import check_main

    if "" not in sys.path and "." not in sys.path:  # modules of the working directory, as -m does
        sys.path.insert(0, "")
    return check_main(list(argv), prog=prog)
