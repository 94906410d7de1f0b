"""Scan texts into capitalised name runs with character offsets, sentence numbers and neighbouring words.

This is the one place that reads a text as a string (two regex passes per text); everything after it
works on the resulting polars frames.
"""

from __future__ import annotations

import bisect
import re

import polars as pl

from flows.core.actor_lexicon import DOTTED_ABBREVIATIONS, NAME_CONNECTORS, WEEKDAYS_AND_MONTHS

_UPPER = "".join(
    re.escape(chr(code)) for code in range(0x41, 0x2000) if chr(code).isupper() and chr(code).isalpha()
)
_ABBREVIATIONS = "|".join(sorted((word.capitalize() for word in DOTTED_ABBREVIATIONS), key=len, reverse=True))
# One capitalised word: a dotted initialism ("U.S."), a dotted abbreviation ("Calif.", "Mr."), an initial
# ("M."), a capitalised word with inner apostrophes or hyphens ("O'Brien", "al-Sisi") but without a
# possessive 's, or a camel-case brand ("iTunes").
_CAP_WORD = (
    rf"(?:(?:[A-Z]\.){{2,}}|(?:{_ABBREVIATIONS})\.|[{_UPPER}]\.(?=[ \u00a0][{_UPPER}])"
    rf"|[{_UPPER}]\w*(?:[’'](?!s\b)\w+|[\-–]\w+)*|[a-z]{{1,2}}[{_UPPER}]\w*)"
)
_CONNECTOR = "|".join(sorted(NAME_CONNECTORS, key=len, reverse=True))
_RUN_RE = re.compile(
    rf"(?<![\w.])(?:[Tt]he[ \u00a0])?{_CAP_WORD}(?:[ \u00a0](?:(?:{_CONNECTOR})[ \u00a0]){{0,2}}{_CAP_WORD}(?!\w))*"
)
_TOKEN_RE = re.compile(rf"{_CAP_WORD}|\w+")
_LOOKBEHINDS = "".join(rf"(?<!\b{word})" for word in sorted(_ABBREVIATIONS.split("|")))
_SENTENCE_END_RE = re.compile(
    rf"(?:(?=[.!?]){_LOOKBEHINDS}(?<!\b[A-Z])(?<!\.[A-Z])[.!?]+[\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]*[{_UPPER}0-9]))|\n\s*"
)
_PREVIOUS_WORD_RE = re.compile(r"(\w+)\W*$")
_NEXT_WORD_RE = re.compile(r"^\W*?(\w+)")
_AMBIGUOUS_MONTHS = frozenset({"may", "april", "june", "august"})
_DATE_CONTEXT = frozenset({"in", "on", "since", "last", "next", "early", "late", "mid", "until", "by", "of"})

RUN_TOKEN_SCHEMA: dict[str, pl.DataType] = {
    "text_index": pl.Int32(),
    "run_index": pl.Int32(),
    "token_position": pl.Int32(),
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "token": pl.String(),
    "is_connector": pl.Boolean(),
    "is_sentence_start": pl.Boolean(),
    "sentence_index": pl.Int32(),
    "previous_word": pl.String(),
    "next_word": pl.String(),
    "gap_before": pl.String(),
    "gap_after": pl.String(),
}


def _is_date_word(lower: str, previous_lower: str, next_word: str) -> bool:
    if lower in WEEKDAYS_AND_MONTHS:
        return True
    return lower in _AMBIGUOUS_MONTHS and (next_word[:1].isdigit() or previous_lower in _DATE_CONTEXT)


def scan_text(text: str) -> list[tuple]:
    """Return the tokens of one text's capitalised runs as tuples in RUN_TOKEN_SCHEMA order, minus text_index.

    A run is a sequence of capitalised words separated by single spaces, with lower-case connectors
    ("of", "al", "the") allowed inside it; weekdays and months split runs. Empty text gives an empty list.
    """
    sentence_starts = [match.end() for match in _SENTENCE_END_RE.finditer(text)]
    rows: list[tuple] = []
    run_index = 0
    for run in _RUN_RE.finditer(text):
        run_start, run_end = run.span()
        before = text[max(0, run_start - 40) : run_start]
        previous = _PREVIOUS_WORD_RE.search(before)
        previous_lower = previous.group(1).lower() if previous else ""
        stripped = before.rstrip(" \u00a0\"'“‘([")
        is_first_sentence_start = stripped == "" or stripped[-1] in ".!?\n"
        sentence_index = bisect.bisect_right(sentence_starts, run_start)
        after = text[run_end : run_end + 40]
        following = _NEXT_WORD_RE.search(after)
        next_lower = following.group(1).lower() if following else ""
        tokens = [
            (match.start(), match.end(), match.group())
            for match in _TOKEN_RE.finditer(text, run_start, run_end)
        ]
        count = len(tokens)
        current: list[tuple] = []
        for position, (start, end, word) in enumerate(tokens):
            lower = word.lower()
            previous_word = tokens[position - 1][2].lower() if position else previous_lower
            next_word = tokens[position + 1][2].lower() if position + 1 < count else next_lower
            if _is_date_word(lower, previous_word, next_word):
                run_index = _close_run(rows, current, run_index)
                current = []
                continue
            is_connector = lower in NAME_CONNECTORS and (position or lower == "the")
            current.append(
                (
                    start,
                    end,
                    word,
                    bool(is_connector),
                    position == 0 and is_first_sentence_start,
                    sentence_index,
                    previous_word,
                    next_word,
                    text[max(0, start - 3) : start] if not current else " ",
                    after[:3] if position + 1 == count else " ",
                )
            )
        run_index = _close_run(rows, current, run_index)
    return rows


def _close_run(rows: list[tuple], run_tokens: list[tuple], run_index: int) -> int:
    """Append a finished run without its edge connectors (but a leading "the"); return the next run number."""
    while run_tokens and run_tokens[-1][3]:
        run_tokens.pop()
    while run_tokens and run_tokens[0][3] and run_tokens[0][2].lower() != "the":
        run_tokens.pop(0)
    if not run_tokens or all(token[3] for token in run_tokens):
        return run_index
    for position, token in enumerate(run_tokens):
        rows.append((run_index, position, *token))
    return run_index + 1


def scan_texts(texts: list[str | None]) -> pl.DataFrame:
    """Scan many texts into one frame of run tokens keyed by the text's index in the list; None counts as empty."""
    columns: list[list] = [[] for _ in RUN_TOKEN_SCHEMA]
    append_text_index = columns[0].append
    row_columns = columns[1:]
    for text_index, text in enumerate(texts):
        if not text:
            continue
        for row in scan_text(text):
            append_text_index(text_index)
            for column, value in zip(row_columns, row, strict=True):
                column.append(value)
    return pl.DataFrame(dict(zip(RUN_TOKEN_SCHEMA, columns, strict=True)), schema=RUN_TOKEN_SCHEMA)
