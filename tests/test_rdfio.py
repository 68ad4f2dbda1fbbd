"""Serialisation: every format reads back into rdflib and pyoxigraph with the same triples; hostile text."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import EXAMPLES
from helpers import minimal_sheet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgpub.factsheet import load_factsheet, parse_factsheet
from kgpub.mapping import map_factsheet
from kgpub.rdfio import RdfFormat, read_quads, serialize_quads, write_quads
from kgpub.validate import validate

ALL = list(RdfFormat)


def example_quads() -> list[ox.Quad]:
    return [q for p in sorted(EXAMPLES.glob("*.yaml")) for q in map_factsheet(load_factsheet(p))]


def triples_of(quads: list[ox.Quad]) -> set[ox.Triple]:
    return {q.triple for q in quads}


def rdflib_triples(data: bytes, fmt: RdfFormat) -> set[ox.Triple]:
    """Parse with rdflib, hand back as pyoxigraph triples for comparison."""
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format=fmt.rdflib_name)
    nq = ds.serialize(format="nquads", encoding="utf-8")
    return {q.triple for q in ox.parse(nq, format=ox.RdfFormat.N_QUADS)}


@pytest.mark.parametrize("fmt", ALL, ids=lambda f: f.rdflib_name)
def test_round_trip_both_parsers(fmt: RdfFormat) -> None:
    quads = example_quads()
    data = serialize_quads(quads, fmt)
    back = list(ox.parse(data, format=fmt.oxigraph))
    assert triples_of(back) == triples_of(quads)
    if fmt.supports_datasets:
        assert set(back) == set(quads)
    assert rdflib_triples(data, fmt) == triples_of(quads)


def test_formats_from_extension_and_media_type() -> None:
    assert RdfFormat.from_extension("a/b.JSONLD") is RdfFormat.JSON_LD
    assert RdfFormat.from_extension("x.nq.gz") is RdfFormat.N_QUADS
    assert RdfFormat.from_media_type("text/turtle; charset=utf-8") is RdfFormat.TURTLE
    with pytest.raises(ValueError, match="unknown RDF extension"):
        RdfFormat.from_extension("x.rdf")


def test_jsonld_uses_the_shipped_context_inline() -> None:
    import json

    doc = json.loads(serialize_quads(example_quads(), RdfFormat.JSON_LD))
    assert isinstance(doc["@context"], dict) and doc["@context"]["countOf"]["@type"] == "@id"
    graphs = [g for g in doc["@graph"] if "@graph" in g]
    assert len(graphs) == 3


def test_write_is_atomic_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    bad = [ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("x"))]
    write_quads(bad, target)
    before = target.read_bytes()

    def broken():  # type: ignore[no-untyped-def]
        yield bad[0]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_quads(broken(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_read_quads_reports_syntax_errors(tmp_path: Path) -> None:
    from kgpub.errors import InputError

    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://x/a> <http://x/p> "unterminated .\n')
    with pytest.raises(InputError, match=r"bad\.ttl.*invalid turtle"):
        read_quads([bad])


hostile = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1, max_size=40,
).filter(lambda s: s.strip()) | st.sampled_from(
    ['say "hi"', "back\\slash", 'tri"""ple', "line\nbreak", "a > b <c>", "emoji 🚀🔥", "مرحبا بالعالم",
     "ctrl\x07\x1b", "tab\tand\rreturn", "@prefix x: <y> .", "{\"@id\": 1}"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=hostile, quote=hostile)
def test_hostile_text_parses_validates_and_round_trips(label: str, quote: str) -> None:
    data = minimal_sheet()
    data["entities"][2]["name"] = label
    data["quotes"][0]["text"] = quote
    data["events"][0]["label"] = quote
    quads = map_factsheet(parse_factsheet(data))
    assert validate(quads, validator="native").conforms
    for fmt in ALL:
        blob = serialize_quads(quads, fmt)
        assert triples_of(list(ox.parse(blob, format=fmt.oxigraph))) == triples_of(quads), fmt
        assert rdflib_triples(blob, fmt) == triples_of(quads), fmt


def test_written_files_get_the_usual_mode(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        out = tmp_path / "m.nt"
        write_quads([ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("x"))], out)
        assert out.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(umask)
