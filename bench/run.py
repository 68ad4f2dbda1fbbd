"""``make bench``: throughput and peak memory of kgpub's stages and whole builds against rdflib + pyshacl.

Every case runs in its own subprocess (so peak memory is the case's own), on synthetic fact sheets
(:mod:`bench.synth`, 60-120 triples each); kgpub's cases up to 2,000 sheets run ``--repeat`` times
and the fastest run is shown.  Printed as a table: stage, N, seconds, triples/s,
ratio to the baseline measured in the same run, and peak memory: the peak of the summed resident
memory of the case's process and its workers (sampled every 50 ms; pages the forked workers share
with the main process count twice, so it is an upper bound), and the largest single process.
No assertions: the numbers are for the closing notes and docs/corpus.md.

The baseline is plain rdflib (build a Dataset from the quads kgpub maps, ``serialize`` N-Quads,
Turtle and JSON-LD) and pyshacl on the whole graph with default settings; it starts from the mapped
quads, so it does not pay for reading and checking the fact sheets, which kgpub's builds do.
pyshacl on the whole graph gets ``--pyshacl-budget`` seconds (default 240); when it cannot finish
in that time, its time is extrapolated linearly from the same run's 1,000-sheet figure (a prefix of
the same corpus) and marked ``(extrapolated)``; pyshacl grows faster than linearly, so the estimate
favours the baseline.

    python -m bench.run                       # N = 1,000 and 10,000, the 10k/100k streaming check (~15 min)
    python -m bench.run --quick               # N = 1,000 only, no streaming check, no other benches
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
import threading
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
    """Plain rdflib (a Dataset, ``serialize``) and pyshacl on the whole graph with default settings.

    ``stage``: ``write`` (build the Dataset, write N-Quads, Turtle, JSON-LD), ``validate`` (pyshacl
    only; the graph it validates is built untimed) or ``all``.
    """
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
        del g
    if stage in ("write", "all"):
        for fmt, ext in (("nquads", "nq"), ("turtle", "ttl"), ("json-ld", "jsonld")):
            t = time.perf_counter()
            if fmt == "nquads":
                ds.serialize(destination=f"{out}/b.nq", format=fmt)
            elif fmt == "turtle":
                union = rdflib.Graph()
                for s, p, o, _ in ds.quads((None, None, None, None)):
                    union.add((s, p, o))
                union.serialize(destination=f"{out}/b.ttl", format=fmt)
                del union
            else:
                ds.serialize(destination=f"{out}/b.jsonld", format=fmt)
            timings[ext] = time.perf_counter() - t
    seconds = timings["validate"] if stage == "validate" else sum(timings.values())
    return {"seconds": seconds, "triples": len(quads), "parts": timings}


class PeakSampler:
    """The peak of the summed resident memory of this process and its children, sampled every 50 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> PeakSampler:
        try:
            import psutil
        except ImportError:
            return self
        me = psutil.Process()

        def sample() -> None:
            while not self._stop.is_set():
                try:
                    total = me.memory_info().rss
                    for child in me.children(recursive=True):
                        try:
                            total += child.memory_info().rss
                        except psutil.Error:
                            pass
                    self.peak = max(self.peak, total)
                except psutil.Error:
                    pass
                self._stop.wait(0.05)

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def _case_main(argv: list[str]) -> int:
    name, path, out = argv
    with PeakSampler() as sampler:
        result = case(name, path, out)
    self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result.update(peak_total_mb=round(max(sampler.peak / 2**20, self)), peak_main_mb=round(self),
                  peak_worker_mb=round(kids))
    print("BENCH " + json.dumps(result))
    return 0


# ---------------------------------------------------------------------------------------- driver


def run_case(name: str, path: Path, workdir: Path, *, timeout: float | None = None) -> dict[str, Any] | None:
    """Run a case in a subprocess; None when it did not finish within ``timeout`` seconds."""
    out = Path(tempfile.mkdtemp(dir=workdir))
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT)}
    try:
        proc = subprocess.run([sys.executable, "-m", "bench.run", "--case", name, str(path), str(out)],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    finally:
        for f in sorted(out.rglob("*"), reverse=True):
            f.rmdir() if f.is_dir() else f.unlink()
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])  # type: ignore[no-any-return]
    raise RuntimeError(f"case {name} failed:\n{proc.stderr[-2000:]}")


def must(result: dict[str, Any] | None) -> dict[str, Any]:
    if result is None:
        raise RuntimeError("a case without a time limit did not finish")
    return result


