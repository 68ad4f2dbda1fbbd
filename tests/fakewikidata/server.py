"""A local fake of Wikidata's Action API (/w/api.php) and Query Service (/sparql) for the linking tests.

It answers in Wikidata's JSON shapes (see ../../../shared/research/wikidata-api.md section 5) from the fixtures
in this folder, records every request, counts requests in flight, refuses requests without a proper
User-Agent (403), and plays queued faults: maxlag (HTTP 200 + error), 429/503 with Retry-After, 500,
ratelimited, slow answers (client timeouts).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).parent
UA_OK = re.compile(r"^\S+/\S+ \((?=[^)]*(https?://|@))[^)]*\)")


@dataclass
class Recorded:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    start: float
    end: float = 0.0
    status: int = 0


@dataclass
class Fault:
    endpoint: str  # "api", "sparql" or "any"
    kind: str  # maxlag | 429 | 503 | 500 | timeout | ratelimited | 403
    retry_after: str | None = "1"
    lag: int = 1
    delay: float = 1.0
    times: int = 1


@dataclass
class FakeWikidata:
    data_dir: Path = HERE
    delay: float = 0.0  # seconds each answer takes (to make overlaps visible)
    faults: deque = field(default_factory=deque)
    always: Fault | None = None  # a fault played on every request
    requests: list[Recorded] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.entities: dict[str, dict[str, Any]] = {}
        compact = json.loads((self.data_dir / "entities.json").read_text(encoding="utf-8"))
        for qid, spec in compact.items():
            if not qid.startswith("_"):
                self.entities[qid] = expand(qid, spec)
        for raw in sorted((self.data_dir / "raw").glob("*.json")):
            doc = json.loads(raw.read_text(encoding="utf-8"))
            self.entities.update(doc["entities"])
        self.subclass_of: dict[str, list[str]] = {
            k: v for k, v in json.loads((self.data_dir / "subclasses.json").read_text(encoding="utf-8")).items()
            if not k.startswith("_")
        }
        # search index lag: ids the search still returns but that no longer exist
        self.extra_search_ids: dict[str, list[str]] = {"aleppo": ["Q999999991"]}
        self._lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle --------------------------------------------------------------------------------------

    def start(self) -> FakeWikidata:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # one small answer per request: no 40 ms delayed-ACK stalls

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                fake.handle(self, None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                fake.handle(self, self.rfile.read(length).decode("utf-8"))

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.url + "/w/api.php"

    @property
    def sparql_url(self) -> str:
        return self.url + "/sparql"

    def queue(self, endpoint: str, kind: str, **kw: Any) -> None:
        self.faults.append(Fault(endpoint, kind, **kw))

    def calls(self, action: str | None = None, path: str | None = None) -> list[Recorded]:
        out = self.requests
        if path:
            out = [r for r in out if r.path == path]
        if action:
            out = [r for r in out if r.params.get("action") == action]
        return out

    # -- handling ---------------------------------------------------------------------------------------

    def handle(self, h: BaseHTTPRequestHandler, body: str | None) -> None:
        parts = urlsplit(h.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if body:
            params.update({k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()})
        rec = Recorded(h.command, parts.path, params, {k: v for k, v in h.headers.items()}, time.monotonic())
        with self._lock:
            self.requests.append(rec)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            status, headers, payload = self.answer(parts.path, params, h.headers.get("User-Agent", ""))
            if self.delay:
                time.sleep(self.delay)
            raw = b"" if payload is None else json.dumps(payload).encode("utf-8")
            if raw and "gzip" in (h.headers.get("Accept-Encoding") or ""):
                raw = gzip.compress(raw)
                headers["Content-Encoding"] = "gzip"
            rec.status = status  # before the answer leaves, so a client that reads it sees the record
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(raw)))
            h.end_headers()
            try:
                h.wfile.write(raw)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                pass
        finally:
            with self._lock:
                self.in_flight -= 1
                rec.end = time.monotonic()

    def _fault_for(self, endpoint: str) -> Fault | None:
        if self.always and self.always.endpoint in (endpoint, "any"):
            return self.always
        with self._lock:
            if self.faults and self.faults[0].endpoint in (endpoint, "any"):
                f = self.faults[0]
                f.times -= 1
                if f.times <= 0:
                    self.faults.popleft()
                return f
        return None

    def answer(self, path: str, params: dict[str, str], ua: str) -> tuple[int, dict[str, str], Any]:
        js = {"Content-Type": "application/json; charset=utf-8"}
        if not UA_OK.match(ua) or ua.startswith(("python-requests", "python-httpx")):
            return 403, js, {"error": {"code": "forbidden",
                                       "info": "Please set a user-agent and respect our robot policy"}}
        endpoint = "api" if path == "/w/api.php" else "sparql" if path == "/sparql" else "other"
        if endpoint == "other":
            return 404, js, {"error": "not found"}
        fault = self._fault_for(endpoint)
        if fault:
            extra = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            if fault.kind == "maxlag":
                return 200, {**js, **extra, "X-Database-Lag": str(fault.lag)}, {"error": {
                    "code": "maxlag", "info": f"Waiting for db1234: {fault.lag} seconds lagged",
                    "host": "db1234", "lag": fault.lag, "type": "db",
                    "*": "See https://www.wikidata.org/w/api.php for API usage."}}
            if fault.kind == "ratelimited":
                return 200, js, {"error": {"code": "ratelimited", "info": "You've exceeded your rate limit."}}
            if fault.kind in ("429", "503", "500", "403"):
                return int(fault.kind), {**js, **extra}, {"error": fault.kind}
            if fault.kind == "timeout":
                time.sleep(fault.delay)
        if endpoint == "sparql":
            return self.sparql(params)
        action = params.get("action")
        if action == "wbsearchentities":
            return 200, js, self.search(params)
        if action == "wbgetentities":
            return 200, js, self.getentities(params)
        info = f"Unrecognized value for parameter \"action\": {action}."
        return 200, js, {"error": {"code": "badvalue", "info": info}}

    def search(self, p: dict[str, str]) -> dict[str, Any]:
        text = " ".join(p.get("search", "").split()).casefold()
        lang = p.get("language", "en")
        limit = min(int(p.get("limit", 7)), 50)
        offset = int(p.get("continue", 0))
        found = []
        for qid, doc in self.entities.items():
            if "missing" in doc or doc.get("_unsearchable"):
                continue
            label = doc.get("labels", {}).get(lang, {}).get("value")
            aliases = [a["value"] for a in doc.get("aliases", {}).get(lang, [])]
            hit = None
            if label and label.casefold().startswith(text):
                hit = ("label", label)
            else:
                for a in aliases:
                    if a.casefold().startswith(text):
                        hit = ("alias", a)
                        break
            if hit:
                exact = hit[1].casefold() == text
                found.append((not exact, -len(doc.get("sitelinks", {})), int(qid[1:]), qid, hit, label))
        for qid in self.extra_search_ids.get(text, []):  # search index lag: ids that no longer exist
            found.append((False, 0, int(qid[1:]), qid, ("label", p.get("search", "")), p.get("search", "")))
        found.sort()
        page = found[offset:offset + limit]
        out = []
        for _e, _s, _n, qid, (mtype, mtext), label in page:
            doc = self.entities.get(qid, {})
            desc = doc.get("descriptions", {}).get(lang, {}).get("value")
            item: dict[str, Any] = {
                "id": qid, "title": qid, "pageid": 1000 + int(qid[1:]) % 100000, "repository": "wikidata",
                "url": f"//www.wikidata.org/wiki/{qid}", "concepturi": f"http://www.wikidata.org/entity/{qid}",
                "display": {"label": {"value": label or mtext, "language": lang}},
                "label": label or mtext, "match": {"type": mtype, "language": lang, "text": mtext},
            }
            if desc:
                item["description"] = desc
                item["display"]["description"] = {"value": desc, "language": lang}
            if mtype == "alias":
                item["aliases"] = [mtext]
            out.append(item)
        body: dict[str, Any] = {"searchinfo": {"search": p.get("search", "")}, "search": out}
        if offset + limit < len(found):
            body["search-continue"] = offset + limit
        body["success"] = 1
        return body

    def getentities(self, p: dict[str, str]) -> dict[str, Any]:
        ids = [i for i in p.get("ids", "").split("|") if i]
        if len(ids) > 50:
            return {"error": {"code": "toomanyvalues",
                              "info": "Too many values supplied for parameter \"ids\". The limit is 50."}}
        for qid in ids:
            if not re.fullmatch(r"Q[1-9]\d*", qid):
                return {"error": {"code": "no-such-entity", "info": f"Could not find an entity with the ID \"{qid}\"."}}
        langs = set(p.get("languages", "").split("|")) - {""}
        props = set(p.get("props", "info|sitelinks|aliases|labels|descriptions|claims|datatype").split("|"))
        out = {}
        for qid in ids:
            doc = self.entities.get(qid)
            if doc is None or "missing" in doc:
                out[qid] = {"id": qid, "missing": ""}
                continue
            d = {k: v for k, v in doc.items() if not k.startswith("_")}
            for key in ("labels", "descriptions", "aliases"):
                if key not in props:
                    d.pop(key, None)
                elif langs:
                    d[key] = {lang: v for lang, v in d.get(key, {}).items() if lang in langs}
            if "claims" not in props:
                d.pop("claims", None)
            if "sitelinks" not in props:
                d.pop("sitelinks", None)
            out[qid] = d
        return {"entities": out, "success": 1}

    def closure(self, cls: str) -> set[str]:
        seen = {cls}
        todo = [cls]
        while todo:
            for sup in self.subclass_of.get(todo.pop(), []):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    def sparql(self, p: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        query = p.get("query", "")
        blocks = dict(re.findall(r"VALUES\s+\?(\w+)\s*\{([^}]*)\}", query))
        if "class" not in blocks or "root" not in blocks or "wdt:P279*" not in query:
            return 400, {"Content-Type": "text/plain"}, {"error": "MalformedQueryException (fake supports the "
                                                                 "subclass query only)"}
        classes = re.findall(r"wd:(Q\d+)", blocks["class"])
        roots = re.findall(r"wd:(Q\d+)", blocks["root"])
        rows = []
        for c in classes:
            sup = self.closure(c)
            for r in roots:
                if r in sup:
                    rows.append({"class": {"type": "uri", "value": f"http://www.wikidata.org/entity/{c}"},
                                 "root": {"type": "uri", "value": f"http://www.wikidata.org/entity/{r}"}})
        return 200, {"Content-Type": "application/sparql-results+json;charset=utf-8",
                     "Cache-Control": "public, max-age=300"}, {"head": {"vars": ["class", "root"]},
                                                               "results": {"bindings": rows}}


def _hash(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()


def _statement(qid: str, prop: str, spec: Any, n: int) -> dict[str, Any]:
    if isinstance(spec, str):
        spec = {"id": spec}
    snaktype = spec.get("snaktype", "value")
    snak: dict[str, Any] = {"snaktype": snaktype, "property": prop, "hash": _hash(qid, prop, str(spec)),
                            "datatype": "wikibase-item"}
    if snaktype == "value":
        snak["datavalue"] = {"value": {"entity-type": "item", "numeric-id": int(spec["id"][1:]), "id": spec["id"]},
                             "type": "wikibase-entityid"}
    u = _hash(qid, prop, str(n)).upper()
    return {"mainsnak": snak, "type": "statement",
            "id": f"{qid}${u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:32]}",
            "rank": spec.get("rank", "normal")}


def expand(qid: str, spec: dict[str, Any]) -> dict[str, Any]:
    """A compact fixture entry -> a wbgetentities entity document."""
    if spec.get("missing"):
        return {"id": qid, "missing": ""}
    labels = dict(spec.get("labels", {}))
    if "label" in spec:
        labels["en"] = spec["label"]
    descs = dict(spec.get("descriptions", {}))
    if "description" in spec:
        descs["en"] = spec["description"]
    aliases = dict(spec.get("aliases_by_lang", {}))
    if "aliases" in spec:
        aliases["en"] = spec["aliases"]
    claims = {}
    for prop in sorted(k for k in spec if re.fullmatch(r"P\d+", k)):
        claims[prop] = [_statement(qid, prop, v, i) for i, v in enumerate(spec[prop])]
    sites = ["enwiki", "dewiki", "frwiki", "arwiki", "eswiki", "itwiki", "ruwiki", "jawiki", "zhwiki", "plwiki"]
    n = int(spec.get("sitelinks", 0))
    sitelinks = {}
    for i in range(n):
        site = sites[i] if i < len(sites) else f"x{i:03d}wiki"
        sitelinks[site] = {"site": site, "title": labels.get("en", qid), "badges": []}
    doc = {
        "pageid": 1000 + int(qid[1:]) % 100000, "ns": 0, "title": qid, "lastrevid": 2000000000 + int(qid[1:]) % 1000,
        "modified": "2026-11-01T00:00:00Z", "type": "item", "id": qid,
        "labels": {lang: {"language": lang, "value": v} for lang, v in labels.items()},
        "descriptions": {lang: {"language": lang, "value": v} for lang, v in descs.items()},
        "aliases": {lang: [{"language": lang, "value": a} for a in vs] for lang, vs in aliases.items()},
        "claims": claims,
        "sitelinks": sitelinks,
    }
    if spec.get("unsearchable"):
        doc["_unsearchable"] = True
    return doc
