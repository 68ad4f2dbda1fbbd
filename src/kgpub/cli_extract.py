"""CLI commands ``kgpub extract`` and ``kgpub eval`` (thin: the work is in kgpub.extract / kgpub.evaluate)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from kgpub.cli import cli, handle_errors


def dump_sheets_yaml(sheets: list[dict[str, Any]]) -> str:
    """Fact sheets as reviewable YAML: keys in schema order, the article text as a literal block."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def _dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.Node:
        flow = set(value) <= {"start", "end"} and len(value) == 2
        return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=flow or None)

    _Dumper.add_representer(str, _str)
    _Dumper.add_representer(dict, _dict)
    return yaml.dump_all(sheets, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                         default_flow_style=False, explicit_start=len(sheets) > 1)


def _write_atomic(text: str, output: str) -> None:
    if output == "-":
        click.echo(text, nl=False)
        return
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@cli.command("extract")
@click.argument("source")
@click.option("-o", "--output", default="-", show_default=True, help="Fact-sheet YAML file, or - for stdout.")
@click.option("--published", help="Publication date (YYYY-MM-DD) when the article does not give one.")
@handle_errors
def extract_command(source: str, output: str, published: str | None) -> None:
    """Extract the facts of an article (text, HTML, URL or .jsonl) as a fact sheet to review.

    A .jsonl corpus or a directory gives one YAML document per article.

    \b
    Example:
        kgpub extract article.txt --published 2016-02-10 -o facts.yaml
        kgpub extract https://example.org/news/story.html -o -
    """
    from kgpub.extract import extract_many
    from kgpub.read import iter_articles

    sheets = list(extract_many(iter_articles(source, published=published)))
    _write_atomic(dump_sheets_yaml(sheets), output)


@cli.command("eval")
@click.option("--gold", "gold", required=True, type=click.Path(file_okay=False),
              help="Directory of gold sheets NAME.gold.yaml.")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--per-article", is_flag=True, help="Also print F1 per article.")
@click.option("--plain-ner", is_flag=True,
              help="Score spaCy's NER alone (the baseline; only the entity figures mean anything).")
@click.option("--show-errors", is_flag=True,
              help="List every difference from the gold: entities, counts, hedges, reporters, quotes, speakers, "
                   "events.")
@handle_errors
def eval_command(gold: str, inputs: tuple[str, ...], per_article: bool, plain_ner: bool, show_errors: bool) -> None:
    """Score extraction against gold fact sheets: precision, recall and F1 per kind of fact.

    \b
    Example:
        kgpub eval --gold examples/devset examples/devset
        kgpub eval --gold examples/heldout2 examples/heldout2 --plain-ner
    """
    from kgpub.evaluate import evaluate

    report = evaluate(gold, inputs, system="plain-ner" if plain_ner else "rules", show_errors=show_errors)
    click.echo(report.text(per_article=per_article))
    sys.stdout.flush()
