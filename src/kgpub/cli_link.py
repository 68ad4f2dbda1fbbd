"""``kgpub link``: add Wikidata links to existing RDF, and the linker options ``build --link wikidata`` shares."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from kgpub.cli import cli, handle_errors
from kgpub.cli_options import LINK_OPTION_NAMES, link_options  # noqa: F401  (re-exported)


def linker_from_options(*, wikidata_api: str | None = None, wikidata_sparql: str | None = None,
                        config_file: str | None = None, contact: str | None = None, cache: str | None = None,
                        cache_max_age: str | None = None, offline: bool = False, require_links: bool = False,
                        link_report: str | None = None) -> Callable[[list[Any]], tuple[list[Any], list[Any]]]:
    """A function ``quads -> (quads_with_links, report_rows)`` configured from the CLI options.

    It checks the configuration now (no contact: exit 2 with how to set it) and writes ``link_report``
    after each run, also when ``--require-links`` makes the run fail.
    """
    from kgpub.errors import LinkingError
    from kgpub.linking import link_quads, make_config, write_link_report

    config = make_config(config_file=config_file, api_url=wikidata_api, sparql_url=wikidata_sparql,
                         contact=contact, cache_path=cache, cache_max_age=cache_max_age,
                         offline=offline or None, require_links=require_links or None)

    def linker(quads: list[Any]) -> tuple[list[Any], list[Any]]:
        try:
            out, rows = link_quads(quads, config=config)
        except LinkingError as exc:
            rows = getattr(exc, "report_rows", None)
            if link_report and rows is not None:
                write_link_report(rows, link_report)
            raise
        if link_report:
            write_link_report(rows, link_report)
        return out, rows

    return linker


ENVIRONMENT = {"contact": "KGPUB_CONTACT", "wikidata_api": "KGPUB_WIKIDATA_API",
               "wikidata_sparql": "KGPUB_WIKIDATA_SPARQL", "config_file": "KGPUB_LINK_CONFIG",
               "cache": "KGPUB_WIKIDATA_CACHE", "link_report": "KGPUB_LINK_REPORT"}


def linker_from_environment(**options: Any) -> Callable[[list[Any]], tuple[list[Any], list[Any]]]:
    """:func:`linker_from_options`, taking options not given from the environment (:data:`ENVIRONMENT`)."""
    import os

    for name, var in ENVIRONMENT.items():
        if options.get(name) is None and os.environ.get(var):
            options[name] = os.environ[var]
    return linker_from_options(**options)


@cli.command("link")
@click.argument("files", nargs=-1, required=True, metavar="RDF...")
@click.option("-o", "--output", required=True, metavar="OUT",
              help="Output file (format from the extension: .ttl .jsonld .nt .nq .trig); '-' for stdout.")
@click.option("-f", "--format", "stdout_format", default="nquads", show_default=True,
              type=click.Choice(["turtle", "json-ld", "nt", "nquads", "trig"], case_sensitive=False),
              help="Format written to stdout ('-o -').")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@link_options
@handle_errors
def link(files: tuple[str, ...], output: str, stdout_format: str, quiet: bool, **options: Any) -> None:
    """Add owl:sameAs links to Wikidata to the entities of existing kgpub RDF.

    People, organisations, places and countries (and events, with support from their article) are looked
    up once per distinct name, checked by type, and linked only when one candidate clearly wins; the rest
    stay unlinked and are listed in --link-report. Answers are cached, so --offline can rebuild.

    \b
    Example:
        export KGPUB_CONTACT=you@example.org
        kgpub link output/events.nq -o output/events-linked.nq --link-report output/links.csv
        kgpub link output/events.nq -o output/events-linked.nq --offline
    """
    from kgpub.linking import summary
    from kgpub.rdfio import RdfFormat, read_quads, write_quads

    linker = linker_from_options(**options)  # refuses to start without a contact, before any work
    fmt = {f.rdflib_name: f for f in RdfFormat}[stdout_format.lower()] if output == "-" else None
    if fmt is None:
        try:
            RdfFormat.from_extension(output)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'-o' / '--output'") from None
    quads = read_quads(files)
    out, rows = linker(quads)
    write_quads(out, output, fmt)
    if not quiet:
        counts = summary(rows)
        linked = counts.pop("linked", 0)
        rest = ", ".join(f"{n} {reason}" for reason, n in counts.items())
        click.echo(f"kgpub link: {linked} of {len(rows)} entities linked" + (f" ({rest})" if rest else ""),
                   err=True)
    sys.stdout.flush()
