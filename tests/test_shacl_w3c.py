"""The W3C SHACL Core test suite against the native validator (kgpub.shacl).

The suite lives outside the project, in ../shared/w3c-shacl-core-tests (or $KGPUB_W3C_SHACL_TESTS);
the tests skip when it is absent.  Each test compares conformance and the set of
(focus, path, value, severity, sourceConstraintComponent, sourceShape) results with the expected
report in the manifest.  Complex result paths are compared in their rendered SPARQL-like form.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox
import pytest

from kgpub.shacl import report_graph, validate_native
from kgpub.shacl.graph import Index
from kgpub.shacl.paths import parse_path, render

SUITE = Path(os.environ.get("KGPUB_W3C_SHACL_TESTS",
                            Path(__file__).resolve().parents[2] / "shared" / "w3c-shacl-core-tests"))
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SHT = "http://www.w3.org/ns/shacl-test#"
SH = "http://www.w3.org/ns/shacl#"

# Tests this validator knowingly does not pass, with the reason.
UNSUPPORTED: dict[str, str] = {}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _parse(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri()))


def _path_of(iri: ox.NamedNode) -> Path:
    return Path(unquote(urlparse(iri.value).path))


def _manifest_files(manifest: Path) -> list[Path]:
    g = Index(_parse(manifest))
    files = []
    for _, inc in g.pairs(_n(MF + "include")):
        sub = _path_of(inc)
        if sub.name == "manifest.ttl":
            files.extend(_manifest_files(sub))
        else:
            files.append(sub)
    return sorted(files)


def _cases() -> list[tuple[str, Path, ox.Term]]:
    if not (SUITE / "manifest.ttl").is_file():
        return []
    cases = []
    for f in _manifest_files(SUITE / "manifest.ttl"):
        g = Index(_parse(f))
        for _, head in g.pairs(_n(MF + "entries")):
            for entry in g.list_items(head):
                if _n(SHT + "Validate") in g.objects(entry, _n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")):
                    name = f"{f.parent.name}/{entry.value.rsplit('/', 1)[-1]}"
                    cases.append((name, f, entry))
    return cases


CASES = _cases()


def _blank_free(s: str | None, keep: bool) -> str | None:
    if s is None or keep:
        return s
    return "_:" if s.startswith("_:") else s


def _expected(g: Index, entry: ox.Term, keep_bnodes: bool) -> tuple[bool, set[tuple[str | None, ...]]]:
    report = g.value(entry, _n(MF + "result"))
    conforms = g.value(report, _n(SH + "conforms")).value == "true"
    results = set()
    for r in g.objects(report, _n(SH + "result")):
        def one(pred: str, r: ox.Term = r) -> str | None:
            v = g.value(r, _n(SH + pred))
            return None if v is None else str(v)
        path_node = g.value(r, _n(SH + "resultPath"))
        path = None if path_node is None else render(parse_path(g, path_node))
        results.add((
            _blank_free(one("focusNode"), keep_bnodes), _blank_free(path, keep_bnodes),
            _blank_free(one("value"), keep_bnodes),
            g.value(r, _n(SH + "resultSeverity")).value.removeprefix(SH),
            g.value(r, _n(SH + "sourceConstraintComponent")).value,
            _blank_free(one("sourceShape"), keep_bnodes),
        ))
    return conforms, results


@pytest.mark.skipif(not CASES, reason="W3C SHACL core tests not found (../shared/w3c-shacl-core-tests)")
@pytest.mark.parametrize(("name", "file", "entry"), CASES, ids=[c[0] for c in CASES])
def test_w3c_core(name: str, file: Path, entry: ox.Term) -> None:
    if name in UNSUPPORTED:
        pytest.xfail(UNSUPPORTED[name])
    quads = _parse(file)
    g = Index(quads)
    action = g.value(entry, _n(MF + "action"))
    data_iri = g.value(action, _n(SHT + "dataGraph"))
    shapes_iri = g.value(action, _n(SHT + "shapesGraph"))
    here = file.as_uri()
    data = quads if data_iri.value == here else _parse(_path_of(data_iri))
    shapes = quads if shapes_iri.value == here else _parse(_path_of(shapes_iri))
    same_parse = data_iri.value == here and shapes_iri.value == here
    want_conforms, want = _expected(g, entry, same_parse)

    report = validate_native(data, shapes)
    got = {(
        _blank_free(r.focus, same_parse), _blank_free(r.path, same_parse), _blank_free(r.value, same_parse),
        r.severity, r.constraint, _blank_free(r.source_shape, same_parse),
    ) for r in report.results}
    assert report.conforms is want_conforms
    assert got == want, f"missing: {want - got}\nunexpected: {got - want}"

    # The report graph says the same thing.
    rg = Index(report_graph(report))
    (root,) = rg.instances(_n(SH + "ValidationReport"))
    assert rg.value(root, _n(SH + "conforms")).value == str(want_conforms).lower()
    assert len(rg.objects(root, _n(SH + "result"))) == len(report.results)


def test_suite_is_complete() -> None:
    """Guard against the loader silently finding fewer tests than the suite holds."""
    if not CASES:
        pytest.skip("W3C SHACL core tests not found")
    assert len(CASES) >= 90
