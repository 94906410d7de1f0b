"""Government bodies that a country names, as that country's own actors ("Russian Defence Ministry").

Pure polars: mentions in, mentions out. `government_bodies` runs inside `actors.detect_mentions` on the
mentions of the dictionary, pattern and short-form steps; `aliases` and `actors` are the dictionary's.
"""

from __future__ import annotations

import polars as pl

from flows.core.actor_lexicon import (
    CURATED_GOVERNMENT_BODIES,
    GOVERNMENT_BODY_KINDS,
    GOVERNMENT_BODY_NAMES,
    GOVERNMENT_BODY_ROLES,
    LOWER_BODY_RE,
    MILITARY_NOUN_FOLLOWERS,
    MILITARY_NOUNS,
    MINISTRY_TOPIC_SYNONYMS,
    NOUN_OR_ADJECTIVE_BODIES,
)
from flows.core.actor_names import alias_key_expr, replace_spans, slug_expr

# Alias kinds that name a country ("Armenia", "U.S.", "Armenian"); capitals and metonyms name its
# government or a place, not the country a body belongs to.
_COUNTRY_NAMING_KINDS = ("name", "abbreviation", "demonym")
# What stands between a country and its body: "Azerbaijani Ministry of Defence", "Iran's Foreign
# Ministry"; and between a body and its country: "Ministry of Foreign Affairs of (the) Armenia".
_GAPS_BEFORE_BODY = (" ", "'s ", "’s ")
_GAPS_AFTER_BODY = (" of ", " of the ")
_OFFSET = pl.Int32  # character offsets, as in MENTION_SCHEMA


def government_body_kind_expr(name_key: pl.Expr) -> pl.Expr:
    """The kind of government body an alias key names ("defence-ministry", "army"), or null."""
    name = name_key.str.replace(r"^the ", "")
    # Ministries only: "X Department" names US federal and city bodies ("Lebanon Police Department", Ohio).
    topic = pl.coalesce(
        name.str.extract(r"^ministry (?:of|for) ([a-z][a-z ,'&-]*)$", 1),
        name.str.extract(r"^([a-z][a-z '&-]*?) ministry$", 1),
    ).replace(MINISTRY_TOPIC_SYNONYMS)
    return pl.coalesce(
        name.replace_strict(GOVERNMENT_BODY_KINDS, default=None, return_dtype=pl.String),
        slug_expr(topic) + pl.lit("-ministry"),
    )


def _country_code_expr(actor_id: str = "actor_id") -> pl.Expr:
    """The ISO-3 code of a cty:/gov: id ("cty:ARM" -> "ARM")."""
    return pl.col(actor_id).str.slice(4)


