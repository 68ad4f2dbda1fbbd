"""The SHACL shapes (shapes/kgpub.shapes.ttl) against the examples in tests/data/shapes/.

Every file in ``valid/`` must conform. Every file in ``invalid/`` must not, and its header lines
``# expect: <shape> [<path>]`` list exactly which shapes (and result paths) report it: the example
breaks one rule, and only that rule fires. pyshacl runs without inference, on one file at a time,
as kgpub validates one article graph at a time.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, RDFS, SH, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "shapes" / "kgpub.shapes.ttl"
DATA = ROOT / "tests" / "data" / "shapes"
VALID = sorted((DATA / "valid").glob("*.ttl"))
INVALID = sorted((DATA / "invalid").glob("*.ttl"))
KGSH = Namespace("https://w3id.org/kgpub/shapes#")
CONTRACT_CHECK = ROOT.parent / "shared" / "tools" / "contract-check"
EXPECT = re.compile(r"^# expect: (\S+)(?: (\S+))?\s*$", re.MULTILINE)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES)


def _validate(path: Path, shapes: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(Graph().parse(path), shacl_graph=shapes, inference="none")
    return bool(conforms), report


def _local(node: object) -> str:
    assert isinstance(node, URIRef) and str(node).startswith(str(KGSH)), f"unexpected source shape {node!r}"
    return str(node)[len(KGSH):]


def _results(report: Graph, shapes: Graph) -> set[tuple[str, str | None]]:
    found = set()
    for result in _top_results(report):
        path = report.value(result, SH.resultPath)
        curie = shapes.namespace_manager.curie(path) if isinstance(path, URIRef) else None
        found.add((_local(report.value(result, SH.sourceShape)), curie))
    return found


def _top_results(report: Graph) -> list[Node]:
    """The results of the report itself, not the sh:detail results nested in them."""
    reports = report.subjects(RDF.type, SH.ValidationReport)
    return [r for top in reports for r in report.objects(top, SH.result)]


def _expected(path: Path) -> set[tuple[str, str | None]]:
    return {(shape, p or None) for shape, p in EXPECT.findall(path.read_text(encoding="utf-8"))}


NOT_CONSTRAINTS = {RDF.type, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                   SH.property, SH.path, SH.message, SH.name, SH.description, SH.severity}


def _named_shapes(shapes: Graph) -> tuple[set[str], set[str]]:
    """(node shapes with a target, named shapes with constraints of their own, which can report)."""
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    targeted = {_local(s) for t in targets for s in shapes.subjects(t, None) if isinstance(s, URIRef)}
    candidates = targeted | {_local(s) for s in shapes.subjects(SH.path, None) if isinstance(s, URIRef)}
    reporting = {
        name for name in candidates
        if any(p not in NOT_CONSTRAINTS and not str(p).startswith(str(RDFS))
               for p in shapes.predicates(KGSH[name]))
    }
    return targeted, reporting


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms(path: Path, shapes: Graph) -> None:
    conforms, report = _validate(path, shapes)
    assert conforms, f"{path.name}: {sorted(_results(report, shapes))}"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_is_reported_by_the_expected_shape(path: Path, shapes: Graph) -> None:
    expected = _expected(path)
    assert expected, f"{path.name} has no '# expect: <shape> [<path>]' line"
    conforms, report = _validate(path, shapes)
    assert not conforms
    assert _results(report, shapes) == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_every_result_has_a_message(path: Path, shapes: Graph) -> None:
    _, report = _validate(path, shapes)
    for result in _top_results(report):
        messages = list(report.objects(result, SH.resultMessage))
        assert messages and all(isinstance(m, Literal) and m.language == "en" for m in messages), path.name


def test_every_shape_has_an_invalid_example(shapes: Graph) -> None:
    _, reporting = _named_shapes(shapes)
    covered = {shape for path in INVALID for shape, _ in _expected(path)}
    assert reporting - covered == set()
    assert covered - reporting == set(), "an example expects a shape that does not exist"


def test_every_targeted_shape_has_a_valid_example(shapes: Graph) -> None:
    """Each target of each node shape has focus nodes in at least one conforming example."""
    data = Graph()
    for path in VALID:
        data.parse(path)
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for cls in shapes.objects(shape, SH.targetClass):
            assert (None, RDF.type, cls) in data, f"no valid example of {cls} for {shape}"
        for prop in shapes.objects(shape, SH.targetSubjectsOf):
            assert (None, prop, None) in data, f"no valid example of {prop} for {shape}"


def test_valid_examples_are_named_after_their_shapes(shapes: Graph) -> None:
    targeted, _ = _named_shapes(shapes)
    names = {p.stem for p in VALID}
    for shape in targeted:
        kebab = re.sub(r"(?<=[a-z])(?=[A-Z])", "-", shape.removesuffix("Shape")).lower()
        assert kebab in names, f"no valid/{kebab}.ttl for {shape}"


def test_invalid_examples_are_named_after_their_shapes() -> None:
    valid_names = {p.stem for p in VALID}
    for path in INVALID:
        assert any(path.stem.startswith(name + "-") for name in valid_names), path.name


def test_every_shape_has_a_message(shapes: Graph) -> None:
    """Every shape that can report carries one English sh:message."""
    _, reporting = _named_shapes(shapes)
    assert len(reporting) > 60
    for name in reporting:
        messages = list(shapes.objects(KGSH[name], SH.message))
        assert len(messages) == 1 and messages[0].language == "en", name


def test_shapes_use_core_constraints_only(shapes: Graph) -> None:
    assert not list(shapes.triples((None, SH.sparql, None)))
    assert not list(shapes.triples((None, SH.SPARQLConstraint, None)))
    assert not list(shapes.subjects(RDF.type, SH.SPARQLConstraint))


def test_no_blank_named_shapes(shapes: Graph) -> None:
    """Targeted shapes and property shapes attached with sh:property are IRIs (so reports can name them)."""
    for shape in shapes.objects(None, SH.property):
        assert not isinstance(shape, BNode)
    for shape in shapes.subjects(SH.targetClass, None):
        assert not isinstance(shape, BNode)


def test_complete_article_passes_the_contract_check(tmp_path: Path) -> None:
    """The independent contract checker (../shared/tools) agrees that the complete example holds."""
    if not CONTRACT_CHECK.is_file():
        pytest.skip("../shared/tools/contract-check is absent")
    done = subprocess.run(
        [sys.executable, str(CONTRACT_CHECK), str(DATA / "valid" / "complete-article.ttl"),
         "--ontology", str(ROOT / "ontology" / "kgpub.ttl")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BROKEN" not in done.stdout


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_kgpub_validate_agrees(path: Path, shapes: Graph) -> None:
    """kgpub's own validate() (its native engine, and its pyshacl path) gives the same verdict and shapes."""
    validate = pytest.importorskip("kgpub.validate").validate
    read_quads = pytest.importorskip("kgpub.rdfio").read_quads
    expected = _expected(path)
    for validator in ("native", "pyshacl"):
        report = validate(read_quads([path]), shapes=SHAPES, validator=validator)
        found = {
            (_local(URIRef(r.source_shape.strip("<>"))),
             shapes.namespace_manager.curie(URIRef(r.path.strip("<>"))) if r.path else None)
            for r in report.results
        }
        assert (report.conforms, found) == (not expected, expected), validator
