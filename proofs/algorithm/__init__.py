"""Algorithm 1 (RVSCGD) of the paper and its experiments.

* :mod:`proofs.algorithm.thresholds`: proximal maps (soft, hard = Lemma 5.8, Tl1 = Lemma 5.7).
* :mod:`proofs.algorithm.sampler`: empirical coarse gradient (eq. 9, both readings) and loss (eq. 6).
* :mod:`proofs.algorithm.rvscgd`: ``RunSpec``, ``run``, ``run_batch``, ``replay``, ``run_loop``,
  ``iterates``, ``update``, ``gradient_coefficients``.
* :mod:`proofs.algorithm.hypotheses`: ``check_hypotheses`` (Theorem 1, Lemmas 5.5 / 5.6; the
  definitions are the claims' :mod:`proofs.claims.runs.hypotheses`).
* :mod:`proofs.algorithm.experiments`: Table 1 / Figure 4 (Section 6): runs and their facts.
* :mod:`proofs.algorithm.single`: the fast single-run path (small d, float64 or mpmath).
* :mod:`proofs.algorithm.fixed_point`: fixed points of the iteration map at a precision.
"""
