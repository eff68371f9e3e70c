"""Small SymPy checkers shared by the machine-checked arguments, and the Gram algebra.

* :func:`identity` -- SymPy decides that an expression is identically 0 (optionally after
  substituting relations such as ``s**2 -> 1 - c**2``).
* :func:`nonnegative` -- SymPy decides ``expr >= 0`` from the assumptions on its symbols (the
  usual way: rewrite the claim in nonnegative "slack" symbols so that, expanded or factored, it is
  a sum of products of nonnegative symbols; SymPy's assumption system then decides the sign).
* :class:`Gram` -- inner products of formal linear combinations of named vectors through their
  Gram matrix. An inner product is symmetric and bilinear, so
  ``<sum a_i x_i, sum b_j x_j> = sum a_i b_j <x_i, x_j>`` in every dimension: an identity
  between such expressions proved here holds for vectors of R^d, whatever d. This is how the
  arguments reduce a statement about vectors to a statement about a few scalars.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sympy as sp

Vec = Mapping[str, Any]  # a formal linear combination: basis name -> SymPy coefficient


def _apply(expr: Any, relations: Iterable[Mapping[Any, Any]]) -> Any:
    e = sp.expand(sp.sympify(expr))
    for rel in relations:
        e = sp.expand(e.subs(rel))
    return e


def identity(expr: Any, *relations: Mapping[Any, Any]) -> bool:
    """``expr`` is identically 0 (after the substitutions ``relations``, applied in order)."""
    e = _apply(sp.together(sp.sympify(expr)), relations)
    if e == 0:
        return True
    e = sp.simplify(e)
    if e == 0:
        return True
    e = _apply(sp.numer(sp.together(e)), relations)
    return bool(e == 0 or sp.simplify(e) == 0)


def _decided(expr: Any, sign: str) -> bool:
    """SymPy decides ``expr.is_<sign>`` from its symbols' assumptions, as written, expanded,
    factored or over one denominator."""
    e = sp.sympify(expr)
    return any(getattr(form, sign) is True
               for form in (e, sp.expand(e), sp.factor(e), sp.together(sp.expand(e))))


def nonnegative(expr: Any) -> bool:
    """SymPy decides ``expr >= 0`` from its symbols' assumptions (expanded, then factored)."""
    return _decided(expr, "is_nonnegative")


def positive(expr: Any) -> bool:
    """SymPy decides ``expr > 0`` from its symbols' assumptions (expanded, then factored)."""
    return _decided(expr, "is_positive")


class Gram:
    """Inner products of formal linear combinations of named vectors, from their Gram matrix.

    ``Gram({("a", "a"): 1, ("a", "s"): c, ...})`` gives the inner products of the basis vectors
    (symmetric: ``(a, s)`` also gives ``(s, a)``); a vector is a ``{name: coefficient}`` mapping."""

    def __init__(self, entries: Mapping[tuple[str, str], Any]) -> None:
        self._g: dict[tuple[str, str], Any] = {}
        for (i, j), v in entries.items():
            self._g[(i, j)] = sp.sympify(v)
            self._g[(j, i)] = sp.sympify(v)

    def entry(self, i: str, j: str) -> Any:
        try:
            return self._g[(i, j)]
        except KeyError:
            raise KeyError(f"Gram matrix has no entry <{i}, {j}>") from None

    def inner(self, x: Vec, y: Vec) -> Any:
        """<x, y> by bilinearity."""
        return sp.expand(sum(cx * cy * self.entry(i, j) for i, cx in x.items() for j, cy in y.items()))

    def norm2(self, x: Vec) -> Any:
        return self.inner(x, x)


def combine(*terms: tuple[Any, Vec]) -> dict[str, Any]:
    """``sum c_k x_k`` of formal vectors (each term a pair (coefficient, vector))."""
    out: dict[str, Any] = {}
    for c, x in terms:
        for name, v in x.items():
            out[name] = out.get(name, 0) + c * v
    return out


def basis(name: str) -> dict[str, Any]:
    """The basis vector ``name`` as a formal vector."""
    return {name: sp.Integer(1)}
