"""The SQLite cache: keys, misses, age, offline rebuilds, and the default location."""
# ruff: noqa: F811  (pytest fixtures imported from fakewikidata.fixtures are redefined as arguments)

from __future__ import annotations

from pathlib import Path

import pytest
from fakewikidata.fixtures import config_for, corpus_quads, fake_wd  # noqa: F401
from fakewikidata.server import FakeWikidata

from kgpub.linking import LinkConfigError, default_cache_path, link_quads, make_config
from kgpub.linking.cache import MISSING, Cache, cache_key
from kgpub.linking.config import parse_duration


def test_key_normalises_endpoint_and_query() -> None:
    a = cache_key("HTTPS://WWW.Wikidata.org/w/api.php", {"search": "Aleppo  ", "language": "en", "maxlag": 5})
    b = cache_key("https://www.wikidata.org/w/api.php", {"language": "en", "search": " Aleppo", "format": "json"})
    assert a == b
    assert a != cache_key("https://test.wikidata.org/w/api.php", {"language": "en", "search": "Aleppo"})


def test_misses_are_stored_and_age_expires(tmp_path: Path) -> None:
    now = [1000.0]
    c = Cache(tmp_path / "c.sqlite", max_age=60, clock=lambda: now[0])
    assert c.get("k") is MISSING
    c.put("k", [])  # an empty search result is an answer
    assert c.get("k") == []
    now[0] += 61
    assert c.get("k") is MISSING
    assert c.get("k", ignore_age=True) == []
    c.close()
    assert Cache(tmp_path / "c.sqlite").get("k") == []  # persistent


def test_second_run_and_offline_run_ask_nothing(fake_wd: FakeWikidata, tmp_path: Path) -> None:
    cfg = config_for(fake_wd, tmp_path)
    out1, rows1 = link_quads(corpus_quads(), config=cfg)
    sent = len(fake_wd.requests)
    assert sent > 10
    out2, rows2 = link_quads(corpus_quads(), config=cfg)
    assert len(fake_wd.requests) == sent and rows2 == rows1
    fake_wd.stop()  # the server is gone: offline must not need it
    off = make_config(offline=True, cache_path=str(tmp_path / "wd.sqlite"), api_url=fake_wd.api_url,
                      sparql_url=fake_wd.sparql_url)
    out3, rows3 = link_quads(corpus_quads(), config=off)
    assert rows3 == rows1 and sorted(map(str, out3)) == sorted(map(str, out1))


def test_offline_without_cache_leaves_entities_unlinked(tmp_path: Path) -> None:
    off = make_config(offline=True, cache_path=str(tmp_path / "empty.sqlite"))
    out, rows = link_quads(corpus_quads(), config=off)
    assert {r.reason for r in rows} == {"not-in-cache"}
    assert len(out) == len(corpus_quads())


def test_stale_cache_is_refetched(fake_wd: FakeWikidata, tmp_path: Path) -> None:
    link_quads(corpus_quads(), config=config_for(fake_wd, tmp_path))
    sent = len(fake_wd.requests)
    link_quads(corpus_quads(), config=config_for(fake_wd, tmp_path, cache_max_age="0s"))
    assert len(fake_wd.requests) == 2 * sent


def test_default_cache_path_honours_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "kgpub" / "wikidata.sqlite"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_path() == tmp_path / "home" / ".cache" / "kgpub" / "wikidata.sqlite"


def test_contact_is_required_unless_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KGPUB_CONTACT", raising=False)
    with pytest.raises(LinkConfigError, match="KGPUB_CONTACT") as info:
        make_config()
    assert info.value.exit_code == 2
    with pytest.raises(LinkConfigError, match="neither a URL nor an e-mail"):
        make_config(contact="me")
    monkeypatch.setenv("KGPUB_CONTACT", "ops@example.org")
    assert make_config().contact == "ops@example.org"
    assert "(ops@example.org)" in make_config().user_agent("0.1")
    monkeypatch.delenv("KGPUB_CONTACT")
    assert make_config(offline=True).contact is None


@pytest.mark.parametrize("text,seconds", [("90", 90), ("15m", 900), ("12h", 43200), ("30d", 2592000), ("2w", 1209600)])
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_bad_duration_is_a_usage_error() -> None:
    with pytest.raises(LinkConfigError, match="cache max age"):
        parse_duration("soon")
