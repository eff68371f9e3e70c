"""An erratum a journal editor could read: each printed claim that fails, in one page.

First the status of the paper's main results as corrected (the claim set's ``headline``
groups: what is established, what is not). Then, for every catalogue claim whose verdict is
``refuted`` (or ``not-reproduced``, for an experiment): the statement as printed, a
counterexample in round numbers (:func:`round_counterexample`: the claim's own round examples
first, else the confirmed counterexample with its coordinates rounded to as few significant
digits as still give a violation confirmed at 50 and 100 digits inside every hypothesis; unit
vectors of small integers are written as such, e.g. ``(1, 2)/sqrt(5)``), the corrected statement
with its status (proved, established; what it still rests on) and the best constant where one
is known.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import mpmath
import numpy as np

from .claim import Claim, ClaimSet, Point
from .confirm import confirm
from .points import from_strings, to_strings
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


def _integer_direction(values: Sequence[float], largest: int = 12) -> str | None:
    """``(1, 2)/sqrt(5)`` when the float vector is the normalised integer vector (to 4 ulp of
    each entry), else None."""
    xs = [float(v) for v in values]
    nz = [abs(x) for x in xs if x != 0]
    if not nz or abs(math.fsum(x * x for x in xs) - 1) > 1e-14:
        return None
    for m in range(1, largest + 1):  # try the integer vectors whose smallest entry is m
        scale = m / min(nz)
        ints = [round(x * scale) for x in xs]
        if max(abs(i) for i in ints) > largest or any(abs(x * scale - i) > 1e-9 for x, i in zip(xs, ints, strict=True)):
            continue
        n2 = sum(i * i for i in ints)
        if all(abs(i / math.sqrt(n2) - x) <= 4 * math.ulp(x) + 1e-300 for x, i in zip(xs, ints, strict=True)):
            root = math.isqrt(n2)
            inner = ", ".join(str(i) for i in ints)
            if root * root == n2:
                return f"({inner})/{root}" if root != 1 else f"({inner})"
            return f"({inner})/sqrt({n2})"
    return None


def _pi_multiple(x: float) -> str | None:
    """``pi/2`` etc. when the float is the binary64 number nearest a small multiple of pi."""
    for q in range(1, 13):
        for p in range(1, 2 * q + 1):
            if math.gcd(p, q) == 1 and float(mpmath.mpf(p) * mpmath.pi / q) == x:
                num = "pi" if p == 1 else f"{p} pi"
                return num if q == 1 else f"{num}/{q}"
    return None


def _number(v: str) -> str:
    """A stored decimal for reading: a float64 repr as it is (with ``= pi/2`` where it is the
    float nearest a small multiple of pi), a 50-digit value to 12 digits; -0.0 as 0.0."""
    if v in ("-0.0", "-0"):
        return "0.0"
    try:
        if len(v) > 20:
            return mpmath.nstr(mpmath.mpf(v), 12)
        pi = _pi_multiple(float(v)) if len(v) > 8 else None
        return f"{v} (= {pi})" if pi else v
    except (ValueError, TypeError):
        return v


def _vector(v: list[str]) -> str:
    """Short decimals as they are; else a normalised integer vector where it is one."""
    if all(len(x) <= 6 for x in v):
        return "(" + ", ".join(_number(x) for x in v) + ")"
    return _integer_direction([float(x) for x in v]) or "(" + ", ".join(_number(x) for x in v) + ")"


def _text(point: Point | Mapping[str, Any]) -> str:
    strings = point if all(isinstance(v, str | list) or v is None for v in point.values()) else to_strings(point, 17)
    parts = []
    for k, v in strings.items():
        if v is None or v == "None":
            continue
        if isinstance(v, list):
            parts.append(f"{k} = {_vector([str(x) for x in v])}")
        else:
            parts.append(f"{k} = {_number(str(v))}")
    return ", ".join(parts)


def _fails_by(slack: Any, strict: bool) -> str:
    try:
        s = mpmath.mpf(slack)
    except (TypeError, ValueError):
        return f"slack {slack}"
    if s == 0:
        return ("the conclusion fails: equality where the statement is strict" if strict
                else "the conclusion fails (slack 0)")
    return f"the conclusion fails by {mpmath.nstr(-s, 6)}"


def _status(fv: Verdict | None, est: Mapping[str, bool | None]) -> str:
    if fv is None:
        return "not decided in this run"
    if fv.verdict == "proved":
        e = est.get(fv.id)
        if e is None:
            return "proved; established not determined (a claim its proof uses was not decided)"
        return "proved, established" if e else "proved, not established (rests on an unproved claim)"
    if fv.verdict == "unrefuted":
        return "unrefuted: no counterexample found, not proved"
    return fv.verdict


def _headline(claim_set: ClaimSet, vs: Mapping[str, Verdict], est: Mapping[str, bool | None]) -> list[str]:
    """The main results as corrected: per headline group, what is established and what is not."""
    from .graph import unestablished_support

    groups = {g: ms for g, ms in claim_set.headline.items() if any(m in vs for m in ms)}
    if not groups:
        return []
    L = ["## The main results, corrected", ""]
    for group, members in groups.items():
        done = [m for m in members if est.get(m)]
        rest = [m for m in members if not est.get(m)]
        L.append(f"- **{group}**: {len(done)} of {len(members)} parts established"
                 + (f" ({', '.join(f'`{m}`' for m in done)})" if done else "") + ".")
        for m in rest:
            v = vs.get(m)
            why = _status(v, est)
            support = unestablished_support(claim_set.claims, vs, m) if v is not None else []
            more = f"; rests on {', '.join(f'`{u}`' for u in support)}" if support else ""
            L.append(f"  Not established: `{m}` ({why}{more}).")
    return L + [""]


def render_errata(
    claim_set: ClaimSet,
    verdicts: Sequence[Verdict],
    established: Mapping[str, bool | None] | None = None,
    title: str = "Errata",
) -> str:
    """ERRATA.md: the headline status, then one entry per catalogue claim refuted (or not
    reproduced) in ``verdicts``."""
    by_id = claim_set.by_id()
    vs = {v.id: v for v in verdicts}
    est = established or {}
    L = [f"# {title}", ""]
    bad = ("refuted", "not-reproduced")
    failing = [cid for cid in claim_set.catalogue_ids if cid in vs and vs[cid].verdict in bad]
    held = [cid for cid in claim_set.catalogue_ids if cid in vs and vs[cid].verdict not in bad]
    L += [
        f"{len(failing)} of the {len(failing) + len(held)} printed claims checked here fail as "
        "printed (or, for an experiment, are not reproduced). For each: the statement as printed, "
        "a counterexample (every hypothesis holds; the violation is confirmed at 50 and 100 digits; "
        "decimals are the binary64 numbers nearest them), and the corrected statement with its "
        "status.",
        "",
        *_headline(claim_set, vs, est),
    ]
    group_of = {m: g for g, ms in claim_set.headline.items() for m in ms}
    for cid in failing:
        c, v = by_id[cid], vs[cid]
        L += [f"## {cid} ({c.paper_ref})", "", f"**As printed.** {c.statement}", ""]
        if c.reading and c.reading != "as printed":
            L += [f"*Reading checked:* {c.reading}", ""]
        if v.method in ("unbounded-family", "experiment"):
            L += [f"**Why it fails.** {v.summary}", ""]
        else:
            rounded = None
            if v.counterexample is not None:
                try:
                    rounded = round_counterexample(c, from_strings(v.counterexample))
                except Exception:  # noqa: BLE001 - fall back to the stored point
                    rounded = None
            if rounded is not None:
                pt, s = rounded
                L += [f"**Counterexample.** {_text(pt)}: {_fails_by(s, c.strict)}.", ""]
            elif v.counterexample is not None:
                L += [f"**Counterexample.** {_text(v.counterexample)}: {_fails_by(v.slack, c.strict)}.", ""]
        fix_id = c.corrected_by
        fix = by_id.get(fix_id) if fix_id else None
        if fix is not None:
            fv = vs.get(fix.id)
            L += [f"**Corrected** (`{fix.id}`, {_status(fv, est)}). {fix.statement}", ""]
            group = group_of.get(fix.id)
            if group is not None:
                others = [m for m in claim_set.headline[group] if m != fix.id and not est.get(m)]
                if others:
                    L += [f"*Part of {group}*, with "
                          + ", ".join(f"`{m}` ({_status(vs.get(m), est)})" for m in others) + ".", ""]
            for rec in (fv.evidence.get("best_constants") if fv else None) or (
                v.evidence.get("best_constants") or ()
            ):
                L += [f"*Best constant:* {rec.get('constant')}: printed {rec.get('printed')}, best "
                      f"{rec.get('best')} ({rec.get('method')}).", ""]
        else:
            L += ["**Corrected:** no corrected claim registered.", ""]
    return "\n".join(L).rstrip() + "\n"
