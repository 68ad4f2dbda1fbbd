"""The link report: one CSV row per entity with the chosen QID or none, score, runner-up and reason."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .link import ReportRow

COLUMNS = [f.name for f in dataclasses.fields(ReportRow)]


def report_csv(rows: Iterable[ReportRow]) -> str:
    """The report as CSV text (header first, rows in entity order)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow(["" if v is None else v for v in dataclasses.astuple(r)])
    return buf.getvalue()


def write_link_report(rows: Iterable[ReportRow], path: str | Path) -> None:
    """Write the report atomically (``-`` is not allowed: the report goes to a file)."""
    p = Path(path)
    text = report_csv(rows)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summary(rows: Iterable[ReportRow]) -> dict[str, int]:
    """Counts by reason, e.g. ``{"linked": 12, "ambiguous": 2}``."""
    out: dict[str, int] = {}
    for r in rows:
        out[r.reason] = out.get(r.reason, 0) + 1
    return dict(sorted(out.items()))
