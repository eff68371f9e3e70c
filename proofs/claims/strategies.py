"""Shared Hypothesis strategies for the RVSCGD claims (and small helpers for slack functions).

Strategies (names are stable; other claim modules import them):

* :func:`patch_counts` -- k, the number of patches: 1 (reachable, and where shrinking goes), small,
  up to 100.
* :func:`dims` -- d: 2 and 3 often, small, up to 60.
* :func:`unit_vectors` -- float unit vectors in R^d (axis vectors included).
* :func:`angles` -- angles in the open interval (0, pi): tiny (1e-12..1e-3), within 1e-12..1e-3 of
  pi, round values (pi/2, pi/3, 1.0, ...), uniform ones.
* :func:`closed_angles` -- the same plus the end points 0 and pi.
* :func:`ordered_angle_pairs` -- (theta1, theta2) with theta2 <= theta1 by a margin that survives
  rounding (the gap reaches 1e-8 relative, so theta1 ~ theta2 is reached).
* :func:`perpendicular_directions` -- unit vectors orthogonal to a given vector (a random plane).
* :func:`vector_at_angle` -- w built from w* at a prescribed angle, in a random plane, with a norm.
* :func:`norms` -- 1, and log-uniform 1e-6 .. 1e6.

Angles of the built vectors are accurate to ~1e-16 *absolute* (the rounding of the components
perpendicular to w*; relative to theta when w* is an axis vector), so strict hypotheses
theta in (0, pi) hold in high precision for angles >= 1e-12 and ordered pairs keep a gap >= 4e-14.

Helpers for slack functions written once for both backends (float64 and mpmath):
:func:`nrm`, :func:`dot`, :func:`unit_b`, :func:`roundoff`, :func:`identity_slack`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import strategies as st

from proofs.engine.backend import ALLOWANCE_ULPS, Backend
from proofs.engine.geometry import dot as dot
from proofs.engine.geometry import norm, unit

PI = math.pi

#: round angles that are exactly representable or "named" (pi/2 is the sharp point of several claims)
ROUND_ANGLES: tuple[float, ...] = (
    PI / 2, PI / 3, PI / 4, PI / 6, 2 * PI / 3, 3 * PI / 4, 5 * PI / 6, 0.5, 1.0, 2.0, 3.0, 0.25, 0.125,
)


# --------------------------------------------------------------------------------------------
# integer parameters
# --------------------------------------------------------------------------------------------
def patch_counts(max_k: int = 100) -> st.SearchStrategy[int]:
    """k >= 1: k = 1 first (shrinking goes there), small k often, up to ``max_k``."""
    return st.one_of(st.just(1), st.integers(1, 8), st.integers(1, max_k))


def dims(max_d: int = 60) -> st.SearchStrategy[int]:
    """d >= 2: 2 and 3 often, small d, up to ``max_d``."""
    return st.one_of(st.sampled_from([2, 3]), st.integers(2, 10), st.integers(2, max_d))


# --------------------------------------------------------------------------------------------
# scalars
# --------------------------------------------------------------------------------------------
def _log_uniform(lo_exp: float, hi_exp: float) -> st.SearchStrategy[float]:
    return st.floats(lo_exp, hi_exp, allow_nan=False, allow_infinity=False).map(lambda e: 10.0**e)


def angles() -> st.SearchStrategy[float]:
    """Angles in the open interval (0, pi), reaching the hard places."""
    tiny = _log_uniform(-12, -3)
    return st.one_of(
        st.sampled_from(ROUND_ANGLES),
        tiny,
        tiny.map(lambda t: PI - t),
        st.floats(1e-12, PI - 1e-12, allow_nan=False),
    )


def closed_angles() -> st.SearchStrategy[float]:
    """Angles in the closed interval [0, pi] (end points included)."""
    return st.one_of(st.sampled_from([0.0, PI]), angles())


#: smallest gap theta1 - theta2 of ordered pairs: far above the ~1e-16 absolute error of the angle
#: of a built float vector (perpendicular rounding of its components), below 1e-12/2
GAP_FLOOR = 4e-14


def ordered_angle_pairs() -> st.SearchStrategy[tuple[float, float]]:
    """(theta1, theta2) in (0, pi)^2 with theta2 < theta1 by a gap of at least
    max(1e-8 min(theta1, pi - theta1), GAP_FLOOR) (capped at half of min(theta1, pi - theta1)):
    far above the rounding of the built vectors' angles. Nearly equal and independent pairs."""

    @st.composite
    def near(draw: Any) -> tuple[float, float]:
        t1 = draw(angles())
        rel = draw(_log_uniform(-8, 0))
        m = min(t1, PI - t1)
        t2 = t1 - min(max(rel * m * 0.5, GAP_FLOOR), 0.5 * m)
        return t1, t2

    @st.composite
    def independent(draw: Any) -> tuple[float, float]:
        a, b = draw(angles()), draw(angles())
        hi, lo = max(a, b), min(a, b)
        m = min(hi, PI - hi)
        gap = min(max(1e-8 * m, GAP_FLOOR), 0.5 * m)
        if hi - lo < gap:  # too close to order reliably: separate them
            lo = hi - gap
        return hi, lo

    return st.one_of(near(), independent())


def norms() -> st.SearchStrategy[float]:
    """Norms: 1, and log-uniform in [1e-6, 1e6] (tiny and large)."""
    return st.one_of(st.just(1.0), _log_uniform(-6, 6))


# --------------------------------------------------------------------------------------------
# vectors
# --------------------------------------------------------------------------------------------
def _normalized(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x)


