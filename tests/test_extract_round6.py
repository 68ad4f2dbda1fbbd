"""Sixth-round count and reporter rules: a bare number NER takes for a date ("wounding 37"), "had
taken part" as a participant count, a reporter named after a long apposition, a paragraph opened by
"According to X,". All sentences are written for these tests (none comes from the annotated sets)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def counts(extract_text):
    def run(text: str) -> list[tuple[str, int, str | None]]:
        sheet = extract_text(text, published="2024-05-01")
        names = {e["id"]: e["name"] for e in sheet.get("entities", [])}
        return [(c["type"], c["value"], names.get(c.get("reported_by"))) for c in sheet.get("counts", [])]

    return run


def test_number_ner_calls_a_date_is_counted_when_a_count_verb_governs_it(counts):
    got = counts("Rockets hit Dnipro\n\nRussian rockets struck a market in Dnipro on Friday, killing at least "
                 "six people and wounding 37, regional governor Serhiy Lysak said.\n")
    assert ("injured", 37, "Serhiy Lysak") in got
    assert ("killed", 6, "Serhiy Lysak") in got


def test_taken_part_is_a_participant_count(counts):
    got = counts("Rent protest in Spain\n\nProtesters marched through Madrid on Thursday against rising rents. "
                 "The UGT union said more than 300,000 people had taken part.\n")
    assert ("participants", 300000, "UGT") in got


def test_paragraph_opened_by_according_to_gives_its_reporter_but_not_past_the_paragraph(counts):
    got = counts("Storm in Vietnam\n\nAccording to the disaster agency, the storm hit the coast of Vietnam on "
                 "Sunday. At least 14 people were killed in landslides.\n\nIn a separate incident, nine people "
                 "died in floods.\n")
    assert ("killed", 14, "Vietnam") in got  # a state body named by a common noun reports for its state
    assert ("killed", 9, None) in got


def test_a_date_that_is_a_date_is_not_a_count(counts):
    got = counts("Quake in Peru\n\nAn earthquake struck Peru on May 12, killing 8 people, officials said.\n")
    assert [c for c in got if c[1] == 12] == []
    assert ("killed", 8, "Peru") in got


def test_next_sentence_about_the_figure_gives_the_reporter(counts):
    got = counts("Strike on Zaporizhzhia\n\nA missile strike hit Zaporizhzhia, Ukraine on Monday. Eleven people "
                 "were killed. The figure was confirmed by the regional governor Ivan Fedorov.\n\n"
                 "Seven people died in a second strike.\n")
    assert ("killed", 11, "Ivan Fedorov") in got
    assert ("killed", 7, None) in got


def test_missile_strike_is_an_attack_and_its_toll_is_counted(counts):
    got = counts("Strike on Kherson\n\nA rocket strike hit Kherson, Ukraine on Monday. The death toll stands at "
                 "14, governor Oleksandr Prokudin told reporters.\n")
    assert ("killed", 14, "Oleksandr Prokudin") in got


def test_reporters_named_by_per_a_newspaper_or_investigators(counts):
    assert ("killed", 150, "AFP") in counts(
        "Unrest in Kenya\n\nProtests swept Nairobi, Kenya this month. At least 150 people have been killed, "
        "per an AFP tally of police and hospital figures.\n")
    assert ("arrested", 900, "Daily Nation") in counts(
        "Unrest in Kenya\n\nProtests swept Nairobi, Kenya this month. Police have arrested more than 900 "
        "people, the Daily Nation newspaper reported.\n")
    assert ("killed", 40, "Pakistan") in counts(
        "Blast in Pakistan\n\nA bomb attack hit a market in Quetta, Pakistan on Friday. Investigators said "
        "40 people were killed.\n")


def test_went_to_the_polls_is_an_election_but_opinion_polls_are_not(counts):
    pytest.importorskip("spacy")
    from kgpub.extract import extract
    from kgpub.read import Article

    def kinds(text: str) -> list[str]:
        sheet = extract(Article(text=text, headline="Test", published="2024-05-01"))
        return [e["kind"] for e in sheet.get("events", [])]

    assert "election" in kinds("Vote in Ghana\n\nVoters in Ghana went to the polls on Saturday.\n")
    assert "election" not in kinds("Ghana\n\nOpinion polls show John Mahama ahead in Ghana.\n")
