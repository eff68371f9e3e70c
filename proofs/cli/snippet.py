"""A short Python snippet that replays a stored counterexample at 50 digits, using only public
names (:func:`proofs.engine.points.from_strings`, :func:`proofs.engine.confirm.replay`,
:func:`proofs.engine.confirm.eval_mp`)."""

from __future__ import annotations

import json
from typing import Any

WIDTH = 92


def _literal(value: Any, indent: str = "") -> str:
    """A Python literal of a stored point (strings, lists of strings, dicts): one entry per
    line, short vectors on one line."""
    inner = indent + "    "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {_literal(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list):
        flat = "[" + ", ".join(_literal(x, inner) for x in value) + "]"
        if len(flat) + len(inner) <= WIDTH and "\n" not in flat:
            return flat
        return "[\n" + "\n".join(f"{inner}{_literal(x, inner)}," for x in value) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False)


def replay_snippet(claim_id: str, counterexample: dict[str, Any], family: bool) -> str:
    """Python code printing whether ``counterexample`` violates ``claim_id`` at 50 and 100
    digits (``family``: an unbounded-family refutation, for which it prints the ratio instead;
    one point cannot refute "some constant exists")."""
    head = [
        "import mpmath",
        "from proofs.claims import claim_set",
    ]
    body = [
        "",
        f"claim = claim_set().by_id()[{json.dumps(claim_id)}]",
        f"point = from_strings({_literal(counterexample)})",
    ]
    if family:
        head += [
            "from proofs.engine.confirm import check_hypotheses, eval_mp",
            "from proofs.engine.points import from_strings",
        ]
        body += [
            "margins = check_hypotheses(claim.hypotheses, point)",
            'print("hypotheses hold:", all(m.holds for m in margins))',
            "for dps in (50, 100):",
            "    ratio = eval_mp(claim.existential.ratio, point, dps)",
            '    print(f"ratio at {dps} digits:", mpmath.nstr(ratio, 50))',
        ]
    else:
        head += [
            "from proofs.engine.confirm import replay",
            "from proofs.engine.points import from_strings",
        ]
        body += [
            "r = replay(claim, point)  # slack and hypothesis margins at 50 and 100 digits",
            'print("confirmed violation:" if r.confirmed else "NOT confirmed:", r.reason)',
            'print("slack at 50 digits:", mpmath.nstr(r.slack[50], 50))',
        ]
    return "\n".join(head + body) + "\n"
