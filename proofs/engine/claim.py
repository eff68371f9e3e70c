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
* A claim may declare its variables instead of writing hypotheses and a strategy by hand:
  ``variables=Domain("theta in [pi/2, pi]", "r in (0, oo)", ...)``
  (:mod:`proofs.engine.domain`). The hypotheses and the search strategy are then generated from
  the declaration (``hypotheses`` given as well are added on top), the slack and every
  hypothesis see points *realized* at the working precision, and a proof must cover the
  declared domain (:mod:`proofs.engine.cover`). Both styles work side by side.
* A slack may return an :class:`~proofs.engine.estimate.Estimate` (a value with an error bound,
  e.g. from ``B.quad``); :func:`proofs.engine.equality.equals` builds the slack of an equality
  claim whose tolerance follows from the working precision and those bounds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import sympy

from .exact import ExactLike, evaluate, parse_exact

if TYPE_CHECKING:
    from .backend import Backend

Point = dict[str, Any]
SlackFn = Callable[[Point, "Backend"], Any]  # (point, B) -> value (or an Estimate)

#: where a hypothesis comes from: stated by the author, or generated from a declared domain
ORIGINS = ("stated", "domain")

VERDICTS = ("proved", "refuted", "unrefuted", "reproduced", "not-reproduced", "error")
METHODS = ("symbolic", "interval", "search", "unbounded-family", "experiment", "none")


@dataclass(frozen=True)
class Hypothesis:
    """One hypothesis of a claim: ``margin >= 0`` (``> 0`` if strict) when it holds.

    ``by_construction``: the strategy (or the realization of points) makes it hold, so the
    float search does not re-test it; the 50/100-digit confirmation still checks it, and a
    confirmation that finds it violated is an ``error`` (the construction is wrong)."""

    name: str
    margin: SlackFn
    strict: bool = False
    by_construction: bool = False
    origin: str = "stated"  # one of ORIGINS


@dataclass(frozen=True)
class ProofResult:
    """Outcome of a proof attempt (symbolic identity or interval certificate).

    ``steps`` (:class:`proofs.engine.proof.ProofStep`) say what checked each step of the proof;
    a claim is proved only when every step was machine-checked. ``covers`` records the domain
    the proof covers (a :class:`~proofs.engine.cover.Cover`; None: not recorded). For a claim
    with declared variables, ``decide`` checks it covers them (else the verdict is ``error``)."""

    ok: bool
    method: str  # "symbolic" | "interval" | "unbounded-family"
    summary: str  # one human sentence: what was shown and how
    details: dict[str, Any] = field(default_factory=dict)  # e.g. certificate record
    steps: tuple[Any, ...] = ()  # ProofStep records
    covers: Any = None  # the domain the proof covers (a Cover; None: not recorded)

    @property
    def machine_checked(self) -> bool:
        """Every step checked by a machine (and there is at least one step)."""
        return bool(self.steps) and all(s.machine_checked for s in self.steps)

    @property
    def cited(self) -> tuple[str, ...]:
        return tuple(s.cites for s in self.steps if s.cites)


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
    printed: Callable[[Point, Backend], Any] | None = None
    constant_name: str = "C"


SENSES = ("upper", "lower", "exact")


@dataclass(frozen=True)
class Constant:
    """A named constant of a claim, exact (``"1/2"``, ``"k/(4*pi)"``; never a binary float).

    ``value`` is what the claim states; ``printed`` is what the paper prints (the same for a
    claim as printed; a ``+fix`` keeps the printed value and changes ``value``). ``sense`` says
    which way the claim gets stronger: ``"upper"`` (the constant bounds a quantity from above:
    a smaller constant is a stronger claim), ``"lower"`` (bounds from below: a larger one is
    stronger) or ``"exact"`` (an equality or a threshold: any other value is a different,
    false claim). The value may use the point's scalar parameters (``k``, ``delta``, ... and ``d``).
    """

    name: str
    value: ExactLike
    sense: str = "upper"
    printed: ExactLike | None = None
    doc: str = ""

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"constant name {self.name!r} must be an identifier")
        if self.sense not in SENSES:
            raise ValueError(f"constant {self.name}: sense must be one of {SENSES}")
        object.__setattr__(self, "value", parse_exact(self.value, f"constant {self.name}"))
        printed = self.value if self.printed is None else self.printed
        object.__setattr__(self, "printed", parse_exact(printed, f"printed constant {self.name}"))

    @property
    def expr(self) -> sympy.Expr:
        return self.value  # type: ignore[return-value]

    def at(self, point: Point, B: Backend) -> Any:
        """The value at ``point``'s parameters, at ``B``'s precision."""
        return evaluate(self.expr, point, B)

    def text(self) -> str:
        return str(self.value)

    def with_value(self, value: ExactLike) -> Constant:
        return replace(self, value=value, printed=self.printed)

    def tightened(self, rel: ExactLike = "1/100") -> Constant:
        """The constant moved by a relative ``rel`` in the direction that strengthens the claim
        (an exact constant is moved down: any move makes its claim false)."""
        r = parse_exact(rel, "relative tightening")
        factor = (1 + r) if self.sense == "lower" else (1 - r)
        return self.with_value(sympy.Mul(factor, self.expr))


