"""Decide one claim: experiment, proof, counterexample search, unbounded family.

Rules (a verdict is honest or it is a defect):

* experiment claims: ``claim.experiment(profile)`` -> ``reproduced`` / ``not-reproduced``.
* otherwise ``prove()`` (if present) **and** the search (if ``strategy`` plus ``slack`` or an
  existential ratio are present) both run:

  - a defect of the encoding (NaN/inf/exception in a slack or margin, a strategy point outside
    a hypothesis) -> ``error``;
  - an existential family whose growth ``family_limit()`` proves -> ``refuted``
    (``unbounded-family``); a confirmed counterexample -> ``refuted`` (``search``);
    a proof that says ok as well -> ``error`` ('proof/counterexample conflict');
  - a proof that says ok and no counterexample -> ``proved`` (the proof's method), provided
    it lists its steps and every step was checked by a machine (:mod:`proofs.engine.proof`); a
    proof with a prose step, or with no steps, leaves the claim ``unrefuted`` with the argument
    attached; a proof that
    cites a claim the record does not list in ``uses`` is an ``error``; for a claim with
    declared variables, a proof whose recorded domain does not cover them (a certificate over
    a smaller box, a truncated unbounded range, no recorded domain) is an ``error``, never
    ``proved`` (:mod:`proofs.engine.cover`);
  - else ``unrefuted``, with the budget spent stated.

* a claim with no decision route, or any exception -> ``error`` (the traceback's last line).
"""

from __future__ import annotations

import time
import traceback
from typing import Any

import mpmath

from .claim import Claim, ExperimentContext, ExperimentResult, ProofResult
from .cover import coverage_problems
from .existential import FamilyOutcome, evaluate_family, family_counterexample
from .points import to_strings
from .profiles import resolve
from .search import SearchOutcome, search
from .verdict import Verdict

CONFLICT = "proof/counterexample conflict"


def _new_verdict(claim: Claim) -> Verdict:
    return Verdict(
        id=claim.id,
        paper_ref=claim.paper_ref,
        section=claim.section,
        verdict="error",
        method="none",
        reading=claim.reading,
        statement=claim.statement,
        corrected_by=claim.corrected_by,
        corrects=claim.corrects,
        supports=tuple(claim.supports),
        uses=tuple(claim.uses),
    )


def decide(
    claim: Claim,
    profile: str | None = None,
    context: ExperimentContext | None = None,
    seed: int | None = None,
    shrink: bool = True,
) -> Verdict:
    """Decide ``claim`` under a settings profile (``None``: the profile in force).

    ``context`` is passed to experiment claims (default: full only under ``thorough``).
    ``seed`` selects an independent, reproducible search trial (default: trial 0 under ``ci``,
    random under ``dev``/``thorough``). ``shrink=False`` keeps the first confirmed
    counterexample as found (enough to know the claim is refuted, e.g. for a power check)."""
    t0 = time.perf_counter()
    v = _new_verdict(claim)
    try:
        name = resolve(profile)
        v.budget["profile"] = name
        ctx = context or ExperimentContext(profile=name, full=name == "thorough")
        if seed is not None:
            v.budget["seed"] = seed
        _decide_into(claim, name, v, ctx, seed, shrink)
    except Exception as exc:  # noqa: BLE001 - every failure becomes an honest 'error'
        v.verdict, v.method = "error", "none"
        v.error = traceback.format_exception_only(type(exc), exc)[-1].strip()
        v.evidence["traceback"] = traceback.format_exc()
    v.seconds = round(time.perf_counter() - t0, 3)
    return v


def _fail(v: Verdict, message: str) -> None:
    v.verdict, v.method, v.error = "error", "none", message
    v.summary = message


