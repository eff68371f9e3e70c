"""Proofs of the fixed-point reductions (the ``R-`` claims of :mod:`proofs.claims.fixed_points`).

Each ``prove_*`` returns a proof made of steps (SymPy identities and sign certificates, citations
of other claims); ``USES_*`` lists the claims it cites.
"""

from __future__ import annotations

import sympy as sp
from sympy.calculus.util import continuous_domain

from proofs.engine.claim import ProofResult
from proofs.engine.proof import ProofStep, by_sympy, cites, proof

from . import certify
from . import limit_frame as F
from . import one_step as OS
from .sphere_geometry import cos_decreasing_step

# ----------------------------------------------------------------------------- shared steps

ETA, C2, BETA = sp.symbols("eta c_2 beta", positive=True)
C1 = 1 - ETA * (C2 + BETA)


def update_step() -> ProofStep:
    """For unit w: w - eta (E g(w) + beta (w - u)) = c1 w + eta (c2 w* + beta u), componentwise."""
    wi, si, ui = sp.symbols("w_i s_i u_i", real=True)
    eg = C2 * (wi - si)  # E g(w) on the unit sphere (L5.3-eq17)
    lhs = wi - ETA * (eg + BETA * (wi - ui))
    rhs = C1 * wi + ETA * (C2 * si + BETA * ui)
    ok = sp.expand(lhs - rhs) == 0
    return by_sympy("for unit w^t the update is w_hat^{t+1} = c1 w^t + eta (c2 w* + beta u^{t+1}), "
                    "c1 = 1 - eta (c2 + beta), c2 = k/(2pi)", ok, f"{lhs} = {rhs} componentwise")


def _frame_solve() -> tuple[bool, bool]:
    """In a frame with w_bar = e1: N e1 = c1 e1 + eta v forces v = ((N - c1)/eta) e1, and
    v = mu e1 gives c1 e1 + eta v = (c1 + eta mu) e1 with norm c1 + eta mu when that is > 0."""
    v1, v2, v3 = sp.symbols("v1 v2 v3", real=True)
    N = sp.Symbol("N", nonnegative=True)
    e1 = sp.Matrix([1, 0, 0])
    v = sp.Matrix([v1, v2, v3])
    sol = sp.solve(list(N * e1 - (C1 * e1 + ETA * v)), [v1, v2, v3], dict=True)
    forward = (len(sol) == 1 and sol[0][v2] == 0 and sol[0][v3] == 0
               and sp.simplify(C1 + ETA * sol[0][v1] - N) == 0)
    mu = sp.Symbol("mu", real=True)
    P = sp.Symbol("P", positive=True)  # c1 + eta mu > 0
    img = (C1 * e1 + ETA * mu * e1).subs(mu, (P - C1) / ETA)
    backward = sp.simplify(img - P * e1) == sp.zeros(3, 1) and sp.sqrt(sp.expand((img.T * img)[0])) == P
    return forward, backward


# ----------------------------------------------------------------------------- R-fixed-point-relation

USES_RELATION = ("L5.3-eq17",)


def prove_fixed_point_relation() -> ProofResult:
    fwd, bwd = _frame_solve()
    return proof([
        cites("L5.3-eq17", "E g(w) = (k/(2pi))(w - w*) for unit w (w* unit)"),
        update_step(),
        by_sympy("=>: T(w_bar) = w_bar means N w_bar = c1 w_bar + eta v, N = |c1 w_bar + eta v| > 0, "
                 "v = c2 w* + beta u_bar; in a frame with w_bar = e1 this forces v = mu w_bar with "
                 "mu = <v, w_bar> = (N - c1)/eta, so c1 + eta mu = N > 0", fwd,
                 "solve N e1 = c1 e1 + eta (v1, v2, v3)"),
        by_sympy("<=: v = mu w_bar and c1 + eta mu > 0 give c1 w_bar + eta v = (c1 + eta mu) w_bar, "
                 "of norm c1 + eta mu, so T(w_bar) = w_bar", bwd, "(c1 + eta mu) e1 / |.| = e1"),
    ])


