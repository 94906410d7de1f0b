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
)
from flows.core.actor_names import alias_key_expr, slug_expr


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


def government_bodies(
    mentions: pl.DataFrame, texts: pl.DataFrame, aliases: pl.DataFrame, actors: pl.DataFrame
) -> pl.DataFrame:
    """Government bodies a country names become that country's own actors.

    "Russian Defence Ministry" (one name), "Azerbaijani Ministry of Defence" (a demonym before a dictionary
    name) and "Ministry of Foreign Affairs of Armenia" (a country after "of") become one mention; in "Iran's
    Foreign Ministry" the country keeps its own. Each gets gov:<iso3>-<kind> (or the curated actor it is,
    CURATED_GOVERNMENT_BODIES), the country's code and the body's CAMEO role. A demonym before "troops",
    "army" ... names the country's armed forces. Unqualified, a dictionary name stays what it is.
    """
    countries = (
        aliases.filter(
            pl.col("actor_id").str.starts_with("cty:")
            & pl.col("alias_kind").is_in(["name", "abbreviation", "demonym"])
        )
        .select(
            pl.col("alias_key").alias("qualifier_key"), pl.col("actor_id").str.slice(4).alias("body_country")
        )
        .unique()
        .unique("qualifier_key", keep="none")  # a key two countries share qualifies neither
    )
    key = alias_key_expr("surface")
    # Only names with a body's word are looked at (this runs on every organisation mention).
    body_words = "|".join(sorted({word for kind in GOVERNMENT_BODY_KINDS for word in kind.split()}))
    organisations = mentions.filter(
        (pl.col("entity_class") == "ORG") & key.str.contains(rf"\b(?:ministry|department|{body_words})\b")
    ).with_columns(body_kind=government_body_kind_expr(key))

    # One name: the country is its first one to three words ("Russian Defence Ministry", "Iran's Army") ...
    split = pl.concat(
        [
            organisations.filter(~pl.col("is_known_actor")).select(
                "text_index",
                "start_char",
                pl.lit(words).alias("qualifier_words"),
                key.str.replace(r"^the ", "")
                .str.extract(rf"^((?:\S+ ){{{words - 1}}}\S+?)(?:'s)? ", 1)
                .alias("qualifier_key"),
                government_body_kind_expr(
                    key.str.replace(r"^the ", "").str.extract(rf"^(?:\S+ ){{{words - 1}}}\S+ (.+)$", 1)
                ).alias("split_kind"),
            )
            for words in (1, 2, 3)
        ]
        + [  # ... or what follows its last "of" ("The Embassy of France")
            organisations.filter(~pl.col("is_known_actor")).select(
                "text_index",
                "start_char",
                pl.lit(0).alias("qualifier_words"),
                key.str.extract(r"^(?:the )?.+ of (?:the )?(.+)$", 1).alias("qualifier_key"),
                government_body_kind_expr(key.str.extract(r"^(?:the )?(.+) of (?:the )?.+$", 1)).alias(
                    "split_kind"
                ),
            )
        ]
    )
    named = (
        split.filter(pl.col("split_kind").is_not_null())
        .join(countries, on="qualifier_key")
        .sort("qualifier_words", descending=True)
        .unique(["text_index", "start_char"], keep="first")
        .select("text_index", "start_char", pl.col("split_kind").alias("kind"), "body_country")
    )

    # A country or its demonym right before a body, or after it and "of".
    qualifiers = mentions.filter(
        pl.col("actor_id").str.contains(r"^(?:cty|gov):[A-Z]{3}$")
        & pl.col("alias_kind").is_in(["name", "abbreviation", "demonym"])
    ).select(
        "text_index",
        pl.col("start_char").alias("country_start"),
        pl.col("end_char").alias("country_end"),
        pl.col("actor_id").str.slice(4).alias("body_country"),
        pl.col("alias_kind").alias("country_kind"),
    )
    # A dictionary body of the same country stays itself ("US Department of Homeland Security").
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
    # A country right before the body ("Azerbaijani Ministry of Defence") or after it and "of".
    # Joined on the exact gap, not on the text: a long text with many of both stays linear.
    gap_ahead = pl.concat(
        [qualifiers.with_columns(start_char=pl.col("country_end") + gap_length) for gap_length in (1, 2, 3)]
    )
    gap_behind = pl.concat(
        [
            qualifiers.filter(pl.col("country_kind") != "demonym").with_columns(
                end_char=pl.col("country_start") - gap_length
            )
            for gap_length in (4, 8)
        ]
    )
    before = (
        bodies.join(gap_ahead, on=["text_index", "start_char"])
        .join(texts, on="text_index")
        .with_columns(gap_start=pl.col("country_end"), gap_end=pl.col("start_char"))
        .with_columns(is_possessive=gap.is_in(["'s ", "’s "]))
        .filter((gap == " ") | pl.col("is_possessive"))
        .with_columns(new_start=pl.col("country_start"), new_end=pl.col("end_char"))
    )
    after = (
        bodies.join(gap_behind, on=["text_index", "end_char"])
        .join(texts, on="text_index")
        .with_columns(gap_start=pl.col("end_char"), gap_end=pl.col("country_start"))
        .filter(gap.is_in([" of ", " of the "]))
        .with_columns(new_start=pl.col("start_char"), new_end=pl.col("country_end"))
    )
    # Merged: the body's row takes the whole span; the country's row goes.
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
        [before.filter(~pl.col("is_possessive")).select(merge_columns), after.select(merge_columns)]
    ).unique(["text_index", "start_char"], keep="first")
    renamed = pl.concat(
        [
            named.with_columns(new_start=pl.col("start_char"), new_end=pl.lit(None, pl.Int64)),
            before.filter(pl.col("is_possessive")).select(
                "text_index",
                "start_char",
                "kind",
                "body_country",
                new_start="start_char",
                new_end=pl.lit(None, pl.Int64),
                kept_id=kept_id,
            ),
            merged.drop("drop_start"),
        ],
        how="diagonal_relaxed",
    ).unique(["text_index", "start_char"], keep="last")
    # A demonym before a lower-case military word ("Turkish troops") names the armed forces, unless it
    # names a people ("ethnic Armenian forces" in Nagorno-Karabakh were not Armenia's army).
    armed = mentions.filter(
        (pl.col("alias_kind") == "demonym")
        & pl.col("actor_id").str.starts_with("cty:")
        & pl.col("next_word").is_in(list(MILITARY_NOUNS))
        & (pl.col("previous_word").str.to_lowercase().fill_null("") != "ethnic")
    ).select(
        "text_index",
        "start_char",
        pl.col("next_word").replace_strict(MILITARY_NOUNS, return_dtype=pl.String).alias("kind"),
        pl.col("actor_id").str.slice(4).alias("body_country"),
        pl.col("start_char").alias("new_start"),
        pl.lit(None, pl.Int64).alias("new_end"),
    )
    # A lower-case body after a country: "the Russian defence ministry" is one mention; in "China's
    # foreign ministry" the country keeps its own and the body gets another.
    lower_bodies = (
        qualifiers.join(texts, on="text_index")
        .with_columns(
            tail=pl.col("text").str.slice(pl.col("country_end"), 50).str.extract_groups(LOWER_BODY_RE)
        )
        .unnest("tail")
        .filter(pl.col("body_words").is_not_null())
        .filter(
            ~pl.col("body_words").is_in(["military", "army", "navy"])
            | ~pl.col("next_word").str.contains(r"^[a-z]").fill_null(False)
            | pl.col("next_word").is_in(list(MILITARY_NOUN_FOLLOWERS))
        )
        .filter((pl.col("possessive").is_not_null()) != (pl.col("country_kind") == "demonym"))
        .with_columns(
            kind=government_body_kind_expr(pl.col("body_words")),
            body_start=pl.col("country_end") + pl.col("possessive").str.len_chars().fill_null(0) + 1,
        )
        .filter(pl.col("kind").is_not_null())
    )
    widened = lower_bodies.filter(pl.col("possessive").is_null()).select(
        "text_index",
        pl.col("country_start").alias("start_char"),
        "kind",
        "body_country",
        pl.col("country_start").alias("new_start"),
        (pl.col("body_start") + pl.col("body_words").str.len_chars()).cast(pl.Int64).alias("new_end"),
    )
    possessed_bodies = lower_bodies.filter(pl.col("possessive").is_not_null()).select(
        "text_index",
        pl.col("country_start").alias("start_char"),
        "kind",
        "body_country",
        pl.col("body_start").cast(pl.Int64).alias("new_start"),
        (pl.col("body_start") + pl.col("body_words").str.len_chars()).cast(pl.Int64).alias("new_end"),
        pl.lit(True).alias("is_added"),
    )
    renamed = pl.concat([renamed, widened, armed], how="diagonal_relaxed").unique(
        ["text_index", "start_char"], keep="first"
    )
    renamed = pl.concat([renamed, possessed_bodies], how="diagonal_relaxed").with_columns(
        pl.col("is_added").fill_null(False)
    )
    if renamed.height == 0:
        return mentions

    country_names = actors.filter(pl.col("actor_id").str.starts_with("cty:")).select(
        pl.col("actor_id").str.slice(4).alias("body_country"), pl.col("canonical_name").alias("country_name")
    )
    curated = actors.select(
        pl.col("actor_id").alias("curated_id"),
        pl.col("canonical_name").alias("curated_name"),
        pl.col("cameo_code").alias("curated_cameo"),
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
    renamed = (
        renamed.join(country_names, on="body_country", how="left")
        .with_columns(
            body_id=pl.coalesce("kept_id", generated_id.replace(CURATED_GOVERNMENT_BODIES)),
            body_name=kind_name
            + pl.lit(" (")
            + pl.col("country_name").fill_null(pl.col("body_country"))
            + pl.lit(")"),
            body_cameo=pl.col("body_country")
            + pl.col("kind").replace_strict(GOVERNMENT_BODY_ROLES, default="GOV", return_dtype=pl.String),
        )
        .join(curated, left_on="body_id", right_on="curated_id", how="left")
    )
    is_curated = pl.col("curated_name").is_not_null()
    renamed_mentions = (
        mentions.join(renamed, on=["text_index", "start_char"], how="inner")
        .join(texts, on="text_index")
        .with_columns(end_char=pl.coalesce("new_end", "end_char"))
        .with_columns(
            start_char=pl.col("new_start"),
            surface=pl.col("text").str.slice(pl.col("new_start"), pl.col("end_char") - pl.col("new_start")),
            actor_id=pl.col("body_id"),
            canonical_name=pl.when(is_curated).then("curated_name").otherwise("body_name"),
            actor_type=pl.lit("government"),
            entity_class=pl.lit("ORG"),
            country_code=pl.col("body_country"),
            cameo_code=pl.when(is_curated).then("curated_cameo").otherwise("body_cameo"),
            is_known_actor=is_curated,
            method=pl.when(is_curated).then(pl.lit("dictionary")).otherwise(pl.lit("pattern")),
        )
        .select(mentions.columns)
        .cast(mentions.schema)
    )
    gone = pl.concat(
        [
            renamed.filter(~pl.col("is_added")).select("text_index", "start_char"),
            merged.select("text_index", pl.col("drop_start").alias("start_char")),
        ]
    )
    return pl.concat([mentions.join(gone, on=["text_index", "start_char"], how="anti"), renamed_mentions])
