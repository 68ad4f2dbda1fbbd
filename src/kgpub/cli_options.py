"""Option groups shared by several commands (no heavy imports, no command definitions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

LINK_OPTION_NAMES = ("wikidata_api", "wikidata_sparql", "config_file", "contact", "cache", "cache_max_age",
                     "offline", "require_links", "link_report")


def link_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The linker's options, as a decorator for ``kgpub link`` and ``kgpub build --link wikidata``.

    The decorated function receives the keyword arguments named in :data:`LINK_OPTION_NAMES`; pass them
    on with ``linker_from_options(**{k: kwargs[k] for k in LINK_OPTION_NAMES})``.
    """
    options = [
        click.option("--wikidata-api", metavar="URL", default=None,
                     help="MediaWiki Action API endpoint.  [default: https://www.wikidata.org/w/api.php]"),
        click.option("--wikidata-sparql", metavar="URL", default=None,
                     help="SPARQL endpoint for subclass checks.  [default: https://query.wikidata.org/sparql]"),
        click.option("--config", "--link-config", "config_file", type=click.Path(dir_okay=False), default=None,
                     help="YAML/JSON file of linker settings (the options here, plus threshold, margin, "
                          "retry and timeout settings; see docs/linking.md)."),
        click.option("--contact", envvar="KGPUB_CONTACT", metavar="URL|EMAIL", default=None,
                     help="How Wikimedia can reach you; sent in the User-Agent. Required unless --offline. "
                          "[env: KGPUB_CONTACT]"),
        click.option("--cache", metavar="PATH", default=None,
                     help="SQLite cache of Wikidata answers.  [default: $XDG_CACHE_HOME/kgpub/wikidata.sqlite, "
                          "else ~/.cache/kgpub/wikidata.sqlite]"),
        click.option("--cache-max-age", metavar="AGE", default=None,
                     help="Refetch cached answers older than this (e.g. 3600, 12h, 30d).  [default: 30d]"),
        click.option("--offline", is_flag=True, default=False,
                     help="Link from the cache alone; names it lacks stay unlinked (reproducible rebuilds)."),
        click.option("--require-links", is_flag=True, default=False,
                     help="Fail (exit 1) when Wikidata could not be asked about some entity, instead of "
                          "leaving it unlinked with a warning."),
        click.option("--link-report", type=click.Path(dir_okay=False), default=None, metavar="FILE.csv",
                     help="Write one CSV row per entity: chosen QID or none, score, runner-up, reason."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn
