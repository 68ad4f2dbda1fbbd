"""Render a NativeReport as a standard sh:ValidationReport graph (for interoperability and tests)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from .graph import RDF_TYPE, Index

if TYPE_CHECKING:
    from . import NativeReport

SH = "http://www.w3.org/ns/shacl#"
XSD_BOOLEAN = NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def _sh(name: str) -> NamedNode:
    return NamedNode(SH + name)


def _copy_closure(g: Index, node: Any, out: list[Quad], seen: set[Any]) -> None:
    """Copy the triples of blank node ``node`` (and the blank nodes it reaches) from ``g``."""
    if type(node) is not BlankNode or node in seen:
        return
    seen.add(node)
    for p, objs in g.sp.get(node, {}).items():
        for o in objs:
            out.append(Quad(node, p, o, DefaultGraph()))
            _copy_closure(g, o, out, seen)


def report_graph(report: NativeReport) -> list[Quad]:
    """The report as quads in the default graph: one sh:ValidationReport with its sh:result nodes."""
    dg = DefaultGraph()
    root = BlankNode()
    out = [Quad(root, RDF_TYPE, _sh("ValidationReport"), dg),
           Quad(root, _sh("conforms"),
                Literal("true" if report.conforms else "false", datatype=XSD_BOOLEAN), dg)]
    shapes_graph = report.shapes.graph if report.shapes is not None else None
    seen: set[Any] = set()
    for r in report.results:
        node = BlankNode()
        out.append(Quad(root, _sh("result"), node, dg))
        out.append(Quad(node, RDF_TYPE, _sh("ValidationResult"), dg))
        focus, value, shape, path_override = r.terms if r.terms else (None, None, None, None)
        if focus is None:  # a Result built by hand: parse the N-Triples strings back
            focus = _term(r.focus)
            value = _term(r.value) if r.value else None
        out.append(Quad(node, _sh("focusNode"), focus, dg))
        if value is not None:
            out.append(Quad(node, _sh("value"), value, dg))
        if path_override is not None:
            out.append(Quad(node, _sh("resultPath"), _term(path_override), dg))
        elif shape is not None and shape.path is not None and shapes_graph is not None:
            path_node = shapes_graph.value(shape.node, _sh("path"))
            out.append(Quad(node, _sh("resultPath"), path_node, dg))
            _copy_closure(shapes_graph, path_node, out, seen)
        elif r.path and r.path.startswith("<") and r.path.endswith(">"):
            out.append(Quad(node, _sh("resultPath"), NamedNode(r.path[1:-1]), dg))
        severity = _sh(r.severity) if ":" not in r.severity else NamedNode(r.severity)
        out.append(Quad(node, _sh("resultSeverity"), severity, dg))
        out.append(Quad(node, _sh("sourceConstraintComponent"), NamedNode(r.constraint), dg))
        source = shape.node if shape is not None else _term(r.source_shape)
        out.append(Quad(node, _sh("sourceShape"), source, dg))
        out.append(Quad(node, _sh("resultMessage"), Literal(r.message), dg))
    return out


def _term(nt: str) -> Any:
    """Parse one term in N-Triples form."""
    if nt.startswith("<") and nt.endswith(">"):
        return NamedNode(nt[1:-1])
    if nt.startswith("_:"):
        return BlankNode(nt[2:])
    from pyoxigraph import RdfFormat, parse

    (q,) = list(parse(f"<urn:s> <urn:p> {nt} .", format=RdfFormat.N_TRIPLES))
    return q.object
