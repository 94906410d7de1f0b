"""Score publication-date resolution on a folder of news pages with known dates (news-dates-dev).

`python -m flows.evaluation.dates [--data DIR] [--show-misses]` runs `extract_page` and
`resolve_published_date` on every page (no feed date; fetched at 2026-01-01) and prints exact-day accuracy,
coverage and the same figures for trafilatura's own date. A page whose gold date is "NaN" is right when
no date is given. The day compared is the one the page printed (`published_stated_date`), as the gold
dates are publishers' local days; the day of `published_at` in UTC is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

DEFAULT_DATA_DIR = Path("/work/shared/evaldata/news-dates-dev")
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PageResult:
    """One scored page: the gold day and what each method said."""

    url: str
    gold_date: date | None
    stated_date: date | None
    utc_date: date | None
    extractor_date: date | None
    evidence: str | None


def read_html(path: Path) -> str:
    """Read a page as text: UTF-8 when it decodes, else charset detection; undecodable bytes become U+FFFD."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        return str(best) if best is not None else raw.decode("utf-8", errors="replace")


def evaluate(data_dir: Path) -> tuple[list[PageResult], float]:
    """Resolve the date of every page listed in the folder's ground-truth.json; returns results and seconds spent."""
    from flows.core.dates import published_stated_date, resolve_published_date
    from flows.core.extraction import extract_page

    gold = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    results = []
    seconds = 0.0
    for url, entry in gold.items():
        html = read_html(data_dir / "html" / entry["file"])
        started = time.perf_counter()
        page = extract_page(html, url, with_date=True)  # trafilatura's own date, for its own line too
        resolution = resolve_published_date(
            html, url, extractor_date=page.extractor_date, feed_published_at=None, fetched_at=FETCHED_AT
        )
        seconds += time.perf_counter() - started
        results.append(
            PageResult(
                url=url,
                gold_date=_to_date(entry["date"]),
                stated_date=published_stated_date(resolution),
                utc_date=resolution.published_at.date() if resolution.published_at else None,
                extractor_date=_to_date(page.extractor_date),
                evidence=resolution.evidence,
            )
        )
    return results, seconds


def score(results: list[PageResult], field: str) -> tuple[float, float]:
    """Exact-day accuracy (no date is right for NaN pages) and coverage (share of pages given a date)."""
    if not results:
        return 0.0, 0.0
    correct = sum(getattr(result, field) == result.gold_date for result in results)
    covered = sum(getattr(result, field) is not None for result in results)
    return correct / len(results), covered / len(results)


def _to_date(value: object) -> date | None:
    # the gold file writes a missing date as "NaN" or as a bare NaN number
    if not isinstance(value, str) or value.strip().lower() == "nan":
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA_DIR, help="folder with ground-truth.json and html/"
    )
    parser.add_argument("--show-misses", action="store_true", help="list the pages resolved to a wrong day")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"skipped: {args.data / 'ground-truth.json'} not found")
        return 0
    results, seconds = evaluate(args.data)
    no_date_pages = sum(result.gold_date is None for result in results)
    print(
        f"pages: {len(results)} ({no_date_pages} with no date)  docs/s: {len(results) / max(seconds, 1e-9):.1f}"
    )
    for label, field in (
        ("newsdesk, day as printed", "stated_date"),
        ("newsdesk, day of published_at (UTC)", "utc_date"),
        ("trafilatura alone", "extractor_date"),
    ):
        accuracy, coverage = score(results, field)
        print(f"{label:38s} exact-day accuracy {accuracy:.3f}  coverage {coverage:.3f}")
    evidence_counts: dict[str, int] = {}
    for result in results:
        evidence_counts[result.evidence or "none"] = evidence_counts.get(result.evidence or "none", 0) + 1
    print("evidence used: " + ", ".join(f"{key} {count}" for key, count in sorted(evidence_counts.items())))
    if args.show_misses:
        for result in results:
            if result.stated_date != result.gold_date:
                print(
                    f"miss: gold {result.gold_date} got {result.stated_date} (utc {result.utc_date}, "
                    f"{result.evidence}; trafilatura {result.extractor_date}) {result.url[:100]}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
