import datetime as dt

import polars as pl

from flows.core.stories import assign_story_ids

WIRE = (
    "The foreign ministers of Armenia and Azerbaijan met in Brussels on Tuesday to discuss the draft peace "
    "agreement, officials said, adding that the talks would continue next week with mediation from the "
    "European Union and the United States. Both sides described the atmosphere as constructive, although "
    "no date was set for a signing ceremony and several questions about the border remain open."
)
OTHER = (
    "Grain exports through the Black Sea corridor rose sharply in September as shipping companies returned "
    "to Ukrainian ports despite the risk of attacks, according to figures published by the ministry of "
    "agriculture on Monday, which also noted record harvests of wheat and sunflower in the central regions."
)


def frame(rows):
    return pl.DataFrame(
        rows,
        orient="row",
        schema={
            "article_id": pl.String,
            "body_text": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
            "story_id": pl.String,
        },
    )


def day(n):
    return dt.datetime(2023, 9, n, tzinfo=dt.UTC)


def test_syndicated_copy_joins_the_earliest_copy_story():
    articles = frame(
        [
            ("copy", "Republished from Caspian Wire. " + WIRE, day(21), None),
            ("wire", WIRE, day(20), None),
            ("other", OTHER, day(20), None),
        ]
    )
    stories = dict(assign_story_ids(articles).select("article_id", "story_id").iter_rows())
    assert stories == {"copy": "wire", "wire": "wire", "other": "other"}


def test_a_new_copy_joins_a_story_stored_by_an_earlier_run():
    articles = frame(
        [
            ("wire", WIRE, day(20), "story-from-earlier-run"),
            ("copy", WIRE + " Reporting by staff.", day(22), None),
        ]
    )
    stories = dict(assign_story_ids(articles).select("article_id", "story_id").iter_rows())
    assert stories["copy"] == "story-from-earlier-run"


def test_short_bodies_are_never_clustered():
    articles = frame(
        [
            ("a", "Subscribe to our newsletter.", day(20), None),
            ("b", "Subscribe to our newsletter.", day(21), None),
        ]
    )
    assert assign_story_ids(articles)["story_id"].to_list() == ["a", "b"]


def test_empty_input():
    assert assign_story_ids(frame([])).is_empty()


def test_signatures_use_the_permutations_of_seed_1():
    from datasketch import MinHash

    from flows.core.stories import body_minhash

    text = "Baku said on Tuesday that the operation in Karabakh was over, officials in Yerevan said."
    words = text.lower().replace(",", "").replace(".", "").split()
    expected = MinHash(num_perm=128, seed=1)
    expected.update_batch([" ".join(words[i : i + 5]).encode() for i in range(len(words) - 4)])
    assert (body_minhash(text).hashvalues == expected.hashvalues).all()
