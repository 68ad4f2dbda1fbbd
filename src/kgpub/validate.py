"""SHACL validation of kgpub data against the shapes in ``shapes/`` (pyshacl, or the native validator)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import ShapeLoadError

log = logging.getLogger("kgpub")
VALIDATORS = ("native", "pyshacl")
DEFAULT_VALIDATOR = "native"
LABEL_PROPERTIES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "https://schema.org/headline",
    "https://schema.org/text",
    "http://www.w3.org/ns/oa#exact",
)
BATCH_GRAPHS = 500


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result: the focus node (and its label), the property path, the message."""

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None
    source_shape: str | None = None
    constraint: str | None = None
    focus_label: str | None = None

    def line(self) -> str:
        who = f"{self.focus_label!r} ({self.focus})" if self.focus_label else self.focus
        where = f" {self.path}:" if self.path else ":"
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {who}{where} {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of validating some data: ``conforms`` and the results, sorted."""

    results: list[ValidationResult] = field(default_factory=list)
    triples: int = 0
    validator: str = DEFAULT_VALIDATOR

    @property
    def conforms(self) -> bool:
        return not any(r.severity == "Violation" for r in self.results)

    @property
    def violations(self) -> int:
        return sum(r.severity == "Violation" for r in self.results)

    def text(self, *, limit: int | None = None) -> str:
        """A readable report: one line a result, and a summary line."""
        shown = self.results if limit is None else self.results[:limit]
        lines = [r.line() for r in shown]
        if limit is not None and len(self.results) > limit:
            lines.append(f"... and {len(self.results) - limit} more")
        verdict = "Conforms" if self.conforms else "Does not conform"
        lines.append(f"{verdict}: {self.triples} triples checked, {self.violations} violation(s), "
                     f"{len(self.results) - self.violations} warning(s) ({self.validator})")
        return "\n".join(lines)

    def merge(self, other: ValidationReport) -> None:
        self.results.extend(other.results)
        self.triples += other.triples


def default_shapes_path() -> Path:
    """The shapes shipped in the package (a copy of ``shapes/kgpub.shapes.ttl``)."""
    return Path(str(resources.files("kgpub.data").joinpath("kgpub.shapes.ttl")))


@lru_cache(maxsize=4)
def _pyshacl_shapes(path: str) -> Any:
    import rdflib

    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds
        raise ShapeLoadError(f"{path}: cannot load shapes: {exc}") from None
    return graph


def _to_rdflib(triples: Iterable[ox.Triple]) -> Any:
    import rdflib

    graph = rdflib.Graph()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _n3(term: Any) -> str | None:
    if term is None:
        return None
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return f"<{term}>"
    if isinstance(term, rdflib.Literal | rdflib.BNode):
        return str(term.n3())
    return str(term)


def _pyshacl(triples: list[ox.Triple], shapes_path: str) -> list[ValidationResult]:
    import pyshacl
    from rdflib import RDF, SH

    data = _to_rdflib(triples)
    _, results_graph, _ = pyshacl.validate(data, shacl_graph=_pyshacl_shapes(shapes_path), inference="none",
                                           advanced=False, allow_warnings=True)
    results = []
    report_nodes = list(results_graph.subjects(RDF.type, SH.ValidationReport))
    for node in (r for report in report_nodes for r in results_graph.objects(report, SH.result)):
        def one(prop: Any, node: Any = node) -> Any:
            return next(iter(results_graph.objects(node, prop)), None)

        path = one(SH.resultPath)
        severity = one(SH.resultSeverity)
        message = one(SH.resultMessage)
        results.append(ValidationResult(
            focus=_n3(one(SH.focusNode)) or "", path=_n3(path) if path is not None else None,
            message=str(message) if message is not None else "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            value=_n3(one(SH.value)), source_shape=_n3(one(SH.sourceShape)),
            constraint=_n3(one(SH.sourceConstraintComponent)),
        ))
    return results


def _native(triples: list[ox.Triple], shapes_path: str) -> list[ValidationResult]:
    from .shacl import validate_native

    report = validate_native([ox.Quad(t.subject, t.predicate, t.object) for t in triples], shapes_path)
    return [ValidationResult(focus=r.focus, path=r.path, message=r.message, severity=r.severity, value=r.value,
                             source_shape=r.source_shape, constraint=_angle(r.constraint)) for r in report.results]


def _angle(iri: str | None) -> str | None:
    """An IRI in N-Triples form, as pyshacl's results give it."""
    return f"<{iri}>" if iri and not iri.startswith(("<", "_:")) else iri


def _labels(triples: Sequence[ox.Triple], foci: set[str]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for t in triples:
        if t.predicate.value in LABEL_PROPERTIES and str(t.subject) in foci and isinstance(t.object, ox.Literal):
            labels.setdefault(str(t.subject), t.object.value[:80])
    return labels


def validate(quads: Iterable[ox.Quad], *, shapes: str | Path | None = None,
             validator: str = DEFAULT_VALIDATOR) -> ValidationReport:
    """Validate data against the kgpub shapes (or ``shapes``), one batch of named graphs at a time.

    Each article's graph holds the article's entities, so graphs validate independently.

    :param quads: the data.
    :param shapes: a SHACL shapes file; the shipped shapes by default.
    :param validator: ``"native"`` (fast, kgpub's own SHACL Core engine) or ``"pyshacl"`` (the reference).
    """
    if validator not in VALIDATORS:
        raise ValueError(f"unknown validator {validator!r}; use one of {', '.join(VALIDATORS)}")
    shapes_path = str(shapes or default_shapes_path())
    if not Path(shapes_path).is_file():
        raise ShapeLoadError(f"{shapes_path}: no such shapes file")
    graphs: dict[str, list[ox.Triple]] = {}
    for q in quads:
        graphs.setdefault(str(q.graph_name), []).append(q.triple)
    report = ValidationReport(validator=validator)
    run = _pyshacl if validator == "pyshacl" else _native
    names = sorted(graphs)
    for i in range(0, len(names), BATCH_GRAPHS):
        triples = list({t for name in names[i:i + BATCH_GRAPHS] for t in graphs[name]})
        results = run(triples, shapes_path)
        labels = _labels(triples, {r.focus for r in results})
        report.results.extend(
            ValidationResult(**{**r.__dict__, "focus_label": labels.get(r.focus)}) for r in results)
        report.triples += len(triples)
    report.results = sorted(set(report.results), key=lambda r: (r.focus, r.path or "", r.message, r.value or ""))
    return report
