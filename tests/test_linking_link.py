"""link_quads on the fixture corpus: precision/recall against gold, the hard cases, the RDF it adds, failures."""
# ruff: noqa: F811  (pytest fixtures imported from fakewikidata.fixtures are redefined as arguments)

from __future__ import annotations

import logging

import pyoxigraph as ox
import pytest
from fakewikidata.fixtures import config_for, corpus_quads, fake_wd, gold, sleeps  # noqa: F401
from fakewikidata.server import FakeWikidata, Fault

from kgpub.errors import LinkingError
from kgpub.linking import link_quads, report_csv
from kgpub.linking.client import WikidataClient

B = "https://example.org/kgpub/"
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
WD = "http://www.wikidata.org/entity/"
KG = "https://w3id.org/kgpub/ns#"


def run(fake: FakeWikidata, quads=None, sleep=None, **kw):
    cfg = config_for(fake, **kw)
    client = WikidataClient(cfg, sleep=sleep or (lambda s: None))
    out, rows = link_quads(corpus_quads() if quads is None else quads, config=cfg, client=client)
    return out, {r.entity: r for r in rows}, client


@pytest.fixture(scope="module")
def corpus_rows() -> dict:
    fake = FakeWikidata().start()
    try:
        return run(fake)[1]
    finally:
        fake.stop()


def test_precision_and_recall_on_the_gold_fixture(corpus_rows, capsys) -> None:
    rows = corpus_rows
    g = gold()
    assert set(rows) == set(g)
    links = {e: r.qid for e, r in rows.items() if r.reason == "linked"}
    correct = sum(1 for e, q in links.items() if g[e] == q)
    should = sum(1 for q in g.values() if q)
    precision, recall = correct / len(links), correct / should
    with capsys.disabled():
        print(f"\nlinking fixture: {len(g)} entities, {should} with one clear match, {len(links)} linked, "
              f"{correct} correct: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.97
    assert recall >= 0.85


@pytest.mark.parametrize("entity,qid,reason", [
    ("place/aleppo", "Q41183", "linked"),  # the city, not the governorate (alias) or a missing item
    ("place/georgia", "Q230", "linked"),  # typed schema:Country: the US state fails the type gate
    ("place/georgia-us-state", "Q1428", "linked"),  # a place in an article about Atlanta
    ("place/georgia-unknown", None, "ambiguous"),  # no context: country vs state too close
    ("place/washington", None, "ambiguous"),
    ("person/assad", None, "ambiguous"),  # a surname shared by several politicians
    ("person/kowalczyk", None, "ambiguous"),
    ("person/henryk-kowalczyk", "Q900000303", "linked"),  # few sitelinks, but his country is mentioned
    ("place/damascus", "Q3766", "linked"),  # the disambiguation page among the candidates is dropped
    ("person/marek-nowak", None, "type-mismatch"),  # novalue P31 and a deprecated Q5 do not make a human
    ("organization/marek-nowak", "Q900000402", "linked"),
    ("organization/security-council", "Q37470", "linked"),  # part of the UN, which the article names
    ("person/salim-al-muslat", None, "no-candidates"),
    ("event/a1-aleppo/war", "Q178810", "linked"),
    ("place/alep", "Q41183", "linked"),  # French label, French search
])
def test_hard_cases(corpus_rows, entity: str, qid: str | None, reason: str) -> None:
    r = corpus_rows[B + entity]
    assert (r.qid if r.reason == "linked" else None, r.reason) == (qid, reason), r.detail


def test_disambiguation_page_and_missing_id_are_never_chosen(fake_wd: FakeWikidata) -> None:
    _out, rows, _c = run(fake_wd)
    chosen = {r.qid for r in rows.values()} | {r.runner_up for r in rows.values()} | {r.best for r in rows.values()}
    assert "Q900000020" not in chosen and "Q999999991" not in chosen
    assert any("Q999999991" in r.params.get("ids", "") for r in fake_wd.calls("wbgetentities"))


def test_each_distinct_name_is_searched_once_per_corpus(fake_wd: FakeWikidata) -> None:
    _out, rows, _c = run(fake_wd)
    searched = [(r.params["search"], r.params["language"]) for r in fake_wd.calls("wbsearchentities")]
    assert len(searched) == len(set(searched))  # Russia, Syria, United States, Georgia: shared names
    assert searched.count(("Georgia", "en")) == 1
    assert all(len(r.params["ids"].split("|")) <= 50 for r in fake_wd.calls("wbgetentities"))
    assert len(fake_wd.calls(path="/sparql")) == 1  # all direct classes in one VALUES query


def test_links_are_written_in_the_graph_of_the_label(fake_wd: FakeWikidata) -> None:
    out, _rows, _c = run(fake_wd)
    store = ox.Store()
    store.extend(out)
    ask = lambda q: store.query(q).__bool__()  # noqa: E731
    # Russia is in two articles: linked in both graphs
    rows = list(store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{B}place/russia> <{SAME_AS}> <{WD}Q159> }} }}"))
    assert sorted(r["g"].value for r in rows) == [B + "graph/a1-aleppo", B + "graph/a2-georgia"]
    assert ask(f"""PREFIX kgpub: <{KG}> ASK {{ GRAPH <{B}graph/a1-aleppo> {{
        <{B}place/aleppo/link/wikidata> a kgpub:EntityLink ; kgpub:linkSubject <{B}place/aleppo> ;
          kgpub:linkTarget <{WD}Q41183> ; kgpub:linkMethod kgpub:exactLabelMatch ; kgpub:linkScore ?s ;
          kgpub:linkMargin ?m ; kgpub:matchedLabel "Aleppo"@en .
        FILTER(datatype(?s) = <http://www.w3.org/2001/XMLSchema#decimal> && ?s > 0.6 && ?s <= 1) }} }}""")
    assert not any(isinstance(t, ox.BlankNode) for q in out for t in (q.subject, q.object))
    linked = {q.subject.value for q in out if q.predicate.value == SAME_AS}
    assert B + "place/georgia-unknown" not in linked and B + "person/assad" not in linked
    assert len(out) == len(set(out))


