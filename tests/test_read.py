"""Reading articles: text with and without front matter, HTML, URLs (local server), .jsonl, bad input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kgpub.errors import InputError
from kgpub.read import USER_AGENT, iter_articles, read_article

DATA = Path(__file__).parent / "data" / "read"
BODY = ("Police said at least 30 people were arrested after the march through the capital on Sunday. "
        "The organisers said the protest would continue until the government listened to their demands.")


def test_front_matter_gives_metadata():
    art = read_article(DATA / "front_matter.md")
    assert art.headline == "Ferry capsizes on Lake Victoria"
    assert (art.published, art.publisher, art.url, art.language) == (
        "2018-09-21", "Lakeside Times", "https://example.org/lake/ferry", "en")
    assert art.text.startswith("A ferry carrying more than 200 passengers capsized near Ukara island on Thursday, and")
    assert "\n" not in art.text  # a hard line break inside a sentence is joined


def test_published_option_is_a_fallback():
    assert read_article(DATA / "front_matter.md", published="2000-01-01").published == "2018-09-21"
    assert read_article(DATA / "scraped.txt", published="2020-02-02").published == "2020-02-02"


def test_scraper_junk_is_skipped_and_headline_found():
    art = read_article(DATA / "scraped.txt")
    assert art.headline == "Storm floods coastal villages in the north"
    assert art.text.startswith("A storm pushed sea water")
    for junk in ("not available", "Access to the comments", "By Staff", "Share this", "Advertisement"):
        assert junk not in art.text
    assert art.text.count("Storm floods") == 0
    assert "regional government" in art.text


def test_html_metadata_from_json_ld():
    art = read_article(DATA / "meta.html")
    assert art.headline == "Bridge collapse kills nine in river town"
    assert (art.published, art.publisher, art.url) == ("2021-06-03", "River Post", "https://example.org/river/bridge")
    assert art.text.startswith("A road bridge collapsed")
    assert "Home | World" not in art.text and "©" not in art.text


def test_html_opengraph_fallback(tmp_path):
    page = tmp_path / "og.html"
    page.write_text('<html><head><meta property="og:title" content="Quake hits the coast">'
                    '<meta property="og:site_name" content="Coast News">'
                    '<meta property="article:published_time" content="2019-04-05T08:00:00Z">'
                    f'<meta property="og:url" content="https://example.org/q"></head><body><article><p>{BODY}</p>'
                    '</article></body></html>', encoding="utf-8")
    art = read_article(page)
    assert (art.headline, art.publisher, art.published, art.url) == (
        "Quake hits the coast", "Coast News", "2019-04-05", "https://example.org/q")


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n\n  ", "is empty"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
])
def test_bad_files_named_html(tmp_path, content, message):
    p = tmp_path / "article.html"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        read_article(p)
    assert str(p) in str(exc.value)


def test_html_without_article(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_article(p)


def test_size_cap(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(BODY * 50)
    with pytest.raises(InputError, match="larger than"):
        read_article(p, max_bytes=1000)
    assert read_article(p).text


def test_non_english_text_is_refused(tmp_path):
    p = tmp_path / "de.txt"
    p.write_text("Überschwemmung im Norden\n\nBei schweren Überschwemmungen im Norden des Landes sind "
                 "mindestens zwölf Menschen ums Leben gekommen, teilten die Behörden am Dienstag mit. "
                 "Tausende Bewohner mussten ihre Häuser verlassen und wurden in Notunterkünften untergebracht.")
    with pytest.raises(InputError, match="English"):
        read_article(p)


def test_front_matter_errors_name_the_field(tmp_path):
    p = tmp_path / "bad.md"
    p.write_text(f"---\nheadline: X\npublished: yesterday\n---\n{BODY}\n")
    with pytest.raises(InputError, match=r"bad.md:3: published: .*not a date"):
        read_article(p)
    p.write_text(f"---\nheadline: X\nauthor: me\n---\n{BODY}\n")
    with pytest.raises(InputError, match="author: unknown front-matter key"):
        read_article(p)


def test_jsonl_corpus(tmp_path):
    p = tmp_path / "corpus.jsonl"
    p.write_text(json.dumps({"text": BODY, "headline": "March in the capital", "published": "2020-03-01"}) + "\n\n"
                 + json.dumps({"html": f"<html><body><article><p>{BODY}</p></article></body></html>",
                               "headline": "Second", "url": "https://example.org/2"}) + "\n")
    arts = list(iter_articles(p))
    assert [a.headline for a in arts] == ["March in the capital", "Second"]
    assert arts[0].published == "2020-03-01" and arts[1].url == "https://example.org/2"
    assert arts[1].source.endswith("corpus.jsonl:3")


@pytest.mark.parametrize("line, message", [
    ("not json", "corpus.jsonl:2: not a JSON object"),
    ('{"headline": "x"}', "corpus.jsonl:2: needs a 'text' or 'html' key"),
    (f'{{"text": "{BODY}", "published": "soon"}}', "corpus.jsonl:2: published:"),
    ('{"text": "x", "color": "red"}', "corpus.jsonl:2: color: unknown key"),
])
def test_jsonl_errors_name_the_line(tmp_path, line, message):
    p = tmp_path / "corpus.jsonl"
    p.write_text(json.dumps({"text": BODY}) + "\n" + line + "\n")
    with pytest.raises(InputError, match=message):
        list(iter_articles(p))


# ---------------------------------------------------------------- URLs against a local server

HTML = (f"<html><head><meta property='og:title' content='Protest in the capital'></head>"
        f"<body><article><p>{BODY}</p></article></body></html>")


def test_url_html_and_user_agent(httpserver):
    httpserver.expect_request("/news", headers={"User-Agent": USER_AGENT}).respond_with_data(
        HTML, content_type="text/html; charset=utf-8")
    art = read_article(httpserver.url_for("/news"))
    assert art.headline == "Protest in the capital"
    assert art.url == httpserver.url_for("/news")
    assert "kgpub" in USER_AGENT


def test_url_redirect_followed(httpserver):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data(HTML, content_type="text/html")
    assert read_article(httpserver.url_for("/old")).url == httpserver.url_for("/new")


@pytest.mark.parametrize("status", [404, 500])
def test_url_http_errors(httpserver, status):
    httpserver.expect_request("/x").respond_with_data("no", status=status)
    with pytest.raises(InputError, match=f"HTTP {status}"):
        read_article(httpserver.url_for("/x"))


def test_url_non_html_refused(httpserver):
    httpserver.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(InputError, match="not an HTML page.*application/pdf"):
        read_article(httpserver.url_for("/doc.pdf"))


def test_url_size_cap(httpserver):
    httpserver.expect_request("/big").respond_with_data(HTML * 100, content_type="text/html")
    with pytest.raises(InputError, match="larger than"):
        read_article(httpserver.url_for("/big"), max_bytes=2000)


def test_url_timeout(httpserver):
    def slow(request):
        time.sleep(1.5)
        from werkzeug import Response
        return Response(HTML, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(InputError, match="timed out"):
        read_article(httpserver.url_for("/slow"), timeout=0.5)


def test_front_matter_headline_repeated_in_body_is_dropped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kgpub.read import read_article

    path = tmp_path / "a.txt"
    path.write_text("---\nheadline: Storm floods the valley\npublished: 2024-01-02\n---\nStorm floods the valley\n\n"
                    "Heavy rain flooded the valley on Monday, and the river rose by two metres, officials said. "
                    "Residents of three villages were moved to schools on higher ground overnight.\n")
    article = read_article(str(path))
    assert article.headline == "Storm floods the valley"
    assert article.text.startswith("Heavy rain")


def test_share_bars_and_related_links_are_junk() -> None:
    from kgpub.read import _is_junk

    assert _is_junk("Share on Facebook Share on Twitter Share on WhatsApp")
    assert _is_junk("Related: Floods displace thousands in the north")
    assert not _is_junk("Related talks are due to resume in Geneva next week.")


@pytest.mark.parametrize("line, junk", [
    ("You are viewing the international edition. Switch to: Euronews Poland | Euronews Italy", True),
    ("You are now viewing the international edition. Switch edition: Europe | Asia", True),
    ("Text size Aa Aa", True),
    ("Our apologies, this video is not available in your country.", True),
    ("By: FRANCE 24", True),
    ("Video by: Olga Brenner", True),
    ("4 min Reading time", True),
    ("Next article", True),
    ("By Anna Kowal, Piet de Wit and Laura Smith-Spark, CNN", True),
    ("Item 1 of 4 Smoke rises over the city, April 14, 2024. REUTERS", True),
    ("Maria Lind in Tokyo", True),
    ("Pope Francis in Iraq", False),
    ("Associated Press writer Ana Ruiz reported this story in San Juan and AP writer Tom Beck reported from Havana.",
     True),
    ("AP writers in Washington said the bill would pass.", False),
    ("Ilse Karner (with AFP, dpa)", True),
    ("Mara Quist in Rio de Janeiro and Tomas Ekberg in Lima", True),
    ("Switch to a new tariff was announced by the government on Monday.", False),
    ("Protesters in Paris and police in Lyon clashed", False),
    ("Author Nora Falk (AP, dpa, AFP, Reuters)", True),
    ("December 24, 2018 / 6:12 AM / Updated 3 hours ago", True),
    ("Transcript", True),
    ("Euronews is not available in your region in this language. Choose another edition.", True),
    ("Euronews is no longer accessible on Internet Explorer. Please update your browser.", True),
    ("Date 11.03.2021", True),
    ("Related Subjects Olaf Scholz, Annalena Baerbock", True),
    ("Edited by: Jon Marr", True),
    ("Heard on Morning Edition", True),
    ("Source: Al Jazeera and news agencies", True),
    ("Source: CNN", True),
    ("Image copyright Reuters", True),
    ("Copy Link copied", True),
    ("Send Facebook Twitter Whatsapp Tumblr linkedin Print", True),
    ("More aboutNigeriaFloods", True),
    ("Permalink https://p.example.com/p/1AbC", True),
    ("March 3, 2020 6:45 PM ET", True),
    ("Ines Varga and Tom Reilly", True),
    ("BBC News, Lagos", True),
    ("Associated Press", True),
    ("Copyright 2021 The Associated Press. All rights reserved. This material may not be published, broadcast, "
     "rewritten or redistributed.", True),
    ("This article is more than 8 years old", True),
    ("Source: the health ministry said 40 people had died.", False),
    ("Author and activist Lina Berg was among those detained on Sunday.", False),
])
def test_edition_switchers_and_bylines_are_junk(line: str, junk: bool) -> None:
    from kgpub.read import _is_junk

    assert _is_junk(line) is junk


def test_contributor_lines_naming_several_places_are_junk() -> None:
    from kgpub.read import _is_junk

    assert _is_junk("Associated Press writers contributed to this report from Kingstown, St. Vincent; "
                    "Caracas, Venezuela; and Mexico City.")


def test_writers_names_alone_between_headline_and_text_are_dropped() -> None:
    from kgpub.read import _parse_text

    lead = ("Heavy rain flooded the valley on Monday and killed four people, officials said, as rivers burst their "
            "banks and residents were moved to schools on higher ground.")
    art = _parse_text(f"Floods hit the valley\nMarch 4, 2024\nLena Hart, Omar Said\n\n{lead}\n\nMaria Vos\n",
                      "a.txt", front={}, line=None)
    assert "Lena Hart" not in art.text and "Maria Vos" not in art.text and "Heavy rain" in art.text
    art = _parse_text(f"Floods hit the valley\nOla Berg with AFP, dpa\n\n{lead}", "a.txt", front={}, line=None)
    assert art.text.startswith("Heavy rain")
    art = _parse_text(f"Maria Vos\n\n{lead}", "a.txt", front={}, line=None)
    assert art.headline == "Maria Vos"


def test_topic_tags_that_end_a_page_are_dropped() -> None:
    from kgpub.read import _parse_text

    art = _parse_text("Floods hit the valley\n\nHeavy rain flooded the valley on Monday and killed four people, "
                      "officials said. Residents were moved to schools on higher ground.\n\nMigration\nGreece\n"
                      "Hanna Ruiz\nnews\nReuse this content\n", "a.txt", front={}, line=None)
    assert art.text.endswith("on higher ground.")


def test_a_headline_shaped_like_a_byline_stays_the_headline() -> None:
    from kgpub.read import _parse_text

    art = _parse_text("Olaf Scholz in Washington\n\nMaria Lind in Tokyo\n\nThe chancellor met the president on "
                      "Friday to talk about trade and the war in Ukraine, officials said.", "a.txt", front={},
                      line=None)
    assert art.headline == "Olaf Scholz in Washington"
    assert "Maria Lind" not in art.text
