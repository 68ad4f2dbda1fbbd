"""Reading and writing RDF: formats, deterministic serialisation, atomic writes (pyoxigraph on the hot path)."""

from __future__ import annotations

import enum
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .errors import InputError

PREFIXES = {
    "kgpub": "https://w3id.org/kgpub/ns#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "wd": "http://www.wikidata.org/entity/",
}
RDF_TYPE = PREFIXES["rdf"] + "type"
XSD = PREFIXES["xsd"]


class RdfFormat(enum.Enum):
    """The RDF formats kgpub writes and reads, with their extension, media type and library names."""

    TURTLE = ("turtle", ".ttl", "text/turtle", False)
    JSON_LD = ("json-ld", ".jsonld", "application/ld+json", True)
    N_TRIPLES = ("nt", ".nt", "application/n-triples", False)
    N_QUADS = ("nquads", ".nq", "application/n-quads", True)
    TRIG = ("trig", ".trig", "application/trig", True)

    def __init__(self, rdflib_name: str, extension: str, media_type: str, has_graphs: bool) -> None:
        self.rdflib_name = rdflib_name
        self.file_extension = extension
        self.media_type = media_type
        self.supports_datasets = has_graphs

    @property
    def oxigraph(self) -> ox.RdfFormat:
        return {
            "turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
            "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
        }[self.rdflib_name]

    @classmethod
    def from_extension(cls, name: str | os.PathLike[str]) -> RdfFormat:
        """The format of a file name; raises ValueError for an unknown extension."""
        suffixes = [s.lower() for s in Path(name).suffixes]
        if suffixes and suffixes[-1] == ".gz":
            suffixes.pop()
        ext = suffixes[-1] if suffixes else ""
        aliases = {".json": ".jsonld", ".n3": ".ttl", ".nquads": ".nq", ".ntriples": ".nt"}
        ext = aliases.get(ext, ext)
        for fmt in cls:
            if fmt.file_extension == ext:
                return fmt
        known = ", ".join(f.file_extension for f in cls)
        raise ValueError(f"unknown RDF extension {ext or '(none)'!r}; use one of {known}")

    @classmethod
    def from_media_type(cls, media_type: str) -> RdfFormat | None:
        base = media_type.split(";")[0].strip().lower()
        for fmt in cls:
            if fmt.media_type == base:
                return fmt
        return None


# ---------------------------------------------------------------------------------------------- reading


def read_quads(paths: Iterable[str | os.PathLike[str]]) -> list[ox.Quad]:
    """Parse RDF files into quads (format from the extension; Turtle and N-Triples go to the default graph).

    :raises InputError: naming the file and line of a syntax error.
    """
    quads: list[ox.Quad] = []
    for path in paths:
        quads.extend(iter_quads(path))
    return quads


def iter_quads(path: str | os.PathLike[str]) -> Iterator[ox.Quad]:
    """Parse one RDF file lazily."""
    source = str(path)
    try:
        fmt = RdfFormat.from_extension(source)
    except ValueError as exc:
        raise InputError(str(exc), source=source) from None
    if not Path(source).is_file():
        raise InputError("no such file" if not Path(source).exists() else "not a file", source=source)
    try:
        if source.endswith(".gz"):
            import gzip

            with gzip.open(source, "rb") as fh:
                data = fh.read()
            yield from ox.parse(data, format=fmt.oxigraph)
        else:
            yield from ox.parse(path=source, format=fmt.oxigraph)
    except SyntaxError as exc:
        line = getattr(exc, "lineno", None)
        message = str(exc).split("\n")[0]
        raise InputError(f"invalid {fmt.rdflib_name}: {message}", source=source, line=line) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read: {exc}", source=source) from None


