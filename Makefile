# thaikpi — batch entry points. `make setup` once, then any target.
VENV ?= .venv
PY := $(VENV)/bin/python
THAIKPI := $(VENV)/bin/thaikpi
PDFS ?= $(wildcard samples/*.pdf)
JOBS ?= 2
export PYTHAINLP_OFFLINE := 1
export PYTHAINLP_DATA := $(CURDIR)/.pythainlp-data

.PHONY: setup test lint extract ingest reports bench clean sweep sweep-deps blind cluster

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

# Reports for the samples, from the records `make extract` writes out of the PDFs: agreement
# sheets, scorecards (from samples/*.results.csv) and the year-over-year comparisons in COMPARE
# (A:B pairs), each as HTML, PDF, Markdown and XLSX, plus a headless-Chromium screenshot of each
# HTML report's first page (skipped without chromium); the screenshots of d01's agreement sheet and
# scorecard and of the d01 → d02 comparison are copied to docs/report-*.png (docs/reports.md).
RECORDS := out/records
COMPARE ?= $(RECORDS)/d01_mdb_2566.json:$(RECORDS)/d02_mdb_2567.json
REPORT_FORMATS := -f html -f pdf -f md -f xlsx
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
DOC_SHOTS := d01_mdb_2566.agreement:agreement d01_mdb_2566.scorecard:scorecard d01_mdb_2566--d02_mdb_2567.compare:compare

reports: extract
	@mkdir -p reports
	@set -e; for r in $(RECORDS)/*.json; do \
	  n=$$(basename $$r .json); \
	  $(THAIKPI) report $$r $(REPORT_FORMATS) -o reports/$$n.agreement; \
	  if [ -f samples/$$n.results.csv ]; then \
	    $(THAIKPI) scorecard $$r samples/$$n.results.csv $(REPORT_FORMATS) -o reports/$$n.scorecard; fi; \
	done
	@set -e; for pair in $(COMPARE); do \
	  a=$${pair%%:*}; b=$${pair##*:}; na=$$(basename $$a .json); nb=$$(basename $$b .json); \
	  res=""; [ -f samples/$$na.results.csv ] && res="--old-results samples/$$na.results.csv"; \
	  $(THAIKPI) compare $$a $$b $$res $(REPORT_FORMATS) -o reports/$$na--$$nb.compare; \
	done
	@if [ -n "$(CHROMIUM)" ]; then for h in reports/*.html; do \
	  $(CHROMIUM) --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,1754 \
	    --screenshot=$(CURDIR)/$${h%.html}.png file://$(CURDIR)/$$h >/dev/null 2>&1 || echo "screenshot failed: $$h"; \
	done; else echo "reports: no chromium, no screenshots"; fi
	@for shot in $(DOC_SHOTS); do png=reports/$${shot%%:*}.png; \
	  if [ -f $$png ]; then cp $$png docs/report-$${shot##*:}.png; fi; done
	@ls reports

bench: setup
	$(PY) bench/run.py

# Producer-diverse sweep (issue 13): N random agreements written by WeasyPrint, LibreOffice (one
# producer per Thai font), ReportLab (plain and legacy PUA glyphs), scans and damaged text layers,
# extracted and scored per producer and field family into out/sweep/results.json. Its extra
# dependencies (LibreOffice, fonts, python-docx) come from scripts/sweep-deps.sh, not `make setup`.
N ?= 300
SEED ?= 1
sweep-deps: setup
	VENV=$(VENV) bash scripts/sweep-deps.sh

sweep: sweep-deps
	$(PY) scripts/sweep.py -n $(N) --seed $(SEED) --jobs $(JOBS)

# Blind layouts (issue 13): the sweep's and the samples' truth records re-rendered by a second,
# independent generator (scripts/blind/: its own cover, table and template layouts and wordings,
# through WeasyPrint, LibreOffice Writer and Calc, ReportLab and Typst), extracted and scored per
# layout choice into out/blind/report.txt. `scripts/blind/ablate.py` changes one choice at a time.
blind: sweep-deps
	$(PY) scripts/blind/fontprobe.py
	$(PY) scripts/blind/render.py --records 'tests/data/sweep/*.truth.json' --records 'samples/*.truth.json' --out out/blind --seed $(SEED)
	$(PY) scripts/blind/measure.py --dir out/blind --force

# A local Dask cluster to try `thaikpi ingest --cluster` (issue 17): a scheduler and two
# single-threaded workers (pdfium is not thread-safe) on loopback, in the foreground; Ctrl-C stops
# it. Then, in another shell: thaikpi ingest samples/*.pdf --cluster tcp://127.0.0.1:8786
CLUSTER_PORT ?= 8786
cluster: setup
	@trap 'kill 0' INT TERM EXIT; \
	$(VENV)/bin/dask scheduler --host 127.0.0.1 --port $(CLUSTER_PORT) --no-dashboard & \
	sleep 3; \
	$(VENV)/bin/dask worker tcp://127.0.0.1:$(CLUSTER_PORT) --nthreads 1 --nworkers 2 --no-dashboard & \
	wait

clean:
	rm -rf out reports bench/results.json .pytest_cache
