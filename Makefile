# Two commands for a newcomer: `make run` and `make test`. Each sets up .venv from uv.lock as
# needed (installing uv into .venv-tools first when it is not on PATH), and does nothing more
# when uv.lock and pyproject.toml have not changed since the last sync.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .venv-tools
UV_VERSION := 0.13.9

# uv from PATH when it works, else a private copy installed from PyPI with pip.
UV := $(or $(shell uv --version >/dev/null 2>&1 && echo uv),$(TOOLS)/bin/uv)
UV_BOOT := $(filter $(TOOLS)/bin/uv,$(UV))

# Use this machine's Python (never download one) and keep the venv at .venv.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Install with .pyc files: where PYTHONDONTWRITEBYTECODE is set (as here), every start would
# otherwise recompile Textual and our modules, about half a second.
export UV_COMPILE_BYTECODE := 1

RUN_STAMP := $(VENV)/.synced-run
DEV_STAMP := $(VENV)/.synced-dev
PYTEST := TEXTUAL_ANIMATIONS=none $(BIN)/python -m pytest -n auto -q --durations=10

.PHONY: run test test-fast check lint bench dev clean python-version

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'

$(TOOLS)/bin/uv: | python-version
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION)

# The app's own dependencies only (what `make run`, `check` and `bench` need)...
$(RUN_STAMP): uv.lock pyproject.toml | python-version $(UV_BOOT)
	$(UV) sync --frozen --no-dev --inexact
	@$(BIN)/python -m compileall -q tui >/dev/null
	@touch $@

# ... and with the dev group (tests, linters, textual-dev).
$(DEV_STAMP): uv.lock pyproject.toml | python-version $(UV_BOOT)
	$(UV) sync --frozen
	@$(BIN)/python -m compileall -q tui >/dev/null
	@touch $@ $(RUN_STAMP)

# Bytecode for whatever changed since the last sync (a no-op in ~50 ms otherwise): with
# PYTHONDONTWRITEBYTECODE set, Python would compile every edited module again on each start.
COMPILE := @$(BIN)/python -m compileall -q tui bench
# The bench writes it all afresh (~0.2 s): compileall compares the source's mtime in whole
# seconds, so a module edited within the second it was compiled keeps a .pyc that Python
# refuses (the size differs) and compiles again on every start it times.
COMPILE_ALL := @$(BIN)/python -m compileall -q -f tui bench

run: $(RUN_STAMP)
	$(COMPILE)
	$(BIN)/stemcell-explainer

test: $(DEV_STAMP)
	$(PYTEST)

test-fast: $(DEV_STAMP)
	$(PYTEST) -m "not slow"

check: $(RUN_STAMP)
	$(BIN)/stemcell-explainer check

lint: $(DEV_STAMP)
	$(UV) lock --check
	$(BIN)/ruff check tui tests bench
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/mypy

bench: $(RUN_STAMP)
	$(COMPILE_ALL)
	$(BIN)/python -m bench

# textual-dev re-executes "python" as found on PATH, so the venv's bin goes first.
dev: $(DEV_STAMP)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/textual run --dev tui.dev:app

clean:
	rm -rf $(VENV) $(TOOLS) build dist .pytest_cache .mypy_cache .ruff_cache
