"""The only place that reads Hypothesis internals (everything else uses its public API).

Two facts the engine wants that Hypothesis has no public API for:

* :func:`in_target_phase`: whether the current test-case evaluation belongs to Hypothesis's
  *target* phase (hill-climbing on ``target()`` scores), to report how many evaluations the
  targeted search spent. Read off the runner object on the call stack.
* :func:`set_database_key`: a per-claim key for Hypothesis's example database (the ``dev``
  profile replays a claim's past failures for that claim only). Hypothesis derives the key from
  the test function's source, which is the same engine function for every claim.

* :func:`fixed_constant_pool`: Hypothesis also draws, now and then, numeric literals of every
  *local* module loaded so far (its "local constants"). Which modules are loaded depends on how
  the engine was started (``pytest verify``, ``proofs report``, an installed wheel, a notebook),
  so a verdict would depend on import history. Inside this context the pool of local constants is
  empty: a search depends only on its claim, profile and seed.

``tests/test_hypothesis_adapter.py`` fails loudly if any of these stops working after a
Hypothesis upgrade.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

#: how far up the stack to look for Hypothesis's runner
_MAX_FRAMES = 80


def in_target_phase() -> bool:
    """True while Hypothesis's engine is in its target phase (False if undeterminable)."""
    f = sys._getframe(1)
    for _ in range(_MAX_FRAMES):
        if f is None:
            return False
        runner = f.f_locals.get("self")
        if runner is not None and hasattr(runner, "optimise_targets") and hasattr(runner, "_current_phase"):
            return runner._current_phase == "target"
        f = f.f_back
    return False


def set_database_key(test: Any, key: bytes) -> None:
    """Give the ``@given`` test ``test`` its own example-database key ``key``."""
    test.hypothesis.inner_test._hypothesis_internal_add_digest = key


@contextlib.contextmanager
def fixed_constant_pool() -> Iterator[None]:
    """Searches inside this context draw no literals from loaded local modules."""
    from hypothesis.internal.conjecture import providers

    original = providers._get_local_constants
    empty = providers.Constants()
    providers._get_local_constants = lambda: empty
    providers.CONSTANTS_CACHE.cache.clear()
    try:
        yield
    finally:
        providers._get_local_constants = original
        providers.CONSTANTS_CACHE.cache.clear()