# ----------------------------------------------------------------------------- R-fixed-point-eta-free

USES_ETA_FREE = ("R-fixed-point-relation", "R-fixed-point-plane")


def prove_fixed_point_eta_free() -> ProofResult:
    mu = sp.Symbol("mu", real=True)
    w, s, u = sp.symbols("w s u", real=True)
    relation = C2 * s + BETA * u - mu * w
    ident = sp.expand((C1 + ETA * mu) - (1 - ETA * (C2 + BETA - mu))) == 0
    one_c = sp.Symbol("o_C", nonnegative=True)  # 1 - cos(theta) >= 0
    one_x = sp.Symbol("o_x", nonnegative=True)  # 1 - x >= 0
    uu = sp.Symbol("o_u", nonnegative=True)  # 1 - |u|^2 >= 0
    gap = (C2 + BETA) - (C2 * F.C + BETA * F.x)  # c2 + beta - mu in the frame
    return proof([
        cites("R-fixed-point-relation", "fixed point iff c2 w* + beta u = mu w_bar and c1 + eta mu > 0"),
        by_sympy("the relation c2 w* + beta u = mu w_bar, u = P(w_bar), does not involve eta; "
                 "c1 + eta mu = 1 - eta (c2 + beta - mu)", ETA not in relation.free_symbols and ident,
                 f"{relation}; c1 + eta mu - (1 - eta (c2 + beta - mu)) = 0"),
        cites("R-fixed-point-plane", "frame: mu = c2 cos(theta) + beta x, x = <u, w_bar>"),
        F.cert("1 - cos(theta) >= 0: 2(1 - C) = (1 - C)^2 + sin^2(theta)", 1 - F.C,
               (1 - F.C) ** 2 + F.S**2, multiplier=2),
        F.cert("1 - x >= 0 when |u| <= 1: 2(1 - x) = (1 - x)^2 + (1 - |u|^2) + y^2", 1 - F.x,
               (1 - F.x) ** 2 + uu + F.y**2, multiplier=2, extra={uu: 1 - F.x**2 - F.y**2}),
        certify.certified(
            "c2 + beta - mu = c2 (1 - cos theta) + beta (1 - x) >= 0: the eta > 0 for which a "
            "relation pair is a fixed point are exactly eta (c2 + beta - mu) < 1, an interval "
            "(0, 1/(c2 + beta - mu)) (all eta > 0 when mu = c2 + beta); every eta with c1 >= 0 "
            "qualifies when mu > 0",
            gap, C2 * one_c + BETA * one_x, defs={one_c: 1 - F.C, one_x: 1 - F.x}),
    ])


# ----------------------------------------------------------------------------- R-fixed-point-plane

USES_PLANE: tuple[str, ...] = ()


