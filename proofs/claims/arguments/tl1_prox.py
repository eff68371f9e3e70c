"""Lemma 5.7 (Tl1 thresholding), proved by SymPy-checked identities and signs only.

``F(y) = 1/2 (y - x)^2 + lam rho_a(y)``, ``rho_a(y) = (a+1)|y|/(a+|y|)``, ``k = lam a (a+1)``,
``r = sqrt(2 lam (a+1))`` (so ``lam <= a^2/(2(a+1))`` iff ``r <= a``), ``t`` the printed threshold
(``r^2/(2a)`` if ``r <= a``, ``r - a/2`` otherwise), ``p(z) = z^3 - (a+x) z^2 + k``.

No step uses "a convex function has at most two zeros" or Fermat's rule: minimality is shown by
explicit differences ``F(y) - F(y0)`` written as products of signed factors.

* ``x <= t``: ``F(y) - F(0) = y (phi(y) - t) + y (t - x)`` with ``phi(y) = y/2 + lam(a+1)/(a+y)``
  and ``phi - t`` an explicit square-like expression (>= 0) in each regime.
* ``x > t``: ``p(a) = a^2 (t - x) < 0`` (r <= a) or ``p(r) = r^2 (t - x) < 0`` (r > a); the
  factorisation ``p(z) - p(2b/3) = (z - 2b/3)^2 (z + b/3)`` puts the arccos argument in
  ``[-1, 1]``; Viete's identity gives all three roots, ``z0 = b(1 + 2 cos(phi/3))/3`` is the
  largest (``cos(phi/3) >= 1/2``), so ``z0 > max(a, r)``; ``g_lam(x) = z0 - a`` and
  ``F(y) - F(g) = (y - g)^2 ((a+y) z0^2 - 2k) / (2 (a+y) z0^2) >= 0`` because ``2k = a r^2``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.cover import Cover
from proofs.engine.proof import ProofStep, by_sympy, by_sympy_checks, cites, proof

from .symbolic import identity, nonnegative, positive

L57 = "L5.7-tl1-prox"

# symbols: x >= 0 after the symmetry step; y >= 0 (the half line that matters)
a, lam, r = sp.symbols("a lambda r", positive=True)
x, y, e, f, g_, m = sp.symbols("x y e f g m", nonnegative=True)
z, c, s = sp.symbols("z c s", real=True)
z0 = sp.Symbol("z0", positive=True)
k = lam * a * (a + 1)
b = a + x
lam_r = r**2 / (2 * (a + 1))  # lam in terms of r = sqrt(2 lam (a+1))
phi_y = y / 2 + lam * (a + 1) / (a + y)
t_reg1 = r**2 / (2 * a)  # = lam (a+1)/a
t_reg2 = r - a / 2


def F(yy: Any, xx: Any = x, ll: Any = lam) -> Any:
    """Lemma 5.7's objective (1/2)(y - x)^2 + lam rho_a(y)."""
    return (yy - xx) ** 2 / 2 + ll * (a + 1) * sp.Abs(yy) / (a + sp.Abs(yy))


def p(zz: Any, xx: Any = x) -> Any:
    """The stationary cubic in z = a + y."""
    return zz**3 - (a + xx) * zz**2 + k


def printed_g(xx: Any) -> Any:
    """g_lam(x) of Lemma 5.7, as printed (phi(x) left as the symbol's arccos)."""
    ax = sp.Abs(xx)
    phi = sp.acos(1 - 27 * lam * a * (a + 1) / (2 * (a + ax) ** 3))
    return sp.sign(xx) * (sp.Rational(2, 3) * (a + ax) * sp.cos(phi / 3) - 2 * a / 3 + ax / 3)


@cache
def _symmetry() -> bool:
    xr, yr = sp.symbols("x y", real=True)
    H = sp.Function("H")
    odd = sp.simplify(sp.sign(-xr) * H(sp.Abs(-xr)) + sp.sign(xr) * H(sp.Abs(xr))) == 0
    return bool(identity(F(-yr, -xr) - F(yr, xr)) and odd)


