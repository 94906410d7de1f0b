"""Scan texts into capitalised name runs with character offsets, sentence numbers and neighbouring words.

This is the one place that reads a text as a Python string: two regex passes per text find the runs;
splitting runs into words, dropping dates and trimming connectors happen in polars over the batch.
"""

from __future__ import annotations

import re

import polars as pl

from flows.core.actor_lexicon import (
    DOTTED_ABBREVIATIONS,
    HYPHEN_MODIFIERS,
    NAME_CONNECTORS,
    WEEKDAYS_AND_MONTHS,
)

_UPPER = "".join(
    re.escape(chr(code)) for code in range(0x41, 0x2000) if chr(code).isupper() and chr(code).isalpha()
)
_ABBREVIATIONS = "|".join(sorted((word.capitalize() for word in DOTTED_ABBREVIATIONS), key=len, reverse=True))
# One capitalised word: a dotted initialism ("U.S.", "C.K" without its last period), a dotted abbreviation ("Calif.", "Mr."), an initial
# ("M."), a capitalised word with inner apostrophes or hyphens ("O'Brien", "al-Sisi") but without a
# possessive 's unless a plural of people makes it part of a name ("People's Liberation Army"), or a
# camel-case brand ("iTunes"). A hyphenated modifier ends the word before its hyphen ("London-based").
_HYPHEN_PART = rf"[\-–](?!(?:{'|'.join(sorted(HYPHEN_MODIFIERS))})\b)\w+"
_CAP_WORD = (
    rf"(?:(?:People|Children|Women|Men)[’']s(?!\w)|[A-Z](?:\.[A-Z])+(?:\.|(?!\w))|(?=[A-Z])(?:{_ABBREVIATIONS})\.|[{_UPPER}]\.(?=[ \u00a0][{_UPPER}])"
    rf"|[{_UPPER}]\w*(?:[’'](?!s\b)\w+|{_HYPHEN_PART})*|[a-z]{{1,3}}[\-’'][{_UPPER}]\w*(?:{_HYPHEN_PART})*"
    rf"|[a-z]{{1,2}}[{_UPPER}]\w*)"
)
_CONNECTOR = "|".join(sorted(NAME_CONNECTORS, key=len, reverse=True))
# The lookaheads only fail early where no run can start (a lower-case word without a capital in its
# first four letters; an abbreviation is capitalised): about a quarter faster, the same runs.
_RUN_RE = re.compile(
    rf"(?<![\w.])(?=[{_UPPER}t]|[a-z]{{1,3}}[\-’'{_UPPER}])(?:[Tt]he[ \u00a0])?{_CAP_WORD}(?:[ \u00a0](?:(?:{_CONNECTOR})[ \u00a0]){{0,2}}{_CAP_WORD}(?!\w))*"
)
# The pattern opens with one character class, which lets `re` skip to the candidates (twice as fast as
# an alternation of lookarounds); the lookbehinds then test the text before that first mark.
_LOOKBEHINDS = "".join(rf"(?<!\b{word}[.!?])" for word in sorted(_ABBREVIATIONS.split("|")))
_SENTENCE_END_RE = re.compile(
    rf"[.!?\n](?:(?<=\n)\s*|{_LOOKBEHINDS}(?<!\b[A-Z][.!?])(?<!\.[A-Z][.!?])[.!?]*[\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]*[{_UPPER}0-9]))"
)
# What the text before a word ends with when the word opens a sentence (after an opening quote or bracket).
SENTENCE_OPENING_BEFORE_RE = r"(?:^|[.!?\n])[\s\u00a0\"'“‘(\[]*$"
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’()[]{}«»-–—…*"
_AMBIGUOUS_MONTHS = frozenset({"may", "april", "june", "august"})
_DATE_CONTEXT = frozenset({"in", "on", "since", "last", "next", "early", "late", "mid", "until", "by", "of"})

RUN_SCHEMA: dict[str, pl.DataType] = {
    "text_index": pl.Int32(),
    "run_start": pl.Int32(),
    "run_text": pl.String(),
    "sentence_index": pl.Int32(),
    "is_run_sentence_start": pl.Boolean(),
    "run_previous_word": pl.String(),
    "run_next_word": pl.String(),
    "run_gap_after": pl.String(),
}
RUN_TOKEN_SCHEMA: dict[str, pl.DataType] = {
    "text_index": pl.Int32(),
    "run_index": pl.Int64(),
    "token_position": pl.Int32(),
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "token": pl.String(),
    "lower": pl.String(),  # the token in lower case
    "is_connector": pl.Boolean(),
    "is_sentence_start": pl.Boolean(),
    "sentence_index": pl.Int32(),
    "previous_word": pl.String(),
    "next_word": pl.String(),
    "gap_after": pl.String(),
}


