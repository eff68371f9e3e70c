"""Best constants of eqs. (11), (12) and of the bound on C in (10)/(25), by a targeted search.

For the report (:mod:`proofs.claims.best_constants`): the ratios the printed constants must
bound, maximised over limits inside Theorem 1's hypotheses and along the family tau -> 0 of
:func:`family_point`, the best point re-evaluated at 50 digits at the mp fixed point.
"""

from __future__ import annotations

import math
from typing import Any

import mpmath
import numpy as np

from proofs.engine.backend import FLOAT, Backend, MpBackend
from proofs.engine.points import to_mp

from . import limit as lim
from .conclusions import eq25_parts
from .hypotheses import THEOREM1, at_limit
from .points import RunPoint, run_point
from .strategies import perpendicular, unit


def family_point(tau: float, phi: float = 0.3, k: int = 1) -> RunPoint:
    """d = 2, w* = (cos phi, sin phi), delta = pi/2 (to 1e-9), beta at its bound k/(2pi)
    (to 1e-12), lam = tau beta, w0 at angle 0.5 from w*, eta = 1/(beta + L) / 2: inside
    Theorem 1's and Lemma 5.6's hypotheses (step condition checked by the caller)."""
    delta = math.pi / 2 * (1 - 1e-9)
    beta = k * math.sin(delta) / (2 * math.pi) * (1 - 1e-12)
    return run_point([math.cos(phi), math.sin(phi)], [math.cos(phi + 0.5), math.sin(phi + 0.5)],
                     k=k, lam=tau * beta, beta=beta, eta=0.5 / (beta + k / (4 * math.pi)),
                     delta=delta)


def _sin_delta_gamma(p: RunPoint, B: Backend) -> Any:
    _, ga = lim.theta_gamma(lim.limit(p, B), B)
    return B.sin(B.scalar(p["delta"])) * B.sin(ga)


def ratio_eq11(p: RunPoint, B: Backend) -> Any:
    """|w* - w_bar| / (sin(delta) sin(gamma)): the constant the 1/2 of (11) must bound."""
    L = lim.limit(p, B)
    return lim.norm_b(L.s - L.w, B) / _sin_delta_gamma(p, B)


def ratio_eq12(p: RunPoint, B: Backend) -> Any:
    """(|w* - u_bar| - (lam/beta) sqrt(d)) / (sin(delta) sin(gamma)): the constant the 1/2 of
    (12) must bound."""
    L = lim.limit(p, B)
    tau = B.scalar(p["lam"]) / B.scalar(p["beta"])
    num = lim.norm_b(L.s - L.u, B) - tau * B.sqrt(B.scalar(len(L.w)))
    return num / _sin_delta_gamma(p, B)


def C_eq25(p: RunPoint, B: Backend) -> Any:
    return eq25_parts(p, B)[0]


def _random_point(rng: np.random.Generator) -> RunPoint:
    k = int(rng.choice([1, 2, 5]))
    d = int(rng.choice([2, 2, 3, 4]))
    s = unit(rng.normal(size=d))
    delta = float(rng.uniform(0.05, math.pi - 0.05))
    th0 = float(rng.uniform(0, math.pi - delta)) * 0.999
    w0 = unit(math.cos(th0) * s + math.sin(th0) * perpendicular(s, rng.normal(size=d)))
    c2 = k / (2 * math.pi)
    beta = c2 * math.sin(delta) * (1 - 1e-12) * (1.0 if rng.random() < 0.5 else rng.uniform(0.1, 1))
    lam = min(beta * 10 ** rng.uniform(-4, 0), k / (2 * math.pi * math.sqrt(d)) * (1 - 1e-9))
    eta = 1 / (beta + k / (4 * math.pi)) * float(rng.uniform(0.3, 1)) * (1 - 1e-12)
    return run_point(s, w0, k=k, lam=lam, beta=beta, eta=eta, delta=delta)


def best_constants(samples: int = 400, seed: int = 0, dps: int = 50) -> dict[str, Any]:
    """Best constants of (11), (12) and of the bound on C in (10)/(25): ``samples`` random l1
    points inside Theorem 1's hypotheses (beta at its bound half the time, tau = lam/beta
    log-uniform in [1e-4, 1], d in {2, 3, 4}) plus the family tau -> 0 of :func:`family_point`;
    the best point of each ratio is re-evaluated at ``dps`` digits at the mp fixed point.
    Returns printed vs best found (a lower bound of each supremum)."""
    rng = np.random.default_rng(seed)
    pts = [family_point(10.0 ** -j, phi) for j in (2, 4, 6, 8) for phi in (0.3, 0.6)]
    while len(pts) < samples + 8:
        pts.append(_random_point(rng))
    hyps = at_limit(THEOREM1)
    out: dict[str, Any] = {"samples": 0}
    best: dict[str, tuple[float, RunPoint | None]] = {
        "eq11": (-math.inf, None), "eq12": (-math.inf, None), "C": (-math.inf, None)}
    for p in pts:
        if not lim.converged(p):
            continue
        if not all((h.margin(p, FLOAT) > 0) if h.strict else (h.margin(p, FLOAT) >= 0) for h in hyps):
            continue
        try:
            L = lim.limit(p, FLOAT)
        except lim.LimitError:
            continue
        _, ga = lim.theta_gamma(L, FLOAT)
        out["samples"] += 1
        vals = {"C": float(C_eq25(p, FLOAT))}
        if ga > 1e-6:
            vals["eq11"] = float(ratio_eq11(p, FLOAT))
            vals["eq12"] = float(ratio_eq12(p, FLOAT))
        for name, v in vals.items():
            if v > best[name][0]:
                best[name] = (v, p)
    B = MpBackend(dps)
    fns = {"eq11": ratio_eq11, "eq12": ratio_eq12, "C": C_eq25}
    printed = {"eq11": "1/2", "eq12": "1/2", "C": "k/(k - 2 pi lam sqrt d) (>= 1)"}
    proven = {"eq11": "1 (L5.6-eq11+fix)", "eq12": "1 (T1-eq12+fix)", "C": "1 (C <= cos theta)"}
    for name, (_v, p) in best.items():
        if p is None:
            continue
        with B.context():
            val = fns[name](to_mp(p), B)
        out[name] = {"printed": printed[name], "best_found": mpmath.nstr(val, 20),
                     "upper_bound": proven[name], "argmax": {
                         kk: (list(map(float, vv)) if isinstance(vv, np.ndarray) else vv)
                         for kk, vv in p.items()}}
    fam = []
    for j in (2, 4, 6, 8):
        p = family_point(10.0 ** -j)
        with B.context():
            fam.append((f"tau=1e-{j}", mpmath.nstr(ratio_eq11(to_mp(p), B), 15),
                        mpmath.nstr(C_eq25(to_mp(p), B), 15)))
    out["family_tau_to_0 (eq11 ratio, C)"] = fam
    return out
