"""Claims from any module, decided from the command line (proofs.engine.loader)."""

from __future__ import annotations

import io
import sys
import textwrap
from pathlib import Path

import pytest

from proofs.engine.claim import Claim
from proofs.engine.loader import LoadError, check_main, load_claims

MODULE = textwrap.dedent('''
    from hypothesis import strategies as st
    from proofs.engine import Claim, ClaimSet, Domain

    GOOD = Claim(id="mine-good", paper_ref="mine", section="Mine", statement="x^2 >= 0",
                 variables=Domain("x real"), slack=lambda p, B: p["x"] ** 2)
    BAD = Claim(id="mine-bad", paper_ref="mine", section="Mine", statement="x <= 1 on [0, 2]",
                variables=Domain("x in [0, 2]"), slack=lambda p, B: 1 - p["x"])
    BROKEN = Claim(id="mine-broken", paper_ref="mine", section="Mine", statement="nan",
                   strategy=lambda: st.just({"x": 1.0}), slack=lambda p, B: float("nan"))
    CLAIMS = (GOOD, BAD)
    SET = ClaimSet("mine", CLAIMS)
    def make():
        return [GOOD]
''')


@pytest.fixture
def module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "my_claims_for_test.py").write_text(MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "my_claims_for_test"
    sys.modules.pop("my_claims_for_test", None)


def test_load_claims_accepts_claims_lists_sets_and_factories(module: str) -> None:
    assert [c.id for c in load_claims(module)] == ["mine-good", "mine-bad"]  # CLAIMS
    assert [c.id for c in load_claims(f"{module}:SET")] == ["mine-good", "mine-bad"]
    assert [c.id for c in load_claims(f"{module}:BAD")] == ["mine-bad"]
    assert [c.id for c in load_claims(f"{module}:make")] == ["mine-good"]
    assert all(isinstance(c, Claim) for c in load_claims(f"{module}:CLAIMS"))
    with pytest.raises(LoadError, match="has no"):
        load_claims(f"{module}:NOPE")
    with pytest.raises(LoadError, match="cannot import"):
        load_claims("no_such_module_anywhere:CLAIMS")
    with pytest.raises(LoadError, match="not a Claim"):
        load_claims("math:pi")


def test_check_main_prints_a_table_and_exits_by_verdict(module: str) -> None:
    out = io.StringIO()
    assert check_main([f"{module}:CLAIMS", "--profile", "ci"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:3] == ["id", "verdict", "method"]
    assert lines[1].split()[:3] == ["mine-good", "unrefuted", "search"]
    assert lines[2].split()[:3] == ["mine-bad", "refuted", "search"]
    assert lines[-1] == "1 refuted, 1 unrefuted"
    out = io.StringIO()
    assert check_main([f"{module}:BROKEN", "--profile", "ci"], out=out) == 1  # an error verdict
    assert "mine-broken" in out.getvalue() and "error" in out.getvalue()
    assert check_main([f"{module}:CLAIMS", "--only", "mine-bad"], out=io.StringIO()) == 0
    assert check_main([f"{module}:CLAIMS", "--only", "nope"], out=io.StringIO()) == 2
    assert check_main(["no_such_module_anywhere"], out=io.StringIO()) == 2
