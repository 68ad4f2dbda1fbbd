"""SPARQL over RDF files through an embedded pyoxigraph store; results as a table, CSV, TSV or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import InputError, QueryError
from .rdfio import PREFIXES

RESULT_FORMATS = ("table", "csv", "tsv", "json")
DEFAULT_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def read_sparql(text_or_path: str) -> str:
    """A SPARQL query given as a string or as the path of a ``.rq``/``.sparql`` file."""
    if text_or_path.endswith((".rq", ".sparql")):
        path = Path(text_or_path)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no such query file", source=text_or_path) from None
        except UnicodeDecodeError:
            raise InputError("query file is not UTF-8 text", source=text_or_path) from None
    return text_or_path


def _with_prefixes(sparql: str) -> str:
    """Add kgpub's usual prefixes unless the query declares them itself."""
    declared = {line.split()[1].rstrip(":").lower() for line in sparql.splitlines()
                if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1}
    extra = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)
    return extra + sparql


def memory_store(quads: Iterable[ox.Quad]) -> ox.Store:
    """An in-memory pyoxigraph store holding ``quads``."""
    store = ox.Store()
    store.bulk_extend(quads)
    return store


def query(sparql: str, *, quads: Iterable[ox.Quad] | None = None, store: ox.Store | None = None) -> Any:
    """Run a SPARQL query over quads (or a store); the default graph is the union of all graphs.

    :returns: pyoxigraph ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.
    :raises QueryError: on a syntax or evaluation error.

    >>> from pyoxigraph import NamedNode, Quad
    >>> q = Quad(NamedNode("http://x/a"), NamedNode("http://x/p"), NamedNode("http://x/b"))
    >>> [str(row["s"]) for row in query("SELECT ?s WHERE { ?s ?p ?o }", quads=[q])]
    ['<http://x/a>']
    """
    if store is None:
        store = memory_store(quads or [])
    try:
        return store.query(_with_prefixes(sparql), use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def _short(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def result_rows(result: Any) -> tuple[list[str], list[list[Any]]]:
    """Column names and rows of terms of a SELECT result (``None`` for unbound)."""
    names = [v.value for v in result.variables]
    return names, [[row[n] for n in names] for row in result]


def format_results(result: Any, fmt: str = "table") -> str:
    """Render a query result: a SELECT as table/csv/tsv/json, ASK as true/false, CONSTRUCT as N-Triples."""
    if fmt not in RESULT_FORMATS:
        raise ValueError(f"unknown result format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    if isinstance(result, ox.QueryBoolean):
        return json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES).decode("utf-8").rstrip("\n")
    if fmt in ("csv", "tsv", "json"):
        rf = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
              "json": ox.QueryResultsFormat.JSON}[fmt]
        return result.serialize(format=rf).decode("utf-8").rstrip("\n")
    names, rows = result_rows(result)
    cells = [[_short(t) for t in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
