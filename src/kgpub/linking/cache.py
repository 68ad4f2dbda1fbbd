"""A small persistent SQLite cache of Wikidata answers, misses included.

Keys are the endpoint plus a normalised query (see :func:`cache_key`); values are JSON. A stored empty
answer (no search hit, a missing item) is a hit like any other, so a rebuild asks nothing it asked before.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

_MISSING = object()


def normalise_text(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def cache_key(endpoint: str, params: dict[str, Any]) -> str:
    """``endpoint?sorted-params``, with the scheme and host lower-cased and volatile parameters left out.

    >>> cache_key("HTTPS://Example.org/w/api.php", {"search": " Aleppo ", "action": "wbsearchentities",
    ...                                            "maxlag": 5, "format": "json"})
    'https://example.org/w/api.php?action=wbsearchentities&search=Aleppo'
    """
    parts = urlsplit(endpoint.strip())
    base = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))
    clean = {k: normalise_text(str(v)) for k, v in params.items() if k not in ("maxlag", "format", "origin")}
    return base + "?" + urlencode(sorted(clean.items()))


class Cache:
    """Key -> JSON value with the time it was stored. ``path=None`` keeps it in memory."""

    def __init__(self, path: str | Path | None, *, max_age: float | None = None, clock=time.time) -> None:
        self.path = Path(path) if path is not None else None
        self.max_age = max_age
        self.clock = clock
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            target = str(self.path)
        else:
            target = ":memory:"
        self._db = sqlite3.connect(target, check_same_thread=False, timeout=30)
        with self._lock, self._db:
            if self.path is not None:
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL, stored REAL NOT NULL)"
            )

    def get(self, key: str, *, ignore_age: bool = False) -> Any:
        """The cached value, or :data:`MISSING` when absent or older than ``max_age``."""
        with self._lock:
            row = self._db.execute("SELECT value, stored FROM answers WHERE key = ?", (key,)).fetchone()
        if row is None or (not ignore_age and self.max_age is not None and self.clock() - row[1] > self.max_age):
            self.misses += 1
            return MISSING
        self.hits += 1
        return json.loads(row[0])

    def put(self, key: str, value: Any) -> None:
        data = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO answers (key, value, stored) VALUES (?, ?, ?)",
                             (key, data, self.clock()))

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


MISSING: Any = _MISSING
