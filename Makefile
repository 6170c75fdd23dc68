# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test lint format install install-test migrate demo sample bench clean

# The stamp files make a second run start at once: pip runs again only
# when pyproject.toml changes.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo_content

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

sample: migrate
	$(PY) manage.py load_sample_content

test: install-test
	$(PY) -m pytest

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# A separate SQLite database with 20,000 sample items (or DATABASE_URL's).
BENCH_DB ?= sqlite:///$(CURDIR)/var/bench.sqlite3
bench: install
	mkdir -p var/static
	DATABASE_URL=$${DATABASE_URL:-$(BENCH_DB)} sh -c '\
	  $(PY) manage.py migrate --no-input -v0 && \
	  $(PY) manage.py load_demo_content --no-accounts && \
	  if [ "$$($(PY) manage.py shell -c "from newsroom.news.models import NewsItem; print(NewsItem.objects.count() < 20000)")" = True ]; then \
	    $(PY) manage.py load_sample_content --news 20000 --speeches 2000 --events 2000; fi && \
	  DEBUG=0 SECRET_KEY=bench $(PY) manage.py benchmark_pages'
