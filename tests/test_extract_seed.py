"""The seed article (third-party text, read from ../shared, never copied): what extraction must find."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_6bd227958ae20c99.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="../shared/seeds is absent")


@pytest.fixture(scope="module")
def sheet():
    pytest.importorskip("spacy")
    from kgpub.extract import extract
    from kgpub.read import read_article

    return extract(read_article(SEED, published="2016-02-10"))


def _ent(sheet, name):
    found = [e for e in sheet["entities"] if e["name"] == name]
    assert found, f"no entity {name!r}: {[e['name'] for e in sheet['entities']]}"
    return found[0]["id"]


def _as_list(x):
    return x if isinstance(x, list) else [x] if x else []


def test_sheet_is_valid_and_evidence_points_into_text(sheet):
    from kgpub.factsheet import parse_factsheet

    parse_factsheet(sheet, source="seed")
    text = sheet["article"]["text"]
    for key in ("entities", "events", "counts", "quotes", "claims"):
        for item in sheet.get(key, []):
            ev = item.get("evidence")
            if ev:
                assert 0 <= ev["start"] < ev["end"] <= len(text)
    for q in sheet["quotes"]:
        ev = q["evidence"]
        assert text[ev["start"]:ev["end"]] == q["text"]


def test_aleppo_offensive_with_actors_and_date(sheet):
    aleppo = _ent(sheet, "Aleppo")
    offensives = [e for e in sheet["events"] if e["kind"] == "offensive"]
    assert len(offensives) == 1
    off = offensives[0]
    assert aleppo in _as_list(off.get("places"))
    actors = set(_as_list(off.get("actors")))
    for name in ("Syria", "Russia", "Iran", "Hezbollah"):
        assert _ent(sheet, name) in actors
    assert off.get("begin", off.get("date")) == "2016-02"


def test_counts_with_hedges_groups_sources_and_part_of(sheet):
    sohr = _ent(sheet, "Syrian Observatory for Human Rights")
    off = next(e["id"] for e in sheet["events"] if e["kind"] == "offensive")
    by_value = {c["value"]: c for c in sheet["counts"]}
    c500, c100 = by_value[500], by_value[100]
    assert (c500["type"], c500["qualifier"], c500["event"], c500["reported_by"]) == \
        ("killed", "at least", off, sohr)
    assert (c100["type"], c100["qualifier"], c100["group"], c100["reported_by"], c100["included_in"]) == \
        ("killed", "at least", "civilians", sohr, c500["id"])
    war = by_value[250000]["event"]
    assert next(e for e in sheet["events"] if e["id"] == war)["kind"] == "war"
    assert by_value[250000]["type"] == "killed" and "qualifier" not in by_value[250000]
    assert by_value[11000000]["type"] == "displaced" and by_value[11000000]["event"] == war


def test_geneva_talks_visit_and_munich_conference(sheet):
    geneva, germany = _ent(sheet, "Geneva"), _ent(sheet, "Germany")
    lavrov = _ent(sheet, "Sergei Lavrov")
    talks = [e for e in sheet["events"] if e["kind"] == "talks" and geneva in _as_list(e.get("places"))]
    assert talks and talks[0]["date"] == "2016-02"
    visit = next(e for e in sheet["events"] if e["kind"] == "visit")
    assert germany in _as_list(visit["places"]) and lavrov in _as_list(visit["actors"])
    assert (visit["begin"], visit["end"]) == ("2016-02-08", "2016-02-14")  # "this week"
    conf = next(e for e in sheet["events"] if e["kind"] == "conference")
    assert conf["label"] == "Munich Security Conference" and lavrov in _as_list(conf["actors"])


def test_quotes_and_speakers(sheet):
    muslat, fabius = _ent(sheet, "Salim al-Muslat"), _ent(sheet, "Laurent Fabius")
    speakers = {q["text"].split()[0] + " " + q["text"].split()[1]: q["speaker"] for q in sheet["quotes"]}
    assert speakers == {"Yes we": muslat, "If they": muslat, "We don’t": muslat,
                        "There are": fabius, "But we": fabius}
    assert not any(q["text"] in ("brutality", "ambiguous") for q in sheet["quotes"])


def test_fabius_accuses_russia_and_iran(sheet):
    fabius = _ent(sheet, "Laurent Fabius")
    acc = [c for c in sheet["claims"] if c["kind"] == "accusation"]
    assert len(acc) == 1
    assert acc[0]["author"] == fabius
    assert set(acc[0]["about"]) == {_ent(sheet, "Russia"), _ent(sheet, "Iran")}
    assert "complicit" in acc[0]["text"]