@cache
def _half_line() -> bool:
    v = sp.Symbol("v", positive=True)
    return identity(F(-v) - F(v) - 2 * x * v) and nonnegative(2 * x * v)


@cache
def _zero_branch() -> dict[str, bool]:
    """F(y) - F(0) = y (phi - x); the regimes; phi - t >= 0 (explicit) in each regime."""
    out: dict[str, bool] = {}
    out["F(y) - F(0) = y (phi(y) - x)"] = identity(F(y) - F(0) - y * (phi_y - x))
    out["lam <= a^2/(2(a+1)) iff r <= a"] = identity(
        (a**2 / (2 * (a + 1)) - lam_r) - (a**2 - r**2) / (2 * (a + 1))
    )
    out["t = r^2/(2a) (r <= a)"] = identity(lam_r * (a + 1) / a - t_reg1)
    d1 = phi_y.subs(lam, lam_r) - t_reg1
    num1 = y * (2 * r * e + e**2 + (r + e) * y)
    out["phi - t = y(2re + e^2 + (r+e)y)/(2a(a+y)), a = r + e"] = identity(
        d1.subs(a, r + e) - num1 / (2 * (r + e) * (r + e + y))
    ) and nonnegative(num1 / (2 * (r + e) * (r + e + y)))
    d2 = phi_y.subs(lam, lam_r) - t_reg2
    out["phi - t = (a + y - r)^2/(2(a+y)) (r > a)"] = identity(
        d2 - (a + y - r) ** 2 / (2 * (a + y))
    ) and nonnegative((a + y - r) ** 2 / (2 * (a + y)))
    tt = sp.Symbol("t", positive=True)
    out["F(y) - F(0) = y(phi - t) + y(t - x)"] = identity(
        y * (phi_y - x) - (y * (phi_y - tt) + y * (tt - x))
    )
    return out


@cache
def _stationary() -> dict[str, bool]:
    out: dict[str, bool] = {}
    # p(z0) = 0, z0 > 0  =>  x = (z0 - a) + k/z0^2   (p(z0)/z0^2 = z0 - a - x + k/z0^2)
    out["p(z0)/z0^2 = (z0 - a) + k/z0^2 - x"] = identity(p(z0) / z0**2 - ((z0 - a) + k / z0**2 - x))
    y0 = sp.Symbol("y0", positive=True)
    x_st = y0 + k / (a + y0) ** 2
    bracket = sp.Rational(1, 2) - k / ((a + y) * (a + y0) ** 2)
    out["F(y) - F(y0) = (y - y0)^2 (1/2 - k/((a+y)(a+y0)^2))"] = identity(
        (F(y) - F(y0)).subs(x, x_st) - (y - y0) ** 2 * bracket
    )
    return out


@cache
def _cubic() -> dict[str, bool]:
    out: dict[str, bool] = {}
    out["p(a) = a^2 (lam(a+1)/a - x)"] = identity(p(a) - a**2 * (lam * (a + 1) / a - x))
    out["p(r) = r^2 (r - a/2 - x) (lam = r^2/(2(a+1)))"] = identity(
        p(r).subs(lam, lam_r) - r**2 * (t_reg2 - x)
    )
    kk = sp.Symbol("k", positive=True)
    pk = z**3 - b * z**2 + kk
    out["p(z) = (z - 2b/3)^2 (z + b/3) + k - 4b^3/27"] = identity(
        pk - ((z - 2 * b / 3) ** 2 * (z + b / 3) + kk - 4 * b**3 / 27)
    )
    out["(arg + 1)(-2b^3/27) = k - 4b^3/27"] = identity(
        (1 - 27 * kk / (2 * b**3) + 1) * (-2 * b**3 / 27) - (kk - 4 * b**3 / 27)
    )
    zp = sp.Symbol("zp", positive=True)
    out["(zp - 2b/3)^2 (zp + b/3) >= 0 for zp > 0"] = nonnegative((zp - 2 * b / 3) ** 2 * (zp + b / 3))
    return out


