"""Corpus-scale builds: inputs as records, per-article work in worker processes, sharded output.

The unit of work is a *record*: one input file, or one line of a ``.jsonl`` corpus.  Records are
hashed (path plus content) in the main process; the per-article work (read, extract, check, map,
validate, serialise) runs in workers, which send back sorted N-Quads lines, a JSON-LD fragment
when asked, the validation results and small statistics for the dataset description.

Two ways to use it:

- :func:`run_articles` streams the per-article outputs of records in input order (``kgpub.build``
  uses it for single-file outputs: the same bytes for any number of workers);
- :func:`build_corpus` writes a directory: ``part-NNNNN.nq.gz`` shards (records assigned to shards
  by content hash, so that a changed input touches one shard), ``dataset.ttl``, ``validation.txt``,
  ``errors.txt`` and ``manifest.json`` (input hashes, kgpub version, shapes hash) for incremental
  rebuilds and for resuming a killed run from the shards it finished.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import __version__, iris
from .errors import InputError, KgpubError, ValidationFailed
from .factsheet import FactSheet
from .validate import DEFAULT_VALIDATOR, ValidationReport, ValidationResult, default_shapes_path

log = logging.getLogger("kgpub")

SHEET_FILE, ARTICLE_FILE, SHEET_LINE, ARTICLE_LINE, URL = "sheet-file", "article-file", "sheet-line", \
    "article-line", "url"
DEFAULT_SHARD_SIZE = 1000
CHUNK = 64  # articles a worker task handles at once (single-file builds)
SCHEMA = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ENTITY_TYPES = frozenset({SCHEMA + "Person", SCHEMA + "Organization", SCHEMA + "Place"})
LOCAL_KINDS = ("article", "event", "count", "quote", "claim", "evidence")
_GRAPH_AT_END = re.compile(rb" <[^<> ]*> \.\n")


# ---------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Record:
    """One unit of input: a file, a URL, or one line of a ``.jsonl`` corpus; ``digest`` hashes its content."""

    source: str
    kind: str
    digest: str
    line: int | None = None
    offset: int = 0
    length: int = 0

    @property
    def name(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


def scan_records(sources: Iterable[str]) -> Iterator[Record]:
    """Records of expanded inputs (see :func:`kgpub.pipeline.expand_inputs`), in input order."""
    from .pipeline import FACTSHEET_EXTENSIONS

    for source in sources:
        if source.startswith(("http://", "https://")):
            yield Record(source, URL, hashlib.sha256(f"url\0{source}".encode()).hexdigest())
            continue
        suffix = Path(source).suffix.lower()
        if suffix == ".jsonl":
            yield from _scan_jsonl(source)
            continue
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", source=source) from None
        kind = SHEET_FILE if suffix in FACTSHEET_EXTENSIONS else ARTICLE_FILE
        yield Record(source, kind, _digest(source, data), length=len(data))


def _digest(name: str, data: bytes) -> str:
    h = hashlib.sha256(name.encode("utf-8", "surrogateescape"))
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def _scan_jsonl(source: str) -> Iterator[Record]:
    kind = None
    offset = 0
    try:
        fh = open(source, "rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=source) from None
    with fh:
        for n, raw in enumerate(fh, 1):
            start, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            if kind is None:  # the first line says whether the file holds fact sheets or articles
                try:
                    kind = SHEET_LINE if "article" in json.loads(raw) else ARTICLE_LINE
                except (ValueError, TypeError):
                    kind = SHEET_LINE
            yield Record(source, kind, _digest(source, raw), line=n, offset=start, length=len(raw))


def _read_record(record: Record) -> bytes:
    with open(record.source, "rb") as fh:
        fh.seek(record.offset)
        return fh.read(record.length)


# ---------------------------------------------------------------------------------------- config


@dataclass(frozen=True)
class Config:
    """What the per-article work depends on (part of the incremental-build fingerprint)."""

    base: str = iris.DEFAULT_BASE
    published: str | None = None
    validator: str = DEFAULT_VALIDATOR
    shapes: str | None = None
    jsonld: bool = False

    @property
    def shapes_path(self) -> str:
        return self.shapes or _default_shapes()


@lru_cache(maxsize=1)
def _default_shapes() -> str:
    return str(default_shapes_path())


# ---------------------------------------------------------------------------------------- per article


@dataclass
class ArticleOut:
    """What a worker sends back for one article."""

    source: str
    key: str
    graph: str
    nq: bytes  # the sorted N-Quads lines of the article's graph (emptied once merged into a chunk)
    quads: int = 0  # how many lines
    results: list[ValidationResult] = field(default_factory=list)
    article: str | None = None
    url: str | None = None
    entities: list[str] = field(default_factory=list)
    local: int = 0  # triples whose subject belongs to this article alone
    shared: list[int] = field(default_factory=list)  # 64-bit digests of the other triples
    jsonld: bytes | None = None  # the graph's JSON-LD object (UTF-8), indented for the top-level @graph

    @property
    def triples(self) -> int:
        return self.quads


@dataclass
class ErrorOut:
    """A record that could not be built: the message names the file, line and field."""

    source: str
    message: str
    detail: tuple[str, str | None, int | None, str | None] = ("", None, None, None)

    def error(self) -> InputError:
        message, source, line, fld = self.detail
        return InputError(message, source=source, line=line, field=fld)


def _error_out(record_name: str, exc: InputError) -> ErrorOut:
    return ErrorOut(record_name, str(exc), (exc.detail, exc.source, exc.line, exc.field))


def parse_sheet(data: Any, *, source: str) -> FactSheet:
    """Check one fact sheet (see :func:`kgpub.factsheet.parse_factsheet`)."""
    from .factsheet import parse_factsheet

    return parse_factsheet(data, source=source)


def _sheet_file(path: str) -> FactSheet:
    from .factsheet import load_factsheet

    if path.lower().endswith(".json"):
        try:
            data = json.loads(Path(path).read_bytes().decode("utf-8"))
            return parse_sheet(data, source=path)
        except (ValueError, OSError, InputError):
            pass  # the reference path gives the exact message
    return load_factsheet(path)


def _with_published(sheet: FactSheet, published: str | None) -> FactSheet:
    if published and not sheet.article.get("published"):
        sheet.data["article"]["published"] = published
        return parse_sheet(sheet.data, source=sheet.source)
    return sheet


def _sheets(records: list[Record], cfg: Config) -> Iterator[tuple[Record, FactSheet | InputError]]:
    """Fact sheets of records, in order; articles to extract are batched through ``extract_many``."""
    pending: list[tuple[Record, Any]] = []

    def flush() -> Iterator[tuple[Record, FactSheet | InputError]]:
        if not pending:
            return
        from .extract import extract_many

        ok = [(r, a) for r, a in pending if not isinstance(a, InputError)]
        sheets = iter(extract_many([a for _, a in ok]))
        for rec, art in pending:
            if isinstance(art, InputError):
                yield rec, art
                continue
            try:
                yield rec, parse_sheet(next(sheets), source=rec.name)
            except InputError as exc:
                yield rec, exc
        pending.clear()

    for rec in records:
        try:
            if rec.kind == SHEET_FILE:
                yield from flush()
                yield rec, _with_published(_sheet_file(rec.source), cfg.published)
            elif rec.kind == SHEET_LINE:
                yield from flush()
                try:
                    data = json.loads(_read_record(rec))
                except ValueError as exc:
                    raise InputError(f"invalid JSON: {exc}", source=rec.source, line=rec.line) from None
                yield rec, _with_published(parse_sheet(data, source=rec.name), cfg.published)
            elif rec.kind == ARTICLE_LINE:
                from .read import _finish, _from_record

                try:
                    obj = json.loads(_read_record(rec))
                except ValueError as exc:
                    raise InputError(f"not a JSON object: {exc}", source=rec.source, line=rec.line) from None
                pending.append((rec, _finish(_from_record(obj, rec.source, rec.line or 0), cfg.published)))
            else:
                from .read import read_article

                pending.append((rec, read_article(rec.source, published=cfg.published)))
        except InputError as exc:
            if pending:
                pending.append((rec, exc))
            else:
                yield rec, exc
    yield from flush()


@lru_cache(maxsize=4)
def _compiled(path: str) -> Any:
    from .shacl import compile_shapes

    return compile_shapes(path)


def validate_article(quads: list[ox.Quad], cfg: Config) -> list[ValidationResult]:
    """Validate one article's graph (what :func:`kgpub.validate.validate` reports for it)."""
    from .validate import _labels, validate

    if cfg.validator != "native":
        return validate(quads, shapes=cfg.shapes_path, validator=cfg.validator).results
    from .shacl.graph import Index

    raw = _compiled(cfg.shapes_path).validate(Index(quads)).results
    if not raw:
        return []
    triples = [q.triple for q in quads]
    labels = _labels(triples, {r.focus for r in raw})
    results = {ValidationResult(focus=r.focus, path=r.path, message=r.message, severity=r.severity,
                                value=r.value, source_shape=r.source_shape, constraint=r.constraint,
                                focus_label=labels.get(r.focus)) for r in raw}
    return sorted(results, key=lambda r: (r.focus, r.path or "", r.message, r.value or ""))


