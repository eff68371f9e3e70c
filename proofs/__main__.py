"""``python -m proofs``: the command line of :mod:`proofs.cli` (same as ``proofs``)."""

from __future__ import annotations

import sys

from proofs.cli import main

if __name__ == "__main__":
    sys.exit(main())
