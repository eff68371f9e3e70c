"""Machine-checked proofs of the thresholding operators' properties (claims ``OP-*``).

Per coordinate, with ``tau = lam/beta``: soft thresholding ``S(x) = sgn(x) max(|x| - tau, 0)``;
hard thresholding ``H(x) = x`` if ``|x| > sqrt(2 tau)``, ``0`` if ``|x| < sqrt(2 tau)``, either at
the tie; Tl1 thresholding = every global minimiser of ``1/2 (y - x)^2 + tau rho_a(y)``
(``OP-tl1-argmin``). Each property is a closed condition on ``(x, P(x))``; it is checked on every
piece of the operator, at ties for both choices.

Covers: the steps are in ``tau`` (a nonnegative symbol) and ``a`` (positive); ``ratio_step``
links them to the claims' declared ``lam in [0, oo)``, ``beta in (0, oo)``; the inner property
covers the parameters as the sign claim it cites does; ``x`` is covered coordinate by coordinate.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.proof import ProofStep, by_sympy, cites, proof

from .symbolic import identity, nonnegative
from .tl1_prox import EVERY_X, lam_r, ratio_step
from .tl1_prox import a as A_SYM
from .tl1_prox import r as R_SYM

SOFT_SIGN, HARD_SIGN, TL1_SIGN = "OP-soft-sign", "OP-hard-sign", "OP-tl1-sign"
TL1_ARGMIN = "OP-tl1-argmin"

tau = sp.Symbol("tau", nonnegative=True)  # lam/beta (ratio_step: every declared lam, beta)
m, X, Y, Z = sp.symbols("m X Y Z", nonnegative=True)  # m: |x| - tau on the outer pieces
#: the steps in tau cover every tau >= 0 (its assumption)
TAU_COVERED = "the steps cover every tau >= 0 (a nonnegative symbol)"


def _all(checks: dict[str, bool]) -> tuple[bool, str]:
    return all(checks.values()), "; ".join(f"{kk}: {v}" for kk, v in checks.items())


# --------------------------------------------------------------------------------------------
# generic steps (any operator)
# --------------------------------------------------------------------------------------------
@cache
def _inner_from_sign() -> dict[str, bool]:
    """y x >= 0 and |y| <= |x| imply y (x - y) >= 0: y = sigma Y, x = sigma (Y + Z), sigma = +-1."""
    out = {}
    for sigma in (1, -1):
        yy, xx = sigma * Y, sigma * (Y + Z)
        out[f"sigma = {sigma}: y(x - y) = Y Z >= 0"] = identity(yy * (xx - yy) - Y * Z) and nonnegative(Y * Z)
    i, d = sp.symbols("i d", integer=True, positive=True)
    xs, ys = sp.IndexedBase("x"), sp.IndexedBase("P")
    total = sp.Sum(ys[i] * xs[i], (i, 1, d)) - sp.Sum(ys[i] ** 2, (i, 1, d))
    out["<P, x> - |P|^2 = sum_i P_i (x_i - P_i)"] = bool(
        sp.simplify(total - sp.Sum(ys[i] * (xs[i] - ys[i]), (i, 1, d))) == 0
    )
    pn, xn, ca = sp.symbols("Pn xn cosA", real=True)
    out["|P| (|x| cos A - |P|) = <P, x> - |P|^2 (<P, x> = |P||x| cos A)"] = identity(
        pn * (xn * ca - pn) - (pn * xn * ca - pn**2)
    )
    return out


def prove_inner(sign_id: str, what: str, params: tuple[str, ...]) -> ProofResult:
    """The inner property from the sign property: the algebra is in (x_i, P(x)_i) alone, so it
    covers the operator's parameters wherever the cited sign claim does."""
    why = f"as in {sign_id} (cited; proved over the same declared domain); the rest is algebra in (x_i, P(x)_i)"
    return proof(inner_steps(sign_id, what), for_all={**{v: why for v in params}, "x": EVERY_X})


def inner_steps(sign_id: str, what: str) -> list[ProofStep]:
    ok, detail = _all(_inner_from_sign())
    return [
        cites(sign_id, f"{what}: P(x)_i x_i >= 0 and |P(x)_i| <= |x_i| (both choices at a tie)"),
        by_sympy("y x >= 0 and |y| <= |x| give y (x - y) = |y|(|x| - |y|) >= 0; summing, "
                 "<P(x), x> - |P(x)|^2 >= 0, so |P(x)| <= cos(angle(P(x), x)) |x| when P(x) != 0",
                 ok, detail),
    ]


