"""The DuckDB warehouse: the raw schema, keyed loads, and atomic publication of a finished night.

A run never writes the file analysts have open. It copies the published warehouse to a build file,
loads and builds there, then renames the build file over the published path in one atomic step.
Readers that already hold the old file keep reading the previous complete night; new readers see the
new one. A run that dies before publishing leaves the published warehouse untouched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb
import polars as pl

from flows.core.date_mentions import with_body_sentence_index

SCHEMA_FILES = [
    Path(__file__).with_name("warehouse_schema.sql"),
    Path(__file__).with_name("quality_schema.sql"),
    Path(__file__).with_name("run_log_schema.sql"),
]


@contextlib.contextmanager
def connect(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the DuckDB file at `path` in UTC and close it afterwards; raises duckdb.IOException naming the file
    when it cannot be opened (for example a build file locked by another writer).
    """
    # The raw tables store UTC as naive TIMESTAMPs; DuckDB converts aware values to the session's zone,
    # which defaults to the host's, so a warehouse built in Tokyo would be 9 hours off.
    connection = duckdb.connect(str(path), read_only=read_only)
    try:
        connection.execute("set TimeZone = 'UTC'")  # loads the bundled icu extension: not settable at connect
        yield connection
    finally:
        connection.close()


def apply_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables that do not exist yet and bring older ones up to date (idempotent)."""
    for schema_file in SCHEMA_FILES:
        if schema_file.exists():
            connection.execute(schema_file.read_text(encoding="utf-8"))
    fill_date_mention_provenance(connection)
    add_date_mention_provenance_to_mart(connection)


def add_date_mention_provenance_to_mart(connection: duckdb.DuckDBPyConnection) -> bool:
    """Give a fct_date_mentions built before date mentions had run_id and sentence_index those columns,
    filled from raw, so the next incremental dbt build (on_schema_change='fail') finds the columns it
    writes instead of failing the night. Returns whether the mart needed it."""
    columns = {
        name
        for (name,) in connection.execute(
            "select column_name from information_schema.columns"
            " where table_schema = 'main' and table_name = 'fct_date_mentions'"
        ).fetchall()
    }
    if not columns or {"run_id", "sentence_index"} <= columns:
        return False
    connection.execute("alter table main.fct_date_mentions add column if not exists sentence_index integer")
    connection.execute("alter table main.fct_date_mentions add column if not exists run_id varchar")
    connection.execute(
        """
        update main.fct_date_mentions as mart
        set sentence_index = raw_mentions.sentence_index, run_id = raw_mentions.run_id
        from raw.date_mentions as raw_mentions
        where mart.article_id = raw_mentions.article_id and mart.start_char = raw_mentions.start_char
        """
    )
    return True


def fill_date_mention_provenance(connection: duckdb.DuckDBPyConnection) -> int:
    """Fill run_id and sentence_index of date mentions stored before raw.date_mentions had them.

    An article's date mentions are loaded with it and replaced with it, so their run is the one that
    last extracted the article; their sentences are numbered in its stored body by the nightly's own
    code. Mentions of an article no longer stored keep nulls. Returns the rows filled (0 once filled).
    """
    unfilled = query_frame(
        connection,
        """
        select date_mentions.article_id, date_mentions.start_char, articles.run_id, articles.body_text
        from raw.date_mentions as date_mentions
        inner join raw.articles as articles on date_mentions.article_id = articles.article_id
        where date_mentions.run_id is null or date_mentions.sentence_index is null
        """,
    )
    if unfilled.is_empty():
        return 0
    filled = with_body_sentence_index(
        unfilled.select("article_id", "start_char", "run_id"),
        unfilled.unique("article_id").select("article_id", "body_text"),
    )
    connection.register("filled_date_mentions", filled.to_arrow())
    try:
        connection.execute(
            """
            update raw.date_mentions
            set run_id = filled_date_mentions.run_id, sentence_index = filled_date_mentions.sentence_index
            from filled_date_mentions
            where raw.date_mentions.article_id = filled_date_mentions.article_id
                and raw.date_mentions.start_char = filled_date_mentions.start_char
            """
        )
    finally:
        connection.unregister("filled_date_mentions")
    return filled.height


def build_path_for(published: Path) -> Path:
    """Where a run builds the next version of the warehouse published at `published`."""
    return published.with_name(f".{published.name}.build")


def prepare_build(published: Path) -> Path:
    """Start a run's build file from the published warehouse (or empty when none exists yet).

    A build file left by a crashed run is discarded: the published warehouse is the last good state.
    """
    build = build_path_for(published)
    published.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (build, build.with_name(build.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if published.exists():
        shutil.copyfile(published, build)
    with connect(build) as connection:
        apply_schema(connection)
    return build


def publish(build: Path, published: Path) -> None:
    """Atomically replace the published warehouse with the finished build file.

    Raises FileNotFoundError naming the build file when there is nothing to publish.
    """
    if not build.exists():
        raise FileNotFoundError(f"no build file to publish at {build}")
    with connect(build) as connection:
        connection.execute("checkpoint")  # fold the WAL into the file so the rename carries everything
    os.replace(build, published)


def replace_rows(
    connection: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, key_columns: Sequence[str]
) -> int:
    """Insert `frame` into `table`, first deleting rows with the same key, so re-loading adds nothing.

    Columns are matched by name; raises duckdb errors naming the table on a schema mismatch.
    Returns the number of rows written.
    """
    if frame.is_empty():
        return 0
    keys = frame.select(key_columns).unique()
    connection.register("incoming_keys", keys.to_arrow())
    connection.register("incoming_rows", frame.to_arrow())
    try:
        match = " and ".join(f"{table}.{column} = incoming_keys.{column}" for column in key_columns)
        connection.execute(f"delete from {table} using incoming_keys where {match}")
        columns = ", ".join(frame.columns)
        connection.execute(f"insert into {table} ({columns}) select {columns} from incoming_rows")
    finally:
        connection.unregister("incoming_keys")
        connection.unregister("incoming_rows")
    return frame.height


def replace_where(
    connection: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, where: str, parameters: Sequence
) -> int:
    """Delete the rows of `table` matching `where` and insert `frame` in their place (one run's rows,
    or a whole table with `where='true'`). Returns the number of rows written.
    """
    connection.execute(f"delete from {table} where {where}", list(parameters))
    if frame.is_empty():
        return 0
    connection.register("incoming_rows", frame.to_arrow())
    try:
        columns = ", ".join(frame.columns)
        connection.execute(f"insert into {table} ({columns}) select {columns} from incoming_rows")
    finally:
        connection.unregister("incoming_rows")
    return frame.height


def query_frame(connection: duckdb.DuckDBPyConnection, sql: str, parameters: Sequence = ()) -> pl.DataFrame:
    """Run a query and return its result as a polars frame; timestamps come back as UTC-aware, since
    the warehouse stores every timestamp in UTC.
    """
    frame = connection.sql(sql, params=list(parameters) or None).pl()
    naive = [
        name
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.Datetime) and dtype.time_zone is None
    ]
    return frame.with_columns(pl.col(naive).dt.replace_time_zone("UTC")) if naive else frame


def table_row_counts(path: Path) -> dict[str, int]:
    """Count the rows of every table in the warehouse, keyed `schema.table` (for summaries and tests)."""
    with connect(path, read_only=True) as connection:
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' order by 1, 2"
        ).fetchall()
        counts: dict[str, int] = {}
        for schema, name in tables:
            row = connection.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
            assert row is not None  # count(*) always returns one row
            counts[f"{schema}.{name}"] = row[0]
        return counts


def has_table(path: Path, schema: str, table: str) -> bool:
    """Tell whether the warehouse at `path` has the table `schema.table` (e.g. marts built before)."""
    with connect(path, read_only=True) as connection:
        row = connection.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchone()
    return bool(row and row[0])