def government_bodies(
    mentions: pl.DataFrame, texts: pl.DataFrame, aliases: pl.DataFrame, actors: pl.DataFrame
) -> pl.DataFrame:
    """Government bodies a country names become that country's own actors.

    "Russian Defence Ministry" (one name), "Azerbaijani Ministry of Defence" (a demonym before a dictionary
    name), "Ministry of Foreign Affairs of Armenia" (a country after "of") and "the Russian defence
    ministry" (a lower-case body) become one mention; in "Iran's Foreign Ministry" and "China's foreign
    ministry" the country keeps its own. Each gets gov:<iso3>-<kind> (or the curated actor it is,
    CURATED_GOVERNMENT_BODIES), the country's code and the body's CAMEO role. A demonym before "troops",
    "forces" ... names the country's armed forces. Unqualified, a dictionary name stays what it is.
    Mentions without such a body come back unchanged.
    """
    # Only names with a body's word are looked at (this runs on every organisation mention).
    key = alias_key_expr("surface")
    body_words = "|".join(sorted({word for kind in GOVERNMENT_BODY_KINDS for word in kind.split()}))
    organisations = (
        mentions.filter(pl.col("entity_class") == "ORG")
        .filter(key.str.contains(rf"\b(?:ministry|department|{body_words})\b"))
        .with_columns(body_kind=government_body_kind_expr(key))
    )
    qualifiers = (
        mentions.filter(pl.col("alias_kind").is_in(list(_COUNTRY_NAMING_KINDS))).filter(
            pl.col("actor_id").str.contains(r"^(?:cty|gov):[A-Z]{3}$")
        )
    ).select(
        "text_index",
        pl.col("start_char").alias("country_start"),
        pl.col("end_char").alias("country_end"),
        _country_code_expr().alias("body_country"),
        pl.col("alias_kind").alias("country_kind"),
    )
    merged, possessed = _bodies_beside_a_country(organisations, qualifiers, texts)
    widened, possessed_lower = _lower_case_bodies(qualifiers, texts)
    # Each mention becomes one body at most; the first reading listed wins.
    readings = [
        merged.drop("drop_start"),
        possessed,
        _bodies_naming_their_country(organisations, key, _country_words(aliases)),
        widened,
        _armed_forces(mentions),
    ]
    located = (
        pl.concat(
            [reading.with_columns(rank=pl.lit(rank)) for rank, reading in enumerate(readings)],
            how="diagonal_relaxed",
        )
        .sort("rank")
        .unique(["text_index", "start_char"], keep="first")
        .drop("rank")
        .with_columns(is_added=pl.lit(False))
    )
    # A lower-case body after a possessive is a mention of its own beside the country's.
    located = pl.concat(
        [located, possessed_lower.with_columns(is_added=pl.lit(True))], how="diagonal_relaxed"
    )
    if located.height == 0:
        return mentions

    bodies = (
        mentions.join(_body_actors(located, actors), on=["text_index", "start_char"], how="inner")
        .join(texts, on="text_index")
        .with_columns(end_char=pl.coalesce("new_end", "end_char"))
        .with_columns(
            start_char=pl.col("new_start"),
            surface=pl.col("text").str.slice(pl.col("new_start"), pl.col("end_char") - pl.col("new_start")),
            actor_id=pl.col("body_id"),
            canonical_name=pl.col("body_name"),
            actor_type=pl.lit("government"),
            entity_class=pl.lit("ORG"),
            country_code=pl.col("body_country"),
            cameo_code=pl.col("body_cameo"),
            is_known_actor=pl.col("is_curated"),
            method=pl.when(pl.col("is_curated")).then(pl.lit("dictionary")).otherwise(pl.lit("pattern")),
        )
        .select(mentions.columns)
        .cast(mentions.schema)
    )
    gone = pl.concat(
        [
            located.filter(~pl.col("is_added")).select("text_index", "start_char"),
            merged.select("text_index", pl.col("drop_start").alias("start_char")),
        ]
    )
    return replace_spans(mentions, gone, bodies)


def _country_words(aliases: pl.DataFrame) -> pl.DataFrame:
    """Keys of the words that name one country each ("armenian" -> ARM); a key two countries share is dropped."""
    return (
        aliases.filter(
            pl.col("actor_id").str.starts_with("cty:")
            & pl.col("alias_kind").is_in(list(_COUNTRY_NAMING_KINDS))
        )
        .select(pl.col("alias_key").alias("qualifier_key"), _country_code_expr().alias("body_country"))
        .unique()
        .unique("qualifier_key", keep="none")
    )


