# Two commands on a fresh machine: `make run` (the demo on http://127.0.0.1:8000) and
# `make test` (the whole suite). Both install first; `make install` is that shared step.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

RULE_MODULES := partnership/periods.py,indicators/import_periods.py,targets/rules.py,targets/plan_rules.py,targets/spc.py,targets/spc_series.py,risks/rules.py,indicators/validation.py,reporting/rules/*,public/rules.py,reporting/funding/rules.py

.PHONY: install run test lint audit lock serve demo clean

install: $(VENV)/.installed node_modules/.installed static/dist/.built

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/dist/.built: node_modules/.installed $(wildcard static/src/*.scss) package.json
	npm run --silent build
	touch $@

# The demo: SQLite in the project folder, Celery tasks run eagerly, emails on the console.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The suite runs on every core (pytest-xdist), each worker with its own test database.
PYTEST_WORKERS ?= auto

test: lint
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup --cov --cov-report= $(PYTEST_ARGS)
	@echo "Coverage of the rule modules (every branch is tested):"
	$(BIN)/coverage report --include="$(RULE_MODULES)" --fail-under=100

# Known vulnerabilities in the locked dependencies (constraints.txt) and the npm packages
# served to browsers. pip-audit asks pypi.org for each locked version; where that is out of reach it says so.
audit: install
	npm audit --omit=dev
	@if $(BIN)/python -c "import urllib.request as u; u.urlopen('https://pypi.org/pypi/pip/24.0/json', timeout=10)" 2>/dev/null; then \
		$(BIN)/pip-audit --strict --no-deps --disable-pip -r constraints.txt; \
	else \
		echo "pip-audit cannot run: pypi.org's vulnerability data for each release (/pypi/NAME/VERSION/json) is out of reach from this machine"; \
	fi

# After changing pyproject.toml: install the new ranges, then lock what was installed.
lock:
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	( head -n 2 constraints.txt; $(BIN)/pip freeze --exclude-editable ) > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles .coverage
