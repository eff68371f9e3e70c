"""The expected-verdict ledger (``verify/verdicts.toml``).

One table per claim id::

    ["L5.3-eq15"]
    verdict = "proved"
    method = "symbolic"
    reason = "why this is the expected verdict"

Read with :mod:`tomllib`; written by the small writer below (no extra dependency). ``update``
rewrites the file from the current verdicts, preserving reasons; an entry whose verdict changes
gets its reason prefixed with ``REVIEW:`` so that the change stays a deliberate, reviewed edit.
``error`` verdicts are never written as expected.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .verdict import Verdict

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "verify" / "verdicts.toml"

HEADER = """\
# Expected verdicts of the registered claims: the ledger the test suite (verify/) checks.
#
# Format: one table per claim id (quote the id), e.g.
#
#   ["L5.3-eq15"]
#   verdict = "proved"        # proved | refuted | unrefuted | reproduced | not-reproduced
#   method = "symbolic"       # symbolic | interval | search | unbounded-family | experiment | none
#   reason = "one line: why this verdict is expected"
#
# Policy: every registered claim has an entry and every entry names a registered claim.
# Changing an expected verdict is a deliberate, reviewed edit: it needs a reason line saying
# why. `python -m proofs ledger --update` rewrites this file from the current verdicts,
# keeping reasons, marking changed verdicts "REVIEW: ..." and new entries with an empty reason
# for the author to fill in. "error" is never an expected verdict.
"""


@dataclass(frozen=True)
class Expected:
    id: str
    verdict: str
    method: str | None = None
    reason: str = ""
    #: for an unrefuted claim whose power check fails: "weak: <why the search cannot do better>"
    power: str | None = None


@dataclass(frozen=True)
class Mismatch:
    id: str
    kind: str  # "verdict" | "method" | "missing" (no ledger entry)
    expected: str | None
    actual: str

    def __str__(self) -> str:
        return f"{self.id}: {self.kind} expected {self.expected!r}, got {self.actual!r}"


class LedgerError(ValueError):
    """The ledger cannot be used: missing, unreadable, not valid TOML, or an entry malformed.
    The message is one line naming the file and the problem."""


def parse(text: str, source: str = "ledger") -> dict[str, Expected]:
    """The ledger text as ``{id: Expected}``; ``source`` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LedgerError(f"{source} is not valid TOML: {exc}") from exc
    out: dict[str, Expected] = {}
    for cid, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("verdict"), str):
            raise LedgerError(
                f"{source}: entry {cid!r} must be a table with a string 'verdict' key"
            )
        method = entry.get("method")
        if method is not None and not isinstance(method, str):
            raise LedgerError(f"{source}: entry {cid!r} has a non-string 'method': {method!r}")
        power = entry.get("power")
        if power is not None and not (isinstance(power, str) and power.startswith("weak:")):
            raise LedgerError(f"{source}: entry {cid!r}: 'power' must be a string 'weak: <reason>'")
        out[cid] = Expected(cid, entry["verdict"], method, str(entry.get("reason", "")), power)
    return out


def load(path: Path | str = DEFAULT_PATH, missing_ok: bool = False) -> dict[str, Expected]:
    """The ledger as ``{id: Expected}``.

    Raises :class:`LedgerError` if the file does not exist (``missing_ok``: an empty ledger
    instead, for :func:`update` writing a new one), cannot be read, or is malformed."""
    p = Path(path)
    if not p.exists():
        if missing_ok:
            return {}
        raise LedgerError(f"ledger {p} does not exist")
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise LedgerError(f"ledger {p} cannot be read: {why}") from exc
    return parse(text, source=f"ledger {p}")


def compare(
    verdicts: Iterable[Verdict], ledger: Mapping[str, Expected] | None = None
) -> list[Mismatch]:
    """Mismatches between verdicts and the ledger (verdict, method if recorded, missing)."""
    led = load() if ledger is None else ledger
    out: list[Mismatch] = []
    for v in verdicts:
        e = led.get(v.id)
        if e is None:
            out.append(Mismatch(v.id, "missing", None, v.verdict))
        elif e.verdict != v.verdict:
            out.append(Mismatch(v.id, "verdict", e.verdict, v.verdict))
        elif e.method is not None and e.method != v.method:
            out.append(Mismatch(v.id, "method", e.method, v.method))
    return out


def _quote(s: str) -> str:
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def dumps(entries: Iterable[Expected]) -> str:
    """TOML text of the ledger (header comment, then one table per entry, in the given order)."""
    chunks = [HEADER]
    for e in entries:
        lines = [f"[{_quote(e.id)}]", f"verdict = {_quote(e.verdict)}"]
        if e.method is not None:
            lines.append(f"method = {_quote(e.method)}")
        lines.append(f"reason = {_quote(e.reason)}")
        if e.power is not None:
            lines.append(f"power = {_quote(e.power)}")
        chunks.append("\n".join(lines) + "\n")
    return "\n".join(chunks)


def write(entries: Iterable[Expected], path: Path | str = DEFAULT_PATH) -> None:
    Path(path).write_text(dumps(entries), encoding="utf-8")


def update(
    verdicts: Iterable[Verdict], path: Path | str = DEFAULT_PATH, order: Iterable[str] = ()
) -> list[str]:
    """Rewrite the ledger from ``verdicts``, preserving reasons. Returns messages about what
    changed (new, changed, kept because the verdict was ``error``). Entries for ids not among
    ``verdicts`` are kept unchanged. ``order`` (claim ids) fixes the order of the tables."""
    old = load(path, missing_ok=True)
    new: dict[str, Expected] = dict(old)
    msgs: list[str] = []
    for v in verdicts:
        e = old.get(v.id)
        if v.verdict == "error":
            msgs.append(f"{v.id}: verdict is error ({v.error}); ledger entry left as it was")
            continue
        if e is None:
            new[v.id] = Expected(v.id, v.verdict, v.method, "")
            msgs.append(f"{v.id}: new entry {v.verdict} ({v.method}); add a reason")
        elif e.verdict != v.verdict:
            reason = f"REVIEW: was {e.verdict}" + (f"; {e.reason}" if e.reason else "")
            new[v.id] = Expected(v.id, v.verdict, v.method, reason)
            msgs.append(f"{v.id}: verdict changed {e.verdict} -> {v.verdict}; review the reason")
        else:
            new[v.id] = Expected(v.id, v.verdict, v.method, e.reason, e.power)
            if e.method != v.method:
                msgs.append(f"{v.id}: method changed {e.method} -> {v.method}")
    rank = {cid: i for i, cid in enumerate(order)}
    ordered = sorted(new.values(), key=lambda e: (rank.get(e.id, len(rank)), e.id))
    write(ordered, path)
    return msgs
