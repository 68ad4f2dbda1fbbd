"""Read news articles: text and Markdown files, HTML pages, URLs and ``.jsonl`` corpora.

The result is an :class:`Article`: the article text the extraction works on (and that evidence
offsets point into), plus the metadata a fact sheet's ``article`` block needs. Every problem with
the input is an :class:`~kgpub.errors.InputError` naming the file (and line, for ``.jsonl``).

Text files may start with YAML front matter between ``---`` lines (keys ``headline``,
``published``, ``publisher``, ``url``, ``language``). Without it the headline is the first short
line, and scraper junk ("This content is not available in your region", "Access to the
comments", bylines, share-button text, repeated headlines) is dropped.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgpub.errors import InputError

__all__ = ["Article", "read_article", "iter_articles", "DEFAULT_MAX_BYTES", "USER_AGENT"]

log = logging.getLogger("kgpub")

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Inputs larger than this are refused (override with ``max_bytes=`` or ``KGPUB_MAX_INPUT_BYTES``)."""
DEFAULT_TIMEOUT = 20.0
USER_AGENT = "kgpub/0.1 (+https://w3id.org/kgpub; news-to-linked-data)"
FRONT_MATTER_KEYS = ("headline", "published", "publisher", "url", "language")
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MIN_ARTICLE_CHARS = 40


@dataclass
class Article:
    """One article: its text and what is known about it."""

    text: str
    headline: str
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str = "en"
    source: str = "<input>"
    extra: dict[str, Any] = field(default_factory=dict)

    def metadata(self) -> dict[str, str]:
        """The fact sheet's ``article`` block (without ``text``)."""
        out: dict[str, str] = {"headline": self.headline}
        for key in ("published", "publisher", "url", "language"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


# --------------------------------------------------------------------------- public API


def read_article(source: str | os.PathLike[str], *, published: str | None = None,
                 max_bytes: int | None = None, timeout: float = DEFAULT_TIMEOUT) -> Article:
    """Read one article from a file, an ``http(s)://`` URL or ``-`` (standard input).

    :param published: publication date (YYYY-MM-DD) used when the article does not state its own.
    :param max_bytes: size cap; default 50 MB or ``KGPUB_MAX_INPUT_BYTES``.
    :param timeout: seconds to wait for a URL.
    """
    cap = _cap(max_bytes)
    published = _check_date(published, "<option>", "published") if published else None
    name = os.fspath(source)
    if re.match(r"(?i)https?://", name):
        return _finish(_read_url(name, cap, timeout), published)
    if name == "-":
        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            raise InputError(f"input is larger than the {_mb(cap)} cap", source="<stdin>")
        return _finish(_parse_bytes(data, "<stdin>", kind="auto"), published)
    path = Path(name)
    if path.suffix.lower() == ".jsonl":
        articles = list(iter_articles(path, published=published, max_bytes=cap))
        if len(articles) != 1:
            raise InputError(f"holds {len(articles)} articles; read it with iter_articles()", source=name)
        return articles[0]
    data = _read_file(path, cap)
    suffix = path.suffix.lower()
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "auto"
    return _finish(_parse_bytes(data, name, kind=kind), published)


def iter_articles(source: str | os.PathLike[str], *, published: str | None = None,
                  max_bytes: int | None = None) -> Iterator[Article]:
    """Yield the articles of a ``.jsonl`` corpus (one JSON object a line), a directory, or one file.

    Each ``.jsonl`` line holds ``text`` or ``html`` plus any of the front-matter keys;
    errors name the line.
    """
    cap = _cap(max_bytes)
    name = os.fspath(source)
    path = Path(name)
    if not re.match(r"(?i)https?://", name) and path.is_dir():
        for child in sorted(path.iterdir()):
            suffix = child.suffix.lower()
            if child.name.endswith((".gold.yaml", ".gold.yml")) or child.name.startswith("."):
                continue
            if suffix in TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl"}:
                yield from iter_articles(child, published=published, max_bytes=cap)
        return
    if path.suffix.lower() != ".jsonl":
        yield read_article(source, published=published, max_bytes=cap)
        return
    if not path.is_file():
        raise InputError("no such file", source=name)
    if path.stat().st_size > cap:
        raise InputError(f"file is larger than the {_mb(cap)} cap", source=name)
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as exc:
                raise InputError(f"not a JSON object: {exc}", source=name, line=lineno) from None
            yield _finish(_from_record(obj, name, lineno), published)


# --------------------------------------------------------------------------- sources


def _cap(max_bytes: int | None) -> int:
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get("KGPUB_MAX_INPUT_BYTES")
    return int(env) if env and env.isdigit() else DEFAULT_MAX_BYTES


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _read_file(path: Path, cap: int) -> bytes:
    name = str(path)
    if not path.exists():
        raise InputError("no such file", source=name)
    if path.is_dir():
        raise InputError("is a directory; use iter_articles()", source=name)
    size = path.stat().st_size
    if size > cap:
        raise InputError(f"file is larger than the {_mb(cap)} cap ({size} bytes)", source=name)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=name) from None


