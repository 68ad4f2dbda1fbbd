"""The competency questions in queries/ answer correctly over the built examples."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import EXAMPLES, ROOT

import kgpub
from kgpub.query import format_results, read_sparql, result_rows

QUERIES = ROOT / "queries"


@pytest.fixture(scope="module")
def quads() -> list[ox.Quad]:
    import os

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    return kgpub.build([EXAMPLES]).quads


def rows(name: str, quads: list[ox.Quad]) -> list[dict[str, str]]:
    names, table = result_rows(kgpub.query(read_sparql(str(QUERIES / name)), quads=quads))
    return [{n: (t.value if t is not None else "") for n, t in zip(names, row, strict=True)} for row in table]


def test_casualties_by_event(quads: list[ox.Quad]) -> None:
    got = rows("casualties-by-event.rq", quads)
    assert {"event": "Aleppo offensive", "type": "killed", "number": "500", "bound": "at least",
            "qualifier": "at least", "group": ""} in got
    assert {"event": "Brenn flash flood", "type": "missing", "number": "15", "bound": "at most",
            "qualifier": "up to", "group": ""} in got
    assert not any(r["type"] == "participants" for r in got)


def test_casualties_by_source(quads: list[ox.Quad]) -> None:
    got = rows("casualties-by-source.rq", quads)
    sohr = [r for r in got if r["source"] == "Syrian Observatory for Human Rights"]
    assert sorted((r["number"], r["group"]) for r in sohr) == [("100", "civilians"), ("500", "")]
    assert all(r["publisher"] == "Euronews" for r in sohr)
    assert len(got) == len({tuple(r.values()) for r in got})


def test_who_said_what(quads: list[ox.Quad]) -> None:
    got = rows("who-said-what.rq", quads)
    muslat = {r["text"] for r in got if r["speaker"] == "Salim al-Muslat"}
    assert len(muslat) == 2 and all(r["kind"] == "quote" for r in got if r["speaker"] == "Salim al-Muslat")
    assert any(r["speaker"] == "Laurent Fabius" and r["kind"] == "accusation" for r in got)


def test_events_by_place_and_month(quads: list[ox.Quad]) -> None:
    got = rows("events-by-place-and-month.rq", quads)
    assert {"place": "Aleppo", "month": "2016-02", "kind": "Offensive", "event": "Aleppo offensive"} in got
    assert {"place": "Kestrel", "month": "2023-11", "kind": "Protest", "event": "Kestrel election protest"} in got


def test_disagreeing_sources(quads: list[ox.Quad]) -> None:
    got = rows("disagreeing-sources.rq", quads)
    pairs = {(r["event"], r["numberA"], r["numberB"]) for r in got}
    assert pairs == {("Brenn flash flood", "23", "19"), ("Kestrel election protest", "30000", "8000")}


def test_every_query_has_a_comment_and_runs(quads: list[ox.Quad]) -> None:
    for rq in sorted(QUERIES.glob("*.rq")):
        text = read_sparql(str(rq))
        assert text.startswith("# "), rq
        assert "row" in format_results(kgpub.query(text, quads=quads), "table")


def test_query_file_missing(tmp_path: Path) -> None:
    from kgpub.errors import InputError

    with pytest.raises(InputError):
        read_sparql(str(tmp_path / "none.rq"))
