"""Best constants of the paper's numeric constants: printed vs best, for the report.

Each entry maps a claim id to a function returning records ``{"constant", "printed", "best",
"printed_is_enough", "method"}``. Where the best constant is proved, ``method`` names the claim
whose proof establishes it (the toolkit checks that claim like any other); where it is searched,
``best`` is the largest ratio found (a lower bound of the supremum), re-evaluated at 50 digits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

Record = dict[str, Any]


@cache
def _limit_constants() -> dict[str, Any]:
    from .limits import best_constants

    return best_constants()


def _searched(key: str, constant: str, upper: str) -> Callable[[], Sequence[Record]]:
    def records() -> Sequence[Record]:
        r = _limit_constants()[key]
        best = float(r["best_found"])
        printed = r["printed"]
        enough = best <= 0.5 if printed == "1/2" else None
        if key == "C":  # printed k/(k - 2 pi lam sqrt d) >= 1 >= C (C <= cos theta)
            enough = True
        return [{
            "constant": constant,
            "printed": printed,
            "best": f"{r['best_found']} found; {upper}",
            "printed_is_enough": enough,
            "method": f"search over {_limit_constants()['samples']} limits + tau -> 0 family, "
            "50-digit fixed points",
            "argmax": r["argmax"],
        }]

    return records


def _proved(constant: str, printed: str, best: str, enough: bool, by: str) -> Callable[[], Sequence[Record]]:
    return lambda: [{"constant": constant, "printed": printed, "best": best,
                     "printed_is_enough": enough, "method": f"proved: {by}"}]


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
    "T1-remark-step": _proved("bound on |E g + beta(w - u)| (step condition)",
                              "'bounded away from zero' (no constant)",
                              "k/pi + beta (upper bound, attained at w = -w*, u = 0)", False,
                              "T1-remark-step+fix (symbolic)"),
    "L5.6-eq11": _searched("eq11", "the 1/2 in |w* - w_bar| <= (1/2) sin delta sin gamma",
                           "constant 1 claimed by L5.6-eq11+fix (unrefuted)"),
    "T1-eq12": _searched("eq12", "the 1/2 in eq. (12)",
                         "constant 1 claimed by T1-eq12+fix (unrefuted)"),
    "L5.6-eq25": _searched("C", "bound on C in eq. (25) / (10)",
                           "C <= cos theta claimed by T1-eq10+fix (unrefuted)"),
}
