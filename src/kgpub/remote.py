"""A SPARQL 1.1 Protocol client: run a query against a remote endpoint (``kgpub query --endpoint URL``).

The answer is parsed into the same pyoxigraph objects a local query gives (``QuerySolutions``,
``QueryBoolean``, ``QueryTriples``), so :func:`kgpub.query.format_results` formats both.
Credentials, TLS, timeouts and retries work as for :mod:`kgpub.store`.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pyoxigraph as ox

from kgpub.errors import QueryError, StoreError
from kgpub.store import Credentials, HttpClient, check_endpoint, credentials_for, redact

LOG = logging.getLogger("kgpub")

_ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.7, text/plain;q=0.5"
)
_RDF_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


def query_endpoint(
    sparql: str,
    url: str,
    *,
    fmt: str | None = None,
    credentials: Credentials | None | bool = True,
    verify: bool | str = True,
    timeout: float = 60.0,
    retries: int = 2,
    max_bytes: int = 512 * 1024 * 1024,
) -> Any:
    """Send ``sparql`` to the SPARQL endpoint ``url`` (form-encoded POST) and parse the answer.

    kgpub's usual prefixes (``schema:``, ``kgpub:``, ...) are declared unless the query declares them.

    :param fmt: ``None`` to get the parsed result; ``table``/``csv``/``tsv``/``json`` to get it
        formatted as text by :func:`kgpub.query.format_results`.
    :returns: ``pyoxigraph.QuerySolutions`` (SELECT), ``pyoxigraph.QueryBoolean`` (ASK) or
        ``pyoxigraph.QueryTriples`` (CONSTRUCT/DESCRIBE); a ``str`` when ``fmt`` is given.
    :raises QueryError: the endpoint rejected the query, was unreachable or sent an unreadable answer.
    """
    check_endpoint(url)
    result = _query(_with_prefixes(sparql), url, credentials, verify, timeout, retries, max_bytes)
    if fmt is None:
        return result
    from kgpub.query import format_results

    return format_results(result, fmt)


def _with_prefixes(sparql: str) -> str:
    try:
        from kgpub.query import _with_prefixes as add
    except ImportError:
        return sparql
    return add(sparql)


def _query(
    sparql: str,
    url: str,
    credentials: Credentials | None | bool,
    verify: bool | str,
    timeout: float,
    retries: int,
    max_bytes: int,
) -> Any:
    creds = credentials_for(url) if credentials is True else (credentials or None)
    client = HttpClient(credentials=creds, verify=verify, timeout=timeout, retries=retries)
    try:
        resp = client.request("POST", url, data={"query": sparql}, headers={"Accept": _ACCEPT}, stream=True)
        try:
            body = resp.raw.read(max_bytes + 1, decode_content=True)
        finally:
            resp.close()
    except StoreError as exc:
        raise QueryError(str(exc)) from None
    finally:
        client.close()
    if len(body) > max_bytes:
        raise QueryError(f"{redact(url)}: the answer is larger than {max_bytes} bytes")
    if resp.status_code in (401, 403):
        raise QueryError(f"{redact(url)}: HTTP {resp.status_code}: the endpoint refused the credentials")
    if not 200 <= resp.status_code < 300:
        text = " ".join(body.decode("utf-8", "replace").split())[:300]
        raise QueryError(f"{redact(url)}: HTTP {resp.status_code}: {text}")
    ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
    LOG.info("query answered by %s (%s, %d bytes)", redact(url), ctype or "no content type", len(body))
    try:
        return parse_answer(body, ctype)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"{redact(url)}: unreadable {ctype or 'answer'}: {exc}") from None


def parse_answer(body: bytes, content_type: str) -> Any:
    """Parse a SPARQL protocol answer body by its media type."""
    if content_type in ("application/sparql-results+json", "application/json"):
        return ox.parse_query_results(_normalise_json(body), format=ox.QueryResultsFormat.JSON)
    if content_type in ("application/sparql-results+xml", "application/xml"):
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
    if content_type in ("text/csv",):
        raise ValueError("CSV answers lose term types; the endpoint ignored the Accept header")
    fmt = _RDF_TYPES.get(content_type)
    if fmt is None:
        raise ValueError(f"unexpected media type {content_type!r}")
    # a CONSTRUCT/DESCRIBE answer: hand it back as a real QueryTriples, like a local query gives
    store = ox.Store()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt))
    return store.query("CONSTRUCT WHERE { ?s ?p ?o }")


def _normalise_json(body: bytes) -> bytes:
    """Virtuoso writes ``"type": "typed-literal"`` (SPARQL-JSON from 2007); make it ``literal``."""
    if b'"typed-literal"' not in body:
        return body
    data = json.loads(body)
    for row in data.get("results", {}).get("bindings", []):
        for value in row.values():
            if isinstance(value, dict) and value.get("type") == "typed-literal":
                value["type"] = "literal"
    return json.dumps(data).encode("utf-8")
