"""A polite client for the Wikidata Action API and the Wikidata Query Service.

Etiquette (docs/linking.md): a User-Agent naming kgpub, its version and the operator's contact; ``maxlag=5``
on Action API calls and a pause of at least 5 s on a maxlag error, which comes with HTTP 200; ``Retry-After``
honoured on 429 and 503; one request in flight per host (a process-wide lock per host); gzip; a bounded
retry budget, after which the client stops asking and callers leave entities unlinked.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import requests

from .cache import MISSING, Cache, cache_key, normalise_text
from .config import LinkConfig

log = logging.getLogger("kgpub")

MAX_IDS = 50  # wbgetentities takes at most 50 ids
ENTITY_PROPS = "labels|aliases|descriptions|claims|sitelinks"
KEPT_CLAIMS = ("P31", "P17", "P27", "P131", "P276", "P361")  # instance of, country, citizenship, located in,
#                                                          location, part of

_HOST_LOCKS: dict[str, threading.Lock] = {}
_HOST_LOCKS_GUARD = threading.Lock()


def host_lock(url: str) -> threading.Lock:
    """The process-wide lock that keeps one request in flight per host."""
    host = urlsplit(url).netloc.lower()
    with _HOST_LOCKS_GUARD:
        return _HOST_LOCKS.setdefault(host, threading.Lock())


def kgpub_version() -> str:
    try:
        from importlib.metadata import version

        return version("kgpub")
    except Exception:  # not installed (running from a checkout)
        import kgpub

        return str(getattr(kgpub, "__version__", "0.1.0"))


class ServiceUnavailable(Exception):
    """A request could not be answered within the retry budget (or the host refused us)."""


class NotCached(Exception):
    """Offline mode and the answer is not in the cache."""


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def statement_values(claims: dict[str, Any], prop: str) -> list[str]:
    """Item ids of a property's statements, skipping deprecated ranks and novalue/somevalue snaks."""
    out: list[str] = []
    for st in claims.get(prop) or []:
        if not isinstance(st, dict) or st.get("rank") == "deprecated":
            continue
        snak = st.get("mainsnak") or {}
        if snak.get("snaktype", "value") != "value":
            continue
        value = (snak.get("datavalue") or {}).get("value")
        if isinstance(value, dict):
            qid = value.get("id") or (f"Q{value['numeric-id']}" if "numeric-id" in value else None)
            if qid and qid not in out:
                out.append(qid)
    return out


def reduce_entity(doc: dict[str, Any], language: str) -> dict[str, Any]:
    """The part of a wbgetentities document the linker uses (what the cache stores)."""
    if "missing" in doc:
        return {"id": doc.get("id"), "missing": True}
    lang = language
    label = (doc.get("labels") or {}).get(lang, {}).get("value")
    desc = (doc.get("descriptions") or {}).get(lang, {}).get("value")
    aliases = [a.get("value") for a in (doc.get("aliases") or {}).get(lang, []) if a.get("value")]
    claims = doc.get("claims") or {}
    return {
        "id": doc.get("id"),
        "label": label,
        "description": desc,
        "aliases": aliases,
        "claims": {p: statement_values(claims, p) for p in KEPT_CLAIMS if p in claims},
        "sitelinks": len(doc.get("sitelinks") or {}),
    }


