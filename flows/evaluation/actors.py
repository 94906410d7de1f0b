"""Score actor detection on News-Fair dev (span-exact P/R/F1 per type) and benchmark its throughput.

    python -m flows.evaluation.actors [--data DIR]      # quality, as ../shared/evaldata/README.md says
    python -m flows.evaluation.actors --benchmark        # articles/s on 10,000 synthetic articles, one core

Scoring: gold = labels inside the evaluation span with coref false, no desc, and a type carrying person
(Q215627), organisation (Q43229) or geographic entity (Q27096213). A prediction inside the span is right
when its span matches a gold span exactly and its class is one of that label's classes (countries carry
both LOC and ORG). Overlap matches (spans intersect, class agrees) are reported too, and so is how
consistently mentions of one Wikidata id got one actor_id. Each gold label and each prediction is
matched at most once.

The README is silent on two things, decided here. (1) Labels marked `optional` count as gold in the
headline (strict) figures, since they meet the README's definition. (2) A prediction whose span equals
an excluded label is a false positive in the headline figures, as the README's "right when" implies.
A second, lenient block is printed beside it: there optional labels are neither required nor
penalised (the ELEVANT convention the data comes from), and a prediction whose span exactly equals a
label of type OTHER is neither right nor wrong, because OTHER is what the annotators gave entities
they did not type (mostly people and organisations without a Wikidata id, "<NIL>"), so the label makes
no claim the prediction's class could contradict. Labels typed outside the three classes (products,
works, quantities) stay false positives in both blocks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "evaldata" / "news-fair-dev"
SEED_DIR = REPO_ROOT / "dbt_project" / "seeds"
CLASS_OF_TYPE = {"Q215627": "PER", "Q43229": "ORG", "Q27096213": "LOC"}
CLASSES = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class Span:
    """One labelled or predicted mention: offsets into the article text, its classes and an identity."""

    doc: int
    start: int
    end: int
    classes: frozenset[str]
    identity: str  # Wikidata id for gold, actor_id for predictions


@dataclass
class Score:
    """Counts of one matching mode, per class and overall."""

    true_positives: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def line(self, key: str) -> str:
        tp, pred, gold = self.true_positives[key], self.predicted[key], self.gold[key]
        precision = tp / pred if pred else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f"{key:<8} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}   (tp {tp}, predicted {pred}, gold {gold})"


def gold_spans(
    doc_index: int, record: dict, is_lenient: bool = False
) -> tuple[list[Span], list[tuple[int, int]]]:
    """Gold mentions of one article as the README defines them, plus the spans predictions may not be judged on.

    Strict (default): the second list holds every excluded label's span (for the reference count).
    Lenient: optional labels leave the gold, and the second list holds the spans of optional labels and
    of labels typed OTHER, which the scorer then treats as neither right nor wrong.
    """
    start, end = record["evaluation_span"]
    gold, excluded = [], []
    for label in record["labels"]:
        label_start, label_end = label["span"]
        if not (start <= label_start and label_end <= end):
            continue
        classes = frozenset(CLASS_OF_TYPE[t] for t in label["type"].split("|") if t in CLASS_OF_TYPE)
        is_untyped = label["type"] == "OTHER"
        if is_lenient and (label.get("optional") or is_untyped):
            excluded.append((label_start, label_end))
            continue
        if label.get("coref") or label.get("desc") or not classes:
            if not is_lenient:
                excluded.append((label_start, label_end))
            continue
        gold.append(Span(doc_index, label_start, label_end, classes, label["entity_id"]))
    return gold, excluded


def match(gold: list[Span], predicted: list[Span], is_overlap: bool) -> list[tuple[Span, Span]]:
    """Pair predictions with gold labels one-to-one: exact spans (or intersecting ones) whose classes agree."""
    pairs, used = [], set()
    for prediction in predicted:
        for index, label in enumerate(gold):
            if index in used or not (prediction.classes & label.classes):
                continue
            is_hit = (
                prediction.start < label.end and label.start < prediction.end
                if is_overlap
                else (prediction.start, prediction.end) == (label.start, label.end)
            )
            if is_hit:
                used.add(index)
                pairs.append((label, prediction))
                break
    return pairs


def tally(gold: list[Span], predicted: list[Span], pairs: list[tuple[Span, Span]]) -> Score:
    """Count predictions, gold labels and matches per class (a gold label counts under each of its classes)."""
    score = Score()
    for prediction in predicted:
        (cls,) = prediction.classes
        score.predicted[cls] += 1
        score.predicted["overall"] += 1
    for label in gold:
        score.gold["overall"] += 1
        for cls in label.classes:
            score.gold[cls] += 1
    for label, prediction in pairs:
        (cls,) = prediction.classes
        score.true_positives["overall"] += 1
        score.true_positives[cls] += 1
        # Recall per class counts gold labels of that class found by a prediction of any agreeing class.
        for other in label.classes - {cls}:
            score.true_positives[f"{other}:recall-extra"] += 1
    return score


def consistency(pairs: list[tuple[Span, Span]]) -> tuple[float, int, float, int]:
    """Share of same-Wikidata-id pairs with one actor_id, and of different-id pairs with different actor_ids."""
    linked = [
        (label.identity, prediction.identity) for label, prediction in pairs if label.identity != "<NIL>"
    ]
    same_total = same_ok = different_total = different_ok = 0
    for (gold_a, actor_a), (gold_b, actor_b) in itertools.combinations(linked, 2):
        if gold_a == gold_b:
            same_total += 1
            same_ok += actor_a == actor_b
        else:
            different_total += 1
            different_ok += actor_a != actor_b
    return (
        same_ok / same_total if same_total else 1.0,
        same_total,
        different_ok / different_total if different_total else 1.0,
        different_total,
    )


def published_at(record: dict) -> dt.datetime | None:
    """The dataset's titles start with the publication day ("20180306 - ..."); None when they do not."""
    try:
        return dt.datetime.strptime(record.get("title", "")[:8], "%Y%m%d").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def evaluate(data_dir: Path) -> int:
    """Print P/R/F1 on the News-Fair dev file in data_dir; a missing folder prints a skip line and returns 0."""
    path = data_dir / "news-fair-v2-dev.jsonl"
    if not path.is_file():
        print(f"skipped: {path} not found")
        return 0
    import polars as pl

    from flows.adapters.actor_dictionary import load_actor_dictionary
    from flows.core.actors import detect_mentions

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dictionary = load_actor_dictionary(SEED_DIR)
    articles = pl.DataFrame(
        {
            "article_id": [str(index) for index in range(len(records))],
            "run_id": ["evaluation"] * len(records),
            "title": [None] * len(records),
            "body_text": [record["text"] for record in records],
            "published_at": [published_at(record) for record in records],
        },
        schema={
            "article_id": pl.String,
            "run_id": pl.String,
            "title": pl.String,
            "body_text": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
        },
    )
    started = time.perf_counter()
    mentions = detect_mentions(articles, dictionary)
    elapsed = time.perf_counter() - started

    gold, predicted, excluded_hits = [], [], 0
    lenient_gold, lenient_predicted = [], []
    errors: list[str] = []
    for index, record in enumerate(records):
        start, end = record["evaluation_span"]
        doc_gold, excluded = gold_spans(index, record)
        rows = mentions.filter(
            (pl.col("article_id") == str(index))
            & (pl.col("start_char") >= start)
            & (pl.col("end_char") <= end)
        )
        doc_predicted = [
            Span(index, row["start_char"], row["end_char"], frozenset({row["entity_class"]}), row["actor_id"])
            for row in rows.iter_rows(named=True)
        ]
        excluded_set = set(excluded)
        excluded_hits += sum((p.start, p.end) in excluded_set for p in doc_predicted)
        gold += doc_gold
        predicted += doc_predicted
        # Lenient: predictions on optional or untyped (OTHER) label spans are not judged, unless right.
        doc_lenient_gold, neutral = gold_spans(index, record, is_lenient=True)
        judged = {(p.start, p.end) for _, p in match(doc_lenient_gold, doc_predicted, is_overlap=False)}
        lenient_gold += doc_lenient_gold
        lenient_predicted += [
            p for p in doc_predicted if (p.start, p.end) in judged or (p.start, p.end) not in set(neutral)
        ]
        hits = {(p.start, p.end) for _, p in match(doc_gold, doc_predicted, is_overlap=False)}
        found = {(g.start, g.end) for g, _ in match(doc_gold, doc_predicted, is_overlap=False)}
        text = record["text"]
        errors += [
            f"  FP {text[p.start : p.end]!r}/{next(iter(p.classes))} [{index}]"
            + (
                "  (untyped/optional label: not judged when lenient)"
                if (p.start, p.end) in set(neutral)
                else ""
            )
            for p in doc_predicted
            if (p.start, p.end) not in hits
        ]
        errors += [
            f"  FN {text[g.start : g.end]!r}/{'+'.join(sorted(g.classes))} [{index}]"
            for g in doc_gold
            if (g.start, g.end) not in found
        ]

    print(
        f"News-Fair dev: {len(records)} articles, {len(gold)} gold mentions, {len(predicted)} predicted "
        f"(detect_mentions {elapsed:.2f}s)"
    )
    blocks = (
        ("exact span", False, gold, predicted),
        ("overlapping span", True, gold, predicted),
        (
            "lenient (optional labels not required; predictions on OTHER/optional label spans not judged), exact span",
            False,
            lenient_gold,
            lenient_predicted,
        ),
    )
    for mode, is_overlap, mode_gold, mode_predicted in blocks:
        pairs = []
        for index in range(len(records)):
            pairs += match(
                [g for g in mode_gold if g.doc == index],
                [p for p in mode_predicted if p.doc == index],
                is_overlap,
            )
        score = tally(mode_gold, mode_predicted, pairs)
        print(f"\n{mode} match, type agreeing:")
        for cls in CLASSES:
            score.true_positives[cls] += 0
            print("  " + _class_line(score, cls))
        print("  " + score.line("overall"))
        if mode_gold is gold and not is_overlap:
            same, same_n, different, different_n = consistency(pairs)
            print(
                f"  canonical actors: same Wikidata id -> same actor_id {same:.3f} ({same_n} pairs); "
                f"different ids -> different actor_ids {different:.3f} ({different_n} pairs)"
            )
    print(
        f"\n({excluded_hits} predictions exactly match a label the README excludes: NIL/other types, coref, desc)"
    )
    if "--errors" in sys.argv:
        print("\n".join(errors))
    return 0


