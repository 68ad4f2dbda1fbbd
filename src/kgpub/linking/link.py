"""Add Wikidata links to kgpub RDF: ``link_quads(quads, *, config) -> (quads_with_links, report_rows)``."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kgpub.errors import LinkingError

from .cache import Cache
from .client import NotCached, ServiceUnavailable, WikidataClient
from .config import LinkConfig
from .disambiguate import (
    ALL_ROOTS,
    Candidate,
    Decision,
    add_coherence,
    decide,
    fold,
    gate,
    plausible,
    qid_number,
    type_roots,
)

log = logging.getLogger("kgpub")

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
KGPUB = "https://w3id.org/kgpub/ns#"
WD = "http://www.wikidata.org/entity/"

TYPE = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
ALT_LABEL = ox.NamedNode(SKOS + "altLabel")
SAME_AS = ox.NamedNode(OWL + "sameAs")
MENTIONS = ox.NamedNode(SCHEMA + "mentions")
NEWS_ARTICLE = ox.NamedNode(SCHEMA + "NewsArticle")
DECIMAL = ox.NamedNode(XSD + "decimal")

# the kgpub terms of a link record (declared in docs/linking.md, for ontology/kgpub.ttl and the shapes)
ENTITY_LINK = ox.NamedNode(KGPUB + "EntityLink")
LINK_SUBJECT = ox.NamedNode(KGPUB + "linkSubject")
LINK_TARGET = ox.NamedNode(KGPUB + "linkTarget")
LINK_SCORE = ox.NamedNode(KGPUB + "linkScore")
LINK_MARGIN = ox.NamedNode(KGPUB + "linkMargin")
LINK_METHOD = ox.NamedNode(KGPUB + "linkMethod")
MATCHED_LABEL = ox.NamedNode(KGPUB + "matchedLabel")
RUNNER_UP = ox.NamedNode(KGPUB + "runnerUp")
METHODS = {"label": ox.NamedNode(KGPUB + "exactLabelMatch"), "alias": ox.NamedNode(KGPUB + "exactAliasMatch")}

KINDS = (  # first match wins
    (SCHEMA + "Country", "country"),
    (SCHEMA + "Place", "place"),
    (SCHEMA + "Person", "person"),
    (SCHEMA + "Organization", "organization"),
    (SEM + "Event", "event"),
)
FAILURE_REASONS = frozenset({"service-unavailable", "not-in-cache", "type-check-unavailable"})


@dataclass
class Entity:
    iri: str
    kinds: set[str] = field(default_factory=set)
    labels: list[tuple[str, str]] = field(default_factory=list)  # (text, language)
    alt_labels: list[tuple[str, str]] = field(default_factory=list)
    label_graphs: list[ox.NamedNode | ox.DefaultGraph] = field(default_factory=list)
    type_graphs: list[ox.NamedNode | ox.DefaultGraph] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)  # existing owl:sameAs wikidata QIDs
    contexts: set[str] = field(default_factory=set)  # article nodes / graphs it appears in

    @property
    def kind(self) -> str | None:
        for _iri, kind in KINDS:
            if kind in self.kinds:
                return kind
        return None

    def names(self) -> list[tuple[str, str]]:
        seen: dict[tuple[str, str], tuple[str, str]] = {}
        for text, lang in self.labels + self.alt_labels:
            seen.setdefault((fold(text), lang), (text, lang))
        return list(seen.values())


@dataclass
class ReportRow:
    """One line of the link report."""

    entity: str
    kind: str
    label: str
    language: str
    qid: str | None
    best: str | None
    score: float | None
    runner_up: str | None
    runner_up_score: float | None
    margin: float | None
    method: str | None
    candidates: int
    reason: str
    detail: str


def _lang(tag: str | None) -> str:
    return (tag or "en").split("-")[0].lower() or "en"


def collect_entities(quads: Iterable[ox.Quad]) -> dict[str, Entity]:
    """Entities (typed person/organisation/place/country/event nodes) with labels and article contexts."""
    kind_of = dict(KINDS)
    ents: dict[str, Entity] = {}
    labels: list[ox.Quad] = []
    mentions: list[ox.Quad] = []
    same: list[ox.Quad] = []
    articles_in_graph: dict[str, set[str]] = defaultdict(set)
    for q in quads:
        s, p, o = q.subject, q.predicate, q.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == TYPE and isinstance(o, ox.NamedNode):
            if o.value in kind_of:
                e = ents.setdefault(s.value, Entity(s.value))
                e.kinds.add(kind_of[o.value])
                if q.graph_name not in e.type_graphs:
                    e.type_graphs.append(q.graph_name)
            elif o == NEWS_ARTICLE:
                articles_in_graph[str(q.graph_name)].add(s.value)
        elif p in (LABEL, ALT_LABEL) and isinstance(o, ox.Literal):
            labels.append(q)
        elif p == MENTIONS and isinstance(o, ox.NamedNode):
            mentions.append(q)
        elif p == SAME_AS and isinstance(o, ox.NamedNode) and o.value.startswith(WD):
            same.append(q)
    for q in labels:
        e = ents.get(q.subject.value)
        if e is None:
            continue
        item = (q.object.value, _lang(q.object.language))
        target = e.labels if q.predicate == LABEL else e.alt_labels
        if item not in target:
            target.append(item)
        if q.predicate == LABEL and q.graph_name not in e.label_graphs:
            e.label_graphs.append(q.graph_name)
    for q in same:
        e = ents.get(q.subject.value)
        if e is not None and q.object.value[len(WD):] not in e.linked:
            e.linked.append(q.object.value[len(WD):])
    for q in mentions:
        e = ents.get(q.object.value)
        if e is not None:
            e.contexts.add("article " + q.subject.value)
    for e in ents.values():  # the article whose graph the entity is typed in, when mentions are absent
        for g in e.type_graphs:
            if not isinstance(g, ox.DefaultGraph):
                e.contexts.update("article " + a for a in articles_in_graph.get(str(g), ()))
                if not articles_in_graph.get(str(g)):
                    e.contexts.add("graph " + str(g))
    return ents


def link_quads(quads: Iterable[ox.Quad], *, config: LinkConfig, client: WikidataClient | None = None,
               sleep: Callable[[float], None] | None = None) -> tuple[list[ox.Quad], list[ReportRow]]:
    """Link the entities in ``quads`` to Wikidata; return the quads plus links, and one report row per entity.

    Links are ``owl:sameAs <http://www.wikidata.org/entity/Q…>`` on the entity and a link record
    ``<{entity}/link/wikidata>`` (kgpub:EntityLink with score, margin, method), in every named graph where the
    entity has its ``rdfs:label``. Lookups that fail leave the entity unlinked with a warning; with
    ``config.require_links`` a :class:`LinkingError` is raised instead (its ``report_rows`` hold the report).
    """
    quads = list(quads)
    own_client = client is None
    if client is None:
        cache = Cache(config.cache_path, max_age=config.cache_max_age) if config.cache_path else None
        kwargs = {"sleep": sleep} if sleep is not None else {}
        client = WikidataClient(config, cache=cache, **kwargs)
    try:
        decisions, ents = _link(quads, config, client)
    finally:
        if own_client:
            client.cache.close()

    out = list(quads)
    existing = set(quads)
    rows: list[ReportRow] = []
    for iri in sorted(decisions):
        e, d = ents[iri], decisions[iri]
        label, lang = (e.labels or e.alt_labels or [("", "")])[0]
        rows.append(ReportRow(iri, e.kind or "", label, lang, d.qid, d.best, d.score, d.runner_up,
                              d.runner_up_score, d.margin, d.method, d.candidates, d.reason, d.detail))
        if d.qid is None or d.reason != "linked":
            continue
        for q in _link_quads(e, d):
            if q not in existing:
                existing.add(q)
                out.append(q)
    failed = [r for r in rows if r.reason in FAILURE_REASONS]
    linked = sum(1 for r in rows if r.reason == "linked")
    log.info("Wikidata: linked %d of %d entities (%d requests, %d retries, cache hits %d)", linked, len(rows),
             client.requests_sent, client.retries_used, client.cache.hits)
    if failed:
        msg = (f"Wikidata: {len(failed)} of {len(rows)} entities could not be looked up "
               f"({failed[0].reason}: {failed[0].detail})")
        if config.require_links:
            err = LinkingError(msg + "; --require-links makes this a failure")
            err.report_rows = rows  # type: ignore[attr-defined]
            raise err
        log.warning("%s; they stay unlinked", msg)
    return out, rows


def _link_quads(e: Entity, d: Decision) -> list[ox.Quad]:
    entity = ox.NamedNode(e.iri)
    target = ox.NamedNode(WD + str(d.qid))
    record = ox.NamedNode(e.iri.rstrip("/#") + "/link/wikidata")
    graphs = e.label_graphs or e.type_graphs
    triples: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (entity, SAME_AS, target),
        (record, TYPE, ENTITY_LINK),
        (record, LINK_SUBJECT, entity),
        (record, LINK_TARGET, target),
        (record, LINK_SCORE, ox.Literal(f"{d.score:.3f}", datatype=DECIMAL)),
        (record, LINK_METHOD, METHODS[d.method or "label"]),
    ]
    if d.margin is not None:
        triples.append((record, LINK_MARGIN, ox.Literal(f"{d.margin:.3f}", datatype=DECIMAL)))
    if d.matched_text:
        lang = (e.labels or e.alt_labels or [("", "en")])[0][1]
        triples.append((record, MATCHED_LABEL, ox.Literal(d.matched_text, language=lang)))
    if d.runner_up:
        triples.append((record, RUNNER_UP, ox.NamedNode(WD + d.runner_up)))
    return [ox.Quad(s, p, o, g) for g in graphs for s, p, o in triples]


def _link(quads: list[ox.Quad], config: LinkConfig, client: WikidataClient
          ) -> tuple[dict[str, Decision], dict[str, Entity]]:
    ents = collect_entities(quads)
    decisions: dict[str, Decision] = {}
    todo: list[Entity] = []
    for e in ents.values():
        if e.kind is None or not (e.labels or e.alt_labels):
            continue
        if e.linked:
            decisions[e.iri] = Decision(qid=e.linked[0], reason="already-linked", best=e.linked[0],
                                        detail="owl:sameAs given in the input")
            continue
        todo.append(e)

    # 1. search each distinct (name, language) once for the whole corpus
    hits: dict[tuple[str, str], list[str] | str] = {}
    for e in todo:
        for text, lang in e.names():
            key = (fold(text), lang)
            if key in hits:
                continue
            try:
                hits[key] = [h["id"] for h in client.search(text, lang) if isinstance(h.get("id"), str)]
            except NotCached:
                hits[key] = "not-in-cache"
            except ServiceUnavailable as exc:
                hits[key] = "service-unavailable"
                if str(exc) != client.gave_up:  # once the budget is spent, one warning says it all
                    log.warning("Wikidata: search for %r failed: %s", text, exc)

    # 2. fetch the candidates (and the items given in the input, for coherence) in batches of 50
    wanted: dict[str, list[str]] = defaultdict(list)
    for (_name, lang), found in hits.items():
        if isinstance(found, list):
            wanted[lang].extend(found)
    for e in ents.values():
        if e.linked:
            wanted[_lang((e.labels or [("", "en")])[0][1])].extend(e.linked)
    docs: dict[tuple[str, str], dict] = {}  # (language, qid): labels differ by language
    for lang, ids in sorted(wanted.items()):
        docs.update({(lang, q): d for q, d in client.get_entities(ids, lang).items()})

    # 3. type check: which type roots each direct class reaches through P279*
    classes = sorted({c for d in docs.values() if not d.get("missing") for c in d.get("claims", {}).get("P31", [])},
                     key=qid_number)
    class_roots = client.subclass_roots(classes, ALL_ROOTS) if classes else {}

    # 4. gate every entity's candidates
    kept: dict[str, list[Candidate]] = {}
    for e in todo:
        names = {fold(t) for t, _lang in e.names()}
        cands: dict[str, Candidate] = {}
        failure = None
        for text, lang in e.names():
            found = hits[(fold(text), lang)]
            if isinstance(found, str):
                failure = failure or found
                continue
            for qid in found:
                if qid in cands:
                    continue
                doc = docs.get((lang, qid))
                if doc is None:
                    failure = failure or ("not-in-cache" if config.offline else "service-unavailable")
                    continue
                if doc.get("missing"):
                    continue
                c = Candidate.from_doc(doc)
                c.roots, c.types_known = type_roots(c.claims.get("P31", []), class_roots)
                cands[qid] = c
        if failure:  # a candidate we could not see might be the right one: no link rather than a guess
            decisions[e.iri] = Decision(qid=None, reason=failure, candidates=len(cands),
                                        detail=_failure_detail(failure, client))
            continue
        if not cands:
            decisions[e.iri] = Decision(qid=None, reason="no-candidates", detail="Wikidata search found nothing")
            continue
        good, why = gate(e.kind or "", list(cands.values()), names)
        if not good:
            decisions[e.iri] = Decision(qid=None, reason=why, candidates=len(cands),
                                        detail=f"{len(cands)} candidates: {' '.join(sorted(cands))}")
            continue
        kept[e.iri] = good

    # 5. coherence within each article, then the decision
    by_context: dict[str, list[str]] = defaultdict(list)
    for e in ents.values():
        for ctx in e.contexts:
            by_context[ctx].append(e.iri)
    given = {q: Candidate.from_doc(d) for (_lang, q), d in docs.items()
             if not d.get("missing") and any(q in e.linked for e in ents.values())}
    context = {iri: plausible(cands) for iri, cands in kept.items()}
    for iri, cands in kept.items():
        e = ents[iri]
        for ctx in sorted(e.contexts):
            for other in by_context[ctx]:
                if other == iri:
                    continue
                others = context.get(other, []) + [given.get(q) or Candidate(q) for q in ents[other].linked]
                for o in others:
                    for c in cands:
                        add_coherence(c, o)
        decisions[iri] = decide(e.kind or "", cands, threshold=config.threshold, margin=config.margin,
                                need_coherence=e.kind == "event")
    return decisions, ents


def _failure_detail(reason: str, client: WikidataClient) -> str:
    if reason == "not-in-cache":
        return "offline and the cache has no answer for this name"
    return client.gave_up or "a Wikidata request failed; see the warnings"