def _seeded_gaussian(d: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal(d)
    return x if float(np.linalg.norm(x)) > 1e-3 else np.eye(d)[0].copy()


def _raw_vectors(d: int) -> st.SearchStrategy[np.ndarray]:
    """Non-zero vectors in R^d: a Gaussian vector from a drawn seed (isotropic direction; one
    Hypothesis draw whatever d, so cheap for d up to 60)."""
    return st.integers(0, 2**32 - 1).map(lambda seed: _seeded_gaussian(d, seed))


def unit_vectors(d: int) -> st.SearchStrategy[np.ndarray]:
    """Unit vectors (float64) in R^d: an axis vector, or a normalized random vector."""
    axis = st.integers(0, d - 1).map(lambda i: np.eye(d)[i].copy())
    return st.one_of(axis, _raw_vectors(d).map(_normalized))


def perpendicular_directions(w_star: np.ndarray) -> st.SearchStrategy[np.ndarray]:
    """Unit vectors orthogonal to ``w_star`` (to rounding): a random plane through w*."""
    s = _normalized(np.asarray(w_star, dtype=float))
    d = s.size

    def project(x: np.ndarray) -> np.ndarray:
        p = x - np.dot(x, s) * s
        p = p - np.dot(p, s) * s  # second pass: orthogonal to ~1 ulp
        n = np.linalg.norm(p)
        if n < 1e-3:  # x (nearly) parallel to w*: use a fixed direction orthogonal to it
            i = int(np.argmin(np.abs(s)))
            e = np.eye(d)[i]
            p = e - np.dot(e, s) * s
            p = p - np.dot(p, s) * s
            n = np.linalg.norm(p)
        return p / n

    return _raw_vectors(d).map(project)


def at_angle(w_star: np.ndarray, theta: float, direction: np.ndarray, norm: float = 1.0) -> np.ndarray:
    """norm * (cos(theta) s + sin(theta) e), s = w*/|w*|, e a unit vector orthogonal to s.

    The angle of the result to w* is theta up to ~1e-16 absolute (rounding of the components).
    """
    s = _normalized(np.asarray(w_star, dtype=float))
    return norm * (math.cos(theta) * s + math.sin(theta) * np.asarray(direction, dtype=float))


def vector_at_angle(
    w_star: np.ndarray, theta: float, norm: float = 1.0
) -> st.SearchStrategy[np.ndarray]:
    """A vector at angle ``theta`` to ``w_star`` with norm ``norm``, in a random plane through w*.

    ``theta = 0`` gives ``norm * s`` and ``theta = pi`` gives ``-norm * s`` exactly.
    """
    s = _normalized(np.asarray(w_star, dtype=float))
    if theta == 0.0:
        return st.just(norm * s)
    if theta == PI:
        return st.just(-norm * s)
    return perpendicular_directions(w_star).map(lambda e: at_angle(s, theta, e, norm))


# --------------------------------------------------------------------------------------------
# helpers for slack functions (one code path for float64 and mpmath backends)
# --------------------------------------------------------------------------------------------
#: |a| and a/|a| in both arithmetics: the engine's (one definition), under the names claims use
nrm, unit_b = norm, unit


def roundoff(B: Backend) -> Any:
    """Unit roundoff of the backend (``B.roundoff``): 2^-53 in float64, 10^-dps in mpmath."""
    return B.roundoff


#: kept for modules that still import it: the backend's one rule (``B.allowance``) uses this many
#: unit roundoffs; new code calls ``B.allowance(scale)`` instead
IDENTITY_ALLOWANCE = ALLOWANCE_ULPS


def identity_slack(diff: Any, scale: Any, B: Backend) -> Any:
    """Slack of an identity A = B: ``min(0, B.allowance(scale) - |A - B|)`` (``diff = |A - B|``).

    ``scale`` is the size of the terms the computation of A - B rounds (the caller says which);
    ``B.allowance`` (256 unit roundoffs of it, the backend's one rule) only absorbs rounding. At
    50 and 100 digits it is ~1e-47 and ~1e-97 of the scale, so a genuine difference a float64
    search can see stays negative at both precisions and agrees there (the engine's
    confirmation), while a true identity's residue is absorbed or differs by ~50 orders of
    magnitude between the two precisions and is rejected as a rounding artefact.
    """
    allowance = B.allowance(scale)
    # flat (exactly 0) inside the allowance: no rounding noise for Hypothesis's target phase to
    # climb on; outside it, the (negative) excess. Sign semantics: >= 0 iff |A - B| <= allowance.
    return 0 * allowance if diff <= allowance else allowance - diff


# --------------------------------------------------------------------------------------------
# symbolic helpers (vectors in span(w^, s^) as coefficient pairs, inner products via the Gram
# matrix [[1, cos theta], [cos theta, 1]] of the basis (w^, s^))
# --------------------------------------------------------------------------------------------
def model_symbols() -> tuple[Any, Any, Any]:
    """(k, r, theta): the SymPy symbols of the model's derived expressions."""
    from proofs.model.derivation import k, r
    from proofs.model.gaussian import theta

    return k, r, theta


def gram_inner(a: tuple[Any, Any], b: tuple[Any, Any]) -> Any:
    """<a0 w^ + a1 s^, b0 w^ + b1 s^> = a0 b0 + a1 b1 + (a0 b1 + a1 b0) cos theta."""
    import sympy as sp

    _, _, theta = model_symbols()
    return a[0] * b[0] + a[1] * b[1] + (a[0] * b[1] + a[1] * b[0]) * sp.cos(theta)


def is_zero(expr: Any) -> bool:
    """SymPy decides that ``expr`` is identically 0 (simplify, then trigsimp)."""
    import sympy as sp

    e = sp.simplify(expr)
    if e == 0:
        return True
    return sp.simplify(sp.trigsimp(sp.expand_trig(e))) == 0
