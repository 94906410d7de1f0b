import polars as pl

from flows.core.countries import countries_frame, country_terms_frame


def test_countries_carry_iso_codes_and_un_regions():
    countries = countries_frame()
    assert countries["country_code"].n_unique() == countries.height >= 249
    rows = {
        row["country_code"]: (row["country_name"], row["region"], row["subregion"])
        for row in countries.filter(
            pl.col("country_code").is_in(["AZE", "ARM", "USA", "GBR", "ATA"])
        ).iter_rows(named=True)
    }
    assert rows == {
        "AZE": ("Azerbaijan", "Asia", "Western Asia"),
        "ARM": ("Armenia", "Asia", "Western Asia"),
        "USA": ("United States", "Americas", "Northern America"),
        # countryinfo also files Wales under GBR, with no region: the country's own entry counts
        "GBR": ("United Kingdom", "Europe", "Northern Europe"),
        "ATA": ("Antarctica", None, None),
    }
    assert set(countries["region"].drop_nulls()) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    assert countries["region"].null_count() <= 2


def test_countries_go_by_the_names_the_news_uses():
    names = dict(countries_frame().select("country_code", "country_name").iter_rows())
    assert [names[code] for code in ("RUS", "COD", "PSE", "BRN", "VGB", "IRN", "KOR", "TUR", "CZE")] == [
        "Russia",  # ISO: Russian Federation (countryinfo's short form)
        "Democratic Republic of the Congo",  # ISO: "Congo, The Democratic Republic of the"
        "Palestine",  # ISO: "Palestine, State of"
        "Brunei",  # ISO: Brunei Darussalam
        "British Virgin Islands",  # ISO: "Virgin Islands, British" (the official name)
        "Iran",  # ISO's own common name
        "South Korea",
        "Türkiye",  # ISO's name, not countryinfo's older "Turkey"
        "Czechia",
    ]
    assert not [name for name in names.values() if ", " in name and " and " not in name]


def test_country_terms_give_capitals_and_demonyms():
    terms = {row["country_code"]: row for row in country_terms_frame().iter_rows(named=True)}
    assert terms["AZE"]["capital"] == "Baku"
    assert terms["ARM"]["demonyms"] == "Armenian"
    # countryinfo writes a few pairs with "," or "/"; the frame has one "|" list throughout.
    assert terms["BIH"]["demonyms"] == "Bosnian|Herzegovinian"
    assert not any("," in (row["demonyms"] or "") for row in terms.values())
    # Former states countryinfo keeps ("SCG", Serbia and Montenegro) would share Serbia's words.
    assert "SCG" not in terms and terms["SRB"]["demonyms"] == "Serbian"
