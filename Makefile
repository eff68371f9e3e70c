# Two entry points (see README): `make report` and `make test`.
# Each creates .venv with everything it needs on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test smoke lint bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/python -m proofs report --out report

test: $(STAMP)
	$(BIN)/ruff check proofs verify tests
	$(BIN)/python -m pytest -n 2 tests verify --nbmake notebooks -p no:cacheprovider

# Build the wheel, install it into a fresh venv outside the checkout, run the command line there.
smoke:
	PY=$(PY) bash .ci/smoke_install.sh

bench: $(STAMP)
	$(BIN)/python -m proofs bench

clean:
	rm -rf $(VENV) report