def _triple_digest(triple: ox.Triple) -> int:
    return int.from_bytes(hashlib.blake2b(str(triple).encode("utf-8"), digest_size=8).digest(), "big")


def article_out(sheet: FactSheet, cfg: Config, *, source: str) -> ArticleOut:
    """Map, validate and serialise one fact sheet."""
    from .mapping import map_factsheet

    quads = map_factsheet(sheet, base=cfg.base)
    key = sheet.key
    graph = iris.graph_iri(cfg.base, key)
    lines = sorted(set(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)))
    out = ArticleOut(source=source, key=key, graph=graph, nq=b"".join(lines), quads=len(lines),
                     results=validate_article(quads, cfg))
    own = iris.article_iri(cfg.base, key)
    prefixes = tuple(f"{cfg.base}{kind}/{key}/" for kind in LOCAL_KINDS)
    local = 0
    entities: set[str] = set()
    shared = set()
    for q in quads:
        s = q.subject.value
        p = q.predicate.value
        if p == RDF_TYPE and isinstance(q.object, ox.NamedNode):
            if q.object.value == SCHEMA + "NewsArticle":
                out.article = s
            elif q.object.value in ENTITY_TYPES:
                entities.add(s)
        elif p == SCHEMA + "url" and isinstance(q.object, ox.Literal):
            out.url = q.object.value
        if s == own or s.startswith(prefixes):
            local += 1
        else:
            shared.add(_triple_digest(q.triple))
    out.local = local
    out.shared = sorted(shared)
    out.entities = sorted(entities)
    if cfg.jsonld:
        out.jsonld = jsonld_fragment(graph, [q.triple for q in quads]).encode("utf-8")
    return out


def jsonld_fragment(graph: str, triples: list[ox.Triple]) -> str:
    """One named graph as the object :func:`kgpub.rdfio.jsonld_bytes` puts in the top-level ``@graph``.

    The same text ``json.dumps(..., indent=1)`` gives inside the document, written directly (the
    generic encoder is the slowest part of a build otherwise).
    """
    compact = _compact_cached()
    key_and_value = _key_and_value_cached()
    nodes: dict[str, dict[str, list[Any]]] = {}
    for t in set(triples):
        subject = t.subject.value if isinstance(t.subject, ox.NamedNode) else f"_:{t.subject.value}"
        node = nodes.get(subject)
        if node is None:
            node = nodes[subject] = {}
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(t.object.value))
        else:
            key, value = key_and_value(t.predicate.value, t.object)
            node.setdefault(key, []).append(value)
    enc = _encode_string
    out = ["  {\n   \"@id\": ", enc(compact(graph)), ",\n   \"@graph\": ["]
    if not nodes:
        out.append("]\n  }")
        return "".join(out)
    first_node = True
    for subject in sorted(nodes):
        props = nodes[subject]
        out.append("\n    {\n     \"@id\": " if first_node else ",\n    {\n     \"@id\": ")
        first_node = False
        out.append(enc(subject if subject.startswith("_:") else compact(subject)))
        for key in sorted(props, key=lambda k: (k != "@type", k)):
            values = props[key]
            out.append(",\n     ")
            out.append(enc(key))
            out.append(": ")
            if len(values) == 1:
                out.append(_value_text(values[0], 5))
            else:
                values.sort(key=_sort_text)
                out.append("[\n      ")
                out.append(",\n      ".join(_value_text(v, 6) for v in values))
                out.append("\n     ]")
        out.append("\n    }")
    out.append("\n   ]\n  }")
    return "".join(out)


