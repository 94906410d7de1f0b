import duckdb
import polars as pl
import pytest

from flows.adapters import warehouse


def test_prepare_build_creates_the_raw_schema_and_publish_replaces_the_file(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    build = warehouse.prepare_build(published)
    assert not published.exists()
    with warehouse.connect(build) as connection:
        connection.execute(
            "insert into raw.countries (country_code, country_code_alpha2, country_name, official_name, numeric_code) values ('AZE', 'AZ', 'Azerbaijan', null, '031')"
        )
    warehouse.publish(build, published)
    assert not build.exists()
    assert warehouse.table_row_counts(published)["raw.countries"] == 1


def test_a_reader_holding_the_published_file_keeps_the_previous_night(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    build = warehouse.prepare_build(published)
    warehouse.publish(build, published)
    reader = duckdb.connect(str(published), read_only=True)
    try:
        build = warehouse.prepare_build(published)
        with warehouse.connect(build) as connection:
            connection.execute(
                "insert into raw.countries (country_code, country_code_alpha2, country_name, official_name, numeric_code) values ('ARM', 'AM', 'Armenia', null, '051')"
            )
        warehouse.publish(build, published)
        assert reader.execute("select count(*) from raw.countries").fetchone() == (0,)
    finally:
        reader.close()
    assert warehouse.table_row_counts(published)["raw.countries"] == 1


def test_a_warehouse_from_before_country_regions_gains_the_columns(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(published)) as connection:
        connection.execute("create schema raw")
        connection.execute(
            "create table raw.countries (country_code varchar primary key, country_code_alpha2 varchar not null,"
            " country_name varchar not null, official_name varchar, numeric_code varchar)"
        )
        connection.execute("insert into raw.countries values ('AZE', 'AZ', 'Azerbaijan', null, '031')")
    build = warehouse.prepare_build(published)
    with warehouse.connect(build, read_only=True) as connection:
        assert connection.execute("select country_code, region, subregion from raw.countries").fetchall() == [
            ("AZE", None, None)
        ]


def test_date_mentions_from_before_runs_and_sentences_gain_them_from_their_article(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(published)) as connection:
        connection.execute("create schema raw")
        connection.execute(
            "create table raw.articles (article_id varchar primary key, run_id varchar not null, body_text varchar)"
        )
        connection.execute(
            "create table raw.date_mentions (article_id varchar not null, start_char integer not null,"
            " end_char integer not null, phrase varchar not null, resolved_date date,"
            " precision varchar not null, primary key (article_id, start_char))"
        )
        connection.execute(
            "insert into raw.articles values ('a1', 'nightly-2023-09-20', 'Talks stalled. They met on Tuesday.')"
        )
        connection.execute(
            "insert into raw.date_mentions values ('a1', 23, 33, 'on Tuesday', '2023-09-19', 'day'),"
            " ('gone', 0, 9, 'yesterday', null, 'day')"
        )
    build = warehouse.prepare_build(published)
    with warehouse.connect(build) as connection:
        assert connection.execute(
            "select article_id, run_id, sentence_index from raw.date_mentions order by article_id"
        ).fetchall() == [("a1", "nightly-2023-09-20", 1), ("gone", None, None)]
        # filled once: the next run finds nothing to fill
        assert warehouse.fill_date_mention_provenance(connection) == 0


def test_a_build_left_by_a_crashed_run_is_discarded(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    warehouse.publish(warehouse.prepare_build(published), published)
    build = warehouse.prepare_build(published)
    with warehouse.connect(build) as connection:
        connection.execute(
            "insert into raw.countries (country_code, country_code_alpha2, country_name, official_name, numeric_code) values ('ARM', 'AM', 'Armenia', null, '051')"
        )
    # the run dies here; the next one starts from the published file
    build = warehouse.prepare_build(published)
    with warehouse.connect(build, read_only=True) as connection:
        assert connection.execute("select count(*) from raw.countries").fetchone() == (0,)


def test_replace_rows_is_idempotent_on_the_key(tmp_path):
    path = tmp_path / "w.duckdb"
    rows = pl.DataFrame(
        {
            "country_code": ["AZE", "ARM"],
            "country_code_alpha2": ["AZ", "AM"],
            "country_name": ["Azerbaijan", "Armenia"],
        }
    )
    with warehouse.connect(path) as connection:
        warehouse.apply_schema(connection)
        warehouse.replace_rows(connection, "raw.countries", rows, ["country_code"])
        warehouse.replace_rows(
            connection, "raw.countries", rows.with_columns(country_name=pl.lit("x")), ["country_code"]
        )
        assert connection.execute("select count(*), min(country_name) from raw.countries").fetchone() == (
            2,
            "x",
        )


def test_publish_without_a_build_names_the_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="build"):
        warehouse.publish(tmp_path / ".w.build", tmp_path / "w.duckdb")


def test_has_table_tells_whether_marts_were_built(tmp_path):
    path = tmp_path / "w.duckdb"
    with warehouse.connect(path) as connection:
        warehouse.apply_schema(connection)
    assert warehouse.has_table(path, "raw", "articles")
    assert not warehouse.has_table(path, "main", "fct_articles")


def test_utc_timestamps_are_stored_as_utc_whatever_the_hosts_time_zone(tmp_path):
    """DuckDB converts aware values to the session's zone, which defaults to the host's: a warehouse
    loaded in Tokyo stored every timestamp 9 hours late until connections were opened in UTC."""
    import subprocess
    import sys

    script = """
import datetime as dt, sys
from pathlib import Path
import polars as pl
from flows.adapters import warehouse
with warehouse.connect(Path(sys.argv[1])) as connection:
    connection.execute("create table stamps (stamped_at timestamp)")
    frame = pl.DataFrame({"stamped_at": [dt.datetime(2023, 9, 18, 15, 25, tzinfo=dt.UTC)]})
    connection.register("incoming", frame.to_arrow())
    connection.execute("insert into stamps select stamped_at from incoming")
    print(connection.execute("select strftime(stamped_at, '%Y-%m-%d %H:%M') from stamps").fetchone()[0])
"""
    for zone in ("Asia/Tokyo", "America/Los_Angeles"):
        result = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / f"{zone.replace('/', '-')}.duckdb")],
            env={**__import__("os").environ, "TZ": zone},
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == "2023-09-18 15:25", zone


def test_a_date_mentions_mart_from_before_provenance_gains_the_columns_filled(tmp_path):
    """An incremental dbt build (on_schema_change='fail') of the older mart would fail the night."""
    path = tmp_path / "warehouse.duckdb"
    with warehouse.connect(path) as connection:
        warehouse.apply_schema(connection)
        connection.execute(
            "insert into raw.date_mentions (article_id, run_id, start_char, end_char, sentence_index, phrase,"
            " resolved_date, precision) values ('a1', 'nightly-2023-09-20', 23, 33, 1, 'on Tuesday', '2023-09-19', 'day')"
        )
        connection.execute(
            "create table main.fct_date_mentions as select 'm1' as date_mention_id, 'a1' as article_id, 23 as start_char"
        )
        assert warehouse.add_date_mention_provenance_to_mart(connection)
        assert connection.execute("select run_id, sentence_index from main.fct_date_mentions").fetchall() == [
            ("nightly-2023-09-20", 1)
        ]
        assert not warehouse.add_date_mention_provenance_to_mart(connection)
