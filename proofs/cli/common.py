"""Options several subcommands share, and loading the claim set they act on."""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Callable

from proofs.engine.claim import ClaimSet

from .errors import CliError
from .paths import catalogue_text

#: Loads the claim set a command acts on (the paper's; tests pass a toy one).
ClaimLoader = Callable[[], ClaimSet]


def subcommand(sub: argparse._SubParsersAction, name: str, help: str, doc: str | None) -> argparse.ArgumentParser:
    """The parser of ``proofs NAME``: its description is the command module's docstring
    (one text for the code reader and the ``--help`` reader)."""
    description = inspect.cleandoc(doc or "").replace("``", "")
    return sub.add_parser(name, help=help, description=description)


def add_profile(p: argparse.ArgumentParser, what: str = "settings profile") -> None:
    from proofs.engine.profiles import PROFILES

    p.add_argument(
        "--profile", choices=PROFILES, default=None, metavar="NAME",
        help=f"{what}: {', '.join(PROFILES)} (default: ci, deterministic)",
    )


def add_only(p: argparse.ArgumentParser) -> None:
    p.add_argument("--only", nargs="+", metavar="ID", help="only these claim ids")


def add_quiet(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-q", "--quiet", action="store_true",
        help="print nothing but errors (no progress bar, no per-claim lines)",
    )


def add_ledger(p: argparse.ArgumentParser, aliases: tuple[str, ...] = ()) -> None:
    p.add_argument(
        "--ledger", *aliases, dest="ledger", metavar="PATH", default=None,
        help="ledger of expected verdicts (default: verify/verdicts.toml of the checkout "
        "around the working directory)",
    )


def add_catalogue(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--catalogue", metavar="PATH", default=None,
        help="the paper's claim catalogue (default: the one shipped with the package)",
    )


def catalogue(claim_set: ClaimSet, path: str | None) -> tuple[str, ...]:
    """The catalogue ids a command checks against: those of ``path`` (``--catalogue``), else
    the claim set's own (read from the packaged catalogue). The claim set is left as it is: a
    catalogue listing unregistered ids is something to report, not a reason to fail."""
    if path is None:
        return tuple(claim_set.catalogue_ids)
    from proofs.claims import catalogue_ids

    text, where = catalogue_text(path)
    ids = catalogue_ids(text)
    if not ids:
        raise CliError(f"{where} lists no claim ids (a table with `ID` in its first column)")
    return ids
