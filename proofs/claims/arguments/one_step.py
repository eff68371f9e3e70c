"""One step of Algorithm 1 on the sphere, for every u with the operator properties.

* ``R-eq17-end-points``: E g(w) = c2 (w - w*) also at theta(w, w*) = 0 and pi (w = +-w*), where
  ``L5.3-eq17`` (the lemma's theta in (0, pi)) is not stated: (G2), (G3) integrated at those angles.
* ``R-one-step-operator``: for unit w, w^ = w - eta E g(w) - eta beta (w - u) = c1 w + eta v,
  v = c2 w* + beta u, c1 = 1 - eta (c2 + beta), c2 = k/(2 pi) (E g from ``L5.3-eq17`` and, at
  theta = 0, pi, ``R-eq17-end-points``).
* ``R-one-step-angle``: if moreover |u| <= 1, c1 >= 0, beta <= c2 sin(delta), theta(w, w*) <=
  pi - delta and w^ != 0, then theta(w^, w*) <= max(theta(w, w*), arcsin(beta/c2)).
* ``L5.4-angle-descent+fix`` and ``L5.4-invariance+fix``: the soft-thresholded u^{t+1} has
  |u^{t+1}| <= |w^t| = 1 (``OP-soft-sign``), so the one-step bound applies at every t; the
  induction over t is a SymPy step on the recurrence M_{t+1} = max(theta_{t+1}, kappa) <= M_t.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

import sympy as sp

from proofs.engine.claim import ProofResult
from proofs.engine.cover import Cover
from proofs.engine.proof import ProofStep, by_sympy, cites, proof
from proofs.model.derivation import coarse_gradient_in_frame
from proofs.model.derivation import k as K_MODEL
from proofs.model.gaussian import mean_on_wedge_at

from .sphere_geometry import ARC, BALL, cos_decreasing_step
from .symbolic import identity, nonnegative

ONE_STEP = "R-one-step-operator"
ONE_STEP_ANGLE = "R-one-step-angle"
EQ17 = "L5.3-eq17"
EQ17_ENDS = "R-eq17-end-points"
SOFT_SIGN = "OP-soft-sign"
ANGLE_FIX = "L5.4-angle-descent+fix"

#: the domain the trajectory proofs cover: the proofs' normalisation ||w^0|| = 1
UNIT_W0 = ("||w^0|| = 1 exactly (the proofs' normalisation 'due to normalization ||w^t|| = 1'); "
           "every t >= 1 is covered for any w^0 since w^t = w^^t/||w^^t||")


#: the one-step claims' declared parameters (k integer >= 1, beta, eta in (0, oo))
K, ETA, BETA = sp.symbols("k eta beta", positive=True)


@cache
def _update_coefficients() -> dict[str, bool]:
    k, eta, beta = K, ETA, BETA
    c2 = k / (2 * sp.pi)
    c1 = 1 - eta * (c2 + beta)
    # w - eta c2 (w - s) - eta beta (w - u), coefficient by coefficient in (w, s, u)
    lhs = {"w": 1 - eta * c2 - eta * beta, "s": eta * c2, "u": eta * beta}
    rhs = {"w": c1, "s": eta * c2, "u": eta * beta}
    return {f"coefficient of {b}": identity(lhs[b] - rhs[b]) for b in lhs}


def prove_eq17_end_points() -> ProofResult:
    """R-eq17-end-points: at theta = 0 (w = w*) and theta = pi (w = -w*), for every k: the model's
    E_Z[g] in the frame (w^ = e1), from (G3) integrated at that angle, is c2 (w^ - w*^)."""
    steps = []
    for name, angle in (("theta = 0 (w = w*)", sp.Integer(0)), ("theta = pi (w = -w*)", sp.pi)):
        frame = coarse_gradient_in_frame(mean_on_wedge_at(angle))
        rhs = K_MODEL / (2 * sp.pi) * (sp.Matrix([1, 0]) - sp.Matrix([sp.cos(angle), sp.sin(angle)]))
        ok = all(sp.simplify(e) == 0 for v in frame.values() for e in v - rhs)
        steps.append(by_sympy(
            f"{name}: E_Z[g] = sqrt(2/pi) k (G2 - G3) (both readings) = c2 (w - w*), (G3) integrated "
            f"over its wedge at that angle", ok, f"E g = {list(frame['entrywise'])}, c2 (w - w*) = {list(rhs)}",
            symbols=(K_MODEL,)))
    plane = ("the integrals are over the plane of w, w* (the orthogonal part of z integrates out, "
             "proofs.model.gaussian), so every d and every unit w*")
    return proof(steps, for_all={"d": plane, "w_star": plane})


USES_eq17_end_points: tuple[str, ...] = ()


def prove_one_step_operator() -> ProofResult:
    ok = all(_update_coefficients().values())
    return proof([
        cites(EQ17, "for unit w and w*, theta(w, w*) in (0, pi): E_Z[g(w, Z)] = c2 w - c2 w*, c2 = k/(2 pi)"),
        cites(EQ17_ENDS, "the same at theta(w, w*) = 0 and pi (w = +-w*)"),
        by_sympy("w - eta c2 (w - w*) - eta beta (w - u) = c1 w + eta (c2 w* + beta u), c1 = 1 - "
                 "eta (c2 + beta): the coefficients of w, w*, u agree, for every u", ok,
                 "; ".join(f"{k_}: {v}" for k_, v in _update_coefficients().items()),
                 symbols=(K, ETA, BETA)),
    ])


USES_one_step_operator: tuple[str, ...] = (EQ17, EQ17_ENDS)


@cache
def _cap() -> dict[str, bool]:
    """cos(kappa) = sqrt(1 - beta^2/c2^2) >= |cos delta| >= -cos(delta) for beta <= c2 sin(delta)."""
    sd = sp.Symbol("sigma", nonnegative=True)  # sin(delta) = beta/c2 + sigma
    h = sp.Symbol("h", nonnegative=True)  # beta/c2
    cd = sp.Symbol("C", real=True)  # cos(delta), C^2 = 1 - sin^2(delta)
    Ca, g = sp.symbols("C_abs g", nonnegative=True)  # |cos delta|, K^2 - C_abs^2
    K = sp.Symbol("K", positive=True)  # cos(kappa); K = 0 forces |cos delta| = 0 = K
    return {
        "cos^2 kappa - cos^2 delta = sin^2 delta - (beta/c2)^2 >= 0": identity(
            ((1 - h**2) - cd**2).subs(cd**2, 1 - (h + sd) ** 2) - ((h + sd) ** 2 - h**2))
        and nonnegative((h + sd) ** 2 - h**2),
        "K - |C| = (K^2 - C^2)/(K + |C|) >= 0 (K = cos kappa > 0; K = 0 gives |C| = 0)": identity(
            (K - Ca) - (K**2 - Ca**2) / (K + Ca)) and nonnegative(g / (K + Ca)),
    }


#: what the one-step angle proof covers: its SymPy step is in h = beta/c2 >= 0 (any k > 0,
#: beta > 0), sigma = sin(delta) - h >= 0 (a stated hypothesis) and C = cos(delta) (any real
#: delta); eta enters only through the cited R-one-step-operator (c1 >= 0: a stated hypothesis)
ANGLE_COVER = Cover.box(
    {"k": "[1, oo)", "delta": "(0, pi)", "beta": "(0, oo)", "eta": "(0, oo)"},
    how="the SymPy step in h = beta/(k/(2 pi)) >= 0, sigma = sin(delta) - h >= 0, C = cos(delta) "
        "real; eta through the cited R-one-step-operator (every eta > 0)",
    constraints=("theta(w, w*) <= pi - delta", "beta <= (k/(2 pi)) sin(delta)",
                 "eta (k/(2 pi) + beta) <= 1", "|u| <= 1", "w^ != 0"),
)


def prove_one_step_angle() -> ProofResult:
    cap = _cap()
    return proof([
        cites(ONE_STEP, "w^ = c1 w + eta v, v = c2 w* + beta u, c1 = 1 - eta (c2 + beta) >= 0"),
        cites(BALL, "|v - c2 w*| = beta |u| <= beta <= c2 sin(delta) <= c2, so (v != 0) "
                    "theta(v, w*) <= kappa := arcsin(beta/c2)"),
        by_sympy("cos theta(v, w*) >= cos kappa = sqrt(1 - beta^2/c2^2) >= |cos delta| and cos theta(w, w*) "
                 ">= cos(pi - delta) = -cos delta, so theta(w, w*) + theta(v, w*) <= pi",
                 all(cap.values()), "; ".join(f"{k_}: {v}" for k_, v in cap.items())),
        cites(ARC, "w^ is a non-negative combination of w and v/|v|: theta(w^, w*) <= "
                   "max(theta(w, w*), theta(v, w*)) <= max(theta(w, w*), kappa) (v = 0: w^ = c1 w)"),
        cos_decreasing_step(),
    ], covers=ANGLE_COVER)


USES_one_step_angle: tuple[str, ...] = (ONE_STEP, BALL, ARC)


@cache
def _induction() -> dict[str, bool]:
    th, kap = sp.symbols("theta kappa", real=True)
    pp, qq = sp.symbols("p q", nonnegative=True)
    return {
        "max(max(theta, kappa), kappa) = max(theta, kappa)": sp.Max(sp.Max(th, kap), kap) == sp.Max(th, kap),
        "theta_0 = top - p, kappa = top - q (p, q >= 0): max(theta_0, kappa) - top = max(-p, -q) <= 0": bool(
            sp.Max(-pp, -qq).is_nonpositive),
    }


def unit_ball_steps(signs: Sequence[tuple[str, str]]) -> list[ProofStep]:
    """|u^{t+1}| <= |w^t| = 1 from the operators' sign claims ``(claim id, operator)``."""
    from .step_bounds import _sums

    sums = _sums()
    return [
        *(cites(cid, f"|u^{{t+1}}_i| <= |w^t_i| for the {op} u^{{t+1}}") for cid, op in signs),
        by_sympy("|w^t|^2 - |u^{t+1}|^2 = sum_i (w_i^2 - u_i^2) >= 0, so |u^{t+1}| <= |w^t| = 1",
                 all(sums.values()), "; ".join(f"{k_}: {v}" for k_, v in sums.items())),
    ]


