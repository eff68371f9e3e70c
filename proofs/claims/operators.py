"""Properties of the thresholding operators Algorithm 1 uses (claims ``OP-*``), as implemented.

The u-update is ``u = P(w)`` with ``P = proofs.algorithm.thresholds.prox(w, lam, beta, penalty,
a, exact_tl1=True)``, componentwise with ``tau = lam/beta``: soft thresholding (l1), hard
thresholding (l0: keeps ``|x| > sqrt(2 tau)``), and the exact Tl1 minimiser of
``1/2 (y - x)^2 + tau rho_a(y)`` (``OP-tl1-argmin``). Each operator has a threshold ``t`` (the
largest ``|x|`` it maps to 0): ``tau``, ``sqrt(2 tau)``, Lemma 5.7's ``t``.

The later lemmas use, per coordinate ``i`` (closed conditions in ``(x, P(x))``, so they hold for
both choices at a tie and for limits of ``(x^n, P(x^n))``):

* ``OP-*-sign``: ``P(x)_i x_i >= 0`` and ``|P(x)_i| <= |x_i|``;
* ``OP-*-inner``: ``P(x)_i (x_i - P(x)_i) >= 0``, hence ``<P(x), x> >= |P(x)|^2`` and
  ``|P(x)| <= cos(angle(P(x), x)) |x|``;
* ``OP-*-residual``: ``|x_i - P(x)_i| <= t`` (best constant: attained at ``|x_i| = t``).

Points: ``{"x": (d,) array, "lam", "beta"[, "a"]}``. Slacks evaluate the implemented operator and,
where ``x_i`` sits exactly at a tie (hard: ``|x_i| = sqrt(2 tau)``; Tl1: ``|x_i| = t`` with
``tau > a^2/(2(a+1))``), also the other minimiser; each comparison gets the rounding allowance
``B.allowance(scale)`` (equality is attained in every property).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from proofs.algorithm.thresholds import prox, tl1_t
from proofs.engine.claim import Claim, Constant, Point
from proofs.engine.domain import Domain

from .arguments import operator_props as O
from .arguments import tl1_prox as T
from .scalar_prox import tl1_candidates, tl1_objective

SECTION = "Operators"
POSITION = "L5.4-soft-prox"

_lam, _beta, _a = sp.symbols("lam beta a")
_tau = _lam / _beta
_r = sp.Pow(2 * _tau * (_a + 1), sp.Rational(1, 2), evaluate=False)
THRESHOLD = {
    "l1": Constant("t", _tau, doc="soft threshold tau = lam/beta"),
    "l0": Constant("t", sp.Pow(2 * _tau, sp.Rational(1, 2), evaluate=False),
                   doc="hard threshold sqrt(2 lam/beta)"),
    "tl1": Constant("t", sp.Piecewise((_tau * (_a + 1) / _a, _tau <= _a**2 / (2 * (_a + 1))),
                                      (_r - _a / 2, True)),
                    doc="Lemma 5.7's threshold with tau = lam/beta"),
}
NAMES = {"l1": "soft", "l0": "hard", "tl1": "tl1"}
OPERATOR = {
    "l1": "soft thresholding S_tau (l1)",
    "l0": "hard thresholding (l0; keeps |x| > sqrt(2 tau))",
    "tl1": "Tl1 thresholding (the exact argmin of 1/2 (y - x)^2 + tau rho_a(y))",
}


# --------------------------------------------------------------------------------------------
# evaluation: the implemented operator and, at a tie, the other minimiser
# --------------------------------------------------------------------------------------------
def _tau_of(p: Point, B: Any) -> Any:
    return B.scalar(p["lam"]) / B.scalar(p["beta"])


def _x(p: Point, B: Any) -> np.ndarray:
    return B.vector(np.atleast_1d(p["x"]))


def implemented(p: Point, B: Any, penalty: str) -> np.ndarray:
    """P(x) by ``prox(..., exact_tl1=True)`` at the backend's precision."""
    a = B.scalar(p.get("a", 1))
    out = prox(_x(p, B), B.scalar(p["lam"]), B.scalar(p["beta"]), penalty, a, exact_tl1=True)
    return B.vector(np.atleast_1d(out))


def _tie_alternative(xi: Any, ui: Any, p: Point, B: Any, penalty: str) -> Any | None:
    """The other minimiser where x_i is exactly at a tie (None elsewhere)."""
    tau = _tau_of(p, B)
    if penalty == "l0":
        tie = xi * xi == 2 * tau if B.is_mp else abs(xi) == B.sqrt(2 * tau)
        return (xi if ui == 0 else 0 * xi) if tie else None
    if penalty == "tl1":
        a = B.scalar(p["a"])
        if not tau > a * a / (2 * (a + 1)):
            return None
        t = tl1_t(tau, a) if B.is_mp else float(tl1_t(tau, a))
        if abs(xi) != t:
            return None
        other = B.sqrt(2 * tau * (a + 1)) - a
        return B.sign(xi) * other if ui == 0 else 0 * xi
    return None


