"""Run validation on a fixture warehouse: clean nights pass, corrupted nights fail the right expectations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from expectations.policy import KEEP_VALIDATION_RUNS
from flows.adapters.quality import ExpectationOutcome, ValidationOutcome, run_validation
from tests.expectations.warehouse_fixture import add_run, build_warehouse, corrupt, refresh_marts, run_id_for

pytestmark = pytest.mark.slow

NIGHT = dt.date(2026, 11, 28)
RUN_ID = run_id_for(NIGHT)


def find(outcome: ValidationOutcome, expectation: str, source_id: str | None = None) -> ExpectationOutcome:
    matches = [
        result
        for result in outcome.results
        if result.expectation == expectation and result.source_id == source_id
    ]
    assert len(matches) == 1, f"{expectation} / {source_id}: {matches}"
    return matches[0]


def failed(outcome: ValidationOutcome) -> set[tuple[str, str | None]]:
    return {(result.expectation, result.source_id) for result in outcome.failures}


def stored_results(database: Path, run_id: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            """
            select suite, expectation, source_id, severity, is_success, message
            from raw.validation_results where run_id = ? order by all
            """,
            [run_id],
        ).fetchall()


@pytest.fixture(scope="module")
def clean_night(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, ValidationOutcome]:
    directory = tmp_path_factory.mktemp("clean")
    database = directory / "warehouse.duckdb"
    build_warehouse(database, [NIGHT]).close()
    outcome = run_validation(database, RUN_ID, run_date=NIGHT, gx_dir=directory / "gx")
    return database, directory / "gx", outcome


@pytest.fixture(scope="module")
def corrupted_night(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ValidationOutcome]:
    """One night with several unrelated breakages, each in its own source or table."""
    directory = tmp_path_factory.mktemp("corrupted")
    database = directory / "warehouse.duckdb"
    connection = build_warehouse(database, [NIGHT])
    corrupt(
        connection,
        [
            # caspianwire changed its templates: every body comes out empty.
            "update raw.articles set body_text = '' where source_name = 'caspianwire'",
            """delete from raw.actor_mentions where field = 'body' and article_id in
               (select article_id from raw.articles where source_name = 'caspianwire')""",
            # steppeherald lost its dates.
            "update raw.articles set published_at = null where source_name = 'steppeherald'",
        ],
    )
    refresh_marts(connection)
    corrupt(
        connection,
        [
            # A duplicated article and mention key in the marts.
            """insert into main.fct_articles
               select * from main.fct_articles where source_id = 'blacksea-monitor' limit 1""",
            """insert into main.fct_actor_mentions
               select * from main.fct_actor_mentions where field = 'title' order by mention_id limit 1""",
            # A date in the future (whenever the test runs: fetched pages are checked against today), a mention pointing past its body, an actor missing from dim_actors.
            """update main.fct_articles set published_at = timestamp '2099-12-05 10:00:00'
               where url = 'https://blacksea-monitor.com/news/2026-11-28/story-3'""",
            """update main.fct_actor_mentions set end_char = 100000
               where mention_id = (
                   select min(mention_id) from main.fct_actor_mentions
                   where field = 'body' and article_id in
                       (select article_id from main.fct_articles where source_id = 'blacksea-monitor')
               )""",
            "delete from main.dim_actors where actor_id = 'igo:eu'",
        ],
    )
    connection.close()
    outcome = run_validation(database, RUN_ID, run_date=NIGHT, gx_dir=directory / "gx", build_docs=False)
    return database, outcome


def test_a_clean_night_passes_every_expectation(clean_night):
    _database, _gx_dir, outcome = clean_night
    assert outcome.is_success
    assert outcome.failures == ()
    suites = {result.suite for result in outcome.results}
    assert suites == {
        "fetch_health",
        "raw_extraction",
        "source_drift",
        "mart_articles",
        "mart_actor_mentions",
        "mart_actors",
    }
    assert {result.source_id for result in outcome.results if result.suite == "raw_extraction"} == {
        "caspianwire",
        "steppeherald",
        "blacksea-monitor",
    }


def test_results_are_stored_one_row_per_expectation_and_batch(clean_night):
    database, _gx_dir, outcome = clean_night
    rows = stored_results(database, RUN_ID)
    assert len(rows) == len(outcome.results)
    assert all(row[4] for row in rows)


def test_data_docs_are_built_inside_the_given_directory(clean_night):
    _database, gx_dir, outcome = clean_night
    assert outcome.data_docs_path is not None
    assert outcome.data_docs_path.is_file()
    assert outcome.data_docs_path.is_relative_to(gx_dir)
    assert "analytics_enabled: false" in (gx_dir / "gx" / "great_expectations.yml").read_text()


def test_drift_without_history_passes_with_a_note(clean_night):
    _database, _gx_dir, outcome = clean_night
    drift = find(outcome, "articles_drift", "caspianwire")
    assert drift.is_success
    assert "not enough history" in drift.message


def test_emptied_bodies_fail_for_that_source_only(corrupted_night):
    _database, outcome = corrupted_night
    body = find(outcome, "body_present", "caspianwire")
    assert not body.is_success
    assert body.severity == "critical"
    assert body.message.startswith("source caspianwire: body_text empty in 8 of 8 articles")
    assert body.unexpected_examples[0].startswith("https://www.caspianwire.com/news/")
    assert find(outcome, "body_present", "steppeherald").is_success
    assert not outcome.is_success


def test_nulled_dates_fail_both_date_thresholds_for_that_source(corrupted_night):
    _database, outcome = corrupted_night
    warning = find(outcome, "published_at_present", "steppeherald")
    critical = find(outcome, "published_at_mostly_present", "steppeherald")
    assert (warning.is_success, warning.severity) == (False, "warning")
    assert (critical.is_success, critical.severity) == (False, "critical")
    assert "source steppeherald: published_at missing in 8 of 8 articles" in critical.message
    assert find(outcome, "published_at_present", "caspianwire").is_success


def test_duplicate_keys_fail_with_the_column_and_source_named(corrupted_night):
    _database, outcome = corrupted_night
    articles = find(outcome, "article_id_unique")
    assert not articles.is_success
    assert articles.message.startswith(
        "article_id duplicated in 2 of 25 articles (sources: blacksea-monitor)"
    )
    mentions = find(outcome, "mention_id_unique")
    assert not mentions.is_success
    assert "mention_id duplicated in 2 of" in mentions.message


def test_marts_rules_fail_on_future_dates_bad_offsets_and_unknown_actors(corrupted_night):
    _database, outcome = corrupted_night
    future = find(outcome, "published_at_in_range")
    assert not future.is_success
    assert "story-3 (published_at=2099-12-05T10:00:00)" in future.message
    offsets = find(outcome, "end_char_inside_field")
    assert not offsets.is_success
    assert offsets.column == "end_char"
    assert offsets.message.startswith(
        "end_char beyond the length of its title or body in 1 of 41 mentions (sources: blacksea-monitor)"
    )
    actors = find(outcome, "actor_id_in_dim_actors")
    assert not actors.is_success
    assert "(actor_id=igo:eu)" in actors.message


def test_only_the_broken_things_fail(corrupted_night):
    _database, outcome = corrupted_night
    assert failed(outcome) == {
        ("body_present", "caspianwire"),
        ("published_at_present", "steppeherald"),
        ("published_at_mostly_present", "steppeherald"),
        ("article_id_unique", None),
        ("mention_id_unique", None),
        ("published_at_in_range", None),
        ("end_char_inside_field", None),
        ("actor_id_in_dim_actors", None),
    }


def test_revalidating_a_night_replaces_its_stored_results(tmp_path: Path):
    database = tmp_path / "warehouse.duckdb"
    connection = build_warehouse(database, [NIGHT])
    corrupt(connection, ["update raw.articles set title = null where source_name = 'caspianwire'"])
    connection.close()
    first = run_validation(database, RUN_ID, run_date=NIGHT, gx_dir=tmp_path / "gx", build_docs=False)
    assert ("title_present", "caspianwire") in failed(first)

    with duckdb.connect(str(database)) as connection:
        connection.execute("update raw.articles set title = 'Restored' where source_name = 'caspianwire'")
    second = run_validation(database, RUN_ID, run_date=NIGHT, gx_dir=tmp_path / "gx", build_docs=False)

    rows = stored_results(database, RUN_ID)
    assert len(rows) == len(second.results) == len(first.results)
    assert all(row[4] for row in rows)
    with duckdb.connect(str(database), read_only=True) as connection:
        metric_rows = connection.execute(
            "select count(*) from raw.source_run_metrics where run_id = ?", [RUN_ID]
        ).fetchone()
    assert metric_rows == (3,)


def test_a_source_whose_extraction_collapses_drifts_against_its_history(tmp_path: Path):
    nights = [NIGHT - dt.timedelta(days=offset) for offset in (3, 2, 1)]
    database = tmp_path / "warehouse.duckdb"
    build_warehouse(database, nights).close()
    for night in nights:
        run_validation(database, run_id_for(night), run_date=night, gx_dir=tmp_path / "gx", build_docs=False)

    with duckdb.connect(str(database)) as connection:
        add_run(connection, NIGHT)
        # Fetched as usual, but the new template yields two articles out of eight pages.
        connection.execute(
            """
            delete from raw.articles
            where source_name = 'caspianwire' and run_id = ? and url not like '%story-0' and url not like '%story-1'
            """,
            [RUN_ID],
        )
        connection.execute(
            "delete from raw.actor_mentions where article_id not in (select article_id from raw.articles)"
        )
        refresh_marts(connection)
    outcome = run_validation(database, RUN_ID, run_date=NIGHT, gx_dir=tmp_path / "gx", build_docs=False)

    assert outcome.is_success, f"drift is a warning: {outcome.critical_failures}"
    drifted = find(outcome, "extraction_yield_drift", "caspianwire")
    assert (drifted.is_success, drifted.severity) == (False, "warning")
    assert drifted.message == (
        "source caspianwire: extraction yield (articles per fetched page) dropped: 0.25 this run"
        " vs a mean of 1.00 over the previous 3 runs (ratio 0.25, warns below 0.75)"
    )
    assert not find(outcome, "articles_drift", "caspianwire").is_success
    assert not find(outcome, "extraction_yield_floor", "caspianwire").is_success
    assert find(outcome, "articles_drift", "steppeherald").is_success
    assert "steady" in find(outcome, "articles_drift", "steppeherald").message


def test_missing_marts_fail_the_run_instead_of_raising(tmp_path: Path):
    database = tmp_path / "warehouse.duckdb"
    connection = build_warehouse(database, [NIGHT])
    connection.execute("drop table main.fct_actor_mentions")
    connection.close()
    outcome = run_validation(database, RUN_ID, run_date=NIGHT, gx_dir=tmp_path / "gx", build_docs=False)
    missing = find(outcome, "tables_exist")
    assert missing.suite == "mart_actor_mentions"
    assert not outcome.is_success
    assert "main.fct_actor_mentions missing" in missing.message


@pytest.mark.slow
def test_the_validation_process_finds_what_validating_in_process_finds(corrupted_night, tmp_path):
    from prefect.logging import disable_run_logger

    from flows.tasks.validate import VALIDATION_PROCESS, start_validator, stop_validator, validate_night
    from tests.flows.process_probe import has_imported

    database, in_process = corrupted_night
    start_validator(tmp_path / "gx")  # validate_night then uses the context the process prepared
    try:
        with disable_run_logger():
            in_worker = validate_night.fn(database, RUN_ID, NIGHT, tmp_path / "gx", KEEP_VALIDATION_RUNS)
        validator = VALIDATION_PROCESS.running()
        assert validator is not None
        # what the process runs is named from modules that do not import Prefect (3 s of its start)
        assert not validator.submit(has_imported, "prefect").result()
    finally:
        stop_validator()

    def verdicts(outcome: ValidationOutcome) -> list[tuple]:
        return sorted(
            (result.suite, result.expectation, result.source_id or "", result.column or "", result.is_success)
            for result in outcome.results
        )

    assert not in_worker.is_success
    assert verdicts(in_worker) == verdicts(in_process)


@pytest.mark.slow
def test_the_validation_process_renders_the_data_docs_after_returning_the_outcome(corrupted_night, tmp_path):
    from prefect.logging import disable_run_logger

    from flows.tasks.validate import finish_data_docs, start_validator, stop_validator, validate_night

    database, _ = corrupted_night
    start_validator(tmp_path / "gx")
    try:
        with disable_run_logger():
            outcome = validate_night.fn(
                database, RUN_ID, NIGHT, tmp_path / "gx", KEEP_VALIDATION_RUNS, defer_docs=True
            )
        stop_validator(wait=False, finish_queued=True)  # as the nightly does: the docs are still rendered
        finish_data_docs()
    finally:
        stop_validator()

    index = tmp_path / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert outcome.data_docs_path == index
    assert RUN_ID in index.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("discovery_error", "is_failure"), [(None, False), ("cannot read nothere.txt", True)]
)
def test_a_night_with_no_article_fails_only_when_no_source_could_be_read(
    tmp_path, discovery_error, is_failure
):
    from tests.expectations.warehouse_fixture import SOURCES

    database = tmp_path / "warehouse.duckdb"
    connection = build_warehouse(database, [NIGHT], articles_per_source=dict.fromkeys(SOURCES, 0))
    for source_name in SOURCES:
        connection.execute(
            "insert into raw.source_discoveries values (?, ?, 0, ?, ?)",
            [RUN_ID, source_name, discovery_error, dt.datetime(2026, 11, 28, 2, 0)],
        )
    connection.close()
    outcome = run_validation(database, RUN_ID, run_date=NIGHT, gx_dir=tmp_path / "gx", build_docs=False)
    assert find(outcome, "run_has_articles").is_success is not is_failure


def test_a_source_whose_urls_another_source_listed_first_is_not_judged_on_fetches(tmp_path):
    database = tmp_path / "warehouse.duckdb"
    connection = build_warehouse(database, [NIGHT])
    # steppeherald's feed announced 5 entries, all listed first by another source; caspianwire announced none
    connection.execute("delete from raw.fetches where source_name in ('steppeherald', 'caspianwire')")
    for source_name, entries in (("steppeherald", 5), ("caspianwire", 0), ("blacksea-monitor", 8)):
        connection.execute(
            "insert into raw.source_discoveries values (?, ?, ?, null, ?)",
            [RUN_ID, source_name, entries, dt.datetime(2026, 11, 28, 2, 0)],
        )
    connection.close()
    outcome = run_validation(database, RUN_ID, run_date=NIGHT, gx_dir=tmp_path / "gx", build_docs=False)
    judged = {result.source_id for result in outcome.results if result.suite == "fetch_health"}
    assert judged == {"caspianwire", "blacksea-monitor"}
    assert not find(outcome, "urls_discovered", "caspianwire").is_success


def test_a_mention_of_an_article_missing_from_the_marts_fails_naming_the_article(tmp_path: Path):
    database = tmp_path / "warehouse.duckdb"
    connection = build_warehouse(database, [NIGHT])
    (article_id,) = connection.execute(
        "select min(article_id) from main.fct_actor_mentions where field = 'body'"
    ).fetchone()
    corrupt(connection, [f"delete from main.fct_articles where article_id = '{article_id}'"])
    connection.close()
    outcome = run_validation(database, RUN_ID, run_date=NIGHT, gx_dir=tmp_path / "gx", build_docs=False)

    articles = find(outcome, "article_id_in_fct_articles")
    assert not articles.is_success
    assert articles.column == "article_id"
    assert articles.message.startswith("article_id not in fct_articles in ")
    assert f"(article_id={article_id})" in articles.message
    assert find(outcome, "actor_id_in_dim_actors").is_success
