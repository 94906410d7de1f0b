"""Dates mentioned in English article text, found with one regex and resolved against the publication date.

`date_mentions_frame` works on whole columns: every match is marked in one `replace_all`, the text is
split at the marks, and the matches' character offsets come from cumulative segment lengths; each phrase
is then resolved with polars expressions. No Python code runs per mention; per article, one regex pass
finds its sentences with the splitter actor mentions use, so a date and an actor in one sentence share
its index.

Resolution rules (P = the publication day in UTC):
- full dates ("on 22 September 2023", "September 22, 2023", "2023-09-22") resolve to themselves (day);
- a day and month without a year ("September 19") take P's year, or the year before when that would put
  the day more than 183 days after P (day);
- a month and year ("September 2023") resolve to its first day (month); a month alone after a preposition
  ("in September") to the first day of that month in the nearest year by the same rule, but "last March"
  to the latest March before P's month, "since March" to the latest on or before it, "next March" to
  the first after it; a day and month after "since" or "last" lie on or before P, after "next" after it;
- a month, or a day and month, followed by "last/this/next year" ("in April last year") is in that year;
- weekdays: "Tuesday"/"on Tuesday" is the latest such day on or before P, unless the few words before it
  speak of the future ("will", "is to", "scheduled", "expected", "next", "would" in the same clause
  and not "would have/not/later", or a scheduled event in the present tense: "announces its decision
  on Thursday"), then the first on or after P;
  "last Tuesday" is strictly before P, "next Tuesday" strictly after, "this Tuesday" within P's week (day);
- "today", "tonight", "this morning" are P ("today's world" is no date), "yesterday" P - 1, "tomorrow" P + 1 (day);
- "this week", "earlier/later this week" resolve to the Monday of P's week, "last week" and "next week" to
  the Monday a week before or after (week); "this/last/next month" to a month's first day (month);
  "this/last/next year" and "in 2019" to a year's 1 January (year);
- "three days/weeks/months/years ago" count back from P at that precision.
A relative phrase in an article without a publication date keeps a null `resolved_date`.
"""

from __future__ import annotations

import polars as pl

from flows.core.actor_text import sentence_starts, with_sentence_index

