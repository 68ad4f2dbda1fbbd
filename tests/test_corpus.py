"""Corpus builds: parallel output identical to serial, the fast writers identical to rdfio, sharded
directories, globs and list files, incremental rebuilds, resuming a killed run, --keep-going."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

import kgpub
from kgpub import corpus
from kgpub.cli import cli
from kgpub.rdfio import RdfFormat, serialize_quads

sys.path.insert(0, str(ROOT))
from bench.synth import make_sheet, strict_shapes, write_dir, write_jsonl  # noqa: E402

FORMATS = (".ttl", ".jsonld", ".nt", ".nq", ".trig")


def tricky_sheet(i: int) -> dict:
    sheet = make_sheet(i, seed=7)
    weird = 'Quote "x" \\ back\nslash > """ 😀 שלום \u0007 end'
    sheet["quotes"][0]["text"] = weird
    sheet["entities"][2]["name"] = "Zoë <Ångström> \\ 😀"
    return sheet


@pytest.mark.parametrize(("jobs", "part_lines"), [(1, None), (2, 7)])
def test_fast_writers_match_rdfio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int,
                                  part_lines: int | None) -> None:
    if part_lines:  # many small parts, assembled by two workers
        monkeypatch.setattr(corpus, "PART_LINES", part_lines)
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(30):
            fh.write(json.dumps(tricky_sheet(i) if i % 3 == 0 else make_sheet(i), ensure_ascii=False) + "\n")
    for inputs in ([str(EXAMPLES)], [str(src)]):
        outs = [str(tmp_path / f"e{ext}") for ext in FORMATS] + [str(tmp_path / "e.nq.gz")]
        result = kgpub.build(inputs, outs, jobs=jobs, validator="native")
        quads = result.quads
        assert len({q.graph_name for q in quads}) >= 4
        for ext, out in zip(FORMATS, outs, strict=False):
            assert Path(out).read_bytes() == serialize_quads(quads, RdfFormat.from_extension(out)), ext
        assert Path(outs[-1]).read_bytes() == gzip.compress(Path(outs[3]).read_bytes(), mtime=0)


