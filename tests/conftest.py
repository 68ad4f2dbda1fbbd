"""Shared fixtures: paths, the CLI runner, golden files (``pytest --update-golden``), the shared folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "factsheets"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_6bd227958ae20c99.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")
    parser.addoption("--with-network", action="store_true", help="run tests that call the real internet")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--with-network"):
        return
    skip = pytest.mark.skip(reason="calls the real internet; run with --with-network")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def shared() -> Path:
    """The project's shared folder (../shared); tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a fresh clone)")
    return SHARED


def require_all() -> bool:
    """True in CI (KGPUB_REQUIRE_ALL=1): tests must not skip for a missing server or browser."""
    return os.environ.get("KGPUB_REQUIRE_ALL") == "1"


@pytest.fixture(scope="session")
def extract_text():  # type: ignore[no-untyped-def]
    """``extract_text(text, published=...) -> fact-sheet dict``; skips where spaCy or its model is missing."""
    pytest.importorskip("spacy")
    from kgpub.errors import ExtractionError
    from kgpub.extract import extract, load_nlp
    from kgpub.read import Article

    try:
        load_nlp()
    except ExtractionError:
        pytest.skip("no spaCy English model installed")

    def run(text: str, published: str = "2025-03-18") -> dict:  # type: ignore[type-arg]
        return extract(Article(text=text, headline="Test", published=published))

    return run


@pytest.fixture(scope="module")
def ents(extract_text):  # type: ignore[no-untyped-def]
    """``ents(text) -> {name: (type, aliases)}`` for the entities extracted from ``text``."""
    def run(text: str) -> dict[str, tuple[str, list[str]]]:
        sheet = extract_text(text)
        return {e["name"]: (e["type"], e.get("aliases", [])) for e in sheet.get("entities", [])}

    return run


@pytest.fixture(scope="module")
def entities(extract_text):  # type: ignore[no-untyped-def]
    """``entities(text) -> {name: type}`` for the entities extracted from ``text`` under a short headline."""
    def run(text: str) -> dict[str, str]:
        sheet = extract_text("Talks in Arlen\n\n" + text, published="2024-05-01")
        return {e["name"]: e["type"] for e in sheet.get("entities", [])}

    return run


@pytest.fixture(scope="module")
def quotes(extract_text):  # type: ignore[no-untyped-def]
    """``quotes(text) -> [(quote, speaker name)]`` for the quotes extracted from ``text``."""
    def run(text: str) -> list[tuple[str, str | None]]:
        sheet = extract_text("Violence in Arlen\n\n" + text, published="2024-05-01")
        names = {e["id"]: e["name"] for e in sheet.get("entities", [])}
        return [(q["text"], names.get(q.get("speaker"))) for q in sheet.get("quotes", [])]

    return run
