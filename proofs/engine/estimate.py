"""A value with an error bound: what a slack returns when part of it is computed approximately.

``B.quad`` returns an :class:`Estimate` (the integral and a bound on its error); arithmetic with
numbers and other estimates propagates the bound (first order, plus the product of the bounds),
so a slack such as ``B.quad(f, 0, 1) - closed_form`` is an estimate too. The engine reads a
slack's error bound (:func:`value_and_error`):

* the float64 search does not re-check at 50/100 digits a "violation" that lies within the
  float error bound (``value + error >= 0``): it is counted as within the float error;
* a violation is confirmed only where ``value + error < 0`` at both 50 and 100 digits.

Functions of an estimate (``B.sqrt(est)``) are refused: the bound would need the function's
derivative. Combine estimates with ``+ - * /`` and take ``abs``.
"""

from __future__ import annotations

from typing import Any


class Estimate:
    """``value`` with ``|true - value| <= error`` (``error >= 0``)."""

    __slots__ = ("value", "error")

    def __init__(self, value: Any, error: Any = 0) -> None:
        if isinstance(value, Estimate):
            value, error = value.value, value.error + error
        self.value = value
        self.error = abs(error)

    # arithmetic (error propagation)
    def __add__(self, other: Any) -> Estimate:
        v, e = value_and_error(other)
        return Estimate(self.value + v, self.error + e)

    __radd__ = __add__

    def __sub__(self, other: Any) -> Estimate:
        v, e = value_and_error(other)
        return Estimate(self.value - v, self.error + e)

    def __rsub__(self, other: Any) -> Estimate:
        v, e = value_and_error(other)
        return Estimate(v - self.value, self.error + e)

    def __neg__(self) -> Estimate:
        return Estimate(-self.value, self.error)

    def __pos__(self) -> Estimate:
        return self

    def __abs__(self) -> Estimate:
        return Estimate(abs(self.value), self.error)

    def __mul__(self, other: Any) -> Estimate:
        v, e = value_and_error(other)
        return Estimate(self.value * v, abs(self.value) * e + abs(v) * self.error + self.error * e)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> Estimate:
        v, e = value_and_error(other)
        if e and not abs(v) > e:
            raise ZeroDivisionError("division by an estimate whose error bound reaches 0")
        q = self.value / v
        # |a/b - (a+da)/(b+db)| <= (|da| + |q| |db|) / (|b| - |db|)
        return Estimate(q, (self.error + abs(q) * e) / (abs(v) - e))

    def __rtruediv__(self, other: Any) -> Estimate:
        return Estimate(other) / self

    def __repr__(self) -> str:
        return f"Estimate({self.value!r}, error={self.error!r})"

    def __bool__(self) -> bool:
        raise TypeError("an Estimate has no truth value: compare estimate.value (and .error)")

    def __float__(self) -> float:
        raise TypeError("float(Estimate) would drop its error bound: use estimate.value")


def value_and_error(x: Any) -> tuple[Any, Any]:
    """``(value, error bound)`` of a number (error 0) or an :class:`Estimate` (a structured slack,
    :mod:`proofs.engine.objectives`, is reduced to its plain slack first)."""
    if not isinstance(x, Estimate) and type(x).__name__ in ("Conjuncts", "Bound"):
        from .objectives import slack_value

        x = slack_value(x)
    if isinstance(x, Estimate):
        return x.value, x.error
    return x, 0