def choices(p: Point, B: Any, penalty: str) -> list[tuple[Any, Any]]:
    """Pairs (x_i, u_i) for every coordinate and every admissible output at it."""
    x, u = _x(p, B), implemented(p, B, penalty)
    out = []
    for xi, ui in zip(x, u, strict=True):
        out.append((xi, ui))
        alt = _tie_alternative(xi, ui, p, B, penalty)
        if alt is not None:
            out.append((xi, alt))
    return out


def _sign_slack(penalty: str) -> Callable[[Point, Any], Any]:
    def slack(p: Point, B: Any) -> Any:
        vals = []
        for xi, ui in choices(p, B, penalty):
            vals.append(ui * xi + B.allowance(xi * xi))
            vals.append(abs(xi) - abs(ui) + B.allowance(abs(xi)))
        return min(vals)

    return slack


def _inner_slack(penalty: str) -> Callable[[Point, Any], Any]:
    def slack(p: Point, B: Any) -> Any:
        return min(ui * (xi - ui) + B.allowance(xi * xi) for xi, ui in choices(p, B, penalty))

    return slack


def _residual_slack(penalty: str) -> Callable[[Point, Any, Any], Any]:
    def slack(p: Point, B: Any, c: Any) -> Any:
        return min(c.t - abs(xi - ui) + B.allowance(c.t + abs(xi)) for xi, ui in choices(p, B, penalty))

    return slack


def _argmin_slack(p: Point, B: Any) -> Any:
    """min over coordinates of min_c F(c) - F(P(x)_i) + allowance: >= 0 iff the implemented Tl1
    output is a global minimiser (candidates: 0 and the stationary points on both sides)."""
    tau, a = _tau_of(p, B), B.scalar(p["a"])
    vals = []
    for xi, ui in zip(_x(p, B), implemented(p, B, "tl1"), strict=True):
        fu = tl1_objective(ui, xi, tau, a)
        fmin = min(tl1_objective(cand, xi, tau, a) for cand in tl1_candidates(xi, tau, a, B.is_mp))
        vals.append(fmin - fu + B.allowance(xi * xi / 2 + fu + tau * (a + 1)))
    return min(vals)


# --------------------------------------------------------------------------------------------
# points
# --------------------------------------------------------------------------------------------
_BETAS = (1.0, 0.5, 2.0, 0.125, 1024.0, 2.0**-20, 2.0**20)
_DYADIC = (1.0, 2.0, 0.5, 3.0, 0.75, 4.0, 1.5, 2.0**-10, 2.0**10)
_TIE_A = (1.0, 3.0, 7.0)  # a + 1 a power of 2: the Tl1 tie sqrt(2 tau (a+1)) - a/2 is exact
_REL = (0.0, 1e-15, -1e-15, 1e-8, -1e-8, 1e-3, -1e-3, 0.5, -0.5, 2.0, 100.0)


def _log(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi).map(lambda e: 10.0**e)


def _threshold(tau: float, a: float, penalty: str) -> float:
    if penalty == "l1":
        return tau
    if penalty == "l0":
        return float(np.sqrt(2.0 * tau))
    return float(tl1_t(tau, a))


@st.composite
def _points(draw: Any, penalty: str) -> Point:
    beta = draw(st.one_of(st.sampled_from(_BETAS), _log(-6, 6)))
    a = 1.0
    if penalty == "tl1":
        a = draw(st.one_of(st.sampled_from(_TIE_A + (0.5, 1e-3, 1e3)), _log(-3, 3)))
    kind = draw(st.sampled_from(["tie", "tie", "log", "zero", "boundary"]))
    m = draw(st.sampled_from(_DYADIC))
    if kind == "tie":  # exact thresholds: dyadic tau (and, for Tl1, r = m > a exactly)
        if penalty == "l0":
            tau = m * m / 2
        elif penalty == "tl1":
            a = draw(st.sampled_from(_TIE_A))
            m = a * draw(st.sampled_from((2.0, 1.5, 4.0, 1.25)))
            tau = m * m / (2 * (a + 1))
        else:
            tau = m
        beta = draw(st.sampled_from(_BETAS))
    elif kind == "boundary" and penalty == "tl1":  # the regime boundary tau = a^2/(2(a+1))
        tau = a * a / (2 * (a + 1))
    elif kind == "zero":
        tau = 0.0
    else:
        tau = draw(_log(-12, 8))
    lam = tau * beta
    tau_eff = lam / beta
    t = _threshold(tau_eff, a, penalty)
    d = draw(st.integers(1, 4))
    xs = []
    for _ in range(d):
        how = draw(st.sampled_from(["t", "t", "rel", "next", "uniform", "zero", "tiny", "big"]))
        if how == "t":
            v = t
        elif how == "rel":
            v = t * (1 + draw(st.sampled_from(_REL)))
        elif how == "next":
            v = float(np.nextafter(t, draw(st.sampled_from((np.inf, -np.inf)))))
        elif how == "uniform":
            v = draw(st.floats(0.0, 3.0 * (t + a + 1.0)))
        elif how == "zero":
            v = 0.0
        elif how == "tiny":
            v = draw(_log(-300, -100))
        else:
            v = (t + 1.0) * draw(_log(0, 60))
        xs.append(-v if draw(st.booleans()) else v)
    out: Point = {"x": np.asarray(xs, dtype=float), "lam": lam, "beta": beta}
    if penalty == "tl1":
        out["a"] = a
    return out


