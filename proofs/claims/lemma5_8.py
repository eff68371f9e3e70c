"""Claims of the RVSCGD paper: Lemma 5.8 (Sec. 5.2), l0 hard thresholding.

``L5.8-l0-prox``: the printed operator (``hard_threshold`` of :mod:`proofs.algorithm.thresholds`)
is compared with the exact global minimiser of ``F(y) = 1/2 (y - x)^2 + lam 1{y != 0}`` over the
real line. On ``y != 0`` the penalty is the constant ``lam``, so ``F >= lam = F(x)`` there
(``x != 0``), and the exact minimum is ``min(F(0), F(x)) = min(x^2/2, lam)`` (for ``x = 0`` the
infimum over ``y != 0`` is ``lam > 0 = F(0)``). Slack ``min_c F(c) - F(printed) + tol_B * S``
with the same tie tolerance as Lemma 5.7 (at ``|x| = sqrt(2 lam)`` both 0 and x minimise and the
printed "zero elsewhere" picks 0). The claim is also proved symbolically (:func:`prove`).
"""

from __future__ import annotations

from typing import Any

import mpmath
import sympy as sp
from hypothesis import strategies as st

from proofs.algorithm.thresholds import hard_threshold
from proofs.engine.claim import Claim, Hypothesis, Point, ProofResult

from .scalar_prox import l0_exact_min, l0_objective

SECTION = "Lemma 5.8"
PAPER_REF = "Lemma 5.8 (Sec. 5.2)"

STATEMENT = (
    "f_{λ,x}(y) = ½(y − x)² + λ‖y‖₀. argmin_y f_{λ,x}(y) = x if |x| > √(2λ), 0 elsewhere."
)

READING = (
    "For every λ > 0 and real x, the printed output (x if |x| > √(2λ), else 0) is a global "
    "minimiser of f_{λ,x}(y) = ½(y − x)² + λ·1{y ≠ 0} over the real line (‖y‖₀ of a scalar is "
    "1{y ≠ 0}). Algorithm 1 applies it with λ/β in place of λ (covered: λ/β > 0 is arbitrary). "
    "At |x| = √(2λ) both 0 and x minimise; the printed 'zero elsewhere' picks 0 (accepted)."
)

DOMAIN = "λ ∈ (0, ∞), x ∈ ℝ"


def printed_operator(x: Any, lam: Any) -> Any:
    if isinstance(x, mpmath.mpf):
        return hard_threshold(x, lam)
    return float(hard_threshold(float(x), float(lam)))


def _tol(B: Any) -> Any:
    if B.is_mp:
        return mpmath.mpf(10) ** (10 - B.dps)
    return 2.0**-40


def make_slack(operator: Any) -> Any:
    def slack(p: Point, B: Any) -> Any:
        x, lam = B.scalar(p["x"]), B.scalar(p["lam"])
        y = B.scalar(operator(x, lam))
        fp = l0_objective(y, x, lam)
        _, fmin = l0_exact_min(x, lam)
        return fmin - fp + _tol(B) * (x * x / 2 + fp)

    return slack


slack = make_slack(printed_operator)


@st.composite
def _points(draw: Any) -> Point:
    lam = draw(st.one_of(st.sampled_from((1.0, 0.5, 2.0)),
                         st.floats(-8.0, 8.0).map(lambda e: 10.0**e)))
    t = float(mpmath.sqrt(2 * mpmath.mpf(lam)))
    kind = draw(st.sampled_from(("near_t", "uniform", "zero")))
    if kind == "near_t":
        d = draw(st.sampled_from((0.0, 1e-15, -1e-15, 1e-9, -1e-9, 0.01, -0.01, 0.5, -0.5, 2.0))
                 | st.floats(-1.0, 3.0))
        x = t * (1.0 + d)
    elif kind == "uniform":
        x = draw(st.floats(0.0, 10.0 * t + 1.0))
    else:
        x = 0.0
    x = max(x, 0.0)
    if draw(st.booleans()):
        x = -x
    return {"x": x, "lam": lam}