def _read_url(url: str, cap: int, timeout: float) -> Article:
    import requests  # lazy: only URLs need it

    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.8"}
    try:
        with requests.get(url, headers=headers, timeout=(min(timeout, 10.0), timeout), stream=True,
                          allow_redirects=True) as resp:
            if resp.status_code >= 400:
                raise InputError(f"HTTP {resp.status_code} {resp.reason or ''}".strip(), source=url)
            ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if ctype and ctype not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise InputError(f"not an HTML page or text (Content-Type: {ctype})", source=url)
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > cap:
                raise InputError(f"page is larger than the {_mb(cap)} cap", source=url)
            chunks, total = [], 0
            for chunk in resp.iter_content(65536):
                total += len(chunk)
                if total > cap:
                    raise InputError(f"page is larger than the {_mb(cap)} cap", source=url)
                chunks.append(chunk)
            final_url = resp.url
    except requests.Timeout:
        raise InputError(f"timed out after {timeout:g} s", source=url) from None
    except requests.TooManyRedirects:
        raise InputError("too many redirects", source=url) from None
    except requests.RequestException as exc:
        raise InputError(f"cannot fetch: {type(exc).__name__}", source=url) from None
    data = b"".join(chunks)
    kind = "text" if ctype == "text/plain" else "html"
    article = _parse_bytes(data, url, kind=kind, url=final_url)
    if not article.url:
        article.url = final_url
    return article


def _from_record(obj: Any, name: str, lineno: int) -> Article:
    if not isinstance(obj, dict):
        raise InputError("not a JSON object", source=name, line=lineno)
    allowed = set(FRONT_MATTER_KEYS) | {"text", "html", "id"}
    for key in obj:
        if key not in allowed:
            raise InputError(f"unknown key (allowed: {', '.join(sorted(allowed))})", source=name,
                             line=lineno, field=key)
    for key, value in obj.items():
        if not isinstance(value, str):
            raise InputError("must be a string", source=name, line=lineno, field=key)
    if "html" in obj:
        art = _parse_html(obj["html"].encode("utf-8"), name, url=obj.get("url"), line=lineno)
    elif "text" in obj:
        art = _parse_text(obj["text"], name, front={}, line=lineno)
    else:
        raise InputError("needs a 'text' or 'html' key", source=name, line=lineno)
    meta = _check_meta({k: obj[k] for k in FRONT_MATTER_KEYS if k in obj}, name, lineno)
    for key, value in meta.items():
        setattr(art, key, value)
    if "id" in obj:
        art.extra["id"] = obj["id"]
    art.extra["line"] = lineno
    art.source = f"{name}:{lineno}"
    return art


# --------------------------------------------------------------------------- bytes → Article