def variables(penalty: str) -> Domain:
    """The declared parameters (the input x is a point coordinate, not a declared variable: it
    may be 0, and a declared vector of R^d is non-zero). The hand-written strategy is kept: it
    hits the thresholds and ties exactly (dyadic tau, exact Tl1 ties), which the generated one
    does not aim at."""
    params = ("lam in [0, oo)", "beta in (0, oo)")
    return Domain(*params, "a in (0, oo)") if penalty == "tl1" else Domain(*params)


EXAMPLES: dict[str, tuple[Point, ...]] = {
    "l1": ({"x": np.array([0.25, -0.25, 1.0, 0.0]), "lam": 0.25, "beta": 1.0},
           {"x": np.array([3.0, -1e-300]), "lam": 0.0, "beta": 2.0}),
    "l0": ({"x": np.array([1.0, -1.0, 0.5, 2.0]), "lam": 0.5, "beta": 1.0},  # tie |x| = 1
           {"x": np.array([2.0, -2.0]), "lam": 2.0 * 1024.0, "beta": 1024.0}),
    "tl1": ({"x": np.array([1.5, -1.5, 3.0, 0.2]), "lam": 1.0, "beta": 1.0, "a": 1.0},  # tie t = 3/2
            {"x": np.array([0.5, -0.5000001]), "lam": 0.25, "beta": 1.0, "a": 1.0},  # regime boundary
            {"x": np.array([2.0, 0.0]), "lam": 0.0, "beta": 1.0, "a": 1.0}),
}
DOMAIN = {
    "l1": "x in R^d (d = 1..4): coordinates at the threshold tau exactly, relative offsets 1e-15.."
          "100, nextafter, uniform, 0, tiny (1e-300), large (up to 1e60 t); tau = lam/beta dyadic, "
          "log-uniform 1e-12..1e8 or 0; beta round or log-uniform 1e-6..1e6",
    "l0": "as for l1, with the tie |x_i| = sqrt(2 tau) hit exactly (dyadic sqrt(2 tau))",
    "tl1": "as for l1, a in {1, 3, 7} (exact ties t = sqrt(2 tau (a+1)) - a/2), 0.5, 1e-3, 1e3 or "
           "log-uniform 1e-3..1e3; tau at the regime boundary a^2/(2(a+1)) too",
}


# --------------------------------------------------------------------------------------------
# claims
# --------------------------------------------------------------------------------------------
def _claim(penalty: str, prop: str, statement: str, reading: str, slack: Any, prove: Any,
           uses: tuple[str, ...], **extra: Any) -> Claim:
    return Claim(
        id=f"OP-{NAMES[penalty]}-{prop}",
        paper_ref="proofs of Lemmas 5.4, 5.6 and Corollary 1.1 (u-update of Algorithm 1)",
        section=SECTION,
        statement=statement,
        reading=reading,
        domain=DOMAIN[penalty],
        variables=variables(penalty),
        strategy=lambda: _points(penalty),
        slack=slack,
        prove=prove,
        uses=uses,
        examples=EXAMPLES[penalty],
        **extra,
    )


