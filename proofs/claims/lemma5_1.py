"""Claims of the RVSCGD paper: lemma5_1 (placeholder until its claims are encoded)."""

from proofs.engine.claim import Claim

CLAIMS: tuple[Claim, ...] = ()
