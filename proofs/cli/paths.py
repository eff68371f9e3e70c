"""Where a command finds its inputs: the ledger of a checkout, the catalogue, a report.

The ledger belongs to a checkout of the project, not to the installed package: the default is
``verify/verdicts.toml`` of the nearest folder, from the current working directory upwards,
that holds it next to this project's ``pyproject.toml``. The catalogue is package data
(:data:`proofs.claims.CATALOGUE_PATH`, found with importlib.resources); ``--catalogue``
replaces it.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path

from .errors import CliError

PROJECT = "proofs"
LEDGER_IN_CHECKOUT = Path("verify") / "verdicts.toml"
REPORT_JSON = "verdicts.json"
#: Report folder ``proofs report`` writes by default and ``proofs show`` reads by default.
DEFAULT_REPORT_DIR = Path("report")


def _is_this_project(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    project = data.get("project")
    return isinstance(project, dict) and project.get("name") == PROJECT


def find_checkout(start: Path | None = None) -> Path | None:
    """The nearest folder, from ``start`` (default: the working directory) upwards, holding
    ``verify/verdicts.toml`` and the ``pyproject.toml`` of this project; None if there is none."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / LEDGER_IN_CHECKOUT).is_file() and _is_this_project(d / "pyproject.toml"):
            return d
    return None


def default_ledger(start: Path | None = None) -> Path | None:
    """``verify/verdicts.toml`` of the checkout around ``start``, or None outside a checkout."""
    root = find_checkout(start)
    return None if root is None else root / LEDGER_IN_CHECKOUT


def ledger_path(explicit: str | None, start: Path | None = None) -> Path:
    """The ledger a command uses: ``explicit`` (``--ledger``) or the checkout's; a
    :class:`CliError` when neither exists."""
    if explicit:
        return Path(explicit)
    found = default_ledger(start)
    if found is None:
        raise CliError(
            f"no ledger: {start or Path.cwd()} is not inside a checkout of {PROJECT} "
            f"(no {LEDGER_IN_CHECKOUT} next to its pyproject.toml); give --ledger PATH"
        )
    return found


def catalogue_text(explicit: str | None) -> tuple[str, str]:
    """``(text, where)`` of the catalogue: ``explicit`` (``--catalogue``) or the packaged one."""
    if explicit is None:
        from proofs.claims import CATALOGUE_PATH

        return CATALOGUE_PATH.read_text(encoding="utf-8"), "the packaged catalogue"
    p = Path(explicit)
    try:
        return p.read_text(encoding="utf-8"), f"catalogue {p}"
    except FileNotFoundError:
        raise CliError(f"catalogue {p} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CliError(f"catalogue {p} cannot be read: {why}") from None


def report_json(explicit: str | None) -> Path | None:
    """The ``verdicts.json`` a command reads: of ``explicit`` (``--report``: a report folder or
    the file itself; a :class:`CliError` if it has none), else ``./report/verdicts.json`` if it
    exists, else None."""
    if explicit is None:
        p = DEFAULT_REPORT_DIR / REPORT_JSON
        return p if p.is_file() else None
    p = Path(explicit)
    if p.is_dir():
        p = p / REPORT_JSON
    if not p.is_file():
        raise CliError(f"report {explicit} has no {REPORT_JSON} (write one with proofs report)")
    return p


def check_writable_dir(out: Path, what: str = "--out") -> None:
    """``out`` can be created or written into: it is a writable folder, or it does not exist
    and its parent is a writable folder. Otherwise a :class:`CliError` naming the problem.
    (Checked before any work, so a long run does not fail at its last step.)"""
    if out.exists():
        if not out.is_dir():
            raise CliError(f"{what} {out} exists and is not a folder")
        target = out
    else:
        target = out.parent
        if not target.exists():
            raise CliError(f"{what} {out}: its parent folder {target} does not exist")
        if not target.is_dir():
            raise CliError(f"{what} {out}: {target} is not a folder")
    try:
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as exc:
        raise CliError(
            f"{what} {out}: folder {target} is not writable ({exc.strerror or exc})"
        ) from None
    if not os.access(target, os.W_OK | os.X_OK):
        raise CliError(f"{what} {out}: folder {target} is not writable")
