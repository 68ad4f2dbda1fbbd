"""Exceptions raised by the kgpub library (the CLI turns them into exit codes)."""

from __future__ import annotations


class KgpubError(Exception):
    """Base class of every kgpub error. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class InputError(KgpubError):
    """Bad input: a file that cannot be read or parsed, or that breaks the fact-sheet schema.

    The message names the file, the line where known, and the field.
    """

    exit_code = 2

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.source, self.line, self.field, self.detail = source, line, field, message
        where = source or "<input>"
        if line is not None:
            where += f":{line}"
        text = f"{where}: {field}: {message}" if field else f"{where}: {message}"
        super().__init__(text)


class ValidationFailed(KgpubError):
    """The data does not conform to the shapes; ``report`` holds the details."""

    exit_code = 1

    def __init__(self, message: str, report: object = None) -> None:
        super().__init__(message)
        self.report = report


class ShapeLoadError(KgpubError):
    """The shapes graph could not be loaded."""


class QueryError(KgpubError):
    """A SPARQL query is malformed or failed."""


class LinkingError(KgpubError):
    """Wikidata linking failed (only raised when links are required)."""


class StoreError(KgpubError):
    """Publishing to or loading into a triple store failed."""


class ExtractionError(KgpubError):
    """Text extraction could not run (for example, no spaCy model is installed)."""

    exit_code = 2
