"""The SymPy derivation: its checks are zero, its conclusions are re-derived here independently,
(G1)-(G3) agree with numerical quadrature, and the numerics are generated from it."""

from __future__ import annotations

import dataclasses
import importlib

import mpmath
import numpy as np
import pytest
import sympy as sp

from proofs.model import (
    Step,
    derivation,
    expected_coarse_gradient,
    loss_gradient,
    model,
    population_loss,
)
from proofs.model.derivation import k, r
from proofs.model.gaussian import gaussian_facts, theta

# the attribute proofs.model.derivation is the function derivation(); fetch the modules
derivation_mod = importlib.import_module("proofs.model.derivation")
numeric_mod = importlib.import_module("proofs.model.numeric")


def is_zero(e) -> bool:
    e = sp.Matrix(e) if isinstance(e, sp.MatrixBase) else e
    if isinstance(e, sp.MatrixBase):
        return all(sp.simplify(x) == 0 for x in e)
    return sp.simplify(e) == 0


def on_range(e: sp.Expr, n: int = 7) -> list[float]:
    """|e| at n points of (0, pi), 30 digits (a numeric backstop for symbolic zero tests)."""
    vals = []
    for i in range(1, n + 1):
        t = sp.pi * i / (n + 1)  # exact points, so evalf can work to 30 digits
        v = sp.N(sp.sympify(e).subs({theta: t, k: 3, r: sp.Rational(17, 10)}), 30)
        vals.append(abs(complex(v)))
    return vals


# ---- Gaussian facts -------------------------------------------------------------------------


def test_gaussian_checks_are_zero():
    g = gaussian_facts()
    assert g.g1_check == 0
    assert g.g2_check == sp.zeros(2, 1)
    assert g.g3_check == sp.zeros(2, 1)
    assert sp.simplify(g.half_plane - sp.Rational(1, 2)) == 0
    assert is_zero(g.sign_disagreement - theta / sp.pi)
    # the stored check is honest: recompute (G3) derived - printed numerically on (0, pi)
    for comp in g.mean_on_wedge - g.mean_on_wedge_printed:
        assert max(on_range(comp)) < 1e-25


# ---- independent numerical quadrature of (G1)-(G3) in polar coordinates ----------------------


def quad_plane(power, angular, th):
    """E[rho^power angular(phi) ...] for z = rho (cos phi, sin phi) ~ N(0, I_2), by mpmath.quad in
    polar coordinates. The density exp(-rho^2/2) rho / (2 pi) is a product, so the double integral
    is the product (Fubini) of a radial and an angular quadrature; the angular one is split where
    an indicator {cos(phi - x) > 0}, x in {0, th}, jumps."""
    pi = mpmath.pi
    radial = mpmath.quad(lambda rho: rho**power * mpmath.exp(-(rho**2) / 2) * rho, [0, mpmath.inf])
    cuts = {-pi, pi}
    for x in (0, th):
        for c in (x - pi / 2, x + pi / 2):
            cuts.add((c + pi) % (2 * pi) - pi)
    return radial * mpmath.quad(angular, sorted(cuts)) / (2 * pi)


@pytest.mark.parametrize("th", [0.3, 1.0, 1.9, 2.8])
def test_gaussian_facts_match_quadrature(th):
    g = gaussian_facts()
    with mpmath.workdps(20):
        th_mp = mpmath.mpf(th)

        def pos(phi, x):  # 1{z . (cos x, sin x) > 0}
            return 1 if mpmath.cos(phi - x) > 0 else 0

        g1 = quad_plane(0, lambda phi: pos(phi, 0) != pos(phi, th_mp), th_mp)
        g2 = [
            quad_plane(1, lambda phi: mpmath.cos(phi) * pos(phi, 0), th_mp),
            quad_plane(1, lambda phi: mpmath.sin(phi) * pos(phi, 0), th_mp),
        ]
        g3 = [
            quad_plane(1, lambda phi: mpmath.cos(phi) * pos(phi, 0) * pos(phi, th_mp), th_mp),
            quad_plane(1, lambda phi: mpmath.sin(phi) * pos(phi, 0) * pos(phi, th_mp), th_mp),
        ]

    def val(e):
        return float(sp.N(sp.sympify(e).subs(theta, th), 25))

    assert abs(float(g1) - val(g.sign_disagreement)) < 1e-14
    for i in range(2):
        assert abs(float(g2[i]) - val(g.mean_on_half_plane[i])) < 1e-14
        assert abs(float(g3[i]) - val(g.mean_on_wedge[i])) < 1e-14
    # ... and the quadrature can tell a wrong fact from the right one
    assert abs(float(g1) - 1.01 * val(g.sign_disagreement)) > 1e-4


