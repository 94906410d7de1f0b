"""Planning a night's fetches: what is settled at once, what is fetched, and with which validators."""

import datetime as dt

from flows.tasks.acquire import StoredPage, plan_batches

NOW = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
STORED_AT = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)


def entry(url, canonical=None, published=None, warc_path=None):
    return {"url": url, "canonical_url": canonical if canonical is not None else url, "entry_published_at": published,
            "warc_path": warc_path, "warc_offset": 0 if warc_path else None}  # fmt: skip


def test_new_seen_changed_and_invalid_urls():
    stored = {
        "http://a.com/seen": StoredPage(STORED_AT, '"v1"', None),
        "http://a.com/changed": StoredPage(STORED_AT, '"v1"', "Fri, 20 Nov 2026 00:00:00 GMT"),
    }
    entries = [
        entry("http://a.com/new"),
        entry("http://a.com/seen", published=STORED_AT - dt.timedelta(days=1)),
        entry("http://a.com/changed", published=STORED_AT + dt.timedelta(days=1)),
        entry("not a url", canonical=""),
        entry("http://b.com/other"),
    ]
    entries[3]["canonical_url"] = None
    settled, batches = plan_batches(entries, stored, now=NOW)
    assert {(row["url"], row["status"]) for row in settled} == {("http://a.com/seen", "already_seen"),
                                                                ("not a url", "invalid_url")}  # fmt: skip
    by_key = {batch.key: batch for batch in batches}
    assert set(by_key) == {"a.com", "b.com"}
    assert [row["url"] for row in by_key["a.com"].entries] == ["http://a.com/new", "http://a.com/changed"]
    # the changed page is asked for conditionally, with what the last fetch returned
    assert by_key["a.com"].validators == {"http://a.com/changed": stored["http://a.com/changed"]}


def test_warc_entries_are_batched_per_file():
    entries = [entry("http://a.com/1", warc_path="/x/one.warc.gz"), entry("http://b.com/2", warc_path="/x/one.warc.gz"),
               entry("http://a.com/3", warc_path="/x/two.warc.gz")]  # fmt: skip
    _, batches = plan_batches(entries, {}, now=NOW)
    assert sorted((batch.key, len(batch.entries)) for batch in batches) == [("warc:/x/one.warc.gz", 2),
                                                                          ("warc:/x/two.warc.gz", 1)]  # fmt: skip
