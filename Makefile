# Quick start: `make demo` (install everything, diff two real editions, write HTML + PDF memos)
# and `make test` (install everything, run the whole test suite). Both are idempotent.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo-output
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-noto-cjk poppler-utils

.PHONY: demo test lint sysdeps venv bench golden clean fuzz

sysdeps:
	@sh scripts/sysdeps.sh $(APT_PACKAGES)

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,dev]'
	touch $@

venv: $(BIN)/.installed

DEMO_OLD := fixtures/seeds/yangpu-2024-plan.txt
DEMO_NEW := fixtures/seeds/yangpu-2025-compilation.txt

demo: sysdeps venv
	@mkdir -p $(DEMO_DIR)
	$(BIN)/reportdiff diff $(DEMO_OLD) $(DEMO_NEW) --color never -o $(DEMO_DIR)/diff.txt
	@# One comparison, both memos; without root the PDF may be impossible (no Pango or CJK
	@# font): the command says what to install, and the HTML memo is still written.
	$(BIN)/reportdiff memo $(DEMO_OLD) $(DEMO_NEW) -o $(DEMO_DIR)/memo.html -o $(DEMO_DIR)/memo.pdf \
	  || [ "$$(id -u)" != 0 ]
	@echo
	@echo "reportdiff demo: the 2024 plan report against the 2025 work compilation (Yangpu district)"
	@echo "  text summary: $(CURDIR)/$(DEMO_DIR)/diff.txt"
	@echo "  HTML memo:    $(CURDIR)/$(DEMO_DIR)/memo.html"
	@echo "  PDF memo:     $(CURDIR)/$(DEMO_DIR)/memo.pdf"

test: sysdeps venv lint
	$(BIN)/python -m pytest -q

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