_MAGIC = [
    (b"%PDF", "a PDF file"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip file"), (b"RIFF", "a RIFF (WebP/AVI) file"), (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
]


def _parse_bytes(data: bytes, name: str, *, kind: str, url: str | None = None) -> Article:
    if not data.strip():
        raise InputError("is empty", source=name)
    head = data[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(f"is {what}, not text or HTML", source=name)
    if b"\x00" in data[:4096]:
        raise InputError("is a binary file, not text or HTML", source=name)
    if kind == "auto":
        sniff = data[:2048].lstrip().lower()
        kind = "html" if sniff.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in sniff \
            else "text"
    if kind == "html":
        return _parse_html(data, name, url=url)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"is not UTF-8 text (byte {exc.start})", source=name) from None
    front, body, body_line = _split_front_matter(text, name)
    return _parse_text(body, name, front=front, line=None, first_line=body_line)


def _split_front_matter(text: str, name: str) -> tuple[dict[str, str], str, int]:
    if not re.match(r"---[ \t]*\r?\n", text):
        return {}, text, 1
    m = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[3:], flags=re.M)
    if not m:
        raise InputError("front matter starts with '---' but has no closing '---' line", source=name, line=1)
    raw = text[3:3 + m.start()]
    body = text[3 + m.end():].lstrip("\r\n")
    import yaml  # core dependency

    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise InputError(f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", source=name,
                         line=line) from None
    if not isinstance(data, dict):
        raise InputError("front matter must be a mapping of keys to values", source=name, line=2)
    lines = {}
    for i, ln in enumerate(raw.splitlines(), 1):
        k = ln.split(":", 1)[0].strip()
        lines.setdefault(k, i)
    for key in data:
        if key not in FRONT_MATTER_KEYS:
            raise InputError(f"unknown front-matter key (allowed: {', '.join(FRONT_MATTER_KEYS)})",
                             source=name, line=lines.get(str(key)), field=str(key))
    values: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.date().isoformat() if isinstance(value, _dt.datetime) else value.isoformat()
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError("must be a string", source=name, line=lines.get(key), field=key)
        values[key] = value.strip()
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return _check_meta(values, name, None, lines), body, body_line


