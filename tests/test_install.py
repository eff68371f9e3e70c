"""Packaging, checked cheaply from pyproject.toml (the wheel itself is built and installed in a
fresh venv by .ci/smoke_install.sh): every non-Python file of the package is package data, the
console script is the command line, the version has one source."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import proofs

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_data_file_of_the_package_is_package_data() -> None:
    globs = PYPROJECT["tool"]["setuptools"]["package-data"]["proofs"]
    data = [
        p.relative_to(REPO / "proofs").as_posix()
        for p in (REPO / "proofs").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert "claims/catalogue.md" in data
    unshipped = [f for f in data if not any(fnmatch(f, g) for g in globs)]
    assert not unshipped, f"files under proofs/ the wheel would not carry: {unshipped}"


def test_console_script_and_version() -> None:
    assert PYPROJECT["project"]["scripts"] == {"proofs": "proofs.cli:main"}
    assert "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "proofs.__version__"}
    assert proofs.__version__.count(".") == 2
