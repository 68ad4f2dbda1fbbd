"""``make bench``: throughput and peak memory of kgpub's stages and whole builds against rdflib + pyshacl.

Every case runs in its own subprocess (so peak memory is the case's own), on synthetic fact sheets
(:mod:`bench.synth`, 60-120 triples each).  Printed as a table: stage, N, seconds, triples/s,
ratio to the baseline measured in the same run, peak memory of the main process and of the
largest worker.  No assertions: the numbers are for the closing notes and docs/corpus.md.

    python -m bench.run                       # N = 1,000 and 10,000, the 100,000 streaming check
    python -m bench.run --quick               # N = 1,000 only, no 100k, no other benches
    python -m bench.run --sizes 2000 --skip-baseline --skip-extract --skip-validate
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------------------- cases (subprocess)


def _load(path: str) -> list[Any]:
    from kgpub.corpus import parse_sheet

    with open(path, encoding="utf-8") as fh:
        return [parse_sheet(json.loads(line), source=path) for line in fh]


def _mapped(path: str) -> list[Any]:
    from kgpub.mapping import map_factsheet

    return [q for s in _load(path) for q in map_factsheet(s)]


def case(name: str, path: str, out: str) -> dict[str, Any]:
    """Run one measured case; returns seconds and triples."""
    import kgpub

    triples = 0
    if name == "map":
        sheets = _load(path)
        from kgpub.mapping import map_factsheet

        t = time.perf_counter()
        triples = sum(len(map_factsheet(s)) for s in sheets)
        return {"seconds": time.perf_counter() - t, "triples": triples}
    if name == "validate-native":
        from kgpub.corpus import Config, validate_article
        from kgpub.mapping import map_factsheet

        graphs = [map_factsheet(s) for s in _load(path)]
        cfg = Config(validator="native")
        t0 = time.process_time()
        for g in graphs:
            validate_article(g, cfg)
        return {"seconds": time.process_time() - t0, "triples": sum(map(len, graphs))}
    if name.startswith("write-"):
        from kgpub.rdfio import RdfFormat, serialize_quads

        quads = _mapped(path)
        fmt = RdfFormat.from_extension("x." + name.split("-", 1)[1])
        t = time.perf_counter()
        serialize_quads(quads, fmt)
        return {"seconds": time.perf_counter() - t, "triples": len(quads)}
    if name.startswith("baseline-"):
        return _baseline(name.split("-", 1)[1], path, out)
    if name.startswith("build-"):  # build-files-J or build-dir-J
        _, kind, jobs = name.split("-")
        outs = [f"{out}/e.nq", f"{out}/e.ttl", f"{out}/e.jsonld"] if kind == "files" else [f"{out}/corpus/"]
        t = time.perf_counter()
        result = kgpub.build([path], outs, jobs=int(jobs), validator="native")
        return {"seconds": time.perf_counter() - t, "triples": result.n_quads or 0}
    raise SystemExit(f"unknown case {name}")


def _baseline(stage: str, path: str, out: str) -> dict[str, Any]:
    """Plain rdflib (a Dataset, ``serialize``) and pyshacl on the whole graph with default settings."""
    import rdflib
    from rdflib import BNode, Literal, URIRef

    def term(t: Any) -> Any:
        import pyoxigraph as ox

        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        return Literal(t.value, lang=t.language, datatype=None if t.language else URIRef(t.datatype.value))

    quads = _mapped(path)
    t = time.perf_counter()
    ds = rdflib.Dataset()
    for q in quads:
        ds.add((term(q.subject), term(q.predicate), term(q.object), URIRef(q.graph_name.value)))
    timings = {"graph": time.perf_counter() - t}
    if stage in ("validate", "all"):
        import pyshacl

        from kgpub.validate import default_shapes_path

        g = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        t = time.perf_counter()
        pyshacl.validate(g, shacl_graph=str(default_shapes_path()))
        timings["validate"] = time.perf_counter() - t
    for fmt, ext in (("nquads", "nq"), ("turtle", "ttl"), ("json-ld", "jsonld")):
        if stage in (ext, "all"):
            t = time.perf_counter()
            if fmt == "nquads":
                ds.serialize(destination=f"{out}/b.nq", format=fmt)
            else:
                union = rdflib.Graph()
                for s, p, o, _ in ds.quads((None, None, None, None)):
                    union.add((s, p, o))
                if fmt == "turtle":
                    union.serialize(destination=f"{out}/b.ttl", format=fmt)
                else:
                    ds.serialize(destination=f"{out}/b.jsonld", format=fmt)
            timings[ext] = time.perf_counter() - t
    seconds = timings["graph"] + sum(v for k, v in timings.items() if k != "graph") if stage == "all" \
        else timings[stage]
    return {"seconds": seconds, "triples": len(quads), "parts": timings}


def _case_main(argv: list[str]) -> int:
    name, path, out = argv
    result = case(name, path, out)
    self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result.update(peak_main_mb=round(self), peak_worker_mb=round(kids))
    print("BENCH " + json.dumps(result))
    return 0


# ---------------------------------------------------------------------------------------- driver


def run_case(name: str, path: Path, workdir: Path) -> dict[str, Any]:
    out = Path(tempfile.mkdtemp(dir=workdir))
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--case", name, str(path), str(out)],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])  # type: ignore[no-any-return]
    raise RuntimeError(f"case {name} failed:\n{proc.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--case":
        return _case_main(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--quick", action="store_true", help="N=1,000 only; skip the 100k check and other benches")
    ap.add_argument("--skip-baseline", action="store_true", help="leave out rdflib + pyshacl")
    ap.add_argument("--skip-streaming", action="store_true", help="leave out the 100,000-sheet memory check")
    ap.add_argument("--skip-extract", action="store_true", help="do not run bench/bench_extract.py")
    ap.add_argument("--skip-validate", action="store_true", help="do not run bench/bench_validate.py")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("1000" if args.quick else "1000,10000")).split(",")]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kgpub-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from bench.synth import write_jsonl

    rows: list[tuple[str, int, dict[str, Any], float | None]] = []

    def show(stage: str, n: int, r: dict[str, Any], base: float | None) -> None:
        rate = r["triples"] / r["seconds"] if r["seconds"] else 0
        ratio = f"{base / r['seconds']:.1f}x" if base else "-"
        print(f"{stage:<34} {n:>7} {r['seconds']:>8.2f} s {rate:>12,.0f} {ratio:>8} "
              f"{r['peak_main_mb']:>6} MB {r['peak_worker_mb']:>6} MB", flush=True)
        rows.append((stage, n, r, base))

    print(f"{'stage':<34} {'N':>7} {'time':>10} {'triples/s':>12} {'vs base':>8} {'peak main':>9} "
          f"{'worker':>9}", flush=True)
    for n in sizes:
        path = write_jsonl(workdir / f"sheets-{n}.jsonl", n, seed=0)
        base: dict[str, Any] = {}
        if not args.skip_baseline:
            base = run_case("baseline-all", path, workdir)
            parts = base["parts"]
            for part, label in (("graph", "rdflib: build Graph"), ("validate", "pyshacl: validate"),
                                ("nq", "rdflib: write N-Quads"), ("ttl", "rdflib: write Turtle"),
                                ("jsonld", "rdflib: write JSON-LD")):
                show(f"baseline {label}", n, {**base, "seconds": parts[part]}, None)
            show("baseline total", n, base, None)
        parts = base.get("parts", {})
        show("kgpub map (1 core)", n, run_case("map", path, workdir), parts.get("graph"))
        show("kgpub validate native (CPU, 1 core)", n, run_case("validate-native", path, workdir),
             parts.get("validate"))
        for ext in ("nq", "ttl", "jsonld"):
            show(f"kgpub write {ext} (rdfio, 1 core)", n, run_case(f"write-{ext}", path, workdir), parts.get(ext))
        one = run_case("build-files-1", path, workdir)
        show("kgpub build -> nq+ttl+jsonld, 1 job", n, one, base.get("seconds"))
        two = run_case("build-files-2", path, workdir)
        show("kgpub build -> nq+ttl+jsonld, 2 jobs", n, two, base.get("seconds"))
        print(f"{'  2 jobs vs 1':<34} {one['seconds'] / two['seconds']:.2f}x", flush=True)
        d1 = run_case("build-dir-1", path, workdir)
        show("kgpub build -> DIR/ shards, 1 job", n, d1, None)
        d2 = run_case("build-dir-2", path, workdir)
        show("kgpub build -> DIR/ shards, 2 jobs", n, d2, None)
        print(f"{'  2 jobs vs 1':<34} {d1['seconds'] / d2['seconds']:.2f}x", flush=True)
    if not args.quick and not args.skip_streaming:
        for n in (10_000, 100_000):
            path = write_jsonl(workdir / f"sheets-{n}.jsonl", n, seed=1)
            show("streaming: DIR/ shards, 2 jobs", n, run_case("build-dir-2", path, workdir), None)
    others = []
    if not args.quick and not args.skip_validate and (ROOT / "bench" / "bench_validate.py").exists():
        others.append(["bench/bench_validate.py"])
    if not args.quick and not args.skip_extract and (ROOT / "bench" / "bench_extract.py").exists():
        others.append(["bench/bench_extract.py"])
    for script in others:
        print(f"\n== {script[0]}", flush=True)
        subprocess.run([sys.executable, *script], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
