# Two commands for a newcomer: `make run` and `make test`. Each sets up .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint bench dev clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/stemcell-explainer

test: $(STAMP)
	TEXTUAL_ANIMATIONS=none $(BIN)/python -m pytest -n auto -q

check: $(STAMP)
	$(BIN)/stemcell-explainer check

lint: $(STAMP)
	$(BIN)/ruff check tui tests bench
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

dev: $(STAMP)
	$(BIN)/textual run --dev tui.app:main

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