def scan_text(text: str) -> tuple[list[int], list[str], list[int]]:
    """Return one text's capitalised runs (start offsets and texts) and the offsets where sentences start.

    A run is a sequence of capitalised words separated by single spaces, with lower-case connectors
    ("of", "al", "the") allowed inside it. Empty text gives empty lists.
    """
    starts, run_texts = [], []
    for run in _RUN_RE.finditer(text):
        starts.append(run.start())
        run_texts.append(run.group())
    return starts, run_texts, sentence_starts(text)


def sentence_starts(text: str) -> list[int]:
    """Return the offsets where the second and later sentences of `text` start; empty text gives [].

    A sentence ends at ".", "!" or "?" (not an abbreviation's or an initial's) followed by spaces and a
    capital or a digit, and at every line break. This is the one sentence splitter: actor and date
    mentions both number their sentences by it.
    """
    return [match.end() for match in _SENTENCE_END_RE.finditer(text)]


def with_sentence_index(positions: pl.DataFrame, starts: pl.DataFrame, *, by: str, at: str) -> pl.DataFrame:
    """Add `sentence_index` (Int32, zero-based) to `positions`: the sentence of its text holding offset `at`.

    `starts` holds (`by`, sentence_start) as `sentence_starts` finds them, `by` naming the text in both
    frames. A position before a text's first sentence start, or in a text without starts, is in
    sentence 0. Rows keep their order.
    """
    numbered = starts.sort(by, "sentence_start").with_columns(
        sentence_index=pl.int_range(1, pl.len() + 1, dtype=pl.Int32).over(by)
    )
    return (
        positions.with_row_index("position_row")
        .sort(by, at)
        .join_asof(
            numbered,
            left_on=at,
            right_on="sentence_start",
            by=by,
            strategy="backward",
            check_sortedness=False,
        )
        .sort("position_row")
        .drop("position_row", "sentence_start")
        .with_columns(pl.col("sentence_index").fill_null(0))
    )


def scan_texts(texts: list[str | None]) -> pl.DataFrame:
    """Scan many texts into one frame of run words keyed by the text's index in the list; None counts as empty.

    Weekdays, months and market codes split runs ("Monday", "in May", "CMAL3"), connectors at a run's edges are dropped (a
    leading "the" stays, it may belong to a name), and words are numbered from 0 within each run.
    Only the two regex passes run per text in Python; sentence numbers and neighbouring words are
    joined and cut in polars.
    """
    run_text_index, run_starts, run_texts, sentence_text_index, sentence_start_offsets = [], [], [], [], []
    for text_index, text in enumerate(texts):
        if not text:
            continue
        starts, found, boundaries = scan_text(text)
        run_text_index += [text_index] * len(starts)
        run_starts += starts
        run_texts += found
        sentence_text_index += [text_index] * len(boundaries)
        sentence_start_offsets += boundaries
    runs = pl.DataFrame(
        {"text_index": run_text_index, "run_start": run_starts, "run_text": run_texts},
        schema={"text_index": pl.Int32, "run_start": pl.Int32, "run_text": pl.String},
    )
    sentences = pl.DataFrame(
        {"text_index": sentence_text_index, "sentence_start": sentence_start_offsets},
        schema={"text_index": pl.Int32, "sentence_start": pl.Int32},
    )
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String}).with_row_index("text_index")
    runs = with_sentence_index(runs, sentences, by="text_index", at="run_start").join(
        frame.with_columns(pl.col("text_index").cast(pl.Int32)), on="text_index"
    )
    run_end = pl.col("run_start") + pl.col("run_text").str.len_chars()
    before_start = (pl.col("run_start") - 30).clip(0)
    # cut once, read four times
    runs = runs.with_columns(
        before=pl.col("text").str.slice(before_start, pl.col("run_start") - before_start),
        after=pl.col("text").str.slice(run_end, 30),
    )
    before, after = pl.col("before"), pl.col("after")
    runs = runs.with_columns(
        is_run_sentence_start=before.str.contains(SENTENCE_OPENING_BEFORE_RE),
        # the last word before the run (edge punctuation stripped below, so it need not be matched)
        run_previous_word=before.str.extract(r"(\S+)\s*$")
        .str.strip_chars(_EDGE_PUNCTUATION)
        .str.to_lowercase()
        .fill_null(""),
        run_next_word=after.str.extract(r"^\s*(\S+)")
        .str.strip_chars(_EDGE_PUNCTUATION)
        .str.to_lowercase()
        .fill_null(""),
        run_gap_after=after.str.slice(0, 3),
    ).select(list(RUN_SCHEMA))
    return run_tokens(runs)


