"""The read-only SPARQL 1.1 Protocol endpoint of ``kgpub serve``: time limit, result cap, no updates."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kgpub.serve.negotiate import negotiate

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/html": "html",
}
SOLUTION_OFFERS = [
    "application/sparql-results+json",
    "application/json",
    "application/sparql-results+xml",
    "application/xml",
    "text/csv",
    "text/tab-separated-values",
    "text/html",
]
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
GRAPH_OFFERS = [
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "text/plain",
]
FORMAT_PARAM = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "html": "text/html",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
}


class QueryRejected(Exception):
    """A request the endpoint answers with a 4xx/5xx status and a plain-text reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Answer:
    kind: str  # "solutions", "boolean", "triples"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)
    boolean: bool = False
    truncated: bool = False
    seconds: float = 0.0


def is_update(text: str) -> bool:
    """True when ``text`` parses as a SPARQL Update (tried on a throwaway empty in-memory store)."""
    try:
        ox.Store().update(text)
    except Exception:  # noqa: BLE001 - anything but a clean parse means "not an update"
        return False
    return True


def execute(
    store: ox.Store,
    text: str,
    *,
    max_results: int,
    cancel: threading.Event,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> Answer:
    """Evaluate ``text`` and collect at most ``max_results`` rows; stops early when ``cancel`` is set."""
    started = time.monotonic()
    from kgpub.serve.pages import PREFIXES

    kwargs: dict[str, Any] = {"prefixes": dict(PREFIXES)}  # kgpub's usual prefixes need no declaration
    try:
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as exc:
        raise QueryRejected(400, f"bad graph IRI: {exc}") from None
    try:
        result = store.query(text, **kwargs)
    except SyntaxError as exc:
        if is_update(text):
            raise QueryRejected(403, "updates are refused: this endpoint is read-only") from None
        raise QueryRejected(400, f"SPARQL syntax error: {str(exc).splitlines()[0][:300]}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryRejected(400, f"query failed: {str(exc)[:300]}") from None
    try:
        return _collect(result, max_results, cancel, started)
    finally:
        del result  # QuerySolutions must be dropped by the thread that made it


def _collect(result: Any, max_results: int, cancel: threading.Event, started: float) -> Answer:
    try:
        if isinstance(result, ox.QueryBoolean):
            return Answer("boolean", boolean=bool(result), seconds=time.monotonic() - started)
        if isinstance(result, ox.QueryTriples):
            triples: list[ox.Triple] = []
            truncated = False
            for t in result:
                if cancel.is_set():
                    raise QueryRejected(503, "cancelled")
                if len(triples) >= max_results:
                    truncated = True
                    break
                triples.append(t)
            return Answer("triples", triples=triples, truncated=truncated, seconds=time.monotonic() - started)
        names = [v.value for v in result.variables]
        rows: list[dict[str, Any]] = []
        truncated = False
        for solution in result:
            if cancel.is_set():
                raise QueryRejected(503, "cancelled")
            if len(rows) >= max_results:
                truncated = True
                break
            rows.append({n: solution[n] for n in names if solution[n] is not None})
        return Answer(
            "solutions", variables=names, rows=rows, truncated=truncated, seconds=time.monotonic() - started
        )
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        raise QueryRejected(400, f"query failed: {str(exc)[:300]}") from None


def _term_json(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    return {"type": "literal", "value": str(term)}


def answer_json(answer: Answer) -> bytes:
    if answer.kind == "boolean":
        return json.dumps({"head": {}, "boolean": answer.boolean}).encode()
    data = {
        "head": {"vars": answer.variables},
        "results": {"bindings": [{k: _term_json(v) for k, v in row.items()} for row in answer.rows]},
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def serialize_answer(answer: Answer, media_type: str) -> bytes:
    """Bytes of ``answer`` in ``media_type`` (pyoxigraph writes every format but JSON)."""
    if answer.kind == "triples":
        fmt = GRAPH_TYPES[media_type]
        from kgpub.rdfio import PREFIXES

        kwargs: dict[str, Any] = {"prefixes": PREFIXES} if fmt == ox.RdfFormat.TURTLE else {}
        return ox.serialize(answer.triples, format=fmt, **kwargs) or b""
    kind = SOLUTION_TYPES[media_type]
    data = answer_json(answer)
    if kind == "json":
        return data
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    fmt = {
        "xml": ox.QueryResultsFormat.XML,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }[kind]
    return parsed.serialize(format=fmt)


def choose_type(answer: Answer, accept: str | None, format_param: str | None) -> str | None:
    """The media type to answer with, or None when the client accepts nothing we can write."""
    if format_param:
        wanted = FORMAT_PARAM.get(format_param.strip().lower())
        if wanted is None:
            return None
        accept = wanted
    if answer.kind == "triples":
        return negotiate(accept, GRAPH_OFFERS)
    offers = (
        SOLUTION_OFFERS
        if answer.kind == "solutions"
        else [o for o in SOLUTION_OFFERS if o not in ("text/csv", "text/tab-separated-values")]
    )
    return negotiate(accept, offers)


def encode_answer(answer: Answer) -> dict[str, Any]:
    """A picklable form of ``answer`` (to cross from a worker process)."""
    if answer.kind == "triples":
        payload = ox.serialize(answer.triples, format=ox.RdfFormat.N_TRIPLES) or b""
    else:
        payload = answer_json(answer)
    return {
        "kind": answer.kind,
        "variables": answer.variables,
        "truncated": answer.truncated,
        "boolean": answer.boolean,
        "payload": payload,
        "seconds": answer.seconds,
    }


def decode_answer(data: dict[str, Any]) -> Answer:
    answer = Answer(
        data["kind"],
        variables=list(data["variables"]),
        boolean=bool(data["boolean"]),
        truncated=bool(data["truncated"]),
        seconds=float(data["seconds"]),
    )
    if answer.kind == "triples":
        answer.triples = [q.triple for q in ox.parse(data["payload"], format=ox.RdfFormat.N_TRIPLES)]
    elif answer.kind == "solutions":
        parsed = ox.parse_query_results(data["payload"], format=ox.QueryResultsFormat.JSON)
        names = answer.variables
        answer.rows = [{n: s[n] for n in names if s[n] is not None} for s in parsed]
        del parsed
    return answer
