"""Fact sheets: load YAML or JSON, check them against the published JSON Schema and their references."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .iris import article_key

SCHEMA_RESOURCE = "factsheet.schema.json"
FACT_LISTS = ("entities", "events", "counts", "quotes", "claims")


@dataclass
class FactSheet:
    """A checked fact sheet: ``data`` follows ``factsheet.schema.json``; ``key`` names the article in IRIs."""

    data: dict[str, Any]
    source: str = "<input>"
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> str:
        return article_key(self.data["article"])

    @property
    def article(self) -> dict[str, Any]:
        return self.data["article"]

    def items(self, name: str) -> list[dict[str, Any]]:
        return self.data.get(name) or []


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The fact-sheet JSON Schema shipped with kgpub."""
    text = resources.files("kgpub.data").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (the schema checks them) and rejects duplicate keys."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_map(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _line_map(value_node, (*path, key_node.value), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), out)


def _check_duplicate_keys(node: yaml.Node, source: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.value in seen:
                raise InputError(f"duplicate key {key_node.value!r}", source=source,
                                 line=key_node.start_mark.line + 1, field=key_node.value)
            seen.add(key_node.value)
            _check_duplicate_keys(value_node, source)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, source)


def _decode(raw: bytes, source: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                         source=source, line=line) from None
    if not text.strip():
        raise InputError("empty file", source=source)
    return text


def load_factsheet(path: str | Path) -> FactSheet:
    """Read and check a fact sheet (``.yaml``, ``.yml`` or ``.json``).

    :param path: the file to read.
    :raises InputError: naming the file, line and field of the first problem.
    """
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source=source) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a fact sheet", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=source) from None
    return parse_factsheet_text(_decode(raw, source), source=source,
                                is_json=Path(path).suffix.lower() == ".json")


