# Lärplattformen: `make run` sets everything up and serves the site; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=static_collected --ignore=media --ignore=tests --ignore=bench

.PHONY: install run test lint format messages check-messages compilemessages clean lock serve-prod backup backups restore \
	search-engine search-engine-stop search-cluster search-cluster-stop

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml or the lock changes, so a second `make run` is fast.
# Exact, hashed versions from the lock file; `pip check` then proves the lock still satisfies
# pyproject.toml (after adding a dependency there, run `make lock`).
$(STAMP): pyproject.toml requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@$(BIN)/python -m pip check || { echo "Installed packages are inconsistent: if pyproject.toml gained a dependency, run 'make lock' and commit requirements/; if a package was installed by hand, uninstall it."; exit 1; }
	touch $(STAMP)

install: $(STAMP)

# PORT is passed on so that the site's links and the admin's e-mail links use this server.
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	PORT=$(PORT) $(MANAGE) dev_site --port $(PORT)
	PORT=$(PORT) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Update the Swedish catalogue after changing user-facing strings, then translate and compile.
messages: install
	$(MANAGE) makemessages -l sv --no-obsolete --add-location=file $(MAKEMESSAGES_IGNORE)
	$(MANAGE) makemessages -d djangojs -l sv --no-obsolete --add-location=file $(MAKEMESSAGES_IGNORE)

compilemessages: install
	$(MANAGE) compilemessages --ignore=.venv

check-messages: install
	bash .ci/check-messages

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected .pytest_cache .ruff_cache

# Regenerate both lock files (exact versions with hashes) from pyproject.toml. The production lock
# is constrained by the dev lock, so that the packages they share have the same versions.
LOCK := $(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --quiet --custom-compile-command "make lock"
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv>=0.5"
	$(LOCK) --extra dev -o requirements/dev.txt
	$(LOCK) --extra s3 --extra opensearch --extra elasticsearch --extra redis \
		--constraint requirements/dev.txt -o requirements/production.txt

# The production configuration locally: gunicorn + WhiteNoise on PostgreSQL. Reads .env when
# present; otherwise loopback defaults (see docs/operations.md and docs/configuration.md).
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/larplattformen
# A path with a slash: `. .env` would search PATH instead of the current directory.
ENV_FILE ?= ./.env
LOAD_ENV = set -a; [ ! -f "$(ENV_FILE)" ] || . "$(ENV_FILE)"; set +a;
serve-prod: install
	@$(LOAD_ENV) \
	export DJANGO_SETTINGS_MODULE=platform_site.settings.production; \
	export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}"; \
	export DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	export WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://localhost:$(PORT)}"; \
	export DATABASE_URL="$${DATABASE_URL:-$(PROD_DATABASE_URL)}"; \
	export DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-false}"; \
	export SERVE_MEDIA="$${SERVE_MEDIA:-true}"; \
	export GUNICORN_BIND="$${GUNICORN_BIND:-127.0.0.1:$(PORT)}"; \
	$(MANAGE) migrate --noinput && \
	$(MANAGE) collectstatic --noinput --verbosity 0 && \
	exec $(BIN)/gunicorn platform_site.wsgi

# make backup [BACKUP_DIR=dir]; make restore BACKUP=backups/<timestamp> [FORCE=1]
# Like serve-prod, they read $(ENV_FILE): a server configured through it is backed up with its
# production settings and database, never the dev SQLite file. Without it, the dev settings.
WITH_ENV = $(LOAD_ENV) if [ -f "$(ENV_FILE)" ]; then \
	export DJANGO_SETTINGS_MODULE="$${DJANGO_SETTINGS_MODULE:-platform_site.settings.production}"; fi;
backup: install
	@$(WITH_ENV) $(if $(BACKUP_DIR),BACKUP_DIR="$(BACKUP_DIR)") $(BIN)/python -m core.backup backup

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=<name from make backups> [FORCE=1]"; exit 1; }
	@$(WITH_ENV) $(if $(BACKUP_DIR),BACKUP_DIR="$(BACKUP_DIR)") $(BIN)/python -m core.backup restore $(BACKUP) $(if $(FORCE),--force)

backups: install
	@$(WITH_ENV) $(if $(BACKUP_DIR),BACKUP_DIR="$(BACKUP_DIR)") $(BIN)/python -m core.backup list

# A real OpenSearch node (or a three-node cluster) from Maven artifacts, in the background:
# needs Java 17+ and Maven. Prints the OPENSEARCH_URL to export; see docs/search-engine.md.
SEARCH_ENGINE := tools/search-engine/engine.sh
search-engine:
	@$(SEARCH_ENGINE) start single

search-engine-stop:
	@$(SEARCH_ENGINE) stop single

search-cluster:
	@$(SEARCH_ENGINE) start cluster

search-cluster-stop:
	@$(SEARCH_ENGINE) stop cluster
