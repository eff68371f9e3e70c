"""Proofs as lists of steps, each saying what checked it.

A claim is ``proved`` only when every step of its proof was checked by a machine:

* ``sympy``: a SymPy identity or inequality (the step records what was simplified);
* ``interval``: a rigorous Arb certificate (the step records the certificate);
* ``claim``: another registered claim, cited by id (the citing claim lists it in ``uses``; the
  proof graph then says whether the whole chain is *established*).

A ``prose`` step is an argument no machine checked: a proof containing one leaves the claim
``unrefuted``, with the argument attached.

Build proofs with the step constructors and :func:`proof`::

    from proofs.engine.proof import by_sympy, cites, proof

    def prove():
        ok = sympy.simplify(expr) == 0
        return proof([
            by_sympy("E g on the sphere is (k/(2 pi))(w - w*)", ok, detail=str(expr)),
            cites("L5.3-half-angle", "cos(theta/2) = |w + w*|/2"),
        ])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

CHECKERS: tuple[str, ...] = ("sympy", "interval", "claim", "prose")
MACHINE_CHECKERS: tuple[str, ...] = ("sympy", "interval", "claim")


@dataclass(frozen=True)
class ProofStep:
    """One step of a proof: what it says, what checked it, whether the check passed."""

    says: str
    by: str  # one of CHECKERS
    ok: bool
    cites: str | None = None  # claim id, for by == "claim"
    detail: str = ""  # what was checked (an expression, a certificate summary)
    certificate: Mapping[str, Any] | None = None  # for by == "interval"

    def __post_init__(self) -> None:
        if self.by not in CHECKERS:
            raise ValueError(f"unknown checker {self.by!r}: expected one of {CHECKERS}")
        if (self.by == "claim") != (self.cites is not None):
            raise ValueError("a 'claim' step names the claim it cites (and only such a step)")

    @property
    def machine_checked(self) -> bool:
        return self.by in MACHINE_CHECKERS and self.ok

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"says": self.says, "by": self.by, "ok": self.ok}
        if self.cites:
            d["cites"] = self.cites
        if self.detail:
            d["detail"] = self.detail
        if self.certificate is not None:
            d["certificate"] = dict(self.certificate)
        return d


def by_sympy(says: str, ok: bool, detail: str = "") -> ProofStep:
    """A step SymPy checked (``ok``: the identity simplified to 0 / the inequality was decided)."""
    return ProofStep(says, "sympy", bool(ok), detail=detail)


def by_interval(says: str, result: Any) -> ProofStep:
    """A step closed by an interval certificate (a :class:`ProofResult` of ``interval_proof``)."""
    return ProofStep(says, "interval", bool(result.ok), detail=result.summary,
                     certificate=dict(result.details))


def cites(claim_id: str, says: str) -> ProofStep:
    """A step that is another claim (its verdict and its own proof are the claim's business)."""
    return ProofStep(says, "claim", True, cites=claim_id)


def prose(says: str, detail: str = "") -> ProofStep:
    """An argument no machine checked: the proof stays incomplete while it is there."""
    return ProofStep(says, "prose", True, detail=detail)


def method_of(steps: Iterable[ProofStep]) -> str:
    """``interval`` if any step is an Arb certificate, else ``symbolic``."""
    return "interval" if any(s.by == "interval" for s in steps) else "symbolic"


def summarize(steps: Iterable[ProofStep]) -> str:
    """One readable line per step: ``(n) says [by]``."""
    out = []
    for i, s in enumerate(steps, 1):
        tag = f"claim {s.cites}" if s.by == "claim" else s.by
        mark = "" if s.ok else " FAILED"
        out.append(f"({i}) {s.says} [{tag}{mark}]")
    return "; ".join(out)


def proof(steps: Iterable[ProofStep], summary: str = "", **details: Any) -> Any:
    """A :class:`~proofs.engine.claim.ProofResult` made of ``steps``: ``ok`` when every step's
    check passed (prose steps pass but keep the claim from being proved: see ``decide``)."""
    from .claim import ProofResult

    st = tuple(steps)
    if not st:
        raise ValueError("a proof needs at least one step")
    ok = all(s.ok for s in st)
    return ProofResult(ok, method_of(st), summary or summarize(st), dict(details), steps=st)
