"""Machine-checked proofs of this paper's claims, as lists of steps (:mod:`proofs.engine.proof`).

One module per family of arguments; each exports ``prove_*`` functions returning a
:class:`~proofs.engine.claim.ProofResult` whose steps are SymPy identities, Arb certificates or
citations of other claims (by id; the citing claim lists them in ``uses``).
"""
