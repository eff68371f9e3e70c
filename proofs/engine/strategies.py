"""Generic Hypothesis strategies that reach the hard places of a domain.

* :func:`log_uniform` -- magnitudes spread over many decades (tiny and huge scales);
* :func:`integers_from` -- the least value first (where shrinking goes), small values, up to a cap;
* :func:`unit_vectors`, :func:`perpendicular_directions`, :func:`vector_at_angle` -- float vectors
  (axis vectors, isotropic directions from a drawn seed: one draw whatever the dimension);
* :func:`reals_in` -- reals in an exact :class:`~proofs.engine.ranges.Range`: closed end points
  as :class:`~proofs.engine.points.ExactValue` (``pi/2`` itself, not the float below it), values
  within 10^-1 .. 10^-15 (relative) of each end, round values inside, uniform values, and
  log-uniform magnitudes on unbounded sides. Every float it returns is inside the range exactly.

:class:`~proofs.engine.domain.Domain` builds a claim's default strategy from these.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import mpmath
import numpy as np
import sympy
from hypothesis import strategies as st

from .backend import FLOAT
from .geometry import at_angle
from .points import ExactValue
from .ranges import Range

#: small-integer literals only in this module: Hypothesis also draws from the numeric literals of
#: every loaded local module, so a literal here would change every claim's search
DEFAULT_CAP = 10 * 10
#: decades reached on unbounded sides and near end points
TINY_EXP, HUGE_EXP = -12, 12
#: closest relative approach to an end point (far above float rounding of the end point)
NEAR_EXP = -15
#: round values tried inside a range (exact)
ROUND_VALUES: tuple[str, ...] = (
    "0", "1", "-1", "1/2", "2", "-1/2", "1/4", "3", "10",
    "pi", "pi/2", "pi/3", "pi/4", "pi/6", "2*pi/3", "3*pi/4", "5*pi/6", "2*pi",
)


def log_uniform(lo_exp: float, hi_exp: float) -> st.SearchStrategy[float]:
    """10^u with u uniform in [lo_exp, hi_exp]."""
    return st.floats(lo_exp, hi_exp, allow_nan=False, allow_infinity=False).map(lambda e: 10**e)


def integers_from(lo: int, hi: int | None = None, cap: int = DEFAULT_CAP) -> st.SearchStrategy[int]:
    """Integers in [lo, hi] (hi None: up to lo + cap): lo first, small values often."""
    top = lo + cap if hi is None else hi
    return st.one_of(st.just(lo), st.integers(lo, min(lo + 7, top)), st.integers(lo, top))


# --------------------------------------------------------------------------------------------
# vectors (float64)
# --------------------------------------------------------------------------------------------
def _seeded_gaussian(d: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal(d)
    return x if float(np.linalg.norm(x)) > 10**-3 else np.eye(d)[0].copy()


#: seeds of the isotropic random vectors (one Hypothesis draw whatever the dimension)
SEEDS: st.SearchStrategy[int] = st.integers(0, 2**32 - 1)


@functools.cache
def gaussian_vectors(d: int) -> st.SearchStrategy[np.ndarray]:
    """Isotropic random vectors in R^d from a drawn seed (one draw, cheap for large d)."""
    return SEEDS.map(lambda seed: _seeded_gaussian(d, seed))


@functools.cache
def unit_vectors(d: int) -> st.SearchStrategy[np.ndarray]:
    """Unit vectors (float64) in R^d: +-axis vectors, nearly axis vectors, isotropic ones."""
    axis = st.tuples(st.integers(0, d - 1), st.sampled_from([1, -1])).map(
        lambda t: t[1] * np.eye(d)[t[0]]
    )
    near_axis = st.tuples(axis, gaussian_vectors(d), log_uniform(NEAR_EXP + 3, -1)).map(
        lambda t: t[0] + t[2] * t[1]
    )
    return st.one_of(axis, near_axis, gaussian_vectors(d)).map(lambda v: v / np.linalg.norm(v))


def perpendicular_to(w: np.ndarray, seed: int) -> np.ndarray:
    """A unit vector orthogonal to ``w`` (to rounding), in a random plane chosen by ``seed``."""
    s = np.asarray(w, dtype=float)
    s = s / np.linalg.norm(s)
    x = _seeded_gaussian(s.size, seed)
    p = x - np.dot(x, s) * s
    p = p - np.dot(p, s) * s
    n = float(np.linalg.norm(p))
    if n < 10**-3:  # x (nearly) parallel to w: a fixed orthogonal direction
        i = int(np.argmin(np.abs(s)))
        e = np.eye(s.size)[i]
        p = e - np.dot(e, s) * s
        n = float(np.linalg.norm(p))
    return p / n


def perpendicular_directions(w: np.ndarray) -> st.SearchStrategy[np.ndarray]:
    """Unit vectors orthogonal to ``w`` (to rounding): a random plane through ``w``."""
    return SEEDS.map(lambda seed: perpendicular_to(w, seed))


def vector_at_angle(w: np.ndarray, theta: float, length: float = 1) -> st.SearchStrategy[np.ndarray]:
    """A float vector at angle ``theta`` from ``w`` with norm ``length``, in a random plane."""
    return SEEDS.map(lambda seed: at_angle(
        np.asarray(w, dtype=float), float(theta), perpendicular_to(w, seed), FLOAT, float(length)))


# --------------------------------------------------------------------------------------------
# reals in an exact range
# --------------------------------------------------------------------------------------------
_CHECK_DPS = 40
_GRID = 2**32


@functools.cache
def _end_value(expr: sympy.Expr) -> ExactValue:
    return ExactValue(expr)


def _mp(x: Any) -> mpmath.mpf:
    if isinstance(x, ExactValue):
        return x.mp()
    if isinstance(x, sympy.Basic):
        return _end_value(x).mp()
    return mpmath.mpf(x)


def inside(value: Any, r: Range) -> bool:
    """``value`` (float or ExactValue) lies in the constant range ``r`` (decided at 40 digits;
    an exact value equal to an end point is on it)."""
    with mpmath.workdps(_CHECK_DPS):
        v = _mp(value)
        if r.lo != -sympy.oo:
            lo = _mp(r.lo)
            if v < lo or (r.lo_open and v == lo):
                return False
        if r.hi != sympy.oo:
            hi = _mp(r.hi)
            if v > hi or (r.hi_open and v == hi):
                return False
    return True


def snap_inside(value: Any, r: Range) -> Any:
    """``value`` if inside ``r``; else the point 10^-15 (relative) inside the end it crossed
    (not the next float: an open end at 0 would give a subnormal), else a closed end point
    (exact), else the middle of the range."""
    if inside(value, r):
        return value
    x = float(value)
    lo = float(sympy.N(r.lo, 20)) if r.lo != -sympy.oo else -math.inf
    hi = float(sympy.N(r.hi, 20)) if r.hi != sympy.oo else math.inf
    width = hi - lo
    for end, sign in ((lo, 1), (hi, -1)):
        if math.isfinite(end) and (x - end) * sign <= 0:
            scale = width if math.isfinite(width) else max(1, abs(end))
            y = end + sign * 10**NEAR_EXP * scale
            if inside(y, r):
                return y
    for end, open_ in ((r.lo, r.lo_open), (r.hi, r.hi_open)):
        if not open_ and end not in (sympy.oo, -sympy.oo):
            return ExactValue(end)
    mid = (lo + hi) / 2 if math.isfinite(lo) and math.isfinite(hi) else (
        lo + 1 if math.isfinite(lo) else hi - 1 if math.isfinite(hi) else 0.0)
    return mid


@functools.cache
def _rounds() -> tuple[ExactValue, ...]:
    return tuple(ExactValue(t) for t in ROUND_VALUES)


@functools.cache
def reals_in(r: Range) -> st.SearchStrategy[Any]:
    """Reals in the constant range ``r`` that reach its boundary (see the module docstring)."""
    if not r.is_constant:
        raise ValueError(f"reals_in needs a constant range, not {r.text()} (see Domain)")
    lo = float(sympy.N(r.lo, 20)) if r.lo != -sympy.oo else -math.inf
    hi = float(sympy.N(r.hi, 20)) if r.hi != sympy.oo else math.inf
    width = hi - lo
    options: list[st.SearchStrategy[Any]] = []
    ends = [ExactValue(e) for e, o in ((r.lo, r.lo_open), (r.hi, r.hi_open)) if not o]
    if ends:
        options.append(st.sampled_from(ends))
    rounds = [v for v in _rounds() if inside(v, r)]
    if rounds:
        options.append(st.sampled_from(rounds))
    scale_lo = width if math.isfinite(width) else max(1, abs(lo)) if math.isfinite(lo) else 1
    scale_hi = width if math.isfinite(width) else max(1, abs(hi)) if math.isfinite(hi) else 1
    near = log_uniform(NEAR_EXP, -1)
    if math.isfinite(lo):
        options.append(near.map(lambda g: lo + g * scale_lo))
    if math.isfinite(hi):
        options.append(near.map(lambda g: hi - g * scale_hi))
    if math.isfinite(width):  # a grid of 2^32 + 1 points (no subnormal or tiny artefacts)
        options.append(st.integers(0, _GRID).map(lambda k: lo + width * (k / _GRID)))
    mags = log_uniform(TINY_EXP, HUGE_EXP)
    if not math.isfinite(hi):
        base = lo if math.isfinite(lo) else 0.0
        options.append(mags.map(lambda m: base + m))
    if not math.isfinite(lo):
        base = hi if math.isfinite(hi) else 0.0
        options.append(mags.map(lambda m: base - m))
    return st.one_of(*options).map(lambda v: snap_inside(v, r))


#: fractions of a finite interval: its ends (0, 1), within 10^-15 .. 10^-1 of them, a grid
FRACTIONS: st.SearchStrategy[float] = st.one_of(
    st.sampled_from([0.0, float(1)]),
    log_uniform(NEAR_EXP, -1),
    log_uniform(NEAR_EXP, -1).map(lambda g: 1 - g),
    st.integers(0, _GRID).map(lambda k: k / _GRID),
)
