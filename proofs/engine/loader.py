"""Claims from any importable module, decided from the command line.

``load_claims("package.module:NAME")`` returns the claims ``NAME`` holds: a
:class:`~proofs.engine.claim.Claim`, a list or tuple of claims, a
:class:`~proofs.engine.claim.ClaimSet`, or a function returning one of those;
``"package.module"`` alone means its ``CLAIMS``. The current directory is importable, so a
researcher's own ``my_claims.py`` works without installing anything.

:func:`check_main` decides them and prints one line per claim (id, verdict, method, seconds,
summary); the exit status is 1 if a verdict is ``error``, 2 if the claims cannot be loaded::

    python -m proofs.engine.loader examples.ste_claims:CLAIMS
    python -m proofs check examples.ste_claims:CLAIMS      # the same, from the main CLI
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .claim import Claim, ClaimSet
from .decide import decide
from .profiles import PROFILES
from .verdict import Verdict


class LoadError(ValueError):
    """A ``module:NAME`` that does not name claims."""


def load_claims(spec: str) -> list[Claim]:
    """The claims named by ``spec`` (``"package.module:NAME"`` or ``"package.module"``)."""
    module_name, _, attr = spec.partition(":")
    attr = attr or "CLAIMS"
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise LoadError(f"cannot import {module_name!r}: {exc}") from exc
    if not hasattr(module, attr):
        raise LoadError(f"module {module_name!r} has no {attr!r}")
    return _as_claims(getattr(module, attr), spec)


def _as_claims(value: Any, spec: str) -> list[Claim]:
    if isinstance(value, Claim):
        return [value]
    if isinstance(value, ClaimSet):
        return list(value.claims)
    if isinstance(value, list | tuple) and all(isinstance(c, Claim) for c in value):
        return list(value)
    if callable(value):
        return _as_claims(value(), spec)
    raise LoadError(f"{spec} is a {type(value).__name__}, not a Claim, a list of claims or a ClaimSet")


def _parser(prog: str = "python -m proofs check") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="Decide claims defined in any module.")
    p.add_argument("targets", nargs="+", metavar="MODULE[:NAME]", help="where the claims are")
    p.add_argument("--only", nargs="+", metavar="ID", help="decide only these claim ids")
    p.add_argument("--profile", choices=PROFILES, default=None, help="settings profile")
    p.add_argument("--seed", type=int, default=None, help="an independent search trial")
    return p


SUMMARY_WIDTH = 110


def _line(v: Verdict, width: int) -> str:
    summary = (v.error or v.summary or "").replace("\n", " ")
    if len(summary) > SUMMARY_WIDTH:
        summary = summary[: SUMMARY_WIDTH - 3] + "..."
    return f"{v.id:<{width}}  {v.verdict:<10} {v.method:<10} {v.seconds:7.2f}s  {summary}"


def check_main(
    argv: Sequence[str] | None = None, out: TextIO | None = None,
    prog: str = "python -m proofs check",
) -> int:
    """Decide the claims of the given targets and print a table; 1 if a verdict is ``error``
    (2 if the targets cannot be loaded or an id is unknown)."""
    args = _parser(prog).parse_args(list(sys.argv[1:] if argv is None else argv))
    stream = sys.stdout if out is None else out
    claims: list[Claim] = []
    try:
        for spec in args.targets:
            claims += load_claims(spec)
    except LoadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.only:
        unknown = sorted(set(args.only) - {c.id for c in claims})
        if unknown:
            print(f"error: unknown claim id(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        claims = [c for c in claims if c.id in set(args.only)]
    width = max([len(c.id) for c in claims] + [2])
    print(f"{'id':<{width}}  {'verdict':<10} {'method':<10} {'seconds':>8}  summary", file=stream)
    verdicts = []
    for c in claims:
        v = decide(c, args.profile, seed=args.seed)
        verdicts.append(v)
        print(_line(v, width), file=stream, flush=True)
    counts: dict[str, int] = {}
    for v in verdicts:
        counts[v.verdict] = counts.get(v.verdict, 0) + 1
    print(", ".join(f"{n} {k}" for k, n in sorted(counts.items())), file=stream)
    return 1 if counts.get("error") else 0


if __name__ == "__main__":
    sys.exit(check_main())