_TIE_STATEMENT = {
    "l0": " It holds for both choices at the tie |x_i| = sqrt(2 tau) (u_i = 0 or x_i).",
    "tl1": " It holds for every minimiser, i.e. for both choices at the tie |x_i| = t, tau > a^2/(2(a+1)) "
           "(u_i = 0 or sgn(x_i)(sqrt(2 tau (a+1)) - a)).",
}
_RESIDUAL_NOTES = {
    "tl1": "The bound max(t, tau (a+1)/a) (the kept residual tau a(a+1)/z0^2 is < tau (a+1)/a) equals "
           "tau (a+1)/a, which exceeds t by (r - a)^2/(2a) when tau > a^2/(2(a+1)): kept outputs have "
           "z0 > r there, so their residual is < a/2 < t; t is the best constant (attained by 0 at "
           "|x| = t).",
}
_TIE = ("closed conditions: they hold for both choices at a tie (hard: |x_i| = sqrt(2 tau), "
        "u_i in {0, x_i}; Tl1: |x_i| = t with tau > a^2/(2(a+1)), u_i in {0, sgn(x_i)(sqrt(2 tau "
        "(a+1)) - a)}), hence for limits of (x^n, P(x^n))")


def _props(penalty: str, sign_prove: Any, inner_prove: Any, residual_prove: Any,
           uses: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> tuple[Claim, ...]:
    op = OPERATOR[penalty]
    where = "u = prox(x, lam, beta, penalty, a, exact_tl1=True), per coordinate, tau = lam/beta"
    tie = _TIE_STATEMENT.get(penalty, "")
    return (
        _claim(penalty, "sign",
               f"For {op}: P(x)_i x_i >= 0 and |P(x)_i| <= |x_i| for every coordinate i.{tie}",
               f"{where}; {_TIE}; slack min_i min(P_i x_i, |x_i| - |P_i|) + allowance",
               _sign_slack(penalty), sign_prove, uses[0]),
        _claim(penalty, "inner",
               f"For {op}: P(x)_i (x_i - P(x)_i) >= 0 for every i; hence <P(x), x> >= |P(x)|^2 "
               f"and |P(x)| <= cos(angle(P(x), x)) |x|.{tie}",
               f"{where}; {_TIE}; slack min_i P_i (x_i - P_i) + allowance",
               _inner_slack(penalty), inner_prove, uses[1]),
        _claim(penalty, "residual",
               f"For {op}: |x_i - P(x)_i| <= t for every i, t = {THRESHOLD[penalty].doc}; t is the "
               "best constant (attained at |x_i| = t by the output 0)"
               + (", indeed |x_i - P(x)_i| = min(|x_i|, tau)." if penalty == "l1" else ".") + tie,
               f"{where}; {_TIE}; slack min_i t - |x_i - P_i| + allowance",
               _residual_slack(penalty), residual_prove, uses[2],
               constants=(THRESHOLD[penalty],),
               notes=_RESIDUAL_NOTES.get(penalty, "")),
    )


TL1_ARGMIN = Claim(
    id="OP-tl1-argmin",
    paper_ref="Lemma 5.7 (u-update of Algorithm 1 with the Tl1 penalty)",
    section=SECTION,
    statement="For a > 0, tau = lam/beta >= 0: the global minimisers of F(y) = 1/2 (y - x)^2 + tau "
    "rho_a(y) are y = 0 if |x| < t; y = sgn(x)(z0 - a) if |x| > t, z0 the largest root of "
    "z^3 - (a+|x|) z^2 + tau a (a+1), with z0 > max(a, r) and |x| - (z0 - a) = tau a(a+1)/z0^2 "
    "(r = sqrt(2 tau (a+1))); at |x| = t: 0 only if r <= a, and both 0 and sgn(x)(r - a) if r > a. "
    "prox(..., exact_tl1=True) returns one of them (0 at the tie).",
    reading="every real x (per coordinate); slack min_c F(c) - F(P(x)_i) + allowance over the "
    "candidates 0 and the stationary points on both sides (proofs.claims.scalar_prox)",
    domain=DOMAIN["tl1"],
    variables=variables("tl1"),
    strategy=lambda: _points("tl1"),
    slack=_argmin_slack,
    prove=T.prove_tl1_argmin,
    uses=T.USES_tl1_argmin,
    examples=EXAMPLES["tl1"],
    notes="At the tie (r > a) g_tau(x) -> r - a as |x| decreases to t, so the tie choice "
    "sgn(x)(r - a) is the limit of the kept values.",
)

CLAIMS: tuple[Claim, ...] = (
    *_props("l1", O.prove_soft_sign, O.prove_soft_inner, O.prove_soft_residual,
            (O.USES_SOFT_SIGN, O.USES_SOFT_INNER, O.USES_SOFT_RESIDUAL)),
    *_props("l0", O.prove_hard_sign, O.prove_hard_inner, O.prove_hard_residual,
            (O.USES_HARD_SIGN, O.USES_HARD_INNER, O.USES_HARD_RESIDUAL)),
    TL1_ARGMIN,
    *_props("tl1", O.prove_tl1_sign, O.prove_tl1_inner, O.prove_tl1_residual,
            (O.USES_TL1_SIGN, O.USES_TL1_INNER, O.USES_TL1_RESIDUAL)),
)
