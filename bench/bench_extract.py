"""Extraction benchmark: articles per second per core on a corpus of kgpub's own dev-set articles.

Reports, in one run on the same texts: the raw ``nlp.pipe`` throughput of the components
extraction loads (the baseline), the same parse inside ``extract_many`` split into parse and
rules, the full model (all components) for reference, and 1 vs 2 worker processes.
Target (issue 3): whole extraction ≥ 0.8 × the raw ``nlp.pipe`` baseline.

    python -m bench.bench_extract [--repeat 4]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

DEVSET = Path(__file__).resolve().parents[1] / "examples" / "devset"


def _corpus(repeat: int) -> list[Any]:
    from kgpub.read import iter_articles

    arts = list(iter_articles(DEVSET))
    return arts * repeat


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def _worker(args: tuple[int, int]) -> tuple[int, float]:
    repeat, share = args
    from kgpub.extract import extract_many, load_nlp

    load_nlp()
    arts = _corpus(repeat)[share::2]
    _, t = _timed(lambda: list(extract_many(arts)))
    return len(arts), t


def run(report: Callable[[str, float, str], None] | None = None, *, repeat: int = 4) -> dict[str, float]:
    """Run the benchmark; ``report(name, value, unit)`` is called per figure. Returns the figures."""
    from kgpub.extract import extract_many, load_nlp
    from kgpub.extract.model import MODEL_PACKAGES
    from kgpub.extract.rules import build_sheet

    nlp = load_nlp()
    arts = _corpus(repeat)
    texts = [a.text for a in arts]
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:8]))  # warm up
    _, t_raw = _timed(lambda: list(nlp.pipe(texts, batch_size=32)))
    docs, t_parse = _timed(lambda: list(nlp.pipe(texts, batch_size=32)))
    _, t_rules = _timed(lambda: [build_sheet(d, a) for d, a in zip(docs, arts, strict=False)])
    _, t_full = _timed(lambda: list(extract_many(arts, batch_size=32)))
    import importlib

    full_nlp = None
    for name in MODEL_PACKAGES:
        try:
            full_nlp = importlib.import_module(name).load()
            break
        except ImportError:
            continue
    t_all = float("nan")
    if full_nlp is not None:
        list(full_nlp.pipe(texts[:8]))
        _, t_all = _timed(lambda: list(full_nlp.pipe(texts, batch_size=32)))
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_worker, [(1, 0), (1, 1)]))  # warm the workers (model load)
        t0 = time.perf_counter()
        done = list(pool.map(_worker, [(repeat, 0), (repeat, 1)]))
        t_two = time.perf_counter() - t0
    n = len(arts)
    figures = {
        "articles": n, "words_per_article": words / n,
        "raw_nlp_pipe_articles_s": n / t_raw,
        "full_model_nlp_pipe_articles_s": n / t_all,
        "parse_articles_s": n / t_parse, "rules_articles_s": n / t_rules,
        "extract_1_worker_articles_s": n / t_full,
        "extract_2_workers_articles_s": sum(k for k, _ in done) / t_two,
        "rules_share_of_time": t_rules / (t_parse + t_rules),
        "extract_vs_raw_ratio": (n / t_full) / (n / t_raw),
    }
    figures["extract_2_workers_per_core_articles_s"] = figures["extract_2_workers_articles_s"] / 2
    if report:
        for k, v in figures.items():
            report(f"extract.{k}", v, "")
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=4, help="copies of the dev set in the corpus")
    args = ap.parse_args(argv)
    f = run(repeat=args.repeat)
    print(f"corpus: {f['articles']:.0f} articles, {f['words_per_article']:.0f} words each")
    print(f"{'what':<44} {'articles/s':>11} {'words/s':>9}")
    for key, label in [
        ("raw_nlp_pipe_articles_s", "baseline: raw nlp.pipe, same components"),
        ("full_model_nlp_pipe_articles_s", "reference: nlp.pipe, all components"),
        ("parse_articles_s", "extraction: spaCy parse only"),
        ("rules_articles_s", "extraction: kgpub rules only"),
        ("extract_1_worker_articles_s", "extraction: whole, 1 worker"),
        ("extract_2_workers_articles_s", "extraction: whole, 2 workers"),
        ("extract_2_workers_per_core_articles_s", "extraction: whole, 2 workers, per core"),
    ]:
        print(f"{label:<44} {f[key]:11.1f} {f[key] * f['words_per_article']:9.0f}")
    print(f"rules share of extraction time: {f['rules_share_of_time']:.1%}; "
          f"whole extraction / raw nlp.pipe = {f['extract_vs_raw_ratio']:.2f} (target ≥ 0.80)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
