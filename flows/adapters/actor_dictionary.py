"""Read the curated actor seeds (dbt_project/seeds) from disk and build the actor dictionary from them.

Capitals and demonyms come from the countryinfo package data; `country_terms.csv` holds only the curated
corrections (seats of government that are not the capital, extra or ambiguous demonyms).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from flows.core.actors import ActorDictionary, ActorDictionaryError, build_actor_dictionary
from flows.core.countries import apply_country_overrides, country_terms_frame

SEED_FILES = {
    "actors": "actors.csv",
    "aliases": "actor_aliases.csv",
    "roles": "actor_roles.csv",
    "country_terms": "country_terms.csv",
}


def _read_seed(path: Path) -> pl.DataFrame:
    """Read one seed CSV as text columns; a missing or unreadable file raises ActorDictionaryError naming it."""
    if not path.is_file():
        raise ActorDictionaryError(f"{path}: seed file not found")
    try:
        return pl.read_csv(path, infer_schema=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError, OSError) as error:
        raise ActorDictionaryError(f"{path}: cannot be read as CSV: {error}") from error


def load_actor_dictionary(seed_dir: Path) -> ActorDictionary:
    """Read actors.csv, actor_aliases.csv, actor_roles.csv and country_terms.csv (corrections to the
    countryinfo package's capitals and demonyms) and build the dictionary.

    Empty cells become nulls. A missing file, a malformed CSV or a bad row raises
    ActorDictionaryError whose message starts with the file's path (and names the row).
    """
    seed_dir = Path(seed_dir)
    frames = {name: _read_seed(seed_dir / file_name) for name, file_name in SEED_FILES.items()}
    frames = {name: frame.with_columns(pl.col(pl.String).replace("", None)) for name, frame in frames.items()}
    try:
        return build_actor_dictionary(
            frames["actors"],
            frames["aliases"],
            frames["roles"],
            country_terms=apply_country_overrides(country_terms_frame(), frames["country_terms"]),
        )
    except ActorDictionaryError as error:
        file_by_frame = {
            "actors": "actors.csv",
            "actor_aliases": "actor_aliases.csv",
            "actor_roles": "actor_roles.csv",
            "country_terms": "country_terms.csv",
        }
        frame_name = str(error).split(" ", 1)[0].rstrip(":")
        file_name = file_by_frame.get(frame_name, "")
        raise ActorDictionaryError(f"{seed_dir / file_name}: {error}") from error