MENTIONS_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "run_id": pl.String(),
    "start_char": pl.Int32(),
    "end_char": pl.Int32(),
    "sentence_index": pl.Int32(),
    "phrase": pl.String(),
    "resolved_date": pl.Date(),
    "precision": pl.String(),
}
FUTURE_ROLLBACK_DAYS = 183

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NUMBER = (
    {name.lower(): number for number, name in enumerate(_MONTHS, start=1)}
    | {name[:3].lower(): number for number, name in enumerate(_MONTHS, start=1)}
    | {"sept": 9}
)
_WEEKDAY_NUMBER = {name.lower(): number for number, name in enumerate(_WEEKDAYS, start=1)}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# Month and weekday names are matched capitalised only: "may" and "march" are also verbs.
_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_D = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_W = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PREPOSITION = r"(?:(?:[Oo]n|[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Ff]rom|[Bb]efore|[Aa]fter|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id-?)\s+)"
_NUMBER = r"(?:[0-9]{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
MENTION_PATTERN = "|".join(
    (
        rf"\b{_PREPOSITION}?(?:{_W},?\s+)?(?:{_M}\s+{_D},?\s+{_Y}|{_D}\s+(?:of\s+)?{_M},?\s+{_Y})\b",
        rf"\b{_Y}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\b",
        rf"\b{_PREPOSITION}?(?:{_W},?\s+)?(?:{_M}\s+{_D}|{_D}\s+(?:of\s+)?{_M})\b",
        rf"\b{_PREPOSITION}?{_M},?\s+{_Y}\b",
        rf"\b{_PREPOSITION}{_M}(?:\s|[,.;:)]|$)",
        r"(?i:\b(?:earlier|later)\s+this\s+(?:week|month|year)\b)",
        r"(?i:\b(?:this|last|next|previous)\s+(?:week|month|year)\b)",
        rf"(?i:\b{_NUMBER}\s+(?:day|week|month|year)s?\s+ago\b)",
        r"(?i:\b(?:yesterday|today|tonight|tomorrow)\b)",
        r"\b(?:[Tt]his\s+(?:morning|afternoon|evening))\b",
        rf"\b(?:(?:[Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier|[Ll]ate)\s+)?{_W}\b",
        rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Bb]efore|[Aa]fter|[Dd]uring|[Tt]hrough)\s+{_Y}\b(?:[^-0-9]|$)",
    )
)
# Unicode word boundaries keep Rust's regex engine off its fast DFA (about 100x slower on real text); the
# names around them are ASCII, so ASCII boundaries find the same mentions.
MENTION_PATTERN = MENTION_PATTERN.replace(r"\b", r"(?-u:\b)")
_FUTURE_CUE = r"(?i)\b(?:will|won't|shall|is to|are to|is due|are due|scheduled|expected|planned|plans to|set to|upcoming|next)\b[^.!?]{0,40}$"
# Reported future in one clause (no comma): "said they would meet in Yevlakh on Thursday"; not "would have
# turned 80", "would not say", "who would later resign".
_WOULD_CUE = r"(?i)\bwould\s+[a-z]+(?:\s+[\w'’-]+){0,8}\s*$"
# Past verbs that put a weekday in a clause of its own: auxiliaries, common irregular pasts, and -ed
# forms (adjectives such as "unchanged" or "expected" are taken out of the text first: _ADJECTIVES_ED_RE).
_PAST_VERB = (
    r"(?:was|were|had|did|said|told|lost|won|met|left|took|made|gave|came|went|saw|fell|rose|struck|began"
    r"|became|got|found|kept|sent|spent|paid|sold|bought|brought|thought|wrote|spoke|broke|chose|flew|"
    r"grew|knew|led|[a-z]+[^e\W]ed)"
)
_ADJECTIVES_ED_RE = (
    r"(?i)\b(?:un[a-z]+ed|scheduled|planned|expected|proposed|related|limited|united|armed|based|"
    r"detailed|advanced|interested|concerned|delayed|elected|involved|divided|heated|talked)\b"
)
_WOULD_PAST = (
    r"(?i)\bwould\s+(?:have|not|never|later|also)\b[^,;.!?]*$"
    # a past verb after it says the day is of another clause ("would visit the mosque and was arrested on
    # Sunday", "would appeal the verdict handed down on Monday"); "would meet Aliyev and Pashinyan on
    # Thursday" is still one
    rf"|\bwould\b[^,;.!?]*\b{_PAST_VERB}\b[^,;.!?]*$"
)
# ... but a passive "would be announced on Thursday" is ahead
_WOULD_PASSIVE = r"(?i)\bwould\s+be\s+[a-z]+\b[^,;.!?]*$"
# A scheduled event in the present tense, in the same clause: "The Bank of England announces its decision
# on Thursday", "The exhibition, which opens on Friday". Article bodies only (headlines put past events in
# the present); no reporting verbs, and none that is also a plural noun ("The heads of state met").
_SCHEDULED_VERBS = r"announces|publishes|decides|opens|begins|resumes|unveils|convenes|hosts"
_SCHEDULED_PRESENT_CUE = rf"(?i)\b(?:{_SCHEDULED_VERBS})\b[^,;.!?]{{0,60}}$"
# ... unless a past verb follows it ("The agency that publishes the figures said on Tuesday")
_SCHEDULED_NOT_AHEAD = rf"(?i)\b(?:{_SCHEDULED_VERBS})\b[^,;.!?]*\b{_PAST_VERB}\b[^,;.!?]*$"
# "in April last year", "March next year": the year is said after the month.
_YEAR_AFTER_RE = r"(?i)^\s*(?:of\s+)?(last|previous|this|next)\s+year(?:[^\w'’]|$)"  # not "next year's"
# "today's world": the present age, no day.
_GENERIC_TODAY_RE = (
    r"(?i)^['’]s\s+(?:world|society|generation|economy|politics|standards|era|age|children|"
    r"kids|technology|culture|environment|young|fast-paced|modern|digital)\b"
)
# A weekday inside a named day is no day of the publication's week ("the Good Friday Agreement", "Black
# Friday sales", "Super Tuesday", "Bloody Sunday").
_NAMED_DAY_BEFORE_RE = (
    r"\b(?:Good|Black|Super|Cyber|Ash|Holy|Maundy|Bloody|Easter|Palm|Shrove|Giving|Blue|Whit)[ \u00a0]$"
)
_BARE_WEEKDAY_RE = r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_MARK = "\x00"


