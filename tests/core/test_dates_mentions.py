"""Dates mentioned in article text, resolved against the publication date, as the raw.date_mentions frame."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl
import pytest

from flows.core.actor_text import scan_texts
from flows.core.dates import date_mentions_frame

WEDNESDAY = datetime(2023, 9, 20, 14, 0, tzinfo=UTC)
RUN_ID = "nightly-2023-09-20"
RAW_DATE_MENTIONS_COLUMNS = [
    "article_id",
    "run_id",
    "start_char",
    "end_char",
    "sentence_index",
    "phrase",
    "resolved_date",
    "precision",
]
ARTICLES_SCHEMA = {
    "article_id": pl.String,
    "run_id": pl.String,
    "body_text": pl.String,
    "published_at": pl.Datetime("us", "UTC"),
}


def mentions(text: str | None, published_at: datetime | None = WEDNESDAY) -> pl.DataFrame:
    articles = pl.DataFrame(
        {"article_id": ["a1"], "run_id": [RUN_ID], "body_text": [text], "published_at": [published_at]},
        schema=ARTICLES_SCHEMA,
    )
    return date_mentions_frame(articles)


def only(text: str, published_at: datetime | None = WEDNESDAY) -> dict:
    frame = mentions(text, published_at)
    assert frame.height == 1, frame
    return frame.row(0, named=True)


@pytest.mark.parametrize(
    ("text", "phrase", "resolved", "precision"),
    [
        ("Talks broke down on Tuesday.", "on Tuesday", date(2023, 9, 19), "day"),
        ("Talks broke down on Wednesday.", "on Wednesday", date(2023, 9, 20), "day"),
        ("Talks broke down on Thursday.", "on Thursday", date(2023, 9, 14), "day"),
        ("The envoy will arrive on Friday.", "on Friday", date(2023, 9, 22), "day"),
        ("They met last Wednesday.", "last Wednesday", date(2023, 9, 13), "day"),
        ("They meet next Monday.", "next Monday", date(2023, 9, 25), "day"),
        ("The vote was held September 19.", "September 19", date(2023, 9, 19), "day"),
        ("The vote was held on 22 September 2023.", "on 22 September 2023", date(2023, 9, 22), "day"),
        ("It began Tuesday, Sept. 5, 2023, at dawn.", "Tuesday, Sept. 5, 2023", date(2023, 9, 5), "day"),
        ("The ceasefire of 2023-09-01 held.", "2023-09-01", date(2023, 9, 1), "day"),
        ("He left yesterday.", "yesterday", date(2023, 9, 19), "day"),
        ("He returns tomorrow.", "tomorrow", date(2023, 9, 21), "day"),
        ("Shelling resumed earlier this week.", "earlier this week", date(2023, 9, 18), "week"),
        ("Shelling resumed last week.", "last week", date(2023, 9, 11), "week"),
        ("Prices rose last month.", "last month", date(2023, 8, 1), "month"),
        ("Prices rose in May.", "in May", date(2023, 5, 1), "month"),
        ("Prices rose in March 2021.", "in March 2021", date(2021, 3, 1), "month"),
        ("Elections are due next year.", "next year", date(2024, 1, 1), "year"),
        ("The border has been closed since 2020.", "since 2020", date(2020, 1, 1), "year"),
        ("The deal was signed three days ago.", "three days ago", date(2023, 9, 17), "day"),
        ("The deal was signed 2 months ago.", "2 months ago", date(2023, 7, 1), "month"),
        # "last", "since" and "next" before a month say which side of the publication it lies on
        ("The corridor was closed last December.", "last December", date(2022, 12, 1), "month"),
        ("Prices rose last September.", "last September", date(2022, 9, 1), "month"),
        ("Its highest since November.", "since November", date(2022, 11, 1), "month"),
        ("Its highest since September.", "since September", date(2023, 9, 1), "month"),
        ("Talks resume next March.", "next March", date(2024, 3, 1), "month"),
        ("Talks resume next September.", "next September", date(2024, 9, 1), "month"),
        ("Closed since September 2.", "since September 2", date(2023, 9, 2), "day"),
        ("Closed since December 24.", "since December 24", date(2022, 12, 24), "day"),
        ("They said they would meet on Thursday.", "on Thursday", date(2023, 9, 21), "day"),
        # ... but not past or counterfactual "would", nor one in another clause
        ("He said he would attend, but on Tuesday he left.", "on Tuesday", date(2023, 9, 19), "day"),
        ("He would have turned 80 on Tuesday.", "on Tuesday", date(2023, 9, 19), "day"),
        ("Officials would not say if it sank on Tuesday.", "on Tuesday", date(2023, 9, 19), "day"),
        (
            "The man would visit the mosque and was arrested on Tuesday.",
            "on Tuesday",
            date(2023, 9, 19),
            "day",
        ),
        (
            "They would meet government officials in the town of Yevlakh on Thursday.",
            "on Thursday",
            date(2023, 9, 21),
            "day",
        ),
        # a scheduled event in the present tense is ahead; a clause apart it says nothing
        ("The Bank of England announces its decision on Thursday.", "on Thursday", date(2023, 9, 21), "day"),
        ("The minister, who visits Baku often, spoke on Thursday.", "on Thursday", date(2023, 9, 14), "day"),
    ],
)
def test_mentions_resolve_relative_to_a_wednesday_publication(
    text: str, phrase: str, resolved: date, precision: str
) -> None:
    row = only(text)

    assert (row["phrase"], row["resolved_date"], row["precision"]) == (phrase, resolved, precision)
    assert text[row["start_char"] : row["end_char"]] == phrase


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        # one clause after "would", up to eight words on: ahead, also passive
        ("They said they would meet Aliyev and Pashinyan on Thursday.", date(2023, 9, 21)),
        ("The funeral would be held on Thursday, the family said.", date(2023, 9, 21)),
        ("The results would be announced on Thursday.", date(2023, 9, 21)),
        (
            "They would meet Azerbaijani envoys and Karabakh representatives in Yevlakh on Thursday.",
            date(2023, 9, 21),
        ),
        # ... unless a past verb comes between
        ("He would appeal the verdict handed down on Thursday.", date(2023, 9, 14)),
        # plural nouns, relative clauses and past verbs make no present-tense schedule
        ("The heads of state met on Thursday.", date(2023, 9, 14)),
        ("Votes were counted on Thursday.", date(2023, 9, 14)),
        ("The agency that publishes the figures said on Thursday.", date(2023, 9, 14)),
        ("The museum opens its doors and reported crowds on Thursday.", date(2023, 9, 14)),
    ],
)
def test_whether_a_weekday_lies_ahead(text: str, resolved: date) -> None:
    assert only(text)["resolved_date"] == resolved


@pytest.mark.parametrize(
    ("text", "phrase", "resolved"),
    [
        ("The Moskva was sunk in April last year.", "in April", date(2022, 4, 1)),
        ("Prices rose in December this year.", "in December", date(2023, 12, 1)),
        ("The vote is on 3 May next year.", "on 3 May", date(2024, 5, 3)),
    ],
)
def test_a_year_said_after_the_month_is_its_year(text: str, phrase: str, resolved: date) -> None:
    found = mentions(text).select("phrase", "resolved_date").rows()
    assert found[0] == (phrase, resolved)
    assert len(found) == 2  # "last year" itself is a mention too


def test_a_year_in_the_next_sentence_is_not_the_months() -> None:
    found = mentions("It takes effect in May. Last year the government fell.")
    assert found.select("phrase", "resolved_date").rows()[0] == ("in May", date(2023, 5, 1))
    found = mentions("In December next year's budget is presented.")
    assert found.select("phrase", "resolved_date").rows()[0] == ("In December", date(2023, 12, 1))


def test_a_weekday_inside_a_named_day_is_no_date() -> None:
    found = mentions(
        "The Good Friday Agreement held, Black Friday sales rose and Super Tuesday neared on Friday."
    )
    assert found.select("phrase", "resolved_date").rows() == [("on Friday", date(2023, 9, 15))]


def test_todays_world_is_no_date_but_todays_meeting_is() -> None:
    found = mentions(
        "In today's world news travels fast. Today's meeting and today's market session were cut."
    )
    assert found.select("phrase", "resolved_date").rows() == [
        ("Today", date(2023, 9, 20)),
        ("today", date(2023, 9, 20)),
    ]


def test_day_and_month_far_after_publication_fall_in_the_previous_year() -> None:
    row = only("The blockade began on December 12.", datetime(2024, 1, 10, tzinfo=UTC))

    assert row["resolved_date"] == date(2023, 12, 12)


def test_relative_phrases_need_a_publication_date_but_full_dates_do_not() -> None:
    frame = mentions("On Tuesday, and on 22 September 2023.", published_at=None)

    assert frame.select("phrase", "resolved_date").rows() == [
        ("On Tuesday", None),
        ("on 22 September 2023", date(2023, 9, 22)),
    ]


def test_impossible_date_resolves_to_null_without_raising() -> None:
    assert only("Due on 31 February 2023.")["resolved_date"] is None


def test_words_that_only_look_like_dates_are_not_mentions() -> None:
    assert mentions("Officials may march to the square; the 2019-20 season ended.").height == 0


def test_frame_has_exactly_the_raw_table_columns_and_offsets_for_many_articles() -> None:
    texts = ["Tuesday, he said. Then on Friday.", None, "", "Nothing here.", "Two days ago and yesterday."]
    articles = pl.DataFrame(
        {
            "article_id": [f"a{index}" for index in range(len(texts))],
            "run_id": [RUN_ID] * len(texts),
            "body_text": texts,
            "published_at": [WEDNESDAY] * len(texts),
        },
        schema=ARTICLES_SCHEMA,
    )

    frame = date_mentions_frame(articles)

    assert frame.columns == RAW_DATE_MENTIONS_COLUMNS
    assert frame.schema["resolved_date"] == pl.Date
    assert frame.select("article_id", "phrase").rows() == [
        ("a0", "Tuesday"),
        ("a0", "on Friday"),
        ("a4", "Two days ago"),
        ("a4", "yesterday"),
    ]
    for row in frame.iter_rows(named=True):
        text = texts[int(row["article_id"][1:])]
        assert text[row["start_char"] : row["end_char"]] == row["phrase"]
    assert frame.select("article_id", "start_char").is_duplicated().sum() == 0


def test_offsets_count_characters_not_bytes() -> None:
    text = "Größte Proteste — seit Jahren — began on Tuesday."

    row = only(text)

    assert text[row["start_char"] : row["end_char"]] == "on Tuesday"


def test_empty_frame_gives_empty_mentions() -> None:
    empty = pl.DataFrame(schema=ARTICLES_SCHEMA)

    assert date_mentions_frame(empty).columns == RAW_DATE_MENTIONS_COLUMNS


def test_a_mention_names_the_run_and_the_sentence_it_was_found_in() -> None:
    text = "Talks stalled. Officials met on Tuesday."

    row = only(text)

    assert (row["phrase"], row["run_id"], row["sentence_index"]) == ("on Tuesday", RUN_ID, 1)


def test_sentences_are_numbered_as_actor_mentions_number_them() -> None:
    text = (
        "NATO met. The EU agreed on Tuesday! Did Moscow object? No.\n"
        "Baku said so yesterday. Dr. Smith, the U.S. envoy, left on Friday."
    )

    sentence_by_phrase = dict(mentions(text).select("phrase", "sentence_index").iter_rows())
    sentence_by_word = dict(scan_texts([text]).select("token", "sentence_index").iter_rows())

    # "Dr." and "U.S." end no sentence; the line break does
    assert sentence_by_phrase == {"on Tuesday": 1, "yesterday": 4, "on Friday": 5}
    assert sentence_by_phrase["on Tuesday"] == sentence_by_word["EU"]
    assert sentence_by_phrase["yesterday"] == sentence_by_word["Baku"]
    assert sentence_by_phrase["on Friday"] == sentence_by_word["Smith"]
