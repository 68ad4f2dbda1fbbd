"""Literal helpers for the native SHACL validator: XSD well-formedness and value comparison."""

from __future__ import annotations

import datetime as _dt
import logging
import re
from decimal import Decimal, InvalidOperation
from typing import Any

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
XSD_STRING = XSD + "string"

_INT_RE = re.compile(r"[+-]?[0-9]+\Z")
_DEC_RE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\Z")
_DBL_RE = re.compile(r"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)\Z")
_TZ = r"(Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_DATE_RE = re.compile(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})" + _TZ + r"\Z")
_DATETIME_RE = re.compile(
    r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(?:\.[0-9]+)?)" + _TZ + r"\Z")
_TIME_RE = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2}(?:\.[0-9]+)?)" + _TZ + r"\Z")
_GYEAR_RE = re.compile(r"(-?[0-9]{4,})" + _TZ + r"\Z")
_GYEARMONTH_RE = re.compile(r"(-?[0-9]{4,})-([0-9]{2})" + _TZ + r"\Z")
_GMONTH_RE = re.compile(r"--([0-9]{2})" + _TZ + r"\Z")
_GDAY_RE = re.compile(r"---([0-9]{2})" + _TZ + r"\Z")
_GMONTHDAY_RE = re.compile(r"--([0-9]{2})-([0-9]{2})" + _TZ + r"\Z")
_DURATION_RE = re.compile(
    r"-?P(?=[0-9T])([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?\Z")
_BOOL_RE = re.compile(r"(true|false|1|0)\Z")
_LANG_RE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*\Z")

# Integer subtypes with their inclusive bounds (None = unbounded).
_INT_RANGES: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}
INTEGER_TYPES = frozenset(XSD + n for n in _INT_RANGES)
NUMERIC_TYPES = INTEGER_TYPES | {XSD + "decimal", XSD + "double", XSD + "float"}


def _valid_date(y: str, m: str, d: str) -> bool:
    try:
        year = int(y)
        month, day = int(m), int(d)
        if not 1 <= month <= 12 or day < 1:
            return False
        # Leap-year rule of the proleptic Gregorian calendar, for any year (also <= 0 and > 9999).
        if month == 2:
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            return day <= (29 if leap else 28)
        return day <= (30 if month in (4, 6, 9, 11) else 31)
    except ValueError:
        return False


def _valid_time(h: str, mi: str, s: str) -> bool:
    hour, minute, sec = int(h), int(mi), Decimal(s)
    if hour == 24:
        return minute == 0 and sec == 0
    return hour < 24 and minute < 60 and sec < 60


def _check_date(lex: str) -> bool:
    m = _DATE_RE.match(lex)
    return bool(m) and _valid_date(m.group(1), m.group(2), m.group(3))


def _check_datetime(lex: str) -> bool:
    m = _DATETIME_RE.match(lex)
    return (bool(m) and _valid_date(m.group(1), m.group(2), m.group(3))
            and _valid_time(m.group(4), m.group(5), m.group(6)))


def _check_time(lex: str) -> bool:
    m = _TIME_RE.match(lex)
    return bool(m) and _valid_time(m.group(1), m.group(2), m.group(3))


def _check_gyearmonth(lex: str) -> bool:
    m = _GYEARMONTH_RE.match(lex)
    return bool(m) and 1 <= int(m.group(2)) <= 12


def _check_gmonthday(lex: str) -> bool:
    m = _GMONTHDAY_RE.match(lex)
    return bool(m) and _valid_date("2000", m.group(1), m.group(2))


_CHECKERS: dict[str, Any] = {
    XSD + "decimal": lambda s: bool(_DEC_RE.match(s)),
    XSD + "double": lambda s: bool(_DBL_RE.match(s)),
    XSD + "float": lambda s: bool(_DBL_RE.match(s)),
    XSD + "boolean": lambda s: bool(_BOOL_RE.match(s)),
    XSD + "date": _check_date,
    XSD + "dateTime": _check_datetime,
    XSD + "dateTimeStamp": lambda s: _check_datetime(s) and bool(
        re.search(r"(Z|[+-][0-9]{2}:[0-9]{2})\Z", s)),
    XSD + "time": _check_time,
    XSD + "gYear": lambda s: bool(_GYEAR_RE.match(s)),
    XSD + "gYearMonth": _check_gyearmonth,
    XSD + "gMonth": lambda s: bool(_GMONTH_RE.match(s)) and 1 <= int(s[2:4]) <= 12,
    XSD + "gDay": lambda s: bool(_GDAY_RE.match(s)) and 1 <= int(s[3:5]) <= 31,
    XSD + "gMonthDay": _check_gmonthday,
    XSD + "duration": lambda s: bool(_DURATION_RE.match(s)),
    XSD + "language": lambda s: bool(_LANG_RE.match(s)),
}


