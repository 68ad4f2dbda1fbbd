"""The build pipeline: inputs -> fact sheets -> RDF -> (links) -> validation -> dataset description -> files."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import __version__, iris
from .errors import InputError, KgpubError, ValidationFailed
from .factsheet import FactSheet, load_factsheet, parse_factsheet
from .mapping import map_factsheet
from .rdfio import RdfFormat, write_quads
from .validate import DEFAULT_VALIDATOR, ValidationReport, default_shapes_path, validate

log = logging.getLogger("kgpub")

FACTSHEET_EXTENSIONS = (".yaml", ".yml", ".json")
TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
CORPUS_EXTENSIONS = (".jsonl",)
INPUT_EXTENSIONS = FACTSHEET_EXTENSIONS + TEXT_EXTENSIONS + CORPUS_EXTENSIONS

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
SOFTWARE_IRI = f"https://pypi.org/project/kgpub/{__version__}/"
SHAPES_IRI = "https://w3id.org/kgpub/shapes"  # the owl:Ontology IRI of shapes/kgpub.shapes.ttl


def _is_gold(path: Path) -> bool:
    """Gold fact sheets (``*.gold.yaml``) sit beside their articles for ``kgpub eval``; builds skip them."""
    return ".gold." in path.name.lower()


def expand_inputs(inputs: Iterable[str | os.PathLike[str]], *, from_list: Iterable[str] = ()) -> list[str]:
    """Files, directories (recursively, known extensions only, sorted), globs, list files and URLs, in order.

    Directory walks skip hidden files and gold sheets (``*.gold.yaml``, kept for ``kgpub eval``).

    ``@FILE`` (and each of ``from_list``) names a list file: one input a line (blank lines and ``#``
    comments skipped), relative to the current directory.  A pattern with ``*``, ``?`` or ``[`` that
    names no existing file is a glob (``**`` matches across directories).

    :raises InputError: for a missing file, a glob that matches nothing, or an unknown extension.
    """
    sources: list[str] = []
    items = [str(i) for i in inputs] + [f"@{f}" for f in from_list]
    for text in items:
        if text.startswith("@") and len(text) > 1:
            sources.extend(expand_inputs(_read_list(text[1:])))
            continue
        if text == "-" or text.startswith(("http://", "https://")):
            sources.append(text)
            continue
        path = Path(text)
        if not path.exists() and any(c in text for c in "*?["):
            import glob

            matches = sorted(m for m in glob.glob(text, recursive=True)
                             if Path(m).is_dir() or Path(m).suffix.lower() in INPUT_EXTENSIONS)
            if not matches:
                raise InputError("the pattern matches no article or fact-sheet files", source=text)
            sources.extend(expand_inputs(matches))
            continue
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in INPUT_EXTENSIONS
                           and not any(part.startswith(".") for part in p.relative_to(path).parts)
                           and not _is_gold(p))
            if not found:
                raise InputError("directory holds no article or fact-sheet files", source=text)
            sources.extend(found)
        elif not path.exists():
            raise InputError("no such file or directory", source=text)
        elif path.suffix.lower() not in INPUT_EXTENSIONS:
            raise InputError(f"unknown input type {path.suffix or '(no extension)'!r}; expected one of "
                             f"{', '.join(INPUT_EXTENSIONS)}", source=text)
        else:
            sources.append(text)
    return sources


def _read_list(name: str) -> list[str]:
    try:
        text = Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the list file: {exc.strerror}", source=name) from None
    except UnicodeDecodeError:
        raise InputError("the list file is not UTF-8", source=name) from None
    items = [line.strip() for line in text.splitlines()]
    items = [i for i in items if i and not i.startswith("#")]
    if not items:
        raise InputError("the list file names no inputs", source=name)
    return items


def _apply_published(sheet: FactSheet, published: str | None) -> FactSheet:
    if published and not sheet.article.get("published"):
        sheet.data["article"]["published"] = published
        return parse_factsheet(sheet.data, source=sheet.source, lines=sheet.lines)
    return sheet


def iter_factsheets(source: str, *, published: str | None = None) -> Iterator[FactSheet]:
    """The fact sheets of one input: a fact sheet, an article to extract from, or a ``.jsonl`` corpus."""
    suffix = Path(source).suffix.lower() if not source.startswith(("http://", "https://")) else ""
    if suffix in FACTSHEET_EXTENSIONS:
        yield _apply_published(load_factsheet(source), published)
    elif suffix in CORPUS_EXTENSIONS:
        yield from _iter_jsonl(source, published=published)
    else:
        from .extract import extract
        from .read import read_article

        article = read_article(source, published=published)
        yield parse_factsheet(extract(article), source=source)


def _iter_jsonl(source: str, *, published: str | None) -> Iterator[FactSheet]:
    import json

    from .read import iter_articles

    with open(source, encoding="utf-8", errors="strict") as fh:
        first = fh.readline()
    try:
        is_sheets = bool(first.strip()) and "article" in json.loads(first)
    except (json.JSONDecodeError, TypeError):
        is_sheets = False
    if is_sheets:
        with open(source, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"invalid JSON: {exc.msg}", source=source, line=n) from None
                yield _apply_published(parse_factsheet(data, source=f"{source}:{n}"), published)
        return
    from .extract import extract_many

    for sheet_data in extract_many(iter_articles(source, published=published)):
        yield parse_factsheet(sheet_data, source=source)


class BuildResult:
    """What a build did: sheets read, quads made, the validation report, files written, errors kept going.

    ``quads`` is parsed on first use from the N-Quads the build made (large builds never need it).
    """

    def __init__(self, *, articles: int = 0, quads: list[ox.Quad] | None = None,
                 report: ValidationReport | None = None, written: list[str] | None = None,
                 errors: list[str] | None = None, link_rows: list[Any] | None = None) -> None:
        self.articles = articles
        self.report = report if report is not None else ValidationReport()
        self.written = written if written is not None else []
        self.errors = errors if errors is not None else []
        self.link_rows = link_rows if link_rows is not None else []
        self._quads = quads
        self._nquads: bytes | None = None
        self._nquads_file: Any = None  # a temporary file holding the N-Quads (parallel builds)
        self.n_triples: int | None = None
        self.n_quads: int | None = None
        self.seconds: float = 0.0
        self.shards_built = 0
        self.shards_reused = 0

    @property
    def quads(self) -> list[ox.Quad]:
        if self._quads is None:
            data = self._nquads or b""
            if self._nquads_file is not None:
                self._nquads_file.seek(0)
                data = self._nquads_file.read()
            self._quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) if data else []
        return self._quads

    @quads.setter
    def quads(self, value: list[ox.Quad]) -> None:
        self._quads, self._nquads, self._nquads_file, self.n_quads, self.n_triples = value, None, None, None, None

    @property
    def triples(self) -> int:
        if self.n_triples is None:
            self.n_triples = len({q.triple for q in self.quads})
        return self.n_triples

    def summary(self) -> str:
        nq = self.n_quads if self.n_quads is not None else len(self.quads)
        parts = [f"{self.articles} article(s)", f"{nq} quads",
                 f"{self.report.violations} violation(s)", f"{len(self.errors)} error(s)"]
        if self.shards_built or self.shards_reused:
            parts.append(f"{self.shards_built} shard(s) built, {self.shards_reused} reused")
        if self.seconds:
            rate = self.articles / self.seconds if self.seconds else 0
            parts.append(f"{self.seconds:.1f} s ({rate:.0f} articles/s)")
        if self.written:
            parts.append("wrote " + ", ".join(self.written))
        return "; ".join(parts)

    def __repr__(self) -> str:
        return f"BuildResult({self.summary()})"


def generation_time() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except ValueError:
            raise InputError(f"SOURCE_DATE_EPOCH must be whole seconds, not {epoch!r}") from None
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def shapes_digest(shapes: str | Path | None = None) -> str:
    """SHA-256 of the shapes file used to validate."""
    return hashlib.sha256(Path(shapes or default_shapes_path()).read_bytes()).hexdigest()


@dataclass
class DatasetStats:
    """What a dataset description counts: triples per named graph, articles, URLs, entities, distinct triples."""

    graphs: dict[str, int] = field(default_factory=dict)
    articles: dict[str, str] = field(default_factory=dict)
    urls: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    triples: int = 0
    documents: int | None = None  # when no per-graph table is kept (corpus builds)


def dataset_stats(quads: Iterable[ox.Quad]) -> DatasetStats:
    """Count ``quads`` exactly (all in memory; corpus builds add up per-article statistics instead)."""
    per_graph: dict[str, set[ox.Triple]] = {}
    stats = DatasetStats()
    entity_types = {SCHEMA + "Person", SCHEMA + "Organization", SCHEMA + "Place"}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode):
            per_graph.setdefault(q.graph_name.value, set()).add(q.triple)
        p = q.predicate.value
        if p == RDF_TYPE and q.object.value == SCHEMA + "NewsArticle" and isinstance(q.graph_name, ox.NamedNode):
            stats.articles[q.graph_name.value] = q.subject.value
        elif p == RDF_TYPE and q.object.value in entity_types:
            stats.entities.add(q.subject.value)
        elif p == SCHEMA + "url" and isinstance(q.object, ox.Literal):
            stats.urls.add(q.object.value)
    stats.graphs = {g: len(t) for g, t in per_graph.items()}
    stats.triples = len(set().union(*per_graph.values())) if per_graph else 0
    return stats


def describe_dataset(quads: Iterable[ox.Quad], *, base: str = iris.DEFAULT_BASE,
                     shapes: str | Path | None = None, title: str | None = None) -> list[ox.Quad]:
    """The dataset description (VoID + DCAT + PROV) of built article graphs, in its own named graph."""
    return describe_from_stats(dataset_stats(quads), base=base, shapes=shapes, title=title)


def describe_from_stats(stats: DatasetStats, *, base: str = iris.DEFAULT_BASE, shapes: str | Path | None = None,
                        title: str | None = None, subsets: bool = True,
                        graph: ox.NamedNode | ox.DefaultGraph | None = None) -> list[ox.Quad]:
    """The dataset description from counts; ``subsets=False`` leaves out the per-article table."""
    graph = graph if graph is not None else ox.NamedNode(iris.dataset_graph_iri(base))
    d = iris.dataset_iri(base)
    out: list[ox.Quad] = []

    def add(s: str, p: str, o: Any) -> None:
        out.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o) if isinstance(o, str) else o, graph))

    for cls in (VOID + "Dataset", DCAT + "Dataset", PROV + "Entity"):
        add(d, RDF_TYPE, cls)
    add(d, DCTERMS + "title", ox.Literal(title or "Events reported in news articles (kgpub)", language="en"))
    add(d, VOID + "triples", integer(stats.triples))
    add(d, VOID + "entities", integer(len(stats.entities)))
    add(d, VOID + "documents", integer(stats.documents if stats.documents is not None else len(stats.articles)))
    add(d, VOID + "uriSpace", ox.Literal(base))
    for ns in ("https://w3id.org/kgpub/ns", SCHEMA, "http://semanticweb.cs.vu.nl/2009/11/sem/", PROV,
               "http://www.w3.org/ns/oa#"):
        add(d, VOID + "vocabulary", ns)
    add(d, DCTERMS + "conformsTo", SHAPES_IRI)
    add(SHAPES_IRI, "http://www.w3.org/2000/01/rdf-schema#comment",
        ox.Literal(f"sha256 {shapes_digest(shapes)}"))
    if subsets:
        for g_iri, n in sorted(stats.graphs.items()):
            if isinstance(graph, ox.NamedNode) and g_iri == graph.value:
                continue
            add(d, VOID + "subset", g_iri)
            add(g_iri, RDF_TYPE, VOID + "Dataset")
            add(g_iri, VOID + "triples", integer(n))
            if g_iri in stats.articles:
                add(g_iri, PROV + "wasDerivedFrom", stats.articles[g_iri])
                add(d, PROV + "wasDerivedFrom", stats.articles[g_iri])
        for url in sorted(stats.urls):
            add(d, DCTERMS + "source", ox.Literal(url, datatype=ox.NamedNode(XSD + "anyURI")))
    activity = d + "/build"
    when = ox.Literal(generation_time().isoformat().replace("+00:00", "Z"), datatype=ox.NamedNode(XSD + "dateTime"))
    add(d, PROV + "wasGeneratedBy", activity)
    add(d, DCTERMS + "issued", when)
    add(activity, RDF_TYPE, PROV + "Activity")
    add(activity, PROV + "endedAtTime", when)
    add(activity, PROV + "wasAssociatedWith", SOFTWARE_IRI)
    add(SOFTWARE_IRI, RDF_TYPE, PROV + "SoftwareAgent")
    add(SOFTWARE_IRI, RDFS_LABEL, ox.Literal(f"kgpub {__version__}"))
    add(SOFTWARE_IRI, SCHEMA + "softwareVersion", ox.Literal(__version__))
    return out


def integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


def check_outputs(outputs: Iterable[str], *, stdout_format: RdfFormat = RdfFormat.TURTLE
                  ) -> list[tuple[str, RdfFormat]]:
    """Pair each output with its format (from the extension; ``-`` is standard output in ``stdout_format``)."""
    pairs = []
    for out in outputs:
        if out == "-":
            pairs.append((out, stdout_format))
            continue
        try:
            pairs.append((out, RdfFormat.from_extension(out)))
        except ValueError as exc:
            raise InputError(str(exc), source=out, field="--output") from None
    return pairs


def is_directory_output(out: str) -> bool:
    """A ``-o`` target that names a directory: it ends in a slash, exists as one, or has no extension."""
    if out == "-":
        return False
    return out.endswith(("/", os.sep)) or Path(out).is_dir() or not Path(out).suffix


def build(inputs: Iterable[str | os.PathLike[str]], outputs: Iterable[str] = (), *,
          base: str = iris.DEFAULT_BASE, published: str | None = None, allow_invalid: bool = False,
          keep_going: bool = False, validator: str = DEFAULT_VALIDATOR, shapes: str | Path | None = None,
          linker: Callable[[list[ox.Quad]], tuple[list[ox.Quad], list[Any]]] | None = None,
          on_article: Callable[[str], None] | None = None,
          stdout_format: RdfFormat = RdfFormat.TURTLE, jobs: int | None = None,
          on_progress: Callable[[int, int], None] | None = None, engine: str = "local",
          scheduler: str | None = None, shard_size: int | None = None) -> BuildResult:
    """Build RDF from articles and fact sheets, validate it, and write each output.

    :param inputs: files, directories, globs, ``@list.txt`` files, URLs (see :func:`expand_inputs`).
    :param outputs: output files; the format comes from the extension; ``-`` is stdout; a directory gets
        a sharded corpus build (see :mod:`kgpub.corpus`).
    :param base: the IRI under which data IRIs are minted.
    :param published: publication date for articles that do not give one.
    :param allow_invalid: write the outputs even when the data does not conform.
    :param keep_going: record bad inputs in ``errors`` and build the rest (the caller exits 1).
    :param stdout_format: the format written to ``-``.
    :param linker: a function adding Wikidata links to the quads (see ``kgpub.linking``).
    :param jobs: worker processes (default: the number of cores); the output is the same for any number.
    :param on_progress: called with (articles done, articles in all) as the work goes.
    :param engine: ``"local"`` (worker processes) or ``"dask"`` (directory outputs; ``scheduler`` address).
    :raises InputError: bad input (unless ``keep_going``); :raises ValidationFailed: violations.
    """
    try:
        iris.check_base(base)
    except ValueError as exc:
        raise InputError(str(exc), field="--base") from None
    if published:
        from .factsheet import parse_date

        try:
            if parse_date(published)[1] != "date":
                raise ValueError("need YYYY-MM-DD")
        except ValueError as exc:
            raise InputError(f"{published!r} is not a date YYYY-MM-DD ({exc})", field="--published") from None
    outputs = [str(o) for o in outputs]
    directories = [o for o in outputs if is_directory_output(o)]
    if directories:
        if len(outputs) > 1:
            raise InputError("a directory output (a sharded corpus build) must be the only -o", source=directories[0],
                             field="--output")
        if linker is not None:
            raise InputError("--link is not available for directory outputs yet", field="--link")
        from .corpus import build_corpus

        return build_corpus(inputs, directories[0], base=base, published=published, allow_invalid=allow_invalid,
                            keep_going=keep_going, validator=validator, shapes=shapes, jobs=jobs,
                            on_progress=on_progress, engine=engine, scheduler=scheduler, shard_size=shard_size)
    if engine != "local":
        raise InputError(f"--engine {engine} builds into a directory: give -o DIR/", field="--engine")
    targets = check_outputs(outputs, stdout_format=stdout_format)
    sources = expand_inputs(inputs)
    if linker is not None or "-" in sources:
        return _build_in_memory(sources, targets, base=base, published=published, allow_invalid=allow_invalid,
                                keep_going=keep_going, validator=validator, shapes=shapes, linker=linker,
                                on_article=on_article)
    return _build_parallel(sources, targets, base=base, published=published, allow_invalid=allow_invalid,
                           keep_going=keep_going, validator=validator, shapes=shapes, on_article=on_article,
                           jobs=jobs, on_progress=on_progress)


def _build_parallel(sources: list[str], targets: list[tuple[str, RdfFormat]], *, base: str, published: str | None,
                    allow_invalid: bool, keep_going: bool, validator: str, shapes: str | Path | None,
                    on_article: Callable[[str], None] | None, jobs: int | None,
                    on_progress: Callable[[int, int], None] | None) -> BuildResult:
    """Per-article work in worker processes; the files are assembled from their sorted N-Quads lines.

    Round one: workers map, validate and serialise chunks of articles and send back one sorted
    N-Quads text a chunk, the JSON-LD fragments and statistics.  Round two: this process merges the
    chunks (a k-way merge of sorted texts) into parts cut between subjects, writes the N-Quads as
    it goes, and the workers turn each part into its N-Triples and Turtle, which concatenate to the
    whole documents.  No list of all quads (or lines) is ever held.
    """
    import time

    from . import corpus

    started = time.perf_counter()
    jobs = jobs or corpus.default_jobs()
    with corpus.Workers(jobs) as workers:  # started before this process reads the inputs: see Workers
        return _build_with(workers, sources, targets, base=base, published=published, allow_invalid=allow_invalid,
                           keep_going=keep_going, validator=validator, shapes=shapes, on_article=on_article,
                           on_progress=on_progress, started=started)


def _build_with(workers: Any, sources: list[str], targets: list[tuple[str, RdfFormat]], *, base: str,
                published: str | None, allow_invalid: bool, keep_going: bool, validator: str,
                shapes: str | Path | None, on_article: Callable[[str], None] | None,
                on_progress: Callable[[int, int], None] | None, started: float) -> BuildResult:
    import tempfile
    import time
    from contextlib import ExitStack

    from . import corpus
    from .rdfio import atomic_output

    jobs = workers.jobs
    records = list(corpus.scan_records(sources))
    formats = {fmt for _, fmt in targets}
    cfg = corpus.Config(base=base, published=published, validator=validator,
                        shapes=str(shapes) if shapes else None, jsonld=RdfFormat.JSON_LD in formats)
    result = BuildResult()
    seen_keys: dict[str, str] = {}
    runs: list[bytes] = []
    fragments: list[tuple[str, bytes]] = []
    stats = DatasetStats()
    shared: set[int] = set()
    results: set[Any] = set()
    n_quads = 0
    progress = (lambda n: on_progress(n, len(records))) if on_progress else None
    for chunk in workers.run(corpus.process_chunk, corpus.chunks(records, cfg, jobs), on_progress=progress):
        dropped: set[str] = set()
        for out in chunk.outs:
            if isinstance(out, corpus.ErrorOut):
                if not keep_going:
                    raise out.error()
                result.errors.append(out.message)
                log.warning("skipped: %s", out.message)
                continue
            if out.key in seen_keys:
                exc = InputError(f"article key {out.key!r} is also used by {seen_keys[out.key]}",
                                 source=out.source, field="article.id")
                if not keep_going:
                    raise exc
                result.errors.append(str(exc))
                log.warning("skipped: %s", exc)
                dropped.add(out.graph)
                continue
            seen_keys[out.key] = out.source
            n_quads += out.quads
            if out.jsonld is not None:
                fragments.append((out.graph, out.jsonld))
            stats.graphs[out.graph] = out.triples
            if out.article:
                stats.articles[out.graph] = out.article
            if out.url:
                stats.urls.add(out.url)
            stats.entities.update(out.entities)
            stats.triples += out.local
            shared.update(out.shared)
            results.update(out.results)
            result.articles += 1
            if on_article:
                on_article(out.source)
        runs.append(corpus.drop_graphs(chunk.nq, dropped) if dropped else chunk.nq)
    del chunk
    stats.triples += len(shared)
    del shared
    result.report = ValidationReport(
        results=sorted(results, key=lambda r: (r.focus, r.path or "", r.message, r.value or "")),
        triples=n_quads, validator=validator)
    if not result.report.conforms and not allow_invalid:
        raise ValidationFailed(f"the data does not conform to the shapes ({result.report.violations} "
                               "violation(s)); nothing written (use --allow-invalid to write anyway)",
                               report=result.report)
    description = describe_from_stats(stats, base=base, shapes=shapes)
    described = ox.serialize(description, format=ox.RdfFormat.N_QUADS)
    runs.append(b"".join(sorted(set(described.splitlines(keepends=True)))))
    if cfg.jsonld:
        graph = iris.dataset_graph_iri(base)
        fragments.append((graph, corpus.jsonld_fragment(graph, [q.triple for q in description]).encode("utf-8")))
    result.n_quads = n_quads + runs[-1].count(b"\n")
    result.n_triples = stats.triples
    with ExitStack() as stack:
        sinks: dict[RdfFormat, list[Any]] = {}
        for out_path, fmt in targets:
            fh = stack.enter_context(atomic_output(out_path))
            if out_path.endswith(".gz"):
                fh = stack.enter_context(corpus.GzipWriter(fh))
            sinks.setdefault(fmt, []).append(fh)
        # the build's N-Quads, kept (on disk, not in memory) for BuildResult.quads and TriG
        kept = tempfile.TemporaryFile()
        sinks.setdefault(RdfFormat.N_QUADS, []).append(kept)
        want_nt = RdfFormat.N_TRIPLES in sinks
        want_ttl = RdfFormat.TURTLE in sinks
        bodies: list[bytes] = []
        used: set[str] = set()

        # parts small enough to keep every worker busy, large enough to keep the overhead low
        size = min(corpus.PART_LINES, max(4096, result.n_quads // (4 * jobs)))

        def parts() -> Iterator[tuple[bytes, bool, bool]]:
            for part in corpus.subject_parts(corpus.merge_runs(runs), size):
                for fh in sinks[RdfFormat.N_QUADS]:
                    fh.write(part)
                yield part, want_nt, want_ttl

        if want_nt or want_ttl:
            for nt, body, names in workers.run(corpus.assemble_part, parts()):
                used.update(names)
                if nt is not None:
                    for fh in sinks[RdfFormat.N_TRIPLES]:
                        fh.write(nt)
                if body is not None:
                    bodies.append(body)
        else:
            for _ in parts():
                pass
        runs.clear()
        if want_ttl:
            header = corpus.turtle_header(used)
            for fh in sinks[RdfFormat.TURTLE]:
                fh.write(header)
                for body in bodies:
                    fh.write(body)
        bodies.clear()
        for fh in sinks.get(RdfFormat.JSON_LD, []):
            corpus.write_jsonld(fh, fragments)
        fragments.clear()
        kept.flush()
        result._nquads_file = kept
        if RdfFormat.TRIG in sinks:
            from .rdfio import serialize_quads

            for fh in sinks[RdfFormat.TRIG]:
                fh.write(serialize_quads(result.quads, RdfFormat.TRIG))
    result.written = [out_path for out_path, _ in targets]
    result.seconds = time.perf_counter() - started
    return result


def _build_in_memory(sources: list[str], targets: list[tuple[str, RdfFormat]], *, base: str,
                     published: str | None, allow_invalid: bool, keep_going: bool, validator: str,
                     shapes: str | Path | None, linker: Callable[[list[ox.Quad]], tuple[list[ox.Quad], list[Any]]]
                     | None, on_article: Callable[[str], None] | None) -> BuildResult:
    """The whole graph in one process (used with ``--link`` and standard input)."""
    result = BuildResult()
    seen_keys: dict[str, str] = {}
    quads: list[ox.Quad] = []
    for source in sources:
        try:
            for sheet in iter_factsheets(source, published=published):
                if sheet.key in seen_keys:
                    raise InputError(f"article key {sheet.key!r} is also used by {seen_keys[sheet.key]}",
                                     source=sheet.source, field="article.id")
                seen_keys[sheet.key] = sheet.source
                quads.extend(map_factsheet(sheet, base=base))
                result.articles += 1
                if on_article:
                    on_article(sheet.source)
        except KgpubError as exc:
            if not keep_going or not isinstance(exc, InputError):
                raise
            result.errors.append(str(exc))
            log.warning("skipped: %s", exc)
    if linker is not None:
        quads, result.link_rows = linker(quads)
    result.report = validate(quads, shapes=shapes, validator=validator)
    quads.extend(describe_dataset(quads, base=base, shapes=shapes))
    result.quads = quads
    if not result.report.conforms and not allow_invalid:
        raise ValidationFailed(f"the data does not conform to the shapes ({result.report.violations} "
                               "violation(s)); nothing written (use --allow-invalid to write anyway)",
                               report=result.report)
    for out, fmt in targets:
        write_quads(quads, out, fmt)
        result.written.append(out)
    return result
