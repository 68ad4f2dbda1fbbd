"""Publish kgpub RDF into a triple store over HTTP, safely and resumably.

Two protocols:

- ``gsp`` (default): the SPARQL 1.1 Graph Store HTTP Protocol. Each named graph is replaced as a
  whole with one ``PUT ENDPOINT?graph=IRI`` carrying N-Triples, so publishing twice leaves exactly
  the same store. Default-graph triples (from ``.ttl``/``.nt`` input) go to ``ENDPOINT?default``.
- ``update``: SPARQL 1.1 Update for stores without a Graph Store endpoint. The first request is
  ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }`` and later chunks are plain
  ``INSERT DATA``; a graph only counts as published when its last chunk succeeded.

Everything is parsed and SHACL-validated before the first request: nothing invalid is sent
(Virtuoso empties a graph when a PUT carries a bad payload). Article graphs go first and the
dataset description graph last, so the description never announces articles that are not there.

Credentials come from the environment (``KGPUB_STORE_TOKEN`` for a bearer token, or
``KGPUB_STORE_USER`` + ``KGPUB_STORE_PASSWORD``, with ``KGPUB_STORE_AUTH=auto|basic|digest``) or
from a netrc file (``NETRC`` or ``~/.netrc``), never from the command line, and they are never logged.
With ``auto`` (the default) the first request goes without credentials and the server's challenge
(``WWW-Authenticate: Digest`` or ``Basic``) picks the scheme for the rest of the run.

A journal (JSON lines) records each graph once the store accepted it, with a hash of its content.
When a run fails (a server killed half-way, say) the journal stays; the next run with the same
journal, endpoint and data skips the graphs already recorded and publishes only the rest. A run in
which every graph succeeded deletes its journal.
"""

from __future__ import annotations

import hashlib
import json
import logging
import netrc
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from kgpub.errors import InputError, StoreError, ValidationFailed

LOG = logging.getLogger("kgpub")

PROTOCOLS = ("gsp", "update")
DEFAULT_JOURNAL = ".kgpub-publish-journal.jsonl"
DEFAULT_GRAPH = "default"
_RETRY_STATUS = frozenset({500, 502, 503, 504, 429})


# --------------------------------------------------------------------------------------------- input


def read_data(paths: Iterable[str | Path]) -> list[ox.Quad]:
    """Read RDF files into quads (``.ttl``/``.nt`` triples land in the default graph)."""
    from kgpub.rdfio import read_quads

    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no data files given")
    return read_quads(paths)


def checked_quads(data: Sequence[str | Path] | Sequence[ox.Quad], *, validate: bool = True) -> list[ox.Quad]:
    """Quads from files (or quads as given), SHACL-checked unless ``validate`` is false."""
    if data and isinstance(next(iter(data)), ox.Quad):
        quads = list(data)  # type: ignore[arg-type]
    else:
        quads = read_data(data)  # type: ignore[arg-type]
    if validate:
        check_valid(quads)
    return quads


def check_valid(quads: Sequence[ox.Quad]) -> None:
    """Raise :class:`ValidationFailed` when the quads break the shapes (nothing is sent then)."""
    from kgpub.validate import validate

    report = validate(list(quads))
    if not report.conforms:
        raise ValidationFailed(
            f"the data does not conform to the shapes ({report.violations} violations); nothing was sent", report
        )


def split_graphs(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Triple]]:
    """Group quads by graph: ``{graph IRI or "default": [triples]}`` (duplicates dropped)."""
    graphs: dict[str, dict[ox.Triple, None]] = {}
    for q in quads:
        g = q.graph_name
        if isinstance(g, ox.DefaultGraph):
            key = DEFAULT_GRAPH
        elif isinstance(g, ox.NamedNode):
            key = g.value
        else:
            raise InputError(f"blank-node graph names cannot be published: {g}")
        graphs.setdefault(key, {})[q.triple] = None
    return {k: list(v) for k, v in graphs.items()}


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """Canonical N-Triples bytes: one triple per line, sorted, so the same graph hashes the same."""
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
    lines = sorted(set(line for line in data.split(b"\n") if line.strip()))
    return b"\n".join(lines) + (b"\n" if lines else b"")