def _class_line(score: Score, cls: str) -> str:
    """Precision over predictions of cls; recall over gold labels carrying cls (matched by any agreeing class)."""
    tp_pred = score.true_positives[cls]
    recall_hits = tp_pred + score.true_positives[f"{cls}:recall-extra"]
    pred, gold = score.predicted[cls], score.gold[cls]
    precision = tp_pred / pred if pred else 0.0
    recall = recall_hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"{cls:<8} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}   (tp {tp_pred}, predicted {pred}, gold {gold})"


# ---------------------------------------------------------------- benchmark

_FILLER = [
    "The talks were described as constructive by officials familiar with the matter.",
    "Analysts said the agreement could take months to implement in full.",
    "Markets reacted calmly to the news on the day of the announcement.",
    "The statement did not give further details about the timetable.",
    "Several rounds of negotiations have taken place since the spring.",
    "Critics argued that the proposal did little to address the underlying dispute.",
    "The meeting lasted about three hours and ended without a joint declaration.",
]
_TEMPLATES = [
    "{title} {person} said on Tuesday that {country} would not accept the proposal.",
    "{person} met {other} in {city} to discuss the crisis, according to {media}.",
    "Officials in {capital} said the decision had been coordinated with the {igo}.",
    "{capital} rejected the accusation, while {other_capital} called for restraint.",
    "{media} reported that {org} had suspended operations in {country}.",
    "Speaking to reporters, {surname} added that {country} remained committed to talks.",
    "Mr. {unknown_last}, a spokesman for the {unknown_org}, told {media} the plan was final.",
    "{unknown_first} {unknown_last}, the deputy foreign minister, said the {igo} would monitor the ceasefire.",
]