def _int_checker(lo: int | None, hi: int | None) -> Any:
    def check(s: str) -> bool:
        if not _INT_RE.match(s):
            return False
        v = int(s)
        return (lo is None or v >= lo) and (hi is None or v <= hi)
    return check


for _name, (_lo, _hi) in _INT_RANGES.items():
    _CHECKERS[XSD + _name] = _int_checker(_lo, _hi)

_WF_CACHE: dict[tuple[str, str], bool] = {}


def is_well_formed(lexical: str, datatype: str) -> bool:
    """Whether ``lexical`` is in the lexical space of ``datatype`` (unknown datatypes: always)."""
    checker = _CHECKERS.get(datatype)
    if checker is None:
        return True
    key = (lexical, datatype)
    ok = _WF_CACHE.get(key)
    if ok is None:
        ok = bool(checker(lexical))
        if len(_WF_CACHE) < 200_000:
            _WF_CACHE[key] = ok
    return ok


def _tz_offset(tz: str | None) -> _dt.timezone | None:
    if not tz:
        return None
    if tz == "Z":
        return _dt.timezone.utc
    sign = -1 if tz[0] == "-" else 1
    return _dt.timezone(sign * _dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6])))


def comparable(lexical: str, datatype: str) -> tuple[str, Any] | None:
    """A (kind, value) pair that orders like XSD's value space; None when not comparable."""
    if not is_well_formed(lexical, datatype):
        return None
    try:
        if datatype in INTEGER_TYPES or datatype == XSD + "decimal":
            return ("num", Decimal(lexical))
        if datatype in (XSD + "double", XSD + "float"):
            v = float(lexical.replace("INF", "inf"))
            if v != v:  # NaN compares with nothing
                return None
            return ("num", v)
        if datatype == XSD_STRING:
            return ("str", lexical)
        if datatype == XSD + "boolean":
            return ("bool", lexical in ("true", "1"))
        if datatype == XSD + "date":
            m = _DATE_RE.match(lexical)
            assert m
            ymd = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return ("date" + ("tz" if m.group(4) else ""), ymd)
        if datatype in (XSD + "dateTime", XSD + "dateTimeStamp"):
            m = _DATETIME_RE.match(lexical)
            assert m
            tz = _tz_offset(m.group(7))
            sec = Decimal(m.group(6))
            year = int(m.group(1))
            if 1 <= year <= 9999 and int(m.group(4)) < 24:
                base = _dt.datetime(year, int(m.group(2)), int(m.group(3)), int(m.group(4)),
                                    int(m.group(5)), int(sec), tzinfo=tz)
                if tz is not None:
                    base = base.astimezone(_dt.timezone.utc).replace(tzinfo=None)
                return ("dateTime" + ("tz" if tz else ""), (base, sec - int(sec)))
            return None
        if datatype == XSD + "time":
            m = _TIME_RE.match(lexical)
            assert m
            hms = (int(m.group(1)), int(m.group(2)), Decimal(m.group(3)))
            return ("time" + ("tz" if m.group(4) else ""), hms)
        if datatype == XSD + "gYear":
            m = _GYEAR_RE.match(lexical)
            assert m
            return ("gYear" + ("tz" if m.group(2) else ""), int(m.group(1)))
        if datatype == XSD + "gYearMonth":
            m = _GYEARMONTH_RE.match(lexical)
            assert m
            return ("gYearMonth" + ("tz" if m.group(3) else ""), (int(m.group(1)), int(m.group(2))))
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return None


def compare(a: tuple[str, Any] | None, b: tuple[str, Any] | None) -> int | None:
    """-1, 0 or 1 when ``a`` and ``b`` are comparable, else None."""
    if a is None or b is None or a[0] != b[0]:
        return None
    x, y = a[1], b[1]
    return (x > y) - (x < y)


def lang_matches(tag: str, lang_range: str) -> bool:
    """SPARQL langMatches (RFC 4647 basic filtering)."""
    if lang_range == "*":
        return tag != ""
    tag, lang_range = tag.lower(), lang_range.lower()
    return tag == lang_range or tag.startswith(lang_range + "-")


