"""`kgpub query` and `kgpub validate` on files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from kgpub.cli import cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("q") / "events.nq"
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_query_formats(runner: CliRunner, built: Path) -> None:
    q = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event }"
    table = runner.invoke(cli, ["query", q, str(built)])
    assert table.exit_code == 0 and "(1 row)" in table.stdout
    csv = runner.invoke(cli, ["query", q, str(built), "-f", "csv"])
    assert csv.stdout.splitlines() == ["n", "9"]
    js = json.loads(runner.invoke(cli, ["query", q, str(built), "-f", "json"]).stdout)
    assert js["results"]["bindings"][0]["n"]["value"] == "9"
    ask = runner.invoke(cli, ["query", "ASK { ?c a kgpub:Count }", str(built)])
    assert ask.stdout.strip() == "true"


def test_query_rq_file(runner: CliRunner, built: Path) -> None:
    result = runner.invoke(cli, ["query", str(ROOT / "queries" / "disagreeing-sources.rq"), str(built)])
    assert result.exit_code == 0 and "Brenn flash flood" in result.stdout


def test_query_errors(runner: CliRunner, built: Path) -> None:
    bad = runner.invoke(cli, ["query", "SELECT WHERE {", str(built)])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: SPARQL syntax error")
    none = runner.invoke(cli, ["query", "SELECT * WHERE { ?s ?p ?o }"])
    assert none.exit_code == 2


def test_validate_conforms_and_not(runner: CliRunner, built: Path, tmp_path: Path) -> None:
    ok = runner.invoke(cli, ["validate", str(built)])
    assert ok.exit_code == 0 and "Conforms" in ok.stdout
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix kgpub: <https://w3id.org/kgpub/ns#> . @prefix schema: <https://schema.org/> .\n"
        "<http://x/c> a kgpub:Count, schema:QuantitativeValue ; kgpub:countType kgpub:killed ;\n"
        "  schema:value -3 .\n")
    for validator in ("native", "pyshacl"):
        bad = runner.invoke(cli, ["validate", str(broken), "--validator", validator])
        assert bad.exit_code == 1, validator
        assert "<http://x/c>" in bad.stdout and "Does not conform" in bad.stdout


def test_validate_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://x/a> <http://x/b> .\n")
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: {bad}")