def test_input_links_are_kept_and_used_as_context(fake_wd: FakeWikidata) -> None:
    g = ox.NamedNode(B + "graph/x")
    S = "https://schema.org/"
    t = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    art, geo, tb = (ox.NamedNode(B + p) for p in ("article/x", "place/georgia-x", "place/tbilisi-x"))
    quads = [ox.Quad(art, t, ox.NamedNode(S + "NewsArticle"), g),
             ox.Quad(art, ox.NamedNode(S + "mentions"), geo, g), ox.Quad(art, ox.NamedNode(S + "mentions"), tb, g),
             ox.Quad(geo, t, ox.NamedNode(S + "Place"), g),
             ox.Quad(geo, label, ox.Literal("Georgia", language="en"), g),
             ox.Quad(tb, t, ox.NamedNode(S + "Place"), g), ox.Quad(tb, label, ox.Literal("Tiflis", language="en"), g),
             ox.Quad(tb, ox.NamedNode(SAME_AS), ox.NamedNode(WD + "Q994"), g)]
    out, rows, _c = run(fake_wd, quads=quads)
    assert rows[tb.value].reason == "already-linked"
    assert rows[geo.value].qid == "Q230" and "Q994" in rows[geo.value].detail  # Tbilisi lies in Georgia


def test_report_lists_every_entity_with_reason(corpus_rows) -> None:
    rows = corpus_rows
    text = report_csv(sorted(rows.values(), key=lambda r: r.entity))
    lines = text.splitlines()
    assert lines[0].split(",")[:7] == ["entity", "kind", "label", "language", "qid", "best", "score"]
    assert len(lines) == 1 + len(gold())
    assert any(",ambiguous," in line and "Q44329" in line and "Q900000011" in line for line in lines)


def test_a_failing_server_never_fails_the_run(fake_wd: FakeWikidata, sleeps, caplog) -> None:
    fake_wd.always = Fault("any", "500")
    with caplog.at_level(logging.WARNING, logger="kgpub"):
        out, rows, client = run(fake_wd, sleep=sleeps, retry_budget=6)
    assert {r.reason for r in rows.values()} == {"service-unavailable"}
    assert len(out) == len(corpus_quads())
    assert len(fake_wd.requests) <= 10 and len(sleeps.waits) == 6
    assert "stay unlinked" in caplog.text


def test_require_links_turns_failure_into_an_error(fake_wd: FakeWikidata, sleeps) -> None:
    fake_wd.always = Fault("sparql", "500")  # the Action API works, the subclass check does not
    with pytest.raises(LinkingError, match="could not be looked up") as info:
        run(fake_wd, sleep=sleeps, require_links=True, retry_budget=2)
    rows = info.value.report_rows
    assert len(rows) == len(gold())
    # a candidate whose class could not be checked is not linked, except by a direct P31 to a root class
    by = {r.entity: r for r in rows}
    assert by[B + "place/aleppo"].reason == "type-check-unavailable"
    assert by[B + "person/barack-obama"].qid == "Q76"  # P31 human directly


def test_maxlag_and_429_midway_still_link_everything(fake_wd: FakeWikidata, sleeps) -> None:
    fake_wd.queue("api", "maxlag", lag=2)
    fake_wd.queue("api", "429", retry_after="1")
    fake_wd.queue("sparql", "503", retry_after="2")
    _out, rows, client = run(fake_wd, sleep=sleeps)
    assert sleeps.waits == [5.0, 1.0, 2.0]
    assert sum(r.reason == "linked" for r in rows.values()) == 31