@cache
def _trig_roots() -> dict[str, bool]:
    out: dict[str, bool] = {}
    th = sp.Symbol("theta", real=True)
    third = sp.Interval(0, sp.pi / 3)
    out["arccos maps [-1, 1] onto [0, pi]"] = bool(
        sp.minimum(sp.acos(th), th, sp.Interval(-1, 1)) == 0
        and sp.maximum(sp.acos(th), th, sp.Interval(-1, 1)) == sp.pi
    )
    out["cos >= 1/2 and sin >= 0 on [0, pi/3]"] = bool(
        sp.minimum(sp.cos(th), th, third) == sp.Rational(1, 2)
        and sp.minimum(sp.sin(th), th, third) == 0
    )
    out["cos(3 theta) = 4 cos^3 - 3 cos"] = identity(
        sp.expand_trig(sp.cos(3 * th)) - (4 * sp.cos(th) ** 3 - 3 * sp.cos(th))
    )
    k_c = 2 * b**3 * (1 - (4 * c**3 - 3 * c)) / 27  # cos(phi) = 1 - 27k/(2b^3) solved for k
    zz0 = b * (1 + 2 * c) / 3
    zz1 = b * (1 - c - sp.sqrt(3) * s) / 3
    zz2 = b * (1 - c + sp.sqrt(3) * s) / 3
    out["Viete: (z-z0)(z-z1)(z-z2) = p(z) (s^2 = 1 - c^2)"] = identity(
        (z - zz0) * (z - zz1) * (z - zz2) - (z**3 - b * z**2 + k_c), {s**2: 1 - c**2}
    )
    # ordering, with c = 1/2 + m (m >= 0), s >= 0
    ch = sp.Rational(1, 2) + m
    out["9c^2 - 3s^2 = 12 c^2 - 3 = 12 m + 12 m^2 >= 0"] = identity(
        (9 * c**2 - 3 * s**2) - (12 * c**2 - 3), {s**2: 1 - c**2}
    ) and identity((12 * ch**2 - 3) - (12 * m + 12 * m**2)) and nonnegative(12 * m + 12 * m**2)
    sn = sp.Symbol("s", nonnegative=True)
    q = sp.Symbol("q", nonnegative=True)  # q = 9c^2 - 3s^2 >= 0
    out["3c - sqrt3 s = (9c^2 - 3s^2)/(3c + sqrt3 s) >= 0"] = identity(
        (3 * ch - sp.sqrt(3) * sn) - (9 * ch**2 - 3 * sn**2) / (3 * ch + sp.sqrt(3) * sn)
    ) and nonnegative(q / (3 * ch + sp.sqrt(3) * sn))
    out["z0 - z2 = b(3c - sqrt3 s)/3, z2 - z1 = 2 sqrt3 b s/3"] = identity(
        (zz0 - zz2) - b * (3 * c - sp.sqrt(3) * s) / 3
    ) and identity((zz2 - zz1) - 2 * sp.sqrt(3) * b * s / 3)
    ep = sp.Symbol("epsilon", positive=True)
    out["z = z0 + eps > z0 >= z2 >= z1: product > 0"] = positive(ep * (ep + f) * (ep + f + g_))
    xp = sp.Symbol("x", positive=True)
    out["printed g_lam(x) = b(1 + 2c)/3 - a (x > 0)"] = identity(
        (sp.Rational(2, 3) * (a + xp) * c - 2 * a / 3 + xp / 3) - ((a + xp) * (1 + 2 * c) / 3 - a)
    )
    return out


@cache
def _kept_branch() -> dict[str, bool]:
    out: dict[str, bool] = {}
    out["2k = a r^2 (lam = r^2/(2(a+1)))"] = identity(2 * k.subs(lam, lam_r) - a * r**2)
    zr = r + e  # z0 >= r
    num = (a + y) * zr**2 - a * r**2
    out["(a + y) z0^2 - a r^2 >= 0 for z0 = r + e, y >= 0"] = nonnegative(num)
    out["1/2 - k/((a+y) z0^2) = ((a+y) z0^2 - 2k)/(2 (a+y) z0^2)"] = identity(
        (sp.Rational(1, 2) - k / ((a + y) * z0**2)) - ((a + y) * z0**2 - 2 * k) / (2 * (a + y) * z0**2)
    )
    return out


