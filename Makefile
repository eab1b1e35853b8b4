# Two commands matter: `make run` (the app) and `make test` (every check). The rest are helpers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format validate schema bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# The app on http://127.0.0.1:8501 (settings pinned in .streamlit/config.toml); dashboard/serve.py prepares the pages
# first, then runs `streamlit run dashboard/app.py` in the same process (options after ARGS=, e.g. --server.port 8502).
run: $(STAMP)
	$(PY) -m dashboard.serve $(ARGS)

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

validate: $(STAMP)
	$(PY) -m dashboard validate

# Regenerate the committed JSON Schemas after changing dashboard/records/schema.py.
schema: $(STAMP)
	$(PY) -m dashboard schema > data/indicators.schema.json
	$(PY) -m dashboard schema --sources > data/sources.schema.json
	$(PY) -m dashboard schema --dismissed > data/dismissed.schema.json

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts
