"""Named exact constants of the algorithm-level claims: a variant with another constant is one
public call, ``claim.with_constants(NAME="...")``, and it behaves: a clearly too small constant is
refuted at an explicit point where the violation is large (confirmed at 50 and 100 digits), a
looser one is not."""

from __future__ import annotations

import mpmath
import pytest

from proofs.claims import claim_set
from proofs.claims.runs.points import run_point
from proofs.claims.theorem1 import EQ12
from proofs.engine.backend import FLOAT
from proofs.engine.confirm import confirm

CLAIMS = claim_set().by_id()
#: C_t = 2 at every step: w0 = w* = e1, k = 1, beta = lambda = 1 (u = 0), eta = 1/2
CT_TWO = run_point([1.0, 0.0], [1.0, 0.0], k=1, lam=1.0, beta=1.0, eta=0.5, T=2)
#: w0 = -w*, u = 0: ||E g + beta (w - u)|| = k/pi + beta exactly
ANTIPODE = run_point([0.0, 1.0], [0.0, -1.0], k=1, lam=10.0, beta=1.0, eta=0.1, T=1)


@pytest.mark.parametrize(
    ("cid", "point", "base_fails", "name", "too_small", "looser", "violation"),
    [
        # eq. (11): |w* - w_bar| = 0.80 sin(gamma) there, gamma = 0.126 (printed K = sin(delta)/2)
        ("L5.6-eq11", EQ12, True, "K", "1/4", "95/100", "-0.05"),
        # eq. (12): |w* - u_bar| - (lam/beta) sqrt(d) = 0.54 sin(gamma) there
        ("T1-eq12", EQ12, True, "K", "1/10", "95/100", "-0.05"),
        # the C_t bounds: C_t = 2 is attained
        ("L5.5-Ct-bounds@Ct", CT_TWO, False, "CT_HIGH", "3/2", "5/2", "-0.4"),
        # the step bound k/pi + beta is attained at w = -w*, u = 0
        ("T1-remark-step+fix", ANTIPODE, False, "BOUND", "k/(2*pi)", "2*k/pi + 2", "-1"),
    ],
)
def test_a_variant_with_another_constant_is_one_public_call(
    cid: str, point: dict, base_fails: bool, name: str, too_small: str, looser: str, violation: str
) -> None:
    base = CLAIMS[cid]
    assert confirm(base, point).confirmed is base_fails  # the claim as registered
    tight = base.with_constants(**{name: too_small})
    assert tight.id.startswith(f"{cid}[{name}=") and tight.prove is None
    assert tight.constant(name).printed == base.constant(name).printed
    c = confirm(tight, point)
    assert c.confirmed, c.reason
    assert c.slack[50] < mpmath.mpf(violation) and c.slack[100] < mpmath.mpf(violation)
    loose = base.with_constants(**{name: looser})
    assert not confirm(loose, point).confirmed
    assert loose.evaluate(point, FLOAT) > 0


def test_fixes_of_a_constant_are_the_base_with_the_corrected_constant() -> None:
    """The fixes of (11), (12) change K only: the slack is the base's. L5.4-angle-descent+fix
    changes the cap (and adds eta (k/(2 pi) + beta) <= 1) and starts at the first unit iterate
    (the proof's ||w^t|| = 1): from an exactly unit w0 its slack is the base's with the new cap."""
    for cid, name, fixed in (("L5.4-angle-descent", "CAP", "asin(2*pi*beta/k)"),
                             ("L5.6-eq11", "K", "2*pi*beta/k"), ("T1-eq12", "K", "2*pi*beta/k")):
        base, fix = CLAIMS[cid], CLAIMS[f"{cid}+fix"]
        assert fix.corrects == cid and base.corrected_by == fix.id
        assert str(fix.constant(name).value) == fixed
        assert fix.constant(name).printed == base.constant(name).printed
        if cid != "L5.4-angle-descent":
            assert fix.slack is base.slack
    base, fix = CLAIMS["L5.4-angle-descent"], CLAIMS["L5.4-angle-descent+fix"]
    unit_w0 = run_point([1.0, 0.0], [0.0, 1.0], k=1, lam=0.01, beta=0.1, eta=0.5, T=5, delta=1.5)
    with_cap = base.with_constants(CAP="asin(2*pi*beta/k)")
    assert fix.evaluate(unit_w0, FLOAT) == with_cap.evaluate(unit_w0, FLOAT)
