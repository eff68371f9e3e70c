"""High-precision confirmation of a float counterexample (50 and 100 digits).

A float64 search proposes a point where the slack looked negative. :func:`confirm` converts the
point exactly to mpmath (floats are dyadic rationals, so nothing is lost), evaluates the slack
and every hypothesis margin at 50 and at 100 digits, and confirms the violation only if

* the slack is negative at 50 digits (else the candidate is rejected there, without the
  100-digit pass: most float candidates are rounding artefacts),
* every hypothesis holds at both precisions (``margin >= 0``; ``> 0`` when strict), and
* the slack is negative at both precisions *and* the two values agree to :data:`AGREE_REL`
  (for a ``strict`` claim, whose conclusion is ``slack > 0``, a slack exactly 0 at both
  precisions is a violation too).

Error bounds. A slack may return an :class:`~proofs.engine.estimate.Estimate` (a value with an
error bound, e.g. from ``B.quad``): the violation is then confirmed only where
``value + error < 0`` at both precisions, and the two values must agree up to their bounds.
A hypothesis flagged ``by_construction`` that fails beyond doubt is reported separately
(``construction_failures``): the construction of the points is wrong, an encoding defect.

Noise floor. The 100-digit value is ~10^50 times more accurate than the 50-digit one, so
``|s50 - s100|`` estimates the 50-digit rounding error. A slack that is exactly zero (a true
identity evaluated with rounding, e.g. ``(x/3)*3 - x``) leaves a residue of ~10^-50 at 50 digits
and ~10^-100 at 100 digits: the two disagree completely, so it is rejected whatever its sign. A
genuine violation gives the same value at both precisions; requiring agreement to a relative
10^-8 (at least 8 significant digits shared) leaves no doubt about the sign while accepting
any violation a float64 search can see (float slacks resolve ~10^-16 relative).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import mpmath
import numpy as np

from .backend import MpBackend
from .claim import Claim, Hypothesis, Point, SlackFn
from .estimate import value_and_error
from .points import to_mp

DPS: tuple[int, int] = (50, 100)
#: relative agreement required between the 50- and 100-digit values of a violated slack
AGREE_REL = mpmath.mpf("1e-8")


class NonFiniteValue(ValueError):
    """A slack, margin or ratio evaluated to NaN or infinity."""


def _as_mpf(v: Any, what: str) -> mpmath.mpf:
    if isinstance(v, np.ndarray) and v.size == 1:
        v = v.reshape(-1)[0]
    if isinstance(v, mpmath.mpf):
        x = v
    else:
        try:
            x = mpmath.mpf(v)
        except (TypeError, ValueError) as exc:
            raise NonFiniteValue(f"{what} is not a real scalar: {v!r}") from exc
    if not mpmath.isfinite(x):
        raise NonFiniteValue(f"{what} evaluated to {x}")
    return x


def eval_mp_error(
    fn: SlackFn, point: Point, dps: int, what: str = "slack"
) -> tuple[mpmath.mpf, mpmath.mpf]:
    """``fn(point, B)`` with ``B`` an mpmath backend at ``dps`` digits: (value, error bound)."""
    B = MpBackend(dps=dps)
    with B.context():
        value, error = value_and_error(fn(to_mp(point), B))
        return _as_mpf(value, what), _as_mpf(error, f"error bound of the {what}")


def eval_mp(fn: SlackFn, point: Point, dps: int, what: str = "slack") -> mpmath.mpf:
    """Evaluate ``fn(point, B)`` with ``B`` an mpmath backend at ``dps`` digits (the value;
    an error bound the function reports is dropped: see :func:`eval_mp_error`)."""
    return eval_mp_error(fn, point, dps, what)[0]


def certainly_negative(
    v50: mpmath.mpf, v100: mpmath.mpf, e50: mpmath.mpf = 0, e100: mpmath.mpf = 0
) -> bool:
    """Both values negative beyond their error bounds and agreeing to AGREE_REL (plus the
    bounds): not a rounding residue nor a quadrature error."""
    if not (v50 + e50 < 0 and v100 + e100 < 0):
        return False
    with mpmath.workdps(110):
        return abs(v50 - v100) <= AGREE_REL * abs(v100) + e50 + e100


def certainly_positive(v50: mpmath.mpf, v100: mpmath.mpf) -> bool:
    return certainly_negative(-v50, -v100)


def holds(m50: mpmath.mpf, m100: mpmath.mpf, strict: bool) -> bool:
    """A hypothesis holds at both precisions (strictly if ``strict``)."""
    if strict:
        return m50 > 0 and m100 > 0
    return m50 >= 0 and m100 >= 0


def certainly_outside(
    m50: mpmath.mpf, m100: mpmath.mpf, strict: bool, e50: mpmath.mpf = 0, e100: mpmath.mpf = 0
) -> bool:
    """The value violates ``>= 0`` (``> 0`` if strict) beyond rounding and error doubt."""
    if strict and e50 == 0 and e100 == 0 and m50 == 0 and m100 == 0:
        return True
    return certainly_negative(m50, m100, e50, e100)


@dataclass(frozen=True)
class MarginCheck:
    name: str
    strict: bool
    values: dict[int, mpmath.mpf]  # dps -> margin
    by_construction: bool = False

    @property
    def holds(self) -> bool:
        return holds(self.values[DPS[0]], self.values[DPS[1]], self.strict)

    @property
    def outside(self) -> bool:
        return certainly_outside(self.values[DPS[0]], self.values[DPS[1]], self.strict)


def margin_check(h: Hypothesis, point: Point) -> MarginCheck:
    """One hypothesis margin at 50 and 100 digits."""
    return MarginCheck(
        h.name,
        h.strict,
        {dps: eval_mp(h.margin, point, dps, f"margin of hypothesis {h.name!r}") for dps in DPS},
        h.by_construction,
    )


def check_hypotheses(hyps: Sequence[Hypothesis], point: Point) -> list[MarginCheck]:
    """Every hypothesis margin at 50 and 100 digits."""
    return [margin_check(h, point) for h in hyps]


@dataclass(frozen=True)
class Confirmation:
    """Outcome of re-evaluating a candidate counterexample in high precision."""

    confirmed: bool
    slack: dict[int, mpmath.mpf]  # dps -> value of the checked quantity (negative = violated)
    margins: list[MarginCheck] = field(default_factory=list)
    reason: str = ""
    errors: dict[int, mpmath.mpf] = field(default_factory=dict)  # dps -> error bound reported

    @property
    def slack50(self) -> mpmath.mpf:
        return self.slack[DPS[0]]

    @property
    def construction_failures(self) -> list[str]:
        """Hypotheses that hold by construction but fail beyond doubt (an encoding defect)."""
        return [m.name for m in self.margins if m.by_construction and m.outside]


def confirm_fn(
    fn: SlackFn, hyps: Sequence[Hypothesis], point: Point, strict: bool = False
) -> Confirmation:
    """Confirm ``fn < 0`` (``fn <= 0`` for a ``strict`` conclusion ``fn > 0``) at ``point``
    inside ``hyps`` (see module docstring). For a strict conclusion a slack that is exactly 0 at
    both precisions counts as violated, as a strict hypothesis with margin exactly 0 fails.

    Cheapest first: a slack that is not negative (beyond its error bound) at 50 digits is a
    float artefact and rejected at once; only a 50-digit violation is evaluated at 100 digits
    and has its hypotheses checked (so ``slack``/``margins`` hold what was evaluated)."""
    v50, e50 = eval_mp_error(fn, point, DPS[0])
    if not (v50 + e50 < 0 or (strict and v50 == 0 and e50 == 0)):
        # not a violation at 50 digits: a float artefact, rejected without the 100-digit pass
        return Confirmation(
            False, {DPS[0]: v50}, [],
            f"slack not negative beyond rounding at 50 digits ({mpmath.nstr(v50, 8)}"
            + (f", error bound {mpmath.nstr(e50, 3)})" if e50 else ")"),
            {DPS[0]: e50},
        )
    v100, e100 = eval_mp_error(fn, point, DPS[1])
    values, errors = {DPS[0]: v50, DPS[1]: v100}, {DPS[0]: e50, DPS[1]: e100}
    margins = check_hypotheses(hyps, point)
    failed = [m.name for m in margins if not m.holds]
    if failed:
        return Confirmation(False, values, margins, f"hypotheses fail in high precision: {failed}",
                            errors)
    if not certainly_outside(v50, v100, strict, e50, e100):
        within = " (within the reported error bound)" if (e50 or e100) else ""
        return Confirmation(
            False,
            values,
            margins,
            "slack not negative beyond rounding at 50 and 100 digits "
            f"({mpmath.nstr(v50, 8)} vs {mpmath.nstr(v100, 8)}){within}",
            errors,
        )
    return Confirmation(True, values, margins, "violation confirmed at 50 and 100 digits", errors)


def confirm(claim: Claim, point: Point) -> Confirmation:
    """Is ``point`` a genuine counterexample to ``claim`` (slack < 0 inside every hypothesis)?"""
    fn = claim.slack_fn
    if fn is None:
        raise ValueError(f"claim {claim.id} has no slack")
    return confirm_fn(fn, claim.hypotheses, point, claim.strict)


def replay(claim: Claim, point: Point) -> Confirmation:
    """Re-check a stored counterexample of ``claim`` at 50 and 100 digits.

    ``point`` may come straight from a report (:func:`proofs.engine.points.from_strings` of a
    verdict's ``counterexample``). For a claim with a slack this is :func:`confirm`. For an
    existential claim with a printed constant, the checked quantity is *printed constant minus
    ratio* (negative: the printed constant is exceeded), as in the search. The returned
    :class:`Confirmation` carries the two values and every hypothesis margin.

    An existential claim without a printed constant ("some constant exists") cannot be refuted
    by one point: its refutation is a family along which the ratio grows without bound. For it
    this raises ``ValueError``; evaluate ``eval_mp(claim.existential.ratio, point, 50)``.
    """
    if claim.slack is not None:
        return confirm(claim, point)
    ex = claim.existential
    if ex is None:
        raise ValueError(f"claim {claim.id} has no slack and no existential ratio to replay")
    printed = ex.printed
    if printed is None:
        raise ValueError(
            f"claim {claim.id} only states that a constant {ex.constant_name} exists: one point "
            "cannot refute it; evaluate eval_mp(claim.existential.ratio, point, 50) along the "
            "family instead"
        )
    ratio = ex.ratio

    def excess(p: Point, B: Any) -> Any:  # printed constant minus ratio: < 0 refutes it
        return printed(p, B) - ratio(p, B)

    return confirm_fn(excess, claim.hypotheses, point)
