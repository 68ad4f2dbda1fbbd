"""Tests of the native SHACL Core validator (kgpub.shacl) and of its agreement with pyshacl."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgpub.shacl import (
    CompiledShapes,
    NativeReport,
    ShapesError,
    compile_shapes,
    report_graph,
    validate_native,
    validate_native_each,
)
from kgpub.shacl.graph import Index
from kgpub.shacl.paths import parse_path, render

ROOT = Path(__file__).resolve().parents[1]
KGPUB_SHAPES = ROOT / "shapes" / "kgpub.shapes.ttl"
EXAMPLES = ROOT / "tests" / "data" / "shapes"
SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def ttl(text: str) -> list[ox.Quad]:
    return list(ox.parse(PREFIXES + text, format=ox.RdfFormat.TURTLE))


def trig(text: str) -> list[ox.Quad]:
    return list(ox.parse(PREFIXES + text, format=ox.RdfFormat.TRIG))


def keys(report: NativeReport) -> set[tuple[str | None, ...]]:
    return {(r.focus, r.path, r.value, r.constraint.removeprefix(SH)) for r in report.results}


PERSON_SHAPES = ttl("""
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ;
                sh:message "a person needs one name" ] ;
  sh:property [ sh:path ex:born ; sh:datatype xsd:date ; sh:severity sh:Warning ] ;
  sh:property [ sh:path ex:age ; sh:minInclusive 0 ; sh:maxExclusive 150 ] .
