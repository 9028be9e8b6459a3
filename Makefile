# Hankehallinta: the two commands are `make run` and `make test` (see README.md).
# Both work from a fresh clone: they create .venv, install what they need when its file changed
# (`make run` requirements.txt, the runtime; `make test` requirements-test.txt, which adds the test
# tools to it), check the system packages and write a local .env with a generated SECRET_KEY if
# there is none.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.requirements-installed
TEST_STAMP := $(VENV)/.requirements-test-installed
LOAD_STAMP := $(VENV)/.requirements-load-installed

export PYTHON
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help run serve loadtest test lint format pytest deploy-check setup setup-test system-deps system-deps-browser

help: ## show this help
	@echo "Hankehallinta"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo
	@echo "Environment: PORT (default 8000), DATABASE_URL (default SQLite db.sqlite3), PYTHON (default python3)."

run: system-deps setup ## migrate, load the demo data and serve on 127.0.0.1:$PORT
	$(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	@echo
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in as one of the demo users above (password: demo)."
	@echo "Ctrl-C stops the server."
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production configuration on this machine: DEBUG off, scripts/serve.sh (gunicorn with
# gunicorn.conf.py, and the background processes a server runs). No
# collectstatic: whitenoise serves the static files from their sources (WHITENOISE_USE_FINDERS, and
# the storage keeps no manifest). No demo data either (load_demo refuses with DEBUG off): `make run`
# once first gives the database the demo users.
serve: system-deps setup ## DEBUG off: migrate, then gunicorn (gunicorn.conf.py) on 127.0.0.1:$PORT
	DEBUG=0 $(BIN)/python manage.py migrate --noinput
	@echo
	@echo "Open http://127.0.0.1:$(PORT)/ (DEBUG off, production settings). Ctrl-C stops the server."
	@echo
	DEBUG=0 PORT=$(PORT) bash scripts/serve.sh

# Against `make serve` running in another terminal, on this machine only; see scripts/loadtest/run.sh
# for what the server needs (the demo users, REQUIRE_2FA off, the full volume for the real figures).
loadtest: $(LOAD_STAMP) ## 50 signed-in users for 60 s against `make serve` on 127.0.0.1:$PORT (locust)
	PORT=$(PORT) bash scripts/loadtest/run.sh

test: system-deps-browser setup-test ## ruff, layer contracts, migration and deploy checks, all tests (browser too)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run
	@$(MAKE) --no-print-directory deploy-check
	bash scripts/pytest.sh

pytest: system-deps-browser setup-test ## only pytest; pass arguments with ARGS="-k extract"
	bash scripts/pytest.sh $(ARGS)

# Production settings: DEBUG off, the HTTPS switch on, a fresh random key, a real host name.
deploy-check: $(RUNTIME_STAMP) ## manage.py check --deploy with production settings; warnings fail
	DEBUG=0 HTTPS=1 ALLOWED_HOSTS=hankehallinta.example.fi \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

lint: $(TEST_STAMP) ## ruff check and format check, the layer contracts (import-linter, .importlinter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(TEST_STAMP) ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

setup: $(RUNTIME_STAMP) .env

setup-test: $(TEST_STAMP) .env

system-deps:
	@bash scripts/system-deps.sh

system-deps-browser:
	@bash scripts/system-deps.sh --browser

$(BIN)/python:
	bash scripts/make-venv.sh

# Reinstall only when a requirements file is newer than its last install. requirements-test.txt
# includes requirements.txt, so installing it brings the runtime up to date as well.
$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(LOAD_STAMP): requirements-load.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-load.txt
	touch $@ $(RUNTIME_STAMP)

$(TEST_STAMP): requirements-test.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@ $(RUNTIME_STAMP)

# Written once, never overwritten.
.env:
	bash scripts/write-env.sh
