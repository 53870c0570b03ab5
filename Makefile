# Two commands for a newcomer: `make run` and `make test`. Both build the
# virtualenv in .venv on first use and reuse it afterwards.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
ADMIN_PASSWORD ?= portal-admin-2026

.PHONY: run test smoke install lock messages clean-db

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py ensure_admin --username admin --password "$(ADMIN_PASSWORD)"
	$(BIN)/python manage.py ensure_demo_users --password "$(ADMIN_PASSWORD)"
	@echo "Portal: http://127.0.0.1:8000/   Admin: http://127.0.0.1:8000/admin/ (admin, moderator, editor or katran / $(ADMIN_PASSWORD))"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The production stack on loopback (scripts/production.sh), then its smoke suite
# and fault drills over HTTPS; the stack is stopped and deleted afterwards.
# Short mail timeouts and retries, so a drill's mail arrives in seconds, not hours.
smoke: $(VENV)/.installed-dev
	@set -e; trap 'scripts/production.sh stop' EXIT; \
	export EMAIL_TIMEOUT=$${EMAIL_TIMEOUT:-3} PORTAL_MAIL_RETRY_DELAYS=$${PORTAL_MAIL_RETRY_DELAYS:-5,10,20,40,80}; \
	stack=$$(scripts/production.sh start --demo); eval "$$stack"; \
	$(BIN)/python -m pytest tests/production/test_smoke.py tests/production/test_drills.py $(PYTEST_ARGS)

# Regenerate the .po catalogues from the code and templates, then compile them.
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages --locale ky --locale ru --locale en --ignore ".venv/*" --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore ".venv/*"

lock: $(BIN)/python
	scripts/lock-requirements.sh

clean-db:
	rm -f db.sqlite3
