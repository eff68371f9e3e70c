"""The RVSCGD paper's claims: one plug-in :class:`~proofs.engine.claim.ClaimSet`.

One module per lemma / section of the paper, named after it, so a claim id maps to a file
(modules are discovered: a new lemma's module registers itself by defining ``CLAIMS``):
``L5.3-eq15`` lives in ``lemma5_3.py``, ``T1-eq11`` in ``theorem1.py``, ``S6-table1`` in
``section6.py``, ``D1-interpolation`` in ``definition1.py``, ``S3.*`` and ``L3.1-*`` in
``section3.py``. Corrected claims (``<id>+fix``) live beside the claim they correct.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import replace
from functools import cache
from importlib.resources import files
from types import ModuleType

from proofs.engine.claim import Claim, ClaimSet, base_id

#: Snapshot of ../shared/claims.md shipped with the package as package data, found with
#: importlib.resources (not relative to the source tree); verify/ checks it is current.
CATALOGUE_PATH = files(__name__) / "catalogue.md"


def catalogue_ids(text: str | None = None) -> tuple[str, ...]:
    """Claim ids listed in the catalogue's claims table (first column, in backticks)."""
    text = CATALOGUE_PATH.read_text(encoding="utf-8") if text is None else text
    return tuple(re.findall(r"^\|\s*`([^`]+)`\s*\|", text, flags=re.M))


def claim_modules() -> list[ModuleType]:
    """Every module of this package that defines ``CLAIMS``, in the paper's order.

    Adding a lemma means adding its module here (and its ledger entries): nothing else. A
    module's place is that of its first claim in the catalogue; a module whose claims are not
    in the catalogue (operator properties, reductions) may name a catalogue id in ``POSITION``
    to stand just after it, else it comes last."""
    rank = {cid: i for i, cid in enumerate(catalogue_ids())}
    found: list[tuple[float, str, ModuleType]] = []
    for info in pkgutil.iter_modules(__path__):
        if info.ispkg or info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        claims = getattr(mod, "CLAIMS", None)
        if claims is None:
            continue
        anchor = getattr(mod, "POSITION", None)
        if anchor is not None:
            pos = rank[anchor] + 0.5
        else:
            pos = min((rank[base_id(c.id)] for c in claims if base_id(c.id) in rank), default=1e9)
        found.append((pos, info.name, mod))
    return [m for _, _, m in sorted(found, key=lambda t: (t[0], t[1]))]


@cache
def claim_set() -> ClaimSet:
    from .best_constants import BEST_CONSTANTS

    seen: set[int] = set()
    claims: list[Claim] = []
    for m in claim_modules():
        for c in m.CLAIMS:
            if id(c) in seen:  # a module may re-export another's claims
                continue
            seen.add(id(c))
            claims.append(replace(c, best_constants=BEST_CONSTANTS[c.id]) if c.id in BEST_CONSTANTS else c)
    unknown = set(BEST_CONSTANTS) - {c.id for c in claims}
    if unknown:
        raise RuntimeError(f"best constants for unregistered claims: {sorted(unknown)}")
    return ClaimSet(name="RVSCGD paper", claims=tuple(claims), catalogue_ids=catalogue_ids(),
                    headline=HEADLINE)


#: the paper's main results as corrected here: the top of the proof graph in the report
HEADLINE: dict[str, tuple[str, ...]] = {
    "Theorem 1 (corrected)": ("T1-descent+fix", "T1-convergence", "T1-eq10+fix", "T1-eq11+fix",
                              "T1-eq12+fix"),
    "Corollary 1.1 (corrected)": ("C1.1-l0+fix", "C1.1-tl1+fix", "C1.1-convergence"),
}