# --------------------------------------------------------------------------------------------
# soft thresholding
# --------------------------------------------------------------------------------------------
@cache
def _soft() -> dict[str, bool]:
    out = {}
    for sigma in (1, -1):
        xx = sigma * (tau + m)  # |x| = tau + m > tau
        S = xx - sigma * tau
        out[f"x = {sigma}(tau + m): x S = (tau + m) m, |x| - |S| = tau, |x - S| = tau"] = (
            identity(xx * S - (tau + m) * m) and nonnegative((tau + m) * m)
            and identity(sigma * xx - sigma * S - tau) and identity(sp.Abs(xx - S) - tau)
        )
    om, sg_ = sp.symbols("omega sigma", nonnegative=True)  # |x| = tau omega, 1 - omega = sigma
    for sigma in (1, -1):
        xx = sigma * tau * om
        S = sp.Integer(0)
        out[f"x = {sigma} tau omega (omega <= 1): S = 0, x S = 0, |x| - |S| = tau omega, tau - |x - S| = tau sigma"] = (
            identity(xx * S) and nonnegative(sigma * xx - S * sigma)
            and identity((tau - sigma * (xx - S)) - tau * sg_, {om: 1 - sg_}) and nonnegative(tau * sg_)
        )
    return out


def _in_tau(says: str, checks: dict[str, bool]) -> ProofResult:
    """A proof by SymPy steps in tau = lam/beta (soft and hard thresholding)."""
    ok, detail = _all(checks)
    return proof([ratio_step(TAU_COVERED), by_sympy(says, ok, detail, symbols=(tau,))],
                 for_all={"x": EVERY_X})


def prove_soft_sign() -> ProofResult:
    return _in_tau("S(x) = x - tau sgn(x) on |x| > tau: x S = |x|(|x| - tau) >= 0, |x| - |S| = tau >= 0; "
                   "S = 0 on |x| <= tau", _soft())


def prove_soft_inner() -> ProofResult:
    return prove_inner(SOFT_SIGN, "soft thresholding", ("lam", "beta"))


def prove_soft_residual() -> ProofResult:
    return _in_tau("|x - S(x)| = min(|x|, tau): tau on |x| > tau, |x| on |x| <= tau; so "
                   "|x - S(x)| <= tau, with equality for every |x| >= tau (best constant)", _soft())


# --------------------------------------------------------------------------------------------
# hard thresholding
# --------------------------------------------------------------------------------------------
@cache
def _hard() -> dict[str, bool]:
    xr = sp.Symbol("x", real=True)
    h = sp.sqrt(2 * tau)
    return {
        "kept (|x| >= h): x x = x^2 >= 0, |x| - |x| = 0, x - x = 0": identity(xr * xr - xr**2)
        and nonnegative(xr**2),
        "zeroed (|x| <= h): x 0 = 0, |x| - 0 >= 0, |x - 0| = |x| <= h = sqrt(2 tau)": nonnegative(h),
    }


def prove_hard_sign() -> ProofResult:
    return _in_tau("H(x) in {x, 0} (both at |x| = sqrt(2 tau)): x H(x) in {x^2, 0} >= 0 and |H(x)| in "
                   "{|x|, 0} <= |x|", _hard())


def prove_hard_inner() -> ProofResult:
    return prove_inner(HARD_SIGN, "hard thresholding", ("lam", "beta"))


def prove_hard_residual() -> ProofResult:
    return _in_tau("x - H(x) = 0 where x is kept; = x with |x| <= sqrt(2 tau) where it is zeroed (also "
                   "the tie choice 0): |x - H(x)| <= sqrt(2 tau), attained at the tie (best constant)",
                   _hard())


