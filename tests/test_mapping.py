"""Mapping: golden outputs (isomorphic), the contract's terms, stable IRIs, hedges, no blank nodes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import EXAMPLES, ROOT
from helpers import minimal_sheet
from rdflib.compare import isomorphic

from kgpub.factsheet import load_factsheet, parse_factsheet
from kgpub.mapping import hedge_bound, map_factsheet
from kgpub.rdfio import RdfFormat, serialize_quads

GOLDEN = ROOT / "tests" / "golden"
KG = "https://w3id.org/kgpub/ns#"
SDO = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"


def as_rdflib(quads: list[ox.Quad]) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=serialize_quads(quads, RdfFormat.N_QUADS).decode(), format="nquads")
    return ds


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_golden(path: Path, update_golden: bool) -> None:
    quads = map_factsheet(load_factsheet(path))
    golden = GOLDEN / f"{path.stem}.nq"
    if update_golden:
        golden.write_bytes(serialize_quads(quads, RdfFormat.N_QUADS))
    if not golden.exists():
        pytest.fail(f"{golden} is missing: run `pytest --update-golden` and review the diff")
    expected = rdflib.Dataset()
    expected.parse(golden, format="nquads")
    got = as_rdflib(quads)
    for graph in expected.graphs():
        if len(graph):
            assert isomorphic(graph, got.graph(graph.identifier)), f"graph {graph.identifier} differs"
    assert len(expected) == len(got)


def test_hedges() -> None:
    assert [hedge_bound(q) for q in ("at least", "More than", "up to", "nearly", "about", None, "some")] == [
        "min", "min", "max", "max", "value", "value", "value"]


def objects(quads: list[ox.Quad], s: str, p: str) -> set[str]:
    return {q.object.value for q in quads if q.subject.value == s and q.predicate.value == p}


def test_count_bound_reporter_and_part_of() -> None:
    quads = map_factsheet(load_factsheet(EXAMPLES / "euronews-2016-02-aleppo.yaml"), base="http://ex.org/")
    c = "http://ex.org/count/euronews-2016-02-aleppo-offensive/civilians-killed-offensive"
    assert objects(quads, c, SDO + "minValue") == {"100"}
    assert not objects(quads, c, SDO + "value")
    sohr = "http://ex.org/organization/syrian-observatory-for-human-rights"
    assert objects(quads, c, KG + "reportedBy") == {sohr} == objects(quads, c, SEM + "accordingTo")
    assert objects(quads, c, KG + "includedIn") == {c.replace("civilians-killed-offensive", "killed-offensive")}
    assert objects(quads, c, KG + "group") == {"civilians"}


def test_no_blank_nodes_and_one_graph() -> None:
    quads = map_factsheet(load_factsheet(EXAMPLES / "example-2024-05-river-flood.yaml"))
    assert {str(q.graph_name) for q in quads} == {"<https://example.org/kgpub/graph/example-2024-05-river-flood>"}
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))


def test_same_input_same_iris_and_shared_entities() -> None:
    a = map_factsheet(load_factsheet(EXAMPLES / "example-2024-05-river-flood.yaml"))
    b = map_factsheet(load_factsheet(EXAMPLES / "example-2023-11-election-protest.yaml"))
    assert a == map_factsheet(load_factsheet(EXAMPLES / "example-2024-05-river-flood.yaml"))
    desk = "https://example.org/kgpub/organization/example-news-desk"
    assert any(q.subject.value == desk for q in a) and any(q.subject.value == desk for q in b)


def test_evidence_offsets_point_at_the_words() -> None:
    sheet = load_factsheet(EXAMPLES / "example-2024-05-river-flood.yaml")
    text = sheet.article["text"]
    quads = map_factsheet(sheet)
    starts = {q.subject.value: int(q.object.value) for q in quads if q.predicate.value.endswith("oa#start")}
    ends = {q.subject.value: int(q.object.value) for q in quads if q.predicate.value.endswith("oa#end")}
    exact = {q.subject.value: q.object.value for q in quads if q.predicate.value.endswith("oa#exact")}
    assert starts
    for sel, start in starts.items():
        assert text[start:ends[sel]] == exact[sel.replace("/position", "/quote")]


def test_dates_keep_their_precision() -> None:
    data = minimal_sheet()
    data["events"][0]["date"] = "2020"
    quads = map_factsheet(parse_factsheet(data))
    stamps = [q.object for q in quads if q.predicate.value == SEM + "hasTimeStamp"]
    assert [s.datatype.value for s in stamps] == ["http://www.w3.org/2001/XMLSchema#gYear"]


def test_base_must_be_absolute() -> None:
    with pytest.raises(ValueError):
        map_factsheet(parse_factsheet(minimal_sheet()), base="not-an-iri/")


def test_a_place_used_as_reporter_is_also_an_actor_and_validates() -> None:
    from kgpub.validate import validate

    data = minimal_sheet()
    data["counts"][0]["reported_by"] = "city"  # "Testville officials said"
    quads = map_factsheet(parse_factsheet(data, source="t.yaml"), base="http://ex.org/")
    city = "http://ex.org/place/testville"
    types = objects(quads, city, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert SEM + "Actor" in types and SEM + "Place" in types
    assert validate(quads).conforms
    # a place that only locates something stays a place
    quads = map_factsheet(parse_factsheet(minimal_sheet(), source="t.yaml"), base="http://ex.org/")
    assert SEM + "Actor" not in objects(quads, city, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
