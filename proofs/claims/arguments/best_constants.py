"""Best constants of eq. (11), eq. (12) and of the C of eq. (25): proved upper bounds and families
of admissible fixed points attaining them in the limit.

The family (one parameter tau = lam/beta -> 0+; d, b = (2pi/k) beta in (0, 1] and delta in
(0, pi/2] with sin(delta) >= b fixed; default b = sin(delta) = 1, i.e. beta = k/(2 pi),
delta = pi/2, the edge of (ii)): k = 1, w_bar = (sqrt(1 - (d-1) tau^2), tau, ..., tau),
u_bar = S_tau(w_bar) = (w_1 - tau, 0, ..., 0), w* = (mu w_bar - beta u_bar)/c2 with
mu = beta x + sqrt(c2^2 - beta^2 y^2) (x = <u_bar, w_bar>, y = |u_bar - x w_bar|): the unit vector
making c2 w* + beta u_bar = mu w_bar, mu > 0. With w0 = w_bar and eta = 1/(2 (c2 + beta)) the run
is constant, so every hypothesis of Lemma 5.6 and Theorem 1 holds: (i) theta(w0, w*) = theta_bar
< pi/2 <= pi - delta, (ii) beta <= k sin(delta)/(2 pi) and lam = tau beta < k/(2 pi sqrt d) for
tau b < 1/sqrt(d), (iii) eta k/(2pi) < 1/2, eta <= min{1/(beta + k/(4pi)), 2pi/k}, and the step
eta |E g + beta (w - u)| = eta (c2 + beta - mu) <= 1/2 at the (constant) iterate; c1 = 1/2 > 0.

In this family sin(gamma) = tau sqrt(d - 1), and the three quantities have closed forms in tau
(:func:`family_exact`), whose limits SymPy computes: the eq. (11) ratio -> b/sin(delta), the
eq. (12) ratio -> (sqrt(1 + (1 + b)^2 (d - 1)) - sqrt d)/(sqrt(d - 1) sin(delta)) (= g(d) =
(sqrt(4d - 3) - sqrt d)/sqrt(d - 1) at b = sin(delta) = 1), C -> 1: the proved upper bounds.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from .eq12_sharp import constant_g

Record = dict[str, Any]

TAU = sp.Symbol("tau", positive=True)
D = sp.Symbol("d", positive=True)
#: family members checked at 50 digits
CHECK_TAUS: tuple[str, ...] = ("1/100", "1/10000", "1/1000000")
CHECK_DIMS: tuple[int, ...] = (2, 3, 6)


def family_exact(d: Any = D, tau: Any = TAU, b: Any = 1, sin_delta: Any = 1) -> dict[str, sp.Expr]:
    """Closed forms along the family with b = (2pi/k) beta <= sin(delta) (default: b = sin(delta) =
    1, delta = pi/2): theta, gamma, the ratios and C."""
    w1 = sp.sqrt(1 - (d - 1) * tau**2)
    x = w1**2 - tau * w1  # <u_bar, w_bar>
    y = (w1 - tau) * tau * sp.sqrt(d - 1)  # |u_bar - x w_bar|
    S = b * y  # sin(theta), eq. (23)
    C = sp.sqrt(1 - S**2)  # cos(theta) > 0
    sin_gamma = tau * sp.sqrt(d - 1)  # y/|u_bar|, |u_bar| = w1 - tau
    dist_w = sp.sqrt(2 - 2 * C)  # |w* - w_bar|
    dist_u = sp.sqrt((C - x) ** 2 + (S + y) ** 2)  # |w* - u_bar| = |(C - x, S + y)|
    return {
        "x": x, "y": y, "cos_theta": C, "sin_gamma": sin_gamma,
        "ratio_eq11": dist_w / (sin_delta * sin_gamma),
        "ratio_eq12": (dist_u - tau * sp.sqrt(d)) / (sin_delta * sin_gamma),
        "C_eq25": C - b * (1 - x),  # C = cos(theta) - b (1 - x)
        "mu_over_c2": C + b * x,
    }


B_SYM = sp.Symbol("b", positive=True)
S_SYM = sp.Symbol("s_delta", positive=True)


@cache
def family_limits(d: int | None = None, general: bool = False) -> dict[str, sp.Expr]:
    """SymPy limits tau -> 0+ of the three quantities (symbolic d when ``d`` is None; symbolic
    b = (2pi/k) beta and s_delta = sin(delta) when ``general``, else b = s_delta = 1)."""
    dd = D if d is None else sp.Integer(d)
    fam = family_exact(dd, TAU, *((B_SYM, S_SYM) if general else (1, 1)))
    return {k: sp.simplify(sp.limit(fam[k], TAU, 0, "+")) for k in ("ratio_eq11", "ratio_eq12", "C_eq25")}


def family_vectors(d: int, tau: Any, b: Any = 1, delta: Any = None) -> dict[str, Any]:
    """The family member at (d, tau, b) as mpmath vectors at the working precision, computed from
    the vectors (not the closed forms): w_bar, u_bar = S_tau(w_bar), w*, mu, and the parameters
    (k = 1, beta = b/(2pi), delta = pi/2 unless given, eta = 1/(2 (c2 + beta)))."""
    tau, b = mpmath.mpf(tau), mpmath.mpf(b)
    w = [mpmath.sqrt(1 - (d - 1) * tau**2)] + [tau] * (d - 1)
    u = [(wi - tau if wi > tau else (wi + tau if wi < -tau else mpmath.mpf(0))) for wi in w]
    c2 = 1 / (2 * mpmath.pi)
    beta = b * c2
    x = mpmath.fsum(ui * wi for ui, wi in zip(u, w, strict=True))
    perp = [ui - x * wi for ui, wi in zip(u, w, strict=True)]
    y = mpmath.sqrt(mpmath.fsum(p * p for p in perp))
    mu = beta * x + mpmath.sqrt(c2**2 - beta**2 * y**2)
    ws = [(mu * wi - beta * ui) / c2 for wi, ui in zip(w, u, strict=True)]
    return {"w_bar": w, "u_bar": u, "w_star": ws, "mu": mu, "c2": c2, "beta": beta, "tau": tau,
            "lam": tau * beta, "eta": 1 / (2 * (c2 + beta)), "k": 1, "d": d, "b": b,
            "delta": mpmath.pi / 2 if delta is None else mpmath.mpf(delta)}


def _norm(v: list[Any]) -> Any:
    return mpmath.sqrt(mpmath.fsum(t * t for t in v))


def _angle(a: list[Any], b: list[Any]) -> Any:
    na, nb = _norm(a), _norm(b)
    ah, bh = [t / na for t in a], [t / nb for t in b]
    return 2 * mpmath.atan2(_norm([p - q for p, q in zip(ah, bh, strict=True)]),
                            _norm([p + q for p, q in zip(ah, bh, strict=True)]))


def _mpq(q: str) -> Any:
    r = sp.Rational(q)
    return mpmath.mpf(r.p) / r.q


def check_member(d: int, tau: str, dps: int = 50, b: str = "1", delta: str | None = None) -> dict[str, Any]:
    """At one family member, at ``dps`` digits: the hypotheses, the fixed-point relation, the three
    quantities from the vectors, and their agreement with the closed forms (``delta`` a SymPy
    expression such as "pi/3"; default pi/2)."""
    with mpmath.workdps(dps + 10):
        dl = sp.pi / 2 if delta is None else sp.sympify(delta)
        m = family_vectors(d, _mpq(tau), _mpq(b), mpmath.mpf(sp.N(dl, dps + 10)))
        w, u, ws = m["w_bar"], m["u_bar"], m["w_star"]
        c2, beta, eta, delta, lam = m["c2"], m["beta"], m["eta"], m["delta"], m["lam"]
        theta, gamma = _angle(w, ws), _angle(u, w)
        v = [c2 * s + beta * ui for s, ui in zip(ws, u, strict=True)]
        relation = _norm([vi - m["mu"] * wi for vi, wi in zip(v, w, strict=True)])
        c1 = 1 - eta * (c2 + beta)
        step = eta * _norm([(c2 + beta) * wi - vi for wi, vi in zip(w, v, strict=True)])
        r11 = _norm([s - wi for s, wi in zip(ws, w, strict=True)]) / (mpmath.sin(delta) * mpmath.sin(gamma))
        r12 = (_norm([s - ui for s, ui in zip(ws, u, strict=True)]) - m["tau"] * mpmath.sqrt(d)) / (
            mpmath.sin(delta) * mpmath.sin(gamma))
        C = mpmath.fsum((s - 2 * mpmath.pi * beta * (wi - ui)) * wi for s, wi, ui in zip(ws, w, u, strict=True))
        hyps = {
            "|w*| = 1": abs(_norm(ws) - 1) < mpmath.mpf(10) ** (-dps),
            "(i) theta(w0 = w_bar, w*) <= pi - delta": theta <= mpmath.pi - delta,
            "delta in (0, pi/2]": 0 < delta <= mpmath.pi / 2 * (1 + mpmath.mpf(10) ** (-dps)),
            "(ii) beta <= k sin(delta)/(2pi)": beta <= mpmath.sin(delta) / (2 * mpmath.pi) * (1 + mpmath.mpf(10) ** (-dps)),
            "(ii) (2pi/k) lam sqrt(d) < 1": 2 * mpmath.pi * lam * mpmath.sqrt(d) < 1,
            "(iii) eta k/(2pi) < 1": eta / (2 * mpmath.pi) < 1,
            "eta <= min{1/(beta+L), 2pi/k}": eta <= min(1 / (beta + 1 / (4 * mpmath.pi)), 2 * mpmath.pi),
            "step condition (constant run)": step <= mpmath.mpf(1) / 2,
            "fixed point: c1 + eta mu > 0": c1 + eta * m["mu"] > 0,
            "relation c2 w* + beta u = mu w_bar": relation < mpmath.mpf(10) ** (-dps),
        }
        exact = family_exact(sp.Integer(d), sp.Rational(tau), sp.Rational(b), sp.sin(dl))
        agree = {k: abs(val - mpmath.mpf(sp.N(exact[key], dps + 10))) < mpmath.mpf(10) ** (-dps + 5)
                 for k, val, key in (("ratio_eq11", r11, "ratio_eq11"), ("ratio_eq12", r12, "ratio_eq12"),
                                     ("C_eq25", C, "C_eq25"))}
        return {
            "d": d, "tau": tau,
            "ratio_eq11": mpmath.nstr(r11, 20), "ratio_eq12": mpmath.nstr(r12, 20), "C_eq25": mpmath.nstr(C, 20),
            "hypotheses_hold": all(hyps.values()), "hypotheses": hyps,
            "closed_forms_agree": all(agree.values()),
        }


def family_point(d: int, tau: float, inactive: float = 1e-9) -> dict[str, Any]:
    """A float64 run spec of the family for the limit machinery (:mod:`proofs.claims.runs.limit`):
    the coordinates at the threshold are moved ``inactive`` (relatively) inside it, beta and delta
    by 1e-15 inside (ii), w0 = w_bar."""
    with mpmath.workdps(30):
        m = family_vectors(d, tau)
        wt = [float(m["w_bar"][0])] + [tau * (1 - inactive)] * (d - 1)
        wb = np.array(wt) / np.linalg.norm(wt)
        u = np.where(np.abs(wb) > tau, wb - np.sign(wb) * tau, 0.0)
        c2 = 1 / (2 * math.pi)
        beta = c2 * (1 - 1e-15)
        x = float(u @ wb)
        y = float(np.linalg.norm(u - x * wb))
        mu = beta * x + math.sqrt(c2**2 - beta**2 * y**2)
        ws = (mu * wb - beta * u) / c2
    return {"k": 1, "w_star": ws / np.linalg.norm(ws), "w0": wb, "lam": tau * beta, "beta": beta,
            "eta": math.pi / 2, "delta": math.pi / 2 * (1 - 1e-15), "penalty": "l1", "a": 1.0}


FAMILY = (
    "k = 1, b = (2pi/k) beta in (0, 1], delta in (0, pi/2] with sin(delta) >= b (the bounds at "
    "b = sin(delta) = 1: beta = k/(2pi), delta = pi/2, the edge of (ii)), d fixed, tau = lam/beta "
    "-> 0+; w_bar = (sqrt(1 - (d-1) tau^2), tau, ..., tau), u_bar = S_tau(w_bar) = (w_1 - tau, 0, "
    "..., 0), w* = (mu w_bar - beta u_bar)/c2 with mu = beta x + sqrt(c2^2 - beta^2 y^2); w0 = w_bar, "
    "eta = 1/(2 (c2 + beta)) (the run is constant; every hypothesis of Lemma 5.6 and Theorem 1 holds, "
    "the step condition included); sin(gamma) = tau sqrt(d - 1)"
)
#: family members checked at 50 digits beyond the default b = sin(delta) = 1: (d, tau, b, delta)
CHECK_GENERAL: tuple[tuple[int, str, str, str], ...] = (
    (3, "1/10000", "1/2", "pi/4"), (4, "1/100000", "1/5", "pi/6"))


def _checks() -> list[dict[str, Any]]:
    out = [check_member(d, t) for d in CHECK_DIMS for t in CHECK_TAUS]
    return out + [dict(check_member(d, t, b=b, delta=dl), b=b, delta=dl) for d, t, b, dl in CHECK_GENERAL]


def _rows(checks: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    keys = ("d", "tau", "b", "delta", key, "hypotheses_hold", "closed_forms_agree")
    return [{k: c.get(k, "1" if k == "b" else "pi/2") for k in keys} for c in checks]


@cache
def _records() -> dict[str, list[Record]]:
    lim, lim2, gen = family_limits(), family_limits(2), family_limits(general=True)
    checks = _checks()
    eq12_ok = sp.simplify(lim["ratio_eq12"] - constant_g(D)) == 0
    return {
        "L5.6-eq11": [{
            "constant": "the 1/2 in |w* - w_bar| <= (1/2) sin(delta) sin(gamma) (eq. (11))",
            "printed": "1/2",
            "best": "1 (supremum over the hypotheses, not attained, for every k and d); at given "
                    "beta and delta: (2pi/k) beta/sin(delta)",
            "printed_is_enough": False,
            "method": "proved: L5.6-eq11+fix / T1-eq11+fix (|w* - w_bar| <= (2pi/k) beta sin(gamma) "
                      "<= sin(delta) sin(gamma)); family limits by SymPy",
            "family": FAMILY,
            "limit": f"tau -> 0+: {gen['ratio_eq11']} (b = (2pi/k) beta, s_delta = sin(delta)); "
                     f"at b = s_delta = 1: {lim['ratio_eq11']} (any d; d = 2: {lim2['ratio_eq11']})",
            "checks_50_digits": _rows(checks, "ratio_eq11"),
        }],
        "T1-eq12": [{
            "constant": "the 1/2 in |w* - u_bar| <= (1/2) sin(delta) sin(gamma) + (lam/beta) sqrt(d) "
                        "(eq. (12))",
            "printed": "1/2",
            "best": "g(d) = (sqrt(4d - 3) - sqrt(d))/sqrt(d - 1) (supremum, not attained; d = 2: "
                    "sqrt(5) - sqrt(2) = 0.82185..., d = 3: 0.89658..., increasing to 1 as d -> oo); "
                    "at given beta, delta: (sqrt(1 + (1 + b)^2 (d - 1)) - sqrt(d))/(sqrt(d - 1) "
                    "sin(delta)), b = (2pi/k) beta",
            "printed_is_enough": False,
            "method": "proved: BC-eq12-sharp (|w* - u_bar| <= K sin(gamma) + (lam/beta) sqrt(d) with "
                      "K = (sqrt(1 + (1 + b)^2 (d-1)) - sqrt d)/sqrt(d - 1) <= g(d) sin(delta)); family "
                      "limits by SymPy" + ("" if eq12_ok else " (LIMIT MISMATCH)"),
            "family": FAMILY,
            "limit": f"tau -> 0+: {gen['ratio_eq12']}; at b = s_delta = 1: {lim['ratio_eq12']} "
                     f"(d = 2: {lim2['ratio_eq12']})",
            "checks_50_digits": _rows(checks, "ratio_eq12"),
        }],
        "L5.6-eq25": [{
            "constant": "the upper bound on C in w* - (2pi/k) beta (w_bar - u_bar) = C w_bar (eq. (25), "
                        "eq. (10) corrected)",
            "printed": "k/(k - 2 pi lam sqrt d) (>= 1)",
            "best": "1 (supremum, not attained, for every k, d, beta, delta): C = cos(theta) - (2pi/k) "
                    "beta (1 - <u_bar, w_bar>) <= cos(theta) <= 1",
            "printed_is_enough": True,
            "method": "proved: L5.6-eq25 / T1-eq10+fix (0 < C <= cos(theta) <= 1 <= k/(k - 2 pi lam "
                      "sqrt d)); family limits by SymPy",
            "family": FAMILY,
            "limit": f"tau -> 0+: {gen['C_eq25']} for every b, s_delta (d = 2: {lim2['C_eq25']})",
            "checks_50_digits": _rows(checks, "C_eq25"),
        }],
    }


def best_constant_records(claim_id: str) -> list[Record]:
    """The best-constant records of ``claim_id`` (``L5.6-eq11``, ``T1-eq12``, ``L5.6-eq25``)."""
    records = _records()
    if claim_id not in records:
        raise KeyError(f"no best-constant record for {claim_id!r} (have {sorted(records)})")
    return [dict(r) for r in records[claim_id]]
