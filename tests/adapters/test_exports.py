"""Parquet exports of the marts: partitioned facts read back with polars and DuckDB, atomic replacement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.adapters.exports import PARTITIONED_MARTS, SINGLE_FILE_MARTS, export_marts


def _warehouse(path: Path, articles: int = 5) -> Path:
    """Mart tables with just the columns exports look at, plus a payload column."""
    with duckdb.connect(str(path)) as connection:
        for mart, (_, date_column) in PARTITIONED_MARTS.items():
            connection.execute(
                f"create or replace table {mart} (row_id integer, {date_column} date, note varchar)"
            )
            connection.execute(
                f"insert into {mart} select i, case when i % 4 = 3 then null else date '2026-10-30' + to_days(cast(i as integer)) end,"
                f" 'row ' || i from range({articles}) as rows (i)"
            )
        for mart in SINGLE_FILE_MARTS:
            connection.execute(
                f"create or replace table {mart} as select i as row_id from range(3) as rows (i)"
            )
    return path


def test_marts_read_back_with_polars_and_duckdb(tmp_path):
    database = _warehouse(tmp_path / "warehouse.duckdb", articles=5)
    paths = export_marts(database, tmp_path / "marts")
    assert set(paths) == set(PARTITIONED_MARTS) | set(SINGLE_FILE_MARTS)

    articles = pl.scan_parquet(paths["fct_articles"] / "**" / "*.parquet", hive_partitioning=True).collect()
    assert articles.height == 5
    assert dict(articles.group_by("published_month").len().iter_rows()) == {
        "2026-10": 2,
        "2026-11": 2,
        "undated": 1,
    }
    assert articles.filter(pl.col("row_id") == 2)["published_date"].to_list() == [dt.date(2026, 11, 1)]
    assert sorted(path.name for path in paths["fct_fetches"].iterdir()) == [
        "fetch_month=2026-10",
        "fetch_month=2026-11",
        "fetch_month=undated",
    ]
    for mart in SINGLE_FILE_MARTS:
        assert pl.read_parquet(paths[mart]).height == 3

    with duckdb.connect() as connection:
        [(count, months)] = connection.execute(
            f"select count(*), count(distinct published_month) from read_parquet("
            f"'{tmp_path}/marts/fct_actor_mentions/**/*.parquet', hive_partitioning = true)"
        ).fetchall()
    assert (count, months) == (5, 3)


def test_a_new_export_replaces_the_old_one_whole_and_keeps_one_previous_version(tmp_path):
    database = _warehouse(tmp_path / "warehouse.duckdb", articles=4)
    out_dir = tmp_path / "marts"
    export_marts(database, out_dir)
    first_version = out_dir.resolve()
    _warehouse(database, articles=8)
    export_marts(database, out_dir)
    assert out_dir.is_symlink() and out_dir.resolve() != first_version
    assert (
        pl.scan_parquet(out_dir / "fct_articles" / "**" / "*.parquet").select(pl.len()).collect().item() == 8
    )
    # The previous version stays for readers still listing it; the one before is deleted.
    assert first_version.is_dir()
    export_marts(database, out_dir)
    assert not first_version.exists()
    assert len([path for path in tmp_path.iterdir() if path.name.startswith(".marts-v")]) == 2


def test_a_failed_export_leaves_the_previous_one_in_place(tmp_path):
    database = _warehouse(tmp_path / "warehouse.duckdb", articles=4)
    out_dir = tmp_path / "marts"
    export_marts(database, out_dir)
    before = out_dir.resolve()
    with duckdb.connect(str(database)) as connection:
        connection.execute("drop table dim_dates")
    with pytest.raises(duckdb.CatalogException, match="dim_dates"):
        export_marts(database, out_dir)
    assert out_dir.resolve() == before
    assert pl.read_parquet(out_dir / "dim_dates.parquet").height == 3
    assert len([path for path in tmp_path.iterdir() if path.name.startswith(".marts-v")]) == 1


def test_an_empty_mart_still_gets_its_folder(tmp_path):
    database = _warehouse(tmp_path / "warehouse.duckdb", articles=0)
    paths = export_marts(database, tmp_path / "marts")
    assert paths["fct_articles"].is_dir()