def _compact_cached() -> Callable[[str], str]:
    from .rdfio import _compact

    return _compact


def _key_and_value_cached() -> Callable[[str, Any], tuple[str, Any]]:
    from .rdfio import _key_and_value

    return _key_and_value


def _encode_string(value: str) -> str:
    return _json_str(value)


_json_str = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _sort_text(value: Any) -> str:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False)`` for the values JSON-LD nodes hold."""
    if isinstance(value, str):
        return _json_str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json_str(k)}: {_sort_text(value[k])}" for k in sorted(value)) + "}"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return int.__repr__(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _value_text(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(indent=1)`` writes it when it opens at nesting ``level``."""
    if isinstance(value, str):
        return _json_str(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + " " * (level + 1)
        return "{" + inner + ("," + inner).join(f"{_json_str(k)}: {_value_text(v, level + 1)}"
                                                 for k, v in value.items()) + "\n" + " " * level + "}"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = "\n" + " " * (level + 1)
        return "[" + inner + ("," + inner).join(_value_text(v, level + 1) for v in value) + "\n" + " " * level + "]"
    return json.dumps(value, ensure_ascii=False)


def jsonld_fragment_reference(graph: str, triples: list[ox.Triple]) -> str:
    """The slow, obviously right version of :func:`jsonld_fragment` (kept for the tests)."""
    from .rdfio import _compact, _node_objects, _render

    nodes = _node_objects(set(triples))
    item = {"@id": _compact(graph), "@graph": [_render(s, nodes[s]) for s in sorted(nodes)]}
    return "\n".join("  " + line for line in json.dumps(item, ensure_ascii=False, indent=1).split("\n"))


def process_records(records: list[Record], cfg: Config, counter: Any = None) -> list[ArticleOut | ErrorOut]:
    """The per-article work for some records (runs in a worker)."""
    return [out for _, out in _iter_outs(records, cfg, counter)]


@dataclass
class ChunkOut:
    """The outputs of consecutive records: per-article statistics and one sorted N-Quads text for all.

    The articles' own ``nq`` are emptied: their lines are in ``nq`` (sorted, one line a quad), so
    the main process merges one run a chunk instead of a million small objects.
    """

    outs: list[ArticleOut | ErrorOut]
    nq: bytes


def process_chunk(records: list[Record], cfg: Config, counter: Any = None) -> ChunkOut:
    """:func:`process_records`, with the articles' N-Quads merged into one sorted text (runs in a worker)."""
    outs = process_records(records, cfg, counter)
    lines: list[bytes] = []
    for out in outs:
        if isinstance(out, ArticleOut):
            lines.extend(out.nq.splitlines(keepends=True))
            out.nq = b""
    lines.sort()
    return ChunkOut(outs, b"".join(lines))


def drop_graphs(nq: bytes, graphs: set[str]) -> bytes:
    """Sorted N-Quads without the lines of some named graphs (articles left out after the fact)."""
    wanted = {g.encode("utf-8") for g in graphs}
    return b"".join(line for line in nq.splitlines(keepends=True) if line[line.rindex(b" <") + 2:-4] not in wanted)


# ---------------------------------------------------------------------------------------- engines

_COUNTER: Any = None


def _init_worker(counter: Any) -> None:
    global _COUNTER
    _COUNTER = counter


def _task(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(*args, counter=_COUNTER)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


class Workers:
    """``jobs`` worker processes (none for one job: the work runs in this process), used for several rounds.

    The processes start when the pool opens: open it before reading the inputs, while this process
    is still small (forked workers carry the memory their parent had, which would count in theirs).
    """

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = jobs or default_jobs()
        self.counter: Any = _Count()
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        if self.jobs > 1:
            import multiprocessing as mp

            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            self.counter = ctx.Value("q", 0)
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx, initializer=_init_worker,
                                            initargs=(self.counter,))
            self.pool.submit(os.getpid).result()  # forked pools start all their processes at the first task
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def run(self, fn: Callable[..., Any], tasks: Iterable[tuple[Any, ...]], *, ordered: bool = True,
            on_progress: Callable[[int], None] | None = None, window: int | None = None) -> Iterator[Any]:
        """``fn(*task, counter=...)`` for each task; results in task order when ``ordered``.

        At most ``window`` tasks are in flight or waiting to be taken (memory stays bounded however
        many tasks there are; the tasks are drawn from the iterable lazily).  ``on_progress(n)``
        gets the running count of articles done, from a counter the workers share.
        """
        if self.pool is None:
            for task in tasks:
                result = fn(*task, counter=self.counter)
                if on_progress:
                    on_progress(self.counter.value)
                yield result
            return
        window = window or 2 * self.jobs
        pending: dict[Future[Any], int] = {}
        done: dict[int, Any] = {}
        next_out = 0
        it = iter(enumerate(tasks))
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) + len(done) < window:
                    try:
                        i, task = next(it)
                    except StopIteration:
                        exhausted = True
                        break
                    pending[self.pool.submit(_task, fn, *task)] = i
                if not pending and not done:
                    break
                if pending:
                    finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                    if on_progress:
                        on_progress(self.counter.value)
                    for fut in finished:
                        done[pending.pop(fut)] = fut.result()
                if ordered:
                    while next_out in done:
                        yield done.pop(next_out)
                        next_out += 1
                else:
                    for i in sorted(done):
                        yield done.pop(i)
        finally:
            for fut in pending:
                fut.cancel()