# ---------------------------------------------------------------- pyshacl-compatible ordering
# SHACL defines sh:minInclusive & co. and sh:lessThan through SPARQL's operators, under which
# ill-typed or mixed-type values are simply not comparable.  pyshacl, the reference kgpub must
# agree with, orders literals with rdflib's total order instead (different datatypes are ordered by
# datatype IRI, ill-typed values lexically).  Well-formed numbers, strings and plain dates are
# compared natively (both orders agree there); every other pair goes through rdflib exactly as
# pyshacl does it, so the two validators report the same results on broken data too.

_FAST_KINDS = frozenset({"num", "str", "date"})
_RDFLIB_CACHE: dict[tuple[Any, ...], int | None] = {}


def _fast_key(t: Any) -> tuple[str, Any] | None:
    dt = t.datatype.value
    if dt in NUMERIC_TYPES or dt == XSD_STRING or dt == XSD + "date":
        key = comparable(t.value, dt)
        if key is not None and key[0] in _FAST_KINDS:
            return key
    return None


def _to_rdflib(t: Any) -> Any:
    import rdflib

    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    dt = t.datatype.value
    if dt == XSD_STRING:
        return rdflib.Literal(t.value)
    logger = logging.getLogger("rdflib.term")
    was = logger.disabled
    logger.disabled = True  # rdflib logs every ill-typed literal it meets
    try:
        return rdflib.Literal(t.value, datatype=rdflib.URIRef(dt))
    finally:
        logger.disabled = was


def _rdflib_compare_literal(a: Any, b: Any) -> int | None:
    """pyshacl.rdfutil.compare.compare_literal, with errors as None."""
    try:
        if a.eq(b):
            return 0
        if isinstance(a.value, (_dt.datetime, _dt.time)):
            if a.value == b.value:
                return 0
            if a.value > b.value:
                return 1
        elif a > b:
            return 1
        return -1
    except (TypeError, NotImplementedError):
        return None


def range_compare(v: Any, bound: Any) -> int | None:
    """Order of value node ``v`` against the literal ``bound`` as pyshacl's value-range checks see it.

    None means the check fails whatever the operator (not a literal, or not comparable).
    """
    if type(v).__name__ != "Literal":
        return None
    a, b = _fast_key(v), _fast_key(bound)
    if a is not None and b is not None and a[0] == b[0]:
        return compare(a, b)
    key = ("range", v, bound)
    if key in _RDFLIB_CACHE:
        return _RDFLIB_CACHE[key]
    rv, rb = _to_rdflib(v), _to_rdflib(bound)
    if isinstance(rv.value, str) != isinstance(rb.value, str):
        ans = None
    else:
        ans = _rdflib_compare_literal(rv, rb)
    if len(_RDFLIB_CACHE) < 100_000:
        _RDFLIB_CACHE[key] = ans
    return ans


def pair_less(v: Any, o: Any, or_equal: bool) -> bool:
    """Whether ``v`` < ``o`` (or <=) as pyshacl's sh:lessThan / sh:lessThanOrEquals decide it."""
    tv, to = type(v).__name__, type(o).__name__
    if tv == "BlankNode" or to == "BlankNode":
        return False
    if tv == "Literal" and to == "Literal":
        a, b = _fast_key(v), _fast_key(o)
        if a is not None and b is not None and a[0] == b[0]:
            r = compare(a, b)
            return r is not None and (r < 0 or (or_equal and r == 0))
    key = ("pair", v, o, or_equal)
    if key in _RDFLIB_CACHE:
        return bool(_RDFLIB_CACHE[key])
    x: Any = v.value if tv == "NamedNode" else _to_rdflib(v)
    y: Any = o.value if to == "NamedNode" else _to_rdflib(o)
    x_str, y_str = tv == "NamedNode", to == "NamedNode"
    if tv == "Literal" and isinstance(x.value, str):
        x, x_str = x.value, True
    if to == "Literal" and isinstance(y.value, str):
        y, y_str = y.value, True
    if x_str != y_str:
        ans = False
    else:
        try:
            ans = bool(x <= y) if or_equal else bool(x < y)
        except TypeError:
            ans = False
    if len(_RDFLIB_CACHE) < 100_000:
        _RDFLIB_CACHE[key] = int(ans)
    return ans
