"""The command line: ``proofs report|ledger|show|bench`` (also ``python -m proofs``).

Thin: parses arguments, loads the paper's claim set (:mod:`proofs.claims`) and hands it to the
paper-agnostic engine. One module per subcommand; bad input is one line on stderr and exit
status 2 (:class:`~proofs.cli.errors.CliError`), never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from proofs.engine.claim import ClaimSet

from . import bench, check, ledger, report, show
from .errors import USAGE, CliError

__all__ = ["main", "version"]

EPILOG = """\
The ledger (verify/verdicts.toml) is looked for from the working directory upwards, in a
checkout of the project; --ledger PATH gives another. `proofs COMMAND --help` for a command's
options."""


def version() -> str:
    """The installed distribution's version, else ``proofs.__version__`` (a bare checkout)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("proofs")
    except PackageNotFoundError:
        from proofs import __version__

        return __version__


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Lists the commands one line each, without argparse's extra ``COMMAND`` header line."""

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        if action.nargs == argparse.PARSER:
            text = text.split("\n", 1)[1]
        return text


DESCRIPTION = """\
Check every claim of the RVSCGD paper: proved, refuted (with a counterexample confirmed at 50
and 100 digits and a corrected claim), unrefuted (with the search budget), or, for the
experiments, reproduced / not reproduced."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error reported in one line (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _prog() -> str:
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return "python -m proofs" if name in ("__main__.py", "-m", "") else "proofs"


def parser(prog: str = "proofs") -> argparse.ArgumentParser:
    p = _Parser(
        prog=prog,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=_Formatter,
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = p.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for mod in (report, ledger, show, check, bench):
        mod.add_parser(sub)
    return p


def _claim_set() -> ClaimSet:
    from proofs.claims import claim_set

    return claim_set()


def _run(args_in: list[str], prog: str) -> int:
    if args_in[:1] == ["bench"]:
        return bench.run(args_in[1:], prog=f"{prog} bench")
    if args_in[:1] == ["check"]:
        return check.run(args_in[1:], prog=f"{prog} check")
    p = parser(prog)
    args = p.parse_args(args_in)
    if args.command is None:  # like git: the help, on stderr, and a usage error
        p.print_help(sys.stderr)
        return USAGE
    commands = {"report": report.run, "ledger": ledger.run, "show": show.run}
    return commands[args.command](args, lambda: _claim_set())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    from proofs.engine.ledger import LedgerError

    args_in = list(sys.argv[1:] if argv is None else argv)
    prog = _prog()
    try:
        return _run(args_in, prog)
    except (CliError, LedgerError) as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print(f"{prog}: interrupted (files already written are left as they were)",
              file=sys.stderr)
        return 130
