"""The synthetic raw layer: keyed like the real one, shaped like it (sizes, long tails, dates)."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from flows.adapters.warehouse import apply_schema
from flows.warehouse_scale.generator import SOURCE_COUNT, Batch, add_articles, create_dictionary


@pytest.fixture
def connection():
    with duckdb.connect() as connection:
        apply_schema(connection)
        create_dictionary(connection)
        yield connection


def test_a_batch_has_realistic_shape(connection):
    counts = add_articles(connection, Batch(first=0, count=2_000, last_date=dt.date(2026, 11, 27)))
    assert counts["articles"] == 2_000
    assert 2_000 * 12 < counts["actor_mentions"] < 2_000 * 18  # 5 to 25 per article, about 15
    [(low, high)] = connection.execute(
        "select min(n), max(n) from (select count(*) as n from raw.actor_mentions group by article_id)"
    ).fetchall()
    assert (low, high) == (5, 25)
    [(first_day, last_day, late_share, last_extracted)] = connection.execute(
        "select min(published_at)::date, max(published_at)::date,"
        " avg((extracted_at - published_at > interval 1 day)::int), max(extracted_at) from raw.articles"
    ).fetchall()
    assert first_day == dt.date(2025, 11, 28) and last_day == dt.date(2026, 11, 27)
    assert 0.01 < late_share < 0.06
    assert last_extracted <= dt.datetime(2026, 11, 28, 6)
    # Long tails: the top actor is in a large share of articles, and most actors are rare.
    [(top_share, rare_actors, sources)] = connection.execute(
        "select max(n) / 2000, count(*) filter (where n < 5), (select count(distinct source_name) from raw.articles)"
        " from (select actor_id, count(distinct article_id) as n from raw.actor_mentions group by actor_id)"
    ).fetchall()
    assert top_share > 0.2 and rare_actors > 500
    assert 15 < sources <= SOURCE_COUNT
    # Every fetched row points at an article; runs cover every extraction day.
    [(orphans,)] = connection.execute(
        "select count(*) from raw.fetches where status = 'fetched'"
        " and canonical_url not in (select canonical_url from raw.articles)"
    ).fetchall()
    assert orphans == 0


def test_a_later_batch_adds_without_colliding(connection):
    add_articles(connection, Batch(first=0, count=300, last_date=dt.date(2026, 11, 27)))
    counts = add_articles(
        connection, Batch(first=300, count=100, last_date=dt.date(2026, 11, 28), days=1), seed=0.7
    )
    assert counts["articles"] == 400
    with pytest.raises(duckdb.ConstraintException):
        add_articles(connection, Batch(first=350, count=10, last_date=dt.date(2026, 11, 28), days=1))