def _proof_record(proof: ProofResult) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "ok": proof.ok,
        "method": proof.method,
        "summary": proof.summary,
        "details": proof.details,
    }
    if proof.steps:
        rec["steps"] = [s.as_dict() for s in proof.steps]
        rec["machine_checked"] = proof.machine_checked
    if proof.covers is not None and hasattr(proof.covers, "as_dict"):
        rec["covers"] = proof.covers.as_dict()
    return rec


def _decide_into(
    claim: Claim, profile: str, v: Verdict, ctx: ExperimentContext, seed: int | None = None,
    shrink: bool = True,
) -> None:
    if claim.experiment is not None:
        _experiment(claim, ctx, v)
        return

    proof: ProofResult | None = None
    if claim.prove is not None:
        proof = claim.prove()
        if not isinstance(proof, ProofResult):
            raise TypeError(f"prove() returned {type(proof).__name__}, not ProofResult")
        v.evidence["proof"] = _proof_record(proof)
        undeclared = [c for c in proof.cited if c not in claim.uses]
        if undeclared:
            _fail(v, f"the proof cites {undeclared}, which the claim does not list in uses")
            return

    ex = claim.existential
    outcome: SearchOutcome | None = None
    if claim.strategy is not None and (claim.slack is not None or ex is not None):
        outcome = search(claim, profile, seed, shrink=shrink)
        v.budget.update(outcome.budget_dict())
        if outcome.notes:
            v.evidence["search_notes"] = list(outcome.notes)
        if outcome.best_point is not None:
            key = "max_ratio_point" if outcome.objective == "ratio" else "min_slack_point"
            v.evidence[key] = to_strings(outcome.best_point)

    family: FamilyOutcome | None = None
    limit: ProofResult | None = None
    if ex is not None and ex.family is not None:
        family = evaluate_family(claim)
        v.evidence["family"] = family.table()
        if family.error is None and ex.family_limit is not None:
            limit = ex.family_limit()
            v.evidence["family_limit"] = {
                "ok": limit.ok,
                "method": limit.method,
                "summary": limit.summary,
                "details": limit.details,
            }

    if proof is None and outcome is None and family is None:
        _fail(v, "claim has no decision route (no experiment, prove, strategy+slack or existential)")
        return

    # 1. defects of the encoding
    if outcome is not None and outcome.error is not None:
        _fail(v, outcome.error)
        if outcome.error_point is not None:
            v.evidence["error_point"] = to_strings(outcome.error_point)
        if outcome.counterexample is not None:
            v.evidence["confirmed_counterexample"] = to_strings(outcome.counterexample)
        return
    if family is not None and family.error is not None:
        _fail(v, family.error)
        return

    # 2. refutations
    refuted_by_family = False
    if family is not None and limit is not None and limit.ok:
        if not family.grows:
            _fail(v, "family_limit() proves unbounded growth but the 50-digit ratios do not grow")
            return
        point, ratio = family_counterexample(family)
        v.verdict, v.method = "refuted", "unbounded-family"
        v.counterexample, v.slack = point, ratio
        name = ex.constant_name if ex is not None else "C"
        v.summary = (
            f"no constant {name} exists: the ratio grows without bound along the family "
            f"({limit.summary}); at eps={family.rows[family.smallest]['eps']} it is "
            f"{mpmath.nstr(family.ratios[family.smallest], 12)}"
        )
        refuted_by_family = True
    if outcome is not None and outcome.counterexample is not None:
        conf = outcome.confirmation
        assert conf is not None
        record = {
            "point": to_strings(outcome.counterexample),
            "value_50": mpmath.nstr(conf.slack[50], 50),
            "value_100": mpmath.nstr(conf.slack[100], 50),
            "hypothesis_margins_50": {m.name: mpmath.nstr(m.values[50], 20) for m in conf.margins},
        }
        if refuted_by_family:
            v.evidence["printed_constant_counterexample"] = record
        else:
            v.verdict, v.method = "refuted", "search"
            v.counterexample = record["point"]
            v.slack = record["value_50"]
            v.evidence["confirmation"] = record
            what = "printed constant exceeded" if outcome.objective == "ratio" else "slack"
            v.summary = (
                f"confirmed counterexample ({what}: {mpmath.nstr(conf.slack[50], 12)} at 50 digits, "
                f"{mpmath.nstr(conf.slack[100], 12)} at 100 digits), shrunk by Hypothesis"
            )
    if v.verdict == "refuted":
        if proof is not None and proof.ok:
            _fail(v, f"{CONFLICT}: {proof.method} proof says ok ({proof.summary}) but {v.summary}")
        return

    # 3. proofs (every step checked by a machine; a prose step leaves the claim unrefuted),
    #    over the whole declared domain
    if proof is not None and proof.ok and proof.machine_checked:
        if claim.variables is not None:
            stated = [h.name for h in claim.hypotheses if h.origin != "domain"]
            problems = coverage_problems(claim.variables, proof.covers, stated)
            if problems:
                _fail(v, "the proof does not cover the declared domain: " + "; ".join(problems))
                v.evidence["coverage_problems"] = problems
                return
        v.verdict, v.method, v.summary = "proved", proof.method, proof.summary
        return

    # 4. nothing decided
    v.verdict = "unrefuted"
    v.method = "search" if outcome is not None or family is not None else "none"
    v.summary = _unrefuted_summary(outcome, family, proof)


