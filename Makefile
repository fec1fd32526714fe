# Doorstep: `make run` starts everything locally; `make test` runs every check.
# Only Python 3.11/3.12, Node 20 and git are assumed; everything else is installed on demand.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# The first of these that really runs (pyenv can put shims on PATH for versions it has not
# activated). Doorstep targets Python 3.11; 3.12 works too.
PYTHON ?= $(shell for candidate in python3.11 python3.12 python3; do \
	$$candidate -c 'import sys; assert (3, 11) <= sys.version_info < (3, 13)' 2>/dev/null \
	&& { command -v $$candidate; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
FRONT_ENDS := agency-spa portal-pwa
E2E := tests/e2e

.PHONY: help install build run test lint typecheck test-backend openapi openapi-check \
        front-end-checks e2e clean

help:
	@echo "make run    - install what is missing, build the front ends, start Doorstep"
	@echo "make test   - every check: lint, types, backend tests, contract, front ends, e2e"
	@echo "make openapi - regenerate openapi/openapi.json from the app"

# --- installation (each step reruns only when its lock file changes) -----------------------

$(VENV)/.installed: requirements-dev.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "Doorstep needs Python 3.11 or 3.12 on PATH"; exit 1; }
	@test -x $(PY) || { echo "• creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# npm ci refuses a lock file that lacks rollup's optional packages for other platforms, which
# this registry does not serve (portal-pwa, through workbox-build); npm install still installs
# exactly the locked versions.
%/node_modules/.installed: %/package-lock.json
	cd $* && { npm ci --no-audit --no-fund --loglevel=error 2>/dev/null \
		|| npm install --no-audit --no-fund --loglevel=error; }
	@touch $@

install: $(VENV)/.installed $(addsuffix /node_modules/.installed,$(FRONT_ENDS) $(E2E))

# --- build and run --------------------------------------------------------------------------

build: install
	@for app in $(FRONT_ENDS); do echo "• building $$app"; (cd $$app && npm run --silent build) || exit 1; done

run: build
	$(VENV)/bin/doorstep run

# --- checks ---------------------------------------------------------------------------------

lint: install
	$(VENV)/bin/ruff format --check backend tests migrations bench
	$(VENV)/bin/ruff check backend tests migrations bench

typecheck: install
	$(VENV)/bin/mypy

test-backend: install
	$(VENV)/bin/pytest

openapi: install
	$(PY) -m doorstep.cli openapi > openapi/openapi.json

openapi-check: install
	@$(PY) -m doorstep.cli openapi | diff -u openapi/openapi.json - \
		|| { echo "openapi/openapi.json is stale: run 'make openapi'"; exit 1; }

front-end-checks: install
	@for app in $(FRONT_ENDS); do \
		echo "• checking $$app"; \
		(cd $$app && npm run --silent typecheck && npm run --silent lint && npm run --silent test) || exit 1; \
	done

e2e: build
	cd $(E2E) && npm test

test: lint typecheck openapi-check test-backend front-end-checks e2e
	@echo "All checks passed."

clean:
	rm -rf $(VENV) $(addsuffix /node_modules,$(FRONT_ENDS) $(E2E)) $(addsuffix /dist,$(FRONT_ENDS))