""")


def test_conforming_data_has_no_results() -> None:
    data = ttl('ex:a a ex:Person ; ex:name "Ann" ; ex:born "1990-02-28"^^xsd:date ; ex:age 33 .')
    report = validate_native(data, PERSON_SHAPES)
    assert report.conforms and report.results == []
    assert bool(report) is True


def test_cardinality_datatype_range_and_messages() -> None:
    data = ttl("""
    ex:a a ex:Person ; ex:born "2016-02-30"^^xsd:date ; ex:age -3 .
    ex:b a ex:Person ; ex:name "B", "Bee" ; ex:age "old" .
    """)
    report = validate_native(data, PERSON_SHAPES)
    assert not report.conforms
    assert keys(report) == {
        ("<http://ex/a>", "<http://ex/name>", None, "MinCountConstraintComponent"),
        ("<http://ex/a>", "<http://ex/born>", '"2016-02-30"^^<http://www.w3.org/2001/XMLSchema#date>',
         "DatatypeConstraintComponent"),
        ("<http://ex/a>", "<http://ex/age>", '"-3"^^<http://www.w3.org/2001/XMLSchema#integer>',
         "MinInclusiveConstraintComponent"),
        ("<http://ex/b>", "<http://ex/name>", None, "MaxCountConstraintComponent"),
        ("<http://ex/b>", "<http://ex/age>", '"old"', "MinInclusiveConstraintComponent"),
        ("<http://ex/b>", "<http://ex/age>", '"old"', "MaxExclusiveConstraintComponent"),
    }
    by_comp = {r.constraint.removeprefix(SH): r for r in report.results}
    assert by_comp["MinCountConstraintComponent"].message == "a person needs one name"
    assert by_comp["DatatypeConstraintComponent"].severity == "Warning"
    assert by_comp["MinInclusiveConstraintComponent"].severity == "Violation"
    assert by_comp["MaxCountConstraintComponent"].source_shape.startswith("_:")


def test_subclass_targets_and_class_constraint() -> None:
    shapes = ttl("""ex:S a sh:NodeShape ; sh:targetClass ex:Agent ;
                    sh:property [ sh:path ex:employer ; sh:class ex:Org ] .""")
    data = ttl("""
    ex:Person rdfs:subClassOf ex:Agent .  ex:Company rdfs:subClassOf ex:Org .
    ex:p a ex:Person ; ex:employer ex:acme, ex:nobody, "text" .
    ex:acme a ex:Company .
    """)
    assert keys(validate_native(data, shapes)) == {
        ("<http://ex/p>", "<http://ex/employer>", "<http://ex/nobody>", "ClassConstraintComponent"),
        ("<http://ex/p>", "<http://ex/employer>", '"text"', "ClassConstraintComponent"),
    }


def test_logical_shape_based_and_other_constraints() -> None:
    shapes = ttl("""
    ex:Text a sh:NodeShape ; sh:or ( [ sh:datatype xsd:string ] [ sh:datatype rdf:langString ] ) .
    ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:label ; sh:closed true ; sh:ignoredProperties ( ex:note ) ;
      sh:property [ sh:path ex:label ; sh:node ex:Text ; sh:uniqueLang true ] ,
                  [ sh:path ex:kind ; sh:in ( ex:a ex:b ) ; sh:hasValue ex:a ] .
    """.replace("rdf:langString", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>"))
    data = ttl("""
    ex:x ex:label "one"@en, "two"@en, 3 ; ex:kind ex:c ; ex:note "ok" ; ex:other 1 .
    """)
    assert keys(validate_native(data, shapes)) == {
        ("<http://ex/x>", "<http://ex/label>", '"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
         "NodeConstraintComponent"),
        ("<http://ex/x>", "<http://ex/label>", None, "UniqueLangConstraintComponent"),
        ("<http://ex/x>", "<http://ex/kind>", "<http://ex/c>", "InConstraintComponent"),
        ("<http://ex/x>", "<http://ex/kind>", None, "HasValueConstraintComponent"),
        ("<http://ex/x>", "<http://ex/other>", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
         "ClosedConstraintComponent"),
    }


def test_complex_paths_are_rendered() -> None:
    shapes = ttl("""ex:S a sh:NodeShape ; sh:targetNode ex:a ;
      sh:property [ sh:path ( ex:p [ sh:zeroOrMorePath ex:q ] ) ; sh:minCount 4 ] ,
                  [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] ,
                  [ sh:path [ sh:alternativePath ( ex:p [ sh:oneOrMorePath ex:q ] ) ] ; sh:maxCount 0 ] .""")
    data = ttl("ex:a ex:p ex:b . ex:b ex:q ex:c . ex:c ex:q ex:b .")
    assert {r.path for r in validate_native(data, shapes).results} == {
        "<http://ex/p>/<http://ex/q>*", "^<http://ex/p>", "<http://ex/p>|<http://ex/q>+"}


def test_graph_selection_union_and_each() -> None:
    shapes = ttl("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxCount 1 ] .")
    data = trig("""
    ex:g1 { ex:a a ex:C ; ex:p 1 . }
    ex:g2 { ex:a a ex:C ; ex:p 2 . }
    ex:g3 { ex:a a ex:C ; ex:p 1 . }
    """)
    assert not validate_native(data, shapes).conforms  # the union: ex:a has two values
    assert validate_native(data, shapes, graph="http://ex/g1").conforms
    assert validate_native(data, shapes, graph=ox.NamedNode("http://ex/g2")).conforms
    without_g2 = [q for q in data if q.graph_name.value != "http://ex/g2"]
    assert validate_native(without_g2, shapes).conforms  # the triple in g1 and g3 counts once
    each = validate_native_each(data, shapes)
    assert set(each) == {ox.NamedNode(f"http://ex/g{i}") for i in (1, 2, 3)}
    assert all(r.conforms for r in each.values())
    store = ox.Store()
    store.extend(data)
    assert not validate_native(store, shapes).conforms
    assert validate_native(store, shapes, graph="<http://ex/g3>").conforms
    assert validate_native(ox.Dataset(data), shapes, graph="http://ex/g1").conforms


def test_shapes_from_path_rdflib_and_compiled(tmp_path: Path) -> None:
    rdflib = pytest.importorskip("rdflib")
    text = PREFIXES + "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:C ."
    path = tmp_path / "s.ttl"
    path.write_text(text, encoding="utf-8")
    data = ttl("ex:a ex:p 1 .")
    compiled = compile_shapes(path)
    assert isinstance(compiled, CompiledShapes) and compile_shapes(path) is compiled  # cached
    for shapes in (path, str(path), rdflib.Graph().parse(data=text, format="turtle"), compiled):
        report = validate_native(data, shapes)
        assert keys(report) == {("<http://ex/a>", None, "<http://ex/a>", "ClassConstraintComponent")}


def test_bad_shapes_raise_shapes_error(tmp_path: Path) -> None:
    with pytest.raises(ShapesError, match="not a SHACL property path"):
        compile_shapes(ttl('ex:S sh:targetNode ex:a ; sh:path [ ex:foo ex:bar ] .'))
    with pytest.raises(ShapesError, match="integer"):
        compile_shapes(ttl('ex:S sh:targetNode ex:a ; sh:path ex:p ; sh:minCount "one" .'))
    with pytest.raises(ShapesError, match="cannot read"):
        compile_shapes(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ShapesError, match="cannot parse"):
        compile_shapes(bad)


def test_report_graph_is_a_standard_report() -> None:
    shapes = ttl("ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path [ sh:inversePath ex:p ] ; "
                 "sh:minCount 1 ] ; sh:nodeKind sh:Literal .")
    report = validate_native([], shapes)
    g = Index(report_graph(report))
    (root,) = g.instances(ox.NamedNode(SH + "ValidationReport"))
    assert g.value(root, ox.NamedNode(SH + "conforms")).value == "false"
    results = g.objects(root, ox.NamedNode(SH + "result"))
    assert len(results) == 2
    paths = [g.value(r, ox.NamedNode(SH + "resultPath")) for r in results]
    assert {render(parse_path(g, p)) for p in paths if p is not None} == {"^<http://ex/p>"}
    ok = Index(report_graph(validate_native([], ttl("ex:S a sh:NodeShape ."))))
    (root,) = ok.instances(ox.NamedNode(SH + "ValidationReport"))
    assert ok.value(root, ox.NamedNode(SH + "conforms")).value == "true"


# ------------------------------------------------------------------ agreement with pyshacl


def _pyshacl_keys(quads: list[ox.Quad], shapes_graph: object) -> tuple[bool, set[tuple[str | None, ...]]]:
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    nt = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    if nt:
        data.parse(data=nt.decode("utf-8"), format="nt")
    conforms, results_graph, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none",
                                                  advanced=False, allow_warnings=True)
    nt_report = results_graph.serialize(format="nt", encoding="utf-8")
    rg = Index(ox.parse(nt_report, format=ox.RdfFormat.N_TRIPLES))
    (root,) = rg.instances(ox.NamedNode(SH + "ValidationReport"))
    out = set()
    for r in rg.objects(root, ox.NamedNode(SH + "result")):  # top-level results only, not sh:detail
        def one(p: str, r: object = r) -> str | None:
            v = rg.value(r, ox.NamedNode(SH + p))
            return None if v is None else _nb(str(v))
        path = rg.value(r, ox.NamedNode(SH + "resultPath"))
        out.add((one("focusNode"), None if path is None else render(parse_path(rg, path)),
                 one("sourceShape"), rg.value(r, ox.NamedNode(SH + "sourceConstraintComponent")).value,
                 _value_key(rg.value(r, ox.NamedNode(SH + "value")))))
    return bool(conforms), out


def _value_key(v: object) -> str | None:
    """A result's value for comparison: IRIs exactly; for a literal only its presence, since rdflib
    rewrites some lexical forms (a dateTime's "Z" becomes "+00:00") on the way through pyshacl."""
    if v is None:
        return None
    return "literal" if isinstance(v, ox.Literal) else _nb(str(v))


def _nb(s: str | None) -> str | None:
    return "_:" if s is not None and s.startswith("_:") else s


def _native_keys(quads: list[ox.Quad]) -> tuple[bool, set[tuple[str | None, ...]]]:
    report = validate_native(quads, KGPUB_SHAPES)
    conforms = not any(r.severity == "Violation" for r in report.results)
    return conforms, {(_nb(r.focus), r.path, _nb(r.source_shape), r.constraint,
                       _value_key(r.terms[1]))
                      for r in report.results}


def _examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.glob("*/*") if p.suffix in (".ttl", ".nt", ".nq", ".trig"))