def _step(says: str, checks: dict[str, bool], keys: tuple[str, ...] | None = None,
          symbols: tuple[sp.Symbol, ...] = ()) -> ProofStep:
    return by_sympy_checks(says, {kk: v for kk, v in checks.items() if keys is None or kk in keys}, symbols)


def minimiser_steps() -> list[ProofStep]:
    """The SymPy-checked steps showing the printed value minimises F (a > 0, lam > 0, x real)."""
    zb, st, cu, tr, kb = _zero_branch(), _stationary(), _cubic(), _trig_roots(), _kept_branch()
    return [
        by_sympy("symmetry: F_{-x}(-y) = F_x(y) and the printed map is odd, so take x >= 0",
                 _symmetry(), "F(-y,-x) - F(y,x) = 0; sgn(-x)H(|-x|) + sgn(x)H(|x|) = 0"),
        by_sympy("F(-v) - F(v) = 2xv >= 0 (v > 0): comparing on y >= 0 suffices", _half_line()),
        _step("on y >= 0: F(y) - F(0) = y (phi(y) - x), phi = y/2 + lam(a+1)/(a+y); with "
              "r = sqrt(2 lam (a+1)), lam <= a^2/(2(a+1)) iff r <= a, and t = r^2/(2a) there",
              zb, ("F(y) - F(0) = y (phi(y) - x)", "lam <= a^2/(2(a+1)) iff r <= a",
                   "t = r^2/(2a) (r <= a)")),
        _step("phi(y) - t >= 0 on y >= 0 in both regimes (explicit forms), so for x <= t: "
              "F(y) - F(0) = y(phi - t) + y(t - x) >= 0 and the printed 0 is a minimiser", zb),
        _step("a positive root z0 of p(z) = z^3 - (a+x)z^2 + lam a(a+1) gives x = y0 + k/z0^2 "
              "(y0 = z0 - a), and then F(y) - F(y0) = (y - y0)^2 (1/2 - k/((a+y) z0^2))", st),
        _step("p(a) = a^2 (t - x) (r <= a), p(r) = r^2 (t - x) (r > a): both < 0 for x > t; "
              "p(z) = (z - 2b/3)^2 (z + b/3) + k - 4b^3/27 > 0 on z > 0 if the arccos argument "
              "were < -1, so for x > t it lies in [-1, 1] (it is < 1 as k > 0)", cu),
        _step("phi/3 in [0, pi/3], c = cos(phi/3) >= 1/2, s = sin(phi/3) >= 0; Viete: "
              "p(z) = (z - z0)(z - z1)(z - z2), z0 = b(1 + 2c)/3 >= z2 >= z1, so p > 0 on z > z0 "
              "and z0 > a (r <= a), z0 > r (r > a); g_lam(x) = z0 - a", tr),
        _step("for x > t: 2k = a r^2 and z0 > r give (a+y) z0^2 - 2k >= 0 on y >= 0, so "
              "F(y) >= F(g_lam(x)): the printed g_lam(x) is a minimiser", kb),
    ]


#: what the steps cover: a, lambda are positive SymPy symbols; x >= 0 there, and the symmetry
#: step carries every x < 0 over to -x > 0
LEMMA_5_7_COVER = Cover.box({"a": "(0, oo)", "lam": "(0, oo)", "x": "(-oo, oo)"},
                            how="a, λ positive symbols; x >= 0, and x < 0 by the symmetry step")


def prove_tl1_prox() -> ProofResult:
    """Lemma 5.7: for a > 0, lam > 0 and every real x the printed value is a global minimiser."""
    return proof(minimiser_steps(), covers=LEMMA_5_7_COVER)


USES_tl1_prox: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# the operators' parameters (operators.py: OP-*): the steps are in tau = lam_op/beta_op
# --------------------------------------------------------------------------------------------
#: why the OP-* proofs hold for every input vector x (not a declared variable: it may be 0)
EVERY_X = "per coordinate: the steps hold for every real x_i (both signs), so for every x in R^d, every d"
#: the declared variables of the OP-* claims (``lam in [0, oo)``, ``beta in (0, oo)``)
LAM_OP = sp.Symbol("lam", nonnegative=True)
BETA_OP = sp.Symbol("beta", positive=True)