def synthetic_articles(count: int, seed: int = 7):
    """Build count varied articles (about 3,000 characters each) from dictionary names and fixed templates."""
    import polars as pl

    from flows.adapters.actor_dictionary import load_actor_dictionary

    dictionary = load_actor_dictionary(SEED_DIR)
    actors = dictionary.actors
    persons = actors.filter(pl.col("actor_type") == "person")["canonical_name"].to_list()
    countries = actors.filter(pl.col("actor_type") == "country")["canonical_name"].to_list()[:120]
    capitals = dictionary.aliases.filter(pl.col("alias_kind") == "capital")["alias"].to_list()
    cities = actors.filter(pl.col("actor_type") == "place")["canonical_name"].to_list()
    media = actors.filter(pl.col("actor_type") == "media")["canonical_name"].to_list()
    igos = actors.filter(pl.col("actor_type") == "igo")["canonical_name"].to_list()
    orgs = actors.filter(pl.col("actor_type") == "organisation")["canonical_name"].to_list()
    titles = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Secretary of State"]
    first = ["Anna", "Pavel", "Laila", "Jonas", "Mehmet", "Sofia", "Tomas", "Irina", "Kwame", "Lucia"]
    last = ["Kowalczyk", "Haddad", "Lindqvist", "Okafor", "Petrenko", "Moreau", "Tanaka", "Varga", "Rossi"]
    unknown_orgs = [
        "Ministry of Energy",
        "National Grid Agency",
        "Green Future Party",
        "University of Lisbon",
    ]
    rng = random.Random(seed)
    bodies, titles_out = [], []
    for _ in range(count):
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < 3000:
            if rng.random() < 0.35:
                sentences.append(rng.choice(_FILLER))
                continue
            person = rng.choice(persons)
            sentences.append(
                rng.choice(_TEMPLATES).format(
                    title=rng.choice(titles),
                    person=person,
                    other=rng.choice(persons),
                    country=rng.choice(countries),
                    city=rng.choice(cities),
                    media=rng.choice(media),
                    capital=rng.choice(capitals),
                    other_capital=rng.choice(capitals),
                    igo=rng.choice(igos),
                    org=rng.choice(orgs),
                    surname=person.split(" ")[-1],
                    unknown_first=rng.choice(first),
                    unknown_last=rng.choice(last),
                    unknown_org=rng.choice(unknown_orgs),
                )
            )
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        bodies.append("\n".join(paragraphs))
        titles_out.append(
            f"{rng.choice(persons)} warns {rng.choice(countries)} over {rng.choice(igos)} talks"
        )
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    return dictionary, pl.DataFrame(
        {
            "article_id": [f"bench-{index:05d}" for index in range(count)],
            "run_id": ["benchmark"] * count,
            "title": titles_out,
            "body_text": bodies,
            "published_at": [start + dt.timedelta(hours=7 * index) for index in range(count)],
        },
        schema_overrides={"published_at": pl.Datetime("us", "UTC")},
    )


