"""People an article credits for its making (bylines, "Reporting by", photo credits): no actors in its news.

A reporter, editor or photographer named in a credit is the article's author, not somebody the news is
about; counted as an actor, each would appear in every article they write. Pure polars: mentions in,
mentions out. `drop_credited_people` runs inside `actors.detect_mentions` once persons' spans are settled.
Only persons the dictionary does not know are dropped: a politician's op-ed ("By Antony Blinken") or a
caption naming a leader ("Photo: Nikol Pashinyan") keeps them, and a medium in a credit ("By Lisa Respers
France, CNN") stays the source it is.
"""

from __future__ import annotations

import polars as pl

# A name in a credit: capitalised words, with the particles of surnames ("Koh Gui Qing", "Chavez-Dreyfuss",
# "Ursula von der Leyen").
_NAME = (
    r"\p{Lu}[\p{L}\p{N}'’.\-]*"
    r"(?:[ \u00a0]+(?:\p{Lu}[\p{L}\p{N}'’.\-]*|de|da|del|der|van|von|bin|al|dos|du|la|le))*"
)
# Where a credited author worked: "in Moscow", "at the United Nations", "aboard Air Force One".
_PLACE = rf"\s+(?:in|at|from|aboard)\s+(?:the\s+)?{_NAME}"
_SEPARATOR = r"(?:[,;&]|\band\b)"
# Whole words, so that "By Mark Trevelyan" or "By Jane Doe" is no date.
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_WEEKDAY = r"(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?"
# "Reporting by", "additional reporting by", "Editing by", "With assistance from", "Author:" (any case).
_ROLE_CUE = (
    r"(?i:(?:(?:additional|further|with)\s+)?(?:reporting|writing|editing|compiled|research|photos?|"
    r"photographs?|photography|video|graphics|illustrations?|contributing|written|edited|reported|story|"
    r"interviews?|posted|text)\s+by\s*:?|(?:with\s+)?(?:additional\s+)?assistance\s+from|(?:authors?|reporter)\s*:"
    r"|to\s+contact\s+the\s+(?:reporters?|editors?)\s+(?:responsible\s+)?(?:on|for)\s+this\s+story\s*:)"
)
_CREDIT_CUE = rf"(?:{_ROLE_CUE}|(?i:by)\s*:?)"
# The photo credit's cue: "Photo", "Photograph", "Pictures", "Image", "Credit", "Photo credit".
_PHOTO_CUE = r"(?i:photo(?:graph)?s?|pictures?|pics?|images?|(?:photo\s+|image\s+)?credits?)"

# Before a credited name: a line opening with a credit cue ("By ", "(Reporting by A, "), or a bracket
# opening one inside a line ("... would continue. (Reporting by "), then names, places, separators, cues.
CREDIT_BEFORE_RE = (
    rf"(?:^\s*[(\[]?\s*(?:-{{1,2}}\s*)?{_CREDIT_CUE}|[(\[]\s*{_ROLE_CUE})"
    rf"(?:\s*(?:{_NAME}|{_PLACE}|{_CREDIT_CUE}|{_SEPARATOR}))*\s*$"
)
# How a byline may end after its names: "| Fox News", "- 09/20/23 6:00 AM ET", "on September 20, 2023",
# "• 3 min read", "(Reuters)", ", Diplomatic correspondent", ", Special to The Washington Post", "with
# AP, AFP", "for the Daily Mail".
_BYLINE_TAIL = (
    r"(?:\s*[|•·][^\n]*"
    r"|\s*[-–—]\s*\d[^\n]*"
    rf"|\s*[-–—]\s*{_NAME}"
    rf"|\s*,\s*(?:{_MONTH}|{_WEEKDAY}|\d)[^\n]*"
    r"|\s+at\s+\S+@\S+"
    rf"|\s+on\s+(?:{_MONTH}|{_WEEKDAY}|\d)[^\n]*"
    r"|\s*\(\p{Lu}[^()\n]*\)"
    r"|\s*,\s*(?:[\p{L}'’-]+\s+){0,3}"
    r"(?i:correspondent|editor|reporter|writer|columnist|journalist|staff|contributor|analyst)s?\b[^\n]*"
    r"|\s*,\s*(?i:special\s+to)\s[^\n]*"
    r"|\s+with\s+\p{Lu}[^\n]*"
    r"|\s+(?i:for)\s+(?:the\s+)?\p{Lu}[^\n]*)"
)
# After a credited name: more names, places, separators and cues, perhaps a byline's tail, the line's end.
# Prose does not fit: in "By Tuesday, Smith said" a lower-case word follows the name.
CREDIT_AFTER_RE = (
    rf"^(?:\s*(?:{_SEPARATOR}|\.|{_CREDIT_CUE}|{_PLACE}|{_NAME}))*\s*{_BYLINE_TAIL}?\s*[.)\]]*\s*$"
)
# "By Tuesday, Smith ...", "By March ...": a time, not an author.
BY_TIME_RE = rf"^\s*(?i:by)\s+(?:{_WEEKDAY}|{_MONTH}|\d|(?i:christmas|easter|the|then|now)\b)"