def _check_meta(meta: dict[str, str], name: str, line: int | None,
                lines: dict[str, int] | None = None) -> dict[str, str]:
    out = dict(meta)
    where = lines or {}
    if out.get("published"):
        out["published"] = _check_date(out["published"], name, "published", line or where.get("published"))
    if out.get("url") and not re.match(r"https?://\S+$", out["url"]):
        raise InputError("must be an http(s) URL", source=name, line=line or where.get("url"), field="url")
    if out.get("language"):
        lang = out["language"]
        if not re.match(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$", lang):
            raise InputError("must be a language tag such as 'en'", source=name,
                             line=line or where.get("language"), field="language")
        if lang.split("-")[0].lower() != "en":
            raise InputError(f"language '{lang}' is not supported: kgpub extracts English articles only",
                             source=name, line=line or where.get("language"), field="language")
    return out


def _check_date(value: str, name: str, fld: str, line: int | None = None) -> str:
    value = str(value).strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?$", value)
    if m:
        try:
            _dt.date.fromisoformat(m.group(1))
            return m.group(1)
        except ValueError:
            pass
    raise InputError(f"'{value}' is not a date (YYYY-MM-DD)", source=name, line=line, field=fld)


# --------------------------------------------------------------------------- plain text

_JUNK = re.compile(
    r"""^(?:
      .{0,60}\bnot\ available\ in\ your\ (?:region|country)(?:\ in\ this\ language\..{0,60})?
    | .{0,40}\bno\ longer\ accessible\ on\ .{0,100}
    | you\ are\ (?:now\ )?viewing\ the\ .{0,40}\ edition\b.{0,200}
    | switch\ (?:to|edition)\b[^.]{0,200}\|.{0,200}
    | text\ size(?:\ aa)*
    | (?:video\ |text\ |words\ )?by:\s.{1,80}
    | by\ (?-i:[A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){1,3})(?:,\ (?-i:[A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){1,3}))*
      ,?\ and\ (?-i:[A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){1,3})(?:,\ [\w\ ]{1,30})?
    | item\ \d+\ of\ \d+\b.{0,400}
    | (?:the\ )?(?:associated\ press|ap|reuters|afp)\ (?:writers?|reporters?|correspondents?)\ (?-i:[A-Z]).{0,250}
    | (?-i:[A-Z][\w'’-]+(?:\ [A-Z][\w'’-]+){1,2}\ \(with\ [\w\ ,]{2,40}\))
    | (?-i:[A-Z][\w'’-]+(?:\ [A-Z][\w'’-]+){1,2}\ in\ [A-Z][\w.'’-]+(?:\ (?:[A-Z][\w.'’-]+|de|da|del|la|el)){0,3}
      \ and\ [A-Z][\w'’-]+(?:\ [A-Z][\w'’-]+){1,2}\ in\ [A-Z][\w.'’-]+(?:\ (?:[A-Z][\w.'’-]+|de|da|del|la|el)){0,3})
    | access\ to\ the\ comments(?:\ comments)?
    | comments?(?:\ \(\d+\))?
    | (?:share|share\ this(?:\ article|\ story)?|tweet|email|e-mail|print|copy\ link|link\ copied)
    | (?:facebook|twitter|whatsapp|linkedin|reddit|telegram|messenger|x)
    | (?:(?:share|post|send)\ (?:on|via|to)\ (?:facebook|twitter|whatsapp|linkedin|reddit|telegram|x|email)\s*)+
    | (?:related|see\ also|more|watch|listen)\s*:\s.{0,200}
    | (?:advertisement|advert|sponsored(?:\ content)?|promoted\ content)
    | (?:(?:next|previous)\ (?:article|story)|up\ next)
    | (?:read\ more|read\ next|related(?:\ articles|\ stories|\ content)?|more\ on\ this\ story|most\ read)
    | (?:skip\ to\ (?:main\ )?content|jump\ to\ navigation|back\ to\ top|menu|search|home)
    | (?:sign\ up|subscribe|log\ in|sign\ in|newsletter)\b.{0,80}
    | .{0,120}\b(?:cookies?|cookie\ policy|privacy\ settings|consent)\b.{0,120}
    | (?:(?:additional\ )?(?:reporting|editing|writing)\ by\ )[A-Z].{0,150}
    | (?:by\ |written\ by\ )[A-Z][\w.'’\-]*(?:\ [\w.'’\-]+){0,4}(?:,\ .{0,40})?
    | [Bb]y\ (?-i:[A-Z][A-Z.'’\-]+(?:\ [A-Z][\w.'’\-]*){1,3}
      (?:\ (?:and|&)\ [A-Z][\w.'’\-]*(?:\ [\w.'’\-]+){1,3})?(?:,?\ (?:Associated\ Press|AP|Reuters|AFP))?)
    | \w+(?:\ \w+)?\ reported\ from\ [A-Z][\w\ ,.-]{0,60}?(?:\.\ follow\ .{0,160})?
    | follow\ .{0,60}\bcoverage\b.{0,160}
    | (?:news|world|politics|business|sport|home)\s*\|.{0,80}
    | [a-z]{1,4}/[a-z]{1,4}(?:\ \(.{0,60}\))?
    | \((?:[A-Z0-9][\w\ ]{0,20}\ with\ )?(?:AFP|AP|Reuters|REUTERS|dpa|EFE|Reuters,\ AFP)[\w,\ ]{0,40}\)
    | (?:updated|published|last\ updated)\s*:?.{0,60}\d.{0,40}
    | (?:image|photo|video|picture)\s*(?:caption|credit|copyright)?\s*[:©].{0,150}
    | (?:image|photo|picture)\ (?:credit|copyright)\ .{1,60}
    | ©.{0,120}
    | (?:copyright|all\ rights\ reserved).{0,200}
    | \d+\s*(?:min(?:ute)?s?)\s*read(?:ing\ time)?
    | copy(?:/paste\ the\ article\ video\ embed\ link\ below:?)?
    | our\ standards:.{0,80}
    | .{0,160}\bcontributed(?:\ (?:to\ )?(?:this\ )?(?:report|reporting|story))?(?:\ from\ [A-Z][\w\ .,;-]{0,160})?
    | .{0,80}\band\ (?:news\ )?agencies
    | (?:image|media)\ (?:source|caption),.{0,200}
    | (?:related\ topics|save\ articles?\ to\ read\ later|skip\ next\ section.{0,80}|send|list\ of\ \d+\ items?)
    | (?:issued\ on|modified|published\ on)\s*:?.{0,60}
    | (?=.{0,90}$)(?=.*\d).{0,60}\b(?:utc|gmt|bst|edt|est|cet|cest|hkt|ist|aest)\b.{0,40}
    | \d{1,2}:\d{2}\s*-\s*source:.{0,40}
    | .{0,300}\b(?:photograph|photo|picture|image|video):\s*[\w .,'’&-]{1,60}(?:/[\w .,'’&-]{1,60})*
    | (?:enlarge\ this\ image|toggle\ caption|hide\ caption|explore\ more\ on\ these\ topics|
       watch\ video|play\ video|listen\ to\ this\ article)
    | (?-i:[A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){0,4}(?:(?:/|\ via\ )[A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){0,4})+)
    | (?:facebook|twitter|whatsapp|linkedin|email|x|telegram|flipboard|pinterest|reddit)
      (?:\s+(?:facebook|twitter|whatsapp|linkedin|email|x|telegram|flipboard|pinterest|reddit))+
    | (?:copy\ link(?:\ (?:link\ )?copied!?)?|link\ copied!?|save|advertising|reuse\ this\ content|topics|most\ viewed
       |related\ coverage|sponsor\ message|transcript|ad\ feedback|flipboard|follow|playlist|download|embed
       |published|close\ panel
       |share2|click\ here\ to\ share\ on\ social\ media|media\ playback\ is\ unsupported\ on\ your\ device
       |advertisement\ ·\ scroll\ to\ continue|print\ print\ this\ page|getty\ images|_{2,}|-{3,})
    | (?:share\ this\ with|share\ on)\ \w+
    | (?:related\ subjects|keywords|permalink)\b.{0,200}
    | more\ about(?-i:[A-Z]).{0,200}
    | (?:send\ |share\ )?(?:(?:facebook|twitter|whatsapp|tumblr|linkedin|email|telegram|flipboard|pinterest|reddit
       |print)\s*){2,}
    | https?://\S{1,200}
    | date\ \d{1,2}\.\d{1,2}\.\d{4}
    | author\ [\w\ .'’-]{1,50}(?:\ \([\w\ ,]{1,60}\))?
    | (?:edited|reviewed|produced|compiled|translated)\ by:?\ .{1,80}
    | heard\ on\ (?-i:[A-Z]).{1,60}
    | source:\ (?-i:[A-Z])[\w\ ,.&]{1,50}
    | listen\ ·\ \d+:\d{2}|\d+-minute\ listen|\d+\ mins?
    | feedback:.{0,60}
    | (?=.{0,80}$).{0,40}\d.{0,30}\bupdated\ .{0,20}\bago
    | this\ article\ is\ more\ than\ \d+\ \w+\ old
    | (?:staff\ and\ agencies|agencies)(?:\ in\ [A-Z][\w\ ]{1,30})?
    | (?:the\ )?(?:associated\ press|reuters|afp|ap|cnn|npr|dw|bbc\ news)(?:,\ (?-i:[A-Z])[\w\ ]{1,30})?
    | (?-i:[A-Z][\w'’-]+\ [A-Z][\w'’-]+\ and\ [A-Z][\w'’-]+\ [A-Z][\w'’-]+)
    | (?=.{0,60}$).{0,40}\d{1,2}:\d{2}\s*(?:am|pm)\ (?:et|pt|ct)
    | (?=.{0,80}$).{0,40}\d{1,2}:\d{2}\s*(?:am|pm)?\s*(?:utc|gmt)\s*updated.{0,20}
    )[.!]?\s*$""",
    re.I | re.X,
)
# a reporter's byline with the place filed from ("Justin McCurry in Tokyo"): junk, but never taken for
# the first line, which may be a headline of that shape
_PLACE_BYLINE = re.compile(
    r"(?!(?:Pope|President|King|Queen|Prince|Princess|Prime|Chancellor|Minister|General|Sheikh)\b)"
    r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2} in [A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|de|da|del|la|el)){0,2}\s*$")
