# newsdesk: `make run` runs the nightly on the bundled sample site, `make test` runs every test.
# Both install what they need first: uv into .tools/, then the locked dependencies into .venv/.

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export GX_ANALYTICS_ENABLED := false

.PHONY: install run test test-fast lint format eval bench scale clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode is compiled at install: where PYTHONDONTWRITEBYTECODE is set (many container images), Python
# would otherwise compile every module from source in every process of every night (Great Expectations
# alone took 10 s to import that way, 4-5 s compiled; the nightly starts several processes).
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	$(BIN)/python -m compileall -q flows expectations
	@touch $@

install: $(VENV)/.installed  ## install the locked dependencies into .venv

run: install  ## run the nightly on the bundled sample site (serves it on 127.0.0.1)
	$(BIN)/newsdesk run --demo

test: install  ## run the whole test suite, slow end-to-end tests included
	$(BIN)/pytest

test-fast: install  ## run the tests without the slow ones
	$(BIN)/pytest -m "not slow"

lint: install  ## ruff, mypy, sqlfluff on the dbt models, dbt parse
	$(BIN)/ruff check flows expectations tests
	$(BIN)/ruff format --check flows expectations tests
	$(BIN)/mypy
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/analyses
	NEWSDESK_DBT_DUCKDB_PATH=/tmp/newsdesk-parse.duckdb $(BIN)/dbt parse --project-dir dbt_project \
		--profiles-dir dbt_project --target-path /tmp/newsdesk-dbt-parse --quiet

format: install  ## format the Python code
	$(BIN)/ruff format flows expectations tests
	$(BIN)/ruff check --fix flows expectations tests

eval: install  ## score extraction, dates and actors on ../shared/evaldata (skips where it is missing)
	$(BIN)/python -m flows.evaluation.extraction
	$(BIN)/python -m flows.evaluation.dates
	$(BIN)/python -m flows.evaluation.actors

bench: install  ## benchmark the nightly on a synthetic corpus served on 127.0.0.1 (15-30 min on 2 cores)
	$(BIN)/python -m flows.benchmark

scale: install  ## time dbt builds on a synthetic 100,000-article warehouse
	$(BIN)/python -m flows.warehouse_scale --articles 100000

clean:  ## remove the virtualenv, tools and run state
	rm -rf $(VENV) $(TOOLS) .newsdesk .pytest_cache .ruff_cache .mypy_cache
