"""Ninth-round rules: capitals and seats of power used for their governments ("accused Ankara",
"talks with Moscow", "Tehran's programme"). All sentences are written for these tests (none comes
from the annotated sets)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, capital, country", [
    ("Officials in Yerevan accused Baku of shelling border villages overnight.", "Baku", "Azerbaijan"),
    ("The dispute has soured relations between Riyadh and Tehran for years.", "Tehran", "Iran"),
    ("Inspectors will review Tehran's nuclear programme next month.", "Tehran", "Iran"),
    ("Turkey, which backs Baku, called for calm.", "Baku", "Azerbaijan"),
    ("The minister said new talks with Moscow were planned for June.", "Moscow", "Russia"),
])
def test_a_capital_that_stands_for_its_government_is_the_country(ents, text, capital, country):
    got = ents("Border tensions\n\n" + text)
    assert capital not in got
    assert got[country][0] == "country" and capital in got[country][1]


@pytest.mark.parametrize("text, capital", [
    ("The delegation flew to Moscow on Monday and toured the city centre.", "Moscow"),
    ("Drones attacked Damascus on Sunday, the army said.", "Damascus"),
    ("Kyiv's mayor said the metro would stay open as a shelter.", "Kyiv"),
])
def test_a_capital_that_is_the_city_stays_a_place(ents, text, capital):
    got = ents("Overnight strikes\n\n" + text)
    assert got[capital][0] == "place"


def test_brussels_for_the_eu(ents):
    got = ents("Accession stalled\n\nThe government said it would not open accession negotiations with Brussels "
               "before 2028. The European Union said it regretted the decision.")
    assert "Brussels" not in got
    assert "Brussels" in got["European Union"][1]


def test_the_kremlin_speaks_for_russia_but_hosts_as_a_place(ents):
    got = ents("Kremlin warns\n\nThe Kremlin said on Monday it would respond. Kremlin spokesman Dmitry Peskov "
               "declined to comment. The two leaders met at the Kremlin in March.")
    assert got["Russia"] == ("country", ["Kremlin"])
    assert got["Kremlin"][0] == "place"
