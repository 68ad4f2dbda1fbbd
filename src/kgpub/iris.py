"""Minting stable IRIs for articles, entities, events and the other facts (docs/rdf-mapping.md)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

DEFAULT_BASE = "https://example.org/kgpub/"

ENTITY_FOLDERS = {"person": "person", "organization": "organization", "place": "place", "country": "place"}


def slugify(text: str, *, max_length: int = 80) -> str:
    """Lower-case ASCII slug of ``text``; a hash when nothing ASCII is left (non-Latin names).

    >>> slugify("Salim al-Muslat")
    'salim-al-muslat'
    >>> slugify("Žilina, Slovakia")
    'zilina-slovakia'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    if not slug:
        slug = "u-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return slug


def check_base(base: str) -> str:
    """Return ``base`` if it is an absolute http(s) IRI ending in ``/`` or ``#``, else raise ValueError."""
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", base):
        raise ValueError(f"base IRI must be an absolute http(s) IRI ending in '/' or '#': {base!r}")
    return base


def article_key(article: dict) -> str:
    """The article's key in IRIs: its ``id``, else a readable slug of the headline plus a short hash."""
    if article.get("id"):
        return str(article["id"])
    seed = article.get("url") or f"{article['headline']}|{article.get('published', '')}"
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:8]
    return f"{slugify(article['headline'], max_length=48)}-{digest}"


def article_iri(base: str, key: str) -> str:
    return f"{base}article/{key}"


def graph_iri(base: str, key: str) -> str:
    return f"{base}graph/{key}"


def entity_iri(base: str, entity_type: str, name: str, key: str | None = None) -> str:
    """One IRI per real-world entity across articles: type folder plus slug of ``key`` or ``name``."""
    return f"{base}{ENTITY_FOLDERS[entity_type]}/{slugify(key or name)}"


def fact_iri(base: str, kind: str, article: str, local_id: str) -> str:
    """IRI of an event, count, quote or claim: ``{base}{kind}/{article}/{id}``."""
    return f"{base}{kind}/{article}/{local_id}"


def evidence_iri(base: str, article: str, start: int, end: int) -> str:
    return f"{base}evidence/{article}/{start}-{end}"


def quote_evidence_iri(base: str, article: str, exact: str) -> str:
    """Evidence IRI for a span given only by its words (no article text to count offsets in)."""
    return f"{base}evidence/{article}/q-{hashlib.sha256(exact.encode('utf-8')).hexdigest()[:12]}"


def dataset_iri(base: str) -> str:
    return f"{base}dataset"


def dataset_graph_iri(base: str) -> str:
    return f"{base}graph/dataset"
