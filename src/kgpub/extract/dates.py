"""Resolving date expressions ("early February, 2016", "on Sunday", "this week") to ISO values.

A resolved date is a dict with ``date`` or ``begin``/``end`` holding ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``: as precise as the text, never more. Relative expressions need the publication date.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_YEAR = r"(?:19|20)\d\d"


def resolve_date(text: str, published: str | None, *, future: bool = False) -> dict[str, str] | None:
    """Resolve one date expression against the publication date (``YYYY-MM-DD`` or ``None``).

    >>> resolve_date("early February, 2016", None)
    {'date': '2016-02'}
    >>> resolve_date("on Sunday", "2016-02-10")
    {'date': '2016-02-07'}
    """
    s = re.sub(r"[\s\u00a0]+", " ", text.lower()).strip(" .,")
    s = re.sub(r"^(?:on|in|since|from|by|during|until|at|the) ", "", s)
    pub = dt.date.fromisoformat(published) if published else None
    words = re.findall(r"[a-z]+|\d+", s)
    # explicit day-month-year, month-day-year
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?,? ({_YEAR})\b", s)
    if m and m.group(2) in MONTHS:
        return _day(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    m = re.search(rf"\b([a-z]+)\.? (\d{{1,2}})(?:st|nd|rd|th)?,? ({_YEAR})\b", s)
    if m and m.group(1) in MONTHS:
        return _day(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    # month (+ year)
    m = re.search(rf"\b([a-z]+)\.?,? ({_YEAR})\b", s)
    if m and m.group(1) in MONTHS:
        return {"date": f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}"}
    # day month / month day without year
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\b", s) or None
    if m and m.group(2) in MONTHS and pub:
        return _day(_year_for(pub, MONTHS[m.group(2)], future), MONTHS[m.group(2)], int(m.group(1)))
    m = re.search(r"\b([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?\b", s)
    if m and m.group(1) in MONTHS and pub and int(m.group(2)) <= 31:
        return _day(_year_for(pub, MONTHS[m.group(1)], future), MONTHS[m.group(1)], int(m.group(2)))
    # year alone
    m = re.fullmatch(rf"(?:(?:early|mid|late|the end of|the start of|the beginning of) )?({_YEAR})s?", s)
    if m and not s.endswith("s"):
        return {"date": m.group(1)}
    if not pub:
        return None
    # a month name alone ("later in February", "early March", "mid-July")
    for w in words:
        if w in MONTHS and w not in ("may", "mar") or (w == "may" and len(words) <= 3) \
                or (w == "mar" and False):
            month = MONTHS[w]
            return {"date": f"{_year_for(pub, month, future):04d}-{month:02d}"}
    for w in words:
        if w in WEEKDAYS:
            return {"date": _weekday(pub, WEEKDAYS[w], future or "next" in words).isoformat()}
    if "today" in words or s in ("this morning", "this afternoon", "this evening", "tonight"):
        return {"date": pub.isoformat()}
    if "yesterday" in words or s == "last night":
        return {"date": (pub - dt.timedelta(days=1)).isoformat()}
    if "tomorrow" in words:
        return {"date": (pub + dt.timedelta(days=1)).isoformat()}
    if "week" in words:
        start = pub - dt.timedelta(days=pub.weekday())
        if "last" in words or "past" in words or "previous" in words:
            start -= dt.timedelta(days=7)
        elif "next" in words:
            start += dt.timedelta(days=7)
        elif "a" in words and "ago" in words:
            return {"date": (pub - dt.timedelta(days=7)).isoformat()}
        elif "this" not in words:
            return None
        return {"begin": start.isoformat(), "end": (start + dt.timedelta(days=6)).isoformat()}
    if "month" in words:
        y, mth = pub.year, pub.month
        if "last" in words or "previous" in words:
            y, mth = (y, mth - 1) if mth > 1 else (y - 1, 12)
        elif "next" in words:
            y, mth = (y, mth + 1) if mth < 12 else (y + 1, 1)
        elif "this" not in words:
            return None
        return {"date": f"{y:04d}-{mth:02d}"}
    if "year" in words and "years" not in words:
        if "last" in words or "previous" in words:
            return {"date": str(pub.year - 1)}
        if "next" in words:
            return {"date": str(pub.year + 1)}
        if "this" in words:
            return {"date": str(pub.year)}
    return None


def _day(y: int, m: int, d: int) -> dict[str, str] | None:
    try:
        return {"date": dt.date(y, m, d).isoformat()}
    except ValueError:
        return None


def _year_for(pub: dt.date, month: int, future: bool) -> int:
    """The year of a month named without one: the publication year, or the one before when the
    month lies well after publication and the text speaks of the past."""
    if not future and month > pub.month + 1:
        return pub.year - 1
    if future and month < pub.month - 1:
        return pub.year + 1
    return pub.year


def _weekday(pub: dt.date, weekday: int, future: bool) -> dt.date:
    delta = (pub.weekday() - weekday) % 7
    if future:
        ahead = (weekday - pub.weekday()) % 7
        return pub + dt.timedelta(days=ahead or 7)
    return pub - dt.timedelta(days=delta)
