"""SymPy facts several model-level proofs use, and exact constants in the model's symbols.

Vectors of the model lie in span(w^, s^) (w^ = w/|w|, s^ = w*): the model gives grad f and
E_Z[g] as coefficient pairs in that basis (:func:`proofs.model.model`), and inner products go
through the Gram matrix (:func:`proofs.claims.strategies.gram_inner`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sympy as sp

from proofs.engine.exact import ExactLike, parse_exact
from proofs.model import model
from proofs.model.derivation import Coefficients

from ..strategies import gram_inner, is_zero, model_symbols


def model_expr(value: ExactLike) -> sp.Expr:
    """An exact constant (``"k/(2*pi)"``) as a SymPy expression in the model's symbols: its free
    names ``k``, ``r``, ``theta`` become the model's (positive) symbols."""
    expr = parse_exact(value)
    k, r, theta = model_symbols()
    by_name = {"k": k, "r": r, "theta": theta}
    return expr.subs({s: by_name[s.name] for s in expr.free_symbols if s.name in by_name})


def coefficient_gaps(coeffs: Any, target: tuple[Any, Any]) -> tuple[Any, Any]:
    """The model's (coeff_w, coeff_s) minus ``target``, simplified."""
    return sp.simplify(coeffs.coeff_w - target[0]), sp.simplify(coeffs.coeff_s - target[1])


@cache
def coarse_on_sphere(*angles: sp.Symbol) -> tuple[bool, str]:
    """Every reading of the model's E_Z[g] is (k/(2 pi)) w^ - (k/(2 pi)) s^ (free of |w|, theta),
    checked with the model's theta replaced by each of ``angles`` (none: the model's theta)."""
    k, _, theta = model_symbols()
    half = k / (2 * sp.pi)
    ok, parts = True, []
    for reading, co in model().coarse_gradient.items():
        for a in angles or (theta,):
            at = Coefficients(co.coeff_w.subs(theta, a), co.coeff_s.subs(theta, a))
            ok = ok and all(is_zero(g) for g in coefficient_gaps(at, (half, -half)))
        parts.append(f"{reading}: ({co.coeff_w}, {co.coeff_s})")
    return ok, "; ".join(parts)


@cache
def coarse_dot_gradient(conv: str) -> sp.Expr:
    """<E_Z[g], grad f> (f of ``conv``) through the Gram matrix, simplified; the two readings of
    E_Z[g] have the same coefficients (checked)."""
    m = model()
    g = m.coarse_gradient["entrywise"]
    f = m.gradient[conv]
    assert is_zero(g.coeff_w - m.coarse_gradient["scalar"].coeff_w)
    return sp.simplify(gram_inner((g.coeff_w, g.coeff_s), (f.coeff_w, f.coeff_s)))
