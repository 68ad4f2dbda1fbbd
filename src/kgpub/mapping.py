"""Map a checked fact sheet to RDF quads in the article's named graph (docs/rdf-mapping.md)."""

from __future__ import annotations

from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from . import iris
from .factsheet import FactSheet, parse_date

KGPUB = "https://w3id.org/kgpub/ns#"
SCHEMA = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WIKIDATA = "http://www.wikidata.org/entity/"

EVENT_CLASSES = {
    "offensive": "Offensive", "airstrike": "Airstrike", "attack": "Attack", "talks": "Talks",
    "meeting": "Meeting", "conference": "Conference", "disaster": "Disaster", "protest": "Protest",
    "election": "Election", "visit": "Visit", "war": "War",
}
ENTITY_TYPES = {
    "person": (SCHEMA + "Person", SEM + "Actor"),
    "organization": (SCHEMA + "Organization", SEM + "Actor"),
    "place": (SCHEMA + "Place", SEM + "Place"),
    "country": (SCHEMA + "Place", SCHEMA + "Country", SEM + "Place", SEM + "Actor"),
}
CLAIM_CLASSES = {"accusation": "Accusation", "denial": "Denial", "demand": "Demand"}

LOWER_BOUND_HEDGES = ("at least", "more than", "over", "in excess of", "no fewer than", "no less than",
                      "upwards of", "a minimum of", "not less than", "well over", "above")
UPPER_BOUND_HEDGES = ("up to", "nearly", "almost", "as many as", "at most", "fewer than", "less than",
                      "under", "a maximum of", "not more than", "no more than", "just under", "close to")
PREFIX_CHARS = 32

_RDF_TYPE = NamedNode(RDF + "type")
_XSD_DATE_TYPES = {"date": XSD + "date", "month": XSD + "gYearMonth", "year": XSD + "gYear"}


def hedge_bound(qualifier: str | None) -> str:
    """Which bound a hedge puts on the number: ``'min'``, ``'max'`` or ``'value'`` (exact or about).

    >>> hedge_bound("at least"), hedge_bound("Up to"), hedge_bound("about"), hedge_bound(None)
    ('min', 'max', 'value', 'value')
    """
    q = " ".join((qualifier or "").lower().split())
    if any(q == h or q.startswith(h + " ") for h in LOWER_BOUND_HEDGES):
        return "min"
    if any(q == h or q.startswith(h + " ") for h in UPPER_BOUND_HEDGES):
        return "max"
    return "value"


class _Writer:
    """Collects quads for one named graph, dropping exact duplicates while keeping first-seen order."""

    def __init__(self, graph: str) -> None:
        self.graph = NamedNode(graph)
        self.quads: list[Quad] = []
        self._seen: set[Quad] = set()

    def add(self, s: str, p: str, o: NamedNode | Literal | str) -> None:
        obj = NamedNode(o) if isinstance(o, str) else o
        quad = Quad(NamedNode(s), NamedNode(p), obj, self.graph)
        if quad not in self._seen:
            self._seen.add(quad)
            self.quads.append(quad)

    def a(self, s: str, *classes: str) -> None:
        for c in classes:
            self.add(s, RDF + "type", c)


def _integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))


def _date(value: str) -> Literal:
    value, precision = parse_date(value)
    return Literal(value, datatype=NamedNode(_XSD_DATE_TYPES[precision]))


def _acting_ids(data: dict[str, Any]) -> set[str]:
    """Ids of entities a sheet uses as actors: event actors, reporters, claim authors, speakers."""
    ids: set[str] = set()
    for event in data.get("events") or []:
        actors = event.get("actors") or []
        ids.update([actors] if isinstance(actors, str) else actors)
    ids.update(c["reported_by"] for c in data.get("counts") or [] if c.get("reported_by"))
    ids.update(k["author"] for k in data.get("claims") or [] if k.get("author"))
    ids.update(q["speaker"] for q in data.get("quotes") or [] if q.get("speaker"))
    return ids