def _bodies_naming_their_country(
    organisations: pl.DataFrame, key: pl.Expr, countries: pl.DataFrame
) -> pl.DataFrame:
    """Unknown names that hold their country: its first one to three words ("Russian Defence Ministry",
    "Iran's Army", "South Korean Navy") or what follows their last "of" ("The Embassy of France").
    """
    unknown = organisations.filter(~pl.col("is_known_actor"))
    name = key.str.replace(r"^the ", "")
    splits = [
        unknown.select(
            "text_index",
            "start_char",
            pl.lit(words).alias("qualifier_words"),
            name.str.extract(rf"^((?:\S+ ){{{words - 1}}}\S+?)(?:'s)? ", 1).alias("qualifier_key"),
            government_body_kind_expr(name.str.extract(rf"^(?:\S+ ){{{words - 1}}}\S+ (.+)$", 1)).alias(
                "kind"
            ),
        )
        for words in (1, 2, 3)
    ]
    splits.append(
        unknown.select(
            "text_index",
            "start_char",
            pl.lit(0).alias("qualifier_words"),
            name.str.extract(r"^.+ of (?:the )?(.+)$", 1).alias("qualifier_key"),
            government_body_kind_expr(name.str.extract(r"^(.+) of (?:the )?.+$", 1)).alias("kind"),
        )
    )
    return (
        pl.concat(splits)
        .filter(pl.col("kind").is_not_null())
        .join(countries, on="qualifier_key")
        # the longest country wins ("South Korean" over "South")
        .sort("qualifier_words", descending=True)
        .unique(["text_index", "start_char"], keep="first")
        .select(
            "text_index",
            "start_char",
            "kind",
            "body_country",
            pl.col("start_char").alias("new_start"),
            pl.lit(None, _OFFSET).alias("new_end"),
        )
    )