def parse_factsheet_text(text: str, *, source: str = "<input>", is_json: bool = False) -> FactSheet:
    """Parse fact-sheet text (YAML, or JSON when ``is_json``) and check it."""
    lines: dict[tuple[Any, ...], int] = {}
    if is_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", source=source,
                             line=exc.lineno) from None
        try:  # JSON is YAML too: borrow its line numbers for the error messages
            node = yaml.compose(text, Loader=_Loader)
            if node is not None:
                _line_map(node, (), lines)
        except yaml.YAMLError:
            pass
    else:
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise InputError(f"invalid YAML: {exc.problem or exc.context}", source=source,
                             line=mark.line + 1 if mark else None) from None
        except yaml.YAMLError as exc:
            raise InputError(f"invalid YAML: {exc}", source=source) from None
        if node is None:
            raise InputError("empty fact sheet", source=source)
        _check_duplicate_keys(node, source)
        _line_map(node, (), lines)
        data = _Loader(text).get_single_data()
    return parse_factsheet(data, source=source, lines=lines)


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    """A compiled validator (jsonschema-rs) for the common case of a valid sheet; None when not installed."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(schema())


def _first_schema_error(data: Any) -> Any:
    fast = _fast_validator()
    if fast is not None and fast.is_valid(data):
        return None
    errors = list(_validator().iter_errors(data))
    if not errors:
        return None
    import jsonschema.exceptions

    return jsonschema.exceptions.best_match(errors)


def _describe(error: Any) -> str:
    validator = error.validator
    if validator == "required":
        missing = [p for p in error.validator_value if p not in (error.instance or {})]
        return f"missing required field {missing[0]!r}" if missing else error.message
    if validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field(s)")
    if validator == "type":
        return f"must be {_article(error.validator_value)}, not {type(error.instance).__name__}"
    if validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if validator == "minimum":
        return f"{error.instance!r} is negative; must be at least {error.validator_value}"
    if validator == "pattern":
        return f"{error.instance!r} is not in the expected form ({_pattern_hint(error)})"
    if validator in ("oneOf", "anyOf") and error.context:
        return min(error.context, key=lambda e: len(e.path)).message
    return error.message


def _article(t: Any) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number"}
    if isinstance(t, list):
        return " or ".join(names.get(x, x) for x in t)
    return names.get(t, t)


def _pattern_hint(error: Any) -> str:
    last = error.path[-1] if error.path else ""
    if last in ("date", "begin", "end"):
        return "YYYY-MM-DD, YYYY-MM or YYYY"
    if last == "published":
        return "YYYY-MM-DD"
    if last == "wikidata":
        return "Q followed by digits"
    if last == "url":
        return "an http(s) URL"
    return "letters, digits, '.', '_' and '-'"


def _field_name(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_factsheet(data: Any, *, source: str = "<input>",
                    lines: dict[tuple[Any, ...], int] | None = None) -> FactSheet:
    """Check a fact-sheet mapping (as loaded from YAML or JSON, or made by extraction).

    >>> sheet = parse_factsheet({"article": {"headline": "Storm hits coast", "id": "storm"}})
    >>> sheet.key
    'storm'
    """
    lines = lines or {}

    def fail(message: str, path: tuple[Any, ...]) -> InputError:
        line = None
        for cut in range(len(path), -1, -1):
            if path[:cut] in lines:
                line = lines[path[:cut]]
                break
        return InputError(message, source=source, line=line, field=_field_name(path))

    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        raise fail(f"a fact sheet must be a mapping with an 'article' key, not {kind}", ())
    error = _first_schema_error(data)
    if error is not None:
        raise fail(_describe(error), tuple(error.absolute_path))
    _check_semantics(data, fail)
    return FactSheet(data=data, source=source, lines=lines)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def parse_date(value: str) -> tuple[str, str]:
    """Check an ISO date, year-month or year; return it with its precision ('date', 'month', 'year')."""
    parts = value.split("-")
    if len(parts) == 3:
        dt.date(int(parts[0]), int(parts[1]), int(parts[2]))  # raises ValueError on 2016-02-30
        return value, "date"
    return value, ("month" if len(parts) == 2 else "year")


def _check_semantics(data: dict[str, Any], fail: Any) -> None:
    """Reference and value checks that JSON Schema cannot express."""
    article = data["article"]
    text = article.get("text")
    if "published" in article:
        try:
            parse_date(article["published"])
        except ValueError as exc:
            raise fail(f"{article['published']!r} is not a real date ({exc})", ("article", "published")) from None

    ids: dict[str, dict[str, dict[str, Any]]] = {}
    for name in FACT_LISTS:
        ids[name] = {}
        for i, item in enumerate(data.get(name) or []):
            if item["id"] in ids[name]:
                raise fail(f"duplicate id {item['id']!r}", (name, i, "id"))
            ids[name][item["id"]] = item
    entities, events, counts = ids["entities"], ids["events"], ids["counts"]

    def need(ref: str, table: dict[str, Any], what: str, path: tuple[Any, ...],
             types: tuple[str, ...] | None = None) -> None:
        if ref not in table:
            raise fail(f"refers to {ref!r}, which is not the id of any {what} in this sheet", path)
        if types and table[ref].get("type") not in types:
            raise fail(f"{ref!r} is a {table[ref]['type']}, expected {' or '.join(types)}", path)

    def refs(item: dict[str, Any], key: str, path: tuple[Any, ...]) -> list[tuple[str, tuple[Any, ...]]]:
        value = item.get(key)
        if isinstance(value, list):
            return [(v, (*path, key, j)) for j, v in enumerate(value)]
        return [(value, (*path, key))] if value is not None else []

    publisher = article.get("publisher")
    if publisher is not None and publisher in entities and entities[publisher]["type"] != "organization":
        raise fail(f"{publisher!r} is a {entities[publisher]['type']}, expected an organization",
                   ("article", "publisher"))

    for i, event in enumerate(data.get("events") or []):
        path = ("events", i)
        for ref, p in refs(event, "places", path):
            need(ref, entities, "entity", p, ("place", "country"))
        for ref, p in refs(event, "actors", path):
            need(ref, entities, "entity", p)
        for key in ("date", "begin", "end"):
            if key in event:
                try:
                    parse_date(event[key])
                except ValueError as exc:
                    raise fail(f"{event[key]!r} is not a real date ({exc})", (*path, key)) from None
        if "date" in event and ("begin" in event or "end" in event):
            raise fail("give either date or begin/end, not both", (*path, "date"))
        if "begin" in event and "end" in event and _date_key(event["end"]) < _date_key(event["begin"]):
            raise fail(f"ends ({event['end']}) before it begins ({event['begin']})", (*path, "end"))
        if "part_of" in event:
            need(event["part_of"], events, "event", (*path, "part_of"))
            if event["part_of"] == event["id"]:
                raise fail("an event cannot be part of itself", (*path, "part_of"))

    for i, count in enumerate(data.get("counts") or []):
        path = ("counts", i)
        need(count["event"], events, "event", (*path, "event"))
        if "reported_by" in count:
            need(count["reported_by"], entities, "entity", (*path, "reported_by"))
        if "min" in count and "max" in count and count["max"] < count["min"]:
            raise fail(f"max ({count['max']}) is below min ({count['min']})", (*path, "max"))
        if "included_in" in count:
            need(count["included_in"], counts, "count", (*path, "included_in"))
            seen: set[str] = set()
            cursor: dict[str, Any] | None = count
            while cursor is not None and "included_in" in cursor:
                if cursor["id"] in seen:
                    raise fail("included_in forms a cycle", (*path, "included_in"))
                seen.add(cursor["id"])
                cursor = counts.get(cursor["included_in"])

    for name, who in (("quotes", "speaker"), ("claims", "author")):
        for i, item in enumerate(data.get(name) or []):
            need(item[who], entities, "entity", (name, i, who))
            for ref, p in refs(item, "about", (name, i)):
                if ref not in entities and ref not in events:
                    raise fail(f"refers to {ref!r}, which is not the id of any entity or event in this sheet", p)

    for name in FACT_LISTS:
        for i, item in enumerate(data.get(name) or []):
            for j, span in enumerate(_as_list(item.get("evidence"))):
                p = (name, i, "evidence") if not isinstance(item.get("evidence"), list) else (name, i, "evidence", j)
                _check_span(span, text, p, fail)


def _date_key(value: str) -> tuple[int, ...]:
    return tuple(int(x) for x in value.split("-"))


def _check_span(span: Any, text: str | None, path: tuple[Any, ...], fail: Any) -> None:
    if isinstance(span, str):
        if text is not None and span not in text:
            raise fail(f"the words {span[:40]!r} do not occur in article.text", path)
        return
    if text is None:
        raise fail("character offsets need article.text to point into", path)
    if span["end"] <= span["start"]:
        raise fail(f"end ({span['end']}) must be after start ({span['start']})", path)
    if span["end"] > len(text):
        raise fail(f"end ({span['end']}) is past the end of article.text ({len(text)} characters)", path)
