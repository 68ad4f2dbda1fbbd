"""HTML pages of ``kgpub serve``: one per article, event, entity, count, quote and claim."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from kgpub.serve.describe import (
    DCTERMS,
    KGPUB,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    SKOS,
    Data,
    Evidence,
    evidence_of,
    nn,
)

try:
    from kgpub.rdfio import PREFIXES
except ImportError:  # pragma: no cover - the core always has it
    PREFIXES = {
        "kgpub": KGPUB,
        "schema": SCHEMA,
        "sem": SEM,
        "prov": PROV,
        "oa": OA,
        "rdf": RDF,
        "rdfs": RDFS,
        "owl": OWL,
        "skos": SKOS,
        "dcterms": DCTERMS,
    }

XSD = "http://www.w3.org/2001/XMLSchema#"
WIKIDATA = "http://www.wikidata.org/entity/"

PREDICATE_WORDS = {
    RDF + "type": "type",
    RDFS + "label": "name",
    SKOS + "altLabel": "also called",
    SEM + "hasPlace": "place",
    SEM + "hasActor": "actor",
    SEM + "hasTimeStamp": "date",
    SEM + "hasBeginTimeStamp": "began",
    SEM + "hasEndTimeStamp": "ended",
    SEM + "subEventOf": "part of",
    SEM + "accordingTo": "according to",
    PROV + "wasDerivedFrom": "source",
    KGPUB + "countOf": "count of",
    KGPUB + "countType": "what is counted",
    KGPUB + "qualifier": "wording",
    KGPUB + "group": "group",
    KGPUB + "reportedBy": "reported by",
    KGPUB + "includedIn": "included in",
    KGPUB + "evidence": "evidence",
    SCHEMA + "value": "number",
    SCHEMA + "minValue": "at least",
    SCHEMA + "maxValue": "at most",
    SCHEMA + "text": "text",
    SCHEMA + "creator": "speaker",
    SCHEMA + "author": "author",
    SCHEMA + "about": "about",
    OWL + "sameAs": "same as",
    SCHEMA + "headline": "headline",
    SCHEMA + "datePublished": "published",
    SCHEMA + "publisher": "publisher",
    SCHEMA + "url": "URL",
    SCHEMA + "mentions": "mentions",
    SCHEMA + "inLanguage": "language",
}
INVERSE_WORDS = {
    SEM + "hasPlace": "place of",
    SEM + "hasActor": "actor in",
    SCHEMA + "mentions": "mentioned in",
    KGPUB + "reportedBy": "reported",
    SEM + "accordingTo": "according to",
    SCHEMA + "creator": "said",
    SCHEMA + "author": "claimed",
    SCHEMA + "about": "about it",
    PROV + "wasDerivedFrom": "derived from it",
    KGPUB + "countOf": "count",
    SEM + "subEventOf": "sub-event",
    SCHEMA + "publisher": "published",
    KGPUB + "includedIn": "part of it",
}
KIND_ORDER = [
    SCHEMA + "NewsArticle",
    KGPUB + "Count",
    SCHEMA + "Quotation",
    SCHEMA + "Claim",
    SEM + "Event",
    SCHEMA + "Person",
    SCHEMA + "Organization",
    SCHEMA + "Country",
    SCHEMA + "Place",
    "http://rdfs.org/ns/void#Dataset",
    OA + "Annotation",
]
KIND_WORDS = {
    SCHEMA + "NewsArticle": "Article",
    KGPUB + "Count": "Count",
    SCHEMA + "Quotation": "Quote",
    SCHEMA + "Claim": "Claim",
    SEM + "Event": "Event",
    SCHEMA + "Person": "Person",
    SCHEMA + "Organization": "Organization",
    SCHEMA + "Country": "Country",
    SCHEMA + "Place": "Place",
    "http://rdfs.org/ns/void#Dataset": "Dataset",
    OA + "Annotation": "Evidence",
}
FACT_KINDS = [KGPUB + "Count", SCHEMA + "Quotation", SCHEMA + "Claim", SEM + "Event"]
SKIP_OUT = {KGPUB + "evidence", SCHEMA + "articleBody"}

CSS = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{padding-top:.8rem;font-size:.9rem} header a{margin-right:1rem}
h1{margin:.4rem 0 .2rem;font-size:1.6rem} h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ddd}
.iri{font:13px monospace;color:#555;word-break:break-all}
.kind{display:inline-block;background:#e3ecf7;border-radius:3px;padding:0 .4rem;margin-right:.3rem;
font-size:.85rem}
table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #eee;padding:.25rem .4rem;
vertical-align:top;text-align:left} th{width:12rem;font-weight:600;color:#444}
blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:4px solid #d9a400;background:#fff}
mark{background:#ffe27a;padding:0 .1rem} .src{font-size:.85rem;color:#555}
.summary{font-size:1.15rem;background:#fff;border:1px solid #ddd;padding:.5rem .8rem}
.formats a{margin-right:.6rem;font-size:.85rem} footer{font-size:.8rem;color:#777;padding:2rem 1rem}
li{margin:.3rem 0} .lit-type{color:#888;font-size:.8rem}
"""


