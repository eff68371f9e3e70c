"""The paper-agnostic claims engine.

The public names a claim author needs are importable from here (loaded on first use)::

    from proofs.engine import Claim, Constant, Domain, equals, interval_proof
    from proofs.engine.decide import decide        # (decide, search, confirm and proof are
    from proofs.engine.proof import by_sympy, proof  # also module names: import them from there)

See ``docs/write-your-own-claim.md`` for a worked example. Importing this package registers the
Hypothesis settings profiles (``dev``, ``ci``, ``thorough``).
"""

from __future__ import annotations

import importlib
from typing import Any

from . import profiles as _profiles  # noqa: F401  (registers the settings profiles)

#: public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # the claim record and its language
    "Claim": "claim",
    "ClaimSet": "claim",
    "Constant": "claim",
    "Hypothesis": "claim",
    "ProofResult": "claim",
    "ExistentialConstant": "claim",
    "ExperimentContext": "claim",
    "ExperimentResult": "claim",
    "Point": "claim",
    # declared variables
    "Domain": "domain",
    "Real": "domain",
    "Integer": "domain",
    "Vector": "domain",
    "AtAngle": "domain",
    "Range": "ranges",
    "ExactValue": "points",
    # numbers
    "Backend": "backend",
    "FLOAT": "backend",
    "MpBackend": "backend",
    "mp_backend": "backend",
    "Estimate": "estimate",
    "equals": "equality",
    # proofs (proof itself: from proofs.engine.proof)
    "by_sympy": "proof",
    "by_interval": "proof",
    "cites": "proof",
    "prose": "proof",
    "Cover": "cover",
    "interval_proof": "interval",
    "certify_nonnegative": "interval",
    "SecondOrderPoint": "interval",
    "MonotoneFace": "interval",
    "normal_cdf": "interval",
    "normal_pdf": "interval",
    # deciding (decide, search, confirm: from their modules, which share their names)
    "load_claims": "loader",
    "check_main": "loader",
    "BestConstant": "best",
    "search_best_constant": "best",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'proofs.engine' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
