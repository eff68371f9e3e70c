"""Proofs as lists of steps, each saying what checked it.

A claim is ``proved`` only when every step of its proof was checked by a machine:

* ``sympy``: a SymPy identity or inequality (the step records what was simplified);
* ``interval``: a rigorous Arb certificate (the step records the certificate);
* ``claim``: another registered claim, cited by id (the citing claim lists it in ``uses``; the
  proof graph then says whether the whole chain is *established*).

A ``prose`` step is an argument no machine checked: a proof containing one leaves the claim
``unrefuted``, with the argument attached.

Every proof records the domain it covers (:class:`~proofs.engine.cover.Cover`): an interval step
covers its certificate's box, a SymPy step what its symbols' assumptions allow
(``by_sympy(..., symbols=(theta, r))``); a proof covers where all its steps hold, or what it
states (``proof(steps, covers=..., for_all={"w": "why every w is covered"})``). For a claim
with declared variables ``decide`` checks that this covers the declared domain.

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

from .cover import Cover, merge_covers

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
    covers: Cover | None = None  # the domain on which the step holds (None: not stated)

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
        if self.covers is not None:
            d["covers"] = self.covers.as_dict()
        return d


def by_sympy(says: str, ok: bool, detail: str = "", symbols: Iterable[Any] = ()) -> ProofStep:
    """A step SymPy checked (``ok``: the identity simplified to 0 / the inequality was decided).

    ``symbols``: the SymPy symbols it was checked for; the step then covers what their
    assumptions allow (``Symbol("r", positive=True)``: ``r`` in ``(0, oo)``)."""
    syms = tuple(symbols)
    cover = Cover.from_symbols(syms) if syms else None
    return ProofStep(says, "sympy", bool(ok), detail=detail, covers=cover)


def by_sympy_checks(says: str, checks: Mapping[str, Any], symbols: Iterable[Any] = ()) -> ProofStep:
    """A SymPy step made of named checks (each a verdict SymPy reached): it passes when all do,
    and its detail lists them (``"name: True; ..."``); ``symbols`` as for :func:`by_sympy`."""
    return by_sympy(says, all(bool(v) for v in checks.values()),
                    "; ".join(f"{k}: {v}" for k, v in checks.items()), symbols=symbols)


def by_interval(says: str, result: Any) -> ProofStep:
    """A step closed by an interval certificate (a :class:`ProofResult` of ``interval_proof``);
    it covers the certificate's box."""
    return ProofStep(says, "interval", bool(result.ok), detail=result.summary,
                     certificate=dict(result.details), covers=getattr(result, "covers", None))


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


def proof(
    steps: Iterable[ProofStep],
    summary: str = "",
    *,
    covers: Any = None,
    for_all: Mapping[str, str] | None = None,
    **details: Any,
) -> Any:
    """A :class:`~proofs.engine.claim.ProofResult` made of ``steps``: ``ok`` when every step's
    check passed (prose steps pass but keep the claim from being proved: see ``decide``).

    The domain it covers: ``covers`` (a :class:`~proofs.engine.cover.Cover`, a mapping of
    ranges ``{"x": "[0, 1]"}``, or a declared Domain) if given, else the intersection of the
    steps' covers; ``for_all`` adds variables covered for every value, with the reason."""
    from .claim import ProofResult

    st = tuple(steps)
    if not st:
        raise ValueError("a proof needs at least one step")
    ok = all(s.ok for s in st)
    cover = Cover.of(covers) if covers is not None else merge_covers(s.covers for s in st)
    if for_all:
        cover = (cover or Cover()).with_for_all(for_all)
    return ProofResult(ok, method_of(st), summary or summarize(st), dict(details), steps=st,
                       covers=cover)
