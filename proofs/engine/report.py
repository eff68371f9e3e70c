"""Decide a claim set and write ``verdicts.json`` and ``REPORT.md``."""

from __future__ import annotations

import copy
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, TextIO

from .claim import Claim, ClaimSet
from .decide import decide
from .verdict import Verdict, dump_verdicts, jsonable


class UnknownClaim(KeyError):
    """Some requested ids are not registered."""

    def __init__(self, ids: Sequence[str]) -> None:
        super().__init__(", ".join(ids))
        self.ids = tuple(ids)


def select(claim_set: ClaimSet, only: Sequence[str] | None = None) -> list[Claim]:
    """The claims to decide, in registration order; ``only`` restricts to those ids."""
    if not only:
        return list(claim_set.claims)
    known = claim_set.by_id()
    unknown = [i for i in only if i not in known]
    if unknown:
        raise UnknownClaim(unknown)
    wanted = set(only)
    return [c for c in claim_set.claims if c.id in wanted]


def attach_best_constants(claims: Iterable[Claim], verdicts: Sequence[Verdict]) -> None:
    """Compute each claim's best constants (report only: they cost time, and no verdict depends
    on them) into its verdict's evidence; a failure is recorded there, never hidden."""
    by_id = {v.id: v for v in verdicts}
    for c in claims:
        if c.best_constants is None or c.id not in by_id:
            continue
        try:
            by_id[c.id].evidence["best_constants"] = [dict(r) for r in c.best_constants()]
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            by_id[c.id].evidence["best_constants_error"] = f"{type(exc).__name__}: {exc}"


def attach_power(
    claims: Iterable[Claim], verdicts: Sequence[Verdict], profile: str | None = None
) -> None:
    """For every unrefuted verdict, the power check (:mod:`proofs.engine.power`): the search must
    refute the claim's declared false variant; recorded in the verdict's evidence."""
    from .power import check_power

    by_id = {v.id: v for v in verdicts}
    for c in claims:
        v = by_id.get(c.id)
        if v is not None and v.verdict == "unrefuted":
            v.evidence["power"] = check_power(c, profile).as_dict()


class Progress(Protocol):
    """Told when each claim starts and ends (the command line draws a bar or prints lines)."""

    def start(self, claim: Claim) -> None: ...

    def done(self, verdict: Verdict) -> None: ...


def verdict_line(v: Verdict) -> str:
    """One line per decided claim: ``seconds id verdict method``."""
    return f"{v.seconds:8.2f}s  {v.id:<28} {v.verdict:<15} {v.method}"


def decide_all(
    claims: Iterable[Claim],
    profile: str | None = None,
    progress: TextIO | None = None,
    decider: Callable[[Claim, str | None], Verdict] = decide,
    observer: Progress | None = None,
) -> list[Verdict]:
    """Decide each claim. Without an ``observer``, print :func:`verdict_line` to ``progress``
    (default stderr) as it goes; with one, tell it instead."""
    stream = sys.stderr if progress is None else progress
    out: list[Verdict] = []
    for c in claims:
        if observer is not None:
            observer.start(c)
        v = decider(c, profile)
        out.append(v)
        if observer is not None:
            observer.done(v)
        else:
            print(verdict_line(v), file=stream, flush=True)
    return out


def _cell(s: Any) -> str:
    return str(s if s is not None else "").replace("|", "\\|").replace("\n", " ")


def _coords(point: dict[str, Any], indent: str = "") -> list[str]:
    lines: list[str] = []
    for k, val in point.items():
        if isinstance(val, dict):
            lines.append(f"{indent}- `{k}`:")
            lines.extend(_coords(val, indent + "  "))
        elif isinstance(val, list):
            lines.append(f"{indent}- `{k}` = [")
            lines.extend(f"{indent}    `{x}`," for x in val)
            lines.append(f"{indent}  ]")
        else:
            lines.append(f"{indent}- `{k}` = `{val}`")
    return lines


