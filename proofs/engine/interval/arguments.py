"""Equality-case arguments: sound reasons a box touching the slack's zero set is >= 0.

Sharp claims (slack exactly 0 somewhere) cannot be closed by enclosures near the zero set. The
caller declares arguments, each verified (SymPy) before use and checked rigorously on the boxes
that touch it:

* :class:`MonotoneFace` -- the slack is ``>= 0`` on a face ``var = lo`` (or ``hi``) of the domain
  (SymPy proves it vanishes there, or an enclosure on the face piece of the box is ``>= 0``) and
  ``d slack / d var`` is certified ``>= 0`` (``<= 0``) on the box: so slack >= 0 on the box.
* :class:`SecondOrderPoint` -- ``slack(x0) = 0`` and ``grad slack(x0) = 0`` exactly (SymPy; at a
  boundary point the gradient may instead point into the domain), and the Hessian enclosure on
  the (convex) box containing ``x0`` is certified positive semidefinite (1-d: ``f'' >= 0``; 2-d:
  diagonal and determinant; n-d: Gershgorin): Taylor's theorem gives slack >= 0 on the box.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import flint
import sympy
from flint import arb

from .arithmetic import _max, _mul, _powi, _sub
from .boxes import Box, _End, _precision, _side_ivs
from .compiler import _Program
from .enclosure import _enclose_lower, _is_exact_zero, _Model


@dataclass(frozen=True)
class MonotoneFace:
    """The slack is >= 0 on the face ``var = lo`` (``direction="increasing"``: ``d slack/d var
    >= 0`` certified on boxes touching it) or on the face ``var = hi`` (``"decreasing"``:
    ``d slack/d var <= 0``). On the face itself the slack is shown >= 0 by SymPy (it simplifies
    to 0 there) or, box by box, by an enclosure of the slack restricted to the face."""

    var: Any
    direction: str = "increasing"

    def label(self) -> str:
        return f"MonotoneFace({self.var}, {self.direction})"


@dataclass(frozen=True)
class SecondOrderPoint:
    """``slack(x0) = 0`` and ``grad slack(x0) = 0`` exactly (SymPy); at a point on the boundary
    of the domain, a gradient component may instead be >= 0 at a lower face (<= 0 at an upper
    face). On the box containing ``x0`` the Hessian enclosure is certified PSD, so by Taylor's
    theorem slack >= slack(x0) = 0 there. ``point`` maps each variable (Symbol or name) to an
    exact value (SymPy number or string such as ``"pi/2"``)."""

    point: Mapping[Any, Any]

    def label(self) -> str:
        inner = ", ".join(f"{k}={v}" for k, v in self.point.items())
        return f"SecondOrderPoint({inner})"


class _Argument:
    """A prepared, verified equality-case argument."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.verified = False
        self.checks: list[str] = []

    def touches(self, bx: Box) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self, bx: Box) -> arb | None:  # pragma: no cover - interface
        raise NotImplementedError

    def record(self) -> dict[str, Any]:
        return {"argument": self.label, "verified": self.verified, "checks": list(self.checks)}


class _MonotoneFaceArg(_Argument):
    def __init__(self, arg: MonotoneFace, model: _Model, root: Box) -> None:
        super().__init__(arg.label())
        names = [str(s) for s in model.syms]
        if str(arg.var) not in names:
            raise ValueError(f"{self.label}: {arg.var} is not a variable")
        if arg.direction not in ("increasing", "decreasing"):
            raise ValueError(f"{self.label}: direction must be 'increasing' or 'decreasing'")
        self.i = names.index(str(arg.var))
        self.upper = arg.direction == "decreasing"
        self.face = root[self.i][1 if self.upper else 0]
        assert model.expr is not None
        self.model = model
        sign = -1 if self.upper else 1
        d = sign * model.grad[self.i]
        self.deriv = _Program([d, *(sympy.diff(d, v) for v in model.syms)], model.syms)
        face_expr = model.expr.subs(model.syms[self.i], self.face.sym)
        self.face_zero = _is_exact_zero(face_expr)
        self.checks.append(
            f"slack at {model.syms[self.i]} = {self.face} "
            + ("simplifies to 0 (SymPy)" if self.face_zero else "is enclosed box by box")
        )
        self.checks.append(
            f"{'-' if self.upper else ''}d slack/d {model.syms[self.i]} >= 0 certified per box"
        )
        self.verified = True

    def touches(self, bx: Box) -> bool:
        return bx[self.i][1 if self.upper else 0] is self.face

    def close(self, bx: Box) -> arb | None:
        xs, ends = _side_ivs(bx)
        low, _ = _enclose_lower(self.deriv, xs, ends, bx, True)
        if low is None or not low >= 0:
            return None
        if self.face_zero:
            return arb(0)
        fx = list(xs)
        fx[self.i] = ends[self.i][1 if self.upper else 0]
        prog = self.model.fg or self.model.f
        flow, _ = _enclose_lower(prog, fx, ends, bx, self.model.fg is not None)
        if flow is None or not flow >= 0:
            return None
        return flow


