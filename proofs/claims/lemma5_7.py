"""Claims of the RVSCGD paper: Lemma 5.7 (Sec. 5.2), the transformed-l1 (Tl1) thresholding.

``L5.7-tl1-prox``: the printed closed form -- g_lam(x) if |x| > t, else 0, with the printed
threshold t given by three named exact constants (``T_SMALL = lam (a+1)/a`` when
``lam <= LAM_SWITCH = a^2/(2(a+1))``, ``T_LARGE = sqrt(2 lam (a+1)) - a/2`` elsewhere) -- is
compared with the exact global minimiser of ``F(y) = 1/2 (y - x)^2 + lam rho_a(y)`` over the
whole real line, computed from finitely many candidates (:mod:`proofs.claims.scalar_prox`: y = 0
and the stationary points on both sides, roots of a cubic). Algorithm 1's u-update
(``tl1_threshold`` of :mod:`proofs.algorithm.thresholds`) implements this printed operator
(tested).

Slack: :func:`proofs.claims.scalar_prox.prox_slack`, ``>= 0`` iff the printed output is a global
minimiser, up to the backend's rounding allowance for ties (at the threshold two minimisers tie
exactly, e.g. ``a = 2, lam = 3/2, x = 2``: ``F(0) = F(1) = 2``, and the printed "zero elsewhere"
picks one of them). Where the printed g_lam(x) is undefined at |x| > t (arccos of a number below
-1: never for the printed constants, see the proof; possible for other thresholds) the claim
fails there, and the slack is that argument plus 1 (< 0).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from proofs.engine.backend import FLOAT, Backend, MpBackend
from proofs.engine.claim import Claim, Constant, Constants, Point
from proofs.engine.domain import Domain

from .arguments import tl1_prox as T
from .scalar_prox import draw_input_near, prox_slack, tl1_candidates, tl1_objective

SECTION = "Lemma 5.7"
PAPER_REF = "Lemma 5.7 (Sec. 5.2)"

STATEMENT = (
    "f_{λ,x}(y) = ½(y − x)² + λ ρ_a(y). g_λ(x) = sgn(x) { (2/3)(a + |x|) cos(φ(x)/3) − 2a/3 + "
    "|x|/3 }, φ(x) = arccos(1 − 27 λ a (a+1) / (2 (a + |x|)³)). Then argmin_y f_{λ,x}(y) = g_λ(x) "
    "if |x| > t, 0 elsewhere; t = λ(a+1)/a if λ ≤ a²/(2(a+1)), t = √(2λ(a+1)) − a/2 elsewhere."
)

READING = (
    "For every a > 0, λ > 0 and real x, the printed output (g_λ(x) if |x| > t, else 0) is a global "
    "minimiser of f_{λ,x} over the whole real line. The lemma is about a generic λ > 0; Algorithm 1 "
    "applies it with λ/β in place of λ (covered, since λ/β > 0 is arbitrary). 'argmin = ' is read "
    "as 'the printed value is a minimiser': at |x| = t in the regime λ > a²/(2(a+1)) both 0 and "
    "√(2λ(a+1)) − a minimise, and the printed 'zero elsewhere' picks 0, which is accepted. The "
    "exact minimiser is computed from candidates (0 and the real roots z > a of "
    "z³ − (a ± x) z² + λ a (a+1) = 0, z = a + |y|), independent of the printed g_λ."
)

#: a > 0, λ > 0, every real x (the strategy draws a, λ over 10^±4..6 in both regimes, |x| near t)
DOMAIN = Domain("a in (0, oo)", "lam in (0, oo)", "x real")

#: the printed threshold t (exact, in the point's a and lam)
T_SMALL, T_LARGE, LAM_SWITCH = "lam*(a+1)/a", "sqrt(2*lam*(a+1)) - a/2", "a**2/(2*(a+1))"
SWITCH = Constant("LAM_SWITCH", LAM_SWITCH, sense="exact", doc="where the printed t switches branch")
THRESHOLD_CONSTANTS = (
    Constant("T_SMALL", T_SMALL, sense="exact", doc="t when lam <= LAM_SWITCH (any other t is false)"),
    Constant("T_LARGE", T_LARGE, sense="exact", doc="t when lam > LAM_SWITCH (any other t is false)"),
    SWITCH,
)


def printed_threshold(lam: Any, c: Any) -> Any:
    """The printed t from the claim's constants ``c`` (at the point's a and lam)."""
    return c.T_SMALL if lam <= c.LAM_SWITCH else c.T_LARGE


def printed_constants(lam: float, a: float) -> Constants:
    """The printed constants at (lam, a) in float64 (for the search strategy)."""
    return Constants({k.name: k.at({"lam": lam, "a": a}, FLOAT) for k in THRESHOLD_CONSTANTS})


def printed_g(ax: Any, lam: Any, a: Any, B: Backend) -> tuple[Any, Any]:
    """(g_lam(|x|) as printed, or None where undefined; the arccos argument plus 1, >= 0 iff
    defined). In float64 an argument that rounds below -1 is decided again at 40 digits (just
    above the threshold it is >= -1 exactly)."""
    arg = 1 - 27 * lam * a * (a + 1) / (2 * (a + ax) ** 3)
    if arg < -1 and not B.is_mp:
        M = MpBackend(40)
        with M.context():
            g, margin = printed_g(M.scalar(ax), M.scalar(lam), M.scalar(a), M)
        return (None if g is None else float(g)), float(margin)
    if arg < -1:
        return None, arg + 1
    return B.scalar(2) / 3 * (a + ax) * B.cos(B.acos(arg) / 3) - 2 * a / 3 + ax / 3, arg + 1


def printed_output(x: Any, lam: Any, a: Any, t: Any, B: Backend) -> tuple[Any, Any]:
    """(Lemma 5.7's printed output with threshold ``t``: g_lam(x) if |x| > t, else 0 -- None
    where g_lam(x) is undefined; the margin of g's definition, as :func:`printed_g`)."""
    if not abs(x) > t:
        return 0 * x, B.scalar(1)
    g, margin = printed_g(abs(x), lam, a, B)
    return (None if g is None else B.sign(x) * g), margin


def slack(p: Point, B: Backend, c: Any) -> Any:
    """``min_c F(c) - F(printed) + allowance`` (>= 0 iff the printed output minimises F)."""
    x, lam, a = B.scalar(p["x"]), B.scalar(p["lam"]), B.scalar(p["a"])
    y, defined = printed_output(x, lam, a, printed_threshold(lam, c), B)
    if y is None:
        return defined
    fp = tl1_objective(y, x, lam, a)
    fmin = min(tl1_objective(z, x, lam, a) for z in tl1_candidates(x, lam, a, B.is_mp))
    return prox_slack(fmin, fp, x, B)


_DELTAS = (0.0, 1e-15, -1e-15, 1e-12, -1e-12, 1e-8, -1e-8, 1e-4, -1e-4, 0.01, -0.01, 0.1, -0.1,
           0.5, -0.5, 1.0, 3.0, 100.0)


@st.composite
def _points(draw: Any) -> Point:
    a = draw(st.one_of(st.sampled_from((1.0, 0.5, 2.0, 1e-3, 1e3)),
                       st.floats(-4.0, 4.0).map(lambda e: 10.0**e)))
    lb = SWITCH.at({"a": a}, FLOAT)
    lam = draw(st.one_of(
        st.just(lb),  # exactly at the regime boundary (as rounded)
        st.floats(-3.0, 3.0).map(lambda e: lb * 10.0**e),  # both regimes, relative to a
        st.floats(-6.0, 6.0).map(lambda e: 10.0**e),  # absolute scale
    ))
    if not lam > 0:  # underflow at extreme draws
        lam = 1e-300
    t = printed_threshold(lam, printed_constants(lam, a))
    kinds = ("near_t", "near_t", "nextafter", "uniform", "zero")
    return {"x": draw_input_near(draw, t, kinds, _DELTAS, 10.0 * (t + a + 1.0)), "lam": lam, "a": a}


EXAMPLES: tuple[Point, ...] = (
    {"x": 2.0, "lam": 0.5, "a": 1.0},  # interior, above t (regime 2)
    {"x": 0.5, "lam": 0.25, "a": 1.0},  # regime boundary (t = 1/2 on both branches), x = t
    {"x": 0.5000001, "lam": 0.25, "a": 1.0},
    {"x": 0.4999999, "lam": 0.25, "a": 1.0},
    {"x": 2.0, "lam": 1.5, "a": 2.0},  # regime 2, x = t = 2: exact tie F(0) = F(1) = 2
    {"x": -2.0000001, "lam": 1.5, "a": 2.0},
    {"x": 0.0, "lam": 1.0, "a": 1.0},
    {"x": 1.1, "lam": 0.1, "a": 10.0},  # regime 1, t = 0.11
    {"x": 0.1100001, "lam": 0.1, "a": 10.0},
    {"x": -3.0, "lam": 1e-4, "a": 1e-4},
    {"x": 1e3, "lam": 1e4, "a": 1e3},
)

# the proof: proofs.claims.arguments.tl1_prox (SymPy steps, no written glue)
CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="L5.7-tl1-prox", paper_ref=PAPER_REF, section=SECTION, statement=STATEMENT, reading=READING,
        variables=DOMAIN, strategy=_points, slack=slack, prove=T.prove_tl1_prox,
        uses=T.USES_tl1_prox,
        supports=("C1.1-tl1", "C1.1-acute"), examples=EXAMPLES, constants=THRESHOLD_CONSTANTS,
        notes="Exact minimiser: proofs.claims.scalar_prox (candidates 0 and the cubic's roots, "
        "mpmath.polyroots at the working precision, Newton-polished); the printed operator: "
        "printed_output with the claim's threshold constants. The slack's tie allowance is explained "
        "in the module docstring.",
    ),
)