def run_tokens(runs: pl.DataFrame) -> pl.DataFrame:
    """Split runs (RUN_SCHEMA) into words with offsets, then split at dates and trim edge connectors.

    Rows stay in run order throughout, so per-run steps are global shifts and fills, not window joins.
    """
    lower = pl.col("lower")  # each word in lower case, computed once below and kept for the detector
    words = pl.col("run_text").str.replace_all("\u00a0", " ", literal=True).str.split(" ")
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    tokens = (
        runs.with_columns(
            run_id=pl.int_range(pl.len(), dtype=pl.Int64),
            token=words,
            run_length=words.list.len().cast(pl.Int32),
        )
        .explode("token")
        .with_columns(
            length=pl.col("token").str.len_chars().cast(pl.Int32), lower=pl.col("token").str.to_lowercase()
        )
        .with_columns(
            is_first=(pl.col("run_id") != pl.col("run_id").shift(1)).fill_null(True),
            # Running total of word lengths plus one space each, over all rows.
            reach=(pl.col("length") + 1).cum_sum(),
        )
        .with_columns(
            position=(row - pl.when("is_first").then(row).forward_fill()).cast(pl.Int32),
            offset=(
                pl.col("reach")
                - pl.col("length")
                - 1
                - pl.when("is_first").then(pl.col("reach") - pl.col("length") - 1).forward_fill()
            ).cast(pl.Int32),
        )
    )
    is_last = pl.col("position") == pl.col("run_length") - 1
    tokens = tokens.with_columns(
        start_char=pl.col("run_start") + pl.col("offset"),
        previous_word=pl.when(pl.col("position") == 0)
        .then(pl.col("run_previous_word"))
        .otherwise(lower.shift(1)),
        next_word=pl.when(is_last).then(pl.col("run_next_word")).otherwise(lower.shift(-1)),
        gap_after=pl.when(is_last).then(pl.col("run_gap_after")).otherwise(pl.lit(" ")),
        is_sentence_start=(pl.col("position") == 0) & pl.col("is_run_sentence_start"),
    ).with_columns(
        is_run_break=lower.is_in(list(WEEKDAYS_AND_MONTHS))
        | (
            lower.is_in(list(_AMBIGUOUS_MONTHS))
            & (pl.col("next_word").str.contains(r"^\d") | pl.col("previous_word").is_in(list(_DATE_CONTEXT)))
        )
        # a market code is no part of a name ("London Metal Exchange CMAL3")
        | pl.col("token").str.contains(r"^[A-Z]{4,}\d+$")  # not a call sign ("ABC7 Eyewitness News")
    )
    # A date word or a market code ends its run; the words after it start a new one.
    is_new_run = (pl.col("position") == 0) | pl.col("is_run_break").shift(1).fill_null(False)
    tokens = (
        tokens.with_columns(run_index=is_new_run.cum_sum().cast(pl.Int64))
        .filter(~pl.col("is_run_break"))
        .with_columns(
            # Only lower-case connectors: a capitalised "De" or "Al" inside a name is part of it.
            is_connector=(
                lower.is_in(list(NAME_CONNECTORS))
                & (pl.col("token") == lower)
                & (pl.col("run_index") == pl.col("run_index").shift(1))
            )
            | (lower == "the")
        )
    )
    # Trim connectors at both edges of each run (a leading "the" may belong to the name and stays).
    is_content = ~pl.col("is_connector")
    is_leading_ok = is_content | ((lower == "the") & (pl.col("run_index") != pl.col("run_index").shift(1)))
    content_run = pl.when(is_content).then(pl.col("run_index"))
    tokens = tokens.filter(
        (pl.when(is_leading_ok).then(pl.col("run_index")).forward_fill() == pl.col("run_index"))
        & (content_run.backward_fill() == pl.col("run_index"))
        & (content_run.forward_fill().fill_null(-1) == pl.col("run_index"))
        | (
            (lower == "the")
            & (pl.col("run_index") != pl.col("run_index").shift(1)).fill_null(True)
            & (content_run.backward_fill() == pl.col("run_index"))
        )
    )
    is_run_start = (pl.col("run_index") != pl.col("run_index").shift(1)).fill_null(True)
    row = pl.int_range(pl.len(), dtype=pl.Int32)
    return (
        tokens.with_columns(
            token_position=row - pl.when(is_run_start).then(row).forward_fill(),
            end_char=pl.col("start_char") + pl.col("length"),
            text_index=pl.col("text_index"),
        )
        .select(list(RUN_TOKEN_SCHEMA))
        .cast(pl.Schema(RUN_TOKEN_SCHEMA))
    )
