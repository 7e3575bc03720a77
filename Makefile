# Set-up contract: `make run` and `make test` work on a fresh clone with only Python and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test install install-test demo lint format conformance bench-search clean

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
	$(VENV)/bin/pytest

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
