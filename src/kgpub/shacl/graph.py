"""In-memory indexes over a set of RDF triples, the data structure the native validator walks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = NamedNode(RDF + "type")
RDF_FIRST = NamedNode(RDF + "first")
RDF_REST = NamedNode(RDF + "rest")
RDF_NIL = NamedNode(RDF + "nil")
RDFS_SUBCLASSOF = NamedNode(RDFS + "subClassOf")

Term = Any  # NamedNode | BlankNode | Literal
_EMPTY: dict[Any, list[Any]] = {}


class Index:
    """Subject → predicate → objects, plus lazily built inverse indexes (triples are deduplicated)."""

    __slots__ = ("sp", "instances_of", "_op", "_by_pred", "_supers", "_subs", "has_subclass", "size")

    def __init__(self, triples: Iterable[tuple[Term, Term, Term]] = ()) -> None:
        self.sp: dict[Term, dict[Term, list[Term]]] = {}
        self.instances_of: dict[Term, list[Term]] = {}
        self._op: dict[Term, dict[Term, list[Term]]] | None = None
        self._by_pred: dict[Term, list[tuple[Term, Term]]] | None = None
        self._supers: dict[Term, set[Term]] = {}
        self._subs: dict[Term, list[Term]] | None = None
        self.has_subclass = False
        self.size = 0
        self.add_all(triples)

    def add_all(self, triples: Iterable[tuple[Term, Term, Term]]) -> None:
        """Add triples (any iterable of objects unpacking to subject, predicate, object[, graph])."""
        sp = self.sp
        inst = self.instances_of
        rdf_type = RDF_TYPE
        n = 0
        for q in triples:
            s, p, o = q[0], q[1], q[2]
            d = sp.get(s)
            if d is None:
                sp[s] = {p: [o]}
            else:
                lst = d.get(p)
                if lst is None:
                    d[p] = [o]
                elif o in lst:
                    continue
                else:
                    lst.append(o)
            n += 1
            if p == rdf_type:
                il = inst.get(o)
                if il is None:
                    inst[o] = [s]
                else:
                    il.append(s)
            elif p == RDFS_SUBCLASSOF:
                self.has_subclass = True
        self.size += n
        if n:
            self._op = self._by_pred = self._subs = None
            self._supers = {}

    def objects(self, s: Term, p: Term) -> list[Term]:
        return self.sp.get(s, _EMPTY).get(p, [])  # type: ignore[return-value]

    def value(self, s: Term, p: Term) -> Term | None:
        lst = self.sp.get(s, _EMPTY).get(p)
        return lst[0] if lst else None

    def subjects(self, p: Term, o: Term) -> list[Term]:
        return self.op.get(o, _EMPTY).get(p, [])  # type: ignore[return-value]

    @property
    def op(self) -> dict[Term, dict[Term, list[Term]]]:
        if self._op is None:
            op: dict[Term, dict[Term, list[Term]]] = {}
            for s, d in self.sp.items():
                for p, objs in d.items():
                    for o in objs:
                        od = op.get(o)
                        if od is None:
                            op[o] = {p: [s]}
                        else:
                            od.setdefault(p, []).append(s)
            self._op = op
        return self._op

    def pairs(self, p: Term) -> list[tuple[Term, Term]]:
        """All (subject, object) pairs of predicate ``p``."""
        if self._by_pred is None:
            bp: dict[Term, list[tuple[Term, Term]]] = {}
            for s, d in self.sp.items():
                for pp, objs in d.items():
                    lst = bp.setdefault(pp, [])
                    for o in objs:
                        lst.append((s, o))
            self._by_pred = bp
        return self._by_pred.get(p, [])

    def superclasses(self, c: Term) -> set[Term]:
        """``c`` and every class it is an rdfs:subClassOf* of."""
        sup = self._supers.get(c)
        if sup is None:
            sup = {c}
            todo = [c]
            while todo:
                for x in self.objects(todo.pop(), RDFS_SUBCLASSOF):
                    if x not in sup:
                        sup.add(x)
                        todo.append(x)
            self._supers[c] = sup
        return sup

    def is_instance(self, node: Term, cls: Term) -> bool:
        """SHACL instance: ``node rdf:type/rdfs:subClassOf* cls``."""
        types = self.sp.get(node, _EMPTY).get(RDF_TYPE)
        if not types:
            return False
        if cls in types:
            return True
        if not self.has_subclass:
            return False
        return any(cls in self.superclasses(t) for t in types)

    def instances(self, cls: Term) -> list[Term]:
        """All SHACL instances of ``cls`` (through rdfs:subClassOf in this graph)."""
        direct = self.instances_of.get(cls, [])
        if not self.has_subclass:
            return direct
        seen = {cls}
        todo = [cls]
        out = dict.fromkeys(direct)
        while todo:
            for sub in self.subjects(RDFS_SUBCLASSOF, todo.pop()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
                    out.update(dict.fromkeys(self.instances_of.get(sub, [])))
        return list(out)

    def list_items(self, head: Term) -> list[Term]:
        """The members of the RDF list starting at ``head``."""
        items = []
        seen = set()
        while head is not None and head != RDF_NIL and head not in seen:
            seen.add(head)
            first = self.value(head, RDF_FIRST)
            if first is None:
                break
            items.append(first)
            head = self.value(head, RDF_REST)
        return items


def is_literal(t: Term) -> bool:
    return type(t) is Literal


def is_blank(t: Term) -> bool:
    return type(t) is BlankNode


def is_iri(t: Term) -> bool:
    return type(t) is NamedNode
