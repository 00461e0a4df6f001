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

# The end-to-end test drives Debian's Chromium (`make chromium`): npm must not fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: install web run test test-python test-web lint check-lock lock chromium e2e monitoring-tools nginx wrk

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
	$(BIN)/lint-imports

test: install web lint monitoring-tools nginx wrk
	$(BIN)/pytest
	cd frontend && npm test && npm run check-client
	$(MAKE) --no-print-directory e2e

# Debian's Chromium for the end-to-end test, and a colour emoji font so that its screenshots show the medals.
chromium:
	command -v chromium >/dev/null && test -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf || \
	  ($(SUDO) apt-get update && \
	   $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji)

# A real server and two players in Chromium; screenshots land in frontend/e2e/output/screens.
e2e: install web chromium
	cd frontend && npm run e2e

# Prometheus, promtool, postgres_exporter and redis_exporter for tests/monitoring, from Debian's
# packages. The packages may start their own services on their default ports: the tests never use
# them (they run their own on free ports), so they are stopped and disabled.
monitoring-tools:
	{ command -v promtool && command -v prometheus-postgres-exporter && \
	  command -v prometheus-redis-exporter; } >/dev/null || \
	  ($(SUDO) apt-get update && \
	   $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	     prometheus prometheus-postgres-exporter prometheus-redis-exporter && \
	   for s in prometheus prometheus-postgres-exporter prometheus-redis-exporter; do \
	     $(SUDO) systemctl disable --now $$s >/dev/null 2>&1 || \
	     $(SUDO) service $$s stop >/dev/null 2>&1 || true; done)

# Debian's nginx for tests/test_nginx.py, which runs its own nginx (deploy/nginx/vocabquiz.conf in
# front of two instances) as a plain process. The package may start a system nginx on :80: the
# tests never use it, so it is stopped and disabled. /usr/sbin is not on every user's PATH.
nginx:
	{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null || \
	  ($(SUDO) apt-get update && \
	   $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx && \
	   { $(SUDO) systemctl disable --now nginx >/dev/null 2>&1 || \
	     $(SUDO) service nginx stop >/dev/null 2>&1 || true; })

# Debian's wrk, the HTTP load generator of bench/floor.py (tests/test_bench.py runs it tiny).
wrk:
	command -v wrk >/dev/null || \
	  ($(SUDO) apt-get update && \
	   $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk)

# Regenerate the pinned requirements from pyproject.toml's ranges.
lock:
	rm -rf /tmp/vocabquiz-lock && $(PYTHON) -m venv /tmp/vocabquiz-lock
	/tmp/vocabquiz-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/vocabquiz-lock/bin/pip freeze --exclude-editable | grep -v '^vocabquiz' > requirements.lock

# Benchmarks (docs/PERFORMANCE.md). Each starts its own server on the production backends
# (PostgreSQL and Redis on 127.0.0.1) and prints its figures.
.PHONY: bench-tools bench-deps bench-floor bench-answers bench-fanout bench-live bench-imports bench-capacity bench-libraries

# pgbench (postgresql-contrib), redis-benchmark (redis-tools) and nginx with the nchan module, the
# baselines the benchmarks measure beside the service. The package may start a system nginx on :80:
# the benchmarks never use it, so it is stopped and disabled.
bench-tools: wrk
	{ command -v pgbench && command -v redis-benchmark && test -x /usr/sbin/nginx && \
	  test -f /usr/lib/nginx/modules/ngx_nchan_module.so; } >/dev/null || \
	  ($(SUDO) apt-get update && \
	   $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
	     postgresql-contrib redis-tools nginx libnginx-mod-nchan && \
	   { $(SUDO) systemctl disable --now nginx >/dev/null 2>&1 || \
	     $(SUDO) service nginx stop >/dev/null 2>&1 || true; })

# matplotlib for the plot, into the project's venv.
bench-deps: install
	$(BIN)/python -c 'import matplotlib' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[bench]'

# The playing routes beside a bare FastAPI app on the same uvicorn settings, with wrk.
bench-floor: install bench-tools
	$(BIN)/python bench/floor.py --seconds 10 --connections 16

# Enough players to keep one worker busy, few enough that submit p99 stays within 50 ms.
bench-answers: install bench-tools
	$(BIN)/python bench/answers.py --players 24 --watchers 20 --seconds 15

# Fan-out against nginx + nchan with few answers (so that the fan-out is what is measured), then a
# school-wide session under answers, then many watchers and many answers on two workers.
bench-fanout: install bench-tools
	$(BIN)/python bench/fanout.py --watchers 10000 --rate 20 --players 20 --seconds 15
	$(BIN)/python bench/fanout.py --watchers 5000 --rate 200 --players 100 --seconds 15 --no-nchan
	$(BIN)/python bench/fanout.py --watchers 10000 --rate 1000 --players 100 --seconds 15 \
	  --workers 2 --no-nchan

# A live question answered by 1,000 players within 2 s, on one worker and then two.
bench-live: install bench-tools
	$(BIN)/python bench/live.py --players 1000 --window 2 --workers 1 2

# A 2,000-row word-list import in the request, as a job in the server, and on a worker of its own.
bench-imports: install bench-tools
	$(BIN)/python bench/imports.py

bench-libraries: install bench-tools
	$(BIN)/python bench/libraries.py

bench-capacity: install bench-tools bench-deps
	$(BIN)/python bench/capacity.py --rate 20 --out docs/performance/capacity.json
	$(BIN)/python bench/plot.py