def run_tasks(fn: Callable[..., Any], tasks: Iterable[tuple[Any, ...]], *, jobs: int | None = None,
              ordered: bool = True, on_progress: Callable[[int], None] | None = None,
              window: int | None = None) -> Iterator[Any]:
    """Run ``fn(*task, counter=...)`` for each task in a :class:`Workers` pool of its own (see :meth:`Workers.run`)."""
    with Workers(jobs) as workers:
        yield from workers.run(fn, tasks, ordered=ordered, on_progress=on_progress, window=window)


class _Count:
    """A stand-in for the shared counter when running in this process."""

    def __init__(self) -> None:
        self.value = 0

    def get_lock(self) -> Any:
        import contextlib

        return contextlib.nullcontext()


def chunks(records: list[Record], cfg: Config, jobs: int) -> Iterator[tuple[list[Record], Config]]:
    """Tasks of consecutive records for :func:`process_chunk` (smaller with several workers, to balance them)."""
    size = CHUNK if jobs > 1 else 256
    return ((records[i:i + size], cfg) for i in range(0, len(records), size))


def run_articles(records: list[Record], cfg: Config, *, jobs: int | None = None,
                 on_progress: Callable[[int], None] | None = None) -> Iterator[ArticleOut | ErrorOut]:
    """Per-article outputs of ``records`` in input order, computed by ``jobs`` workers."""
    jobs = jobs or default_jobs()
    for outs in run_tasks(process_records, chunks(records, cfg, jobs), jobs=jobs, ordered=True,
                          on_progress=on_progress):
        yield from outs


# ---------------------------------------------------------------------------------------- writers

PART_LINES = 1 << 16  # N-Quads lines a part of the output (assembled by a worker)


def merge_runs(runs: list[bytes]) -> Iterator[bytes]:
    """The lines of sorted texts, merged in order (a k-way merge: no list of all lines is ever made)."""
    import heapq
    import io

    if len(runs) == 1:
        return iter(io.BytesIO(runs[0]))
    return heapq.merge(*(io.BytesIO(r) for r in runs if r))


def subject_parts(lines: Iterable[bytes], size: int | None = None) -> Iterator[bytes]:
    """Sorted N-Quads lines in texts of about ``size`` lines, cut between subjects only.

    All quads of a subject fall in one part, so each part's Turtle (or N-Triples, made unique) is
    the piece of the whole document for its subjects, and the pieces concatenate to the whole.
    """
    size = size or PART_LINES
    buf: list[bytes] = []
    cut: bytes | None = None
    for line in lines:
        if cut is not None and not line.startswith(cut):
            yield b"".join(buf)
            buf.clear()
            cut = None
        buf.append(line)
        if cut is None and len(buf) >= size:
            cut = line[:line.index(b" ") + 1]
    if buf:
        yield b"".join(buf)


def assemble_part(nq: bytes, nt: bool, ttl: bool, counter: Any = None) -> tuple[bytes | None, bytes | None,
                                                                               list[str]]:
    """N-Triples and the Turtle body of a part made by :func:`subject_parts` (runs in a worker).

    Returns (sorted unique N-Triples or None, Turtle without its prefix lines or None, the names of
    the :data:`kgpub.rdfio.PREFIXES` the part uses).  The Turtle is written with all the prefixes:
    one the data does not use abbreviates nothing, so the body is the same as with the used ones.
    """
    from .rdfio import PREFIXES

    # sorted N-Quads give sorted N-Triples once the graph is cut off; the copies of a triple in
    # several graphs are next to each other, and dict.fromkeys keeps the first of each
    ntriples = b"".join(dict.fromkeys(_GRAPH_AT_END.sub(b" .\n", nq).splitlines(keepends=True)))
    del nq
    used = [p for p, ns in PREFIXES.items() if _prefix_used(ntriples, ns)]
    body = None
    if ttl:
        data = ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                            prefixes=PREFIXES) if ntriples else b""
        at = 0
        while data.startswith(b"@prefix ", at):
            at = data.index(b"\n", at) + 1
        body = data[at:]
    return (ntriples if nt else None), body, used


def turtle_header(used: Iterable[str]) -> bytes:
    """The ``@prefix`` lines :func:`kgpub.rdfio.serialize_quads` writes for these prefixes."""
    from .rdfio import PREFIXES

    prefixes = {p: PREFIXES[p] for p in sorted(set(used))}
    if not prefixes:
        return b""
    # the serialiser writes the prefixes before the first triple: serialise one and keep only them
    urn = ox.NamedNode("urn:x")
    data = ox.serialize([ox.Triple(urn, urn, urn)], format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return b"".join(sorted(line for line in data.splitlines(keepends=True) if line.startswith(b"@prefix ")))


def nquads_from_lines(lines: list[bytes], *, unique: bool = False) -> bytes:
    """Sorted unique N-Quads (the bytes :func:`kgpub.rdfio.serialize_quads` gives for these quads).

    ``unique=True`` says the lines hold no duplicates (article graphs of distinct articles).
    """
    if unique:
        lines.sort()
        return b"".join(lines)
    return b"".join(sorted(set(lines)))


def ntriples_from_nquads(nquads: bytes) -> bytes:
    """The sorted unique N-Triples of the union of the graphs of sorted N-Quads."""
    if not nquads:
        return b""
    return b"".join(sorted(set(_GRAPH_AT_END.sub(b" .\n", nquads).splitlines(keepends=True))))


def _prefix_used(ntriples: bytes, ns: str) -> bool:
    """Whether an IRI of the data (subject, predicate, IRI object or datatype) starts with ``ns``."""
    needle = b"<" + ns.encode("utf-8")
    start = 0
    while True:
        at = ntriples.find(needle, start)
        if at < 0:
            return False
        line_start = ntriples.rfind(b"\n", 0, at) + 1
        line_end = ntriples.find(b"\n", at) + 1 or len(ntriples)
        for t in ox.parse(ntriples[line_start:line_end], format=ox.RdfFormat.N_TRIPLES):
            for term in (t.subject, t.predicate, t.object):
                value = term.value if isinstance(term, ox.NamedNode) else (
                    term.datatype.value if isinstance(term, ox.Literal) else "")
                if value.startswith(ns):
                    return True
        start = line_end


def turtle_from_ntriples(ntriples: bytes, prefixes: dict[str, str] | None = None) -> bytes:
    """Turtle with the layout of :func:`kgpub.rdfio.serialize_quads` from sorted N-Triples."""
    from .rdfio import PREFIXES, _sorted_header

    prefixes = PREFIXES if prefixes is None else prefixes
    used = {p: ns for p, ns in sorted(prefixes.items()) if _prefix_used(ntriples, ns)}
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES) if ntriples else []
    return _sorted_header(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used))


