"""Annotate free texts with actors and dates, using exactly the functions the nightly flow uses."""

from __future__ import annotations

import polars as pl

from flows.core.actors import ActorDictionary, annotate_documents
from flows.core.date_parsing import parse_date_value
from flows.core.dates import date_mentions_frame


def annotate_texts(documents: list[dict], dictionary: ActorDictionary) -> list[dict]:
    """Return `{"id", "mentions", "dates"}` per document (input `{"id", "text", "published_at"?}`).

    Dates mentioned in the text are resolved relative to `published_at` (ISO 8601); a document without
    one gets only dates that carry their own year. Raises ValueError naming the document id when its
    published_at cannot be parsed.
    """
    annotated = annotate_documents(documents, dictionary)
    rows = []
    for document in documents:
        published_at = None
        if document.get("published_at"):
            parsed = parse_date_value(str(document["published_at"]))
            if parsed is None:
                raise ValueError(
                    f"document {document['id']!r}: unparseable published_at {document['published_at']!r}"
                )
            published_at = parsed.at
        rows.append(
            {
                "article_id": str(document["id"]),
                "run_id": "annotate",
                "body_text": document["text"],
                "published_at": published_at,
            }
        )
    articles = pl.DataFrame(
        rows,
        schema={
            "article_id": pl.String,
            "run_id": pl.String,
            "body_text": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
        },
    )
    mentions = date_mentions_frame(articles)
    dates_by_id: dict[str, list[dict]] = {}
    for mention in mentions.sort("article_id", "start_char").iter_rows(named=True):
        dates_by_id.setdefault(mention["article_id"], []).append(
            {
                "start": mention["start_char"],
                "end": mention["end_char"],
                "text": mention["phrase"],
                "date": mention["resolved_date"].isoformat() if mention["resolved_date"] else None,
                "precision": mention["precision"],
            }
        )
    return [{**document, "dates": dates_by_id.get(str(document["id"]), [])} for document in annotated]