def best_of(repeat: int, name: str, path: Path, workdir: Path) -> dict[str, Any]:
    """The fastest of ``repeat`` runs of a case (short runs are noisy on a shared machine); the highest peak."""
    runs = [must(run_case(name, path, workdir)) for _ in range(repeat)]
    best = dict(min(runs, key=lambda r: r["seconds"]))
    for key in ("peak_total_mb", "peak_main_mb", "peak_worker_mb"):
        best[key] = max(r[key] for r in runs)
    return best


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--case":
        return _case_main(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--quick", action="store_true", help="N=1,000 only; skip the streaming check and other benches")
    ap.add_argument("--skip-baseline", action="store_true", help="leave out rdflib + pyshacl")
    ap.add_argument("--pyshacl-budget", type=float, default=240.0,
                    help="seconds pyshacl may take on a whole graph before it is extrapolated instead (default 240)")
    ap.add_argument("--streaming-sizes", default="10000,100000",
                    help="sizes of the directory-build memory check (default 10000,100000)")
    ap.add_argument("--skip-streaming", action="store_true", help="leave out the streaming memory check")
    ap.add_argument("--skip-extract", action="store_true", help="do not run bench/bench_extract.py")
    ap.add_argument("--skip-validate", action="store_true", help="do not run bench/bench_validate.py")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of each kgpub case up to 2,000 sheets, the fastest kept (default 3; larger N: 1)")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args(argv)
    sizes = sorted(int(s) for s in (args.sizes or ("1000" if args.quick else "1000,10000")).split(","))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kgpub-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from bench.synth import write_jsonl

    started = time.perf_counter()

    def show(stage: str, n: int, r: dict[str, Any], base: float | None, note: str = "") -> None:
        rate = r["triples"] / r["seconds"] if r["seconds"] else 0
        ratio = f"{base / r['seconds']:.1f}x" if base else "-"
        mem = f"{r['peak_total_mb']:>6} MB {r['peak_main_mb']:>6} MB {r['peak_worker_mb']:>6} MB" \
            if "peak_total_mb" in r else f"{'':>27}"
        print(f"{stage:<38} {n:>7} {r['seconds']:>8.2f} s {rate:>12,.0f} {ratio:>8} {mem} {note}".rstrip(),
              flush=True)

    print(f"{'stage':<38} {'N':>7} {'time':>10} {'triples/s':>12} {'vs base':>8} {'peak all':>9} "
          f"{'main':>9} {'worker':>9}", flush=True)
    pyshacl_rate: tuple[int, float] | None = None  # (N, seconds) of the smallest whole-graph pyshacl run
    for n in sizes:
        path = write_jsonl(workdir / f"sheets-{n}.jsonl", n, seed=0)
        base_total: float | None = None
        parts: dict[str, float] = {}
        repeat = max(1, args.repeat) if n <= 2000 else 1
        if not args.skip_baseline:
            write = must(run_case("baseline-write", path, workdir))
            parts = dict(write["parts"])
            for part, label in (("graph", "rdflib: build Dataset"), ("nq", "rdflib: write N-Quads"),
                                ("ttl", "rdflib: write Turtle"), ("jsonld", "rdflib: write JSON-LD")):
                show(f"baseline {label}", n, {**write, "seconds": parts[part]}, None)
            val = run_case("baseline-validate", path, workdir, timeout=args.pyshacl_budget)
            if val is not None:
                parts["validate"] = val["seconds"]
                show("baseline pyshacl: validate", n, val, None)
                if pyshacl_rate is None:
                    pyshacl_rate = (n, val["seconds"])
            elif pyshacl_rate is not None:
                parts["validate"] = pyshacl_rate[1] * n / pyshacl_rate[0]
                show("baseline pyshacl: validate", n, {"seconds": parts["validate"], "triples": write["triples"]},
                     None, f"(extrapolated linearly from N={pyshacl_rate[0]}: did not finish in "
                           f"{args.pyshacl_budget:.0f} s)")
            else:
                print(f"baseline pyshacl: validate did not finish in {args.pyshacl_budget:.0f} s at N={n}; "
                      "no smaller run to extrapolate from: the baseline total leaves it out", flush=True)
            base_total = sum(parts.values())
            show("baseline total", n, {"seconds": base_total, "triples": write["triples"],
                                       "peak_total_mb": write["peak_total_mb"], "peak_main_mb": write["peak_main_mb"],
                                       "peak_worker_mb": write["peak_worker_mb"]}, None,
                 "(memory: rdflib part)")
        show("kgpub map (1 core)", n, best_of(repeat, "map", path, workdir), parts.get("graph"))
        show("kgpub validate native (CPU, 1 core)", n, best_of(repeat, "validate-native", path, workdir),
             parts.get("validate"))
        for ext in ("nq", "ttl", "jsonld"):
            show(f"kgpub write {ext} (rdfio, 1 core)", n, best_of(repeat, f"write-{ext}", path, workdir),
                 parts.get(ext))
        builds = {}
        for kind, label in (("files", "nq+ttl+jsonld"), ("dir", "DIR/ shards")):
            for jobs in (1, 2):
                r = best_of(repeat, f"build-{kind}-{jobs}", path, workdir)
                builds[kind, jobs] = r
                show(f"kgpub build -> {label}, {jobs} job{'s' if jobs > 1 else ''}", n, r,
                     base_total if kind == "files" else None)
            print(f"{'  2 jobs vs 1':<38} {builds[kind, 1]['seconds'] / builds[kind, 2]['seconds']:.2f}x", flush=True)
    if not args.quick and not args.skip_streaming:
        peaks = []
        for n in (int(s) for s in args.streaming_sizes.split(",")):
            path = write_jsonl(workdir / f"stream-{n}.jsonl", n, seed=1)
            r = must(run_case("build-dir-2", path, workdir))
            show("streaming: DIR/ shards, 2 jobs", n, r, None)
            peaks.append((n, r))
            path.unlink()
        if len(peaks) > 1:
            (n0, a), (n1, b) = peaks[0], peaks[-1]
            print(f"{'  peak ' + str(n1) + ' vs ' + str(n0):<38} all {b['peak_total_mb'] / a['peak_total_mb']:.2f}x, "
                  f"main {b['peak_main_mb'] / a['peak_main_mb']:.2f}x, "
                  f"worker {b['peak_worker_mb'] / a['peak_worker_mb']:.2f}x", flush=True)
    print(f"(table made in {time.perf_counter() - started:.0f} s)", flush=True)
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
