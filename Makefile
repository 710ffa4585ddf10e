# hotich — the two commands a new user needs: `make demo` and `make test` (both install what they need).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
APT_STAMP := $(VENV)/.apt-installed
PIP_STAMP := $(VENV)/.pip-installed

.PHONY: install apt demo test lint bench clean

install: $(PIP_STAMP)

apt: $(APT_STAMP)

# Debian's packages (Tesseract + Vietnamese model, PostgreSQL, Chromium, fonts, ...), once per packages.apt.
$(APT_STAMP): packages.apt
	@missing=$$(for p in $$(grep -v '^\s*#' packages.apt); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || echo "$$p"; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@mkdir -p $(VENV) && touch $@

# The virtualenv with the project installed, versions pinned by constraints.txt.
$(PIP_STAMP): pyproject.toml constraints.txt $(APT_STAMP)
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e '.[dev,bench]'
	@touch $@

demo: install
	$(VENV)/bin/hotich demo

test: install
	@export HOTICH_TEST_POSTGRES_URL=$$(scripts/start-postgres.sh) && \
	  $(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && \
	  $(VENV)/bin/mypy && \
	  $(VENV)/bin/pytest -n 2 --dist loadfile -q

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/mypy

bench: install
	$(PY) -m bench.accuracy
	$(PY) -m bench.search

clean:
	rm -rf $(VENV) build *.egg-info
