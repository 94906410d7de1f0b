"""Acronyms that a name defines in brackets, as that name's actor ("Armenian Revolutionary Federation (ARF)").

Pure polars: mentions in, mentions out. `link_defined_acronyms` runs inside `actors.detect_mentions` after
short forms are linked, so an acronym and its name count as one actor wherever the article uses either.
"""

from __future__ import annotations

import polars as pl

from flows.core.actor_names import ACTOR_DESCRIPTION, SPAN_KEY

# Right after a name: a space, then a bracketed word of capitals, with lower-case letters or "&" inside
# it ("(ARF)", "(MoD)", "(AT&T)"); digits and hyphens are codes, not acronyms ("(D-CA)", "(G7)").
_BRACKETED_ACRONYM_RE = r"^ \(([A-Z][A-Za-z&]*[A-Z])\)"
# Each word's first letter or digit: "Center for Radiation Therapy" -> "CfRT", "Ocasio-Cortez" -> "OC".
_WORD_RE = r"([\p{L}\p{N}])[\p{L}\p{N}]*[^\p{L}\p{N}]*"
_DEFINED_CONFIDENCE = 0.85  # as an in-article short form


def _definitions(mentions: pl.DataFrame, fields: pl.DataFrame) -> pl.DataFrame:
    """One row per (article, acronym) that exactly one actor's name defines in the article.

    The acronym's capitals must be initials of the name's words in order; words may be skipped
    ("Center for Radiation Therapy of Beverly Hills (RTBH)"), letters may not be invented, so a ticker
    is no acronym ("Tesla Motors (TSLA)").
    """
    names = (
        mentions.filter(pl.col("surface").str.contains(" "))
        .join(fields.select("text_index", "article_id", "text"), on="text_index")
        .with_columns(
            acronym=pl.col("text").str.slice(pl.col("end_char"), 16).str.extract(_BRACKETED_ACRONYM_RE, 1)
        )
        .drop("text")
        .filter(pl.col("acronym").is_not_null())
    )
    capitals = pl.col("acronym").str.replace_all("[^A-Z]", "")
    initials = pl.col("surface").str.replace_all(_WORD_RE, "$1").str.to_uppercase()
    return (
        names.with_columns(
            in_order=capitals.str.replace_all(r"(.)", "$1.*").str.strip_suffix(".*"), initials=initials
        )
        .filter(
            (capitals.str.len_chars() >= 2)
            & (capitals.str.len_chars() <= pl.col("initials").str.len_chars())
            & pl.col("initials").str.contains(pl.col("in_order"))
        )
        .select("article_id", "acronym", *ACTOR_DESCRIPTION, "is_known_actor", "start_char")
        .sort("article_id", "start_char")
        .unique(["article_id", "acronym", "actor_id"], keep="first", maintain_order=True)
        # Two names defining one acronym in an article leave it to the other rules.
        .filter(pl.len().over("article_id", "acronym") == 1)
        .drop("start_char")
    )


def link_defined_acronyms(mentions: pl.DataFrame, tokens: pl.DataFrame, fields: pl.DataFrame) -> pl.DataFrame:
    """Give every stand-alone use of a defined acronym in its article the defining name's actor.

    mentions: the detector's mention rows (SPAN_KEY, run and token position, sentence_index, surface, the
    actor's description, method, confidence, alias_kind, previous_word, next_word). tokens: the run tokens
    of the same texts (RUN_TOKEN_SCHEMA); fields: text_index, article_id and text.

    The local definition wins over the dictionary: "Armenian National Committee (ANC)" is not the African
    National Congress in that article. A use no other rule found becomes a mention ("RTBH provides care").
    A use is stand-alone when its run holds no other word but connectors ("the ARF", not "ARF Youth").
    """
    definitions = _definitions(mentions, fields)
    if definitions.height == 0:
        return mentions
    article_of = fields.select("text_index", "article_id")
    uses = (
        tokens.filter(pl.col("token").is_in(definitions["acronym"].unique().implode()))
        .join(article_of, on="text_index")
        .join(definitions, left_on=["article_id", "token"], right_on=["article_id", "acronym"])
    )
    run_words = (
        tokens.join(uses.select("text_index", "run_index").unique(), on=["text_index", "run_index"])
        .filter(~pl.col("is_connector"))
        .group_by("text_index", "run_index")
        .len("run_words")
    )
    rows = (
        uses.join(run_words, on=["text_index", "run_index"])
        .filter(pl.col("run_words") == 1)
        .with_columns(
            surface=pl.col("token"),
            method=pl.when(pl.col("is_known_actor")).then(pl.lit("dictionary")).otherwise(pl.lit("pattern")),
            confidence=pl.lit(_DEFINED_CONFIDENCE),
            alias_kind=pl.lit("coreference"),
        )
        .select(mentions.columns)
    )
    # Any mention the use overlaps gives way to it ("The ARF" at a sentence's start, a dictionary "ANC").
    overlapped = (
        mentions.select(*SPAN_KEY, "end_char")
        .join(
            rows.select(
                "text_index", pl.col("start_char").alias("use_start"), pl.col("end_char").alias("use_end")
            ),
            on="text_index",
        )
        .filter((pl.col("start_char") < pl.col("use_end")) & (pl.col("end_char") > pl.col("use_start")))
        .select(SPAN_KEY)
    )
    return pl.concat([mentions.join(overlapped, on=SPAN_KEY, how="anti"), rows], how="vertical_relaxed")
