"""Countries from ISO 3166-1 as maintained by pycountry, with what the countryinfo package data adds."""

from __future__ import annotations

import functools
from typing import Any

import polars as pl
import pycountry


def countries_frame() -> pl.DataFrame:
    """One row per ISO 3166-1 country: alpha-3 and alpha-2 codes, common and official names, numeric code,
    and the world region and subregion (UN geoscheme, "Asia" / "Western Asia") where countryinfo has them.
    """
    countries = pl.DataFrame(
        [
            {
                "country_code": country.alpha_3,
                "country_code_alpha2": country.alpha_2,
                "country_name": country_name(country),
                "official_name": getattr(country, "official_name", None),
                "numeric_code": country.numeric,
            }
            for country in pycountry.countries
        ],
        schema={
            "country_code": pl.String,
            "country_code_alpha2": pl.String,
            "country_name": pl.String,
            "official_name": pl.String,
            "numeric_code": pl.String,
        },
    )
    regions = pl.DataFrame(
        [
            {"country_code": code, "region": info.region() or None, "subregion": info.subregion() or None}
            for code, info in _countryinfo().items()
        ],
        schema={"country_code": pl.String, "region": pl.String, "subregion": pl.String},
    )
    return countries.join(regions, on="country_code", how="left", maintain_order="left")


def country_name(country: Any) -> str:
    """The name a pycountry country goes by in the news: its common name where ISO gives one; else the
    ISO name, unless countryinfo's is a short form of it or ISO's is inverted or bracketed ("Russian
    Federation" -> "Russia", "Brunei Darussalam" -> "Brunei", "Congo, The Democratic Republic of the"
    -> "Democratic Republic of the Congo"); an inverted name countryinfo does not mend takes the
    official name ("Virgin Islands, British" -> "British Virgin Islands").
    """
    common = getattr(country, "common_name", None)
    if common:
        return str(common)
    iso = str(country.name)
    is_inverted = ", " in iso or "(" in iso
    info = _countryinfo().get(country.alpha_3)
    short = info.name() if info is not None else None
    if short and "," not in short and "(" not in short and (is_inverted or iso.startswith(short)):
        return str(short)
    official = getattr(country, "official_name", None)
    if is_inverted and official and "," not in official:
        return str(official).removeprefix("the ")
    return iso


@functools.cache
def us_state_postal_codes() -> dict[str, str]:
    """The two-letter postal codes of the US states and DC, by ISO 3166-2 (the same codes): {"TX": "Texas"}."""
    return {
        subdivision.code.removeprefix("US-"): subdivision.name
        for subdivision in pycountry.subdivisions.get(country_code="US") or []
        if subdivision.type in ("State", "District")
    }


@functools.cache
def us_postal_codes_of_countries() -> frozenset[str]:
    """The US postal codes that are also a country's ISO 3166-1 alpha-2 code ("DE": Delaware, Germany)."""
    return frozenset(us_state_postal_codes()) & {country.alpha_2 for country in pycountry.countries}


@functools.cache
def _countryinfo() -> dict[str, Any]:
    """countryinfo's entries by ISO 3166-1 alpha-3 code (its JSON data is read once, on first use)."""
    from countryinfo import all_countries

    entries: dict[str, Any] = {}
    for info in all_countries():
        code = info.iso().get("alpha3")
        # countryinfo files Wales under GBR too, without a region or ISO numeric code: the country wins
        if code and (
            code not in entries or ("numeric" in info.iso() and "numeric" not in entries[code].iso())
        ):
            entries[code] = info
    return entries


COUNTRY_TERM_SCHEMA = {
    "country_code": pl.String,
    "capital": pl.String,
    "seat_of_government": pl.String,
    "demonyms": pl.String,
}


def country_terms_frame() -> pl.DataFrame:
    """Capitals and demonyms of every country from the countryinfo package data (pycountry has neither).

    One row per ISO 3166-1 alpha-3 code; the seat of government is taken to be the capital, and
    `demonyms` is a "|"-separated list (mostly one; the curated overrides add more).
    """
    current = {country.alpha_3 for country in pycountry.countries}
    rows = {}
    for code, country in _countryinfo().items():
        if code not in current:  # countryinfo keeps former states ("SCG", Serbia and Montenegro)
            continue
        capital = country.capital()
        if isinstance(capital, list):  # a few entries list several cities
            capital = capital[0] if capital else None
        rows[code] = {"country_code": code, "capital": capital or None, "seat_of_government": capital or None,
                      "demonyms": country.demonym() or None}  # fmt: skip
    # A few entries list two demonyms with "," or "/" ("Bosnian,Herzegovinian"): one "|" list throughout.
    return (
        pl.DataFrame(list(rows.values()), schema=COUNTRY_TERM_SCHEMA)
        .with_columns(pl.col("demonyms").str.replace_all(r"\s*[,/]\s*", "|"))
        .sort("country_code")
    )


def apply_country_overrides(terms: pl.DataFrame, overrides: pl.DataFrame) -> pl.DataFrame:
    """Replace whole rows of `terms` by the curated `overrides` of the same country (an empty cell there
    means "none", e.g. a demonym two countries share); countries only in `overrides` are added.
    """
    overrides = overrides.select(list(COUNTRY_TERM_SCHEMA)).cast(COUNTRY_TERM_SCHEMA)  # type: ignore[arg-type]
    kept = terms.join(overrides.select("country_code"), on="country_code", how="anti")
    return pl.concat([kept, overrides]).sort("country_code")
