"""Counterexample search with Hypothesis, confirmed in high precision.

:func:`search` runs ``@given(claim.strategy())`` (plus ``claim.examples`` via
``hypothesis.example``) under the profile's settings, calling the test function directly. For
each point it

1. checks every hypothesis margin in float64 (except those that hold ``by_construction``: the
   confirmation checks them); a margin that fails in float is re-checked at 50 and 100 digits:
   certainly outside -> the *strategy* is wrong (an ``error``); in doubt (zero within rounding)
   -> the point is skipped and counted as ``uncertain``;
2. evaluates the objective in float64 (or at ``claim.search_dps`` digits when the claim asks
   for more than float64; NaN, inf or an exception -> ``error``);
3. calls ``hypothesis.target`` so the search climbs toward violations: ``-slack`` for ordinary
   claims, the ratio for existential ones;
4. confirms a float violation in place (:mod:`proofs.engine.confirm`). Only a confirmed
   violation fails the test, so Hypothesis shrinks to the smallest *confirmed* counterexample;
   unconfirmed ones are counted as discarded rounding artefacts. A violation that lies within
   the error bound the slack reports (an :class:`~proofs.engine.estimate.Estimate`, e.g. a
   quadrature error) is not re-checked at 100 digits at all: it is counted as within the float
   error.

The failing exception carries its point; Hypothesis re-raises the exception of its final
(shrunk) replay, so the point captured is the shrunk one.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mpmath
from hypothesis import Phase, Verbosity, example, given, seed, settings, target
from hypothesis.errors import HypothesisException

from .backend import FLOAT, Backend, MpBackend
from .claim import Claim, Point, SlackFn
from .confirm import Confirmation, confirm_fn, eval_mp, margin_check
from .estimate import value_and_error
from .hypothesis_adapter import fixed_constant_pool, in_target_phase, set_database_key
from .objectives import scores
from .points import copy_point, to_mp
from .profiles import CI, claim_budget, profile_settings, resolve


@dataclass
class SearchOutcome:
    """What a search did and found. ``objective`` is ``"slack"`` or ``"ratio"``."""

    claim_id: str
    objective: str
    profile: str
    budget: int  # max_examples given to Hypothesis
    explicit_examples: int = 0
    examples: int = 0  # evaluations of the test body (generation + targeting + shrinking)
    targeted_steps: int = 0  # evaluations during Hypothesis's target phase
    improvements: int = 0  # evaluations that improved the best objective seen
    first_violation_at: int | None = None  # evaluations until the first confirmed violation
    discarded: int = 0  # float violations that did not survive 50/100-digit re-evaluation
    within_error: int = 0  # float violations within the error bound the slack reported
    filtered: int = 0  # declared-domain points outside a stated (extra) hypothesis: skipped
    uncertain: int = 0  # points whose hypotheses failed in float and were zero within rounding
    best: float | None = None  # min float slack / max float ratio seen
    best_point: Point | None = None
    counterexample: Point | None = None
    confirmation: Confirmation | None = None
    error: str | None = None
    error_point: Point | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.counterexample is not None

    def budget_dict(self) -> dict[str, Any]:
        extra = {"within_float_error": self.within_error} if self.within_error else {}
        if self.filtered:
            extra["skipped_outside_stated_hypotheses"] = self.filtered
        return extra | {
            "profile": self.profile,
            "objective": self.objective,
            "max_examples": self.budget,
            "explicit_examples": self.explicit_examples,
            "examples_tried": self.examples,
            "targeted_steps": self.targeted_steps,
            "improvements": self.improvements,
            "examples_until_refuted": self.first_violation_at,
            "discarded_rounding_artefacts": self.discarded,
            "skipped_uncertain_hypotheses": self.uncertain,
            "best_float_" + ("slack" if self.objective == "slack" else "ratio"): (
                None if self.best is None else repr(self.best)
            ),
        }


class _Confirmed(Exception):
    """A confirmed counterexample (fails the Hypothesis test so that it is shrunk)."""

    def __init__(self, point: Point, confirmation: Confirmation) -> None:
        super().__init__("confirmed counterexample")
        self.point = point
        self.confirmation = confirmation


class _Defect(Exception):
    """The claim's encoding is defective at a point (strategy outside hypotheses, NaN, raise)."""

    def __init__(self, point: Point, message: str) -> None:
        super().__init__(message)
        self.point = point
        self.message = message


class _StrategyOutside(_Defect):
    def __init__(self, point: Point, hypothesis: str) -> None:
        super().__init__(point, f"strategy produced a point outside hypothesis '{hypothesis}'")
        self.hypothesis = hypothesis


class _BadValue(_Defect):
    pass


class _ConstructionFails(_Defect):
    def __init__(self, point: Point, hypothesis: str) -> None:
        super().__init__(
            point, f"hypothesis '{hypothesis}', which holds by construction, fails at 50/100 digits"
        )


