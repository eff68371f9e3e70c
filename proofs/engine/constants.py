"""Best constants: how large must a claim's constant be?

Paper-agnostic engine code. For a claim "Q(p) <= C R(p) on the hypotheses", the smallest valid
constant is ``sup ratio`` with ``ratio = Q/R``. :func:`best_constant` maximises ``ratio(point, B)``
(one implementation, evaluated through a backend of :mod:`proofs.engine.backend`):

1. seeding: uniform samples of a box (plus its corners and centre), or a Hypothesis strategy run
   derandomised with ``target()`` steering it towards large ratios;
2. local search: Nelder--Mead in float64 from the best distinct seeds (bounded by the box,
   points failing ``domain_ok`` rejected);
3. polish: Newton's method on the gradient at ``dps`` (default 50) digits with central
   differences at ``dps + 20`` digits, coordinates found on the boundary of the box held at
   the exact bound; the polished point is kept only if it stays in the domain and does not
   lower the ratio.

The returned :class:`BestConstant` records the best value found (a *lower bound* of the
supremum: it is the ratio at an actual point), the argmax, and whether the printed constant is at
least that value (``printed_is_enough``; ``False`` is a certified-by-evaluation refutation when
the argmax satisfies the hypotheses). Optionally an interval certificate that
``ratio <= bound`` on the whole box (:func:`proofs.engine.interval.certify_nonnegative` applied to
``bound - ratio_expr``) turns the upper side into a proof.

Usage::

    import sympy as sp
    from proofs.engine.constants import best_constant

    def ratio(p, B):
        return p["x"] * B.exp(-p["x"])

    rec = best_constant(ratio, box={"x": (0, 5)}, printed="0.37",
                        ratio_expr=sp.Symbol("x") * sp.exp(-sp.Symbol("x")))
    rec.best              # '0.36787944117144232159552377016146086744581113103176'
    rec.printed_is_enough  # True, and rec.certificate["complete"] is True
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import mpmath
import numpy as np
import sympy

from proofs.engine.backend import FLOAT, MpBackend
from proofs.engine.interval import certify_nonnegative
from proofs.engine.points import to_mp

__all__ = ["BestConstant", "best_constant"]

RatioFn = Callable[[dict[str, Any], Any], Any]


@dataclass(frozen=True)
class BestConstant:
    """Outcome of a best-constant search (JSON-able via :meth:`as_dict`)."""

    name: str
    printed: str | None  # the printed constant (at the argmax, if it depends on the point)
    best: str  # largest ratio found, ``dps`` significant digits
    argmax: dict[str, str]  # the point where it was found (free variables), ``dps`` digits
    printed_is_enough: bool | None  # printed >= best - 10**-(dps-10) (None if nothing printed)
    method: str = "search+local"
    samples: int = 0
    starts: int = 0
    seed: int = 0
    polished: bool = False
    excess: str | None = None  # best - printed, when printed is too small
    certified_bound: str | None = None
    certificate: dict[str, Any] | None = None
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def certified(self) -> bool:
        """An interval certificate shows ``ratio <= certified_bound`` on the whole box."""
        return bool(self.certificate and self.certificate.get("complete"))

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "best-constant",
            "name": self.name,
            "printed": self.printed,
            "best": self.best,
            "argmax": dict(self.argmax),
            "printed_is_enough": self.printed_is_enough,
            "excess": self.excess,
            "method": self.method,
            "samples": self.samples,
            "starts": self.starts,
            "seed": self.seed,
            "polished": self.polished,
            "certified_bound": self.certified_bound,
            "certificate": self.certificate,
            "seconds": round(self.seconds, 4),
            "notes": list(self.notes),
        }


# --------------------------------------------------------------------------------------------


def _exact(v: Any) -> sympy.Expr:
    """Exact SymPy value: decimal strings are exact rationals ("0.37" is 37/100)."""
    if isinstance(v, float):
        return sympy.Rational(v)
    if isinstance(v, str):
        try:
            return sympy.Rational(v)
        except (TypeError, ValueError):
            return sympy.sympify(v)
    return sympy.sympify(v)


class _Problem:
    """The ratio as a function of the free coordinates, in float64 and in mpmath."""

    def __init__(
        self,
        ratio: RatioFn,
        free: Sequence[str],
        base: Mapping[str, Any],
        bounds: Mapping[str, tuple[sympy.Expr, sympy.Expr]] | None,
        domain_ok: Callable[[dict[str, Any]], bool] | None,
    ) -> None:
        self.ratio = ratio
        self.free = list(free)
        self.base = dict(base)
        self.bounds = bounds
        self.domain_ok = domain_ok
        self.fbounds = (
            [(float(bounds[k][0]), float(bounds[k][1])) for k in self.free] if bounds else None
        )

    def point(self, x: Sequence[Any]) -> dict[str, Any]:
        p = dict(self.base)
        for k, v in zip(self.free, x, strict=True):
            p[k] = v
        return p

    def inside(self, x: Sequence[float]) -> bool:
        if self.fbounds is not None:
            for v, (lo, hi) in zip(x, self.fbounds, strict=True):
                if not lo <= v <= hi:
                    return False
        if self.domain_ok is not None:
            try:
                return bool(self.domain_ok(self.point([float(v) for v in x])))
            except (ValueError, ZeroDivisionError, ArithmeticError):
                return False
        return True

    def f(self, x: Sequence[float]) -> float:
        """The ratio in float64 (-inf outside the domain or where not finite)."""
        if not self.inside(x):
            return -math.inf
        try:
            with np.errstate(all="ignore"):
                r = float(self.ratio(self.point([float(v) for v in x]), FLOAT))
        except (ValueError, ZeroDivisionError, ArithmeticError, TypeError):
            return -math.inf
        return r if math.isfinite(r) else -math.inf

    def mp_point(self, x: Sequence[Any]) -> dict[str, Any]:
        """The point at the current mpmath precision (the base converted by ``to_mp``)."""
        p = to_mp(dict(self.base))
        for k, v in zip(self.free, x, strict=True):
            p[k] = mpmath.mpf(v)
        return p

    def mp(self, x: Sequence[Any]) -> mpmath.mpf:
        """The ratio at the current mpmath precision (x given as mpf)."""
        B = MpBackend(dps=mpmath.mp.dps)
        return mpmath.mpf(self.ratio(self.mp_point(x), B))

    def mp_inside(self, x: Sequence[mpmath.mpf]) -> bool:
        """Exact bound check (the mpf coordinates are dyadic rationals)."""
        if self.bounds is not None:
            for k, v in zip(self.free, x, strict=True):
                lo, hi = self.bounds[k]
                q = _rational(v)
                if not (bool(q >= lo) and bool(q <= hi)):
                    return False
        return self.inside([float(v) for v in x]) if self.domain_ok is not None else True


def _rational(v: mpmath.mpf) -> sympy.Rational:
    man, exp = mpmath.mpf(v).man_exp
    return sympy.Integer(man) * sympy.Integer(2) ** exp


def _inward(b: sympy.Expr, upper: bool, dps: int) -> mpmath.mpf:
    """An mpf at ``dps`` digits equal to the bound ``b`` or just inside it."""
    v = mpmath.mpf(sympy.N(b, dps + 5))
    q = _rational(v)
    if (not upper and bool(q < b)) or (upper and bool(q > b)):
        ulp = mpmath.mpf(2) ** (mpmath.mag(v) - mpmath.mp.prec) if v != 0 else mpmath.eps
        v = v - ulp if upper else v + ulp
    return v


def _seed_box(
    prob: _Problem, box: Mapping[str, tuple[Any, Any]], n: int, rng: np.random.Generator
) -> list[tuple[float, list[float]]]:
    assert prob.fbounds is not None
    lo = np.array([b[0] for b in prob.fbounds])
    hi = np.array([b[1] for b in prob.fbounds])
    pts: list[list[float]] = []
    d = len(lo)
    if d <= 10:
        for mask in range(2**d):
            pts.append([hi[i] if mask >> i & 1 else lo[i] for i in range(d)])
    pts.append(list((lo + hi) / 2))
    pts += (lo + (hi - lo) * rng.random((n, d))).tolist()
    return [(prob.f(p), p) for p in pts]


def _seed_strategy(
    ratio: RatioFn,
    strategy: Any,
    n: int,
    seed: int,
) -> list[tuple[float, dict[str, Any]]]:
    from hypothesis import HealthCheck, Phase, given, settings, target
    from hypothesis import seed as hseed

    found: list[tuple[float, dict[str, Any]]] = []

    @hseed(seed)
    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        derandomize=False,
        phases=[Phase.generate, Phase.target],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(point: dict[str, Any]) -> None:
        try:
            with np.errstate(all="ignore"):
                r = float(ratio(point, FLOAT))
        except (ValueError, ZeroDivisionError, ArithmeticError, TypeError):
            return
        if math.isfinite(r):
            found.append((r, dict(point)))
            target(r, label="ratio")

    run()
    return found


def _nelder_mead(prob: _Problem, x0: Sequence[float]) -> tuple[float, list[float]]:
    from scipy.optimize import minimize

    def neg(x: np.ndarray) -> float:
        v = prob.f(list(x))
        return -v if math.isfinite(v) else 1e300

    best_v, best_x = prob.f(list(x0)), list(x0)
    x = np.array(x0, dtype=float)
    for _ in range(3):  # restarts refresh the simplex
        res = minimize(
            neg,
            x,
            method="Nelder-Mead",
            bounds=prob.fbounds,
            options={"xatol": 1e-13, "fatol": 1e-16, "maxiter": 4000 * len(x), "adaptive": True},
        )
        v = -float(res.fun)
        if v > best_v:
            improved = v - best_v
            best_v, best_x = v, list(res.x)
            x = np.array(res.x)
            if improved < 1e-15 * max(1.0, abs(v)):
                break
        else:
            break
    return best_v, best_x


def _polish(
    prob: _Problem, x: Sequence[float], dps: int, notes: list[str]
) -> tuple[list[mpmath.mpf], bool]:
    """Newton on the gradient of the free coordinates off the box boundary."""
    with mpmath.workdps(dps + 20):
        xm = [mpmath.mpf(v) for v in x]
        active = list(range(len(xm)))
        if prob.bounds is not None:
            for i, k in enumerate(prob.free):
                lo, hi = prob.bounds[k]
                flo, fhi = float(lo), float(hi)
                tol = 1e-7 * max(1.0, fhi - flo)
                for b, fb, up in ((lo, flo, False), (hi, fhi, True)):
                    if abs(x[i] - fb) <= tol:
                        cand = list(xm)
                        cand[i] = _inward(b, up, dps + 20)
                        xm = cand
                        active.remove(i)
                        break
        if not active:
            return xm, True
        h = mpmath.mpf(10) ** (-(dps // 2 - 3))

        def fx(v: list[mpmath.mpf]) -> mpmath.mpf:
            return prob.mp(v)

        def shifted(v: list[mpmath.mpf], i: int, s: mpmath.mpf) -> list[mpmath.mpf]:
            w = list(v)
            w[i] += s
            return w

        try:
            cur = fx(xm)
            for _ in range(30):
                n = len(active)
                g = mpmath.matrix(n, 1)
                H = mpmath.matrix(n, n)
                for a, i in enumerate(active):
                    fp, fm = fx(shifted(xm, i, h)), fx(shifted(xm, i, -h))
                    g[a] = (fp - fm) / (2 * h)
                    H[a, a] = (fp - 2 * cur + fm) / h**2
                    for b in range(a + 1, n):
                        j = active[b]
                        pp = fx(shifted(shifted(xm, i, h), j, h))
                        pm = fx(shifted(shifted(xm, i, h), j, -h))
                        mp_ = fx(shifted(shifted(xm, i, -h), j, h))
                        mm = fx(shifted(shifted(xm, i, -h), j, -h))
                        H[a, b] = H[b, a] = (pp - pm - mp_ + mm) / (4 * h**2)
                step = mpmath.lu_solve(H, -g)
                new = list(xm)
                for a, i in enumerate(active):
                    new[i] += step[a]
                if not prob.mp_inside(new):
                    notes.append("polish: Newton step left the domain; kept the float argmax")
                    return xm, False
                val = fx(new)
                if val < cur - mpmath.mpf(10) ** (-(dps + 5)) * max(1, abs(cur)):
                    notes.append("polish: Newton step lowered the ratio; stopped")
                    return xm, False
                xm, cur = new, val
                size = max(abs(step[a]) for a in range(n))
                # the value is quadratic in the position error: dps/2 + 5 digits suffice
                if size < mpmath.mpf(10) ** (-(dps // 2 + 5)) * (1 + max(abs(v) for v in xm)):
                    return xm, True
            notes.append("polish: Newton did not converge in 30 steps")
            return xm, False
        except (ZeroDivisionError, ValueError, ArithmeticError) as exc:
            notes.append(f"polish failed: {exc}")
            return [mpmath.mpf(v) for v in x], False


def best_constant(
    ratio: RatioFn,
    *,
    box: Mapping[str, tuple[Any, Any]] | None = None,
    strategy: Any = None,
    free: Sequence[str] | None = None,
    fixed: Mapping[str, Any] | None = None,
    domain_ok: Callable[[dict[str, Any]], bool] | None = None,
    printed: Any = None,
    name: str = "C",
    samples: int = 2000,
    starts: int = 6,
    seed: int = 0,
    dps: int = 50,
    polish: bool = True,
    ratio_expr: Any = None,
    certify_bound: Any = None,
    certify_kwargs: Mapping[str, Any] | None = None,
) -> BestConstant:
    """Maximise ``ratio(point, B)`` over a domain; see the module docstring.

    Domain: ``box`` maps each free variable to exact bounds ``(lo, hi)`` (int, str such as
    ``"pi/2"``, Fraction, SymPy number); or ``strategy`` is a Hypothesis strategy of points
    (dicts), with ``free`` naming the scalar coordinates to optimise (default: all float-valued
    ones) -- a ``box`` may accompany a strategy to bound them. ``fixed`` adds constant entries
    to every point (parameters such as ``k``). ``domain_ok(point) -> bool`` rejects points
    outside the hypotheses during local search.

    ``printed`` is the claimed constant: a number, a decimal string (exact at ``dps`` digits),
    or ``printed(point, B)``, evaluated at the argmax (then it must depend only on fixed
    parameters). ``ratio_expr`` (SymPy, in the box's variables) enables an interval certificate
    of ``ratio_expr <= certify_bound`` (default: the printed constant) on the box.

    Deterministic for a given ``seed``.
    """
    t0 = time.monotonic()
    if box is None and strategy is None:
        raise ValueError("give a box or a strategy")
    notes: list[str] = []
    rng = np.random.default_rng(seed)
    bounds = {str(k): (_exact(lo), _exact(hi)) for k, (lo, hi) in box.items()} if box else None
    base = dict(fixed or {})

    # 1. seeding
    if strategy is None:
        assert box is not None and bounds is not None
        free_names = [str(k) for k in box]
        prob = _Problem(ratio, free_names, base, bounds, domain_ok)
        seeds = [(v, x) for v, x in _seed_box(prob, box, samples, rng) if math.isfinite(v)]
        n_samples = samples
    else:
        found = _seed_strategy(ratio, strategy, samples, seed)
        n_samples = len(found)
        if not found:
            raise ValueError("the strategy produced no point with a finite ratio")
        found.sort(key=lambda t: -t[0])
        first = found[0][1]
        free_names = (
            list(free)
            if free is not None
            else [k for k, v in first.items() if isinstance(v, float)]
        )
        base = {k: v for k, v in first.items() if k not in free_names} | base
        prob = _Problem(ratio, free_names, base, bounds, domain_ok)
        seeds = []
        for r, p in found:
            if all(p.get(k) == base.get(k) for k in base if not isinstance(base[k], np.ndarray)):
                seeds.append((r, [float(p[k]) for k in free_names]))
        if len(seeds) < len(found):
            notes.append(
                "strategy points whose non-free entries differ from the best one were not "
                "used as local-search starts"
            )
    if not seeds:
        raise ValueError("no seed point with a finite ratio inside the domain")

    # 2. local search from the best distinct seeds
    seeds.sort(key=lambda t: -t[0])
    chosen: list[list[float]] = []
    scale = (
        np.array([hi - lo for lo, hi in prob.fbounds], dtype=float)
        if prob.fbounds
        else np.ones(len(free_names))
    )
    scale[scale == 0] = 1.0
    for _, x in seeds:
        if all(np.max(np.abs((np.array(x) - np.array(c)) / scale)) > 1e-3 for c in chosen):
            chosen.append(x)
        if len(chosen) >= starts:
            break
    best_v, best_x = -math.inf, chosen[0]
    for x in chosen:
        v, xo = _nelder_mead(prob, x)
        if v > best_v:
            best_v, best_x = v, xo

    # 3. polish at dps digits
    polished = False
    with mpmath.workdps(dps):
        x_float = [mpmath.mpf(v) for v in best_x]
        val_float = prob.mp(x_float)
    xm = x_float
    if polish:
        xp, polished = _polish(prob, best_x, dps, notes)
        with mpmath.workdps(dps):
            if prob.mp_inside(xp):
                vp = prob.mp(xp)
                if vp >= val_float:
                    xm = xp
                else:
                    polished = False
            else:
                polished = False
    with mpmath.workdps(dps):
        xm = [+v for v in xm]
        best = prob.mp(xm)
        best_s = mpmath.nstr(best, dps, strip_zeros=False)
        argmax = {
            k: mpmath.nstr(v, dps, strip_zeros=False) for k, v in zip(free_names, xm, strict=True)
        }

        printed_s: str | None = None
        enough: bool | None = None
        excess: str | None = None
        pval: mpmath.mpf | None = None
        if printed is not None:
            if callable(printed):
                B = MpBackend(dps=dps)
                pval = mpmath.mpf(printed(prob.mp_point(xm), B))
            else:
                pval = mpmath.mpf(sympy.N(_exact(printed), dps + 5))
            printed_s = str(printed) if not callable(printed) else mpmath.nstr(pval, dps)
            tol = mpmath.mpf(10) ** (-(dps - 10)) * max(1, abs(pval))
            enough = bool(pval >= best - tol)
            if not enough:
                excess = mpmath.nstr(best - pval, 15)
            elif pval < best + tol:
                notes.append(
                    f"printed constant equals the best value found to ~{dps - 10} digits: "
                    "sharp (printed_is_enough allows that tolerance)"
                )

    # 4. optional interval certificate of ratio <= bound on the box
    cert = None
    cbound: str | None = None
    if ratio_expr is not None:
        if box is None:
            raise ValueError("an interval certificate needs a box")
        bound = certify_bound if certify_bound is not None else printed
        if bound is None or callable(bound):
            raise ValueError("give certify_bound (an exact number or string) to certify")
        cbound = str(bound)
        c = certify_nonnegative(
            _exact(bound) - sympy.sympify(ratio_expr), dict(box), **dict(certify_kwargs or {})
        )
        cert = c.as_dict()
    return BestConstant(
        name=name,
        printed=printed_s,
        best=best_s,
        argmax=argmax,
        printed_is_enough=enough,
        samples=n_samples,
        starts=len(chosen),
        seed=seed,
        polished=polished,
        excess=excess,
        certified_bound=cbound,
        certificate=cert,
        seconds=time.monotonic() - t0,
        notes=tuple(notes),
    )
