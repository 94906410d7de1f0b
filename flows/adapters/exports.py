"""Write the marts as Parquet for engines beyond DuckDB, and swap a finished export in atomically.

Layout under `out_dir` (a symlink to the current export version):

    fct_articles/published_month=2026-11/data_0.parquet    (hive partitions; 'undated' when unknown)
    fct_actor_mentions/published_month=.../...
    fct_actor_cooccurrences/published_month=.../...
    fct_fetches/fetch_month=.../...
    fct_date_mentions.parquet, dim_*.parquet                (one file each)

Each export is written to a new hidden version folder next to `out_dir`; when every file is complete the
`out_dir` symlink is replaced in one atomic rename, so a reader resolving the path sees either the whole
previous export or the whole new one, never a mix. The previous version is kept (a reader may still be
listing it); older ones are deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from flows.adapters.warehouse import connect

# Facts partitioned by month of their date: readers filtering on a month read only that folder, and a
# year of daily partitions would make hundreds of tiny files.
PARTITIONED_MARTS: dict[str, tuple[str, str]] = {
    "fct_articles": ("published_month", "published_date"),
    "fct_actor_mentions": ("published_month", "published_date"),
    "fct_actor_cooccurrences": ("published_month", "published_date"),
    "fct_fetches": ("fetch_month", "fetch_date"),
}
SINGLE_FILE_MARTS = (
    "fct_date_mentions",
    "dim_actors",
    "dim_actor_roles",
    "dim_sources",
    "dim_dates",
    "dim_countries",
)
UNDATED_PARTITION = "undated"
_VERSION_PREFIX = ".{name}-v"
_KEPT_VERSIONS = 2


def export_marts(database_path: Path, out_dir: Path) -> dict[str, Path]:
    """Export every mart of the warehouse at `database_path` as Parquet under `out_dir`; return mart → path
    (a folder of hive partitions, or one .parquet file).

    Opens the warehouse read-only (safe next to other readers). Raises duckdb.Error naming the mart when
    a mart is missing (build the marts first); `out_dir` then still holds the previous export. Raises
    FileExistsError when `out_dir` is a regular file.
    """
    out_dir = Path(out_dir).absolute()
    if out_dir.is_file():
        raise FileExistsError(f"{out_dir} is a file, not an export folder")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    version = out_dir.with_name(_VERSION_PREFIX.format(name=out_dir.name) + stamp)
    version.mkdir()
    try:
        with connect(database_path, read_only=True) as connection:
            for mart, (partition_column, date_column) in PARTITIONED_MARTS.items():
                connection.execute(
                    f"""
                    copy (
                        select
                            *,
                            coalesce(strftime({date_column}, '%Y-%m'), '{UNDATED_PARTITION}') as {partition_column}
                        from main.{mart}
                    ) to '{version / mart}' (format parquet, partition_by ({partition_column}),
                        write_partition_columns false, overwrite_or_ignore false)
                    """
                )
                (version / mart).mkdir(exist_ok=True)  # an empty mart still gets its folder
            for mart in SINGLE_FILE_MARTS:
                connection.execute(f"copy main.{mart} to '{version / mart}.parquet' (format parquet)")
    except BaseException:
        shutil.rmtree(version, ignore_errors=True)
        raise
    _swap_in(version, out_dir)
    return {
        **{mart: out_dir / mart for mart in PARTITIONED_MARTS},
        **{mart: out_dir / f"{mart}.parquet" for mart in SINGLE_FILE_MARTS},
    }


def _swap_in(version: Path, out_dir: Path) -> None:
    # The new symlink is made under a temporary name, then renamed over out_dir: rename is atomic.
    pending_link = out_dir.with_name(f".{out_dir.name}.link-{version.name}")
    pending_link.symlink_to(version.name)
    if out_dir.is_dir() and not out_dir.is_symlink():
        # An export folder from before versioning: keep it as the "previous version".
        out_dir.rename(out_dir.with_name(_VERSION_PREFIX.format(name=out_dir.name) + "0-legacy"))
    os.replace(pending_link, out_dir)
    versions = sorted(
        (
            path
            for path in out_dir.parent.glob(_VERSION_PREFIX.format(name=out_dir.name) + "*")
            if path.is_dir()
        ),
        key=lambda path: path.stat().st_mtime,
    )
    for stale in versions[:-_KEPT_VERSIONS]:
        if stale.name != version.name:
            shutil.rmtree(stale, ignore_errors=True)
