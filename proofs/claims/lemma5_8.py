"""Claims of the RVSCGD paper: Lemma 5.8 (Sec. 5.2), l0 hard thresholding.

``L5.8-l0-prox``: the printed operator "x if |x| > T, else 0" with the named exact threshold
``T = sqrt(2 lam)`` is compared with the exact global minimiser of
``F(y) = 1/2 (y - x)^2 + lam 1{y != 0}`` over the real line. On ``y != 0`` the penalty is the
constant ``lam``, so ``F >= lam = F(x)`` there (``x != 0``), and the exact minimum is
``min(F(0), F(x)) = min(x^2/2, lam)`` (for ``x = 0`` the infimum over ``y != 0`` is
``lam > 0 = F(0)``). Slack: :func:`proofs.claims.scalar_prox.prox_slack` (at ``|x| = sqrt(2 lam)``
both 0 and x minimise and the printed "zero elsewhere" picks 0). The claim is also proved
symbolically (:func:`prove`). Algorithm 1's u-update (``hard_threshold`` of
:mod:`proofs.algorithm.thresholds`) implements this printed operator (tested).
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from hypothesis import strategies as st

from proofs.engine.backend import FLOAT, Backend
from proofs.engine.claim import Claim, Constant, Point, ProofResult
from proofs.engine.cover import Cover
from proofs.engine.domain import Domain
from proofs.engine.proof import by_sympy, proof

from .scalar_prox import draw_input_near, l0_exact_min, l0_objective, prox_slack

SECTION = "Lemma 5.8"
PAPER_REF = "Lemma 5.8 (Sec. 5.2)"
T_PRINTED = "sqrt(2*lam)"
THRESHOLD = Constant("T", T_PRINTED, sense="exact", doc="the printed output is x if |x| > T, else 0 (any other T is false)")

STATEMENT = (
    "f_{λ,x}(y) = ½(y − x)² + λ‖y‖₀. argmin_y f_{λ,x}(y) = x if |x| > √(2λ), 0 elsewhere."
)

READING = (
    "For every λ > 0 and real x, the printed output (x if |x| > √(2λ), else 0) is a global "
    "minimiser of f_{λ,x}(y) = ½(y − x)² + λ·1{y ≠ 0} over the real line (‖y‖₀ of a scalar is "
    "1{y ≠ 0}). Algorithm 1 applies it with λ/β in place of λ (covered: λ/β > 0 is arbitrary). "
    "At |x| = √(2λ) both 0 and x minimise; the printed 'zero elsewhere' picks 0 (accepted)."
)


#: λ > 0 and every real x (the strategy draws x near the threshold, λ over 10^-8..10^8)
DOMAIN = Domain("lam in (0, oo)", "x real")


def printed_output(x: Any, t: Any) -> Any:
    """Lemma 5.8's printed operator with threshold ``t``: x if |x| > t, else 0."""
    return x if abs(x) > t else 0 * x


def slack(p: Point, B: Backend, c: Any) -> Any:
    """``min_c F(c) - F(printed) + allowance`` (>= 0 iff the printed output minimises F)."""
    x, lam = B.scalar(p["x"]), B.scalar(p["lam"])
    fp = l0_objective(printed_output(x, c.T), x, lam)
    _, fmin = l0_exact_min(x, lam)
    return prox_slack(fmin, fp, x, B)


@st.composite
def _points(draw: Any) -> Point:
    lam = draw(st.one_of(st.sampled_from((1.0, 0.5, 2.0)),
                         st.floats(-8.0, 8.0).map(lambda e: 10.0**e)))
    t = THRESHOLD.at({"lam": lam}, FLOAT)
    deltas = (0.0, 1e-15, -1e-15, 1e-9, -1e-9, 0.01, -0.01, 0.5, -0.5, 2.0)
    return {"x": draw_input_near(draw, t, ("near_t", "uniform", "zero"), deltas, 10.0 * t + 1.0), "lam": lam}


def prove() -> ProofResult:
    """Symbolic proof with SymPy, case by case on the printed branches (every identity is in x^2
    or in (y - x)^2, so x > 0 is not needed), with T the claim's threshold (T^2 = 2 lam):

    (i)  any y != 0: F(y) - F(x) = (y - x)^2 / 2 >= 0, so x minimises F over y != 0 (x != 0);
    (ii) |x| > T: with x^2 = T^2 + s, s > 0, F(0) - F(x) = s/2 > 0: printed x is the minimiser;
    (iii) 0 < |x| <= T: with x^2 = T^2 - s, s >= 0, F(x) - F(0) = s/2 >= 0: printed 0 is a
         minimiser; x = 0: F(y) - F(0) = y^2/2 + lam > 0 for y != 0.
    """
    x, y = sp.symbols("x y", real=True)
    lam = sp.symbols("lam", positive=True)
    s_pos, s_nn = sp.symbols("s", positive=True), sp.symbols("s", nonnegative=True)
    T = sp.sympify(T_PRINTED).subs(sp.Symbol("lam"), lam)

    def F(yv: Any, penal: Any) -> Any:  # penal: the value of 1{y != 0}
        return sp.Rational(1, 2) * (yv - x) ** 2 + lam * penal

    def equals(e: Any, target: Any) -> bool:
        return sp.simplify(e - target) == 0

    d1 = sp.simplify(F(y, 1) - F(x, 1))
    d2 = sp.expand((F(0, 0) - F(x, 1)).subs(x, sp.sqrt(T**2 + s_pos)))
    d3 = sp.expand((F(x, 1) - F(0, 0)).subs(x, sp.sqrt(T**2 - s_nn)))
    d4 = sp.expand(F(y, 1).subs(x, 0) - F(0, 0).subs(x, 0))
    return proof([
        by_sympy(f"T^2 = 2λ (T = {T_PRINTED})", equals(T**2, 2 * lam), symbols=(lam,)),
        by_sympy("(i) F(y) - F(x) = (y-x)^2/2 >= 0 on y != 0", equals(d1, (y - x) ** 2 / 2) and d1.is_nonnegative,
                 symbols=(x, lam)),
        by_sympy("(ii) x^2 = T^2 + s, s > 0: F(0) - F(x) = s/2 > 0", equals(d2, s_pos / 2) and d2.is_positive),
        by_sympy("(iii) x^2 = T^2 - s, s >= 0: F(x) - F(0) = s/2 >= 0", equals(d3, s_nn / 2) and d3.is_nonnegative),
        by_sympy("(iii) x = 0: F(y) - F(0) = y^2/2 + λ > 0 for y != 0", equals(d4, y**2 / 2 + lam) and d4.is_positive),
    ], covers=Cover.box({"lam": "(0, oo)", "x": "(-oo, oo)"},
                        how="λ > 0 by assumption; the cases |x| > T, 0 < |x| <= T, x = 0 cover every real x"))


EXAMPLES: tuple[Point, ...] = (
    {"x": 2.0, "lam": 2.0},  # |x| = sqrt(2 lam): tie F(0) = F(x) = 2
    {"x": -2.0000001, "lam": 2.0},
    {"x": 1.9999999, "lam": 2.0},
    {"x": 0.0, "lam": 1.0},
    {"x": 3.0, "lam": 0.5},
    {"x": -0.1, "lam": 0.5},
)

CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="L5.8-l0-prox", paper_ref=PAPER_REF, section=SECTION, statement=STATEMENT, reading=READING,
        variables=DOMAIN, strategy=_points, slack=slack,
        prove=prove, supports=("C1.1-l0", "C1.1-acute"), examples=EXAMPLES, constants=(THRESHOLD,),
    ),
)