def _jsonld_frame() -> tuple[bytes, bytes, bytes]:
    """The JSON-LD document around its graphs: (text before the first, separator, text after the last)."""
    from .rdfio import jsonld_context

    marker = "@@kgpub-graphs@@"
    head = json.dumps({"@context": jsonld_context(), "@graph": [marker]}, ensure_ascii=False, indent=1) + "\n"
    before, after = head.split(f'  "{marker}"', 1)
    return before.encode("utf-8"), b",\n", after.encode("utf-8")


def write_jsonld(fh: Any, fragments: list[tuple[str, bytes]]) -> None:
    """Write the JSON-LD document of named graphs from their fragments (graph IRI, UTF-8 text), sorted.

    The bytes of :func:`kgpub.rdfio.jsonld_bytes` for the same graphs, written piece by piece.
    """
    if not fragments:
        fh.write(jsonld_from_fragments([]))
        return
    before, sep, after = _jsonld_frame()
    fragments.sort()
    fh.write(before)
    for i, (_, text) in enumerate(fragments):
        if i:
            fh.write(sep)
        fh.write(text)
    fh.write(after)


def jsonld_from_fragments(fragments: list[tuple[str, str]]) -> bytes:
    """The JSON-LD document of named graphs from their fragments (graph IRI, text), as ``jsonld_bytes``."""
    from .rdfio import jsonld_context

    marker = "@@kgpub-graphs@@"
    head = json.dumps({"@context": jsonld_context(), "@graph": [marker]}, ensure_ascii=False, indent=1)
    body = ",\n".join(text for _, text in sorted(fragments))
    if not fragments:
        return (json.dumps({"@context": jsonld_context(), "@graph": []}, ensure_ascii=False, indent=1)
                + "\n").encode("utf-8")
    return (head.replace(f'  "{marker}"', body, 1) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------- corpus builds

DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
SPDX = "http://spdx.org/rdf/terms#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
META_DIR = ".kgpub"


def shard_count(n: int, shard_size: int = DEFAULT_SHARD_SIZE) -> int:
    """How many shards ``n`` records make: the smallest power of two giving at most ``shard_size`` each."""
    k = 1
    while k * shard_size < n:
        k *= 2
    return k


def shard_of(digest: str, shards: int) -> int:
    """The shard of a record: from its content hash, so that an edit touches one shard only."""
    return int(digest[:12], 16) % shards


def part_name(index: int) -> str:
    return f"part-{index:05d}.nq.gz"


@dataclass
class ShardTask:
    """One shard to (re)build: the records to process and the articles kept from the previous build."""

    index: int
    records: list[Record]
    inputs: list[str]
    keep: list[dict[str, Any]]
    old_part: str | None
    staging: str
    cfg: Config
    fingerprint: str
    keep_going: bool
    allow_invalid: bool


def _violations(results: list[ValidationResult]) -> int:
    return sum(r.severity == "Violation" for r in results)


def build_shard(task: ShardTask, counter: Any = None) -> dict[str, Any]:
    """Build one shard: write ``part-NNNNN.nq.gz`` and its sidecar into the staging folder; return the sidecar."""
    name = part_name(task.index)
    sidecar: dict[str, Any] = {"fingerprint": task.fingerprint, "index": task.index, "inputs": task.inputs,
                               "part": name, "articles": [], "errors": [], "failed": None}
    runs: list[bytes] = []  # sorted N-Quads, one text an article: merged at the end, never split into a list
    for rec, out in _iter_outs(task.records, task.cfg, counter):
        if isinstance(out, ErrorOut):
            sidecar["errors"].append({"digest": rec.digest, "source": out.source, "message": out.message})
            if not task.keep_going:
                sidecar["failed"] = list(out.detail)
                return sidecar
            continue
        if _violations(out.results) and not task.allow_invalid and task.keep_going:
            first = out.results[0].line()
            sidecar["errors"].append({"digest": rec.digest, "source": out.source, "message":
                                      f"{out.source}: does not conform ({_violations(out.results)} violation(s)): "
                                      f"{first}"})
            continue
        runs.append(out.nq)
        sidecar["articles"].append({
            "digest": rec.digest, "source": out.source, "key": out.key, "graph": out.graph,
            "quads": out.triples, "local": out.local, "shared": out.shared, "entities": out.entities,
            "article": out.article, "results": [asdict(r) for r in out.results]})
    if task.keep:
        graphs = {a["graph"].encode("utf-8") for a in task.keep}
        with gzip.open(task.old_part, "rb") as fh:  # type: ignore[arg-type]
            runs.append(b"".join(line for line in fh if line[line.rindex(b" <") + 2:-4] in graphs))
        sidecar["articles"].extend(task.keep)
    sidecar["articles"].sort(key=lambda a: a["digest"])
    sidecar["errors"].sort(key=lambda e: e["source"])
    data = _gzip_lines(merge_runs(runs))
    del runs
    staging = Path(task.staging)
    _atomic_write(staging / name, data)
    sidecar["sha256"] = hashlib.sha256(data).hexdigest()
    sidecar["bytes"] = len(data)
    sidecar["quads"] = sum(a["quads"] for a in sidecar["articles"])
    sidecar["processed"] = len(task.records)
    _atomic_write(staging / f"part-{task.index:05d}.json", json.dumps(sidecar, sort_keys=True).encode())
    return sidecar


def _key_digest(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).digest(), "big")