class Page:
    """Renders terms as HTML: local links for IRIs under the base, links out for the rest."""

    def __init__(self, data: Data, base: str) -> None:
        self.data = data
        self.base = base
        self.bodies: dict[str, str | None] = {}

    def local(self, iri: str) -> str | None:
        if iri.startswith(self.base):
            return "/" + quote(iri[len(self.base) :], safe="/-._~!$&'()*+,;=:@%")
        return None

    def curie(self, iri: str) -> str:
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def link(self, term: Any, *, text: str | None = None) -> str:
        if isinstance(term, ox.NamedNode):
            iri = term.value
            shown = text or self.data.label(term) or self.curie(iri)
            href = self.local(iri)
            if href is not None:
                return f'<a href="{escape(href)}">{escape(shown)}</a>'
            if iri.startswith(("http://", "https://")):
                return f'<a href="{escape(iri)}" rel="external">{escape(shown)}</a>'
            return escape(shown)
        if isinstance(term, ox.Literal):
            return self.literal(term)
        return escape(str(term))

    def literal(self, lit: ox.Literal) -> str:
        value = escape(lit.value)
        dt = lit.datatype.value if lit.datatype else ""
        if dt == XSD + "anyURI" and lit.value.startswith(("http://", "https://")):
            return f'<a href="{value}" rel="external">{value}</a>'
        if lit.language:
            return f'{value} <span class="lit-type">@{escape(lit.language)}</span>'
        if dt and dt not in (XSD + "string", XSD + "integer", XSD + "nonNegativeInteger"):
            return f'{value} <span class="lit-type">{escape(self.curie(dt))}</span>'
        return value

    def title(self, node: ox.NamedNode) -> str:
        label = self.data.label(node)
        if label:
            return label
        text = self.data.value(node, SCHEMA + "text")
        if text:
            return text if len(text) < 90 else text[:87] + "\u2026"
        return self.curie(node.value).rsplit("/", 1)[-1] or node.value

    def kind(self, node: ox.NamedNode) -> str | None:
        types = self.data.types(node)
        for t in KIND_ORDER:
            if t in types:
                return t
        return None

    # ------------------------------------------------------------------------------------- pieces

    def count_summary(self, c: ox.NamedNode) -> str:
        d = self.data
        value, lo, hi = (d.value(c, SCHEMA + p) for p in ("value", "minValue", "maxValue"))
        qualifier = d.value(c, KGPUB + "qualifier")
        if value is not None:
            number = f"{qualifier} {value}" if qualifier else value
        elif lo is not None and hi is not None:
            number = f"{lo}\u2013{hi}"
        elif lo is not None:
            number = f"{qualifier or 'at least'} {lo}"
        elif hi is not None:
            number = f"{qualifier or 'up to'} {hi}"
        else:
            number = "?"
        ctype = d.first(c, KGPUB + "countType")
        what = ctype.value.rsplit("#", 1)[-1] if isinstance(ctype, ox.NamedNode) else "counted"
        if what == "other":
            what = ""
        group = d.value(c, KGPUB + "group")
        parts = [escape(number)]
        if group:
            parts.append(escape(group))
        if what:
            parts.append(escape(what))
        text = " ".join(parts)
        of = d.first(c, KGPUB + "countOf")
        if isinstance(of, ox.NamedNode):
            text += " in " + self.link(of)
        by = d.first(c, KGPUB + "reportedBy")
        if isinstance(by, ox.NamedNode):
            text += ", according to " + self.link(by)
        return text

    def fact_summary(self, node: ox.NamedNode) -> str:
        kind = self.kind(node)
        if kind == KGPUB + "Count":
            return self.count_summary(node)
        if kind in (SCHEMA + "Quotation", SCHEMA + "Claim"):
            text = self.data.value(node, SCHEMA + "text") or ""
            who = self.data.first(
                node, SCHEMA + "creator" if kind == SCHEMA + "Quotation" else SCHEMA + "author"
            )
            lead = f"{self.link(who)}: " if isinstance(who, ox.NamedNode) else ""
            return (
                f'{lead}\u201c{escape(text)}\u201d (<a href="{escape(self.local(node.value) or "")}">'
                f"{escape(KIND_WORDS[kind].lower())}</a>)"
            )
        return self.link(node)

    def evidence_html(self, evidence: list[Evidence]) -> str:
        out = []
        for ev in evidence:
            src = ""
            if ev.article:
                src = f'<div class="src">from {self.link(nn(ev.article))}'
                if ev.start is not None:
                    src += f", characters {ev.start}\u2013{ev.end}"
                src += "</div>"
            out.append(
                f'<blockquote class="evidence">{escape(ev.before)}<mark>{escape(ev.exact)}</mark>'
                f"{escape(ev.after)}{src}</blockquote>"
            )
        return "".join(out)

    def sources_html(self, node: ox.NamedNode) -> str:
        items = []
        for a in self.data.objects(node, PROV + "wasDerivedFrom"):
            if not isinstance(a, ox.NamedNode):
                continue
            bits = [self.link(a)]
            pub = self.data.first(a, SCHEMA + "publisher")
            if isinstance(pub, ox.NamedNode):
                bits.append(self.link(pub))
            date = self.data.value(a, SCHEMA + "datePublished")
            if date:
                bits.append(escape(date))
            url = self.data.value(a, SCHEMA + "url")
            if url and url.startswith(("http://", "https://")):
                bits.append(f'<a href="{escape(url)}" rel="external">original</a>')
            items.append("<li>" + ", ".join(bits) + "</li>")
        return f"<h2>Sources</h2><ul>{''.join(items)}</ul>" if items else ""

    def facts_table(self, node: ox.NamedNode) -> str:
        rows: dict[str, list[str]] = {}
        for t in self.data.outbound(node):
            p = t.predicate.value
            if p in SKIP_OUT:
                continue
            rows.setdefault(p, []).append(self.link(t.object))
        if not rows:
            return ""

        def order(p: str) -> tuple[int, str]:
            keys = list(PREDICATE_WORDS)
            return (keys.index(p) if p in keys else len(keys), p)

        body = "".join(
            f'<tr><th title="{escape(p)}">{escape(PREDICATE_WORDS.get(p, self.curie(p)))}</th>'
            f"<td>{'<br>'.join(sorted(set(v)))}</td></tr>"
            for p, v in sorted(rows.items(), key=lambda x: order(x[0]))
        )
        return f'<h2>Facts</h2><table class="facts">{body}</table>'

    def same_as_html(self, node: ox.NamedNode) -> str:
        links = [o.value for o in self.data.objects(node, OWL + "sameAs") if isinstance(o, ox.NamedNode)]
        if not links:
            return ""
        items = "".join(
            f'<li><a href="{escape(iri)}" rel="external">{escape("Wikidata " + iri[len(WIKIDATA) :] if iri.startswith(WIKIDATA) else iri)}</a></li>'  # noqa: E501
            for iri in sorted(links)
        )
        return f'<h2>Elsewhere</h2><ul class="same-as">{items}</ul>'

    def inbound_html(self, node: ox.NamedNode) -> str:
        facts: list[tuple[str, ox.NamedNode]] = []
        other: dict[str, list[ox.NamedNode]] = {}
        for t in self.data.inbound(node):
            s = t.subject
            if not isinstance(s, ox.NamedNode) or t.predicate.value == OA + "hasBody":
                continue
            kind = self.kind(s)
            if kind in FACT_KINDS and t.predicate.value != SEM + "subEventOf":
                facts.append((t.predicate.value, s))
            else:
                other.setdefault(t.predicate.value, []).append(s)
        html = ""
        if facts:
            seen: set[str] = set()
            items = []
            for p, s in sorted(
                facts, key=lambda x: (FACT_KINDS.index(self.kind(x[1]) or SEM + "Event"), x[1].value)
            ):
                if s.value in seen:
                    continue
                seen.add(s.value)
                role = INVERSE_WORDS.get(p, "")
                role_html = f' <span class="lit-type">({escape(role)})</span>' if role else ""
                items.append(
                    f"<li>{self.fact_summary(s)}{role_html}"
                    f"{self.evidence_html(evidence_of(self.data, s, self.bodies))}</li>"
                )
            html += f'<h2>Facts that mention this</h2><ul class="facts-in">{"".join(items)}</ul>'
        if other:
            rows = "".join(
                f"<tr><th>{escape(INVERSE_WORDS.get(p, 'is ' + self.curie(p) + ' of'))}</th>"
                f"<td>{'<br>'.join(sorted({self.link(s) for s in subjects}))}</td></tr>"
                for p, subjects in sorted(other.items())
            )
            html += f'<h2>Linked from</h2><table class="inbound">{rows}</table>'
        return html

    def article_text_html(self, node: ox.NamedNode) -> str:
        body = self.data.value(node, SCHEMA + "articleBody")
        if not body:
            return ""
        spans: list[tuple[int, int]] = []
        for t in self.data.store.quads_for_pattern(None, nn(OA + "hasSource"), node, None):
            for sel in self.data.objects(t.subject, OA + "hasSelector"):
                if isinstance(sel, ox.NamedNode):
                    s = self.data.first(sel, OA + "start")
                    e = self.data.first(sel, OA + "end")
                    try:
                        a, b = int(s.value), int(e.value)
                    except (AttributeError, ValueError):
                        continue
                    if 0 <= a < b <= len(body):
                        spans.append((a, b))
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        out, pos = [], 0
        for a, b in merged:
            out.append(escape(body[pos:a]) + "<mark>" + escape(body[a:b]) + "</mark>")
            pos = b
        out.append(escape(body[pos:]))
        text = "".join(out).replace("\n", "<br>")
        return f'<h2>Text</h2><p class="article-body">{text}</p>'

    # --------------------------------------------------------------------------------------- pages

    def resource(self, iri: str, doc_path: str) -> str:
        node = nn(iri)
        kind = self.kind(node)
        title = self.title(node)
        kinds = "".join(
            f'<span class="kind">{escape(KIND_WORDS.get(t, self.curie(t)))}</span>'
            for t in sorted(self.data.types(node), key=lambda t: (t not in KIND_WORDS, t))
        )
        parts = [f"<h1>{escape(title)}</h1><div>{kinds}</div>", f'<div class="iri">{escape(iri)}</div>']
        if kind == KGPUB + "Count":
            parts.append(f'<p class="summary">{self.count_summary(node)}</p>')
        elif kind in (SCHEMA + "Quotation", SCHEMA + "Claim"):
            parts.append(f'<p class="summary">{self.fact_summary(node)}</p>')
        parts.append(self.facts_table(node))
        parts.append(self.same_as_html(node))
        ev = evidence_of(self.data, node, self.bodies)
        if ev:
            parts.append(f"<h2>Evidence</h2>{self.evidence_html(ev)}")
        parts.append(self.sources_html(node))
        if kind == SCHEMA + "NewsArticle":
            parts.append(self.article_text_html(node))
        parts.append(self.inbound_html(node))
        if self.data.is_graph(node):
            n = sum(1 for _ in self.data.store.quads_for_pattern(None, None, None, node))
            parts.append(
                f"<h2>Named graph</h2><p>This IRI names a graph of {n} triples; download it below.</p>"
            )
        parts.append(self.formats(doc_path))
        return layout(title, "".join(parts), doc_path)

    def formats(self, doc_path: str) -> str:
        links = " ".join(
            f'<a href="{escape(doc_path)}.{ext}" type="{mt}">{name}</a>'
            for ext, mt, name in (
                ("ttl", "text/turtle", "Turtle"),
                ("jsonld", "application/ld+json", "JSON-LD"),
                ("nt", "application/n-triples", "N-Triples"),
            )
        )
        return f'<h2>Data</h2><p class="formats">{links}</p>'


