"""Parse the date strings news pages write (ISO 8601 variants, RFC 2822, English and European month names).

Pure functions shared by publication-date resolution and its tests. A parsed value keeps the calendar day
as the page wrote it (`stated_date`) beside the UTC instant, because the day a newsroom prints is the day
in its own time zone, which converting to UTC can move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_tz

# Abbreviations that pages put after times; ambiguous ones take the reading most common in news markup
# (IST India, CST US Central).
TZ_OFFSET_MINUTES: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "UT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 60,
    "BST": 60,
    "CET": 60,
    "MEZ": 60,
    "CEST": 120,
    "MESZ": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "TRT": 180,
    "GST": 240,
    "PKT": 300,
    "IST": 330,
    "ICT": 420,
    "WIB": 420,
    "HKT": 480,
    "SGT": 480,
    "AWST": 480,
    "PHT": 480,
    "JST": 540,
    "KST": 540,
    "ACST": 570,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "ART": -180,
    "BRT": -180,
    "CLT": -240,
    "COT": -300,
}

MONTH_NUMBERS: dict[str, int] = {}
_MONTH_NAMES_BY_LANGUAGE = (
    # en, fr, es, pt, de, it, nl: full names; abbreviations are added below
    "january february march april may june july august september october november december",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
)
for _names in _MONTH_NAMES_BY_LANGUAGE:
    for _number, _name in enumerate(_names.split(), start=1):
        MONTH_NUMBERS.setdefault(_name, _number)
        MONTH_NUMBERS.setdefault(_name[:3], _number)
MONTH_NUMBERS["sept"] = 9
MONTH_NUMBERS["setiembre"] = 9

_MONTH_ALTERNATION = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_TZ_ALTERNATION = "|".join(sorted(TZ_OFFSET_MINUTES, key=len, reverse=True))

_ISO_RE = re.compile(
    r"""^\s*(?P<year>\d{4})(?:(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})|(?P<month2>\d{2})(?P<day2>\d{2}))
    (?:(?:T|\s+|T\s+)(?P<hour>\d{1,2}):?(?P<minute>\d{2})(?::?(?P<second>\d{1,2})(?:[.,]\d+)?)?)?
    \s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{2,5})?\s*$""",
    re.VERBOSE,
)
_TIME_PART = r"(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
_TZ_PART = rf"(?P<tz>[+-]\d{{2}}:?\d{{2}}|(?:{_TZ_ALTERNATION})\b(?:\s*[+-]\d{{1,2}}(?::?\d{{2}})?)?)"
# Day-month-year and month-day-year with month names, in several languages, with an optional time.
_NAMED_DATE_RE = re.compile(
    rf"""(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+|of\s+)?(?P<month>{_MONTH_ALTERNATION})\.?,?\s*(?:de\s+)?(?P<year>\d{{4}})
    |(?P<month2>{_MONTH_ALTERNATION})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year2>\d{{4}}))\b""",
    re.VERBOSE | re.IGNORECASE,
)
_RFC_2822_RE = re.compile(r"^\s*(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}(?:\s+\d{1,2}:\d{2}|\s*$)")
_NUMERIC_DMY_RE = re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b")
_TIME_RE = re.compile(rf"\b{_TIME_PART}(?:\s*{_TZ_PART})?", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedDate:
    """One parsed date: the UTC instant, its precision, and the calendar day as written."""

    at: datetime  # UTC; midnight UTC for day precision
    precision: str  # minute | day
    stated_date: date


def parse_date_value(raw_value: str | None) -> ParsedDate | None:
    """Parse a machine-written date (meta content, JSON-LD, datetime attribute); None when unreadable.

    A time without an offset is read as UTC. A local time of exactly 00:00:00 is read as a day without a
    time (content systems write midnight when they store only the day).
    """
    if not raw_value:
        return None
    value = raw_value.strip()
    if not value or len(value) > 80:
        return None
    match = _ISO_RE.match(value)
    if match:
        year = int(match["year"])
        month = int(match["month"] or match["month2"])
        day = int(match["day"] or match["day2"])
        return _build(year, month, day, match["hour"], match["minute"], match["second"], None, match["tz"])
    rfc = parsedate_tz(value) if _RFC_2822_RE.match(value) else None
    if rfc is not None and rfc[0] >= 1000:
        year, month, day, hour, minute, second = rfc[:6]
        offset = rfc[9]
        tz = None if offset is None else _format_offset(offset // 60)
        has_time = bool(re.search(r"\d:\d", value))
        return _build(year, month, day, str(hour) if has_time else None, str(minute), str(second), None, tz)
    if value.isdigit() and len(value) in (10, 13):
        # epoch seconds or milliseconds
        seconds = int(value) / (1000 if len(value) == 13 else 1)
        try:
            at = datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return ParsedDate(at=at, precision="minute", stated_date=at.date())
    return parse_date_text(value)


def parse_date_text(text: str) -> ParsedDate | None:
    """Parse the first date written in words or as dd.mm.yyyy in a text, with a time when one is next to it.

    Returns None when the text holds no full date (day, month and year) or the date does not exist.
    """
    found = search_date_text(text)
    return found[0] if found else None


def search_date_text(text: str) -> tuple[ParsedDate, int, int] | None:
    """Find the first full date in a text and return it parsed with its start and end offsets (time included).

    Returns None when the text holds no full date or the first one does not exist (31 February).
    """
    match = _NAMED_DATE_RE.search(text)
    if match:
        month_word = (match["month"] or match["month2"]).lower().rstrip(".")
        year, month = int(match["year"] or match["year2"]), MONTH_NUMBERS.get(month_word)
        day = int(match["day"] or match["day2"])
    else:
        match = _NUMERIC_DMY_RE.search(text)
        if not match:
            return None
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if month is None:
        return None
    # a time of day stated within a few characters before or after the date
    window_start, window_end = max(0, match.start() - 25), match.end() + 30
    time_match = _TIME_RE.search(text, match.end(), window_end) or _TIME_RE.search(
        text, window_start, match.start()
    )
    if time_match:
        parsed = _build(
            year,
            month,
            day,
            time_match["hour"],
            time_match["minute"],
            time_match["second"],
            time_match["ampm"],
            time_match["tz"],
        )
        start, end = min(match.start(), time_match.start()), max(match.end(), time_match.end())
    else:
        parsed = _build(year, month, day, None, None, None, None, None)
        start, end = match.start(), match.end()
    return (parsed, start, end) if parsed is not None else None


def _build(
    year: int,
    month: int,
    day: int,
    hour: str | None,
    minute: str | None,
    second: str | None,
    ampm: str | None,
    tz: str | None,
) -> ParsedDate | None:
    try:
        stated = date(year, month, day)
    except ValueError:
        return None
    if hour is None:
        return ParsedDate(at=datetime(year, month, day, tzinfo=UTC), precision="day", stated_date=stated)
    hour_value, minute_value, second_value = int(hour), int(minute or 0), int(second or 0)
    if ampm:
        is_pm = ampm.lower().startswith("p")
        if hour_value == 12:
            hour_value = 12 if is_pm else 0
        elif is_pm:
            hour_value += 12
    offset_minutes = _offset_minutes(tz)
    try:
        local = datetime(
            year,
            month,
            day,
            hour_value,
            minute_value,
            second_value,
            tzinfo=timezone(timedelta(minutes=offset_minutes)),
        )
    except ValueError:
        return None
    if (hour_value, minute_value, second_value) == (0, 0, 0):
        return ParsedDate(at=datetime(year, month, day, tzinfo=UTC), precision="day", stated_date=stated)
    return ParsedDate(at=local.astimezone(UTC), precision="minute", stated_date=stated)


def _offset_minutes(tz: str | None) -> int:
    if not tz:
        return 0
    tz = tz.strip()
    name = re.match(r"[A-Za-z]+", tz)
    base = TZ_OFFSET_MINUTES.get(name.group(0).upper(), 0) if name else 0
    numeric = re.search(r"([+-])(\d{1,2}):?(\d{2})?", tz)
    if not numeric:
        return base
    sign = -1 if numeric.group(1) == "-" else 1
    minutes = int(numeric.group(2)) * 60 + int(numeric.group(3) or 0)
    if minutes > 14 * 60:
        return base
    return base + sign * minutes


def _format_offset(offset_minutes: int) -> str:
    sign = "-" if offset_minutes < 0 else "+"
    offset_minutes = abs(offset_minutes)
    return f"{sign}{offset_minutes // 60:02d}{offset_minutes % 60:02d}"
