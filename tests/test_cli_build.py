"""`kgpub build`: outputs, exit codes, one-line errors, nothing half-written, --keep-going, --allow-invalid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from helpers import minimal_sheet, write_sheet

from kgpub.cli import cli

FORMATS = (".ttl", ".jsonld", ".nt", ".nq", ".trig")


def test_build_every_format(runner: CliRunner, tmp_path: Path) -> None:
    outs = [str(tmp_path / f"events{ext}") for ext in FORMATS]
    args = ["build", str(EXAMPLES)] + [x for o in outs for x in ("-o", o)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "3 article(s)" in result.stderr
    for out in outs:
        assert list(ox.parse(path=out)), out


def test_build_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", str(EXAMPLES / "example-2024-05-river-flood.yaml"), "-o", "-", "-q"])
    assert result.exit_code == 0
    assert result.stdout.startswith("@prefix")
    flood = str(EXAMPLES / "example-2024-05-river-flood.yaml")
    nq = runner.invoke(cli, ["build", flood, "-o", "-", "-f", "nquads", "-q"])
    assert nq.stdout.startswith("<https://")


def test_base_option(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "e.nt"
    result = runner.invoke(cli, ["build", str(EXAMPLES), "-o", str(out), "--base", "http://data.test/kg/"])
    assert result.exit_code == 0
    assert "<http://data.test/kg/article/" in out.read_text()
    bad = runner.invoke(cli, ["build", str(EXAMPLES), "-o", str(out), "--base", "data.test"])
    assert bad.exit_code == 2 and "--base" in bad.stderr


BAD_INPUTS = {
    "empty": b"",
    "bad-yaml": b"article: [\n",
    "list": b"- 1\n- 2\n",
    "negative": None,
    "bad-date": None,
    "ghost-entity": None,
    "not-utf8": b"article:\n  headline: \xff\xfe\n",
}


def bad_sheet(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.yaml"
    raw = BAD_INPUTS[kind]
    if raw is not None:
        path.write_bytes(raw)
        return path
    data = minimal_sheet()
    if kind == "negative":
        data["counts"][0]["value"] = -3
    elif kind == "bad-date":
        data["events"][0]["date"] = "2016-02-30"
    else:
        data["events"][0]["actors"] = ["nobody"]
    return write_sheet(path, data)


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_exit_2_one_line_nothing_written(runner: CliRunner, tmp_path: Path, kind: str) -> None:
    source = bad_sheet(tmp_path, kind)
    out = tmp_path / "out" / "events.ttl"
    result = runner.invoke(cli, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {source}"), result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() and not (out.parent.exists() and any(out.parent.iterdir()))


def test_missing_file_and_unknown_type(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["build", str(tmp_path / "gone.yaml"), "-o", str(tmp_path / "x.ttl")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    odd = tmp_path / "notes.pdf"
    odd.write_bytes(b"%PDF")
    result = runner.invoke(cli, ["build", str(odd), "-o", str(tmp_path / "x.ttl")])
    assert result.exit_code == 2 and "unknown input type" in result.stderr
    result = runner.invoke(cli, ["build", str(EXAMPLES), "-o", str(tmp_path / "x.rdf")])
    assert result.exit_code == 2 and "unknown RDF extension" in result.stderr


def test_directory_with_one_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    bad = bad_sheet(corpus, "negative")
    out = tmp_path / "events.nq"
    result = runner.invoke(cli, ["build", str(corpus), "-o", str(out)])
    assert result.exit_code == 2 and str(bad) in result.stderr and not out.exists()
    result = runner.invoke(cli, ["build", str(corpus), "-o", str(out), "--keep-going"])
    assert result.exit_code == 1
    assert str(bad) in result.stderr and "3 article(s)" in result.stderr
    graphs = {str(q.graph_name) for q in ox.parse(path=str(out))}
    assert len(graphs) == 4  # three articles and the dataset description


STRICT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
<urn:x:ArticleNeedsUrl> a sh:NodeShape ; sh:targetClass schema:NewsArticle ;
  sh:property [ sh:path schema:url ; sh:minCount 1 ; sh:message "an article needs a URL" ] .
"""


def test_invalid_data_exit_1_nothing_written_unless_allowed(runner: CliRunner, tmp_path: Path) -> None:
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(STRICT_SHAPES)
    out = tmp_path / "e.ttl"
    source = str(EXAMPLES / "euronews-2016-02-aleppo.yaml")
    result = runner.invoke(cli, ["build", source, "-o", str(out), "--shapes", str(shapes)])
    assert result.exit_code == 1
    assert "an article needs a URL" in result.stderr and "Aleppo offensive: 500 dead" in result.stderr
    assert "nothing written" in result.stderr and not out.exists()
    result = runner.invoke(cli, ["build", source, "-o", str(out), "--shapes", str(shapes), "--allow-invalid"])
    assert result.exit_code == 1 and out.exists()


def test_published_option_fills_missing_dates(runner: CliRunner, tmp_path: Path) -> None:
    data = minimal_sheet()
    del data["article"]["published"]
    src = write_sheet(tmp_path / "s.yaml", data)
    out = tmp_path / "s.nt"
    assert runner.invoke(cli, ["build", str(src), "-o", str(out), "--published", "2021-03-04"]).exit_code == 0
    assert '"2021-03-04"^^<http://www.w3.org/2001/XMLSchema#date>' in out.read_text()
    bad = runner.invoke(cli, ["build", str(src), "-o", str(out), "--published", "March"])
    assert bad.exit_code == 2 and "--published" in bad.stderr


def test_duplicate_article_keys(runner: CliRunner, tmp_path: Path) -> None:
    write_sheet(tmp_path / "a.yaml", minimal_sheet())
    write_sheet(tmp_path / "b.yaml", minimal_sheet())
    result = runner.invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "x.nq")])
    assert result.exit_code == 2 and "article key 't1'" in result.stderr


def test_directory_walk_skips_gold_sheets(tmp_path: Path) -> None:
    from kgpub.pipeline import expand_inputs

    write_sheet(tmp_path / "a.yaml", minimal_sheet())
    write_sheet(tmp_path / "a.gold.yaml", minimal_sheet())
    (tmp_path / ".hidden.yaml").write_text("x")
    assert expand_inputs([tmp_path]) == [str(tmp_path / "a.yaml")]
    assert expand_inputs([tmp_path / "a.gold.yaml"]) == [str(tmp_path / "a.gold.yaml")]  # named: kept
