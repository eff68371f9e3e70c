"""Claims of the RVSCGD paper: section6 (placeholder until its claims are encoded)."""

from proofs.engine.claim import Claim

CLAIMS: tuple[Claim, ...] = ()
