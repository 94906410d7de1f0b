"""People an article credits for its making (bylines, "Reporting by", photo credits): no actors in its news.

A reporter, editor or photographer named in a credit is the article's author, not somebody the news is
about; counted as an actor, each would appear in every article they write. Pure polars: mentions in,
mentions out. `drop_credited_people` runs inside `actors.detect_mentions` after every span is settled.
Only persons are dropped: a medium in a credit ("By Lisa Respers France, CNN") stays the source it is.
"""

from __future__ import annotations

import polars as pl

# A name in a credit: capitalised words, with the particles of surnames ("Koh Gui Qing", "Chavez-Dreyfuss",
# "Ursula von der Leyen").
_NAME = r"\p{Lu}[\p{L}\p{N}'’.\-]*(?:[ \u00a0]+(?:\p{Lu}[\p{L}\p{N}'’.\-]*|de|da|del|der|van|von|bin|al|dos|du|la|le))*"
# Names joined by commas, semicolons, "&" or "and", each maybe followed by where its author worked.
_NAMES = rf"{_NAME}(?:\s+in\s+{_NAME})?(?:\s*(?:,|;|&|\band\b)\s*(?:and\s+)?{_NAME}(?:\s+in\s+{_NAME})?)*"
# "Reporting by", "additional reporting by", "Editing by", ... (any case: "Reporting By", "editing by").
_ROLE_BY = (
    r"(?i:(?:(?:additional|further|with)\s+)?(?:reporting|writing|editing|compiled|research|photos?|"
    r"photographs?|photography|video|graphics|illustrations?|translation|translated|produced|contributing)"
    r"\s+by)"
)
_CREDIT_CUE = rf"(?:{_ROLE_BY}|(?i:by))"
# The photo credit's cue: "Photo", "Photograph", "Pictures", "Image", "Credit", "Photo credit".
_PHOTO_CUE = r"(?i:photo(?:graph)?s?|pictures?|images?|(?:photo\s+)?credits?)"
# A line that is all credit ("(Reporting by A, B in Moscow; Editing by C)", "By Andrew Oxlade for the Daily
# Mail", "By Lisa Respers France, CNN"): a credit cue and names, more cues and names, perhaps the outlet.
# Prose does not fit: "By Tuesday, Smith said" goes on with a lower-case word.
CREDIT_LINE_RE = (
    rf"^\s*[(\[]?\s*{_CREDIT_CUE}\s+{_NAMES}(?:\s*[,;]?\s*{_CREDIT_CUE}\s+{_NAMES})*"
    rf"(?:\s+(?i:for|of)\s+(?:the\s+)?{_NAME})?\s*[.)\]]*\s*$"
)
# Before a name in a photo credit: "Photo: ", "Photograph: ", "(Photo ", "AP Photo/", after a line's start,
# a sentence's end or a bracket, and maybe other names of the same credit.
PHOTO_CREDIT_BEFORE_RE = rf"(?:^|[.!?][\"”’]?\s+|\(\s*)(?:[A-Z]{{2,}}\s+)?{_PHOTO_CUE}\s*(?::|/|\s)\s*(?:{_NAME}\s*(?:,|&|\band\b)\s*)*$"
# After a name in a photo credit: more names, then the agency after a slash or dash ("/PA", " - WPA
# Pool/Getty Images", "/The Globe and Mail"), and the line's end. A dash before prose is no credit.
PHOTO_CREDIT_AFTER_RE = (
    rf"^(?:\s*(?:,|&|\band\b)\s*{_NAME})*"
    rf"(?:\s*[/–—-]\s*(?:{_NAME}|\b(?:and|of|the|via)\b|[/–—-]|[ \t])*)?[.)\]]?\s*$"
)
# After a name that is a line of its own: the page's next line says when it was published ("Amber Bracken"
# above "Published Thursday, Feb. 23, 2017").
PUBLISHED_LINE_AFTER_RE = (
    r"^[ \t]*\n\s*(?:Published|Updated|Last updated|Posted|First published|Last modified)\b"
)
# A text holds a credit only where one of these cues is in it: only its people are looked at closely.
# Separate patterns: one alternation of all four is a hundred times slower in the regex engine.
_CUES_IN_TEXT = (
    r"(?m:^[ \t]*[(\[]?[ \t]*(?i:by)[ \t]+\p{Lu})",
    _ROLE_BY,
    rf"{_PHOTO_CUE}(?:\s*[:/]|\s+\p{{Lu}})",
    r"\n\s*(?:Published|Updated|Last updated|Posted|First published|Last modified)\b",
)
_LINE_WIDTH = 240  # credit lines are short; a longer line is no credit


def _line_context(start: pl.Expr, end: pl.Expr) -> dict[str, pl.Expr]:
    """The mention's line before and after it, and the text after it.

    A line whose start is out of reach gets a NUL before it, so no rule's "^" takes the cut for its start.
    """
    slice_start = (start - _LINE_WIDTH).clip(0)
    before = pl.col("text").str.slice(slice_start, start - slice_start)
    line_before = before.str.extract(r"([^\n]*)$", 1)
    line_start_seen = (slice_start == 0) | before.str.contains("\n", literal=True)
    return {
        "line_before": pl.when(line_start_seen).then(line_before).otherwise(pl.lit("\x00") + line_before),
        "line_after": pl.col("text").str.slice(end, _LINE_WIDTH).str.extract(r"^([^\n]*)", 1),
        "text_after": pl.col("text").str.slice(end, _LINE_WIDTH),
    }


def drop_credited_people(mentions: pl.DataFrame, fields: pl.DataFrame) -> pl.DataFrame:
    """Drop the person mentions that stand in a byline, a credit line or a photo credit.

    mentions: the detector's rows (text_index, start_char, end_char, entity_class, ...); fields: text_index
    and text. A person is credited when their line is all credit, when a photo credit's cue comes before
    them ("Photo: Alex Ellinghausen", "(Photo Darren Staples - WPA Pool/Getty Images)"), or when their
    name is a line of its own above the line saying when the page was published.
    """
    has_cue = pl.any_horizontal(pl.col("text").str.contains(cue) for cue in _CUES_IN_TEXT)
    texts = fields.select("text_index", "text").filter(has_cue)
    people = mentions.filter(pl.col("entity_class") == "PER").select("text_index", "start_char", "end_char")
    if people.height == 0 or texts.height == 0:
        return mentions
    context = people.join(texts, on="text_index").with_columns(
        **_line_context(pl.col("start_char"), pl.col("end_char")),
        surface=pl.col("text").str.slice(pl.col("start_char"), pl.col("end_char") - pl.col("start_char")),
    )
    whole_line = pl.concat_str("line_before", "surface", "line_after")
    is_credit_line = whole_line.str.contains(CREDIT_LINE_RE)
    is_photo_credit = pl.col("line_before").str.contains(PHOTO_CREDIT_BEFORE_RE) & pl.col(
        "line_after"
    ).str.contains(PHOTO_CREDIT_AFTER_RE)
    is_header_byline = pl.col("line_before").str.contains(r"^\s*$") & pl.col("text_after").str.contains(
        PUBLISHED_LINE_AFTER_RE
    )
    credited = context.filter(is_credit_line | is_photo_credit | is_header_byline).select(
        "text_index", "start_char"
    )
    return mentions.join(credited, on=["text_index", "start_char"], how="anti", maintain_order="left")
