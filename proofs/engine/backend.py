"""Numeric backends: one slack implementation, evaluated in float64 or in mpmath.

A claim's slack and hypotheses are written once, as functions ``(point, B) -> value`` that do
all scalar maths through ``B`` (``B.sqrt``, ``B.cos``, ...). Vectors are numpy arrays in both
backends: ``float64`` arrays for :data:`FLOAT`, ``object`` arrays of ``mpf`` for an
:class:`MpBackend` (numpy's ``+``, ``*``, ``@`` then run in mpmath). Evaluate an mp backend inside
``B.context()`` so that ``mp.dps`` is the backend's precision.

What a slack may use (:class:`Backend`, both arithmetics): elementary functions (with
``expm1`` and ``log1p`` for the small arguments where ``exp(x) - 1`` cancels); ``erf``,
``erfc``, the standard normal ``normal_pdf`` / ``normal_cdf``; ``quad(f, a, b)`` (an
:class:`~proofs.engine.estimate.Estimate`: the integral with an error estimate; ends may be
``B.inf``); ``inf``, machine ``eps`` and the unit ``roundoff``; exact constants ``exact("pi/2")``
at the backend's precision; small linear algebra ``dot``, ``norm``, ``identity``, ``solve``; and
the one rounding-allowance rule ``allowance(scale)``.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import mpmath
import numpy as np

from .estimate import Estimate


@runtime_checkable
class Backend(Protocol):
    """What a slack or margin may use: one protocol, two arithmetics (float64 and mpmath)."""

    name: str
    is_mp: bool

    @property
    def pi(self) -> Any: ...

    def context(self) -> contextlib.AbstractContextManager[None]: ...
    def scalar(self, x: Any) -> Any: ...
    def vector(self, xs: Sequence[Any] | np.ndarray) -> np.ndarray: ...
    def sqrt(self, x: Any) -> Any: ...
    def sin(self, x: Any) -> Any: ...
    def cos(self, x: Any) -> Any: ...
    def tan(self, x: Any) -> Any: ...
    def acos(self, x: Any) -> Any: ...
    def asin(self, x: Any) -> Any: ...
    def atan(self, x: Any) -> Any: ...
    def atan2(self, y: Any, x: Any) -> Any: ...
    def exp(self, x: Any) -> Any: ...
    def log(self, x: Any) -> Any: ...
    def expm1(self, x: Any) -> Any: ...
    def log1p(self, x: Any) -> Any: ...
    def fabs(self, x: Any) -> Any: ...
    def sign(self, x: Any) -> Any: ...
    def isfinite(self, x: Any) -> bool: ...
    def erf(self, x: Any) -> Any: ...
    def erfc(self, x: Any) -> Any: ...
    def normal_pdf(self, x: Any) -> Any: ...
    def normal_cdf(self, x: Any) -> Any: ...
    def quad(
        self, f: Callable[[Any], Any], a: Any, b: Any, points: Sequence[Any] = ()
    ) -> Estimate: ...
    def exact(self, value: Any) -> Any: ...
    def dot(self, a: np.ndarray, b: np.ndarray) -> Any: ...
    def norm(self, a: np.ndarray) -> Any: ...
    def identity(self, n: int) -> np.ndarray: ...
    def solve(self, a: np.ndarray, b: np.ndarray) -> np.ndarray: ...
    @property
    def inf(self) -> Any: ...
    @property
    def eps(self) -> Any: ...
    @property
    def roundoff(self) -> Any: ...
    def allowance(self, scale: Any = 1) -> Any: ...


#: the one rounding-allowance rule: this many unit roundoffs of the size of the terms rounded
ALLOWANCE_ULPS = 256


class _Shared:
    """What both arithmetics compute the same way: the rounding allowance (one rule, owned by
    the backend), the normal density and distribution, exact constants, dot and norm.

    The rounding allowance:

    ``allowance(scale)`` = 256 u scale, u the unit roundoff (2^-53 in float64, 10^-dps in mpmath):
    3e-14 scale in float64, 3e-48 / 3e-98 scale at 50 / 100 digits. It absorbs rounding where a
    conclusion holds with equality and hides no violation a float64 search can see: a genuine
    violation keeps its sign and value at 50 and 100 digits, where the allowance is ~1e-47."""

    def allowance(self, scale: Any = 1) -> Any:
        return ALLOWANCE_ULPS * self.roundoff * scale  # type: ignore[attr-defined]

    @property
    def eps(self) -> Any:
        """Machine epsilon: twice the unit roundoff (2^-52 in float64, 2 * 10^-dps in mpmath)."""
        return 2 * self.roundoff  # type: ignore[attr-defined]

    def normal_pdf(self, x: Any) -> Any:
        """The standard normal density exp(-x^2/2) / sqrt(2 pi)."""
        return self.exp(-x * x / 2) / self.sqrt(2 * self.pi)  # type: ignore[attr-defined]

    def normal_cdf(self, x: Any) -> Any:
        """The standard normal distribution function, erfc(-x/sqrt 2)/2 (accurate in both tails)."""
        return self.erfc(-x / self.sqrt(self.scalar(2))) / 2  # type: ignore[attr-defined]

    def exact(self, value: Any) -> Any:
        """An exact constant (``"pi/2"``, ``"1/sqrt(2*pi)"``) at this backend's precision."""
        from .exact import evaluate, parse_exact

        return evaluate(parse_exact(value, "exact value"), {}, self)

    def dot(self, a: np.ndarray, b: np.ndarray) -> Any:
        return np.dot(a, b)

    def norm(self, a: np.ndarray) -> Any:
        """Euclidean norm of a vector."""
        return self.sqrt(np.dot(a, a))  # type: ignore[attr-defined]


