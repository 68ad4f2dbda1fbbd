"""The Wikidata client against the local fake: what it sends, how it backs off, when it gives up."""
# ruff: noqa: F811  (pytest fixtures imported from fakewikidata.fixtures are redefined as arguments)

from __future__ import annotations

import threading
import time

import pytest
import requests
from fakewikidata.fixtures import CONTACT, config_for, fake_wd, sleeps  # noqa: F401
from fakewikidata.server import FakeWikidata, Fault

from kgpub.linking.client import (
    ServiceUnavailable,
    WikidataClient,
    host_lock,
    retry_after_seconds,
    statement_values,
)


def client_for(fake: FakeWikidata, sleeps=None, **kw) -> WikidataClient:
    return WikidataClient(config_for(fake, **kw), sleep=sleeps or (lambda s: None))


def test_user_agent_maxlag_and_gzip_on_every_call(fake_wd: FakeWikidata) -> None:
    c = client_for(fake_wd)
    hits = c.search("Aleppo", "en")
    docs = c.get_entities([h["id"] for h in hits], "en")
    c.subclass_roots(["Q515"], ["Q486972"])
    assert {"Q41183", "Q214064"} <= {h["id"] for h in hits}
    assert docs["Q41183"]["label"] == "Aleppo"
    assert len(fake_wd.requests) == 3
    for r in fake_wd.requests:
        ua = r.headers["User-Agent"]
        assert ua.startswith("kgpub/") and f"({CONTACT})" in ua
        assert "gzip" in r.headers["Accept-Encoding"]
        assert r.method == "GET"
    for r in fake_wd.calls(path="/w/api.php"):
        assert r.params["maxlag"] == "5" and r.params["format"] == "json"
    (q,) = fake_wd.calls(path="/sparql")
    assert "maxlag" not in q.params and q.headers["Accept"] == "application/sparql-results+json"


def test_server_refuses_generic_user_agent_with_403(fake_wd: FakeWikidata) -> None:
    r = requests.get(fake_wd.api_url, params={"action": "wbsearchentities", "search": "x", "language": "en"},
                     timeout=5)
    assert r.status_code == 403  # python-requests/x.y alone: refused
    r = requests.get(fake_wd.api_url, headers={"User-Agent": "kgpub/0.1 (no contact here)"}, timeout=5)
    assert r.status_code == 403


def test_403_stops_asking_that_host(fake_wd: FakeWikidata, sleeps) -> None:
    fake_wd.queue("api", "403")
    c = client_for(fake_wd, sleeps)
    with pytest.raises(ServiceUnavailable, match="403"):
        c.search("Aleppo", "en")
    with pytest.raises(ServiceUnavailable, match="403"):
        c.search("Damascus", "en")
    assert len(fake_wd.requests) == 1 and sleeps.waits == []


def test_wbgetentities_batches_of_50_and_missing_ids(fake_wd: FakeWikidata) -> None:
    ids = [f"Q{900001000 + i}" for i in range(120)] + ["Q41183", "Q999999991"]
    c = client_for(fake_wd)
    docs = c.get_entities(ids, "en")
    calls = fake_wd.calls("wbgetentities")
    assert [len(r.params["ids"].split("|")) for r in calls] == [50, 50, 22]
    assert docs["Q999999991"] == {"id": "Q999999991", "missing": True}
    assert docs["Q41183"]["claims"]["P31"] == ["Q1549591", "Q515"]
    assert len(docs) == 122
    # asked again: everything (misses included) comes from the cache
    c.get_entities(ids, "en")
    assert len(fake_wd.calls("wbgetentities")) == 3


def test_subclass_check_is_one_batched_values_query(fake_wd: FakeWikidata) -> None:
    c = client_for(fake_wd)
    roots = c.subclass_roots(["Q1549591", "Q35657", "Q4167410", "Q16521"], ["Q486972", "Q56061", "Q17442446"])
    assert roots == {"Q1549591": ["Q486972"], "Q35657": ["Q56061"], "Q4167410": ["Q17442446"], "Q16521": []}
    (q,) = fake_wd.calls(path="/sparql")
    assert "VALUES ?class { wd:Q1549591 wd:Q35657 wd:Q4167410 wd:Q16521 }" in q.params["query"]
    assert "wdt:P279*" in q.params["query"]


def test_maxlag_error_with_http_200_backs_off_at_least_5_s(fake_wd: FakeWikidata, sleeps) -> None:
    fake_wd.queue("api", "maxlag", lag=1, retry_after="1", times=2)
    c = client_for(fake_wd, sleeps)
    hits = c.search("Aleppo", "en")
    assert hits and len(fake_wd.requests) == 3
    assert sleeps.waits == [5.0, 5.0]  # max(Retry-After 1, lag 1, the manual's 5 s)
    assert c.retries_used == 2


