"""A persistent embedded triple store (pyoxigraph on RocksDB): the default back end without a server.

``load`` replaces each named graph it is given as a whole, like ``publish`` does on a server, so
loading the same files twice leaves the same store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kgpub.errors import InputError, QueryError, StoreError
from kgpub.store import DEFAULT_GRAPH, checked_quads, split_graphs

LOG = logging.getLogger("kgpub")


@dataclass
class LoadSummary:
    """What a load did."""

    store: str
    graphs: int
    triples: int
    total_quads: int
    seconds: float

    def text(self) -> str:
        return (
            f"loaded {self.graphs} graphs ({self.triples} triples) into {self.store} in "
            f"{self.seconds:.2f}s; the store now holds {self.total_quads} quads"
        )


def open_store(store_dir: str | Path, *, read_only: bool = False, create: bool = True) -> ox.Store:
    """Open (or create) the on-disk store; a clear :class:`StoreError` when it is locked or unreadable."""
    path = Path(store_dir)
    if path.exists() and not path.is_dir():
        raise InputError("the store must be a directory", source=str(path))
    if not path.exists():
        if read_only or not create:
            raise InputError(
                "no such store directory (create it with `kgpub load DATA --store DIR`)", source=str(path)
            )
        path.mkdir(parents=True)
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            raise StoreError(
                f"{path}: the store is in use by another process (stop `kgpub serve` or the "
                f"other kgpub command first)"
            ) from None
        raise StoreError(f"{path}: cannot open the store: {msg}") from None


def load(
    data: Sequence[str | Path] | Sequence[ox.Quad], store_dir: str | Path, *, validate: bool = True
) -> LoadSummary:
    """Load RDF files (or quads) into the store at ``store_dir``, replacing each named graph given.

    Default-graph triples (``.ttl``/``.nt``) are added to the default graph (it is not cleared).
    Nothing is written when the data cannot be read or does not validate.
    """
    started = time.monotonic()
    quads = checked_quads(data, validate=validate)
    graphs = split_graphs(quads)
    store = open_store(store_dir)
    try:
        triples = 0
        for graph, ts in graphs.items():
            gname: ox.NamedNode | ox.DefaultGraph
            if graph == DEFAULT_GRAPH:
                gname = ox.DefaultGraph()
            else:
                gname = ox.NamedNode(graph)
                if store.contains_named_graph(gname):
                    store.remove_graph(gname)
            store.extend([ox.Quad(t.subject, t.predicate, t.object, gname) for t in ts])
            triples += len(ts)
        store.flush()
        total = len(store)
    except OSError as exc:
        raise StoreError(f"{store_dir}: writing the store failed: {exc}") from None
    finally:
        del store
    summary = LoadSummary(str(store_dir), len(graphs), triples, total, time.monotonic() - started)
    LOG.info("%s", summary.text())
    return summary


def query_store(sparql: str, store_dir: str | Path, *, union_default_graph: bool = True) -> Any:
    """Run a SPARQL query on the on-disk store (opened read-only, so a running server does not block it).

    Returns what :meth:`pyoxigraph.Store.query` returns (``QuerySolutions``, ``QueryBoolean`` or
    ``QueryTriples``; they keep the store open while in use), the same shape :mod:`kgpub.query` gets
    from an in-memory store. By default
    the default graph is the union of all graphs, so queries without ``GRAPH`` see every article.
    """
    from kgpub.query import query

    store = open_store(store_dir, read_only=True)
    if union_default_graph:
        return query(sparql, store=store)  # adds kgpub's usual prefixes, raises QueryError
    try:
        return store.query(sparql)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def iter_graph_names(store: ox.Store) -> Iterable[str]:
    return (g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