# --------------------------------------------------------------------------------------------
# Tl1 thresholding (every minimiser: OP-tl1-argmin)
# --------------------------------------------------------------------------------------------
@cache
def _tl1() -> dict[str, bool]:
    a, r = A_SYM, R_SYM
    e = sp.Symbol("e", positive=True)
    lam = tau  # Lemma 5.7's lam is the operator's tau
    k = lam * a * (a + 1)
    out: dict[str, bool] = {}
    # kept value y = z0 - a > 0 with |x| - y = k/z0^2 (OP-tl1-argmin / Lemma 5.7)
    out["kept: y > 0 and |x| - y = k/z0^2 >= 0"] = nonnegative(k / (a + e) ** 2)
    # residual of the kept value: regime r <= a (t = lam(a+1)/a = k/a^2, z0 > a)
    out["r <= a: t - k/z0^2 = k (1/a^2 - 1/z0^2) >= 0 (z0 = a + e)"] = identity(
        lam * (a + 1) / a - k / a**2
    ) and nonnegative(k * (1 / a**2 - 1 / (a + e) ** 2))
    # regime r > a: k = a r^2/2, z0 = r + e > r, t = r - a/2 = a/2 + (r - a) > a/2 >= k/z0^2
    kr = k.subs(lam, lam_r)
    out["r > a: k/z0^2 <= k/r^2 = a/2 < t = r - a/2 (z0 = r + e)"] = identity(kr / r**2 - a / 2) and (
        nonnegative(kr * (1 / r**2 - 1 / (r + e) ** 2))
    )
    f = sp.Symbol("f", positive=True)  # r = a + f
    out["tie (r > a): 0 < r - a <= t = r - a/2, |x| - (r - a) = a/2 <= t"] = (
        nonnegative((R_SYM - a / 2 - (R_SYM - a)).subs(R_SYM, a + f))
        and identity((R_SYM - a / 2) - (R_SYM - a) - a / 2)
        and nonnegative(((R_SYM - a / 2) - a / 2).subs(R_SYM, a + f))
    )
    out["lam = 0: the minimiser is x itself, t = 0"] = identity(k.subs(lam, 0))
    # t is best, and smaller than tau(a+1)/a when r > a: tau(a+1)/a - (r - a/2) = (r - a)^2/(2a)
    out["tau(a+1)/a - t = (r - a)^2/(2a) >= 0 (r > a): the bound max(t, tau(a+1)/a) is not best"] = identity(
        kr / a**2 - (r - a / 2) - (r - a) ** 2 / (2 * a))
    return out


def _tl1_proof(says: str) -> ProofResult:
    ok, detail = _all(_tl1())
    return proof([
        ratio_step(TAU_COVERED + " and a > 0 (a positive symbol)"),
        cites(TL1_ARGMIN, "the minimisers are 0 (|x| <= t), sgn(x)(z0 - a) with z0 > max(a, r) "
                          "and |x| - (z0 - a) = k/z0^2 (|x| > t), and sgn(x)(r - a) at the tie"),
        by_sympy(says, ok, detail, symbols=(tau, A_SYM)),
    ], for_all={"x": EVERY_X})


def prove_tl1_sign() -> ProofResult:
    return _tl1_proof(
        "each minimiser has the sign of x and |y| <= |x|: kept 0 < z0 - a <= |x| (difference "
        "k/z0^2 >= 0); tie 0 < r - a < t = |x|; zero trivially")


def prove_tl1_inner() -> ProofResult:
    return prove_inner(TL1_SIGN, "Tl1 thresholding", ("lam", "beta", "a"))


def prove_tl1_residual() -> ProofResult:
    return _tl1_proof(
        "|x - y| <= t for every minimiser: zero needs |x| <= t; kept k/z0^2 < k/a^2 = t (r <= a) "
        "or k/z0^2 < k/r^2 = a/2 < t (r > a); tie a/2 < t. Attained at |x| = t by y = 0, so t "
        "is the best constant")


USES_SOFT_SIGN: tuple[str, ...] = ()
USES_SOFT_INNER: tuple[str, ...] = (SOFT_SIGN,)
USES_SOFT_RESIDUAL: tuple[str, ...] = ()
USES_HARD_SIGN: tuple[str, ...] = ()
USES_HARD_INNER: tuple[str, ...] = (HARD_SIGN,)
USES_HARD_RESIDUAL: tuple[str, ...] = ()
USES_TL1_SIGN: tuple[str, ...] = (TL1_ARGMIN,)
USES_TL1_INNER: tuple[str, ...] = (TL1_SIGN,)
USES_TL1_RESIDUAL: tuple[str, ...] = (TL1_ARGMIN,)
