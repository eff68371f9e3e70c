"""Errors the command line reports in one line (exit status 2), and claim-id lookup."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from proofs.engine.claim import Claim, ClaimSet

#: Exit status of a command given bad input (as argparse uses for a usage error).
USAGE = 2


class CliError(Exception):
    """Bad input to a command: the message is one line naming the problem; exit status 2."""


def unknown_ids_message(ids: Sequence[str], known: Iterable[str]) -> str:
    """One line naming each unknown id with its closest registered ids (difflib)."""
    pool = list(known)
    parts = []
    for i in ids:
        close = difflib.get_close_matches(i, pool, n=3, cutoff=0.6)
        hint = f"closest: {', '.join(close)}" if close else "no close match"
        parts.append(f"{i!r} ({hint})")
    noun = "unknown claim id" if len(ids) == 1 else "unknown claim ids"
    return f"{noun} {'; '.join(parts)}"


def select(claim_set: ClaimSet, only: Sequence[str] | None) -> list[Claim]:
    """The claims to decide, in registration order (all of them without ``only``).
    Raises :class:`CliError` naming unknown ids and their closest registered ids."""
    from proofs.engine.report import UnknownClaim
    from proofs.engine.report import select as engine_select

    try:
        return engine_select(claim_set, only)
    except UnknownClaim as e:
        raise CliError(unknown_ids_message(e.ids, claim_set.by_id())) from None


def lookup(claim_set: ClaimSet, claim_id: str) -> Claim:
    """One claim by id; :class:`CliError` with the closest ids if it is not registered."""
    by_id = claim_set.by_id()
    if claim_id not in by_id:
        raise CliError(unknown_ids_message([claim_id], by_id))
    return by_id[claim_id]
