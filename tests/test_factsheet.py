"""Fact sheets: the examples load; every kind of bad input gives one clear error with file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES
from helpers import minimal_sheet, write_sheet

from kgpub.errors import InputError
from kgpub.factsheet import load_factsheet, parse_factsheet, schema


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_load(path: Path) -> None:
    sheet = load_factsheet(path)
    assert sheet.key == sheet.article["id"]
    assert sheet.items("events")


def test_schema_is_published_and_valid() -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$id"].endswith("factsheet.schema.json")


def test_key_derived_from_url_is_stable() -> None:
    a = parse_factsheet({"article": {"headline": "Storm", "url": "https://x.example/a"}})
    b = parse_factsheet({"article": {"headline": "Storm again", "url": "https://x.example/a"}})
    assert a.key.startswith("storm-") and a.key.split("-")[-1] == b.key.split("-")[-1]


def error_of(tmp_path: Path, text: str | bytes, name: str = "sheet.yaml") -> InputError:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(InputError) as info:
        load_factsheet(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return info.value


def sheet_text(mutate) -> str:  # type: ignore[no-untyped-def]
    data = minimal_sheet()
    mutate(data)
    return yaml.safe_dump(data, sort_keys=False)


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in str(error_of(tmp_path, "  \n"))


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    err = error_of(tmp_path, "article:\n  headline: [unclosed\n  id: x\n")
    assert err.line is not None and err.line >= 2 and "invalid YAML" in str(err)


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    err = error_of(tmp_path, '{\n "article": {\n  "headline": "x",\n }\n}', name="sheet.json")
    assert err.line == 4 and "invalid JSON" in str(err)


def test_list_where_an_object_belongs(tmp_path: Path) -> None:
    assert "not a list" in str(error_of(tmp_path, "- article: {}\n"))


def test_wrong_type_names_field_and_line(tmp_path: Path) -> None:
    text = sheet_text(lambda d: d["counts"][0].update(value="twelve"))
    err = error_of(tmp_path, text)
    assert err.field == "counts[0].value"
    assert text.splitlines()[err.line - 1].strip().startswith("value:")


def test_negative_count(tmp_path: Path) -> None:
    err = error_of(tmp_path, sheet_text(lambda d: d["counts"][0].update(value=-3)))
    assert err.field == "counts[0].value" and "-3" in str(err)


def test_impossible_date(tmp_path: Path) -> None:
    err = error_of(tmp_path, sheet_text(lambda d: d["events"][0].update(date="2016-02-30")))
    assert err.field == "events[0].date" and "2016-02-30" in str(err)


def test_impossible_published_date(tmp_path: Path) -> None:
    err = error_of(tmp_path, sheet_text(lambda d: d["article"].update(published="2016-02-30")))
    assert err.field == "article.published"


def test_event_naming_a_missing_entity(tmp_path: Path) -> None:
    err = error_of(tmp_path, sheet_text(lambda d: d["events"][0].update(actors=["ghost"])))
    assert err.field == "events[0].actors[0]" and "'ghost'" in str(err)


def test_count_of_a_missing_event(tmp_path: Path) -> None:
    err = error_of(tmp_path, sheet_text(lambda d: d["counts"][0].update(event="nothing")))
    assert err.field == "counts[0].event"


def test_place_must_be_a_place(tmp_path: Path) -> None:
    err = error_of(tmp_path, sheet_text(lambda d: d["events"][0].update(places="pat")))
    assert "expected place or country" in str(err)


def test_not_utf8(tmp_path: Path) -> None:
    err = error_of(tmp_path, b"article:\n  headline: caf\xe9\n")
    assert "not UTF-8" in str(err) and err.line == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_factsheet(tmp_path / "nope.yaml")


def test_duplicate_ids_and_keys(tmp_path: Path) -> None:
    err = error_of(tmp_path, sheet_text(lambda d: d["entities"].append(dict(d["entities"][0]))))
    assert "duplicate id" in str(err) and err.field == "entities[3].id"
    assert "duplicate key" in str(error_of(tmp_path, "article:\n  headline: a\n  headline: b\n"))


def test_unknown_field(tmp_path: Path) -> None:
    err = error_of(tmp_path, sheet_text(lambda d: d["counts"][0].update(numbr=3)))
    assert "unknown field" in str(err) and "numbr" in str(err)


def test_other_count_needs_group(tmp_path: Path) -> None:
    err = error_of(tmp_path, sheet_text(lambda d: d["counts"][0].update(type="other")))
    assert "group" in str(err)


def test_included_in_cycle(tmp_path: Path) -> None:
    def mutate(d):  # type: ignore[no-untyped-def]
        d["counts"].append({"id": "dead2", "event": "quake", "type": "killed", "value": 3, "included_in": "dead"})
        d["counts"][0]["included_in"] = "dead2"

    assert "cycle" in str(error_of(tmp_path, sheet_text(mutate)))


def test_evidence_must_occur_in_text(tmp_path: Path) -> None:
    def mutate(d):  # type: ignore[no-untyped-def]
        d["article"]["text"] = "Twelve died in Testville."
        d["counts"][0]["evidence"] = "thirteen died"

    err = error_of(tmp_path, sheet_text(mutate))
    assert err.field == "counts[0].evidence" and "do not occur" in str(err)


def test_evidence_offsets_inside_text(tmp_path: Path) -> None:
    def mutate(d):  # type: ignore[no-untyped-def]
        d["article"]["text"] = "short"
        d["counts"][0]["evidence"] = {"start": 2, "end": 99}

    assert "past the end" in str(error_of(tmp_path, sheet_text(mutate)))


def test_json_sheet_errors_have_lines(tmp_path: Path) -> None:
    data = minimal_sheet()
    data["counts"][0]["value"] = -1
    err = error_of(tmp_path, json.dumps(data, indent=1), name="s.json")
    assert err.field == "counts[0].value" and err.line is not None


def test_parse_accepts_valid_and_keeps_dates_as_text(tmp_path: Path) -> None:
    sheet = load_factsheet(write_sheet(tmp_path / "ok.yaml", minimal_sheet()))
    assert sheet.article["published"] == "2020-01-02"
