"""Pictures of counterexamples, for notebook 02 and readers of the report.

A counterexample is drawn as what it is: a run of Algorithm 1 (a point with ``w0``) is replayed
at 50 digits and its angle and Lagrangian are plotted against the iteration; a point made of
vectors is drawn in the plane spanned by its first two vectors (the vectors' components outside
that plane, if any, are stated in the title).
"""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np


def _as_floats(point: dict[str, Any]) -> dict[str, Any]:
    """A point as the report writes it (decimal strings) back in floats (exact round trip)."""

    def conv(v: Any) -> Any:
        if isinstance(v, (list, tuple, np.ndarray)):
            return tuple(conv(x) for x in v)
        if isinstance(v, str):
            try:
                return float(v)
            except ValueError:
                return v
        return v

    return {k: conv(v) for k, v in point.items()}


def _vectors(point: dict[str, Any]) -> dict[str, np.ndarray]:
    return {
        k: np.asarray([float(x) for x in v], dtype=float)
        for k, v in point.items()
        if isinstance(v, (list, tuple, np.ndarray)) and len(v) >= 2
    }


#: iterations replayed for a counterexample that is a limit (a run without a horizon T)
LIMIT_HORIZON = 40


def draw_vectors(point: dict[str, Any], ax: Any, title: str = "") -> None:
    """Arrows for the point's vectors, in the orthonormal frame of its first two vectors."""
    vecs = _vectors(point)
    if not vecs:
        ax.text(0.5, 0.5, "no vectors in this point", ha="center")
        return
    names = list(vecs)
    e1 = vecs[names[0]] / np.linalg.norm(vecs[names[0]])
    rest = [vecs[n] - (vecs[n] @ e1) * e1 for n in names[1:]]
    rest = [r for r in rest if np.linalg.norm(r) > 1e-12]
    e2 = rest[0] / np.linalg.norm(rest[0]) if rest else np.eye(len(e1))[np.argmin(np.abs(e1))]
    e2 = e2 - (e2 @ e1) * e1
    e2 /= np.linalg.norm(e2)
    off_plane = 0.0
    for n, v in vecs.items():
        x, y = v @ e1, v @ e2
        off_plane = max(off_plane, float(np.linalg.norm(v - x * e1 - y * e2)))
        ax.annotate("", xy=(x, y), xytext=(0, 0), arrowprops={"arrowstyle": "->", "lw": 1.5})
        ax.text(x * 1.08, y * 1.08 + 0.06 * (names.index(n) % 3), n, fontsize=8)
    ax.set_aspect("equal")
    lim = 1.2 * max(float(np.linalg.norm(v)) for v in vecs.values())
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.axhline(0, lw=0.3, color="gray")
    ax.axvline(0, lw=0.3, color="gray")
    extra = f" (largest off-plane component {off_plane:.2g})" if off_plane > 1e-12 else ""
    ax.set_title((title + extra).strip(), fontsize=9)


def draw_run(point: dict[str, Any], axes: Any, title: str = "") -> None:
    """Replay the run at 50 digits: its vectors (w*, w^0, u^1, w^1) in their plane, and
    theta(w^t, w*) and L_beta(u^t, w^t) against t."""
    from proofs.algorithm.rvscgd import replay
    from proofs.claims.runs.points import spec_of

    # limit claims' points carry no horizon: show the first LIMIT_HORIZON iterations
    traj = replay(spec_of({"T": LIMIT_HORIZON, **point}), dps=50)
    vecs = {"w*": point["w_star"], "w^0": traj.w[0]}
    if len(traj.w) > 1:
        vecs.update({"u^1": traj.u[1], "w^1": traj.w[1]})
    draw_vectors(vecs, axes[0], title)
    t = np.arange(len(traj.records["theta_w"]))
    for ax, key, label in (
        (axes[1], "theta_w", "θ(w^t, w*)"),
        (axes[2], "lagrangian", "L_β(u^t, w^t)"),
    ):
        ys = [float(y) if mpmath.isfinite(y) else np.nan for y in traj.records[key]]
        ax.plot(t, ys, "o-")
        ax.set_xlabel("iteration t (replayed at 50 digits)")
        ax.set_ylabel(label)


def draw_counterexample(point: dict[str, Any], title: str = "") -> Any:
    """A matplotlib figure for a counterexample point (a run or a set of vectors)."""
    import matplotlib.pyplot as plt

    point = _as_floats(point)
    if "w0" in point:
        fig, axes = plt.subplots(1, 3, figsize=(12, 3.4))
        draw_run(point, axes, title)
    else:
        fig, ax = plt.subplots(figsize=(4, 4))
        draw_vectors(point, ax, title)
    fig.tight_layout()
    return fig
