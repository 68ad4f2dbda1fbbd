"""`kgpub serve` over real HTTP: content negotiation, 303/404, pages, /sparql, VoID, odd requests."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from stores import DATA, free_port, live_app, wait_http

from kgpub.serve import create_app, is_loopback, open_dataset
from kgpub.serve.negotiate import negotiate, parse_accept

ARTICLES = DATA / "articles.trig"
B = "https://example.org/kgpub/"
ANA = "/person/ana-ruiz"
SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    store = open_dataset([ARTICLES])
    with live_app(create_app(store, query_timeout=1.0, max_results=5)) as url:
        yield url


@pytest.fixture
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=20, follow_redirects=False) as client:
        yield client


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        ("text/turtle", ".ttl"),
        ("application/ld+json", ".jsonld"),
        ("application/n-triples", ".nt"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ".html"),
        ("*/*", ".html"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", ".jsonld"),
        ("text/*", ".html"),
    ],
)
def test_resource_answers_303_by_accept(http: httpx.Client, accept: str, suffix: str) -> None:
    r = http.get(ANA, headers={"Accept": accept})
    assert r.status_code == 303
    assert r.headers["location"] == ANA + suffix
    assert "accept" in r.headers["vary"].lower()


def test_no_accept_header_gets_html(http: httpx.Client) -> None:
    r = http.get(ANA, headers={"Accept": ""})
    assert r.status_code == 303 and r.headers["location"].endswith(".html")


def test_documents_carry_the_description(http: httpx.Client) -> None:
    ttl = http.get(ANA + ".ttl")
    assert ttl.status_code == 200 and ttl.headers["content-type"].startswith("text/turtle")
    triples = {q.triple for q in ox.parse(ttl.content, format=ox.RdfFormat.TURTLE)}
    me = ox.NamedNode(B + "person/ana-ruiz")
    assert ox.Triple(me, SAME_AS, ox.NamedNode("http://www.wikidata.org/entity/Q4115189")) in triples
    nt = {q.triple for q in ox.parse(http.get(ANA + ".nt").content, format=ox.RdfFormat.N_TRIPLES)}
    jsonld = http.get(ANA + ".jsonld")
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    from_jsonld = {q.triple for q in ox.parse(jsonld.content, format=ox.RdfFormat.JSON_LD)}
    assert nt == triples == from_jsonld  # the three formats say the same
    assert any(t.object == me for t in triples)  # inbound links are part of the description


def test_count_document_includes_its_evidence_span(http: httpx.Client) -> None:
    r = http.get("/count/valdora-flood/c1.nt")
    data = r.text
    assert "<http://www.w3.org/ns/oa#start>" in data and "At least 12 people were killed" in data


def test_named_graph_iri_gives_the_graph(http: httpx.Client) -> None:
    r = http.get("/graph/valdora-flood.nt")
    assert r.status_code == 200
    assert len(list(ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES))) >= 87


@pytest.mark.parametrize(
    "path",
    [
        "/person/nobody",
        "/person/nobody.ttl",
        "/../../etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/person/%00",
        "/a%20b%3C%3E%22",
        "/" + "x" * 5000,
        "/person/ana-ruiz.exe",
        "/%ff%fe",
        "/person/ana-ruiz/",
    ],
)
def test_unknown_and_odd_iris_are_404(http: httpx.Client, path: str) -> None:
    r = http.get(path, headers={"Accept": "text/turtle"})
    assert r.status_code == 404
    assert "root:" not in r.text


@pytest.mark.parametrize(
    "accept",
    [
        "image/png",
        "application/pdf;q=1, */*;q=0",
        "garbage",
        ";;;,,,",
        "text/turtle;q=abc",
        "*/*;q=2",
        "text/html;level=1;q=0.5",
        "\u00e9/\u00e8",
        "a/b/c",
        "*/*;q=nan",
    ],
)
def test_odd_accept_headers_never_500(http: httpx.Client, accept: str) -> None:
    r = http.get(ANA, headers={"Accept": accept.encode("utf-8")})
    assert r.status_code in (303, 406)
    r = http.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": accept.encode("utf-8")})
    assert r.status_code in (200, 406)


def test_image_only_client_gets_406(http: httpx.Client) -> None:
    assert http.get(ANA, headers={"Accept": "image/png"}).status_code == 406


def test_writes_are_not_allowed(http: httpx.Client) -> None:
    assert http.delete(ANA).status_code == 405
    assert http.put(ANA, content=b"x").status_code == 405
    assert http.put("/sparql", content=b"x").status_code == 405


# ---------------------------------------------------------------------------------------- pages


def test_entity_page_shows_facts_evidence_and_links_out(http: httpx.Client) -> None:
    r = http.get(ANA, headers={"Accept": "text/html"}, follow_redirects=True)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "<h1>Ana Ruiz</h1>" in html
    assert 'href="http://www.wikidata.org/entity/Q4115189"' in html
    assert "at least 12 people killed" in html
    assert "<mark>At least 12 people were killed</mark>, regional governor Ana Ruiz said on Monday." in html
    assert "<mark>Every rescue team we have is on the way</mark>" in html
    assert 'href="/event/valdora-flood/e1"' in html  # local links between pages
    assert 'rel="alternate" type="text/turtle"' in html


def test_event_count_quote_article_pages(http: httpx.Client) -> None:
    event = http.get("/event/valdora-flood/e1.html").text
    assert "<mark>Heavy rain flooded the river town of Valdora on 3 March 2024</mark>." in event
    assert "Floods hit Valdora" in event  # the source
    count = http.get("/count/merlin-tax-march/c1.html").text
    assert "about 5000 people" not in count and "about 5000 participants" in count
    assert "Merlin city police" in count
    quote = http.get("/quote/valdora-flood/q1.html").text
    assert "Every rescue team we have is on the way" in quote
    article = http.get("/article/valdora-flood.html").text
    body = article.split('class="article-body">', 1)[1].split("</p>", 1)[0]
    assert body.count("<mark>") == 3  # the whole text with every evidence span marked
    assert 'href="https://news.example.com/valdora-flood"' in article or "news.example.com" in article
    talks = http.get("/event/harbour-talks/e1.html")
    assert talks.status_code == 200 and "Port Alba" in talks.text  # no evidence: still a page
    index = http.get("/", headers={"Accept": "text/html"}).text
    assert "Articles (3)" in index and "Events (3)" in index


def test_html_escapes_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = ox.Store()
    evil = ox.NamedNode(B + "person/evil")
    store.add(
        ox.Quad(
            evil,
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("<script>alert(1)</script>"),
            ox.NamedNode(B + "graph/x"),
        )
    )
    with live_app(create_app(store)) as url:
        html = httpx.get(url + "/person/evil.html").text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


# --------------------------------------------------------------------------------------- SPARQL

EVENTS = "SELECT ?label WHERE { ?e a sem:Event ; rdfs:label ?label } ORDER BY ?label"


def test_sparql_get_post_and_formats(http: httpx.Client) -> None:
    r = http.get("/sparql", params={"query": EVENTS})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    labels = [b["label"]["value"] for b in r.json()["results"]["bindings"]]
    assert labels == [
        "Flood in Valdora",
        "Harbour talks in Port Alba",
        "March against the fuel tax in Merlin",
    ]
    assert r.json()["results"]["bindings"][0]["label"]["xml:lang"] == "en"
    form = http.post("/sparql", data={"query": EVENTS}, headers={"Accept": "text/csv"})
    assert form.status_code == 200 and form.text.splitlines()[1] == "Flood in Valdora"
    direct = http.post(
        "/sparql",
        content=EVENTS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+xml"},
    )
    assert direct.status_code == 200 and '<literal xml:lang="en">Flood in Valdora</literal>' in direct.text
    tsv = http.get("/sparql", params={"query": EVENTS, "format": "tsv"})
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    ask = http.get("/sparql", params={"query": "ASK { ?c a kgpub:Count }"})
    assert ask.json() == {"head": {}, "boolean": True}
    construct = http.get("/sparql", params={"query": "CONSTRUCT { ?e a sem:Event } WHERE { ?e a sem:Event }"})
    assert construct.headers["content-type"].startswith("text/turtle")
    assert len(list(ox.parse(construct.content, format=ox.RdfFormat.TURTLE))) == 3
    html = http.get("/sparql", params={"query": EVENTS}, headers={"Accept": "text/html"})
    assert "Flood in Valdora" in html.text


def test_sparql_named_graphs_and_dataset_params(http: httpx.Client) -> None:
    q = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event }"
    one = http.get("/sparql", params={"query": q, "default-graph-uri": B + "graph/valdora-flood"})
    assert one.json()["results"]["bindings"][0]["n"]["value"] == "1"
    bad = http.get("/sparql", params={"query": q, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400


def test_result_cap(http: httpx.Client) -> None:
    r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 5
    assert r.headers["x-sparql-maxrows"] == "5"


def test_updates_are_refused(http: httpx.Client, server: str) -> None:
    insert = f"INSERT DATA {{ GRAPH <{B}graph/x> {{ <{B}a> <{B}p> <{B}b> }} }}"
    assert http.post("/sparql", data={"update": insert}).status_code == 403
    assert (
        http.post(
            "/sparql", content=insert.encode(), headers={"Content-Type": "application/sparql-update"}
        ).status_code
        == 403
    )
    assert http.get("/sparql", params={"query": insert}).status_code == 403
    assert http.get("/sparql", params={"update": "CLEAR ALL"}).status_code == 403
    assert http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    assert http.get(f"{server}/person/ana-ruiz.nt").status_code == 200  # nothing was cleared


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"query": "SELECT WHERE {"}, 400),
        ({}, 400),
        ({"query": ["ASK {}", "ASK {}"]}, 400),
        ({"query": "SELECT * WHERE { ?s ?p ?o }", "format": "pdf"}, 406),
        ({"query": "\x00"}, 400),
        ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }"}, 400),
    ],
)
def test_bad_queries_are_4xx(http: httpx.Client, params: dict, status: int) -> None:  # type: ignore[type-arg]
    r = http.get("/sparql", params=params, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == status, r.text


def test_odd_sparql_bodies(http: httpx.Client) -> None:
    assert (
        http.post("/sparql", content=b"\xff\xfe", headers={"Content-Type": "text/weird"}).status_code == 415
    )
    assert (
        http.post(
            "/sparql", content=b"x" * (1 << 21), headers={"Content-Type": "application/sparql-query"}
        ).status_code
        == 413
    )
    assert http.get("/sparql", headers={"Accept": "text/html"}).status_code == 200  # the query form


def test_query_time_limit(http: httpx.Client) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    started = time.monotonic()
    r = http.get("/sparql", params={"query": heavy})
    took = time.monotonic() - started
    assert r.status_code == 503 and "time limit" in r.text
    assert took < 5
    assert http.get("/sparql", params={"query": "ASK {}"}).status_code in (200, 503)


# ----------------------------------------------------------------------------- VoID, vocabulary


def test_void_and_vocabulary(http: httpx.Client, server: str) -> None:
    r = http.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    triples = {q.triple for q in ox.parse(r.content, format=ox.RdfFormat.TURTLE)}
    dataset = ox.NamedNode(B + "dataset")
    void = "http://rdfs.org/ns/void#"
    assert (
        ox.Triple(dataset, ox.NamedNode(void + "sparqlEndpoint"), ox.NamedNode(server + "/sparql")) in triples
    )
    assert any(t.predicate.value == void + "triples" for t in triples)  # from the dataset graph
    ns = http.get("/ns", headers={"Accept": "text/turtle"})
    assert ns.status_code == 200
    onto = {q.triple for q in ox.parse(ns.content, format=ox.RdfFormat.TURTLE)}
    owl_ontology = ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology")
    assert any(t.object == owl_ontology and t.subject.value == "https://w3id.org/kgpub/ns" for t in onto)
    assert "kgpub:Count" in http.get("/ns", headers={"Accept": "text/html"}).text
    assert http.get("/shapes.ttl").status_code == 200
    assert http.get("/ns.jsonld").headers["content-type"].startswith("application/ld+json")


# ------------------------------------------------------------------------------------- helpers


def test_negotiate_helpers() -> None:
    assert negotiate("text/turtle;q=0.9, text/html;q=0.1", ["text/html", "text/turtle"]) == "text/turtle"
    assert negotiate("text/*;q=0.3, text/turtle;q=0", ["text/html", "text/turtle"]) == "text/html"
    assert negotiate(None, ["text/html"]) == "text/html"
    assert negotiate("image/png", ["text/html"]) is None
    assert parse_accept("oops") == [("*/*", 1.0)]
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("0.0.0.0")


def test_cli_serve_runs_on_loopback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kgpub", "serve", str(ARTICLES), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=30, proc=proc)
        r = httpx.get(
            f"http://127.0.0.1:{port}/place/valdora", headers={"Accept": "text/turtle"}, follow_redirects=True
        )
        assert r.status_code == 200 and "Valdora" in r.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
    bad = subprocess.run([sys.executable, "-m", "kgpub", "serve"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "DATA files or --store" in bad.stderr


def test_serve_json_results_are_valid_json(http: httpx.Client) -> None:
    r = http.post("/sparql", data={"query": "SELECT ?t WHERE { ?q schema:text ?t }"})
    assert json.loads(r.text)["head"]["vars"] == ["t"]
