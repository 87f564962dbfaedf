# Quick start: `make demo` (install everything, diff two real editions, write HTML + PDF memos)
# and `make test` (install everything, run the whole test suite). Both are idempotent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo-output
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-noto-cjk poppler-utils
# The browser tests and the example screenshots drive Debian's Chromium with Playwright (which
# never downloads a browser of its own here).
BROWSER_PACKAGES := chromium

.PHONY: demo test lint sysdeps venv bench golden clean screenshots fuzz

sysdeps:
	@sh scripts/sysdeps.sh $(APT_PACKAGES) $(BROWSER_PACKAGES)

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,dev]'
	touch $@

venv: $(BIN)/.installed

# The demo: two editions of the same kind of report (Zhejiang's 2025 and 2026 government work
# reports, fixtures/demo/); and, as a second example, a plan report against a work compilation
# (fixtures/seeds/), two kinds of document, which the memo warns about.
DEMO_OLD := fixtures/demo/zhejiang-2025.docx
DEMO_NEW := fixtures/demo/zhejiang-2026.txt
CROSS_OLD := fixtures/seeds/yangpu-2024-plan.txt
CROSS_NEW := fixtures/seeds/yangpu-2025-compilation.txt

demo: sysdeps venv
	@mkdir -p $(DEMO_DIR)/cross-genre
	$(BIN)/reportdiff diff $(DEMO_OLD) $(DEMO_NEW) --color never -o $(DEMO_DIR)/diff.txt
	@# One comparison, every output; without root the PDF may be impossible (no Pango or CJK
	@# font): the command says what to install, and the HTML pages are still written.
	$(BIN)/reportdiff memo $(DEMO_OLD) $(DEMO_NEW) -o $(DEMO_DIR)/memo.html -o $(DEMO_DIR)/memo.pdf \
	  --side-by-side $(DEMO_DIR)/side-by-side.html || [ "$$(id -u)" != 0 ]
	$(BIN)/reportdiff memo $(CROSS_OLD) $(CROSS_NEW) -o $(DEMO_DIR)/cross-genre/memo.html \
	  --side-by-side $(DEMO_DIR)/cross-genre/side-by-side.html
	@echo
	@echo "reportdiff demo: Zhejiang's 2025 government work report against its 2026 report"
	@echo "  text summary:  $(CURDIR)/$(DEMO_DIR)/diff.txt"
	@echo "  memo (HTML):   $(CURDIR)/$(DEMO_DIR)/memo.html"
	@echo "  memo (PDF):    $(CURDIR)/$(DEMO_DIR)/memo.pdf"
	@echo "  side by side:  $(CURDIR)/$(DEMO_DIR)/side-by-side.html"
	@echo "second example, two kinds of document (Yangpu's 2024 plan report, 2025 compilation):"
	@echo "  memo (HTML):   $(CURDIR)/$(DEMO_DIR)/cross-genre/memo.html"
	@echo "run the installed command yourself: $(CURDIR)/$(BIN)/reportdiff --help"
	@echo "  (or put it on PATH: . $(VENV)/bin/activate, or pipx install .)"

# PNG screenshots of the demo's brief and side-by-side view (and the brief's PDF page) in
# examples/, taken with Debian's Chromium.
screenshots: sysdeps venv
	$(BIN)/python scripts/screenshots.py $(DEMO_OLD) $(DEMO_NEW) examples

test: sysdeps venv lint
	$(BIN)/python -m pytest -q -n auto

# A long, random fuzz run that shrinks what it finds (make test runs a small fixed budget).
FUZZ_EXAMPLES ?= 400
fuzz: venv
	REPORTDIFF_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz.py

lint: venv
	$(BIN)/ruff check reportdiff tests benchmarks
	$(BIN)/ruff format --check reportdiff tests benchmarks
	$(BIN)/mypy

golden: venv
	$(BIN)/python -m tests.regen

bench: venv
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache
