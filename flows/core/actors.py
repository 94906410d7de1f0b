"""Detect actors (people, organisations, places) in article titles and bodies and resolve them to stable ids.

The dictionary is the curated dbt seeds plus countries, governments, capitals and demonyms generated
from package data. Detection scans each text once for capitalised name runs (flows.core.actor_text),
then every later step (dictionary joins, metonymy, patterns for unknown actors, in-article
coreference, roles on the article's date) runs as polars operations over the whole batch.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import polars as pl
import pycountry

from flows.core.actor_acronyms import link_defined_acronyms
from flows.core.actor_bodies import government_bodies, link_unqualified_bodies
from flows.core.actor_credits import drop_credited_people
from flows.core.actor_lexicon import (
    ACRONYM_SUBJECT_RE,
    AMBIGUOUS_GIVEN_NAMES,
    APPOSITIVE_MAX_GAP,
    APPOSITIVE_ROLE_RE,
    CAPITAL_NAMED_US_STATES,
    CITY_ATTRIBUTE_RE,
    CITY_PREDICATE_RE,
    CLUB_PREFIXES,
    COMMON_CAPITALISED,
    COMPASS_BEFORE_RE,
    CONTENT_NOUNS,
    DIPLOMATIC_TITLES,
    EPITHETS,
    FACILITY_KIND_WORDS,
    FACILITY_NOUNS,
    FOLLOWER_NOUNS,
    GIVEN_NAMES,
    GOVERNMENT_NOUNS,
    KINDRED_PLACES_RE,
    LEGAL_FORMS,
    LEGAL_SUFFIX_RE,
    LEGAL_TAIL_END_RE,
    LEGAL_TAIL_RE,
    LOCAL_INSTITUTIONS_AFTER_RE,
    LOCATIVE_CUES,
    NAME_CONNECTORS,
    NAMED_PLACE_HEADS,
    NATIONAL_OFFICE_RE,
    NOBLE_TITLE_RE,
    NOBLE_TITLES,
    NON_ACTOR_ACRONYMS,
    NON_ACTOR_HEADS,
    NON_NAME_PARTS,
    NON_TEAM_PLURALS,
    ORG_HEADS,
    PARTY_MEMBER_CONTEXT_RE,
    PARTY_NAME_WORDS,
    PLACE_HEADS,
    PLACE_HYPHEN_MODIFIERS,
    PLACE_NAME_OPENERS,
    PLACE_NOUNS,
    PLACE_PART_WORDS,
    PLACE_SCOPE_BRACKET_RE,
    PRODUCT_NAMES,
    QUOTED_TITLE_TAIL_RE,
    ROLE_NOUNS,
    SEATED_ORGANISATIONS,
    SENTENCE_OPENING_PREPOSITIONS,
    SHARE_WIDGET_TAIL_RE,
    SPEECH_VERBS,
    SPORTS_CONTEXT_RE,
    SPORTS_CUES,
    SPORTS_PRAISE_NOUNS,
    STATE_ABBREVIATIONS,
    SUBDIVISION_COUNTRIES,
    SUBDIVISION_TYPES,
    SURNAME_ENDING_RE,
    TEAM_MEMBER_NOUNS,
    TEAM_VERBS,
    TITLE_ROLES,
    TRAVEL_FROM_BEFORE_RE,
    UNAMBIGUOUS_GIVEN_NAMES,
    US_STATE_HOMONYMS,
    US_STATE_OFFICE_RE,
)
from flows.core.actor_names import (
    ACTOR_DESCRIPTION,
    FOLDED_LETTERS,
    alias_key,
    alias_key_expr,
    alias_keys,
    mention_ids,
    replace_spans,
    slug,
    slug_expr,
)
from flows.core.actor_text import SENTENCE_OPENING_BEFORE_RE, scan_texts
from flows.core.countries import country_name, us_postal_codes_of_countries, us_state_postal_codes

ACTOR_SCHEMA: dict[str, pl.DataType] = {
    "actor_id": pl.String(),
    "canonical_name": pl.String(),
    "actor_type": pl.String(),
    "entity_class": pl.String(),
    "country_code": pl.String(),
    "cameo_code": pl.String(),
    "wikidata_id": pl.String(),
    "dictionary_source": pl.String(),
}
ROLE_SCHEMA: dict[str, pl.DataType] = {
    "actor_id": pl.String(),
    "role": pl.String(),
    "role_country_code": pl.String(),
    "cameo_code": pl.String(),
    "valid_from": pl.Date(),
    "valid_to": pl.Date(),
}
ALIAS_SCHEMA: dict[str, pl.DataType] = {
    "alias": pl.String(),
    "alias_key": pl.String(),
    "actor_id": pl.String(),  # null for titles, which name a role and no actor
    # name | abbreviation | title | capital | metonym | place | demonym | adjective | surname
    "alias_kind": pl.String(),
    "is_case_sensitive": pl.Boolean(),
    "priority": pl.Int32(),  # when two actors share a key, the higher priority keeps it
    "place_actor_id": pl.String(),  # capitals: the city, for locative readings ("in Baku")
    "title_role": pl.String(),  # titles: the CAMEO role they imply (GOV, MIL, ...)
}
MENTION_SCHEMA: dict[str, pl.DataType] = {
    "mention_id": pl.String(),
    "article_id": pl.String(),
    "run_id": pl.String(),
    "field": pl.String(),
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "sentence_index": pl.Int32(),
    "surface_form": pl.String(),
    "actor_id": pl.String(),
    "canonical_name": pl.String(),
    "actor_type": pl.String(),
    "entity_class": pl.String(),
    "country_code": pl.String(),
    "cameo_code": pl.String(),
    "role": pl.String(),
    "is_known_actor": pl.Boolean(),
    "method": pl.String(),
    "confidence": pl.Float64(),
}
SEED_ALIAS_COLUMNS = ("actor_id", "alias", "alias_kind", "is_case_sensitive")
COUNTRY_TERM_COLUMNS = ("country_code", "capital", "seat_of_government", "demonyms")

ACTOR_TYPE_CLASSES: dict[str, str] = {
    "person": "PER",
    "organisation": "ORG",
    "government": "ORG",
    "igo": "ORG",
    "media": "ORG",
    "country": "LOC",
    "place": "LOC",
}
_KIND_PRIORITY = {
    "name": 100,
    "abbreviation": 100,
    "title": 90,
    "metonym": 85,
    "capital": 80,
    "place": 70,
    "demonym": 60,
    "adjective": 55,
    "chamber": 52,
    "surname": 50,
}
_MAX_NAME_TOKENS = 7


class ActorDictionaryError(ValueError):
    """A seed row that cannot become part of the actor dictionary; the message names the row."""


def _text_before_expr(width: int = 30) -> pl.Expr:
    """The (up to) `width` characters of `text` before `start_char`: the context rules read a match by."""
    start = (pl.col("start_char") - width).clip(0)
    return pl.col("text").str.slice(start, pl.col("start_char") - start)


# Where a candidate span is and what surrounds it: what short-form linking needs of each span.
_SPAN_CONTEXT_COLUMNS = (
    "text_index", "run_index", "token_position", "start_char", "end_char", "sentence_index", "surface",
    "previous_word", "next_word",
)  # fmt: skip


@dataclass(frozen=True)
class ActorDictionary:
    """Every actor the detector can name, the surface forms that name them, and their dated roles."""

    actors: pl.DataFrame  # columns of raw.actors
    aliases: pl.DataFrame  # ALIAS_SCHEMA
    roles: pl.DataFrame  # columns of raw.actor_roles
    # aliases with lower-case words, split into a capitalised head (head, head_key) and the rest (tail)
    completions: pl.DataFrame
    # curated aliases that several countries' actors share ("Socialist": France's PS, Spain's PSOE):
    # alias_key, is_case_sensitive, actor_id, country_code
    shared_aliases: pl.DataFrame


# ---------------------------------------------------------------- building the dictionary


def _country_frames(country_terms: pl.DataFrame | None) -> tuple[list[dict], list[dict]]:
    """Countries, governments, capitals and demonyms as actor and alias rows (pycountry + country_terms)."""
    actors: list[dict] = []
    aliases: list[dict] = []

    def alias(name: str, actor_id: str, kind: str, place_actor_id: str | None = None) -> None:
        aliases.append(
            {
                "alias": name,
                "actor_id": actor_id,
                "alias_kind": kind,
                "is_case_sensitive": False,
                "place_actor_id": place_actor_id,
            }
        )

    for country in pycountry.countries:
        code = country.alpha_3
        name = country_name(country)
        actors.append(
            {
                "actor_id": f"cty:{code}",
                "canonical_name": name,
                "actor_type": "country",
                "country_code": code,
                "cameo_code": code,
                "dictionary_source": "pycountry",
            }
        )
        actors.append(
            {
                "actor_id": f"gov:{code}",
                "canonical_name": f"Government of {name}",
                "actor_type": "government",
                "country_code": code,
                "cameo_code": f"{code}GOV",
                "dictionary_source": "pycountry",
            }
        )
        names = {country.name, name, getattr(country, "official_name", None) or name}
        for variant in sorted(names):
            alias(variant, f"cty:{code}", "name")
            alias(f"Government of {variant}", f"gov:{code}", "name")
            alias(f"{variant} government", f"gov:{code}", "name")

    if country_terms is not None:
        for row in country_terms.iter_rows(named=True):
            code = row["country_code"]
            for city in sorted({row["capital"], row["seat_of_government"]} - {None, ""}):
                place_id = f"loc:{slug(city)}"
                actors.append(
                    {
                        "actor_id": place_id,
                        "canonical_name": city,
                        "actor_type": "place",
                        "country_code": code,
                        "cameo_code": code,
                        "dictionary_source": "seed",
                    }
                )
                alias(city, f"gov:{code}", "capital", place_id)
            for demonym in (row["demonyms"] or "").split("|"):
                if demonym:
                    alias(demonym, f"cty:{code}", "demonym")

    subdivision_ids: set[str] = set()
    for code in SUBDIVISION_COUNTRIES:
        parent = pycountry.countries.get(alpha_2=code)
        if parent is None:
            continue
        for subdivision in pycountry.subdivisions.get(country_code=code) or []:
            if subdivision.parent_code is None and subdivision.type in SUBDIVISION_TYPES:
                # ISO 3166-2 appends other-language names in brackets ("Wales [Cymru GB-CYM]").
                name = re.sub(r"\s*\[[^\]]*\]$", "", subdivision.name)
                is_us_state = code == "US"
                place_id = us_state_id(name) if is_us_state else f"loc:{slug(name)}"
                canonical_name = (
                    f"{name} (state)" if is_us_state and name in CAPITAL_NAMED_US_STATES else name
                )
                if place_id in subdivision_ids:
                    # another country's subdivision has the name ("Punjab"): this one's id and canonical
                    # name say whose ("Punjab (Pakistan)"); the first keeps the plain name, as a default
                    canonical_name = f"{name} ({country_name(parent)})"
                    place_id = f"loc:{slug(canonical_name)}"
                subdivision_ids.add(place_id)
                actors.append(
                    {
                        "actor_id": place_id,
                        "canonical_name": canonical_name,  # "Washington (state)", apart from the capital
                        "actor_type": "place",
                        "country_code": parent.alpha_3,
                        "cameo_code": parent.alpha_3,
                        "dictionary_source": "pycountry",
                    }
                )
                alias(name, place_id, "place")
    for abbreviation, state in STATE_ABBREVIATIONS.items():
        alias(abbreviation, us_state_id(state), "place")
    return actors, aliases


def us_state_id(name: str) -> str:
    """A US state's actor id by its name: `loc:` and its slug (`loc:texas`), but `loc:washington-state`
    for a state named like the capital, whose `loc:washington` is the city."""
    return f"loc:{slug(name)}" + ("-state" if name in CAPITAL_NAMED_US_STATES else "")


def _check_columns(frame: pl.DataFrame, required: tuple[str, ...] | list[str], what: str) -> None:
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise ActorDictionaryError(f"{what}: missing column(s) {', '.join(missing)}")


def _first_bad_row(frame: pl.DataFrame, is_bad: pl.Expr, what: str, reason: str) -> None:
    bad = frame.with_row_index("row_number", offset=1).filter(is_bad)
    if bad.height:
        raise ActorDictionaryError(f"{what} row {bad['row_number'][0]}: {reason}: {bad.row(0, named=True)}")


def build_actor_dictionary(
    seed_actors: pl.DataFrame,
    seed_aliases: pl.DataFrame,
    seed_roles: pl.DataFrame,
    country_terms: pl.DataFrame | None = None,
) -> ActorDictionary:
    """Combine the curated seeds with countries, governments, capitals, demonyms and regions from package data.

    seed_actors has the columns of raw.actors (dictionary_source optional), seed_aliases has actor_id,
    alias, alias_kind, is_case_sensitive, seed_roles has the columns of raw.actor_roles; country_terms
    (capital, seat of government and demonyms per ISO-3 code) adds capitals as government metonyms.
    Raises ActorDictionaryError naming the frame and row on a missing column, an unknown actor type,
    a duplicate id, an alias or role of an unknown actor, or a role that ends before it starts.
    """
    _check_columns(
        seed_actors, [c for c in ACTOR_SCHEMA if c not in ("dictionary_source", "entity_class")], "actors"
    )
    _check_columns(seed_aliases, SEED_ALIAS_COLUMNS, "actor_aliases")
    _check_columns(seed_roles, list(ROLE_SCHEMA), "actor_roles")
    if country_terms is not None:
        _check_columns(country_terms, COUNTRY_TERM_COLUMNS, "country_terms")

    seeds = seed_actors.with_columns(
        pl.col(column).cast(pl.String) for column in ACTOR_SCHEMA if column in seed_actors.columns
    ).with_columns(
        entity_class=pl.col("actor_type").replace_strict(ACTOR_TYPE_CLASSES, default=None),
        dictionary_source=pl.lit("seed"),
    )
    _first_bad_row(
        seeds,
        pl.col("actor_type").is_null() | pl.col("entity_class").is_null(),
        "actors",
        f"actor_type must be one of {sorted(ACTOR_TYPE_CLASSES)}",
    )
    _first_bad_row(
        seeds,
        pl.col("actor_id").is_null() | pl.col("canonical_name").is_null(),
        "actors",
        "actor_id and canonical_name are required",
    )
    _first_bad_row(seeds, pl.col("actor_id").is_duplicated(), "actors", "duplicate actor_id")

    generated_actors, generated_aliases = _country_frames(country_terms)
    generated = pl.DataFrame(
        generated_actors,
        schema={k: v for k, v in ACTOR_SCHEMA.items() if k not in ("entity_class", "wikidata_id")},
    )
    generated = generated.with_columns(
        entity_class=pl.col("actor_type").replace_strict(ACTOR_TYPE_CLASSES),
        wikidata_id=pl.lit(None, pl.String),
    ).unique("actor_id", keep="first", maintain_order=True)
    # A curated row overrides the generated one with the same id (a better name, a Wikidata id).
    actors = pl.concat(
        [
            seeds.select(list(ACTOR_SCHEMA)),
            generated.join(seeds, on="actor_id", how="anti").select(list(ACTOR_SCHEMA)),
        ]
    ).cast(pl.Schema(ACTOR_SCHEMA))

    roles = seed_roles.with_columns(
        pl.col("valid_from").cast(pl.String).str.to_date(strict=False).alias("parsed_from"),
        pl.col("valid_to").cast(pl.String).str.to_date(strict=False).alias("parsed_to"),
    )
    _first_bad_row(
        roles, pl.col("parsed_from").is_null(), "actor_roles", "valid_from is not a YYYY-MM-DD date"
    )
    _first_bad_row(
        roles,
        pl.col("valid_to").is_not_null()
        & (pl.col("valid_to").cast(pl.String) != "")
        & pl.col("parsed_to").is_null(),
        "actor_roles",
        "valid_to is not a YYYY-MM-DD date",
    )
    _first_bad_row(
        roles, pl.col("parsed_to") < pl.col("parsed_from"), "actor_roles", "valid_to before valid_from"
    )
    _first_bad_row(
        roles, ~pl.col("actor_id").is_in(actors["actor_id"].implode()), "actor_roles", "unknown actor_id"
    )
    roles = roles.select(
        "actor_id",
        "role",
        "role_country_code",
        "cameo_code",
        pl.col("parsed_from").alias("valid_from"),
        pl.col("parsed_to").alias("valid_to"),
    ).cast(pl.Schema(ROLE_SCHEMA))

    seed_alias_rows = seed_aliases.with_columns(
        pl.col("actor_id", "alias", "alias_kind").cast(pl.String),
        pl.col("is_case_sensitive").cast(pl.String).str.to_lowercase().is_in(["true", "1", "yes"]),
    )
    _first_bad_row(
        seed_alias_rows,
        ~pl.col("actor_id").is_in(actors["actor_id"].implode()),
        "actor_aliases",
        "unknown actor_id",
    )
    _first_bad_row(
        seed_alias_rows,
        ~pl.col("alias_kind").is_in(list(_KIND_PRIORITY)),
        "actor_aliases",
        f"alias_kind must be one of {sorted(_KIND_PRIORITY)}",
    )

    generated_alias_rows = pl.DataFrame(
        generated_aliases,
        schema={
            "alias": pl.String,
            "actor_id": pl.String,
            "alias_kind": pl.String,
            "is_case_sensitive": pl.Boolean,
            "place_actor_id": pl.String,
        },
    )
    aliases = _alias_table(actors, seed_alias_rows.select(SEED_ALIAS_COLUMNS), generated_alias_rows)
    # Places of several countries with one name ("Punjab" in India and Pakistan) share it as curated
    # aliases do: the article's country decides.
    shared_place_aliases = (
        generated_alias_rows.filter(pl.col("alias_kind") == "place")
        .join(actors.select("actor_id", "country_code"), on="actor_id")
        .filter(pl.col("country_code").n_unique().over(alias_key_expr("alias")) > 1)
    )
    shared_aliases = _shared_alias_table(
        pl.concat(
            [seed_alias_rows.select(SEED_ALIAS_COLUMNS), shared_place_aliases.select(SEED_ALIAS_COLUMNS)]
        ),
        actors,
    )
    # Sorted so the dictionary (and raw.actors, raw.actor_roles) is the same frame on every run.
    return ActorDictionary(
        actors=actors.sort("actor_id"),
        aliases=aliases,
        roles=roles.sort("actor_id", "valid_from", "role"),
        completions=_completion_table(aliases),
        shared_aliases=shared_aliases,
    )


def _shared_alias_table(seed_aliases: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """Curated aliases that actors of several countries share, one row per alias key and actor; the
    article's most named country picks one (`_resolve_shared_aliases`). The actor whose canonical name
    the alias is (the United States' "Democratic Party") is the default, named where no country
    decides. Raises ActorDictionaryError when two of them share a country, or one has none: then no
    article could tell them apart."""
    group = ("alias_key", "is_case_sensitive")
    keyed = (
        seed_aliases.with_columns(alias_key=alias_key_expr("alias"))
        .unique([*group, "actor_id"], keep="first", maintain_order=True)  # "Socialist" and "socialist"
        .join(
            actors.select("actor_id", "country_code", canonical_key=alias_key_expr("canonical_name")),
            on="actor_id",
            how="left",
            maintain_order="left",
        )
        .with_columns(is_default=pl.col("canonical_key") == pl.col("alias_key"))
    )
    is_shared = pl.col("actor_id").n_unique().over(group) > 1
    _first_bad_row(
        keyed,
        is_shared & (pl.col("country_code").is_null() | pl.col("country_code").is_duplicated().over(group)),
        "actor_aliases",
        "an alias several actors share needs actors of different countries",
    )
    shared = keyed.filter(is_shared).select(
        "alias_key", "is_case_sensitive", "actor_id", "country_code", "is_default"
    )
    return shared.sort("alias_key", "actor_id")


def _alias_table(actors: pl.DataFrame, seed_aliases: pl.DataFrame, generated: pl.DataFrame) -> pl.DataFrame:
    """One row per alias key: canonical names, curated and generated aliases, person surnames and titles."""
    # A place's own name ranks below a capital's metonymic reading, which decides place vs government.
    canonical = actors.select(
        pl.col("canonical_name").alias("alias"),
        "actor_id",
        pl.when(pl.col("actor_type") == "place")
        .then(pl.lit("place"))
        .otherwise(pl.lit("name"))
        .alias("alias_kind"),
        pl.lit(False).alias("is_case_sensitive"),
    )
    persons = actors.filter(pl.col("actor_type") == "person")
    # A person's last name alone names them when no other dictionary person shares it ("Blinken").
    # Curated surnames win; patronymic names ("Mohammed bin Salman") and regnal names get none by rule.
    has_curated_surname = seed_aliases.filter(pl.col("alias_kind") == "surname")["actor_id"].implode()
    surnames = (
        persons.filter(
            pl.col("canonical_name").str.contains(" ")
            & ~pl.col("canonical_name").str.contains(r"(?i) (?:bin|ibn|al|Al) ")
            & ~pl.col("actor_id").is_in(has_curated_surname)
        )
        .select(
            pl.col("canonical_name").str.split(" ").list.last().alias("alias"),
            "actor_id",
            pl.lit("surname").alias("alias_kind"),
            # Spelled without its "ø" or "ł", a surname may be a word ("Støre" is no "App Store").
            pl.col("canonical_name")
            .str.split(" ")
            .list.last()
            .str.to_lowercase()
            .str.contains(f"[{''.join(FOLDED_LETTERS)}]")
            .alias("is_case_sensitive"),
        )
        .filter(
            (pl.col("alias").str.len_chars() > 2) & pl.col("alias").str.contains(r"^[^\W\d][\w'’-]*[a-z]$")
        )
    )
    surnames = surnames.filter(pl.col("alias").is_unique())
    titles = pl.DataFrame(
        {"alias": list(TITLE_ROLES), "title_role": list(TITLE_ROLES.values())}
    ).with_columns(
        pl.lit(None, pl.String).alias("actor_id"),
        pl.lit("title").alias("alias_kind"),
        pl.lit(False).alias("is_case_sensitive"),
    )
    # A curated capital alias ("Eriwan", German for Yerevan) reads as a place like the capital it renames.
    capital_places = (
        generated.filter(pl.col("alias_kind") == "capital")
        .unique("actor_id", keep="first")
        .select("actor_id", pl.col("place_actor_id").alias("capital_place_id"))
    )
    seed_aliases = (
        seed_aliases.join(capital_places, on="actor_id", how="left")
        .with_columns(
            place_actor_id=pl.when(pl.col("alias_kind") == "capital").then(pl.col("capital_place_id"))
        )
        .drop("capital_place_id")
    )
    frames = [
        seed_aliases,
        canonical.with_columns(pl.lit(None, pl.String).alias("place_actor_id")),
        generated,
        surnames.with_columns(pl.lit(None, pl.String).alias("place_actor_id")),
    ]
    table = pl.concat(
        [frame.with_columns(pl.lit(None, pl.String).alias("title_role")) for frame in frames]
        + [titles.with_columns(pl.lit(None, pl.String).alias("place_actor_id"))],
        how="diagonal",
    )
    table = table.with_columns(
        alias_key=alias_key_expr("alias"),
        priority=pl.col("alias_kind").replace_strict(_KIND_PRIORITY, return_dtype=pl.Int32),
        # Curated rows come first, so on a tie the curated actor keeps the key.
        order=pl.int_range(pl.len()),
    ).filter(pl.col("alias_key") != "")
    # Surnames that are also another actor's alias ("Jordan", "Georgia") are too ambiguous to keep.
    other_keys = table.filter(pl.col("alias_kind") != "surname")["alias_key"].implode()
    table = table.filter((pl.col("alias_kind") != "surname") | ~pl.col("alias_key").is_in(other_keys))
    table = table.sort(["priority", "order"], descending=[True, False]).unique(
        ["alias_key", "is_case_sensitive"], keep="first", maintain_order=True
    )
    return (
        table.sort("alias_key", "is_case_sensitive").select(list(ALIAS_SCHEMA)).cast(pl.Schema(ALIAS_SCHEMA))
    )


def _completion_table(aliases: pl.DataFrame) -> pl.DataFrame:
    """Aliases with lower-case words other than connectors ("Trump administration", "Congress party",
    "Committee to Protect Journalists"), split before the first such word into a capitalised head
    (`head`, `head_key`) and the rest (`tail`, with its leading space); they are no name runs.
    """
    words = pl.col("alias").str.split(" ")
    is_plain_word = pl.element().str.contains(r"^[a-z]") & ~pl.element().is_in(list(NAME_CONNECTORS))
    return (
        aliases.filter(pl.col("alias").str.contains(r" [a-z]"))
        .with_columns(is_plain=words.list.eval(is_plain_word))
        .with_columns(split_at=pl.col("is_plain").list.arg_max())
        .filter(pl.col("is_plain").list.any() & (pl.col("split_at") > 0))
        .with_columns(head=words.list.head(pl.col("split_at")).list.join(" "))
        .with_columns(
            head_key=alias_key_expr("head"),
            tail=pl.lit(" ") + words.list.slice(pl.col("split_at")).list.join(" "),
        )
        .drop("is_plain", "split_at")
    )


# ---------------------------------------------------------------- detection


def _article_fields(articles: pl.DataFrame) -> pl.DataFrame:
    """One row per non-empty title or body, numbered; the article's publication date rides along."""
    published = pl.col("published_at")
    if articles.schema.get("published_at") == pl.String:
        # ISO strings with an offset or "Z", or a bare day; anything else counts as unknown.
        published = pl.coalesce(
            published.str.to_datetime(strict=False, time_zone="UTC"),
            published.str.to_date(strict=False).cast(pl.Datetime("us")).dt.replace_time_zone("UTC"),
        )
    base = articles.select(
        pl.col("article_id").cast(pl.String),
        pl.col("run_id").cast(pl.String),
        pl.col("title").cast(pl.String),
        pl.col("body_text").cast(pl.String),
        published.cast(pl.Datetime("us", "UTC"), strict=False).dt.date().alias("published_date")
        if "published_at" in articles.columns
        else pl.lit(None, pl.Date).alias("published_date"),
    )
    fields = pl.concat(
        [
            base.select(
                "article_id",
                "run_id",
                "published_date",
                pl.lit("title").alias("field"),
                pl.col("title").alias("text"),
            ),
            base.select(
                "article_id",
                "run_id",
                "published_date",
                pl.lit("body").alias("field"),
                pl.col("body_text").alias("text"),
            ),
        ]
    )
    return fields.filter(
        pl.col("text").is_not_null() & (pl.col("text").str.strip_chars() != "")
    ).with_columns(text_index=pl.int_range(pl.len(), dtype=pl.Int32))


def _candidate_spans(tokens: pl.DataFrame) -> pl.DataFrame:
    """Every sub-span of every run (up to _MAX_NAME_TOKENS words) that starts and ends on a name word.

    Keys are built from per-word keys joined by single spaces (runs hold single spaces), so the costly
    normalisation runs once per distinct word, not once per span; surfaces are cut later, for matches only.
    """
    is_run_end = (
        (pl.col("run_index") != pl.col("run_index").shift(-1))
        | (pl.col("text_index") != pl.col("text_index").shift(-1))
    ).fill_null(True)
    # Rows are in run order: a run's length is its last word's position plus one, filled backwards.
    frame = tokens.with_columns(
        word_key=alias_keys(tokens["token"]),
        run_words=pl.when(is_run_end).then(pl.col("token_position") + 1).backward_fill(),
    )
    spans = []
    for offset in range(_MAX_NAME_TOKENS):
        # Spans of offset + 1 words come from runs that long only (few are): whole runs are kept, so the
        # shifts below still pair a run's own words.
        runs = frame.filter(pl.col("run_words") > offset) if offset else frame
        key = pl.concat_str([pl.col("word_key").shift(-step) for step in range(offset + 1)], separator=" ")
        is_same_run = (pl.col("run_index").shift(-offset) == pl.col("run_index")) & (
            pl.col("text_index").shift(-offset) == pl.col("text_index")
        )
        # Shift first, filter after: a filter before the shift would pair words of different runs.
        spans.append(
            runs.select(
                "text_index",
                "run_index",
                "token_position",
                (pl.col("token_position") + offset).alias("last_position"),
                "start_char",
                pl.col("end_char").shift(-offset).alias("end_char"),
                "sentence_index",
                "previous_word",
                key.alias("key"),
                (
                    is_same_run.fill_null(False)
                    & (~pl.col("is_connector") | (pl.col("token") == "The"))
                    & ~pl.col("is_connector").shift(-offset).fill_null(True)
                ).alias("is_span"),
            )
            .filter("is_span")
            .drop("is_span")
        )
    return pl.concat(spans)


def _leftmost_longest(matches: pl.DataFrame) -> pl.DataFrame:
    """Keep non-overlapping matches: the earliest start wins, then the longest, then the highest priority."""
    ordered = matches.sort(
        ["text_index", "start_char", "end_char", "priority"], descending=[False, False, True, True]
    ).unique(["text_index", "start_char", "end_char"], keep="first", maintain_order=True)
    reach = pl.col("end_char").cum_max().shift(1).over("text_index").fill_null(0)
    return ordered.filter(pl.col("start_char") >= reach)


def _completed_matches(
    spans: pl.DataFrame, completions: pl.DataFrame, texts: pl.DataFrame, columns: list[str]
) -> pl.DataFrame:
    """Matches of the dictionary names with lower-case words: their capitalised head is a span, and the
    words after it in the text complete them (`columns` of the other matches, plus is_completed).
    """
    head_surface = pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char"))
    return (
        # The head starts its run or follows a connector: "Lara Trump administration" is no Trump
        # administration, "critics and the Trump administration" is.
        spans.filter((pl.col("token_position") == 0) | pl.col("previous_word").is_in(list(NAME_CONNECTORS)))
        .join(completions, left_on="key", right_on="head_key", how="inner")
        .join(texts, on="text_index")
        .with_columns(
            following=pl.col("text").str.slice(pl.col("end_char"), pl.col("tail").str.len_chars() + 1)
        )
        .filter(
            pl.col("following").str.starts_with(pl.col("tail"))
            & ~pl.col("following").str.slice(pl.col("tail").str.len_chars()).str.contains(r"^[\w-]")
            # an abbreviation heads only in its own case ("US government", not "Us government")
            & (~pl.col("head").str.contains(r"^[A-Z.]+$") | (head_surface == pl.col("head")))
        )
        .with_columns(end_char=pl.col("end_char") + pl.col("tail").str.len_chars().cast(pl.Int32))
        .with_columns(surface=head_surface)
        .select(columns)
        .with_columns(is_completed=pl.lit(True))
    )


def _is_party_adjective_in_place_expr() -> pl.Expr:
    """Whether a party's adjective match names the party: before its members or offices ("Republican
    senator"), not inside another party's name ("Christian Democrat leader", "Progressive Conservative");
    a chamber, a possessive or a sentence's opening determiner may come first ("Senate Democratic leader",
    "Spain's Socialist government", "The Republican senator"). Needs `text`, `start_char` and `end_char`.
    """
    before = _text_before_expr()
    return pl.col("text").str.slice(pl.col("end_char"), 30).str.contains(PARTY_MEMBER_CONTEXT_RE) & (
        ~before.str.contains(r"[A-Z][\w'’-]*[ \u00a0]$")
        # a sentence's determiner or a possessive names no other party ("The Socialist government",
        # "Spain's Socialist government")
        | before.str.contains(
            r"(?:^|[^\w'’-])(?:The|A|An|This|That|Its|Their|His|Her|Senate|House|Assembly|State)[ \u00a0]$"
            r"|['’]s[ \u00a0]$"
        )
    )


def _spans_next_to(
    anchors: pl.DataFrame, spans: pl.DataFrame, *, gaps_after: tuple[int, ...], gaps_before: tuple[int, ...]
) -> pl.DataFrame:
    """The (text_index, start_char) of spans that start a gap after an anchor ends ("Kenya's Supreme
    Court": 3 characters) or end a gap before one starts ("Supreme Court of India": 4). Both frames need
    text_index, start_char and end_char.
    """
    after = [
        anchors.select("text_index", (pl.col("end_char") + gap).cast(pl.Int32).alias("start_char"))
        for gap in gaps_after
    ]
    before = [
        anchors.select("text_index", (pl.col("start_char") - gap).cast(pl.Int32).alias("end_char"))
        .join(spans.select("text_index", "start_char", "end_char"), on=["text_index", "end_char"])
        .select("text_index", "start_char")
        for gap in gaps_before
    ]
    return pl.concat(after + before).unique()


def _country_counts(located: pl.DataFrame) -> pl.DataFrame:
    """Mentions per article and country (article_id, country_code, mentions), and whether the country is
    the article's most named, strictly: a tie leaves the country in doubt (is_most_named). Needs
    article_id and country_code."""
    return (
        located.filter(pl.col("country_code").is_not_null())
        .group_by("article_id", "country_code")
        .len("mentions")
        .with_columns(is_top=pl.col("mentions") == pl.col("mentions").max().over("article_id"))
        .with_columns(is_most_named=pl.col("is_top") & (pl.col("is_top").sum().over("article_id") == 1))
    )


def _drop_foreign_bound_aliases(mentions: pl.DataFrame, fields: pl.DataFrame) -> pl.DataFrame:
    """Drop the aliases that name an actor only in its own country's news.

    A party adjective needs another actor of the party's country in the article ("Conservative leader
    Pierre Poilievre" in Canadian news is no British Tory). A chamber's bare name ("the Senate") needs
    its country to be the one the article names most, and more than any other: many countries have one.
    """
    located = mentions.join(fields.select("text_index", "article_id"), on="text_index")
    bound_kinds = ["adjective", "chamber"]
    country_counts = _country_counts(located.filter(~pl.col("alias_kind").is_in(bound_kinds)))
    # A chamber that a country names, or one of a country, is that country's ("Kenya's Supreme Court",
    # "the Supreme Court of India"): government_bodies reads it.
    owned = _spans_next_to(
        located.filter(pl.col("actor_id").str.starts_with("cty:")),
        located,
        gaps_after=(1, 3),
        gaps_before=(4, 8),
    ).with_columns(is_owned=pl.lit(True))
    foreign = (
        located.filter(pl.col("alias_kind").is_in(bound_kinds))
        .join(country_counts, on=["article_id", "country_code"], how="left")
        .join(owned, on=["text_index", "start_char"], how="left")
        .filter(
            (pl.col("mentions").is_null() | ((pl.col("alias_kind") == "chamber") & ~pl.col("is_most_named")))
            & ~((pl.col("alias_kind") == "chamber") & pl.col("is_owned").fill_null(False))
        )
        .select("text_index", "start_char", "alias_kind")
    )
    # A foreign chamber of more than a common word is some organisation of that name ("the Supreme Court
    # ban" in Indian news), as it would have been without the alias.
    unknown_chambers = (
        mentions.join(
            foreign.filter(pl.col("alias_kind") == "chamber").drop("alias_kind"),
            on=["text_index", "start_char"],
        )
        .filter(~pl.col("surface").str.to_lowercase().is_in(list(COMMON_CAPITALISED)))
        .with_columns(
            actor_id=pl.lit("org:") + slug_expr(pl.col("surface")),
            canonical_name=pl.col("surface"),
            actor_type=pl.lit("organisation"),
            entity_class=pl.lit("ORG"),
            country_code=pl.lit(None, pl.String),
            cameo_code=pl.lit(None, pl.String),
            is_known_actor=pl.lit(False),
            method=pl.lit("pattern"),
            alias_kind=pl.lit("pattern"),
        )
    )
    return replace_spans(mentions, foreign, unknown_chambers)


def _read_homonymous_us_states(
    selected: pl.DataFrame, fields: pl.DataFrame, actors: pl.DataFrame
) -> pl.DataFrame:
    """Read a country named like a US state ("Georgia") as the state in US news: before a US state office
    ("Georgia Gov. Brian Kemp", "Georgia voters"), after "the state of", or in an article naming two or
    more US states or towns, and them more often than the country otherwise ("Georgian", "Tbilisi"),
    unless a national office follows ("Georgia's prime minister")."""
    homonyms = pl.DataFrame(
        {"actor_id": list(US_STATE_HOMONYMS), "state_id": list(US_STATE_HOMONYMS.values())}
    )
    located = selected.join(fields.select("text_index", "article_id"), on="text_index").join(
        actors.select("actor_id", "country_code"), on="actor_id", how="left"
    )
    is_homonym = pl.col("actor_id").is_in(homonyms["actor_id"].implode()) & (pl.col("alias_kind") == "name")
    us_place_mentions = located.filter(
        pl.col("actor_id").str.starts_with("loc:") & (pl.col("country_code") == "USA") & ~is_homonym
    )
    us_places = us_place_mentions.group_by("article_id").len("us_places")
    # "Georgia and Arizona", "Ohio, Georgia and Texas": listed with a US state or town
    listed_with_us_place = _spans_next_to(
        us_place_mentions, located, gaps_after=(2, 5), gaps_before=(2, 5)
    ).with_columns(is_listed_with_us_place=pl.lit(True))
    countries = homonyms.join(actors.select("actor_id", "country_code"), on="actor_id")
    other_evidence = (
        located.filter(~is_homonym)
        .join(countries.select("country_code", pl.col("actor_id").alias("homonym_id")), on="country_code")
        .group_by("article_id", "homonym_id")
        .len("country_mentions")
    )
    switched = (
        located.filter(is_homonym)
        .join(us_places, on="article_id", how="left")
        .join(
            other_evidence,
            left_on=["article_id", "actor_id"],
            right_on=["article_id", "homonym_id"],
            how="left",
        )
        .join(listed_with_us_place, on=["text_index", "start_char"], how="left")
        .filter(
            pl.col("following_text").str.contains(US_STATE_OFFICE_RE)
            | pl.col("preceding_text").str.contains(r"\bstate of[ \u00a0]$")
            | pl.col("is_listed_with_us_place").fill_null(False)
            | (
                # two US places or more, outnumbering the country's other mentions, and no national office
                # named ("Georgia's prime minister told the UN in New York")
                (pl.col("us_places").fill_null(0) >= 2)
                & (pl.col("us_places").fill_null(0) > pl.col("country_mentions").fill_null(0))
                & ~pl.col("following_text").str.contains(NATIONAL_OFFICE_RE)
            )
        )
        .join(homonyms, on="actor_id")
        .select("text_index", "start_char", "state_id")
    )
    return (
        selected.join(switched, on=["text_index", "start_char"], how="left")
        .with_columns(
            actor_id=pl.coalesce("state_id", "actor_id"),
            entity_class=pl.when(pl.col("state_id").is_not_null())
            .then(pl.lit("LOC"))
            .otherwise(pl.col("entity_class")),
            alias_kind=pl.when(pl.col("state_id").is_not_null())
            .then(pl.lit("place"))
            .otherwise(pl.col("alias_kind")),
        )
        .drop("state_id")
    )


def _resolve_shared_aliases(
    selected: pl.DataFrame, fields: pl.DataFrame, actors: pl.DataFrame, shared: pl.DataFrame
) -> pl.DataFrame:
    """Give an alias several countries' actors share to the one of the country named right before or
    after it, else of the country the article names most, and more than any other ("the Socialist
    government" in French news is the PS, in Spanish news the PSOE); where that country has none of
    them, or no country leads, the alias names its default actor (the one whose canonical name it is:
    "the Democratic Party" is the American one unless South Korea or Italy decides), or nobody."""
    keys = shared.select("alias_key", "is_case_sensitive").unique()
    is_shared = selected.join(
        keys, left_on=["key", "is_case_sensitive"], right_on=list(keys.columns), how="semi"
    )
    if is_shared.height == 0:
        return selected
    # only the articles with a shared alias need their countries counted
    articles = fields.join(is_shared.select("text_index").unique(), on="text_index", how="semi")["article_id"]
    others = selected.join(is_shared, on=["text_index", "start_char"], how="anti")
    located = (
        others.filter(~pl.col("alias_kind").is_in(["title", "chamber", "adjective"]))
        .join(
            fields.filter(pl.col("article_id").is_in(articles.implode())).select("text_index", "article_id"),
            on="text_index",
        )
        .join(actors.select("actor_id", "country_code"), on="actor_id")
    )
    leading_countries = (
        _country_counts(located)
        .filter(pl.col("is_most_named"))
        .select("article_id", pl.col("country_code").alias("leading_country"))
    )
    # A country right before or after names the actor's country whatever the article leads with
    # ("Portugal's Socialist government", "French Socialists", "the Socialist Party in Spain").
    countries = selected.filter(pl.col("actor_id").str.starts_with("cty:")).join(
        actors.select("actor_id", "country_code"), on="actor_id"
    )
    owners = pl.concat(
        [
            countries.select(
                "text_index", (pl.col("end_char") + gap).cast(pl.Int32).alias("start_char"), "country_code"
            )
            for gap in (1, 3)
        ]
        + [
            countries.select(
                "text_index", (pl.col("start_char") - 4).cast(pl.Int32).alias("end_char"), "country_code"
            )
            .join(is_shared.select("text_index", "start_char", "end_char"), on=["text_index", "end_char"])
            .select("text_index", "start_char", "country_code")
        ]
    ).unique(["text_index", "start_char"], keep="first")
    defaults = shared.filter(pl.col("is_default")).select(
        "alias_key", "is_case_sensitive", pl.col("actor_id").alias("default_actor_id")
    )
    resolved = (
        is_shared.join(fields.select("text_index", "article_id"), on="text_index")
        .join(leading_countries, on="article_id", how="left")
        .join(owners.rename({"country_code": "owner_country"}), on=["text_index", "start_char"], how="left")
        .with_columns(leading_country=pl.coalesce("owner_country", "leading_country"))
        .join(
            shared.select(
                "alias_key", "is_case_sensitive", "country_code", pl.col("actor_id").alias("country_actor_id")
            ),
            left_on=["key", "is_case_sensitive", "leading_country"],
            right_on=["alias_key", "is_case_sensitive", "country_code"],
            how="left",
        )
        .join(
            defaults,
            left_on=["key", "is_case_sensitive"],
            right_on=["alias_key", "is_case_sensitive"],
            how="left",
        )
        .with_columns(actor_id=pl.coalesce("country_actor_id", "default_actor_id"))
        .filter(pl.col("actor_id").is_not_null())
        .select(selected.columns)
    )
    return pl.concat([others, resolved]).sort("text_index", "start_char")


def _read_seats_of_organisations(
    selected: pl.DataFrame, fields: pl.DataFrame, actors: pl.DataFrame
) -> pl.DataFrame:
    """Read a capital as the international organisation seated there where the article names that
    organisation (or one of its bodies) more often than the country or its government ("Brussels now faces a choice",
    in news about the EU, is the EU); its place reading ("talks in Brussels") stays the city."""
    seats = pl.DataFrame(
        [
            {"capital_id": capital, "organisation_id": bodies[0], "body_id": body}
            for capital, bodies in SEATED_ORGANISATIONS.items()
            for body in bodies
        ]
    )
    capital_countries = actors.filter(pl.col("actor_id").is_in(list(SEATED_ORGANISATIONS))).select(
        pl.col("actor_id").alias("capital_id"), "country_code"
    )
    capitals = selected.filter(
        (pl.col("alias_kind") == "capital")
        & pl.col("actor_id").is_in(list(SEATED_ORGANISATIONS))
        & ~pl.col("following_text").str.contains(LOCAL_INSTITUTIONS_AFTER_RE)
    )
    if capitals.height == 0:
        return selected
    # only the articles naming such a capital need their organisations and countries counted
    with_capital = fields.join(capitals.select("text_index").unique(), on="text_index", how="semi")[
        "article_id"
    ]
    located = selected.join(
        fields.filter(pl.col("article_id").is_in(with_capital.implode())).select("text_index", "article_id"),
        on="text_index",
    )
    organisation_mentions = (
        located.join(seats, left_on="actor_id", right_on="body_id")
        .group_by("article_id", "capital_id", "organisation_id")
        .len("organisation_mentions")
    )
    country_mentions = (
        # the country itself or its government, not its citizens ("Charles Michel" led an EU body)
        located.filter((pl.col("alias_kind") != "capital") & pl.col("actor_id").str.contains("^(?:cty|gov):"))
        .join(actors.select("actor_id", "country_code"), on="actor_id")
        .join(capital_countries, on="country_code")
        .group_by("article_id", "capital_id")
        .len("country_mentions")
    )
    seated = (
        organisation_mentions.join(country_mentions, on=["article_id", "capital_id"], how="left")
        .filter(pl.col("organisation_mentions") > pl.col("country_mentions").fill_null(0))
        .select("article_id", "capital_id", "organisation_id")
    )
    reread = (
        capitals.join(fields.select("text_index", "article_id"), on="text_index")
        .join(seated, left_on=["article_id", "actor_id"], right_on=["article_id", "capital_id"])
        .select("text_index", "start_char", "organisation_id")
    )
    return (
        selected.join(reread, on=["text_index", "start_char"], how="left")
        .with_columns(actor_id=pl.coalesce("organisation_id", "actor_id"))
        .select(selected.columns)
        .sort("text_index", "start_char")
    )


def _drop_ethnic_demonyms(selected: pl.DataFrame) -> pl.DataFrame:
    """Drop a demonym that names a people rather than its state: after "ethnic", or after a region's name
    ("the region's ethnic Armenian authorities", "Karabakh Armenian forces" are no part of Armenia's
    government or army). Needs alias_kind, actor_id, preceding_text and the offsets."""
    demonyms = selected.filter(pl.col("alias_kind") == "demonym")
    if demonyms.height == 0:
        return selected
    # a region named as a people's home ("the Karabakh Armenian community"), not where something happened
    # ("In Kharkiv Russian missiles struck", "Across the West Bank Israeli troops raided")
    locative = r"(?i)(?:^|\s)(?:" + "|".join(sorted(LOCATIVE_CUES)) + r")[ \u00a0](?:the[ \u00a0])?$"
    homes = selected.filter(
        pl.col("actor_id").str.starts_with("loc:") & ~pl.col("preceding_text").str.contains(locative)
    )
    after_region = _spans_next_to(homes, demonyms, gaps_after=(1,), gaps_before=())
    ethnic = pl.concat(
        [
            # not "multi-ethnic Afghan government"
            demonyms.filter(pl.col("preceding_text").str.contains(r"(?i)(?:^|[\s(])ethnic[ \u00a0]$")).select(
                "text_index", "start_char"
            ),
            after_region.join(demonyms.select("text_index", "start_char"), on=["text_index", "start_char"]),
        ]
    )
    return selected.join(ethnic, on=["text_index", "start_char"], how="anti")


def _title_case_texts(fields: pl.DataFrame) -> pl.DataFrame:
    """The text_index of every title written in title case: no longer word in lower case, three or more
    capitalised ("Washington Should Tax Capital Inflows"; not "Beijing tariff demands may expand")."""
    # titles first: the word counts would read every body in full
    return (
        fields.filter(pl.col("field") == "title")
        .filter(
            (pl.col("text").str.count_matches(r"\b[a-z][a-z'’]{3,}\b") == 0)
            & (pl.col("text").str.count_matches(r"\b[A-Z][a-z'’]{3,}\b") >= 3)
        )
        .select("text_index")
    )


def _is_given_name_expr(column: str) -> pl.Expr:
    """Whether a lower-case word is a given name, compound ones included ("jean-claude", "anne-marie")."""
    word = pl.col(column)
    parts = word.str.split("-")
    return word.is_in(list(GIVEN_NAMES)) | (
        (parts.list.len() == 2)
        & parts.list.first().is_in(list(GIVEN_NAMES))
        & parts.list.last().is_in(list(GIVEN_NAMES))
    )


def _drop_names_after_other_given_names(
    selected: pl.DataFrame, tokens: pl.DataFrame, fields: pl.DataFrame, actors: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Drop a dictionary surname or a one-word title that another given name opens ("Tim Morrison", "Hunter
    Biden", "Bill Clinton", "Stephen King"): had the name been the actor's it would have matched whole, and
    a title does not follow a given name. A surname is someone else's after any other capitalised word
    too ("Melania Trump", "Daniil Medvedev"), except one that may merely open the sentence ("Asked Trump
    whether ...", "Like Trump, ..."). The stretch is then read as the name of a person of its own.
    `fields` are the texts in prose case: in a title-case headline every word is capitalised ("What Will
    Biden Do"). Returns the kept matches and the (text_index, end_char) of the surnames dropped.
    """
    tokens = tokens.join(fields.select("text_index"), on="text_index")
    lower = pl.col("lower")
    # "Will", "Mark" or "May" open a sentence as ordinary words too; mid-sentence, capitalised, they are names.
    is_given_name = lower.is_in(list(UNAMBIGUOUS_GIVEN_NAMES)) | (
        lower.is_in(list(AMBIGUOUS_GIVEN_NAMES - set(TITLE_ROLES))) & ~pl.col("is_sentence_start")
    )
    is_other_first_name = (
        pl.col("token").str.contains(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
        & ~lower.str.starts_with("ex-")
        & ~lower.is_in(
            list(
                COMMON_CAPITALISED
                | set(TITLE_ROLES)
                | PLACE_NAME_OPENERS
                | ORG_HEADS
                | FOLLOWER_NOUNS
                | EPITHETS
            )
        )
        # a sentence (or a headline) may open on a participle, an adjective, an adverb or a preposition
        # ("Asked Trump", "Defiant Netanyahu", "Like Trump")
        & ~(
            pl.col("is_sentence_start")
            & (
                lower.str.contains(r"(?:ed|ing|ly|ant|ent|ous|ive|ful|less|ic|al|est|ary)$")
                | lower.is_in(list(SENTENCE_OPENING_PREPOSITIONS))
            )
        )
    )
    covered = selected.select(
        "text_index", "run_index", (pl.col("last_position") + 1).alias("token_position")
    )
    keys = ["text_index", "run_index", "token_position"]
    is_one_word_title = (pl.col("alias_kind") == "title") & (
        pl.col("last_position") == pl.col("token_position")
    )
    # The words before surnames and one-word titles only: the word tests are read on those few tokens.
    surname_keys = selected.filter(pl.col("alias_kind") == "surname").select(keys)
    word_before = (
        tokens.with_columns(pl.col("token_position") + 1)
        .join(pl.concat([surname_keys, selected.filter(is_one_word_title).select(keys)]), on=keys, how="semi")
        .select(
            *keys,
            is_given_name.alias("is_given_name"),
            is_other_first_name.alias("is_other_first_name"),
            pl.col("token").alias("word_before"),
            pl.col("start_char").alias("word_before_start"),
        )
        .join(covered, on=keys, how="anti")
    )
    two_before = (
        tokens.with_columns(pl.col("token_position") + 2)
        .join(surname_keys, on=keys, how="semi")
        .select(*keys, pl.col("token").alias("two_before"), pl.col("start_char").alias("two_before_start"))
    )
    # ... unless it is one of the actor's own names, spelled another way ("Abdel Fattah el-Sissi"), or a
    # middle name after one ("Hillary Rodham Clinton"): then the surname's mention takes them in.
    own_names = actors.select(
        "actor_id", pl.col("canonical_name").str.to_lowercase().str.replace_all("-", " ").alias("folded_name")
    )

    def is_own(word: str) -> pl.Expr:
        folded_word = pl.col(word).str.to_lowercase().str.replace_all("-", " ")
        return (
            (pl.lit(" ") + pl.col("folded_name")).str.contains(pl.lit(" ") + folded_word + " ", literal=True)
            # written together: "Abdelfattah el-Sisi"
            | (
                pl.col("folded_name")
                .str.replace_all(" ", "")
                .str.starts_with(folded_word.str.replace_all(" ", ""))
                & (folded_word.str.len_chars() >= 4)
            )
        ).fill_null(False)

    surnames = (
        selected.filter(pl.col("alias_kind") == "surname")
        .join(word_before, on=keys, how="inner")
        .join(two_before, on=keys, how="left")
        .join(own_names, on="actor_id", how="left")
        .with_columns(is_own_before=is_own("word_before"), is_own_two_before=is_own("two_before"))
    )
    widened = surnames.filter(
        (pl.col("is_own_before") | pl.col("is_own_two_before"))
        & pl.col("word_before").str.contains(r"^[A-Z]")
    ).select(
        "text_index",
        "start_char",
        pl.when(pl.col("is_own_two_before"))
        .then(pl.col("two_before_start"))
        .otherwise(pl.col("word_before_start"))
        .alias("widened_start"),
        pl.when(pl.col("is_own_two_before"))
        .then(pl.col("token_position") - 2)
        .otherwise(pl.col("token_position") - 1)
        .alias("widened_position"),
    )
    dropped = pl.concat(
        [
            selected.filter(is_one_word_title)
            .join(word_before, on=keys, how="inner")
            .filter(pl.col("is_given_name"))
            .select("text_index", "start_char", "end_char", "alias_kind"),
            surnames.filter(
                (pl.col("is_given_name") | pl.col("is_other_first_name"))
                & ~pl.col("is_own_before")
                & ~pl.col("is_own_two_before")
            ).select("text_index", "start_char", "end_char", "alias_kind"),
        ]
    )
    kept = (
        selected.join(dropped.select("text_index", "start_char"), on=["text_index", "start_char"], how="anti")
        .join(widened, on=["text_index", "start_char"], how="left")
        .join(fields.select("text_index", "text"), on="text_index", how="left")
        .with_columns(
            start_char=pl.coalesce("widened_start", "start_char"),
            token_position=pl.coalesce("widened_position", "token_position"),
            alias_kind=pl.when(pl.col("widened_start").is_not_null())
            .then(pl.lit("name"))
            .otherwise(pl.col("alias_kind")),
        )
        .with_columns(
            surface=pl.when(pl.col("widened_start").is_not_null())
            .then(pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char")))
            .otherwise(pl.col("surface"))
        )
        .select(selected.columns)
    )
    return kept, dropped.filter(pl.col("alias_kind") == "surname").select("text_index", "end_char")


def _drop_organisations_inside_longer_names(
    selected: pl.DataFrame, tokens: pl.DataFrame, fields: pl.DataFrame, actors: pl.DataFrame
) -> pl.DataFrame:
    """Drop a dictionary organisation whose name a capitalised word of the same run extends to the left:
    an unknown word ("National Security Council" is not the UN's "Security Council") or a sub-national
    place ("Michigan Department of Health and Human Services" is not the federal department; the place
    goes too). The stretch is then read as an organisation of its own. `fields` are the texts in prose
    case: in a title-case headline every word is capitalised.
    """
    keys = ["text_index", "run_index", "token_position"]
    organisations = selected.filter(pl.col("alias_kind").is_in(["name", "abbreviation", "chamber"])).join(
        actors.filter(pl.col("entity_class") == "ORG").select("actor_id"), on="actor_id", how="semi"
    )
    # A one-word brand after an unknown word is that brand still ("the South Park Twitter account").
    multiword = organisations.filter(pl.col("last_position") > pl.col("token_position"))
    # The word right before each organisation in its run (few rows: look no further than these).
    words_before = (
        tokens.join(
            organisations.select(
                "text_index", "run_index", (pl.col("token_position") - 1).alias("token_position")
            ),
            on=keys,
            how="semi",
        )
        .join(fields.select("text_index", "text"), on="text_index")
        .with_columns(next_position=pl.col("token_position") + 1)
    )
    # A match ending on that word covers it (matches do not overlap).
    ends = selected.select("text_index", "run_index", pl.col("last_position").alias("token_position"))
    # Mid-sentence only: after "(" or "A:" a capitalised "Formerly" or "Watching" is no name.
    is_mid_sentence = (pl.col("token_position") > 0) | pl.col("text").str.slice(
        (pl.col("start_char") - 2).clip(0), 2
    ).str.contains(r"^[a-z0-9,]\s$")
    unknown_words = (
        words_before.join(ends, on=keys, how="anti")
        .filter(
            is_mid_sentence
            & ~pl.col("is_connector")
            & ~pl.col("is_sentence_start")
            & ~pl.col("lower").is_in(list(COMMON_CAPITALISED))
            & (pl.col("token").str.to_uppercase() != pl.col("token"))
            # "the London-based Amnesty International", "the Iran-backed Hezbollah": a modifier, no name
            & ~pl.col("token").str.contains("-")
        )
        .select("text_index", "run_index", pl.col("next_position").alias("token_position"))
    )
    places = selected.filter(pl.col("actor_id").str.starts_with("loc:")).join(
        words_before.select("text_index", "run_index", pl.col("token_position").alias("last_position")),
        on=["text_index", "run_index", "last_position"],
        how="semi",
    )
    after_place = organisations.join(
        places.select(
            "text_index",
            "run_index",
            (pl.col("last_position") + 1).alias("token_position"),
            pl.col("start_char").alias("place_start"),
        ),
        on=keys,
    )
    after_unknown = multiword.join(unknown_words, on=keys, how="semi")
    # A one-word party after a word naming another party or another country is that other party ("Social
    # Democrats", "the Sweden Democrats", "New Democrats"), not the US Democrats; "Blue Dog Democrats" are.
    parties = organisations.join(
        actors.filter(pl.col("cameo_code").str.ends_with("PTY").fill_null(False)).select(
            "actor_id", pl.col("country_code").alias("party_country")
        ),
        on="actor_id",
    ).filter(pl.col("last_position") == pl.col("token_position"))
    # (not "Georgia": its Democrats may be the US state's, which _read_homonymous_us_states decides)
    countries_before = selected.filter(
        pl.col("actor_id").str.starts_with("cty:") & ~pl.col("actor_id").is_in(list(US_STATE_HOMONYMS))
    ).select(
        "text_index",
        "run_index",
        (pl.col("last_position") + 1).alias("token_position"),
        pl.col("actor_id").str.slice(4).alias("country_before"),
    )
    party_words_before = words_before.filter(pl.col("lower").is_in(list(PARTY_NAME_WORDS))).select(
        "text_index", "run_index", pl.col("next_position").alias("token_position")
    )
    other_parties = pl.concat(
        [
            parties.join(countries_before, on=keys)
            .filter(pl.col("country_before") != pl.col("party_country"))
            .select("text_index", "start_char"),
            parties.join(party_words_before, on=keys, how="semi").select("text_index", "start_char"),
        ]
    )
    dropped = pl.concat(
        [
            after_unknown.select("text_index", "start_char"),
            other_parties,
            after_place.select("text_index", "start_char"),
            after_place.select("text_index", pl.col("place_start").alias("start_char")),
        ]
    )
    return selected.join(dropped, on=["text_index", "start_char"], how="anti")


# "mid-December" and "late-January" are dates as much as "December" is.
_TOKEN_WORD = pl.col("lower").str.replace(r"^(?:mid|early|late)-", "")


def _and_splitters(tokens: pl.DataFrame, texts: pl.DataFrame) -> pl.DataFrame:
    """The "and" tokens that coordinate two names rather than join one organisation's name (`tokens`
    carry their `word`, `_TOKEN_WORD`)."""
    lower = pl.col("word")
    # "and" joins two names ("Rachel and Finn") unless the run names one organisation ("Wildlife and Fisheries").
    # "X and the Y" always coordinates two names, and so does "X and <given name> Y".
    and_tokens = tokens.filter(lower == "and")
    org_runs = (
        tokens.join(and_tokens.select("run_index").unique(), on="run_index", how="semi")
        .filter(lower.is_in(list(ORG_HEADS)))
        .select("run_index")
        .unique()
        .with_columns(is_org_run=pl.lit(True))
    )
    # "Gordon Sondland and Energy Secretary ...": a given name and a surname before "and" end a person's name.
    after_person = (
        tokens.filter(lower.is_in(list(UNAMBIGUOUS_GIVEN_NAMES)))
        .select("text_index", "run_index", (pl.col("token_position") + 2).alias("token_position"))
        .join(
            tokens.filter(~lower.is_in(list(ORG_HEADS)) & ~pl.col("is_connector")).select(
                "text_index", "run_index", (pl.col("token_position") + 1).alias("token_position")
            ),
            on=["text_index", "run_index", "token_position"],
            how="semi",
        )
        .with_columns(is_after_person=pl.lit(True))
    )
    by_shape = (
        and_tokens.join(org_runs, on="run_index", how="left")
        .join(after_person, on=["text_index", "run_index", "token_position"], how="left")
        .filter(
            ~pl.col("is_org_run").fill_null(False)
            | (pl.col("next_word") == "the")
            # "... Hospital and Chris Kuo": a given name after "and" starts a second name.
            | pl.col("next_word").is_in(list(UNAMBIGUOUS_GIVEN_NAMES))
            | pl.col("is_after_person").fill_null(False)
        )
        .select("text_index", "run_index", "token_position")
    )
    # One sense per text: in an organisation run, "and" still coordinates two names when either side is,
    # elsewhere in the same title or body, a name run of its own ("Gannett and GateHouse Media" ...
    # "Gannett said"); "Health" inside "Department of Health" does not split "Health and Human Services".
    org_ands = and_tokens.join(org_runs, on="run_index", how="semi").join(
        by_shape, on=["text_index", "run_index", "token_position"], how="anti"
    )
    # A leading "The" or sentence-opening "Later" is no part of a name.
    content_words = (
        tokens.join(org_ands.select("text_index").unique(), on="text_index", how="semi")
        .filter(~pl.col("is_connector") & ~lower.is_in(list(COMMON_CAPITALISED)))
        .select(
            "text_index",
            "run_index",
            "token_position",
            "start_char",
            "end_char",
            "is_sentence_start",
            "next_word",
        )
    )
    text_of = texts.select("text_index", "text")
    # A lone capitalised word opening a sentence is a name only when it speaks ("Gannett said"), not in
    # "Health care providers protested".
    run_names = (
        content_words.group_by("text_index", "run_index")
        .agg(
            pl.col("start_char").min(),
            pl.col("end_char").max(),
            pl.len().alias("word_count"),
            pl.col("is_sentence_start").first(),
            pl.col("next_word").last(),
        )
        .filter(
            (pl.col("word_count") > 1)
            | ~pl.col("is_sentence_start")
            | pl.col("next_word").is_in(list(SPEECH_VERBS))
        )
        .join(text_of, on="text_index")
        .select(
            "text_index",
            pl.col("run_index").alias("other_run"),
            pl.col("text").str.slice("start_char", pl.col("end_char") - pl.col("start_char")).alias("name"),
        )
    )
    sides = (
        org_ands.join(
            content_words.select(
                "run_index",
                pl.col("token_position").alias("word_position"),
                pl.col("start_char").alias("word_start"),
                pl.col("end_char").alias("word_end"),
            ),
            on="run_index",
        )
        .group_by("text_index", "run_index", "token_position", "start_char", "end_char")
        .agg(
            left_start=pl.col("word_start").filter(pl.col("word_position") < pl.col("token_position")).min(),
            right_end=pl.col("word_end").filter(pl.col("word_position") > pl.col("token_position")).max(),
        )
        .drop_nulls(["left_start", "right_end"])
        .join(text_of, on="text_index")
        .with_columns(
            left=pl.col("text").str.slice("left_start", pl.col("start_char") - 1 - pl.col("left_start")),
            right=pl.col("text").str.slice(
                pl.col("end_char") + 1, pl.col("right_end") - pl.col("end_char") - 1
            ),
        )
        .drop("text")
    )
    discourse_splitters = (
        pl.concat(
            [
                sides.join(run_names, left_on=["text_index", "left"], right_on=["text_index", "name"]),
                sides.join(run_names, left_on=["text_index", "right"], right_on=["text_index", "name"]),
            ]
        )
        .filter(pl.col("other_run") != pl.col("run_index"))
        .select("text_index", "run_index", "token_position")
        .unique()
    )
    return pl.concat([by_shape, discourse_splitters])


def _of_on_splitters(tokens: pl.DataFrame) -> pl.DataFrame:
    """The "of" and "on" tokens that end one name and start another (`tokens` carry their `word`)."""
    lower = pl.col("word")
    # "of" ends a name that has no organisation word when what follows has one: "Joneigh Khaldun of the
    # Michigan Department of Health", but "Bank of America" and "Friends of the Earth" stay whole.
    is_org_head = lower.is_in(list(ORG_HEADS)).cast(pl.Int32)
    # Two words at least: "Isle of Wight Council" stays whole.
    # "on" joins a place's name ("Stoke on Trent") or an organisation's ("Committee on Intelligence"), but
    # "the top Democrat on the Senate Judiciary Committee" and "Dr. Gupta on COVID-19" are two names.
    of_runs = tokens.filter(lower.is_in(["of", "on"])).select("run_index").unique()
    word_before = lower.shift(1).over("run_index")
    is_after_sentence_opener = pl.col("is_sentence_start").shift(1).over("run_index")
    # "of" also ends a plural noun that opens the sentence, capitalised there only ("Residents of Baku",
    # "Supporters of Pashinyan"): what follows is a name of its own.
    is_after_opening_plural = (
        (pl.col("words_before") == 1)
        & is_after_sentence_opener
        & word_before.str.contains(r"^[a-z]{3,}s$")
        & ~word_before.is_in(list(GIVEN_NAMES))
    )
    return (
        tokens.join(of_runs, on="run_index", how="semi")
        .with_columns(
            heads_before=is_org_head.cum_sum().over("run_index") - is_org_head,
            heads_after=is_org_head.reverse().cum_sum().reverse().over("run_index"),
            words_before=(~pl.col("is_connector")).cast(pl.Int32).cum_sum().over("run_index"),
        )
        .filter(pl.col("heads_before") == 0)
        .filter(
            (
                (lower == "of")
                & (
                    (
                        (pl.col("heads_after") > 0)
                        # one word before "of" only when it opens the sentence ("Statement of the Ministry ...")
                        & ((pl.col("words_before") >= 2) | is_after_sentence_opener)
                    )
                    | is_after_opening_plural
                )
            )
            | (
                (lower == "on")
                & (pl.col("token_position") > 0)
                & (
                    (pl.col("heads_after") > 0)
                    | (pl.col("next_word") == "the")
                    | pl.col("next_word").str.contains(r"\d")
                )
            )
        )
        .select("text_index", "run_index", "token_position")
    )


def _residual_segments(tokens: pl.DataFrame, selected: pl.DataFrame, texts: pl.DataFrame) -> pl.DataFrame:
    """Stretches of run words no dictionary entry covered, trimmed of edge connectors and sentence-initial fillers."""
    # Each word in lower case once: the splitters and the segments read it many times.
    tokens = tokens.with_columns(word=_TOKEN_WORD)
    covered = selected.select(
        "text_index",
        "run_index",
        pl.int_ranges("token_position", pl.col("last_position") + 1, dtype=pl.Int32).alias("token_position"),
    ).explode("token_position")
    # A name completed past its run ("Committee to Protect Journalists") covers the words of later runs too.
    completed = selected.filter("is_completed").select(
        "text_index", pl.col("start_char").alias("name_start"), pl.col("end_char").alias("name_end")
    )
    spilled = (
        tokens.join(completed.select("text_index"), on="text_index", how="semi")  # the texts with such names
        .sort("start_char")
        .join_asof(
            completed.sort("name_start"),
            left_on="start_char",
            right_on="name_start",
            by="text_index",
            strategy="backward",
            check_sortedness=False,  # both sorted above; polars cannot check it per text_index group
        )
        .filter(pl.col("end_char") <= pl.col("name_end"))
        .select("text_index", "run_index", "token_position")
    )
    covered = pl.concat([covered, spilled])
    lower = pl.col("word")
    splitters = pl.concat([_and_splitters(tokens, texts), _of_on_splitters(tokens)])
    # Rows stay sorted by run and position, so segments are numbered by a running count of breaks
    # (run_index is unique across texts), without window joins.
    is_break = (pl.col("run_index") != pl.col("run_index").shift(1)) | (
        pl.col("token_position") != pl.col("token_position").shift(1) + 1
    )
    residual = (
        tokens.join(
            pl.concat([covered, splitters]), on=["text_index", "run_index", "token_position"], how="anti"
        )
        .sort("run_index", "token_position")
        .with_columns(
            segment=is_break.fill_null(True).cum_sum(),
            is_content=~pl.col("is_connector")
            & ~(lower.is_in(list(COMMON_CAPITALISED | ROLE_NOUNS)) & pl.col("is_sentence_start")),
        )
    )
    content_segment = pl.when(pl.col("is_content")).then(pl.col("segment"))
    residual = residual.filter(
        (content_segment.forward_fill() == pl.col("segment"))
        & (content_segment.backward_fill() == pl.col("segment"))
    )
    group = ["segment"]
    segments = residual.group_by(group).agg(
        pl.col("text_index").first(),
        pl.col("run_index").first(),
        pl.col("token_position").first().alias("token_position"),
        pl.col("token_position").last().alias("last_position"),
        pl.col("start_char").first(),
        pl.col("end_char").last(),
        pl.col("sentence_index").first(),
        pl.col("is_sentence_start").first(),
        pl.col("previous_word").first(),
        pl.col("next_word").last(),
        pl.col("gap_after").last(),
        pl.len().alias("token_count"),
        lower.first().alias("first_word"),
        lower.last().alias("last_word"),
        lower.is_in(list(ORG_HEADS)).any().alias("has_org_head"),
        lower.is_in(list(COMMON_CAPITALISED)).all().alias("is_all_common"),
        lower.is_in(list(LEGAL_FORMS)).all().alias("is_all_legal_form"),
        (pl.col("token").str.to_uppercase() == pl.col("token")).all().alias("is_all_upper"),
    )
    return (
        segments.join(texts.select("text_index", "text"), on="text_index")
        .with_columns(
            surface=pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char")),
            following_text=pl.col("text").str.slice(pl.col("end_char"), 90),
            preceding_text=_text_before_expr(),
        )
        .drop("text")
        # Accents off the words name lists are looked up in ("José" is "jose"), once per stretch.
        .with_columns(first_word=alias_key_expr("first_word"), last_word=alias_key_expr("last_word"))
        # Common words name nothing alone; an organisation word among them may still end a name glued to a
        # known place or organisation ("the OSCE Minsk Group"), which _attach_neighbours decides.
        .filter(~pl.col("is_all_common") | pl.col("has_org_head"))
        .with_columns(
            word_before_previous=pl.col("preceding_text").str.extract(r"(\S+)\s+\S+\s*$").fill_null("")
        )
    )


def _titles_before_names(selected: pl.DataFrame) -> pl.DataFrame:
    """The title a name may follow, one row per token position right after it (text_index, run_index,
    token_position): a title directly before ("Prime Minister Nikol Pashinyan"), or a title, "of" and a
    country ("Foreign Minister of Kazakhstan Murat Nurtleu", "Minister of Foreign Affairs of the Republic
    of Kazakhstan ..."), whose country is then the title's. Columns title_text, title_start, title_role,
    title_country_code, title_org_code, and title_country_start: where that country is, for the second kind.
    """
    titles = selected.filter(pl.col("alias_kind") == "title")
    direct = titles.select(
        "text_index",
        "run_index",
        (pl.col("last_position") + 1).alias("token_position"),
        pl.col("surface").alias("title_text"),
        pl.col("start_char").alias("title_start"),
        "title_role",
        "title_country_code",
        "title_org_code",
        pl.lit(None, selected.schema["start_char"]).alias("title_country_start"),
    )
    of_gap = pl.col("preceding_text").str.extract(r"( of (?:the )?)$", 1).str.len_chars()
    countries = selected.filter(pl.col("actor_id").str.starts_with("cty:") & of_gap.is_not_null()).select(
        "text_index",
        "run_index",
        (pl.col("last_position") + 1).alias("token_position"),
        (pl.col("start_char").cast(pl.Int64) - of_gap.cast(pl.Int64)).alias("title_end"),
        pl.col("actor_id").str.slice(4).alias("title_country_code"),
        pl.col("start_char").alias("title_country_start"),
    )
    across_country = countries.join(
        titles.select(
            "text_index",
            pl.col("end_char").cast(pl.Int64).alias("title_end"),
            pl.col("surface").alias("title_text"),
            pl.col("start_char").alias("title_start"),
            "title_role",
            pl.lit(None, pl.String).alias("title_org_code"),
        ),
        on=["text_index", "title_end"],
    ).select(direct.columns)
    return pl.concat([direct, across_country]).unique(
        ["text_index", "run_index", "token_position"], keep="first", maintain_order=True
    )


def _attach_neighbours(
    segments: pl.DataFrame,
    selected: pl.DataFrame,
    actors: pl.DataFrame,
    aliases: pl.DataFrame,
    titles: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Join unmatched stretches with the dictionary matches touching them inside one name run.

    A stretch after a known organisation, or after a place when it carries an organisation word,
    extends it into a longer organisation name ("Louisiana Alligator Advisory Council", "Ohio State",
    "CNN Films"); a place that is a given name before a stretch becomes a person ("Jordan De Goey");
    any other place or demonym glued to an unknown capitalised word is a modifier of an unknown name
    ("Nail Polish", "American Registry") and is dropped. Returns the segments with merged_class and
    merged_start set where merged, and the (text_index, start_char) keys of matches to drop.
    """
    known = selected.filter((pl.col("alias_kind") != "title") & (pl.col("entity_class") != "PER"))
    # A person's name opens an organisation named after them ("Clinton Foundation", "Trump Organization").
    # ... but "the Marcos Administration", "the Starmer cabinet" are that person's government.
    persons = selected.filter((pl.col("alias_kind") != "title") & (pl.col("entity_class") == "PER"))
    before = pl.concat([known, persons]).select(
        "text_index",
        "run_index",
        (pl.col("last_position") + 1).alias("token_position"),
        pl.col("start_char").alias("before_start"),
        pl.col("entity_class").alias("before_class"),
        pl.col("surface").str.to_lowercase().alias("before_word"),
        (pl.col("surface").str.to_uppercase() == pl.col("surface")).alias("is_before_upper"),
        pl.col("actor_id").str.slice(0, 4).is_in(["org:", "med:", "igo:"]).alias("is_before_organisation"),
        ((pl.col("entity_class") == "LOC") | (pl.col("alias_kind") == "capital")).alias("is_before_place"),
        ((pl.col("alias_kind") == "demonym") | pl.col("actor_id").str.starts_with("cty:")).alias(
            "is_before_country"
        ),
        (pl.col("entity_class") == "PER").alias("is_before_person"),
    )
    # "Foreign Minister of Kazakhstan Murat Nurtleu": the country ends the title; it modifies no name.
    before = before.join(
        titles.filter(pl.col("title_country_start").is_not_null()).select(
            "text_index", pl.col("title_country_start").alias("before_start"), is_title_country=pl.lit(True)
        ),
        on=["text_index", "before_start"],
        how="left",
    )
    demonyms = aliases.filter(pl.col("alias_kind") == "demonym")["alias_key"].implode()
    # A town is a curated place of some country: continents, seas and regions have none, and states and
    # provinces come from pycountry ("Upstate New York", "Rural Texas").
    towns = actors.filter(
        pl.col("actor_id").str.starts_with("loc:")
        & pl.col("country_code").is_not_null()
        & (pl.col("dictionary_source") != "pycountry")
    )
    after = known.filter((pl.col("entity_class") == "LOC") | (pl.col("alias_kind") == "capital")).select(
        "text_index",
        "run_index",
        (pl.col("token_position") - 1).alias("last_position"),
        pl.col("start_char").alias("after_start"),
        pl.col("end_char").alias("after_end"),
        (pl.col("surface").str.to_uppercase() == pl.col("surface")).alias("is_after_upper"),
        ((pl.col("alias_kind") == "capital") | pl.col("actor_id").is_in(towns["actor_id"].implode())).alias(
            "is_after_town"
        ),
        pl.col("next_word").alias("after_next_word"),
    )
    # A place after "of" ends an organisation's or a noble title's name ("Center for Radiation Therapy
    # of Beverly Hills", "The Duchess of Cambridge").
    of_place = known.filter((pl.col("entity_class") == "LOC") | (pl.col("alias_kind") == "capital")).select(
        "text_index",
        "run_index",
        (pl.col("token_position") - 2).alias("last_position"),
        pl.col("start_char").alias("of_place_start"),
        pl.col("end_char").alias("of_place_end"),
    )
    segments = (
        segments.join(before, on=["text_index", "run_index", "token_position"], how="left")
        .join(after, on=["text_index", "run_index", "last_position"], how="left")
        .join(of_place, on=["text_index", "run_index", "last_position"], how="left")
    )
    is_noble = pl.col("last_word").is_in(list(NOBLE_TITLES))
    is_of_merge = (
        pl.col("of_place_start").is_not_null()
        & pl.col("following_text").str.starts_with(" of ")
        & (pl.col("has_org_head") | is_noble)
        & ~pl.col("is_all_upper")
    )
    # An organisation word right before a place takes the place into its name ("FC Porto"); a longer
    # name ending in one does not ("the National Security Council Ukraine expert").
    is_org_before_place = (
        pl.col("after_start").is_not_null()
        & pl.col("has_org_head")
        & (pl.col("token_count") <= 2)
        & ~(pl.col("is_all_upper") & pl.col("is_after_upper"))
        & ~pl.col("last_word").is_in(list(NON_ACTOR_HEADS))
    )
    # A given name right before a place makes a person of both ("Michael Jordan", "George Washington").
    is_given_before_place = (
        pl.col("after_start").is_not_null()
        & (pl.col("token_count") == 1)
        & pl.col("first_word").is_in(list(UNAMBIGUOUS_GIVEN_NAMES))
        & ~pl.col("is_all_upper")
    )
    # A club's name before its town is the club ("Real Madrid", "Dynamo Kiev", "Red Star Belgrade"), not
    # the town's government; so is another short name before a town cued as a team ("Ajax Amsterdam
    # coach", "Inter Milan beat ..."), but not an epithet ("Nazi Berlin", "Victorian London").
    stretch = (
        pl.when(pl.col("token_count") == 1)
        .then("first_word")
        .otherwise(pl.col("first_word") + pl.lit(" ") + pl.col("last_word"))
    )
    is_name_before_town = (
        pl.col("after_start").is_not_null()
        & pl.col("is_after_town").fill_null(False)
        & (pl.col("token_count") <= 2)
        & ~pl.col("is_all_common")
        & ~(pl.col("is_all_upper") & pl.col("is_after_upper"))
        & (
            stretch.is_in(list(CLUB_PREFIXES))
            | (
                pl.col("after_next_word").is_in(list(SPORTS_CUES | TEAM_MEMBER_NOUNS | TEAM_VERBS))
                & ~pl.col("first_word").is_in(list(PLACE_NAME_OPENERS | PLACE_PART_WORDS))
                & ~pl.col("last_word").is_in(list(NON_ACTOR_HEADS))
            )
        )
    )
    segments = segments.with_columns(
        of_class=pl.when(is_of_merge)
        .then(pl.when(is_noble).then(pl.lit("PER")).otherwise(pl.lit("ORG")))
        .when(is_org_before_place)
        .then(pl.lit("ORG"))
        .when(is_given_before_place)
        .then(pl.lit("PER"))
        .when(is_name_before_town)
        .then(pl.lit("ORG")),
        end_char=pl.when(is_of_merge)
        .then(pl.col("of_place_end"))
        .when(is_org_before_place | is_given_before_place | is_name_before_town)
        .then(pl.col("after_end"))
        .otherwise(pl.col("end_char")),
        # A stretch glued to a place is part of a longer unknown name ("Sacramento Bee", "Real Madrid"),
        # so the cues that make a lone stretch a place say nothing about it.
        is_glued_to_place=pl.col("after_start").is_not_null()
        | (pl.col("before_start").is_not_null() & pl.col("is_before_place").fill_null(False)),
    )
    # In all-capital text (headlines) every word is capitalised, so gluing says nothing about names.
    has_before = pl.col("before_start").is_not_null() & ~(pl.col("is_all_upper") & pl.col("is_before_upper"))
    merged_class = (
        pl.when(pl.col("last_word").is_in(list(NON_ACTOR_HEADS)))
        .then(pl.lit(None, pl.String))
        .when(pl.col("is_before_person").fill_null(False) & pl.col("last_word").is_in(list(GOVERNMENT_NOUNS)))
        .then(pl.lit(None, pl.String))
        .when(
            has_before
            # "Nvidia Corp" is the dictionary's Nvidia, its span taken in by detect_mentions; "Volkswagen
            # Group" the dictionary's Volkswagen (a common word joins places only: "Minsk Group")
            & ~((pl.col("is_all_legal_form") | pl.col("is_all_common")) & pl.col("is_before_organisation"))
            & (
                (
                    pl.col("is_before_organisation")
                    & (pl.col("token_count") <= 2)
                    & ~pl.col("first_word").is_in(list(CONTENT_NOUNS))
                    # "the European Union Gordon Sondland": a given name starts a person, not a longer name
                    & ~pl.col("first_word").is_in(list(UNAMBIGUOUS_GIVEN_NAMES))
                )
                | pl.col("has_org_head")
                | (pl.col("last_word") == "state")
            )
        )
        .then(pl.lit("ORG"))
        .when(has_before & _is_given_name_expr("before_word") & (pl.col("token_count") <= 2))
        .then(pl.lit("PER"))
        .when(has_before & pl.col("is_before_place") & pl.col("last_word").is_in(list(PLACE_HEADS)))
        .then(pl.lit("LOC"))
        # a place before a plural names a team ("Washington Commanders", "Kansas City Chiefs")
        .when(
            has_before
            & pl.col("is_before_place")
            & ~pl.col("is_before_country")  # "Chinese EVs", "U.S. Virgin Islands"
            & pl.col("last_word").str.contains(r"[a-z]s$")
            & ~pl.col("last_word").is_in(list(NON_TEAM_PLURALS))  # "Paris Accords", "Tehran Hardliners"
            # nor a people ("Nagorno-Karabakh Armenians", "Kosovo Serbs")
            & ~pl.col("last_word").str.strip_suffix("s").is_in(demonyms)
            & (pl.col("token_count") <= 2)
            & ~pl.col("is_all_upper")
        )
        .then(pl.lit("ORG"))
    )
    segments = (
        segments.with_columns(merged_class=merged_class)
        .with_columns(
            merged_start=pl.when(pl.col("merged_class").is_not_null()).then(pl.col("before_start")),
            merged_class=pl.coalesce("merged_class", "of_class"),
        )
        # Common words that joined no name are no name ("the Group said"), nor is a legal form alone.
        .filter(
            ~(pl.col("is_all_common") | (pl.col("is_all_legal_form") & pl.col("before_start").is_not_null()))
            | pl.col("merged_class").is_not_null()
        )
    )
    is_modifier = (
        has_before
        & pl.col("is_before_place")
        & pl.col("merged_class").is_null()
        & ~pl.col("last_word").str.ends_with("s")
        & ~pl.col("is_title_country").fill_null(False)
    )
    dropped = pl.concat(
        [
            segments.filter(pl.col("merged_class").is_not_null() | is_modifier).select(
                "text_index", pl.col("before_start").alias("start_char")
            ),
            segments.filter(
                pl.col("after_start").is_not_null()
                & (
                    # the place went into the name ("FC Porto", "Michael Jordan")
                    pl.col("of_class").is_not_null()
                    # a name that ends on its organisation word and did not take the place in leaves it be
                    | (
                        ~pl.col("last_word").is_in(list(ORG_HEADS))
                        & ~(pl.col("is_sentence_start") & (pl.col("token_count") == 1))
                        & ~(pl.col("is_all_upper") & pl.col("is_after_upper"))
                    )
                )
            ).select("text_index", pl.col("after_start").alias("start_char")),
            segments.filter(pl.col("of_class").is_not_null()).select(
                "text_index", pl.col("of_place_start").alias("start_char")
            ),
        ]
    ).unique()
    return segments, dropped


def _classify_segments(segments: pl.DataFrame, selected: pl.DataFrame, titles: pl.DataFrame) -> pl.DataFrame:
    """Give unmatched name stretches a type by pattern: titles, given names, speech verbs, organisation heads.

    `titles` are the titles names may follow (`_titles_before_names`).
    """
    places = selected.filter(pl.col("entity_class") == "LOC")
    place_after = places.select(
        "text_index",
        (pl.col("start_char") - 2).alias("end_char"),
        pl.lit(True).alias("is_before_place"),
    )
    place_before = places.select(
        "text_index",
        (pl.col("end_char") + 2).alias("start_char"),
        pl.lit(True).alias("is_after_place"),
    )
    # A known place opening a bracket right after the stretch ("Rape Crisis (England and Wales)").
    bracketed_place = places.select(
        "text_index",
        (pl.col("start_char") - 2).alias("end_char"),
        pl.lit(True).alias("is_before_bracketed_place"),
    )
    segments = (
        segments.join(
            titles.drop("title_country_start"), on=["text_index", "run_index", "token_position"], how="left"
        )
        .join(place_after, on=["text_index", "end_char"], how="left")
        .join(place_before, on=["text_index", "start_char"], how="left")
        .join(bracketed_place, on=["text_index", "end_char"], how="left")
    )
    # ... but a name after "of" does not say it: "Supporters of Pashinyan said" (their supporters do)
    is_said = (
        pl.col("next_word").is_in(list(SPEECH_VERBS))
        & pl.col("gap_after").str.starts_with(" ")
        & (pl.col("previous_word") != "of")
    )
    is_name_shaped = (pl.col("token_count").is_between(2, 4)) & ~pl.col("is_all_upper")
    has_title = pl.col("title_text").is_not_null()
    # the shortest gap is the one the regex finds (lazy, the article read apart first)
    is_appositive = (
        pl.col("following_text").str.extract(APPOSITIVE_ROLE_RE, 1).str.len_chars() <= APPOSITIVE_MAX_GAP
    ).fill_null(False) | pl.col("following_text").str.contains(r"^,\s+\d{1,3},")
    is_sports = pl.col("previous_word").is_in(list(SPORTS_CUES)) | pl.col("next_word").is_in(
        list(SPORTS_CUES)
    )
    is_event = pl.col("last_word").is_in(list(NON_ACTOR_HEADS))
    is_in_list_of_places = (
        pl.col("is_before_place").fill_null(False) & pl.col("following_text").str.starts_with(",")
    ) | (pl.col("is_after_place").fill_null(False) & pl.col("preceding_text").str.ends_with(", "))
    # Brand-like single words ("JustGiving", "iTunes") name organisations; "McDonald" or "DeSantis" do not.
    is_camel_case = (
        (pl.col("token_count") == 1)
        & pl.col("surface").str.contains(r"^(?:[a-z][A-Z]|[A-Z][a-z]{2,}[A-Z]|[A-Z]{2,}[a-z]{2,}$)\w*$")
        & (pl.col("surface").str.len_chars() >= 4)
        & ~pl.col("surface").str.contains(r"\d")
    )  # not "kWh", "dBA"
    is_place_shaped = (pl.col("token_count") >= 2) & pl.col("last_word").is_in(list(PLACE_HEADS))
    is_of_place = (pl.col("previous_word") == "of") & pl.col("word_before_previous").str.to_lowercase().is_in(
        list(PLACE_NOUNS)
    )
    # A capitalised name right before a bracketed year is a work's title ("Rebecca (1940)"), no actor.
    # ... and one carrying a trademark sign is a product ("RapidArc™"); a contraction ("We've") is no name.
    # A name before a lower-case kind of facility names the facility ("Walter Reed hospital", "at Bhakkar
    # hospital"). One word only where a place preposition or "the" precedes it and it is no kind of facility
    # itself: not "High school teacher", "a Christian school", "a COVID hospital", "memo: Federal prison".
    is_facility = pl.col("following_text").str.contains(
        r"^ (?:" + "|".join(sorted(FACILITY_NOUNS)) + r")\b"
    ) & (
        (pl.col("token_count") >= 2)
        | (
            pl.col("previous_word").is_in(["at", "to", "from", "in", "near", "outside", "the"])
            & ~pl.col("is_sentence_start")
            & ~pl.col("is_all_upper")
            & ~pl.col("first_word").is_in(list(FACILITY_KIND_WORDS))
        )
    )
    # A short name right after "in", "near" or "outside" reads as a place (not "in Smith's view").
    is_after_in = (
        pl.col("previous_word").is_in(["in", "near", "outside"])
        & ~pl.col("is_glued_to_place")
        & ~pl.col("word_before_previous").str.contains(r"^[A-Z]")
        & ~pl.col("following_text").str.contains(r"^['’]s\b")
        & ~pl.col("is_sentence_start")
        & ~pl.col("is_all_upper")
        & ~pl.col("has_org_head")
    )
    is_work_title = pl.col("following_text").str.contains(r"^(?:\s*\((?:1[89]|20)\d\d\)|[™®])")
    # An unknown acronym acting as the subject of a verb names an organisation ("JDRF calls upon ..."),
    # and then does so everywhere in the text ("JDRF research grants"); in all-capital text the next
    # word is capitalised too, so the lower-case verb rules headlines out.
    is_acronym = (
        (pl.col("token_count") == 1)
        & pl.col("surface").str.contains(r"^[A-Z]{2,6}$")
        & ~pl.col("first_word").is_in(list(NON_ACTOR_ACRONYMS))
    )
    is_acronym_subject = is_acronym & pl.col("following_text").str.contains(ACRONYM_SUBJECT_RE)
    # An acronym spelled out by lower-case words is a term, everywhere in the text ("eating disorder (BED)").
    is_term_acronym = (
        is_acronym
        & pl.col("preceding_text").str.contains(r"(?:^|\W)[a-z]\w*\s*\($")
        & pl.col("following_text").str.starts_with(")")
    )
    is_kindred_place = pl.col("following_text").str.contains(KINDRED_PLACES_RE) & ~pl.col("has_org_head")
    # Coordinated places in a bracket after a name give an organisation's scope; the bracket is part
    # of its name, and the places in it are no mentions of their own.
    place_scope = (
        pl.when(pl.col("is_before_bracketed_place").fill_null(False))
        .then(pl.col("following_text").str.extract(PLACE_SCOPE_BRACKET_RE, 0).str.len_chars())
        .fill_null(0)
        .cast(pl.Int32)
    )
    is_lone_given_name = (
        (pl.col("token_count") == 1)
        & pl.col("first_word").is_in(list(UNAMBIGUOUS_GIVEN_NAMES))
        & ~pl.col("is_sentence_start")
    )
    entity_class = (
        pl.when(pl.col("merged_class").is_not_null())
        .then(pl.col("merged_class"))
        # a town before its US state ("Austin, Texas", "Manhattan Beach, CA"), not a titled or named person,
        # nor the end of a name whose abbreviated start the run left out ("ST. JOSEPH, Mich.")
        .when(
            (pl.col("token_count") <= 3)
            & pl.col("following_text").str.contains(_before_us_state_re())
            & ~has_title
            & ~(is_name_shaped & _is_given_name_expr("first_word"))
            & ~pl.col("preceding_text").str.contains(r"(?i)\b(?:st|ste|ft|mt|pt)\.[ \u00a0]$")
        )
        .then(pl.lit("LOC"))
        .when(is_event | is_work_title | pl.col("first_word").str.contains(r"[’'](?:ve|re|ll|d|m)$"))
        .then(pl.lit(None, pl.String))
        .when(
            is_acronym
            & is_acronym_subject.any().over("text_index", "surface")
            & ~is_term_acronym.any().over("text_index", "surface")
        )
        .then(pl.lit("ORG"))
        .when(pl.col("has_org_head") & (pl.col("token_count") >= 2))
        .then(pl.lit("ORG"))
        # a player who beat another is a person too ("Daniil Medvedev beat Anna Petrova")
        .when(
            is_sports
            & ~(
                is_name_shaped
                & (pl.col("is_other_bearer").fill_null(False) | _is_given_name_expr("first_word"))
                & ~pl.col("has_org_head")
            )
        )
        .then(pl.lit("ORG"))
        .when(is_facility & ~has_title)
        .then(pl.lit("ORG"))
        # "the hotel federation in Florence said": one word after "in" is a place, whoever speaks next
        .when(
            is_after_in
            & (pl.col("token_count") == 1)
            & ~pl.col("first_word").is_in(list(UNAMBIGUOUS_GIVEN_NAMES))
            & ~has_title
        )
        .then(pl.lit("LOC"))
        .when(has_title & pl.col("has_org_head"))
        .then(pl.lit("ORG"))
        .when(
            has_title
            & (pl.col("token_count") <= 4)
            & (pl.col("title_role") != "IGO")
            # "General" or "Major" before one capitalised word is rather a name ("General Electric").
            & ((pl.col("token_count") >= 2) | (pl.col("title_role") != "MIL"))
        )
        .then(pl.lit("PER"))
        .when(pl.col("surface").str.contains(NOBLE_TITLE_RE))
        .then(pl.lit("PER"))
        .when(
            is_name_shaped
            # a given name, or any first name before another person's surname ("Melania Trump")
            & (_is_given_name_expr("first_word") | pl.col("is_other_bearer").fill_null(False))
            # "Howard County", "Frederick Road": named after a person, a place
            & ~(pl.col("last_word").is_in(list(NAMED_PLACE_HEADS)) & (pl.col("token_count") >= 2))
        )
        .then(pl.lit("PER"))
        .when(
            is_name_shaped
            & (pl.col("token_count") <= 3)
            & pl.col("last_word").str.contains(SURNAME_ENDING_RE)
            & ~pl.col("first_word").is_in(list(PLACE_NAME_OPENERS))
            & ~pl.col("has_org_head")
            & ~pl.col("is_glued_to_place")
            & ~is_place_shaped
        )
        .then(pl.lit("PER"))
        .when((place_scope > 0) & ~pl.col("is_all_upper"))
        .then(pl.lit("ORG"))
        .when(
            is_name_shaped
            & (
                is_said
                | is_appositive
                # a role noun ending the sentence before says nothing ("... leader. Scotch Whisky exports")
                | (pl.col("previous_word").is_in(list(ROLE_NOUNS)) & ~pl.col("is_sentence_start"))
            )
        )
        .then(pl.lit("PER"))
        # ... but "the Council said" names some council, no person
        .when((pl.col("token_count") == 1) & is_said & ~pl.col("is_all_upper") & ~pl.col("has_org_head"))
        .then(pl.lit("PER"))
        .when(is_camel_case)
        .then(pl.lit("ORG"))
        .when((is_place_shaped | is_of_place | is_kindred_place) & ~pl.col("is_glued_to_place"))
        .then(pl.lit("LOC"))
        .when(is_lone_given_name)
        .then(pl.lit("PER"))
        .when(is_in_list_of_places & (pl.col("token_count") <= 3) & ~pl.col("is_glued_to_place"))
        .then(pl.lit("LOC"))
        .when(is_after_in & (pl.col("token_count") <= 3))
        .then(pl.lit("LOC"))
    )
    confidence = (
        pl.when(has_title)
        .then(0.8)
        .when(pl.col("has_org_head"))
        .then(0.7)
        .when(pl.col("token_count") == 1)
        .then(0.55)
        .otherwise(0.65)
    )
    # A capitalised "The" mid-sentence belongs to the name ("a portrait of The Duchess of Cambridge").
    has_the = (
        pl.col("preceding_text").str.ends_with("The ")
        & ~pl.col("is_sentence_start")
        & pl.col("merged_start").is_null()
    )
    # A legal-form suffix after a comma belongs to an organisation's name ("Medical Group, Inc.").
    legal_suffix = (
        pl.col("following_text").str.extract(LEGAL_SUFFIX_RE, 0).str.len_chars().fill_null(0).cast(pl.Int32)
    )
    # The class first, once: its chain holds window expressions that would run again in each use.
    segments = segments.with_columns(entity_class=entity_class, confidence=confidence).with_columns(
        legal_suffix=pl.when(pl.col("entity_class") == "ORG").then(legal_suffix).otherwise(0),
        place_scope=pl.when(pl.col("entity_class") == "ORG").then(place_scope).otherwise(0),
    )
    segments = _second_pass_classes(segments)
    # The suffix word may open the next capitalised run ("Inc. Valley Radiotherapy ..."): that stretch
    # then starts after it.
    absorbed = segments.filter(pl.col("legal_suffix") > 0).select(
        "text_index", (pl.col("end_char") + 2).alias("start_char"), pl.lit(True).alias("is_after_suffix")
    )
    segments = (
        segments.join(absorbed, on=["text_index", "start_char"], how="left")
        .with_columns(
            start_char=pl.when(pl.col("is_after_suffix").fill_null(False))
            .then(pl.col("start_char") + pl.col("first_word").str.len_chars().cast(pl.Int32) + 1)
            .otherwise(pl.col("start_char"))
        )
        .filter(pl.col("start_char") < pl.col("end_char"))
    )
    return segments.with_columns(
        scope_start=pl.col("end_char"),
        end_char=pl.col("end_char") + pl.col("legal_suffix") + pl.col("place_scope"),
        start_char=pl.coalesce(
            "merged_start",
            # A title word inside an organisation's name belongs to it ("General Motors").
            pl.when(has_title & pl.col("has_org_head") & (pl.col("entity_class") == "ORG")).then(
                "title_start"
            ),
            pl.when(has_the & pl.col("entity_class").is_in(["PER", "ORG"])).then(pl.col("start_char") - 4),
            "start_char",
        ),
    )


@functools.cache
def _before_us_state_re() -> str:
    """What follows a US town: a comma and its state, by name, AP abbreviation or postal code, then the
    end of the phrase ("AUSTIN, Texas (AP) -", "in Austin, TX, on Monday", "Austin, Texas, said"); not
    a state that goes on to qualify a person ("Paxton, Texas' attorney general", "Cornyn, Texas
    Republican")."""
    phrase_end = (
        r"(?:[,.;:!?)\]]|\s*\(|\s+[-–—]|\s*$|\s+(?:on|in|at|from|to|and|where|said|says|is|was|has)\b)"
    )
    return r"^,[ \u00a0](" + "|".join(re.escape(state) for state in _us_state_names()) + ")" + phrase_end


def _us_state_names() -> dict[str, str]:
    """Every way `_before_us_state_re` writes a state, to the state's name ("TX", "Tex.", "Texas": "Texas")."""
    codes = us_state_postal_codes()
    return {**{name: name for name in codes.values()}, **STATE_ABBREVIATIONS, **codes}


def _drop_names_before_us_states(selected: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """A name before a comma and a US state is a US town: the match goes, and `_classify_segments` reads
    the name as a place. Taken this way are a person's surname ("AUSTIN, Texas (AP)", "moved to Austin,
    TX") and another country's place ("Paris, Texas", "Paris, TX", "Lebanon, Pa."), unless the place is
    one of a list ("France, Georgia and Ohio") or the state a code that also names a country ("Berlin, DE").
    """
    is_other_countrys_place = (
        pl.col("actor_id").str.contains("^(?:loc|cty):") | (pl.col("alias_kind") == "capital")
    ) & (pl.col("country_code") != "USA")
    # few rows: the regexes read only these
    candidates = selected.join(actors.select("actor_id", "country_code"), on="actor_id", how="left").filter(
        (pl.col("alias_kind") == "surname") | is_other_countrys_place
    )
    in_list = pl.col("preceding_text").str.contains(r",[ \u00a0]$") | pl.col("following_text").str.contains(
        r"^,[ \u00a0][A-Z][\w.]*(?:[ \u00a0]\w[\w.]*){0,2}(?:,[ \u00a0]|,?[ \u00a0]and[ \u00a0])[A-Z]"
    )
    # "Berlin, DE" is in Germany: after another country's place, a code that also names a country is none
    is_country_code = pl.col("following_text").str.contains(
        r"^,[ \u00a0](?:" + "|".join(sorted(us_postal_codes_of_countries())) + r")\b"
    )
    towns = candidates.filter(
        pl.col("following_text").str.contains(_before_us_state_re())
        & ((pl.col("alias_kind") == "surname") | (~in_list & ~is_country_code))
    )
    return selected.join(
        towns.select("text_index", "start_char"), on=["text_index", "start_char"], how="anti"
    )


def _name_states_by_postal_code(
    segments: pl.DataFrame, selected: pl.DataFrame, actors: pl.DataFrame
) -> pl.DataFrame:
    """Add `state_name` and `state_id`: the US state a place's postal code names right after a place and
    a comma ("Houston, TX", "Washington, DC"), null elsewhere. Not after another country's place:
    "Berlin, DE" is no Delaware.
    """
    codes = us_state_postal_codes()
    state_ids = {name: us_state_id(name) for name in codes.values()}
    places = pl.concat(
        [
            # any class: "Washington" is still the US government here when it is a place in the end
            selected.join(actors.select("actor_id", "country_code"), on="actor_id", how="left").select(
                "text_index", "end_char", "country_code"
            ),
            segments.filter(pl.col("entity_class") == "LOC").select(
                "text_index", "end_char", pl.lit(None, pl.String).alias("country_code")
            ),
        ]
    )
    after_us_place = (
        places.filter(pl.col("country_code").is_null() | (pl.col("country_code") == "USA"))
        .select("text_index", (pl.col("end_char") + 2).alias("start_char"))
        .unique()
        .with_columns(is_after_us_place=pl.lit(True))
    )
    return (
        segments.join(after_us_place, on=["text_index", "start_char"], how="left")
        .with_columns(
            state_name=pl.when(
                pl.col("is_after_us_place").fill_null(False) & pl.col("preceding_text").str.ends_with(", ")
            ).then(pl.col("surface").replace_strict(codes, default=None, return_dtype=pl.String))
        )
        # an all-capital word reads as an organisation's initials elsewhere ("DC" in "Washington, DC")
        .with_columns(
            entity_class=pl.when(pl.col("state_name").is_not_null())
            .then(pl.lit("LOC"))
            .otherwise(pl.col("entity_class")),
            state_id=pl.col("state_name").replace_strict(state_ids, default=None, return_dtype=pl.String),
        )
        .drop("is_after_us_place")
    )


def _place_us_towns(unknown: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """A place found before a comma and a US state is a US town ("Manhattan Beach, Calif."); one named
    like a dictionary place of another country is the US town of that name, not that place ("Paris,
    Texas": `loc:paris-texas`, "Paris, Texas")."""
    state = (
        pl.col("following_text")
        .str.extract(_before_us_state_re(), 1)
        .replace_strict(_us_state_names(), default=None, return_dtype=pl.String)
    )
    towns = unknown.with_columns(us_state=pl.when(pl.col("entity_class") == "LOC").then(state)).join(
        actors.select("actor_id", pl.col("country_code").alias("homonym_country")), on="actor_id", how="left"
    )
    is_homonym = pl.col("us_state").is_not_null() & (pl.col("homonym_country") != "USA")
    qualified_name = pl.col("canonical_name") + ", " + pl.col("us_state")
    return towns.with_columns(
        actor_id=pl.when(is_homonym).then(pl.lit("loc:") + slug_expr(qualified_name)).otherwise("actor_id"),
        canonical_name=pl.when(is_homonym).then(qualified_name).otherwise("canonical_name"),
        # a place's CAMEO code is its country's, as the dictionary's places have it
        country_code=pl.when(pl.col("us_state").is_not_null())
        .then(pl.coalesce("country_code", pl.lit("USA")))
        .otherwise("country_code"),
        cameo_code=pl.when(pl.col("us_state").is_not_null())
        .then(pl.coalesce("cameo_code", pl.lit("USA")))
        .otherwise("cameo_code"),
    ).drop("us_state", "homonym_country")


def _second_pass_classes(segments: pl.DataFrame) -> pl.DataFrame:
    """Type stretches by their typed neighbours: the next item of a list of places, the full name of a person.

    "Los Angeles, Orange, Riverside": a stretch beside a place found by pattern, in a comma list, is
    a place too. "JK Rowling": initials before a word that alone is a person in the same text
    ("Ms Rowling") make that person's full name; alone, initials name companies as often ("BT Sport").
    """
    typed = segments.filter(pl.col("entity_class").is_not_null())
    places = typed.filter(pl.col("entity_class") == "LOC")
    persons = (
        typed.filter((pl.col("entity_class") == "PER") & (pl.col("token_count") == 1))
        .select("text_index", pl.col("first_word").alias("last_word"), pl.lit(True).alias("is_person_word"))
        .unique()
    )
    segments = (
        segments.join(
            places.select(
                "text_index",
                (pl.col("end_char") + 2).alias("start_char"),
                pl.lit(True).alias("is_after_listed"),
            ),
            on=["text_index", "start_char"],
            how="left",
        )
        .join(
            places.select(
                "text_index",
                (pl.col("start_char") - 2).alias("end_char"),
                pl.lit(True).alias("is_before_listed"),
            ),
            on=["text_index", "end_char"],
            how="left",
        )
        .join(persons, on=["text_index", "last_word"], how="left")
    )
    is_listed_place = (
        (pl.col("is_after_listed").fill_null(False) & pl.col("preceding_text").str.ends_with(", "))
        | (pl.col("is_before_listed").fill_null(False) & pl.col("following_text").str.starts_with(","))
    ) & (
        (pl.col("token_count") <= 3)
        & ~pl.col("is_glued_to_place")
        & ~pl.col("is_all_upper")
        & ~pl.col("has_org_head")
        & ~pl.col("last_word").is_in(list(NON_ACTOR_HEADS))
    )
    is_initialled_person = (
        (pl.col("token_count") == 2)
        & pl.col("surface").str.contains(r"^(?:[A-Z]{2,3}|(?:[A-Z]\.){1,3})[ \u00a0][A-Z][a-z]")
        & pl.col("is_person_word").fill_null(False)
    )
    return segments.with_columns(
        entity_class=pl.when(pl.col("entity_class").is_not_null())
        .then(pl.col("entity_class"))
        .when(is_listed_place)
        .then(pl.lit("LOC"))
        .when(is_initialled_person)
        .then(pl.lit("PER"))
    ).drop("is_after_listed", "is_before_listed", "is_person_word")


def _known_mentions(selected: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """Dictionary matches as mentions: metonymy read from context, demonyms before titles folded into roles."""
    # A country or demonym directly before a title is the title's country, not a mention of its own.
    title_starts = selected.filter(pl.col("alias_kind") == "title").select(
        "text_index",
        "run_index",
        (pl.col("token_position") - 1).alias("last_position"),
        pl.lit(True).alias("is_before_title"),
    )
    # An acronym in brackets after lower-case words abbreviates those words ("artificial pancreas (AP)").
    is_local_acronym = (
        (pl.col("alias_kind") == "abbreviation")
        & pl.col("preceding_text").str.contains(r"(?:^|\W)[a-z]\w*\s*\($")
        & pl.col("following_text").str.starts_with(")")
    )
    # Once defined that way, the acronym keeps that meaning for the rest of the text.
    local_acronyms = selected.filter(is_local_acronym).select("text_index", "key").unique()
    matched = (
        selected.filter(pl.col("alias_kind") != "title")
        .join(local_acronyms, on=["text_index", "key"], how="anti")
        .join(title_starts, on=["text_index", "run_index", "last_position"], how="left")
        .filter(~(pl.col("is_before_title").fill_null(False) & pl.col("actor_id").str.starts_with("cty:")))
    )
    # A place whose possessive opens a quoted title-case phrase names no place but a work, list or
    # award ("'Houston's Top Dentists'"); once quoted, the same phrase is that title throughout the text.
    # Only the few places followed by a possessive and a capital are looked at (it runs on every match).
    possessed = matched.filter(
        ((pl.col("entity_class") == "LOC") | (pl.col("alias_kind") == "capital"))
        & pl.col("following_text").str.contains(r"^['’]s[ \u00a0][A-Z0-9]")
    ).with_columns(title_tail=pl.col("following_text").str.extract(QUOTED_TITLE_TAIL_RE, 1))
    quoted = possessed.filter(
        pl.col("preceding_text").str.contains(r"[\"“‘']$")
        & pl.col("following_text").str.contains(QUOTED_TITLE_TAIL_RE + r"[.,!?]?[\"”’']")
    ).select("text_index", "key", "title_tail")
    if quoted.height:
        in_titles = possessed.join(quoted.unique(), on=["text_index", "key", "title_tail"], how="semi")
        matched = matched.join(
            in_titles.select("text_index", "start_char"), on=["text_index", "start_char"], how="anti"
        )
    # A sentence may open on the cue, capitalised into the name's run ("In Rome, officials met").
    # Inside a run "of" is one too: "Residents of Baku", "Parts of Yerevan".
    is_after_cue = (
        pl.col("run_previous_word").is_in(list(LOCATIVE_CUES))
        | ((pl.col("token_position") == 1) & pl.col("previous_word").is_in(list(LOCATIVE_CUES)))
        | (pl.col("previous_word") == "of")
        | pl.col("preceding_text").str.contains(COMPASS_BEFORE_RE)
        | pl.col("preceding_text").str.contains(TRAVEL_FROM_BEFORE_RE)
        # a route: "from Baku to Yerevan"
        | (
            (pl.col("run_previous_word") == "from")
            & pl.col("following_text").str.contains(r"^[ \u00a0]to[ \u00a0][A-Z]")
        )
    )
    # The city itself, not its country's government: "London's mayor", "the Moscow metro", "Washington
    # state", "the Paris Olympics"; a city that beat another is its team ("Madrid beat Barcelona").
    # (a capital beside "beat" in a sentence about sport: "Moscow edged closer to a deal" is Moscow's
    # government still)
    is_city_attribute = pl.col("following_text").str.contains(CITY_ATTRIBUTE_RE) | (
        (pl.col("next_word").is_in(list(SPORTS_CUES)) | pl.col("run_previous_word").is_in(list(SPORTS_CUES)))
        & (pl.col("preceding_text") + pl.col("following_text"))
        .str.to_lowercase()
        .str.contains(SPORTS_CONTEXT_RE)
    )
    # "Paris-based", "Kyiv-born": the city (but "Moscow-backed" is its government)
    is_place_modifier = pl.col("following_text").str.contains(
        r"^[-–](?:" + "|".join(sorted(PLACE_HYPHEN_MODIFIERS)) + r")\b"
    )
    # A dateline ("MOSCOW, Russia —", "BAKU (Reuters)"), not a list of actors ("Moscow, Washington and
    # Kyiv traded accusations").
    is_dateline = (
        pl.col("following_text").str.contains(r"^\s*(?:\(|[-–—]\s|,\s+[A-Z])")
        & ~pl.col("following_text").str.contains(
            r"^,\s+[A-Z][\w.'’-]*(?:,\s+[A-Z][\w.'’-]*)*,?\s+(?:and|or)\s+[A-Z]"
        )
        & (pl.col("run_previous_word") == "")
    )
    is_place_reading = (
        is_after_cue
        | is_city_attribute
        | pl.col("following_text").str.contains(CITY_PREDICATE_RE)
        | is_place_modifier
        | is_dateline
    )
    # "Washington state", "Washington Gov. Jay Inslee": the state named like the capital, not the city
    named_states = {name: us_state_id(name) for name in CAPITAL_NAMED_US_STATES}
    is_named_state = (
        (pl.col("alias_kind") == "capital")
        & pl.col("surface").is_in(list(named_states))
        & (
            pl.col("following_text").str.contains(r"^[ \u00a0][Ss]tate\b")
            | pl.col("following_text").str.contains(US_STATE_OFFICE_RE)
        )
    )
    # The context of capitals only is read (a fifth of the matches, or fewer).
    matched = matched.with_row_index("match_row")
    capital_ids = matched.filter(pl.col("alias_kind") == "capital").select(
        "match_row",
        pl.when(is_named_state)
        .then(pl.col("surface").replace_strict(named_states, default=None, return_dtype=pl.String))
        .when(is_place_reading)
        .then(pl.col("place_actor_id"))
        .otherwise(pl.col("actor_id"))
        .alias("capital_actor_id"),
    )
    matched = matched.join(capital_ids, on="match_row", how="left", maintain_order="left").drop("match_row")
    actor_id = (
        pl.when(pl.col("alias_kind") == "capital")
        .then(pl.col("capital_actor_id"))
        .when((pl.col("alias_kind") == "demonym") & pl.col("next_word").is_in(list(GOVERNMENT_NOUNS)))
        .then(pl.col("actor_id").str.replace("^cty:", "gov:"))
        .otherwise(pl.col("actor_id"))
    )
    method_confidence = (
        pl.when(pl.col("alias_kind").is_in(["name", "abbreviation"]))
        .then(0.95)
        .when(pl.col("alias_kind") == "place")
        .then(0.85)
        .when(pl.col("alias_kind").is_in(["capital", "metonym"]))
        .then(0.8)
        .when(pl.col("alias_kind") == "surname")
        .then(0.75)
        .otherwise(0.6)
    )
    return (
        matched.with_columns(actor_id=actor_id, confidence=method_confidence)
        .drop("entity_class", "capital_actor_id")
        .join(
            actors.select(
                "actor_id", "canonical_name", "actor_type", "entity_class", "country_code", "cameo_code"
            ),
            on="actor_id",
            how="left",
        )
        .with_columns(is_known_actor=pl.lit(True), method=pl.lit("dictionary"))
    )


def _read_states_after_us_towns(
    mentions: pl.DataFrame, texts: pl.DataFrame, actors: pl.DataFrame
) -> pl.DataFrame:
    """A capital named like a US state is the state right after a US town and a comma, where the phrase
    ends ("Tacoma, Washington, said", "born in Spokane, Washington."): `loc:washington-state`, not the
    US government. Not in a list of capitals ("Moscow, Washington and Beijing"), whose first is no US town.
    """
    states = {name: us_state_id(name) for name in CAPITAL_NAMED_US_STATES}
    after_us_towns = mentions.filter(
        pl.col("actor_id").str.starts_with("loc:") & (pl.col("country_code") == "USA")
    ).select("text_index", (pl.col("end_char") + 2).alias("start_char"))
    found = (
        mentions.filter((pl.col("alias_kind") == "capital") & pl.col("surface").is_in(list(states)))
        .join(after_us_towns, on=["text_index", "start_char"], how="semi")
        .join(texts, on="text_index")
        # a comma between, and the phrase end a town's state has ("AUSTIN, Texas (AP)", "in Austin, Texas, on")
        .filter(
            _text_before_expr(2).eq(", ")
            & pl.col("text").str.slice(pl.col("start_char") - 2).str.contains(_before_us_state_re())
        )
        .drop("text")
    )
    if found.height == 0:
        return mentions
    described = ["canonical_name", "actor_type", "country_code", "cameo_code"]
    states_read = (
        found.with_columns(actor_id=pl.col("surface").replace_strict(states, return_dtype=pl.String))
        .drop(described)
        .join(actors.select("actor_id", *described), on="actor_id")
        .with_columns(entity_class=pl.lit("LOC"), alias_kind=pl.lit("place"), is_known_actor=pl.lit(True))
        .select(mentions.columns)
        .cast(mentions.schema)
    )
    return replace_spans(mentions, states_read, states_read)


def _headline_names(mentions: pl.DataFrame, fields: pl.DataFrame, title_case: pl.DataFrame) -> pl.DataFrame:
    """A title-case headline names whom its own article's body named by pattern ("Jamie Dimon Warns ...").

    Capitalised runs say nothing in such a headline, so it kept only dictionary actors; a name of two or
    more words that the body found is the same actor there (one sense per article), as a whole word at
    each place it occurs. It replaces the dictionary matches inside it ("Jordan" in "Jordan Peterson"),
    but yields to one reaching beyond it ("Kim Jong Un" is no "Kim Jong"), and to a longer body name.
    """
    titles = fields.join(title_case, on="text_index").select(
        pl.col("text_index").alias("title_index"), "article_id", pl.col("text").alias("title")
    )
    if titles.height == 0:
        return mentions
    article_of = fields.select("text_index", "article_id")
    occurrences = (
        mentions.filter((pl.col("method") == "pattern") & pl.col("surface").str.contains(" "))
        .join(article_of, on="text_index")
        .join(titles, on="article_id")
        # the name's first place in the body describes it, whatever order the joins leave
        .sort(["title_index", "surface", "text_index", "start_char"])
        .unique(["title_index", "surface"], keep="first", maintain_order=True)
        .filter(pl.col("title").str.contains(pl.col("surface"), literal=True))
        # Every place the name occurs: the title split at it, each piece's end plus the names before it.
        .with_columns(
            pieces=pl.col("title").str.split(pl.col("surface")).list.eval(pl.element().str.len_chars())
        )
        .with_columns(
            start_char=pl.col("pieces")
            .list.eval(pl.element().cum_sum())
            .list.head(pl.col("pieces").list.len() - 1),
            occurrence=pl.int_ranges(0, pl.col("pieces").list.len() - 1),
        )
        .explode("start_char", "occurrence")
        .with_columns(
            start_char=(pl.col("start_char") + pl.col("occurrence") * pl.col("surface").str.len_chars()).cast(
                pl.Int32
            )
        )
        .with_columns(end_char=(pl.col("start_char") + pl.col("surface").str.len_chars()).cast(pl.Int32))
        # whole words only: "Ann Lee" is not in "Ann Leeds" or "Ann Lee-Smith", "Donald Smith" not in "McDonald Smith"
        .filter(
            ~pl.col("title").str.slice(pl.col("end_char"), 1).str.contains(r"^[\w-]")
            & ~pl.col("title")
            .str.slice((pl.col("start_char") - 1).clip(0), (pl.col("start_char") > 0).cast(pl.Int32))
            .str.contains(r"\w$")
        )
    )
    names = _leftmost_longest(occurrences.with_columns(text_index=pl.col("title_index"), priority=pl.lit(0)))
    # A dictionary match reaching beyond the name keeps its place; the name goes.
    spans = names.select(
        "text_index", pl.col("start_char").alias("name_start"), pl.col("end_char").alias("name_end")
    )
    overlaps = mentions.join(spans, on="text_index").filter(
        (pl.col("start_char") < pl.col("name_end")) & (pl.col("end_char") > pl.col("name_start"))
    )
    is_inside = (pl.col("start_char") >= pl.col("name_start")) & (pl.col("end_char") <= pl.col("name_end"))
    beaten = overlaps.filter(~is_inside).select("text_index", pl.col("name_start").alias("start_char"))
    names = names.join(beaten, on=["text_index", "start_char"], how="anti")
    inside = overlaps.filter(is_inside).join(
        names.select("text_index", pl.col("start_char").alias("name_start")), on=["text_index", "name_start"]
    )
    names = (
        names.with_columns(
            run_index=pl.lit(None, pl.Int64),
            token_position=pl.lit(None, pl.Int32),
            sentence_index=pl.lit(0, pl.Int32),
            alias_kind=pl.lit("coreference"),
            previous_word=pl.lit(None, pl.String),
            next_word=pl.lit(None, pl.String),
        )
        .select(mentions.columns)
        .cast(mentions.schema)
    )
    return replace_spans(mentions, inside, names)


# The order in which one actor's mentions lend it a description: one with a CAMEO code, then one with a
# country, first; every described column takes part, so the pick does not depend on the row order.
_MOST_SPECIFIC_FIRST = [
    "actor_id", "cameo_code", "country_code", "canonical_name", "actor_type", "entity_class", "is_known_actor",
]  # fmt: skip


def _link_short_forms(mentions: pl.DataFrame, singles: pl.DataFrame, fields: pl.DataFrame) -> pl.DataFrame:
    """Resolve one-word names to a full-name person of the same article ("Blinken", "Taylor").

    A first or last name links when exactly one multi-word person in the article carries it (a
    company's name when it was written with its legal form once: "Acme Corp" ... "Acme"); a
    dictionary surname match is replaced by such an in-article person too; a one-word name recognised
    as a person somewhere in the article is that person everywhere in it. Returns linked rows only.
    """
    article_of = fields.select("text_index", "article_id")
    # One-word persons lend their name only when it is a given name ("Rachel"), never a surname that a
    # full name in the article may also carry.
    persons = mentions.filter(
        (pl.col("entity_class") == "PER")
        & (
            pl.col("surface").str.contains(" ")
            | pl.col("surface").str.to_lowercase().is_in(list(GIVEN_NAMES))
        )
    ).join(article_of, on="text_index")
    actor_columns = ("article_id", *ACTOR_DESCRIPTION)
    # The parts a name lends, once per distinct name (names repeat within and across articles).
    name_parts = persons.select(pl.col("surface").unique()).with_columns(
        pl.concat_list(
            alias_key_expr(pl.col("surface").str.split(" ").list.first()),
            alias_key_expr(pl.col("surface").str.split(" ").list.last()),
            # The last two words of a longer name ("Louis van Gaal" -> "Van Gaal").
            pl.when(pl.col("surface").str.split(" ").list.len() >= 3).then(
                alias_key_expr(pl.col("surface").str.split(" ").list.slice(-2, 2).list.join(" "))
            ),
        ).alias("part")
    )
    parts = (
        persons.join(name_parts, on="surface", how="left", maintain_order="left")
        .select(*actor_columns, "is_known_actor", "part")
        .explode("part")
        # One description per person: the most specific of its mentions ("Prince Andrew" over "Andrew"),
        # whatever order the mentions come in.
        .sort(["article_id", "part", *_MOST_SPECIFIC_FIRST], nulls_last=True)
        .unique(["article_id", "part", "actor_id"], keep="first", maintain_order=True)
    )
    # A company named with its legal form lends the name without it ("Acme Corp" ... "Acme said").
    companies = (
        mentions.filter(
            (pl.col("entity_class") == "ORG")
            & ~pl.col("is_known_actor")
            & pl.col("surface").str.contains(LEGAL_TAIL_END_RE)
        )
        .join(article_of, on="text_index")
        .select(*actor_columns, "is_known_actor", alias_key_expr("canonical_name").alias("part"))
        .sort(["article_id", "part", *_MOST_SPECIFIC_FIRST], nulls_last=True)
        .unique(["article_id", "part", "actor_id"], keep="first", maintain_order=True)
    )
    parts = pl.concat([parts, companies])
    parts = parts.filter((pl.col("part").str.len_chars() > 1) & ~pl.col("part").is_in(list(NON_NAME_PARTS)))
    parts = parts.filter(pl.len().over("article_id", "part") == 1)
    linked = (
        singles.with_columns(part=alias_keys(singles["surface"]))
        .join(article_of, on="text_index")
        .join(parts, on=["article_id", "part"], how="inner", suffix="_linked")
    )
    return linked


def _resolve_roles(mentions: pl.DataFrame, roles: pl.DataFrame) -> pl.DataFrame:
    """Attach the dictionary role each actor held on the article's date (the latest-starting one if several).

    A government office-holder who holds no dictionary role on that date but held one before it is a
    former official, also between two terms ("Donald Tusk" in 2023): `dated_cameo` is then CAMEO's elite
    code (country + ELI), not GOV ("Theresa May" in 2024). Not one before a first role, nor a legislator
    or opposition leader, whose later seats the dictionary may not list. Needs actor_id, published_date,
    entity_class, country_code and cameo_code.
    """
    first_role_end = (
        roles.filter(pl.col("valid_to").is_not_null())
        .group_by("actor_id")
        .agg(pl.col("valid_to").min().alias("first_role_end"))
    )
    keyed = mentions.with_row_index("mention_row")
    dated = (
        keyed.select("mention_row", "actor_id", "published_date")
        .join(roles, on="actor_id")
        .filter(
            (pl.col("valid_from") <= pl.col("published_date"))
            & (pl.col("valid_to").is_null() | (pl.col("published_date") <= pl.col("valid_to")))
        )
        .sort(["valid_from", "role", "cameo_code"], descending=[True, False, False], nulls_last=True)
        .unique("mention_row", keep="first", maintain_order=True)
        .select(
            "mention_row",
            pl.col("role").alias("dated_role"),
            pl.col("role_country_code").alias("dated_country"),
            pl.col("cameo_code").alias("dated_cameo"),
        )
    )
    is_former_official = (
        (pl.col("entity_class") == "PER")
        & pl.col("cameo_code").str.ends_with("GOV").fill_null(False)
        & (pl.col("published_date") > pl.col("first_role_end")).fill_null(False)
    )
    return (
        keyed.join(dated, on="mention_row", how="left")
        .join(first_role_end, on="actor_id", how="left")
        .with_columns(
            dated_cameo=pl.coalesce(
                "dated_cameo",
                pl.when(is_former_official).then(pl.col("country_code").fill_null("") + pl.lit("ELI")),
            )
        )
        .drop("mention_row", "first_role_end")
    )


def detect_mentions(articles: pl.DataFrame, dictionary: ActorDictionary) -> pl.DataFrame:
    """Find actor mentions in each article's title and body: one row per mention, columns of raw.actor_mentions.

    articles needs article_id, run_id, title, body_text and optionally published_at (UTC datetime, or
    an ISO string; null means roles are not resolved). Null or empty titles and bodies give no rows;
    an empty frame gives an empty frame with the right columns. Raises polars errors on missing columns.
    """
    fields = _article_fields(articles)
    if fields.height == 0:
        return pl.DataFrame(schema=MENTION_SCHEMA)
    tokens = scan_texts(fields["text"].to_list())
    if tokens.height == 0:
        return pl.DataFrame(schema=MENTION_SCHEMA)
    texts = fields.select("text_index", "text")
    spans = _candidate_spans(tokens)
    aliases = dictionary.aliases
    matches = (
        spans.join(aliases, left_on="key", right_on="alias_key", how="inner")
        .join(texts, on="text_index")
        .with_columns(
            surface=pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char"))
        )
        .filter(~pl.col("is_case_sensitive") | (pl.col("surface") == pl.col("alias")))
        .with_row_index("match_row")
    )
    # A party's adjective counts in place only; its context is read on those few rows (not on every match).
    adjectives_out_of_place = (
        matches.filter(pl.col("alias_kind") == "adjective").filter(~_is_party_adjective_in_place_expr())
    )["match_row"]
    matches = matches.filter(~pl.col("match_row").is_in(adjectives_out_of_place.implode())).drop(
        "match_row", "text"
    )
    matches = pl.concat(
        [
            matches.with_columns(is_completed=pl.lit(False)),
            _completed_matches(spans, dictionary.completions, texts, matches.columns),
        ]
    )
    # In a title-case headline every word is capitalised, so runs say nothing about where names end:
    # there only dictionary matches count, as they are ("Sweden Drops Its Probe Into Julian Assange").
    title_case = _title_case_texts(fields)
    prose = fields.join(title_case, on="text_index", how="anti")
    selected, other_bearers = _drop_names_after_other_given_names(
        _leftmost_longest(matches), tokens, prose, dictionary.actors
    )
    selected = _drop_organisations_inside_longer_names(selected, tokens, prose, dictionary.actors)
    run_context = tokens.filter(pl.col("token_position") == 0).select(
        "text_index", "run_index", pl.col("previous_word").alias("run_previous_word")
    )
    last_tokens = tokens.select(
        "text_index",
        "run_index",
        pl.col("token_position").alias("last_position"),
        "next_word",
        "gap_after",
    )
    selected = (
        selected.join(run_context, on=["text_index", "run_index"], how="left")
        .join(last_tokens, on=["text_index", "run_index", "last_position"], how="left")
        .join(texts, on="text_index")
        .with_columns(
            following_text=pl.col("text").str.slice(pl.col("end_char"), 40),
            preceding_text=_text_before_expr(),
        )
        .drop("text")
        .join(dictionary.actors.select("actor_id", "entity_class"), on="actor_id", how="left")
    )
    selected = _read_homonymous_us_states(selected, fields, dictionary.actors)
    selected = _resolve_shared_aliases(selected, fields, dictionary.actors, dictionary.shared_aliases)
    selected = _read_seats_of_organisations(selected, fields, dictionary.actors)
    selected = _drop_names_before_us_states(selected, dictionary.actors)
    # The country of a title is that of the country, place or organisation right before it, possessive or
    # not ("Armenian Prime Minister", "Senegal's President", "Texas Gov.", "Bank of England Governor").
    possessive = pl.col("following_text").str.extract(r"^((?:['’]s)?[ \u00a0])", 1).str.len_chars()
    # An organisation gives its whole code: "Microsoft President Brad Smith" is USABUS, not USAGOV.
    is_organisation = pl.col("actor_id").str.contains("^(?:org|med|igo):")
    title_countries = (
        # not a name that the article may yet show to be another country's ("Supreme Court Justice")
        selected.filter(~pl.col("alias_kind").is_in(["title", "chamber", "adjective"]))
        .join(dictionary.actors.select("actor_id", "country_code", "cameo_code"), on="actor_id", how="left")
        .filter(
            (pl.col("country_code").is_not_null() | (is_organisation & pl.col("cameo_code").is_not_null()))
            & possessive.is_not_null()
        )
        .select(
            "text_index",
            (pl.col("end_char") + possessive.cast(pl.Int32)).alias("start_char"),
            pl.col("country_code").alias("title_country_code"),
            pl.when(is_organisation).then(pl.col("cameo_code")).alias("title_org_code"),
        )
        .sort(["text_index", "start_char", "title_country_code", "title_org_code"], nulls_last=True)
        .unique(["text_index", "start_char"], keep="first", maintain_order=True)
    )
    selected = selected.join(title_countries, on=["text_index", "start_char"], how="left")

    # (dropped after segmentation: the word stays covered, so it makes no unknown name with its neighbours)
    known = _drop_ethnic_demonyms(_known_mentions(selected, dictionary.actors))
    # A party's name followed by a lower-case "party" takes the word in ("the Labour party").
    is_party_phrase = (
        pl.col("cameo_code").str.ends_with("PTY").fill_null(False)
        & (pl.col("next_word") == "party")
        & pl.col("gap_after").str.starts_with(" ")
        & ~pl.col("surface").str.ends_with(" party")  # unless a dictionary name took it in already
    )
    # A company's legal form belongs to its name ("Nvidia Corp", "Apple, Inc.").
    legal_tail = (
        pl.when(pl.col("actor_id").str.contains("^(?:org|med):"))
        .then(pl.col("following_text").str.extract(LEGAL_TAIL_RE, 0))
        .fill_null("")
    )
    known = known.with_columns(
        end_char=pl.when(is_party_phrase)
        .then(pl.col("end_char") + 6)
        .otherwise(pl.col("end_char") + legal_tail.str.len_chars().cast(pl.Int32)),
        surface=pl.when(is_party_phrase)
        .then(pl.col("surface") + " party")
        .otherwise(pl.col("surface") + legal_tail),
    )
    titles = _titles_before_names(selected)
    segments, dropped = _attach_neighbours(
        _residual_segments(tokens, selected, texts), selected, dictionary.actors, dictionary.aliases, titles
    )
    segments = segments.join(title_case, on="text_index", how="anti").join(
        other_bearers.with_columns(is_other_bearer=pl.lit(True)), on=["text_index", "end_char"], how="left"
    )
    dropped = dropped.join(title_case, on="text_index", how="anti")
    segments = (
        _classify_segments(segments, selected, titles)
        .join(texts, on="text_index")
        .with_columns(
            surface=pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char"))
        )
        .drop("text")
    )
    # Places inside an organisation's scope bracket belong to its name.
    scoped = segments.filter(pl.col("place_scope") > 0).select(
        "text_index", "scope_start", pl.col("end_char").alias("scope_end")
    )
    if scoped.height:
        in_scope = (
            known.select("text_index", "start_char", "end_char")
            .join(scoped, on="text_index")
            .filter(
                (pl.col("start_char") > pl.col("scope_start")) & (pl.col("end_char") <= pl.col("scope_end"))
            )
            .select("text_index", "start_char")
        )
        dropped = pl.concat([dropped, in_scope])
    known = known.join(dropped, on=["text_index", "start_char"], how="anti")

    unknown = (
        # all segments: a postal code after a town found by pattern has no type yet ("Plano, TX")
        _name_states_by_postal_code(segments, selected, dictionary.actors)
        .filter(pl.col("entity_class").is_not_null())
        .with_columns(
            # One actor with or without its legal form ("Acme Group, Inc." and "Acme Group").
            canonical_name=pl.coalesce(
                "state_name",
                pl.col("surface").str.replace(r"^(?:The|the) ", "").str.replace(LEGAL_TAIL_END_RE, ""),
            ),
        )
        .drop("state_name")
        .with_columns(
            actor_type=pl.col("entity_class").replace_strict(
                {"PER": "person", "ORG": "organisation", "LOC": "place"}
            ),
            actor_id=pl.coalesce(
                "state_id",
                pl.col("entity_class").replace_strict({"PER": "per:", "ORG": "org:", "LOC": "loc:"})
                + slug_expr("canonical_name"),
            ),
            country_code=pl.col("title_country_code"),
            cameo_code=pl.when(
                pl.col("title_role").is_not_null()
                & pl.col("title_org_code").is_not_null()
                & ~pl.col("title_text").str.to_lowercase().is_in(list(DIPLOMATIC_TITLES))
            )
            .then(pl.col("title_org_code"))
            .when(pl.col("title_role").is_not_null() & (pl.col("title_role") != ""))
            .then(pl.col("title_country_code").fill_null("") + pl.col("title_role")),
            is_known_actor=pl.lit(False),
            method=pl.lit("pattern"),
        )
        .drop("state_id")
    )
    unknown = _place_us_towns(unknown, dictionary.actors)
    # A name found by pattern whose id is a dictionary actor's is that actor ("Nvidia Corporation"): it
    # takes the dictionary's description whole, country and CAMEO code included even where null.
    described = ["canonical_name", "actor_type", "country_code", "cameo_code"]
    same_id = dictionary.actors.select(
        "actor_id", *[pl.col(column).alias(f"known_{column}") for column in described]
    )
    is_same_id = pl.col("actor_id").is_in(dictionary.actors["actor_id"].implode())
    unknown = (
        unknown.join(same_id, on="actor_id", how="left")
        .with_columns(
            *[
                pl.when(is_same_id).then(f"known_{column}").otherwise(column).alias(column)
                for column in described
            ],
            is_known_actor=is_same_id,
        )
        .drop([f"known_{column}" for column in described])
    )

    # Titles before a person are that person's title in the text ("Prime Minister Nikol Pashinyan",
    # "Foreign Minister of Kazakhstan Murat Nurtleu").
    title_before = titles.select(
        "text_index",
        "run_index",
        "token_position",
        pl.col("title_text").alias("text_title"),
        pl.col("title_role").alias("text_title_role"),
    )
    columns = [
        "text_index",
        "run_index",
        "token_position",
        "start_char",
        "end_char",
        "sentence_index",
        "surface",
        *ACTOR_DESCRIPTION,
        "is_known_actor",
        "method",
        "confidence",
        "alias_kind",
        "previous_word",
        "next_word",
    ]
    mentions = pl.concat(
        [
            known.select(columns),
            unknown.with_columns(alias_kind=pl.lit("pattern")).select(columns),
        ],
        how="vertical_relaxed",
    )

    mentions = _drop_foreign_bound_aliases(mentions, fields)

    # Short forms: unresolved one-word names and dictionary surnames take an in-article full-name person.
    singles = pl.concat(
        [
            segments.filter(pl.col("token_count") == 1).select(*_SPAN_CONTEXT_COLUMNS),
            mentions.filter(
                (pl.col("alias_kind") == "surname")
                | ((pl.col("method") == "pattern") & (pl.col("surface").str.count_matches(" ") <= 1))
            ).select(*_SPAN_CONTEXT_COLUMNS),
        ]
    ).unique(["text_index", "start_char"], keep="first", maintain_order=True)
    linked = _link_short_forms(mentions, singles, fields).with_columns(
        method=pl.when(pl.col("is_known_actor")).then(pl.lit("dictionary")).otherwise(pl.lit("pattern")),
        confidence=pl.lit(0.85),
        alias_kind=pl.lit("coreference"),
    )
    mentions = replace_spans(mentions, linked, linked.select(columns))
    mentions = link_defined_acronyms(mentions, tokens, fields)
    mentions = _headline_names(mentions, fields, title_case)
    mentions = _read_states_after_us_towns(mentions, texts, dictionary.actors)

    # A product is no actor, however organisation-like its name ("iOS", "Apple TV").
    mentions = mentions.filter(~pl.col("surface").str.to_lowercase().is_in(list(PRODUCT_NAMES)))
    # Nor is a site a share or follow widget points to ("Post to Facebook Post to StumbleUpon").
    widget_targets = (
        mentions.select("text_index", "start_char")
        .join(fields.select("text_index", "text"), on="text_index")
        .filter(_text_before_expr().str.contains(SHARE_WIDGET_TAIL_RE))
        .select("text_index", "start_char")
    )
    mentions = mentions.join(widget_targets, on=["text_index", "start_char"], how="anti")
    # Nor is a person the article credits for its making ("By Andrew Osborn", "Photo: Alex Ellinghausen").
    mentions = drop_credited_people(mentions, fields)
    mentions = government_bodies(mentions, texts, dictionary.aliases, dictionary.actors)
    mentions = link_unqualified_bodies(mentions, fields)

    # Place names beside "beat"/"versus" are sports teams, which are organisations.
    is_cued_team = (pl.col("entity_class") == "LOC") & (
        pl.col("previous_word").is_in(list(SPORTS_CUES)) | pl.col("next_word").is_in(list(SPORTS_CUES))
    )
    # So is a place name (not a demonym: "the Portuguese boss") before "captain"/"striker"/"fans", but
    # only there: the same article may well name the country too ("England captain Harry Kane ...
    # returned to England").
    is_team_member_cue = (
        (pl.col("entity_class") == "LOC")
        & pl.col("next_word").is_in(list(TEAM_MEMBER_NOUNS))
        & (pl.col("alias_kind") != "demonym")
    )
    # In an article where places play as teams, "Scotland great Gavin Hastings" names the team too.
    is_praised_player_cue = (
        (pl.col("entity_class") == "LOC")
        & pl.col("next_word").is_in(list(SPORTS_PRAISE_NOUNS))
        & (pl.col("alias_kind") != "demonym")
        & pl.col("is_sports_article").fill_null(False)
    )
    # One sense per article: a place that played as a team once is the team throughout the article.
    # (The few cued names are joined back, instead of windows over every mention.)
    article_of = fields.select("text_index", "article_id")
    mentions = mentions.join(article_of, on="text_index", maintain_order="left").with_columns(
        surface_lower=pl.col("surface").str.to_lowercase()
    )
    cued_names = mentions.filter(is_cued_team).select("article_id", "surface_lower").unique()
    mentions = (
        mentions.join(
            cued_names.with_columns(is_cued_name=pl.lit(True)),
            on=["article_id", "surface_lower"],
            how="left",
            maintain_order="left",
        )
        .join(
            cued_names.select("article_id").unique().with_columns(is_sports_article=pl.lit(True)),
            on="article_id",
            how="left",
            maintain_order="left",
        )
        .with_columns(
            is_team_name=pl.col("is_cued_name").fill_null(False) | is_team_member_cue | is_praised_player_cue
        )
        .drop("surface_lower", "is_cued_name", "is_sports_article")
    )
    # A place coordinated with a team ("England and Tonga") is a team too.
    teams = mentions.filter((pl.col("entity_class") == "LOC") & pl.col("is_team_name"))
    coordinated = (
        pl.concat(
            [
                teams.select("text_index", (pl.col("end_char") + 5).alias("start_char")),
                teams.select("text_index", (pl.col("start_char") - 5).alias("start_char")),
            ]
        )
        .unique()
        .with_columns(is_coordinated=pl.lit(True))
    )
    mentions = mentions.join(coordinated, on=["text_index", "start_char"], how="left").with_columns(
        is_team_name=pl.col("is_team_name")
        | (
            pl.col("is_coordinated").fill_null(False)
            & ((pl.col("previous_word") == "and") | (pl.col("next_word") == "and"))
        )
    )
    is_team = (pl.col("entity_class") == "LOC") & pl.col("is_team_name")
    mentions = mentions.with_columns(
        actor_id=pl.when(is_team)
        .then(pl.lit("org:") + slug_expr("surface") + pl.lit("-team"))
        .otherwise(pl.col("actor_id")),
        canonical_name=pl.when(is_team)
        .then(pl.col("surface") + pl.lit(" (team)"))
        .otherwise("canonical_name"),
        actor_type=pl.when(is_team).then(pl.lit("organisation")).otherwise("actor_type"),
        is_known_actor=pl.col("is_known_actor") & ~is_team,
        entity_class=pl.when(is_team).then(pl.lit("ORG")).otherwise("entity_class"),
    )

    mentions = mentions.join(title_before, on=["text_index", "run_index", "token_position"], how="left").join(
        fields.select("text_index", "run_id", "field", "published_date"), on="text_index"
    )
    # A sentence's opening "The" is the article, not part of the name, unless the name has it ("The Kremlin
    # said" is "Kremlin" as mid-sentence; "The Hague", "The New York Times" keep it).
    opening_the = (
        mentions.filter(
            pl.col("surface").str.starts_with("The ")
            & ~pl.col("canonical_name").fill_null("").str.starts_with("The ")
            & ~pl.col("alias_kind").is_in(["capital", "place"])
        )
        .select("text_index", "start_char")
        .join(texts, on="text_index")
        .filter(_text_before_expr().str.contains(SENTENCE_OPENING_BEFORE_RE))
        .select("text_index", "start_char", is_opening_article=pl.lit(True))
    )
    is_opening_article = pl.col("is_opening_article").fill_null(False)
    mentions = (
        mentions.join(opening_the, on=["text_index", "start_char"], how="left")
        .with_columns(
            start_char=pl.when(is_opening_article).then(pl.col("start_char") + 4).otherwise("start_char"),
            surface=pl.when(is_opening_article).then(pl.col("surface").str.slice(4)).otherwise("surface"),
        )
        .drop("is_opening_article")
    )
    mentions = (
        _resolve_roles(mentions, dictionary.roles)
        .with_columns(
            role=pl.coalesce(
                "dated_role",
                pl.when(
                    (pl.col("entity_class") == "PER") & (pl.col("text_title_role").fill_null("") != "")
                ).then(pl.col("text_title")),
            ),
            country_code=pl.coalesce("dated_country", "country_code"),
            cameo_code=pl.coalesce("dated_cameo", "cameo_code"),
        )
        .sort("text_index", "start_char")
    )
    return (
        mentions.with_columns(mention_id=mention_ids(mentions), surface_form=pl.col("surface"))
        .select(list(MENTION_SCHEMA))
        .cast(pl.Schema(MENTION_SCHEMA))
    )


# ---------------------------------------------------------------- documents


def annotate_documents(docs: list[dict], dictionary: ActorDictionary) -> list[dict]:
    """Annotate plain documents with actor mentions, using exactly the code the nightly run uses.

    Each doc is {"id", "text", "published_at"?} (a datetime, a date or an ISO string); the result keeps
    the input order as {"id", "mentions": [{start, end, text, type, actor_id, canonical_name,
    country_code, code, role}]} with character offsets into the given text. A doc without text gets
    no mentions; a doc without "id" raises KeyError.
    """
    published: list[dt.datetime | None] = []
    for doc in docs:
        value = doc.get("published_at")
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time())
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        published.append(value)
    keys = [str(index) for index in range(len(docs))]
    articles = pl.DataFrame(
        {
            "article_id": keys,
            "run_id": ["annotate"] * len(docs),
            "title": [None] * len(docs),
            "body_text": [doc.get("text") for doc in docs],
            "published_at": published,
        },
        schema={
            "article_id": pl.String,
            "run_id": pl.String,
            "title": pl.String,
            "body_text": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
        },
    )
    mentions = detect_mentions(articles, dictionary)
    by_doc: dict[str, list[dict]] = {key: [] for key in keys}
    for row in mentions.iter_rows(named=True):
        by_doc[row["article_id"]].append(
            {
                "start": row["start_char"],
                "end": row["end_char"],
                "text": row["surface_form"],
                "type": row["entity_class"],
                "actor_id": row["actor_id"],
                "canonical_name": row["canonical_name"],
                "country_code": row["country_code"],
                "code": row["cameo_code"],
                "role": row["role"],
            }
        )
    return [{"id": doc["id"], "mentions": by_doc[key]} for doc, key in zip(docs, keys, strict=True)]


def given_name_keys() -> frozenset[str]:
    """The given names the person pattern accepts, as alias keys (exposed for tests and tooling)."""
    return frozenset(alias_key(name) for name in GIVEN_NAMES)
