"""Compile a SHACL Core shapes graph into Python checks, and run them over an Index of the data."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from . import values as xv
from .graph import RDF_TYPE, Index, Term
from .paths import PathError, compile_path, parse_path, render

SH = "http://www.w3.org/ns/shacl#"
RDFS_CLASS = NamedNode("http://www.w3.org/2000/01/rdf-schema#Class")
OWL_CLASS = NamedNode("http://www.w3.org/2002/07/owl#Class")


def sh(name: str) -> NamedNode:
    return NamedNode(SH + name)


SH_NODESHAPE, SH_PROPERTYSHAPE = sh("NodeShape"), sh("PropertyShape")
SH_PATH, SH_PROPERTY, SH_NODE = sh("path"), sh("property"), sh("node")
SH_TARGET_NODE, SH_TARGET_CLASS = sh("targetNode"), sh("targetClass")
SH_TARGET_SUBJECTS_OF, SH_TARGET_OBJECTS_OF = sh("targetSubjectsOf"), sh("targetObjectsOf")
SH_DEACTIVATED, SH_SEVERITY, SH_MESSAGE = sh("deactivated"), sh("severity"), sh("message")
SH_QVS = sh("qualifiedValueShape")
_SHAPE_REF_PREDS = (SH_NODE, SH_PROPERTY, SH_QVS, sh("not"))
_SHAPE_LIST_PREDS = (sh("and"), sh("or"), sh("xone"))
_TARGET_PREDS = (SH_TARGET_NODE, SH_TARGET_CLASS, SH_TARGET_SUBJECTS_OF, SH_TARGET_OBJECTS_OF)
_SEVERITIES = {SH + "Violation": "Violation", SH + "Warning": "Warning", SH + "Info": "Info"}

# One emitted result: (focus, value or None, shape, component IRI, detail message, path override or None).
Emitted = tuple[Term, Term | None, "Shape", str, str, Any]
Check = Callable[["Context", Term, list[Term], Any], None]


class ShapesError(ValueError):
    """The shapes graph is malformed (a bad path, a parameter of the wrong kind)."""


class _NonConforming(Exception):
    pass


class _FailFast:
    """A result sink that stops at the first result (for "does the node conform?")."""

    __slots__ = ()

    def append(self, _item: Any) -> None:
        raise _NonConforming


_FAIL = _FailFast()


class Shape:
    """A compiled node or property shape."""

    __slots__ = ("node", "nt", "path", "path_fn", "path_nt", "severity", "message", "deactivated",
                 "checks", "target_nodes", "target_classes", "target_subjects_of", "target_objects_of",
                 "key", "__weakref__")

    def __init__(self, node: Term, key: int) -> None:
        self.node = node
        self.nt = str(node)
        self.key = key
        self.path: Any = None
        self.path_fn: Callable[[Index, Term], list[Term]] | None = None
        self.path_nt: str | None = None
        self.severity = "Violation"
        self.message: str | None = None
        self.deactivated = False
        self.checks: list[Check] = []
        self.target_nodes: list[Term] = []
        self.target_classes: list[Term] = []
        self.target_subjects_of: list[Term] = []
        self.target_objects_of: list[Term] = []

    @property
    def has_targets(self) -> bool:
        return bool(self.target_nodes or self.target_classes or self.target_subjects_of
                    or self.target_objects_of)

    def validate(self, ctx: Context, focus: Term, out: Any) -> None:
        """Append the results of ``focus`` against this shape to ``out``."""
        if self.deactivated:
            return
        vals = [focus] if self.path_fn is None else self.path_fn(ctx.g, focus)
        for check in self.checks:
            check(ctx, focus, vals, out)

    def focus_nodes(self, g: Index) -> list[Term]:
        if len(self.target_classes) == 1 and not (self.target_nodes or self.target_subjects_of
                                                   or self.target_objects_of):
            return g.instances(self.target_classes[0])
        out: dict[Term, None] = dict.fromkeys(self.target_nodes)
        for c in self.target_classes:
            out.update(dict.fromkeys(g.instances(c)))
        for p in self.target_subjects_of:
            out.update(dict.fromkeys(s for s, d in g.sp.items() if p in d))
        for p in self.target_objects_of:
            for d in g.sp.values():
                objs = d.get(p)
                if objs:
                    out.update(dict.fromkeys(objs))
        return list(out)


class Context:
    """Per-validation state: the data index and a cache of conformance answers."""

    __slots__ = ("g", "_conf", "_active")

    def __init__(self, g: Index) -> None:
        self.g = g
        self._conf: dict[tuple[int, Term], bool] = {}
        self._active: set[tuple[int, Term]] = set()

    def conforms(self, node: Term, shape: Shape) -> bool:
        key = (shape.key, node)
        ans = self._conf.get(key)
        if ans is not None:
            return ans
        if key in self._active:  # recursive shapes: SHACL leaves them undefined; assume conformance
            return True
        self._active.add(key)
        try:
            shape.validate(self, node, _FAIL)
            ans = True
        except _NonConforming:
            ans = False
        finally:
            self._active.discard(key)
        self._conf[key] = ans
        return ans


def _nkind(t: Term) -> str:
    tt = type(t)
    return "IRI" if tt is NamedNode else "BlankNode" if tt is BlankNode else "Literal"


_NODE_KINDS = {
    SH + "IRI": {"IRI"}, SH + "BlankNode": {"BlankNode"}, SH + "Literal": {"Literal"},
    SH + "BlankNodeOrIRI": {"BlankNode", "IRI"}, SH + "BlankNodeOrLiteral": {"BlankNode", "Literal"},
    SH + "IRIOrLiteral": {"IRI", "Literal"},
}

_REGEX_FLAGS = {"i": re.IGNORECASE, "s": re.DOTALL, "m": re.MULTILINE, "x": re.VERBOSE}


def _int_param(v: Term, name: str) -> int:
    if type(v) is not Literal or not xv._INT_RE.match(v.value):
        raise ShapesError(f"sh:{name} needs an integer, got {v}")
    return int(v.value)


class Compiler:
    """Turns the shapes graph (an Index) into Shape objects."""

    def __init__(self, sg: Index) -> None:
        self.sg = sg
        self.shapes: dict[Term, Shape] = {}

    def shape_nodes(self) -> list[Term]:
        sg = self.sg
        nodes: dict[Term, None] = {}
        for cls in (SH_NODESHAPE, SH_PROPERTYSHAPE):
            nodes.update(dict.fromkeys(sg.instances(cls)))
        for p in _TARGET_PREDS:
            nodes.update(dict.fromkeys(s for s, _ in sg.pairs(p)))
        for p in _SHAPE_REF_PREDS:
            nodes.update(dict.fromkeys(o for _, o in sg.pairs(p)))
        for p in _SHAPE_LIST_PREDS:
            for _, head in sg.pairs(p):
                nodes.update(dict.fromkeys(sg.list_items(head)))
        # Subjects of sh:path are property shapes even when nothing else says so.
        nodes.update(dict.fromkeys(s for s, _ in sg.pairs(SH_PATH)))
        return list(nodes)

    def compile_all(self) -> list[Shape]:
        return [self.shape(n) for n in self.shape_nodes()]

    def shape(self, node: Term) -> Shape:
        s = self.shapes.get(node)
        if s is not None:
            return s
        s = Shape(node, len(self.shapes))
        self.shapes[node] = s
        sg = self.sg
        props = sg.sp.get(node, {})
        path_node = sg.value(node, SH_PATH)
        if path_node is not None:
            try:
                s.path = parse_path(sg, path_node)
            except PathError as exc:
                raise ShapesError(str(exc)) from None
            s.path_fn = compile_path(s.path)
            s.path_nt = render(s.path)
        deact = sg.value(node, SH_DEACTIVATED)
        s.deactivated = type(deact) is Literal and deact.value == "true"
        sev = sg.value(node, SH_SEVERITY)
        if sev is not None:
            s.severity = _SEVERITIES.get(sev.value, sev.value)  # a custom severity keeps its IRI
        msgs = sg.objects(node, SH_MESSAGE)
        if msgs:
            pick = [m for m in msgs if type(m) is Literal and m.language in (None, "en")] or msgs
            s.message = pick[0].value
        s.target_nodes = list(sg.objects(node, SH_TARGET_NODE))
        s.target_classes = list(sg.objects(node, SH_TARGET_CLASS))
        types = sg.objects(node, RDF_TYPE)
        if (RDFS_CLASS in types or OWL_CLASS in types) and node not in s.target_classes and (
                SH_NODESHAPE in types or SH_PROPERTYSHAPE in types):
            s.target_classes.append(node)  # implicit class target
        s.target_subjects_of = list(sg.objects(node, SH_TARGET_SUBJECTS_OF))
        s.target_objects_of = list(sg.objects(node, SH_TARGET_OBJECTS_OF))
        for pred, objs in props.items():
            builder = _BUILDERS.get(pred.value)
            if builder is None:
                continue
            for o in objs:
                chk = builder(self, s, o)
                if chk is not None:
                    s.checks.append(chk)
        return s

    def shape_list(self, head: Term) -> list[Shape]:
        return [self.shape(n) for n in self.sg.list_items(head)]


# ---------------------------------------------------------------- constraint builders
# Each builder gets (compiler, shape, parameter value) and returns a check or None.

def _b_class(c: Compiler, s: Shape, cls: Term) -> Check:
    comp = SH + "ClassConstraintComponent"
    msg = f"Value is not an instance of {cls}"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        g = ctx.g
        for v in vals:
            if not g.is_instance(v, cls):
                out.append((f, v, s, comp, msg, None))
    return check


def _b_datatype(c: Compiler, s: Shape, dt: Term) -> Check:
    comp = SH + "DatatypeConstraintComponent"
    dts = dt.value
    msg = f"Value is not a well-formed literal of datatype {dt}"
    wf = xv.is_well_formed

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            if type(v) is not Literal or v.datatype.value != dts or not wf(v.value, dts):
                out.append((f, v, s, comp, msg, None))
    return check


def _b_nodekind(c: Compiler, s: Shape, kind: Term) -> Check:
    comp = SH + "NodeKindConstraintComponent"
    allowed = _NODE_KINDS.get(kind.value)
    if allowed is None:
        raise ShapesError(f"unknown sh:nodeKind {kind}")
    msg = f"Value is not of node kind {kind}"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            if _nkind(v) not in allowed:
                out.append((f, v, s, comp, msg, None))
    return check


def _b_min_count(c: Compiler, s: Shape, n: Term) -> Check | None:
    comp = SH + "MinCountConstraintComponent"
    k = _int_param(n, "minCount")
    msg = f"Less than {k} values"
    if k <= 0:
        return None

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        if len(vals) < k:
            out.append((f, None, s, comp, msg, None))
    return check


def _b_max_count(c: Compiler, s: Shape, n: Term) -> Check:
    comp = SH + "MaxCountConstraintComponent"
    k = _int_param(n, "maxCount")
    msg = f"More than {k} values"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        if len(vals) > k:
            out.append((f, None, s, comp, msg, None))
    return check


def _range_builder(name: str, ok: Callable[[int], bool], word: str) -> Any:
    comp = SH + name[0].upper() + name[1:] + "ConstraintComponent"

    def build(c: Compiler, s: Shape, bound: Term) -> Check:
        if type(bound) is not Literal:
            raise ShapesError(f"sh:{name} needs a literal, got {bound}")
        msg = f"Value is not {word} {bound}"
        cache: dict[Term, bool] = {}

        def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
            for v in vals:
                good = cache.get(v)
                if good is None:
                    r = xv.range_compare(v, bound)
                    good = r is not None and ok(r)
                    if len(cache) < 100_000:
                        cache[v] = good
                if not good:
                    out.append((f, v, s, comp, msg, None))
        return check
    return build


def _length_builder(name: str, ok: Callable[[int, int], bool], word: str) -> Any:
    comp = SH + name[0].upper() + name[1:] + "ConstraintComponent"

    def build(c: Compiler, s: Shape, n: Term) -> Check:
        k = _int_param(n, name)
        msg = f"Value has {word} {k} characters"

        def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
            for v in vals:
                if type(v) is BlankNode or not ok(len(v.value), k):
                    out.append((f, v, s, comp, msg, None))
        return check
    return build


def _b_pattern(c: Compiler, s: Shape, pat: Term) -> Check:
    comp = SH + "PatternConstraintComponent"
    flags = 0
    fl = c.sg.value(s.node, sh("flags"))
    if fl is not None:
        for ch in fl.value:
            flags |= _REGEX_FLAGS.get(ch, 0)
    try:
        rx = re.compile(pat.value, flags)
    except re.error as exc:
        raise ShapesError(f"bad sh:pattern {pat}: {exc}") from None
    msg = f"Value does not match pattern {pat}"
    search = rx.search

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            if type(v) is BlankNode or search(v.value) is None:
                out.append((f, v, s, comp, msg, None))
    return check


def _b_language_in(c: Compiler, s: Shape, head: Term) -> Check:
    comp = SH + "LanguageInConstraintComponent"
    ranges = [r.value for r in c.sg.list_items(head)]
    msg = f"Language tag not in {ranges}"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            lang = v.language if type(v) is Literal else None
            if not lang or not any(xv.lang_matches(lang, r) for r in ranges):
                out.append((f, v, s, comp, msg, None))
    return check


def _b_unique_lang(c: Compiler, s: Shape, flag: Term) -> Check | None:
    comp = SH + "UniqueLangConstraintComponent"
    if not (type(flag) is Literal and flag.value == "true") or s.path_fn is None:
        return None

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        seen: dict[str, int] = {}
        for v in vals:
            if type(v) is Literal and v.language:
                lang = v.language.lower()
                seen[lang] = seen.get(lang, 0) + 1
        for lang, n in seen.items():
            if n > 1:
                out.append((f, None, s, comp, f"Language {lang!r} used more than once", None))
    return check


def _b_equals(c: Compiler, s: Shape, p: Term) -> Check:
    comp = SH + "EqualsConstraintComponent"
    msg = f"Value sets differ from those of {p}"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        others = ctx.g.objects(f, p)
        for v in vals:
            if v not in others:
                out.append((f, v, s, comp, msg, None))
        for o in others:
            if o not in vals:
                out.append((f, o, s, comp, msg, None))
    return check


def _b_disjoint(c: Compiler, s: Shape, p: Term) -> Check:
    comp = SH + "DisjointConstraintComponent"
    msg = f"Value is also a value of {p}"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        others = ctx.g.objects(f, p)
        for v in vals:
            if v in others:
                out.append((f, v, s, comp, msg, None))
    return check


def _less_builder(name: str, strict: bool) -> Any:
    comp = SH + name[0].upper() + name[1:] + "ConstraintComponent"

    def build(c: Compiler, s: Shape, p: Term) -> Check:
        msg = f"Value is not {'<' if strict else '<='} a value of {p}"

        def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
            others = ctx.g.objects(f, p)
            for v in vals:
                for o in others:
                    if not xv.pair_less(v, o, not strict):
                        out.append((f, v, s, comp, msg, None))
        return check
    return build


def _b_not(c: Compiler, s: Shape, ref: Term) -> Check:
    comp = SH + "NotConstraintComponent"
    inner = c.shape(ref)
    msg = f"Value conforms to {ref}, which it must not"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            if ctx.conforms(v, inner):
                out.append((f, v, s, comp, msg, None))
    return check


def _logical_builder(name: str, test: Callable[[int, int], bool], word: str) -> Any:
    comp = SH + name[0].upper() + name[1:] + "ConstraintComponent"

    def build(c: Compiler, s: Shape, head: Term) -> Check:
        members = c.shape_list(head)
        msg = f"Value does not conform to {word} of the shapes"
        n_members = len(members)

        def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
            for v in vals:
                passed = sum(1 for m in members if ctx.conforms(v, m))
                if not test(passed, n_members):
                    out.append((f, v, s, comp, msg, None))
        return check
    return build


def _b_and(c: Compiler, s: Shape, head: Term) -> Check:
    comp = SH + "AndConstraintComponent"
    members = c.shape_list(head)

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            for m in members:
                if not ctx.conforms(v, m):
                    out.append((f, v, s, comp, "Value does not conform to all of the shapes", None))
                    break
    return check


def _b_or(c: Compiler, s: Shape, head: Term) -> Check:
    comp = SH + "OrConstraintComponent"
    members = c.shape_list(head)

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            for m in members:
                if ctx.conforms(v, m):
                    break
            else:
                out.append((f, v, s, comp, "Value does not conform to any of the shapes", None))
    return check


def _b_node(c: Compiler, s: Shape, ref: Term) -> Check:
    comp = SH + "NodeConstraintComponent"
    inner = c.shape(ref)
    msg = f"Value does not conform to shape {ref}"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            if not ctx.conforms(v, inner):
                out.append((f, v, s, comp, msg, None))
    return check


def _b_property(c: Compiler, s: Shape, ref: Term) -> Check:
    inner = c.shape(ref)
    if inner.path_fn is None:
        raise ShapesError(f"sh:property {ref} of {s.node} has no sh:path")

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            inner.validate(ctx, v, out)
    return check


def _b_qualified(c: Compiler, s: Shape, ref: Term) -> Check | None:
    sg = c.sg
    qshape = c.shape(ref)
    qmin = sg.value(s.node, sh("qualifiedMinCount"))
    qmax = sg.value(s.node, sh("qualifiedMaxCount"))
    kmin = _int_param(qmin, "qualifiedMinCount") if qmin is not None else None
    kmax = _int_param(qmax, "qualifiedMaxCount") if qmax is not None else None
    if kmin is None and kmax is None:
        return None
    dis = sg.value(s.node, sh("qualifiedValueShapesDisjoint"))
    siblings: list[Shape] = []
    if type(dis) is Literal and dis.value == "true":
        sib_nodes: dict[Term, None] = {}
        for parent in sg.subjects(SH_PROPERTY, s.node):
            for ps in sg.objects(parent, SH_PROPERTY):
                if ps == s.node:
                    continue
                for q in sg.objects(ps, SH_QVS):
                    if q != ref:
                        sib_nodes[q] = None
        siblings = [c.shape(q) for q in sib_nodes]
    cmin = SH + "QualifiedMinCountConstraintComponent"
    cmax = SH + "QualifiedMaxCountConstraintComponent"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        n = 0
        for v in vals:
            if ctx.conforms(v, qshape) and not any(ctx.conforms(v, sib) for sib in siblings):
                n += 1
        if kmin is not None and n < kmin:
            out.append((f, None, s, cmin, f"Fewer than {kmin} values conform to {ref}", None))
        if kmax is not None and n > kmax:
            out.append((f, None, s, cmax, f"More than {kmax} values conform to {ref}", None))
    return check


def _b_closed(c: Compiler, s: Shape, flag: Term) -> Check | None:
    if not (type(flag) is Literal and flag.value == "true"):
        return None
    sg = c.sg
    comp = SH + "ClosedConstraintComponent"
    allowed: set[Term] = set()
    for ps in sg.objects(s.node, SH_PROPERTY):
        path = sg.value(ps, SH_PATH)
        if type(path) is NamedNode:
            allowed.add(path)
    for head in sg.objects(s.node, sh("ignoredProperties")):
        allowed.update(sg.list_items(head))

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        sp = ctx.g.sp
        for v in vals:
            for p, objs in sp.get(v, {}).items():
                if p not in allowed:
                    msg = f"Predicate {p} is not allowed (closed shape)"
                    for o in objs:
                        out.append((f, o, s, comp, msg, str(p)))
    return check


def _b_has_value(c: Compiler, s: Shape, val: Term) -> Check:
    comp = SH + "HasValueConstraintComponent"
    msg = f"Missing expected value {val}"

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        if val not in vals:
            out.append((f, None, s, comp, msg, None))
    return check


def _b_in(c: Compiler, s: Shape, head: Term) -> Check:
    comp = SH + "InConstraintComponent"
    members = c.sg.list_items(head)
    allowed = set(members)
    msg = "Value is not in " + ", ".join(str(m) for m in members)

    def check(ctx: Context, f: Term, vals: list[Term], out: Any) -> None:
        for v in vals:
            if v not in allowed:
                out.append((f, v, s, comp, msg, None))
    return check


_BUILDERS: dict[str, Callable[[Compiler, Shape, Term], Check | None]] = {
    SH + "class": _b_class,
    SH + "datatype": _b_datatype,
    SH + "nodeKind": _b_nodekind,
    SH + "minCount": _b_min_count,
    SH + "maxCount": _b_max_count,
    SH + "minExclusive": _range_builder("minExclusive", lambda r: r > 0, "greater than"),
    SH + "minInclusive": _range_builder("minInclusive", lambda r: r >= 0, "greater than or equal to"),
    SH + "maxExclusive": _range_builder("maxExclusive", lambda r: r < 0, "less than"),
    SH + "maxInclusive": _range_builder("maxInclusive", lambda r: r <= 0, "less than or equal to"),
    SH + "minLength": _length_builder("minLength", lambda n, k: n >= k, "fewer than"),
    SH + "maxLength": _length_builder("maxLength", lambda n, k: n <= k, "more than"),
    SH + "pattern": _b_pattern,
    SH + "languageIn": _b_language_in,
    SH + "uniqueLang": _b_unique_lang,
    SH + "equals": _b_equals,
    SH + "disjoint": _b_disjoint,
    SH + "lessThan": _less_builder("lessThan", True),
    SH + "lessThanOrEquals": _less_builder("lessThanOrEquals", False),
    SH + "not": _b_not,
    SH + "and": _b_and,
    SH + "or": _b_or,
    SH + "xone": _logical_builder("xone", lambda passed, n: passed == 1, "exactly one"),
    SH + "node": _b_node,
    SH + "property": _b_property,
    SH + "qualifiedValueShape": _b_qualified,
    SH + "closed": _b_closed,
    SH + "hasValue": _b_has_value,
    SH + "in": _b_in,
}


def run(shapes: list[Shape], g: Index) -> list[Emitted]:
    """Validate every targeted shape over ``g``; the raw results in shape order."""
    ctx = Context(g)
    out: list[Emitted] = []
    for s in shapes:
        if s.deactivated or not s.has_targets:
            continue
        validate = s.validate
        for f in s.focus_nodes(g):
            validate(ctx, f, out)
    return out
