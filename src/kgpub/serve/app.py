"""The Starlette application behind ``kgpub serve``.

IRI scheme: every data IRI ``{base}{path}`` is served at ``/{path}``. A resource IRI answers
``303 See Other`` to its document ``/{path}.html``, ``.ttl``, ``.jsonld`` or ``.nt`` by the
``Accept`` header (``Vary: Accept``); the documents answer 200. Unknown IRIs answer 404.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote

import pyoxigraph as ox

from kgpub.serve import pages
from kgpub.serve.describe import Data, describe, nn
from kgpub.serve.negotiate import negotiate
from kgpub.serve.sparql import Answer, choose_type, decode_answer, serialize_answer
from kgpub.serve.worker import Busy, QueryPool, TimedOut

LOG = logging.getLogger("kgpub")

DOC_TYPES = {  # extension -> (media type, pyoxigraph format or None for HTML)
    "html": ("text/html; charset=utf-8", None),
    "ttl": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}
OFFERS = {  # media type offered -> document extension (server preference: the order)
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/x-turtle": "ttl",
    "application/json": "jsonld",
    "text/plain": "nt",
}
MAX_BODY = 1 << 20
VOID = "http://rdfs.org/ns/void#"


def _plain(status: int, text: str, headers: dict[str, str] | None = None) -> Any:
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(text + "\n", status_code=status, headers=headers)


def _package_file(name: str, fallback: str) -> Path | None:
    try:
        p = Path(str(resources.files("kgpub.data").joinpath(name)))
        if p.is_file():
            return p
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    repo = Path(__file__).resolve().parents[3] / fallback
    return repo if repo.is_file() else None


def serialize_triples(triples: list[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    if fmt == ox.RdfFormat.JSON_LD:
        try:
            from kgpub.rdfio import jsonld_bytes

            return jsonld_bytes([ox.Quad(t.subject, t.predicate, t.object) for t in triples])
        except ImportError:
            pass
    kwargs: dict[str, Any] = {}
    if fmt == ox.RdfFormat.TURTLE:
        kwargs["prefixes"] = pages.PREFIXES
    return ox.serialize(triples, format=fmt, **kwargs) or b""


class LinkedData:
    """The request handlers; ``store`` is only read."""

    def __init__(
        self,
        store: ox.Store,
        *,
        base: str,
        query_timeout: float,
        max_results: int,
        store_dir: str | Path | None = None,
        workers: int = 2,
    ) -> None:
        self.store = store
        self.base = base
        self.query_timeout = query_timeout
        self.max_results = max_results
        self._tmp: str | None = None
        if store_dir is None:  # the workers need the data on disk: copy the in-memory store once
            self._tmp = tempfile.mkdtemp(prefix="kgpub-serve-")
            copy = ox.Store(self._tmp)
            copy.bulk_extend(store.quads_for_pattern(None, None, None, None))
            copy.flush()
            del copy
            store_dir = self._tmp
        self.pool = QueryPool(str(store_dir), size=workers)
        self.files = {
            "ns": _package_file("kgpub.ttl", "ontology/kgpub.ttl"),
            "shapes": _package_file("kgpub.shapes.ttl", "shapes/kgpub.shapes.ttl"),
        }

    def close(self) -> None:
        """Stop the query workers and remove the temporary copy of the store."""
        self.pool.close()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    # ------------------------------------------------------------------------------- resources

    def iri_for(self, raw_path: str) -> list[str]:
        """Candidate IRIs for a request path (as sent, then percent-decoded)."""
        rel = raw_path[1:] if raw_path.startswith("/") else raw_path
        cands = [self.base + rel]
        decoded = unquote(rel)
        if decoded != rel:
            cands.append(self.base + decoded)
        return cands

    def known(self, data: Data, iri: str) -> bool:
        try:
            node = nn(iri)
        except ValueError:
            return False
        return data.exists(node) or data.is_graph(node)

    def resource(self, request: Any) -> Any:
        from starlette.responses import RedirectResponse

        raw = request.scope.get("raw_path", b"").decode("latin-1") or request.url.path
        raw = raw.split("?", 1)[0]
        if ".." in raw.split("/") or "\x00" in raw or len(raw) > 2000:
            return _plain(404, "not found")
        data = Data(self.store)
        for iri in self.iri_for(raw):
            if self.known(data, iri):
                ext = negotiate(request.headers.get("accept"), list(OFFERS))
                if ext is None:
                    return _plain(
                        406,
                        "not acceptable: ask for text/html, text/turtle, application/ld+json "
                        "or application/n-triples",
                        {"Vary": "Accept"},
                    )
                target = (pages.Page(data, self.base).local(iri) or raw) + "." + OFFERS[ext]
                return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})
        stem, dot, ext = raw.rpartition(".")
        if dot and ext in DOC_TYPES:
            for iri in self.iri_for(stem):
                if self.known(data, iri):
                    return self.document(data, iri, (pages.Page(data, self.base).local(iri) or stem), ext)
        return _plain(404, "not found: no resource with this IRI")

    def document(self, data: Data, iri: str, doc_path: str, ext: str) -> Any:
        from starlette.responses import Response

        media, fmt = DOC_TYPES[ext]
        headers = {"Content-Location": f"{doc_path}.{ext}", "Link": f'<{iri}>; rel="describes"'}
        if fmt is None:
            body = pages.Page(data, self.base).resource(iri, doc_path).encode("utf-8")
        else:
            body = serialize_triples(describe(data, iri), fmt)
        return Response(body, media_type=media, headers={k: _header_safe(v) for k, v in headers.items()})

    def index(self, request: Any) -> Any:
        from starlette.responses import HTMLResponse

        choice = negotiate(request.headers.get("accept"), list(OFFERS))
        if choice is not None and OFFERS[choice] != "html":
            return self.void(request)
        return HTMLResponse(pages.index_page(pages.Page(Data(self.store), self.base)))

    # ------------------------------------------------------------------------------------ VoID

    def void_triples(self, request: Any) -> list[ox.Triple]:
        dataset = nn(self.base + "dataset")
        graph = nn(self.base + "graph/dataset")
        triples: dict[ox.Triple, None] = {}
        try:
            if self.store.contains_named_graph(graph):
                triples.update(
                    dict.fromkeys(q.triple for q in self.store.quads_for_pattern(None, None, None, graph))
                )
        except OSError:
            pass
        root = str(request.base_url).rstrip("/")
        triples[ox.Triple(dataset, nn(pages.RDF + "type"), nn(VOID + "Dataset"))] = None
        triples[ox.Triple(dataset, nn(VOID + "sparqlEndpoint"), nn(root + "/sparql"))] = None
        triples[ox.Triple(dataset, nn(VOID + "uriSpace"), ox.Literal(self.base))] = None
        triples[ox.Triple(dataset, nn(VOID + "rootResource"), nn(self.base + "dataset"))] = None
        return list(triples)

    def void(self, request: Any) -> Any:
        from starlette.responses import Response

        offers = [
            "text/turtle",
            "application/ld+json",
            "application/n-triples",
            "text/html",
            "text/plain",
            "application/json",
        ]
        choice = negotiate(request.headers.get("accept"), offers)
        if choice is None:
            return _plain(
                406, "not acceptable: ask for text/turtle, application/ld+json or application/n-triples"
            )
        if choice == "text/html":
            from starlette.responses import RedirectResponse

            return RedirectResponse("/dataset.html", status_code=303, headers={"Vary": "Accept"})
        ext = OFFERS[choice]
        media, fmt = DOC_TYPES[ext]
        assert fmt is not None
        return Response(
            serialize_triples(self.void_triples(request), fmt), media_type=media, headers={"Vary": "Accept"}
        )

    # ------------------------------------------------------------------------ ontology, shapes

    def vocabulary(self, request: Any) -> Any:
        from starlette.responses import HTMLResponse, Response

        name = request.url.path.strip("/").split(".")[0]
        path = self.files.get(name)
        if path is None:
            return _plain(404, f"the {name} file is not installed")
        suffix = request.url.path.rpartition(".")[2] if "." in request.url.path else None
        if suffix in ("ttl", "nt", "jsonld"):
            choice = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json"}[
                suffix
            ]
        else:
            choice = negotiate(
                request.headers.get("accept"),
                ["text/html", "text/turtle", "application/ld+json", "application/n-triples"],
            )
        if choice is None:
            return _plain(406, "not acceptable")
        if choice == "text/turtle":
            return Response(
                path.read_bytes(), media_type="text/turtle; charset=utf-8", headers={"Vary": "Accept"}
            )
        triples = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
        if choice == "text/html":
            return HTMLResponse(_vocabulary_page(name, triples), headers={"Vary": "Accept"})
        fmt = ox.RdfFormat.JSON_LD if choice == "application/ld+json" else ox.RdfFormat.N_TRIPLES
        return Response(ox.serialize(triples, format=fmt), media_type=choice, headers={"Vary": "Accept"})

    # ---------------------------------------------------------------------------------- SPARQL

    async def sparql(self, request: Any) -> Any:
        import anyio
        from starlette.responses import HTMLResponse, Response

        params: dict[str, list[str]] = {}
        try:
            params = parse_qs(request.url.query, keep_blank_values=True, max_num_fields=100)
        except ValueError:
            return _plain(400, "bad query string")
        query_text: str | None = None
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = b""
            async for chunk in request.stream():
                body += chunk
                if len(body) > MAX_BODY:
                    return _plain(413, f"request body larger than {MAX_BODY} bytes")
            text = body.decode("utf-8", "replace")
            if ctype == "application/sparql-update":
                return _plain(403, "updates are refused: this endpoint is read-only")
            if ctype == "application/sparql-query":
                query_text = text
            elif ctype in ("application/x-www-form-urlencoded", ""):
                try:
                    form = parse_qs(text, keep_blank_values=True, max_num_fields=100)
                except ValueError:
                    return _plain(400, "bad form body")
                for k, v in form.items():
                    params.setdefault(k, []).extend(v)
            else:
                return _plain(415, "send application/sparql-query or an HTML form (query=...)")
        if "update" in params:
            return _plain(403, "updates are refused: this endpoint is read-only")
        queries = params.get("query", [])
        if query_text is None:
            if len(queries) > 1:
                return _plain(400, "give one query parameter, not several")
            query_text = queries[0] if queries else None
        fmt_param = (params.get("format") or [None])[0]
        if not query_text or not query_text.strip():
            if (
                negotiate(request.headers.get("accept"), ["text/html", "application/sparql-results+json"])
                == "text/html"
                or fmt_param == "html"
            ):
                return HTMLResponse(pages.sparql_form())
            return _plain(400, "missing query parameter")
        msg = (query_text, params.get("default-graph-uri"), params.get("named-graph-uri"), self.max_results)
        try:
            result = await anyio.to_thread.run_sync(self.pool.run, msg, self.query_timeout)
        except Busy:
            return _plain(503, "all query workers are busy; try again", {"Retry-After": "5"})
        except TimedOut:
            return _plain(
                503,
                f"the query ran longer than the time limit ({self.query_timeout:g} s)",
                {"Retry-After": "5"},
            )
        if result[0] != "ok":
            return _plain(int(result[1]), str(result[2]))
        answer: Answer = decode_answer(result[1])
        media = choose_type(answer, request.headers.get("accept"), fmt_param)
        if media is None:
            return _plain(406, "not acceptable: cannot write the answer in the requested format")
        headers = {"Vary": "Accept"}
        if answer.truncated:
            headers["X-SPARQL-MaxRows"] = str(self.max_results)
        if media == "text/html":
            return HTMLResponse(
                pages.results_page(pages.Page(Data(self.store), self.base), answer), headers=headers
            )
        body = serialize_answer(answer, media)
        if media.startswith("text/"):
            media += "; charset=utf-8"
        return Response(body, media_type=media, headers=headers)


def _header_safe(value: str) -> str:
    return quote(value, safe="/:;=<>\"' ?&#%@!$*+,-._~()")


def _vocabulary_page(name: str, triples: list[ox.Triple]) -> str:
    from html import escape

    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    data = Data(store)
    page = pages.Page(data, "https://w3id.org/kgpub/ns#")
    subjects = sorted({t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)})
    rows = []
    for s in subjects:
        node = nn(s)
        definition = (
            data.value(node, pages.SKOS + "definition") or data.value(node, pages.RDFS + "comment") or ""
        )
        kinds = ", ".join(sorted(page.curie(t) for t in data.types(node)))
        rows.append(
            f'<tr id="{escape(s.rpartition("#")[2])}"><th>{escape(page.curie(s))}</th>'
            f"<td>{escape(data.label(node) or '')}</td><td>{escape(kinds)}</td>"
            f"<td>{escape(definition)}</td></tr>"
        )
    title = "kgpub vocabulary" if name == "ns" else "kgpub shapes"
    body = (
        f'<h1>{title}</h1><p class="formats"><a href="/{name}.ttl">Turtle</a> '
        f'<a href="/{name}.jsonld">JSON-LD</a> <a href="/{name}.nt">N-Triples</a></p>'
        f"<table><tr><th>term</th><th>label</th><th>type</th><th>definition</th></tr>{''.join(rows)}</table>"
    )
    return pages.layout(title, body)


def create_app(
    store: ox.Store,
    *,
    base: str | None = None,
    query_timeout: float = 10.0,
    max_results: int = 10000,
    store_dir: str | Path | None = None,
    workers: int = 2,
) -> Any:
    """The ASGI app serving ``store`` as linked data under ``base``.

    ``store_dir`` is the folder of ``store`` when it is on disk (the /sparql worker processes open it
    read-only); for an in-memory store a temporary copy is made. ``app.state.linked_data.close()``
    stops the workers (done at shutdown).
    """
    from starlette.applications import Starlette
    from starlette.routing import Route

    base = base or _default_base()
    if not base.endswith("/"):
        from kgpub.errors import InputError

        raise InputError(f"kgpub serve needs a base IRI ending with '/' (303 IRIs), not {base!r}")
    ld = LinkedData(
        store,
        base=base,
        query_timeout=query_timeout,
        max_results=max_results,
        store_dir=store_dir,
        workers=workers,
    )

    async def server_error(request: Any, exc: Exception) -> Any:
        LOG.exception("error serving %s", request.url.path)
        return _plain(500, "internal error")

    routes = [
        Route("/", ld.index, methods=["GET", "HEAD"]),
        Route("/sparql", ld.sparql, methods=["GET", "POST", "HEAD"]),
        Route("/.well-known/void", ld.void, methods=["GET", "HEAD"]),
        *[
            Route(f"/{n}{ext}", ld.vocabulary, methods=["GET", "HEAD"])
            for n in ("ns", "shapes")
            for ext in ("", ".ttl", ".jsonld", ".nt")
        ],
        Route("/{path:path}", ld.resource, methods=["GET", "HEAD"]),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> Any:
        try:
            yield
        finally:
            ld.close()

    app = Starlette(routes=routes, exception_handlers={500: server_error}, lifespan=lifespan)
    app.state.linked_data = ld
    return app


def _default_base() -> str:
    try:
        from kgpub.iris import DEFAULT_BASE
    except ImportError:
        return "https://example.org/kgpub/"
    return DEFAULT_BASE
