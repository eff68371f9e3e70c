"""Benchmark of the algorithm layer; ``proofs bench`` prints one JSON object.

* ``batched_vs_loop``: run-iterations/s of the batched exact path (B = 64 runs at
  (k, d) = (20, 50) as one (64, 50) batch) / the plain per-run Python loop
  (:func:`proofs.algorithm.rvscgd.run_loop`), after checking both give the same iterates (goal >= 50).
* ``batched_vs_same_code_B1``: the same ratio against ``run_batch`` called per run (B = 1).
* ``run_iters_per_s``: run-iterations/s of the batched exact path.
* ``sampler_vs_naive``: time per sampled gradient, naive / projected, (k, d, m) = (20, 50, 256)
  (goal >= 10).
* ``table1_seconds``: Table 1 (5 s-values x 10 seeds, exact gradient, to convergence at
  tol 1e-10) wall time (goal < 60 s).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from proofs.algorithm.experiments import BETA, ETA, LAM, table1, w_star
from proofs.algorithm.rvscgd import RunSpec, run_batch, run_loop
from proofs.algorithm.sampler import sample_coarse_gradient

K, D, B = 20, 50, 64


def _specs(T: int) -> list[RunSpec]:
    rng = np.random.default_rng(0)
    return [
        RunSpec(k=K, w_star=w_star(2 + 2 * (i % 5)), w0=rng.standard_normal(D), lam=LAM,
                beta=BETA, eta=ETA, penalty="l0", T=T)
        for i in range(B)
    ]


def _batched(specs: list[RunSpec], T: int, stride: int) -> Any:
    return run_batch(K, np.array([s.w_star for s in specs]), np.array([s.w0 for s in specs]),
                     LAM, BETA, ETA, penalty="l0", T=T, stride=stride, progress=False)


def bench_batched(T_batch: int = 20000, T_loop: int = 40) -> dict[str, float]:
    specs = _specs(T_loop)
    # same iterates: batch vs plain loop over T_loop iterations
    tr = _batched(specs, T_loop, T_loop)
    ref = np.array([run_loop(s) for s in specs[:8]])
    same = float(np.max(np.abs(tr.w[:8] - ref)))
    if same > 1e-12:
        raise RuntimeError(f"batched and loop iterates differ by {same}")
    t0 = time.perf_counter()
    for s in specs:
        run_loop(s)
    loop_rate = B * T_loop / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for s in specs[:8]:
        run_batch(K, s.w_star, np.array(s.w0)[None, :], LAM, BETA, ETA, penalty="l0",
                  T=T_batch // 4, stride=T_batch, progress=False)
    b1_rate = 8 * (T_batch // 4) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    _batched(specs, T_batch, T_batch)
    rate = B * T_batch / (time.perf_counter() - t0)
    return {
        "batched_vs_loop": rate / loop_rate,
        "batched_vs_same_code_B1": rate / b1_rate,
        "run_iters_per_s": rate,
        "loop_run_iters_per_s": loop_rate,
        "max_abs_diff_batched_vs_loop": same,
    }


def bench_sampler(reps: int = 20, m: int = 256) -> dict[str, float]:
    rng = np.random.default_rng(0)
    w, ws = rng.standard_normal(D), w_star(4)
    out = {}
    for method in ("naive", "projected"):
        sample_coarse_gradient(w, ws, K, m, rng, method=method)
        t0 = time.perf_counter()
        for _ in range(reps):
            sample_coarse_gradient(w, ws, K, m, rng, method=method)
        out[method] = (time.perf_counter() - t0) / reps
    return {
        "sampler_vs_naive": out["naive"] / out["projected"],
        "sampler_naive_s": out["naive"],
        "sampler_projected_s": out["projected"],
    }


def bench_table1() -> dict[str, float]:
    t0 = time.perf_counter()
    res = table1(10, tol=1e-10, progress=False)
    return {
        "table1_seconds": time.perf_counter() - t0,
        "table1_max_iterations": float(np.max(res.runs["iterations"])),
        "table1_all_converged": bool(np.all(res.runs["converged"])),
    }


#: The benchmarks, by name, in the order they run.
BENCHMARKS: dict[str, Callable[[], dict[str, float]]] = {
    "batched": bench_batched,
    "sampler": bench_sampler,
    "table1": bench_table1,
}


def parser(prog: str = "proofs bench") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=prog,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--only", nargs="+", choices=tuple(BENCHMARKS), metavar="NAME",
        help=f"run only these benchmarks: {', '.join(BENCHMARKS)} (default: all)",
    )
    return p


def main(argv: Sequence[str] | None = None, prog: str = "proofs bench") -> int:
    """Parse ``argv`` (``--help`` only prints the help), run the benchmarks, print the JSON."""
    args = parser(prog).parse_args(argv)
    out: dict[str, Any] = {}
    for name, bench in BENCHMARKS.items():
        if args.only is None or name in args.only:
            out.update(bench())
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
