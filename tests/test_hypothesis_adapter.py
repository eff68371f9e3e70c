"""The adapter to Hypothesis internals still works (fails loudly after an incompatible upgrade)."""

from __future__ import annotations

from hypothesis import Phase, given, settings, target
from hypothesis import strategies as st

from proofs.engine.hypothesis_adapter import fixed_constant_pool, in_target_phase, set_database_key


def test_target_phase_is_detected() -> None:
    phases: list[bool] = []

    @settings(max_examples=300, database=None, derandomize=True,
              phases=(Phase.explicit, Phase.generate, Phase.target))
    @given(st.integers(0, 10**9))
    def body(n: int) -> None:
        target(-abs(n - 123456789))  # a score generation alone does not maximise
        phases.append(in_target_phase())

    body()
    assert any(phases), "Hypothesis's target phase is no longer detected: update the adapter"
    assert not all(phases)


def test_database_key_is_settable() -> None:
    @given(st.integers())
    def body(x: int) -> None:
        pass

    set_database_key(body, b"claim-id")
    assert body.hypothesis.inner_test._hypothesis_internal_add_digest == b"claim-id"


def test_fixed_constant_pool_hides_literals_of_loaded_modules() -> None:
    """Inside the engine's searches no literal of a loaded local module is drawn, so a verdict
    does not depend on which modules happen to be imported (pytest, report, notebook, wheel)."""
    from hypothesis.internal.conjecture import providers

    import proofs.claims  # noqa: F401  (local modules full of float literals)
    import proofs.engine.graph_picture  # noqa: F401

    assert len(providers._get_local_constants().floats) > 0, "Hypothesis no longer collects local constants"
    with fixed_constant_pool():
        assert len(providers._get_local_constants()) == 0
    assert len(providers._get_local_constants().floats) > 0  # restored afterwards
