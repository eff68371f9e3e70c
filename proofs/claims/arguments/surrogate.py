"""The surrogate Lagrangian descends (``L5.5-lagrangian-descent+fix``, ``T1-descent+fix``).

L~(u, w) = (k/(2 pi))(1 - cos theta(w, w*)) + lam |u|_1 + (beta/2)|w - u|^2. On the unit sphere
L~(u, w) = const(u) - <w, v>, v = c2 w* + beta u (c2 = k/(2 pi)); the w-step is w^ = c1 w + eta v
(``R-one-step-operator``), c1 = 1 - eta (c2 + beta) >= 0. With a = <w, v>, n^2 = |v|^2 >= a^2,
P = <w^, v> = c1 a + eta n^2 and N = |w^| > 0:

    P^2 - a^2 N^2 = eta (n^2 - a^2)(2 c1 a + eta n^2),

and the three sign cases (a > 0; a <= 0 <= P; a <= 0, P < 0) each give P - a N as an explicit
expression of nonnegative symbols, so <w^{t+1}, v> = P/N >= a = <w^t, v>.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.proof import by_sympy_checks, cites, proof

from .sphere_geometry import cauchy_schwarz_step
from .symbolic import Gram, basis, combine, identity, nonnegative

SOFT_PROX = "L5.4-soft-prox"
ONE_STEP = "R-one-step-operator"


c1, G = sp.symbols("c1 G", nonnegative=True)  # c1 >= 0; G = n^2 - a^2 >= 0
eta = sp.Symbol("eta", positive=True)
a = sp.Symbol("a", real=True)
N = sp.Symbol("N", positive=True)


def _P(av: Any) -> Any:
    return c1 * av + eta * (av**2 + G)


def _N2(av: Any) -> Any:
    return c1**2 + 2 * c1 * eta * av + eta**2 * (av**2 + G)


@cache
def _sphere_form() -> dict[str, bool]:
    k, beta, lam = sp.symbols("k beta lambda", positive=True)
    cs, wu, uu, su, pen = sp.symbols("cs wu uu su P_u", real=True)
    g = Gram({("w", "w"): 1, ("s", "s"): 1, ("u", "u"): uu, ("w", "s"): cs, ("w", "u"): wu, ("s", "u"): su})
    c2 = k / (2 * sp.pi)
    w, s, u = basis("w"), basis("s"), basis("u")
    v = combine((c2, s), (beta, u))
    Lt = c2 * (1 - cs) + lam * pen + beta / 2 * g.norm2(combine((1, w), (-1, u)))
    const = c2 + lam * pen + beta / 2 * (1 + uu)
    return {"L~(u, w) = const(u) - <w, v> for |w| = 1": identity(Lt - (const - g.inner(w, v)))}


@cache
def _key_identity() -> dict[str, bool]:
    g = Gram({("w", "w"): 1, ("v", "v"): a**2 + G, ("w", "v"): a})
    wh = combine((c1, basis("w")), (eta, basis("v")))
    P, N2 = g.inner(wh, basis("v")), g.norm2(wh)
    return {
        "P = <w^, v> = c1 a + eta n^2, N^2 = |w^|^2": identity(P - _P(a)) and identity(N2 - _N2(a)),
        "P^2 - a^2 N^2 = eta (n^2 - a^2)(2 c1 a + eta n^2)": identity(
            _P(a) ** 2 - a**2 * _N2(a) - eta * G * (2 * c1 * a + eta * (a**2 + G))),
    }


@cache
def _cases() -> dict[str, bool]:
    A = sp.Symbol("A", positive=True)  # a = A > 0
    A0 = sp.Symbol("A_0", nonnegative=True)  # a = -A0 <= 0
    Q0 = sp.Symbol("Q", nonnegative=True)  # P = Q >= 0
    Q = sp.Symbol("Q", positive=True)  # P = -Q < 0
    out: dict[str, bool] = {}
    # a > 0: P > 0 and P - A N = (P^2 - A^2 N^2)/(P + A N), numerator eta G (2 c1 A + eta n^2) >= 0
    num = eta * G * (2 * c1 * A + eta * (A**2 + G))
    out["a > 0: P > 0 and P - aN = eta G (2 c1 a + eta n^2)/(P + aN) >= 0"] = (
        nonnegative(_P(A)) and identity((_P(A) - A * N) * (_P(A) + A * N) - (_P(A) ** 2 - A**2 * N**2))
        and nonnegative(num / (_P(A) + A * N))
    )
    out["a <= 0 <= P: P - aN = P + |a| N >= 0"] = nonnegative(Q0 + A0 * N)
    # a <= 0, P = -Q < 0: a^2 N^2 - P^2 = -eta G (P + c1 a) = eta G (Q + c1 |a|), so
    # P - aN = (a^2 N^2 - P^2)/(|a| N + Q) >= 0
    out["2 c1 a + eta n^2 = P + c1 a, so P^2 - a^2 N^2 = eta G (P + c1 a)"] = identity(
        (2 * c1 * a + eta * (a**2 + G)) - (_P(a) + c1 * a)) and identity(
        _P(a) ** 2 - a**2 * _N2(a) - eta * G * (_P(a) + c1 * a))
    out["a <= 0, P < 0: P - aN = eta G (Q + c1 |a|)/(|a| N + Q) >= 0"] = identity(
        (-Q + A0 * N) * (A0 * N + Q) - (A0**2 * N**2 - Q**2)) and identity(
        -eta * G * (-Q + c1 * (-A0)) - eta * G * (Q + c1 * A0)) and nonnegative(
        eta * G * (Q + c1 * A0) / (A0 * N + Q))
    return out


def prove_surrogate() -> ProofResult:
    return proof([
        cites(SOFT_PROX, "u^{t+1} = S_{lam/beta}(w^t) minimises L_beta(., w^t); L~ has the same u-terms, so "
                         "L~(u^{t+1}, w^t) <= L~(u^t, w^t)"),
        cites(ONE_STEP, "for |w^t| = 1: w^^{t+1} = c1 w^t + eta v, v = (k/(2 pi)) w* + beta u^{t+1}, "
                        "c1 = 1 - eta (k/(2 pi) + beta) >= 0"),
        by_sympy_checks("on the sphere L~(u, w) = const(u) - <w, v> (Gram algebra, <w, w*> = cos theta)", _sphere_form()),
        cauchy_schwarz_step(),
        by_sympy_checks("a = <w^t, v>, n^2 = |v|^2 >= a^2 (Cauchy-Schwarz, |w^t| = 1), P = <w^^, v>, N = |w^^| > 0: "
              "P^2 - a^2 N^2 = eta (n^2 - a^2)(2 c1 a + eta n^2)", _key_identity()),
        by_sympy_checks("P - aN >= 0 in each case (a > 0; a <= 0 <= P; a <= 0, P < 0), so <w^{t+1}, v> = P/N >= "
              "<w^t, v> and L~(u^{t+1}, w^{t+1}) <= L~(u^{t+1}, w^t) <= L~(u^t, w^t)", _cases()),
    ])


USES_surrogate: tuple[str, ...] = (SOFT_PROX, ONE_STEP)