def test_description_from_statistics_matches_full_count(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", 60, seed=3)
    result = kgpub.build([src], jobs=1, validator="native")
    graph = f"{kgpub.iris.DEFAULT_BASE}graph/dataset"
    articles = [q for q in result.quads if q.graph_name.value != graph]
    described = {q for q in result.quads if q.graph_name.value == graph}
    assert described == set(kgpub.describe_dataset(articles))
    assert result.triples == len({q.triple for q in articles})


def test_single_file_output_same_for_any_jobs(runner: CliRunner, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", 150, seed=1)
    runs = []
    for jobs in ("1", "2"):
        outs = [x for ext in (".ttl", ".nq", ".jsonld") for x in ("-o", str(tmp_path / jobs / f"e{ext}"))]
        result = runner.invoke(cli, ["build", str(src), "--jobs", jobs, "--validator", "native", "-q", *outs])
        assert result.exit_code == 0, result.output
        runs.append({ext: (tmp_path / jobs / f"e{ext}").read_bytes() for ext in (".ttl", ".nq", ".jsonld")})
    assert runs[0] == runs[1]


def tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*"))
            if p.is_file() and ".kgpub" not in p.parts}


def test_directory_build_same_for_any_jobs_and_equal_to_single_file(runner: CliRunner, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", 300, seed=2)
    for jobs in ("1", "2"):
        result = runner.invoke(cli, ["build", str(src), "-o", str(tmp_path / f"out{jobs}") + "/", "--jobs", jobs,
                                     "--shard-size", "50", "--validator", "native"])
        assert result.exit_code == 0, result.output
        assert "300 article(s)" in result.stderr
    one, two = tree(tmp_path / "out1"), tree(tmp_path / "out2")
    assert one == two
    parts = sorted(n for n in one if n.startswith("part-"))
    assert parts == [f"part-{i:05d}.nq.gz" for i in range(8)]
    for name in parts:  # deterministic gzip: no timestamp
        assert one[name][4:8] == b"\0\0\0\0"
    shard_quads = {q for n in parts for q in ox.parse(gzip.decompress(one[n]), format=ox.RdfFormat.N_QUADS)}
    single = kgpub.build([src], jobs=1, validator="native").quads
    dataset = f"{kgpub.iris.DEFAULT_BASE}graph/dataset"
    assert shard_quads == {q for q in single if q.graph_name.value != dataset}
    assert len({q.graph_name for q in shard_quads}) == 300
    # dataset.ttl: counts, the shard list and checksums, shapes hash, version
    desc = list(ox.parse(one["dataset.ttl"], format=ox.RdfFormat.TURTLE))
    sums = {str(q.subject.value).rsplit("/", 1)[1].split("#")[0]: q.object.value for q in desc
            if q.predicate.value.endswith("checksumValue")}
    assert sums == {n: hashlib.sha256(one[n]).hexdigest() for n in parts}
    values = {q.predicate.value.rsplit("#", 1)[-1]: q.object.value for q in desc
              if q.subject.value == f"{kgpub.iris.DEFAULT_BASE}dataset"}
    assert values["documents"] == "300"
    assert int(values["triples"]) == len({q.triple for q in shard_quads})
    assert kgpub.__version__ in one["dataset.ttl"].decode()
    manifest = json.loads(one["manifest.json"])
    assert manifest["shapes_sha256"] in one["dataset.ttl"].decode()
    assert sum(len(s["inputs"]) for s in manifest["shards"]) == 300


def test_inputs_globs_lists_and_jsonl(runner: CliRunner, tmp_path: Path) -> None:
    write_dir(tmp_path / "a", 6, seed=4)
    shutil.copy(EXAMPLES / "example-2024-05-river-flood.yaml", tmp_path / "a" / "flood.yaml")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# inputs\n{tmp_path / 'a' / 'sheet-0000000.json'}\n\n{tmp_path / 'a' / 'flood.yaml'}\n")
    cases = {
        "glob": [str(tmp_path / "a" / "*.json")],
        "recursive-glob": [str(tmp_path / "**" / "sheet-000000[0-2].json")],
        "at-list": [f"@{listing}"],
        "from-list": ["--from-list", str(listing)],
        "jsonl": [str(write_jsonl(tmp_path / "x.jsonl", 4, seed=4))],
    }
    expected = {"glob": 6, "recursive-glob": 3, "at-list": 2, "from-list": 2, "jsonl": 4}
    for name, args in cases.items():
        result = runner.invoke(cli, ["build", *args, "-o", str(tmp_path / name) + "/", "--validator", "native"])
        assert result.exit_code == 0, (name, result.output)
        assert f"{expected[name]} article(s)" in result.stderr, name
    bad = runner.invoke(cli, ["build", str(tmp_path / "nothing*.json"), "-o", str(tmp_path / "n") + "/"])
    assert bad.exit_code == 2 and "matches no" in bad.stderr


def test_incremental_rebuild_processes_only_changed_inputs(tmp_path: Path) -> None:
    src = write_dir(tmp_path / "in", 200, seed=5)
    out = tmp_path / "out"
    first = kgpub.build([src], [str(out) + "/"], jobs=1, validator="native", shard_size=40)
    assert first.processed == 200
    again = kgpub.build([src], [str(out) + "/"], jobs=1, validator="native", shard_size=40)
    assert again.processed == 0 and again.shards_built == 0
    for i in (17, 123):  # 1% of the inputs change
        path = src / f"sheet-{i:07d}.json"
        data = json.loads(path.read_text())
        data["article"]["headline"] += " (updated)"
        path.write_text(json.dumps(data))
    changed = kgpub.build([src], [str(out) + "/"], jobs=2, validator="native", shard_size=40)
    assert changed.processed == 2
    full = kgpub.build([src], [str(tmp_path / "full") + "/"], jobs=1, validator="native", shard_size=40)
    assert full.processed == 200
    assert tree(out) == tree(tmp_path / "full")
    assert "(updated)" in gzip.decompress(b"".join(
        (out / n).read_bytes() for n in sorted(os.listdir(out)) if n.startswith("part-"))).decode()


def test_keep_going_lists_bad_articles_and_publishes_the_rest(runner: CliRunner, tmp_path: Path) -> None:
    src = write_dir(tmp_path / "in", 40, seed=6, broken_every=20)  # two sheets fail SHACL
    (tmp_path / "in" / "zz-bad.json").write_text('{"article": {"headline": 3}}')
    out = tmp_path / "out"
    shapes = ["--shapes", str(strict_shapes(tmp_path / "strict.ttl"))]
    stop = runner.invoke(cli, ["build", str(src), "-o", str(out) + "/", "--validator", "native", *shapes])
    assert stop.exit_code == 2 and "zz-bad.json" in stop.stderr and not (out / "dataset.ttl").exists()
    result = runner.invoke(cli, ["build", str(src), "-o", str(out) + "/", "--keep-going", "--validator", "native",
                                 *shapes])
    assert result.exit_code == 1, result.output
    assert "38 article(s)" in result.stderr and "3 error(s)" in result.stderr
    errors = (out / "errors.txt").read_text().splitlines()
    assert len(errors) == 3
    assert any("zz-bad.json" in e and "article.headline" in e for e in errors)
    assert sum("does not conform" in e for e in errors) == 2
    assert (out / "dataset.ttl").exists()


def test_duplicate_keys_across_shards(runner: CliRunner, tmp_path: Path) -> None:
    src = write_dir(tmp_path / "in", 30, seed=4)
    for i in (3, 17):  # the same articles again under other names: other content hashes, other shards
        sheet = json.loads((src / f"sheet-{i:07d}.json").read_text())
        sheet["article"]["headline"] += " (again)"
        (src / f"copy-{i}.json").write_text(json.dumps(sheet))
    args = ["build", str(src), "--shard-size", "8", "--validator", "native"]
    stop = runner.invoke(cli, [*args, "-o", str(tmp_path / "stop") + "/"])
    assert stop.exit_code == 2 and "is also used by" in stop.stderr, stop.output
    assert not (tmp_path / "stop" / "dataset.ttl").exists()
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = runner.invoke(cli, [*args, "--keep-going", "--jobs", jobs, "-o", str(out) + "/"])
        assert result.exit_code == 1, result.output
        errors = (out / "errors.txt").read_text().splitlines()
        assert len(errors) == 2 and all("is also used by" in e and "article.id" in e for e in errors)
        assert {e.split("'")[1] for e in errors} == {"synth-4-0000003", "synth-4-0000017"}
        reports.append(errors)
    assert reports[0] == reports[1]


def test_invalid_data_not_published_without_keep_going(runner: CliRunner, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", 20, seed=8, broken_every=10)
    out = tmp_path / "out"
    shapes = ["--shapes", str(strict_shapes(tmp_path / "strict.ttl"))]
    result = runner.invoke(cli, ["build", str(src), "-o", str(out) + "/", "--validator", "native", *shapes])
    assert result.exit_code == 1 and "nothing published" in result.stderr
    assert not list(out.glob("part-*")) and not (out / "dataset.ttl").exists()
    allowed = runner.invoke(cli, ["build", str(src), "-o", str(out) + "/", "--validator", "native",
                                  "--allow-invalid", *shapes])
    assert allowed.exit_code == 1 and list(out.glob("part-*")) and (out / "validation.txt").exists()
    assert "Does not conform" in (out / "validation.txt").read_text()


def test_native_and_pyshacl_agree_per_article(tmp_path: Path) -> None:
    from kgpub.factsheet import parse_factsheet
    from kgpub.mapping import map_factsheet

    shapes = str(strict_shapes(tmp_path / "strict.ttl"))
    agree = 0
    for i in range(12):
        sheet = parse_factsheet(make_sheet(i, seed=9, broken=i % 3 == 0))
        quads = map_factsheet(sheet)
        native = corpus.validate_article(quads, corpus.Config(validator="native", shapes=shapes))
        reference = corpus.validate_article(quads, corpus.Config(validator="pyshacl", shapes=shapes))
        key = lambda rs: sorted((r.focus, r.path, (r.constraint or "").strip("<>"), r.value) for r in rs)  # noqa: E731
        assert key(native) == key(reference)
        agree += bool(native)
    assert agree == 4


def test_killed_run_resumes_from_finished_shards(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "c.jsonl", 640, seed=10)
    out = tmp_path / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    cmd = [sys.executable, "-m", "kgpub", "build", str(src), "-o", str(out) + "/", "--jobs", "1",
           "--shard-size", "20", "--validator", "native", "-q"]
    proc = subprocess.Popen(cmd, env=env)
    staging = out / ".kgpub" / "staging"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(staging.glob("part-*.json"))) < 3:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = len(list(staging.glob("part-*.json")))
    assert 3 <= finished < 32, "the run should be killed half-way"
    assert not (out / "dataset.ttl").exists()
    resumed = kgpub.build([src], [str(out) + "/"], jobs=1, validator="native", shard_size=20)
    assert resumed.shards_reused >= finished and resumed.processed <= 640 - 20 * finished + 20
    kgpub.build([src], [str(tmp_path / "full") + "/"], jobs=2, validator="native", shard_size=20)
    assert tree(out) == tree(tmp_path / "full")


@pytest.mark.parametrize("bad", ["mixed", "dask-without-dir"])
def test_directory_option_errors(runner: CliRunner, tmp_path: Path, bad: str) -> None:
    args = {"mixed": ["-o", str(tmp_path / "d") + "/", "-o", str(tmp_path / "e.ttl")],
            "dask-without-dir": ["-o", str(tmp_path / "e.ttl"), "--engine", "dask"]}[bad]
    result = runner.invoke(cli, ["build", str(EXAMPLES), *args])
    assert result.exit_code == 2 and "Error:" in result.stderr


@pytest.mark.parametrize("n", [0, 1, 3])
def test_streamed_manifest_is_the_json_dumps_text(tmp_path: Path, n: int) -> None:
    head = {"kgpub": "1", "fingerprint": "f", "articles": 7, "quads": 9, "triples": 8, "errors": 0,
            "shapes_sha256": "s"}
    shards = [{"name": f"part-{i:05d}.nq.gz", "sha256": "ab" * 32, "bytes": i, "articles": 2, "quads": 5,
               "inputs": [f"{i}{j}" * 8 for j in range(i + 1)]} for i in range(n)]
    corpus._write_manifest(tmp_path / "manifest.json", head, iter(shards))
    expected = json.dumps({**head, "shards": shards}, indent=1, sort_keys=True) + "\n"
    assert (tmp_path / "manifest.json").read_text() == expected


def test_record_spool_keeps_shards_in_input_order_and_finds_duplicate_keys(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", 50, seed=3)
    records = list(corpus.scan_records([str(src)]))
    with corpus.RecordSpool() as spool:
        spool.open(tmp_path / "spool.sqlite")
        assert spool.add_records(iter(records)) == 50
        spool.assign_shards(4)
        got = {i: spool.records(i) for i in spool.shards()}
        assert sum(len(v) for v in got.values()) == 50
        for i, recs in got.items():
            assert recs == [r for r in records if corpus.shard_of(r.digest, 4) == i]
            assert spool.inputs(i) == sorted({r.digest for r in recs})
            assert spool.count_records(i, {recs[0].digest}) == len(recs) - 1
        keys = [f"key-{i}" for i in range(200)]
        assert any(corpus._key_digest(k) >= 1 << 63 for k in keys)  # the high half of the digests too
        spool.add_keys(keys[:120])
        spool.add_keys(keys[100:] + ["key-5"])
        assert spool.duplicate_keys() == {corpus._key_digest(k) for k in [*keys[100:120], "key-5"]}
    assert not (tmp_path / "spool.sqlite").exists()


def test_directory_builds_leave_no_record_spool(runner: CliRunner, tmp_path: Path) -> None:
    src = write_dir(tmp_path / "in", 12, seed=2)
    (src / "zz-bad.json").write_text('{"article": {"headline": 3}}')
    out = tmp_path / "out"
    failed = runner.invoke(cli, ["build", str(src), "-o", str(out) + "/", "--validator", "native"])
    assert failed.exit_code == 2
    assert not list((out / ".kgpub").rglob("records-*"))
    ok = runner.invoke(cli, ["build", str(src), "-o", str(out) + "/", "--validator", "native", "--keep-going"])
    assert ok.exit_code == 1 and (out / "manifest.json").exists()
    assert not list((out / ".kgpub").rglob("records-*"))
    manifest = json.loads((out / "manifest.json").read_text())
    assert sum(len(s["inputs"]) for s in manifest["shards"]) == 13