# ---------------------------------------------------------------------------------------------- writing


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Open ``path`` for binary writing through a temporary file renamed into place on success.

    ``-`` writes to standard output. On an exception the temporary file is removed and nothing is left.
    """
    if str(path) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the mode open() would
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sort_key(term: Any) -> str:
    return "" if term is None or isinstance(term, ox.DefaultGraph) else str(term)


def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Unique quads in a stable order: by graph, subject, predicate, object (N-Triples forms)."""
    unique = set(quads)
    return sorted(unique, key=lambda q: (_sort_key(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def serialize_quads(quads: Iterable[ox.Quad], format: RdfFormat, *, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialise quads deterministically: the same set of quads always gives the same bytes.

    Formats without named graphs (Turtle, N-Triples) get the union of the graphs.
    """
    prefixes = PREFIXES if prefixes is None else prefixes
    if format is RdfFormat.N_QUADS:
        lines = ox.serialize(set(quads), format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
        return b"".join(sorted(set(lines)))
    if format is RdfFormat.N_TRIPLES:
        lines = ox.serialize({q.triple for q in quads}, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
        return b"".join(sorted(set(lines)))
    if format is RdfFormat.JSON_LD:
        return jsonld_bytes(quads)
    ordered = sorted_quads(quads)
    if format is RdfFormat.TURTLE:
        triples = sorted({q.triple for q in ordered}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_used_prefixes(prefixes, triples))
    else:
        data = ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=_used_prefixes(prefixes, ordered))
    return _sorted_header(data)


def _sorted_header(data: bytes) -> bytes:
    """Put the ``@prefix`` lines in a fixed order, whatever order the serialiser chose."""
    lines = data.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def _used_prefixes(prefixes: dict[str, str], items: list[Any]) -> dict[str, str]:
    """Only the prefixes the data uses, so the header does not depend on unrelated bindings."""
    text = set()
    for item in items:
        for term in (item.subject, item.predicate, item.object):
            if isinstance(term, ox.NamedNode):
                text.add(term.value)
            elif isinstance(term, ox.Literal):
                text.add(term.datatype.value)
        graph = getattr(item, "graph_name", None)
        if isinstance(graph, ox.NamedNode):
            text.add(graph.value)
    return {p: ns for p, ns in sorted(prefixes.items()) if any(v.startswith(ns) for v in text)}


def write_quads(quads: Iterable[ox.Quad], output: str | os.PathLike[str], format: RdfFormat | None = None,
                *, prefixes: dict[str, str] | None = None) -> RdfFormat:
    """Write quads to a file (atomically) or ``-`` (stdout); ``format=None`` guesses from the extension.

    :returns: the format written.
    """
    if format is None:
        if str(output) == "-":
            raise ValueError("give a format to write to standard output")
        format = RdfFormat.from_extension(output)
    data = serialize_quads(quads, format, prefixes=prefixes)
    if str(output).endswith(".gz"):
        import gzip

        data = gzip.compress(data, mtime=0)
    with atomic_output(output) as fh:
        fh.write(data)
    return format


# ---------------------------------------------------------------------------------------------- JSON-LD


@lru_cache(maxsize=1)
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped with kgpub (``kgpub/data/context.jsonld``); never fetched."""
    text = resources.files("kgpub.data").joinpath("context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


@lru_cache(maxsize=1)
def _term_index() -> tuple[dict[str, tuple[str, str | None]], list[tuple[str, str]]]:
    ctx = jsonld_context()
    prefixes = [(k, v) for k, v in ctx.items() if isinstance(v, str) and not v.startswith("@")]
    prefixes.sort(key=lambda kv: -len(kv[1]))

    def expand(value: str) -> str:
        head, _, tail = value.partition(":")
        return ctx[head] + tail if head in ctx and isinstance(ctx[head], str) else value

    terms: dict[str, tuple[str, str | None]] = {}
    for key, value in ctx.items():
        if isinstance(value, dict):
            coerce = value.get("@type")
            terms[expand(value["@id"])] = (key, coerce if coerce == "@id" else (expand(coerce) if coerce else None))
    return terms, prefixes


@lru_cache(maxsize=1 << 16)
def _compact(iri: str) -> str:
    _, prefixes = _term_index()
    for prefix, ns in prefixes:
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _value_object(term: Any) -> Any:
    if isinstance(term, ox.NamedNode):
        return {"@id": _compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if datatype == XSD + "string":
        return term.value
    if datatype == XSD + "integer" and term.value.lstrip("-").isdigit() and str(int(term.value)) == term.value:
        return int(term.value)
    return {"@value": term.value, "@type": _compact(datatype)}


def _key_and_value(predicate: str, term: Any) -> tuple[str, Any]:
    terms, _ = _term_index()
    entry = terms.get(predicate)
    if entry is not None:
        name, coerce = entry
        if coerce == "@id" and isinstance(term, ox.NamedNode):
            return name, _compact(term.value)
        if coerce and coerce != "@id" and isinstance(term, ox.Literal) and term.datatype.value == coerce \
                and not term.language:
            return name, term.value
        if coerce is None:
            return name, _value_object(term)
    return _compact(predicate), _value_object(term)


def _sort_value(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _node_objects(triples: Iterable[Any]) -> dict[str, dict[str, list[Any]]]:
    nodes: dict[str, dict[str, list[Any]]] = {}
    for t in triples:
        subject = t.subject.value if isinstance(t.subject, ox.NamedNode) else f"_:{t.subject.value}"
        node = nodes.setdefault(subject, {})
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(_compact(t.object.value))
        else:
            key, value = _key_and_value(t.predicate.value, t.object)
            node.setdefault(key, []).append(value)
    return nodes


def _render(subject: str, props: dict[str, list[Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"@id": subject if subject.startswith("_:") else _compact(subject)}
    for key in sorted(props, key=lambda k: (k != "@type", k)):
        values = sorted(props[key], key=_sort_value)
        out[key] = values[0] if len(values) == 1 else values
    return out


def jsonld_bytes(quads: Iterable[ox.Quad]) -> bytes:
    """Compact JSON-LD with the shipped context inlined; named graphs as ``@graph`` objects; sorted."""
    by_graph: dict[str, list[Any]] = {}
    for q in set(quads):
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name.value)
        by_graph.setdefault(key, []).append(q.triple)
    top = {s: _render(s, p) for s, p in _node_objects(by_graph.pop("", [])).items()}
    for graph in sorted(by_graph):
        nodes = _node_objects(by_graph[graph])
        body = [_render(s, nodes[s]) for s in sorted(nodes)]
        top.setdefault(graph, {"@id": _compact(graph)})["@graph"] = body
    document = {"@context": jsonld_context(), "@graph": [top[k] for k in sorted(top)]}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
