"""Benchmark: SHACL validation throughput, kgpub's native validator against pyshacl.

A synthetic corpus of kgpub-style articles (each a named graph of ~130 triples, copied from the
complete example article with its own article, event, count, quote, claim and evidence IRIs, the
entities shared across articles as kgpub writes them; every tenth article deliberately broken) is
validated against shapes/kgpub.shapes.ttl:

- native, one article graph at a time (the way build workers validate);
- native, the union of all graphs in one call;
- pyshacl (inference none, advanced off) on a subset, as the reference, per article and as a union.

It prints triples per second (CPU time of this one process, i.e. per core) and the ratio to
pyshacl, and checks that both validators report the same results on the subset.  No assertions
on time.  Run: ``python bench/bench_validate.py [--articles 2000] [--pyshacl-articles 200]``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ROOT / "shapes" / "kgpub.shapes.ttl"
TEMPLATE = ROOT / "tests" / "data" / "shapes" / "valid" / "complete-article.ttl"
BASE = "https://example.org/kgpub/"
PER_ARTICLE = ("article/", "event/", "count/", "quote/", "claim/", "evidence/")
XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA = "https://schema.org/"


def _rename(term: Any, i: int) -> Any:
    if isinstance(term, ox.NamedNode) and term.value.startswith(BASE):
        rest = term.value[len(BASE):]
        if rest.startswith(PER_ARTICLE):
            kind, _, tail = rest.partition("/")
            return ox.NamedNode(f"{BASE}{kind}/n{i}-{tail}")
    return term


def _break(quads: list[ox.Quad], i: int) -> list[ox.Quad]:
    """Break article ``i`` in one of a few ways bugs do."""
    kind = (i // 10) % 4
    out = []
    for q in quads:
        p = q.predicate.value
        if kind == 0 and p == SCHEMA + "headline":
            continue  # missing headline
        if kind == 1 and p == SCHEMA + "datePublished":
            q = ox.Quad(q.subject, q.predicate, ox.Literal("2016-02-30", datatype=ox.NamedNode(XSD + "date")),
                        q.graph_name)
        if kind == 2 and p in (SCHEMA + "value", SCHEMA + "minValue"):
            q = ox.Quad(q.subject, q.predicate, ox.Literal("-3", datatype=ox.NamedNode(XSD + "integer")),
                        q.graph_name)
        if kind == 3 and p == SCHEMA + "creator":
            q = ox.Quad(q.subject, q.predicate, ox.Literal("someone"), q.graph_name)
        out.append(q)
    return out


def make_corpus(n: int, template: Path = TEMPLATE, broken_every: int = 10) -> list[list[ox.Quad]]:
    """``n`` article graphs (lists of quads, each in the article's named graph)."""
    base = [q for q in ox.parse(path=str(template))]
    articles = []
    for i in range(n):
        graph = ox.NamedNode(f"{BASE}article/n{i}-graph")
        quads = [ox.Quad(_rename(q.subject, i), q.predicate, _rename(q.object, i), graph) for q in base]
        if broken_every and i % broken_every == broken_every - 1:
            quads = _break(quads, i)
        articles.append(quads)
    return articles


def _timed(fn: Any) -> tuple[Any, float]:
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def _pyshacl_results(quads: list[ox.Quad], shapes: Any) -> tuple[bool, set[tuple[str, ...]]]:
    import pyshacl
    import rdflib
    from rdflib import RDF, SH

    g = rdflib.Graph()
    nt = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    g.parse(data=nt.decode("utf-8"), format="nt")
    conforms, rg, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none", advanced=False,
                                       allow_warnings=True)
    report = next(rg.subjects(RDF.type, SH.ValidationReport))
    out = set()
    for r in rg.objects(report, SH.result):
        focus = rg.value(r, SH.focusNode)
        path = rg.value(r, SH.resultPath)
        out.add((focus.n3(), path.n3() if isinstance(path, rdflib.URIRef) else str(path),
                 rg.value(r, SH.sourceShape).n3(), str(rg.value(r, SH.sourceConstraintComponent))))
    return bool(conforms), out


def _native_results(report: Any) -> set[tuple[str, ...]]:
    return {(r.focus, str(r.path), r.source_shape, r.constraint) for r in report.results}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000, help="articles validated natively (default 2000)")
    ap.add_argument("--pyshacl-articles", type=int, default=200,
                    help="articles validated by pyshacl, the reference (default 200)")
    ap.add_argument("--shapes", type=Path, default=SHAPES)
    ap.add_argument("--template", type=Path, default=TEMPLATE, help="a valid article graph to copy")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)  # rdflib logs every ill-typed literal of the broken articles
    warnings.simplefilter("ignore")

    from kgpub.shacl import compile_shapes, validate_native

    for p in (args.shapes, args.template):
        if not p.is_file():
            print(f"error: {p} not found", file=sys.stderr)
            return 2
    corpus = make_corpus(max(args.articles, args.pyshacl_articles), args.template)
    native_corpus = corpus[:args.articles]
    triples = sum(len(a) for a in native_corpus)
    compiled, t_compile = _timed(lambda: compile_shapes(args.shapes))

    reports, t_each = _timed(lambda: [validate_native(a, compiled) for a in native_corpus])
    union = [q for a in native_corpus for q in a]
    union_report, t_union = _timed(lambda: validate_native(union, compiled))
    invalid = sum(not r.conforms for r in reports)

    import rdflib

    shapes_graph = rdflib.Graph().parse(args.shapes, format="turtle")
    sub = corpus[:args.pyshacl_articles]
    sub_triples = sum(len(a) for a in sub)
    py_each, t_py_each = _timed(lambda: [_pyshacl_results(a, shapes_graph) for a in sub])
    sub_union = [q for a in sub for q in a]
    py_union, t_py_union = _timed(lambda: _pyshacl_results(sub_union, shapes_graph))

    agree_each = all(py == (rep.conforms, _native_results(rep))
                     for py, rep in zip(py_each, reports, strict=False))
    nat_sub_union = validate_native(sub_union, compiled)
    agree_union = py_union == (nat_sub_union.conforms, _native_results(nat_sub_union))

    def rate(n: int, t: float) -> float:
        return n / t if t > 0 else float("inf")

    base_rate = rate(sub_triples, t_py_union)
    rows = [
        ("native, per article", triples, t_each, rate(triples, t_each)),
        ("native, union", triples, t_union, rate(triples, t_union)),
        ("pyshacl, per article", sub_triples, t_py_each, rate(sub_triples, t_py_each)),
        ("pyshacl, union", sub_triples, t_py_union, base_rate),
    ]
    print(f"corpus: {len(native_corpus)} articles, {triples} triples ({invalid} articles invalid, "
          f"{len(union_report.results)} results on the union); shapes compiled in {t_compile * 1000:.1f} ms")
    print(f"{'validator':<22}{'triples':>10}{'CPU s':>9}{'triples/s':>12}{'vs pyshacl union':>18}")
    for name, n, t, r in rows:
        print(f"{name:<22}{n:>10}{t:>9.2f}{r:>12,.0f}{r / base_rate:>17.1f}x")
    print(f"same results as pyshacl on {len(sub)} articles: per article {'yes' if agree_each else 'NO'}, "
          f"union {'yes' if agree_union else 'NO'}")
    return 0 if agree_each and agree_union else 1


if __name__ == "__main__":
    sys.exit(main())
