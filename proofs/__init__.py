"""proofs: checks every claim of the RVSCGD paper (``proofs --help``; README)."""

#: The package version; the single source of ``[project] version`` (pyproject.toml reads it).
__version__ = "0.1.0"
