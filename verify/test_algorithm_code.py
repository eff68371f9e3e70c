"""The code Algorithm 1 runs, checked against what the claims prove (issue: verdicts pinned to
the code that runs, not to formulas of their own).

* Every u-update implementation Algorithm 1 uses -- ``thresholds.prox`` (numpy, float64 and
  mpmath), the single-run path ``single.u_update`` (float64 and mpmath) and the batched path of
  ``rvscgd.run_batch`` -- equals the closed form the claims prove (soft thresholding, L5.4-soft-prox;
  hard thresholding at sqrt(2 tau), L5.8-l0-prox; Lemma 5.7's printed g above t, L5.7-tl1-prox),
  at 50 digits where the implementation runs in mpmath, and to float rounding otherwise, across
  each regime of the proofs and at their boundaries (either output is accepted exactly at a tie).
* A short run agrees between the batched path, the single-run path and the 50-digit replay.
"""

from __future__ import annotations

import math
from typing import Any

import mpmath
import numpy as np
import pytest

from proofs.algorithm import rvscgd, single
from proofs.algorithm.rvscgd import RunSpec
from proofs.algorithm.thresholds import prox
from proofs.claims.lemma5_7 import printed_g
from proofs.engine.backend import MpBackend

DPS = 50
TAUS = ("1/1000", "1/10", "1/4", "1", "3")
AS = ("1/100", "1/2", "1", "2", "10")


def _t(tau: Any, a: Any) -> Any:
    """Lemma 5.7's printed threshold with tau in place of lambda (exact regimes)."""
    if tau <= a * a / (2 * (a + 1)):
        return tau * (a + 1) / a
    return mpmath.sqrt(2 * tau * (a + 1)) - a / 2


def _closed(x: Any, tau: Any, pen: str, a: Any) -> tuple[Any, ...]:
    """The proved closed form(s) at x (two values exactly at a tie)."""
    if pen == "l1":
        return (mpmath.sign(x) * max(abs(x) - tau, 0 * x),)
    if pen == "l0":
        thr = mpmath.sqrt(2 * tau)
        return (x, 0 * x) if abs(x) == thr else ((x,) if abs(x) > thr else (0 * x,))
    t = _t(tau, a)
    B = MpBackend(DPS)
    g, _ = printed_g(abs(x), tau, a, B)
    kept = mpmath.sign(x) * g if g is not None else None
    if abs(x) == t:
        return (0 * x,) + ((kept,) if kept is not None else ())
    return (kept,) if abs(x) > t else (0 * x,)


def _xs(tau: Any, a: Any, pen: str) -> list[Any]:
    """Points across every regime and at each boundary (thresholds, just inside/outside)."""
    thr = {"l1": tau, "l0": mpmath.sqrt(2 * tau), "tl1": _t(tau, a)}[pen]
    rel = [0, mpmath.mpf("1e-30"), mpmath.mpf("-1e-30"), mpmath.mpf("1e-9"), mpmath.mpf("-1e-9"),
           mpmath.mpf("1e-3"), mpmath.mpf("-1e-3"), mpmath.mpf("1") / 2, -mpmath.mpf("1") / 2, 3]
    base = [thr * (1 + r) for r in rel] + [mpmath.mpf(0), thr / 10, 10 * thr + 1]
    return [s * x for x in base for s in (1, -1)]


def _cases() -> list[tuple[str, str, str]]:
    return [(pen, tau, a) for pen in ("l1", "l0", "tl1") for tau in TAUS
            for a in (AS if pen == "tl1" else ("1",))]


def _near(x: Any, others: tuple[Any, ...], tol: Any) -> bool:
    return any(o is not None and abs(x - o) <= tol * (1 + abs(o)) for o in others)