def cone_induction_step(says: str) -> ProofStep:
    """kappa <= pi - delta and the induction on M_t = max(theta_t, kappa)."""
    ind, cap = _induction(), _cap()
    return by_sympy(says, all(ind.values()) and all(cap.values()),
                    "; ".join(f"{k_}: {v}" for k_, v in {**ind, **cap}.items()))


def prove_angle_descent_fix() -> ProofResult:
    res = proof([
        *unit_ball_steps([(SOFT_SIGN, "soft-thresholded")]),
        cites(ONE_STEP_ANGLE, "if theta_t <= pi - delta: theta_{t+1} <= max(theta_t, kappa), kappa = "
                              "arcsin(2 pi beta/k) (eta (k/(2 pi) + beta) <= 1, beta <= k sin(delta)/(2 pi), "
                              "w^^{t+1} != 0)"),
        cone_induction_step(
            "kappa <= pi - delta (cos kappa >= |cos delta|), and M_t = max(theta_t, kappa) satisfies "
            "M_{t+1} <= max(M_t, kappa) = M_t: by induction theta_t <= M_0 <= pi - delta for every t, "
            "so the one-step bound applies at every t"),
        cos_decreasing_step(),
    ])
    return replace(res, covers=UNIT_W0)


USES_angle_descent_fix: tuple[str, ...] = (SOFT_SIGN, ONE_STEP_ANGLE)


def kappa_in_cone_step(says: str) -> ProofStep:
    """kappa = arcsin(2 pi beta/k) <= pi - delta (cos kappa >= |cos delta|)."""
    cap = _cap()
    return by_sympy(says, all(cap.values()), "; ".join(f"{k_}: {v}" for k_, v in cap.items()))


def prove_invariance_fix() -> ProofResult:
    res = proof([
        cites(ANGLE_FIX, "theta_{t+1} <= max(theta_t, kappa) at every t, kappa = arcsin(2 pi beta/k)"),
        kappa_in_cone_step("kappa <= pi - delta: cos kappa >= |cos delta| >= cos(pi - delta); so "
                           "theta_t <= pi - delta implies theta_{t+1} <= max(theta_t, kappa) <= pi - delta"),
        cos_decreasing_step(),
    ])
    return replace(res, covers=UNIT_W0)


USES_invariance_fix: tuple[str, ...] = (ANGLE_FIX,)
