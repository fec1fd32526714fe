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
# npm workspaces (root package.json): the two apps, the code they share and the end-to-end suite,
# installed together into ./node_modules from the one package-lock.json.
WEB_SHARED := web-shared
E2E := tests/e2e
NPM_WORKSPACES := $(WEB_SHARED) $(FRONT_ENDS) $(E2E)

.PHONY: help install build run test checks chromium lint typecheck test-backend openapi \
        openapi-check front-end-checks e2e clean

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

# One install for every workspace, rerun when the lock or a workspace's package.json changes.
# npm ci may refuse the lock file where it lacks rollup's optional packages for other platforms
# (through workbox-build), which this registry does not serve; npm install then still installs
# exactly the locked versions.
node_modules/.installed: package-lock.json package.json $(addsuffix /package.json,$(NPM_WORKSPACES))
	{ npm ci --no-audit --no-fund --loglevel=error 2>/dev/null \
		|| npm install --no-audit --no-fund --loglevel=error; }
	@touch $@

install: $(VENV)/.installed node_modules/.installed

# --- build and run --------------------------------------------------------------------------

build: install
	@for app in $(FRONT_ENDS); do echo "• building $$app"; (cd $$app && npm run --silent build) || exit 1; done

run: build
	$(VENV)/bin/doorstep run

# --- checks ---------------------------------------------------------------------------------

lint: install
	$(VENV)/bin/ruff format --check backend tests migrations bench
	$(VENV)/bin/ruff check backend tests migrations bench
	$(VENV)/bin/lint-imports --no-cache

typecheck: install
	$(VENV)/bin/mypy

test-backend: install
	$(VENV)/bin/pytest

openapi: install
	$(PY) -m doorstep.cli openapi > openapi/openapi.json

openapi-check: install
	@$(PY) -m doorstep.cli openapi | diff -u openapi/openapi.json - \
		|| { echo "openapi/openapi.json is stale: run 'make openapi'"; exit 1; }

# web-shared first: its own types, lint and unit tests; then each app, which compiles the shared
# code it imports with its own settings.
front-end-checks: install
	@for pkg in $(WEB_SHARED) $(FRONT_ENDS); do \
		echo "• checking $$pkg"; \
		(cd $$pkg && npm run --silent typecheck && npm run --silent lint && npm run --silent test) || exit 1; \
	done

e2e: build
	cd $(E2E) && npm run --silent typecheck && npm test

# The end-to-end suite drives Debian's Chromium (or CHROMIUM_PATH); nothing is downloaded.
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)

chromium:
	@test -x "$(CHROMIUM)" || { echo "Chromium is missing: 'sudo apt-get install chromium' (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary"; exit 1; }

# PostgreSQL and Redis come from the environment, loopback, or embedded servers, as for
# `make run` (doorstep with-services); it stops what it started when the checks end.
test: install chromium
	$(VENV)/bin/doorstep with-services -- $(MAKE) --no-print-directory checks

checks: lint typecheck openapi-check test-backend front-end-checks e2e
	@echo "All checks passed."

clean:
	rm -rf $(VENV) node_modules $(addsuffix /node_modules,$(NPM_WORKSPACES)) $(addsuffix /dist,$(FRONT_ENDS)) \
		$(WEB_SHARED)/src/lib/api/schema.d.ts