class Constants:
    """The constants of a claim at one point and precision: ``c.L``, ``c["L"]``."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no constant named {name!r}") from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __repr__(self) -> str:
        return f"Constants({self._values!r})"


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
    reading: str = ""  # the reading checked (where the printed text is ambiguous or ill-typed)
    #: the hypothesis domain in words (default: the declared variables); with declared variables a
    #: text given here says where the search draws inside them (shown beside the declaration)
    domain: str = ""
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
    #: named exact constants; a claim that declares any gets them as ``slack(point, B, c)``
    constants: tuple[Constant, ...] = ()
    #: claims this one's proof cites (the proof graph); every cited id must be listed here
    uses: tuple[str, ...] = ()
    #: the false variant the search must refute to show its power (proofs.engine.power.Power);
    #: None: constants tightened by 1/100 when the claim has constants
    power: Any = None
    #: declared variables (a :class:`~proofs.engine.domain.Domain`): generates the hypotheses
    #: (extra ``hypotheses`` are added on top) and, unless one is given, the strategy
    variables: Any = None
    #: search in mpmath at this many digits instead of float64 (when float64 is not enough)
    search_dps: int | None = None

    def __post_init__(self) -> None:
        names = [c.name for c in self.constants]
        if len(set(names)) != len(names):
            raise ValueError(f"claim {self.id}: duplicate constant names {names}")
        if self.variables is not None:
            self._bind_domain()

    def _bind_domain(self) -> None:
        """Generate hypotheses and strategy from the declared variables (idempotent: a
        ``replace``/``derive`` regenerates them from the domain it ends up with)."""
        dom = self.variables
        stated = tuple(dom.on_realized(h) for h in self.hypotheses if h.origin != "domain")
        object.__setattr__(self, "hypotheses", tuple(dom.hypotheses()) + stated)
        owner = getattr(self.strategy, "__self__", None)
        if self.strategy is None or isinstance(owner, type(dom)):
            object.__setattr__(self, "strategy", dom.strategy)
        if not self.domain or (isinstance(owner, type(dom)) and self.domain == owner.describe()):
            object.__setattr__(self, "domain", dom.describe())
        ex = self.existential
        if ex is not None:
            object.__setattr__(self, "existential", replace(
                ex, ratio=dom.realized(ex.ratio),
                printed=None if ex.printed is None else dom.realized(ex.printed)))

    @property
    def is_fix(self) -> bool:
        return self.corrects is not None

    # ------------------------------------------------------------------ constants and slack
    def constant(self, name: str) -> Constant:
        for c in self.constants:
            if c.name == name:
                return c
        raise KeyError(f"claim {self.id} has no constant {name!r} (has {[c.name for c in self.constants]})")

    def constants_at(self, point: Point, B: Backend) -> Constants:
        return Constants({c.name: c.at(point, B) for c in self.constants})

    def evaluate(self, point: Point, B: Backend) -> Any:
        """The slack at ``point`` (constants bound): ``>= 0`` iff the conclusion holds there.

        With declared variables the slack sees the point realized at ``B``'s precision. A slack
        written as conjuncts or a bound (:mod:`proofs.engine.objectives`) is reduced to its
        plain value here; the search reads the structure through :attr:`slack_fn`."""
        from .objectives import slack_value

        return slack_value(self._raw_slack(point, B))

    def _raw_slack(self, point: Point, B: Backend) -> Any:
        if self.slack is None:
            raise ValueError(f"claim {self.id} has no slack")
        if self.variables is not None:
            point = self.variables.realize(point, B)
        if self.constants:
            return self.slack(point, B, self.constants_at(point, B))
        return self.slack(point, B)

    @property
    def slack_fn(self) -> SlackFn | None:
        """``(point, B) -> slack`` with the constants bound (None if the claim has no slack); the
        value may be structured (conjuncts, a bound) for the search to aim at."""
        return None if self.slack is None else self._raw_slack

    # ------------------------------------------------------------------ variants
    def derive(
        self,
        id: str,
        *,
        constants: Mapping[str, ExactLike] | None = None,
        add_hypotheses: Sequence[Hypothesis] = (),
        drop_hypotheses: Sequence[str] = (),
        **changes: Any,
    ) -> Claim:
        """A variant of this claim with its own id: the same record except what is given.

        ``constants`` gives new exact values by name (each must be declared);
        ``add_hypotheses`` / ``drop_hypotheses`` (names) change the hypotheses; any other field
        of the record can be replaced by keyword. Links are not inherited: a variant neither
        corrects, nor is corrected by, nor supports anything unless it says so."""
        links = {"corrects": None, "corrected_by": None, "supports": ()}
        links.update({k: v for k, v in changes.items() if k in links})
        rest = {k: v for k, v in changes.items() if k not in links}
        hyps = tuple(self.hypotheses) if "hypotheses" not in rest else tuple(rest.pop("hypotheses"))
        if drop_hypotheses:
            _known(self.id, "hypotheses", drop_hypotheses, [h.name for h in hyps])
            declared = [h.name for h in hyps if h.origin == "domain" and h.name in drop_hypotheses]
            if declared:
                raise ValueError(
                    f"claim {self.id}: {declared} come from the declared variables; "
                    "change them with derive(..., variables=Domain(...))"
                )
            hyps = tuple(h for h in hyps if h.name not in set(drop_hypotheses))
        hyps = hyps + tuple(add_hypotheses)
        consts = tuple(self.constants) if "constants_decl" not in rest else tuple(rest.pop("constants_decl"))
        if constants:
            _known(self.id, "constants", constants, [c.name for c in consts])
            consts = tuple(c.with_value(constants[c.name]) if c.name in constants else c for c in consts)
        return replace(self, id=id, hypotheses=hyps, constants=consts, **links, **rest)

    def with_constants(self, id: str | None = None, **values: ExactLike) -> Claim:
        """The same claim with other (exact) constant values: ``claim.with_constants(L="k/(2*pi)")``.

        The default id names the change, e.g. ``L5.3-eq16[L=k/(2*pi)]``. Unlike :meth:`derive`
        it keeps no proof: a proof is about the constants it was written for."""
        if not values:
            raise ValueError("with_constants needs at least one constant")
        label = ",".join(f"{n}={parse_exact(v, n)}" for n, v in values.items())
        return self.derive(id or f"{self.id}[{label}]", constants=values, prove=None,
                           best_constants=None)

    def fix(self, **changes: Any) -> Claim:
        """This claim's correction ``<id>+fix`` (it corrects this claim)."""
        return self.derive(f"{self.id}+fix", corrects=self.id, **changes)

    def another_reading(self, name: str, **changes: Any) -> Claim:
        """Another reading ``<id>@<name>`` of the same printed statement."""
        return self.derive(f"{self.id}@{name}", **changes)