def layout(title: str, body: str, doc_path: str | None = None) -> str:
    alt = ""
    if doc_path:
        alt = "".join(
            f'<link rel="alternate" type="{mt}" href="{escape(doc_path)}.{ext}">'
            for ext, mt in (
                ("ttl", "text/turtle"),
                ("jsonld", "application/ld+json"),
                ("nt", "application/n-triples"),
            )
        )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} \u2013 kgpub</title>{alt}<style>{CSS}</style></head><body>"
        f'<header><a href="/">kgpub</a><a href="/sparql">SPARQL</a><a href="/.well-known/void">VoID</a>'
        f'<a href="/ns">Vocabulary</a></header><main>{body}</main>'
        f"<footer>Served by kgpub. Every page is also RDF: ask for text/turtle, application/ld+json or "
        f"application/n-triples.</footer></body></html>"
    )


def index_page(page: Page) -> str:
    d = page.data
    sections = []
    for kind, heading in (
        (SCHEMA + "NewsArticle", "Articles"),
        (SEM + "Event", "Events"),
        (KGPUB + "Count", "Counts"),
        (SCHEMA + "Person", "People"),
        (SCHEMA + "Organization", "Organizations"),
        (SCHEMA + "Place", "Places"),
    ):
        nodes = sorted(
            {
                q.subject.value
                for q in d.store.quads_for_pattern(None, nn(RDF + "type"), nn(kind), None)
                if isinstance(q.subject, ox.NamedNode)
            }
        )
        if not nodes:
            continue
        shown = nodes[:500]
        if kind == KGPUB + "Count":
            items = "".join(
                f"<li>{page.count_summary(nn(n))} \u2014 {page.link(nn(n), text='details')}</li>"
                for n in shown
            )
        else:
            items = "".join(f"<li>{page.link(nn(n))}</li>" for n in shown)
        more = (
            f"<p>\u2026 and {len(nodes) - len(shown)} more (use SPARQL).</p>"
            if len(nodes) > len(shown)
            else ""
        )
        sections.append(f"<h2>{heading} ({len(nodes)})</h2><ul>{items}</ul>{more}")
    body = (
        f"<h1>kgpub knowledge graph</h1><p>Data under <code>{escape(page.base)}</code>. "
        f"{len(d.store)} quads.</p>" + "".join(sections)
    )
    return layout("kgpub knowledge graph", body)


