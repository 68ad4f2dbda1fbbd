"""Reading descriptions of resources out of the store (shared by the RDF documents and the HTML pages)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "https://schema.org/"
KGPUB = "https://w3id.org/kgpub/ns#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"

TYPE = ox.NamedNode(RDF + "type")
LABEL_PROPERTIES = [
    RDFS + "label",
    SCHEMA + "headline",
    SCHEMA + "name",
    SKOS + "prefLabel",
    DCTERMS + "title",
]
MAX_INBOUND = 500
MAX_GRAPH_TRIPLES = 200_000


def nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


class Data:
    """Lookups on the store with a small per-request label cache."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._labels: dict[str, str | None] = {}

    def objects(self, s: ox.NamedNode, p: str) -> list[Any]:
        seen: dict[Any, None] = {}
        for q in self.store.quads_for_pattern(s, nn(p), None, None):
            seen[q.object] = None
        return list(seen)

    def first(self, s: ox.NamedNode, p: str) -> Any:
        for q in self.store.quads_for_pattern(s, nn(p), None, None):
            return q.object
        return None

    def value(self, s: ox.NamedNode, p: str) -> str | None:
        o = self.first(s, p)
        return o.value if o is not None else None

    def types(self, s: ox.NamedNode) -> set[str]:
        return {
            q.object.value
            for q in self.store.quads_for_pattern(s, TYPE, None, None)
            if isinstance(q.object, ox.NamedNode)
        }

    def outbound(self, s: ox.NamedNode) -> list[ox.Triple]:
        return list(dict.fromkeys(q.triple for q in self.store.quads_for_pattern(s, None, None, None)))

    def inbound(self, o: ox.NamedNode, limit: int = MAX_INBOUND) -> list[ox.Triple]:
        out: dict[ox.Triple, None] = {}
        for q in self.store.quads_for_pattern(None, None, o, None):
            out[q.triple] = None
            if len(out) >= limit:
                break
        return list(out)

    def exists(self, s: ox.NamedNode) -> bool:
        for _ in self.store.quads_for_pattern(s, None, None, None):
            return True
        return False

    def is_graph(self, g: ox.NamedNode) -> bool:
        try:
            return bool(self.store.contains_named_graph(g))
        except (OSError, ValueError):
            return False

    def label(self, term: Any) -> str | None:
        if not isinstance(term, ox.NamedNode):
            return None
        if term.value in self._labels:
            return self._labels[term.value]
        found = None
        for p in LABEL_PROPERTIES:
            lits = [o for o in self.objects(term, p) if isinstance(o, ox.Literal)]
            if lits:
                english = [o for o in lits if (o.language or "").startswith("en")]
                found = (english or lits)[0].value
                break
        self._labels[term.value] = found
        return found


def describe(data: Data, iri: str) -> list[ox.Triple]:
    """The RDF document of ``iri``: its own triples, its evidence annotations (with target and
    selectors), inbound links (capped), and, for a named graph's IRI, the graph's triples."""
    node = nn(iri)
    out: dict[ox.Triple, None] = dict.fromkeys(data.outbound(node))
    for ev in data.objects(node, KGPUB + "evidence"):
        if isinstance(ev, ox.NamedNode):
            for t in data.outbound(ev):
                out[t] = None
            for target in data.objects(ev, OA + "hasTarget"):
                if isinstance(target, ox.NamedNode):
                    for t in data.outbound(target):
                        out[t] = None
                    for sel in data.objects(target, OA + "hasSelector"):
                        if isinstance(sel, ox.NamedNode):
                            out.update(dict.fromkeys(data.outbound(sel)))
    out.update(dict.fromkeys(data.inbound(node)))
    if data.is_graph(node):
        for i, q in enumerate(data.store.quads_for_pattern(None, None, None, node)):
            if i >= MAX_GRAPH_TRIPLES:
                break
            out[q.triple] = None
    return list(out)


@dataclass
class Evidence:
    """One evidence span: the sentence around it, split so the span can be highlighted."""

    annotation: str
    article: str | None
    before: str
    exact: str
    after: str
    start: int | None
    end: int | None


_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+|\n\s*")


def sentence_around(text: str, start: int, end: int, *, max_chars: int = 600) -> tuple[str, str, str]:
    """``(before, span, after)`` of the sentence(s) holding ``text[start:end]``."""
    s, e = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.start() + 1  # keep the full stop
            break
    before, after = text[s:start], text[end:e].rstrip()
    if len(before) > max_chars:
        before = "\u2026" + before[-max_chars:]
    if len(after) > max_chars:
        after = after[:max_chars] + "\u2026"
    return before, text[start:end], after


def _int(term: Any) -> int | None:
    try:
        return int(term.value) if isinstance(term, ox.Literal) else None
    except ValueError:
        return None


def evidence_of(
    data: Data, fact: ox.NamedNode, bodies: dict[str, str | None] | None = None
) -> list[Evidence]:
    """The evidence spans of a fact, each as the sentence of the article it came from."""
    bodies = {} if bodies is None else bodies
    found: list[Evidence] = []
    for ev in data.objects(fact, KGPUB + "evidence"):
        if not isinstance(ev, ox.NamedNode):
            continue
        for target in data.objects(ev, OA + "hasTarget"):
            if not isinstance(target, ox.NamedNode):
                continue
            source = data.first(target, OA + "hasSource")
            article = source.value if isinstance(source, ox.NamedNode) else None
            exact = prefix = suffix = None
            start = end = None
            for sel in data.objects(target, OA + "hasSelector"):
                if not isinstance(sel, ox.NamedNode):
                    continue
                types = data.types(sel)
                if OA + "TextQuoteSelector" in types:
                    exact = data.value(sel, OA + "exact")
                    prefix = data.value(sel, OA + "prefix")
                    suffix = data.value(sel, OA + "suffix")
                if OA + "TextPositionSelector" in types:
                    start = _int(data.first(sel, OA + "start"))
                    end = _int(data.first(sel, OA + "end"))
            body = None
            if article is not None:
                if article not in bodies:
                    bodies[article] = data.value(nn(article), SCHEMA + "articleBody")
                body = bodies[article]
            if (
                body is not None
                and start is not None
                and end is not None
                and 0 <= start <= end <= len(body)
                and (exact is None or body[start:end] == exact)
            ):
                before, span, after = sentence_around(body, start, end)
            elif exact is not None:
                before, span, after = prefix or "", exact, suffix or ""
            else:
                continue
            found.append(Evidence(ev.value, article, before, span, after, start, end))
    return found


def first_of_types(types: Iterable[str], order: list[str]) -> str | None:
    types = set(types)
    for t in order:
        if t in types:
            return t
    return None