def publish_order(graphs: dict[str, Any]) -> list[str]:
    """Article graphs (sorted) first, the dataset description graph(s) last."""

    def key(g: str) -> tuple[int, str]:
        return (1 if g.endswith("/graph/dataset") or g.endswith("#graph/dataset") else 0, g)

    return sorted(graphs, key=key)


# --------------------------------------------------------------------------------------- credentials


@dataclass(frozen=True)
class Credentials:
    """HTTP credentials. ``repr`` never shows the secret."""

    scheme: str  # "auto" (answer the server's challenge), "basic", "digest" or "bearer"
    user: str | None = field(default=None)
    secret: str = field(default="", repr=False)
    origin: str = "environment"

    def __repr__(self) -> str:  # make sure no log line or traceback shows the secret
        return f"Credentials(scheme={self.scheme!r}, user={self.user!r}, origin={self.origin!r})"


def credentials_for(url: str, env: dict[str, str] | None = None) -> Credentials | None:
    """Find credentials for ``url`` in the environment, else in the netrc file, else ``None``.

    Environment: ``KGPUB_STORE_TOKEN`` (bearer), or ``KGPUB_STORE_USER`` and ``KGPUB_STORE_PASSWORD``
    with ``KGPUB_STORE_AUTH`` = ``auto`` (default: follow the server's challenge), ``basic`` or
    ``digest``. netrc: ``NETRC`` or ``~/.netrc``,
    looked up by the endpoint's host name.
    """
    env = dict(os.environ) if env is None else env
    scheme = env.get("KGPUB_STORE_AUTH", "auto").strip().lower() or "auto"
    if scheme not in ("auto", "basic", "digest", "bearer"):
        raise InputError(f"KGPUB_STORE_AUTH must be auto, basic, digest or bearer, not {scheme!r}")
    token = env.get("KGPUB_STORE_TOKEN")
    if token:
        return Credentials("bearer", None, token)
    user, password = env.get("KGPUB_STORE_USER"), env.get("KGPUB_STORE_PASSWORD")
    if user:
        if password is None:
            raise InputError("KGPUB_STORE_USER is set but KGPUB_STORE_PASSWORD is not")
        return Credentials("basic" if scheme == "bearer" else scheme, user, password)
    host = urlsplit(url).hostname or ""
    path = env.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if host and os.path.isfile(path):
        try:
            found = netrc.netrc(path).authenticators(host)
        except (netrc.NetrcParseError, OSError) as exc:
            raise InputError(f"cannot read the netrc file: {getattr(exc, 'msg', exc)}", source=path) from None
        if found:
            login, _account, pw = found
            return Credentials("basic" if scheme == "bearer" else scheme, login, pw or "", origin="netrc")
    return None


def redact(url: str) -> str:
    """The URL without any user:password part, safe to log."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def check_endpoint(url: str) -> str:
    """Refuse endpoint URLs that are not http(s) or that carry credentials."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"the endpoint must be an http:// or https:// URL, not {redact(url)!r}")
    if parts.username is not None or parts.password is not None:
        raise InputError(
            "do not put credentials in the endpoint URL; use KGPUB_STORE_USER/"
            "KGPUB_STORE_PASSWORD, KGPUB_STORE_TOKEN or a netrc file"
        )
    return url


# ---------------------------------------------------------------------------------------------- http


