"""Claims of Lemma 5.3: each decided and checked against verify/verdicts.toml.

Parametrized over the registered claims of this file's sections (see conftest.SECTION_FILES).
"""

from collections.abc import Callable


def test_claim(claim_id: str, check_claim: Callable[[str], None]) -> None:
    check_claim(claim_id)
