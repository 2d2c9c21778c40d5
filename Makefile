# truceline: `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup test-services demo demo-extract screenshots test lint format bench bench-extract bench-store bench-web eval eval-real clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,model]'
	touch $(STAMP)

# A fresh store each time, so the demo is repeatable; read as of its last report
# (--as-of moves only the phase clock, so an earlier date would mix times).
demo: setup
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/truceline ingest corpora/demo/articles --db demo.db
	$(BIN)/truceline summary --db demo.db --as-of 2025-03-20

# The real components the tests run against (PostgreSQL, Chromium), from Debian's
# packages: installed when missing, only checked when present.
test-services:
	scripts/setup-test-services.sh

# Dashboard screenshots into docs/screenshots: the demo store's for the README, and
# the pages the browser tests visit (which otherwise write to a temporary folder).
screenshots: demo test-services
	$(BIN)/python scripts/demo_screenshots.py demo.db docs/screenshots
	TRUCELINE_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider tests/web/test_browser.py

# The bare extraction of the demo corpus, one table per article (no store).
demo-extract: setup
	$(BIN)/truceline extract corpora/demo/articles --format table

test: setup test-services
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

format: setup
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

eval: setup
	$(BIN)/truceline evaluate corpora/dev/articles --gold corpora/dev/gold
	@if [ -d ../shared/seeds ]; then \
		echo "-- ../shared/seeds"; \
		$(BIN)/truceline evaluate ../shared/seeds/*.txt --gold ../shared/seeds; \
	fi

# Quality on real news (../shared/realdev, ../shared/ordinary, rebuilt into .cache/):
# extraction scores with a per-type table, ordinary reports that yield events, and
# the record scores and grounding on a store of the real reports.
eval-real: setup
	$(BIN)/python scripts/eval_real.py

# The benches, one after the other (bench/README.md says how to read them).
bench: bench-extract bench-store bench-web

bench-extract: setup
	$(BIN)/python bench/extract_bench.py

# The 100,000-article store is generated once and cached under .cache/bench/.
bench-store: setup
	$(BIN)/python bench/store_bench.py

# Dashboard page latency and API load: `truceline serve` over the cached store.
bench-web: setup
	$(BIN)/python bench/web_bench.py

clean:
	rm -f demo.db demo.db-wal demo.db-shm
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
