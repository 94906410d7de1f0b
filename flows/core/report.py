"""Render a run's summary and validation outcome as one self-contained HTML page, plain text or markdown.

Pure: data in, string out. Everything that came from the web (titles, authors, URLs, error texts, and
the examples quoted in validation messages) is untrusted: the HTML goes through jinja2 with
autoescaping, links are emitted only for http(s) URLs, and the page's Content-Security-Policy forbids
scripts and external loads, so a missed escape still could not run code or phone home.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import jinja2

from expectations.outcome import CRITICAL, ExpectationOutcome, ValidationOutcome, summarize_counts

MAX_CONSOLE_FINDINGS = 10
SPARK_WIDTH = 96
SPARK_HEIGHT = 22


@dataclass(frozen=True)
class FailureReason:
    """Fetches of the run that ended in one failing status."""

    status: str
    count: int
    example_url: str | None = None
    example_error: str | None = None


@dataclass(frozen=True)
class SourceYield:
    """One source this run, with its recent history (oldest first, this run last) for the trend."""

    source_id: str
    discovered: int
    fetched: int
    failed: int
    articles: int
    extraction_yield: float | None
    date_coverage: float | None
    mentions_per_article: float | None
    articles_trend: tuple[float | None, ...] = ()
    yield_trend: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class ArticleSample:
    source_id: str
    title: str | None
    url: str
    author: str | None
    published_at: dt.datetime | None


@dataclass(frozen=True)
class RunSummary:
    """Counts per stage of one run, where its fetches failed, and how each source fared."""

    run_id: str
    warehouse_path: str
    discovered: int
    fetched: int
    unchanged: int
    skipped: int
    failed: int
    extracted_articles: int
    mentions: int
    actors: int
    run_date: dt.date | None = None
    reextracted: int = 0  # pages read again from the archive by a re-extraction
    run_status: str | None = None
    failures_by_reason: tuple[FailureReason, ...] = ()
    sources: tuple[SourceYield, ...] = ()
    newest_articles: tuple[ArticleSample, ...] = ()
    trend_run_ids: tuple[str, ...] = field(default=())


def safe_href(url: str | None) -> str | None:
    """Return the URL if it is an absolute http(s) URL fit to be a link, else None (javascript:, data:, junk)."""
    if not url or any(character in url for character in "\x00\r\n\t "):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def sparkline_points(
    values: Sequence[float | None], *, width: int = SPARK_WIDTH, height: int = SPARK_HEIGHT
) -> str:
    """SVG polyline points for a series scaled into width × height; gaps (None) are skipped, "" when empty."""
    present = [(index, value) for index, value in enumerate(values) if value is not None]
    if not present:
        return ""
    top = max(value for _index, value in present)
    top = top if top > 0 else 1.0
    step = width / max(len(values) - 1, 1)
    pad = 2
    points = []
    for index, value in present:
        x = index * step if len(values) > 1 else width / 2
        y = pad + (height - 2 * pad) * (1 - value / top)
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


def split_example(example: str) -> tuple[str | None, str]:
    """Split a validation example into a linkable http(s) URL (or None) and the rest of its text."""
    head, _, rest = example.partition(" ")
    href = safe_href(head)
    return (href, rest) if href else (None, example)


def headline(message: str) -> str:
    """A validation message without its trailing "; e.g. …" examples (the report lists them separately)."""
    return message.split("; e.g. ", 1)[0]


def last_point(points: str) -> tuple[str, str] | None:
    """The x, y of the last point of sparkline points, or None when there are none."""
    if not points:
        return None
    x, y = points.rsplit(" ", 1)[-1].split(",")
    return x, y


def render_report_html(
    summary: RunSummary,
    outcome: ValidationOutcome,
    *,
    data_docs_href: str | None = None,
    dbt_docs_href: str | None = None,
    generated_at: dt.datetime | None = None,
) -> str:
    """Render the morning report as one HTML page with inline CSS and SVG, no scripts, no external resources.

    Links to the Data Docs and dbt docs are relative hrefs given by the caller and are dropped unless
    they are plain relative paths; any text may contain markup, which is escaped.
    """
    counts = summarize_counts(outcome.results)
    passed = [result for result in outcome.results if result.is_success]
    return _TEMPLATE.render(
        summary=summary,
        stage_counts=_stage_counts(summary),
        outcome=outcome,
        counts=counts,
        critical=outcome.critical_failures,
        warnings=outcome.warnings,
        passed=sorted(passed, key=lambda result: (result.suite, result.source_id or "", result.expectation)),
        failed_fetch_total=sum(reason.count for reason in summary.failures_by_reason),
        data_docs_href=_relative_href(data_docs_href),
        dbt_docs_href=_relative_href(dbt_docs_href),
        generated_at=(generated_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC"),
    )


def format_console_summary(
    summary: RunSummary,
    outcome: ValidationOutcome,
    *,
    report_path: str | None = None,
    latest_path: str | None = None,
) -> str:
    """Plain text for the terminal: verdict, counts per stage, failures by reason, findings, where things are."""
    counts = summarize_counts(outcome.results)
    verdict = "PASSED" if outcome.is_success else "FAILED"
    lines = [
        f"newsdesk {summary.run_id}: {verdict} — {counts['critical']} critical, {counts['warning']} warnings,"
        f" {counts['passed']} passed (validated in {outcome.elapsed_s:.1f} s)",
        "",
    ]
    stages = _stage_counts(summary)
    width = max(len(label) for label, _ in stages) + 2
    lines.append(f"  {'stage':<{width}}{'count':>7}")
    for label, value in stages:
        lines.append(f"  {label:<{width}}{value:>7}")
    if summary.failures_by_reason:
        reasons = ", ".join(f"{reason.status} {reason.count}" for reason in summary.failures_by_reason)
        lines += ["", f"  fetch failures by reason: {reasons}"]
    findings = [*outcome.critical_failures, *outcome.warnings]
    if findings:
        lines.append("")
        for result in findings[:MAX_CONSOLE_FINDINGS]:
            lines.append(f"  {result.severity.upper():<8} {_one_line(result.message)}")
        if len(findings) > MAX_CONSOLE_FINDINGS:
            lines.append(f"  … and {len(findings) - MAX_CONSOLE_FINDINGS} more in the report")
    lines += ["", f"  warehouse: {summary.warehouse_path}"]
    if report_path:
        lines.append(f"  report:    {report_path}")
    if latest_path:
        lines.append(f"  latest:    {latest_path}")
    if outcome.data_docs_path:
        lines.append(f"  data docs: {outcome.data_docs_path}")
    return "\n".join(lines)


def summary_markdown(summary: RunSummary, outcome: ValidationOutcome) -> str:
    """Markdown for a Prefect artifact: verdict, stage counts, failures by reason and failed expectations.

    Untrusted text is escaped for markdown and HTML, and URLs are shown as code, never as links.
    """
    counts = summarize_counts(outcome.results)
    verdict = "✅ passed" if outcome.is_success else "❌ failed"
    lines = [
        f"## newsdesk {_md(summary.run_id)}: {verdict}",
        "",
        f"{counts['critical']} critical · {counts['warning']} warnings · {counts['passed']} passed",
        "",
        "| stage | count |",
        "|---|---:|",
        *(f"| {label} | {value} |" for label, value in _stage_counts(summary)),
    ]
    if summary.failures_by_reason:
        lines += ["", "| fetch failure | count |", "|---|---:|"]
        lines += [f"| {_md(reason.status)} | {reason.count} |" for reason in summary.failures_by_reason]
    findings = [*outcome.critical_failures, *outcome.warnings]
    if findings:
        lines += ["", "| severity | suite | finding |", "|---|---|---|"]
        lines += [
            f"| {result.severity} | {_md(result.suite)} | {_md(_one_line(result.message))} |"
            for result in findings
        ]
    return "\n".join(lines) + "\n"


def _stage_counts(summary: RunSummary) -> list[tuple[str, int]]:
    """What became of the night's URLs (the first rows add up to those discovered), then what it found."""
    return [
        ("URLs discovered", summary.discovered),
        ("pages fetched", summary.fetched),
        *([("read from archive", summary.reextracted)] if summary.reextracted else []),
        ("unchanged", summary.unchanged),
        ("skipped (robots, not an article)", summary.skipped),
        ("fetches failed", summary.failed),
        ("articles extracted", summary.extracted_articles),
        ("actor mentions", summary.mentions),
        ("actors mentioned", summary.actors),
    ]


