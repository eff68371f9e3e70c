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
