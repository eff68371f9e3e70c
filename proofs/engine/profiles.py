"""Hypothesis settings profiles for the claims engine: ``dev``, ``ci`` and ``thorough``.

Registered on import. Choose one with pytest's ``--hypothesis-profile NAME`` (Hypothesis's own
pytest plugin) or ``python -m proofs report --profile NAME``. Without a choice, ``ci`` is used
(and, under ``CI=true``, loaded as Hypothesis's default profile): verdicts are reproducible
unless one asks for a random exploration (``dev``, ``thorough``).

* ``dev``: random exploration, Hypothesis's example database on (replays past failures).
* ``ci``: ``derandomize=True, database=None, deadline=None, print_blob=False``: the same
  examples, hence the same verdicts, on every run.
* ``thorough``: 20x the ``ci`` budget, random (a fresh exploration on each run).

A claim's budget is the profile's ``max_examples`` divided by the claim's ``search_scale``,
never below :data:`MIN_EXAMPLES`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

DEV = "dev"
CI = "ci"
THOROUGH = "thorough"
PROFILES: tuple[str, ...] = (DEV, CI, THOROUGH)

#: Base budget (max_examples) of each profile, for a claim with ``search_scale == 1``.
MAX_EXAMPLES: dict[str, int] = {DEV: 150, CI: 200, THOROUGH: 4000}
#: Floor of a per-claim budget, however expensive the claim.
MIN_EXAMPLES = 10

# Slow claims (trajectories) are expected; health checks that only reflect cost are suppressed.
_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


#: the options every profile shares; each profile states only what it changes
BASE = "proofs-base"


def register_profiles() -> None:
    """(Re-)register the three profiles with Hypothesis. Idempotent.

    ``ci`` and ``thorough`` inherit from a common base (no deadline, cost health checks
    suppressed); ``ci`` adds determinism (no database, derandomized), ``thorough`` the budget."""
    settings.register_profile(BASE, deadline=None, suppress_health_check=_SUPPRESS)
    base = settings.get_profile(BASE)
    settings.register_profile(DEV, parent=base, max_examples=MAX_EXAMPLES[DEV])
    quiet = settings(base, database=None, print_blob=False)
    settings.register_profile(
        CI, parent=quiet, max_examples=MAX_EXAMPLES[CI], derandomize=True
    )
    settings.register_profile(THOROUGH, parent=quiet, max_examples=MAX_EXAMPLES[THOROUGH])


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def default_profile_name() -> str:
    """``ci``: without an explicit choice, a run (pytest verify, the report) is deterministic,
    so running it twice gives the same verdicts, in CI and on a researcher's machine alike."""
    return CI


def current_profile_name() -> str:
    """The engine profile in force: the loaded Hypothesis profile if it is one of ours
    (e.g. chosen by ``--hypothesis-profile``), else :func:`default_profile_name`."""
    try:
        name = settings.get_current_profile_name()
    except Exception:  # older Hypothesis: no accessor
        name = getattr(settings, "_current_profile", None) or ""
    return name if name in PROFILES else default_profile_name()


def resolve(profile: str | None = None) -> str:
    """Validate a profile name; ``None`` means :func:`current_profile_name`."""
    if profile is None:
        return current_profile_name()
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    return profile


def profile_settings(profile: str | None = None) -> settings:
    """The registered :class:`hypothesis.settings` of a profile."""
    return settings.get_profile(resolve(profile))


def claim_budget(profile: str | None, search_scale: float) -> int:
    """max_examples for one claim: profile budget / search_scale, at least MIN_EXAMPLES."""
    base = profile_settings(profile).max_examples
    scale = search_scale if search_scale and search_scale > 0 else 1.0
    return max(MIN_EXAMPLES, int(base / scale))


register_profiles()
if in_ci():
    settings.load_profile(CI)
