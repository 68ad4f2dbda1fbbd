"""Sixth-round count and reporter rules: a bare number NER takes for a date ("wounding 37"), "had
taken part" as a participant count, a reporter named after a long apposition, a paragraph opened by
"According to X,". All sentences are written for these tests (none comes from the annotated sets)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def counts():
    pytest.importorskip("spacy")
    from kgpub.errors import ExtractionError
    from kgpub.extract import extract, load_nlp
    from kgpub.read import Article

    try:
        load_nlp()
    except ExtractionError:
        pytest.skip("no spaCy English model installed")

    def run(text: str) -> list[tuple[str, int, str | None]]:
        sheet = extract(Article(text=text, headline="Test", published="2024-05-01"))
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
    assert ("killed", 14, "disaster agency") in got
    assert ("killed", 9, None) in got


def test_a_date_that_is_a_date_is_not_a_count(counts):
    got = counts("Quake in Peru\n\nAn earthquake struck Peru on May 12, killing 8 people, officials said.\n")
    assert [c for c in got if c[1] == 12] == []
    assert ("killed", 8, "Peru") in got
