"""Actor detection: one small text per rule, the project's seed article, and annotate_documents' shape."""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl
import pytest

from flows.core.actor_names import alias_key, alias_key_expr, alias_keys, slug, slug_expr
from flows.core.actors import (
    MENTION_SCHEMA,
    ActorDictionary,
    ActorDictionaryError,
    annotate_documents,
    build_actor_dictionary,
    detect_mentions,
)

# The project's own seed article (shared/seed-article.txt), copied so this test needs nothing outside the repo.
SEED_ARTICLE = (
    "U.S. Secretary of State Antony Blinken characterized Azerbaijan’s recent use of force in Nagorno-Karabakh as "
    "a setback to the ongoing efforts to secure a peaceful settlement. The remarks came through a report from "
    "TASS and reflect Washington’s stance on the conflict that has long involved competing ambitions from Baku "
    "and Yerevan.\n"
    "Blinken stressed that actions by Azerbaijan aligned with a broader U.S. position, which he described as "
    "unacceptable because they undermine diplomatic work and the shared objective of a peaceful resolution in "
    "the region. He noted that the parties, including Azerbaijani President Ilham Aliyev and Armenian Prime "
    "Minister Nikol Pashinyan, have both contributed to the long-running push for stability in and around "
    "Nagorno-Karabakh, a sentiment echoed by European partners. In his view, EU support remains aligned with "
    "those peace efforts, and he asserted that the week’s events run directly counter to that collaborative "
    "path.\n"
    "Earlier, Elchin Amirbekov, the Azerbaijani president’s representative for special tasks, indicated that a "
    "draft peace agreement had been forwarded to Armenia for consideration. The unfolding diplomatic dialogue "
    "was set against a backdrop of military operations that the Azerbaijani authorities described as an "
    "anti-terrorist campaign within Nagorno-Karabakh, where President Aliyev later announced that all stated "
    "objectives of the operation had been achieved and sovereignty over the region reaffirmed.\n"
    "Prior to these developments, Baku had invited representatives of Nagorno-Karabakh Armenians to "
    "participate in negotiations hosted in Yevlakh. The diplomatic exchanges underscore the fragile balancing "
    "act between asserting territorial claims and pursuing a negotiated settlement that could produce a durable "
    "peace in the South Caucasus."
)


def _frame(rows: list[dict], schema: dict) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema)


ACTORS = _frame(
    [
        {
            "actor_id": "per:antony-blinken",
            "canonical_name": "Antony Blinken",
            "actor_type": "person",
            "country_code": "USA",
            "cameo_code": "USAGOV",
            "wikidata_id": None,
        },
        {
            "actor_id": "per:ilham-aliyev",
            "canonical_name": "Ilham Aliyev",
            "actor_type": "person",
            "country_code": "AZE",
            "cameo_code": "AZEGOV",
            "wikidata_id": None,
        },
        {
            "actor_id": "per:nikol-pashinyan",
            "canonical_name": "Nikol Pashinyan",
            "actor_type": "person",
            "country_code": "ARM",
            "cameo_code": "ARMGOV",
            "wikidata_id": None,
        },
        {
            "actor_id": "per:elchin-amirbekov",
            "canonical_name": "Elchin Amirbekov",
            "actor_type": "person",
            "country_code": "AZE",
            "cameo_code": "AZEGOV",
            "wikidata_id": None,
        },
        {
            "actor_id": "med:tass",
            "canonical_name": "TASS",
            "actor_type": "media",
            "country_code": "RUS",
            "cameo_code": "RUSMED",
            "wikidata_id": None,
        },
        {
            "actor_id": "igo:eu",
            "canonical_name": "European Union",
            "actor_type": "igo",
            "country_code": None,
            "cameo_code": "IGO",
            "wikidata_id": "Q458",
        },
        {
            "actor_id": "igo:nato",
            "canonical_name": "NATO",
            "actor_type": "igo",
            "country_code": None,
            "cameo_code": "IGO",
            "wikidata_id": None,
        },
        {
            "actor_id": "loc:nagorno-karabakh",
            "canonical_name": "Nagorno-Karabakh",
            "actor_type": "place",
            "country_code": "AZE",
            "cameo_code": "AZE",
            "wikidata_id": None,
        },
    ],
    {
        "actor_id": pl.String,
        "canonical_name": pl.String,
        "actor_type": pl.String,
        "country_code": pl.String,
        "cameo_code": pl.String,
        "wikidata_id": pl.String,
    },
)
ALIASES = _frame(
    [
        {"actor_id": "igo:eu", "alias": "EU", "alias_kind": "abbreviation", "is_case_sensitive": "true"},
        {"actor_id": "med:tass", "alias": "ITAR-TASS", "alias_kind": "name", "is_case_sensitive": "false"},
        {
            "actor_id": "gov:RUS",
            "alias": "the Kremlin",
            "alias_kind": "metonym",
            "is_case_sensitive": "false",
        },
        {"actor_id": "gov:RUS", "alias": "Kremlin", "alias_kind": "metonym", "is_case_sensitive": "false"},
        {"actor_id": "cty:USA", "alias": "U.S.", "alias_kind": "abbreviation", "is_case_sensitive": "true"},
    ],
    {"actor_id": pl.String, "alias": pl.String, "alias_kind": pl.String, "is_case_sensitive": pl.String},
)
ROLES = _frame(
    [
        {
            "actor_id": "per:antony-blinken",
            "role": "Secretary of State",
            "role_country_code": "USA",
            "cameo_code": "USAGOV",
            "valid_from": "2021-01-26",
            "valid_to": "2025-01-20",
        },
        {
            "actor_id": "per:ilham-aliyev",
            "role": "President",
            "role_country_code": "AZE",
            "cameo_code": "AZEGOV",
            "valid_from": "2003-10-31",
            "valid_to": None,
        },
        {
            "actor_id": "per:nikol-pashinyan",
            "role": "Prime Minister",
            "role_country_code": "ARM",
            "cameo_code": "ARMGOV",
            "valid_from": "2018-05-08",
            "valid_to": None,
        },
    ],
    {
        "actor_id": pl.String,
        "role": pl.String,
        "role_country_code": pl.String,
        "cameo_code": pl.String,
        "valid_from": pl.String,
        "valid_to": pl.String,
    },
)
COUNTRY_TERMS = _frame(
    [
        {
            "country_code": "AZE",
            "capital": "Baku",
            "seat_of_government": "Baku",
            "demonyms": "Azerbaijani|Azeri",
        },
        {
            "country_code": "ARM",
            "capital": "Yerevan",
            "seat_of_government": "Yerevan",
            "demonyms": "Armenian",
        },
        {
            "country_code": "USA",
            "capital": "Washington",
            "seat_of_government": "Washington",
            "demonyms": "American",
        },
        {"country_code": "RUS", "capital": "Moscow", "seat_of_government": "Moscow", "demonyms": "Russian"},
        {"country_code": "FRA", "capital": "Paris", "seat_of_government": "Paris", "demonyms": "French"},
    ],
    {"country_code": pl.String, "capital": pl.String, "seat_of_government": pl.String, "demonyms": pl.String},
)


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return build_actor_dictionary(ACTORS, ALIASES, ROLES, country_terms=COUNTRY_TERMS)


def _dictionary_with(*actors: tuple, aliases: tuple = ()) -> ActorDictionary:
    """The test dictionary plus actors (id, name, type, country, CAMEO) and aliases (id, alias, kind, case)."""
    fields = ("actor_id", "canonical_name", "actor_type", "country_code", "cameo_code")
    extra = _frame(
        [dict(zip(fields, actor, strict=True), wikidata_id=None) for actor in actors], dict(ACTORS.schema)
    )
    extra_aliases = _frame(
        [dict(zip(ALIASES.columns, alias, strict=True)) for alias in aliases], dict(ALIASES.schema)
    )
    return build_actor_dictionary(
        pl.concat([ACTORS, extra]), pl.concat([ALIASES, extra_aliases]), ROLES, country_terms=COUNTRY_TERMS
    )


def detect(
    dictionary: ActorDictionary,
    body: str,
    title: str | None = None,
    published: dt.datetime | None = dt.datetime(2023, 9, 20, 12, tzinfo=dt.UTC),
) -> pl.DataFrame:
    articles = pl.DataFrame(
        {
            "article_id": ["a1"],
            "run_id": ["nightly-2023-09-20"],
            "title": [title],
            "body_text": [body],
            "published_at": [published],
        },
        schema={
            "article_id": pl.String,
            "run_id": pl.String,
            "title": pl.String,
            "body_text": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
        },
    )
    return detect_mentions(articles, dictionary)


def by_surface(mentions: pl.DataFrame) -> dict[str, dict]:
    return {row["surface_form"]: row for row in mentions.iter_rows(named=True)}


def test_capital_used_as_actor_resolves_to_its_government(dictionary):
    found = by_surface(detect(dictionary, "Baku said the talks would resume, and the Kremlin agreed."))
    assert found["Baku"]["actor_id"] == "gov:AZE"
    assert found["Baku"]["entity_class"] == "ORG"
    assert found["Baku"]["cameo_code"] == "AZEGOV"
    assert found["Kremlin"]["actor_id"] == "gov:RUS"


def test_capital_after_a_locative_cue_is_the_city(dictionary):
    found = by_surface(detect(dictionary, "The delegation arrived in Baku on Monday."))
    assert found["Baku"]["actor_id"] == "loc:baku"
    assert found["Baku"]["entity_class"] == "LOC"
    assert found["Baku"]["country_code"] == "AZE"


def test_a_capital_after_from_is_the_city_only_after_travel_or_distance_or_on_a_route(dictionary):
    def capitals(text: str) -> list[str]:
        found = detect(dictionary, text)
        return found.filter(pl.col("surface_form").is_in(["Baku", "Yerevan"]))["actor_id"].to_list()

    assert capitals("Flights from Yerevan resumed. Refugees fled from Baku.") == ["loc:yerevan", "loc:baku"]
    assert capitals("Yevlakh lies 300 km from Baku.") == ["loc:baku"]
    assert capitals("Talks moved from Baku to Yerevan.") == ["loc:baku", "loc:yerevan"]
    # where no travel precedes it, what comes from a capital comes from its government
    assert capitals("A message from Baku said no, and a reply from Yerevan followed.") == [
        "gov:AZE",
        "gov:ARM",
    ]


def test_a_capital_said_to_be_a_city_is_the_city(dictionary):
    found = detect(dictionary, "Yerevan is a city of a million. Baku is the capital of Azerbaijan.")
    assert found.filter(pl.col("surface_form").is_in(["Baku", "Yerevan"]))["actor_id"].to_list() == [
        "loc:yerevan",
        "loc:baku",
    ]
    # said to be anything else, it is still the government
    assert (
        by_surface(detect(dictionary, "Baku is the main obstacle, Yerevan says."))["Baku"]["actor_id"]
        == "gov:AZE"
    )


