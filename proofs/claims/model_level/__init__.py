"""What the model-level claims share (Section 3, Lemmas 5.1-5.3): points, hypotheses, symbolic facts.

* :mod:`.points` -- the two kinds of points (w-points and pairs), their strategies, hypotheses
  and explicit examples;
* :mod:`.symbolic` -- exact constants in the model's symbols and the SymPy facts several
  claims' proofs use (the model's E_Z[g] on the sphere, <E_Z[g], grad f>).

A subpackage, so that claim discovery (:func:`proofs.claims.claim_modules`) skips it.
"""
