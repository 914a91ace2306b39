# thaikpi — batch entry points. `make setup` once, then any target.
VENV ?= .venv
PY := $(VENV)/bin/python
THAIKPI := $(VENV)/bin/thaikpi
PDFS ?= $(wildcard samples/*.pdf)
JOBS ?= 2
export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_DATA_DIR := $(CURDIR)/.pythainlp-data

.PHONY: setup test lint extract ingest reports bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

setup: $(PY) $(VENV)/.deps

$(VENV)/.deps: pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

test: setup
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check pipeline parsers tests
	$(VENV)/bin/mypy pipeline parsers

extract: setup
	$(THAIKPI) extract $(PDFS) -o out/records --jobs $(JOBS)

ingest: setup
	$(THAIKPI) ingest $(PDFS) --jobs $(JOBS)

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf out reports bench/results.json .pytest_cache