class HttpClient:
    """A requests session with auth, TLS settings, timeouts and retries with exponential backoff."""

    def __init__(
        self,
        *,
        credentials: Credentials | None = None,
        verify: bool | str = True,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import requests

        self._requests = requests
        self.session = requests.Session()
        self.session.trust_env = False  # no silent ~/.netrc or proxy settings: credentials are explicit
        self.session.verify = verify
        self.session.headers["User-Agent"] = "kgpub"
        self.credentials = credentials
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.sleep = sleep
        self._auth_pending = credentials is not None and credentials.scheme == "auto"
        self._auth = (
            None if self._auth_pending else self._make_auth(credentials.scheme if credentials else None)
        )

    def _make_auth(self, scheme: str | None) -> Any:
        c = self.credentials
        if c is None or scheme is None:
            return None
        if scheme == "bearer":
            return _BearerAuth(c.secret)
        if scheme == "digest":
            return self._requests.auth.HTTPDigestAuth(c.user or "", c.secret)
        return self._requests.auth.HTTPBasicAuth(c.user or "", c.secret)

    def close(self) -> None:
        self.session.close()

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        """Send with retries on connection errors, timeouts and 5xx/429; return the final response.

        Raises :class:`StoreError` when the server stays unreachable.
        """
        requests = self._requests
        attempt = 0
        while True:
            try:
                resp = self.session.request(method, url, auth=self._auth, timeout=self.timeout, **kwargs)
            except requests.exceptions.SSLError as exc:
                raise StoreError(
                    f"TLS error talking to {redact(url)}: {_short(exc)} "
                    "(use --ca-bundle FILE, or --insecure to skip verification)"
                ) from None
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
                if attempt >= self.retries:
                    kind = "timed out" if isinstance(exc, requests.exceptions.Timeout) else "unreachable"
                    raise StoreError(
                        f"{redact(url)} {kind} after {attempt + 1} attempts: {_short(exc)}"
                    ) from None
                delay = self.backoff * (2**attempt)
                LOG.info(
                    "%s %s failed (%s); retry %d/%d in %.1fs",
                    method,
                    redact(url),
                    type(exc).__name__,
                    attempt + 1,
                    self.retries,
                    delay,
                )
                self.sleep(delay)
                attempt += 1
                continue
            if resp.status_code == 401 and self._auth_pending:
                # "auto": answer the server's challenge with the scheme it asks for, then keep it
                self._auth_pending = False
                challenge = resp.headers.get("WWW-Authenticate", "").strip().lower()
                scheme = "digest" if challenge.startswith("digest") else "basic"
                LOG.info("the store asks for %s authentication", scheme)
                self._auth = self._make_auth(scheme)
                continue
            if resp.status_code in _RETRY_STATUS and attempt < self.retries:
                delay = self.backoff * (2**attempt)
                retry_after = resp.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    delay = min(float(retry_after), 60.0)
                LOG.info(
                    "%s %s answered %d; retry %d/%d in %.1fs",
                    method,
                    redact(url),
                    resp.status_code,
                    attempt + 1,
                    self.retries,
                    delay,
                )
                self.sleep(delay)
                attempt += 1
                continue
            return resp


class _BearerAuth:
    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, r: Any) -> Any:
        r.headers["Authorization"] = f"Bearer {self._token}"
        return r

    def __repr__(self) -> str:
        return "_BearerAuth(***)"


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:197] + "..."


def _body_excerpt(resp: Any) -> str:
    try:
        text = " ".join(resp.text.split())
    except Exception:  # noqa: BLE001 - undecodable bodies are just left out
        return ""
    return text[:160]


# ------------------------------------------------------------------------------------------- journal


