"""Extraction: an :class:`~kgpub.read.Article` → a fact-sheet dict (``factsheet.schema.json``).

spaCy (``en_core_web_sm``) gives sentences, entities and the dependency parse; the rules in
:mod:`kgpub.extract.rules` add what a general model does not give: aliases, nationality
adjectives, events by kind, counts with hedges, groups and sources, quotes with speakers, claims,
and dates resolved against the publication date. Every fact keeps its evidence as character
offsets into ``article.text`` (the sheet's ``article.text``).

>>> from kgpub.read import Article
>>> sheet = extract(Article(text="Floods killed at least 12 people in Assam on Monday.",
...                         headline="Floods in Assam", published="2020-07-01"))  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from kgpub.extract.model import INSTALL_HINT, load_nlp

__all__ = ["extract", "extract_many", "load_nlp", "INSTALL_HINT"]

log = logging.getLogger("kgpub")


def extract(article: Any) -> dict[str, Any]:
    """Extract the facts of one article as a fact-sheet dict.

    :param article: a :class:`kgpub.read.Article` (``text``, ``headline``, ``published``, ...).
    """
    return next(extract_many([article], batch_size=1))


def extract_many(articles: Iterable[Any], *, batch_size: int = 32, n_process: int = 1) -> Iterator[dict[str, Any]]:
    """Extract many articles, parsing them in batches with ``nlp.pipe``; yields sheets in order."""
    from kgpub.extract.rules import build_sheet

    nlp = load_nlp()
    pending = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pending, as_tuples=True, batch_size=batch_size, n_process=n_process):
        sheet = build_sheet(doc, article)
        if not any(sheet.get(k) for k in ("events", "counts", "quotes", "claims")):
            log.warning("%s: no facts found", getattr(article, "source", "<article>"))
        yield sheet
