# Phòng dịch — `make demo` to try it, `make test` to check it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
WEB_CONCURRENCY ?= 4

.PHONY: demo serve loadtest test lint format install runtime messages lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# What running needs: the demo and the server install only this.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Running plus checking it: tests, linters, type checker, browser-test driver.
$(VENV)/.installed: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# axe-core (from the npm registry, pinned in testing/axe/package-lock.json) for the browser
# tests' accessibility checks; the product itself never loads it.
AXE := testing/axe/node_modules/axe-core/axe.min.js
$(AXE): testing/axe/package.json testing/axe/package-lock.json
	npm ci --prefix testing/axe --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

install: $(VENV)/.installed $(AXE)

runtime: $(VENV)/.runtime

# Static files hashed and compressed as in production, so a first visit weighs what it will.
demo: runtime
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	STATIC_MANIFEST=1 $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo "Serving at http://$(HOST)/ (Ctrl+C to stop)"
	STATIC_MANIFEST=1 $(BIN)/python manage.py runserver $(HOST)

# The production server: gunicorn (settings in phongdich/gunicorn.conf.py) with WEB_CONCURRENCY workers
# on HOST, against DATABASE_URL and REDIS_URL (the cache every worker shares), static files hashed,
# compressed and served by WhiteNoise.
serve: runtime
	@test -n "$$REDIS_URL$$REDIS_URL_FILE" || { echo "make serve needs REDIS_URL: the workers share login throttling and cached pages through it" >&2; exit 1; }
	STATIC_MANIFEST=1 $(BIN)/python manage.py migrate --no-input
	STATIC_MANIFEST=1 $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo "Serving at http://$(HOST)/ with $(WEB_CONCURRENCY) workers (Ctrl+C to stop)"
	STATIC_MANIFEST=1 $(BIN)/gunicorn --config phongdich/gunicorn.conf.py --bind $(HOST) --workers $(WEB_CONCURRENCY)

# A bounded load test over loopback against a running `make serve` whose database holds the demo
# and a generated province (`python manage.py bench_province --places 100000`).
LOADTEST_URL ?= http://$(HOST)
loadtest: install
	$(BIN)/python manage.py loadtest --url $(LOADTEST_URL) --users 200 --duration 60 --mix public
	$(BIN)/python manage.py loadtest --url $(LOADTEST_URL) --users 200 --duration 30 --think 0.5 --mix submit

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/mypy . || status=1; \
	$(BIN)/lint-imports --no-cache || status=1; \
	exit $$status

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(BIN)/python manage.py makemessages --locale vi --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*' --ignore 'var/*'

lock: install
	@echo "Edit requirements*.in, install them in a fresh venv, then pin with pip freeze."

clean:
	rm -rf $(VENV) var/static
