"""Monte Carlo check of the derived population model against a naive sampler written here.

For Z with i.i.d. N(0, 1) entries (k patches of size d) the test samples, independently of
``proofs.model``:

* the loss of eq. (3), (h(w,Z) - h(w*,Z))^2 with h(w,Z) = 1^T sigma(Zw), and of eq. (6) (half that);
* the coarse gradient of eq. (9), g = sqrt(2/pi) Z^T (mu'(Zw) o residual), under both readings:
  entrywise residual sigma(Zw) - sigma(Zw*), and scalar residual 1^T sigma(Zw) - 1^T sigma(Zw*)
  multiplying Z^T mu'(Zw);

and requires the closed forms to lie within 5 standard errors (estimated from the same samples) of
the sample means, per coordinate, plus a Hotelling T^2 test of the whole gradient vector.

The check is shown to have power: perturbed closed forms (a factor 1.1, the eq. (3) value used for
eq. (6), ...) are rejected by the same check, both when the perturbation is applied to the numbers
and when it is injected into the cached SymPy model, from which the numerics are generated.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import sympy as sp
from scipy.stats import chi2

from proofs.model import angle, expected_coarse_gradient, population_loss
from proofs.model.derivation import Coefficients

# `proofs.model.derivation` as an attribute is the function derivation(); fetch the modules.
derivation = importlib.import_module("proofs.model.derivation")
numeric = importlib.import_module("proofs.model.numeric")

Z_LIMIT = 5.0  # standard errors
T2_TAIL = 1e-6  # tail probability of the Hotelling / chi-square check
M_SAMPLES = 100_000

# (k, d, seed, unit teacher?)
CASES = [(1, 2, 11, True), (3, 4, 12, False), (5, 3, 13, True), (2, 6, 14, False)]


# ---------------------------------------------------------------------------------------------
# naive, independent sampler
# ---------------------------------------------------------------------------------------------


def sigma(x: np.ndarray) -> np.ndarray:
    """Binarized ReLU: 1{x > 0}."""
    return (x > 0).astype(float)


def sample(w: np.ndarray, w_star: np.ndarray, k: int, m: int, rng: np.random.Generator) -> dict:
    """Per-sample values of the losses of eqs. (3), (6) and of g under both readings of eq. (9)."""
    d = w.shape[0]
    Z = rng.standard_normal((m, k, d))
    act = sigma(Z @ w)  # (m, k): sigma(Zw) = mu'(Zw)
    act_star = sigma(Z @ w_star)
    h, h_star = act.sum(axis=1), act_star.sum(axis=1)
    loss3 = (h - h_star) ** 2
    loss6 = 0.5 * (h - h_star) ** 2
    c = np.sqrt(2 / np.pi)
    # entrywise: Z^T (mu'(Zw) o (sigma(Zw) - sigma(Zw*)))
    g_entry = c * np.einsum("mkd,mk->md", Z, act * (act - act_star))
    # scalar: (Z^T mu'(Zw)) * (1^T sigma(Zw) - 1^T sigma(Zw*))
    g_scalar = c * np.einsum("mkd,mk->md", Z, act) * (h - h_star)[:, None]
    return {"eq3": loss3, "eq6": loss6, "entrywise": g_entry, "scalar": g_scalar}


def z_scores(samples: np.ndarray, closed: Any) -> np.ndarray:
    """(sample mean - closed form) / standard error, per coordinate."""
    m = samples.shape[0]
    se = samples.std(axis=0, ddof=1) / np.sqrt(m)
    return (samples.mean(axis=0) - np.asarray(closed, dtype=float)) / se


def hotelling(samples: np.ndarray, closed: np.ndarray) -> float:
    """Hotelling T^2 = m (mean - closed)^T S^-1 (mean - closed), ~ chi^2_d for large m."""
    m = samples.shape[0]
    diff = samples.mean(axis=0) - closed
    cov = np.cov(samples, rowvar=False)
    return float(m * diff @ np.linalg.solve(cov, diff))


def consistent(samples: np.ndarray, closed: Any) -> bool:
    """The statistical check used throughout: all |z| <= 5 and (vectors) T^2 below the
    1e-6 upper quantile of chi^2_d."""
    if np.max(np.abs(z_scores(samples, closed))) > Z_LIMIT:
        return False
    if samples.ndim == 2:
        d = samples.shape[1]
        return hotelling(samples, np.asarray(closed, dtype=float)) <= chi2.isf(T2_TAIL, d)
    return True


def draw_case(k: int, d: int, seed: int, unit_teacher: bool):
    """A random (w, w*) with theta in [0.4, pi - 0.4], |w| in [0.3, 3]; w* unit or not."""
    rng = np.random.default_rng(seed)
    while True:
        w_star = rng.standard_normal(d)
        if unit_teacher:
            w_star /= np.linalg.norm(w_star)
        else:
            w_star *= rng.uniform(0.2, 4.0) / np.linalg.norm(w_star)
        w = rng.standard_normal(d)
        w *= rng.uniform(0.3, 3.0) / np.linalg.norm(w)
        th = float(angle(w, w_star))
        if 0.4 <= th <= np.pi - 0.4:
            return w, w_star, rng


@pytest.fixture(scope="module")
def sampled() -> list[tuple]:
    """Samples for every case, drawn once (fixed seeds)."""
    out = []
    for k, d, seed, unit_teacher in CASES:
        w, w_star, rng = draw_case(k, d, seed, unit_teacher)
        out.append((k, w, w_star, sample(w, w_star, k, M_SAMPLES, rng)))
    return out


def closed_forms(w, w_star, k) -> dict:
    return {
        "eq3": population_loss(w, w_star, k, convention="eq3"),
        "eq6": population_loss(w, w_star, k, convention="eq6"),
        "entrywise": expected_coarse_gradient(w, w_star, k, reading="entrywise"),
        "scalar": expected_coarse_gradient(w, w_star, k, reading="scalar"),
    }


# ---------------------------------------------------------------------------------------------
# the closed forms agree with the samples
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("quantity", ["eq3", "eq6", "entrywise", "scalar"])
def test_closed_form_matches_samples(sampled, quantity):
    for k, w, w_star, s in sampled:
        closed = closed_forms(w, w_star, k)[quantity]
        z = z_scores(s[quantity], closed)
        assert np.max(np.abs(z)) <= Z_LIMIT, (quantity, k, w, w_star, z)
        if s[quantity].ndim == 2:
            d = w.shape[0]
            t2 = hotelling(s[quantity], np.asarray(closed))
            assert t2 <= chi2.isf(T2_TAIL, d), (quantity, k, t2)


def test_batched_closed_form_matches_samples(sampled):
    """The same check with the closed forms evaluated as one (B, d) batch (same d only)."""
    for k, w, w_star, s in sampled:
        W = np.stack([w, 2 * w])  # f and E g are scale-invariant in w
        S = np.stack([w_star, w_star])
        for conv in ("eq3", "eq6"):
            for row in population_loss(W, S, k, convention=conv):
                assert consistent(s[conv], row)
        for reading in ("entrywise", "scalar"):
            for row in expected_coarse_gradient(W, S, k, reading=reading):
                assert consistent(s[reading], row)


# ---------------------------------------------------------------------------------------------
# power: wrong closed forms are rejected by the same check
# ---------------------------------------------------------------------------------------------

MUTATIONS = {
    "loss x 1.1": lambda c: {"eq6": 1.1 * c["eq6"], "eq3": 1.1 * c["eq3"]},
    "eq3 value used for eq6": lambda c: {"eq6": c["eq3"]},
    "eq6 value used for eq3": lambda c: {"eq3": c["eq6"]},
    "gradient x 1.1": lambda c: {r: 1.1 * c[r] for r in ("entrywise", "scalar")},
    "gradient x 0.9": lambda c: {r: 0.9 * c[r] for r in ("entrywise", "scalar")},
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_check_rejects_perturbed_closed_forms(sampled, name):
    for k, w, w_star, s in sampled:
        for quantity, wrong in MUTATIONS[name](closed_forms(w, w_star, k)).items():
            assert not consistent(s[quantity], wrong), (name, quantity, k)


def test_check_rejects_printed_eq14_without_normalizing_w_star(sampled):
    """Eq. (14) read literally with a non-unit w* (w* in place of w*/|w*|) is rejected where
    |w*| != 1, and accepted where |w*| = 1: the check can tell the two apart."""
    for k, w, w_star, s in sampled:
        w_hat = w / np.linalg.norm(w)
        th = float(angle(w, w_star))
        b = w_hat + w_star
        printed = (k / np.pi) * (w_hat - np.cos(th / 2) * b / np.linalg.norm(b))
        unit = np.isclose(np.linalg.norm(w_star), 1.0)
        for reading in ("entrywise", "scalar"):
            assert consistent(s[reading], printed) == unit, (k, reading, np.linalg.norm(w_star))


# ---------------------------------------------------------------------------------------------
# power, end to end: break a factor inside the (cached) SymPy model and watch the check fail
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def patched_coefficients(monkeypatch) -> Iterator:
    """Replace the model the numerics are generated from by a copy with scaled coefficients."""

    def apply(loss_factor=1, coarse_w_factor=1, coarse_s_factor=1):
        real = derivation.model()
        broken = dataclasses.replace(
            real,
            loss={c: loss_factor * e for c, e in real.loss.items()},
            coarse_gradient={
                r: Coefficients(coarse_w_factor * c.coeff_w, coarse_s_factor * c.coeff_s)
                for r, c in real.coarse_gradient.items()
            },
        )
        monkeypatch.setattr(numeric, "model", lambda: broken)

    yield apply
    monkeypatch.undo()


def test_patched_model_coefficients_are_rejected(sampled, patched_coefficients):
    k, w, w_star, s = sampled[1]
    before = closed_forms(w, w_star, k)
    patched_coefficients(loss_factor=sp.Rational(11, 10), coarse_s_factor=sp.Rational(11, 10))
    after = closed_forms(w, w_star, k)
    assert after["eq6"] != before["eq6"]
    for quantity in ("eq3", "eq6", "entrywise", "scalar"):
        assert not consistent(s[quantity], after[quantity]), quantity


def test_patched_model_restored(sampled):
    """After the monkeypatch is undone, the real model passes again (runs after the test above)."""
    k, w, w_star, s = sampled[1]
    for quantity, closed in closed_forms(w, w_star, k).items():
        assert consistent(s[quantity], closed), quantity


@pytest.fixture
def rederived(monkeypatch) -> Iterator:
    """Break a Gaussian fact fed into the derivation, clear the model cache so the derivation is
    re-run on the broken input, and restore (and clear the cache again) afterwards."""

    def apply(**factors):
        real = derivation.gaussian_facts()
        broken = dataclasses.replace(
            real, **{name: factor * getattr(real, name) for name, factor in factors.items()}
        )
        monkeypatch.setattr(derivation, "gaussian_facts", lambda: broken)
        derivation.model.cache_clear()

    try:
        yield apply
    finally:
        monkeypatch.undo()
        derivation.model.cache_clear()


def test_broken_gaussian_fact_propagates_and_is_rejected(sampled, rederived):
    """(G1) x 1.1 and (G3) x 1.1 in the SymPy input: the re-derived loss and expected coarse
    gradient change, and the Monte Carlo check rejects them."""
    k, w, w_star, s = sampled[2]
    before = closed_forms(w, w_star, k)
    rederived(sign_disagreement=sp.Rational(11, 10), mean_on_wedge=sp.Rational(11, 10))
    after = closed_forms(w, w_star, k)
    assert after["eq3"] != before["eq3"]
    assert not np.allclose(after["entrywise"], before["entrywise"])
    for quantity in ("eq3", "eq6", "entrywise", "scalar"):
        assert not consistent(s[quantity], after[quantity]), quantity
