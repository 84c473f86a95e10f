# Samhandlingslab. Two commands do everything on a fresh machine:
#   make lab    create .venv, install, open the course in JupyterLab
#   make test   create .venv, install, run the lint and the whole test-suite
#   make test-fast   the unit tests only (no slow or system tests; see tests/README.md)
# Another interpreter: make test PYTHON=/path/to/python3.12 (uses .venv-3.12).

PYTHON ?= python3
PYVER := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
ifeq ($(origin PYTHON),command line)
VENV ?= .venv-$(PYVER)
else
VENV ?= .venv
endif
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# configurable-http-proxy (npm) for the local JupyterHub: installed into the venv, not globally.
CHP_VERSION := 5.3.0
CHP := $(VENV)/node/node_modules/.bin/configurable-http-proxy
CONSTRAINTS := requirements/constraints.txt
PYTEST_ARGS ?=

.PHONY: lab test test-fast install hub-deps lint format benchmark exercises screenshots clean help

help:
	@echo "make lab        install and open the course in JupyterLab"
	@echo "make test       install, lint and run all tests"
	@echo "make test-fast  the unit tests only: no slow or system tests (tests/README.md)"
	@echo "make install    create $(VENV) and install (setup only)"
	@echo "make hub-deps   install configurable-http-proxy (npm) for the local JupyterHub"
	@echo "make benchmark  run the performance benchmarks (on demand)"
	@echo "make exercises  generate the student exercises/ from the masters in solutions/"
	@echo "make screenshots  run the browser test and save its screenshots in docs/images/"
	@echo "make clean      remove $(VENV) and caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23.2"
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e ".[test]"
	touch $(STAMP)

$(CHP): | $(BIN)/python
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix $(VENV)/node configurable-http-proxy@$(CHP_VERSION); \
	else \
		echo "npm not found: the local JupyterHub test will skip (Debian/Ubuntu: sudo apt install npm)"; \
	fi

install: $(STAMP)

hub-deps: $(STAMP)
	@$(MAKE) --no-print-directory $(CHP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=. course/README.md

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check simulations tests benchmarks deploy solutions/generate_exercises.py

format: $(STAMP)
	$(BIN)/ruff format simulations tests benchmarks deploy solutions/generate_exercises.py
	$(BIN)/ruff check --fix .

test: lint hub-deps
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow and not system" $(PYTEST_ARGS)

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/grading.py
	$(BIN)/python benchmarks/game.py

exercises: $(STAMP)
	$(BIN)/python solutions/generate_exercises.py

screenshots: $(STAMP)
	SAMLAB_SCREENSHOTS=docs/images $(BIN)/python -m pytest -q tests/test_browser.py tests/test_game_browser.py

clean:
	rm -rf $(VENV) .venv-* .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
