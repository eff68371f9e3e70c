"""An erratum a journal editor could read: each printed claim that fails, in one page.

For every catalogue claim whose verdict is ``refuted``: the statement as printed, a
counterexample in round numbers (:func:`round_counterexample`: the claim's own round examples
first, else the confirmed counterexample with its coordinates rounded to as few significant
digits as still give a violation confirmed at 50 and 100 digits inside every hypothesis), the
corrected statement with its status (proved, established) and the best constant where one is
known.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import mpmath
import numpy as np

from .claim import Claim, ClaimSet, Point
from .confirm import confirm
from .points import to_strings
from .verdict import Verdict


def _round_value(x: Any, digits: int) -> Any:
    if isinstance(x, bool | int | np.integer | str) or x is None:
        return x
    if isinstance(x, np.ndarray):
        if x.dtype.kind in "iub":
            return x.copy()
        return np.array([_round_value(float(v), digits) for v in x.ravel()], dtype=float).reshape(x.shape)
    if isinstance(x, list | tuple):
        return type(x)(_round_value(v, digits) for v in x)
    if isinstance(x, dict):
        return {k: _round_value(v, digits) for k, v in x.items()}
    v = float(x)
    if v == 0 or not math.isfinite(v):
        return v
    return float(f"{v:.{digits}g}")


def from_strings(point: Mapping[str, Any], template: Point) -> Point:
    """A stored counterexample (decimal strings) back as a point shaped like ``template``."""
    out: Point = {}
    for k, v in point.items():
        t = template.get(k)
        if isinstance(v, list):
            out[k] = np.array([float(x) for x in v], dtype=float)
        elif isinstance(t, bool):
            out[k] = v in ("True", "true", True)
        elif isinstance(t, int | np.integer):
            out[k] = int(v)
        elif isinstance(v, str):
            try:
                out[k] = float(v)
            except ValueError:
                out[k] = None if v == "None" else v
        else:
            out[k] = v
    return out


def round_counterexample(claim: Claim, point: Point | None, max_digits: int = 8) -> tuple[Point, Any] | None:
    """A counterexample to ``claim`` in round numbers, with its slack at 50 digits.

    Tries the claim's explicit examples (round by construction) first, then ``point`` rounded to
    1, 2, ... ``max_digits`` significant digits; each candidate must be a confirmed violation
    inside every hypothesis. None if nothing confirms (e.g. an unbounded-family refutation)."""
    if claim.slack is None:
        return None
    candidates: list[Point] = list(claim.examples)
    if point is not None:
        candidates += [_round_value(point, d) for d in range(1, max_digits + 1)]
    for cand in candidates:
        try:
            conf = confirm(claim, cand)
        except Exception:  # noqa: BLE001 - a rounded point may leave the claim's domain of definition
            continue
        if conf.confirmed:
            return cand, conf.slack50
    return None


def _text(point: Point) -> str:
    parts = []
    for k, v in to_strings(point, 12).items():
        if v is None or v == "None":
            continue
        parts.append(f"{k} = ({', '.join(v)})" if isinstance(v, list) else f"{k} = {v}")
    return ", ".join(parts)


def render_errata(
    claim_set: ClaimSet,
    verdicts: Sequence[Verdict],
    established: Mapping[str, bool | None] | None = None,
    title: str = "Errata",
) -> str:
    """ERRATA.md: one entry per catalogue claim refuted in ``verdicts``."""
    by_id = claim_set.by_id()
    vs = {v.id: v for v in verdicts}
    est = established or {}
    L = [f"# {title}", ""]
    failing = [cid for cid in claim_set.catalogue_ids if cid in vs and vs[cid].verdict == "refuted"]
    held = [cid for cid in claim_set.catalogue_ids if cid in vs and vs[cid].verdict != "refuted"]
    L += [
        f"{len(failing)} of the {len(failing) + len(held)} printed claims checked here fail as "
        "printed. For each: the statement as printed, a counterexample (every hypothesis holds; "
        "the violation is confirmed at 50 and 100 digits; decimals are the binary64 numbers "
        "nearest them), and the corrected statement with its status.",
        "",
    ]
    for cid in failing:
        c, v = by_id[cid], vs[cid]
        L += [f"## {cid} ({c.paper_ref})", "", f"**As printed.** {c.statement}", ""]
        if c.reading and c.reading != "as printed":
            L += [f"*Reading checked:* {c.reading}", ""]
        if v.method == "unbounded-family":
            L += [f"**Why it fails.** {v.summary}", ""]
        else:
            rounded = None
            if v.counterexample is not None:
                template = c.examples[0] if c.examples else {}
                try:
                    rounded = round_counterexample(c, from_strings(v.counterexample, template))
                except Exception:  # noqa: BLE001 - fall back to the stored point
                    rounded = None
            if rounded is not None:
                pt, s = rounded
                L += [f"**Counterexample.** {_text(pt)}: the conclusion fails by "
                      f"{mpmath.nstr(-s, 6)}.", ""]
            elif v.counterexample is not None:
                L += [f"**Counterexample.** {_text(v.counterexample)} (slack {v.slack}).", ""]
        fix_id = c.corrected_by
        fix = by_id.get(fix_id) if fix_id else None
        if fix is not None:
            fv = vs.get(fix.id)
            status = fv.verdict if fv else "not decided in this run"
            if fv is not None and fv.verdict == "proved":
                status += ", established" if est.get(fix.id) else ", not established (rests on an unproved claim)"
            L += [f"**Corrected** (`{fix.id}`, {status}). {fix.statement}", ""]
            for rec in (fv.evidence.get("best_constants") if fv else None) or (
                v.evidence.get("best_constants") or ()
            ):
                L += [f"*Best constant:* {rec.get('constant')}: printed {rec.get('printed')}, best "
                      f"{rec.get('best')} ({rec.get('method')}).", ""]
        else:
            L += ["**Corrected:** no corrected claim registered.", ""]
    return "\n".join(L).rstrip() + "\n"