def map_factsheet(sheet: FactSheet, *, base: str = iris.DEFAULT_BASE) -> list[Quad]:
    """Map a fact sheet to quads in its article's named graph.

    :param sheet: a checked fact sheet (see :func:`kgpub.factsheet.parse_factsheet`).
    :param base: the IRI under which data IRIs are minted.

    >>> from kgpub.factsheet import parse_factsheet
    >>> quads = map_factsheet(parse_factsheet({"article": {"headline": "Quake", "id": "q1"}}))
    >>> str(quads[0].subject)
    '<https://example.org/kgpub/article/q1>'
    """
    iris.check_base(base)
    data, key = sheet.data, sheet.key
    article = data["article"]
    lang = article.get("language", "en")
    text: str | None = article.get("text")
    out = _Writer(iris.graph_iri(base, key))
    a_iri = iris.article_iri(base, key)

    def label(value: str) -> Literal:
        return Literal(value, language=lang)

    entity_iris: dict[str, str] = {}
    acting = _acting_ids(data)
    for entity in sheet.items("entities"):
        e_iri = iris.entity_iri(base, entity["type"], entity["name"], entity.get("key"))
        entity_iris[entity["id"]] = e_iri
        out.a(e_iri, *ENTITY_TYPES[entity["type"]])
        if entity["type"] == "place" and entity["id"] in acting:
            out.a(e_iri, SEM + "Actor")  # "Hawaii officials said": a place whose authorities act
        out.add(e_iri, RDFS + "label", label(entity["name"]))
        for alias in entity.get("aliases") or []:
            out.add(e_iri, SKOS + "altLabel", label(alias))
        if entity.get("wikidata"):
            out.add(e_iri, OWL + "sameAs", WIKIDATA + entity["wikidata"])

    # the article
    out.a(a_iri, SCHEMA + "NewsArticle")
    out.add(a_iri, SCHEMA + "headline", label(article["headline"]))
    if article.get("published"):
        out.add(a_iri, SCHEMA + "datePublished", _date(article["published"]))
    if article.get("url"):
        out.add(a_iri, SCHEMA + "url", Literal(article["url"], datatype=NamedNode(XSD + "anyURI")))
    out.add(a_iri, SCHEMA + "inLanguage", Literal(lang))
    if text is not None:
        out.add(a_iri, SCHEMA + "articleBody", Literal(text))
    publisher = article.get("publisher")
    if publisher:
        if publisher in entity_iris:
            p_iri = entity_iris[publisher]
        else:
            p_iri = iris.entity_iri(base, "organization", publisher)
            out.a(p_iri, *ENTITY_TYPES["organization"])
            out.add(p_iri, RDFS + "label", label(publisher))
        out.add(a_iri, SCHEMA + "publisher", p_iri)
    for e_iri in entity_iris.values():
        out.add(a_iri, SCHEMA + "mentions", e_iri)

    event_iris = {e["id"]: iris.fact_iri(base, "event", key, e["id"]) for e in sheet.items("events")}
    count_iris = {c["id"]: iris.fact_iri(base, "count", key, c["id"]) for c in sheet.items("counts")}

    def about(value: Any) -> list[str]:
        refs = value if isinstance(value, list) else ([value] if value else [])
        return [entity_iris.get(r) or event_iris[r] for r in refs]

    def provenance(f_iri: str, item: dict[str, Any]) -> None:
        out.add(f_iri, PROV + "wasDerivedFrom", a_iri)
        spans = item.get("evidence")
        for span in spans if isinstance(spans, list) else ([spans] if spans else []):
            _evidence(out, base, key, a_iri, f_iri, span, text)

    for event in sheet.items("events"):
        v = event_iris[event["id"]]
        out.a(v, SEM + "Event", KGPUB + EVENT_CLASSES[event["kind"]])
        out.add(v, RDFS + "label", label(event["label"]))
        for ref in about(event.get("places")):
            out.add(v, SEM + "hasPlace", ref)
        for ref in about(event.get("actors")):
            out.add(v, SEM + "hasActor", ref)
        for field, prop in (("date", "hasTimeStamp"), ("begin", "hasBeginTimeStamp"), ("end", "hasEndTimeStamp")):
            if field in event:
                out.add(v, SEM + prop, _date(event[field]))
        if "part_of" in event:
            out.add(v, SEM + "subEventOf", event_iris[event["part_of"]])
        provenance(v, event)

    for count in sheet.items("counts"):
        c = count_iris[count["id"]]
        out.a(c, KGPUB + "Count", SCHEMA + "QuantitativeValue")
        out.add(c, KGPUB + "countOf", event_iris[count["event"]])
        out.add(c, KGPUB + "countType", KGPUB + count["type"])
        if "value" in count:
            bound = hedge_bound(count.get("qualifier"))
            prop = {"min": "minValue", "max": "maxValue", "value": "value"}[bound]
            out.add(c, SCHEMA + prop, _integer(count["value"]))
        if "min" in count:
            out.add(c, SCHEMA + "minValue", _integer(count["min"]))
        if "max" in count:
            out.add(c, SCHEMA + "maxValue", _integer(count["max"]))
        if count.get("qualifier"):
            out.add(c, KGPUB + "qualifier", label(count["qualifier"]))
        if count.get("group"):
            out.add(c, KGPUB + "group", label(count["group"]))
        if "reported_by" in count:
            reporter = entity_iris[count["reported_by"]]
            out.add(c, KGPUB + "reportedBy", reporter)
            out.add(c, SEM + "accordingTo", reporter)
        if "included_in" in count:
            out.add(c, KGPUB + "includedIn", count_iris[count["included_in"]])
        provenance(c, count)

    for quote in sheet.items("quotes"):
        q = iris.fact_iri(base, "quote", key, quote["id"])
        out.a(q, SCHEMA + "Quotation")
        out.add(q, SCHEMA + "text", label(quote["text"]))
        out.add(q, SCHEMA + "creator", entity_iris[quote["speaker"]])
        for ref in about(quote.get("about")):
            out.add(q, SCHEMA + "about", ref)
        provenance(q, quote)

    for claim in sheet.items("claims"):
        k = iris.fact_iri(base, "claim", key, claim["id"])
        out.a(k, SCHEMA + "Claim")
        if claim.get("kind") in CLAIM_CLASSES:
            out.a(k, KGPUB + CLAIM_CLASSES[claim["kind"]])
        out.add(k, SCHEMA + "author", entity_iris[claim["author"]])
        out.add(k, SCHEMA + "text", label(claim["text"]))
        for ref in about(claim.get("about")):
            out.add(k, SCHEMA + "about", ref)
        provenance(k, claim)

    for entity in sheet.items("entities"):
        if entity.get("evidence"):
            e_iri = entity_iris[entity["id"]]
            spans = entity["evidence"] if isinstance(entity["evidence"], list) else [entity["evidence"]]
            for span in spans:
                _evidence(out, base, key, a_iri, e_iri, span, text)
    return out.quads


