"""Numeric backends: one slack implementation, evaluated in float64 or in mpmath.

A claim's slack and hypotheses are written once, as functions ``(point, B) -> value`` that do
all scalar maths through ``B`` (``B.sqrt``, ``B.cos``, ...). Vectors are numpy arrays in both
backends: ``float64`` arrays for :data:`FLOAT`, ``object`` arrays of ``mpf`` for an
:class:`MpBackend` (numpy's ``+``, ``*``, ``@`` then run in mpmath). Evaluate an mp backend inside
``B.context()`` so that ``mp.dps`` is the backend's precision.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import mpmath
import numpy as np


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
    def fabs(self, x: Any) -> Any: ...
    def sign(self, x: Any) -> Any: ...
    def isfinite(self, x: Any) -> bool: ...
    @property
    def roundoff(self) -> Any: ...
    def allowance(self, scale: Any = 1) -> Any: ...


#: the one rounding-allowance rule: this many unit roundoffs of the size of the terms rounded
ALLOWANCE_ULPS = 256


class _Allowance:
    """The rounding allowance shared by both arithmetics (one rule, owned by the backend).

    ``allowance(scale)`` = 256 u scale, u the unit roundoff (2^-53 in float64, 10^-dps in mpmath):
    3e-14 scale in float64, 3e-48 / 3e-98 scale at 50 / 100 digits. It absorbs rounding where a
    conclusion holds with equality and hides no violation a float64 search can see: a genuine
    violation keeps its sign and value at 50 and 100 digits, where the allowance is ~1e-47."""

    def allowance(self, scale: Any = 1) -> Any:
        return ALLOWANCE_ULPS * self.roundoff * scale  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FloatBackend(_Allowance):
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
    fabs = staticmethod(np.abs)

    def sign(self, x: Any) -> Any:
        return np.sign(x)

    def isfinite(self, x: Any) -> bool:
        return bool(np.all(np.isfinite(np.asarray(x, dtype=float))))


@dataclass(frozen=True)
class MpBackend(_Allowance):
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

    def fabs(self, x: Any) -> Any:
        return self._map(mpmath.fabs, x)

    def sign(self, x: Any) -> Any:
        return self._map(lambda v: mpmath.mpf(mpmath.sign(v)), x)

    def isfinite(self, x: Any) -> bool:
        vals = x.ravel() if isinstance(x, np.ndarray) else [x]
        return all(mpmath.isfinite(v) for v in vals)


FLOAT = FloatBackend()


def mp_backend(dps: int = 50) -> MpBackend:
    return MpBackend(dps=dps)


@contextlib.contextmanager
def evaluating(B: Backend) -> Iterator[None]:
    """Context in which ``B``'s precision is in force (no-op for float64)."""
    with B.context():
        yield
