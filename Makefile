# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test test-clock lint format install install-test messages catalogue migrate demo sample bench bench-search bench-images clean

# The stamp files make a second run start at once: pip runs again only
# when pyproject.toml changes.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

# One resolve and one editable build for the site and its test tools together
# (about 10 s less than installing the site first, then the tools).
$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed messages
install-test: $(VENV)/.installed-test messages

# The interface's translations (locale/<code>/LC_MESSAGES/django.po) compiled to
# the .mo files Django reads; the .mo files are build output, not committed.
# msgfmt comes with Debian's gettext (also needed by makemessages).
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "apt-get install gettext"; exit 2; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0

# Gathers new and changed strings of the code and templates into every
# language's catalogue (then translate them: tests/i18n/test_catalogue.py fails
# on any left untranslated or fuzzy). File-only locations keep diffs small.
catalogue: install
	$(PY) manage.py makemessages --all --add-location=file $(CATALOGUE_IGNORE)
	$(PY) manage.py makemessages --all --add-location=file -d djangojs $(CATALOGUE_IGNORE)
CATALOGUE_IGNORE := --ignore=.venv --ignore=var --ignore=tests --ignore=staticfiles --ignore='static/ckeditor/*'

# The database cache's table (used when neither REDIS_URL nor CACHE_DIR is set)
# first: migrate's own saves (the roles) already write to the cache.
migrate: install
	$(PY) manage.py createcachetable
	$(PY) manage.py migrate --no-input

# The seed page's content, and three plainly labelled sample statements (the
# seed has none) so that every kind of content shows.
demo: migrate
	$(PY) manage.py load_demo_content
	$(PY) manage.py generate_content --fill --news 0 --speeches 0 --events 0 --statements 3

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

sample: migrate
	$(PY) manage.py generate_content

# Two workers, one per core of the CI machine (TEST_WORKERS=0: one process).
TEST_WORKERS ?= 2
test: install-test
	$(PY) -m pytest -n $(TEST_WORKERS)

# The suite (browser tests aside) with the clock started at two awkward hours:
# 00:30 UTC, and 23:59 UTC when it is already tomorrow in Moscow, the site's
# time zone. No test may depend on the hour it runs (needs Debian's faketime).
CLOCK_HOURS ?= 00:30:00 23:59:00
test-clock: install-test
	@command -v faketime >/dev/null || { echo "apt-get install faketime"; exit 2; }
	for hour in $(CLOCK_HOURS); do \
	  echo "== clock at $$hour UTC"; \
	  TZ=UTC faketime -f "@$$(date -u +%F) $$hour" $(PY) -m pytest -n $(TEST_WORKERS) -m "not e2e" -q -p no:cacheprovider || exit 1; \
	done

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# `make bench` (README, "Tests, benchmarks and CI"): the real pages served by
# gunicorn with production settings, driven by wrk beside Django's ceiling, at
# each archive size (newsroom/demo/management/commands/bench.py). SQLite by
# default; PostgreSQL when DATABASE_URL says so (then one database per size,
# its name plus the size). Needs wrk: apt-get install -y wrk.
BENCH_DB ?= sqlite:///$(CURDIR)/var/bench.sqlite3
BENCH_SIZES ?= 1000,20000,100000
BENCH_SECONDS ?= 10
BENCH_ROUNDS ?= 1
BENCH_CACHE ?= on,off,cold
# Pages of another site running beside it, measured the same way (docs/performance.md):
# BENCH_COMPARE="bakerydemo blog page=http://127.0.0.1:8100/blog/…"
BENCH_COMPARE ?=
bench_args = --sizes $(BENCH_SIZES) --seconds $(BENCH_SECONDS) --rounds $(BENCH_ROUNDS) --compare "$(BENCH_COMPARE)"

bench: export DATABASE_URL := $(or $(DATABASE_URL),$(BENCH_DB))
bench: install
	$(PY) manage.py bench $(bench_args) --cache $(BENCH_CACHE)

# Search alone at 100,000 news items on PostgreSQL, with the plans of its queries.
bench-search: install
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "Set DATABASE_URL=postgres://… (see README)"; exit 2;; esac
	$(PY) manage.py bench --sizes 100000 --seconds $(BENCH_SECONDS) --cache off --only search
	DATABASE_URL=$$DATABASE_URL"_100000" $(PY) manage.py bench --probe --explain --only search

# The image pipeline on a 24-megapixel photo (checking, re-encoding, renditions).
bench-images: install
	$(PY) manage.py benchmark_images
