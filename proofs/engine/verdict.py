"""The verdict record of one claim, and its JSON form."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import mpmath
import numpy as np

from .points import scalar_str, to_strings


@dataclass
class Verdict:
    """Decision on one claim.

    ``counterexample`` has every coordinate as a decimal string at full precision (``repr`` of
    the float that was found, or 50 digits of an mpf); vectors are lists of strings. ``slack`` is
    the 50-digit value of the violated quantity there (for an existential family: the ratio).
    """

    id: str
    paper_ref: str
    section: str
    verdict: str  # one of claim.VERDICTS
    method: str  # one of claim.METHODS
    reading: str = ""
    statement: str = ""
    counterexample: dict[str, Any] | None = None
    slack: str | None = None
    budget: dict[str, Any] = field(default_factory=dict)
    corrected_by: str | None = None
    corrects: str | None = None
    supports: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()  # claims this one's proof cites (the proof graph)
    established: bool | None = None  # proved and every claim it uses established (report)
    seconds: float = 0.0
    evidence: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    summary: str = ""  # one human sentence: why this verdict

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["supports"] = list(self.supports)
        d["uses"] = list(self.uses)
        d["evidence"] = jsonable(self.evidence)
        d["budget"] = jsonable(self.budget)
        d["counterexample"] = jsonable(self.counterexample)
        return d

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Verdict:
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        kw["supports"] = tuple(kw.get("supports", ()))
        kw["uses"] = tuple(kw.get("uses", ()))
        return cls(**kw)

    def comparable(self) -> dict[str, Any]:
        """Everything but the wall time (for determinism checks)."""
        d = self.to_dict()
        d.pop("seconds")
        return d


def jsonable(x: Any) -> Any:
    """Convert evidence to JSON-safe values: numbers that are not exactly representable in JSON
    (mpf, numpy) become full-precision decimal strings."""
    if x is None or isinstance(x, bool | int | str):
        return x
    if isinstance(x, float):
        return x if np.isfinite(x) else repr(x)
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [jsonable(v) for v in x]
    if isinstance(x, np.ndarray):
        return to_strings(x)
    if isinstance(x, mpmath.mpf | mpmath.mpc | np.generic):
        return scalar_str(x)
    if hasattr(x, "__dataclass_fields__"):
        return jsonable(asdict(x))
    return str(x)


def dump_verdicts(verdicts: list[Verdict]) -> str:
    return json.dumps([v.to_dict() for v in verdicts], indent=2, ensure_ascii=False)


def load_verdicts(text: str) -> list[Verdict]:
    return [Verdict.from_dict(d) for d in json.loads(text)]