def date_mentions_frame(articles: pl.DataFrame) -> pl.DataFrame:
    """Find and resolve the dates mentioned in each article's body text; one row per mention.

    Input columns: article_id, run_id, body_text, published_at (Datetime UTC, nullable). Output columns
    are exactly raw.date_mentions' (MENTIONS_SCHEMA); offsets count characters of body_text, and
    sentence_index numbers its sentences as actor mentions' do. Null or empty bodies give no rows; a
    missing column raises ColumnNotFoundError.
    """
    if articles.height == 0:
        return pl.DataFrame(schema=MENTIONS_SCHEMA)
    segments = (
        articles.select(
            pl.col("article_id").cast(pl.String),
            pl.col("run_id").cast(pl.String),
            _published_date_expr(articles.schema["published_at"]),
            pl.col("body_text")
            .str.replace_all(_MARK, " ", literal=True)
            .str.replace_all(f"({MENTION_PATTERN})", f"{_MARK}${{1}}{_MARK}")
            .str.split(_MARK)
            .alias("segment"),
        )
        .filter(pl.col("segment").list.len() > 1)
        .explode("segment")
        .with_columns(pl.int_range(pl.len()).over("article_id").alias("segment_index"))
        .with_columns(
            pl.col("segment").str.len_chars().cum_sum().over("article_id").alias("segment_end"),
            pl.col("segment").shift(1).over("article_id").alias("text_before"),
            # "last year" after "in April" is a match of its own: look two segments on
            (
                pl.col("segment").shift(-1).over("article_id").fill_null("")
                + pl.col("segment").shift(-2).over("article_id").fill_null("")
                + pl.col("segment").shift(-3).over("article_id").fill_null("")  # "next year" + "'s"
            )
            .str.slice(0, 24)
            .alias("text_after"),
        )
    )
    before = pl.col("text_before").fill_null("").str.slice(-90)
    verbs_before = before.str.replace_all(_ADJECTIVES_ED_RE, "")
    mentions = segments.filter(pl.col("segment_index") % 2 == 1).select(
        "article_id",
        "run_id",
        "published_date",
        (pl.col("segment_end") - pl.col("segment").str.len_chars()).cast(pl.Int32).alias("start_char"),
        pl.col("segment_end").alias("end_char"),
        pl.col("segment").alias("match"),
        (
            before.str.contains(_FUTURE_CUE)
            | (
                before.str.contains(_WOULD_CUE)
                & (~verbs_before.str.contains(_WOULD_PAST) | before.str.contains(_WOULD_PASSIVE))
            )
            | (before.str.contains(_SCHEDULED_PRESENT_CUE) & ~verbs_before.str.contains(_SCHEDULED_NOT_AHEAD))
        ).alias("is_future_context"),
        (pl.col("segment").str.contains(_BARE_WEEKDAY_RE) & before.str.contains(_NAMED_DAY_BEFORE_RE)).alias(
            "is_named_day"
        ),
        "text_after",
        # (not past a comma or full stop the match took in: "in May. Last year the government fell")
        pl.when(~pl.col("segment").str.contains(r"[,.;:)]$"))
        .then(
            pl.col("text_after")
            .str.extract(_YEAR_AFTER_RE, 1)
            .str.to_lowercase()
            .replace_strict(
                {"last": -1, "previous": -1, "this": 0, "next": 1}, default=None, return_dtype=pl.Int32
            )
        )
        .alias("year_step"),
    )
    mentions = mentions.filter(
        ~(
            (pl.col("match").str.to_lowercase() == "today")
            & pl.col("text_after").str.contains(_GENERIC_TODAY_RE)
        )
        & ~pl.col("is_named_day")
    ).drop("text_after", "is_named_day")
    # two patterns take one character after the match to check what follows it; give it back
    mentions = mentions.with_columns(
        pl.col("match").str.replace(r"[^\p{L}\p{N}]+$", "").alias("phrase")
    ).with_columns((pl.col("start_char") + pl.col("phrase").str.len_chars()).alias("end_char"))
    return (
        _resolve(with_body_sentence_index(mentions, articles))
        .select(list(MENTIONS_SCHEMA))
        .cast(pl.Schema(MENTIONS_SCHEMA))
    )