def test_429_retry_after_is_honoured_for_real(fake_wd: FakeWikidata) -> None:
    fake_wd.queue("sparql", "429", retry_after="1")
    c = client_for(fake_wd, time.sleep)
    assert c.subclass_roots(["Q515"], ["Q486972"]) == {"Q515": ["Q486972"]}
    first, second = fake_wd.calls(path="/sparql")
    assert first.status == 429 and second.status == 200
    assert second.start - first.start >= 1.0  # waited Retry-After (1 s) between the two


def test_503_with_http_date_retry_after(fake_wd: FakeWikidata, sleeps) -> None:
    from email.utils import formatdate

    fake_wd.queue("api", "503", retry_after=formatdate(time.time() + 3, usegmt=True))
    c = client_for(fake_wd, sleeps)
    assert c.search("Syria", "en")
    assert len(sleeps.waits) == 1 and 1.0 <= sleeps.waits[0] <= 3.5


def test_500_and_timeout_are_retried_with_backoff(fake_wd: FakeWikidata, sleeps) -> None:
    fake_wd.queue("api", "500")
    fake_wd.queue("api", "timeout", delay=1.0)
    c = client_for(fake_wd, sleeps, timeout=0.3)
    assert c.search("Syria", "en")
    assert sleeps.waits == [1.0, 2.0]  # backoff_base * 2**n
    assert [r.status for r in fake_wd.requests][:1] == [500]


def test_retry_budget_then_stop_asking(fake_wd: FakeWikidata, sleeps) -> None:
    fake_wd.always = Fault("any", "500")
    c = client_for(fake_wd, sleeps, retry_budget=5, max_attempts=4)
    with pytest.raises(ServiceUnavailable, match="gave up after 4 attempts"):
        c.search("Aleppo", "en")
    with pytest.raises(ServiceUnavailable, match="retry budget of 5 used up"):
        c.search("Damascus", "en")
    sent = len(fake_wd.requests)
    assert sent == 4 + 3 and c.retries_used == 5
    with pytest.raises(ServiceUnavailable):
        c.search("Geneva", "en")
    assert len(fake_wd.requests) == sent  # no more requests once the budget is spent


def test_a_wait_longer_than_max_wait_gives_up_on_the_host(fake_wd: FakeWikidata, sleeps) -> None:
    fake_wd.queue("api", "429", retry_after="3600")
    c = client_for(fake_wd, sleeps, max_wait=60)
    with pytest.raises(ServiceUnavailable, match="3600"):
        c.search("Aleppo", "en")
    assert sleeps.waits == []


def test_never_two_requests_in_flight_per_host(fake_wd: FakeWikidata) -> None:
    fake_wd.delay = 0.02
    clients = [client_for(fake_wd) for _ in range(4)]
    names = ["Aleppo", "Syria", "Damascus", "Geneva", "Georgia", "Tbilisi", "Atlanta", "Lebanon"]

    def work(c: WikidataClient, i: int) -> None:
        for name in names[i::2]:
            c.search(name, "en")

    threads = [threading.Thread(target=work, args=(c, i % 2)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(fake_wd.requests) == 16
    assert fake_wd.max_in_flight == 1
    assert host_lock(fake_wd.api_url) is host_lock(fake_wd.sparql_url)  # same host, same lock


def test_statement_values_skip_deprecated_novalue_somevalue() -> None:
    def st(snak: dict, rank: str = "normal") -> dict:
        return {"mainsnak": snak, "type": "statement", "rank": rank}

    val = {"snaktype": "value", "property": "P31",
           "datavalue": {"value": {"entity-type": "item", "numeric-id": 5, "id": "Q5"}, "type": "wikibase-entityid"}}
    old = {"snaktype": "value", "property": "P31",
           "datavalue": {"value": {"entity-type": "item", "numeric-id": 515}, "type": "wikibase-entityid"}}
    claims = {"P31": [st({"snaktype": "novalue", "property": "P31"}), st({"snaktype": "somevalue", "property": "P31"}),
                      st(val, "deprecated"), st(old), st(val, "preferred")]}
    assert statement_values(claims, "P31") == ["Q515", "Q5"]
    assert statement_values(claims, "P17") == []


def test_raw_entity_with_novalue_and_deprecated_statements(fake_wd: FakeWikidata) -> None:
    doc = client_for(fake_wd).get_entities(["Q900000401"], "en")["Q900000401"]
    assert doc["claims"] == {"P31": [], "P27": []} and doc["sitelinks"] == 3


@pytest.mark.parametrize("value,expected", [("7", 7.0), (" 0 ", 0.0), ("", None), ("soon", None), (None, None)])
def test_retry_after_seconds(value, expected) -> None:
    assert retry_after_seconds(value) == expected
