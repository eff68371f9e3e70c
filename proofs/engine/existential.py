"""Existential constants: the ratio along an unbounded family, at 50 digits.

For a claim "there is C with Q <= C R", ``ExistentialConstant.family(eps)`` gives points along
which Q/R should grow without bound. :func:`evaluate_family` evaluates the ratio at each ``eps``
of ``family_eps`` (parsed as 50-digit mpf) at 50 digits, checking every hypothesis there
(strictly where strict). Growth alone is numerical evidence; the verdict ``refuted`` also needs
``family_limit()`` to prove the growth (see :mod:`proofs.engine.decide`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import mpmath

from .backend import MpBackend
from .claim import Claim, Point
from .confirm import eval_mp, holds
from .points import to_strings

DPS = 50


@dataclass
class FamilyOutcome:
    rows: list[dict[str, str]] = field(default_factory=list)  # eps, ratio (50 digits)
    points: list[Point] = field(default_factory=list)
    ratios: list[mpmath.mpf] = field(default_factory=list)
    eps: list[mpmath.mpf] = field(default_factory=list)
    error: str | None = None

    @property
    def grows(self) -> bool:
        """Ratio strictly increasing as eps decreases."""
        order = sorted(range(len(self.eps)), key=lambda i: self.eps[i], reverse=True)
        rs = [self.ratios[i] for i in order]
        return len(rs) >= 2 and all(b > a for a, b in zip(rs, rs[1:], strict=False))

    @property
    def smallest(self) -> int:
        return min(range(len(self.eps)), key=lambda i: self.eps[i])

    def table(self) -> list[dict[str, str]]:
        return list(self.rows)


def evaluate_family(claim: Claim) -> FamilyOutcome:
    ex = claim.existential
    assert ex is not None and ex.family is not None
    out = FamilyOutcome()
    B = MpBackend(DPS)
    for e in ex.family_eps:
        with B.context():
            eps = mpmath.mpf(e)
            point = ex.family(eps)
        for h in claim.hypotheses:
            m = eval_mp(h.margin, point, DPS, f"margin of hypothesis {h.name!r}")
            if not holds(m, m, h.strict):
                out.error = (
                    f"family point at eps={e} is outside hypothesis '{h.name}' "
                    f"(margin {mpmath.nstr(m, 10)})"
                )
                return out
        r = eval_mp(ex.ratio, point, DPS, "ratio")
        out.points.append(point)
        out.eps.append(eps)
        out.ratios.append(r)
        out.rows.append({"eps": str(e), "ratio": mpmath.nstr(r, 30)})
    return out


def family_counterexample(out: FamilyOutcome) -> tuple[dict[str, Any], str]:
    """The family point at the smallest eps (as strings) and its ratio (50 digits)."""
    i = out.smallest
    return to_strings(out.points[i]), mpmath.nstr(out.ratios[i], 50)
