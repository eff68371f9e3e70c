"""Claims of Section 6 (numerical experiment): Table 1 and Figure 4.

Both are experiment claims, decided by running the reference RVSCGD
(:mod:`proofs.algorithm.experiments`, which returns the numbers and the diagnosis facts) in the
paper's setting: (k, d) = (20, 50), beta = 1e-3, eta = 1e-5, lam = 1e-4, l0 penalty,
w* = s^(-1/2)(1,...,1,0,...,0), random start. This module turns them into verdicts and words. The
report runs the full exact-gradient reproduction (10 seeds per s, to convergence); the test
profiles other than ``thorough`` run a reduced one (2 seeds); ``--sampled`` adds a
sampled-gradient run.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from proofs.algorithm.experiments import (
    PAPER_STOP_TOL,
    S_VALUES,
    figure4_reproduction,
    table1,
    table1_reproduction,
)
from proofs.algorithm.hypotheses import check_hypotheses
from proofs.engine.claim import Claim, ExperimentContext, ExperimentResult

from .runs.hypotheses import H_BETA

SECTION = "Section 6"
SETTING = (
    "(k, d) = (20, 50), beta = 1e-3, eta = 1e-5, lam = 1e-4, l0 penalty (u-update: Lemma 5.8 with "
    "lam/beta in place of lam), w* = s^(-1/2)(1,...,1,0,...,0), s in {2, 4, 6, 8, 10}, "
    "w0 uniform on the unit sphere, u0 = argmin_u L_beta(u, w0), exact E_Z[g] (Lemma 5.1)"
)


#: tolerance of the pinned experiment numbers: the runs are deterministic float64 (fixed seeds),
#: reproducible to rounding on one platform; 1e-6 relative leaves room for another BLAS/numpy
#: while any slip in the update or a threshold moves a cell by far more
PIN_REL = "1e-6"


def _pinned_table(means: dict[str, dict[int, float]], iterations: dict[str, int],
                  fp: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The reduced run's numbers pinned in verify/evidence.toml (proofs.engine.evidence)."""
    out: dict[str, dict[str, Any]] = {}
    for measure, cells in means.items():
        for s_val, v in cells.items():
            exact = measure == "nnz_u"  # a count: no tolerance
            out[f"{measure}[s={s_val}]"] = {"value": repr(float(v)), "rel": None if exact else PIN_REL}
    for k, v in iterations.items():  # a stop may move by an iteration on another platform
        out[f"iterations_{k}"] = {"value": str(v), "abs": "2"}
    out["fixed_point_theta_w_max"] = {"value": repr(float(fp["theta_w_max"])), "abs": "1e-12"}
    return out


def table1_result(full: bool, sampled: bool = False) -> ExperimentResult:
    """``S6-table1``: the reproduction's numbers side by side with the paper's, and why they differ."""
    rep = table1_reproduction(reduced=not full, progress=False)
    res, fp = rep.result, rep.fixed_point
    nnz = [int(round(v)) for v in res.means["nnz_u"].values()]
    summary = (
        f"{'Reproduced' if rep.reproduced else 'Not reproduced'}. Run to convergence "
        f"(||w^(t+1)-w^t|| <= {rep.tol:g}, exact E_Z[g]): theta(w_bar,w*) <= "
        f"{max(res.means['theta_w'].values()):.2g} (accelerated fixed point "
        f"{fp['theta_w_max']:.1g}: w_bar = w*) vs printed ~0.049; ||u_bar||_0 = {nnz} vs printed "
        f"{list(S_VALUES)} (sqrt(2 lam/beta) = {rep.hard_threshold:.3f} zeroes u for s in "
        f"{list(rep.zeroed)}). The printed theta(w_bar,w*) is reproduced by stopping early (step "
        f"norm <= {PAPER_STOP_TOL:g}, ~1.2e5 iterations); ||u_bar||_0 = s for all s needs a "
        "threshold in (~0.02, ~0.3), e.g. |w_i| > lam/beta = 0.1, not Lemma 5.8's."
    )
    evidence: dict[str, Any] = {
        "setting": res.setting,
        "comparison": res.comparison,
        "means": res.means,
        "iterations": {"min": int(np.min(res.runs["iterations"])),
                       "max": int(np.max(res.runs["iterations"]))},
        "accelerated_fixed_point": fp,
        "table": res.format(),
        "numbers_from": "table cells: Algorithm 1 at eta = 1e-5 (float64, exact E_Z[g]); "
        "accelerated_fixed_point: Algorithm 1 at eta = pi/k from the final states",
    }
    evidence["pinned"] = _pinned_table(res.means, evidence["iterations"], fp)
    for thr, early in rep.early_stop.items():
        evidence[f"early_stop_{thr}"] = {
            "comparison": early.comparison,
            "reproduced_cells": sum(c["reproduced"] for c in early.comparison),
            "table": early.format(),
        }
    if sampled:
        # opt-in: the same setting with a sampled coarse gradient (m = 64 per iteration, eq. 9
        # entrywise reading), 2 seeds, to a step tolerance; much heavier than the exact run.
        s = table1(2, gradient="sampled", m=64, tol=1e-7, T=600_000, progress=False)
        evidence["sampled_gradient"] = {"setting": s.setting, "comparison": s.comparison,
                                        "table": s.format()}
    return ExperimentResult(reproduced=rep.reproduced, summary=summary, evidence=evidence)


