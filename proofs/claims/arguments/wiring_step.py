"""Machine-checked proofs for existing claims (issue 12, part A), ready to be wired in.

``WIRING[claim_id] = (prove, uses)``: the claim's ``prove`` is to become ``prove`` and its
``uses`` must list ``uses`` (exactly the ids the proof cites). Every proof here is a list of
SymPy / Arb / cited-claim steps (no prose). The cited claims are registered: the operator
properties in :mod:`proofs.claims.operators` (``OP-*``), the reductions in
:mod:`proofs.claims.reductions` (``R-*``), and existing claims (``L5.3-eq17``,
``L5.3-monotone``, ``L5.4-soft-prox``, ``L5.4-angle-descent+fix``, ``L5.7-tl1-prox``), whose new
proofs are wired here too.

Coverage notes (what a proof covers beyond the claim's encoding):

* the trajectory proofs (``L5.4-*+fix``, ``L5.5-*``, ``T1-*``) use ``||w^t|| = 1`` for the step
  from t, as the paper's proofs do: every t >= 1 (normalised iterates) and t = 0 when w^0 is a unit
  vector (the reading of :mod:`proofs.claims.trajectories`); the L5.4 fixes' slacks also look at
  t = 0 for w^0 unit only to float rounding, which no proof can cover (the exact statement at a
  non-unit w^0 is a different one: |u^1| <= |w^0| may exceed 1).

Nothing here is false: no target needed a corrected statement (``CORRECTIONS`` is empty).
"""

from __future__ import annotations

from collections.abc import Callable

from proofs.engine.claim import ProofResult

from . import lemma5_2 as L52
from . import model_level as ML
from . import one_step as OS
from . import step_bounds as SB
from . import surrogate as SU
from . import tl1_prox as T

Prove = Callable[[], ProofResult]

WIRING: dict[str, tuple[Prove, tuple[str, ...]]] = {
    # Lemma 5.2 corrected (search-only before)
    "L5.2-lipschitz+fix": (L52.prove_lipschitz_fix, L52.USES_lipschitz_fix),
    "L5.2-descent+fix": (L52.prove_descent_fix, L52.USES_descent_fix),
    # Lemma 5.4 one-step fixes (search-only before), for every u with |u| <= |w|
    "L5.4-angle-descent+fix": (OS.prove_angle_descent_fix, OS.USES_angle_descent_fix),
    "L5.4-invariance+fix": (OS.prove_invariance_fix, OS.USES_invariance_fix),
    # Lemma 5.7 without the prose glue
    "L5.7-tl1-prox": (T.prove_tl1_prox, T.USES_tl1_prox),
    # the surrogate Lagrangian: the case analysis as SymPy steps
    "L5.5-lagrangian-descent+fix": (SU.prove_surrogate, SU.USES_surrogate),
    "T1-descent+fix": (SU.prove_surrogate, SU.USES_surrogate),
    # proofs whose summaries used the reduction to the plane of w and w*, or the mean value theorem
    "L5.3-eq16+fix": (ML.prove_eq16_fix, ML.USES_eq16),
    "L5.3-constants+fix": (ML.prove_constants_fix, ML.USES_eq16),
    "L5.3-constants@proof-form": (ML.prove_constants_proof_form, ML.USES_eq16),
    "L5.3-monotone": (ML.prove_monotone, ML.USES_monotone),
    "L5.3-half-angle": (ML.prove_half_angle, ML.USES_half_angle),
    "L5.3-f-closed-form": (ML.prove_closed_form, ML.USES_closed_form),
    "L5.3-f-closed-form@eq3+fix": (ML.prove_closed_form_eq3_fix, ML.USES_closed_form),
    "L3.1-value+fix": (ML.prove_l31_value_fix, ML.USES_l31),
    "L3.1-value@eq3+fix": (ML.prove_l31_value_eq3_fix, ML.USES_l31),
    "L3.1-sign": (ML.prove_l31_sign, ML.USES_l31),
    "L3.1-sign@eq3": (ML.prove_l31_sign_eq3, ML.USES_l31),
    "L5.1-eq13": (ML.prove_eq13, ML.USES_l51),
    "L5.1-eq13@eq3+fix": (ML.prove_eq13_eq3_fix, ML.USES_l51),
    "L5.1-eq14": (ML.prove_eq14, ML.USES_l51),
    # step-level claims: convexity, triangle inequality, Cauchy-Schwarz as checked steps
    "L5.4-soft-prox": (SB.prove_soft_prox, SB.USES_soft_prox),
    "L5.4-acute": (SB.prove_acute, SB.USES_acute),
    "L5.4-u-norm": (SB.prove_unorm, SB.USES_unorm),
    "L5.5-Ct-bounds@Ct": (SB.prove_ct, SB.USES_ct),
    "L5.5-Ct-bounds@Ct-sharp": (SB.prove_ct_sharp, SB.USES_ct_sharp),
    "L5.5-Ct-bounds+fix": (SB.prove_ct_fix, SB.USES_ct_fix),
    "T1-remark-step+fix": (SB.prove_step_bound, SB.USES_step_bound),
    # Corollary 1.1, step 2: the operator claims for l0 and Tl1 (part B may wire its own proof)
    "C1.1-acute": (SB.prove_c11_acute, SB.USES_c11_acute),
}

#: corrected claims (id -> spec) for targets found false: none
CORRECTIONS: dict[str, dict[str, object]] = {}

#: verify/verdicts.toml entries that change once WIRING is in (every other wired claim keeps its
#: verdict and method); tests/test_claims_trajectories.py's EXPECTED must follow for the L5.4 ones
LEDGER_AFTER_WIRING: dict[str, dict[str, str]] = {
    "L5.2-lipschitz+fix": {
        "verdict": "proved", "method": "symbolic",
        "reason": "Gram algebra + R-spherical-triangle: M^2|w1-w2|^2 - r1^2 r2^2|e1/r1 - e2/r2|^2 is a sum of "
                  "nonnegative terms (M = max(1, cot delta)); equality on mirror pairs (best constant)",
    },
    "L5.2-descent+fix": {
        "verdict": "proved", "method": "symbolic",
        "reason": "second derivative of theta along the segment <= M|D|^2/rho^2 (SymPy) and Taylor with "
                  "integral remainder (SymPy); best constant approached on short segments",
    },
    "L5.4-angle-descent+fix": {
        "verdict": "proved", "method": "symbolic",
        "reason": "OP-soft-sign (|u| <= |w| = 1) + R-one-step-angle (ball + cone-arc geometry, Gram "
                  "algebra) + induction on max(theta_t, arcsin(2 pi beta/k)) (SymPy); covers ||w0|| = 1",
    },
    "L5.4-invariance+fix": {
        "verdict": "proved", "method": "symbolic",
        "reason": "L5.4-angle-descent+fix and arcsin(2 pi beta/k) <= pi - delta (SymPy)",
    },
}
