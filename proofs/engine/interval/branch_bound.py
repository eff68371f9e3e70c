"""The certifier: branch and bound over a box, and its certificate.

:func:`certify_nonnegative` covers the box (its unbounded sides mapped by stated
transformations, see :mod:`.boxes`) by sub-boxes on each of which a certified lower bound of the
slack is ``>= 0`` (``> 0`` if strict), or stops at a certified counterexample. Boxes are
scheduled fairly: the box with the worst lower bound and the largest open box are taken in
turn, so a region that cannot be closed (a face where the slack is exactly 0 and no argument
applies) does not absorb the whole budget; a run that stops early reports a *partial
certificate*: the certified fraction of the volume and the largest open boxes.
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy
from flint import arb, fmpq

from ..claim import ProofResult
from ..cover import Cover
from ..ranges import Range
from .arguments import MonotoneFace, SecondOrderPoint, _Argument, _MonotoneFaceArg, _SecondOrderArg
from .arithmetic import Iv, _is_pt
from .boxes import (
    Box,
    Piece,
    _centre,
    _dec,
    _dec_lower,
    _End,
    _fmpq_of_arb,
    _parse_box,
    _precision,
    _side_ivs,
    _split_point,
    _volume_fraction,
    infinity_sign,
    pieces,
    transformed,
)
from .enclosure import _ENCLOSURE, _EXACT_VERTEX, _enclose_lower, _exact_vertex, _Model

#: how many of the largest open boxes a partial certificate lists
OPEN_BOXES = 5


@dataclass(frozen=True)
class Certificate:
    """Record of a branch-and-bound run. ``complete`` is True only when every sub-box was closed
    (by an enclosure or by a verified equality-case argument): then ``slack >= 0`` (``> 0`` if
    ``strict``) holds on the whole domain. ``counterexample`` is a point where the slack is
    certifiably negative (``<= 0`` if strict), with its value's upper bound. An incomplete run is
    a partial certificate: ``certified_fraction`` of the volume (in the certifier's coordinates)
    is closed, ``open_boxes`` lists the largest boxes left open."""

    slack: str
    variables: tuple[str, ...]
    box: tuple[tuple[str, str], ...]
    strict: bool
    complete: bool
    boxes: int
    depth: int
    min_lower_bound: str | None
    closed_by_arguments: dict[str, int]
    counterexample: dict[str, Any] | None
    seconds: float
    uncovered_fraction: float
    stop_reason: str  # "complete" | "counterexample" | "max_boxes" | "seconds" | "max_depth"
    prec: int
    arguments: tuple[dict[str, Any], ...] = ()
    budget: dict[str, Any] = field(default_factory=dict)
    transforms: tuple[str, ...] = ()
    open_boxes: tuple[dict[str, tuple[str, str]], ...] = ()

    @property
    def domain(self) -> dict[str, tuple[str, str]]:
        return dict(zip(self.variables, self.box, strict=True))

    @property
    def certified_fraction(self) -> float:
        return 0.0 if self.counterexample is not None else 1.0 - self.uncovered_fraction

    def cover(self) -> Cover:
        """The domain this certificate covers: its box (closed; an infinite end is open), with
        the transformations of its unbounded sides. A certificate that is not complete covers
        nothing, which it records as an empty cover."""
        if not self.complete:
            return Cover(how="incomplete interval certificate (covers nothing)")
        return Cover(
            tuple((v, Range(lo, hi)) for v, (lo, hi) in zip(self.variables, self.box, strict=True)),
            transforms=self.transforms,
            how="interval certificate",
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-able record."""
        return {
            "kind": "interval-certificate",
            "slack": self.slack,
            "inequality": "> 0" if self.strict else ">= 0",
            "domain": {v: list(b) for v, b in zip(self.variables, self.box, strict=True)},
            "complete": self.complete,
            "boxes": self.boxes,
            "depth": self.depth,
            "min_lower_bound": self.min_lower_bound,
            "closed_by_arguments": dict(self.closed_by_arguments),
            "counterexample": self.counterexample,
            "seconds": round(self.seconds, 4),
            "uncovered_fraction": self.uncovered_fraction,
            "certified_fraction": self.certified_fraction,
            "open_boxes": [dict(b) for b in self.open_boxes],
            "transforms": list(self.transforms),
            "stop_reason": self.stop_reason,
            "prec_bits": self.prec,
            "arguments": [dict(a) for a in self.arguments],
            "budget": dict(self.budget),
        }


@dataclass
class _Root:
    """One root box: a combination of pieces of the sides, with its own model and arguments."""

    box: Box
    pieces: tuple[Piece, ...]
    model: _Model
    args: list[_Argument]
    weight: float  # share of the total volume
    widths: list[float]

    def limit(self, bx: Box) -> list[bool]:
        """Which sides of ``bx`` start at a limit end (u = 0 of a transformed side)."""
        return [p.scale is not None and bx[i][0] is self.box[i][0] for i, p in enumerate(self.pieces)]

    def original(self, i: int, u: arb | fmpq) -> arb | fmpq:
        """Coordinate ``i`` of a point, mapped back from the piece's coordinate."""
        c = self.pieces[i].scale
        if c is None:
            return u
        return (fmpq(int(c)) / u) if isinstance(u, fmpq) else arb(int(c)) / u

    def side_text(self, i: int, lo: _End, hi: _End) -> tuple[str, str]:
        """A side of a box in the original coordinate (``u`` in ``[a, b]`` is ``x = c/u``)."""
        c = self.pieces[i].scale
        if c is None:
            return str(lo), str(hi)
        a, b = lo.sym, hi.sym
        if c > 0:
            return str(c / b), "oo" if a == 0 else str(c / a)
        return "-oo" if a == 0 else str(c / a), str(c / b)


def _keep_points(args: Sequence[Any], names: Sequence[str]) -> list[list[Any]]:
    """Per variable, the coordinates of SecondOrderPoints (kept in the untransformed piece)."""
    keep: list[list[Any]] = [[] for _ in names]
    for a in args:
        if isinstance(a, SecondOrderPoint):
            pt = {str(k): v for k, v in a.point.items()}
            for i, n in enumerate(names):
                if n in pt:
                    keep[i].append(sympy.sympify(pt[n]))
    return keep


def _roots(
    base: _Model, syms: list[sympy.Symbol], sides: list[tuple[Any, Any]], args: Sequence[Any]
) -> list[_Root]:
    names = [str(s) for s in syms]
    per_side = [pieces(lo, hi, keep) for (lo, hi), keep in zip(sides, _keep_points(args, names), strict=True)]
    unbounded = any(p.scale is not None for ps in per_side for p in ps)
    if unbounded and base.expr is None:
        raise ValueError("an unbounded side needs a SymPy slack (it is transformed symbolically)")
    roots: list[_Root] = []
    for combo in itertools.product(*per_side):
        box: Box = tuple((_End(p.lo), _End(p.hi)) for p in combo)
        for (lo, hi), s in zip(box, syms, strict=True):
            if not (lo.ball() < hi.ball() or (lo.q is not None and hi.q is not None and lo.q < hi.q)):
                raise ValueError(f"empty or degenerate side for {s}: [{lo}, {hi}]")
        model = base
        if any(p.scale is not None for p in combo):
            assert base.expr is not None
            expr = base.expr
            for s, p in zip(syms, combo, strict=True):
                expr = transformed(expr, s, p)
            model = _Model(expr, syms)
        weight = math.prod(1.0 / len(ps) for ps in per_side)
        widths = [float((hi.ball() - lo.ball()).mid()) for lo, hi in box]
        roots.append(_Root(box, combo, model, [], weight, widths))
    for a in args:
        _attach(a, roots, sides, names)
    return roots


def _attach(a: Any, roots: list[_Root], sides: list[tuple[Any, Any]], names: list[str]) -> None:
    """Build the argument on the roots it applies to (a rejected one is still recorded)."""
    if isinstance(a, MonotoneFace):
        if str(a.var) not in names:
            raise ValueError(f"{a.label()}: {a.var} is not a variable")
        i = names.index(str(a.var))
        end = 1 if a.direction == "decreasing" else 0
        face = sides[i][end]
        if infinity_sign(face) != 0:
            raise ValueError(f"{a.label()}: the face {a.var} = {face} is not a finite face")
        for r in roots:  # the roots whose side i is the untransformed piece holding the face
            p = r.pieces[i]
            if p.scale is None and (p.hi if end else p.lo) is face:
                r.args.append(_MonotoneFaceArg(a, r.model, r.box))
    elif isinstance(a, SecondOrderPoint):
        # the cuts of unbounded sides lie beyond x0: it is in the root of untransformed pieces
        r = next(r for r in roots if all(p.scale is None for p in r.pieces))
        r.args.append(_SecondOrderArg(a, r.model, r.box))
    else:
        raise TypeError(f"unknown zero-set argument {a!r}")


def certify_nonnegative(
    slack: Any,
    box: Mapping[Any, tuple[Any, Any]] | Sequence[tuple[Any, Any]],
    *,
    variables: Sequence[Any] | None = None,
    strict: bool = False,
    max_boxes: int = 200_000,
    max_depth: int = 60,
    seconds: float = 30.0,
    zero_set_arguments: Sequence[MonotoneFace | SecondOrderPoint] = (),
    prec: int = 64,
) -> Certificate:
    """Certify ``slack >= 0`` (``> 0`` if ``strict``) on a box by branch and bound.

    ``slack`` is a SymPy expression (compiled; derivatives enable monotonicity, mean-value
    forms and the equality-case arguments) or a function of Arb balls returning an Arb ball
    (derivatives from Arb power series where the function accepts them). ``box`` is
    ``{var: (lo, hi)}`` or a list of ``(lo, hi)`` with ``variables``; endpoints must be exact
    (int, Fraction, ``fmpq``, SymPy number, or a string such as ``"1/3"``, ``"pi"``, ``"oo"``;
    floats are refused). An unbounded side is mapped by a stated transformation (the
    certificate's ``transforms``), never truncated.

    Boxes are taken in turn by worst lower bound and by size. A box is closed when an
    enclosure's certified lower bound is >= 0 (> 0), or when a declared, verified argument
    (:class:`MonotoneFace`, :class:`SecondOrderPoint`) closes it (arguments are tried first on
    the boxes that touch their zero set), or when monotonicity reduces it to a vertex whose value
    is certified >= 0 at higher precision or exactly by SymPy; otherwise it is tested for a
    counterexample (the slack at its centre, or at the vertex monotonicity reduces it to, is
    certainly < 0; <= 0 if strict) and split at the middle of its widest side (relative to the
    domain). The run stops at the first counterexample or when ``max_boxes``, ``seconds`` or
    ``max_depth`` is exhausted (then the certificate is partial: it states the certified
    fraction and the largest open boxes).
    """
    t0 = time.monotonic()
    syms, sides = _parse_box(box, variables)
    if strict and zero_set_arguments:
        raise ValueError("equality-case arguments give >= 0, not > 0: use strict=False")
    with _precision(prec):
        base = _Model(slack, syms)
        if zero_set_arguments and (base.expr is None or not base.smooth):
            raise ValueError(
                "equality-case arguments need a smooth SymPy slack (derivatives by SymPy; "
                "no Abs/Min/Max/sign/Piecewise)"
            )
        roots = _roots(base, syms, sides, zero_set_arguments)
        run = _Run(roots, syms, strict, t0, max_boxes, max_depth, seconds)
        run.loop()
        records = [a.record() for r in roots for a in r.args]
        return Certificate(
            slack=base.name,
            variables=tuple(str(s) for s in syms),
            box=tuple((str(lo), str(hi)) for lo, hi in sides),
            strict=strict,
            complete=run.stop == "complete",
            boxes=run.processed,
            depth=run.depth_reached,
            min_lower_bound=None if run.min_lower is None else _dec_lower(run.min_lower),
            closed_by_arguments=run.closed,
            counterexample=run.counter,
            seconds=time.monotonic() - t0,
            uncovered_fraction=run.uncovered(),
            stop_reason=run.stop,
            prec=prec,
            arguments=tuple(_unique(records)),
            budget={"max_boxes": max_boxes, "max_depth": max_depth, "seconds": seconds},
            transforms=tuple(dict.fromkeys(
                p.text(str(s)) for r in roots for s, p in zip(syms, r.pieces, strict=True)
                if p.scale is not None)),
            open_boxes=run.open_boxes(),
        )


def _unique(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in records:
        if r not in out:
            out.append(r)
    return out


class _Run:
    """The state of one branch-and-bound run (two heaps: worst lower bound, largest box)."""

    def __init__(self, roots: list[_Root], syms: list[sympy.Symbol], strict: bool, t0: float,
                 max_boxes: int, max_depth: int, seconds: float) -> None:
        self.roots, self.syms, self.strict = roots, syms, strict
        self.t0, self.max_boxes, self.max_depth, self.seconds = t0, max_boxes, max_depth, seconds
        self.closed: dict[str, int] = {}
        self.min_lower: arb | None = None
        self.counter: dict[str, Any] | None = None
        self.unresolved: list[tuple[int, Box]] = []
        self.processed = 0
        self.depth_reached = 0
        self.stop = "complete"
        self.tick = itertools.count()
        self.items: dict[int, tuple[int, Box, int]] = {}  # open boxes by tick
        self.by_bound: list[tuple[float, int]] = []
        self.by_size: list[tuple[float, int]] = []
        self.exact_cache: dict[Any, Any] = {}
        for k, r in enumerate(roots):
            self.push(k, r.box, 0, -math.inf)

    def push(self, root: int, bx: Box, depth: int, key: float) -> None:
        t = next(self.tick)
        self.items[t] = (root, bx, depth)
        heapq.heappush(self.by_bound, (key, t))
        heapq.heappush(self.by_size, (-self.volume(root, bx), t))

    def volume(self, root: int, bx: Box) -> float:
        r = self.roots[root]
        return r.weight * _volume_fraction(bx, r.widths)

    def pop(self) -> tuple[int, Box, int] | None:
        heap = self.by_size if self.processed % 2 else self.by_bound
        other = self.by_bound if heap is self.by_size else self.by_size
        for h in (heap, other):
            while h:
                _, t = heapq.heappop(h)
                item = self.items.pop(t, None)
                if item is not None:
                    return item
        return None

    def close(self, label: str, low: arb) -> None:
        self.closed[label] = self.closed.get(label, 0) + 1
        if self.min_lower is None or low < self.min_lower:
            self.min_lower = low

    def loop(self) -> None:
        while self.items:
            if self.processed >= self.max_boxes:
                self.stop = "max_boxes"
                return
            if time.monotonic() - self.t0 > self.seconds:
                self.stop = "seconds"
                return
            item = self.pop()
            if item is None:
                break
            self.processed += 1
            if self.step(*item):
                self.stop = "counterexample"
                return
        if self.unresolved:
            self.stop = "max_depth"

    def step(self, k: int, bx: Box, depth: int) -> bool:
        """Process one box; True when it yields a certified counterexample."""
        root = self.roots[k]
        model = root.model
        self.depth_reached = max(self.depth_reached, depth)
        xs, ends = _side_ivs(bx)
        for a in root.args:
            if a.verified and a.touches(bx):
                low = a.close(bx)
                if low is not None:
                    self.close(a.label, low)
                    return False
        limit = root.limit(bx)
        fg = model.fg
        if fg is not None:
            low, vertex = _enclose_lower(fg, xs, ends, bx, True, limit)
        else:
            low, vertex = _enclose_lower(lambda v: [model.value(v)], xs, ends, bx, False, limit)
        if low is not None and (low > 0 if self.strict else low >= 0):
            self.close(_ENCLOSURE, low)
            return False
        at_vertex = all(_is_pt(v) for v in vertex)
        if model.expr is not None and at_vertex:
            corner = tuple(bx[i][0] if vertex[i] is ends[i][0] else bx[i][1] for i in range(len(bx)))
            exact = _exact_vertex(model, corner, self.strict, self.exact_cache)
            if exact is not None:
                self.close(_EXACT_VERTEX, exact)
                return False
        if at_vertex:
            self.counter = self.refute(root, vertex, model.value(vertex))
        if self.counter is None:
            c = _centre(xs, bx)
            self.counter = self.refute(root, c, model.value(c))
        if self.counter is not None:
            return True
        if depth >= self.max_depth:
            self.unresolved.append((k, bx))
            return False
        i = max(range(len(bx)), key=lambda j: _volume_fraction((bx[j],), (root.widths[j],)))
        lo, hi = bx[i]
        mid = _End(_split_point(lo, hi))
        key = float(low.mid()) if low is not None else -math.inf
        for side in ((lo, mid), (mid, hi)):
            self.push(k, bx[:i] + (side,) + bx[i + 1 :], depth + 1, key)
        return False

    def refute(self, root: _Root, point: Sequence[Iv], value: Iv) -> dict[str, Any] | None:
        bad = value.hi <= 0 if self.strict else value.hi < 0
        if not bad:
            return None
        pt, exact = {}, {}
        for i, (s, x) in enumerate(zip(self.syms, point, strict=True)):
            b = x.lo
            if b.rad() == 0:
                q = root.original(i, _fmpq_of_arb(b))
                exact[str(s)] = str(q)
                pt[str(s)] = _dec(q, 25)
            else:
                ob = root.original(i, b)
                exact[str(s)] = _dec(ob, 30)
                pt[str(s)] = _dec(ob, 25)
        return {
            "point": pt,
            "exact_point": exact,
            "slack_upper_bound": _dec(value.hi.upper(), 20),
            "slack_enclosure": value.hull().str(20),
        }

    def remaining(self) -> list[tuple[int, Box]]:
        return [(k, bx) for k, bx, _ in self.items.values()] + self.unresolved

    def uncovered(self) -> float:
        if self.counter is not None:
            return 1.0
        if self.stop == "complete":
            return 0.0
        return min(1.0, sum(self.volume(k, bx) for k, bx in self.remaining()))

    def open_boxes(self) -> tuple[dict[str, tuple[str, str]], ...]:
        if self.stop in ("complete", "counterexample"):
            return ()
        left = sorted(self.remaining(), key=lambda kb: -self.volume(*kb))[:OPEN_BOXES]
        out = []
        for k, bx in left:
            r = self.roots[k]
            out.append({str(s): r.side_text(i, lo, hi) for i, (s, (lo, hi)) in enumerate(zip(self.syms, bx, strict=True))})
        return tuple(out)


def interval_proof(
    slack: Any,
    box: Mapping[Any, tuple[Any, Any]] | Sequence[tuple[Any, Any]],
    *,
    what: str | None = None,
    **kwargs: Any,
) -> ProofResult:
    """Run :func:`certify_nonnegative` and wrap it as a :class:`ProofResult`
    (``ok`` iff the certificate is complete; the certificate goes into ``details``, the box it
    covers into ``covers``).

    ``what`` names the inequality in the summary (default: the slack expression)."""
    cert = certify_nonnegative(slack, box, **kwargs)
    rel = "> 0" if cert.strict else ">= 0"
    subject = what or f"{cert.slack} {rel}"
    dom = ", ".join(f"{v} in {Range(lo, hi).text()}" for v, (lo, hi) in cert.domain.items())
    if cert.transforms:
        dom += f" ({'; '.join(cert.transforms)})"
    if cert.complete:
        args = {k: v for k, v in cert.closed_by_arguments.items() if k != _ENCLOSURE}
        extra = f"; equality cases closed by {args}" if args else ""
        summary = (
            f"Interval certificate: {subject} on {dom} ({cert.boxes} boxes, depth {cert.depth}, "
            f"min certified lower bound {cert.min_lower_bound}{extra})."
        )
    elif cert.counterexample is not None:
        summary = (
            f"Interval search refutes {subject} on {dom}: certified counterexample at "
            f"{cert.counterexample['point']} (slack <= {cert.counterexample['slack_upper_bound']})."
        )
    else:
        summary = (
            f"Interval certificate for {subject} on {dom} is incomplete ({cert.stop_reason}): "
            f"{cert.uncovered_fraction:.3g} of the volume uncovered after {cert.boxes} boxes "
            f"(partial certificate: {cert.certified_fraction:.3g} certified)."
        )
    from ..proof import ProofStep

    step = ProofStep(f"{subject} on {dom}", "interval", cert.complete, detail=summary,
                     certificate=cert.as_dict())
    return ProofResult(ok=cert.complete, method="interval", summary=summary,
                       details=cert.as_dict(), covers=cert.cover(), steps=(step,))
