"""Exact constants: parsed once by SymPy, evaluated at a backend's precision.

A claim's constant is an exact expression (``"1/2"``, ``"k/(4*pi)"``, ``"k*sin(delta)/(2*pi)"``)
in the scalar parameters of a point (``k``, ``delta``, ``beta``, ...; ``d`` is the dimension of
the point's vectors when the point has no ``d`` of its own). It is never a binary float: the
float ``0.99`` is the dyadic rational 0.98999999999999999112..., which a 50-digit
re-evaluation would take literally. :func:`parse_exact` refuses floats and decimal literals
(write ``"99/100"``), so what the author wrote is what every precision evaluates.

Evaluation: :func:`evaluate` compiles the expression with :func:`sympy.lambdify` once per
backend kind: ``mpmath`` (rationals become ``mpf(p)/mpf(q)`` at the working precision, ``pi`` is
``mpmath.pi``) or ``numpy`` (float64).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

if TYPE_CHECKING:
    from .backend import Backend

ExactLike = str | int | sympy.Basic


class InexactConstantError(TypeError):
    """A constant was given as a binary float or a decimal literal instead of an exact value."""


def parse_exact(value: ExactLike, what: str = "constant") -> sympy.Expr:
    """The exact SymPy expression of ``value`` (a string, an int or a SymPy expression).

    Floats (Python or SymPy ``Float``) are refused with :class:`InexactConstantError`."""
    if isinstance(value, bool) or isinstance(value, float | np.floating):
        raise InexactConstantError(
            f"{what} {value!r} is a binary float: write it exactly, e.g. \"99/100\" or \"k/(4*pi)\""
        )
    if isinstance(value, int | np.integer):
        return sympy.Integer(int(value))
    if isinstance(value, str):
        expr = _parse_string(value)
    elif isinstance(value, sympy.Basic):
        expr = value
    else:
        raise InexactConstantError(f"{what} {value!r} ({type(value).__name__}) is not an exact value")
    if expr.has(sympy.Float):
        raise InexactConstantError(
            f"{what} {value!r} contains a decimal literal: write it as a fraction (\"99/100\")"
        )
    return expr


@cache
def _parse_string(text: str) -> sympy.Expr:
    # rationalize=False keeps '0.99' a Float so that it is refused above, not silently rounded;
    # names SymPy would read as functions (beta, gamma, ...) are parameters of a point here
    return sympy.sympify(text, locals=_PARAMETER_NAMES, rational=False)


#: names that are SymPy functions or constants by default but a point's parameters in a claim
_PARAMETER_NAMES = {n: sympy.Symbol(n) for n in ("beta", "gamma", "zeta", "lam", "Q", "S", "N", "O", "C")}


def free_names(expr: sympy.Expr) -> tuple[str, ...]:
    return tuple(sorted(str(s) for s in expr.free_symbols))


@cache
def _compiled(expr: sympy.Expr, names: tuple[str, ...], mp: bool) -> Any:
    syms = [sympy.Symbol(n) for n in names]
    bound = expr.subs({s: sympy.Symbol(str(s)) for s in expr.free_symbols})
    return sympy.lambdify(syms, bound, "mpmath" if mp else "numpy")


def dimension(point: Mapping[str, Any]) -> int | None:
    """The length of the point's first 1-d vector (the ``d`` of a point without a ``d`` key)."""
    for v in point.values():
        if isinstance(v, np.ndarray) and v.ndim == 1:
            return int(v.size)
        if isinstance(v, list | tuple) and v and not isinstance(v[0], list | tuple | dict):
            return len(v)
    return None


def scalar_parameters(point: Mapping[str, Any], names: tuple[str, ...], B: Backend) -> list[Any]:
    """The values of ``names`` in ``point`` as backend scalars (``d``: the vectors' length)."""
    out = []
    for n in names:
        if n in point:
            v = point[n]
        elif n == "d":
            v = dimension(point)
            if v is None:
                raise KeyError("constant uses d but the point has no d and no vector")
        else:
            raise KeyError(f"constant uses {n!r}, which the point does not define")
        out.append(v if isinstance(v, int | np.integer) else B.scalar(v))
    return out


def evaluate(expr: sympy.Expr, point: Mapping[str, Any], B: Backend) -> Any:
    """``expr`` at ``point``'s parameters, at ``B``'s precision (float64 or mpmath)."""
    names = free_names(expr)
    fn = _compiled(expr, names, bool(getattr(B, "is_mp", False)))
    value = fn(*scalar_parameters(point, names, B))
    return value if getattr(B, "is_mp", False) else float(value)
