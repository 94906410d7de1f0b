"""End to end: the real nightly flow over the bundled sample site on loopback, into a temporary warehouse."""

import datetime as dt

import duckdb
import pytest

from flows.adapters.warehouse import table_row_counts
from flows.sample_site.catalog import catalog

pytestmark = pytest.mark.slow

RUN_DATE = "2026-11-28"


@pytest.fixture(scope="module")
def nightly_twice(tmp_path_factory, run_newsdesk):
    """Run the demo nightly twice for the same night; return the state folder and both runs' row counts."""
    state = tmp_path_factory.mktemp("state")
    args = ["run", "--demo", "--state-dir", str(state), "--run-date", RUN_DATE]
    first = run_newsdesk(*args)
    assert first.returncode == 0, first.stdout + first.stderr
    counts_first = table_row_counts(state / "warehouse.duckdb")
    second = run_newsdesk(*args)
    assert second.returncode == 0, second.stdout + second.stderr
    counts_second = table_row_counts(state / "warehouse.duckdb")
    return state, first.stdout, counts_first, counts_second


@pytest.fixture
def warehouse(nightly_twice):
    # Closed after each test: DuckDB shares one open database per path within a process, so a connection
    # kept open would keep showing the night it opened even after a later run publishes a new file.
    state = nightly_twice[0]
    connection = duckdb.connect(str(state / "warehouse.duckdb"), read_only=True)
    yield connection
    connection.close()


def test_a_second_run_of_the_same_night_changes_no_row_count(nightly_twice):
    _, _, counts_first, counts_second = nightly_twice
    assert counts_first == counts_second
    assert counts_first["main.fct_articles"] > 0


def test_the_summary_says_where_the_warehouse_and_report_are(nightly_twice):
    state, output, _, _ = nightly_twice
    assert str(state / "warehouse.duckdb") in output
    assert (state / "reports" / "latest.html").exists()


def test_every_catalog_article_is_in_the_warehouse_once_with_its_title_and_date(warehouse):
    rows = warehouse.execute("select url, title, published_date from fct_articles").fetchall()
    by_url = {url: (title, published_date) for url, title, published_date in rows}
    assert len(by_url) == len(rows)
    expected = catalog()
    assert len(rows) == len(expected)
    for article in expected:
        title, published_date = by_url[article.url]
        assert title == article.title
        # published_date is the UTC day; the catalog gives the outlet's local day
        stated = article.published_date
        assert published_date is not None, article.url
        assert abs((published_date - stated).days) <= 1, (article.url, published_date, stated)


def test_date_only_in_text_article_gets_its_date_from_the_text(warehouse):
    (article,) = [article for article in catalog() if article.is_date_only_in_text]
    published_date, evidence = warehouse.execute(
        "select published_date, date_evidence from fct_articles where url = ?", [article.url]
    ).fetchone()
    assert published_date == article.published_date
    assert evidence == "text"


def test_the_seed_article_names_its_countries_and_persons(warehouse):
    (seed,) = [article for article in catalog() if article.is_seed]
    actors = {
        row[0]: row[1:]
        for row in warehouse.execute(
            """
            select dim_actors.actor_id, dim_actors.canonical_name, fct_actor_mentions.role
            from fct_actor_mentions
            join fct_articles using (article_id)
            join dim_actors using (actor_id)
            where fct_articles.url = ?
            """,
            [seed.url],
        ).fetchall()
    }
    assert {"cty:AZE", "cty:ARM"} <= set(actors)
    assert {"per:antony-blinken", "per:ilham-aliyev", "per:nikol-pashinyan"} <= set(actors)
    assert {"gov:AZE", "gov:ARM", "gov:USA"} <= set(actors)  # Baku, Yerevan, Washington
    assert actors["per:antony-blinken"][1] == "Secretary of State"
    # the floor, exactly: no actor missing, none made up ("Nagorno-Karabakh Armenians" is no organisation)
    assert set(actors) == {
        "per:antony-blinken", "per:ilham-aliyev", "per:nikol-pashinyan", "per:elchin-amirbekov",
        "cty:AZE", "cty:ARM", "cty:USA", "gov:AZE", "gov:ARM", "gov:USA", "med:tass", "igo:eu",
        "loc:nagorno-karabakh", "loc:yevlakh", "loc:south-caucasus",
    }  # fmt: skip


def test_syndicated_copies_share_a_story(warehouse):
    groups = {}
    for article in catalog():
        if article.syndicated_group:
            groups.setdefault(article.syndicated_group, []).append(article.url)
    assert groups
    for urls in groups.values():
        placeholders = ", ".join("?" for _ in urls)
        stories = warehouse.execute(
            f"select count(distinct story_id), count(*) from fct_articles where url in ({placeholders})", urls
        ).fetchone()
        assert stories == (1, len(urls))


