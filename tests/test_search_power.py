"""The search behind the verdicts can see a violation of the size that matters (issue: verdicts
that show their strength).

For every registered claim that holds (proved or unrefuted) and states a constant: the false
variant of its power check (constants tightened by 1/100 in their strong direction, or what the
claim declares) is refuted by the search alone, its explicit examples removed; unless the claim
says why not (``not_sharp``: a constant that is not its best one). And every such constant
loosened by 1/100 is never refuted (a looser true claim stays true).
"""

from __future__ import annotations

import pytest

from proofs.claims import claim_set
from proofs.engine import ledger
from proofs.engine.decide import decide
from proofs.engine.power import check_power

HOLDS = {cid for cid, e in ledger.load().items() if e.verdict in ("proved", "unrefuted")}
#: the slowest claim (Tl1 runs to convergence, ~50 s): its l0 twin has the same conclusions
EXPENSIVE = {"C1.1-tl1+fix"}
CLAIMS = [c for c in claim_set().claims
          if c.constants and c.id in HOLDS and c.strategy is not None and c.id not in EXPENSIVE]


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.id for c in CLAIMS])
def test_tightened_constants_are_refuted_by_the_search_alone(claim) -> None:  # noqa: ANN001
    r = check_power(claim, "ci")
    assert r.status in ("ok", "none"), r.line()
    if r.status == "none":
        assert "proved" in r.describe, f"{claim.id}: only a proved claim may skip its power check"


LOOSE = [c for c in CLAIMS if any(k.sense != "exact" for k in c.constants)]


@pytest.mark.parametrize("claim", LOOSE, ids=[c.id for c in LOOSE])
def test_loosened_constants_are_never_refuted(claim) -> None:  # noqa: ANN001
    loose = claim.with_constants(**{k.name: k.tightened("-1/100").value
                                    for k in claim.constants if k.sense != "exact"})
    v = decide(loose, "ci")
    assert v.verdict in ("proved", "unrefuted"), (loose.id, v.verdict, v.summary)
