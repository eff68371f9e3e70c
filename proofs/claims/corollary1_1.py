"""Claims of the RVSCGD paper: corollary1_1 (placeholder until its claims are encoded)."""

from proofs.engine.claim import Claim

CLAIMS: tuple[Claim, ...] = ()