def _known(claim_id: str, what: str, names: Iterable[str], declared: Sequence[str]) -> None:
    unknown = [n for n in names if n not in declared]
    if unknown:
        raise KeyError(f"claim {claim_id}: no {what} named {unknown} (declared {sorted(declared)})")


class ClaimSetError(ValueError):
    """A claim set whose links do not hold together (raised when the set is built)."""


class DuplicateClaimId(ClaimSetError):
    pass


class UnknownClaimLink(ClaimSetError):
    pass


class InconsistentFix(ClaimSetError):
    pass


class LinkCycle(ClaimSetError):
    pass


class UnregisteredCatalogueId(ClaimSetError):
    pass


def find_cycle(edges: Mapping[str, Sequence[str]]) -> list[str] | None:
    """A cycle of the directed graph ``edges`` (as a list of ids, first = last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in edges.get(n, ()):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in edges:
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


@dataclass(frozen=True)
class ClaimSet:
    """A paper's plug-in set of claims, with every link validated when it is built.

    Checks (each failure raises a named :class:`ClaimSetError`): ids are unique; every id a
    claim names (``corrects``, ``corrected_by``, ``supports``, ``uses``) is registered; a fix
    and what it corrects agree (a claim ``X`` corrected by ``F`` has ``F`` correcting ``X`` or
    another reading of the same printed claim, or ``F`` is itself a reading of it that holds; a
    claim corrected by a fix names it in ``corrected_by``, which is filled in here when the
    claim left it empty); the ``uses`` graph and the ``corrects``
    chain have no cycle; every catalogue id is registered; every id a ``headline`` group names
    is registered.

    ``headline`` names the paper's main results as groups of claims, e.g. ``{"Theorem 1
    (corrected)": ("T1-descent+fix", ...)}``: the report draws them at the top of the proof graph
    and says what each still rests on."""

    name: str
    claims: tuple[Claim, ...]
    catalogue_ids: tuple[str, ...] = ()  # ids the paper's catalogue lists (all must be registered)
    headline: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "claims", _validated(self.claims, self.catalogue_ids))
        known = {c.id for c in self.claims}
        groups = {str(g): tuple(ids) for g, ids in dict(self.headline).items()}
        for group, ids in groups.items():
            bad = [i for i in ids if i not in known]
            if bad:
                raise UnknownClaimLink(f"headline group {group!r} names unregistered {bad}")
            if not ids:
                raise ClaimSetError(f"headline group {group!r} names no claim")
        object.__setattr__(self, "headline", groups)

    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}


def base_id(claim_id: str) -> str:
    """The printed claim a reading or fix belongs to: ``L5.3-eq16@x+fix`` -> ``L5.3-eq16``."""
    return claim_id.split("@", 1)[0].split("+", 1)[0].split("[", 1)[0]


def _validated(claims: Sequence[Claim], catalogue: Sequence[str]) -> tuple[Claim, ...]:
    ids = [c.id for c in claims]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DuplicateClaimId(f"duplicate claim ids: {dupes}")
    known = set(ids)
    missing_cat = [i for i in catalogue if i not in known]
    if missing_cat:
        raise UnregisteredCatalogueId(f"catalogue ids without a registered claim: {missing_cat}")
    for c in claims:
        for field_name in ("corrects", "corrected_by"):
            target = getattr(c, field_name)
            if target is not None and target not in known:
                raise UnknownClaimLink(f"{c.id}.{field_name} names unregistered {target!r}")
        for field_name in ("supports", "uses"):
            bad = [t for t in getattr(c, field_name) if t not in known]
            if bad:
                raise UnknownClaimLink(f"{c.id}.{field_name} names unregistered {bad}")
        if c.id in c.uses:
            raise LinkCycle(f"{c.id} uses itself")
    by_id = {c.id: c for c in claims}
    # fill corrected_by from the fixes, and check both directions agree
    fixes_of: dict[str, str] = {}
    for c in claims:
        if c.corrects is not None:
            if c.corrects in fixes_of:
                raise InconsistentFix(
                    f"{c.corrects} is corrected by both {fixes_of[c.corrects]} and {c.id}"
                )
            fixes_of[c.corrects] = c.id
    out = []
    for c in claims:
        fix = fixes_of.get(c.id)
        if c.corrected_by is None and fix is not None:
            c = replace(c, corrected_by=fix)
        elif c.corrected_by is not None:
            f = by_id[c.corrected_by]
            if f.corrects is None and base_id(f.id) != base_id(c.id):
                raise InconsistentFix(f"{c.id}.corrected_by = {f.id}, which corrects nothing")
            if f.corrects is not None and f.corrects != c.id and base_id(f.corrects) != base_id(c.id):
                raise InconsistentFix(
                    f"{c.id}.corrected_by = {f.id}, but {f.id} corrects {f.corrects}"
                )
            if fix is not None and fix != c.corrected_by:
                raise InconsistentFix(f"{c.id}.corrected_by = {c.corrected_by}, but {fix} corrects it")
        out.append(c)
    cyc = find_cycle({c.id: list(c.uses) for c in out})
    if cyc:
        raise LinkCycle(f"the uses graph has a cycle: {' -> '.join(cyc)}")
    cyc = find_cycle({c.id: [c.corrects] if c.corrects else [] for c in out})
    if cyc:
        raise LinkCycle(f"corrects links form a cycle: {' -> '.join(cyc)}")
    return tuple(out)
