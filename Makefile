# truceline: `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# What is installed, one stamp per need: running truceline (the package, its
# dependencies and the spaCy model), then, on top, the test tooling (pytest,
# hypothesis, Playwright, pandas, and pyspark for the Spark equality tests) or the
# lint tooling (ruff) -- so `make demo` installs no test or lint tool
# (pyproject.toml's extras say which is which).
STAMP      := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.test-stamp
LINT_STAMP := $(VENV)/.lint-stamp

.PHONY: install setup test-services demo demo-extract screenshots test lint format bench bench-extract bench-store bench-web bench-cold bench-scale eval eval-real clean

install: $(STAMP)

# Everything, for working on truceline: running, tests and lint.
setup: $(STAMP) $(TEST_STAMP) $(LINT_STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[model]'
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[model,test,spark]'
	touch $(TEST_STAMP)

$(LINT_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[model,lint]'
	touch $(LINT_STAMP)

# A fresh store each time, so the demo is repeatable; read as of its last report (--as-of:
# the record of the reports published by then, its phase clocks at that date).
demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/truceline ingest corpora/demo/articles --db demo.db
	$(BIN)/truceline summary --db demo.db --as-of 2025-03-20

# The real components the tests run against (PostgreSQL, Chromium), from Debian's
# packages: installed when missing, only checked when present.
test-services:
	scripts/setup-test-services.sh

# Dashboard screenshots into docs/screenshots: the demo store's for the README, and
# the pages the browser tests visit (which otherwise write to a temporary folder).
screenshots: demo $(TEST_STAMP) test-services
	$(BIN)/python scripts/demo_screenshots.py demo.db docs/screenshots
	TRUCELINE_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider tests/web/test_browser.py

# The bare extraction of the demo corpus, one table per article (no store).
demo-extract: install
	$(BIN)/truceline extract corpora/demo/articles --format table

test: $(TEST_STAMP) test-services
	$(BIN)/python -m pytest

lint: $(LINT_STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

format: $(LINT_STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

eval: install
	$(BIN)/truceline evaluate corpora/dev/articles --gold corpora/dev/gold
	@if [ -d ../shared/seeds ]; then \
		echo "-- ../shared/seeds"; \
		$(BIN)/truceline evaluate ../shared/seeds/*.txt --gold ../shared/seeds; \
	fi

# Quality on real news (../shared/realdev, ../shared/ordinary, rebuilt into .cache/):
# extraction scores with a per-type table, ordinary reports that yield events, and
# the record scores and grounding on a store of the real reports.
eval-real: install
	$(BIN)/python scripts/eval_real.py

# The benches, one after the other (bench/README.md says how to read them).
bench: bench-extract bench-store bench-web bench-cold

# Then the same on a stream where one article in twenty is about talks: the screen's gain.
bench-extract: install
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/stream_bench.py

# The 100,000-article store is generated once and cached under .cache/bench/.
bench-store: install
	$(BIN)/python bench/store_bench.py

# Dashboard page latency and API load: `truceline serve` over the cached store.
bench-web: install
	$(BIN)/python bench/web_bench.py

# The stream of bench-extract through `truceline batch extract` on local[1] and local[2] and
# `extract --jobs 2`, then the bulk load into PostgreSQL (needs the spark extra and Java:
# the test set-up's; not part of `make bench` nor `make test`).
bench-scale: $(TEST_STAMP) test-services
	$(BIN)/python bench/scale_bench.py

# Cold start of `truceline --help` and of a report, over the demo store.
bench-cold: demo
	$(BIN)/python bench/cold_start.py --db demo.db

clean:
	rm -f demo.db demo.db-wal demo.db-shm
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
