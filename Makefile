# Kopā: `make run` serves the demo, `make test` runs the whole suite. Needs only python3.11 and make.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
KOPA := $(BIN)/kopa
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
PO := $(wildcard src/kopa/locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
REFERENCE := $(sort $(wildcard data/reference/*.csv))

.PHONY: run test lint messages translations bench install clean

install: $(STAMP) $(MO)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Kopā needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

# Compiled with Babel, so GNU gettext is not needed on the machine.
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

run: install
	mkdir -p var
	KOPA_ENV=development $(KOPA) migrate --noinput
	KOPA_ENV=development $(KOPA) demo --reference $(REFERENCE)
	KOPA_ENV=development $(KOPA) runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	KOPA_ENV=development $(KOPA) makemigrations --check --dry-run

# Refresh the .po files from the code (needs GNU gettext's xgettext), then fill in the translations.
translations: install
	cd src/kopa && KOPA_ENV=development ../../$(KOPA) makemessages --no-obsolete -l lv -l lt -l en

messages: $(MO)

# Performance against the reference implementation (pm4py); EVENTS=5000000 for the large run.
bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.lean_bench

clean:
	rm -rf $(VENV) var
