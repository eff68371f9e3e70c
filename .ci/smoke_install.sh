#!/usr/bin/env bash
# Install smoke test (issue 13): build the wheel from the sources alone, install it (not
# editable) into a fresh virtual environment outside the checkout, and run the command line
# from an empty temporary folder. Fails if the wheel lacks a file the package reads, if a
# path is resolved relative to the source tree, or if a command fails.
#
#   bash .ci/smoke_install.sh        (PY=python3.11 to choose the interpreter)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-python3}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/proofs-smoke.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

step() { printf '[smoke %3ss] %s\n' "$SECONDS" "$*" >&2; }
fail() { echo "smoke install: FAILED: $*" >&2; exit 1; }

step "fresh virtual environment in $TMP/venv"
"$PY" -m venv "$TMP/venv"
V="$TMP/venv/bin"
SECONDS=0

step "build the wheel from a copy of the sources (pyproject.toml, README.md, proofs/)"
mkdir -p "$TMP/src"
tar -C "$ROOT" --exclude=__pycache__ --exclude='*.pyc' -cf - pyproject.toml README.md proofs \
    | tar -C "$TMP/src" -xf -
"$V/python" -m pip wheel --quiet --no-deps -w "$TMP/dist" "$TMP/src" 2> "$TMP/pip.log" \
    || { cat "$TMP/pip.log" >&2; fail "pip wheel"; }
WHEEL="$(ls "$TMP"/dist/proofs-*.whl)"
"$V/python" -m zipfile -l "$WHEEL" > "$TMP/wheel.txt"
for f in proofs/claims/catalogue.md proofs/py.typed proofs/cli/__init__.py; do
    grep -q " *$f " "$TMP/wheel.txt" || grep -q "^$f" "$TMP/wheel.txt" || fail "the wheel lacks $f"
done

step "install $(basename "$WHEEL") with its dependencies"
"$V/python" -m pip install --quiet --no-compile "$WHEEL" 2> "$TMP/pip.log" \
    || { cat "$TMP/pip.log" >&2; fail "pip install"; }

mkdir "$TMP/work"
cd "$TMP/work"
run() { step "$*"; "$@" || fail "$* (exit status $?)"; }

where="$("$V/python" -c 'import proofs; print(proofs.__file__)')"
case "$where" in "$TMP/venv/"*) ;; *) fail "proofs imported from $where, not the venv" ;; esac

run "$V/proofs" --version
run "$V/proofs" --help > /dev/null
run "$V/proofs" bench --help > /dev/null
run "$V/proofs" show L3.1-value > show.txt
grep -q "^Statement (as printed):" show.txt || fail "proofs show printed no statement"
run "$V/proofs" report --out r --only L5.3-eq15 L3.1-value
"$V/python" - <<'PY' || fail "report r/verdicts.json"
import json
ids = [v["id"] for v in json.load(open("r/verdicts.json"))]
assert ids == ["L3.1-value", "L5.3-eq15"], ids
PY
step "proofs ledger outside a checkout: one line, exit status 2"
set +e
"$V/proofs" ledger --only L5.3-eq15 2> ledger.err
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "proofs ledger outside a checkout exited $rc"
[ "$(wc -l < ledger.err)" -eq 1 ] || { cat ledger.err >&2; fail "ledger error is not one line"; }

step "ok ($SECONDS s after the venv was created)"