def test_every_discovered_url_has_one_terminal_status(warehouse):
    statuses = dict(
        warehouse.execute(
            "select fetch_status, count(*) from fct_fetches where run_id = ? group by fetch_status",
            [f"nightly-{RUN_DATE}"],
        ).fetchall()
    )
    assert statuses.get("http_error", 0) >= 1  # the feed entry that returns 404
    assert statuses.get("not_article", 0) >= 1  # the tag index page
    duplicates = warehouse.execute(
        "select count(*) from (select url from fct_fetches group by run_id, url having count(*) > 1)"
    ).fetchone()
    assert duplicates == (0,)


def test_the_run_is_recorded(warehouse):
    run = warehouse.execute("select run_date, status from raw.runs").fetchall()
    assert run == [(dt.date(2026, 11, 28), "succeeded")]


ARTICLE_FACTS = (
    "select canonical_url, title, body_text, published_date from fct_articles order by canonical_url"
)


def test_a_warc_source_gives_the_same_articles_as_fetching_over_http(
    nightly_twice, warehouse, run_newsdesk, tmp_path
):
    state = nightly_twice[0]
    sources = tmp_path / "sources.yaml"
    archive_glob = state / "archive" / f"nightly-{RUN_DATE}" / "*.warc.gz"
    sources.write_text(f"sources:\n  - {{name: archive, kind: warc, path: '{archive_glob}'}}\n")
    completed = run_newsdesk("run", "--sources", str(sources), "--state-dir", str(tmp_path / "state"),
                             "--run-date", RUN_DATE)  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    with duckdb.connect(str(tmp_path / "state" / "warehouse.duckdb"), read_only=True) as from_warc:
        assert from_warc.execute(ARTICLE_FACTS).fetchall() == warehouse.execute(ARTICLE_FACTS).fetchall()
        statuses = from_warc.execute("select distinct discovered_via from fct_fetches").fetchall()
    assert statuses == [("warc",)]


@pytest.fixture(scope="module")
def reextracted(nightly_twice, run_newsdesk):
    """Re-extract the archived pages (no sample site is running: nothing can come from the network)."""
    state = nightly_twice[0]
    with duckdb.connect(str(state / "warehouse.duckdb"), read_only=True) as connection:
        before = connection.execute(ARTICLE_FACTS).fetchall()
    completed = run_newsdesk("reextract", "--state-dir", str(state), "--run-date", "2026-11-29")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return state, before


def test_reextraction_rebuilds_the_same_articles_from_the_archive(reextracted):
    state, before = reextracted
    with duckdb.connect(str(state / "warehouse.duckdb"), read_only=True) as connection:
        assert connection.execute(ARTICLE_FACTS).fetchall() == before
        runs = connection.execute("select distinct run_id from fct_articles").fetchall()
        # read from the archive, not fetched: the fetch log and the sources' counts say so
        statuses = connection.execute(
            "select distinct fetch_status from fct_fetches where run_id = 'reextract-2026-11-29' order by 1"
        ).fetchall()
        fetched_per_source = connection.execute("select sum(fetched_count) from dim_sources").fetchone()
        nightly_fetched = connection.execute(
            "select count(*) from fct_fetches where fetch_status = 'fetched'"
        ).fetchone()
        fetch_checks = connection.execute(
            "select count(*) from raw.validation_results "
            "where run_id = 'reextract-2026-11-29' and suite = 'fetch_health'"
        ).fetchone()
    assert runs == [("reextract-2026-11-29",)]
    assert statuses == [("not_article",), ("reextracted",)]
    assert fetched_per_source == nightly_fetched
    assert fetch_checks == (0,)  # nothing was fetched whose health could be judged


def test_the_next_night_fetches_nothing_already_fetched(reextracted, run_newsdesk):
    state, before = reextracted
    completed = run_newsdesk("run", "--demo", "--state-dir", str(state), "--run-date", "2026-11-30")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    with duckdb.connect(str(state / "warehouse.duckdb"), read_only=True) as connection:
        statuses = dict(
            connection.execute(
                "select fetch_status, count(*) from fct_fetches where run_id = 'nightly-2026-11-30' group by 1"
            ).fetchall()
        )
        assert connection.execute(ARTICLE_FACTS).fetchall() == before
    assert statuses.pop("already_seen") == len(before)
    # only what never became an article is asked for again: the 404 and the tag index page
    assert statuses == {"http_error": 1, "not_article": 1}


def test_a_night_run_again_after_a_reextraction_fetches_again_what_it_fetched(reextracted, run_newsdesk):
    state, before = reextracted
    query = (
        f"select count(*) from fct_fetches where run_id = 'nightly-{RUN_DATE}' and fetch_status = 'fetched'"
    )
    with duckdb.connect(str(state / "warehouse.duckdb"), read_only=True) as connection:
        (fetched_before,) = connection.execute(query).fetchone()
    completed = run_newsdesk("run", "--demo", "--state-dir", str(state), "--run-date", RUN_DATE)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    with duckdb.connect(str(state / "warehouse.duckdb"), read_only=True) as connection:
        assert connection.execute(query).fetchone() == (fetched_before,)
        assert connection.execute(ARTICLE_FACTS).fetchall() == before
