"""``kgpub publish``, ``kgpub load`` and ``kgpub serve``: thin commands over store, localstore and serve."""

from __future__ import annotations

import click

from kgpub.cli import cli, handle_errors
from kgpub.errors import InputError, StoreError


def _connection_options(fn):  # type: ignore[no-untyped-def]
    fn = click.option(
        "--retries",
        type=click.IntRange(0, 20),
        default=3,
        show_default=True,
        help="Retries on connection errors, timeouts and HTTP 5xx (exponential backoff).",
    )(fn)
    fn = click.option(
        "--timeout",
        type=click.FloatRange(0.1),
        default=30.0,
        show_default=True,
        help="Seconds to wait for the store to connect and to answer each request.",
    )(fn)
    fn = click.option(
        "--ca-bundle",
        type=click.Path(exists=True, dir_okay=False),
        help="Verify TLS with this CA bundle instead of the system's.",
    )(fn)
    fn = click.option("--insecure", is_flag=True, help="Do not verify the TLS certificate (not advised).")(fn)
    return fn


@cli.command()
@click.argument("data", nargs=-1, required=True, metavar="DATA...")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store endpoint (Oxigraph /store, Virtuoso /sparql-graph-crud[-auth], Fuseki "
    "/DATASET/data); with --protocol update the SPARQL Update endpoint.",
)
@click.option(
    "--protocol",
    type=click.Choice(["gsp", "update"], case_sensitive=False),
    default="gsp",
    show_default=True,
    help="gsp: PUT each named graph; update: DROP SILENT GRAPH + INSERT DATA.",
)
@click.option(
    "--journal",
    type=click.Path(dir_okay=False),
    default=".kgpub-publish-journal.jsonl",
    show_default=True,
    help="Where to record published graphs so that a rerun resumes.",
)
@click.option("--no-journal", is_flag=True, help="Keep no journal (a rerun sends every graph again).")
@click.option("--force", is_flag=True, help="Ignore the journal and send every graph.")
@click.option(
    "--chunk-size",
    type=click.IntRange(1),
    default=2000,
    show_default=True,
    help="Triples per INSERT DATA request (--protocol update).",
)
@click.option("--dry-run", is_flag=True, help="Read and validate, list the graphs, send nothing.")
@_connection_options
@handle_errors
def publish(
    data: tuple[str, ...],
    endpoint: str,
    protocol: str,
    journal: str,
    no_journal: bool,
    force: bool,
    chunk_size: int,
    dry_run: bool,
    insecure: bool,
    ca_bundle: str | None,
    timeout: float,
    retries: int,
) -> None:
    """Publish RDF into a triple store, replacing each article's named graph as a whole.

    The data is parsed and SHACL-checked first; nothing invalid is sent. Credentials come from
    KGPUB_STORE_USER + KGPUB_STORE_PASSWORD (KGPUB_STORE_AUTH=auto|basic|digest), KGPUB_STORE_TOKEN
    (bearer) or a netrc file, never from the command line. Exit 1 when a graph failed; rerun the
    same command to publish the rest.

    \b
    Example:
        kgpub publish output/events.trig --endpoint http://127.0.0.1:7878/store
        KGPUB_STORE_USER=dba KGPUB_STORE_PASSWORD=... \\
          kgpub publish output/events.nq --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth
    """
    from kgpub.store import publish as run_publish

    if insecure and ca_bundle:
        raise InputError("give either --insecure or --ca-bundle, not both")
    verify: bool | str = False if insecure else (ca_bundle or True)
    summary = run_publish(
        list(data),
        endpoint,
        protocol=protocol.lower(),
        journal=None if no_journal else journal,
        force=force,
        verify=verify,
        timeout=timeout,
        retries=retries,
        chunk_size=chunk_size,
        dry_run=dry_run,
    )
    if dry_run:
        for graph in summary.not_attempted:
            click.echo(graph)
        click.echo(f"dry run: {len(summary.not_attempted)} graphs would be published", err=True)
        return
    if not summary.ok:
        raise StoreError(summary.text())
    click.echo(summary.text(), err=True)


@cli.command()
@click.argument("data", nargs=-1, required=True, metavar="DATA...")
@click.option(
    "--store",
    "store_dir",
    required=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="The store folder (created if missing).",
)
@handle_errors
def load(data: tuple[str, ...], store_dir: str) -> None:
    """Load RDF into a persistent embedded store, replacing each named graph given.

    \b
    Example:
        kgpub load output/events.nq --store kg.db
        kgpub query queries/casualties-by-source.rq --store kg.db
    """
    from kgpub.localstore import load as run_load

    click.echo(run_load(list(data), store_dir).text(), err=True)


@cli.command()
@click.argument("data", nargs=-1, metavar="[DATA...]")
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Serve a store made by `kgpub load` instead of files.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (loopback by default; 0.0.0.0 exposes it to the network).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option(
    "--base",
    default=None,
    metavar="IRI",
    help="Base IRI of the data; IRIs under it are served at the server root.  "
    "[default: https://example.org/kgpub/]",
)
@click.option(
    "--query-timeout",
    type=click.FloatRange(0.1),
    default=10.0,
    show_default=True,
    help="Seconds a /sparql query may run.",
)
@click.option(
    "--max-results",
    type=click.IntRange(1),
    default=10000,
    show_default=True,
    help="Rows (or triples) a /sparql answer may hold; longer answers are cut.",
)
@handle_errors
def serve(
    data: tuple[str, ...],
    store_dir: str | None,
    host: str,
    port: int,
    base: str | None,
    query_timeout: float,
    max_results: int,
) -> None:
    """Serve the graph as linked data: HTML pages, RDF by content negotiation, /sparql.

    \b
    Example:
        kgpub serve output/events.nq
        kgpub serve --store kg.db --port 8000
        curl -L -H 'Accept: text/turtle' http://127.0.0.1:8080/place/aleppo
    """
    from kgpub.serve import open_dataset, run

    if bool(data) == bool(store_dir):
        raise click.UsageError("give either DATA files or --store DIR")
    store = open_dataset(list(data), store_dir)
    run(
        store,
        host=host,
        port=port,
        base=base,
        query_timeout=query_timeout,
        max_results=max_results,
        store_dir=store_dir,
    )
