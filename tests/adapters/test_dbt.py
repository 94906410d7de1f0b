"""The dbt adapter: results read from dbt's outcome, and the DuckDB file released after every call."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest

from flows.adapters.dbt import (
    DEFAULT_MEMORY_LIMIT,
    MEMORY_LIMIT_ENV,
    DbtBuildResult,
    _build_result,
    _invoke,
    generate_dbt_docs,
    run_dbt_build,
)
from flows.settings import Settings
from tests.dbt.raw_fixtures import DBT_PROJECT_DIR, create_raw_warehouse


def _node_result(name: str, status: str, message: str = "", model: str | None = None) -> SimpleNamespace:
    node = SimpleNamespace(name=name, model=model) if model else SimpleNamespace(name=name)
    return SimpleNamespace(node=node, status=SimpleNamespace(value=status), message=message)


def test_outcome_is_summarised_by_status_with_failures_and_warnings(tmp_path):
    outcome = SimpleNamespace(
        success=False,
        exception=None,
        result=SimpleNamespace(
            results=[
                _node_result("fct_articles", "success", "OK"),
                _node_result("unique_fct_articles_article_id", "pass"),
                _node_result("not_null_x", "fail", "Got 2 results, configured to fail if != 0"),
                _node_result("role_test", "fail", "\x1b[31mactual\x1b[0m differs", model="int_x"),
                _node_result("accepted_values_y", "warn", "Got 1 result"),
                _node_result("dim_dates", "error", "Binder Error"),
                _node_result("downstream", "skipped"),
            ]
        ),
    )
    result = _build_result(outcome, 1.5, tmp_path, wrote_artifacts=True)
    assert not result.is_success
    assert result.status_counts == {"success": 1, "pass": 1, "fail": 2, "warn": 1, "error": 1, "skipped": 1}
    assert result.failures == [
        ("not_null_x", "Got 2 results, configured to fail if != 0"),
        ("int_x::role_test", "actual differs"),
        ("dim_dates", "Binder Error"),
    ]
    assert result.warnings == [("accepted_values_y", "Got 1 result")]
    assert result.node_count == 7
    assert result.run_results_path is None
    assert result.summary().startswith("dbt build FAILED in 1.5s: error=1 fail=2")


def test_an_invocation_that_could_not_start_is_a_failure(tmp_path):
    outcome = SimpleNamespace(success=False, exception=RuntimeError("Parsing Error: bad yaml"), result=None)
    result = _build_result(outcome, 0.1, tmp_path, wrote_artifacts=True)
    assert not result.is_success
    assert result.failures == [("dbt", "Parsing Error: bad yaml")]
    assert result.status_counts == {}


def test_warnings_alone_are_success(tmp_path):
    outcome = SimpleNamespace(
        success=True,
        exception=None,
        result=SimpleNamespace(results=[_node_result("t", "warn", "Got 1 result")]),
    )
    assert _build_result(outcome, 0.1, tmp_path, wrote_artifacts=True).is_success


def test_result_is_frozen():
    result = DbtBuildResult(is_success=True, elapsed_s=0.0)
    with pytest.raises(AttributeError):
        result.is_success = False  # type: ignore[misc]


def test_missing_project_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"dbt_project\.yml"):
        run_dbt_build(tmp_path / "nowhere", tmp_path / "w.duckdb", tmp_path / "target")


@pytest.mark.slow
def test_database_file_is_released_after_build_and_docs(tmp_path):
    database = create_raw_warehouse(tmp_path / "warehouse.duckdb")
    target_dir = tmp_path / "dbt_target"
    project_target = DBT_PROJECT_DIR / "target" / "run_results.json"
    project_target_mtime = project_target.stat().st_mtime if project_target.exists() else None
    environment_before = os.environ.get("NEWSDESK_DBT_DUCKDB_PATH")

    result = run_dbt_build(DBT_PROJECT_DIR, database, target_dir)
    assert result.is_success, result.failures
    assert result.run_results_path == target_dir.resolve() / "run_results.json"
    assert (target_dir / "logs" / "dbt.log").exists()

    # Same process, both connection configurations, one after the other.
    with duckdb.connect(str(database)) as connection:
        assert connection.execute("select count(*) from dim_dates").fetchone() == (366,)
    with duckdb.connect(str(database), read_only=True) as connection:
        assert connection.execute("select count(*) from fct_articles").fetchone() == (0,)

    docs_page = generate_dbt_docs(DBT_PROJECT_DIR, database, target_dir)
    assert docs_page == target_dir.resolve() / "static_index.html"
    assert "fct_actor_mentions" in docs_page.read_text(encoding="utf-8")
    with duckdb.connect(str(database), read_only=True) as connection:
        assert connection.execute("select count(*) from dim_actors").fetchone() == (0,)

    # The file can be moved over another path (how a run publishes its build file) and built again there.
    published = tmp_path / "published.duckdb"
    os.replace(database, published)
    again = run_dbt_build(DBT_PROJECT_DIR, published, target_dir, full_refresh=True)
    assert again.is_success, again.failures
    os.replace(published, database)
    with duckdb.connect(str(database), read_only=True) as connection:
        assert connection.execute("select count(*) from staging.stg_raw__articles").fetchone() == (0,)

    # Without artifacts, the build leaves the last manifest and run results as they were.
    manifest = target_dir / "manifest.json"
    manifest_mtime = manifest.stat().st_mtime
    quiet = run_dbt_build(DBT_PROJECT_DIR, database, target_dir, select=["dim_dates"], write_artifacts=False)
    assert quiet.is_success, quiet.failures
    assert quiet.run_results_path is None
    assert manifest.stat().st_mtime == manifest_mtime

    # Runs never write into the project's own target/.
    if project_target_mtime is None:
        assert not project_target.exists()
    else:
        assert project_target.stat().st_mtime == project_target_mtime
    # The profile's path variable is set only while dbt runs.
    assert os.environ.get("NEWSDESK_DBT_DUCKDB_PATH") == environment_before


@pytest.mark.slow
def test_docs_failure_raises_with_dbt_message(tmp_path):
    # A database without the raw schema still compiles; point the project at an unwritable location instead.
    with pytest.raises(RuntimeError, match="dbt docs generate failed"):
        generate_dbt_docs(DBT_PROJECT_DIR, Path("/proc/newsdesk/none.duckdb"), tmp_path / "target")


@pytest.mark.slow
def test_a_nightly_build_after_nightly_docs_reuses_dbt_saved_parse(tmp_path):
    database = create_raw_warehouse(tmp_path / "warehouse.duckdb")
    target_dir = tmp_path / "dbt_target"
    assert run_dbt_build(DBT_PROJECT_DIR, database, target_dir, test_window_only=True).is_success
    generate_dbt_docs(DBT_PROJECT_DIR, database, target_dir, nightly_vars=True)
    log = target_dir / "logs" / "dbt.log"
    before = log.read_text(encoding="utf-8")
    again = run_dbt_build(DBT_PROJECT_DIR, database, target_dir, select=["dim_dates"], test_window_only=True)
    assert again.is_success, again.failures
    tonight = log.read_text(encoding="utf-8")[len(before) :]
    assert "Unable to do partial parsing" not in tonight
    assert "Starting full parse" not in tonight


def test_the_profile_and_the_settings_default_to_the_adapters_memory_limit():
    profile = (DBT_PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8")
    assert f"env_var('{MEMORY_LIMIT_ENV}', '{DEFAULT_MEMORY_LIMIT}')" in profile
    assert Settings().dbt_memory_limit == DEFAULT_MEMORY_LIMIT


def test_a_memory_limit_duckdb_would_not_read_is_refused_naming_the_setting():
    assert Settings(dbt_memory_limit="2GiB").dbt_memory_limit == "2GiB"
    assert Settings(dbt_memory_limit="50%").dbt_memory_limit == "50%"
    with pytest.raises(ValueError, match="dbt_memory_limit"):
        Settings(dbt_memory_limit="lots")


@pytest.mark.slow
def test_duckdb_runs_dbt_under_the_memory_limit_it_is_given(tmp_path):
    database = create_raw_warehouse(tmp_path / "warehouse.duckdb")
    environment_before = os.environ.get(MEMORY_LIMIT_ENV)

    def limit_inside_dbt(**kwargs) -> str:
        query = "select current_setting('memory_limit') as memory_limit"
        outcome = _invoke(
            ["show", "--inline", query], DBT_PROJECT_DIR, database, tmp_path / "target", **kwargs
        )
        assert outcome.success, outcome.exception
        return outcome.result.results[0].agate_table.rows[0][0]

    assert limit_inside_dbt() == "244.1 MiB"  # 256 MB, as DuckDB prints it
    assert limit_inside_dbt(memory_limit="300MB") == "286.1 MiB"
    assert os.environ.get(MEMORY_LIMIT_ENV) == environment_before
