"""The derived gradient against central finite differences of the derived loss, in mpmath.

At 50 digits, central differences with h = 1e-20 have truncation error O(h^2) ~ 1e-40 and rounding
error O(10^-50 / h) ~ 1e-30, so they pin the gradient to ~1e-30 relative. Also: the gradient is
orthogonal to w (f depends on w only through its direction), -grad f turns w towards w* (the angle
and the loss decrease along it), and for |w*| = 1 it equals eq. (13) as printed (Lemma 5.1),
implemented here independently with the projector I - w w^T/|w|^2.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

from proofs.model import angle, loss_gradient, population_loss

DPS = 50
H = mpmath.mpf("1e-20")
FD_TOL = mpmath.mpf("1e-28")  # relative, on the norm of the gradient error


@pytest.fixture(autouse=True)
def fifty_digits():
    with mpmath.workdps(DPS):
        yield


def random_point(seed: int, d: int, unit_teacher: bool = False):
    """mpf vectors (w, w*) with theta in [0.2, pi - 0.2] and |w| in [0.2, 5]."""
    rng = np.random.default_rng(seed)
    while True:
        w = rng.standard_normal(d) * rng.uniform(0.2, 5.0) / np.sqrt(d)
        s = rng.standard_normal(d)
        w_mp = [mpmath.mpf(x) for x in w]
        s_mp = [mpmath.mpf(x) for x in s]
        if unit_teacher:
            n = mpmath.sqrt(mpmath.fsum(x * x for x in s_mp))
            s_mp = [x / n for x in s_mp]
        th = angle(np.array(w_mp, dtype=object), np.array(s_mp, dtype=object))
        if 0.2 <= th <= mpmath.pi - 0.2:
            return w_mp, s_mp


def central_difference(w, s, k, convention):
    grad = []
    for i in range(len(w)):
        up, dn = list(w), list(w)
        up[i] += H
        dn[i] -= H
        fu = population_loss(up, s, k, convention=convention)
        fd = population_loss(dn, s, k, convention=convention)
        grad.append((fu - fd) / (2 * H))
    return grad


def mp_norm(v) -> mpmath.mpf:
    return mpmath.sqrt(mpmath.fsum(x * x for x in v))


def arr(v) -> np.ndarray:
    return np.array(v, dtype=object)


def dot(a, b) -> mpmath.mpf:
    return mpmath.fsum(x * y for x, y in zip(a, b, strict=True))


POINTS = [(seed, d, k) for seed, d, k in [(1, 2, 1), (2, 3, 3), (3, 5, 2), (4, 4, 7), (5, 8, 4)]]


@pytest.mark.parametrize("convention", ["eq6", "eq3"])
@pytest.mark.parametrize(("seed", "d", "k"), POINTS)
def test_gradient_matches_central_differences(seed, d, k, convention):
    w, s = random_point(seed, d)
    g = loss_gradient(w, s, k, convention=convention)
    assert all(isinstance(x, mpmath.mpf) for x in g)
    fd = central_difference(w, s, k, convention)
    err = mp_norm([a - b for a, b in zip(g, fd, strict=True)]) / mp_norm(g)
    assert err < FD_TOL, (seed, convention, err)


def test_finite_difference_check_has_power():
    """A gradient off by a relative 1e-25 (far below float64 resolution) is caught."""
    w, s = random_point(7, 4)
    g = loss_gradient(w, s, 3)
    wrong = [x * (1 + mpmath.mpf("1e-25")) for x in g]
    fd = central_difference(w, s, 3, "eq6")
    err = mp_norm([a - b for a, b in zip(wrong, fd, strict=True)]) / mp_norm(g)
    assert err > FD_TOL


@pytest.mark.parametrize("convention", ["eq6", "eq3"])
@pytest.mark.parametrize(("seed", "d", "k"), POINTS)
def test_gradient_orthogonal_to_w(seed, d, k, convention):
    """f(c w) = f(w) for c > 0, so <grad f(w), w> = 0."""
    w, s = random_point(seed, d)
    g = loss_gradient(w, s, k, convention=convention)
    assert abs(dot(g, w)) <= mpmath.mpf("1e-45") * mp_norm(g) * mp_norm(w)


@pytest.mark.parametrize(("seed", "d", "k"), POINTS)
def test_minus_gradient_turns_w_towards_teacher(seed, d, k):
    """<grad f, w*> < 0, and a small step along -grad f lowers both theta and f."""
    w, s = random_point(seed, d)
    g = loss_gradient(w, s, k)
    assert dot(g, s) < 0
    t = mpmath.mpf("1e-6")
    stepped = [a - t * b for a, b in zip(w, g, strict=True)]
    assert angle(arr(stepped), arr(s)) < angle(arr(w), arr(s))
    assert population_loss(stepped, s, k) < population_loss(w, s, k)
    # ... and a step along +grad f raises them
    stepped = [a + t * b for a, b in zip(w, g, strict=True)]
    assert angle(arr(stepped), arr(s)) > angle(arr(w), arr(s))


@pytest.mark.parametrize(("seed", "d", "k"), POINTS)
def test_gradient_equals_eq13_as_printed_for_unit_teacher(seed, d, k):
    """Lemma 5.1, eq. (13): grad f = -k/(2 pi |w|) P w*/|P w*|, P = I - w w^T/|w|^2, |w*| = 1."""
    w, s = random_point(seed, d, unit_teacher=True)
    nw2 = dot(w, w)
    ws = dot(w, s)
    p = [si - wi * ws / nw2 for wi, si in zip(w, s, strict=True)]
    c = -k / (2 * mpmath.pi * mpmath.sqrt(nw2) * mp_norm(p))
    printed = [c * x for x in p]
    g = loss_gradient(w, s, k, convention="eq6")
    err = mp_norm([a - b for a, b in zip(g, printed, strict=True)]) / mp_norm(printed)
    assert err < mpmath.mpf("1e-45")
    # eq. (3) convention: twice eq. (6)
    g3 = loss_gradient(w, s, k, convention="eq3")
    assert mp_norm([a - 2 * b for a, b in zip(g3, printed, strict=True)]) < mpmath.mpf("1e-45")
