"""The proof graph as a picture: claims as boxes, an arrow from a claim to each claim it uses.

Layered drawing (no graph library needed): the chosen top claims (e.g. a theorem and its
corollary) sit in the top row; every other claim sits one row below the lowest claim that uses
it; rows are ordered by the barycentre of their users to keep arrows short. Colour says the
verdict (proved / refuted / unrefuted / other), a thick dark border says *established* (proved
and everything it uses established), a dashed border says proved but resting on something not
established.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .claim import Claim
from .graph import established
from .verdict import Verdict

COLOURS: dict[str, str] = {
    "proved": "#b7e1b5",
    "refuted": "#f4b6b0",
    "unrefuted": "#fbe3a1",
    "error": "#d9a0e8",
    "group": "#cfe2f3",
}
OTHER = "#dddddd"


def _closure(tops: Sequence[str], uses: Mapping[str, Sequence[str]]) -> list[str]:
    seen: list[str] = []
    stack = list(tops)
    while stack:
        c = stack.pop(0)
        if c in seen:
            continue
        seen.append(c)
        stack.extend(uses.get(c, ()))
    return seen


def layers(tops: Sequence[str], uses: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Rows of the drawing: row 0 holds ``tops``; a claim sits one row below its lowest user."""
    nodes = _closure(tops, uses)
    depth: dict[str, int] = {t: 0 for t in tops}
    changed = True
    while changed:  # longest-path depth (the uses graph is acyclic: ClaimSet checks)
        changed = False
        for n in nodes:
            for m in uses.get(n, ()):
                d = depth.get(n, 0) + 1
                if depth.get(m, -1) < d:
                    depth[m] = d
                    changed = True
    rows: list[list[str]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    for n in nodes:
        rows[depth.get(n, 0)].append(n)
    users: dict[str, list[str]] = {}
    for n in nodes:
        for m in uses.get(n, ()):
            users.setdefault(m, []).append(n)
    for _ in range(4):  # barycentre ordering, top-down
        pos = {n: i for row in rows for i, n in enumerate(row)}
        for r in range(1, len(rows)):
            rows[r].sort(key=lambda n: sum(pos[u] for u in users.get(n, [n])) / max(1, len(users.get(n, []))))
            pos.update({n: i for i, n in enumerate(rows[r])})
    return rows


def draw(
    claims: Sequence[Claim],
    verdicts: Sequence[Verdict],
    tops: Sequence[str],
    path: Path | str,
    title: str = "Proof graph",
    groups: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """Draw the proof graph below ``tops`` to ``path`` (PNG or SVG, by suffix).

    ``groups`` adds labelled top nodes that stand for several claims (e.g. "Theorem 1
    (corrected)": its conclusions); a group is established when all its members are."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch, Patch

    uses = {c.id: list(c.uses) for c in claims}
    by_id = {v.id: v for v in verdicts}
    est: dict[str, bool | None] = dict(established(claims, verdicts))
    group_nodes = []
    for label, members in (groups or {}).items():
        present = [m for m in members if m in uses]
        uses[label] = present
        group_nodes.append(label)
        es = [est.get(m) for m in present]
        est[label] = bool(present) and all(e is True for e in es)
    rows = layers(group_nodes + [t for t in tops if t in uses], uses)
    width = max((len(r) for r in rows), default=1)
    box_w, box_h, gap_x, gap_y = 2.6, 0.55, 0.35, 1.25
    fig_w = max(8.0, width * (box_w + gap_x) * 0.62)
    fig_h = max(4.0, len(rows) * gap_y * 0.9 + 1.5)
    fig, ax = plt.subplots(figsize=(fig_w, fig_h))
    xy: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        total = len(row) * box_w + (len(row) - 1) * gap_x
        x0 = (width * (box_w + gap_x) - total) / 2
        for i, n in enumerate(row):
            xy[n] = (x0 + i * (box_w + gap_x) + box_w / 2, -r * gap_y)
    for n, (x, y) in xy.items():
        for m in uses.get(n, ()):
            if m in xy:
                mx, my = xy[m]
                ax.annotate("", xy=(mx, my + box_h / 2), xytext=(x, y - box_h / 2),
                            arrowprops={"arrowstyle": "->", "color": "#666666", "lw": 0.7})
    for n, (x, y) in xy.items():
        v = by_id.get(n)
        verdict = v.verdict if v else ("group" if n in group_nodes else "not decided")
        e = est.get(n)
        lw, ls, ec = (2.6, "-", "#1b4d1b") if e else ((1.2, "--", "#555555") if verdict == "proved" else (0.8, "-", "#555555"))
        ax.add_patch(FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h,
                                    boxstyle="round,pad=0.04", fc=COLOURS.get(verdict, OTHER),
                                    ec=ec, lw=lw, ls=ls))
        ax.text(x, y, n, ha="center", va="center", fontsize=7.5, family="monospace")
    handles = [Patch(fc=c, ec="#555555", label=k) for k, c in COLOURS.items() if k not in ("error", "group")]
    handles += [
        Line2D([], [], color="#1b4d1b", lw=2.6, label="established"),
        Line2D([], [], color="#555555", lw=1.2, ls="--", label="proved, not established"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 1.0), fontsize=8, frameon=False,
              ncol=len(handles))
    ax.set_title(title, fontsize=11, pad=22)
    ax.set_xlim(-0.5, width * (box_w + gap_x) + 0.5)
    ax.set_ylim(-(len(rows) - 1) * gap_y - 1.0, 1.0)
    ax.axis("off")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=130, bbox_inches="tight", metadata={"Software": None} if out.suffix == ".png" else None)
    plt.close(fig)
    return out