_END_PUNCT = ".!?:;\"”’)…"


def _is_junk(line: str, *, first: bool = False) -> bool:
    s = re.sub(r"\s+", " ", line).strip()
    if not s:
        return False
    if not first and _PLACE_BYLINE.match(s):
        return True
    if _JUNK.match(s) or s.startswith("(") and s.endswith(")") and _JUNK.match(s[1:-1].strip()):
        return True  # "(Reporting by ...; Editing by ...)"
    return False


_NAME = r"(?:[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|da|van|von|al|el|bin)){1,4})"
# a line that is only a writer's name, or a list of names ("Rob Mudge"; "Ana Ruiz, Tom Beck with AFP, dpa")
_NAME_LINE = re.compile(rf"{_NAME}(?:(?:,| and) {_NAME})*(?: with (?:[A-Z][\w]*)(?:,? (?:and )?[A-Za-z]+){{0,4}})?\s*$")


def _drop_header_bylines(lines: list[str], top: int) -> list[str]:
    """Drop writers' names standing alone on the lines between the headline and the first paragraph of
    text (NPR, DW and Reuters put them there without "By")."""
    out = list(lines)
    for i, ln in enumerate(lines):
        s = ln.strip()
        if i > top and len(s.split()) >= 20:
            break  # the first paragraph of text (not the headline, nor a photo caption): the header ends
        if i > top and s and _NAME_LINE.match(s):
            out[i] = ""
    return out