@pytest.fixture(scope="module")
def pyshacl_shapes() -> object:
    if not KGPUB_SHAPES.is_file():
        pytest.skip("shapes/kgpub.shapes.ttl not found")
    import rdflib

    return rdflib.Graph().parse(KGPUB_SHAPES, format="turtle")


@pytest.mark.parametrize("example", _examples(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_native_agrees_with_pyshacl_on_examples(example: Path, pyshacl_shapes: object) -> None:
    quads = list(ox.parse(path=str(example)))
    want = _pyshacl_keys(quads, pyshacl_shapes)
    got = _native_keys(quads)
    assert got == want, f"pyshacl only: {want[1] - got[1]}\nnative only: {got[1] - want[1]}"
    assert got[0] is (example.parent.name == "valid")


def _mutate(quads: list[ox.Quad], rnd: random.Random) -> list[ox.Quad]:
    """Break valid data the way bugs do: drop, retype, duplicate or rewire triples."""
    qs = list(quads)
    for _ in range(rnd.randint(1, 3)):
        i = rnd.randrange(len(qs))
        q = qs[i]
        kind = rnd.randrange(6)
        if kind == 0:
            del qs[i]
        elif kind == 1 and isinstance(q.object, ox.Literal):
            dt = rnd.choice(["integer", "date", "string", "gYear", "gYearMonth", "nonNegativeInteger"])
            lex = rnd.choice([q.object.value, "-3", "2016-02-30", "2016-13", "abc", "2016", "0"])
            lit = ox.Literal(lex, datatype=ox.NamedNode(XSD + dt))
            qs[i] = ox.Quad(q.subject, q.predicate, lit, q.graph_name)
        elif kind == 2:
            qs[i] = ox.Quad(q.subject, q.predicate, ox.Literal("x", language="en"), q.graph_name)
        elif kind == 3:
            qs.append(ox.Quad(q.subject, q.predicate, rnd.choice(qs).object, q.graph_name))
        elif kind == 4:
            qs[i] = ox.Quad(q.subject, q.predicate, rnd.choice(qs).subject, q.graph_name)
        else:
            qs[i] = ox.Quad(rnd.choice(qs).subject, q.predicate, q.object, q.graph_name)
    return qs


@pytest.mark.filterwarnings("ignore")  # rdflib warns (and logs) about the ill-typed literals we create
def test_native_agrees_with_pyshacl_on_broken_data(pyshacl_shapes: object) -> None:
    valid = [p for p in _examples() if p.parent.name == "valid"]
    if not valid:
        pytest.skip("no valid examples in tests/data/shapes/valid")
    rnd = random.Random(20240601)
    checked = broken = 0
    for example in valid:
        base = list(ox.parse(path=str(example)))
        for _ in range(max(10, 60 // len(valid))):
            quads = _mutate(base, rnd)
            want = _pyshacl_keys(quads, pyshacl_shapes)
            got = _native_keys(quads)
            assert got == want, (f"{example.name}: pyshacl only: {want[1] - got[1]}\n"
                                 f"native only: {got[1] - want[1]}")
            checked += 1
            broken += not want[0]
    assert broken > checked // 3  # the mutations really do break the data