def benchmark(count: int) -> int:
    """Time detect_mentions on count synthetic articles in one batch and print articles per second."""
    import polars as pl

    from flows.core.actors import detect_mentions

    dictionary, articles = synthetic_articles(count)
    characters = articles["body_text"].str.len_chars().sum() + articles["title"].str.len_chars().sum()
    started, cpu_started = time.perf_counter(), time.process_time()
    mentions = detect_mentions(articles, dictionary)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"benchmark: {count} articles ({characters / count:.0f} characters each on average), "
        f"{mentions.height} mentions, polars threads {pl.thread_pool_size()}"
    )
    print(
        f"detect_mentions: {elapsed:.2f}s wall, {count / elapsed:.0f} articles/s "
        f"({cpu:.2f}s CPU, {count / cpu:.0f} articles per CPU-second)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: score on News-Fair dev (default) or run the throughput benchmark."""
    parser = argparse.ArgumentParser(
        prog="python -m flows.evaluation.actors", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="folder holding news-fair-v2-dev.jsonl"
    )
    parser.add_argument("--benchmark", action="store_true", help="time detect_mentions on synthetic articles")
    parser.add_argument("--count", type=int, default=10_000, help="articles in the benchmark")
    parser.add_argument("--errors", action="store_true", help="list false positives and misses")
    args = parser.parse_args(argv)
    if args.benchmark:
        # One core, as the target says; must be set before polars is first imported.
        os.environ.setdefault("POLARS_MAX_THREADS", "1")
        return benchmark(args.count)
    return evaluate(args.data)


if __name__ == "__main__":
    sys.exit(main())
