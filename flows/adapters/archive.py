"""WARC files: the per-run archive of every response the fetcher read, and WARC sources (e.g. CC-NEWS).

Archived records are the decoded response bodies (transfer and content encodings removed) with the
response's headers, so a page can be extracted again later exactly as it was first read.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from isal import isal_zlib
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Headers that describe the encoding on the wire, which the archived (decoded) body no longer has.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
# ISA-L (the `isal` package) at its highest level, 3: any gzip reader, warcio's included, reads its members.
# On the 120 real pages of the evaluation sets it takes about half of zlib-ng's time at level 3 (0.72-0.76
# against 1.39-1.83 ms a page, side by side) and under a third of its level 6 (2.5-2.6 ms), for archives 5%
# larger than zlib-ng's level 3 and 11% larger than level 6 (0.226 against 0.216 and 0.204 of the pages'
# size). The nightly is bound by CPU and an archive is written once, so the CPU wins.
ARCHIVE_GZIP_LEVEL = 3


@dataclass(frozen=True)
class WarcResponse:
    """One response record read from a WARC file."""

    url: str
    http_status: int
    headers: dict[str, str]
    body: bytes
    record_id: str
    warc_path: str
    offset: int
    archived_at: dt.datetime | None

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class WarcArchive:
    """Appends response records to one gzip-compressed WARC file; safe to share between threads.

    Each record is its own gzip member (as the WARC format asks), compressed outside the file's lock.
    """

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = path.open("ab")
        self._writer = WARCWriter(io.BytesIO(), gzip=False)  # builds records; each is written apart
        self._lock = threading.Lock()

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def record_response(
        self, url: str, http_status: int, headers: dict[str, str], body: bytes, fetched_at: dt.datetime
    ) -> tuple[str, int]:
        """Append one response record; return its WARC-Record-ID and the byte offset it starts at."""
        try:
            reason = HTTPStatus(http_status).phrase
        except ValueError:
            reason = "Unknown"
        http_headers = StatusAndHeaders(
            f"{http_status} {reason}",
            [(key, value) for key, value in headers.items() if key.lower() not in _WIRE_HEADERS],
            protocol="HTTP/1.1",
        )
        record = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": fetched_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")},
        )
        plain = io.BytesIO()
        WARCWriter(plain, gzip=False).write_record(record)
        compressor = isal_zlib.compressobj(ARCHIVE_GZIP_LEVEL, isal_zlib.DEFLATED, isal_zlib.MAX_WBITS + 16)
        member = compressor.compress(plain.getvalue()) + compressor.flush()
        with self._lock:
            offset = self._file.tell()
            self._file.write(member)
            self._file.flush()
        return record.rec_headers.get_header("WARC-Record-ID"), offset


class WarcReadError(ValueError):
    """A WARC file could not be read; the message names the file."""


def iter_warc_responses(path: Path) -> Iterator[WarcResponse]:
    """Yield the HTTP response records of a WARC or WARC.gz file in order; other record types are skipped.

    Raises WarcReadError naming the file when it is not a WARC file.
    """
    try:
        with path.open("rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                body = record.content_stream().read()  # before asking the offset, which skips the rest
                yield _response(record, str(path), iterator.get_record_offset(), body)
    except ArchiveLoadFailed as error:
        raise WarcReadError(f"{path}: not a readable WARC file ({error})") from error


def read_warc_response(path: Path, offset: int) -> WarcResponse:
    """Read the one response record that starts at `offset` in a WARC file (as listed by iteration)."""
    with path.open("rb") as stream:
        stream.seek(offset)
        for record in ArchiveIterator(stream):
            return _response(record, str(path), offset, record.content_stream().read())
    raise WarcReadError(f"{path}: no record at offset {offset}")


def _response(record: object, warc_path: str, offset: int, body: bytes) -> WarcResponse:
    headers = {key.lower(): value for key, value in record.http_headers.headers}  # type: ignore[attr-defined]
    status_code = record.http_headers.get_statuscode()  # type: ignore[attr-defined]
    date = record.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
    return WarcResponse(
        url=record.rec_headers.get_header("WARC-Target-URI"),  # type: ignore[attr-defined]
        http_status=int(status_code) if status_code and status_code.isdigit() else 0,
        headers=headers,
        body=body,
        record_id=record.rec_headers.get_header("WARC-Record-ID"),  # type: ignore[attr-defined]
        warc_path=warc_path,
        offset=offset,
        archived_at=dt.datetime.fromisoformat(date.replace("Z", "+00:00")) if date else None,
    )
