"""Best constants of the paper's numeric constants, printed vs best, for the report: every one
proved.

Each entry maps a claim id to a function returning records ``{"constant", "printed", "best",
"printed_is_enough", "method"}``; ``method`` begins ``proved:`` and names the claims whose proofs
establish the bound (the toolkit decides those like any other claim). The registry attaches
them (:func:`proofs.claims.claim_set`); the report computes them
(:func:`proofs.engine.report.attach_best_constants`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .arguments.best_constants import best_constant_records

Record = dict[str, Any]


def _proved(constant: str, printed: str, best: str, enough: bool, by: str) -> Callable[[], Sequence[Record]]:
    return lambda: [{"constant": constant, "printed": printed, "best": best,
                     "printed_is_enough": enough, "method": f"proved: {by}"}]


def _records(claim_id: str) -> Callable[[], Sequence[Record]]:
    """The proved records of :func:`proofs.claims.arguments.best_constants.best_constant_records`
    (upper bound proved by the cited claims, attained in the limit along a family)."""
    return lambda: best_constant_records(claim_id)


BEST_CONSTANTS: dict[str, Callable[[], Sequence[Record]]] = {
    "L5.2-lipschitz": _proved(
        "L_f (depending on c, C only)", "exists", "none: the ratio is unbounded", False,
        "unbounded family of L5.2-lipschitz (ratio (k/2pi) cot eps)"),
    "L5.3-eq15": _proved("K", "k/(2 pi)", "k/(2 pi), attained (equality on the sphere)", True,
                         "L5.3-eq15 (symbolic)"),
    "L5.3-eq16": _proved("L in f(w2)-f(w1) <= <E g(w1), w2-w1> + (L/2)|w2-w1|^2", "k/(4 pi)",
                         "k/(2 pi), attained along theta1 = theta2", False,
                         "L5.3-eq16+fix (symbolic)"),
    "L5.5-Ct-bounds": _proved("bounds on C_t", "2/3 <= C_t <= 2",
                              "2/sqrt(5) <= C_t <= 2 along runs (2 attained, 2/sqrt5 infimum)",
                              True, "L5.5-Ct-bounds@Ct-sharp (symbolic)"),
    "T1-remark-step": _proved("bound on |E g + beta (w - u)| (step condition)",
                              "'bounded away from zero' (no constant)",
                              "k/pi + beta (upper bound, attained at w = -w*, u = 0)", False,
                              "T1-remark-step+fix (symbolic)"),
    "L5.6-eq11": _records("L5.6-eq11"),
    "T1-eq12": _records("T1-eq12"),
    "L5.6-eq25": _records("L5.6-eq25"),
}