# Before a name in a photo credit: "Photo: ", "Photograph: ", "(Photo ", "(Photo by ", "AP Photo/",
# "REUTERS/", after a line's start, a sentence's end or a bracket, or an outlet's credit ("(ABC News: ",
# "(Reuters: "; not "(Chair: "), and maybe other names of the credit.
PHOTO_CREDIT_BEFORE_RE = (
    rf"(?:(?:^|[.!?][\"”’]?\s+|\(\s*)(?:[A-Z]{{2,}}\s+)?{_PHOTO_CUE}(?:\s+by)?\s*(?::|/|\s)|\b\p{{Lu}}{{2,}}\s*/"
    r"|\(\s*(?:[^():\n]*\b\p{Lu}{2,}\b[^():\n]*|Reuters|Supplied|Getty Images)\s*:)"
    rf"\s*(?:{_NAME}\s*(?:,|&|\band\b)\s*)*$"
)
# A caption's subject, not its credit: "(Pictured: Maria Porter)", "(Left: ...)".
CAPTION_SUBJECT_BEFORE_RE = (
    rf"(?i:\b(?:pictured|above|below|left|right|inset|top|bottom|centre|center|main|from\s+left)\s*:)"
    rf"\s*(?:{_NAME}\s*(?:,|&|\band\b)\s*)*$"
)
# After a name in a photo credit: more names, then the agency after a slash or dash ("/PA", " - WPA
# Pool/Getty Images", "/The Globe and Mail"), and the line's end. A dash before prose is no credit.
_AGENCY_TAIL = rf"(?:\s*[/–—-]|\s+for\b)\s*(?:{_NAME}|\b(?:and|of|the|via)\b|[/–—-]|[ \t])*"
PHOTO_CREDIT_AFTER_RE = rf"^(?:\s*(?:,|&|\band\b)\s*{_NAME})*(?:{_AGENCY_TAIL})?[.)\]]?\s*$"
# A credit with no cue: a name opening a line, a sentence or a bracket, then a slash and the agency
# ("Evan Vucci/AP", "(Evan Vucci/The Washington Post)").
SLASH_CREDIT_BEFORE_RE = r"(?:^|[.!?][\"”’]?\s+|\()\s*$"
SLASH_CREDIT_AFTER_RE = rf"^\s*/\s*{_NAME}(?:{_NAME}|\b(?:and|of|the|via)\b|[/–—-]|[ \t])*[.)\]]?\s*$"
# A name (or names) alone on a line above the line saying when the page was published: "Amber Bracken"
# above "Published Thursday, Feb. 23, 2017", "Andrew Sparrow" above "Wed 20 Sep 2023 10.00 BST".
HEADER_BYLINE_BEFORE_RE = rf"^[ \t]*(?:{_NAME}\s*(?:,|&|\band\b)\s*)*$"
HEADER_BYLINE_AFTER_RE = (
    rf"^(?:\s*(?:,|&|\band\b)\s*{_NAME}|{_PLACE})*[ \t]*\n\s*"
    r"(?:Published|Updated|Last updated|Posted|First published|Last modified"
    rf"|{_WEEKDAY}\s+\d|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
)
# The closing note of wire copy: "Associated Press writer Jeff Mason contributed to this report.", or a
# bracket opening with who reported from where: "(Andrew Osborn reported from Moscow; ...)".
REPORTED_FROM_BEFORE_RE = r"\(\s*$"
REPORTED_FROM_AFTER_RE = r"^\s+reported\s+from\s+\p{Lu}"
CONTRIBUTED_AFTER_RE = (
    rf"^(?:\s*(?:{_SEPARATOR}|{_PLACE}|{_NAME}))*\s+(?:also\s+)?contributed\s+"
    r"(?:to\s+this\s+(?:report|story|article)|(?:additional\s+)?reporting)\s*[.)]?\s*$"
)

