# Factcheck: `make run` to use it, `make test` to test it. Nothing else is needed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: run test setup frontend migrate demo lint typecheck pytest frontend-test e2e bench train-checkworthiness clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend/dist/.vite/manifest.json: frontend/node_modules/.installed $(shell find frontend/src -type f 2>/dev/null) frontend/vite.config.ts
	cd frontend && npm run build

setup: $(VENV)/.installed frontend/dist/.vite/manifest.json

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@$(PY) -m factcheck.core.runinfo
	$(VENV)/bin/honcho start -f Procfile --port $${PORT:-8000}

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	$(VENV)/bin/mypy factcheck

pytest: setup
	@eval "$$($(PY) -m factcheck.core.testinfo)" && $(VENV)/bin/pytest

frontend-test: setup
	cd frontend && npx tsc --noEmit && npx vitest run

test: lint typecheck frontend-test pytest

bench: setup
	@eval "$$($(PY) -m factcheck.core.testinfo)" && $(PY) bench/run_all.py

train-checkworthiness: setup
	$(PY) -m factcheck.tagging.training.checkworthiness --data ../shared/datasets/claimbuster --corpus ../shared/corpus/wikinews --validation ../shared/datasets/checkthat2024-devtest/CT24_checkworthy_english_dev-test.tsv --out factcheck/tagging/extract/checkworthiness_model.json

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var