def _unrefuted_summary(
    outcome: SearchOutcome | None, family: FamilyOutcome | None, proof: ProofResult | None
) -> str:
    parts: list[str] = []
    if outcome is not None:
        within = (
            f"{outcome.within_error} within the slack's reported error bound, "
            if outcome.within_error else ""
        )
        parts.append(
            f"no counterexample in {outcome.examples} examples "
            f"({outcome.explicit_examples} explicit, {outcome.targeted_steps} targeted steps, "
            f"{outcome.discarded} float candidates discarded as rounding artefacts, {within}"
            f"{outcome.uncertain} skipped on the hypotheses' boundary; "
            + (f"{outcome.filtered} outside the stated hypotheses; " if outcome.filtered else "")
            + f"profile {outcome.profile}, "
            f"max_examples {outcome.budget})"
        )
        if outcome.best is not None:
            if outcome.objective == "ratio":
                parts.append(f"sup of the ratio found: {outcome.best!r}")
            else:
                parts.append(f"min float slack seen: {outcome.best!r}")
    if family is not None:
        parts.append(
            "family ratios "
            + ", ".join(f"{r['eps']}: {r['ratio'][:12]}" for r in family.rows)
            + " (growth not proved)"
        )
    if proof is not None and proof.ok and proof.steps and not proof.machine_checked:
        unchecked = [s.says for s in proof.steps if not s.machine_checked]
        parts.append(
            "proof complete except for steps no machine checked (the argument is attached): "
            + "; ".join(unchecked)
        )
    elif proof is not None and proof.ok and not proof.steps:
        parts.append("the proof lists no steps (each step must say what checked it: "
                     f"proofs.engine.proof): {proof.summary}")
    elif proof is not None:
        parts.append(f"proof attempt did not succeed: {proof.summary}")
    return "; ".join(parts) if parts else "nothing checked"


def _experiment(claim: Claim, ctx: ExperimentContext, v: Verdict) -> None:
    assert claim.experiment is not None
    res = claim.experiment(ctx)
    v.budget["experiment"] = {"full": ctx.full, **ctx.options}
    if not isinstance(res, ExperimentResult):
        raise TypeError(f"experiment() returned {type(res).__name__}, not ExperimentResult")
    v.verdict = "reproduced" if res.reproduced else "not-reproduced"
    v.method = "experiment"
    v.summary = res.summary
    ev: dict[str, Any] = dict(res.evidence)
    if res.artefacts:
        ev["artefacts"] = list(res.artefacts)
    v.evidence.update(ev)