def ratio_step(covered: str) -> ProofStep:
    """Every declared (lam, beta) gives a parameter tau = lam/beta >= 0 that the other steps
    cover (``covered`` says how); the step covers lam in [0, oo), beta in (0, oo)."""
    return by_sympy(f"every lam >= 0, beta > 0 gives tau = lam/beta >= 0, and {covered}",
                    nonnegative(LAM_OP / BETA_OP), "lam/beta >= 0", symbols=(LAM_OP, BETA_OP))


# --------------------------------------------------------------------------------------------
# the whole argmin set (operators.py: OP-tl1-argmin)
# --------------------------------------------------------------------------------------------
@cache
def _uniqueness() -> dict[str, bool]:
    out: dict[str, bool] = {}
    yp, ep, xp = sp.symbols("y epsilon x", positive=True)
    out["y (t - x) > 0 for y > 0, x < t"] = positive(yp * ep)  # t - x = epsilon > 0
    zr = r + ep  # z0 > r strictly
    out["(a + y) z0^2 - a r^2 > 0 for z0 > r"] = positive((a + y) * zr**2 - a * r**2)
    out["(y - g)^2 > 0 for y != g"] = positive(ep**2)
    num1 = yp * (2 * r * e + e**2 + (r + e) * yp)
    out["r <= a, x = t: phi(y) - t > 0 for y > 0"] = positive(num1 / (2 * (r + e) * (r + e + yp)))
    # at x = t = r - a/2 (lam = r^2/(2(a+1))): F(0) - F(r - a), with a + (r - a) = r
    f_tie = (r - a - t_reg2) ** 2 / 2 + lam_r * (a + 1) * (r - a) / r
    out["r > a, x = t: F(0) = F(r - a)"] = identity(t_reg2**2 / 2 - f_tie)
    out["lam = 0: F = (y - x)^2/2, t = 0 and g_0(x) = x"] = identity(
        (sp.Rational(2, 3) * (a + xp) * 1 - 2 * a / 3 + xp / 3) - xp
    ) and identity((lam * (a + 1) / a).subs(lam, 0))
    return out


def argmin_steps() -> list[ProofStep]:
    u = _uniqueness()
    return [
        ratio_step("the steps below cover every tau >= 0 (Lemma 5.7's lam): tau > 0 as "
                   "r^2/(2(a+1)) with r > 0, and tau = 0"),
        cites(L57, "for lam > 0 the printed value (g_lam(x) if |x| > t, else 0) is a global "
                   "minimiser; its proof gives z0 > max(a, r) and |x| - g_lam(|x|) = k/z0^2"),
        _step("off the threshold the minimiser is unique: x < t gives F(y) - F(0) >= y(t - x) > 0; "
              "x > t gives F(y) - F(g) = (y - g)^2 ((a+y) z0^2 - 2k)/(2(a+y) z0^2) > 0 (z0 > r); "
              "y < 0 loses to -y", u, ("y (t - x) > 0 for y > 0, x < t",
                                       "(a + y) z0^2 - a r^2 > 0 for z0 > r", "(y - g)^2 > 0 for y != g"),
              (a, r)),
        _step("at |x| = t: unique minimiser 0 if r <= a; if r > a, phi(y) = t only at y = r - a and "
              "F(0) = F(r - a): the minimisers are 0 and sgn(x)(r - a)", u,
              ("r <= a, x = t: phi(y) - t > 0 for y > 0", "r > a, x = t: F(0) = F(r - a)"), (a, r)),
        _step("lam = 0: F = (y - x)^2/2 has the unique minimiser x = g_0(x), t = 0", u,
              ("lam = 0: F = (y - x)^2/2, t = 0 and g_0(x) = x",), (a,)),
    ]


def prove_tl1_argmin() -> ProofResult:
    return proof(argmin_steps(), for_all={"x": EVERY_X})


USES_tl1_argmin: tuple[str, ...] = (L57,)