def _drop_tag_lines(lines: list[str]) -> list[str]:
    """Drop the run of short unpunctuated lines that ends a scraped page: topic tags, related links."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or len(lines[end - 1].strip()) <= 70
                   and not lines[end - 1].strip().endswith(tuple(_END_PUNCT))):
        end -= 1
    return lines[:end] if end else lines


def _parse_text(text: str, name: str, *, front: dict[str, str], line: int | None,
                first_line: int = 1) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if front:
        raw = _drop_header_bylines(text.split("\n"), next((i for i, ln in enumerate(text.split("\n"))
                                                             if ln.strip()), 0))
        body = _normalise_paragraphs(_drop_tag_lines([ln for ln in raw if not _is_junk(ln)]))
        headline = front.get("headline")
        if not headline:
            headline, body = _take_headline(body)
        else:
            body = _drop_repeats(body, headline)
    else:
        raw = text.split("\n")
        top = next((i for i, ln in enumerate(raw) if ln.strip()), 0)
        raw = _drop_header_bylines(raw, top)
        lines = [ln for i, ln in enumerate(raw) if not _is_junk(ln, first=i == top)]
        body = _normalise_paragraphs(_drop_tag_lines(lines))
        headline, body = _take_headline(body)
    body_text = "\n\n".join(body).strip()
    if not body_text or len(body_text) < _MIN_ARTICLE_CHARS and not headline:
        raise InputError("holds no article text", source=name, line=line)
    if not headline:
        headline = _first_sentence(body_text)
    _check_english(body_text, name, line)
    art = Article(text=body_text, headline=headline, source=name)
    for key, value in front.items():
        if key != "headline":
            setattr(art, key, value)
    return art


def _normalise_paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs from lines: blank lines separate; a hard line break inside a sentence is joined."""
    paras: list[str] = []
    cur: list[str] = []
    for raw in lines:
        ln = re.sub(r"[ \t\u00a0]+", " ", raw).strip()
        if not ln:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        if cur and (cur[-1][-1] in _END_PUNCT or not ln[0].islower()):
            paras.append(" ".join(cur))
            cur = []
        cur.append(ln)
    if cur:
        paras.append(" ".join(cur))
    # drop lines repeated verbatim (scrapers repeat headlines and bylines)
    seen: set[str] = set()
    out = []
    for p in paras:
        key = p.lower()
        if key in seen and len(p) < 300:
            continue
        seen.add(key)
        out.append(p)
    return out


