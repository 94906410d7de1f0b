"""Sources of articles: the sources file, and discovering article URLs from feeds, sitemaps and URL lists."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from flows.adapters.archive import WarcReadError, iter_warc_responses
from flows.adapters.http import Fetcher, FetchStatus
from flows.core.feeds import FeedEntry, FeedParseError, parse_feed, parse_sitemap

SourceKind = Literal["rss", "atom", "sitemap", "urls", "warc"]
MAX_CHILD_SITEMAPS = 50


class Source(BaseModel):
    """One configured source: a feed or sitemap URL, a file of URLs, or WARC files."""

    model_config = ConfigDict(extra="forbid")

    name: str
    kind: SourceKind
    url: str | None = None
    path: str | None = None
    outlet: str | None = None
    country_code: str | None = None
    is_state_media: bool = False

    @model_validator(mode="after")
    def _location_matches_kind(self) -> Source:
        if self.kind in ("rss", "atom", "sitemap") and not self.url:
            raise ValueError(f"source {self.name!r}: kind {self.kind} needs a url")
        if self.kind in ("urls", "warc") and not self.path:
            raise ValueError(f"source {self.name!r}: kind {self.kind} needs a path")
        return self

    @field_validator("country_code")
    @classmethod
    def _known_country(cls, code: str | None) -> str | None:
        if code is not None and pycountry.countries.get(alpha_3=code.upper()) is None:
            raise ValueError(f"country_code {code!r} is no ISO 3166 alpha-3 code (e.g. AZE, USA)")
        return code.upper() if code is not None else None

    @property
    def location(self) -> str:
        return self.url or self.path or ""


class SourcesFileError(ValueError):
    """The sources file is missing or malformed; the message names the file and the problem."""


def load_sources(path: Path) -> list[Source]:
    """Read a sources YAML file (`sources: [{name, kind, url|path, ...}]`).

    Relative `path:` entries are taken relative to the file. Raises SourcesFileError naming the file and
    the offending entry when it cannot be read, is not of that shape, or names a source twice.
    """
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SourcesFileError(f"{path}: cannot read sources file ({error.strerror})") from error
    except yaml.YAMLError as error:
        raise SourcesFileError(f"{path}: not valid YAML ({error})") from error
    if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
        raise SourcesFileError(f"{path}: expected a mapping with a 'sources:' list")
    sources: list[Source] = []
    for index, entry in enumerate(document["sources"]):
        try:
            source = Source.model_validate(entry)
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(part) for part in problem['loc']) or 'entry'}: {problem['msg']}"
                for problem in error.errors()
            )
            raise SourcesFileError(f"{path}: sources[{index}] is invalid: {problems}") from error
        if source.path and not Path(source.path).is_absolute():
            source = source.model_copy(update={"path": str((path.parent / source.path).resolve())})
        sources.append(source)
    names = [source.name for source in sources]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise SourcesFileError(f"{path}: source names must be unique, repeated: {', '.join(duplicates)}")
    return sources


@dataclass(frozen=True)
class Discovery:
    """What discovery found for one source: entries to fetch, or the reason it found none."""

    source: Source
    entries: tuple[FeedEntry, ...]
    error: str | None = None


def discover(source: Source, fetcher: Fetcher) -> Discovery:
    """List the article URLs a source announces now; a source that cannot be read yields an error, not
    an exception, so one broken feed does not stop the night.
    """
    try:
        if source.kind in ("rss", "atom"):
            content = _fetch_document(fetcher, source.location)
            return Discovery(source, tuple(parse_feed(content, source.location)))
        if source.kind == "sitemap":
            return Discovery(source, tuple(_walk_sitemaps(fetcher, source.location)))
        if source.kind == "urls":
            return Discovery(source, tuple(_read_url_list(Path(source.location))))
        if source.kind == "warc":
            paths = sorted(glob.glob(source.location))
            if not paths:
                return Discovery(source, (), error=f"no WARC file matches {source.location}")
            return Discovery(source, tuple(entry for path in paths for entry in _warc_entries(Path(path))))
    except (FeedParseError, _DocumentUnavailable, WarcReadError, OSError) as error:
        return Discovery(source, (), error=str(error))
    raise AssertionError(f"unhandled source kind {source.kind}")


class _DocumentUnavailable(Exception):
    pass


def _fetch_document(fetcher: Fetcher, url: str) -> bytes:
    result = fetcher.fetch_document(url)
    if result.status != FetchStatus.FETCHED or result.body is None:
        raise _DocumentUnavailable(f"{url}: {result.status.value} {result.error or ''}".strip())
    return result.body


def _walk_sitemaps(fetcher: Fetcher, root_url: str) -> list[FeedEntry]:
    entries: list[FeedEntry] = []
    pending, visited = [root_url], set[str]()
    while pending and len(visited) < MAX_CHILD_SITEMAPS:
        url = pending.pop(0)
        if url in visited:
            continue
        visited.add(url)
        content = parse_sitemap(_fetch_document(fetcher, url), url)
        entries.extend(content.entries)
        pending.extend(content.child_sitemaps)
    return entries


def _warc_entries(path: Path) -> list[FeedEntry]:
    """One entry per response record, pointing at the record so the fetch stage reads it from the file."""
    return [
        FeedEntry(
            url=response.url,
            warc_path=str(path),
            warc_offset=response.offset,
            archived_at=response.archived_at,
        )
        for response in iter_warc_responses(path)
    ]


def _read_url_list(path: Path) -> list[FeedEntry]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        FeedEntry(url=line.strip()) for line in lines if line.strip() and not line.lstrip().startswith("#")
    ]
