"""Score main-text extraction on a folder of news pages with known article bodies (article-extraction-dev).

`python -m flows.evaluation.extraction [--data DIR]` runs `extract_page` on every page and compares its body
text with the gold `articleBody` as multisets of word 4-grams (words are `\\w+` runs): precision
and recall per page, averaged over pages, F1 from the two averages. A page with nothing extracted counts
precision 0 and recall 0. It prints P/R/F1, the share of pages judged articles, and docs/s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT_DATA_DIR = Path("/work/shared/evaldata/article-extraction-dev")
NGRAM_SIZE = 4
_WORD_RE = re.compile(r"\w+")


def ngrams(text: str | None, size: int = NGRAM_SIZE) -> Counter[tuple[str, ...]]:
    """Count the word n-grams of a text; empty or None text gives an empty count."""
    words = _WORD_RE.findall(text or "")
    return Counter(tuple(words[index : index + size]) for index in range(len(words) - size + 1))


def precision_recall(predicted: str | None, gold: str | None) -> tuple[float, float]:
    """Precision and recall of predicted text against gold text as 4-gram multisets; 0/0 when either is empty."""
    predicted_grams, gold_grams = ngrams(predicted), ngrams(gold)
    if not predicted_grams or not gold_grams:
        return 0.0, 0.0
    overlap = sum((predicted_grams & gold_grams).values())
    return overlap / sum(predicted_grams.values()), overlap / sum(gold_grams.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA_DIR, help="folder with ground-truth.json and html/"
    )
    args = parser.parse_args(argv)
    gold_path = args.data / "ground-truth.json"
    if not gold_path.is_file():
        print(f"skipped: {gold_path} not found")
        return 0
    from flows.core.extraction import EXTRACTOR_VERSION, extract_page

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    precisions, recalls, article_count, seconds = [], [], 0, 0.0
    for page_id, entry in gold.items():
        html = gzip.decompress((args.data / "html" / f"{page_id}.html.gz").read_bytes()).decode(
            "utf-8", errors="replace"
        )
        started = time.perf_counter()
        page = extract_page(html, entry.get("url") or "")
        seconds += time.perf_counter() - started
        precision, recall = precision_recall(page.body_text, entry["articleBody"])
        precisions.append(precision)
        recalls.append(recall)
        article_count += page.is_article
    if not precisions:
        print("skipped: no pages in ground-truth.json")
        return 0
    mean_precision, mean_recall = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    f1 = (
        2 * mean_precision * mean_recall / (mean_precision + mean_recall)
        if mean_precision + mean_recall
        else 0.0
    )
    print(
        f"{EXTRACTOR_VERSION} on {len(precisions)} pages: P {mean_precision:.3f}  R {mean_recall:.3f}  F1 {f1:.3f}  "
        f"is_article {article_count / len(precisions):.3f}  docs/s {len(precisions) / max(seconds, 1e-9):.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