# A text holds a credit only where one of these cues is in it: only its people are looked at closely.
# Separate patterns: one alternation of them all is a hundred times slower in the regex engine.
_CUES_IN_TEXT = (
    r"(?m:^[ \t]*[(\[]?[ \t]*-{0,2}[ \t]*(?i:by)[ \t]*:?[ \t]+\p{Lu})",
    _ROLE_CUE,
    rf"{_PHOTO_CUE}(?:\s*[:/]|\s+\p{{Lu}}|\s+by)",
    r"\p{Lu}{2,}\s*/|\p{Ll}/\p{Lu}|\(\s*\p{Lu}[\p{L} ]*:\s*\p{Lu}",
    r"\n\s*(?:Published|Updated|Last updated|Posted|First published|Last modified|\d|\p{Lu}\p{Ll}{2}\w*\.?,?\s+\d)",
    r"contributed\s+(?:to\s+this|(?:additional\s+)?reporting)|\sreported\s+from\s",
)
_LINE_WIDTH = 400  # credit lines are short; a longer line is no credit
# A name line above a date is a byline only in the page's head; further down it may head an obituary.
_HEADER_END = 1000


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
    """Drop the mentions of unknown persons that stand in a byline, a credit line or a photo credit.

    mentions: the detector's rows (text_index, start_char, end_char, entity_class, is_known_actor, ...);
    fields: text_index and text. A person is credited when a credit cue opens their line ("By ", "(Reporting
    by ") and nothing but names, cues and a byline's tail surrounds them; when a photo credit's cue comes
    before them ("Photo: Alex Ellinghausen", "(Photo Darren Staples - WPA Pool/Getty Images)") or a slash
    and an agency after them ("Evan Vucci/AP"); when their name is a line of its own above the line saying
    when the page was published; or when they "contributed to this report".
    """
    has_cue = pl.any_horizontal(pl.col("text").str.contains(cue) for cue in _CUES_IN_TEXT)
    texts = fields.select("text_index", "text").filter(has_cue)
    people = mentions.filter((pl.col("entity_class") == "PER") & ~pl.col("is_known_actor")).select(
        "text_index", "start_char", "end_char"
    )
    if people.height == 0 or texts.height == 0:
        return mentions
    context = people.join(texts, on="text_index").with_columns(
        **_line_context(pl.col("start_char"), pl.col("end_char"))
    )
    before, after = pl.col("line_before"), pl.col("line_after")
    is_in_credit_line = (
        before.str.contains(CREDIT_BEFORE_RE)
        & after.str.contains(CREDIT_AFTER_RE)
        & ~before.str.contains(BY_TIME_RE)
    )
    is_photo_credit = (
        before.str.contains(PHOTO_CREDIT_BEFORE_RE)
        & after.str.contains(PHOTO_CREDIT_AFTER_RE)
        & ~before.str.contains(CAPTION_SUBJECT_BEFORE_RE)
    )
    is_slash_credit = before.str.contains(SLASH_CREDIT_BEFORE_RE) & after.str.contains(SLASH_CREDIT_AFTER_RE)
    is_header_byline = (
        (pl.col("start_char") < _HEADER_END)
        & before.str.contains(HEADER_BYLINE_BEFORE_RE)
        & pl.col("text_after").str.contains(HEADER_BYLINE_AFTER_RE)
    )
    is_contributor = after.str.contains(CONTRIBUTED_AFTER_RE) | (
        before.str.contains(REPORTED_FROM_BEFORE_RE) & after.str.contains(REPORTED_FROM_AFTER_RE)
    )
    credited = context.filter(
        is_in_credit_line | is_photo_credit | is_slash_credit | is_header_byline | is_contributor
    ).select("text_index", "start_char")
    return mentions.join(credited, on=["text_index", "start_char"], how="anti", maintain_order="left")
