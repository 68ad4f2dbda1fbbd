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


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Files, directories (recursively, known extensions only, sorted) and URLs, in a stable order.

    :raises InputError: for a missing file or an unknown extension.
    """
    sources: list[str] = []
    for item in inputs:
        text = str(item)
        if text == "-" or text.startswith(("http://", "https://")):
            sources.append(text)
            continue
        path = Path(text)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in INPUT_EXTENSIONS
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
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


@dataclass
class BuildResult:
    """What a build did: sheets read, quads made, the validation report, files written, errors kept going."""

    articles: int = 0
    quads: list[ox.Quad] = field(default_factory=list, repr=False)
    report: ValidationReport = field(default_factory=ValidationReport)
    written: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    link_rows: list[Any] = field(default_factory=list, repr=False)

    @property
    def triples(self) -> int:
        return len({q.triple for q in self.quads})

    def summary(self) -> str:
        parts = [f"{self.articles} article(s)", f"{len(self.quads)} quads",
                 f"{self.report.violations} violation(s)", f"{len(self.errors)} error(s)"]
        if self.written:
            parts.append("wrote " + ", ".join(self.written))
        return "; ".join(parts)


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


def describe_dataset(quads: Iterable[ox.Quad], *, base: str = iris.DEFAULT_BASE,
                     shapes: str | Path | None = None, title: str | None = None) -> list[ox.Quad]:
    """The dataset description (VoID + DCAT + PROV) of built article graphs, in its own named graph."""
    graph = ox.NamedNode(iris.dataset_graph_iri(base))
    d = iris.dataset_iri(base)
    per_graph: dict[str, set[ox.Triple]] = {}
    articles: dict[str, str] = {}
    urls: set[str] = set()
    entities: set[str] = set()
    entity_types = {SCHEMA + "Person", SCHEMA + "Organization", SCHEMA + "Place"}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode):
            per_graph.setdefault(q.graph_name.value, set()).add(q.triple)
        p = q.predicate.value
        if p == RDF_TYPE and q.object.value == SCHEMA + "NewsArticle" and isinstance(q.graph_name, ox.NamedNode):
            articles[q.graph_name.value] = q.subject.value
        elif p == RDF_TYPE and q.object.value in entity_types:
            entities.add(q.subject.value)
        elif p == SCHEMA + "url" and isinstance(q.object, ox.Literal):
            urls.add(q.object.value)
    all_triples = set().union(*per_graph.values()) if per_graph else set()
    out: list[ox.Quad] = []

    def add(s: str, p: str, o: Any) -> None:
        out.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o) if isinstance(o, str) else o, graph))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))

    for cls in (VOID + "Dataset", DCAT + "Dataset", PROV + "Entity"):
        add(d, RDF_TYPE, cls)
    add(d, DCTERMS + "title", ox.Literal(title or "Events reported in news articles (kgpub)", language="en"))
    add(d, VOID + "triples", integer(len(all_triples)))
    add(d, VOID + "entities", integer(len(entities)))
    add(d, VOID + "documents", integer(len(articles)))
    add(d, VOID + "uriSpace", ox.Literal(base))
    for ns in ("https://w3id.org/kgpub/ns", SCHEMA, "http://semanticweb.cs.vu.nl/2009/11/sem/", PROV,
               "http://www.w3.org/ns/oa#"):
        add(d, VOID + "vocabulary", ns)
    add(d, DCTERMS + "conformsTo", SHAPES_IRI)
    add(SHAPES_IRI, "http://www.w3.org/2000/01/rdf-schema#comment",
        ox.Literal(f"sha256 {shapes_digest(shapes)}"))
    for g_iri, triples in sorted(per_graph.items()):
        if g_iri == graph.value:
            continue
        add(d, VOID + "subset", g_iri)
        add(g_iri, RDF_TYPE, VOID + "Dataset")
        add(g_iri, VOID + "triples", integer(len(triples)))
        if g_iri in articles:
            add(g_iri, PROV + "wasDerivedFrom", articles[g_iri])
            add(d, PROV + "wasDerivedFrom", articles[g_iri])
    for url in sorted(urls):
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


def build(inputs: Iterable[str | os.PathLike[str]], outputs: Iterable[str] = (), *,
          base: str = iris.DEFAULT_BASE, published: str | None = None, allow_invalid: bool = False,
          keep_going: bool = False, validator: str = DEFAULT_VALIDATOR, shapes: str | Path | None = None,
          linker: Callable[[list[ox.Quad]], tuple[list[ox.Quad], list[Any]]] | None = None,
          on_article: Callable[[str], None] | None = None,
          stdout_format: RdfFormat = RdfFormat.TURTLE) -> BuildResult:
    """Build RDF from articles and fact sheets, validate it, and write each output.

    :param inputs: files, directories, URLs (see :func:`expand_inputs`).
    :param outputs: output files; the format comes from the extension; ``-`` is stdout.
    :param base: the IRI under which data IRIs are minted.
    :param published: publication date for articles that do not give one.
    :param allow_invalid: write the outputs even when the data does not conform.
    :param keep_going: record bad inputs in ``errors`` and build the rest (the caller exits 1).
    :param stdout_format: the format written to ``-``.
    :param linker: a function adding Wikidata links to the quads (see ``kgpub.linking``).
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
    targets = check_outputs(outputs, stdout_format=stdout_format)
    result = BuildResult()
    seen_keys: dict[str, str] = {}
    quads: list[ox.Quad] = []
    for source in expand_inputs(inputs):
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
