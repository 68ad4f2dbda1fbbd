"""kgpub: news articles to a validated, linked, queryable knowledge graph of events.

The library API; the ``kgpub`` command is a thin layer over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import InputError, KgpubError, ValidationFailed  # noqa: E402
from .factsheet import FactSheet, load_factsheet, parse_factsheet  # noqa: E402
from .mapping import map_factsheet  # noqa: E402
from .pipeline import BuildResult, build, describe_dataset  # noqa: E402
from .query import format_results, query  # noqa: E402
from .rdfio import RdfFormat, read_quads, write_quads  # noqa: E402
from .validate import ValidationReport, validate  # noqa: E402


def extract(article: object) -> dict:  # type: ignore[type-arg]
    """Extract a fact sheet (a dict) from an article; needs ``pip install 'kgpub[nlp]'``."""
    from .extract import extract as _extract

    return _extract(article)


__all__ = [
    "BuildResult", "FactSheet", "InputError", "KgpubError", "RdfFormat", "ValidationFailed", "ValidationReport",
    "__version__", "build", "describe_dataset", "extract", "format_results", "load_factsheet", "map_factsheet",
    "parse_factsheet", "query", "read_quads", "validate", "write_quads",
]
