# ConvLab: `make run` starts the app, `make test` runs every test. Both are safe to run twice.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# `make run HOST=0.0.0.0`: reachable from the other computers of the network (a class), not only this one
HOST ?= localhost
CHROMIUM ?= /usr/bin/chromium

.PHONY: run serve-class test browser bench load clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Stamps: reinstall only when a requirements file changed.
$(VENV)/.run-installed: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

# Locust and its gevent for `make load` only (requirements-load.txt): neither the app nor the tests need them.
$(VENV)/.load-installed: requirements.txt requirements-dev.txt requirements-load.txt | $(PY)
	$(PY) -m pip install -q -r requirements-load.txt
	touch $@ $(VENV)/.dev-installed $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(PY) -m streamlit run app.py --server.address $(HOST) --server.port $(PORT)

# A class on this host: N app processes (default: one per core) behind nginx on LISTEN (default 8080, every
# interface), sticky sessions, static files served by nginx (deploy/serve_class.py, docs/deploy.md). Ctrl-C stops all.
# make serve-class N=4 LISTEN=127.0.0.1:8080
N ?= $(shell nproc 2>/dev/null || echo 2)
LISTEN ?= 8080
serve-class: $(VENV)/.run-installed
	$(PY) -m deploy.serve_class --processes $(N) --listen $(LISTEN)

# A browser for Playwright: the system Chromium when present, else Playwright's own (downloaded once).
browser: $(VENV)/.dev-installed
	@if [ -x "$(CHROMIUM)" ]; then echo "browser: $(CHROMIUM)"; \
	elif ls $${PLAYWRIGHT_BROWSERS_PATH:-$$HOME/.cache/ms-playwright}/chromium* >/dev/null 2>&1; then echo "browser: Playwright's Chromium"; \
	else $(PY) -m playwright install chromium; fi

test: browser
	$(PY) -m pytest

bench: $(VENV)/.dev-installed
	$(PY) benchmarks/bench_correlate.py

# A class without browsers (benchmarks/load/, benchmarks/README.md): starts its own servers and prints one table.
# By default the deployment `make serve-class` runs: one app process per core behind nginx.
# A short run: make load LOAD_ARGS="--students 10 --seconds 30 --scenario edit60,train40"
LOAD_DEPLOY ?= --servers $(shell nproc) --nginx
load: $(VENV)/.load-installed browser
	$(PY) -m benchmarks.load.run $(LOAD_DEPLOY) $(LOAD_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
