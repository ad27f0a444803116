# Direct Your Support — the commands a newcomer needs. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_ENV ?= development

.PHONY: run serve serve-database test lint typecheck pytest browser-test bench bench-load seed clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install only when the pinned requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

## With DATABASE_OWNER_URL set (PostgreSQL with two roles) migrations run as the owner (as the
## default connection: some migrations, such as django_tasks_db's, write through it), and the
## application role's grants are applied again afterwards (README: PostgreSQL, two roles).
migrate: install
	mkdir -p var
	if [ -n "$$DATABASE_OWNER_URL" ]; then \
	  DATABASE_URL="$$DATABASE_OWNER_URL" $(BIN)/python manage.py migrate --noinput && \
	  $(BIN)/python manage.py database_roles; \
	else \
	  $(BIN)/python manage.py migrate --noinput; \
	fi

## make run: set everything up, load the demo when the database is empty, serve on :8000.
## The demo runs as the product does (DEBUG off); `DJANGO_DEBUG=1 make run` shows tracebacks.
## Two task workers run beside the server for background work (a batch of Plan Book PDFs shares
## out one task per person); a background job of a non-interactive shell ignores Ctrl-C, so the
## trap stops the workers with the server.
run: migrate
	$(BIN)/python manage.py seed_demo --if-empty
	$(BIN)/python manage.py seed_demo_retention
	$(BIN)/python manage.py demo_logins
	$(BIN)/python manage.py db_worker --no-reload & first=$$!; \
	$(BIN)/python manage.py db_worker --no-reload & second=$$!; \
	trap 'kill $$first $$second 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## make serve: the product as it is deployed, on this machine: gunicorn (SERVE_PROCESSES worker
## processes of SERVE_THREADS threads) on SERVE_BIND and two task workers beside it, against
## PostgreSQL (DATABASE_URL, required) and, if REDIS_URL is set, one Redis shared with every other
## app server. Run it on each app server (README "Running more than one app server"); the demo
## is not loaded. DJANGO_ENV stays as set (development unless you say production).
SERVE_BIND ?= 127.0.0.1:8000
SERVE_PROCESSES ?= 2
SERVE_THREADS ?= 4
serve: serve-database migrate
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py db_worker --no-reload & first=$$!; \
	$(BIN)/python manage.py db_worker --no-reload & second=$$!; \
	trap 'kill $$first $$second 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn directsupport.wsgi --bind $(SERVE_BIND) --workers $(SERVE_PROCESSES) \
	  --threads $(SERVE_THREADS) --worker-class gthread --access-logfile -

serve-database:
	@case "$$DATABASE_URL" in postgres*) ;; *) echo "make serve needs DATABASE_URL=postgres://... (one database for every app server); make run is the one-machine demo." >&2; exit 1;; esac

## make seed: add whatever part of the demo an existing database is missing (repeatable).
seed: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py seed_demo_retention

## make test: lint, type-check and the whole test suite (browser tests need /usr/bin/chromium).
test: lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

## Two test processes (pytest-xdist) by default, one per core of a small CI machine;
## `make pytest PYTEST_WORKERS=0` runs in one process (easier to debug).
PYTEST_WORKERS ?= 2
pytest: install
	DJANGO_ENV=test $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## make browser-test: only the Playwright journeys and axe-core checks (needs /usr/bin/chromium).
## Screenshots and axe reports of every page checked go to test-artifacts/.
browser-test: install
	DJANGO_ENV=test $(BIN)/pytest -n $(PYTEST_WORKERS) -m browser tests/browser $(PYTEST_ARGS)

## make bench: 10,000 people in a separate database, served by gunicorn under load (the list, a
## search, a person page, their Perfect Week and statement beside the /healthz floor); then the
## Planning Live figures (Plan Book PDFs, one and a batch of 55, and queries per page) and the
## Perfect Week figures (pricing 55 and 10,000 weeks, the Perfect Week page under load) and the
## ISF figures (statements and the reconciliation for 10,000 funds, the statement page under load)
## and the Open Referral UK API under load (/services with 2,000 suppliers, with and without filters)
## and matching every need of 10,000 people (about 20 each) against 2,000 suppliers, with the gaps.
## Then sealing and verifying the hash chains of a million audit rows and a million ledger entries.
## Then the backup drill: backup and restore --check of the 10,000-person database.
## Then one person's subject access copy: the richest demo person's and one at 10,000 people.
## Then the borough optimiser: a 55-person borough to the optimum, a city of 5,000 people within 1%.
## Then the programme dashboard: its monthly snapshots for 10,000 people and a million ledger
## entries, the page under load and the board's PDF report.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/planning.py
	$(BIN)/python bench/week.py
	$(BIN)/python bench/funds.py
	$(BIN)/python bench/market_api.py
	$(BIN)/python bench/market_matching.py
	$(BIN)/python bench/verify_records.py
	$(BIN)/python bench/backup_restore.py
	$(BIN)/python bench/retention.py
	$(BIN)/python bench/subject_access.py
	$(BIN)/python bench/optimiser.py
	$(BIN)/python bench/programme_dashboard.py

## make bench-load: two app servers (gunicorn) on one PostgreSQL and one Redis under Locust, at
## 30, 90 and 150 signed-in users of mixed roles with think time, 60 s each, on 500 people:
## p95 and error rate into bench/results.json ("multi_server_load"). Needs PostgreSQL and Redis
## on 127.0.0.1 (BENCH_LOAD_ARGS="--database-url ... --redis-url ..." to point elsewhere).
bench-load: install
	$(BIN)/python bench/multi_server_load.py $(BENCH_LOAD_ARGS)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
