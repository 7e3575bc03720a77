# Set-up contract: `make run` and `make test` work on a fresh clone with only Python and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test test-full install install-test demo lint format conformance bench-search bench-load clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamps re-install only when the pinned requirements change.
$(VENV)/.base-installed: requirements/base.txt $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.test-installed: requirements/test.txt requirements/base.txt $(VENV)/.base-installed
	$(PY) -m pip install --quiet -r requirements/test.txt
	touch $@

install: $(VENV)/.base-installed

install-test: $(VENV)/.test-installed

# Links in notifications point at the port the site is served on.
export XUNJIE_BASE_URL ?= http://127.0.0.1:$(PORT)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py rebuild_modelsearch_index

run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest -m "not e2e and not slow"

# Everything `test` leaves out: the whole suite (browser journeys and slow tests too)
# on a private PostgreSQL server, then a short concurrent load run on SQLite and on
# PostgreSQL. System packages come from scripts/install-test-deps.sh; the server is
# stopped however the run ends.
test-full: install-test
	scripts/install-test-deps.sh
	@set -e; url=$$(scripts/postgres.sh start); \
	trap 'scripts/postgres.sh stop' EXIT; \
	echo "test-full: suite on $$url"; \
	DATABASE_URL=$$url DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest; \
	$(PY) bench/load.py --clients 20 --count 2 --database sqlite; \
	$(PY) bench/load.py --clients 20 --count 2 --database "$$url"

# The concurrent load run (bench/README.md); BENCH_ARGS="--count 10" to change it.
bench-load: install-test
	scripts/install-test-deps.sh
	@set -e; url=$$(scripts/postgres.sh start); \
	trap 'scripts/postgres.sh stop' EXIT; \
	$(PY) bench/load.py --database sqlite $(BENCH_ARGS); \
	$(PY) bench/load.py --database "$$url" $(BENCH_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# modelsearch's own backend test-suite against our Whoosh + jieba backend (needs ../shared).
conformance: install-test
	../shared/conformance/run.sh $(PY) . search.backends.whoosh

bench-search: install-test
	$(PY) bench/search.py

clean:
	rm -rf $(VENV) var
