# LKJ Portal. `make run` serves the demo at http://127.0.0.1:8000; `make test` runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
export DJANGO_SETTINGS_MODULE := lkj_portal.settings
# pytest-xdist workers for `make test`: the machine's cores, at most 4 (each has its own database).
TEST_PROSES ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)

.PHONY: run test install system-deps system-deps-tests migrate demo serve bench lint format check clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

install: system-deps $(VENV)/.installed

system-deps:
	./scripts/system-deps.sh

system-deps-tests:
	./scripts/system-deps.sh --tests

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py muat_demo

## Install, migrate, load the demo data and serve on 127.0.0.1:8000 (with the background worker).
run: demo
	DEBUG=1 PY=$(PY) ./scripts/serve.sh

## The whole test suite (on PostgreSQL when DATABASE_URL is set), then lint, type and migration checks.
test: install system-deps-tests
	$(PY) -m pytest -n $(TEST_PROSES)
	$(MAKE) --no-print-directory check

check: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DEBUG=1 $(VENV)/bin/mypy

lint: check

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Benchmarks on dedicated databases; writes docs/benchmarks.md.
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache .ruff_cache
