# The two commands of the README: `make run` and `make test`. Each installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded default gets a local admin so that the admin screens can be tried at once.
export VOCABQUIZ_ADMIN_USERNAME ?= admin
export VOCABQUIZ_ADMIN_PASSWORD ?= vocabquiz-admin

.PHONY: install web run test test-python test-web lint check-lock lock

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

web: frontend/dist/index.html

frontend/dist/index.html: $(shell find frontend/src frontend/index.html frontend/package.json -type f 2>/dev/null)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build

run: install web
	$(BIN)/vocabquiz demo
	$(BIN)/vocabquiz serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: install web lint
	$(BIN)/pytest
	cd frontend && npm test && npm run check-client

# Regenerate the pinned requirements from pyproject.toml's ranges.
lock:
	rm -rf /tmp/vocabquiz-lock && $(PYTHON) -m venv /tmp/vocabquiz-lock
	/tmp/vocabquiz-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/vocabquiz-lock/bin/pip freeze --exclude-editable | grep -v '^vocabquiz' > requirements.lock
