"""SHACL property paths: parsing from a shapes graph, evaluation over an Index, and rendering."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pyoxigraph import NamedNode

from .graph import RDF_FIRST, Index, Term

SH = "http://www.w3.org/ns/shacl#"
_INV = NamedNode(SH + "inversePath")
_ALT = NamedNode(SH + "alternativePath")
_ZOM = NamedNode(SH + "zeroOrMorePath")
_OOM = NamedNode(SH + "oneOrMorePath")
_ZOO = NamedNode(SH + "zeroOrOnePath")

# A path is ("pred", iri) | ("inv", path) | ("seq", [paths]) | ("alt", [paths])
# | ("zom", path) | ("oom", path) | ("zoo", path).
Path = tuple[str, Any]
PathFn = Callable[[Index, Term], list[Term]]


class PathError(ValueError):
    """The shapes graph holds a malformed property path."""


def parse_path(g: Index, node: Term, _depth: int = 0) -> Path:
    """Read the SHACL path rooted at ``node`` in the shapes graph ``g``."""
    if _depth > 50:
        raise PathError(f"path nested too deeply at {node}")
    if type(node) is NamedNode:
        return ("pred", node)
    if g.value(node, RDF_FIRST) is not None:
        items = g.list_items(node)
        if len(items) < 2:
            raise PathError(f"sequence path {node} needs at least two members")
        return ("seq", [parse_path(g, i, _depth + 1) for i in items])
    for pred, kind in ((_INV, "inv"), (_ZOM, "zom"), (_OOM, "oom"), (_ZOO, "zoo")):
        v = g.value(node, pred)
        if v is not None:
            return (kind, parse_path(g, v, _depth + 1))
    v = g.value(node, _ALT)
    if v is not None:
        items = g.list_items(v)
        if len(items) < 2:
            raise PathError(f"alternative path {node} needs at least two members")
        return ("alt", [parse_path(g, i, _depth + 1) for i in items])
    raise PathError(f"not a SHACL property path: {node}")


def render(path: Path) -> str:
    """SPARQL-like text of a path: ``<p>``, ``^<p>``, ``<p>/<q>``, ``(<p>|<q>)*``."""
    kind, arg = path
    if kind == "pred":
        return str(arg)
    if kind == "seq":
        return "/".join(_group(p, ("alt",)) for p in arg)
    if kind == "alt":
        return "|".join(render(p) for p in arg)
    inner = _group(arg, ("seq", "alt", "inv", "zom", "oom", "zoo"))
    if kind == "inv":
        return "^" + inner
    return inner + {"zom": "*", "oom": "+", "zoo": "?"}[kind]


def _group(path: Path, kinds: tuple[str, ...]) -> str:
    text = render(path)
    return f"({text})" if path[0] in kinds else text


def compile_path(path: Path) -> PathFn:
    """A function (index, focus) → the distinct value nodes of ``path``."""
    kind, arg = path
    if kind == "pred":
        p = arg

        def pred(g: Index, n: Term) -> list[Term]:
            d = g.sp.get(n)
            if d is None:
                return []
            return d.get(p) or []
        return pred
    if kind == "inv":
        inner = arg
        if inner[0] == "pred":
            ip = inner[1]

            def inv(g: Index, n: Term) -> list[Term]:
                d = g.op.get(n)
                if d is None:
                    return []
                return d.get(ip) or []
            return inv
        return _inverse_general(inner)
    if kind == "seq":
        steps = [compile_path(p) for p in arg]

        def seq(g: Index, n: Term) -> list[Term]:
            cur = [n]
            for step in steps:
                nxt: dict[Term, None] = {}
                for c in cur:
                    for v in step(g, c):
                        nxt[v] = None
                cur = list(nxt)
            return cur
        return seq
    if kind == "alt":
        alts = [compile_path(p) for p in arg]

        def alt(g: Index, n: Term) -> list[Term]:
            out: dict[Term, None] = {}
            for a in alts:
                for v in a(g, n):
                    out[v] = None
            return list(out)
        return alt
    step = compile_path(arg)
    if kind == "zoo":
        def zoo(g: Index, n: Term) -> list[Term]:
            out = {n: None}
            for v in step(g, n):
                out[v] = None
            return list(out)
        return zoo

    include_self = kind == "zom"

    def closure(g: Index, n: Term) -> list[Term]:
        out: dict[Term, None] = {n: None} if include_self else {}
        todo = [n]
        seen = {n}
        while todo:
            for v in step(g, todo.pop()):
                if v not in out:
                    out[v] = None
                if v not in seen:
                    seen.add(v)
                    todo.append(v)
        return list(out)
    return closure


def _inverse_general(path: Path) -> PathFn:
    """Inverse of a complex path, by inverting its structure (^(a/b) = ^b/^a, ^(a*) = (^a)*, ...)."""
    return compile_path(invert(path))


def invert(path: Path) -> Path:
    """The path that follows ``path`` backwards."""
    kind, arg = path
    if kind == "pred":
        return ("inv", path)
    if kind == "inv":
        return arg  # type: ignore[no-any-return]
    if kind == "seq":
        return ("seq", [invert(p) for p in reversed(arg)])
    if kind == "alt":
        return ("alt", [invert(p) for p in arg])
    return (kind, invert(arg))