def prove_fixed_point_plane() -> ProofResult:
    mu, Cc, x = sp.symbols("mu C x", real=True)
    S = sp.Symbol("S", nonnegative=True)
    rel = (Cc**2 + S**2 - 1,)
    # Gram entries of (w_bar, w*, u_bar) from beta u = mu w_bar - c2 w*, |w_bar| = |w*| = 1
    g_uw = (mu - C2 * Cc) / BETA  # <u, w_bar> = x  (defines mu = c2 C + beta x)
    g_us = (mu * Cc - C2) / BETA  # <u, w*>
    g_uu = (mu**2 - 2 * mu * C2 * Cc + C2**2) / BETA**2  # |u|^2
    y = C2 * S / BETA
    sub = {mu: C2 * Cc + BETA * x}
    checks = [g_uw.subs(sub) - x, g_us.subs(sub) - (x * Cc - y * S), g_uu.subs(sub) - (x**2 + y**2)]
    gram_ok = all(certify.vanishes(c, rel, (Cc,)) for c in checks)
    p, q, r = sp.symbols("p q r", real=True)
    vec = p * sp.Matrix([1, 0]) + q * sp.Matrix([Cc, S]) + r * sp.Matrix([x, -y])
    gram_form = (p**2 + q**2 + r**2 * (x**2 + y**2) + 2 * p * q * Cc + 2 * p * r * x
                 + 2 * q * r * (x * Cc - y * S))
    bilinear_ok = certify.vanishes((vec.T * vec)[0] - gram_form, rel, (Cc,))
    return proof([
        by_sympy("beta u_bar = mu w_bar - c2 w* lies in span(w_bar, w*); with C = <w_bar, w*> = "
                 "cos(theta), S = sin(theta) >= 0, x = <u_bar, w_bar>: mu = c2 C + beta x, "
                 "|u_bar|^2 = x^2 + y^2 and <u_bar, w*> = x C - y S with y = c2 S/beta >= 0", gram_ok,
                 "Gram entries from the relation"),
        by_sympy("the frame vectors w_bar = e1, w* = C e1 + S e2, u_bar = x e1 - y e2 have these Gram "
                 "entries, so every norm and inner product of combinations p w_bar + q w* + r u_bar "
                 "(a quadratic form in the Gram entries) is computed in the frame; sin(gamma) = "
                 "y/|u_bar|, cos(gamma) = x/|u_bar| (gamma := 0 if u_bar = 0); y = c2 S/beta is eq. (23)",
                 bilinear_ok, "|p w_bar + q w* + r u_bar|^2 in the frame = its Gram form"),
    ])


# ----------------------------------------------------------------------------- R-limit-pair

USES_LIMIT_PAIR = ("L5.3-eq17",)


def prove_limit_pair() -> ProofResult:
    t = sp.Symbol("t", real=True)
    half = sp.Interval(0, sp.oo)
    wi, ui, w2, r = sp.symbols("w_i u_i w_j r", real=True)
    tau = sp.Symbol("tau", positive=True)
    # the residual of one step is a polynomial in (w^t, w^{t+1}, u^{t+1}) and the norm |w_hat|
    Nh = sp.Symbol("N", nonnegative=True)
    resid = Nh * w2 - (C1 * wi + ETA * (C2 * sp.Symbol("s_i") + BETA * ui))
    poly_ok = bool(resid.is_polynomial(Nh, w2, wi, ui))
    sqrt_ok = continuous_domain(sp.sqrt(t), t, half) == half
    props = [ui * wi, wi**2 - ui**2, ui * (wi - ui), r**2 - (wi - ui) ** 2]
    props_ok = all(p.is_polynomial(wi, ui) for p in props)
    fwd, _ = _frame_solve()
    S_ = sp.Piecewise((t - tau, t > tau), (t + tau, t < -tau), (0, True))
    cont = (S_.args[0][0].subs(t, tau) == 0 and S_.args[1][0].subs(t, -tau) == 0
            and S_.args[2][0] == 0)
    return proof([
        cites("L5.3-eq17", "E g(w) = (k/(2pi))(w - w*) for unit w"),
        update_step(),
        by_sympy("N_t w^{t+1} = c1 w^t + eta (c2 w* + beta u^{t+1}) with N_t = |w_hat^{t+1}| > 0: "
                 "each component is a polynomial in (N_t, w^{t+1}, w^t, u^{t+1}) and N_t = sqrt of a "
                 "polynomial (sqrt continuous on [0, oo)), so the identity passes to the limit: "
                 "N_bar w_bar = c1 w_bar + eta v_bar, N_bar = lim N_t >= 0; |w_bar| = lim |w^t| = 1",
                 poly_ok and sqrt_ok, f"{resid} polynomial; continuous_domain(sqrt) = [0, oo)"),
        by_sympy("in a frame with w_bar = e1: v_bar = c2 w* + beta u_bar = mu w_bar with mu = "
                 "<v_bar, w_bar> and c1 + eta mu = N_bar >= 0", fwd,
                 "solve N e1 = c1 e1 + eta (v1, v2, v3)"),
        by_sympy("closed conditions pass to the limit: u_i w_i >= 0, w_i^2 - u_i^2 >= 0, u_i (w_i - "
                 "u_i) >= 0, r^2 - (w_i - u_i)^2 >= 0 are polynomial (continuous) in (w_i, u_i); if "
                 "one holds at (w^t, u^{t+1}) for every t it holds at (w_bar, u_bar)", props_ok,
                 ", ".join(str(p) for p in props)),
        F.cos_monotone(),
        by_sympy("theta_t <= pi - delta iff <w^t, w*> + cos(delta) >= 0 (unit vectors), a closed "
                 "condition: if it holds for every t, theta_bar <= pi - delta",
                 sp.simplify(sp.cos(sp.pi - t) + sp.cos(t)) == 0, "cos(pi - delta) = -cos(delta)"),
        by_sympy("l1: S_tau is continuous (its pieces x - tau, x + tau, 0 agree at x = +-tau), so "
                 "u_bar = lim S_tau(w^t) = S_tau(w_bar)", bool(cont), "one-sided limits at +-tau"),
    ])


