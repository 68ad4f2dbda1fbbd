"""Every command has help with an example and is in the README; the README's links exist."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

from kgpub.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRACT_COMMANDS = ["build", "extract", "validate", "query", "link", "load", "publish", "serve", "eval"]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_has_help_with_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"`kgpub {name} --help` shows no example"
    assert f"kgpub {name}" in README, f"README does not mention `kgpub {name}`"


def test_all_contract_commands_exist() -> None:
    assert sorted(set(CONTRACT_COMMANDS) - set(cli.commands)) == []


def test_readme_gives_setup_commands_and_links_exist() -> None:
    assert "make demo" in README and "make test" in README
    for link in re.findall(r"\]\(([^)#]+)\)", README):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), link