def _iter_outs(records: list[Record], cfg: Config,
               counter: Any = None) -> Iterator[tuple[Record, ArticleOut | ErrorOut]]:
    """:func:`process_records` one article at a time."""
    for rec, sheet in _sheets(records, cfg):
        if isinstance(sheet, InputError):
            yield rec, _error_out(rec.name, sheet)
        else:
            yield rec, article_out(sheet, cfg, source=sheet.source)
        if counter is not None:
            with counter.get_lock():
                counter.value += 1


def _gzip_lines(lines: Iterable[bytes]) -> bytes:
    """Lines gzipped as they come: the bytes of ``gzip.compress(b"".join(lines), 6, mtime=0)``."""
    import zlib

    z = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: a gzip member, no timestamp or name
    out: list[bytes] = []
    batch: list[bytes] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= 4096:
            out.append(z.compress(b"".join(batch)))
            batch.clear()
    out.append(z.compress(b"".join(batch)))
    out.append(z.flush())
    return b"".join(out)


class GzipWriter:
    """Write gzip to ``fh`` as data comes: the bytes ``gzip.compress(all data, level, mtime=0)`` gives."""

    def __init__(self, fh: Any, level: int = 9) -> None:
        import zlib

        self.fh = fh
        self.z = zlib.compressobj(level, zlib.DEFLATED, 31)

    def write(self, data: bytes) -> None:
        self.fh.write(self.z.compress(data))

    def __enter__(self) -> GzipWriter:
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is None:
            self.fh.write(self.z.flush())


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _load_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_bytes())  # type: ignore[no-any-return]
    except (OSError, ValueError):
        return None


def _file_sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def fingerprint(cfg: Config, *, shards: int, keep_going: bool, allow_invalid: bool) -> str:
    """What the shards depend on besides their inputs: kgpub version, shapes, options, shard count."""
    from .pipeline import shapes_digest

    data = {"kgpub": __version__, "shapes": shapes_digest(cfg.shapes), "base": cfg.base,
            "published": cfg.published, "validator": cfg.validator, "shards": shards,
            "keep_going": keep_going, "allow_invalid": allow_invalid}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def build_corpus(inputs: Iterable[Any], out_dir: str, *, base: str = iris.DEFAULT_BASE,
                 published: str | None = None, allow_invalid: bool = False, keep_going: bool = False,
                 validator: str = DEFAULT_VALIDATOR, shapes: Any = None, jobs: int | None = None,
                 on_progress: Callable[[int, int], None] | None = None, engine: str = "local",
                 scheduler: str | None = None, shard_size: int | None = None) -> Any:
    """Build a corpus into a directory of shards (see the module docs); incremental and resumable."""
    import contextlib

    workers = Workers(jobs) if engine == "local" else None
    with workers if workers is not None else contextlib.nullcontext(), RecordSpool() as spool:
        return _build_corpus(inputs, out_dir, base=base, published=published, allow_invalid=allow_invalid,
                             keep_going=keep_going, validator=validator, shapes=shapes, workers=workers,
                             on_progress=on_progress, engine=engine, scheduler=scheduler, shard_size=shard_size,
                             spool=spool)


