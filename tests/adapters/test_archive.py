import datetime as dt
import gzip

import pytest

from flows.adapters.archive import WarcArchive, WarcReadError, iter_warc_responses, read_warc_response
from flows.adapters.http import Fetcher, FetchStatus
from flows.adapters.sources import Source, discover
from flows.settings import Settings
from flows.tasks.acquire import read_archived_page

WHEN = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)


def test_archived_responses_read_back_with_url_status_headers_and_body(tmp_path):
    path = tmp_path / "run.warc.gz"
    with WarcArchive(path) as archive:
        first_id, first_offset = archive.record_response(
            "http://www.caspianwire.com/a/", 200,
            {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "ETag": '"v1"'},
            "<p>Ереван</p>".encode(), WHEN,
        )  # fmt: skip
        _, second_offset = archive.record_response(
            "http://www.caspianwire.com/b/", 200, {}, b"<p>b</p>", WHEN
        )
    responses = list(iter_warc_responses(path))
    assert [response.url for response in responses] == [
        "http://www.caspianwire.com/a/",
        "http://www.caspianwire.com/b/",
    ]
    first = responses[0]
    assert (first.record_id, first.offset, first.http_status) == (first_id, first_offset, 200)
    assert first.body == "<p>Ереван</p>".encode()
    assert "content-encoding" not in first.headers  # the archived body is the decoded one
    assert first.headers["etag"] == '"v1"'
    assert first.archived_at == WHEN
    assert read_warc_response(path, second_offset).body == b"<p>b</p>"


def test_the_archive_appends_across_runs_of_the_same_night(tmp_path):
    path = tmp_path / "run.warc.gz"
    for body in (b"one", b"two"):
        with WarcArchive(path) as archive:
            archive.record_response("http://a.com/", 200, {}, body, WHEN)
    assert [response.body for response in iter_warc_responses(path)] == [b"one", b"two"]


def test_a_file_that_is_not_a_warc_is_named(tmp_path):
    path = tmp_path / "not.warc.gz"
    path.write_bytes(gzip.compress(b"hello, I am not a WARC file\n" * 10))
    with pytest.raises(WarcReadError, match=r"not\.warc\.gz"):
        list(iter_warc_responses(path))


def test_a_warc_source_lists_its_responses_and_they_read_without_network(tmp_path):
    path = tmp_path / "cc-news.warc.gz"
    with WarcArchive(path) as archive:
        archive.record_response("http://www.dailymeridian.com/x/", 200, {"Content-Type": "text/html"},
                                b"<html><p>x</p></html>", WHEN)  # fmt: skip
        archive.record_response(
            "http://www.dailymeridian.com/gone/", 404, {"Content-Type": "text/html"}, b"no", WHEN
        )
        archive.record_response(
            "http://www.dailymeridian.com/a.pdf", 200, {"Content-Type": "application/pdf"}, b"%", WHEN
        )
    source = Source(name="ccnews", kind="warc", path=str(tmp_path / "*.warc.gz"))
    with Fetcher(Settings(state_dir=tmp_path)) as fetcher:
        found = discover(source, fetcher)
    assert found.error is None
    results = [read_archived_page(entry.url, entry.warc_path, entry.warc_offset) for entry in found.entries]
    assert [result.status for result in results] == [
        FetchStatus.FETCHED,
        FetchStatus.HTTP_ERROR,
        FetchStatus.NOT_HTML,
    ]
    assert results[0].text == "<html><p>x</p></html>"
    assert results[0].fetched_at == WHEN


def test_a_warc_source_matching_no_file_is_an_error(tmp_path):
    source = Source(name="ccnews", kind="warc", path=str(tmp_path / "nothing-*.warc.gz"))
    with Fetcher(Settings(state_dir=tmp_path)) as fetcher:
        assert "no WARC file matches" in discover(source, fetcher).error


def test_records_written_from_many_threads_are_one_gzip_member_each_at_their_offsets(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "run.warc.gz"
    pages = {f"http://www.caspianwire.com/{n}/": f"<p>page {n}</p>".encode() * (n + 1) for n in range(40)}
    with WarcArchive(path) as archive, ThreadPoolExecutor(max_workers=8) as pool:
        written = pool.map(lambda url: archive.record_response(url, 200, {}, pages[url], WHEN)[1], pages)
        offsets = dict(zip(pages, written, strict=True))
    assert {url: read_warc_response(path, offset).body for url, offset in offsets.items()} == pages
    # members are independent: decompressing the file from any record's offset starts at that record
    data = path.read_bytes()
    for url, offset in offsets.items():
        assert gzip.decompress(data[offset:]).startswith(b"WARC/1.")
        assert f"WARC-Target-URI: {url}\r\n".encode() in gzip.decompress(data[offset:])[:2000]