def proof_graph_section(claim_set: ClaimSet, verdicts: Sequence[Verdict],
                        picture: str | None = "proof-graph.png") -> list[str]:
    """REPORT.md's "Proof graph" section: how many proved claims are established, which are not,
    and for each headline group of ``claim_set`` its members and what they still rest on
    (:func:`~proofs.engine.graph.unestablished_support`). Reads each verdict's ``established``
    (:func:`~proofs.engine.graph.mark_established` sets it)."""
    from .graph import unestablished_support

    by_id = {v.id: v for v in verdicts}
    L = ["## Proof graph", ""]
    if picture:
        L += [f"![proof graph]({picture})", ""]
    proved = [v for v in verdicts if v.verdict == "proved"]
    est = [v.id for v in proved if v.established]
    rest = [v.id for v in proved if v.established is False]
    unknown = [v.id for v in proved if v.established is None]
    L += [f"{len(est)} of the {len(proved)} proved claims are *established* (proved, and every claim "
          "their proofs use established in turn)."
          + (f" Proved but resting on an unestablished claim: {', '.join(f'`{i}`' for i in rest)}."
             if rest else "")
          + (f" Not determined in this run (a claim their proofs use was not decided): "
             f"{', '.join(f'`{i}`' for i in unknown)}." if unknown else ""), ""]
    groups = {g: ms for g, ms in claim_set.headline.items() if any(m in by_id for m in ms)}
    if not groups:
        return L
    rows = ["| headline | claim | verdict | established | still rests on |", "|---|---|---|---|---|"]
    for group, members in groups.items():
        missing = []
        for cid in members:
            v = by_id.get(cid)
            if v is None:
                rows.append(f"| {_cell(group)} | `{cid}` | not decided | | |")
                missing.append(f"`{cid}` (not decided)")
                continue
            support = [f"`{u}`" for u in unestablished_support(claim_set.claims, by_id, cid)]
            if v.verdict != "proved":
                support.insert(0, f"itself ({v.verdict})")
            e = "yes" if v.established else ("?" if v.established is None else "no")
            if not v.established:
                missing.append(f"`{cid}` ({v.verdict})")
            rows.append(f"| {_cell(group)} | `{cid}` | {v.verdict} | {e} | {', '.join(support) or '-'} |")
        done = len(members) - len(missing)
        L.append(f"- **{group}**: {done} of {len(members)} parts established"
                 + (f"; not established: {', '.join(missing)}." if missing else "."))
    return [*L, "", *rows, ""]


def render_markdown(verdicts: Sequence[Verdict], title: str = "Claims report",
                    sections: Sequence[str] = ()) -> str:
    """REPORT.md; ``sections`` (markdown lines, e.g. :func:`proof_graph_section`) follow the
    table."""
    by_id = {v.id: v for v in verdicts}
    L: list[str] = [f"# {title}", ""]
    counts: dict[str, int] = {}
    for v in verdicts:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    L.append(
        f"{len(verdicts)} claims: "
        + ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
        + f"; total {sum(v.seconds for v in verdicts):.1f} s."
    )
    L += ["", "| id | paper location | verdict | method | seconds |", "|---|---|---|---|---|"]
    for v in verdicts:
        power = v.evidence.get("power")
        weak = " (**weak**)" if power and power.get("status") != "ok" else ""
        L.append(
            f"| `{v.id}` | {_cell(v.paper_ref)} | **{v.verdict}**{weak} | {v.method} | {v.seconds:.2f} |"
        )
    unrefuted = [v for v in verdicts if v.verdict == "unrefuted"]
    if unrefuted:
        L += ["", "## Unrefuted claims and the power of their search", ""]
        for v in unrefuted:
            power = v.evidence.get("power") or {}
            L.append(f"- `{v.id}`: {power.get('line', 'power: not checked in this run')}. {v.summary}")

    if sections:
        L += ["", *sections]
    refuted = [v for v in verdicts if v.verdict == "refuted"]
    L += ["", "## Refuted claims", ""]
    if not refuted:
        L.append("None.")
    for v in refuted:
        L += [f"### `{v.id}` ({v.paper_ref})", "", f"Statement: {v.statement}", ""]
        if v.reading:
            L += [f"Reading checked: {v.reading}", ""]
        L += [f"Method: {v.method}. {v.summary}", "", "Counterexample:", ""]
        L += _coords(v.counterexample or {})
        label = "Ratio" if v.method == "unbounded-family" else "Slack"
        L += ["", f"{label} at 50 digits: `{v.slack}`", ""]
        if v.corrected_by:
            fix = by_id.get(v.corrected_by)
            fv = f"**{fix.verdict}** ({fix.method})" if fix else "not decided in this run"
            L += [f"Corrected claim: `{v.corrected_by}`: {fv}.", ""]
        else:
            L += ["Corrected claim: none registered.", ""]

    L += ["", "## Claims that lose their support", ""]
    if not refuted:
        L.append("None (no claim is refuted).")
    for v in refuted:
        sup = ", ".join(f"`{s}`" for s in v.supports) or "(none listed)"
        L.append(f"- `{v.id}` refuted: {sup}")

    L += ["", "## Best constants", ""]
    consts = [(v.id, r) for v in verdicts for r in v.evidence.get("best_constants", ())]
    if not consts:
        L.append("None computed in this run.")
    else:
        L += [
            "| claim | constant | printed | best | printed enough? | how |",
            "|---|---|---|---|---|---|",
        ]
        for cid, r in consts:
            enough = r.get("printed_is_enough")
            L.append(
                f"| `{cid}` | {_cell(r.get('constant'))} | {_cell(r.get('printed'))} | "
                f"{_cell(r.get('best'))} | {'yes' if enough else 'no' if enough is False else '?'}"
                f" | {_cell(r.get('method'))} |"
            )

    L += ["", "## Errors", ""]
    errs = [v for v in verdicts if v.verdict == "error"]
    L += [f"- `{v.id}`: {v.error}" for v in errs] or ["None."]

    L += ["", "## Certificates and evidence", ""]
    any_ev = False
    for v in verdicts:
        ev = {k: x for k, x in v.evidence.items() if k != "traceback"}
        if not ev:
            continue
        any_ev = True
        L += [f"### `{v.id}`: {v.verdict} ({v.method})", ""]
        if v.summary:
            L += [v.summary, ""]
        L += ["```json", json.dumps(jsonable(ev), indent=2, ensure_ascii=False)[:20000], "```", ""]
    if not any_ev:
        L.append("None.")

    L += ["", "## Budgets", "", "| id | budget |", "|---|---|"]
    for v in verdicts:
        b = ", ".join(f"{k}={x}" for k, x in v.budget.items())
        L.append(f"| `{v.id}` | {_cell(b)} |")
    return "\n".join(L) + "\n"


