"""The embedded store (`kgpub load`), remote queries (`query --endpoint`) and the CLI commands."""
# ruff: noqa: F811 - fixtures imported from stores.py reappear as test arguments

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from stores import DATA, OxigraphServer, oxigraph  # noqa: F401

from kgpub.errors import InputError, QueryError, StoreError
from kgpub.localstore import load, open_store, query_store
from kgpub.remote import parse_answer, query_endpoint
from kgpub.store import publish

ARTICLES = DATA / "articles.trig"
FLOOD_V2 = DATA / "article-flood-v2.trig"
COUNTS = """SELECT ?event ?n WHERE { ?c kgpub:countOf ?e ; schema:minValue ?n . ?e rdfs:label ?event }"""
# a store's default graph is not always the union of its graphs (Oxigraph server: it is not)
COUNTS_G = """SELECT ?event ?n WHERE {
  GRAPH ?g { ?c kgpub:countOf ?e ; schema:minValue ?n . ?e rdfs:label ?event } }"""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.chdir(tmp_path)


def test_load_replaces_graphs_and_persists(tmp_path: Path) -> None:
    db = tmp_path / "kg.db"
    first = load([ARTICLES], db)
    assert first.graphs == 4 and first.total_quads == first.triples
    again = load([ARTICLES], db)
    assert again.total_quads == first.total_quads  # loading twice changes nothing
    load([FLOOD_V2], db)
    rows = list(query_store(COUNTS, db))
    assert [(r["event"].value, r["n"].value) for r in rows] == [("Flood in Valdora", "14")]
    result = query_store("ASK { ?e a sem:Event }", db)
    assert isinstance(result, ox.QueryBoolean) and bool(result)


def test_query_store_reads_while_another_handle_is_open(tmp_path: Path) -> None:
    db = tmp_path / "kg.db"
    load([ARTICLES], db)
    keep = open_store(db, read_only=True)  # e.g. a running `kgpub serve --store`
    assert len(list(query_store("SELECT ?e WHERE { ?e a sem:Event }", db))) == 3
    del keep


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such store directory"):
        query_store("ASK {}", tmp_path / "missing")
    with pytest.raises(QueryError):
        load([ARTICLES], tmp_path / "db")
        query_store("SELECT WHERE {", tmp_path / "db")
    bad = tmp_path / "bad.nq"
    bad.write_text("<http://x/a> <http://x/p> .\n")
    with pytest.raises(InputError, match="bad.nq"):
        load([bad], tmp_path / "db2")
    assert not (tmp_path / "db2").exists()  # nothing written for bad input


def test_query_endpoint_gives_local_shapes(oxigraph: OxigraphServer) -> None:
    publish([ARTICLES], oxigraph.store)
    rows = query_endpoint(COUNTS_G, oxigraph.query_url)
    assert isinstance(rows, ox.QuerySolutions)
    assert sorted((r["event"].value, int(r["n"].value)) for r in rows) == [("Flood in Valdora", 12)]
    ask = query_endpoint("ASK { GRAPH ?g { ?e a sem:Event } }", oxigraph.query_url)
    assert isinstance(ask, ox.QueryBoolean) and bool(ask)
    triples = query_endpoint(
        "CONSTRUCT { ?e a sem:Event } WHERE { GRAPH ?g { ?e a sem:Event } }", oxigraph.query_url
    )
    assert isinstance(triples, ox.QueryTriples) and len(list(triples)) == 3
    text = query_endpoint(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a sem:Event } }", oxigraph.query_url, fmt="json"
    )
    assert json.loads(text)["results"]["bindings"][0]["n"]["value"] == "3"
    with pytest.raises(QueryError, match="HTTP 400"):
        query_endpoint("SELECT WHERE {", oxigraph.query_url)


def test_query_endpoint_unreachable() -> None:
    from stores import free_port

    with pytest.raises(QueryError, match="unreachable"):
        query_endpoint("ASK {}", f"http://127.0.0.1:{free_port()}/sparql", retries=0, timeout=2)


def test_virtuoso_style_json_is_understood() -> None:
    body = json.dumps(
        {
            "head": {"link": [], "vars": ["n"]},
            "results": {
                "distinct": False,
                "ordered": True,
                "bindings": [
                    {
                        "n": {
                            "type": "typed-literal",
                            "value": "7",
                            "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                        }
                    }
                ],
            },
        }
    ).encode()
    rows = list(parse_answer(body, "application/sparql-results+json"))
    assert rows[0]["n"] == ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


# ------------------------------------------------------------------------------------------ CLI


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    mod = pytest.importorskip("kgpub.cli")
    import kgpub.cli_store  # noqa: F401 - registers the commands if cli.py has not yet

    return mod.cli


def test_cli_load_and_query_store(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = CliRunner().invoke(cli, ["load", str(ARTICLES), "--store", str(tmp_path / "db")])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["query", COUNTS, "--store", str(tmp_path / "db"), "-f", "csv"])
    assert r.exit_code == 0, r.output
    assert "Flood in Valdora,12" in r.output


def test_cli_publish_and_query_endpoint(cli, oxigraph: OxigraphServer) -> None:  # type: ignore[no-untyped-def]
    r = CliRunner().invoke(cli, ["publish", str(ARTICLES), "--endpoint", oxigraph.store])
    assert r.exit_code == 0, r.output
    assert "published: 4 graphs" in r.output
    r = CliRunner().invoke(cli, ["query", COUNTS_G, "--endpoint", oxigraph.query_url, "-f", "csv"])
    assert r.exit_code == 0, r.output
    assert "Flood in Valdora,12" in r.output


def test_cli_publish_failure_exit_codes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from stores import free_port

    url = f"http://127.0.0.1:{free_port()}/store"
    r = CliRunner().invoke(
        cli, ["publish", str(ARTICLES), "--endpoint", url, "--retries", "0", "--timeout", "2"]
    )
    assert r.exit_code == 1
    assert "publish FAILED" in r.output and "rerun the same command" in r.output
    assert Path(".kgpub-publish-journal.jsonl").exists() is False  # nothing was published, nothing recorded
    r = CliRunner().invoke(cli, ["publish", str(tmp_path / "missing.trig"), "--endpoint", url])
    assert r.exit_code == 2 and "missing.trig" in r.output
    r = CliRunner().invoke(cli, ["publish", str(ARTICLES), "--endpoint", "http://u:p@127.0.0.1/store"])
    assert r.exit_code == 2 and "u:p" not in r.output
    r = CliRunner().invoke(cli, ["publish", str(ARTICLES), "--endpoint", url, "--dry-run"])
    assert r.exit_code == 0 and "graph/dataset" in r.output.splitlines()[3]


def test_store_error_is_exit_1() -> None:
    assert StoreError.exit_code == 1