class _SecondOrderArg(_Argument):
    def __init__(self, arg: SecondOrderPoint, model: _Model, root: Box) -> None:
        super().__init__(arg.label())
        assert model.expr is not None
        names = [str(s) for s in model.syms]
        pt = {str(k): v for k, v in arg.point.items()}
        if set(pt) != set(names):
            raise ValueError(f"{self.label}: point must give every variable {names}")
        self.x0 = [_End(pt[n]) for n in names]
        self.model = model
        subs = {s: e.sym for s, e in zip(model.syms, self.x0, strict=True)}
        ok = True
        f0 = model.expr.subs(subs)
        if _is_exact_zero(f0):
            self.checks.append("slack(x0) = 0 (SymPy)")
        else:
            ok = False
            self.checks.append(f"slack(x0) = {sympy.simplify(f0)} is not 0")
        for i, s in enumerate(model.syms):
            gi = model.grad[i].subs(subs)
            at_lo = self._eq(self.x0[i], root[i][0])
            at_hi = self._eq(self.x0[i], root[i][1])
            if not (self._le(root[i][0], self.x0[i]) and self._le(self.x0[i], root[i][1])):
                ok = False
                self.checks.append(f"{s} = {self.x0[i]} is not in the domain")
                continue
            if _is_exact_zero(gi):
                self.checks.append(f"d slack/d {s} (x0) = 0 (SymPy)")
                continue
            with _precision(max(flint.ctx.prec, 128)):
                gb = _Program([gi], [])([])[0]
                good = (at_lo and gb.lo >= 0) or (at_hi and gb.hi <= 0)
            if good:
                side = "lower" if at_lo else "upper"
                self.checks.append(f"d slack/d {s} (x0) points into the domain at its {side} face")
            else:
                ok = False
                self.checks.append(f"d slack/d {s} (x0) = {sympy.simplify(gi)} is not 0")
        self.verified = ok
        if ok:
            model.hessian_program()
            self.checks.append(
                "Hessian PSD certified per box (1-d: f''>=0; 2-d: det; else Gershgorin)"
            )

    @staticmethod
    def _eq(a: _End, b: _End) -> bool:
        if a.q is not None and b.q is not None:
            return a.q == b.q
        if (a.q is not None and b.sym.is_rational is False) or (
            b.q is not None and a.sym.is_rational is False
        ):
            return False
        if not a.ball().overlaps(b.ball()):
            return False
        return _is_exact_zero(a.sym - b.sym)

    @staticmethod
    def _le(a: _End, b: _End) -> bool:
        if a.q is not None and b.q is not None:
            return a.q <= b.q
        for p in (flint.ctx.prec, 4 * flint.ctx.prec, 1024):
            with _precision(p):
                if a.ball() < b.ball():
                    return True
                if a.ball() > b.ball():
                    return False
        return _SecondOrderArg._eq(a, b)

    def touches(self, bx: Box) -> bool:
        if not self.verified:
            return False
        return all(
            self._le(lo, x) and self._le(x, hi) for x, (lo, hi) in zip(self.x0, bx, strict=True)
        )

    def close(self, bx: Box) -> arb | None:
        xs, _ = _side_ivs(bx)
        m = self.model
        vals = m.hessian_program()(xs)
        if not all(v.finite() for v in vals):
            return None
        n = m.n
        h = m.hess_entry
        if n == 1:
            ok = h(vals, 0, 0).lo >= 0
        elif n == 2:
            a, b, c = h(vals, 0, 0), h(vals, 0, 1), h(vals, 1, 1)
            det = _sub(_mul(a, c), _powi(b, 2))
            ok = a.lo >= 0 and c.lo >= 0 and det.lo >= 0
        else:
            ok = True
            for i in range(n):
                off = arb(0)
                for j in range(n):
                    if j != i:
                        e = h(vals, i, j)
                        off = off + _max(abs(e.lo), abs(e.hi)).upper()
                if not (h(vals, i, i).lo - off >= 0):
                    ok = False
                    break
        return arb(0) if ok else None