class Journal:
    """JSON-lines record of graphs the store has accepted: ``{"endpoint", "graph", "sha256"}``."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path else None
        self.done: dict[tuple[str, str], str] = {}
        if self.path and self.path.exists():
            for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    self.done[(rec["endpoint"], rec["graph"])] = rec["sha256"]
                except (ValueError, KeyError, TypeError):
                    # a line cut short by a crash: ignore it, the graph is simply sent again
                    LOG.warning("%s:%d: unreadable journal line ignored", self.path, n)

    def has(self, endpoint: str, graph: str, digest: str) -> bool:
        return self.done.get((endpoint, graph)) == digest

    def record(self, endpoint: str, graph: str, digest: str) -> None:
        self.done[(endpoint, graph)] = digest
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(
            {
                "endpoint": endpoint,
                "graph": graph,
                "sha256": digest,
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
        )
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def remove(self) -> None:
        if self.path and self.path.exists():
            self.path.unlink()


# ------------------------------------------------------------------------------------------- publish


@dataclass
class PublishSummary:
    """What a publish run did. ``ok`` is true when no graph failed or was left out."""

    endpoint: str
    protocol: str
    published: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the journal with the same content
    failed: dict[str, str] = field(default_factory=dict)  # graph -> reason
    not_attempted: list[str] = field(default_factory=list)
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0
    journal: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and not self.not_attempted

    def text(self) -> str:
        """A short human summary (no credentials in it)."""
        lines = [
            f"{'published' if self.ok else 'publish FAILED'}: {len(self.published)} graphs "
            f"({self.triples} triples, {self.requests} requests, {self.seconds:.2f}s) to "
            f"{redact(self.endpoint)} via {self.protocol}; {len(self.skipped)} already published "
            f"(journal), {len(self.failed)} failed, {len(self.not_attempted)} not attempted"
        ]
        for g, why in self.failed.items():
            lines.append(f"  failed: {g}: {why}")
        if self.not_attempted:
            lines.append(f"  not attempted: {len(self.not_attempted)} graphs")
        if not self.ok and self.journal:
            lines.append(f"  rerun the same command to publish the rest (journal: {self.journal})")
        return "\n".join(lines)


class _Abort(Exception):
    """A failure after which no further graph is tried (bad credentials, server gone)."""


def publish(
    data: Sequence[str | Path] | Sequence[ox.Quad],
    endpoint: str,
    *,
    protocol: str = "gsp",
    journal: str | Path | None = DEFAULT_JOURNAL,
    force: bool = False,
    credentials: Credentials | None | bool = True,
    verify: bool | str = True,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 0.5,
    chunk_size: int = 2000,
    validate: bool = True,
    dry_run: bool = False,
    on_graph: Callable[[str, str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PublishSummary:
    """Publish RDF files (or quads) to a store, one named graph at a time.

    :param data: RDF file paths, or already parsed quads.
    :param endpoint: the Graph Store endpoint (``gsp``: Oxigraph ``/store``, Virtuoso
        ``/sparql-graph-crud``, Fuseki ``/DATASET/data``) or the update endpoint (``update``:
        Oxigraph ``/update``, Virtuoso ``/sparql``, Fuseki ``/DATASET/update``).
    :param journal: path of the resume journal, or ``None`` for none.
    :param force: ignore the journal and send every graph.
    :param credentials: ``True`` to look them up (:func:`credentials_for`), ``None``/``False`` for none.
    :param on_graph: called as ``on_graph(graph, status)`` after each graph ("published", "skipped").
    :returns: a :class:`PublishSummary`; the caller decides how to report ``ok is False``.
    :raises InputError: unreadable input or a bad endpoint; :raises ValidationFailed: invalid data.
    """
    if protocol not in PROTOCOLS:
        raise InputError(f"unknown protocol {protocol!r}; use one of {', '.join(PROTOCOLS)}")
    if chunk_size < 1:
        raise InputError("the chunk size must be at least 1")
    check_endpoint(endpoint)
    started = time.monotonic()
    quads = checked_quads(data, validate=validate)
    graphs = split_graphs(quads)
    if credentials is True:
        creds = credentials_for(endpoint)
    else:
        creds = credentials or None
    jr = Journal(journal)
    summary = PublishSummary(endpoint, protocol, journal=str(jr.path) if jr.path else None)
    order = publish_order(graphs)
    LOG.info(
        "publishing %d graphs (%d quads) to %s via %s%s",
        len(order),
        len(quads),
        redact(endpoint),
        protocol,
        f" as {creds!r}" if creds else "",
    )
    if dry_run:
        summary.not_attempted = order
        summary.seconds = time.monotonic() - started
        return summary
    client = HttpClient(
        credentials=creds, verify=verify, timeout=timeout, retries=retries, backoff=backoff, sleep=sleep
    )
    try:
        for i, graph in enumerate(order):
            triples = graphs[graph]
            body = ntriples(triples)
            digest = hashlib.sha256(graph.encode() + b"\n" + body).hexdigest()
            if not force and jr.has(endpoint, graph, digest):
                summary.skipped.append(graph)
                if on_graph:
                    on_graph(graph, "skipped")
                continue
            try:
                if protocol == "gsp":
                    summary.requests += _put_graph(client, endpoint, graph, body)
                else:
                    summary.requests += _update_graph(client, endpoint, graph, body, chunk_size)
            except _Abort as exc:
                summary.failed[graph] = str(exc)
                summary.not_attempted = order[i + 1 :]
                break
            except StoreError as exc:
                summary.failed[graph] = str(exc)
                continue
            jr.record(endpoint, graph, digest)
            summary.published.append(graph)
            summary.triples += len(triples)
            LOG.info("published %s (%d triples)", graph, len(triples))
            if on_graph:
                on_graph(graph, "published")
    finally:
        client.close()
    summary.seconds = time.monotonic() - started
    if summary.ok:
        jr.remove()
    return summary


def _check(resp: Any, what: str) -> None:
    code = resp.status_code
    if 200 <= code < 300:
        return
    if code in (401, 403):
        raise _Abort(
            f"{what}: the store refused the credentials (HTTP {code}); set KGPUB_STORE_USER/"
            "KGPUB_STORE_PASSWORD, KGPUB_STORE_TOKEN or a netrc entry"
        )
    if code in _RETRY_STATUS:
        raise _Abort(f"{what}: the store answered HTTP {code} after retries: {_body_excerpt(resp)}")
    raise StoreError(f"{what}: HTTP {code}: {_body_excerpt(resp)}")


def _graph_url(endpoint: str, graph: str) -> str:
    sep = "&" if "?" in endpoint else "?"
    if graph == DEFAULT_GRAPH:
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def _put_graph(client: HttpClient, endpoint: str, graph: str, body: bytes) -> int:
    try:
        resp = client.request(
            "PUT", _graph_url(endpoint, graph), data=body, headers={"Content-Type": "application/n-triples"}
        )
    except StoreError as exc:
        raise _Abort(str(exc)) from None
    _check(resp, f"PUT {graph}")
    return 1


def _update_graph(client: HttpClient, endpoint: str, graph: str, body: bytes, chunk_size: int) -> int:
    lines = body.decode("utf-8").splitlines()
    chunks = [lines[i : i + chunk_size] for i in range(0, len(lines), chunk_size)] or [[]]
    sent = 0
    for n, chunk in enumerate(chunks):
        triples = "\n".join(chunk)
        if graph == DEFAULT_GRAPH:
            insert = f"INSERT DATA {{\n{triples}\n}}"
            drop = "DROP SILENT DEFAULT"
        else:
            insert = f"INSERT DATA {{ GRAPH <{graph}> {{\n{triples}\n}} }}"
            drop = f"DROP SILENT GRAPH <{graph}>"
        update = f"{drop} ;\n{insert}" if n == 0 else insert
        try:
            resp = client.request(
                "POST",
                endpoint,
                data=update.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update; charset=utf-8", "Accept": "*/*"},
            )
        except StoreError as exc:
            raise _Abort(str(exc)) from None
        _check(resp, f"update {graph} (chunk {n + 1}/{len(chunks)})")
        sent += 1
    return sent
