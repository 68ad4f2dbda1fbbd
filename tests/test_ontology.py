"""The kgpub vocabulary (ontology/kgpub.ttl): header, term documentation, alignments, and that it
declares every kgpub: term the shapes, the mapping document and the examples use."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import namespace as rns
from rdflib.collection import Collection

# rdflib's XSD and SDO are used as rns.XSD, rns.SDO: pytest probes module-level names while collecting,
# and DefinedNamespace classes without `_fail` warn when asked for an unknown attribute.
OWL, RDF, RDFS, SH, SKOS, DCTERMS = rns.OWL, rns.RDF, rns.RDFS, rns.SH, rns.SKOS, rns.DCTERMS
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kgpub.ttl"
SHAPES = ROOT / "shapes" / "kgpub.shapes.ttl"
KGPUB = Namespace("https://w3id.org/kgpub/ns#")
KGPUB_ONTOLOGY = URIRef("https://w3id.org/kgpub/ns")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
VANN = Namespace("http://purl.org/vocab/vann/")
WD = "http://www.wikidata.org/entity/"
EVENT_KINDS = {"Offensive", "Airstrike", "Attack", "Talks", "Meeting", "Conference", "Disaster", "Protest",
               "Election", "Visit", "War"}
COUNT_TYPES = {"killed", "injured", "displaced", "arrested", "missing", "affected", "participants", "other"}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES)


def _terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(KGPUB))}


def _used(text: str) -> set[str]:
    return set(re.findall(r"kgpub:([A-Za-z][A-Za-z0-9_]*)", text))


def test_header(onto: Graph) -> None:
    assert (KGPUB_ONTOLOGY, RDF.type, OWL.Ontology) in onto
    assert onto.value(KGPUB_ONTOLOGY, DCTERMS.title) == Literal("kgpub vocabulary", lang="en")
    assert onto.value(KGPUB_ONTOLOGY, DCTERMS.created).datatype == rns.XSD.date
    assert onto.value(KGPUB_ONTOLOGY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert onto.value(KGPUB_ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert onto.value(KGPUB_ONTOLOGY, OWL.versionIRI) == URIRef("https://w3id.org/kgpub/ns/0.1.0")
    assert onto.value(KGPUB_ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("kgpub")
    assert onto.value(KGPUB_ONTOLOGY, VANN.preferredNamespaceUri) == Literal(str(KGPUB))


def test_version_matches_the_package() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', text, re.MULTILINE)
    assert version, "no version in pyproject.toml"
    onto = Graph().parse(ONTOLOGY)
    assert str(onto.value(KGPUB_ONTOLOGY, OWL.versionInfo)) == version.group(1)
    assert str(onto.value(KGPUB_ONTOLOGY, OWL.versionIRI)).endswith("/" + version.group(1))


def test_every_term_is_documented(onto: Graph) -> None:
    terms = _terms(onto)
    assert len(terms) == 42
    for term in terms:
        labels = list(onto.objects(term, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "en", term
        definitions = list(onto.objects(term, SKOS.definition))
        assert len(definitions) == 1 and definitions[0].language == "en" and len(definitions[0]) > 20, term
        assert list(onto.objects(term, RDFS.comment)) == definitions, term
        assert list(onto.objects(term, RDFS.isDefinedBy)) == [KGPUB_ONTOLOGY], term


def test_event_kinds_are_sem_events(onto: Graph) -> None:
    kinds = {str(c)[len(KGPUB):] for c in onto.subjects(RDFS.subClassOf, SEM.Event)}
    assert kinds == EVENT_KINDS
    for kind in kinds:
        assert (KGPUB[kind], RDF.type, OWL.Class) in onto


def test_claim_kinds_are_claims(onto: Graph) -> None:
    kinds = {str(c)[len(KGPUB):] for c in onto.subjects(RDFS.subClassOf, rns.SDO.Claim)}
    assert kinds == {"Accusation", "Denial", "Demand"}


def test_count_is_a_quantitative_value_with_the_wikidata_quantity_model(onto: Graph) -> None:
    assert (KGPUB.Count, RDFS.subClassOf, rns.SDO.QuantitativeValue) in onto
    for term in (KGPUB.Count, KGPUB.qualifier):
        note = str(onto.value(term, SKOS.scopeNote))
        for bound in ("quantityAmount", "quantityLowerBound", "quantityUpperBound"):
            assert "http://wikiba.se/ontology#" + bound in note, (term, bound)
        for prop in ("schema:value", "schema:minValue", "schema:maxValue"):
            assert prop in note, (term, prop)


def test_reported_by_is_sems_according_to(onto: Graph) -> None:
    assert (KGPUB.reportedBy, RDFS.subPropertyOf, SEM.accordingTo) in onto


def test_count_types_form_a_concept_scheme(onto: Graph) -> None:
    concepts = {str(c)[len(KGPUB):] for c in onto.subjects(SKOS.inScheme, KGPUB.CountTypes)}
    assert concepts == COUNT_TYPES
    assert {str(c)[len(KGPUB):] for c in onto.objects(KGPUB.CountTypes, SKOS.hasTopConcept)} == COUNT_TYPES
    for name in concepts:
        assert (KGPUB[name], RDF.type, SKOS.Concept) in onto
        assert (KGPUB[name], SKOS.topConceptOf, KGPUB.CountTypes) in onto
        assert onto.value(KGPUB[name], SKOS.prefLabel) == onto.value(KGPUB[name], RDFS.label)


def test_wikidata_alignments(onto: Graph) -> None:
    """Only the matches we are sure of; each a well-formed Wikidata IRI."""
    matches = {(s, o) for p in (SKOS.closeMatch, SKOS.exactMatch) for s, o in onto.subject_objects(p)
               if str(o).startswith(WD)}
    for _, o in matches:
        assert re.fullmatch(re.escape(WD) + r"[PQ][1-9][0-9]*", str(o)), o
    assert (KGPUB.killed, URIRef(WD + "P1120")) in matches  # number of deaths
    assert (KGPUB.injured, URIRef(WD + "P1339")) in matches  # number of injured
    assert (KGPUB.War, URIRef(WD + "Q198")) in matches


def test_shapes_use_only_declared_terms(onto: Graph, shapes: Graph) -> None:
    declared = _terms(onto)
    used = {n for t in shapes for n in t if isinstance(n, URIRef) and n.startswith(str(KGPUB))}
    assert used and used <= declared, sorted(used - declared)


def test_shapes_list_the_same_kinds_and_types_as_the_ontology(shapes: Graph) -> None:
    KGSH = Namespace("https://w3id.org/kgpub/shapes#")
    kind_shape = shapes.value(KGSH["Event-kind"], SH.qualifiedValueShape)
    kinds = {str(k)[len(KGPUB):] for k in Collection(shapes, shapes.value(kind_shape, SH["in"]))}
    assert kinds == EVENT_KINDS
    types = {str(t)[len(KGPUB):] for t in Collection(shapes, shapes.value(KGSH["Count-countType"], SH["in"]))}
    assert types == COUNT_TYPES


def test_shapes_import_the_vocabulary(shapes: Graph) -> None:
    doc = URIRef("https://w3id.org/kgpub/shapes")
    assert (doc, RDF.type, OWL.Ontology) in shapes
    assert (doc, OWL.imports, KGPUB_ONTOLOGY) in shapes


DOCS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md")) + ["../shared/DESIGN.md"]


@pytest.mark.parametrize("doc", DOCS)
def test_documents_use_only_declared_terms(doc: str, onto: Graph) -> None:
    path = ROOT / doc
    if not path.is_file():
        pytest.skip(f"{doc} is absent")
    declared = {str(t)[len(KGPUB):] for t in _terms(onto)}
    used = _used(path.read_text(encoding="utf-8")) - {"Kind"}  # `kgpub:<Kind>` is a placeholder
    assert used <= declared, sorted(used - declared)


def test_code_uses_only_declared_terms(onto: Graph) -> None:
    """Terms the library writes as `KGPUB + "name"`, `"https://w3id.org/kgpub/ns#name"` or `kgpub:name`."""
    declared = {str(t)[len(KGPUB):] for t in _terms(onto)}
    patterns = (r'KGPUB\s*\+\s*"([A-Za-z][A-Za-z0-9_]*)"', re.escape(str(KGPUB)) + r"([A-Za-z][A-Za-z0-9_]*)")
    for path in sorted((ROOT / "src" / "kgpub").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        used = _used(text).union(*(re.findall(p, text) for p in patterns)) - {"Kind"}
        assert used <= declared, (str(path.relative_to(ROOT)), sorted(used - declared))


def test_examples_use_only_declared_terms(onto: Graph) -> None:
    declared = {str(t)[len(KGPUB):] for t in _terms(onto)}
    for path in sorted((ROOT / "tests" / "data" / "shapes" / "valid").glob("*.ttl")):
        used = _used(path.read_text(encoding="utf-8"))
        assert used <= declared, (path.name, sorted(used - declared))


def test_factsheet_enums_match_the_ontology() -> None:
    """The fact-sheet format offers exactly the event kinds and count types the vocabulary has."""
    path = ROOT / "src" / "kgpub" / "data" / "factsheet.schema.json"
    defs = json.loads(path.read_text(encoding="utf-8"))["$defs"]
    assert {k.capitalize() for k in defs["event"]["properties"]["kind"]["enum"]} == EVENT_KINDS
    assert set(defs["count"]["properties"]["type"]["enum"]) == COUNT_TYPES
    claim_kinds = {k.capitalize() for k in defs["claim"]["properties"]["kind"]["enum"]} - {"Statement"}
    assert claim_kinds == {"Accusation", "Denial", "Demand"}


@pytest.mark.parametrize("name, source", [("kgpub.ttl", ONTOLOGY), ("kgpub.shapes.ttl", SHAPES)])
def test_package_copies_are_identical(name: str, source: Path) -> None:
    copy = ROOT / "src" / "kgpub" / "data" / name
    hint = f"run `make sync-data` to copy {source.name} into the package"
    assert copy.read_bytes() == source.read_bytes(), hint


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_rdflib_and_pyoxigraph_read_the_same_triples(path: Path) -> None:
    """No blank nodes are compared away: the files' blank nodes are only SHACL lists and inline shapes."""
    rdflib_count = len(Graph().parse(path))
    oxigraph_count = len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)))
    assert rdflib_count == oxigraph_count > 100