def with_body_sentence_index(mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Add `sentence_index` to mentions (article_id, start_char), numbered in their articles' body_text.

    `articles` gives (article_id, body_text); the sentences are the ones actor mentions are numbered in
    (`flows.core.actor_text.sentence_starts`). A mention whose article is missing or has no body is in
    sentence 0. Rows keep their order.
    """
    article_ids, offsets = [], []
    for article_id, body_text in articles.select(
        pl.col("article_id").cast(pl.String), "body_text"
    ).iter_rows():
        starts = sentence_starts(body_text or "")
        article_ids += [article_id] * len(starts)
        offsets += starts
    starts_frame = pl.DataFrame(
        {"article_id": article_ids, "sentence_start": offsets},
        schema={"article_id": pl.String, "sentence_start": pl.Int32},
    )
    return with_sentence_index(mentions, starts_frame, by="article_id", at="start_char")


def _resolve(mentions: pl.DataFrame) -> pl.DataFrame:
    lower = pl.col("phrase").str.to_lowercase()
    published = pl.col("published_date")
    count_word = lower.str.extract(
        r"^([0-9]+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+\w+\s+ago$", 1
    )
    month_word = lower.str.extract(
        r"\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b",
        1,
    )
    parts = mentions.with_columns(
        lower.alias("lower"),
        month_word.replace_strict(_MONTH_NUMBER, default=None, return_dtype=pl.Int32).alias("month"),
        lower.str.extract(r"\b(1[89][0-9]{2}|20[0-9]{2})\b", 1).cast(pl.Int32).alias("year"),
        lower.str.extract(r"(?:^|[^0-9-])(3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b(?:[^-0-9]|$)", 1)
        .cast(pl.Int32)
        .alias("day"),
        lower.str.extract(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", 1)
        .replace_strict(_WEEKDAY_NUMBER, default=None, return_dtype=pl.Int32)
        .alias("weekday"),
        lower.str.extract(
            r"^(on|last|next|this|earlier|later|in|by|since|until|from|before|after|early|late|mid)\b", 1
        ).alias("prefix"),
        pl.coalesce(
            count_word.cast(pl.Int32, strict=False),
            count_word.replace_strict(_NUMBER_WORDS, default=None, return_dtype=pl.Int32),
        ).alias("count"),
        lower.str.extract(r"\b(day|week|month|year)s?\s+ago$", 1).alias("ago_unit"),
        lower.str.extract(r"\b(week|month|year)$", 1).alias("relative_unit"),
        pl.when(lower.str.contains(r"^(last|previous)\b"))
        .then(-1)
        .when(lower.str.contains(r"^next\b"))
        .then(1)
        .otherwise(0)
        .alias("step"),
        published.dt.weekday().cast(pl.Int32).alias("published_weekday"),
        published.dt.year().cast(pl.Int32).alias("published_year"),
        published.dt.month().cast(pl.Int32).alias("published_month"),
    )
    is_iso = pl.col("lower").str.contains(r"^\d{4}-\d{2}-\d{2}$")
    is_weekday_only = pl.col("weekday").is_not_null() & pl.col("month").is_null()
    is_year_only = pl.col("month").is_null() & pl.col("year").is_not_null() & ~is_iso
    is_month_day = pl.col("month").is_not_null() & pl.col("day").is_not_null()
    is_month_year = pl.col("month").is_not_null() & pl.col("day").is_null() & pl.col("year").is_not_null()
    is_month_only = pl.col("month").is_not_null() & pl.col("day").is_null() & pl.col("year").is_null()

    back_days = (pl.col("published_weekday") - pl.col("weekday")) % 7
    forward_days = (pl.col("weekday") - pl.col("published_weekday")) % 7
    weekday_offset = (
        pl.when(pl.col("prefix") == "last")
        .then(pl.when(back_days == 0).then(7).otherwise(back_days) * -1)
        .when(pl.col("prefix") == "next")
        .then(pl.when(forward_days == 0).then(7).otherwise(forward_days))
        .when(pl.col("prefix") == "this")
        .then(pl.col("weekday") - pl.col("published_weekday"))
        .when((pl.col("prefix") == "later") | pl.col("is_future_context"))
        .then(forward_days)
        .otherwise(-back_days)
    )
    monday = published - pl.duration(days=pl.col("published_weekday") - 1)
    month_index = pl.col("published_year") * 12 + pl.col("published_month") - 1
    ago_months = month_index - pl.col("count")
    relative_months = month_index + pl.col("step")

    in_published_year = _date_expr(pl.col("published_year"), pl.col("month"), pl.col("day").fill_null(1))
    rolled_back = _date_expr(pl.col("published_year") - 1, pl.col("month"), pl.col("day").fill_null(1))
    nearest_year = (
        pl.when((in_published_year - published).dt.total_days() > FUTURE_ROLLBACK_DAYS)
        .then(rolled_back)
        .otherwise(in_published_year)
    )
    # "last December", "since November" lie before P, "next March" after it, whatever the distance: the
    # latest such month before P's (up to P's own after "since"), or the first one after it.
    target_month = pl.col("month") - 1
    past_limit = month_index - pl.when(pl.col("prefix") == "last").then(1).otherwise(0)
    past_month = past_limit - (past_limit - target_month) % 12
    future_month = (month_index + 1) + (target_month - (month_index + 1)) % 12
    prefixed_month = (
        pl.when(pl.col("prefix").is_in(["last", "since"])).then(past_month).otherwise(future_month)
    )
    prefixed = _date_expr(prefixed_month // 12, prefixed_month % 12 + 1, pl.col("day").fill_null(1))
    # ... and so do a day and month after "since" or "next": on or before P, or after it.
    day_since = pl.when(in_published_year <= published).then(in_published_year).otherwise(rolled_back)
    day_next = (
        pl.when(in_published_year > published)
        .then(in_published_year)
        .otherwise(_date_expr(pl.col("published_year") + 1, pl.col("month"), pl.col("day")))
    )
    said_year = pl.col("published_year") + pl.col("year_step")
    word = pl.col("lower")
    resolved = (
        pl.when(is_iso)
        .then(word.str.to_date("%Y-%m-%d", strict=False))
        .when(is_month_day & pl.col("year").is_not_null())
        .then(_date_expr(pl.col("year"), pl.col("month"), pl.col("day")))
        .when((is_month_day | is_month_only) & pl.col("year_step").is_not_null())
        .then(_date_expr(said_year, pl.col("month"), pl.col("day").fill_null(1)))
        .when(is_month_only & pl.col("prefix").is_in(["last", "since", "next"]))
        .then(prefixed)
        .when(is_month_day & pl.col("prefix").is_in(["last", "since"]))
        .then(day_since)
        .when(is_month_day & (pl.col("prefix") == "next"))
        .then(day_next)
        .when(is_month_day | is_month_only)
        .then(nearest_year)
        .when(is_month_year)
        .then(_date_expr(pl.col("year"), pl.col("month"), pl.lit(1)))
        .when(is_weekday_only)
        .then(published + pl.duration(days=weekday_offset))
        .when(word.str.contains(r"^(today|tonight|this (morning|afternoon|evening))$"))
        .then(published)
        .when(word == "yesterday")
        .then(published - pl.duration(days=1))
        .when(word == "tomorrow")
        .then(published + pl.duration(days=1))
        .when(pl.col("ago_unit") == "day")
        .then(published - pl.duration(days=pl.col("count")))
        .when(pl.col("ago_unit") == "week")
        .then(published - pl.duration(days=pl.col("count") * 7))
        .when(pl.col("ago_unit") == "month")
        .then(_date_expr(ago_months // 12, ago_months % 12 + 1, pl.lit(1)))
        .when(pl.col("ago_unit") == "year")
        .then(_date_expr(pl.col("published_year") - pl.col("count"), pl.lit(1), pl.lit(1)))
        .when(pl.col("relative_unit") == "week")
        .then(monday + pl.duration(days=pl.col("step") * 7))
        .when(pl.col("relative_unit") == "month")
        .then(_date_expr(relative_months // 12, relative_months % 12 + 1, pl.lit(1)))
        .when(pl.col("relative_unit") == "year")
        .then(_date_expr(pl.col("published_year") + pl.col("step"), pl.lit(1), pl.lit(1)))
        .when(is_year_only)
        .then(_date_expr(pl.col("year"), pl.lit(1), pl.lit(1)))
    )
    unit = pl.coalesce(pl.col("ago_unit"), pl.col("relative_unit"))
    precision = (
        pl.when(is_iso | is_month_day | is_weekday_only)
        .then(pl.lit("day"))
        .when(is_month_year | is_month_only)
        .then(pl.lit("month"))
        .when(unit.is_not_null())
        .then(unit)
        .when(is_year_only)
        .then(pl.lit("year"))
        .otherwise(pl.lit("day"))
    )
    return parts.with_columns(resolved.cast(pl.Date).alias("resolved_date"), precision.alias("precision"))


def _published_date_expr(dtype: pl.DataType) -> pl.Expr:
    """The UTC calendar day of published_at, whether it arrives as a zoned or naive datetime or a date."""
    column = pl.col("published_at")
    if dtype == pl.Date:
        return column.alias("published_date")
    if isinstance(dtype, pl.Datetime) and dtype.time_zone is None:
        column = column.dt.replace_time_zone("UTC")
    elif isinstance(dtype, pl.Datetime):
        column = column.dt.convert_time_zone("UTC")
    else:
        column = column.cast(pl.Datetime("us", "UTC"), strict=False)
    return column.dt.date().alias("published_date")


def _date_expr(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Build a date from integer columns; impossible dates (31 June) become null instead of raising."""
    return pl.format(
        "{}-{}-{}",
        year.cast(pl.String).str.zfill(4),
        month.cast(pl.String).str.zfill(2),
        day.cast(pl.String).str.zfill(2),
    ).str.to_date("%Y-%m-%d", strict=False)