def _build_corpus(inputs: Iterable[Any], out_dir: str, *, base: str, published: str | None, allow_invalid: bool,
                  keep_going: bool, validator: str, shapes: Any, workers: Workers | None,
                  on_progress: Callable[[int, int], None] | None, engine: str, scheduler: str | None,
                  shard_size: int | None, spool: RecordSpool) -> Any:
    from .pipeline import (
        BuildResult,
        DatasetStats,
        describe_from_stats,
        expand_inputs,
        shapes_digest,
    )

    started = time.perf_counter()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a directory", source=out_dir, field="--output")
    sources = expand_inputs(inputs)
    if "-" in sources:
        raise InputError("standard input cannot go into a directory build", source="-")
    meta, staging = out / META_DIR / "shards", out / META_DIR / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    # the records go to an on-disk table as they are scanned: the main process keeps none of them
    spool.open(staging / f"records-{os.getpid()}.sqlite")
    n_records = spool.add_records(scan_records(sources))
    del sources
    shards = shard_count(n_records, shard_size or DEFAULT_SHARD_SIZE)
    spool.assign_shards(shards)
    cfg = Config(base=base, published=published, validator=validator, shapes=str(shapes) if shapes else None)
    fp = fingerprint(cfg, shards=shards, keep_going=keep_going, allow_invalid=allow_invalid)
    summaries: dict[int, dict[str, Any]] = {}
    result = BuildResult()
    # what the dataset description and report need, added up as shards come in; the per-article
    # details stay in the shards' sidecars on disk and the article keys' digests in the spool's
    # table, so memory does not grow with the corpus
    stats = DatasetStats(documents=0)
    shared: set[int] = set()
    results: set[ValidationResult] = set()

    def slim(summary: dict[str, Any]) -> dict[str, Any]:
        for a in summary["articles"]:
            stats.documents = (stats.documents or 0) + (1 if a.get("article") else 0)
            stats.triples += a["local"]
            shared.update(a["shared"])
            stats.entities.update(a["entities"])
            results.update(ValidationResult(**r) for r in a["results"])
        spool.add_keys(a["key"] for a in summary["articles"])
        small = {k: v for k, v in summary.items() if k not in ("articles", "inputs")}  # inputs: in the spool
        small["n_articles"] = len(summary["articles"])
        small["errors"] = [e["message"] for e in summary["errors"]]
        return small

    def plan(i: int) -> tuple[list[str], dict[str, Any] | None] | None:
        """None when shard ``i`` is done (its summary added); else its input digests and the old sidecar."""
        inputs_i = spool.inputs(i)
        staged = _load_json(staging / f"part-{i:05d}.json")
        if staged and staged.get("fingerprint") == fp and staged.get("inputs") == inputs_i \
                and _file_sha256(staging / part_name(i)) == staged.get("sha256"):
            summaries[i] = slim(staged)  # finished by a run that stopped before publishing: resume
            result.shards_reused += 1
            return None
        old = _load_json(meta / f"part-{i:05d}.json")
        if old is not None and old.get("fingerprint") != fp:
            old = None
        old_ok = old is not None and _file_sha256(out / part_name(i)) == old.get("sha256")
        if old_ok and old is not None and old.get("inputs") == inputs_i:
            old["published"] = True
            summaries[i] = slim(old)
            result.shards_reused += 1
            return None
        return inputs_i, (old if old_ok else None)

    def make_task(i: int, inputs_i: list[str], old: dict[str, Any] | None) -> ShardTask:
        wanted = set(inputs_i)
        keep = [a for a in old["articles"] if a["digest"] in wanted] if old else []
        kept = {a["digest"] for a in keep}
        todo = [r for r in spool.records(i) if r.digest not in kept]
        return ShardTask(i, todo, inputs_i, keep, str(out / part_name(i)) if keep else None, str(staging), cfg, fp,
                         keep_going, allow_invalid)

    # first pass: shards finished before are added up, the others counted (their tasks are made when
    # handed out, so that only the shards in flight hold records and kept articles)
    to_build: list[int] = []
    total = 0
    for i in spool.shards():
        planned = plan(i)
        if planned is None:
            continue
        to_build.append(i)
        inputs_i, old = planned
        kept = {a["digest"] for a in old["articles"]} & set(inputs_i) if old else set()
        total += spool.count_records(i, kept)
        del planned, inputs_i, old, kept

    def tasks() -> Iterator[ShardTask]:
        for i in to_build:
            planned = plan(i)  # the same answer as in the first pass (nothing changed the shard since)
            assert planned is not None
            yield make_task(i, *planned)

    progress = (lambda n: on_progress(n, total)) if on_progress else None
    if engine == "dask":
        from .dask_engine import run_shards

        done_iter: Iterable[dict[str, Any]] = run_shards(list(tasks()), scheduler=scheduler, on_progress=progress)
    elif engine == "local":
        assert workers is not None
        done_iter = workers.run(build_shard, ((t,) for t in tasks()), ordered=False, on_progress=progress)
    else:
        raise InputError(f"unknown engine {engine!r}; use local or dask", field="--engine")
    for summary in done_iter:
        if summary.get("failed"):
            message, source, line, fld = summary["failed"]
            raise InputError(message, source=source, line=line, field=fld)
        summaries[summary["index"]] = slim(summary)
        result.shards_built += 1
    # everything is built: check across shards (in shard order, whatever order they finished in), then publish
    errors: list[str] = []
    quads = 0
    for i in sorted(summaries):
        s = summaries[i]
        errors.extend(s["errors"])
        result.articles += s["n_articles"]
        quads += s.get("quads", 0)
    suspects = spool.duplicate_keys()
    if suspects:  # the keys of the articles, in shard order, from the sidecars
        seen: dict[str, str] = {}
        for i in sorted(summaries):
            full = _load_json((meta if summaries[i].get("published") else staging) / f"part-{i:05d}.json")
            for a in full["articles"] if full else []:
                key = a["key"]
                if _key_digest(key) not in suspects:
                    continue
                if key in seen:
                    exc = InputError(f"article key {key!r} is also used by {seen[key]}", source=a["source"],
                                     field="article.id")
                    if not keep_going:
                        raise exc
                    errors.append(str(exc))
                seen.setdefault(key, a["source"])
    stats.triples += len(shared)
    shared.clear()
    report = ValidationReport(results=sorted(results, key=lambda r: (r.focus, r.path or "", r.message, r.value or "")),
                              triples=quads, validator=validator)
    result.report, result.errors, result.n_quads, result.n_triples = report, sorted(errors), quads, stats.triples
    result.processed = total  # type: ignore[attr-defined]
    if not report.conforms and not allow_invalid:
        raise ValidationFailed(f"the data does not conform to the shapes ({report.violations} violation(s)); "
                               "nothing published (use --allow-invalid or --keep-going)", report=report)
    meta.mkdir(parents=True, exist_ok=True)
    names = set()
    for i in sorted(summaries):
        s = summaries[i]
        names.add(s["part"])
        if not s.get("published"):
            os.replace(staging / s["part"], out / s["part"])
            full = _load_json(staging / f"part-{i:05d}.json")
            if full is None:
                raise KgpubError(f"the sidecar of {s['part']} has gone from {staging}")
            full.pop("processed", None)
            _atomic_write(meta / f"part-{i:05d}.json", json.dumps(full, sort_keys=True).encode())
            (staging / f"part-{i:05d}.json").unlink(missing_ok=True)
    for stale in out.glob("part-*.nq.gz"):
        if stale.name not in names:
            stale.unlink()
            (meta / (stale.name[:-len(".nq.gz")] + ".json")).unlink(missing_ok=True)
    for leftover in staging.glob("*"):
        leftover.unlink()
    description = describe_from_stats(stats, base=base, shapes=shapes, subsets=False, graph=ox.DefaultGraph())
    description += _distributions(base, [summaries[i] for i in sorted(summaries)])
    from .rdfio import PREFIXES, write_quads

    write_quads(description, out / "dataset.ttl", prefixes={**PREFIXES, "spdx": SPDX})
    _atomic_write(out / "validation.txt", (report.text() + "\n").encode("utf-8"))
    _atomic_write(out / "errors.txt", "".join(f"{e}\n" for e in result.errors).encode("utf-8"))
    manifest = {"kgpub": __version__, "fingerprint": fp, "shapes_sha256": shapes_digest(shapes),
                "articles": result.articles, "quads": quads, "triples": stats.triples, "errors": len(result.errors)}
    _write_manifest(out / "manifest.json", manifest, (
        {"name": summaries[i]["part"], "sha256": summaries[i]["sha256"], "bytes": summaries[i]["bytes"],
         "articles": summaries[i]["n_articles"], "quads": summaries[i]["quads"], "inputs": spool.inputs(i)}
        for i in sorted(summaries)))
    result.written = [str(out / s["part"]) for _, s in sorted(summaries.items())] + [
        str(out / n) for n in ("dataset.ttl", "validation.txt", "errors.txt", "manifest.json")]
    result.seconds = time.perf_counter() - started
    return result