@pytest.mark.parametrize(("pen", "tau_s", "a_s"), _cases())
def test_every_u_update_equals_the_proved_closed_form(pen: str, tau_s: str, a_s: str) -> None:
    with mpmath.workdps(DPS):
        tau, a = mpmath.mpf(mpmath.mpmathify(tau_s)), mpmath.mpf(mpmath.mpmathify(a_s))
        xs = _xs(tau, a, pen)
        want = [_closed(x, tau, pen, a) for x in xs]
        # mpmath implementations: the closed form to 50 digits
        mp_prox = prox(np.array(xs, dtype=object), tau, mpmath.mpf(1), pen, a, exact_tl1=True)
        mp_single = single.u_update(list(xs), tau, pen, a)
        # Algorithm 1's option exact_tl1=False runs Lemma 5.7 as printed (proved equal above t)
        mp_printed = prox(np.array(xs, dtype=object), tau, mpmath.mpf(1), pen, a, exact_tl1=False)
        for x, y1, y2, y3, w in zip(xs, mp_prox, mp_single, mp_printed, want, strict=True):
            for y, where in ((y1, "thresholds.prox"), (y2, "single.u_update"), (y3, "printed prox")):
                assert _near(y, w, mpmath.mpf(10) ** (10 - DPS)), (where, pen, tau_s, a_s, x, y, w)
        if pen == "tl1":  # the threshold the claims and Algorithm 1's printed option use
            from proofs.algorithm.thresholds import tl1_t

            assert abs(tl1_t(tau, a) - _t(tau, a)) <= mpmath.mpf(10) ** (10 - DPS) * (1 + _t(tau, a))
            assert abs(float(tl1_t(float(tau), float(a))) - float(_t(tau, a))) <= 1e-12 * (1 + float(_t(tau, a)))
    # float64 implementations (the same inputs rounded): the closed form of the rounded input to
    # 1e-9 (Lemma 5.7's g is ill-conditioned next to t at the regime boundary, where it grows
    # like sqrt(|x| - t); a slip in a threshold or a shrinkage moves outputs by O(tau)); a
    # rounded input within 1e-12 of a threshold may fall either way
    xf = np.array([float(x) for x in xs])
    tf, af = float(tau), float(a)
    fl_prox = prox(xf, tf, 1.0, pen, af, exact_tl1=True)
    fl_single = single.u_update(list(xf), tf, pen, af)
    spec_w0 = np.where(xf == 0, 1e-300, xf)  # run_batch needs w0 != 0; one step gives u^1 = P(w0)
    traj = rvscgd.run_batch(1, np.ones_like(spec_w0), spec_w0[None, :], tf, 1.0, 1e-3, penalty=pen,
                            a=af, T=1, exact_tl1=True, progress=False)
    fl_batch = traj.u[0]
    with mpmath.workdps(DPS):
        thr = {"l1": tau, "l0": mpmath.sqrt(2 * tau), "tl1": _t(tau, a)}[pen]
        for i, x in enumerate(xf):
            xm = mpmath.mpf(float(spec_w0[i]))
            w = _closed(xm, tau, pen, a)
            if abs(abs(xm) - thr) <= mpmath.mpf("1e-12") * (1 + thr):
                continue
            for y, where in ((fl_prox[i], "prox"), (fl_single[i], "single"), (fl_batch[i], "run_batch")):
                assert _near(mpmath.mpf(float(y)), w, mpmath.mpf("1e-9")), (where, pen, tau_s, a_s, x, y, w)


SPECS = [
    RunSpec(k=k, w_star=ws, w0=w0, lam=lam, beta=beta, eta=eta, penalty=pen, a=a, T=25)
    for (k, ws, w0, lam, beta, eta, a) in [
        (1, (0.8, 0.6, 0.0), (0.0, 0.6, 0.8), 0.01, 0.15, 0.5, 1.0),
        (20, (0.5, 0.5, 0.5, 0.5), (0.17, -0.7, 0.3, 0.2), 1e-4, 1e-3, 0.05, 2.0),
        (3, (1.0, 2.0), (-1.0, 0.5), 0.05, 0.3, 0.8, 0.5),
    ]
    for pen in ("l1", "l0", "tl1")
]


def _threshold_distance(w: Any, spec: RunSpec) -> Any:
    tau = mpmath.mpf(spec.lam) / mpmath.mpf(spec.beta)
    thr = {"l1": tau, "l0": mpmath.sqrt(2 * tau), "tl1": _t(tau, mpmath.mpf(spec.a))}[spec.penalty]
    return min(abs(abs(x) - thr) for x in w)


@pytest.mark.parametrize("spec", SPECS, ids=[f"{s.penalty}-k{s.k}-d{len(s.w_star)}" for s in SPECS])
def test_batched_single_and_replayed_runs_agree(spec: RunSpec) -> None:
    batch = rvscgd.run_batch(spec.k, np.array(spec.w_star), np.array([spec.w0, spec.w0]), spec.lam,
                             spec.beta, spec.eta, penalty=spec.penalty, a=spec.a, T=spec.T,
                             exact_tl1=True, progress=False)
    one = single.run_single(spec, record=True)
    mp_run = rvscgd.replay(spec, DPS)
    with mpmath.workdps(DPS):
        # the runs stay away from the thresholds, so float and 50 digits take the same branches
        assert min(_threshold_distance(w, spec) for w in mp_run.w) > mpmath.mpf("1e-6")
        for t, (wf, wm) in enumerate(zip(one.ws, mp_run.w, strict=True)):
            err = max(abs(mpmath.mpf(float(x)) - y) for x, y in zip(wf, wm, strict=True))
            assert err <= mpmath.mpf("1e-11") * (t + 1), (t, err)
    for b in range(2):
        assert np.max(np.abs(batch.w[b] - np.array(one.w))) <= 1e-13 * spec.T
        assert np.max(np.abs(batch.u[b] - np.array(one.u))) <= 1e-13 * spec.T
    assert math.isfinite(float(one.step_cond_max))
