# The two commands of the README: `make run` and `make test`. Everything else is a helper of theirs.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
export DATABASE_URL ?= sqlite:///data/fintrack.db

.PHONY: run test demo migrate bench browser lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@ $(VENV)/.installed

migrate: $(VENV)/.installed
	$(BIN)/python -m fintrack.db.migrate

run: migrate
	$(BIN)/streamlit run server.py

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)  # two workers: the CI machine has two cores

browser: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

demo: migrate
	$(BIN)/python -m fintrack.demo

bench: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