def _relative_artefacts(verdicts: Sequence[Verdict], folder: Path) -> list[Verdict]:
    """Copies of the verdicts whose artefact paths inside ``folder`` are made relative to it,
    so that the report does not depend on where it was written (and can be moved)."""
    out: list[Verdict] = []
    root = folder.resolve()
    for v in verdicts:
        paths = v.evidence.get("artefacts")
        if not isinstance(paths, list):
            out.append(v)
            continue
        rel: list[Any] = []
        for a in paths:
            try:
                rel.append(Path(a).resolve().relative_to(root).as_posix())
            except (TypeError, ValueError):
                rel.append(a)
        w = copy.copy(v)
        w.evidence = {**v.evidence, "artefacts": rel}
        out.append(w)
    return out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(files: dict[str, str], folder: Path | str) -> None:
    """Write ``{name: text}`` into ``folder``: each to a temporary file in the same folder, then
    all renamed over their targets (:func:`os.replace`), so an interrupted write leaves the
    previous files intact. Temporary files are removed if anything fails."""
    d = Path(folder)
    mode = 0o666 & ~_umask()
    temps: dict[str, str] = {}
    try:
        for name, text in files.items():
            fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{name}.", suffix=".tmp")
            temps[name] = tmp
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
        for name, tmp in temps.items():
            os.replace(tmp, d / name)
    finally:
        for tmp in temps.values():
            if os.path.exists(tmp):
                os.unlink(tmp)


def _draw_atomic(claim_set: ClaimSet, verdicts: Sequence[Verdict], folder: Path, name: str) -> None:
    """``folder/name`` drawn under a temporary name, then renamed over it."""
    from .graph_picture import draw

    tmp = folder / f".{name}.tmp{Path(name).suffix}"
    try:
        draw(claim_set.claims, verdicts, (), tmp, title=f"Proof graph: {claim_set.name}",
             groups=claim_set.headline)
        os.replace(tmp, folder / name)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_report(verdicts: Sequence[Verdict], out: Path | str, title: str = "Claims report",
                 claim_set: ClaimSet | None = None) -> None:
    """Write ``out/verdicts.json`` (a list of verdict objects) and ``out/REPORT.md``.

    With the ``claim_set`` the verdicts were decided from, also: each verdict's ``established``
    (:func:`~proofs.engine.graph.mark_established`), the proof graph below the set's headline
    groups as ``out/proof-graph.png`` and ``.svg``, a "Proof graph" section in REPORT.md and
    ``out/ERRATA.md`` (:func:`~proofs.engine.errata.render_errata`).

    The text files are rendered first and then written atomically (:func:`write_atomic`): an
    interrupted or failed write leaves the previous report intact. Artefact paths inside ``out``
    are written relative to it, so that two runs into different folders give the same JSON."""
    d = Path(out)
    d.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    sections: list[str] = []
    if claim_set is not None:
        from .errata import render_errata
        from .graph import mark_established

        mark_established(claim_set.claims, verdicts)
        decided = {v.id for v in verdicts}
        draw_it = any(m in decided for ms in claim_set.headline.values() for m in ms)
        if draw_it:
            for name in ("proof-graph.png", "proof-graph.svg"):
                _draw_atomic(claim_set, verdicts, d, name)
        sections = proof_graph_section(claim_set, verdicts, "proof-graph.png" if draw_it else None)
        est = {v.id: v.established for v in verdicts}
        files["ERRATA.md"] = render_errata(claim_set, verdicts, est, title=f"Errata: {claim_set.name}")
    vs = _relative_artefacts(verdicts, d)
    files = {"verdicts.json": dump_verdicts(vs) + "\n",
             "REPORT.md": render_markdown(vs, title, sections), **files}
    write_atomic(files, d)