def figure4_result(path: str, full: bool) -> ExperimentResult:
    """``S6-figure4``: the angle descends monotonically; whether Lemma 5.4's hypothesis
    beta <= k sin(delta)/(2 pi) holds for the run (it does not: a monotone curve from a random
    start does not support Lemma 5.4)."""
    data = figure4_reproduction(path, reduced=not full)
    start, end = np.asarray(data["theta_start"]), np.asarray(data["theta_end"])
    hyp = check_hypotheses(data["spec"], trajectory=data["trajectory"])
    ok = data["monotone"] and bool(np.all(end < start))
    summary = (
        f"{'Reproduced' if ok else 'Not reproduced'}: theta(w^t, w*) for s = 4 decreases "
        f"monotonically (checked every {data['stride']} iterations) from "
        f"{float(np.mean(start)):.3f} to {float(np.mean(end)):.2e} over {data['T']} iterations; "
        f"Lemma 5.4's hypothesis {H_BETA.name} "
        f"{'holds' if hyp.by_name()[H_BETA.name].holds else 'fails'}."
    )
    return ExperimentResult(
        reproduced=ok,
        summary=summary,
        evidence={"monotone": data["monotone"], "theta_start": data["theta_start"],
                  "theta_end": data["theta_end"], "failed_hypotheses": list(hyp.failed()),
                  "pinned": {f"theta_{w}[{i}]": {"value": repr(float(x)), "rel": PIN_REL}
                             for w, xs in (("start", start), ("end", end)) for i, x in enumerate(xs)}},
        artefacts=(data["path"],),
    )


def _table1(ctx: ExperimentContext) -> ExperimentResult:
    return table1_result(ctx.full, sampled=bool(ctx.options.get("sampled")))


def _figure4(ctx: ExperimentContext) -> ExperimentResult:
    return figure4_result(ctx.artefact_path("figure4.png"), ctx.full)


CLAIMS: tuple[Claim, ...] = (
    Claim(
        id="S6-table1",
        paper_ref="Section 6, Table 1",
        section=SECTION,
        statement=(
            "RVSCGD with l0 penalty, lam = 1e-4, random start: theta(u_bar, w*) = 0.0076, 0.0122, "
            "0.0126, 0.0133, 0.0143; theta(w_bar, w*) = 0.0492, 0.0498, 0.0499, 0.0497, 0.0493; "
            "f(u_bar) = 0.0243, 0.0388, 0.0402, 0.0423, 0.0456; ||u_bar||_0 = 2, 4, 6, 8, 10 for "
            "s = 2, 4, 6, 8, 10. 'The sparsity s is exactly recovered in u_bar.'"
        ),
        reading=(
            f"Setting: {SETTING}. Run to convergence (the paper gives no iteration count). Each "
            "cell is reproduced if the mean over seeds is within 25% (relative) of the printed "
            "value, ||u_bar||_0 exactly; f = population loss of eq. (6), k theta/(2 pi)."
        ),
        domain="the paper's experimental setting (no hypotheses to search)",
        experiment=_table1,
        notes="Diagnosis of the mismatch is in the verdict's summary and evidence.",
    ),
    Claim(
        id="S6-figure4",
        paper_ref="Section 6, Figure 4",
        section=SECTION,
        statement=(
            "Angle theta(w^t, w*) vs iteration for s = 4 descends, 'in line with Lemma 5.4'."
        ),
        reading=(
            f"Setting: {SETTING}, s = 4. Reproduced if theta(w^t, w*) is non-increasing at every "
            "recorded step (stride 1000 reduced / 500 full) from a random start; the figure is "
            "written as figure4.png. Note: a monotone curve from a random start does not "
            "support Lemma 5.4 in general (see L5.4-angle-descent)."
        ),
        domain="the paper's experimental setting, s = 4",
        experiment=_figure4,
    ),
)