def _evidence(out: _Writer, base: str, key: str, a_iri: str, fact: str, span: Any, text: str | None) -> None:
    """Attach a Web Annotation whose selectors point at the words in the article text."""
    if isinstance(span, str):
        if text is not None:  # locate the words; the checker made sure they occur
            start = text.index(span)
            span = {"start": start, "end": start + len(span)}
        else:
            n = iris.quote_evidence_iri(base, key, span)
            _annotation(out, n, a_iri, fact, positional=False)
            out.a(n + "/quote", OA + "TextQuoteSelector")
            out.add(n + "/quote", OA + "exact", Literal(span))
            return
    start, end = span["start"], span["end"]
    n = iris.evidence_iri(base, key, start, end)
    _annotation(out, n, a_iri, fact, positional=True)
    assert text is not None
    quote_sel, pos_sel = n + "/quote", n + "/position"
    out.a(quote_sel, OA + "TextQuoteSelector")
    out.add(quote_sel, OA + "exact", Literal(text[start:end]))
    out.add(quote_sel, OA + "prefix", Literal(text[max(0, start - PREFIX_CHARS):start]))
    out.add(quote_sel, OA + "suffix", Literal(text[end:end + PREFIX_CHARS]))
    out.a(pos_sel, OA + "TextPositionSelector")
    nni = NamedNode(XSD + "nonNegativeInteger")
    out.add(pos_sel, OA + "start", Literal(str(start), datatype=nni))
    out.add(pos_sel, OA + "end", Literal(str(end), datatype=nni))


def _annotation(out: _Writer, n: str, a_iri: str, fact: str, *, positional: bool) -> None:
    target = n + "/target"
    out.add(fact, KGPUB + "evidence", n)
    out.a(n, OA + "Annotation")
    out.add(n, OA + "hasBody", fact)
    out.add(n, OA + "hasTarget", target)
    out.a(target, OA + "SpecificResource")
    out.add(target, OA + "hasSource", a_iri)
    selector = n + "/quote"
    out.add(target, OA + "hasSelector", selector)
    if positional:
        out.add(target, OA + "hasSelector", n + "/position")