def _relative_href(href: str | None) -> str | None:
    """Keep only relative file paths: no scheme, no leading slash, no backslashes or control characters."""
    if not href or re.search(r"[\x00-\x1f\\]", href) or href.startswith("/"):
        return None
    if urlsplit(href).scheme:
        return None
    return href


def _one_line(text: str) -> str:
    return " ".join(text.split())


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def _md(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _severity_class(result: ExpectationOutcome) -> str:
    if result.is_success:
        return "ok"
    return "critical" if result.severity == CRITICAL else "warning"


_ENVIRONMENT = jinja2.Environment(
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
)
_ENVIRONMENT.filters.update(
    percent=_percent,
    number=_number,
    safe_href=safe_href,
    spark=sparkline_points,
    severity_class=_severity_class,
    split_example=split_example,
    headline=headline,
    last_point=last_point,
)

_TEMPLATE = _ENVIRONMENT.from_string(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsdesk · {{ summary.run_id }} · {{ "passed" if outcome.is_success else "failed" }}</title>
<style>
:root { --ink:#1d2430; --muted:#5f6b7a; --line:#dde3ea; --bg:#f6f8fa; --ok:#1a7f37; --warn:#9a6700; --bad:#cf222e; --accent:#0b5cad; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif; color:var(--ink); background:var(--bg); }
main { max-width:1120px; margin:0 auto; padding:24px 28px 48px; }
header { display:flex; flex-wrap:wrap; align-items:baseline; gap:12px 18px; margin-bottom:18px; }
h1 { font-size:22px; margin:0; }
h2 { font-size:17px; margin:28px 0 10px; padding-bottom:4px; border-bottom:1px solid var(--line); }
.meta { color:var(--muted); font-size:13px; }
.badge { display:inline-block; padding:3px 10px; border-radius:999px; font-weight:600; font-size:13px; color:#fff; }
.badge.ok { background:var(--ok); } .badge.failed { background:var(--bad); }
.cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(128px,1fr)); gap:10px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 12px; }
.card .value { font-size:22px; font-weight:650; font-variant-numeric:tabular-nums; }
.card .label { color:var(--muted); font-size:12px; }
.card.bad .value { color:var(--bad); }
table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); border-radius:8px; overflow:hidden; }
th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#eef2f6; font-size:12px; text-transform:uppercase; letter-spacing:.03em; color:var(--muted); }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
tr:last-child td { border-bottom:none; }
.sev { font-weight:650; font-size:12px; text-transform:uppercase; white-space:nowrap; }
.sev.critical { color:var(--bad); } .sev.warning { color:var(--warn); } .sev.ok { color:var(--ok); }
.message { overflow-wrap:anywhere; }
.examples { margin:4px 0 0; padding-left:18px; color:var(--muted); font-size:13px; overflow-wrap:anywhere; }
a { color:var(--accent); }
.url { font-size:13px; overflow-wrap:anywhere; }
.none { color:var(--muted); font-style:italic; }
.summary-line { margin:6px 0 12px; color:var(--muted); }
details { margin-top:10px; } summary { cursor:pointer; color:var(--accent); }
svg.spark { vertical-align:middle; }
svg.spark polyline { fill:none; stroke:var(--accent); stroke-width:1.6; }
svg.spark circle { fill:var(--accent); }
svg.spark line.base { stroke:var(--line); stroke-width:1; }
td.source { white-space:nowrap; }
.links { display:flex; gap:18px; flex-wrap:wrap; }
footer { margin-top:32px; color:var(--muted); font-size:12px; }
</style>
</head>
<body>
<main>
<header>
  <h1>newsdesk data quality · {{ summary.run_id }}</h1>
  <span class="badge {{ 'ok' if outcome.is_success else 'failed' }}">{{ "PASSED" if outcome.is_success else "FAILED" }}</span>
  <span class="meta">{{ counts.critical }} critical · {{ counts.warning }} warnings · {{ counts.passed }} passed{% if summary.run_status %} · run {{ summary.run_status }}{% endif %}</span>
