# Jaga: `make run` to try it, `make test` to check it. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := jaga.settings

.PHONY: run test test-slow load scale-proof bench bench-quick install install-dev lint format lock messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/jaga migrate --no-input
	$(BIN)/jaga collectstatic --no-input >/dev/null
	@mkdir -p var
	$(BIN)/jaga load-demo > var/demo-logins.txt
	BIN=$(BIN) HOST=$(HOST) PORT=$(PORT) READY_NOTE=var/demo-logins.txt scripts/serve

# Every test on SQLite; again on PostgreSQL when JAGA_TEST_DATABASE_URL names one.
test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/mypy
	$(BIN)/jaga makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest -q -m "not slow"
	@if [ -n "$$JAGA_TEST_DATABASE_URL" ]; then \
		echo "== PostgreSQL: $$JAGA_TEST_DATABASE_URL"; \
		JAGA_DATABASE_URL="$$JAGA_TEST_DATABASE_URL" $(BIN)/pytest -q -m "not slow"; \
	fi

# The slow proofs (docs/proofs.md): API fuzzing as each persona, the scope property with more
# examples, and, on PostgreSQL (its own database), concurrent edits and a killed connection.
PROOFS_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/jaga_proofs
test-slow: install-dev
	JAGA_PROOF_EXAMPLES=25 $(BIN)/pytest -q -m slow tests/proofs
	JAGA_PROOF_EXAMPLES=25 JAGA_DATABASE_URL="$(PROOFS_DATABASE_URL)" $(BIN)/pytest -q -m slow tests/proofs

# Load test (not part of the tests): 200 RT officers + 20 case managers, gunicorn + PostgreSQL.
load: install-dev
	$(BIN)/python -m tests.proofs.load.run

# Jaga on more than one machine, on 127.0.0.1 (docs/proofs.md): PostgreSQL primary + streaming
# replica, Redis, two app servers behind HAProxy, two RQ workers; one of each killed midway.
scale-proof: install-dev
	$(BIN)/python -m tests.proofs.scale.run

# Benchmarks (bench/README.md): SQLite and PostgreSQL at 10k, 100k and 1M cases; the quick
# run measures everything once at the smallest scale so the benchmark never rots.
bench: install-dev
	$(BIN)/python -m bench.run

bench-quick: install-dev
	$(BIN)/python -m bench.run --quick

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the pinned versions from pyproject.toml and requirements/dev.in.
lock:
	rm -rf /tmp/jaga-lock && $(PYTHON) -m venv /tmp/jaga-lock
	/tmp/jaga-lock/bin/pip install --quiet --upgrade pip
	/tmp/jaga-lock/bin/pip install --quiet .
	/tmp/jaga-lock/bin/pip freeze --exclude jaga > requirements/base.txt
	/tmp/jaga-lock/bin/pip install --quiet -r requirements/dev.in -c requirements/base.txt
	/tmp/jaga-lock/bin/pip freeze --exclude jaga > requirements/dev.txt

# Translations: the .po and the compiled .mo are both committed (no gettext needed to run).
messages: install
	cd jaga && ../$(BIN)/jaga makemessages -l en --no-obsolete --ignore=reference
	cd jaga && ../$(BIN)/jaga compilemessages

clean:
	rm -rf $(VENV) var/static
