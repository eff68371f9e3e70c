"""The run point: one schema for every algorithm-level claim.

A run point is a ``dict`` (the engine's point type: it converts to mpmath exactly, prints at full
precision, and exact constants read its parameters by name):

=========  =========================================================================================
key        meaning
=========  =========================================================================================
k          number of patches (int >= 1)
w_star     the teacher w*, a (d,) float array, unit to rounding (every formula normalises it)
w0         the initial iterate w^0, (d,)
lam        lambda, the penalty weight
beta       beta, the coupling weight of L_beta
eta        eta, the learning rate
penalty    the u-update: "l1" (soft thresholding, the default), "l0" (hard), "tl1" (exact prox)
a          the Tl1 parameter (default 1.0)
delta      the delta of hypothesis (i), where the claim has one
T          the horizon of a *trajectory point*: iterations t = 0..T-1 are run. A point without T
           is a *limit point*: its run goes on until |w^{t+1} - w^t| <= :data:`TOL` (at most
           :data:`T_CAP` iterations) and its conclusions are read at the limit
u0         u^0 of a trajectory point: a (d,) array, or None for argmin_u L_beta(u, w^0)
=========  =========================================================================================

The point's floats enter every precision exactly (:func:`spec_of` turns the engine's mpf copies
back into the same floats), so a counterexample is *the same run* at 50 and 100 digits.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import sympy

from proofs.algorithm.rvscgd import RunSpec

RunPoint = dict[str, Any]

#: a limit point's run stops at |w^{t+1} - w^t| <= TOL (float64) or after T_CAP iterations
TOL = 1e-14
T_CAP = 40000
PENALTIES = ("l1", "l0", "tl1")
#: the point's scalar parameters (the names an exact constant may use, with d = dim w*)
PARAMETERS = ("k", "lam", "beta", "eta", "delta", "a", "d")


def is_horizon(p: RunPoint) -> bool:
    """A trajectory point (a horizon T), as opposed to a limit point."""
    return p.get("T") is not None


def floats(v: Any) -> tuple[float, ...]:
    return tuple(float(x) for x in np.ravel(np.asarray(v, dtype=object)))


def key(p: RunPoint) -> tuple[Any, ...]:
    """Hashable float key of a run point (mpf values of a converted point are exact floats)."""
    u0 = p.get("u0")
    return (
        int(p["k"]), floats(p["w_star"]), floats(p["w0"]),
        None if u0 is None or isinstance(u0, str) else floats(u0),
        float(p["lam"]), float(p["beta"]), float(p["eta"]), str(p.get("penalty", "l1")),
        float(p.get("a", 1.0)), None if p.get("T") is None else int(p["T"]),
    )


@lru_cache(maxsize=16384)
def spec_of_key(kk: tuple[Any, ...]) -> RunSpec:
    """The RunSpec of a point's :func:`key` (cached)."""
    k, s, w0, u0, lam, beta, eta, pen, a, T = kk
    if T is None:  # a limit point: to convergence
        return RunSpec(k=k, w_star=s, w0=w0, lam=lam, beta=beta, eta=eta, penalty=pen, a=a,
                       T=T_CAP, tol=TOL, exact_tl1=True)
    return RunSpec(k=k, w_star=s, w0=w0, u0=u0, lam=lam, beta=beta, eta=eta, penalty=pen, a=a,
                   T=T, exact_tl1=True)


def spec_of(p: RunPoint) -> RunSpec:
    """The :class:`~proofs.algorithm.rvscgd.RunSpec` of a run point (horizon or to convergence)."""
    return spec_of_key(key(p))


def run_point(
    w_star: Sequence[float], w0: Sequence[float], *, k: int, lam: float, beta: float, eta: float,
    T: int | None = None, delta: float | None = None, u0: Sequence[float] | None = None,
    penalty: str = "l1", a: float | None = None,
) -> RunPoint:
    """An explicit run point (vectors as float arrays): a trajectory point when ``T`` is given
    (with its ``u0``), else a limit point (with the Tl1 parameter ``a``, default 1)."""
    p: RunPoint = {"k": k, "w_star": np.asarray(w_star, dtype=float),
                   "w0": np.asarray(w0, dtype=float), "lam": float(lam), "beta": float(beta),
                   "eta": float(eta), "penalty": penalty}
    if T is not None:
        p["T"] = int(T)
        p["u0"] = None if u0 is None else np.asarray(u0, dtype=float)
    else:
        p["a"] = 1.0 if a is None else float(a)
    if delta is not None:
        p["delta"] = float(delta)
    return p


def param_expr(text: str) -> sympy.Expr:
    """An exact constant in the point's parameters, e.g. ``"2*pi*beta/k"``, as a SymPy expression
    (pass it to :class:`~proofs.engine.claim.Constant`). The names of :data:`PARAMETERS` are
    symbols here; SymPy's own parser reads ``beta`` as the Beta function."""
    names = {n: sympy.Symbol(n) for n in PARAMETERS}
    expr = sympy.parse_expr(text, local_dict=names, evaluate=True)
    if expr.has(sympy.Float):
        raise ValueError(f"{text!r} contains a decimal literal: write it as a fraction")
    return expr
