"""Countries from ISO 3166-1 as maintained by pycountry."""

from __future__ import annotations

import polars as pl
import pycountry


def countries_frame() -> pl.DataFrame:
    """One row per ISO 3166-1 country: alpha-3 and alpha-2 codes, common and official names, numeric code."""
    return pl.DataFrame(
        [
            {
                "country_code": country.alpha_3,
                "country_code_alpha2": country.alpha_2,
                "country_name": getattr(country, "common_name", None) or country.name,
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