def _looks_like_headline(p: str) -> bool:
    words = p.split()
    return 2 <= len(words) <= 30 and len(p) <= 220 and not p.endswith((".", ":", ";", ","))


def _take_headline(paras: list[str]) -> tuple[str, list[str]]:
    if paras and paras[0].startswith("#"):
        return paras[0].lstrip("#").strip(), _drop_repeats(paras[1:], paras[0].lstrip("#").strip())
    if paras and _looks_like_headline(paras[0]) and len(paras) > 1:
        return paras[0], _drop_repeats(paras[1:], paras[0])
    return "", paras


def _drop_repeats(paras: list[str], headline: str) -> list[str]:
    h = headline.lower().strip()
    return [p for p in paras if p.lower().strip().lstrip("#").strip() != h]


def _first_sentence(text: str) -> str:
    m = re.match(r"(.{10,200}?[.!?])(?:\s|$)", text, flags=re.S)
    s = (m.group(1) if m else text[:200]).strip()
    return re.sub(r"\s+", " ", s)


# English detection: the share of very common English function words. English news prose runs at
# 35-50 %; other languages written in Latin script stay under 10 %.
_EN_STOP = frozenset(
    "the of and to in a is that for on with as was by at from it be are has have had his her their "
    "they he she we said says not but were will been an this which who or its also after than more "
    "would about into over".split()
)


def _check_english(text: str, name: str, line: int | None) -> None:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 12:
        return
    share = sum(w in _EN_STOP for w in words) / len(words)
    if share < 0.12:
        raise InputError(
            f"does not look like English text ({share:.0%} common English words); "
            "kgpub extracts English articles only", source=name, line=line)


# --------------------------------------------------------------------------- HTML


def _parse_html(data: bytes, name: str, *, url: str | None = None, line: int | None = None) -> Article:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - depends on the install
        raise InputError("reading HTML needs trafilatura: pip install 'kgpub[nlp]'", source=name) from None
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError:
        html = data.decode("latin-1")
    if "<" not in html:
        raise InputError("is not an HTML page", source=name, line=line)
    meta = _html_metadata(html)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        raise InputError(f"cannot parse HTML: {exc}", source=name, line=line) from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    paras = _normalise_paragraphs([ln for ln in text.split("\n") if not _is_junk(ln)])
    headline = meta.get("headline") or (getattr(doc, "title", None) if doc is not None else None) or ""
    if headline:
        paras = _drop_repeats(paras, headline)
    body = "\n\n".join(paras).strip()
    if len(body) < _MIN_ARTICLE_CHARS or len(body.split()) < 8:
        raise InputError("HTML page holds no article text", source=name, line=line)
    if not headline:
        headline = _first_sentence(body)
    _check_english(body, name, line)
    published = meta.get("published") or (getattr(doc, "date", None) if doc is not None else None)
    art = Article(text=body, headline=re.sub(r"\s+", " ", headline).strip(), source=name)
    if published:
        m = re.match(r"\d{4}-\d{2}-\d{2}", published)
        art.published = m.group(0) if m else None
    art.publisher = meta.get("publisher") or (getattr(doc, "sitename", None) if doc is not None else None)
    page_url = meta.get("url") or (getattr(doc, "url", None) if doc is not None else None) or url
    art.url = page_url if page_url and re.match(r"https?://\S+$", page_url) else None
    lang = meta.get("language")
    if lang and lang.split("-")[0].lower() != "en":
        raise InputError(f"page language '{lang}' is not supported: kgpub extracts English articles only",
                         source=name, line=line)
    return art