</header>

<section>
<h2>Stages</h2>
<div class="cards">
{% for label, value in stage_counts %}
  <div class="card{{ ' bad' if label == 'fetches failed' and value else '' }}"><div class="value">{{ value }}</div><div class="label">{{ label }}</div></div>
{% endfor %}
</div>
</section>

<section>
<h2>Expectations</h2>
{% if not critical and not warnings %}
<p class="summary-line">Every expectation passed.</p>
{% else %}
<table>
  <thead><tr><th>severity</th><th>suite</th><th>source</th><th>column</th><th>finding</th></tr></thead>
  <tbody>
  {% for result in critical + warnings %}
  <tr>
    <td><span class="sev {{ result | severity_class }}">{{ result.severity }}</span></td>
    <td>{{ result.suite }}</td>
    <td class="source">{{ result.source_id or "all" }}</td>
    <td>{{ result.column or "–" }}</td>
    <td class="message">{{ result.message | headline }}
      {% if result.unexpected_examples %}
      <ul class="examples">
        {% for example in result.unexpected_examples %}
        {% set href, rest = example | split_example %}
        <li>{% if href %}<a href="{{ href }}" rel="noopener noreferrer nofollow">{{ href }}</a> {{ rest }}{% else %}{{ example }}{% endif %}</li>
        {% endfor %}
      </ul>
      {% endif %}
    </td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% endif %}
<details>
  <summary>{{ passed | length }} passed expectations</summary>
  <table>
    <thead><tr><th>suite</th><th>source</th><th>check</th><th>result</th></tr></thead>
    <tbody>
    {% for result in passed %}
    <tr><td>{{ result.suite }}</td><td>{{ result.source_id or "all" }}</td><td>{{ result.expectation }}</td><td class="message">{{ result.message }}</td></tr>
    {% endfor %}
    </tbody>
  </table>
