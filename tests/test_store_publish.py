"""Publishing to a real Oxigraph server: replace per graph, republish, resume after a crash, auth, 500s."""
# ruff: noqa: F811 - fixtures imported from stores.py reappear as test arguments

from __future__ import annotations

import logging
from pathlib import Path

import pyoxigraph as ox
import pytest
from stores import DATA, AuthProxy, OxigraphServer, auth_proxy, basic_header, oxigraph  # noqa: F401

from kgpub.errors import InputError, StoreError, ValidationFailed
from kgpub.store import Journal, credentials_for, publish, read_data, redact, split_graphs

ARTICLES = DATA / "articles.trig"
FLOOD_V2 = DATA / "article-flood-v2.trig"
B = "https://example.org/kgpub/"
FLOOD = B + "graph/valdora-flood"


def no_sleep(_: float) -> None:
    pass


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("KGPUB_STORE_USER", "KGPUB_STORE_PASSWORD", "KGPUB_STORE_TOKEN", "KGPUB_STORE_AUTH"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.chdir(tmp_path)  # the default journal lands in the test's folder


def expected_counts(*paths: Path) -> dict[str, int]:
    graphs = split_graphs(read_data(paths))
    return {g: len(ts) for g, ts in graphs.items()}


def test_publish_puts_each_graph(oxigraph: OxigraphServer, tmp_path: Path) -> None:
    journal = tmp_path / "j.jsonl"
    summary = publish([ARTICLES], oxigraph.store, journal=journal)
    assert summary.ok, summary.text()
    expected = expected_counts(ARTICLES)
    assert oxigraph.graph_counts() == expected
    assert len(summary.published) == 4 and summary.requests == 4
    assert summary.published[-1] == B + "graph/dataset"  # the description goes last
    assert summary.triples == sum(expected.values())
    assert not journal.exists()  # a complete run leaves no journal behind


def test_republish_gives_identical_counts(oxigraph: OxigraphServer) -> None:
    first = publish([ARTICLES], oxigraph.store)
    counts = oxigraph.graph_counts()
    total = oxigraph.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]
    second = publish([ARTICLES], oxigraph.store)
    assert first.ok and second.ok
    assert second.requests == 4  # sent again (the journal of a finished run is gone) ...
    assert oxigraph.graph_counts() == counts  # ... and nothing was duplicated
    assert oxigraph.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"] == total


def test_replace_one_article(oxigraph: OxigraphServer) -> None:
    publish([ARTICLES], oxigraph.store)
    before = oxigraph.graph_counts()
    summary = publish([FLOOD_V2], oxigraph.store)
    assert summary.published == [FLOOD]
    after = oxigraph.graph_counts()
    assert after == before  # same shape of graph, other graphs untouched
    values = oxigraph.select(
        f"SELECT ?v WHERE {{ GRAPH <{FLOOD}> {{ ?c <https://schema.org/minValue> ?v }} }}"
    )
    assert values == [{"v": "14"}]  # the old 12 is gone: the graph was replaced, not merged


def test_update_protocol_matches_graph_store(oxigraph: OxigraphServer) -> None:
    summary = publish([ARTICLES], oxigraph.update_url, protocol="update", chunk_size=25)
    assert summary.ok, summary.text()
    assert summary.requests > 4  # the article graphs needed several chunks
    assert oxigraph.graph_counts() == expected_counts(ARTICLES)
    publish([FLOOD_V2], oxigraph.update_url, protocol="update", chunk_size=25)
    assert oxigraph.graph_counts() == expected_counts(ARTICLES)


def test_killed_server_then_resume_from_journal(oxigraph: OxigraphServer, tmp_path: Path) -> None:
    journal = tmp_path / "publish.jsonl"
    done: list[str] = []

    def crash_after_two(graph: str, status: str) -> None:
        done.append(graph)
        if len(done) == 2:
            oxigraph.stop()  # SIGKILL, half-way through the run

    summary = publish(
        [ARTICLES], oxigraph.store, journal=journal, retries=2, sleep=no_sleep, on_graph=crash_after_two
    )
    assert not summary.ok
    assert len(summary.published) == 2 and len(summary.failed) == 1 and len(summary.not_attempted) == 1
    assert "unreachable after 3 attempts" in next(iter(summary.failed.values()))
    assert "rerun" in summary.text()
    assert journal.exists() and len(Journal(journal).done) == 2

    oxigraph.start()  # same port, same database folder
    assert set(oxigraph.graph_counts()) == set(summary.published)  # what was acknowledged survived
    sent: list[str] = []
    resumed = publish(
        [ARTICLES], oxigraph.store, journal=journal, on_graph=lambda g, s: sent.append(f"{s} {g}")
    )
    assert resumed.ok, resumed.text()
    assert sorted(resumed.skipped) == sorted(summary.published)
    assert sorted(resumed.published) == sorted([*summary.failed, *summary.not_attempted])
    assert resumed.requests == 2
    assert oxigraph.graph_counts() == expected_counts(ARTICLES)
    assert not journal.exists()


def test_journal_ignores_changed_content(tmp_path: Path) -> None:
    j = Journal(tmp_path / "j.jsonl")
    j.record("http://x/store", FLOOD, "aaa")
    with (tmp_path / "j.jsonl").open("a") as fh:
        fh.write('{"endpoint": "http://x/st')  # a line cut by a crash
    again = Journal(tmp_path / "j.jsonl")
    assert again.has("http://x/store", FLOOD, "aaa")
    assert not again.has("http://x/store", FLOOD, "bbb")  # changed data is sent again
    assert not again.has("http://y/store", FLOOD, "aaa")  # another store is another journal entry


