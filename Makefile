# Factcheck: `make run` to use it, `make test` to test it (`make test-fast`: no browser,
# no worker processes). Nothing else is needed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
# Python's bytecode caches (git-ignored): a test run starts ~50 Python processes (pytest's
# workers, Celery workers, web servers, manage.py), each importing the whole app.
unexport PYTHONDONTWRITEBYTECODE

# pytest-xdist workers for `make test` / `make test-fast` (one per core by default).
PYTEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# Browser tests: `make test` requires them (a missing Chromium fails); `skip` leaves them out.
FACTCHECK_BROWSER_TESTS ?= required
export FACTCHECK_BROWSER_TESTS
# The fast loop: no browser, no real worker process (markers e2e / integration), and the API
# fuzzing at 10 examples per operation and role (make test: 100).
FAST_MARKERS := not e2e and not integration
FAST_FUZZ_EXAMPLES ?= 10

.PHONY: run test test-fast setup migrate demo lint typecheck pytest pytest-fast frontend-test e2e bench train-checkworthiness clean system-run system-test system-test-fast

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

# System packages (Chromium, Pango, poppler-utils...): apt-get installs what is missing when
# root; otherwise one line names the command to run. See scripts/system-packages.sh.
system-run:
	@PYTHON=$(PYTHON) bash scripts/system-packages.sh run

system-test:
	@PYTHON=$(PYTHON) bash scripts/system-packages.sh $(if $(filter skip,$(FACTCHECK_BROWSER_TESTS)),test-fast,test)

system-test-fast:
	@PYTHON=$(PYTHON) bash scripts/system-packages.sh test-fast

run: system-run demo
	@$(PY) -m factcheck.core.runinfo
	$(VENV)/bin/honcho start -f Procfile --port $${PORT:-8000}

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	$(VENV)/bin/mypy factcheck

pytest: setup
	@eval "$$($(PY) -m factcheck.core.testinfo)" && $(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

pytest-fast: setup
	@eval "$$($(PY) -m factcheck.core.testinfo)" && FACTCHECK_FUZZ_EXAMPLES=$(FAST_FUZZ_EXAMPLES) \
	  $(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m "$(FAST_MARKERS)" $(PYTEST_ARGS)

# The browser tests alone (one worker per core too).
e2e: system-test setup
	@eval "$$($(PY) -m factcheck.core.testinfo)" && $(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m e2e $(PYTEST_ARGS)

frontend-test: setup
	cd frontend && npx tsc --noEmit && npx vitest run

# Everything: lint, types, the frontend's tests, then every pytest test (browser included).
test: system-test lint typecheck frontend-test pytest

# The inner loop: the same without the browser and the real worker processes.
test-fast: system-test-fast lint typecheck frontend-test pytest-fast

bench: setup
	@eval "$$($(PY) -m factcheck.core.testinfo)" && $(PY) bench/run_all.py

train-checkworthiness: setup
	$(PY) -m factcheck.tagging.training.checkworthiness --data ../shared/datasets/claimbuster --corpus ../shared/corpus/wikinews --validation ../shared/datasets/checkthat2024-devtest/CT24_checkworthy_english_dev-test.tsv --out factcheck/tagging/extract/checkworthiness_model.json

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var
