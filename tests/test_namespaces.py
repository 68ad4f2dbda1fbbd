"""kgpub.namespaces: the KGPUB class lists exactly the terms of ontology/kgpub.ttl."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as rns

from kgpub import namespaces

ROOT = Path(__file__).resolve().parent.parent


def _ontology_terms() -> dict[str, str]:
    """{local name: skos:definition} of every kgpub: term the ontology declares."""
    graph = Graph().parse(ROOT / "ontology" / "kgpub.ttl")
    ns = str(namespaces.KGPUB._NS)
    return {
        str(s)[len(ns):]: str(graph.value(s, rns.SKOS.definition))
        for s in set(graph.subjects(rns.RDF.type, None))
        if isinstance(s, URIRef) and str(s).startswith(ns) and str(s) != ns
    }


def test_class_terms_equal_ontology_terms() -> None:
    assert set(namespaces.KGPUB.__annotations__) == set(_ontology_terms())


def test_comments_are_the_definitions() -> None:
    """Each `term: URIRef  # definition` line carries the term's current skos:definition."""
    source = (ROOT / "src" / "kgpub" / "namespaces.py").read_text(encoding="utf-8")
    for name, definition in _ontology_terms().items():
        assert f"    {name}: URIRef  # {definition}\n" in source, name


def test_terms_are_iris_in_the_namespace() -> None:
    assert namespaces.KGPUB.Count == URIRef("https://w3id.org/kgpub/ns#Count")
    assert namespaces.KGPUB.countOf == URIRef("https://w3id.org/kgpub/ns#countOf")
    assert namespaces.KGPUB["killed"] == URIRef("https://w3id.org/kgpub/ns#killed")
    assert str(namespaces.KGPUB._NS) == "https://w3id.org/kgpub/ns#"


def test_misspelt_term_fails() -> None:
    with pytest.raises(AttributeError):
        namespaces.KGPUB.Offensiv  # noqa: B018


def test_other_namespaces() -> None:
    assert namespaces.SEM.Event == URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")
    assert namespaces.OA.TextQuoteSelector == URIRef("http://www.w3.org/ns/oa#TextQuoteSelector")
    assert namespaces.WD.Q41183 == URIRef("http://www.wikidata.org/entity/Q41183")
    assert namespaces.KGSH.CountShape == URIRef("https://w3id.org/kgpub/shapes#CountShape")
    assert set(namespaces.__all__) >= {"KGPUB", "SEM", "OA", "WD"}


def test_document_iris_match_the_files() -> None:
    onto = Graph().parse(ROOT / "ontology" / "kgpub.ttl")
    shapes = Graph().parse(ROOT / "shapes" / "kgpub.shapes.ttl")
    assert (namespaces.KGPUB_ONTOLOGY, rns.RDF.type, rns.OWL.Ontology) in onto
    assert (namespaces.KGPUB_SHAPES, rns.RDF.type, rns.OWL.Ontology) in shapes
    node_shapes = shapes.subjects(rns.RDF.type, rns.SH.NodeShape)
    assert any(str(s).startswith(str(namespaces.KGSH)) for s in node_shapes)
