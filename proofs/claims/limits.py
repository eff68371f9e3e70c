"""Moved: the limit machinery is :mod:`proofs.claims.runs` (``limit``, ``conclusions``,
``constant_search``). This module only keeps ``best_constants`` importable for
:mod:`proofs.claims.best_constants` until its import points at
:func:`proofs.claims.runs.constant_search.best_constants`."""

from .runs.constant_search import best_constants

__all__ = ["best_constants"]
