"""Second-round extraction rules: repaired NER spans, state bodies as reporters, part_of, quote about."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from kgpub.read import Article  # noqa: E402


@pytest.fixture(scope="module")
def extract():
    from kgpub.errors import ExtractionError
    from kgpub.extract import extract as _extract
    from kgpub.extract import load_nlp

    try:
        load_nlp()
    except ExtractionError:
        pytest.skip("no spaCy English model installed")
    return _extract


def run(extract, text, published="2022-05-10"):
    return extract(Article(text=text, headline="Test", published=published))


def by_name(sheet):
    return {e["name"]: e for e in sheet.get("entities", [])}


def test_split_organisation_names_are_joined(extract):
    sheet = run(extract, "Medical charity Doctors Without Borders said its clinic treated 40 wounded people. "
                         "The International Federation of Red Cross and Red Crescent Societies said up to "
                         "9,000 people had been affected.")
    ents = by_name(sheet)
    assert ents["Doctors Without Borders"]["type"] == "organization"
    assert ents["International Federation of Red Cross and Red Crescent Societies"]["type"] == "organization"
    assert "Borders" not in ents and "Red Crescent Societies" not in ents


def test_unnamed_state_body_reports_for_its_country(extract):
    sheet = run(extract, "Floods swept through northern Kenya on Monday. At least 14 people were killed, "
                         "according to the army.")
    kenya = by_name(sheet)["Kenya"]["id"]
    count = next(c for c in sheet["counts"] if c["value"] == 14)
    assert count["reported_by"] == kenya


def test_named_ministry_wins_over_the_country(extract):
    sheet = run(extract, "Police arrested 80 people at a protest in Lima, the Interior Ministry said. "
                         "The ministry said 12 officers had been injured.")
    ministry = by_name(sheet)["Interior Ministry"]["id"]
    assert {c["value"]: c.get("reported_by") for c in sheet["counts"]}[12] == ministry


def test_offensive_is_part_of_the_war_and_quote_is_about_it(extract):
    sheet = run(extract, "The civil war has killed 300,000 people since 2011. Government forces launched an "
                         "offensive on Idlib on Sunday. \"We have nowhere left to run,\" said Ahmad Saleh, "
                         "a teacher in Idlib.")
    kinds = {e["kind"]: e for e in sheet["events"]}
    assert kinds["offensive"]["part_of"] == kinds["war"]["id"]
    quote = sheet["quotes"][0]
    assert kinds["offensive"]["id"] in quote["about"]


def test_clashes_at_a_protest_are_not_an_attack(extract):
    sheet = run(extract, "Thousands of protesters marched in Quito on Friday. Clashes broke out near the "
                         "presidential palace and police detained 30 people.")
    assert [e["kind"] for e in sheet["events"]] == ["protest"]


def test_capitalised_common_word_is_not_a_person(extract):
    sheet = run(extract, "Turnout was about 60 percent of the 2.5 million registered voters in the election, "
                         "the electoral commission of Zambia said.")
    assert "Turnout" not in by_name(sheet)
    assert any(c["value"] == 2_500_000 for c in sheet["counts"])
