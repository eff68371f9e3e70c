"""One-dimensional numerical integration with an error estimate, in both arithmetics.

* float64: adaptive Gauss-Kronrod (7/15 points), the integrand evaluated on numpy arrays of
  nodes when it accepts them (one call per sub-interval); the error estimate of a sub-interval
  is ``|K15 - G7|`` (the error of the *lower* order rule, hence a pessimistic estimate of the
  15-point result) plus rounding, refined until below ``rel_tol`` of the integral.
* mpmath: ``mpmath.quad`` (tanh-sinh) at the working precision, with its error estimate.

Infinite ends are mapped to a finite interval (``x = a + t/(1-t)`` and the like), after
breakpoints that double from the scale the given breakpoints announce up to 1; a long finite
piece is cut at distances 1, 2, 4, ... from its ends (an integrand concentrated near an end is
not missed by the first nodes). The nodes are interior, so the end points themselves are never
evaluated. Both return an
:class:`~proofs.engine.estimate.Estimate`. The error estimates are estimates, not rigorous
bounds: the engine uses them to avoid re-checking float artefacts, and still decides a
counterexample at 50 and 100 digits.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence
from typing import Any

import mpmath
import numpy as np

from .estimate import Estimate


# the tables as published, digits as text
def _table(text: str) -> np.ndarray:
    return np.array(text.split(), dtype=float)


#: Kronrod nodes on [0, 1] (8), Kronrod weights (8), Gauss weights at nodes 1, 3, 5, 7 (4)
_XGK = _table("""
    0.991455371120812639206854697526329 0.949107912342758524526189684047851
    0.864864423359769072789712788640926 0.741531185599394439863864773280788
    0.586087235467691130294144845693013 0.405845151377397166906606412076961
    0.207784955007898467600689403773245 0
""")
_WGK = _table("""
    0.022935322010529224963732008058970 0.063092092629978553290700663189204
    0.104790010322250183839876322541518 0.140653259715525918745189590510238
    0.169004726639267902826583426598550 0.190350578064785409913256402421014
    0.204432940075298892414161999234649 0.209482141084727828012999174891714
""")
_WG = _table("""
    0.129484966168869693270611432679082 0.279705391489276667901467771423780
    0.381830050505118944950369775488975 0.417959183673469387755102040816327