# ---- loss, gradient, coarse gradient ---------------------------------------------------------


def test_loss_eq3_is_twice_eq6():
    m = model()
    assert is_zero(m.loss["eq3"] - 2 * m.loss["eq6"])
    assert not is_zero(m.loss["eq3"] - m.loss["eq6"])
    # numerically too
    w, s = np.array([0.3, 1.0, -2.0]), np.array([1.0, 0.2, 0.1])
    assert population_loss(w, s, 4, "eq3") == pytest.approx(2 * population_loss(w, s, 4, "eq6"))


def test_loss_is_linear_in_theta_independently_derived():
    """Re-derive f here: with X_i in {-1, 0, 1}, E X_i = P[a>0] - P[b>0] = 0 and
    E X_i^2 = (G1), so E(sum X_i)^2 = k (G1) + k(k-1) (E X)^2 = k theta / pi."""
    g = gaussian_facts()
    ex = g.half_plane - g.half_plane
    f3 = k * g.sign_disagreement + k * (k - 1) * ex**2
    assert is_zero(model().loss["eq3"] - f3)
    assert is_zero(model().loss["eq6"] - f3 / 2)


@pytest.mark.parametrize("conv", ["eq6", "eq3"])
def test_gradient_coefficients_are_f_prime_times_grad_theta(conv):
    """grad f = f'(theta) grad theta, grad theta = (cos theta w^ - s^)/(r sin theta)."""
    m = model()
    fp = sp.diff(m.loss[conv], theta)
    c = m.gradient[conv]
    assert is_zero(c.coeff_w - fp * sp.cos(theta) / (r * sp.sin(theta)))
    assert is_zero(c.coeff_s + fp / (r * sp.sin(theta)))


def test_gradient_equals_eq13_in_the_plane():
    """Lemma 5.1 eq. (13), |w*| = 1, in the frame w^ = e1, s^ = (cos t, sin t), |w| = r."""
    c = model().gradient["eq6"]
    w_hat = sp.Matrix([1, 0])
    s_hat = sp.Matrix([sp.cos(theta), sp.sin(theta)])
    perp = s_hat - w_hat * w_hat.dot(s_hat)
    printed = -k / (2 * sp.pi * r) * perp / sp.sin(theta)  # |perp| = sin theta on (0, pi)
    assert is_zero(sp.simplify(perp.dot(perp) - sp.sin(theta) ** 2))
    assert is_zero(c.coeff_w * w_hat + c.coeff_s * s_hat - printed)


def test_two_readings_of_eq9_agree():
    m = model()
    assert m.readings_agree is True
    e, s = m.coarse_gradient["entrywise"], m.coarse_gradient["scalar"]
    assert is_zero(e.coeff_w - s.coeff_w)
    assert is_zero(e.coeff_s - s.coeff_s)
    w, ws = np.array([[0.3, 1.0, -2.0], [1.0, 1.0, 1.0]]), np.array([1.0, 0.2, 0.1])
    np.testing.assert_allclose(
        expected_coarse_gradient(w, ws, 3, "entrywise"),
        expected_coarse_gradient(w, ws, 3, "scalar"),
    )


def test_coarse_gradient_equals_eq14_as_printed():
    """Eq. (14) with |w*| = 1 in the frame: (k/pi)[w^ - cos(t/2) (w^ + s^)/|w^ + s^|]."""
    c = model().coarse_gradient["entrywise"]
    w_hat = sp.Matrix([1, 0])
    s_hat = sp.Matrix([sp.cos(theta), sp.sin(theta)])
    b = w_hat + s_hat
    printed = k / sp.pi * (w_hat - sp.cos(theta / 2) * b / sp.sqrt(b.dot(b)))
    diff = c.coeff_w * w_hat + c.coeff_s * s_hat - printed
    for comp in diff:
        assert max(on_range(comp)) < 1e-25


def test_unit_sphere_form_eq17():
    """|w| = |w*| = 1: E_Z[g] = (k/2pi) w - (k/2pi) w* (eq. 17)."""
    for reading in ("entrywise", "scalar"):
        c = model().coarse_gradient[reading]
        assert is_zero(c.coeff_w.subs(r, 1) - k / (2 * sp.pi))
        assert is_zero(c.coeff_s.subs(r, 1) + k / (2 * sp.pi))
    rng = np.random.default_rng(3)
    w, s = rng.standard_normal(4), rng.standard_normal(4)
    w, s = w / np.linalg.norm(w), s / np.linalg.norm(s)
    np.testing.assert_allclose(
        expected_coarse_gradient(w, s, 7), 7 / (2 * np.pi) * (w - s), atol=1e-15
    )


