"""Settings of the Wikidata linker: endpoints, contact, cache, politeness and decision thresholds."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgpub.errors import LinkingError

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
DEFAULT_MAX_AGE = 30 * 24 * 3600.0

_EMAIL = re.compile(r"[^@\s()]+@[^@\s()]+\.[A-Za-z]{2,}")
_URL = re.compile(r"https?://[^\s()]+\.[^\s()]+")

CONTACT_HELP = (
    "Wikidata linking needs a contact so that Wikimedia can reach whoever runs kgpub: "
    "pass --contact 'https://your.site/kgpub' or --contact 'you@example.org', "
    "set the KGPUB_CONTACT environment variable, or put 'contact: ...' in the --config file "
    "(see docs/linking.md)"
)


class LinkConfigError(LinkingError):
    """The linker is misconfigured (no contact, bad option value): a usage error, exit 2."""

    exit_code = 2


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/kgpub/wikidata.sqlite``, else ``~/.cache/kgpub/wikidata.sqlite``."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base.strip() else Path.home() / ".cache"
    return root / "kgpub" / "wikidata.sqlite"


def parse_duration(value: str | int | float) -> float:
    """Seconds from ``3600``, ``90s``, ``15m``, ``12h``, ``30d`` or ``2w``.

    >>> parse_duration("2d")
    172800.0
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*", str(value).lower())
        if not m:
            raise LinkConfigError(f"cache max age {value!r}: expected a number with s, m, h, d or w, e.g. 30d")
        unit = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[m.group(2)]
        seconds = float(m.group(1)) * unit
    if seconds < 0:
        raise LinkConfigError(f"cache max age {value!r} is negative")
    return seconds


def valid_contact(contact: str | None) -> bool:
    """True when ``contact`` holds an http(s) URL or an e-mail address."""
    return bool(contact) and bool(_EMAIL.search(contact or "") or _URL.search(contact or ""))


@dataclass
class LinkConfig:
    """Everything the linker needs; build it with :func:`make_config` to get the checks and the config file."""

    contact: str | None = None
    api_url: str = WIKIDATA_API
    sparql_url: str = WIKIDATA_SPARQL
    cache_path: Path | None = field(default_factory=default_cache_path)  # None: no persistent cache
    cache_max_age: float = DEFAULT_MAX_AGE
    offline: bool = False
    require_links: bool = False
    # politeness
    maxlag: int = 5
    min_maxlag_wait: float = 5.0  # the Maxlag manual: pause at least 5 s
    default_retry_after: float = 60.0  # WDQS advice when a 429 has no Retry-After
    max_wait: float = 300.0  # a single wait longer than this: give up on the host
    backoff_base: float = 1.0  # 1, 2, 4 ... seconds after 5xx and timeouts
    max_attempts: int = 4  # per request
    retry_budget: int = 20  # retries for the whole run, then everything left stays unlinked
    timeout: float = 30.0  # seconds per HTTP request
    # candidates
    search_limit: int = 20
    max_search_pages: int = 2
    # decision
    threshold: float = 0.6
    margin: float = 0.08

    def user_agent(self, version: str) -> str:
        """``kgpub/<version> (<contact>) python-requests/<version>`` as the User-Agent policy asks."""
        import requests

        return f"kgpub/{version} ({self.contact}) python-requests/{requests.__version__}"


_KEYS = {f.name for f in dataclasses.fields(LinkConfig)}
_ALIASES = {"wikidata_api": "api_url", "wikidata_sparql": "sparql_url", "cache": "cache_path"}


def read_config_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML or JSON mapping of linker settings (keys as the CLI options, ``-`` or ``_``)."""
    import yaml

    from kgpub.errors import InputError

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read linker config: {exc.strerror}", source=str(p)) from exc
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(f"not valid YAML/JSON: {exc}".splitlines()[0], source=str(p),
                         line=None if line is None else line + 1) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("the linker config must be a mapping of option: value", source=str(p))
    if isinstance(data.get("wikidata"), dict):  # allow a `wikidata:` section
        data = data["wikidata"]
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key).replace("-", "_")
        name = _ALIASES.get(name, name)
        if name not in _KEYS:
            raise InputError(f"unknown setting (known: {', '.join(sorted(_KEYS))})", source=str(p),
                             field=str(key))
        out[name] = value
    return out


def make_config(*, config_file: str | Path | None = None, **options: Any) -> LinkConfig:
    """Combine defaults, a config file and explicit options (``None`` means "not given"), then check them.

    Raises :class:`LinkConfigError` when no usable contact is configured and the run may go online.
    """
    values: dict[str, Any] = {}
    if config_file is not None:
        values.update(read_config_file(config_file))
    for key, value in options.items():
        name = _ALIASES.get(key, key)
        if name not in _KEYS:
            raise TypeError(f"unknown linker option {key!r}")
        if value is not None:
            values[name] = value
    if "contact" not in values and os.environ.get("KGPUB_CONTACT"):
        values["contact"] = os.environ["KGPUB_CONTACT"]
    if "cache_max_age" in values:
        values["cache_max_age"] = parse_duration(values["cache_max_age"])
    if "cache_path" in values:  # "" means no persistent cache (answers kept in memory for this run)
        raw = str(values["cache_path"]).strip()
        values["cache_path"] = Path(os.path.expanduser(raw)) if raw else None
    for name in ("threshold", "margin", "min_maxlag_wait", "default_retry_after", "max_wait", "backoff_base",
                 "timeout"):
        if name in values:
            try:
                values[name] = float(values[name])
            except (TypeError, ValueError) as exc:
                raise LinkConfigError(f"{name.replace('_', '-')}: {values[name]!r} is not a number") from exc
    cfg = LinkConfig(**values)
    check_config(cfg)
    return cfg


def check_config(cfg: LinkConfig) -> None:
    """Refuse to go online without a contact; refuse endpoints that are not http(s) URLs."""
    if cfg.contact is not None:
        cfg.contact = cfg.contact.strip()
    if not cfg.offline and not valid_contact(cfg.contact):
        if cfg.contact:
            raise LinkConfigError(f"contact {cfg.contact!r} is neither a URL nor an e-mail address. " + CONTACT_HELP)
        raise LinkConfigError(CONTACT_HELP)
    for name in ("api_url", "sparql_url"):
        url = getattr(cfg, name)
        if not re.match(r"https?://[^/\s]+", url or ""):
            option = {"api_url": "--wikidata-api", "sparql_url": "--wikidata-sparql"}[name]
            raise LinkConfigError(f"{option}: {url!r} is not an http(s) URL")
    if not 0 <= cfg.threshold <= 1 or not 0 <= cfg.margin <= 1:
        raise LinkConfigError("threshold and margin must lie between 0 and 1")
