"""Scoring extraction against gold sheets, and the `kgpub eval` / `kgpub extract` commands."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kgpub.evaluate import score_sheet

DEVSET = Path(__file__).resolve().parents[1] / "examples" / "devset"

GOLD = {
    "article": {"headline": "x"},
    "entities": [{"id": "a", "name": "Syrian Observatory for Human Rights", "type": "organization",
                  "aliases": ["SOHR"]}, {"id": "b", "name": "Aleppo", "type": "place"},
                 {"id": "p", "name": "Ana Torres", "type": "person"}],
    "events": [{"id": "e", "kind": "offensive", "label": "x"}, {"id": "f", "kind": "talks", "label": "y"}],
    "counts": [{"id": "c1", "event": "e", "type": "killed", "value": 500, "qualifier": "at least", "reported_by": "a"},
               {"id": "c2", "event": "e", "type": "injured", "value": 20}],
    "quotes": [{"id": "q", "text": "We will not leave the city.", "speaker": "p"}],
}
PRED = {
    "article": {"headline": "x"},
    "entities": [{"id": "x", "name": "SOHR", "type": "organization"}, {"id": "y", "name": "Aleppo", "type": "country"},
                 {"id": "z", "name": "Monday", "type": "person"}],
    "events": [{"id": "e", "kind": "offensive", "label": "x"}, {"id": "g", "kind": "attack", "label": "y"}],
    "counts": [{"id": "k1", "event": "e", "type": "killed", "value": 500, "qualifier": "more than", "reported_by": "x"},
               {"id": "k2", "event": "e", "type": "killed", "value": 20}],
    "quotes": [{"id": "q", "text": "we will not leave the city", "speaker": "z"}],
}


def test_score_sheet_matching_rules():
    s, matched, right = score_sheet(GOLD, PRED)
    assert (s["entities"].tp, s["entities"].fp, s["entities"].fn) == (2, 1, 1)  # alias + place≈country
    assert (s["counts"].tp, s["counts"].fp, s["counts"].fn) == (1, 1, 1)  # type must agree
    assert s["hedges"].tp == 1  # "more than" and "at least" are both lower bounds
    assert s["sources"].tp == 1
    assert s["quotes"].tp == 1 and matched == 1 and right == 0
    assert (s["speakers"].tp, s["speakers"].fn) == (0, 1)
    assert (s["event kinds"].tp, s["event kinds"].fp, s["event kinds"].fn) == (1, 1, 1)
    assert s["entities"].f1 == pytest.approx(2 / 3)


def test_perfect_sheet_scores_one():
    s, _, _ = score_sheet(GOLD, GOLD)
    assert all(v.f1 == 1.0 for v in s.values())


def test_eval_command_on_devset_subset():
    pytest.importorskip("spacy")
    from kgpub.cli import cli

    res = CliRunner().invoke(cli, ["eval", "--gold", str(DEVSET), str(DEVSET / "01_idlib_market.txt"),
                                   str(DEVSET / "08_addis_summit.html"), "--per-article"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split() == ["metric", "P", "R", "F1", "tp", "fp", "fn"]
    entities = next(ln for ln in lines if ln.startswith("entities"))
    assert float(entities.split()[3]) > 0.6
    assert "articles: 2" in res.output and "08_addis_summit.html" in res.output


def test_eval_missing_gold_is_exit_2(tmp_path):
    pytest.importorskip("spacy")
    from kgpub.cli import cli

    art = tmp_path / "lonely.txt"
    art.write_text("Lonely story\n\nPolice said 12 people were arrested at the protest in the capital on Monday.")
    res = CliRunner().invoke(cli, ["eval", "--gold", str(DEVSET), str(art)])
    assert res.exit_code == 2
    assert "no gold sheet lonely.gold.yaml" in res.output


def test_extract_command_writes_valid_yaml(tmp_path):
    pytest.importorskip("spacy")
    from kgpub.cli import cli
    from kgpub.factsheet import load_factsheet

    out = tmp_path / "facts.yaml"
    res = CliRunner().invoke(cli, ["extract", str(DEVSET / "02_quake_turkey.txt"), "--published", "2020-01-25",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    sheet = load_factsheet(out)
    assert sheet.data["article"]["published"] == "2020-01-25"
    assert any(c["value"] == 22 for c in sheet.data["counts"])
    assert "text: |" in out.read_text()  # the article text as a readable block
    res = CliRunner().invoke(cli, ["extract", str(DEVSET / "02_quake_turkey.txt"), "-o", "-"])
    assert yaml.safe_load(res.output)["article"]["headline"].startswith("Strong earthquake")


def test_extract_command_bad_input_is_exit_2(tmp_path):
    from kgpub.cli import cli

    bad = tmp_path / "x.html"
    bad.write_bytes(b"%PDF-1.5 binary")
    out = tmp_path / "facts.yaml"
    res = CliRunner().invoke(cli, ["extract", str(bad), "-o", str(out)])
    assert res.exit_code == 2 and "PDF" in res.output
    assert not out.exists()


def test_matching_is_maximum_not_first_come():
    # gold g1 matches p1 and p2, gold g2 only p1: a first-come matching pairs g1-p1 and leaves g2 out
    gold = {"entities": [{"id": "g1", "name": "Salim al-Muslat", "type": "person", "aliases": ["Muslat", "Salim"]},
                         {"id": "g2", "name": "Salim", "type": "person"}]}
    pred = {"entities": [{"id": "p1", "name": "Salim", "type": "person"},
                         {"id": "p2", "name": "Muslat", "type": "person"}]}
    s, _, _ = score_sheet(gold, pred)
    assert (s["entities"].tp, s["entities"].fp, s["entities"].fn) == (2, 0, 0)


def test_name_normalisation_and_types():
    gold = {"entities": [{"id": "a", "name": "The People’s Democratic Party", "type": "organization"},
                         {"id": "b", "name": "Côte d'Ivoire", "type": "country"},
                         {"id": "c", "name": "Hamas", "type": "organization"}]}
    pred = {"entities": [{"id": "x", "name": "Peoples Democratic Party", "type": "organization"},
                         {"id": "y", "name": "cote d ivoire", "type": "place"},
                         {"id": "z", "name": "Hamas", "type": "place"}]}
    s, _, _ = score_sheet(gold, pred)
    # "the", the possessive, accents, case and punctuation are ignored; place≈country; org≠place
    assert (s["entities"].tp, s["entities"].fp, s["entities"].fn) == (2, 1, 1)


def test_entity_errors_by_category():
    from kgpub.evaluate import entity_errors

    gold = {"entities": [{"id": "a", "name": "Pakistan Tehreek-e-Insaf", "type": "organization"},
                         {"id": "b", "name": "Hamas", "type": "organization"},
                         {"id": "c", "name": "Rafah", "type": "place"},
                         {"id": "d", "name": "Gaza", "type": "place"}]}
    pred = {"entities": [{"id": "x", "name": "Pakistan", "type": "organization"},
                         {"id": "y", "name": "Hamas", "type": "place"},
                         {"id": "z", "name": "Gaza", "type": "place"},
                         {"id": "w", "name": "Monday", "type": "person"}]}
    assert entity_errors(gold, pred) == {"partial": 1, "wrong type": 1, "missed": 1, "spurious": 1}


def test_plain_ner_sheet_maps_labels_and_dedupes():
    spacy = pytest.importorskip("spacy")
    from kgpub.evaluate import plain_ner_sheet

    nlp = spacy.blank("en")
    doc = nlp("The Syrian Observatory said Aleppo was hit. Aleppo and the Syrian Observatory's staff left, "
              "Aleppo said. Kurdish fighters fled.")
    spans = [("The Syrian Observatory", "ORG"), ("Aleppo", "GPE"), ("Aleppo", "PERSON"),
             ("the Syrian Observatory's", "ORG"), ("Aleppo", "GPE"), ("Kurdish", "NORP")]
    ents, pos = [], 0
    for text, label in spans:
        start = doc.text.index(text, pos)
        pos = start + len(text)
        ents.append(doc.char_span(start, pos, label=label))
    doc.ents = ents
    sheet = plain_ner_sheet(doc)
    assert [(e["name"], e["type"]) for e in sheet["entities"]] == [("Syrian Observatory", "organization"),
                                                                   ("Aleppo", "place")]


def test_plain_ner_baseline_on_devset_subset():
    pytest.importorskip("spacy")
    from kgpub.errors import ExtractionError
    from kgpub.evaluate import evaluate
    from kgpub.extract import load_nlp

    try:
        load_nlp()
    except ExtractionError:
        pytest.skip("no spaCy English model installed")
    files = [DEVSET / "01_idlib_market.txt", DEVSET / "09_kabul_bombing.txt"]
    plain = evaluate(DEVSET, files, system="plain-ner")
    rules = evaluate(DEVSET, files)
    assert plain.scores["entities"].tp > 0
    assert rules.scores["entities"].f1 > plain.scores["entities"].f1
    assert sum(plain.errors.values()) > sum(rules.errors.values())


def test_cli_eval_plain_ner_baseline_scores_below_the_rules() -> None:
    from pathlib import Path

    from click.testing import CliRunner

    from kgpub.cli import cli

    devset = str(Path(__file__).resolve().parent.parent / "examples" / "devset")
    plain = CliRunner().invoke(cli, ["eval", "--gold", devset, devset, "--plain-ner"])
    rules = CliRunner().invoke(cli, ["eval", "--gold", devset, devset])
    assert plain.exit_code == 0 and rules.exit_code == 0

    def entity_f1(out: str) -> float:
        return float(next(line for line in out.splitlines() if line.startswith("entities")).split()[3])

    assert entity_f1(plain.stdout) < entity_f1(rules.stdout)


def test_mismatches_lists_every_difference():
    from kgpub.evaluate import mismatches

    lines = mismatches(GOLD, PRED)
    assert "- entity 'Ana Torres' (person)" in lines
    assert "+ entity 'Monday' (person)" in lines
    assert "- count injured 20 (by -)" in lines and "+ count killed 20 (by -)" in lines
    assert not any(ln.startswith("~ count killed") for ln in lines)  # "more than" and "at least" agree
    import copy

    pred = copy.deepcopy(PRED)
    pred["counts"][0]["qualifier"] = "up to"
    assert any(ln.startswith("~ count killed at least 500") and "up to 500" in ln for ln in mismatches(GOLD, pred))
    assert any(ln.startswith("~ speaker of 'We will not leave") and "predicted as Monday" in ln for ln in lines)
    assert "- event talks" in lines and any(ln.startswith("+ event attack") for ln in lines)
    assert mismatches(GOLD, GOLD) == []


def test_eval_show_errors_and_directory_skips_files_without_gold(tmp_path):
    pytest.importorskip("spacy")
    import shutil

    from kgpub.cli import cli

    for name in ("01_idlib_market.txt", "01_idlib_market.gold.yaml"):
        shutil.copy(DEVSET / name, tmp_path / name)
    (tmp_path / "README.md").write_text("# About this set\n\nNotes for annotators, not an article.\n")
    res = CliRunner().invoke(cli, ["eval", "--gold", str(tmp_path), str(tmp_path), "--show-errors"])
    assert res.exit_code == 0, res.output
    assert "articles: 1" in res.output
    assert "01_idlib_market.txt:" in res.output


def test_curly_and_straight_apostrophes_match():
    from kgpub.evaluate import _norm

    assert _norm("L’Aquila") == _norm("L'Aquila") == "l aquila"
    assert _norm("Cox’s Bazar") == _norm("Cox's Bazar")
