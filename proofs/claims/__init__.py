"""The RVSCGD paper's claims: one plug-in :class:`~proofs.engine.claim.ClaimSet`.

One module per lemma / section of the paper, named after it, so a claim id maps to a file:
``L5.3-eq15`` lives in ``lemma5_3.py``, ``T1-eq11`` in ``theorem1.py``, ``S6-table1`` in
``section6.py``, ``D1-interpolation`` in ``definition1.py``, ``S3.*`` and ``L3.1-*`` in
``section3.py``. Corrected claims (``<id>+fix``) live beside the claim they correct.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from importlib.resources import files

from proofs.engine.claim import Claim, ClaimSet

from . import (
    corollary1_1,
    definition1,
    lemma5_1,
    lemma5_2,
    lemma5_3,
    lemma5_4,
    lemma5_5,
    lemma5_6,
    lemma5_7,
    lemma5_8,
    section3,
    section6,
    theorem1,
)

_MODULES = (
    section3,
    definition1,
    lemma5_1,
    lemma5_2,
    lemma5_3,
    lemma5_4,
    lemma5_5,
    lemma5_6,
    theorem1,
    corollary1_1,
    lemma5_7,
    lemma5_8,
    section6,
)

#: Snapshot of ../shared/claims.md shipped with the package as package data, found with
#: importlib.resources (not relative to the source tree); verify/ checks it is current.
CATALOGUE_PATH = files(__name__) / "catalogue.md"


def catalogue_ids(text: str | None = None) -> tuple[str, ...]:
    """Claim ids listed in the catalogue's claims table (first column, in backticks)."""
    text = CATALOGUE_PATH.read_text(encoding="utf-8") if text is None else text
    return tuple(re.findall(r"^\|\s*`([^`]+)`\s*\|", text, flags=re.M))


@cache
def claim_set() -> ClaimSet:
    from .best_constants import BEST_CONSTANTS

    claims: tuple[Claim, ...] = tuple(
        replace(c, best_constants=BEST_CONSTANTS[c.id]) if c.id in BEST_CONSTANTS else c
        for m in _MODULES
        for c in m.CLAIMS
    )
    unknown = set(BEST_CONSTANTS) - {c.id for c in claims}
    if unknown:
        raise RuntimeError(f"best constants for unregistered claims: {sorted(unknown)}")
    ids = [c.id for c in claims]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise RuntimeError(f"duplicate claim ids registered: {sorted(dupes)}")
    return ClaimSet(name="RVSCGD paper", claims=claims, catalogue_ids=catalogue_ids())
