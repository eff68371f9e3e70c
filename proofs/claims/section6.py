"""Claims of Section 6 (numerical experiment): Table 1 and Figure 4.

Both are experiment claims, decided by running the reference RVSCGD
(:mod:`proofs.algorithm.experiments`) in the paper's setting: (k, d) = (20, 50), beta = 1e-3,
eta = 1e-5, lam = 1e-4, l0 penalty, w* = s^(-1/2)(1,...,1,0,...,0), random start. The report runs
the full exact-gradient reproduction (10 seeds per s, to convergence); the test profiles other
than ``thorough`` run a reduced one (2 seeds); ``--sampled`` adds a sampled-gradient run.
"""

from __future__ import annotations

from dataclasses import replace

from proofs.algorithm.experiments import figure4_experiment, table1, table1_experiment
from proofs.engine.claim import Claim, ExperimentContext, ExperimentResult

SECTION = "Section 6"
SETTING = (
    "(k, d) = (20, 50), beta = 1e-3, eta = 1e-5, lam = 1e-4, l0 penalty (u-update: Lemma 5.8 with "
    "lam/beta in place of lam), w* = s^(-1/2)(1,...,1,0,...,0), s in {2, 4, 6, 8, 10}, "
    "w0 uniform on the unit sphere, u0 = argmin_u L_beta(u, w0), exact E_Z[g] (Lemma 5.1)"
)


def _table1(ctx: ExperimentContext) -> ExperimentResult:
    res = table1_experiment(reduced=not ctx.full, progress=False)
    if not ctx.options.get("sampled"):
        return res
    # opt-in: the same setting with a sampled coarse gradient (m = 64 per iteration, eq. 9
    # entrywise reading), 2 seeds, to a step tolerance; much heavier than the exact run.
    sampled = table1(2, gradient="sampled", m=64, tol=1e-7, T=600_000, progress=False)
    evidence = dict(res.evidence)
    evidence["sampled_gradient"] = {
        "setting": sampled.setting,
        "comparison": sampled.comparison,
        "table": sampled.format(),
    }
    return replace(res, evidence=evidence)


def _figure4(ctx: ExperimentContext) -> ExperimentResult:
    return figure4_experiment(ctx.artefact_path("figure4.png"), reduced=not ctx.full)


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
