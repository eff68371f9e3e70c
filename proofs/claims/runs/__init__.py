"""The vocabulary of the algorithm-level claims (Lemmas 5.4-5.6, Theorem 1, Corollary 1.1).

* :mod:`~proofs.claims.runs.points` -- the run point: one schema for trajectory claims (a horizon
  T) and limit claims (run to convergence); exact constants in the point's parameters.
* :mod:`~proofs.claims.runs.strategies` -- Hypothesis strategies drawing run points inside
  chosen hypotheses.
* :mod:`~proofs.claims.runs.trajectory` -- a run on its horizon at a backend's precision
  (float64 run, mpmath replay): the path, the iterates, the steps.
* :mod:`~proofs.claims.runs.limit` -- the limit of a run at a backend's precision (the fast
  single-run path to convergence, then the fixed point of :mod:`proofs.algorithm.fixed_point`).
* :mod:`~proofs.claims.runs.hypotheses` -- every hypothesis of the paper on a run, defined once,
  by name, with its paper location.
* :mod:`~proofs.claims.runs.conclusions` -- the conclusions shared by several claims (slacks
  with their named exact constants).

Every iterate comes from :mod:`proofs.algorithm`; nothing here defines ``CLAIMS`` (the claim
modules are ``lemma5_4.py`` ... ``corollary1_1.py``, named after the paper).
"""
