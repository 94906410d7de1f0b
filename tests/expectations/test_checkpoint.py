"""The Great Expectations context keeps the newest validations only, with their Data Docs pages."""

from __future__ import annotations

import pandas as pd
import pytest

from expectations import checkpoint
from expectations.checkpoint import Batch, open_context, prepare_context, run_batches, suite_modules

pytestmark = pytest.mark.slow


def test_the_context_keeps_the_newest_runs_and_their_pages_only(tmp_path):
    gx_dir = tmp_path / "gx"
    # Every expectation fails on this frame (no such columns): results are stored all the same.
    batches = [Batch(suite, pd.DataFrame({"unrelated": [1]})) for suite in ("mart_actors", "raw_extraction")]
    for run_id in ("nightly-1", "nightly-2", "nightly-3"):
        result = run_batches(gx_dir, run_id, batches, keep_runs=2)

    stored = open_context(gx_dir).validation_results_store.list_keys()
    assert sorted(key.run_id.run_name for key in stored) == ["nightly-2"] * 2 + ["nightly-3"] * 2
    assert result.data_docs_path is not None
    site = result.data_docs_path.parent
    pages = sorted((site / "validations").rglob("*.html"))
    assert sorted(page.parts[-3] for page in pages) == ["nightly-2"] * 2 + ["nightly-3"] * 2
    # the pruned run leaves no folders behind, in the store or the site
    uncommitted = gx_dir / "gx" / "uncommitted"
    assert not list(uncommitted.rglob("nightly-1*"))
    assert all(any(folder.iterdir()) for folder in uncommitted.rglob("*") if folder.is_dir())
    index = result.data_docs_path.read_text(encoding="utf-8")
    assert "nightly-3" in index
    assert "nightly-1" not in index


def test_the_run_just_validated_is_always_kept(tmp_path):
    gx_dir = tmp_path / "gx"
    batches = [Batch("mart_actors", pd.DataFrame({"unrelated": [1]}))]
    for run_id in ("nightly-1", "nightly-2"):
        run_batches(gx_dir, run_id, batches, keep_runs=1, build_docs=False)
        stored = open_context(gx_dir).validation_results_store.list_keys()
        assert [key.run_id.run_name for key in stored] == [run_id]


def test_keeping_no_run_is_refused(tmp_path):
    with pytest.raises(ValueError, match="keep_runs must be at least 1, got 0"):
        run_batches(tmp_path / "gx", "nightly-1", [], keep_runs=0)


def test_a_prepared_context_holds_every_suite_and_validates_as_a_fresh_one(tmp_path):
    batches = [Batch("mart_actors", pd.DataFrame({"unrelated": [1]}))]
    fresh = run_batches(tmp_path / "fresh", "nightly-1", batches, build_docs=False)

    prepare_context(tmp_path / "prepared")
    saved = {suite.name for suite in open_context(tmp_path / "prepared").suites.all()}
    assert saved == set(suite_modules())  # before any validation
    prepared = run_batches(tmp_path / "prepared", "nightly-1", batches, build_docs=False)

    def verdicts(result: checkpoint.CheckpointResult) -> list[tuple]:
        return [(o.suite, o.expectation, o.column, o.is_success) for o in result.outcomes]

    assert verdicts(prepared) == verdicts(fresh)
    assert not checkpoint._PREPARED  # used once: the next validation opens the context afresh


def test_the_context_reads_no_config_variables_file(tmp_path):
    # GE would parse that file again on every read of a setting; newsdesk substitutes no variables.
    gx_dir = tmp_path / "gx"
    open_context(gx_dir)
    (gx_dir / "gx" / "uncommitted" / "config_variables.yml").write_text("not: [valid yaml", encoding="utf-8")

    context = open_context(gx_dir)

    assert context.variables.config_variables_file_path is None
    assert context.variables.analytics_enabled is False
    batches = [Batch("mart_actors", pd.DataFrame({"unrelated": [1]}))]
    assert run_batches(gx_dir, "nightly-1", batches, build_docs=True).outcomes


def test_deferred_data_docs_are_rendered_where_the_result_says(tmp_path):
    batches = [Batch("mart_actors", pd.DataFrame({"unrelated": [1]}))]
    built_now = run_batches(tmp_path / "now", "nightly-1", batches)
    deferred = run_batches(tmp_path / "later", "nightly-1", batches, defer_docs=True)

    assert deferred.data_docs_path is not None
    assert not deferred.data_docs_path.exists()
    assert checkpoint.build_deferred_docs(tmp_path / "later") == deferred.data_docs_path
    assert deferred.data_docs_path.relative_to(tmp_path / "later") == built_now.data_docs_path.relative_to(
        tmp_path / "now"
    )
    assert "nightly-1" in deferred.data_docs_path.read_text(encoding="utf-8")
    assert checkpoint.build_deferred_docs(tmp_path / "later") is None  # rendered once
