"""Equality claims ``lhs = rhs``: the tolerance follows from the precision and the error bounds.

``Claim(..., slack=equals(lhs, rhs))`` states ``lhs(point) = rhs(point)``. Its slack is

    tolerance - |lhs - rhs|,   tolerance = B.allowance(scale)   (256 unit roundoffs of the scale)

returned as an :class:`~proofs.engine.estimate.Estimate` whose error bound is the sum of the
bounds ``lhs`` and ``rhs`` report (a quadrature error, say). Nothing is guessed:

* in float64 the allowance is ~3e-14 of the scale: rounding of a true identity stays inside it,
  and a "violation" within the quadrature error bound is not re-checked at 100 digits;
* at 50 and 100 digits the allowance is ~1e-47 / ~1e-97 of the scale: a genuine difference of
  any size a float64 search can see is confirmed there (beyond the 50/100-digit error bounds).

``scale`` is the size of the terms rounded in computing ``lhs - rhs`` (default
``max(|lhs|, |rhs|)``); give it (an exact value or a function of the point) when the two sides
are small differences of large terms. Inside the allowance the slack is exactly 0, so the
search's targeting does not climb on rounding noise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .backend import Backend
from .claim import Point
from .estimate import Estimate, value_and_error
from .exact import ExactLike, evaluate, parse_exact

Side = Callable[..., Any]  # (point, B[, constants]) -> value or Estimate


class Equality:
    """The slack of ``lhs = rhs`` (see the module docstring)."""

    def __init__(self, lhs: Side, rhs: Side, scale: ExactLike | Side | None = None) -> None:
        self.lhs = lhs
        self.rhs = rhs
        self.scale = scale if scale is None or callable(scale) else parse_exact(scale, "scale")

    def _scale(self, point: Point, B: Backend, rest: tuple[Any, ...], a: Any, b: Any) -> Any:
        if self.scale is None:
            return max(abs(a), abs(b))
        if callable(self.scale):
            return abs(value_and_error(self.scale(point, B, *rest))[0])
        return abs(evaluate(self.scale, point, B))

    def __call__(self, point: Point, B: Backend, *rest: Any) -> Any:
        a, ea = value_and_error(self.lhs(point, B, *rest))
        b, eb = value_and_error(self.rhs(point, B, *rest))
        tolerance = B.allowance(self._scale(point, B, rest, a, b))
        diff = abs(a - b)
        slack = 0 * tolerance if diff <= tolerance else tolerance - diff
        error = ea + eb
        return Estimate(slack, error) if error else slack

    def __repr__(self) -> str:
        return f"equals({getattr(self.lhs, '__name__', self.lhs)}, {getattr(self.rhs, '__name__', self.rhs)})"


def equals(lhs: Side, rhs: Side, *, scale: ExactLike | Side | None = None) -> Equality:
    """The slack of the equality claim ``lhs = rhs`` (each side ``(point, B) -> value``, or
    ``(point, B, c)`` for a claim with constants; a side may return an Estimate)."""
    return Equality(lhs, rhs, scale)
