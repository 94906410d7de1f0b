"""One typed settings object for a run, read once at the start of the run and passed down."""

from __future__ import annotations

import datetime as dt
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from expectations.policy import KEEP_VALIDATION_RUNS
from flows.adapters.dbt import DEFAULT_MEMORY_LIMIT

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE_DIR = REPO_ROOT / ".newsdesk"


class Settings(BaseSettings):
    """Everything a nightly run needs to know; each field can be set as NEWSDESK_<FIELD> in the environment."""

    model_config = SettingsConfigDict(env_prefix="NEWSDESK_", extra="forbid")

    state_dir: Path = Field(DEFAULT_STATE_DIR, description="Run state: WARC archives, reports, Prefect home.")
    warehouse_path: Path | None = Field(
        None, description="DuckDB file analysts open; default <state_dir>/warehouse.duckdb."
    )
    sources_file: Path | None = Field(None, description="YAML list of sources to discover articles from.")
    run_date: dt.date = Field(default_factory=lambda: dt.datetime.now(dt.UTC).date())

    user_agent: str = "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk; nightly news crawler)"
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 20.0
    max_attempts: int = Field(
        3, ge=1, description="Attempts per URL on transient errors (5xx, timeouts, resets)."
    )
    backoff_base_s: float = Field(
        0.5, ge=0, description="First retry waits this long, doubling each attempt."
    )
    max_retry_after_s: float = Field(30.0, ge=0, description="Longest Retry-After the fetcher will wait for.")
    per_host_delay_s: float = Field(
        1.0, ge=0, description="Minimum gap between two requests to the same host."
    )
    per_host_concurrency: int = Field(2, ge=1)
    fetch_workers: int = Field(8, ge=1, description="Hosts fetched at the same time.")
    batch_size: int = Field(200, ge=1, description="Pages fetched, then extracted, together: bounds memory.")
    extract_workers: int = Field(0, ge=0, description="Extraction processes; 0 means one per core.")
    dask_address: str | None = Field(
        None, description="Run fetch/extract batches on this Dask scheduler (tcp://HOST:PORT), or 'local'."
    )
    max_body_bytes: int = Field(10 * 1024 * 1024, description="Responses larger than this are refused.")
    max_redirects: int = 5
    obey_robots: bool = True
    allow_private_network: bool = Field(
        False,
        description="Allow URLs on loopback/private/reserved addresses (off: a feed is untrusted input).",
    )
    allowed_networks: list[IPv4Network | IPv6Network] = Field(
        default_factory=list,
        description="Non-public networks allowed anyway, e.g. ['127.0.0.0/8'] for a site served on loopback.",
    )
    host_overrides: dict[str, str] = Field(
        default_factory=dict,
        description="Serve these hostnames from another address, like curl --resolve: {'news.com': '127.0.0.1:8000'}.",
    )

    dbt_project_dir: Path = REPO_ROOT / "dbt_project"
    full_refresh: bool = Field(False, description="Rebuild the incremental facts from every raw row.")
    dbt_memory_limit: str = Field(
        DEFAULT_MEMORY_LIMIT,
        pattern=r"(?i)^\s*\d+(\.\d+)?\s*([KMGT]i?B|%)\s*$",
        description="DuckDB's memory limit while dbt builds the marts (e.g. 256MB, 2GiB, 50%); "
        "DuckDB spills to disk beyond it.",
    )
    generate_dbt_docs: bool = Field(
        True, description="Write dbt's static docs site beside the reports each run."
    )
    is_backfill: bool = Field(False, description="Re-read only entries dated on run_date (and undated ones).")
    fail_on_critical: bool = Field(True, description="Exit non-zero when a critical expectation fails.")
    data_docs_runs: int = Field(
        KEEP_VALIDATION_RUNS,
        ge=1,
        description="Validations whose results Great Expectations keeps, with their Data Docs pages; "
        "older ones are deleted. The warehouse keeps every run's results.",
    )

    @property
    def warehouse(self) -> Path:
        return self.warehouse_path or self.state_dir / "warehouse.duckdb"

    @property
    def run_id(self) -> str:
        """The nightly of one date is one run: re-running it replaces that run's rows instead of adding."""
        return f"nightly-{self.run_date.isoformat()}"

    @property
    def archive_dir(self) -> Path:
        return self.state_dir / "archive"

    @property
    def report_dir(self) -> Path:
        return self.state_dir / "reports"

    @property
    def export_dir(self) -> Path:
        """Where the marts are written as Parquet after each night (a symlink swapped atomically)."""
        return self.state_dir / "exports" / "marts"

    @property
    def gx_dir(self) -> Path:
        """Great Expectations' context: its suites, the newest validations' results and their Data Docs."""
        return self.state_dir / "gx"

    @property
    def dbt_target_dir(self) -> Path:
        return self.state_dir / "dbt_target"