def _bodies_beside_a_country(
    organisations: pl.DataFrame, qualifiers: pl.DataFrame, texts: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Bodies with a country right before them or after "of": merged into one mention, with the
    country's start to drop ("Azerbaijani Ministry of Defence", "Ministry of Defence of Azerbaijan"), and
    bodies after a possessive country, which keeps its mention ("Iran's Foreign Ministry").

    A dictionary body of the same country stays itself ("US Department of Homeland Security"). The joins
    are on exact gaps, not on the text, so a long text with many of both stays linear.
    """
    bodies = organisations.filter(pl.col("body_kind").is_not_null()).select(
        "text_index",
        "start_char",
        "end_char",
        pl.col("body_kind").alias("kind"),
        pl.when(pl.col("is_known_actor")).then(pl.col("actor_id")).alias("known_body_id"),
        pl.col("country_code").alias("known_body_country"),
    )
    kept_id = pl.when(pl.col("known_body_country") == pl.col("body_country")).then(pl.col("known_body_id"))
    gap = pl.col("text").str.slice(pl.col("gap_start"), pl.col("gap_end") - pl.col("gap_start"))
    gap_lengths_before = sorted({len(between) for between in _GAPS_BEFORE_BODY})
    before = (
        bodies.join(
            pl.concat(
                [
                    qualifiers.with_columns(start_char=pl.col("country_end") + length)
                    for length in gap_lengths_before
                ]
            ),
            on=["text_index", "start_char"],
        )
        .join(texts, on="text_index")
        .with_columns(gap_start=pl.col("country_end"), gap_end=pl.col("start_char"))
        .filter(gap.is_in(list(_GAPS_BEFORE_BODY)))
        .with_columns(is_possessive=gap != " ")
    )
    after = (
        bodies.join(
            pl.concat(
                [
                    qualifiers.filter(pl.col("country_kind") != "demonym").with_columns(
                        end_char=pl.col("country_start") - len(between)
                    )
                    for between in _GAPS_AFTER_BODY
                ]
            ),
            on=["text_index", "end_char"],
        )
        .join(texts, on="text_index")
        .with_columns(gap_start=pl.col("end_char"), gap_end=pl.col("country_start"))
        .filter(gap.is_in(list(_GAPS_AFTER_BODY)))
    )
    merge_columns = [
        "text_index",
        "start_char",
        "new_start",
        "new_end",
        "kind",
        "body_country",
        pl.col("country_start").alias("drop_start"),
        kept_id.alias("kept_id"),
    ]
    merged = pl.concat(
        [
            before.filter(~pl.col("is_possessive"))
            .with_columns(new_start=pl.col("country_start"), new_end=pl.col("end_char"))
            .select(merge_columns),
            after.with_columns(new_start=pl.col("start_char"), new_end=pl.col("country_end")).select(
                merge_columns
            ),
        ]
    ).unique(["text_index", "start_char"], keep="first")
    possessed = before.filter(pl.col("is_possessive")).select(
        "text_index",
        "start_char",
        "kind",
        "body_country",
        new_start="start_char",
        new_end=pl.lit(None, _OFFSET),
        kept_id=kept_id,
    )
    return merged, possessed


def _lower_case_bodies(qualifiers: pl.DataFrame, texts: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Lower-case bodies right after a country: after a demonym they widen its mention ("the Russian
    defence ministry"); after a possessive they get one of their own ("China's foreign ministry").

    "military", "army" and "navy" count only as nouns: before another noun they are adjectives or idioms
    ("Azerbaijan's military operation", "a Swiss army knife").
    """
    found = (
        qualifiers.join(texts, on="text_index")
        .with_columns(
            tail=pl.col("text").str.slice(pl.col("country_end"), 50).str.extract_groups(LOWER_BODY_RE)
        )
        .unnest("tail")
        .filter(pl.col("body_words").is_not_null())
        .filter(
            ~pl.col("body_words").is_in(list(NOUN_OR_ADJECTIVE_BODIES))
            | ~pl.col("next_word").str.contains(r"^[a-z]").fill_null(False)
            | pl.col("next_word").is_in(list(MILITARY_NOUN_FOLLOWERS))
        )
        # a demonym takes no possessive, a country's name needs one ("Armenia foreign ministry" is no body)
        .with_columns(is_possessive=pl.col("possessive").is_not_null())
        .filter(pl.col("is_possessive") != (pl.col("country_kind") == "demonym"))
        .with_columns(
            kind=government_body_kind_expr(pl.col("body_words")),
            body_start=pl.col("country_end") + pl.col("possessive").str.len_chars().fill_null(0) + 1,
        )
        .filter(pl.col("kind").is_not_null())
        .with_columns(body_end=pl.col("body_start") + pl.col("body_words").str.len_chars())
    )
    widened = found.filter(~pl.col("is_possessive")).select(
        "text_index",
        pl.col("country_start").alias("start_char"),
        "kind",
        "body_country",
        pl.col("country_start").alias("new_start"),
        pl.col("body_end").cast(_OFFSET).alias("new_end"),
    )
    possessed = found.filter(pl.col("is_possessive")).select(
        "text_index",
        pl.col("country_start").alias("start_char"),
        "kind",
        "body_country",
        pl.col("body_start").cast(_OFFSET).alias("new_start"),
        pl.col("body_end").cast(_OFFSET).alias("new_end"),
    )
    return widened, possessed


def _armed_forces(mentions: pl.DataFrame) -> pl.DataFrame:
    """Demonyms before a lower-case military word ("Turkish troops"), which name the armed forces, unless
    they name a people ("ethnic Armenian forces" in Nagorno-Karabakh were not Armenia's army).
    """
    return mentions.filter(
        (pl.col("alias_kind") == "demonym")
        & pl.col("actor_id").str.starts_with("cty:")
        & pl.col("next_word").is_in(list(MILITARY_NOUNS))
        & (pl.col("previous_word").str.to_lowercase().fill_null("") != "ethnic")
    ).select(
        "text_index",
        "start_char",
        pl.col("next_word").replace_strict(MILITARY_NOUNS, return_dtype=pl.String).alias("kind"),
        _country_code_expr().alias("body_country"),
        pl.col("start_char").alias("new_start"),
        pl.lit(None, _OFFSET).alias("new_end"),
    )


def _body_actors(located: pl.DataFrame, actors: pl.DataFrame) -> pl.DataFrame:
    """Give each located body its actor: the dictionary's where it has one (kept, or through
    CURATED_GOVERNMENT_BODIES), else gov:<iso3>-<kind> named "<Kind name> (<Country>)".
    """
    country_names = actors.filter(pl.col("actor_id").str.starts_with("cty:")).select(
        _country_code_expr().alias("body_country"), pl.col("canonical_name").alias("country_name")
    )
    dictionary_actors = actors.select(
        pl.col("actor_id").alias("body_id"),
        pl.col("canonical_name").alias("dictionary_name"),
        pl.col("cameo_code").alias("dictionary_cameo"),
    )
    kind_name = pl.coalesce(
        pl.col("kind").replace_strict(GOVERNMENT_BODY_NAMES, default=None, return_dtype=pl.String),
        pl.when(pl.col("kind").str.ends_with("-ministry")).then(
            pl.lit("Ministry of ")
            + pl.col("kind").str.strip_suffix("-ministry").str.replace_all("-", " ").str.to_titlecase()
        ),
        pl.col("kind").str.replace_all("-", " ").str.to_titlecase(),
    )
    generated_id = pl.lit("gov:") + pl.col("body_country").str.to_lowercase() + pl.lit("-") + pl.col("kind")
    generated_name = (
        kind_name + pl.lit(" (") + pl.col("country_name").fill_null(pl.col("body_country")) + pl.lit(")")
    )
    generated_cameo = pl.col("body_country") + pl.col("kind").replace_strict(
        GOVERNMENT_BODY_ROLES, default="GOV", return_dtype=pl.String
    )
    return (
        located.join(country_names, on="body_country", how="left")
        .with_columns(body_id=pl.coalesce("kept_id", generated_id.replace(CURATED_GOVERNMENT_BODIES)))
        .join(dictionary_actors, on="body_id", how="left")
        .with_columns(is_curated=pl.col("dictionary_name").is_not_null())
        .with_columns(
            body_name=pl.coalesce("dictionary_name", generated_name),
            body_cameo=pl.when(pl.col("is_curated")).then("dictionary_cameo").otherwise(generated_cameo),
        )
    )


def link_unqualified_bodies(mentions: pl.DataFrame, fields: pl.DataFrame) -> pl.DataFrame:
    """An unqualified ministry ("the Ministry of Foreign Affairs") in an article that names exactly one
    country's ministry of that kind ("the Ministry of Foreign Affairs of Kazakhstan") is that ministry,
    as a short form is its person; with none or several such ministries it stays what it was. (Courts,
    chambers and forces are not linked so: "In Yerevan the Supreme Court" after "the Supreme Court of
    Azerbaijan" is another country's; a chamber's bare name has its own rule.)

    `fields` maps text_index to article_id. Linked mentions keep their span and take the body's actor
    columns, with alias_kind "coreference".
    """
    body_kind = government_body_kind_expr(alias_key_expr("surface"))
    article_of = fields.select("text_index", "article_id")
    unqualified = (
        mentions.filter(
            (pl.col("entity_class") == "ORG")
            & pl.col("country_code").is_null()
            & ~pl.col("actor_id").str.starts_with("gov:")
        )
        .with_columns(body_kind=body_kind)
        .filter(pl.col("body_kind").str.ends_with("-ministry"))
    )
    if unqualified.height == 0:
        return mentions
    described = ["actor_id", "canonical_name", "actor_type", "country_code", "cameo_code", "is_known_actor"]
    owned = (
        mentions.with_columns(body_kind=pl.col("actor_id").str.extract(r"^gov:[a-z]{3}-(.+)$", 1))
        .filter(pl.col("body_kind").is_not_null())
        .join(article_of, on="text_index")
        .select("article_id", "body_kind", *described)
        .unique(["article_id", "body_kind", "actor_id"], keep="first", maintain_order=True)
        .filter(pl.len().over("article_id", "body_kind") == 1)  # one country's body of that kind only
    )
    linked = (
        unqualified.join(article_of, on="text_index")
        .drop(described)
        .join(owned, on=["article_id", "body_kind"])
        .with_columns(alias_kind=pl.lit("coreference"), confidence=pl.lit(0.85))
        .select(mentions.columns)
        .cast(mentions.schema)
    )
    return replace_spans(mentions, linked, linked)