_META_RE = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR_RE = re.compile(r"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_JSONLD_RE = re.compile(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)


def _html_metadata(html: str) -> dict[str, str]:
    """Headline, date, publisher, URL and language from JSON-LD NewsArticle, OpenGraph and <meta>."""
    import html as htmllib

    found: dict[str, str] = {}
    metas: dict[str, str] = {}
    for tag in _META_RE.findall(html[:500000]):
        attrs = {m.group(1).lower(): htmllib.unescape(m.group(2) or m.group(3) or m.group(4) or "")
                 for m in _ATTR_RE.finditer(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and "content" in attrs:
            metas.setdefault(key, attrs["content"].strip())
    for block in _JSONLD_RE.findall(html):
        try:
            data = json.loads(block.strip())
        except ValueError:
            continue
        for item in _jsonld_items(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if not any(isinstance(t, str) and t.endswith(("NewsArticle", "Article", "Report", "BlogPosting"))
                       for t in types):
                continue
            if isinstance(item.get("headline"), str):
                found.setdefault("headline", item["headline"])
            if isinstance(item.get("datePublished"), str):
                found.setdefault("published", item["datePublished"])
            pub = item.get("publisher")
            if isinstance(pub, list) and pub:
                pub = pub[0]
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                found.setdefault("publisher", pub["name"])
            elif isinstance(pub, str):
                found.setdefault("publisher", pub)
            for k in ("url", "mainEntityOfPage"):
                v = item.get(k)
                if isinstance(v, dict):
                    v = v.get("@id")
                if isinstance(v, str) and v.startswith("http"):
                    found.setdefault("url", v)
            if isinstance(item.get("inLanguage"), str):
                found.setdefault("language", item["inLanguage"])
    pairs = [("headline", "og:title"), ("headline", "twitter:title"), ("headline", "title"),
             ("published", "article:published_time"), ("published", "datepublished"),
             ("published", "date"), ("published", "pubdate"), ("publisher", "og:site_name"),
             ("publisher", "application-name"), ("url", "og:url"), ("language", "og:locale")]
    for key, meta_name in pairs:
        if key not in found and metas.get(meta_name):
            found[key] = metas[meta_name]
    if "url" not in found:
        m = re.search(r"<link\b[^>]*rel=[\"']canonical[\"'][^>]*>", html, re.I)
        if m:
            h = re.search(r"href=[\"']([^\"']+)", m.group(0))
            if h and h.group(1).startswith("http"):
                found["url"] = h.group(1)
    if "language" not in found:
        m = re.search(r"<html\b[^>]*\blang=[\"']?([A-Za-z-]+)", html[:5000], re.I)
        if m:
            found["language"] = m.group(1)
    if found.get("language"):
        found["language"] = found["language"].replace("_", "-")
    return {k: v.strip() for k, v in found.items() if v and v.strip()}


def _jsonld_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for x in data:
            yield from _jsonld_items(x)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _jsonld_items(data["@graph"])


def _finish(article: Article, published: str | None) -> Article:
    if published and not article.published:
        article.published = published
    article.headline = article.headline.strip() or _first_sentence(article.text)
    return article
