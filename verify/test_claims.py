"""Every registered claim of the paper, decided and checked against verify/verdicts.toml.

One test per claim (test id = claim id, so ``pytest verify -k L5.3`` selects Lemma 5.3); the
claims come from the registry (:func:`proofs.claims.claim_set`), so a new lemma needs no edit
here. The table printed at the end groups them by section, in the paper's order.
"""

from collections.abc import Callable


def test_claim(claim_id: str, check_claim: Callable[[str], None]) -> None:
    check_claim(claim_id)
