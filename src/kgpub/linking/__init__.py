"""Optional Wikidata entity linking (``kgpub link``, ``kgpub build --link wikidata``).

>>> from kgpub.linking import LinkConfig, link_quads  # doctest: +SKIP
"""

from .client import ServiceUnavailable, WikidataClient
from .config import LinkConfig, LinkConfigError, default_cache_path, make_config
from .link import FAILURE_REASONS, ReportRow, link_quads
from .report import report_csv, summary, write_link_report

__all__ = [
    "FAILURE_REASONS",
    "LinkConfig",
    "LinkConfigError",
    "ReportRow",
    "ServiceUnavailable",
    "WikidataClient",
    "default_cache_path",
    "link_quads",
    "make_config",
    "report_csv",
    "summary",
    "write_link_report",
]
