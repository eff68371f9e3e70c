"""Pinned evidence: a fingerprint of each verdict's evidence, kept beside the ledger.

The ledger (``verify/verdicts.toml``) pins verdicts. A slip in the code can leave every
verdict as it was and still move what stands behind it: a counterexample's violation, a best
constant, the steps a proof checked, the numbers of an experiment. The evidence file
(``verify/evidence.toml``, one table per claim id) pins those too:

* ``slack`` -- a refutation's violated quantity at 50 digits, compared to a relative 1e-10
  (its counterexample point is pinned as well, coordinate by coordinate, as text);
* ``best.<constant>`` -- each best-constant record's best value (text);
* ``proof_digest`` -- a SHA-256 of the proof's steps (what each says, what checked it, what it
  cites, whether it passed): any change to a proof's steps is a deliberate edit;
* ``pinned.<name>`` -- numbers an experiment (or any claim) publishes with its own tolerance
  (``evidence["pinned"] = {name: {"value": "...", "rel": "1e-6"}}``), e.g. Table 1's cells.

Comparing gives one readable line per difference. Only the ``ci`` profile's evidence is pinned
(other profiles explore differently). Updating the file is a deliberate edit, like a verdict.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import mpmath

from .verdict import Verdict

#: relative agreement required of a pinned 50-digit slack
SLACK_REL = "1e-10"

HEADER = """\
# Pinned evidence behind the expected verdicts of verify/verdicts.toml (see proofs/engine/evidence.py).
#
# Per claim id: a refutation's counterexample and its slack at 50 digits (relative 1e-10), the best
# constants, a digest of a proof's checked steps, and the numbers an experiment pins with its own
# tolerance. `pytest verify` (profile ci) fails with a readable diff when any of them moves.
# Refresh deliberately with `python -m proofs ledger --update-evidence` and say why in the commit.
"""


class EvidenceError(ValueError):
    """The evidence file cannot be read."""


def proof_digest(steps: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 (hex, 16 chars) of a proof's steps as recorded in a verdict's evidence."""
    canon = [
        {k: s.get(k) for k in ("says", "by", "cites", "ok")}
        for s in steps
    ]
    return hashlib.sha256(json.dumps(canon, sort_keys=True).encode()).hexdigest()[:16]


def _flat_point(point: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in point.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(_flat_point(v, key + "."))
        elif isinstance(v, list | tuple):
            out[key] = "[" + ", ".join(str(x) for x in v) + "]"
        else:
            out[key] = str(v)
    return out


def fingerprint(v: Verdict) -> dict[str, Any]:
    """The evidence of ``v`` worth pinning (flat ``{key: text}``; tolerances under ``rel.*``)."""
    fp: dict[str, Any] = {}
    if v.verdict == "refuted" and v.slack is not None:
        fp["slack"] = str(v.slack)
        fp["rel.slack"] = SLACK_REL
        for k, x in _flat_point(v.counterexample or {}).items():
            fp[f"point.{k}"] = x
    proof = v.evidence.get("proof")
    if v.verdict == "proved" and isinstance(proof, Mapping) and proof.get("steps"):
        fp["proof_digest"] = proof_digest(proof["steps"])
    for rec in v.evidence.get("best_constants", ()) or ():
        name = str(rec.get("constant", "?"))
        fp[f"best.{name}"] = str(rec.get("best"))
    for name, rec in (v.evidence.get("pinned") or {}).items():
        fp[f"pinned.{name}"] = str(rec["value"])
        for tol in ("rel", "abs"):
            if rec.get(tol) is not None:
                fp[f"{tol}.pinned.{name}"] = str(rec[tol])
    return fp


def _close(expected: str, actual: str, rel: str | None, abs_: str | None) -> bool:
    if expected == actual:  # also "nan" == "nan": an undefined quantity that stays undefined
        return True
    if rel is None and abs_ is None:
        return expected == actual
    with mpmath.workdps(60):
        try:
            e, a = mpmath.mpf(expected), mpmath.mpf(actual)
        except (TypeError, ValueError):
            return expected == actual
        tol = mpmath.mpf(0)
        if rel is not None:
            tol = max(tol, mpmath.mpf(rel) * abs(e))
        if abs_ is not None:
            tol = max(tol, mpmath.mpf(abs_))
        return abs(e - a) <= tol


def compare(claim_id: str, expected: Mapping[str, Any], actual: Mapping[str, Any]) -> list[str]:
    """Readable differences between a pinned fingerprint and the current one (empty: same).

    Tolerances come from the pinned side (``rel.<key>`` / ``abs.<key>``)."""
    out: list[str] = []
    keys = [k for k in dict.fromkeys([*expected, *actual]) if not k.startswith(("rel.", "abs."))]
    for k in keys:
        e, a = expected.get(k), actual.get(k)
        if e is None:
            out.append(f"{claim_id}: {k} is new: {a}")
        elif a is None:
            out.append(f"{claim_id}: {k} is gone (pinned {e})")
        elif not _close(str(e), str(a), expected.get(f"rel.{k}"), expected.get(f"abs.{k}")):
            tol = expected.get(f"rel.{k}") or expected.get(f"abs.{k}")
            within = f" (tolerance {tol})" if tol else ""
            out.append(f"{claim_id}: {k} moved{within}:\n    pinned  {e}\n    now     {a}")
    return out


def load(path: Path | str) -> dict[str, dict[str, Any]]:
    p = Path(path)
    if not p.exists():
        raise EvidenceError(f"evidence file {p} does not exist")
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise EvidenceError(f"evidence file {p} is not valid TOML: {exc}") from exc
    return {k: dict(v) for k, v in data.items() if isinstance(v, dict)}


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a TOML basic string is a JSON string


def dumps(entries: Mapping[str, Mapping[str, Any]]) -> str:
    chunks = [HEADER]
    for cid, fp in entries.items():
        if not fp:
            continue
        lines = [f"[{_q(cid)}]"] + [f"{_q(k)} = {_q(str(v))}" for k, v in fp.items()]
        chunks.append("\n".join(lines) + "\n")
    return "\n".join(chunks)


def update(verdicts: Iterable[Verdict], path: Path | str, order: Iterable[str] = ()) -> list[str]:
    """Rewrite the evidence file from ``verdicts`` (entries of other ids are kept); keeps the
    tolerances already pinned. Returns one message per changed entry."""
    p = Path(path)
    old = load(p) if p.exists() else {}
    new = dict(old)
    msgs: list[str] = []
    for v in verdicts:
        if v.verdict == "error":
            msgs.append(f"{v.id}: verdict is error; evidence left as it was")
            continue
        fp = fingerprint(v)
        prev = old.get(v.id, {})
        for k, tol in prev.items():  # keep hand-set tolerances
            if k.startswith(("rel.", "abs.")) and k[4:] in fp:
                fp[k] = tol
        if fp != prev:
            msgs.append(f"{v.id}: evidence " + ("pinned" if not prev else "updated"))
        new[v.id] = fp
    rank = {cid: i for i, cid in enumerate(order)}
    ordered = dict(sorted(new.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))
    p.write_text(dumps(ordered), encoding="utf-8")
    return msgs
