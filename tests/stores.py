"""Fixtures that start real servers for the store and serve tests (import them into a test module).

- ``oxigraph``: a real ``oxigraph serve`` on a free loopback port with its own database folder;
  ``.stop()`` kills it (SIGKILL, like a crash) and ``.start()`` brings it back on the same port and data.
- ``auth_proxy``: a tiny reverse proxy that checks an ``Authorization`` header before forwarding to
  Oxigraph (which has no authentication of its own).
- ``virtuoso``: a real ``virtuoso-t`` with a private database folder and loopback ports (session-wide).
- ``chromium``: the path of the Chromium binary.
- ``live_app(app)``: run an ASGI app with uvicorn in a thread on a free port.

Servers that are not installed skip their tests, unless ``KGPUB_REQUIRE_ALL=1`` (set by CI), in
which case the test fails.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "publish"
ARTIFACTS = ROOT / "test-artifacts"


def need(tool: str, found: bool) -> None:
    """Skip (or, under KGPUB_REQUIRE_ALL=1, fail) when ``tool`` is missing."""
    if found:
        return
    msg = f"{tool} is not installed"
    if os.environ.get("KGPUB_REQUIRE_ALL") == "1":
        pytest.fail(msg + " and KGPUB_REQUIRE_ALL=1 forbids skipping")
    pytest.skip(msg)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, *, timeout: float, proc: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except urllib.error.HTTPError as e:
            if e.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready after {timeout}s")


def oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


class OxigraphServer:
    def __init__(self, location: Path, binary: str) -> None:
        self.location = location
        self.binary = binary
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = location.parent / f"oxigraph-{self.port}.log"

    @property
    def store(self) -> str:
        return self.url + "/store"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [self.binary, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_http(self.query_url + "?query=ASK%7B%7D", timeout=30, proc=self.proc)

    def stop(self, sig: int = signal.SIGKILL) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=10)
        self.proc = None

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Run a SELECT through the HTTP protocol; rows as {var: lexical value}."""
        import json
        from urllib.parse import urlencode

        req = urllib.request.Request(
            self.query_url,
            data=urlencode({"query": sparql}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            data = json.load(r)
        return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]

    def graph_counts(self) -> dict[str, int]:
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {r["g"]: int(r["n"]) for r in rows}


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[OxigraphServer]:
    binary = oxigraph_binary()
    need("oxigraph (pip install oxigraph)", binary is not None)
    assert binary is not None
    db = tmp_path / "oxdb"
    db.mkdir()
    server = OxigraphServer(db, binary)
    server.start()
    try:
        yield server
    finally:
        server.stop(signal.SIGTERM)


# ------------------------------------------------------------------------------------ auth proxy


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    upstream: tuple[str, int] = ("127.0.0.1", 0)
    expected: str = ""
    seen: list[str] = []

    def log_message(self, *args: Any) -> None:  # keep pytest output clean
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        got = self.headers.get("Authorization", "")
        self.seen.append(got)
        if got != self.expected:
            msg = b"unauthorised"
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="kgpub-test"')
            self.send_header("Content-Length", str(len(msg)))
            self.end_headers()
            self.wfile.write(msg)
            return
        conn = http.client.HTTPConnection(*self.upstream, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("authorization", "host")}
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        conn.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle


class AuthProxy:
    def __init__(self, upstream_port: int, expected_header: str) -> None:
        handler = type(
            "Handler",
            (_ProxyHandler,),
            {"upstream": ("127.0.0.1", upstream_port), "expected": expected_header, "seen": []},
        )
        self.handler = handler
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def seen(self) -> list[str]:
        return self.handler.seen

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def basic_header(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture
def auth_proxy(oxigraph: OxigraphServer) -> Iterator[AuthProxy]:
    proxy = AuthProxy(oxigraph.port, basic_header("editor", "s3cret-pw"))
    try:
        yield proxy
    finally:
        proxy.close()


# -------------------------------------------------------------------------------------- virtuoso

VIRTUOSO_INI = """\
[Database]
DatabaseFile    = {db}/virtuoso.db
ErrorLogFile    = {db}/virtuoso.log
LockFile        = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile    = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {db}, /usr/share/virtuoso-opensource-7/vad
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 256M
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads = 10
EnabledDavVSP = 0
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


class VirtuosoServer:
    user = "dba"
    password = "dba"  # a fresh private database always starts with dba/dba

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.ini = folder / "virtuoso.ini"
        self.ini.write_text(VIRTUOSO_INI.format(db=folder, sql_port=self.sql_port, http_port=self.http_port))
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with (self.folder / "stdout.log").open("ab") as log:
            self.proc = subprocess.Popen(
                ["virtuoso-t", "+configfile", str(self.ini), "+foreground"],
                cwd=self.folder,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_http(self.url + "/sparql?query=ASK%7B%7D", timeout=90, proc=self.proc)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def graph_count(self, graph: str) -> int:
        import json
        from urllib.parse import urlencode

        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        req = urllib.request.Request(
            self.url + "/sparql",
            data=urlencode({"query": q}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(req, timeout=20) as r:
            data = json.load(r)
        return int(data["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    need("virtuoso-t (apt-get install virtuoso-opensource)", shutil.which("virtuoso-t") is not None)
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


# -------------------------------------------------------------------------------------- chromium


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    binary = chromium_binary()
    need("chromium (apt-get install chromium)", binary is not None)
    assert binary is not None
    return binary


def chromium_args(binary: str, profile: Path) -> list[str]:
    return [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
    ]


# ----------------------------------------------------------------------------------- live ASGI app


@contextlib.contextmanager
def live_app(app: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free loopback port in a thread; yields the base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        state = getattr(getattr(app, "state", None), "linked_data", None)
        if state is not None:
            state.close()
