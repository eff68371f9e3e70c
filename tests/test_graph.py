"""The proof graph: established claims and its picture."""

from __future__ import annotations

from pathlib import Path

from proofs.engine.claim import Claim
from proofs.engine.graph import established, unestablished_support
from proofs.engine.graph_picture import draw, layers
from proofs.engine.verdict import Verdict


def _c(cid: str, *uses: str) -> Claim:
    return Claim(id=cid, paper_ref="", section="", statement="", reading="", domain="", uses=uses)


CLAIMS = [_c("top", "mid", "weak"), _c("mid", "leaf"), _c("leaf"), _c("weak")]


def _v(cid: str, verdict: str) -> Verdict:
    return Verdict(cid, "", "", verdict, "symbolic")


def test_established_propagates_up_the_uses_graph() -> None:
    vs = [_v("top", "proved"), _v("mid", "proved"), _v("leaf", "proved"), _v("weak", "unrefuted")]
    est = established(CLAIMS, vs)
    assert est == {"top": False, "mid": True, "leaf": True, "weak": False}
    assert unestablished_support(CLAIMS, {v.id: v for v in vs}, "top") == ["weak"]
    vs[3] = _v("weak", "proved")
    assert established(CLAIMS, vs)["top"] is True


def test_layers_put_a_claim_below_its_lowest_user() -> None:
    rows = layers(["top"], {c.id: c.uses for c in CLAIMS})
    assert rows[0] == ["top"] and set(rows[1]) == {"mid", "weak"} and rows[2] == ["leaf"]


def test_picture_is_written(tmp_path: Path) -> None:
    vs = [_v(c.id, "proved") for c in CLAIMS]
    out = draw(CLAIMS, vs, ["top"], tmp_path / "proof-graph.png", groups={"Theorem": ["top"]})
    assert out.exists() and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = draw(CLAIMS, vs, ["top"], tmp_path / "proof-graph.svg")
    text = svg.read_text()
    assert "<svg" in text and "leaf" in text


# --------------------------------------------------------------------------------------------
# headline groups, the report's proof graph and ERRATA.md
# --------------------------------------------------------------------------------------------
def test_headline_groups_must_name_registered_claims() -> None:
    import pytest

    from proofs.engine.claim import ClaimSet, UnknownClaimLink

    cs = ClaimSet("toy", tuple(CLAIMS), headline={"Main": ("top", "weak")})
    assert cs.headline == {"Main": ("top", "weak")}
    with pytest.raises(UnknownClaimLink):
        ClaimSet("toy", tuple(CLAIMS), headline={"Main": ("top", "nope")})


def test_report_marks_established_and_draws_the_headline(tmp_path: Path) -> None:
    import json

    from proofs.engine.claim import ClaimSet
    from proofs.engine.report import write_report

    cs = ClaimSet("toy", tuple(CLAIMS), headline={"Main result": ("top",)})
    vs = [_v("top", "proved"), _v("mid", "proved"), _v("leaf", "proved"), _v("weak", "unrefuted")]
    write_report(vs, tmp_path, claim_set=cs)
    assert (tmp_path / "proof-graph.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "proof-graph.svg").read_text()
    data = {d["id"]: d for d in json.loads((tmp_path / "verdicts.json").read_text())}
    assert data["top"]["established"] is False and data["mid"]["established"] is True
    md = (tmp_path / "REPORT.md").read_text()
    assert "## Proof graph" in md and "| Main result | `top` | proved | no | `weak` |" in md and "- **Main result**: 0 of 1 parts established; not established: `top` (proved)." in md
    assert (tmp_path / "ERRATA.md").read_text().startswith("# Errata: toy")


def test_errata_writes_unit_integer_vectors_and_the_headline_status() -> None:
    import math

    from proofs.engine.claim import ClaimSet
    from proofs.engine.errata import _integer_direction, render_errata

    assert _integer_direction([1 / math.sqrt(5), 2 / math.sqrt(5)]) == "(1, 2)/sqrt(5)"
    assert _integer_direction([0.6, -0.8]) == "(3, -4)/5"
    assert _integer_direction([0.3, 0.2]) is None  # not unit
    cs = ClaimSet("toy", tuple(CLAIMS), headline={"Main result": ("top", "weak")})
    vs = [_v("top", "proved"), _v("mid", "proved"), _v("leaf", "proved"), _v("weak", "unrefuted")]
    md = render_errata(cs, vs, established(CLAIMS, vs))
    assert "**Main result**: 0 of 2 parts established" in md
    assert "Not established: `top` (proved, not established (rests on an unproved claim); rests on `weak`)" in md


def test_a_partial_report_draws_no_headline_and_says_what_is_undetermined(tmp_path: Path) -> None:
    from proofs.engine.claim import ClaimSet
    from proofs.engine.report import write_report

    cs = ClaimSet("toy", tuple(CLAIMS), headline={"Main result": ("top",)})
    write_report([_v("mid", "proved")], tmp_path, claim_set=cs)  # leaf (used by mid) not decided
    assert not (tmp_path / "proof-graph.png").exists()
    md = (tmp_path / "REPORT.md").read_text()
    assert "Not determined in this run (a claim their proofs use was not decided): `mid`." in md
    assert "Main result" not in md
