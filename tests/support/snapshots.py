"""Compare warehouses built by different runs of the same night."""

import duckdb

# Columns that legitimately differ between two runs of the same night: clock times of this run's work,
# where its archive files are, which state folder it ran in.
VOLATILE_SUFFIXES = ("fetched_at", "first_seen_at", "extracted_at", "started_at", "finished_at", "loaded_at",
                     "computed_at", "validated_at", "first_seen_date", "last_seen_date")  # fmt: skip
VOLATILE_COLUMNS = {"warc_path", "warc_record_id", "warc_offset", "sources_file", "fetch_date", "date_key",
                    "first_seen_latency_s"}  # fmt: skip


def warehouse_snapshot(path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted, without the columns that differ between two runs of one night."""
    with duckdb.connect(str(path), read_only=True) as connection:
        tables = [row[0] for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1"
        ).fetchall()]  # fmt: skip
        snapshot = {}
        for table in tables:
            columns = [
                row[0]
                for row in connection.execute(f"describe {table}").fetchall()
                if not row[0].endswith(VOLATILE_SUFFIXES) and row[0] not in VOLATILE_COLUMNS
            ]
            quoted = ", ".join(f'"{column}"' for column in columns)
            snapshot[table] = connection.execute(f"select {quoted} from {table} order by all").fetchall()
    return snapshot