</details>
</section>

<section>
<h2>Fetch failures by reason</h2>
{% if summary.failures_by_reason %}
<table>
  <thead><tr><th>reason</th><th class="num">fetches</th><th class="num">share of failures</th><th>example</th></tr></thead>
  <tbody>
  {% for reason in summary.failures_by_reason %}
  <tr>
    <td>{{ reason.status }}</td>
    <td class="num">{{ reason.count }}</td>
    <td class="num">{{ (reason.count / failed_fetch_total) | percent }}</td>
    <td class="url">{% if reason.example_url %}{% set href = reason.example_url | safe_href %}{% if href %}<a href="{{ href }}" rel="noopener noreferrer nofollow">{{ href }}</a>{% else %}{{ reason.example_url }}{% endif %}{% endif %}{% if reason.example_error %} — {{ reason.example_error }}{% endif %}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% else %}
<p class="none">No fetch failed.</p>
{% endif %}
</section>

<section>
<h2>Sources</h2>
{% if summary.sources %}
<table>
  <thead><tr><th>source</th><th class="num">discovered</th><th class="num">fetched</th><th class="num">failed</th><th class="num">articles</th><th class="num">yield</th><th class="num">dated</th><th class="num">mentions / article</th><th>articles, last {{ summary.trend_run_ids | length }} runs</th><th>yield trend</th></tr></thead>
  <tbody>
  {% for source in summary.sources %}
  <tr>
    <td class="source">{{ source.source_id }}</td>
    <td class="num">{{ source.discovered }}</td>
    <td class="num">{{ source.fetched }}</td>
    <td class="num">{{ source.failed }}</td>
    <td class="num">{{ source.articles }}</td>
    <td class="num">{{ source.extraction_yield | percent }}</td>
    <td class="num">{{ source.date_coverage | percent }}</td>
    <td class="num">{{ source.mentions_per_article | number }}</td>
    <td>{% set points = source.articles_trend | spark %}{% if points %}<svg class="spark" width="96" height="22" viewBox="0 0 96 22" role="img" aria-label="articles per run"><line class="base" x1="0" y1="20" x2="96" y2="20"/><polyline points="{{ points }}"/>{% set dot = points | last_point %}<circle cx="{{ dot[0] }}" cy="{{ dot[1] }}" r="2.2"/></svg>{% else %}<span class="none">no history</span>{% endif %}</td>
    <td>{% set points = source.yield_trend | spark %}{% if points %}<svg class="spark" width="96" height="22" viewBox="0 0 96 22" role="img" aria-label="extraction yield per run"><line class="base" x1="0" y1="20" x2="96" y2="20"/><polyline points="{{ points }}"/>{% set dot = points | last_point %}<circle cx="{{ dot[0] }}" cy="{{ dot[1] }}" r="2.2"/></svg>{% else %}<span class="none">–</span>{% endif %}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% else %}
<p class="none">No source metrics for this run.</p>
{% endif %}
</section>

<section>
<h2>Newest articles</h2>
{% if summary.newest_articles %}
<table>
  <thead><tr><th>published (UTC)</th><th>source</th><th>title</th><th>author</th></tr></thead>
  <tbody>
  {% for article in summary.newest_articles %}
  {% set href = article.url | safe_href %}
  <tr>
    <td class="num">{{ article.published_at.strftime("%Y-%m-%d %H:%M") if article.published_at else "–" }}</td>
    <td class="source">{{ article.source_id }}</td>
    <td>{% if href %}<a href="{{ href }}" rel="noopener noreferrer nofollow">{{ article.title or href }}</a>{% else %}{{ article.title or "(no title)" }} <span class="url">{{ article.url }}</span>{% endif %}</td>
    <td>{{ article.author or "–" }}</td>
  </tr>
  {% endfor %}
  </tbody>
</table>
{% else %}
<p class="none">No articles were extracted in this run.</p>
{% endif %}
</section>

<section>
<h2>More</h2>
<div class="links">
  {% if data_docs_href %}<a href="{{ data_docs_href }}">Great Expectations Data Docs</a> <span class="meta">(styled only when online: it loads its CSS from CDNs)</span>{% else %}<span class="none">Data Docs not built</span>{% endif %}
  {% if dbt_docs_href %}<a href="{{ dbt_docs_href }}">dbt docs</a>{% else %}<span class="none">dbt docs not generated</span>{% endif %}
  <span>Warehouse: <code>{{ summary.warehouse_path }}</code></span>
</div>
</section>

<footer>Generated {{ generated_at }} · validation took {{ "%.1f" | format(outcome.elapsed_s) }} s · newsdesk</footer>
</main>
</body>
</html>
"""
)
