"""``kgpub link`` in-process: output, report, exit codes (0 / 1 with --require-links / 2 bad usage)."""
# ruff: noqa: F811  (pytest fixtures imported from fakewikidata.fixtures are redefined as arguments)

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from fakewikidata.fixtures import CORPUS, fake_wd  # noqa: F401
from fakewikidata.server import FakeWikidata, Fault

from kgpub.cli import cli

SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


@pytest.fixture
def fast_config(tmp_path: Path) -> Path:
    p = tmp_path / "linker.yaml"
    p.write_text("wikidata:\n  backoff-base: 0.01\n  min-maxlag-wait: 0.01\n  retry-budget: 4\n  timeout: 2\n")
    return p


def args(fake: FakeWikidata, tmp_path: Path, *extra: str) -> list[str]:
    return ["link", str(CORPUS), "-o", str(tmp_path / "out.nq"), "--wikidata-api", fake.api_url,
            "--wikidata-sparql", fake.sparql_url, "--cache", str(tmp_path / "wd.sqlite"), *extra]


def test_link_writes_links_and_report(fake_wd: FakeWikidata, tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, args(fake_wd, tmp_path, "--contact", "ops@example.org", "--link-report",
                                     str(tmp_path / "links.csv")))
    assert r.exit_code == 0, r.output
    assert "31 of 38 entities linked" in r.stderr
    quads = list(ox.parse(path=str(tmp_path / "out.nq")))
    assert sum(q.predicate.value == SAME_AS for q in quads) > 31  # shared entities: one link per graph
    rows = list(csv.DictReader((tmp_path / "links.csv").open()))
    assert len(rows) == 38 and {r["reason"] for r in rows} >= {"linked", "ambiguous", "no-candidates"}
    assert fake_wd.requests[0].headers["User-Agent"].endswith("(ops@example.org) python-requests/"
                                                             + __import__("requests").__version__)


def test_contact_from_environment_and_offline_rebuild(fake_wd: FakeWikidata, tmp_path: Path) -> None:
    runner = CliRunner(env={"KGPUB_CONTACT": "https://example.org/ops"})
    assert runner.invoke(cli, args(fake_wd, tmp_path)).exit_code == 0
    first = (tmp_path / "out.nq").read_bytes()
    fake_wd.stop()
    r = CliRunner(env={"KGPUB_CONTACT": None}).invoke(cli, args(fake_wd, tmp_path, "--offline"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "out.nq").read_bytes() == first


def test_no_contact_refuses_to_start(fake_wd: FakeWikidata, tmp_path: Path) -> None:
    r = CliRunner(env={"KGPUB_CONTACT": None}).invoke(cli, args(fake_wd, tmp_path))
    assert r.exit_code == 2
    assert "--contact" in r.stderr and "KGPUB_CONTACT" in r.stderr
    assert fake_wd.requests == [] and not (tmp_path / "out.nq").exists()


def test_failing_server_exit_0_without_and_1_with_require_links(fake_wd: FakeWikidata, tmp_path: Path,
                                                                 fast_config: Path, caplog) -> None:
    fake_wd.always = Fault("any", "503", retry_after=None)
    base = args(fake_wd, tmp_path, "--contact", "ops@example.org", "--config", str(fast_config))
    r = CliRunner().invoke(cli, base)
    assert r.exit_code == 0, r.output
    assert "0 of 38 entities linked (38 service-unavailable)" in r.stderr
    assert "stay unlinked" in caplog.text
    (tmp_path / "out.nq").unlink()
    r = CliRunner().invoke(cli, [*base, "--require-links", "--link-report", str(tmp_path / "links.csv")])
    assert r.exit_code == 1
    assert "could not be looked up" in r.stderr and "--require-links" in r.stderr
    assert not (tmp_path / "out.nq").exists()  # nothing half-written
    assert len(list(csv.DictReader((tmp_path / "links.csv").open()))) == 38  # but the report says why


def test_bad_input_file_is_exit_2(fake_wd: FakeWikidata, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n")
    r = CliRunner().invoke(cli, ["link", str(bad), "-o", str(tmp_path / "o.ttl"), "--contact", "ops@example.org",
                                 "--wikidata-api", fake_wd.api_url])
    assert r.exit_code == 2 and "bad.ttl" in r.stderr


def test_bad_config_key_is_exit_2(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("treshold: 0.9\n")
    r = CliRunner().invoke(cli, ["link", str(CORPUS), "-o", str(tmp_path / "o.nq"), "--config", str(cfg),
                                 "--contact", "ops@example.org"])
    assert r.exit_code == 2 and "treshold" in r.stderr


def test_build_link_wikidata_validates(fake_wd: FakeWikidata, tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples" / "factsheets"
    if not examples.is_dir():
        pytest.skip("no examples")
    env = {"KGPUB_CONTACT": "ops@example.org", "KGPUB_WIKIDATA_API": fake_wd.api_url,
           "KGPUB_WIKIDATA_SPARQL": fake_wd.sparql_url, "KGPUB_WIKIDATA_CACHE": str(tmp_path / "c.sqlite"),
           "KGPUB_LINK_REPORT": str(tmp_path / "r.csv")}
    r = CliRunner(env=env).invoke(cli, ["build", str(examples), "-o", str(tmp_path / "out.nq"), "--link", "wikidata"])
    assert r.exit_code == 0, r.output
    assert "0 violation(s)" in r.stderr
    rows = list(csv.DictReader((tmp_path / "r.csv").open()))
    assert any(row["reason"] == "linked" for row in rows)


def test_build_link_wikidata_with_options(fake_wd: FakeWikidata, tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples" / "factsheets"
    out, report = tmp_path / "out.nq", tmp_path / "r.csv"
    r = CliRunner(env={"KGPUB_CONTACT": None}).invoke(cli, [
        "build", str(examples), "-o", str(out), "--link", "wikidata", "--contact", "ops@example.org",
        "--wikidata-api", fake_wd.api_url, "--wikidata-sparql", fake_wd.sparql_url,
        "--cache", str(tmp_path / "c.sqlite"), "--link-report", str(report)])
    assert r.exit_code == 0, r.output
    assert len(list(csv.DictReader(report.open()))) > 10
    assert fake_wd.requests and all("ops@example.org" in q.headers.get("User-Agent", "") for q in fake_wd.requests)
    no_link = CliRunner(env={"KGPUB_CONTACT": "ops@example.org"}).invoke(
        cli, ["build", str(examples), "-o", str(out), "--offline"])
    assert no_link.exit_code == 2 and "--link wikidata" in no_link.stderr