class _Evaluator:
    """Evaluates slacks and margins in the search's arithmetic: float64, or mpmath at the
    claim's ``search_dps``. Returns floats (value, error bound) for Hypothesis."""

    def __init__(self, dps: int | None) -> None:
        self.B: Backend = FLOAT if dps is None else MpBackend(dps)

    def __call__(self, fn: SlackFn, point: Point, what: str) -> tuple[float, float]:
        v, e, _ = self.scored(fn, point, what)
        return v, e

    def scored(self, fn: SlackFn, point: Point, what: str) -> tuple[float, float, list[tuple[str, float]]]:
        """(value, error bound, labelled scores to target: see :mod:`proofs.engine.objectives`)."""
        try:
            if self.B.is_mp:
                with self.B.context():
                    raw = fn(to_mp(point), self.B)
            else:
                raw = fn(point, FLOAT)
            v, e = value_and_error(raw)
            v, e = float(v), float(e)
            marks = [(lab, float(sc)) for lab, sc in scores(raw)]
        except Exception as exc:  # noqa: BLE001 - any failure of the encoding is reported
            raise _BadValue(point, f"{what} raised {type(exc).__name__}: {exc}") from exc
        if not math.isfinite(v):
            raise _BadValue(point, f"{what} evaluated to {v} in {self.B.name}")
        if not math.isfinite(e):
            raise _BadValue(point, f"error bound of the {what} evaluated to {e} in {self.B.name}")
        return v, e, [(lab, sc) for lab, sc in marks if math.isfinite(sc)]


_FLOAT_EVAL = _Evaluator(None)


def _float_value(fn: SlackFn, point: Point, what: str, ev: _Evaluator = _FLOAT_EVAL) -> float:
    return ev(fn, point, what)[0]


def _generated(claim: Claim) -> bool:
    """The strategy is the one generated from the declared variables (it knows nothing of the
    stated hypotheses added on top, so a point outside one of those is skipped, not a defect)."""
    return claim.variables is not None and getattr(claim.strategy, "__self__", None) is claim.variables


def _inside(claim: Claim, point: Point, out: SearchOutcome, ev: _Evaluator = _FLOAT_EVAL) -> bool:
    """True if the point is inside every hypothesis; raise if the strategy left them.
    Hypotheses that hold by construction are left to the confirmation."""
    for h in claim.hypotheses:
        if h.by_construction:
            continue
        m = _float_value(h.margin, point, f"margin of hypothesis {h.name!r}", ev)
        if (m > 0) if h.strict else (m >= 0):
            continue
        try:  # the float check failed: decide at 50 and 100 digits, as the confirmation does
            mc = margin_check(h, point)
        except Exception as exc:  # noqa: BLE001
            raise _BadValue(point, f"margin of hypothesis {h.name!r} failed in mpmath: {exc}") from exc
        if mc.outside:
            if h.origin == "stated" and _generated(claim):
                out.filtered += 1
                return False
            raise _StrategyOutside(point, h.name)
        if not mc.holds:
            out.uncertain += 1
            return False
    return True


def _confirm(fn: SlackFn, claim: Claim, point: Point, strict: bool = False) -> Confirmation:
    try:
        conf = confirm_fn(fn, claim.hypotheses, point, strict)
    except Exception as exc:  # noqa: BLE001
        raise _BadValue(point, f"high-precision re-evaluation failed: {type(exc).__name__}: {exc}") from exc
    broken = conf.construction_failures
    if broken:
        raise _ConstructionFails(point, broken[0])
    return conf


def _confirm_or_discard(
    fn: SlackFn, claim: Claim, point: Point, out: SearchOutcome, strict: bool = False
) -> None:
    """A float violation: raise it confirmed (Hypothesis then shrinks it), or count it as a
    rounding artefact."""
    conf = _confirm(fn, claim, point, strict)
    if not conf.confirmed:
        out.discarded += 1
        return
    if out.first_violation_at is None:
        out.first_violation_at = out.examples
    raise _Confirmed(point, conf)


def _admit(claim: Claim, point: Point, out: SearchOutcome, ev: _Evaluator) -> Point | None:
    """Count the evaluation; a copy of the point if it is inside every hypothesis, else None."""
    out.examples += 1
    if in_target_phase():
        out.targeted_steps += 1
    point = copy_point(point)
    return point if _inside(claim, point, out, ev) else None


def _slack_body(claim: Claim, out: SearchOutcome) -> Callable[[Point], None]:
    slack_fn = claim.slack_fn
    assert slack_fn is not None
    strict = bool(getattr(claim, "strict", False))
    ev = _Evaluator(claim.search_dps) if claim.search_dps else _FLOAT_EVAL

    def body(point: Point) -> None:
        point = _admit(claim, point, out, ev)
        if point is None:
            return
        s, err, marks = ev.scored(slack_fn, copy_point(point), "slack")
        for lab, sc in marks:  # each conjunct, or the ratio of a bound, under its own label
            target(sc, label=f"{claim.id}: {lab}")
        if out.best is None or s < out.best:
            out.best, out.best_point = s, point
            out.improvements += 1
        if s < 0 or (strict and s == 0):
            if err and s + err >= 0:  # within the reported error: not worth 100 digits
                out.within_error += 1
                return
            _confirm_or_discard(slack_fn, claim, point, out, strict)

    return body


