"""The ``kgpub`` command: a thin click layer over the library (exit codes: DESIGN.md section 4)."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Any

import click

from . import __version__
from .cli_options import link_options
from .errors import KgpubError, ValidationFailed

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class KgpubClickError(click.ClickException):
    """A library error shown as ``Error: ...`` with the contract's exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn KgpubError into a one-line ``Error:`` message and its exit code (2 bad input, 1 failure)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ValidationFailed as exc:
            report = getattr(exc, "report", None)
            if report is not None:
                click.echo(report.text(limit=50), err=True)
            raise KgpubClickError(str(exc), 1) from None
        except KgpubError as exc:
            raise KgpubClickError(str(exc), exc.exit_code) from None
        except BrokenPipeError:
            sys.exit(1)

    return wrapper


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="kgpub")
@click.option("-v", "--verbose", count=True, help="Log more (-vv for debug).")
def cli(verbose: int) -> None:
    """kgpub: news articles to a validated, linked, queryable knowledge graph of events.

    \b
    Example:
        kgpub build examples/ -o output/events.ttl -o output/events.nq
        kgpub query queries/casualties-by-source.rq output/events.nq
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="kgpub: %(levelname)s: %(message)s",
                        stream=sys.stderr)


@cli.command()
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("-o", "--output", "outputs", multiple=True, required=True, metavar="OUT",
              help="Output file; the format comes from the extension (.ttl .jsonld .nt .nq .trig). "
                   "Repeat for several. '-' writes to stdout in --format. A directory (DIR/) gets a "
                   "sharded corpus build: part-NNNNN.nq.gz, dataset.ttl, validation.txt, errors.txt.")
@click.option("-f", "--format", "stdout_format", default="turtle", show_default=True,
              type=click.Choice(["turtle", "json-ld", "nt", "nquads", "trig"], case_sensitive=False),
              help="Format written to stdout ('-o -').")
@click.option("--from-list", "from_list", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="Read inputs from FILE, one a line (same as @FILE).")
@click.option("--base", default=None, metavar="IRI", help="Base IRI of minted data IRIs.  [default: "
              "https://example.org/kgpub/]")
@click.option("--published", metavar="DATE", help="Publication date (YYYY-MM-DD) for articles without one.")
@click.option("--link", type=click.Choice(["wikidata"]), help="Link entities to Wikidata (see `kgpub link`).")
@click.option("--allow-invalid", is_flag=True, help="Write the output even if it fails validation.")
@click.option("--keep-going", is_flag=True, help="Skip bad inputs (listed at the end, exit 1) instead of stopping.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where directory builds run: worker processes here, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --engine dask (tcp://host:8786).")
@click.option("--shard-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="Articles per shard in directory builds (about; default 1000).")
@click.option("--validator", type=click.Choice(["native", "pyshacl"]), default=None,
              help="SHACL engine: kgpub's native one or the pyshacl reference.")
@click.option("--shapes", type=click.Path(dir_okay=False), help="Validate against these shapes instead.")
@click.option("-q", "--quiet", is_flag=True, help="No progress output and no summary.")
@link_options
@handle_errors
def build(inputs: tuple[str, ...], outputs: tuple[str, ...], base: str | None, published: str | None,
          link: str | None, allow_invalid: bool, keep_going: bool, jobs: int | None, validator: str | None,
          shapes: str | None, quiet: bool, stdout_format: str, from_list: tuple[str, ...], engine: str,
          scheduler: str | None, shard_size: int | None, **link_settings: Any) -> None:
    """Build validated RDF from articles (text, HTML, URL) or fact sheets (YAML, JSON).

    INPUT is a file, a directory (searched recursively), a glob ('corpus/**/*.yaml'), a .jsonl
    corpus, a URL, or @FILE listing inputs one a line.

    \b
    Example:
        kgpub build examples/factsheets/ -o output/events.ttl -o output/events.jsonld
        kgpub build article.txt --published 2016-02-10 -o - -f nquads | less
        kgpub build archive/*.jsonl -o output/corpus/ --jobs 8 --keep-going
        kgpub build @inputs.txt -o out/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    import time

    from .iris import DEFAULT_BASE
    from .pipeline import build as run_build
    from .pipeline import expand_inputs
    from .rdfio import RdfFormat
    from .validate import DEFAULT_VALIDATOR

    if not inputs and not from_list:
        raise click.UsageError("give at least one INPUT (or --from-list FILE)")
    sources: list[str] = list(inputs)
    if from_list:
        sources = expand_inputs(inputs, from_list=from_list)
    linker = None
    if link == "wikidata":
        from .cli_link import linker_from_environment

        linker = linker_from_environment(**link_settings)
    elif any(v for k, v in link_settings.items() if k != "contact"):  # contact may come from the environment
        raise click.UsageError("linker options need --link wikidata")
    bar = _ProgressBar() if not quiet and sys.stderr.isatty() else None
    started = time.perf_counter()
    try:
        result = run_build(sources, outputs, base=base or DEFAULT_BASE, published=published,
                           allow_invalid=allow_invalid, keep_going=keep_going,
                           validator=validator or DEFAULT_VALIDATOR, shapes=shapes, linker=linker,
                           on_progress=bar.update if bar else None, jobs=jobs, engine=engine, scheduler=scheduler,
                           shard_size=shard_size,
                           stdout_format={f.rdflib_name: f for f in RdfFormat}[stdout_format.lower()])
    finally:
        if bar:
            bar.close()
    result.seconds = result.seconds or (time.perf_counter() - started)
    if not result.report.conforms:
        click.echo(result.report.text(limit=50), err=True)
    for error in result.errors[:50]:
        click.echo(f"Error: {error}", err=True)
    if len(result.errors) > 50:
        click.echo(f"... and {len(result.errors) - 50} more error(s) (see the error report)", err=True)
    if not quiet:
        click.echo(f"kgpub build: {result.summary()}", err=True)
    if result.errors or not result.report.conforms:
        sys.exit(1)


class _ProgressBar:
    """A tqdm bar on stderr: articles done, articles per second, time left."""

    def __init__(self) -> None:
        self._bar: Any = None

    def update(self, done: int, total: int) -> None:
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True, leave=False,
                             desc="kgpub build")
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="RDF...")
@click.option("--shapes", type=click.Path(dir_okay=False), help="SHACL shapes file (default: kgpub's).")
@click.option("--validator", type=click.Choice(["native", "pyshacl"]), default=None, help="SHACL engine.")
@handle_errors
def validate(files: tuple[str, ...], shapes: str | None, validator: str | None) -> None:
    """Check RDF files against the kgpub shapes: exit 0 conforms, 1 does not, 2 bad input.

    \b
    Example:
        kgpub validate output/events.nq
        kgpub validate data.ttl --shapes my-shapes.ttl --validator pyshacl
    """
    from .rdfio import read_quads
    from .validate import DEFAULT_VALIDATOR
    from .validate import validate as run_validate

    report = run_validate(read_quads(files), shapes=shapes, validator=validator or DEFAULT_VALIDATOR)
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@cli.command()
@click.argument("sparql")
@click.argument("data", nargs=-1, metavar="[DATA...]")
@click.option("--store", type=click.Path(file_okay=False), help="Query a store made by `kgpub load`.")
@click.option("--endpoint", metavar="URL", help="Query a remote SPARQL 1.1 endpoint.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"], case_sensitive=False),
              default="table", show_default=True, help="How to print the results.")
@handle_errors
def query(sparql: str, data: tuple[str, ...], store: str | None, endpoint: str | None, fmt: str) -> None:
    """Run a SPARQL query (a string or a .rq file) over RDF files, a local store or an endpoint.

    \b
    Example:
        kgpub query queries/casualties-by-source.rq output/events.nq
        kgpub query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' output/events.ttl -f csv
    """
    from .query import format_results, read_sparql
    from .query import query as run_query

    text = read_sparql(sparql)
    sources = sum(bool(x) for x in (data, store, endpoint))
    if sources != 1:
        raise click.UsageError("give exactly one of: DATA files, --store DIR, --endpoint URL")
    if endpoint:
        from .remote import query_endpoint

        click.echo(query_endpoint(text, endpoint, fmt=fmt.lower()))
        return
    if store:
        from .localstore import open_store

        result = run_query(text, store=open_store(store, read_only=True))
    else:
        from .rdfio import read_quads

        result = run_query(text, quads=read_quads(data))
    click.echo(format_results(result, fmt.lower()))


def _register_commands() -> None:
    """Import the command modules of the optional stages (each imports its heavy libraries lazily)."""
    import importlib

    for name in ("cli_extract", "cli_link", "cli_store"):
        try:
            importlib.import_module(f"kgpub.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kgpub.{name}":
                raise


_register_commands()
