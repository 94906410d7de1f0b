"""The dbt project's YAML against the code: every raw table is a described source, every model and mart
column is documented, marts state their grain. Reads files and an in-memory DuckDB only (no dbt run)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import yaml

from tests.dbt.raw_fixtures import DBT_PROJECT_DIR, WAREHOUSE_SCHEMA

MODELS_DIR = DBT_PROJECT_DIR / "models"


def _yaml_documents() -> list[dict]:
    return [yaml.safe_load(path.read_text()) for path in sorted(MODELS_DIR.rglob("*.yml"))]


def _documented_models() -> dict[str, dict]:
    return {model["name"]: model for document in _yaml_documents() for model in document.get("models", [])}


def _raw_columns() -> dict[str, list[str]]:
    with duckdb.connect() as connection:
        connection.execute(WAREHOUSE_SCHEMA.read_text())
        rows = connection.execute(
            "select table_name, column_name from information_schema.columns"
            " where table_schema = 'raw' order by table_name, ordinal_position"
        ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        columns.setdefault(table, []).append(column)
    return columns


def test_every_raw_table_and_column_is_a_described_source():
    [raw_source] = [
        source
        for document in _yaml_documents()
        for source in document.get("sources", [])
        if source["name"] == "raw"
    ]
    documented = {table["name"]: table for table in raw_source["tables"]}
    raw_columns = _raw_columns()
    assert set(documented) == set(raw_columns)
    for table, columns in raw_columns.items():
        assert documented[table].get("description"), table
        described = {column["name"]: column.get("description") for column in documented[table]["columns"]}
        assert list(described) == columns, table
        assert all(described.values()), table


def test_every_raw_table_has_exactly_one_staging_model():
    staging = sorted(path.stem for path in (MODELS_DIR / "staging").glob("*.sql"))
    assert staging == sorted(f"stg_raw__{table}" for table in _raw_columns())
    for path in (MODELS_DIR / "staging").glob("*.sql"):
        assert "source('raw'" in path.read_text()
    for path in [*(MODELS_DIR / "intermediate").glob("*.sql"), *(MODELS_DIR / "marts").glob("*.sql")]:
        assert "source(" not in path.read_text(), f"{path.name} reads a source outside staging"


@pytest.mark.parametrize("path", sorted(MODELS_DIR.rglob("*.sql")), ids=lambda path: path.stem)
def test_every_model_is_described_and_ends_with_select_from_final(path: Path):
    model = _documented_models().get(path.stem)
    assert model is not None, f"{path.stem} has no YAML entry"
    assert model.get("description")
    assert all(column.get("description") for column in model.get("columns", []))
    assert path.read_text().rstrip().endswith("select * from final")
    if path.parent.name == "marts":
        assert "Grain:" in model["description"]
