"""Publishing to and querying a real Virtuoso (Debian virtuoso-opensource), with digest authentication."""
# ruff: noqa: F811 - fixtures imported from stores.py reappear as test arguments

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from stores import DATA, VirtuosoServer, virtuoso  # noqa: F401

from kgpub.remote import query_endpoint
from kgpub.store import publish, read_data, split_graphs

pytestmark = [pytest.mark.virtuoso, pytest.mark.slow]

ARTICLES = DATA / "articles.trig"
FLOOD_V2 = DATA / "article-flood-v2.trig"
FLOOD = "https://example.org/kgpub/graph/valdora-flood"
EXPECTED = {g: len(ts) for g, ts in split_graphs(read_data([ARTICLES])).items()}


@pytest.fixture(autouse=True)
def dba(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, virtuoso: VirtuosoServer) -> None:
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.setenv("KGPUB_STORE_USER", virtuoso.user)
    monkeypatch.setenv("KGPUB_STORE_PASSWORD", virtuoso.password)
    monkeypatch.delenv("KGPUB_STORE_AUTH", raising=False)  # the digest challenge is followed by itself
    monkeypatch.delenv("KGPUB_STORE_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)


def counts(v: VirtuosoServer) -> dict[str, int]:
    return {g: v.graph_count(g) for g in EXPECTED}


def test_graph_store_publish_replace_and_query(virtuoso: VirtuosoServer) -> None:
    endpoint = virtuoso.url + "/sparql-graph-crud-auth"
    summary = publish([ARTICLES], endpoint)
    assert summary.ok, summary.text()
    assert counts(virtuoso) == EXPECTED
    again = publish([ARTICLES], endpoint)  # republish: replaced, not duplicated
    assert again.ok and counts(virtuoso) == EXPECTED
    publish([FLOOD_V2], endpoint)
    assert counts(virtuoso) == EXPECTED
    rows = query_endpoint(
        f"SELECT ?n WHERE {{ GRAPH <{FLOOD}> {{ ?c kgpub:countOf ?e ; schema:minValue ?n }} }}",
        virtuoso.url + "/sparql",
        credentials=None,
    )
    assert isinstance(rows, ox.QuerySolutions)
    assert [int(r["n"].value) for r in rows] == [14]
    ask = query_endpoint(
        f"ASK {{ GRAPH <{FLOOD}> {{ ?e a sem:Event }} }}", virtuoso.url + "/sparql", credentials=None
    )
    assert bool(ask)


def test_update_protocol_publish(virtuoso: VirtuosoServer) -> None:
    summary = publish([ARTICLES], virtuoso.url + "/sparql-auth", protocol="update", chunk_size=30)
    assert summary.ok, summary.text()
    assert counts(virtuoso) == EXPECTED
    text = query_endpoint(
        "SELECT ?label WHERE { GRAPH ?g { ?e a kgpub:Protest ; rdfs:label ?label } }",
        virtuoso.url + "/sparql",
        credentials=None,
        fmt="csv",
    )
    assert "March against the fuel tax in Merlin" in text


def test_wrong_password_is_refused(virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGPUB_STORE_PASSWORD", "wrong")
    summary = publish([ARTICLES], virtuoso.url + "/sparql-graph-crud-auth", retries=0)
    assert not summary.ok
    assert "refused the credentials (HTTP 401)" in summary.text()
