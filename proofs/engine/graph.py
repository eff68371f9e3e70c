"""The proof graph: which claims each claim's proof uses, and which are *established*.

A claim is established when it is proved and every claim its proof uses is established (the
``uses`` graph has no cycle: :class:`~proofs.engine.claim.ClaimSet` checks that when it is
built). A proved claim that rests on an unrefuted one is proved *given* that one, not established.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .claim import Claim
from .verdict import Verdict


def established(
    claims: Sequence[Claim], verdicts: Mapping[str, Verdict] | Iterable[Verdict]
) -> dict[str, bool | None]:
    """``{id: established}`` for every claim with a verdict (None where a used claim was not
    decided in this run, so nothing can be said)."""
    by_id = verdicts if isinstance(verdicts, Mapping) else {v.id: v for v in verdicts}
    uses = {c.id: tuple(c.uses) for c in claims}
    memo: dict[str, bool | None] = {}

    def est(cid: str) -> bool | None:
        if cid in memo:
            return memo[cid]
        v = by_id.get(cid)
        if v is None:
            memo[cid] = None
            return None
        if v.verdict != "proved":
            memo[cid] = False
            return False
        result: bool | None = True
        for u in uses.get(cid, ()):
            e = est(u)
            if e is False:
                result = False
                break
            if e is None:
                result = None
        memo[cid] = result
        return result

    return {cid: est(cid) for cid in by_id if cid in uses}


def mark_established(claims: Sequence[Claim], verdicts: Sequence[Verdict]) -> None:
    """Set each verdict's ``established`` field from the proof graph."""
    est = established(claims, verdicts)
    for v in verdicts:
        v.established = est.get(v.id)


def unestablished_support(
    claims: Sequence[Claim], verdicts: Mapping[str, Verdict], claim_id: str
) -> list[str]:
    """The claims (transitively) used by ``claim_id`` that are not proved: what a reader must
    still take on trust for it."""
    uses = {c.id: tuple(c.uses) for c in claims}
    out: list[str] = []
    seen: set[str] = set()
    stack = list(uses.get(claim_id, ()))
    while stack:
        u = stack.pop()
        if u in seen:
            continue
        seen.add(u)
        v = verdicts.get(u)
        if v is None or v.verdict != "proved":
            out.append(u)
        stack.extend(uses.get(u, ()))
    return sorted(out)