class RecordSpool:
    """The records of a directory build and its article keys' digests, in an SQLite file (not in memory).

    Records go in as they are scanned and come out a shard at a time, in input order; the keys'
    64-bit digests go in as shards arrive, and :meth:`duplicate_keys` finds those used twice with
    one sorted pass on disk.  The file lives in the output's staging folder (a ``/tmp`` on tmpfs
    would be memory again) and is removed on close.
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        self.db: Any = None

    def open(self, path: Path) -> None:
        import sqlite3

        self.close()
        path.unlink(missing_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE", "cache_size=-1024"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute("CREATE TABLE records (seq INTEGER PRIMARY KEY, h INTEGER, shard INTEGER, digest TEXT,"
                        " source TEXT, kind TEXT, line INTEGER, offset INTEGER, length INTEGER)")
        self.db.execute("CREATE TABLE keys (h INTEGER)")

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        if self.path is not None:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.path = None

    def add_records(self, records: Iterable[Record]) -> int:
        """Store records (in order); return how many there are."""
        self.db.execute("BEGIN")
        self.db.executemany("INSERT INTO records (h, digest, source, kind, line, offset, length)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)",
                            ((int(r.digest[:12], 16), r.digest, r.source, r.kind, r.line, r.offset, r.length)
                             for r in records))
        self.db.execute("COMMIT")
        return int(self.db.execute("SELECT COUNT(*) FROM records").fetchone()[0])

    def assign_shards(self, shards: int) -> None:
        """Put each record in its shard (see :func:`shard_of`: the first 48 bits of the digest modulo ``shards``)."""
        self.db.execute("BEGIN")
        self.db.execute("UPDATE records SET shard = h % ?", (shards,))
        self.db.execute("CREATE INDEX records_shard ON records (shard, seq)")
        self.db.execute("COMMIT")

    def shards(self) -> list[int]:
        """The shards with records, in order."""
        return [row[0] for row in self.db.execute("SELECT DISTINCT shard FROM records ORDER BY shard")]

    def records(self, shard: int) -> list[Record]:
        """The records of a shard, in input order."""
        return [Record(source, kind, digest, line, offset, length) for source, kind, digest, line, offset, length
                in self.db.execute("SELECT source, kind, digest, line, offset, length FROM records"
                                   " WHERE shard = ? ORDER BY seq", (shard,))]

    def inputs(self, shard: int) -> list[str]:
        """The sorted distinct content digests of a shard's records."""
        return [row[0] for row in self.db.execute("SELECT DISTINCT digest FROM records WHERE shard = ?"
                                                  " ORDER BY digest", (shard,))]

    def count_records(self, shard: int, without: set[str]) -> int:
        """How many records of a shard have a digest not in ``without``."""
        return sum(row[0] not in without
                   for row in self.db.execute("SELECT digest FROM records WHERE shard = ?", (shard,)))

    def add_keys(self, keys: Iterable[str]) -> None:
        self.db.execute("BEGIN")
        self.db.executemany("INSERT INTO keys VALUES (?)", ((_signed64(_key_digest(k)),) for k in keys))
        self.db.execute("COMMIT")

    def duplicate_keys(self) -> set[int]:
        """The key digests (see :func:`_key_digest`) added more than once."""
        return {h % (1 << 64) for (h,) in self.db.execute("SELECT h FROM keys GROUP BY h HAVING COUNT(*) > 1")}


def _signed64(n: int) -> int:
    return n - (1 << 64) if n >= 1 << 63 else n


def _write_manifest(path: Path, head: dict[str, Any], shards: Iterable[dict[str, Any]]) -> None:
    """Write ``json.dumps({**head, "shards": [...]}, indent=1, sort_keys=True)`` and a newline, a shard at a time."""
    it = iter(shards)
    first = next(it, None)
    if first is None:
        _atomic_write(path, (json.dumps({**head, "shards": []}, indent=1, sort_keys=True) + "\n").encode())
        return
    marker = "@@kgpub-shards@@"
    before, after = json.dumps({**head, "shards": [marker]}, indent=1, sort_keys=True).split(f'"{marker}"', 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(before.encode())
        for n, item in enumerate(itertools.chain([first], it)):
            if n:
                fh.write(b",\n  ")
            fh.write(json.dumps(item, indent=1, sort_keys=True).replace("\n", "\n  ").encode())
        fh.write((after + "\n").encode())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _distributions(base: str, summaries: list[dict[str, Any]]) -> list[ox.Quad]:
    """One dcat:Distribution a shard: its file name, size, checksum and counts."""
    d = iris.dataset_iri(base)
    out: list[ox.Quad] = []

    def add(s: str, p: str, o: Any) -> None:
        out.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o) if isinstance(o, str) else o))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))

    for s in summaries:
        dist = f"{d}/{s['part']}"
        add(d, DCAT + "distribution", dist)
        add(d, VOID + "dataDump", dist)
        add(dist, RDF_TYPE, DCAT + "Distribution")
        add(dist, DCTERMS + "title", ox.Literal(s["part"]))
        add(dist, DCAT + "mediaType", "https://www.iana.org/assignments/media-types/application/n-quads")
        add(dist, DCAT + "compressFormat", "https://www.iana.org/assignments/media-types/application/gzip")
        add(dist, DCAT + "byteSize", ox.Literal(str(s["bytes"]), datatype=ox.NamedNode(XSD + "nonNegativeInteger")))
        add(dist, VOID + "triples", integer(s["quads"]))
        add(dist, VOID + "documents", integer(s["n_articles"]))
        add(dist, SPDX + "checksum", dist + "#sha256")
        add(dist + "#sha256", RDF_TYPE, SPDX + "Checksum")
        add(dist + "#sha256", SPDX + "algorithm", SPDX + "checksumAlgorithm_sha256")
        add(dist + "#sha256", SPDX + "checksumValue", ox.Literal(s["sha256"], datatype=ox.NamedNode(XSD + "hexBinary")))
    return out
