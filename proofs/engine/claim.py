"""The claim record (paper-agnostic), modelled on the Flyspeck inequality lists.

One record per claim: a stable id, where the text states it, the statement as printed, the
reading that is checked, its domain (hypotheses plus a strategy that generates points inside
them), and the conclusion as a signed slack. Nothing here knows about any particular paper.

Conventions
-----------
* A *point* is a ``dict[str, Any]``: scalars (``float``/``int``; ``mpf`` in high precision) and
  vectors (1-d numpy arrays), or for trajectory claims a full run spec.
* ``slack(point, B)`` is ``>= 0`` exactly when the conclusion holds at ``point`` (``> 0`` when
  the claim is ``strict``, i.e. its conclusion is a strict inequality); ``B`` is a
  backend from :mod:`proofs.engine.backend`. The same function serves float64 search and the
  50/100-digit confirmation.
* ``Hypothesis.margin(point, B)`` is ``>= 0`` (``> 0`` when ``strict``) exactly when that
  hypothesis holds. Confirmation re-checks every margin in high precision.
* A claim with an existential constant ("there is L with Q <= L R") carries an
  :class:`ExistentialConstant`: the ratio the constant must bound, and optionally a one-parameter
  family of points along which the ratio is unbounded (with a symbolic proof of the limit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Point = dict[str, Any]
SlackFn = Callable[[Point, Any], Any]

VERDICTS = ("proved", "refuted", "unrefuted", "reproduced", "not-reproduced", "error")
METHODS = ("symbolic", "interval", "search", "unbounded-family", "experiment", "none")


@dataclass(frozen=True)
class Hypothesis:
    """One hypothesis of a claim: ``margin >= 0`` (``> 0`` if strict) when it holds."""

    name: str
    margin: SlackFn
    strict: bool = False


@dataclass(frozen=True)
class ProofResult:
    """Outcome of a proof attempt (symbolic identity or interval certificate)."""

    ok: bool
    method: str  # "symbolic" | "interval" | "unbounded-family"
    summary: str  # one human sentence: what was shown and how
    details: dict[str, Any] = field(default_factory=dict)  # e.g. certificate record


@dataclass(frozen=True)
class ExistentialConstant:
    """For "there is a constant C with Q(p) <= C * R(p) on the hypotheses".

    ``ratio(p, B)`` is Q/R, the quantity C must bound. ``family(eps)`` (optional) gives points
    satisfying the hypotheses, for ``eps`` in ``family_eps``, along which the ratio grows without
    bound; ``family_limit()`` proves that growth symbolically. ``printed`` (optional) is the
    constant the paper prints, as a function of the point's parameters.
    """

    ratio: SlackFn
    family: Callable[[Any], Point] | None = None
    family_eps: Sequence[str] = ("1e-2", "1e-4", "1e-8", "1e-16")
    family_limit: Callable[[], ProofResult] | None = None
    printed: Callable[[Point, Any], Any] | None = None
    constant_name: str = "C"


@dataclass(frozen=True)
class ExperimentContext:
    """What an experiment claim is run with: the settings profile, whether to run the full
    experiment (the report does; test profiles other than ``thorough`` run a reduced one), where
    to write artefacts (figures), and free-form options (e.g. an opt-in heavier variant)."""

    profile: str
    full: bool = False
    out_dir: str | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def artefact_path(self, name: str) -> str:
        """Path for an artefact ``name``: in ``out_dir`` if set, else in a fresh temporary dir."""
        import tempfile
        from pathlib import Path

        folder = Path(self.out_dir) if self.out_dir else Path(tempfile.mkdtemp(prefix="proofs-"))
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder / name)

    def __str__(self) -> str:
        return self.profile


@dataclass(frozen=True)
class ExperimentResult:
    """Outcome of an experiment claim (a table or figure of the paper)."""

    reproduced: bool
    summary: str
    evidence: dict[str, Any] = field(default_factory=dict)
    artefacts: tuple[str, ...] = ()  # files written (e.g. a PNG)


@dataclass(frozen=True)
class Claim:
    """One claim of a paper, as a checkable record.

    Exactly one of the decision routes is used, in this order: ``experiment`` (experiment
    claims); otherwise ``prove`` is tried (symbolic/interval) and a counterexample search runs on
    ``slack`` over ``strategy`` (a proof never hides a confirmed counterexample: both run, and a
    conflict is reported as an error); ``existential`` claims are decided by their ratio.
    """

    id: str
    paper_ref: str  # "Lemma 5.3, eq. (15)"
    section: str  # grouping key for pytest and the report, e.g. "Lemma 5.3"
    statement: str  # as printed
    reading: str  # the reading checked (where the printed text is ambiguous or ill-typed)
    domain: str  # the hypothesis domain in words (variables and ranges)
    hypotheses: tuple[Hypothesis, ...] = ()
    strategy: Callable[[], Any] | None = None  # () -> hypothesis SearchStrategy[Point]
    slack: SlackFn | None = None
    prove: Callable[[], ProofResult] | None = None
    existential: ExistentialConstant | None = None
    experiment: Callable[[ExperimentContext], ExperimentResult] | None = None
    corrects: str | None = None  # for "<id>+fix": the id it corrects
    corrected_by: str | None = None  # for a claim expected refuted: its "<id>+fix"
    supports: tuple[str, ...] = ()  # later claims of the paper that rest on this one
    examples: tuple[Point, ...] = ()  # explicit points tried before the random search
    search_scale: float = 1.0  # relative cost: budgets are divided by this (trajectory claims)
    strict: bool = False  # conclusion is a strict inequality: it holds iff slack > 0
    # best constants of the claim (printed vs best found / proved), computed for the report only:
    # () -> records {"constant", "printed", "best", "printed_is_enough", "method"[, "argmax"]}
    best_constants: Callable[[], Sequence[dict[str, Any]]] | None = None
    notes: str = ""

    @property
    def is_fix(self) -> bool:
        return self.corrects is not None


@dataclass(frozen=True)
class ClaimSet:
    """A paper's plug-in set of claims."""

    name: str
    claims: tuple[Claim, ...]
    catalogue_ids: tuple[str, ...] = ()  # ids the paper's catalogue lists (all must be registered)

    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}