class WikidataClient:
    """Cached, polite access to ``wbsearchentities``, ``wbgetentities`` and WDQS subclass checks.

    :param config: endpoints, contact and retry settings.
    :param cache: answers kept across runs; an in-memory one when not given.
    :param sleep: how to wait (tests pass a recorder so that back-off costs no time).
    """

    def __init__(self, config: LinkConfig, *, cache: Cache | None = None,
                 session: requests.Session | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.config = config
        self.cache = cache if cache is not None else Cache(None, max_age=config.cache_max_age)
        self.sleep = sleep
        self.user_agent = config.user_agent(kgpub_version())
        self.session = session or requests.Session()
        self.session.headers.update({"User-Agent": self.user_agent, "Accept-Encoding": "gzip"})
        self.requests_sent = 0
        self.retries_used = 0
        self.waits: list[float] = []
        self.gave_up: str | None = None  # why the client stopped asking
        self._down: dict[str, str] = {}

    # -- low level -------------------------------------------------------------------------------------

    def _cached(self, key: str) -> Any:
        value = self.cache.get(key, ignore_age=self.config.offline)
        if value is MISSING and self.config.offline:
            raise NotCached(key)
        return value

    def _request(self, url: str, params: dict[str, Any], *, headers: dict[str, str] | None = None) -> Any:
        host = urlsplit(url).netloc.lower()
        cfg = self.config
        if cfg.offline:
            raise NotCached(url)
        with host_lock(url):
            attempt = 0
            while True:
                if host in self._down:
                    raise ServiceUnavailable(self._down[host])
                if self.gave_up:
                    raise ServiceUnavailable(self.gave_up)
                attempt += 1
                backoff = cfg.backoff_base * 2 ** (attempt - 1)
                wait: float
                try:
                    self.requests_sent += 1
                    resp = self.session.get(url, params=params, headers=headers, timeout=cfg.timeout)
                except requests.Timeout:
                    problem, wait = f"no answer within {cfg.timeout:g} s", backoff
                except requests.RequestException as exc:
                    problem, wait = f"connection failed ({type(exc).__name__})", backoff
                else:
                    status = resp.status_code
                    after = retry_after_seconds(resp.headers.get("Retry-After"))
                    if status == 200:
                        try:
                            data = resp.json()
                        except ValueError:
                            data, problem, wait = None, "answer is not JSON", backoff
                        else:
                            error = data.get("error") if isinstance(data, dict) else None
                            if not isinstance(error, dict):
                                return data
                            code = error.get("code")
                            if code == "maxlag":
                                lag = error.get("lag")
                                lag = float(lag) if isinstance(lag, (int, float)) else 0.0
                                problem = f"maxlag: {error.get('info', 'database lagged')}"
                                wait = max(after or 0.0, lag, cfg.min_maxlag_wait)
                            elif code == "ratelimited":
                                problem, wait = "rate limited", max(after or 0.0, backoff)
                            else:
                                raise ServiceUnavailable(f"{host} answered error {code}: {error.get('info', '')}")
                    elif status in (429, 503):
                        default = cfg.default_retry_after if status == 429 else backoff
                        problem, wait = f"HTTP {status}", after if after is not None else default
                    elif status in (500, 502, 504):
                        problem, wait = f"HTTP {status}", backoff
                    elif status == 403:
                        why = (f"{host} refused the request (HTTP 403); check that the contact in the "
                               f"User-Agent ({self.user_agent!r}) is right and that this client is not blocked")
                        self._down[host] = why
                        log.error("%s", why)
                        raise ServiceUnavailable(why)
                    else:
                        raise ServiceUnavailable(f"{host} answered HTTP {status}")
                if attempt >= cfg.max_attempts:
                    raise ServiceUnavailable(f"{host}: {problem} (gave up after {attempt} attempts)")
                if self.retries_used >= cfg.retry_budget:
                    self.gave_up = (f"retry budget of {cfg.retry_budget} used up (last problem at {host}: "
                                    f"{problem}); remaining entities stay unlinked")
                    log.warning("Wikidata: %s", self.gave_up)
                    raise ServiceUnavailable(self.gave_up)
                if wait > cfg.max_wait:
                    self._down[host] = f"{host}: {problem}, asked to wait {wait:.0f} s (more than {cfg.max_wait:.0f})"
                    log.warning("Wikidata: %s", self._down[host])
                    raise ServiceUnavailable(self._down[host])
                self.retries_used += 1
                log.warning("Wikidata: %s; retrying in %.1f s", problem, wait)
                self.waits.append(wait)
                self.sleep(wait)

    def api(self, params: dict[str, Any]) -> dict[str, Any]:
        """One Action API GET with ``format=json`` and ``maxlag``."""
        full = {**params, "format": "json", "maxlag": self.config.maxlag}
        data = self._request(self.config.api_url, full)
        if not isinstance(data, dict):
            raise ServiceUnavailable("Action API answer is not a JSON object")
        return data

    def sparql(self, query: str) -> list[dict[str, Any]]:
        """One WDQS SELECT (GET, so that WDQS's own cache can answer it); returns the bindings."""
        data = self._request(self.config.sparql_url, {"query": query, "format": "json"},
                             headers={"Accept": "application/sparql-results+json"})
        try:
            return list(data["results"]["bindings"])
        except (TypeError, KeyError) as exc:
            raise ServiceUnavailable("query service answer is not SPARQL JSON results") from exc

    # -- operations ------------------------------------------------------------------------------------

    def search(self, text: str, language: str) -> list[dict[str, Any]]:
        """``wbsearchentities`` hits for ``text`` (cached, misses too).

        A second page is fetched only while every hit on the page matched exactly, since the exact matches
        are the only ones the linker keeps.
        """
        text = normalise_text(text)
        hits: list[dict[str, Any]] = []
        offset: int | None = 0
        for _page in range(self.config.max_search_pages):
            params: dict[str, Any] = {"action": "wbsearchentities", "search": text, "language": language,
                                      "uselang": language, "type": "item", "limit": self.config.search_limit}
            if offset:
                params["continue"] = offset
            key = cache_key(self.config.api_url, params)
            page = self._cached(key)
            if page is MISSING:
                data = self.api(params)
                page = {"search": [_slim_hit(h) for h in data.get("search") or [] if isinstance(h, dict)],
                        "continue": data.get("search-continue")}
                self.cache.put(key, page)
            hits.extend(page["search"])
            offset = page.get("continue")
            exact = all(_folded(h.get("match", {}).get("text") or "") == _folded(text) for h in page["search"])
            if not offset or not page["search"] or not exact:
                break
        return hits

    def get_entities(self, ids: Iterable[str], language: str) -> dict[str, dict[str, Any]]:
        """Reduced entity documents by id, fetched 50 at a time; ids that could not be fetched are absent.

        A missing (deleted) item comes back as ``{"id": ..., "missing": True}`` and is cached like any answer.
        """
        out: dict[str, dict[str, Any]] = {}
        todo: list[str] = []
        keys: dict[str, str] = {}
        for qid in dict.fromkeys(ids):
            keys[qid] = cache_key(self.config.api_url, {"action": "wbgetentities", "ids": qid,
                                                        "languages": language, "props": ENTITY_PROPS})
            try:
                value = self._cached(keys[qid])
            except NotCached:
                continue
            if value is MISSING:
                todo.append(qid)
            else:
                out[qid] = value
        for start in range(0, len(todo), MAX_IDS):
            chunk = todo[start:start + MAX_IDS]
            try:
                data = self.api({"action": "wbgetentities", "ids": "|".join(chunk), "languages": language,
                                 "props": ENTITY_PROPS})
            except ServiceUnavailable as exc:
                log.warning("Wikidata: could not fetch %d entities: %s", len(chunk), exc)
                continue
            entities = data.get("entities") or {}
            by_id = {}
            for key, doc in entities.items():
                if isinstance(doc, dict):
                    by_id[key] = doc
                    if doc.get("id"):
                        by_id.setdefault(doc["id"], doc)
            for qid in chunk:
                doc = by_id.get(qid) or {"id": qid, "missing": ""}
                reduced = reduce_entity(doc, language)
                self.cache.put(keys[qid], reduced)
                out[qid] = reduced
        return out

    def subclass_roots(self, classes: Iterable[str], roots: Iterable[str]) -> dict[str, list[str]]:
        """For each class, which of ``roots`` it is a subclass of (``wdt:P279*``), by batched VALUES queries.

        Classes whose answer could not be had are absent.
        """
        root_list = sorted(set(roots), key=_qid_order)
        out: dict[str, list[str]] = {}
        todo: list[str] = []
        keys: dict[str, str] = {}
        for cls in dict.fromkeys(classes):
            keys[cls] = cache_key(self.config.sparql_url, {"subclass_of": " ".join(root_list), "class": cls})
            try:
                value = self._cached(keys[cls])
            except NotCached:
                continue
            if value is MISSING:
                todo.append(cls)
            else:
                out[cls] = value
        for start in range(0, len(todo), MAX_IDS):
            chunk = todo[start:start + MAX_IDS]
            query = (
                "PREFIX wd: <http://www.wikidata.org/entity/>\n"
                "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
                "SELECT DISTINCT ?class ?root WHERE {\n"
                f"  VALUES ?class {{ {' '.join('wd:' + c for c in chunk)} }}\n"
                f"  VALUES ?root {{ {' '.join('wd:' + r for r in root_list)} }}\n"
                "  ?class wdt:P279* ?root .\n}"
            )
            try:
                rows = self.sparql(query)
            except ServiceUnavailable as exc:
                log.warning("Wikidata: subclass check of %d classes failed: %s", len(chunk), exc)
                continue
            found: dict[str, list[str]] = {c: [] for c in chunk}
            for row in rows:
                cls = _qid_of(row.get("class"))
                root = _qid_of(row.get("root"))
                if cls in found and root and root not in found[cls]:
                    found[cls].append(root)
            for cls in chunk:
                found[cls].sort(key=_qid_order)
                self.cache.put(keys[cls], found[cls])
                out[cls] = found[cls]
        return out


def _folded(text: str) -> str:
    return normalise_text(text).casefold()


def _slim_hit(hit: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "label", "description", "match", "aliases")
    return {k: hit[k] for k in keep if k in hit}


def _qid_of(term: Any) -> str | None:
    if isinstance(term, dict) and term.get("type") == "uri":
        tail = str(term.get("value", "")).rsplit("/", 1)[-1]
        return tail or None
    return None


def _qid_order(qid: str) -> tuple[int, str]:
    digits = qid[1:]
    return (int(digits) if digits.isdigit() else 1 << 62, qid)
