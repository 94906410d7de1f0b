import json
import os

from flows.tasks.transform import (
    DBT_PROCESS,
    project_digest,
    start_dbt_process,
    stop_dbt_process,
)
from tests.flows.process_probe import has_imported, process_id


def manifest(tmp_path, description):
    path = tmp_path / "manifest.json"
    node = {
        "checksum": {"checksum": "abc"},
        "description": description,
        "columns": {"article_id": {"description": "Key."}},
    }
    path.write_text(json.dumps({"nodes": {"model.newsdesk.fct_articles": node}, "sources": {}}))
    return path


def test_the_docs_digest_follows_descriptions_and_sql(tmp_path):
    first = project_digest(manifest(tmp_path, "One row per article copy."))
    assert first == project_digest(manifest(tmp_path, "One row per article copy."))
    assert first != project_digest(manifest(tmp_path, "One row per article."))


def test_no_manifest_gives_no_digest(tmp_path):
    assert project_digest(tmp_path / "missing.json") is None
    (tmp_path / "broken.json").write_text("{not json")
    assert project_digest(tmp_path / "broken.json") is None


def test_dbt_work_runs_in_the_dbt_process_while_one_runs():
    assert DBT_PROCESS.call(process_id) == os.getpid()
    start_dbt_process()
    try:
        worker = DBT_PROCESS.call(process_id)
        start_dbt_process()  # already running: the same process goes on
        assert DBT_PROCESS.call(process_id) == worker != os.getpid()
        # it imported dbt ahead of the build, and not Prefect (about 3 s more of its start)
        assert DBT_PROCESS.call(has_imported, "dbt.cli.main")
        assert not DBT_PROCESS.call(has_imported, "prefect")
    finally:
        stop_dbt_process()
    assert DBT_PROCESS.running() is None
    assert DBT_PROCESS.call(process_id) == os.getpid()


def test_the_build_and_docs_tasks_hand_dbt_the_memory_limit(monkeypatch, tmp_path):
    from prefect.logging import disable_run_logger

    from flows.adapters.dbt import DbtBuildResult
    from flows.tasks import transform

    calls = []

    def fake_build(*args, **kwargs):
        calls.append(kwargs["memory_limit"])
        return DbtBuildResult(is_success=True, elapsed_s=0.1, status_counts={"success": 1})

    def fake_docs(project_dir, build, target_dir, **kwargs):
        calls.append(kwargs["memory_limit"])
        page = tmp_path / "static_index.html"
        page.write_text("<html></html>")
        return page

    monkeypatch.setattr(transform, "run_dbt_build", fake_build)
    monkeypatch.setattr(transform, "generate_dbt_docs", fake_docs)
    with disable_run_logger():
        transform.build_marts.fn(tmp_path, tmp_path / "w.duckdb", tmp_path, memory_limit="1GB")
        transform.document_marts.fn(
            tmp_path, tmp_path / "w.duckdb", tmp_path, tmp_path / "r", memory_limit="2GB"
        )
    assert calls == ["1GB", "2GB"]