def strategy() -> Any:
    return _points()


def prove() -> ProofResult:
    """Symbolic proof with SymPy, case by case on the printed branches (x > 0 w.l.o.g. is not
    needed: every identity below is in x^2 or in (y - x)^2).

    (i)  any y != 0: F(y) - F(x) = (y - x)^2 / 2 >= 0, so x minimises F over y != 0 (x != 0);
    (ii) |x| > sqrt(2 lam): with x^2 = 2 lam + s, s > 0, F(0) - F(x) = s/2 > 0: printed x is
         the minimiser;
    (iii) 0 < |x| <= sqrt(2 lam): with x^2 = 2 lam - s, s >= 0, F(x) - F(0) = s/2 >= 0: printed 0
         is a minimiser; x = 0: F(y) - F(0) = y^2/2 + lam > 0 for y != 0.
    """
    x, y = sp.symbols("x y", real=True)
    lam = sp.symbols("lambda", positive=True)
    s_pos = sp.symbols("s", positive=True)
    s_nn = sp.symbols("s", nonnegative=True)

    def F(yv: Any, penal: Any) -> Any:  # penal: the value of 1{y != 0}
        return sp.Rational(1, 2) * (yv - x) ** 2 + lam * penal

    checks: dict[str, bool] = {}
    d1 = sp.simplify(F(y, 1) - F(x, 1))
    checks["(i) F(y)-F(x) = (y-x)^2/2 >= 0 on y != 0"] = bool(
        sp.simplify(d1 - (y - x) ** 2 / 2) == 0 and d1.is_nonnegative
    )
    d2 = sp.expand((F(0, 0) - F(x, 1)).subs(x**2, 2 * lam + s_pos))
    d2 = sp.expand(d2.subs(x, sp.sqrt(2 * lam + s_pos)))
    checks["(ii) x^2 = 2λ + s, s > 0: F(0) - F(x) = s/2 > 0"] = bool(
        sp.simplify(d2 - s_pos / 2) == 0 and d2.is_positive
    )
    d3 = sp.expand((F(x, 1) - F(0, 0)).subs(x, sp.sqrt(2 * lam - s_nn)))
    checks["(iii) x^2 = 2λ - s, s >= 0: F(x) - F(0) = s/2 >= 0"] = bool(
        sp.simplify(d3 - s_nn / 2) == 0 and d3.is_nonnegative
    )
    d4 = sp.expand(F(y, 1).subs(x, 0) - F(0, 0).subs(x, 0))
    checks["(iii) x = 0: F(y) - F(0) = y^2/2 + λ > 0 for y != 0"] = bool(
        sp.simplify(d4 - (y**2 / 2 + lam)) == 0 and d4.is_positive
    )
    ok = all(checks.values())
    return ProofResult(
        ok=ok,
        method="symbolic",
        summary=(
            "SymPy: on y ≠ 0, F(y) − F(x) = (y−x)²/2 ≥ 0; for x² = 2λ + s (s > 0) F(0) − F(x) = s/2 "
            "> 0; for x² = 2λ − s (s ≥ 0) F(x) − F(0) = s/2 ≥ 0; for x = 0, F(y) − F(0) = y²/2 + λ "
            "> 0: the printed hard threshold is a global minimiser for all λ > 0, x ∈ ℝ"
            if ok else "SymPy did not confirm every case: " + str(checks)
        ),
        details={k: str(v) for k, v in checks.items()},
    )


HYPOTHESES = (Hypothesis("λ > 0", lambda p, B: B.scalar(p["lam"]), strict=True),)

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
        id="L5.8-l0-prox",
        paper_ref=PAPER_REF,
        section=SECTION,
        statement=STATEMENT,
        reading=READING,
        domain=DOMAIN,
        hypotheses=HYPOTHESES,
        strategy=strategy,
        slack=slack,
        prove=prove,
        supports=("C1.1-l0", "C1.1-acute"),
        examples=EXAMPLES,
    ),
)