def test_wrong_credentials_are_refused_and_never_logged(
    auth_proxy: AuthProxy,
    oxigraph: OxigraphServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="kgpub")
    monkeypatch.setenv("KGPUB_STORE_USER", "editor")
    monkeypatch.setenv("KGPUB_STORE_PASSWORD", "not-the-password")
    summary = publish([ARTICLES], auth_proxy.url + "/store", retries=0)
    assert not summary.ok
    assert "refused the credentials (HTTP 401)" in next(iter(summary.failed.values()))
    assert len(summary.not_attempted) == 3  # stops at the first refusal
    assert oxigraph.graph_counts() == {}
    assert "not-the-password" not in caplog.text and "not-the-password" not in summary.text()

    monkeypatch.setenv("KGPUB_STORE_PASSWORD", "s3cret-pw")
    summary = publish([ARTICLES], auth_proxy.url + "/store")
    assert summary.ok, summary.text()
    assert oxigraph.graph_counts() == expected_counts(ARTICLES)
    assert auth_proxy.seen[-1] == basic_header("editor", "s3cret-pw")
    assert "s3cret-pw" not in caplog.text


def test_credentials_from_netrc(
    auth_proxy: AuthProxy, oxigraph: OxigraphServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login editor password s3cret-pw\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    summary = publish([ARTICLES], auth_proxy.url + "/store")
    assert summary.ok, summary.text()
    assert len(oxigraph.graph_counts()) == 4


def test_credentials_sources(tmp_path: Path) -> None:
    assert credentials_for("http://h/x", {"KGPUB_STORE_TOKEN": "tok"}).scheme == "bearer"
    c = credentials_for(
        "http://h/x",
        {
            "KGPUB_STORE_USER": "u",
            "KGPUB_STORE_PASSWORD": "pw",
            "KGPUB_STORE_AUTH": "digest",
            "NETRC": str(tmp_path / "none"),
        },
    )
    assert c is not None and c.scheme == "digest" and "pw" not in repr(c)
    with pytest.raises(InputError, match="KGPUB_STORE_PASSWORD"):
        credentials_for("http://h/x", {"KGPUB_STORE_USER": "u"})
    assert credentials_for("http://h/x", {"NETRC": str(tmp_path / "none")}) is None
    with pytest.raises(InputError, match="credentials in the endpoint URL"):
        publish([ARTICLES], "http://user:pw@127.0.0.1:1/store")
    assert redact("http://user:pw@h:8/x?y") == "http://h:8/x?y"


def test_bearer_token_is_sent(httpserver, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KGPUB_STORE_TOKEN", "t0ken")
    httpserver.expect_request(
        "/store", method="PUT", headers={"Authorization": "Bearer t0ken"}
    ).respond_with_data("", status=201)
    summary = publish([ARTICLES], httpserver.url_for("/store"))
    assert summary.ok, summary.text()
    assert len(httpserver.log) == 4
    req = httpserver.log[0][0]
    assert req.headers["Content-Type"] == "application/n-triples"
    assert req.args["graph"].startswith(B + "graph/")


def test_store_answering_500_is_retried_then_reported(httpserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_request("/store").respond_with_data("boom", status=500)
    delays: list[float] = []
    journal = tmp_path / "j.jsonl"
    summary = publish(
        [ARTICLES],
        httpserver.url_for("/store"),
        retries=2,
        backoff=0.25,
        sleep=delays.append,
        journal=journal,
    )
    assert not summary.ok
    assert len(httpserver.log) == 3  # one try plus two retries, then it stops
    assert delays == [0.25, 0.5]  # exponential backoff
    assert "HTTP 500" in summary.text() and len(summary.not_attempted) == 3
    assert not journal.exists() or Journal(journal).done == {}


def test_bad_request_fails_that_graph_only(httpserver) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_request("/store", query_string={"graph": FLOOD}).respond_with_data("no", status=400)
    httpserver.expect_request("/store").respond_with_data("", status=204)
    summary = publish([ARTICLES], httpserver.url_for("/store"), journal=None)
    assert list(summary.failed) == [FLOOD] and len(summary.published) == 3
    assert "HTTP 400" in summary.text()


def test_nothing_sent_for_unparsable_data(httpserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://x/a> <http://x/p> "unterminated .\n')
    with pytest.raises(InputError, match="bad.ttl"):
        publish([ARTICLES, bad], httpserver.url_for("/store"))
    assert httpserver.log == []


def test_nothing_sent_for_invalid_data(httpserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    quads = [
        q
        for q in read_data([ARTICLES])
        if not (
            q.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label"
            and q.subject.value.endswith("/e1")
        )
    ]  # events lose their labels
    with pytest.raises(ValidationFailed):
        publish(quads, httpserver.url_for("/store"))
    assert httpserver.log == []


def test_default_graph_goes_to_default(httpserver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    httpserver.expect_request("/store").respond_with_data("", status=201)
    quads = [ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("v"))]
    summary = publish(quads, httpserver.url_for("/store"), validate=False, journal=None)
    assert summary.ok
    assert "default" in httpserver.log[0][0].args


def test_unreachable_store(tmp_path: Path) -> None:
    from stores import free_port

    summary = publish(
        [ARTICLES], f"http://127.0.0.1:{free_port()}/store", retries=1, sleep=no_sleep, timeout=2
    )
    assert not summary.ok and "unreachable after 2 attempts" in summary.text()
    with pytest.raises(StoreError):
        raise StoreError(summary.text())
