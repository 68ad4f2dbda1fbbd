"""A real headless Chromium opens an entity page of `kgpub serve` and sees its facts and evidence."""
# ruff: noqa: F811 - fixtures imported from stores.py reappear as test arguments

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from stores import ARTIFACTS, DATA, chromium, chromium_args, live_app  # noqa: F401

from kgpub.serve import create_app, open_dataset

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def run_chromium(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=90)


def test_entity_page_in_headless_chromium(chromium: str, tmp_path: Path) -> None:
    store = open_dataset([DATA / "articles.trig"])
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "serve-entity-page.png"
    shot.unlink(missing_ok=True)
    with live_app(create_app(store)) as url:
        page = f"{url}/person/ana-ruiz"  # the IRI itself: the browser follows the 303 to the HTML page
        dom = run_chromium([*chromium_args(chromium, tmp_path / "profile"), "--dump-dom", page])
        assert dom.returncode == 0, dom.stderr[-2000:]
        html = dom.stdout
        shot_run = run_chromium(
            [
                *chromium_args(chromium, tmp_path / "profile2"),
                "--window-size=1000,1400",
                f"--screenshot={shot}",
                page,
            ]
        )
    assert "<h1>Ana Ruiz</h1>" in html
    # the facts: the count she reported, her quote and her claim, each linked to its event
    assert "at least 12 people killed" in html
    assert 'href="/event/valdora-flood/e1"' in html
    assert "The fuel tax is unfair" in html
    # the evidence: the sentence the fact came from, with the span highlighted
    assert "<mark>At least 12 people were killed</mark>, regional governor Ana Ruiz said on Monday." in html
    assert "<mark>Governor Ana Ruiz called the tax unfair</mark>" in html
    assert 'href="http://www.wikidata.org/entity/Q4115189"' in html  # owl:sameAs out to Wikidata
    assert shot_run.returncode == 0, shot_run.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