# ----------------------------------------------------------------------------- R-invariance

#: the one-step cone bound of part A (R-one-step-angle) and the operators' |u_i| <= |w_i|
SIGNS = (("OP-soft-sign", "soft-thresholded"), ("OP-hard-sign", "hard-thresholded"),
         ("OP-tl1-sign", "Tl1-thresholded"))
USES_INVARIANCE = ("R-one-step-angle", *(cid for cid, _ in SIGNS))


def prove_invariance() -> ProofResult:
    return proof([
        cites("R-one-step-angle", "one step from a unit w with theta(w, w*) <= pi - delta, |u| <= 1, "
                                  "0 < beta <= k sin(delta)/(2pi), c1 >= 0, w_hat != 0: theta(w_hat, w*) "
                                  "<= max(theta(w, w*), kappa), kappa = arcsin(2pi beta/k)"),
        OS.kappa_in_cone_step("kappa <= pi - delta (cos kappa >= |cos delta|), so theta(w_hat, w*) <= "
                              "pi - delta"),
        *OS.unit_ball_steps(SIGNS),
        OS.cone_induction_step("along a run (w^t unit, every w_hat^{t+1} != 0): M_t = max(theta_t, kappa) "
                               "is non-increasing and M_0 <= pi - delta, so theta_t <= pi - delta for "
                               "every t"),
        cos_decreasing_step(),
    ])


# ----------------------------------------------------------------------------- R-mu-positive

INNERS = ("OP-soft-inner", "OP-hard-inner", "OP-tl1-inner")
USES_MU_POSITIVE = ("R-limit-pair", *INNERS, "R-invariance", "R-fixed-point-plane")


def prove_mu_positive() -> ProofResult:
    Nn = sp.Symbol("N_bar", nonnegative=True)
    mc1 = sp.Symbol("n_1", positive=True)  # -c1 > 0
    mu = sp.Symbol("mu", real=True)
    c1 = sp.Symbol("c_1", real=True)
    case_neg = certify.certified(
        "case c1 < 0: eta mu = N_bar - c1 > 0, so mu > 0", ETA * mu, Nn + mc1,
        defs={Nn: c1 + ETA * mu, mc1: -c1}, strict=True)
    return proof([
        cites("R-limit-pair", "at the limit: c2 w* + beta u_bar = mu w_bar, c1 + eta mu = N_bar >= 0, "
                              "and every closed property of the steps holds at (w_bar, u_bar)"),
        *(cites(cid, "u_i (w_i - u_i) >= 0 at every step, hence at the limit") for cid in INNERS),
        cites("R-fixed-point-plane", "frame: cos(theta_bar) = C, sin(theta_bar) = b y, mu = c2 (C + b x), "
                                     "h = x - x^2 - y^2 >= 0"),
        case_neg,
        cites("R-invariance", "case c1 >= 0: with (i), theta_t <= pi - delta for every t (the u-update "
                              "is soft, hard or Tl1 thresholding), hence (R-limit-pair) theta_bar <= "
                              "pi - delta"),
        F.cos_monotone(),
        F.cone_excludes_mu_nonpositive(),
        F.mu_positive_gives_cos_positive(),
    ])
