"""Regression guard: extraction quality on the held-out articles (examples/heldout).

The floors sit a little below the figures measured when the rules were last changed (see
docs/extraction.md); a rule change that loses quality on unseen-style text fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parents[1] / "examples" / "heldout"

FLOORS = {  # minimum F1 (round 4: entities 0.984, counts 0.909, sources 0.866, speakers 1.0)
    "entities": 0.96,
    "counts": 0.88,
    "hedges": 0.90,
    "sources": 0.83,
    "quotes": 0.97,
    "speakers": 0.95,
    "event kinds": 0.88,
}


@pytest.fixture(scope="module")
def report():
    pytest.importorskip("spacy")
    from kgpub.errors import ExtractionError
    from kgpub.evaluate import evaluate
    from kgpub.extract import load_nlp

    try:
        load_nlp()
    except ExtractionError:
        pytest.skip("no spaCy English model installed")
    return evaluate(HELDOUT, [HELDOUT])


def test_heldout_has_gold_for_every_article():
    arts = [p for p in HELDOUT.iterdir() if p.suffix in (".txt", ".md", ".html") and ".gold." not in p.name]
    assert len(arts) >= 10
    for p in arts:
        assert (HELDOUT / f"{p.stem}.gold.yaml").is_file(), p.name


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_heldout_floor(report, metric):
    score = report.scores[metric]
    assert score.f1 >= FLOORS[metric], f"{metric}: F1 {score.f1:.3f} < {FLOORS[metric]}\n{report.text()}"


def test_heldout_quote_recall_and_speaker_accuracy(report):
    assert report.scores["quotes"].recall >= 0.95
    assert report.speaker_accuracy >= 0.87
    assert len(report.articles) >= 10
