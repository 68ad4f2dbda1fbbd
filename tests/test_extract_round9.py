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


@pytest.mark.parametrize("text, name, kind", [
    ("The UN special envoy, Ismail Ould Cheikh Ahmed, called for a ceasefire.", "Ismail Ould Cheikh Ahmed", "person"),
    ("The Organization for Security and Co-operation in Europe sent 40 monitors.",
     "Organization for Security and Co-operation in Europe", "organization"),
    ("The United Nations Assistance Mission in Afghanistan said 20 people died.",
     "United Nations Assistance Mission in Afghanistan", "organization"),
    ("The Central Council of Jews in Germany condemned the attack.", "Central Council of Jews in Germany",
     "organization"),
    ("The Guardia di Finanza said two boats were sent.", "Guardia di Finanza", "organization"),
    ("Pilgrims bathed where the Ganges and Yamuna rivers meet.", "Yamuna", "place"),
    ("The ferry sank in the Bosphorus on Sunday.", "Bosphorus", "place"),
    ("The attack in Saxony-Anhalt shocked the country.", "Saxony-Anhalt", "place"),
])
def test_names_ner_cuts_or_mislabels(entities, text, name, kind):
    assert entities(text).get(name) == kind


def test_a_title_before_a_name_is_not_joined_to_it(entities):
    got = entities("West Java Governor Ridwan Kamil said 162 people had died.")
    assert got.get("Ridwan Kamil") == "person"


def test_a_hyphen_between_two_countries_joins_no_place(entities):
    got = entities("The Russia-Ukraine talks resumed in Istanbul.")
    assert "Russia-Ukraine" not in got


@pytest.fixture(scope="module")
def entities(extract_text):
    def run(text: str) -> dict[str, str]:
        sheet = extract_text("Talks in Arlen\n\n" + text, published="2024-05-01")
        return {e["name"]: e["type"] for e in sheet.get("entities", [])}

    return run
