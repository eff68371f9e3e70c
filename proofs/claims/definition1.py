"""Claims of the RVSCGD paper: Definition 1 (Sec. 3), the transformed-l1 penalty.

``D1-interpolation``: "by varying a, Tl1 interpolates l0 and l1", made precise as the two
pointwise limits ``rho_a(x) -> 1{x != 0}`` (a -> 0+) and ``rho_a(x) -> |x|`` (a -> oo), proved
with SymPy ``limit`` separately for x > 0, x < 0 and x = 0.

``D1-interpolation@uniform``: the alternative reading with *uniform* convergence on R as a -> 0+.
It is false: ``|rho_a(x) - 1| = a |1 - |x|| / (a + |x|)`` tends to 1 as x -> 0 for every a > 0
(``sup_x = max(1, a)``). Encoded through its epsilon = 1/2 consequence "there is delta > 0 with
sup_x |rho_a(x) - 1{x != 0}| <= 1/2 for all a in (0, delta)", i.e. "there is C (= 1/delta) with
1{|rho_a(x) - 1{x != 0}| > 1/2} <= C a for all a > 0, x": along ``a = eps, x = eps/(3 eps + 2)``
(where rho = 1/3) the ratio is 1/eps, unbounded.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from proofs.engine.backend import Backend
from proofs.engine.claim import Claim, Constant, ExistentialConstant, Point, ProofResult
from proofs.engine.domain import Domain
from proofs.engine.proof import by_sympy, proof

SECTION = "Definition 1"
PAPER_REF = "Definition 1 (Sec. 3)"

STATEMENT = (
    "P_a(x) = Σ ρ_a(x_i), ρ_a(x) = (a+1)|x| / (a+|x|), a ∈ (0,∞); \"by varying a, Tℓ1 "
    "interpolates ℓ0 and ℓ1\"."
)

READING = (
    "Pointwise limits: for every real x, lim_{a→0+} ρ_a(x) = 1{x ≠ 0} (ℓ0) and lim_{a→∞} ρ_a(x) "
    "= |x| (ℓ1); hence P_a → ‖·‖₀ and P_a → ‖·‖₁ pointwise on R^d. Convergence is pointwise, not "
    "uniform: near x = 0 for a → 0+ (|ρ_a(x) − 1| → 1 as x → 0, for every a; see "
    "D1-interpolation@uniform) and for large |x| for a → ∞ (|ρ_a(x) − |x|| = |x|·|1 − |x||/(a+|x|) "
    "is unbounded in x for each a; uniform on bounded sets only)."
)

DOMAIN = "x ∈ ℝ (cases x > 0, x < 0, x = 0); a ∈ (0, ∞), limits a → 0+ and a → ∞"


def _rho(xv: Any, a: Any) -> Any:
    return (a + 1) * sp.Abs(xv) / (a + sp.Abs(xv))


def prove() -> ProofResult:
    """SymPy ``limit`` for each case; also the exact deviations (for the record)."""
    a = sp.symbols("a", positive=True)
    xp = sp.symbols("x", positive=True)
    xn = sp.symbols("x", negative=True)
    cases = {
        "x > 0": (xp, sp.Integer(1), xp),
        "x < 0": (xn, sp.Integer(1), -xn),
        "x = 0": (sp.Integer(0), sp.Integer(0), sp.Integer(0)),
    }
    steps = []
    for name, (xv, l0_val, l1_val) in cases.items():
        r = _rho(xv, a)
        lim0, liminf = sp.limit(r, a, 0, "+"), sp.limit(r, a, sp.oo)
        steps += [by_sympy(f"{name}: lim a→0+ ρ_a(x) = {lim0} = 1{{x≠0}}", sp.simplify(lim0 - l0_val) == 0),
                  by_sympy(f"{name}: lim a→∞ ρ_a(x) = {liminf} = |x|", sp.simplify(liminf - l1_val) == 0)]
    # exact deviations, x > 0 (x < 0 by symmetry rho_a(-x) = rho_a(x))
    steps += [
        by_sympy("ρ_a(x) − 1 = a(|x| − 1)/(a + |x|)", sp.simplify(_rho(xp, a) - 1 - a * (xp - 1) / (a + xp)) == 0),
        by_sympy("ρ_a(x) − |x| = |x|(1 − |x|)/(a + |x|)", sp.simplify(_rho(xp, a) - xp - xp * (1 - xp) / (a + xp)) == 0),
        by_sympy("ρ_a(−x) = ρ_a(x)", sp.simplify(_rho(-xp, a) - _rho(xp, a)) == 0),
    ]
    return proof(steps)


# ----------------------------------------------------------------------------- @uniform reading

#: the epsilon of the uniform reading's consequence checked (exact; see the claim's reading)
EPS = Constant("EPS", "1/2", doc="sup_x |rho_a(x) - 1{x != 0}| <= EPS for all small a")


def _uniform_ratio(p: Point, B: Backend) -> Any:
    """1{|rho_a(x) - 1{x != 0}| > EPS} / a: bounded by a constant iff there is delta > 0 with
    sup_x |rho_a(x) - 1{x != 0}| <= EPS for all a < delta (the eps = 1/2 case of uniformity)."""
    a, x = B.scalar(p["a"]), B.scalar(p["x"])
    ax = B.fabs(x)
    rho = (a + 1) * ax / (a + ax)
    ind = 1 if x != 0 else 0
    dev = B.fabs(rho - ind)
    q = B.scalar(1) if dev > EPS.at(p, B) else B.scalar(0)
    return q / a


def _uniform_family(eps: Any) -> Point:
    return {"a": eps, "x": eps / (3 * eps + 2)}


def _uniform_limit() -> ProofResult:
    e = sp.symbols("epsilon", positive=True)
    a, x = sp.symbols("a", positive=True), sp.symbols("x", positive=True)
    rho_e = sp.simplify(_rho(e / (3 * e + 2), e))
    # sup_x |rho_a(x) - 1| = max(1, a): the limits at x -> 0+ and x -> oo
    sup0 = sp.limit(a * (1 - x) / (a + x), x, 0, "+")
    supinf = sp.limit(a * (x - 1) / (a + x), x, sp.oo)
    steps = [
        by_sympy("at a = ε, x = ε/(3ε+2) (x ≠ 0), ρ_a(x) = 1/3 exactly", sp.simplify(rho_e - sp.Rational(1, 3)) == 0),
        by_sympy(f"so |ρ_a(x) − 1| = 2/3 > EPS = {EPS.text()} for every ε > 0",
                 bool(sp.Abs(rho_e - 1) > EPS.expr)),
        by_sympy("and the ratio 1/ε → ∞ as ε → 0+", sp.limit(1 / e, e, 0, "+") == sp.oo),
        by_sympy(f"|ρ_a(x) − 1| → {sup0} as x → 0+ and → {supinf} as x → ∞: sup_x = max(1, a) ≥ 1",
                 sup0 == 1 and supinf == a),
    ]
    res = proof(steps)
    return ProofResult(res.ok, "unbounded-family", res.summary, steps=res.steps)


INTERPOLATION = Claim(id="D1-interpolation", paper_ref=PAPER_REF, section=SECTION, statement=STATEMENT,
                      reading=READING, domain=DOMAIN, prove=prove, supports=("L5.7-tl1-prox", "C1.1-tl1"))

CLAIMS: tuple[Claim, ...] = (
    INTERPOLATION,
    INTERPOLATION.another_reading(
        "uniform",
        reading=(
            "Alternative (implausible) reading: ρ_a → 1{x ≠ 0} UNIFORMLY on ℝ as a → 0+. Checked "
            "through its ε = 1/2 consequence: there is δ > 0 with sup_x |ρ_a(x) − 1{x≠0}| ≤ 1/2 "
            "for all a ∈ (0, δ), i.e. there is C (= 1/δ) with 1{|ρ_a(x) − 1{x≠0}| > 1/2} ≤ C·a for "
            "all a > 0, x ∈ ℝ. False: sup_x |ρ_a(x) − 1{x≠0}| = max(1, a) for every a > 0. The "
            "paper (and its source [45]) means the pointwise limits (D1-interpolation); this "
            "record only documents that uniform convergence must not be read into it."
        ),
        domain="", variables=Domain("a in (0, oo)", "x real"), prove=None,
        existential=ExistentialConstant(ratio=_uniform_ratio, family=_uniform_family,
                                        family_limit=_uniform_limit, constant_name="C = 1/δ"),
        # the statement that holds is the pointwise reading, registered (and proved) as the main one
        corrected_by="D1-interpolation",
    ),
)