def test_a_short_name_before_a_town_names_something_of_the_town_not_its_government(dictionary):
    text = (
        "He joined Dynamo Moscow. Spartak Moscow beat Lokomotiv Moscow. "
        "Overnight Moscow was quiet. Downtown Moscow and Southeast Baku were calm. Moscow said no."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id").rows()
    assert [row for row in found if row[0] != "Moscow"] == [
        ("Dynamo Moscow", "org:dynamo-moscow"),
        ("Spartak Moscow", "org:spartak-moscow"),
        ("Lokomotiv Moscow", "org:lokomotiv-moscow"),
    ]
    # a word opening the sentence, or naming a part of the town, makes no name with it
    assert [row for row in found if row[0] == "Moscow"] == [
        ("Moscow", "gov:RUS"),
        ("Moscow", "loc:moscow"),
        ("Moscow", "gov:RUS"),
    ]


def test_another_first_name_before_a_dictionary_surname_is_someone_else(dictionary):
    text = (
        "Mehriban Aliyev beat Anna Petrova. Then Leyla Aliyev spoke at the Aliyev Foundation. "
        "Asked Aliyev whether he agreed, the minister nodded. Like Aliyev, Team Aliyev was silent."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id", "entity_class").rows()
    assert found[:4] == [
        ("Mehriban Aliyev", "per:mehriban-aliyev", "PER"),  # a player who beat another is still a person
        ("Anna Petrova", "per:anna-petrova", "PER"),
        ("Leyla Aliyev", "per:leyla-aliyev", "PER"),
        ("Aliyev Foundation", "org:aliyev-foundation", "ORG"),
    ]
    # words that open a sentence, or name a following, make no first name
    assert [surface for surface, _, _ in found[4:]] == ["Aliyev", "Aliyev", "Aliyev"]


def test_the_actors_own_names_spelled_another_way_widen_its_surname(dictionary):
    text = "President Ilham Heydar Aliyev met Nikol Vovayi Pashinyan. Leader Pashinyan left."
    found = detect(dictionary, text).select("surface_form", "actor_id").rows()
    assert found == [
        ("Ilham Heydar Aliyev", "per:ilham-aliyev"),
        ("Nikol Vovayi Pashinyan", "per:nikol-pashinyan"),
        ("Pashinyan", "per:nikol-pashinyan"),
    ]


def test_a_capital_meant_as_the_city_or_its_team_is_no_government(dictionary):
    text = (
        "Moscow's mayor spoke. The Moscow metro closed. Washington state officials met. After the Paris "
        "Olympics, two men were held in east Paris. The Washington Commanders won. Moscow said no."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id").rows()
    assert found == [
        ("Moscow", "loc:moscow"),
        ("Moscow", "loc:moscow"),
        ("Washington", "loc:washington-state"),  # the state named like the city
        ("Paris", "loc:paris"),
        ("Paris", "loc:paris"),
        ("Washington Commanders", "org:washington-commanders"),
        ("Moscow", "gov:RUS"),
    ]
    sport = detect(dictionary, "Moscow beat Baku 2-1.").select("surface_form", "actor_id").rows()
    assert sport == [("Moscow", "org:moscow-team"), ("Baku", "org:baku-team")]


def test_a_capital_naming_a_place_in_the_city_is_the_city(dictionary):
    text = (
        "A Yerevan museum reopened on Tuesday. Two Baku hotels were sold. A Yerevan maternity hospital was "
        "hit. Yerevan said the strikes hit a power plant. A Moscow court jailed him."
    )
    found = detect(dictionary, text).sort("start_char").select("surface_form", "actor_id").rows()
    assert found == [
        ("Yerevan", "loc:yerevan"),
        ("Baku", "loc:baku"),
        ("Yerevan", "loc:yerevan"),
        ("Yerevan", "gov:ARM"),
        ("Moscow", "gov:RUS"),
    ]


def test_a_country_after_a_title_and_of_is_the_titled_persons(dictionary):
    text = (
        "Minister of Foreign Affairs of the Republic of Kazakhstan Murat Nurtleu met Foreign Minister of "
        "Kyrgyzstan Jeenbek Kulubaev in Baku."
    )
    found = detect(dictionary, text).sort("start_char")
    rows = found.select("surface_form", "actor_id", "cameo_code", "role").rows()
    assert rows == [
        ("Republic of Kazakhstan", "cty:KAZ", "KAZ", None),
        ("Murat Nurtleu", "per:murat-nurtleu", "KAZGOV", "Minister of Foreign Affairs"),
        ("Kyrgyzstan", "cty:KGZ", "KGZ", None),
        ("Jeenbek Kulubaev", "per:jeenbek-kulubaev", "KGZGOV", "Foreign Minister"),
        ("Baku", "loc:baku", "AZE", None),
    ]
    # a country glued to another name without a title before it still modifies that name
    modified = detect(dictionary, "The Kazakhstan Growth Fund invested.").select("surface_form").rows()
    assert ("Kazakhstan",) not in modified


def test_an_unqualified_body_is_the_one_body_of_its_kind_the_article_names(dictionary):
    def bodies(text: str) -> list[tuple[str, str]]:
        found = detect(dictionary, text).sort("start_char")
        return (
            found.filter(pl.col("surface_form").str.contains("Ministry"))
            .select("surface_form", "actor_id")
            .rows()
        )

    text = (
        "The Ministry of Foreign Affairs of Armenia said it was concerned. The Ministry of Foreign Affairs "
        "added that talks would go on, and the Foreign Ministry called the envoy."
    )
    assert bodies(text) == [
        ("Ministry of Foreign Affairs of Armenia", "gov:arm-foreign-ministry"),
        ("Ministry of Foreign Affairs", "gov:arm-foreign-ministry"),
        ("Foreign Ministry", "gov:arm-foreign-ministry"),
    ]
    linked = detect(dictionary, text).filter(
        pl.col("surface_form") != "Ministry of Foreign Affairs of Armenia"
    )
    assert linked.filter(pl.col("actor_id") == "gov:arm-foreign-ministry")["cameo_code"].to_list() == [
        "ARMGOV",
        "ARMGOV",
    ]
    # two countries' foreign ministries: an unqualified one could be either
    ambiguous = bodies(
        "Armenia's Foreign Ministry and Azerbaijan's Foreign Ministry met. The Foreign Ministry left."
    )
    assert ambiguous[-1] == ("Foreign Ministry", "org:foreign-ministry")
    # another kind of body is not linked
    assert (
        bodies("Armenia's Foreign Ministry spoke. The Ministry of Energy did not.")[-1][1]
        == "org:ministry-of-energy"
    )


def test_georgia_is_the_us_state_in_us_news(dictionary):
    def georgia(text: str) -> list[str]:
        found = detect(dictionary, text)
        return found.filter(pl.col("surface_form") == "Georgia")["actor_id"].to_list()

    assert georgia("Voters in Georgia and Ohio went to the polls.") == ["loc:georgia"]
    assert georgia("Georgia Gov. Ann Lee spoke.") == ["loc:georgia"]
    assert georgia("Georgia and Armenia met in Washington.") == ["cty:GEO"]
    found = by_surface(detect(dictionary, "Georgia's Secretary of State Ann Lee spoke in Ohio."))
    assert (found["Ann Lee"]["country_code"], found["Ann Lee"]["cameo_code"]) == ("USA", "USAGOV")


def test_compound_given_names_open_persons(dictionary):
    found = detect(dictionary, "Jean-Claude Juncker met Anne-Marie Slaughter. Mercedes-Benz Vans grew.")
    assert found.select("surface_form", "entity_class").rows()[:2] == [
        ("Jean-Claude Juncker", "PER"),
        ("Anne-Marie Slaughter", "PER"),
    ]
    assert (
        "PER"
        not in found.filter(pl.col("surface_form").str.starts_with("Mercedes"))["entity_class"].to_list()
    )


def test_look_alikes_of_clubs_teams_and_city_attributes_stay_what_they_were(dictionary):
    def ids(text: str) -> list[tuple[str, str]]:
        return detect(dictionary, text).select("surface_form", "actor_id").rows()

    # an epithet before a town, or a person's name, makes no club of it; nor a treaty a team
    assert ids("The film is set in Nazi Moscow.") == []
    assert ids("Analyst Ann Lee Moscow sees no reason to yield.")[0] == ("Ann Lee", "per:ann-lee")
    assert ids("The Paris Accords held.") == [("Paris", "loc:paris")]
    assert ids("Nagorno-Karabakh Armenians fled.") == [("Nagorno-Karabakh", "loc:nagorno-karabakh")]
    # "beat" and "edged" outside sport leave a capital its government
    assert ids("Moscow edged closer to a deal. Moscow defeated a UN resolution.") == [
        ("Moscow", "gov:RUS"),
        ("Moscow", "gov:RUS"),
    ]
    assert ids("Turning east, Moscow has deepened its ties.") == [("Moscow", "gov:RUS")]
    # a club named before its town opens a sentence too
    assert ids("Dynamo Moscow were knocked out.") == [("Dynamo Moscow", "org:dynamo-moscow")]


def test_epithets_before_a_surname_make_no_other_person(dictionary):
    text = (
        "Defiant Aliyev vows to fight. The meeting of Presidents Aliyev and Pashinyan ended. Comrade "
        "Aliyev spoke, and the Aliyev Administration agreed. Ilhamaliyev is no name."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id").rows()
    assert [actor for surface, actor in found if "Aliyev" in surface] == ["per:ilham-aliyev"] * 4
    assert ("Pashinyan", "per:nikol-pashinyan") in found


def test_a_title_after_an_organisation_takes_the_organisations_code(dictionary):
    found = by_surface(
        detect(dictionary, "TASS President Ann Lee spoke. EU Secretary-General Bo Sun said no.")
    )
    assert found["Ann Lee"]["cameo_code"] == "RUSMED"  # not RUSGOV
    assert found["Bo Sun"]["cameo_code"] == "IGO"
    # an ambassador to an organisation is not its own
    envoy = by_surface(detect(dictionary, "Armenia's EU Ambassador Ann Lee said no."))
    assert envoy["Ann Lee"]["cameo_code"] == "GOV"


def test_georgia_stays_the_country_before_a_national_office_or_with_one_us_town():
    dictionary = _dictionary_with(("loc:chicago", "Chicago", "place", "USA", "USA"))
    found = detect(dictionary, "Georgia's prime minister spoke in Washington and Chicago.")
    assert found.filter(pl.col("surface_form") == "Georgia")["actor_id"].to_list() == ["cty:GEO"]
    found = detect(dictionary, "Protests spread across Georgia, a senator in Chicago said.")
    assert found.filter(pl.col("surface_form") == "Georgia")["actor_id"].to_list() == ["cty:GEO"]


def test_another_countrys_democrats_are_no_us_democrats():
    dictionary = _dictionary_with(
        ("org:us-democratic-party", "Democratic Party", "organisation", "USA", "USAPTY"),
        aliases=(("org:us-democratic-party", "Democrats", "name", "false"),),
    )
    found = (
        detect(
            dictionary,
            "The Armenia Democrats and the New Democrats lost; Blue Dog Democrats in Washington won.",
        )
        .select("surface_form", "actor_id")
        .rows()
    )
    assert ("Armenia Democrats", "org:armenia-democrats") in found
    assert ("New Democrats", "org:new-democrats") in found
    assert ("Democrats", "org:us-democratic-party") in found  # the Blue Dogs are US Democrats


def test_capital_after_a_sentence_opening_locative_cue_is_the_city(dictionary):
    found = detect(dictionary, "In Baku, officials met. At Baku airport, travellers waited.")
    assert found["actor_id"].to_list() == ["loc:baku", "loc:baku"]
    assert detect(dictionary, "Baku said no.")["actor_id"].to_list() == ["gov:AZE"]


def test_a_capital_after_of_inside_a_sentence_opening_phrase_is_the_city(dictionary):
    text = "Residents of Baku said the shelling stopped. Parts of Baku lost power. Baku said no."
    assert detect(dictionary, text)["actor_id"].to_list() == ["loc:baku", "loc:baku", "gov:AZE"]


def test_a_name_after_a_sentence_opening_plural_and_of_is_no_speaker(dictionary):
    text = (
        "Supporters of Karapetyan said he would win. Hundreds of Karapetyan supporters marched. "
        "Users of StumbleUpon said so."
    )
    found = detect(dictionary, text)
    assert found.filter(pl.col("entity_class") == "PER").is_empty()
    assert by_surface(found)["StumbleUpon"]["entity_class"] == "ORG"  # a brand-like word, no speaker
    spoken = by_surface(detect(dictionary, "Samvel Karapetyan said he would win."))
    assert spoken["Samvel Karapetyan"]["entity_class"] == "PER"


def test_surname_and_title_forms_link_to_the_full_name(dictionary):
    mentions = detect(
        dictionary, "Ilham Aliyev spoke first. Later President Aliyev left, and Aliyev's aides stayed."
    )
    aliyev = mentions.filter(pl.col("surface_form").str.contains("Aliyev"))
    assert aliyev["surface_form"].to_list() == ["Ilham Aliyev", "Aliyev", "Aliyev"]
    assert set(aliyev["actor_id"]) == {"per:ilham-aliyev"}


def test_unknown_surname_links_to_a_full_name_earlier_in_the_article(dictionary):
    mentions = detect(
        dictionary, "Marta Kowalczyk, the deputy foreign minister, arrived. Kowalczyk said little."
    )
    rows = mentions.filter(pl.col("surface_form").str.contains("Kowalczyk"))
    assert rows["actor_id"].to_list() == ["per:marta-kowalczyk", "per:marta-kowalczyk"]
    assert not any(rows["is_known_actor"])


def test_role_is_the_one_held_on_the_publication_date(dictionary):
    text = "Antony Blinken met reporters."
    during = by_surface(detect(dictionary, text, published=dt.datetime(2023, 9, 20, tzinfo=dt.UTC)))
    before = by_surface(detect(dictionary, text, published=dt.datetime(2020, 6, 1, tzinfo=dt.UTC)))
    after = by_surface(detect(dictionary, text, published=dt.datetime(2025, 3, 1, tzinfo=dt.UTC)))
    undated = by_surface(detect(dictionary, text, published=None))
    assert during["Antony Blinken"]["role"] == "Secretary of State"
    assert during["Antony Blinken"]["cameo_code"] == "USAGOV"
    assert before["Antony Blinken"]["role"] is None
    assert after["Antony Blinken"]["role"] is None
    assert undated["Antony Blinken"]["role"] is None


def test_an_office_holder_between_two_roles_is_coded_elite():
    """Out of office between two terms ("Donald Tusk" in 2023) is no government."""
    deputy = _frame(
        [
            {
                "actor_id": "per:antony-blinken",
                "role": "Deputy Secretary of State",
                "role_country_code": "USA",
                "cameo_code": "USAGOV",
                "valid_from": "2015-01-09",
                "valid_to": "2017-01-20",
            }
        ],
        dict(ROLES.schema),
    )
    dictionary = build_actor_dictionary(
        ACTORS, ALIASES, pl.concat([ROLES, deputy]), country_terms=COUNTRY_TERMS
    )

    def code(year: int) -> tuple:
        published = dt.datetime(year, 9, 20, tzinfo=dt.UTC)
        found = by_surface(detect(dictionary, "Antony Blinken spoke.", published=published))["Antony Blinken"]
        return found["cameo_code"], found["role"]

    assert code(2016) == ("USAGOV", "Deputy Secretary of State")
    assert code(2019) == ("USAELI", None)
    assert code(2023) == ("USAGOV", "Secretary of State")
    assert code(2014) == ("USAGOV", None)


def test_a_former_government_office_holder_is_coded_elite_not_government(dictionary):
    def code(published: dt.datetime | None) -> tuple:
        found = by_surface(detect(dictionary, "Antony Blinken spoke.", published=published))["Antony Blinken"]
        return found["cameo_code"], found["role"]

    assert code(dt.datetime(2023, 9, 20, tzinfo=dt.UTC)) == ("USAGOV", "Secretary of State")
    # after his last role: a former official
    assert code(dt.datetime(2025, 3, 1, tzinfo=dt.UTC)) == ("USAELI", None)
    # before the first role, or with no date, the dictionary's own code
    assert code(dt.datetime(2019, 9, 20, tzinfo=dt.UTC)) == ("USAGOV", None)
    assert code(None)[0] == "USAGOV"
    # an office-holder still in office (an open-ended role) never is
    aliyev = by_surface(
        detect(dictionary, "Ilham Aliyev spoke.", published=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    )
    assert aliyev["Ilham Aliyev"]["cameo_code"] == "AZEGOV"


def test_role_validity_includes_its_first_and_last_day(dictionary):
    text = "Antony Blinken met reporters."
    first = by_surface(detect(dictionary, text, published=dt.datetime(2021, 1, 26, tzinfo=dt.UTC)))
    last = by_surface(detect(dictionary, text, published=dt.datetime(2025, 1, 20, 23, tzinfo=dt.UTC)))
    day_before = by_surface(detect(dictionary, text, published=dt.datetime(2021, 1, 25, 23, tzinfo=dt.UTC)))
    assert first["Antony Blinken"]["role"] == "Secretary of State"
    assert last["Antony Blinken"]["role"] == "Secretary of State"
    assert day_before["Antony Blinken"]["role"] is None


def test_international_organisations_are_igo(dictionary):
    found = by_surface(detect(dictionary, "The EU and NATO issued a joint statement."))
    assert found["EU"]["actor_id"] == "igo:eu"
    assert found["EU"]["actor_type"] == "igo"
    assert found["NATO"]["entity_class"] == "ORG"


def test_case_sensitive_abbreviation_needs_its_case(dictionary):
    mentions = detect(dictionary, "Eu is not an abbreviation here.")
    assert "igo:eu" not in mentions["actor_id"].to_list()


def test_state_media_carries_its_country(dictionary):
    found = by_surface(detect(dictionary, "According to ITAR-TASS, the meeting went ahead."))
    assert found["ITAR-TASS"]["actor_id"] == "med:tass"
    assert found["ITAR-TASS"]["country_code"] == "RUS"
    assert found["ITAR-TASS"]["cameo_code"] == "RUSMED"


def test_unknown_person_after_a_title_is_kept_and_flagged(dictionary):
    found = by_surface(
        detect(dictionary, "French President Jean-Luc Moreau told reporters the plan was sound.")
    )
    moreau = found["Jean-Luc Moreau"]
    assert moreau["actor_id"] == "per:jean-luc-moreau"
    assert moreau["is_known_actor"] is False
    assert moreau["method"] == "pattern"
    assert moreau["role"] == "President"
    assert moreau["cameo_code"] == "FRAGOV"
    assert "French" not in found  # the demonym is the title's country, not a mention of its own


def test_unknown_organisation_by_its_head_word(dictionary):
    found = by_surface(
        detect(dictionary, "A report by the Ministry of Energy and the Caspian Grid Agency followed.")
    )
    assert found["Ministry of Energy"]["actor_id"] == "org:ministry-of-energy"
    assert found["Caspian Grid Agency"]["entity_class"] == "ORG"


def test_unknown_place_after_a_locative_cue(dictionary):
    found = by_surface(detect(dictionary, "Negotiations were hosted in Yevlakh last week."))
    assert found["Yevlakh"]["actor_id"] == "loc:yevlakh"
    assert found["Yevlakh"]["entity_class"] == "LOC"


def test_offsets_point_at_the_surface_form_in_each_field(dictionary):
    title = "Blinken warns Baku"
    body = (
        "In a call, Antony Blinken told Baku and Yerevan that the EU “remains engaged”.\nMoscow said nothing."
    )
    mentions = detect(dictionary, body, title=title)
    assert mentions.height > 0
    for row in mentions.iter_rows(named=True):
        text = title if row["field"] == "title" else body
        assert text[row["start_char"] : row["end_char"]] == row["surface_form"]


def test_title_and_body_are_separate_fields(dictionary):
    mentions = detect(dictionary, "NATO met in Brussels.", title="EU summit")
    assert mentions.filter(pl.col("field") == "title")["surface_form"].to_list() == ["EU"]
    assert mentions.filter(pl.col("field") == "body")["surface_form"].to_list()[0] == "NATO"


def test_a_surname_in_the_title_links_to_the_full_name_in_the_body(dictionary):
    mentions = detect(
        dictionary, "Marta Kowalczyk, the deputy foreign minister, arrived.", title="Kowalczyk arrives"
    )
    title_row = mentions.filter(pl.col("field") == "title").row(0, named=True)
    assert title_row["actor_id"] == "per:marta-kowalczyk"


def test_sentence_index_counts_sentences_and_lines(dictionary):
    body = "NATO met. The EU agreed! Did Moscow object? No.\nBaku said yes. Dr. Smith, the U.S. envoy, left."
    found = by_surface(detect(dictionary, body))
    assert found["NATO"]["sentence_index"] == 0
    assert found["EU"]["sentence_index"] == 1
    assert found["Moscow"]["sentence_index"] == 2
    assert found["Baku"]["sentence_index"] == 4
    assert found["U.S."]["sentence_index"] == 5  # abbreviation periods end no sentence


def test_output_has_exactly_the_raw_actor_mentions_columns(dictionary):
    mentions = detect(dictionary, "NATO met.")
    assert mentions.schema == pl.Schema(MENTION_SCHEMA)
    assert mentions["mention_id"].str.len_chars().to_list() == [16]


def test_a_mention_id_hashes_its_article_field_and_offsets(dictionary):
    mentions = detect(dictionary, "NATO met.")
    key = f"{mentions['article_id'][0]}|body|0|4"
    assert mentions["mention_id"].to_list() == [hashlib.sha256(key.encode()).hexdigest()[:16]]


def test_mention_ids_are_stable_and_unique(dictionary):
    first = detect(dictionary, SEED_ARTICLE)
    second = detect(dictionary, SEED_ARTICLE)
    assert first["mention_id"].to_list() == second["mention_id"].to_list()
    assert first["mention_id"].is_unique().all()


def test_empty_and_missing_texts_give_no_rows(dictionary):
    articles = pl.DataFrame(
        {
            "article_id": ["a", "b"],
            "run_id": ["r", "r"],
            "title": [None, ""],
            "body_text": [None, "   "],
            "published_at": [None, None],
        },
        schema={
            "article_id": pl.String,
            "run_id": pl.String,
            "title": pl.String,
            "body_text": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
        },
    )
    assert detect_mentions(articles, dictionary).height == 0
    assert detect_mentions(articles.head(0), dictionary).schema == pl.Schema(MENTION_SCHEMA)


def test_seed_article(dictionary):
    mentions = detect(dictionary, SEED_ARTICLE)
    found = by_surface(mentions)
    blinken = found["Antony Blinken"]
    assert (blinken["actor_id"], blinken["country_code"], blinken["role"], blinken["cameo_code"]) == (
        "per:antony-blinken",
        "USA",
        "Secretary of State",
        "USAGOV",
    )
    assert (found["Ilham Aliyev"]["country_code"], found["Ilham Aliyev"]["role"]) == ("AZE", "President")
    assert found["Ilham Aliyev"]["cameo_code"] == "AZEGOV"
    assert (found["Nikol Pashinyan"]["country_code"], found["Nikol Pashinyan"]["role"]) == (
        "ARM",
        "Prime Minister",
    )
    assert found["Nikol Pashinyan"]["cameo_code"] == "ARMGOV"
    assert found["Elchin Amirbekov"]["actor_id"] == "per:elchin-amirbekov"
    assert found["Elchin Amirbekov"]["cameo_code"] == "AZEGOV"
    assert (found["TASS"]["actor_id"], found["TASS"]["country_code"], found["TASS"]["actor_type"]) == (
        "med:tass",
        "RUS",
        "media",
    )
    assert (found["EU"]["actor_id"], found["EU"]["actor_type"]) == ("igo:eu", "igo")
    assert found["Baku"]["actor_id"] == "gov:AZE"
    assert found["Yerevan"]["actor_id"] == "gov:ARM"
    assert found["Washington"]["actor_id"] == "gov:USA"
    assert found["Nagorno-Karabakh"]["entity_class"] == "LOC"
    assert found["Yevlakh"]["entity_class"] == "LOC"
    assert found["Azerbaijan"]["actor_id"] == "cty:AZE"
    assert found["Armenia"]["actor_id"] == "cty:ARM"
    short_forms = mentions.filter(pl.col("surface_form").is_in(["Blinken", "Aliyev"]))
    assert sorted(set(short_forms["actor_id"])) == ["per:antony-blinken", "per:ilham-aliyev"]
    assert short_forms.height == 2  # "Blinken" at a paragraph start and "President Aliyev"
    assert found["Aliyev"]["role"] == "President"
    assert set(mentions["method"]) <= {"dictionary", "pattern"}


def test_build_rejects_a_role_of_an_unknown_actor():
    roles = ROLES.vstack(
        pl.DataFrame(
            [
                {
                    "actor_id": "per:nobody",
                    "role": "King",
                    "role_country_code": None,
                    "cameo_code": None,
                    "valid_from": "2020-01-01",
                    "valid_to": None,
                }
            ],
            schema=ROLES.schema,
        )
    )
    with pytest.raises(ActorDictionaryError, match=r"actor_roles row 4: unknown actor_id"):
        build_actor_dictionary(ACTORS, ALIASES, roles)


def test_build_rejects_a_role_ending_before_it_starts():
    roles = ROLES.with_columns(pl.lit("2000-01-01").alias("valid_to"))
    with pytest.raises(ActorDictionaryError, match="valid_to before valid_from"):
        build_actor_dictionary(ACTORS, ALIASES, roles)


def test_build_rejects_an_unknown_actor_type():
    actors = ACTORS.with_columns(pl.lit("planet").alias("actor_type"))
    with pytest.raises(ActorDictionaryError, match="actors row 1: actor_type"):
        build_actor_dictionary(actors, ALIASES, ROLES)


def test_build_adds_countries_and_governments_from_pycountry(dictionary):
    actors = dictionary.actors
    assert actors.filter(pl.col("actor_id") == "cty:AZE")["canonical_name"].to_list() == ["Azerbaijan"]
    assert actors.filter(pl.col("actor_id") == "gov:ARM")["cameo_code"].to_list() == ["ARMGOV"]
    assert actors["actor_id"].is_unique().all()
    assert set(actors["dictionary_source"]) == {"seed", "pycountry"}


def test_annotate_documents_shape(dictionary):
    docs = [
        {"id": "d1", "text": "Baku said Antony Blinken called.", "published_at": "2023-09-20T10:00:00Z"},
        {"id": "d2", "text": ""},
    ]
    result = annotate_documents(docs, dictionary)
    assert [doc["id"] for doc in result] == ["d1", "d2"]
    assert result[1]["mentions"] == []
    assert set(result[0]) == {"id", "mentions"}
    first = result[0]["mentions"][0]
    assert set(first) == {
        "start",
        "end",
        "text",
        "type",
        "actor_id",
        "canonical_name",
        "country_code",
        "code",
        "role",
    }
    assert first == {
        "start": 0,
        "end": 4,
        "text": "Baku",
        "type": "ORG",
        "actor_id": "gov:AZE",
        "canonical_name": "Government of Azerbaijan",
        "country_code": "AZE",
        "code": "AZEGOV",
        "role": None,
    }
    blinken = result[0]["mentions"][1]
    assert docs[0]["text"][blinken["start"] : blinken["end"]] == "Antony Blinken"
    assert (blinken["type"], blinken["role"]) == ("PER", "Secretary of State")


def test_place_names_playing_a_sport_are_teams_throughout_the_article(dictionary):
    mentions = detect(dictionary, "Armenia beat Azerbaijan 2-1. Armenia and Azerbaijan meet again in May.")
    assert set(mentions["entity_class"]) == {"ORG"}
    assert set(mentions["actor_id"]) == {"org:armenia-team", "org:azerbaijan-team"}
    assert not any(mentions["is_known_actor"])


def test_acronym_defined_in_brackets_after_common_words_is_not_the_dictionary_actor(dictionary):
    mentions = detect(dictionary, "The expanded union (EU) of growers met. EU members voted.")
    assert "igo:eu" not in mentions["actor_id"].to_list()
    assert by_surface(detect(dictionary, "The European Union (EU) met."))["EU"]["actor_id"] == "igo:eu"


def test_a_place_glued_to_a_name_word_is_part_of_that_name(dictionary):
    found = by_surface(
        detect(dictionary, "Officials at the Baku Energy Agency and the Yerevan Grand Hotel spoke.")
    )
    assert found["Baku Energy Agency"]["entity_class"] == "ORG"  # extended organisation name
    assert "Yerevan" not in found  # a modifier of an unknown name, not the government of Armenia


def test_the_last_two_words_of_a_long_name_link_to_it(dictionary):
    mentions = detect(
        dictionary, "Manager Louis van Gaal spoke first. Van Gaal told reporters the side was unlucky."
    )
    gaal = mentions.filter(pl.col("surface_form").str.contains("Gaal"))
    assert gaal["surface_form"].to_list() == ["Louis van Gaal", "Van Gaal"]
    assert set(gaal["actor_id"]) == {"per:louis-van-gaal"}


def test_all_capital_headlines_keep_their_actors(dictionary):
    found = by_surface(detect(dictionary, "BREAKING: BAKU SAYS ARMENIA WILL GET NATO REPLY"))
    assert found["BAKU"]["actor_id"] == "gov:AZE"
    assert found["ARMENIA"]["actor_id"] == "cty:ARM"
    assert found["NATO"]["actor_id"] == "igo:nato"


def test_dotted_initials_without_a_last_period_stay_in_the_name(dictionary):
    found = by_surface(detect(dictionary, "The comedian Louis C.K 'got naked', the report said."))
    assert found["Louis C.K"]["entity_class"] == "PER"


def test_an_unknown_acronym_acting_as_a_subject_is_an_organisation_throughout_the_text(dictionary):
    mentions = detect(
        dictionary,
        "For years, JDRF has funded research. JDRF research grants supported the pancreas. "
        "The HVAC of the building was old.",
    )
    jdrf = mentions.filter(pl.col("surface_form") == "JDRF")
    assert jdrf.height == 2
    assert set(jdrf["entity_class"]) == {"ORG"}
    assert set(jdrf["actor_id"]) == {"org:jdrf"}
    assert "HVAC" not in mentions["surface_form"].to_list()  # no verb after it: not taken for an actor


def test_common_acronyms_and_all_capital_headlines_are_no_acronym_organisations(dictionary):
    assert "GDP" not in detect(dictionary, "Officials said GDP was higher.")["surface_form"].to_list()
    headline = detect(dictionary, "WATCH: FBX IS BACK")["surface_form"].to_list()
    assert "FBX" not in headline


def test_a_name_before_a_bracketed_year_or_a_trademark_sign_is_a_work_or_product(dictionary):
    surfaces = detect(
        dictionary, "Films: Rebecca (1940) and Pickup Street (1953). Clinics used RapidArc™ technology."
    )["surface_form"].to_list()
    assert "Rebecca" not in surfaces
    assert "RapidArc" not in surfaces


def test_products_named_like_organisations_are_no_actors(dictionary):
    surfaces = detect(dictionary, "The kit comes with an app for both iOS and Android.")["surface_form"]
    assert surfaces.to_list() == []


def test_radio_stations_are_organisations(dictionary):
    found = by_surface(detect(dictionary, "During his appearance on the KIIS FM radio show, he laughed."))
    assert found["KIIS FM"]["entity_class"] == "ORG"


def test_a_place_after_of_ends_an_organisation_or_a_noble_title(dictionary):
    found = by_surface(
        detect(
            dictionary, "Officials at the Caspian Energy Institute of Baku met The Duchess of Yerevan today."
        )
    )
    assert found["Caspian Energy Institute of Baku"]["entity_class"] == "ORG"
    assert found["The Duchess of Yerevan"]["entity_class"] == "PER"
    assert "Baku" not in found and "Yerevan" not in found


def test_an_acronym_spelled_out_by_lower_case_words_is_a_term(dictionary):
    mentions = detect(dictionary, "Binge eating disorder (BED) is common. BED is treatable.")
    assert "BED" not in mentions["surface_form"].to_list()


def test_an_organisation_word_before_a_place_takes_it_in(dictionary):
    found = by_surface(detect(dictionary, "He once managed FC Yerevan and later moved on."))
    assert found["FC Yerevan"]["entity_class"] == "ORG"
    assert "Yerevan" not in found


def test_a_word_glued_to_a_place_is_no_place_of_its_own(dictionary):
    surfaces = detect(dictionary, "Papers such as the Yerevan Star, the Baku Herald and others closed.")[
        "surface_form"
    ].to_list()
    assert "Star" not in surfaces
    assert "Yerevan" not in surfaces


def test_tech_products_units_and_contractions_are_no_actors(dictionary):
    surfaces = detect(
        dictionary, "We've tested the MacBook with AirPods at 40 dBA and 2 kWh. Later we used the iPhones."
    )["surface_form"].to_list()
    assert surfaces == []


def test_a_given_name_after_and_starts_a_second_name(dictionary):
    found = by_surface(detect(dictionary, "Staff at Victoria Hospital and Chris Kuo, a surgeon, disagreed."))
    assert found["Victoria Hospital"]["entity_class"] == "ORG"
    assert found["Chris Kuo"]["entity_class"] == "PER"


def test_a_place_before_a_team_member_noun_is_the_team_there_only(dictionary):
    mentions = detect(
        dictionary,
        "Armenia captain Ara Petrosyan scored. He later returned to Armenia. The Armenian boss smiled.",
    )
    classes = [(row["surface_form"], row["entity_class"]) for row in mentions.iter_rows(named=True)]
    assert ("Armenia", "ORG") in classes and ("Armenia", "LOC") in classes
    assert ("Armenian", "ORG") not in classes


def test_a_legal_form_after_a_comma_belongs_to_the_organisation(dictionary):
    mentions = detect(
        dictionary,
        "About Caspian Radiotherapy Medical Group, Inc.\nCaspian Radiotherapy Medical Group, Inc. (CRMG) was "
        "founded in 1983. Caspian Radiotherapy Medical Group opened a clinic.",
    )
    groups = mentions.filter(pl.col("surface_form").str.contains("Radiotherapy"))
    assert groups["surface_form"].to_list() == [
        "Caspian Radiotherapy Medical Group, Inc.",
        "Caspian Radiotherapy Medical Group, Inc.",
        "Caspian Radiotherapy Medical Group",
    ]
    assert set(groups["actor_id"]) == {"org:caspian-radiotherapy-medical-group"}


def test_subdivisions_are_named_without_their_bracketed_other_language_names(dictionary):
    found = by_surface(detect(dictionary, "Floods hit Wales on Monday."))
    assert found["Wales"]["actor_id"] == "loc:wales"  # ISO 3166-2 calls it "Wales [Cymru GB-CYM]"
    assert found["Wales"]["entity_class"] == "LOC"


def test_transport_operator_words_make_organisations(dictionary):
    found = by_surface(detect(dictionary, "Caspian Buses Wales boss Ara Petrosyan said the fire was out."))
    assert found["Caspian Buses Wales"]["entity_class"] == "ORG"
    assert "Wales" not in found


def test_a_content_noun_after_a_known_organisation_is_no_new_organisation(dictionary):
    found = by_surface(detect(dictionary, "Officials quoted a TASS Post. The TASS Films unit agreed."))
    assert "TASS Post" not in found
    assert found["TASS"]["actor_id"] == "med:tass"
    assert found["TASS Films"]["entity_class"] == "ORG"  # any other word still extends the name


def test_a_name_before_and_other_areas_is_a_place(dictionary):
    found = by_surface(detect(dictionary, "Police cleared camps from Stalingrad and other areas of Paris."))
    assert found["Stalingrad"]["entity_class"] == "LOC"


def test_coordinated_places_in_a_bracket_after_a_name_scope_an_organisation(dictionary):
    found = by_surface(detect(dictionary, "Rape Crisis (England and Wales) said victims need support."))
    assert found["Rape Crisis (England and Wales)"]["entity_class"] == "ORG"
    assert found["Rape Crisis (England and Wales)"]["actor_id"] == "org:rape-crisis-england-and-wales"
    assert "England" not in found and "Wales" not in found


def test_the_next_item_of_a_list_of_places_is_a_place(dictionary):
    found = by_surface(detect(dictionary, "Clinics in California, Orange, Riverside and Yevlakh opened."))
    assert found["Orange"]["entity_class"] == "LOC"
    assert found["Riverside"]["entity_class"] == "LOC"  # its neighbours are places found by pattern


def test_a_us_postal_code_after_a_place_is_the_state():
    dictionary = _dictionary_with(
        ("loc:tampa", "Tampa", "place", "USA", "USA"), aliases=(("loc:tampa", "Tampa", "name", False),)
    )
    found = by_surface(detect(dictionary, "The clinic opened in Tampa, FL, last year, and in Baku, AZ."))
    assert found["FL"]["actor_id"] == "loc:florida"
    assert (found["FL"]["entity_class"], found["FL"]["country_code"]) == ("LOC", "USA")
    assert found["FL"]["canonical_name"] == "Florida"
    # after another country's place, two letters that also name a country are no US state
    assert found["Baku"]["actor_id"] == "loc:baku"
    assert not found.get("AZ", {}).get("actor_id", "").startswith("loc:arizona")
    # after a town found by pattern, the code is its state, and the town is in the USA
    found = by_surface(detect(dictionary, "The mayor of Plano, TX, said 40 homes were damaged."))
    assert (found["Plano"]["entity_class"], found["Plano"]["country_code"]) == ("LOC", "USA")
    assert found["TX"]["actor_id"] == "loc:texas"


def test_another_countrys_place_before_a_us_state_is_the_us_town(dictionary):
    found = detect(
        dictionary,
        "The mayor of Moscow, Idaho, said the storm hit. Residents of Paris, TX, left. Paris, Texas, "
        "is quiet now.",
    )
    towns = found.filter(pl.col("surface_form").is_in(["Moscow", "Paris"]))
    assert towns.select(
        "surface_form", "actor_id", "canonical_name", "country_code", "entity_class"
    ).rows() == [
        ("Moscow", "loc:moscow-idaho", "Moscow, Idaho", "USA", "LOC"),
        ("Paris", "loc:paris-texas", "Paris, Texas", "USA", "LOC"),
        ("Paris", "loc:paris-texas", "Paris, Texas", "USA", "LOC"),
    ]
    # one of a list stays the country's; so does a place before a code that also names a country
    found = by_surface(
        detect(dictionary, "Envoys from Russia, Texas and Ohio met. Tourists left Moscow, MD.")
    )
    assert found["Russia"]["actor_id"] == "cty:RUS"
    assert found["Moscow"]["country_code"] == "RUS"


def test_a_hyphenated_modifier_is_no_part_of_the_name_after_it(dictionary):
    found = by_surface(
        detect(
            dictionary, "Paris-based Caspian Grid Agency said prices rose, and Moscow-backed rebels agreed."
        )
    )
    assert (found["Caspian Grid Agency"]["entity_class"], found["Paris"]["entity_class"]) == ("ORG", "LOC")
    assert found["Paris"]["actor_id"] == "loc:paris"  # the city, not France's government
    assert found["Moscow"]["actor_id"] == "gov:RUS"  # but backing is the government's


def test_a_capitals_market_is_the_city(dictionary):
    found = by_surface(detect(dictionary, "Shares fell on Moscow's market on Monday."))
    assert found["Moscow"]["actor_id"] == "loc:moscow"


def test_a_surname_before_a_us_state_is_the_town():
    dictionary = _dictionary_with(
        ("per:lloyd-austin", "Lloyd Austin", "person", "USA", "USAGOV"),
        aliases=(("per:lloyd-austin", "Austin", "surname", False),),
    )
    for text in (
        "AUSTIN, Texas (AP) — The governor signed the bill.",
        "The startup moved to Austin, TX, in May.",
    ):
        found = by_surface(detect(dictionary, text))
        town = found.get("AUSTIN") or found["Austin"]
        assert (town["actor_id"], town["entity_class"]) == ("loc:austin", "LOC")
    # a state that goes on to qualify the person leaves the person be
    found = by_surface(detect(dictionary, "The suit was backed by Austin, Texas Republican, on Monday."))
    assert found["Austin"]["actor_id"] == "per:lloyd-austin"
    # the end of a name whose abbreviated start is left out of the run is no town of its own
    assert "JOSEPH" not in by_surface(detect(dictionary, "ST. JOSEPH, Mich. (AP) — Officials said."))
    # and a titled or given-named person before a state stays a person
    found = by_surface(detect(dictionary, "Mayor Jane Doe, Texas, and John Smith, TX, said no."))
    assert found["Jane Doe"]["entity_class"] == "PER"
    assert found["John Smith"]["entity_class"] == "PER"


def test_initials_before_a_person_word_of_the_text_make_a_full_name(dictionary):
    found = by_surface(
        detect(
            dictionary,
            "Ms Rowling was angry. Days later JK Rowling deleted the tweets. BT Sport and JD Lakes declined.",
        )
    )
    assert found["JK Rowling"]["entity_class"] == "PER"
    assert found["Rowling"]["actor_id"] == found["JK Rowling"]["actor_id"]
    assert "BT Sport" not in found and "JD Lakes" not in found  # no person of those words in the text


def test_a_place_opening_a_quoted_title_is_no_place_there_or_in_the_same_phrase(dictionary):
    text = (
        "She was named one of \"Moscow's Top Dentists.\" The Moscow's Top Dentists list is new. "
        "Moscow's Mayor agreed. She lives in Moscow."
    )
    starts = detect(dictionary, text).filter(pl.col("surface_form") == "Moscow")["start_char"].to_list()
    assert starts == [text.index("Moscow's Mayor"), text.rindex("Moscow")]


def test_a_place_praising_a_player_is_the_team_only_in_a_sports_article(dictionary):
    sports = detect(dictionary, "Armenia beat Azerbaijan 2-1, a record for Scotland great Gavin Hastings.")
    assert by_surface(sports)["Scotland"]["entity_class"] == "ORG"
    other = detect(dictionary, "The café is run by Scotland great Gavin Hastings.")
    assert by_surface(other)["Scotland"]["entity_class"] == "LOC"


def test_sites_a_share_or_follow_widget_points_to_are_no_actors(dictionary):
    found = detect(
        dictionary, "TASS reported the talks on Monday.\nShare on TASS Post to TASS Follow us on TASS"
    )
    assert found["start_char"].to_list() == [0]


def _people(mentions: pl.DataFrame) -> list[str]:
    return mentions.filter(pl.col("entity_class") == "PER")["surface_form"].to_list()


@pytest.mark.parametrize(
    "credit",
    [
        "By Andrew Oxlade for TASS",
        "By Andrew Oxlade | Fox News",
        "By Andrew Oxlade, Diplomatic correspondent",
        "By Andrew Oxlade - 09/20/23 6:00 AM ET",
        "By: Andrew Oxlade",
        "By Andrew Oxlade on September 20, 2023",
        "(Reporting by Greg Roumeliotis, Koh Gui Qing in Singapore, with reporting by Herb Lash; "
        "editing by Martin Howell.)",
        "Talks go on. (Reporting by Andrew Oxlade; Editing by Martin Howell)",
        "Reporting by Andrew Oxlade. Editing by Martin Howell",
        "Associated Press writer Jeff Mason contributed to this report.",
        "--With assistance from Jennifer Jacobs.",
        "(Andrew Oxlade reported from Moscow.)",
        "Andrew Sparrow in London\nWed 20 Sep 2023 10.00 BST",
        "Amber Bracken\n\nPublished Thursday, Feb. 23, 2017",
        # photo credits
        "Talks go on. Photograph: David Jones/PA",
        "(Photo Bruce Adams - WPA Pool/Getty Images)",
        "(Photo by Bruce Adams/Getty Images)",
        "(AP Photo/Evan Vucci)",
        "REUTERS/Evan Vucci/File Photo",
        "(Evan Vucci/The Washington Post)",
        "(ABC News: Matt Roberts)",
        "(Photo: Evan Vucci for The New York Times)",
    ],
)
def test_people_a_byline_or_credit_names_are_no_actors(dictionary, credit):
    found = detect(dictionary, f"Maria Porter met Antony Blinken in Baku.\n{credit}")
    assert _people(found) == ["Maria Porter", "Antony Blinken"]


@pytest.mark.parametrize(
    ("line", "person"),
    [
        ("By Tuesday, Maria Porter said the talks had failed.", "Maria Porter"),
        ("By Antony Blinken's count, the talks had failed.", "Antony Blinken"),
        ("By Antony Blinken\n\nThe United States stands with Armenia.", "Antony Blinken"),  # an op-ed
        ("Image: Maria Porter - the minister spoke for an hour.", "Maria Porter"),
        ("Aid arrived. (Pictured: Maria Porter)", "Maria Porter"),
        ("Photo: Maria Porter speaks in Kyiv.", "Maria Porter"),
        ("Maria Porter\n\nThe camp stayed.", "Maria Porter"),
        ("The cast flew in. (Director: Maria Porter)", "Maria Porter"),
        ("Talks went on. " * 70 + "\nMaria Porter\n3 March 1940 - 5 Nov 2023", "Maria Porter"),  # an obituary
    ],
)
def test_people_near_credit_words_stay_actors(dictionary, line, person):
    assert person in _people(detect(dictionary, line))


def test_a_dictionary_surname_or_title_after_another_given_name_is_someone_else(dictionary):
    found = by_surface(
        detect(
            dictionary, "Antony Blinken met Hunter Blinken and the novelist Stephen King. Blinken said no."
        )
    )
    assert found["Antony Blinken"]["actor_id"] == "per:antony-blinken"
    assert found["Hunter Blinken"]["actor_id"] == "per:hunter-blinken"
    assert found["Stephen King"]["entity_class"] == "PER"


def test_an_organisation_inside_a_longer_name_is_another_organisation():
    dictionary = _dictionary_with(
        ("igo:un-security-council", "Security Council", "igo", None, "IGO"),
        ("gov:usa-hhs", "Department of Health", "government", "USA", "USAGOV"),
        ("loc:michigan", "Michigan", "place", "USA", "USA"),
    )
    text = (
        "A former National Security Council aide met the Security Council. Dr. Ann Lee of the Michigan "
        "Department of Health spoke, and the Department of Health agreed. Formerly Security Council staff. "
        "The official Caspian TASS account posted it."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id").rows()
    assert ("National Security Council", "org:national-security-council") in found
    assert ("Security Council", "igo:un-security-council") in found
    assert ("Michigan Department of Health", "org:michigan-department-of-health") in found
    assert ("Department of Health", "gov:usa-hhs") in found
    assert ("Ann Lee", "per:ann-lee") in found  # "of" ends a person's name before an organisation's
    assert [actor for surface, actor in found if surface.endswith("Security Council")].count(
        "igo:un-security-council"
    ) == 2  # a sentence-opening "Formerly" is no part of a name
    assert ("TASS", "med:tass") in found  # a one-word brand stays itself


def test_of_ends_a_person_name_before_an_organisation_and_a_long_name_takes_no_place(dictionary):
    text = "A survey by Ann Lee of the Caspian University found it. Then the Caspian Energy Council Armenia expert left."
    found = detect(dictionary, text).select("surface_form", "entity_class").rows()
    assert ("Ann Lee", "PER") in found
    assert ("Caspian University", "ORG") in found
    assert ("Caspian Energy Council", "ORG") in found
    assert ("Armenia", "LOC") in found


def test_and_coordinates_two_organisations_when_one_stands_alone_elsewhere(dictionary):
    text = (
        "Gannett said the deal would save money. Later Gannett and GateHouse Media Group closed it. Health "
        "care providers wrote to the Health and Human Services Department."
    )
    found = detect(dictionary, text).select("surface_form", "entity_class").rows()
    assert ("GateHouse Media Group", "ORG") in found
    assert [surface for surface, _ in found if " and " in surface] == ["Health and Human Services Department"]


def test_month_phrases_facilities_and_titled_names_after_organisations(dictionary):
    text = (
        "Tariffs start in mid-December. Her trip to Walter Reed hospital was routine. High school teacher "
        "Ann Cole spoke. U.S. Ambassador to the EU Gordon Sondland and Energy Secretary Rick Perry met, "
        "said the Kremlin Press Secretary Dmitry Peskov."
    )
    found = detect(dictionary, text).select("surface_form", "entity_class", "role").rows()
    assert found == [
        ("Walter Reed", "ORG", None),
        ("Ann Cole", "PER", None),
        ("EU", "ORG", None),  # "U.S." is the title's country
        ("Gordon Sondland", "PER", None),
        ("Rick Perry", "PER", "Secretary"),
        ("Kremlin", "ORG", None),
        ("Dmitry Peskov", "PER", "Press Secretary"),
    ]


def test_places_named_after_persons_and_on_inside_names(dictionary):
    text = (
        "Howard County must submit it, near Frederick Road, said Michael Bay. The VP agreed. Later Dr. Mia Gupta on COVID-19 "
        "briefed the top Democrat on the Senate Judiciary Committee and the House Select Committee on "
        "Intelligence."
    )
    found = detect(dictionary, text).select("surface_form", "entity_class").rows()
    assert found == [
        ("Howard County", "LOC"),
        ("Frederick Road", "LOC"),
        ("Michael Bay", "PER"),
        ("Mia Gupta", "PER"),
        ("Senate Judiciary Committee", "ORG"),
        ("House Select Committee on Intelligence", "ORG"),
    ]


def test_headlines_prose_and_modifiers_keep_their_actors(dictionary):
    body = (
        "He pledged to send to Armenia more aid and to share with Azerbaijan the plan. The Baku-based TASS "
        "bureau and the Isle of Wight Council met in Stoke on Trent. A Christian school opened."
    )
    found = detect(dictionary, body, title="What Will Blinken Do Next").select(
        "field", "surface_form", "actor_id"
    )
    assert found.filter(pl.col("field") == "title").select("surface_form", "actor_id").rows() == [
        ("Blinken", "per:antony-blinken")
    ]
    assert found.filter(pl.col("field") == "body").select("surface_form", "actor_id").rows() == [
        ("Armenia", "cty:ARM"),
        ("Azerbaijan", "cty:AZE"),
        ("Baku", "loc:baku"),  # where the bureau is: the city, not the government
        ("TASS", "med:tass"),
        ("Isle of Wight Council", "org:isle-of-wight-council"),
        ("Stoke on Trent", "loc:stoke-on-trent"),
    ]


def test_one_word_after_in_is_a_place_whoever_speaks_next_and_numerals_are_no_names(dictionary):
    text = "The head of the hotel federation in Florence said masks help. Martin Luther King III spoke."
    found = detect(dictionary, text).select("surface_form", "entity_class").rows()
    assert ("Florence", "LOC") in found
    assert "III" not in [surface for surface, _ in found]


def test_heads_of_state_plural_speakers_and_headings_are_no_names(dictionary):
    text = (
        "Statement of the Caspian Ministry of Energy. The Head of State said so. Traders said prices fell. "
        "EU Special Representative Toivo Klaar met them."
    )
    found = detect(dictionary, text).select("surface_form", "entity_class", "role").rows()
    assert found == [
        ("Caspian Ministry of Energy", "ORG", None),
        ("EU", "ORG", None),
        ("Toivo Klaar", "PER", "Special Representative"),
    ]


def test_a_title_case_headline_keeps_its_dictionary_actors_and_invents_none(dictionary):
    found = detect(
        dictionary, "x", title="Armenia Warns Azerbaijan As Caspian Energy Ministers Gather"
    ).select("surface_form", "actor_id")
    assert found.rows() == [("Armenia", "cty:ARM"), ("Azerbaijan", "cty:AZE")]
    prose = detect(dictionary, "x", title="Key moments from Antony Blinken's and Hunter Blinken's testimony")
    assert prose["surface_form"].to_list() == ["Antony Blinken", "Hunter Blinken"]


def test_a_party_adjective_names_the_party_only_before_its_members_or_offices():
    dictionary = _dictionary_with(
        ("org:us-republican-party", "Republican Party", "organisation", "USA", "USAPTY"),
        aliases=(("org:us-republican-party", "Republican", "adjective", "true"),),
    )
    text = (
        "Republican lawmakers in Washington met Republican Sen. Ann Lee and the Republican presidential hopefuls. "
        "The Republican Guard fired. He is a Republican. A republican senator and Republican Governors "
        "Association staff stayed."
    )
    found = detect(dictionary, text).select("start_char", "surface_form", "actor_id").rows()
    party_mentions = [start for start, _, actor in found if actor == "org:us-republican-party"]
    assert party_mentions == [
        text.index("Republican lawmakers"),
        text.index("Republican Sen."),
        text.index("Republican presidential"),
    ]
    assert ("Ann Lee", "per:ann-lee") in [(surface, actor) for _, surface, actor in found]
    # Only where the party's country is named otherwise too, and not inside another party's name.
    elsewhere = detect(dictionary, "Republican lawmakers met Michael Moreton.")
    assert "org:us-republican-party" not in elsewhere["actor_id"].to_list()
    inside = detect(dictionary, "In Washington, Progressive Republican senators met.")
    assert "org:us-republican-party" not in inside["actor_id"].to_list()


def test_a_party_adjective_may_open_a_sentence():
    dictionary = _dictionary_with(
        ("org:us-republican-party", "Republican Party", "organisation", "USA", "USAPTY"),
        aliases=(("org:us-republican-party", "Republican", "adjective", "true"),),
    )
    found = detect(dictionary, "The Republican senator spoke in Washington. This Republican leader agreed.")
    assert found.filter(pl.col("actor_id") == "org:us-republican-party")["surface_form"].to_list() == [
        "Republican",
        "Republican",
    ]


def test_an_alias_several_countries_parties_share_is_the_leading_countrys():
    dictionary = _dictionary_with(
        ("org:fr-socialist-party", "Socialist Party (France)", "organisation", "FRA", "FRAPTY"),
        ("org:psoe", "Spanish Socialist Workers' Party", "organisation", "ESP", "ESPPTY"),
        aliases=(
            ("org:fr-socialist-party", "Socialist", "adjective", "true"),
            ("org:fr-socialist-party", "Socialists", "name", "true"),
            ("org:psoe", "Socialist", "adjective", "true"),
            ("org:psoe", "Socialists", "name", "true"),
        ),
    )

    def parties(text: str) -> list[tuple[str, str]]:
        found = detect(dictionary, text)
        return (
            found.filter(pl.col("cameo_code").str.ends_with("PTY")).select("surface_form", "actor_id").rows()
        )

    assert parties("The Socialist government in France fell; the Socialists blamed France.") == [
        ("Socialist", "org:fr-socialist-party"),
        ("Socialists", "org:fr-socialist-party"),
    ]
    assert parties("Spain's Socialist government met.") == [("Socialist", "org:psoe")]
    # No leading country, or one with no such party: the alias names nobody.
    assert parties("The Socialist government met.") == []
    assert parties("France and Spain: the Socialist government.") == []
    assert parties("The Socialist government in Washington said the US would wait.") == []
    # a country right before or after decides, whatever the article leads with
    assert parties("France and France: Spain's Socialist government met.") == [("Socialist", "org:psoe")]
    assert parties("In France, the Socialists in Spain won.") == [("Socialists", "org:psoe")]


def test_a_shared_alias_that_is_one_partys_own_name_names_that_party_where_no_country_decides():
    dictionary = _dictionary_with(
        ("org:us-democratic-party", "Democratic Party", "organisation", "USA", "USAPTY"),
        ("org:kr-democratic-party", "Democratic Party of Korea", "organisation", "KOR", "KORPTY"),
        ("cty:KOR", "South Korea", "country", "KOR", "KOR"),
        aliases=(
            ("org:us-democratic-party", "Democratic Party", "name", "false"),
            ("org:kr-democratic-party", "Democratic Party", "name", "false"),
        ),
    )

    def parties(text: str) -> list[str]:
        found = detect(dictionary, text)
        return found.filter(pl.col("cameo_code").str.ends_with("PTY"))["actor_id"].to_list()

    assert parties("South Korea's Democratic Party won. South Korea voted.") == ["org:kr-democratic-party"]
    assert parties("The Democratic Party won, South Korea's election board said.") == [
        "org:kr-democratic-party"
    ]
    # no country, or a leading one without such a party: the party whose own name it is
    assert parties("The Democratic Party held its convention.") == ["org:us-democratic-party"]
    assert parties("The Democratic Party met; France and France watched.") == ["org:us-democratic-party"]
    assert parties("The Democratic Party of Korea held a rally.") == ["org:kr-democratic-party"]


def test_an_alias_two_actors_of_one_country_share_is_refused():
    with pytest.raises(ActorDictionaryError, match=r"different countries.*Socialist"):
        _dictionary_with(
            ("org:ps", "Parti socialiste", "organisation", "FRA", "FRAPTY"),
            ("org:ps-2", "Parti socialiste 2", "organisation", "FRA", "FRAPTY"),
            aliases=(
                ("org:ps", "Socialist", "adjective", "true"),
                ("org:ps-2", "Socialist", "adjective", "true"),
            ),
        )


def test_brussels_is_the_eu_in_news_naming_the_eu_more_than_belgium():
    belgium = _frame(
        [
            {
                "country_code": "BEL",
                "capital": "Brussels",
                "seat_of_government": "Brussels",
                "demonyms": "Belgian",
            }
        ],
        dict(COUNTRY_TERMS.schema),
    )
    dictionary = build_actor_dictionary(
        ACTORS, ALIASES, ROLES, country_terms=pl.concat([COUNTRY_TERMS, belgium])
    )

    def brussels(text: str) -> list[str]:
        return detect(dictionary, text).filter(pl.col("surface_form") == "Brussels")["actor_id"].to_list()

    assert brussels("EU leaders met in Brussels. Brussels now faces a choice.") == ["loc:brussels", "igo:eu"]
    assert brussels("Belgian police left. Brussels said the plan was legal.") == ["gov:BEL"]
    assert brussels("Belgium and the EU: Brussels said Belgium would pay.") == ["gov:BEL"]
    # a tie, or the city's own police and courts, are Belgium's
    assert brussels("Brussels summoned the envoy over a Belgian aid worker; the EU called for calm.") == [
        "gov:BEL"
    ]
    assert brussels("Brussels prosecutors charged her. The EU and the EU said nothing.") == ["gov:BEL"]


def test_a_document_named_after_an_actor_is_no_organisation(dictionary):
    found = detect(
        dictionary, "Russia broke the EU Charter, the Azerbaijan Act and the Baku Statute, NATO said."
    )
    assert not found.filter(pl.col("surface_form").str.contains("Charter|Act|Statute"))["actor_id"].to_list()
    assert "igo:nato" in found["actor_id"].to_list()


def test_a_sentences_opening_the_is_no_part_of_a_name_unless_the_name_has_it():
    dictionary = _dictionary_with(
        ("med:nyt", "The New York Times", "media", "USA", "USAMED"),
        ("gov:usa-defense-department", "U.S. Department of Defense", "government", "USA", "USAMIL"),
        aliases=(("gov:usa-defense-department", "the Pentagon", "metonym", "false"),),
    )
    text = "The Pentagon agreed. The Caspian Energy Institute said so. The New York Times reported it."
    found = detect(dictionary, text).select("start_char", "surface_form").rows()
    assert found == [
        (text.index("Pentagon"), "Pentagon"),
        (text.index("Caspian Energy Institute"), "Caspian Energy Institute"),
        (text.index("The New York Times"), "The New York Times"),
    ]


def test_clinics_museums_and_orchestras_are_organisations(dictionary):
    found = detect(
        dictionary, "The Mayo Clinic, the British Museum and the Berlin Philharmonic Orchestra met."
    )
    assert found.select("surface_form", "entity_class").rows() == [
        ("Mayo Clinic", "ORG"),
        ("British Museum", "ORG"),
        ("Berlin Philharmonic Orchestra", "ORG"),
    ]


def test_an_ethnic_demonym_names_a_people_not_its_state(dictionary):
    text = (
        "The region's ethnic Armenian authorities agreed. Ethnic Armenian officials met Azerbaijani "
        "officials in Baku. Armenian officials denied it."
    )
    found = detect(dictionary, text).select("start_char", "actor_id").rows()
    assert (text.index("Azerbaijani"), "gov:AZE") in found
    assert (text.index("Armenian officials denied"), "gov:ARM") in found
    assert [start for start, actor in found if actor in ("gov:ARM", "cty:ARM")] == [
        text.index("Armenian officials denied")
    ]
    # not a multi-ethnic state's own demonym
    assert (
        "gov:AZE" in detect(dictionary, "A multi-ethnic Azerbaijani government formed.")["actor_id"].to_list()
    )


def test_a_chambers_bare_name_needs_its_country_to_be_the_one_most_named():
    dictionary = _dictionary_with(
        ("gov:usa-senate", "U.S. Senate", "government", "USA", "USALEG"),
        aliases=(("gov:usa-senate", "Senate", "chamber", "true"),),
    )
    home = detect(dictionary, "The bill goes to the Senate, Washington said. Senate leaders agreed.")
    assert home.filter(pl.col("actor_id") == "gov:usa-senate")["surface_form"].to_list() == ["Senate"] * 2
    abroad = detect(dictionary, "Azerbaijan's Senate met in Baku. Azerbaijan and Washington agreed.")
    assert "gov:usa-senate" not in abroad["actor_id"].to_list()
    unnamed = detect(dictionary, "The Senate voted on Tuesday.")
    assert "gov:usa-senate" not in unnamed["actor_id"].to_list()
    tied = detect(dictionary, "The Senate voted. Washington and Baku spoke.")
    assert "gov:usa-senate" not in tied["actor_id"].to_list()


def test_a_chamber_a_country_names_is_that_countrys_and_a_foreign_one_no_us_body():
    dictionary = _dictionary_with(
        ("gov:usa-congress", "U.S. Congress", "government", "USA", "USALEG"),
        ("gov:usa-supreme-court", "U.S. Supreme Court", "government", "USA", "USAJUD"),
        ("org:us-democratic-party", "Democratic Party", "organisation", "USA", "USAPTY"),
        aliases=(
            ("gov:usa-congress", "Congress", "chamber", "true"),
            ("gov:usa-supreme-court", "Supreme Court", "chamber", "true"),
            ("org:us-democratic-party", "Democrats", "name", "false"),
        ),
    )
    text = (
        "Armenia's Congress met, and the Supreme Court of Azerbaijan ruled. In Yerevan the Supreme Court "
        "ban held, Armenia said. Armenia's Social Democrats objected."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id", "cameo_code").rows()
    assert ("Congress", "gov:arm-congress", "ARMLEG") in found
    assert ("Supreme Court of Azerbaijan", "gov:aze-supreme-court", "AZEJUD") in found
    assert ("Supreme Court", "org:supreme-court", None) in found
    assert ("Social Democrats", "org:social-democrats", None) in found
    assert not [row for row in found if row[1].startswith(("gov:usa", "org:us-"))]


def test_leaders_and_whips_of_a_chamber_are_titles(dictionary):
    found = by_surface(
        detect(dictionary, "Senate Majority Leader John Thune met House Minority Whip Ann Lee.")
    )
    director = by_surface(detect(dictionary, "EU Director-General Ann Lee spoke."))
    assert director["Ann Lee"]["entity_class"] == "PER"
    assert "EU Director-General" not in director
    assert (found["John Thune"]["entity_class"], found["John Thune"]["role"]) == ("PER", "Majority Leader")
    assert (found["Ann Lee"]["entity_class"], found["Ann Lee"]["role"]) == ("PER", "Minority Whip")


def test_plural_member_titles_are_no_part_of_a_name(dictionary):
    # "Labour" alone is no actor of the test dictionary, so only NATO is left
    found = detect(dictionary, "Labour MPs and NATO MEPs voted.").select("surface_form").to_series().to_list()
    assert found == ["NATO"]


def test_a_government_body_a_country_names_is_that_countrys_own():
    dictionary = _dictionary_with(
        ("gov:usa-defense-department", "U.S. Department of Defense", "government", "USA", "USAMIL"),
        ("gov:gbr-mod", "Ministry of Defence", "government", "GBR", "GBRMIL"),
    )
    text = (
        "The Russian Defence Ministry spoke, then Armenia's Foreign Ministry. The Ministry of Foreign Affairs of "
        "Armenia, the Azerbaijani Ministry of Defence and the French Embassy agreed. Azerbaijani troops moved. "
        "The Ministry of Defence and the American Defense Ministry said nothing. The Foreign Ministry did. "
        "Ethnic Armenian forces left."
    )
    found = by_surface(detect(dictionary, text))
    russian = found["Russian Defence Ministry"]
    assert (
        russian["actor_id"],
        russian["country_code"],
        russian["cameo_code"],
        russian["is_known_actor"],
    ) == (
        "gov:rus-defence-ministry",
        "RUS",
        "RUSMIL",
        False,
    )
    assert russian["canonical_name"] == "Ministry of Defence (Russia)"
    assert found["Armenia"]["actor_id"] == "cty:ARM"  # a possessive country keeps its own mention
    possessed = detect(dictionary, text).filter(pl.col("surface_form").str.ends_with("Foreign Ministry"))
    # the unqualified "The Foreign Ministry" is the one foreign ministry the article names
    assert possessed["actor_id"].to_list() == ["gov:arm-foreign-ministry", "gov:arm-foreign-ministry"]
    assert found["Ministry of Foreign Affairs of Armenia"]["actor_id"] == "gov:arm-foreign-ministry"
    assert found["Azerbaijani Ministry of Defence"]["cameo_code"] == "AZEMIL"
    assert found["French Embassy"]["actor_id"] == "gov:fra-embassy"
    assert found["Azerbaijani"]["actor_id"] == "gov:aze-armed-forces"  # "Azerbaijani troops"
    assert "Armenian" not in found  # "ethnic Armenian forces" are a people's, no state's army
    assert found["Ministry of Defence"]["actor_id"] == "gov:gbr-mod"  # unqualified: the dictionary's
    american = found["American Defense Ministry"]
    assert (american["actor_id"], american["is_known_actor"]) == ("gov:usa-defense-department", True)
    # "of Armenia" is part of the ministry's name, "Armenia's" stays a mention of its own
    assert detect(dictionary, text).filter(pl.col("surface_form") == "Armenia").height == 1


def test_a_plural_of_people_with_s_stays_inside_a_name(dictionary):
    found = detect(dictionary, "Aliyev met the People’s Liberation Army and then Russia's Kremlin.")
    assert found.select("surface_form", "entity_class").rows() == [
        ("Aliyev", "PER"),
        ("People’s Liberation Army", "ORG"),
        ("Russia", "LOC"),
        ("Kremlin", "ORG"),
    ]


def test_a_common_organisation_word_ends_a_name_only_glued_to_a_known_one(dictionary):
    found = detect(
        dictionary, "The Moscow Group met. The Group said. The Council said. Then Moscow Police left."
    )
    assert found.select("surface_form", "entity_class").rows() == [
        ("Moscow Group", "ORG"),
        ("Moscow Police", "ORG"),
    ]


def test_an_unknown_pair_ending_on_a_surname_ending_is_a_person(dictionary):
    found = detect(
        dictionary,
        "Samvel Shahramanyan signed a decree. Later Mikheil Saakashvili was jailed. Greater Rostov grew. "
        "The Sea of Azov froze. Republika Srpska voted. Siberian Husky breeders met.",
    )
    assert found.select("surface_form", "entity_class").rows() == [
        ("Samvel Shahramanyan", "PER"),
        ("Mikheil Saakashvili", "PER"),
    ]


def test_ids_are_the_same_from_python_and_polars_and_do_not_depend_on_polars_hash():
    names = [
        "Путин",
        "北京",
        "Antony Blinken",
        "İlham Əliyev",
        "---",
        "Xgħajra",
        "Coca\u2011Cola",
        "Nukuʻalofa",
    ]
    ids = pl.DataFrame({"name": names}).select(slug_expr("name")).to_series().to_list()
    assert ids == [slug(name) for name in names]
    # Names without Latin letters: a fixed hash of the name, the same under every polars version.
    assert ids[0] == "x983b039e52"
    assert ids[3] == "ilham-aliyev"  # Azerbaijani "ə" reads "a"


def test_alias_keys_normalise_each_value_as_the_expression_does_in_row_order():
    values = pl.Series("token", ["Støre", "U.S.", None, "Støre", "José’s", "  Two   words ", "U.S."])
    expected = pl.DataFrame({"token": values}).select(alias_key_expr("token")).to_series()
    keys = alias_keys(values)
    assert keys.to_list() == expected.to_list()
    assert keys.to_list()[:3] == ["store", "u.s.", None]


def test_letters_without_a_decomposable_accent_match_their_ascii_spelling():
    assert alias_key("Radosław Sikorski") == alias_key("Radoslaw Sikorski") == "radoslaw sikorski"
    frame = pl.DataFrame({"name": ["Jonas Gahr Støre", "Straße"]})
    assert frame.select(alias_key_expr("name")).to_series().to_list() == ["jonas gahr store", "strasse"]
    dictionary = _dictionary_with(
        ("per:jonas-gahr-store", "Jonas Gahr Støre", "person", "NOR", "NORGOV"),
    )
    found = detect(dictionary, "Gift cards from the App Store. Jonas Gahr Store spoke, and Støre left.")
    assert found.select("surface_form", "actor_id").rows() == [
        ("Jonas Gahr Store", "per:jonas-gahr-store"),
        ("Støre", "per:jonas-gahr-store"),
    ]


def test_a_market_code_is_no_part_of_a_name(dictionary):
    found = detect(dictionary, "Aluminium on the London Metal Exchange CMAL3 lost 0.06%.")
    assert found.select("surface_form", "entity_class").rows() == [("London Metal Exchange", "ORG")]


def test_a_legal_form_after_a_name_keeps_the_company_and_its_short_name():
    dictionary = _dictionary_with(
        ("org:nvidia", "Nvidia", "organisation", "USA", "USABUS"),
    )
    text = (
        "Shares of Nvidia Corp rose while Caspian Widget Corp slipped. Later Nvidia Corporation rose. "
        "Caspian Widget said profits fell. Nvidia Group, Nvidia Co. Ltd and Nvidia, AG Texas said."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id", "is_known_actor").rows()
    assert found == [
        ("Nvidia Corp", "org:nvidia", True),
        ("Caspian Widget Corp", "org:caspian-widget", False),
        ("Nvidia Corporation", "org:nvidia", True),
        ("Caspian Widget", "org:caspian-widget", False),
        ("Nvidia", "org:nvidia", True),  # a common organisation word after it joins no new name
        ("Nvidia Co. Ltd", "org:nvidia", True),
        ("Nvidia", "org:nvidia", True),  # "AG" after a comma is rather an attorney general
    ]


def test_particles_and_accented_given_names_stay_in_a_person_name(dictionary):
    found = detect(dictionary, "Coach Erik ten Hag left. José Eduardo dos Santos died. Zoë Ball spoke.")
    assert found.select("surface_form", "entity_class").rows() == [
        ("Erik ten Hag", "PER"),
        ("José Eduardo dos Santos", "PER"),
        ("Zoë Ball", "PER"),
    ]


def test_a_lower_case_government_body_after_a_country_is_that_countrys_own(dictionary):
    text = (
        "Azerbaijan's foreign ministry and the Armenian defence ministry spoke. The foreign ministry did not. "
        "Armenia's military said so after Azerbaijan's military operation."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id", "cameo_code").rows()
    assert found == [
        ("Azerbaijan", "cty:AZE", "AZE"),
        ("foreign ministry", "gov:aze-foreign-ministry", "AZEGOV"),
        ("Armenian defence ministry", "gov:arm-defence-ministry", "ARMMIL"),
        ("Armenia", "cty:ARM", "ARM"),
        ("military", "gov:arm-armed-forces", "ARMMIL"),
        ("Azerbaijan", "cty:AZE", "AZE"),  # "military operation": an adjective names no army
    ]


def test_idioms_and_departments_are_no_country_bodies(dictionary):
    text = (
        "A French navy dress and an Armenian army of volunteers. The Armenian army said so. "
        "The Armenia Police Department in Ohio agreed."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id", "country_code").rows()
    assert found == [
        ("French", "cty:FRA", "FRA"),
        ("Armenian", "cty:ARM", "ARM"),
        ("Armenian army", "gov:arm-army", "ARM"),
        ("Armenia Police Department", "org:armenia-police-department", None),
        ("Ohio", "loc:ohio", "USA"),
    ]


def test_dictionary_names_with_lower_case_words_complete_their_head():
    dictionary = _dictionary_with(
        ("org:verdi", "ver.di", "organisation", "DEU", "DEULAB"),
        ("org:cpj", "Committee to Protect Journalists", "organisation", "USA", "USANGO"),
        aliases=(
            ("org:verdi", "Verdi union", "name", "false"),
            ("gov:USA", "Blinken administration", "name", "false"),
        ),
    )
    text = (
        "The Verdi union, the Committee to Protect Journalists and the Blinken administration agreed. "
        "Verdi wrote operas. Blinken said so."
    )
    found = detect(dictionary, text).select("surface_form", "actor_id").rows()
    assert found == [
        ("Verdi union", "org:verdi"),
        ("Committee to Protect Journalists", "org:cpj"),  # one mention: "Protect Journalists" is no other
        ("Blinken administration", "gov:USA"),
        ("Verdi", "per:verdi"),  # without "union", the composer
        ("Blinken", "per:antony-blinken"),
    ]
    # A head inside a longer name completes nothing.
    inside = detect(dictionary, "Hunter Blinken administration critics left.")
    assert inside.select("surface_form", "actor_id").rows() == [("Hunter Blinken", "per:hunter-blinken")]


def test_a_title_case_headline_names_whom_its_body_named_by_pattern(dictionary):
    found = detect(
        dictionary,
        "Jordan Peterson, a psychologist, met Ann Lee in Baku.",
        title="Jordan Peterson Meets Azerbaijan's Leaders As Ann Leeds Waits",
    )
    titles = found.filter(pl.col("field") == "title").select("surface_form", "actor_id").rows()
    assert titles == [("Jordan Peterson", "per:jordan-peterson"), ("Azerbaijan", "cty:AZE")]


def test_a_headline_takes_a_body_name_as_whole_words_wherever_it_occurs(dictionary):
    def title_names(title: str, body: str) -> list[tuple[int, str]]:
        found = detect(dictionary, body, title=title).filter(pl.col("field") == "title")
        return found.select("start_char", "surface_form").rows()

    title = "Ann Leeds Waits As Ann Lee Speaks Today"
    assert title_names(title, "Ann Lee spoke.") == [(title.index("Ann Lee Speaks"), "Ann Lee")]
    # no part of another word at either end: neither "Ann Lee-Smith" nor "McAnn Lee"
    surfaces = [
        surface for _, surface in title_names("Ann Lee-Smith And McAnn Lee Win Prizes", "Ann Lee won.")
    ]
    assert "Ann Lee" not in surfaces
    # a dictionary name reaching beyond the body's name keeps its place
    assert title_names("Nikol Pashinyan Visits Paris", "Nikol Pash arrived.")[0] == (0, "Nikol Pashinyan")


def test_a_given_name_before_a_place_makes_a_person_of_both(dictionary):
    found = detect(dictionary, "Michael Moscow said so. Then Michael Moscow left.")
    assert found.select("surface_form", "entity_class").rows() == [
        ("Michael Moscow", "PER"),
        ("Michael Moscow", "PER"),
    ]


def test_a_curated_capital_alias_reads_as_the_capital_does():
    dictionary = _dictionary_with(aliases=(("gov:ARM", "Eriwan", "capital", "false"),))
    found = detect(dictionary, "Eriwan said no. Talks in Eriwan failed.")
    assert found.select("surface_form", "actor_id").rows() == [
        ("Eriwan", "gov:ARM"),
        ("Eriwan", "loc:yerevan"),
    ]


def test_short_forms_take_the_most_specific_description_of_their_person(dictionary):
    # Two mentions of one unknown person, one titled: every short form takes the titled one's code,
    # whatever order polars hands the mentions over in.
    found = detect(
        dictionary,
        "Bill Shorten arrived first. Opposition Leader Bill Shorten spoke. Shorten said no. Later Shorten left.",
    )
    shorts = found.filter(pl.col("surface_form") == "Shorten")
    assert shorts.height == 2
    assert shorts["actor_id"].unique().to_list() == ["per:bill-shorten"]
    assert shorts["cameo_code"].to_list() == ["OPP", "OPP"]


def test_washington_state_is_not_the_city(dictionary):
    text = (
        "Washington state officials met. Seattle, Wash., and Spokane, WA, voted. The Washington governor "
        "spoke. Washington said no. He lives in Washington, D.C., now."
    )
    found = detect(dictionary, text).filter(pl.col("surface_form").str.starts_with("W"))
    assert found.select("surface_form", "actor_id").rows() == [
        ("Washington", "loc:washington-state"),
        ("Wash.", "loc:washington-state"),
        ("WA", "loc:washington-state"),
        ("Washington", "loc:washington-state"),
        ("Washington", "gov:USA"),
        ("Washington", "loc:washington"),
    ]
    state = found.row(0, named=True)
    assert (state["canonical_name"], state["country_code"]) == ("Washington (state)", "USA")


def test_washington_after_a_us_town_is_the_state(dictionary):
    text = (
        "The firm is based in Tacoma, Washington, and hires. TACOMA, Washington (AP) — A fire broke out. "
        "He was born in Spokane, Washington. Officials in Moscow, Washington and Beijing reacted."
    )
    found = detect(dictionary, text).filter(pl.col("surface_form") == "Washington")
    assert found.select("actor_id", "entity_class", "cameo_code").rows() == [
        ("loc:washington-state", "LOC", "USA"),
        ("loc:washington-state", "LOC", "USA"),
        ("loc:washington-state", "LOC", "USA"),
        ("gov:USA", "ORG", "USAGOV"),  # a list of capitals: the government
    ]
    assert found["canonical_name"][0] == "Washington (state)"


def test_a_list_of_capitals_opening_a_text_is_no_dateline(dictionary):
    found = detect(dictionary, "Moscow, Baku and Yerevan traded accusations on Monday.")
    assert found.select("surface_form", "actor_id").rows() == [
        ("Moscow", "gov:RUS"),
        ("Baku", "gov:AZE"),
        ("Yerevan", "gov:ARM"),
    ]
    # a dateline is the city
    dateline = detect(dictionary, "MOSCOW, Russia — Talks ended.")
    assert dateline.select("surface_form", "actor_id").rows()[0] == ("MOSCOW", "loc:moscow")


def test_a_place_name_two_countries_share_is_the_one_of_the_articles_country(dictionary):
    pakistani = by_surface(detect(dictionary, "Floods hit Pakistan's Punjab province on Monday."))["Punjab"]
    assert (pakistani["actor_id"], pakistani["canonical_name"], pakistani["country_code"]) == (
        "loc:punjab-pakistan",
        "Punjab (Pakistan)",
        "PAK",
    )
    indian = by_surface(detect(dictionary, "Farmers in India's Punjab protested."))["Punjab"]
    assert (indian["actor_id"], indian["country_code"]) == ("loc:punjab", "IND")
    # with no country named, the subdivision listed first keeps the plain name
    assert (
        by_surface(detect(dictionary, "Punjab is a region of wheat fields."))["Punjab"]["actor_id"]
        == "loc:punjab"
    )


def test_an_acronym_a_name_defines_in_brackets_is_that_names_actor(dictionary):
    text = (
        "The Center for Radiation Therapy of Beverly Hills (RTBH) opened in 2006. RTBH provides care, "
        "and the RTBH staff grew. RTBH Foundation gave money."
    )
    found = detect(dictionary, text)
    uses = found.filter(pl.col("surface_form") == "RTBH")
    # the bracketed definition and both stand-alone uses, none lost inside "RTBH Foundation"
    assert uses["start_char"].to_list() == [
        text.index("RTBH"),
        text.index("RTBH provides"),
        text.index("RTBH staff"),
    ]
    assert uses["actor_id"].unique().to_list() == ["org:center-for-radiation-therapy-of-beverly-hills"]
    assert uses["canonical_name"].unique().to_list() == ["Center for Radiation Therapy of Beverly Hills"]
    assert set(uses["entity_class"]) == {"ORG"}


def test_a_local_acronym_definition_wins_over_the_dictionarys_and_reaches_a_persons_nickname():
    dictionary = _dictionary_with(
        ("org:anc", "African National Congress", "organisation", "ZAF", "ZAFPTY"),
        aliases=(("org:anc", "ANC", "abbreviation", True),),
    )
    found = detect(
        dictionary,
        "The ANC said it would march, the Armenian National Committee (ANC) announced. "
        "Crown Prince Mohammed bin Salman (MBS) met envoys. MBS said little.",
    )
    anc = found.filter(pl.col("surface_form") == "ANC")
    assert anc.height == 2
    assert anc["actor_id"].unique().to_list() == ["org:armenian-national-committee"]
    assert anc["cameo_code"].to_list() == [None, None]
    mbs = found.filter(pl.col("surface_form") == "MBS")
    assert mbs["actor_id"].to_list() == ["per:mohammed-bin-salman"] * 2
    assert mbs["entity_class"].to_list() == ["PER", "PER"]


def test_brackets_that_do_not_spell_the_names_initials_define_nothing(dictionary):
    # a ticker invents letters; a party code has a hyphen; one capital is no acronym
    found = detect(
        dictionary,
        "Shares of Berkshire Hathaway Inc (BRK) and Tesla Motors (TSLA) fell. Senator Nancy Pelosi (D-CA) "
        "and Governor John Smith (R) spoke. BRK said TSLA rose.",
    )
    names = {"Berkshire Hathaway Inc", "Tesla Motors", "Nancy Pelosi", "John Smith"}
    assert names <= set(found["surface_form"])
    name_ids = set(found.filter(pl.col("surface_form").is_in(names))["actor_id"])
    assert not name_ids & set(found.filter(~pl.col("surface_form").is_in(names))["actor_id"])


def test_an_acronym_two_names_define_in_one_article_is_left_to_the_other_rules(dictionary):
    found = detect(
        dictionary,
        "The Armenian Relief Fund (ARF) and the Armenian Revolutionary Federation (ARF) met. ARF said yes.",
    )
    linked = found.filter(
        (pl.col("surface_form") == "ARF") & pl.col("actor_id").str.starts_with("org:armenian")
    )
    assert linked.height == 0