def sparql_form(query: str = "") -> str:
    q = escape(
        query or "SELECT ?event ?label WHERE {\n  ?event a sem:Event ; rdfs:label ?label .\n} LIMIT 20"
    )
    prefixes = escape("".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()))
    body = (
        f"<h1>SPARQL</h1><p>A read-only SPARQL 1.1 endpoint. The default graph is the union of all "
        f'graphs. Declare the prefixes you use:</p><pre class="src">{prefixes}</pre>'
        f'<form method="post" action="/sparql"><textarea name="query" rows="12" cols="90">{q}</textarea>'
        f'<br><input type="hidden" name="format" value="html"><button type="submit">Run</button></form>'
    )
    return layout("SPARQL", body)


def results_page(page: Page, answer: Any) -> str:
    if answer.kind == "boolean":
        body = f"<p>{'true' if answer.boolean else 'false'}</p>"
    elif answer.kind == "triples":
        rows = "".join(
            f"<tr><td>{page.link(t.subject)}</td><td>{page.link(t.predicate)}</td>"
            f"<td>{page.link(t.object)}</td></tr>"
            for t in answer.triples
        )
        body = f"<table>{rows}</table>"
    else:
        head = "".join(f"<th>{escape(v)}</th>" for v in answer.variables)
        rows = "".join(
            "<tr>"
            + "".join(f"<td>{page.link(r[v]) if v in r else ''}</td>" for v in answer.variables)
            + "</tr>"
            for r in answer.rows
        )
        body = f"<table><tr>{head}</tr>{rows}</table><p>{len(answer.rows)} rows</p>"
    if answer.truncated:
        body += "<p><strong>The answer was cut at the result limit.</strong></p>"
    return layout("SPARQL results", f"<h1>Results</h1>{body}")
