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


#: inches per drawing unit, the font size (points) and the width of one monospace character
#: in drawing units at that size: boxes are as wide as their label
SCALE, FONT = 0.5, 8.0
CHAR = FONT * 0.62 / 72 / SCALE


def _label(n: str, group: bool, members: Sequence[str], est: Mapping[str, bool | None]) -> str:
    """A claim's id; a group's name and how many of its claims are established."""
    if not group:
        return n
    done = sum(1 for m in members if est.get(m) is True)
    return f"{n}\n{done} of {len(members)} established"


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
    (corrected)": its conclusions); a group is established when all its members are, and says
    how many of them are. Only claims reachable from the top nodes are drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch, Patch

    uses = {c.id: list(c.uses) for c in claims}
    by_id = {v.id: v for v in verdicts}
    est: dict[str, bool | None] = dict(established(claims, verdicts))
    group_nodes = []
    labels: dict[str, str] = {}
    for label, members in (groups or {}).items():
        present = [m for m in members if m in uses]
        labels[label] = _label(label, True, present, est)
        uses[label] = present
        group_nodes.append(label)
    for label in group_nodes:
        est[label] = bool(uses[label]) and all(est.get(m) is True for m in uses[label])
    rows = layers(group_nodes + [t for t in tops if t in uses], uses)
    box_h, gap_x, gap_y, pad = 0.62, 0.45, 1.45, 0.55

    def width(n: str) -> float:
        text = labels.get(n, n)
        return max(1.8, CHAR * max(len(t) for t in text.split("\n")) + pad)

    row_w = [sum(width(n) for n in row) + gap_x * (len(row) - 1) for row in rows]
    total_w = max(row_w, default=1.0) + 1.0
    total_h = (len(rows) - 1) * gap_y + box_h + 2.6  # title, legend and caption on top
    fig = plt.figure(figsize=(max(6.0, total_w * SCALE), max(3.0, total_h * SCALE)))
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    xy: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        x = (total_w - row_w[r]) / 2
        for n in row:
            w = width(n)
            xy[n] = (x + w / 2, -r * gap_y)
            x += w + gap_x
    for n, (x, y) in xy.items():
        for m in uses.get(n, ()):
            if m in xy:
                mx, my = xy[m]
                ax.annotate("", xy=(mx, my + box_h / 2), xytext=(x, y - box_h / 2),
                            arrowprops={"arrowstyle": "->", "color": "#888888", "lw": 0.6,
                                        "shrinkA": 1, "shrinkB": 1})
    for n, (x, y) in xy.items():
        v = by_id.get(n)
        verdict = v.verdict if v else ("group" if n in group_nodes else "not decided")
        e = est.get(n)
        lw, ls, ec = (2.4, "-", "#1b4d1b") if e else (
            (1.2, "--", "#555555") if verdict == "proved" else (0.9, "-", "#555555"))
        w = width(n)
        ax.add_patch(FancyBboxPatch((x - w / 2, y - box_h / 2), w, box_h,
                                    boxstyle="round,pad=0.04", fc=COLOURS.get(verdict, OTHER),
                                    ec=ec, lw=lw, ls=ls, zorder=2))
        group = n in group_nodes
        ax.text(x, y, labels.get(n, n), ha="center", va="center", zorder=3,
                fontsize=FONT if not group else FONT + 0.5, family="monospace",
                fontweight="bold" if group else "normal", linespacing=1.1)
    handles = [Patch(fc=c, ec="#555555", label=k) for k, c in COLOURS.items() if k != "error"]
    handles += [
        Line2D([], [], color="#1b4d1b", lw=2.4, label="established"),
        Line2D([], [], color="#555555", lw=1.2, ls="--", label="proved, not established"),
    ]
    top = box_h / 2 + 2.4
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1 - 0.9 / total_h),
              fontsize=FONT, frameon=False, ncol=len(handles), handlelength=1.6)
    ax.text(total_w / 2, top - 0.3, title, ha="center", va="top", fontsize=FONT + 4)
    ax.text(total_w / 2, top - 1.55, "an arrow goes from a claim to each claim its proof cites",
            ha="center", va="top", fontsize=FONT, color="#555555", style="italic")
    ax.set_xlim(0, total_w)
    ax.set_ylim(top - total_h, top)
    ax.axis("off")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    # no software / date stamps: the same graph gives the same file
    meta = {"Software": None} if out.suffix == ".png" else {"Date": None} if out.suffix == ".svg" else None
    fig.savefig(out, dpi=130, metadata=meta)
    plt.close(fig)
    return out