""")
#: nodes on [-1, 1] (15) and the matching Kronrod / Gauss weights
_NODES = np.concatenate([-_XGK[:-1], _XGK[::-1]])
_WK = np.concatenate([_WGK[:-1], _WGK[::-1]])
_WG15 = np.zeros(15)
for _i, _w in zip((1, 3, 5), _WG[:3], strict=True):
    _WG15[_i] = _WG15[14 - _i] = _w
_WG15[7] = _WG[3]

EPS = 2**-52
REL_TOL = 10**-12
MAX_INTERVALS = 4 * 10**2


def _evaluator(f: Callable[[Any], Any]) -> Callable[[np.ndarray], np.ndarray]:
    """Evaluate ``f`` on an array of nodes: one vectorised call if ``f`` accepts arrays."""
    state = {"vector": True}

    def call(x: np.ndarray) -> np.ndarray:
        if state["vector"]:
            try:
                y = np.asarray(f(x), dtype=float)
                if y.shape == x.shape:
                    return y
            except (TypeError, ValueError):
                pass
            state["vector"] = False
        return np.array([float(f(float(t))) for t in x])

    return call


def _mapped(f: Callable[[Any], Any], a: float, b: float) -> tuple[Callable[[Any], Any], float, float]:
    """An integrand on a finite interval equal to the integral of ``f`` over ``[a, b]``."""
    if math.isinf(a) and math.isinf(b):
        if a > 0 or b < 0 or a == b:
            raise ValueError(f"bad integration range [{a}, {b}]")
        return (lambda t: f(t / (1 - t * t)) * (1 + t * t) / (1 - t * t) ** 2), -1, 1
    if math.isinf(b):
        return (lambda t: f(a + t / (1 - t)) / (1 - t) ** 2), 0, 1
    if math.isinf(a):
        return (lambda t: f(b - (1 - t) / t) / (t * t)), 0, 1
    return f, a, b


def _gk15(call: Callable[[np.ndarray], np.ndarray], a: float, b: float) -> tuple[float, float]:
    c, h = (a + b) / 2, (b - a) / 2
    y = call(c + h * _NODES)
    if not np.all(np.isfinite(y)):
        raise ValueError(f"integrand is not finite on [{a}, {b}]")
    k = h * float(np.dot(_WK, y))
    g = h * float(np.dot(_WG15, y))
    absk = abs(h) * float(np.dot(_WK, np.abs(y)))
    return k, abs(k - g) + 50 * EPS * absk


def quad_float(
    f: Callable[[Any], Any], a: float, b: float, points: Sequence[float] = (),
    rel_tol: float = REL_TOL, abs_tol: float = 0.0,
) -> Estimate:
    """Adaptive Gauss-Kronrod on ``[a, b]`` (ends may be infinite), split at ``points``."""
    a, b = float(a), float(b)
    if a == b:
        return Estimate(0.0, 0.0)
    if a > b:
        est = quad_float(f, b, a, points, rel_tol, abs_tol)
        return Estimate(-est.value, est.error)
    cuts = _with_tail_cuts([a, *sorted(float(p) for p in points if a < float(p) < b), b])
    cuts = _with_long_cuts(cuts)
    total = Estimate(0.0, 0.0)
    call = _evaluator(f)
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        g, lo2, hi2 = _mapped(f, lo, hi)
        total = total + _adaptive(call if g is f else _evaluator(g), lo2, hi2, rel_tol, abs_tol)
    return total


def _with_long_cuts(cuts: list[float]) -> list[float]:
    """A finite piece longer than 2 is also cut at distances 1, 2, 4, ... from both its ends
    (at most 2 x 64 cuts): the first Kronrod nodes of [0, 1e12] all lie beyond 1e9, where an
    integrand concentrated near 0 vanishes, and adaptive refinement would never look there."""
    out = [cuts[0]]
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        if math.isfinite(lo) and math.isfinite(hi) and hi - lo > 2:
            extra: set[float] = set()
            step = 1
            while step < (hi - lo) / 2 and len(extra) < 128:
                extra.update((lo + step, hi - step))
                step *= 2
            out.extend(sorted(x for x in extra if lo < x < hi))
        out.append(hi)
    return out


def _with_tail_cuts(cuts: list[float]) -> list[float]:
    """Breakpoints next to an infinite end at the scale the breakpoints give (the length of the
    finite piece beside it), doubling up to length 1: a feature of width 1e-6 that a
    breakpoint announces stays resolved, and the tail beyond is mapped at scale 1."""
    out = list(cuts)
    if len(out) >= 3 and math.isinf(out[-1]) and all(map(math.isfinite, out[-3:-1])):
        p, s = out[-2], out[-2] - out[-3]
        extra = []
        while 0 < s < 1:
            s *= 2
            extra.append(p + s - (out[-2] - out[-3]))
        out[-1:-1] = extra
    if len(out) >= 3 and math.isinf(out[0]) and all(map(math.isfinite, out[1:3])):
        p, s = out[1], out[2] - out[1]
        extra = []
        while 0 < s < 1:
            s *= 2
            extra.append(p - s + (out[2] - out[1]))
        out[1:1] = extra[::-1]
    return out


def _adaptive(
    call: Callable[[np.ndarray], np.ndarray], a: float, b: float, rel_tol: float, abs_tol: float
) -> Estimate:
    k, e = _gk15(call, a, b)
    heap = [(-e, a, b, k, e)]
    total, err = k, e
    while err > max(abs_tol, rel_tol * abs(total)) and len(heap) < MAX_INTERVALS:
        _, lo, hi, k0, e0 = heapq.heappop(heap)
        mid = (lo + hi) / 2
        if hi - lo <= 64 * EPS * max(abs(lo), abs(hi)):  # at float resolution: stop
            heapq.heappush(heap, (-e0, lo, hi, k0, e0))
            break
        k1, e1 = _gk15(call, lo, mid)
        k2, e2 = _gk15(call, mid, hi)
        total += k1 + k2 - k0
        err += e1 + e2 - e0
        heapq.heappush(heap, (-e1, lo, mid, k1, e1))
        heapq.heappush(heap, (-e2, mid, hi, k2, e2))
    total = math.fsum(item[3] for item in heap)
    err = math.fsum(item[4] for item in heap)
    return Estimate(total, err)


def quad_mp(f: Callable[[Any], Any], a: Any, b: Any, points: Sequence[Any] = ()) -> Estimate:
    """``mpmath.quad`` on ``[a, b]`` split at ``points``, with its error estimate (at least
    the working precision's unit roundoff times the integral's size)."""
    cuts = [a, *points, b]
    value, error = mpmath.quad(f, cuts, error=True)
    floor = mpmath.mpf(10) ** (-mpmath.mp.dps) * (1 + abs(value))
    return Estimate(value, max(error, floor))
