"""Regenerate the hand-made publish fixtures (articles.trig, article-b-v2.trig).

The texts are invented for kgpub's tests. Offsets are computed, so they always point at the quoted words.
Run: .venv/bin/python tests/data/publish/make_fixture.py
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

B = "https://example.org/kgpub/"
NS = {
    "kgpub": "https://w3id.org/kgpub/ns#", "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/", "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "void": "http://rdfs.org/ns/void#", "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
}


def n(curie: str) -> ox.NamedNode:
    if curie.startswith("http"):
        return ox.NamedNode(curie)
    p, local = curie.split(":", 1)
    return ox.NamedNode(NS[p] + local) if p in NS else ox.NamedNode(B + curie)


def lit(v, dt=None, lang=None):
    if lang:
        return ox.Literal(str(v), language=lang)
    return ox.Literal(str(v), datatype=n(dt)) if dt else ox.Literal(str(v))


class G:
    def __init__(self, graph: str):
        self.g = n(graph)
        self.quads: list[ox.Quad] = []

    def add(self, s, p, o):
        s = n(s) if isinstance(s, str) else s
        o = n(o) if isinstance(o, str) else o
        self.quads.append(ox.Quad(s, n(p), o, self.g))


def entity(g: G, iri: str, kind: str, name: str, qid: str | None = None):
    types = {"person": ["schema:Person", "sem:Actor"], "organization": ["schema:Organization", "sem:Actor"],
             "place": ["schema:Place", "sem:Place"]}[kind]
    for t in types:
        g.add(B + iri, "rdf:type", t)
    g.add(B + iri, "rdfs:label", lit(name, lang="en"))
    if qid:
        g.add(B + iri, "owl:sameAs", "http://www.wikidata.org/entity/" + qid)


def evidence(g: G, fact: str, a: str, text: str, exact: str):
    start = text.index(exact)
    end = start + len(exact)
    ev = f"{B}evidence/{a}/{start}-{end}"
    art = f"{B}article/{a}"
    g.add(fact, "kgpub:evidence", ev)
    g.add(ev, "rdf:type", "oa:Annotation")
    g.add(ev, "oa:hasBody", fact)
    g.add(ev, "oa:hasTarget", ev + "/target")
    g.add(ev + "/target", "rdf:type", "oa:SpecificResource")
    g.add(ev + "/target", "oa:hasSource", art)
    g.add(ev + "/target", "oa:hasSelector", ev + "/quote")
    g.add(ev + "/target", "oa:hasSelector", ev + "/position")
    g.add(ev + "/quote", "rdf:type", "oa:TextQuoteSelector")
    g.add(ev + "/quote", "oa:exact", lit(exact))
    g.add(ev + "/quote", "oa:prefix", lit(text[max(0, start - 32):start]))
    g.add(ev + "/quote", "oa:suffix", lit(text[end:end + 32]))
    g.add(ev + "/position", "rdf:type", "oa:TextPositionSelector")
    g.add(ev + "/position", "oa:start", lit(start, "xsd:nonNegativeInteger"))
    g.add(ev + "/position", "oa:end", lit(end, "xsd:nonNegativeInteger"))


def article(g: G, a: str, headline: str, date: str, publisher: str, url: str, text: str | None):
    art = f"{B}article/{a}"
    g.add(art, "rdf:type", "schema:NewsArticle")
    g.add(art, "schema:headline", lit(headline, lang="en"))
    g.add(art, "schema:datePublished", lit(date, "xsd:date"))
    g.add(art, "schema:publisher", B + publisher)
    g.add(art, "schema:url", lit(url, "xsd:anyURI"))
    g.add(art, "schema:inLanguage", lit("en"))
    if text:
        g.add(art, "schema:articleBody", lit(text))
    return art


def flood(count_killed: int = 12) -> G:
    a = "valdora-flood"
    g = G(f"{B}graph/{a}")
    text = (f"Heavy rain flooded the river town of Valdora on 3 March 2024. At least {count_killed} people "
            "were killed, regional governor Ana Ruiz said on Monday. \"Every rescue team we have is on the "
            "way,\" Ruiz told reporters outside the town hall.")
    art = article(g, a, "Floods hit Valdora", "2024-03-04", "organization/the-daily-tribune",
                  "https://news.example.com/valdora-flood", text)
    entity(g, "organization/the-daily-tribune", "organization", "The Daily Tribune")
    entity(g, "person/ana-ruiz", "person", "Ana Ruiz", "Q4115189")
    entity(g, "place/valdora", "place", "Valdora", "Q2013")
    for e in ("organization/the-daily-tribune", "person/ana-ruiz", "place/valdora"):
        g.add(art, "schema:mentions", B + e)
    ev = f"{B}event/{a}/e1"
    g.add(ev, "rdf:type", "sem:Event")
    g.add(ev, "rdf:type", "kgpub:Disaster")
    g.add(ev, "rdfs:label", lit("Flood in Valdora", lang="en"))
    g.add(ev, "sem:hasPlace", B + "place/valdora")
    g.add(ev, "sem:hasTimeStamp", lit("2024-03-03", "xsd:date"))
    g.add(ev, "prov:wasDerivedFrom", art)
    evidence(g, ev, a, text, "Heavy rain flooded the river town of Valdora on 3 March 2024")
    c = f"{B}count/{a}/c1"
    g.add(c, "rdf:type", "kgpub:Count")
    g.add(c, "rdf:type", "schema:QuantitativeValue")
    g.add(c, "kgpub:countOf", ev)
    g.add(c, "kgpub:countType", "kgpub:killed")
    g.add(c, "schema:minValue", lit(count_killed, "xsd:integer"))
    g.add(c, "kgpub:qualifier", lit("at least"))
    g.add(c, "kgpub:group", lit("people"))
    g.add(c, "kgpub:reportedBy", B + "person/ana-ruiz")
    g.add(c, "sem:accordingTo", B + "person/ana-ruiz")
    g.add(c, "prov:wasDerivedFrom", art)
    evidence(g, c, a, text, f"At least {count_killed} people were killed")
    q = f"{B}quote/{a}/q1"
    g.add(q, "rdf:type", "schema:Quotation")
    g.add(q, "schema:text", lit("Every rescue team we have is on the way", lang="en"))
    g.add(q, "schema:creator", B + "person/ana-ruiz")
    g.add(q, "schema:about", ev)
    g.add(q, "prov:wasDerivedFrom", art)
    evidence(g, q, a, text, "Every rescue team we have is on the way")
    return g


def march() -> G:
    a = "merlin-tax-march"
    g = G(f"{B}graph/{a}")
    text = ("About 5,000 people marched through Merlin on Saturday against the new fuel tax, city police "
            "said. Governor Ana Ruiz called the tax unfair.")
    art = article(g, a, "Thousands march against fuel tax in Merlin", "2024-04-07",
                  "organization/the-daily-tribune", "https://news.example.com/merlin-march", text)
    entity(g, "organization/the-daily-tribune", "organization", "The Daily Tribune")
    entity(g, "person/ana-ruiz", "person", "Ana Ruiz", "Q4115189")
    entity(g, "place/merlin", "place", "Merlin")
    entity(g, "organization/merlin-city-police", "organization", "Merlin city police")
    for e in ("organization/the-daily-tribune", "person/ana-ruiz", "place/merlin",
              "organization/merlin-city-police"):
        g.add(art, "schema:mentions", B + e)
    ev = f"{B}event/{a}/e1"
    g.add(ev, "rdf:type", "sem:Event")
    g.add(ev, "rdf:type", "kgpub:Protest")
    g.add(ev, "rdfs:label", lit("March against the fuel tax in Merlin", lang="en"))
    g.add(ev, "sem:hasPlace", B + "place/merlin")
    g.add(ev, "sem:hasTimeStamp", lit("2024-04-06", "xsd:date"))
    g.add(ev, "prov:wasDerivedFrom", art)
    c = f"{B}count/{a}/c1"
    g.add(c, "rdf:type", "kgpub:Count")
    g.add(c, "rdf:type", "schema:QuantitativeValue")
    g.add(c, "kgpub:countOf", ev)
    g.add(c, "kgpub:countType", "kgpub:participants")
    g.add(c, "schema:value", lit(5000, "xsd:integer"))
    g.add(c, "kgpub:qualifier", lit("about"))
    g.add(c, "kgpub:reportedBy", B + "organization/merlin-city-police")
    g.add(c, "sem:accordingTo", B + "organization/merlin-city-police")
    g.add(c, "prov:wasDerivedFrom", art)
    evidence(g, c, a, text, "About 5,000 people marched through Merlin")
    k = f"{B}claim/{a}/k1"
    g.add(k, "rdf:type", "schema:Claim")
    g.add(k, "schema:author", B + "person/ana-ruiz")
    g.add(k, "schema:text", lit("The fuel tax is unfair", lang="en"))
    g.add(k, "schema:about", ev)
    g.add(k, "prov:wasDerivedFrom", art)
    evidence(g, k, a, text, "Governor Ana Ruiz called the tax unfair")
    return g


def talks() -> G:
    a = "harbour-talks"
    g = G(f"{B}graph/{a}")
    art = article(g, a, "Harbour talks resume", "2024-05-02", "organization/the-daily-tribune",
                  "https://news.example.com/harbour-talks", None)
    entity(g, "organization/the-daily-tribune", "organization", "The Daily Tribune")
    entity(g, "place/port-alba", "place", "Port Alba")
    g.add(art, "schema:mentions", B + "place/port-alba")
    ev = f"{B}event/{a}/e1"
    g.add(ev, "rdf:type", "sem:Event")
    g.add(ev, "rdf:type", "kgpub:Talks")
    g.add(ev, "rdfs:label", lit("Harbour talks in Port Alba", lang="en"))
    g.add(ev, "sem:hasPlace", B + "place/port-alba")
    g.add(ev, "sem:hasTimeStamp", lit("2024-05", "xsd:gYearMonth"))
    g.add(ev, "prov:wasDerivedFrom", art)
    return g


def dataset(graphs: list[G]) -> G:
    g = G(f"{B}graph/dataset")
    d = B + "dataset"
    for t in ("void:Dataset", "dcat:Dataset", "prov:Entity"):
        g.add(d, "rdf:type", t)
    g.add(d, "dcterms:title", lit("kgpub test dataset", lang="en"))
    g.add(d, "void:triples", lit(sum(len(x.quads) for x in graphs), "xsd:integer"))
    for x in graphs:
        art = x.g.value.replace("/graph/", "/article/")
        g.add(d, "prov:wasDerivedFrom", art)
    g.add(d, "prov:wasGeneratedBy", d + "/build")
    g.add(d + "/build", "rdf:type", "prov:Activity")
    g.add(d + "/build", "prov:endedAtTime", lit("2023-11-14T22:13:20Z", "xsd:dateTime"))
    return g


def write(path: Path, graphs: list[G]) -> None:
    quads = [q for g in graphs for q in g.quads]
    data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes={k: v for k, v in NS.items()})
    path.write_bytes(data)
    print(path, len(quads), hashlib.sha256(data).hexdigest()[:12])


if __name__ == "__main__":
    here = Path(__file__).parent
    gs = [flood(), march(), talks()]
    write(here / "articles.trig", [*gs, dataset(gs)])
    write(here / "article-flood-v2.trig", [flood(count_killed=14)])