# ---- derivation() ----------------------------------------------------------------------------


def test_derivation_returns_captioned_sympy_steps():
    steps = derivation()
    assert isinstance(steps, list) and len(steps) >= 10
    for st in steps:
        assert isinstance(st, Step)
        assert isinstance(st.caption, str) and st.caption.strip()
        # SymPy objects: expressions, equations, or (mutable) matrices
        assert isinstance(st.expr, sp.Basic | sp.MatrixBase), st.caption
    captions = " ".join(st.caption for st in steps)
    for needle in ("(G1)", "(G2)", "(G3)", "eq. (3)", "eq. (6)", "eq. (9)", "unit sphere"):
        assert needle in captions, needle
    # steps that are checks are zero
    for st in steps:
        if st.caption.startswith("(G3) minus") or "differentiated in coordinates" in st.caption:
            assert is_zero(st.expr), st.caption
    # the readings step records agreement
    agree = [st for st in steps if "readings of eq. (9) agree" in st.caption]
    assert agree and agree[0].expr.rhs == sp.true
    # derivation() hands out a fresh list: mutating it does not touch the model
    steps.clear()
    assert derivation()


# ---- single source of truth -----------------------------------------------------------------


@pytest.fixture
def restore_model_cache(monkeypatch):
    try:
        yield monkeypatch
    finally:
        monkeypatch.undo()
        derivation_mod.model.cache_clear()


def test_numerics_are_generated_from_the_cached_model(restore_model_cache):
    """Scaling a coefficient of the cached model changes every numeric result accordingly."""
    w, s = np.array([0.3, 1.0, -2.0]), np.array([1.0, 0.2, 0.1])
    before = {
        "loss": population_loss(w, s, 3),
        "grad": loss_gradient(w, s, 3),
        "coarse": expected_coarse_gradient(w, s, 3),
    }
    real = derivation_mod.model()
    factor = sp.Rational(7, 5)
    patched = dataclasses.replace(
        real,
        loss={c: factor * e for c, e in real.loss.items()},
        gradient={
            c: dataclasses.replace(v, coeff_w=factor * v.coeff_w, coeff_s=factor * v.coeff_s)
            for c, v in real.gradient.items()
        },
        coarse_gradient={
            c: dataclasses.replace(v, coeff_s=factor * v.coeff_s)
            for c, v in real.coarse_gradient.items()
        },
    )
    restore_model_cache.setattr(numeric_mod, "model", lambda: patched)
    assert population_loss(w, s, 3) == pytest.approx(1.4 * before["loss"], rel=1e-14)
    np.testing.assert_allclose(loss_gradient(w, s, 3), 1.4 * before["grad"], rtol=1e-14)
    w_hat, s_hat = w / np.linalg.norm(w), s / np.linalg.norm(s)
    np.testing.assert_allclose(
        expected_coarse_gradient(w, s, 3),
        before["coarse"] - 0.4 * 3 / (2 * np.pi) * s_hat,
        atol=1e-14,
    )
    assert not np.allclose(expected_coarse_gradient(w, s, 3), 3 / (2 * np.pi) * (w_hat - s_hat))


def test_numerics_follow_a_rederivation(restore_model_cache):
    """Feed a wrong (G1) into the derivation and clear the cache: the loss the numerics return
    follows the re-derivation (and mpmath too). Restored afterwards."""
    w, s = np.array([0.3, 1.0, -2.0]), np.array([1.0, 0.2, 0.1])
    before = population_loss(w, s, 3)
    real = gaussian_facts()
    broken = dataclasses.replace(real, sign_disagreement=2 * real.sign_disagreement)
    restore_model_cache.setattr(derivation_mod, "gaussian_facts", lambda: broken)
    derivation_mod.model.cache_clear()
    assert population_loss(w, s, 3) == pytest.approx(2 * before, rel=1e-14)
    with mpmath.workdps(30):
        got = population_loss([mpmath.mpf(x) for x in w], [mpmath.mpf(x) for x in s], 3)
    assert float(got) == pytest.approx(2 * before, rel=1e-14)


def test_model_restored_after_patching():
    """Runs after the two tests above: the real model is back."""
    assert model().loss["eq6"] == k * theta / (2 * sp.pi)
