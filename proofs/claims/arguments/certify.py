"""Sign certificates checked by SymPy: the inequality steps of the limit-point proofs.

A step ``goal >= 0`` is shown by a *certificate*: an expression ``cert`` built from symbols whose
signs SymPy knows (declared ``positive`` / ``nonnegative``, each standing for a quantity whose
sign an earlier step or a hypothesis gives), and a positive ``multiplier`` with

    multiplier * goal == cert      (after the sign symbols are replaced by what they stand for,
                                    modulo the listed polynomial relations).

SymPy checks both halves: the identity (expanded and reduced modulo the relations, remainder 0:
then ``multiplier * goal - cert`` lies in the ideal of the relations, so it vanishes wherever
they hold) and the sign of ``cert`` (its assumptions-based ``is_nonnegative`` /
``is_positive``). A contradiction (:func:`impossible`) is a ``cert`` that is positive by its
signs and identically 0 modulo the relations: the assumptions that gave its signs cannot hold
together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sympy as sp

from proofs.engine.proof import ProofStep, by_sympy


def vanishes(expr: sp.Expr, relations: Sequence[sp.Expr] = (), gens: Sequence[sp.Symbol] = ()) -> bool:
    """``expr`` is 0 wherever every relation is 0: the numerator of ``expr`` (its denominator
    must be nonzero by the signs of its symbols) has remainder 0 modulo the relations
    (``sympy.reduced``; a zero remainder writes it as a combination of the relations)."""
    num, den = sp.fraction(sp.together(sp.expand(expr)))
    if den != 1 and not sp.sympify(den).is_nonzero:
        return False
    e = sp.expand(num)
    if e == 0:
        return True
    if not relations:
        return sp.simplify(e) == 0
    syms = list(gens) + sorted(
        set().union(e.free_symbols, *(r.free_symbols for r in relations)) - set(gens), key=str
    )
    try:
        _, rem = sp.reduced(e, [sp.expand(r) for r in relations], *syms)
    except sp.PolynomialError:
        return False
    return sp.expand(rem) == 0


def _sign_ok(cert: sp.Expr, strict: bool) -> bool:
    return bool(cert.is_positive) if strict else bool(cert.is_nonnegative)


def _subs(expr: sp.Expr, defs: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    return sp.sympify(expr).xreplace(dict(defs)) if defs else sp.sympify(expr)


def _describe(defs: Mapping[sp.Symbol, sp.Expr]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in defs.items())


def certified(
    says: str,
    goal: sp.Expr,
    cert: sp.Expr,
    *,
    multiplier: sp.Expr | int = 1,
    defs: Mapping[sp.Symbol, sp.Expr] | None = None,
    relations: Sequence[sp.Expr] = (),
    gens: Sequence[sp.Symbol] = (),
    strict: bool = False,
) -> ProofStep:
    """``goal >= 0`` (``> 0`` if strict): ``multiplier * goal == cert`` modulo ``relations``,
    ``multiplier > 0`` and ``cert >= 0`` (``> 0``) by the signs of its symbols; ``defs`` gives
    what each sign symbol stands for."""
    defs = dict(defs or {})
    multiplier = sp.sympify(multiplier)
    mult_ok = bool(multiplier.is_positive)
    sign_ok = _sign_ok(sp.sympify(cert), strict)
    ident = vanishes(_subs(multiplier * sp.sympify(goal) - sp.sympify(cert), defs), relations, gens)
    rel = ">" if strict else ">="
    claim = "0" if goal == 0 else f"({multiplier}) * ({goal})"  # goal 0: a contradiction
    detail = (
        f"{claim} = {cert} {rel} 0"
        + (f"; where {_describe(defs)}" if defs else "")
        + (f"; modulo {', '.join(f'{r} = 0' for r in relations)}" if relations else "")
        + f" [identity: {ident}, multiplier > 0: {mult_ok}, sign: {sign_ok}]"
    )
    return by_sympy(says, mult_ok and sign_ok and ident, detail)


def impossible(says: str, cert: sp.Expr, **where: Any) -> ProofStep:
    """The assumptions behind the signs of ``cert`` contradict each other: ``cert > 0`` by its
    signs, yet ``cert == 0`` modulo the relations once its symbols are replaced (``defs``) --
    :func:`certified` with goal 0 and a strict sign (``where``: its defs, relations, gens)."""
    return certified(says, sp.Integer(0), cert, strict=True, **where)


def identity(
    says: str,
    expr: sp.Expr,
    *,
    defs: Mapping[sp.Symbol, sp.Expr] | None = None,
    relations: Sequence[sp.Expr] = (),
    gens: Sequence[sp.Symbol] = (),
) -> ProofStep:
    """``expr == 0`` modulo ``relations`` (an algebraic identity checked by SymPy)."""
    ok = vanishes(_subs(expr, dict(defs or {})), relations, gens)
    rel = f" modulo {', '.join(f'{r} = 0' for r in relations)}" if relations else ""
    return by_sympy(says, ok, f"{expr} = 0{rel} [identity: {ok}]")


def all_ok(steps: Iterable[ProofStep]) -> bool:
    return all(s.ok for s in steps)
