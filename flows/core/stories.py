"""Cluster syndicated copies of one story (near-duplicate bodies) under one `story_id`."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERMUTATIONS = 128
SHINGLE_WORDS = 5
_WORD_RE = re.compile(r"\w+")


@functools.cache
def _permutations() -> Any:
    # Drawing the permutations is a fifth of a signature's cost: draw them once (the same as seed=1 gives).
    # datasketch is imported on first use: it brings scipy (half a second), which nights without new
    # articles never need.
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERMUTATIONS, seed=1).permutations


def body_minhash(text: str | None, words: list[str] | None = None) -> MinHash:
    """MinHash of a text's word 5-gram shingles (lowercased); an empty text gives an empty signature.

    `words` may pass the text's lowercased words when the caller has them already.
    """
    if words is None:
        words = _WORD_RE.findall((text or "").lower())
    from datasketch import MinHash

    signature = MinHash(num_perm=NUM_PERMUTATIONS, permutations=_permutations(), scheme="affine32")
    shingles = {
        " ".join(words[index : index + SHINGLE_WORDS])
        for index in range(max(len(words) - SHINGLE_WORDS + 1, 1))
    }
    signature.update_batch([shingle.encode("utf-8") for shingle in shingles if shingle])
    return signature


def assign_story_ids(articles: pl.DataFrame, *, threshold: float = 0.7, min_words: int = 40) -> pl.DataFrame:
    """Give every article the `story_id` of its cluster of near-duplicate bodies.

    `articles` needs article_id, body_text and published_at. Copies whose shingle sets have an estimated
    Jaccard similarity of at least `threshold` share a cluster (transitively); a cluster's story_id is the
    article_id of its earliest copy (published_at, then article_id), so an older story keeps its id when
    a new copy joins it. Bodies shorter than `min_words` words are never clustered (boilerplate pages
    look alike). Rows that already carry a `story_id` (articles stored by earlier runs, passed in so new
    copies can join their stories) keep it, and their cluster takes it. Returns the frame with
    `story_id` set.
    """
    if "story_id" not in articles.columns:
        articles = articles.with_columns(story_id=pl.lit(None, dtype=pl.String))
    if articles.is_empty():
        return articles.with_columns(story_id=pl.col("article_id"))
    from datasketch import MinHashLSH

    ordered = articles.sort(["published_at", "article_id"], nulls_last=True)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERMUTATIONS)
    parent: dict[str, str] = {}
    position: dict[str, int] = {}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for article, body in zip(ordered["article_id"], ordered["body_text"], strict=True):
        parent[article] = article
        position[article] = len(position)
        words = _WORD_RE.findall((body or "").lower())
        if len(words) < min_words:
            continue
        signature = body_minhash(body, words)
        for match in lsh.query(signature):
            earlier, later = sorted((root(match), root(article)), key=position.__getitem__)
            parent[later] = earlier
        lsh.insert(article, signature)
    known = dict(zip(ordered["article_id"], ordered["story_id"], strict=True))
    story_ids = {
        article: known.get(article) or known.get(root(article)) or root(article) for article in parent
    }
    return articles.with_columns(
        story_id=pl.col("article_id").replace_strict(story_ids, return_dtype=pl.String)
    )
