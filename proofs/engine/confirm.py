"""High-precision confirmation of a float counterexample (50 and 100 digits).

A float64 search proposes a point where the slack looked negative. :func:`confirm` converts the
point exactly to mpmath (floats are dyadic rationals, so nothing is lost), evaluates the slack
and every hypothesis margin at 50 and at 100 digits, and confirms the violation only if

* every hypothesis holds at both precisions (``margin >= 0``; ``> 0`` when strict), and
* the slack is negative at both precisions *and* the two values agree to :data:`AGREE_REL`
  (for a ``strict`` claim, whose conclusion is ``slack > 0``, a slack exactly 0 at both
  precisions is a violation too).

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


def eval_mp(fn: SlackFn, point: Point, dps: int, what: str = "slack") -> mpmath.mpf:
    """Evaluate ``fn(point, B)`` with ``B`` an mpmath backend at ``dps`` digits."""
    B = MpBackend(dps=dps)
    with B.context():
        return _as_mpf(fn(to_mp(point), B), what)


def certainly_negative(v50: mpmath.mpf, v100: mpmath.mpf) -> bool:
    """Both values negative and agreeing to AGREE_REL (not a rounding residue)."""
    if not (v50 < 0 and v100 < 0):
        return False
    with mpmath.workdps(110):
        return abs(v50 - v100) <= AGREE_REL * abs(v100)


def certainly_positive(v50: mpmath.mpf, v100: mpmath.mpf) -> bool:
    return certainly_negative(-v50, -v100)


def holds(m50: mpmath.mpf, m100: mpmath.mpf, strict: bool) -> bool:
    """A hypothesis holds at both precisions (strictly if ``strict``)."""
    if strict:
        return m50 > 0 and m100 > 0
    return m50 >= 0 and m100 >= 0


def certainly_outside(m50: mpmath.mpf, m100: mpmath.mpf, strict: bool) -> bool:
    """The point violates the hypothesis beyond rounding doubt."""
    if strict and m50 == 0 and m100 == 0:
        return True
    return certainly_negative(m50, m100)


@dataclass(frozen=True)
class MarginCheck:
    name: str
    strict: bool
    values: dict[int, mpmath.mpf]  # dps -> margin

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

    @property
    def slack50(self) -> mpmath.mpf:
        return self.slack[DPS[0]]


def confirm_fn(
    fn: SlackFn, hyps: Sequence[Hypothesis], point: Point, strict: bool = False
) -> Confirmation:
    """Confirm ``fn < 0`` (``fn <= 0`` for a ``strict`` conclusion ``fn > 0``) at ``point``
    inside ``hyps`` (see module docstring). For a strict conclusion a slack that is exactly 0 at
    both precisions counts as violated, as a strict hypothesis with margin exactly 0 fails."""
    margins = check_hypotheses(hyps, point)
    values = {dps: eval_mp(fn, point, dps) for dps in DPS}
    failed = [m.name for m in margins if not m.holds]
    if failed:
        return Confirmation(False, values, margins, f"hypotheses fail in high precision: {failed}")
    if not certainly_outside(values[DPS[0]], values[DPS[1]], strict):
        return Confirmation(
            False,
            values,
            margins,
            "slack not negative beyond rounding at 50 and 100 digits "
            f"({mpmath.nstr(values[DPS[0]], 8)} vs {mpmath.nstr(values[DPS[1]], 8)})",
        )
    return Confirmation(True, values, margins, "violation confirmed at 50 and 100 digits")


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
