"""Helpers for tests: write fact sheets, run the CLI, compare RDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def write_sheet(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def minimal_sheet(**article: Any) -> dict[str, Any]:
    """A small valid fact sheet: one event, one count, one quote, one claim."""
    return {
        "article": {"id": "t1", "headline": "Test headline", "published": "2020-01-02", **article},
        "entities": [
            {"id": "city", "name": "Testville", "type": "place"},
            {"id": "agency", "name": "Test Agency", "type": "organization"},
            {"id": "pat", "name": "Pat Example", "type": "person"},
        ],
        "events": [{"id": "quake", "kind": "disaster", "label": "Testville quake", "places": "city",
                    "date": "2020-01"}],
        "counts": [{"id": "dead", "event": "quake", "type": "killed", "value": 12, "qualifier": "at least",
                    "reported_by": "agency"}],
        "quotes": [{"id": "q", "text": "It shook hard.", "speaker": "pat"}],
        "claims": [{"id": "c", "author": "agency", "text": "More aid is needed.", "kind": "demand"}],
    }
