"""pytest fixtures for the linking tests: the fake Wikidata server, configs, the fixture corpus."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kgpub.linking import LinkConfig, make_config

from .server import HERE, FakeWikidata

CONTACT = "https://example.org/kgpub-tests; tests@example.org"
CORPUS = HERE / "corpus.trig"
GOLD = HERE / "gold.json"


@pytest.fixture
def fake_wd() -> Iterator[FakeWikidata]:
    fake = FakeWikidata().start()
    try:
        yield fake
    finally:
        fake.stop()


class SleepRecorder:
    """Stands in for time.sleep: records the waits and takes no time."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


def config_for(fake: FakeWikidata, tmp_path: Path | None = None, **kw: Any) -> LinkConfig:
    """A config pointing at the fake; no persistent cache unless tmp_path is given; short timeouts."""
    opts: dict[str, Any] = {"contact": CONTACT, "api_url": fake.api_url, "sparql_url": fake.sparql_url,
                            "cache_path": str(tmp_path / "wd.sqlite") if tmp_path else "", "timeout": 2.0}
    opts.update(kw)
    cfg = make_config(**opts)
    if not opts["cache_path"]:
        cfg.cache_path = None
    return cfg


def corpus_quads() -> list[ox.Quad]:
    return list(ox.parse(path=str(CORPUS)))


def gold() -> dict[str, str | None]:
    return json.loads(GOLD.read_text(encoding="utf-8"))