_ERF = np.frompyfunc(math.erf, 1, 1)
_ERFC = np.frompyfunc(math.erfc, 1, 1)


def _float_map(ufunc: Any, scalar: Callable[[float], float], x: Any) -> Any:
    if isinstance(x, np.ndarray):
        return ufunc(x).astype(float)
    return scalar(float(x))


@dataclass(frozen=True)
class FloatBackend(_Shared):
    """IEEE double precision (numpy / math)."""

    name: str = "float64"
    is_mp: bool = False
    pi: float = math.pi
    roundoff: float = 2.0**-53

    def context(self) -> contextlib.AbstractContextManager[None]:
        return contextlib.nullcontext()

    def scalar(self, x: Any) -> float:
        return float(x)

    def vector(self, xs: Sequence[Any] | np.ndarray) -> np.ndarray:
        return np.asarray([float(x) for x in np.ravel(np.asarray(xs, dtype=object))], dtype=float)

    sqrt = staticmethod(np.sqrt)
    sin = staticmethod(np.sin)
    cos = staticmethod(np.cos)
    tan = staticmethod(np.tan)
    acos = staticmethod(np.arccos)
    asin = staticmethod(np.arcsin)
    atan = staticmethod(np.arctan)
    atan2 = staticmethod(np.arctan2)
    exp = staticmethod(np.exp)
    log = staticmethod(np.log)
    expm1 = staticmethod(np.expm1)
    log1p = staticmethod(np.log1p)
    fabs = staticmethod(np.abs)

    def sign(self, x: Any) -> Any:
        return np.sign(x)

    def isfinite(self, x: Any) -> bool:
        return bool(np.all(np.isfinite(np.asarray(x, dtype=float))))

    @property
    def inf(self) -> float:
        return math.inf

    def erf(self, x: Any) -> Any:
        return _float_map(_ERF, math.erf, x)

    def erfc(self, x: Any) -> Any:
        return _float_map(_ERFC, math.erfc, x)

    def quad(
        self, f: Callable[[Any], Any], a: Any, b: Any, points: Sequence[Any] = ()
    ) -> Estimate:
        """Adaptive Gauss-Kronrod (``f`` gets numpy arrays of nodes when it accepts them)."""
        from .quadrature import quad_float  # imported on first use

        return quad_float(f, float(a), float(b), [float(p) for p in points])

    def norm(self, a: np.ndarray) -> Any:
        return np.linalg.norm(a)

    def identity(self, n: int) -> np.ndarray:
        return np.eye(n)

    def solve(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.linalg.solve(np.asarray(a, dtype=float), np.asarray(b, dtype=float))


@dataclass(frozen=True)
class MpBackend(_Shared):
    """mpmath at ``dps`` decimal digits. Use inside ``with B.context():``."""

    dps: int = 50
    is_mp: bool = True

    @property
    def roundoff(self) -> mpmath.mpf:
        return mpmath.mpf(10) ** (-self.dps)

    @property
    def name(self) -> str:
        return f"mpmath-{self.dps}"

    @property
    def pi(self) -> mpmath.mpf:
        return +mpmath.pi

    def context(self) -> contextlib.AbstractContextManager[None]:
        return mpmath.workdps(self.dps)

    def scalar(self, x: Any) -> mpmath.mpf:
        # floats convert exactly (binary to mpf); decimal strings are parsed at the working precision
        return mpmath.mpf(x) if not isinstance(x, mpmath.mpf) else +x

    def vector(self, xs: Sequence[Any] | np.ndarray) -> np.ndarray:
        flat = np.ravel(np.asarray(xs, dtype=object))
        return np.array([self.scalar(x) for x in flat], dtype=object)

    @staticmethod
    def _map(fn: Any, x: Any) -> Any:
        if isinstance(x, np.ndarray):
            return np.array([fn(v) for v in x.ravel()], dtype=object).reshape(x.shape)
        return fn(x)

    def sqrt(self, x: Any) -> Any:
        return self._map(mpmath.sqrt, x)

    def sin(self, x: Any) -> Any:
        return self._map(mpmath.sin, x)

    def cos(self, x: Any) -> Any:
        return self._map(mpmath.cos, x)

    def tan(self, x: Any) -> Any:
        return self._map(mpmath.tan, x)

    def acos(self, x: Any) -> Any:
        return self._map(mpmath.acos, x)

    def asin(self, x: Any) -> Any:
        return self._map(mpmath.asin, x)

    def atan(self, x: Any) -> Any:
        return self._map(mpmath.atan, x)

    def atan2(self, y: Any, x: Any) -> Any:
        return mpmath.atan2(y, x)

    def exp(self, x: Any) -> Any:
        return self._map(mpmath.exp, x)

    def log(self, x: Any) -> Any:
        return self._map(mpmath.log, x)

    def expm1(self, x: Any) -> Any:
        return self._map(mpmath.expm1, x)

    def log1p(self, x: Any) -> Any:
        return self._map(mpmath.log1p, x)

    def fabs(self, x: Any) -> Any:
        return self._map(mpmath.fabs, x)

    def sign(self, x: Any) -> Any:
        return self._map(lambda v: mpmath.mpf(mpmath.sign(v)), x)

    def isfinite(self, x: Any) -> bool:
        vals = x.ravel() if isinstance(x, np.ndarray) else [x]
        return all(mpmath.isfinite(v) for v in vals)

    @property
    def inf(self) -> mpmath.mpf:
        return mpmath.inf

    def erf(self, x: Any) -> Any:
        return self._map(mpmath.erf, x)

    def erfc(self, x: Any) -> Any:
        return self._map(mpmath.erfc, x)

    def quad(
        self, f: Callable[[Any], Any], a: Any, b: Any, points: Sequence[Any] = ()
    ) -> Estimate:
        """``mpmath.quad`` at this precision, with its error estimate."""
        from .quadrature import quad_mp  # imported on first use

        return quad_mp(f, a, b, list(points))

    def identity(self, n: int) -> np.ndarray:
        out = np.empty((n, n), dtype=object)
        for i in range(n):
            for j in range(n):
                out[i, j] = mpmath.mpf(1 if i == j else 0)
        return out

    def solve(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """``a x = b`` by LU decomposition at the working precision (b a vector)."""
        x = mpmath.lu_solve(mpmath.matrix(np.asarray(a).tolist()), mpmath.matrix(list(np.ravel(b))))
        return np.array([x[i] for i in range(x.rows)], dtype=object)


FLOAT = FloatBackend()


def mp_backend(dps: int = 50) -> MpBackend:
    return MpBackend(dps=dps)


@contextlib.contextmanager
def evaluating(B: Backend) -> Iterator[None]:
    """Context in which ``B``'s precision is in force (no-op for float64)."""
    with B.context():
        yield
