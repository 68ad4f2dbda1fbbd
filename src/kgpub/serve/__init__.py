"""``kgpub serve``: the graph as linked data (HTML + RDF by content negotiation) and a read-only /sparql.

Needs the ``serve`` extra (starlette, uvicorn); both are imported only when a server is made.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

LOG = logging.getLogger("kgpub")

__all__ = ["create_app", "open_dataset", "run"]


def open_dataset(
    data: Sequence[str | Path], store_dir: str | Path | None = None, *, validate: bool = False
) -> ox.Store:
    """An in-memory store holding the RDF files ``data``, or the on-disk store ``store_dir`` (read-only)."""
    from kgpub.localstore import open_store
    from kgpub.store import checked_quads

    if store_dir is not None:
        return open_store(store_dir, read_only=True)
    quads = checked_quads(data, validate=validate)
    store = ox.Store()
    store.bulk_extend(quads)
    return store


def create_app(
    store: ox.Store,
    *,
    base: str | None = None,
    query_timeout: float = 10.0,
    max_results: int = 10000,
    store_dir: str | Path | None = None,
    workers: int = 2,
) -> Any:
    """The Starlette app serving ``store``; see :mod:`kgpub.serve.app`."""
    from kgpub.serve.app import create_app as make

    return make(
        store,
        base=base,
        query_timeout=query_timeout,
        max_results=max_results,
        store_dir=store_dir,
        workers=workers,
    )


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(
    store: ox.Store,
    *,
    host: str = "127.0.0.1",
    port: int = 8080,
    base: str | None = None,
    query_timeout: float = 10.0,
    max_results: int = 10000,
    store_dir: str | Path | None = None,
) -> None:
    """Serve until interrupted (uvicorn)."""
    import uvicorn

    app = create_app(
        store, base=base, query_timeout=query_timeout, max_results=max_results, store_dir=store_dir
    )
    if not is_loopback(host):
        LOG.warning("serving on %s: the server is reachable from other machines", host)
    LOG.warning("serving %d quads at http://%s:%d/ (Ctrl-C stops)", len(store), host, port)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)
    finally:
        app.state.linked_data.close()