def _ratio_body(claim: Claim, out: SearchOutcome) -> Callable[[Point], None]:
    ex = claim.existential
    assert ex is not None
    ratio_fn = ex.ratio
    printed = ex.printed
    label = f"{claim.id}: ratio"
    ev = _Evaluator(claim.search_dps) if claim.search_dps else _FLOAT_EVAL

    def excess(p: Point, B: Backend) -> Any:  # printed constant minus ratio: < 0 refutes it
        assert printed is not None
        return printed(p, B) - ratio_fn(p, B)

    def body(point: Point) -> None:
        point = _admit(claim, point, out, ev)
        if point is None:
            return
        r = _float_value(ratio_fn, copy_point(point), "ratio", ev)
        target(r, label=label)
        if out.best is None or r > out.best:
            out.best, out.best_point = r, point
            out.improvements += 1
        if printed is not None:
            c = _float_value(printed, copy_point(point), f"printed constant {ex.constant_name}", ev)
            if r > c:
                _confirm_or_discard(excess, claim, point, out)

    return body


def _flatten(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [e for sub in exc.exceptions for e in _flatten(sub)]
    return [exc]


def search_seed(claim: Claim, profile: str, trial: int | None) -> int | None:
    """The Hypothesis seed of a search: under ``ci`` (deterministic) a hash of the claim id and
    ``trial`` (default 0); under ``dev``/``thorough`` ``trial`` if given, else None (random)."""
    if trial is None and profile != CI:
        return None
    digest = hashlib.sha256(f"{claim.id}#{trial or 0}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def search(
    claim: Claim, profile: str | None = None, trial: int | None = None, shrink: bool = True
) -> SearchOutcome:
    """Search for a counterexample to ``claim`` (slack, or existential ratio vs printed).

    ``trial`` selects an independent, reproducible search (see :func:`search_seed`);
    ``shrink=False`` stops at the first confirmed counterexample, unshrunk."""
    if claim.strategy is None:
        raise ValueError(f"claim {claim.id} has no strategy")
    objective = "ratio" if claim.existential is not None else "slack"
    if objective == "slack" and claim.slack is None:
        raise ValueError(f"claim {claim.id} has no slack")
    name = resolve(profile)
    base = profile_settings(name)
    budget = claim_budget(name, claim.search_scale)
    out = SearchOutcome(claim.id, objective, name, budget, explicit_examples=len(claim.examples))
    body = _ratio_body(claim, out) if objective == "ratio" else _slack_body(claim, out)
    for i, pt in enumerate(claim.examples):  # an explicit example outside: the example is wrong
        try:
            _inside(claim, copy_point(pt), SearchOutcome(claim.id, objective, name, 0))
        except _StrategyOutside as e:
            out.error = f"explicit example #{i} is outside hypothesis '{e.hypothesis}'"
            out.error_point = copy_point(pt)
            return out

    test = given(claim.strategy())(body)
    for pt in reversed(claim.examples):
        test = example(pt)(test)
    test = settings(
        base,
        max_examples=budget,
        verbosity=Verbosity.quiet,
        phases=tuple(p for p in base.phases
                     if p != Phase.explain and (shrink or p != Phase.shrink)),
    )(test)
    s = search_seed(claim, name, trial)
    if s is not None:
        test = seed(s)(test)
    set_database_key(test, claim.id.encode())  # dev profile: a database key per claim

    try:
        with fixed_constant_pool():  # the search depends on claim, profile and seed only
            test()
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001
        _record_failures(out, _flatten(exc))
    if out.best is not None and objective == "ratio" and out.best_point is not None:
        out.notes.append(
            "sup of ratio found at 50 digits: "
            + mpmath.nstr(eval_mp(claim.existential.ratio, out.best_point, 50, "ratio"), 20)  # type: ignore[union-attr]
        )
    return out


def _record_failures(out: SearchOutcome, excs: list[BaseException]) -> None:
    for e in excs:
        if isinstance(e, _Confirmed):
            if out.counterexample is None:
                out.counterexample, out.confirmation = e.point, e.confirmation
        elif isinstance(e, _Defect):
            if out.error is None or isinstance(e, _StrategyOutside | _ConstructionFails):
                out.error, out.error_point = e.message, e.point
        elif isinstance(e, HypothesisException):
            out.error = out.error or f"hypothesis: {type(e).__name__}: {e}".splitlines()[0]
        else:
            out.error = out.error or f"{type(e).__name__}: {e}".splitlines()[0]
