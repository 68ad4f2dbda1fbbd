"""Fourth-round entity rules: aliases given in the text (acronyms in parentheses, "better known
as"), family-name-first short forms, countries inside organisation names, well-known groups,
towns NER mislabels, people marked by honorifics or a post in apposition. All sentences are
written for these tests (none comes from the annotated sets)."""

from __future__ import annotations


def test_acronym_in_parentheses_is_an_alias_everywhere(ents):
    got = ents("The Kurdistan Workers' Party (PKK) said two of its fighters were killed. The PKK denied "
               "any role in the bombing.")
    assert got["Kurdistan Workers' Party"] == ("organization", ["PKK"])
    assert "PKK" not in got


def test_better_known_as_is_an_alias(ents):
    got = ents("The militia, commanded by Mohamed Hamdan Dagalo, better known as Hemedti, accused the army "
               "of bombing homes. Hemedti later denied it.")
    assert got["Mohamed Hamdan Dagalo"] == ("person", ["Hemedti"])
    assert "Hemedti" not in got


def test_family_name_first_short_form_merges(ents):
    got = ents("Blinken met Xi Jinping in Beijing on Monday. Xi told him that ties must improve.")
    assert got["Xi Jinping"][0] == "person" and "Xi" in got["Xi Jinping"][1]
    assert "Xi" not in got


def test_country_inside_an_organisation_name_is_named_too(ents):
    got = ents("The Ministry of Foreign Affairs of Kazakhstan issued a statement on Tuesday.")
    assert got["Ministry of Foreign Affairs of Kazakhstan"][0] == "organization"
    assert got["Kazakhstan"][0] == "country"


def test_well_known_groups_are_organisations(ents):
    got = ents("Al-Shabab claimed the attack, and Boko Haram fighters raided a village in Borno state. "
               "The Islamic State group has carried out similar raids.")
    assert got["Al-Shabab"][0] == "organization"
    assert got["Boko Haram"][0] == "organization"
    assert got["Islamic State"][0] == "organization"


def test_name_before_group_noun_is_an_organisation(ents):
    got = ents("Officials blamed the Ansar Dine group for the ambush near the border.")
    assert got.get("Ansar Dine", ("",))[0] == "organization"


def test_towns_ner_mislabels_become_places(ents):
    got = ents("Floodwaters swept through Sylhet and Sunamganj, officials said. Kramatorsk was hit by two "
               "missiles, and residents fled Khan Younis. Fighting raged around Bakhmut and Avdiivka.")
    for town in ("Sylhet", "Sunamganj", "Kramatorsk", "Khan Younis", "Bakhmut", "Avdiivka"):
        assert got[town][0] == "place", (town, got.get(town))


def test_name_particle_after_a_space_and_landforms(ents):
    got = ents("Homes were flattened in the Tal al-Sultan neighbourhood. A quake in Morocco's High Atlas "
               "mountains struck about 70 kilometres southwest of Marrakesh.")
    assert got["Tal al-Sultan"][0] == "place"
    assert got["High Atlas"][0] == "place"
    assert got["Marrakesh"][0] == "place"


def test_facilities_and_district_dates_are_places(ents):
    got = ents("A gunman opened fire at the Bataclan Concert Hall. Officials said the flood destroyed 20 "
               "villages in Zinda Jan district. Fighting resumed in Nagorno-Karabakh.")
    assert got["Bataclan Concert Hall"][0] == "place"
    assert got["Zinda Jan"][0] == "place"
    assert got["Nagorno-Karabakh"][0] == "place"


def test_the_led_organisation_joined_over_of(ents):
    got = ents("The Law Society of Kenya said 50 people had been arrested.")
    assert got["Law Society of Kenya"][0] == "organization"
    assert got["Kenya"][0] == "country"


def test_honorifics_and_posts_mark_people(ents):
    got = ents("Oleh Kiper, the regional governor, said the port was hit. Mr Kiper said repairs would take "
               "weeks.")
    assert got["Oleh Kiper"][0] == "person"
    assert "Kiper" not in got and "Mr Kiper" not in got
    # a name NER does not tag at all, before a post in apposition
    assert ents("Jan Egeland Mahmoud, head of the council, said aid was blocked.")["Jan Egeland Mahmoud"][0] == "person"


def test_supreme_leader_is_a_title_not_an_organisation(ents):
    got = ents("Supreme Leader Ayatollah Ali Khamenei has blamed the unrest on Iran's enemies.")
    assert "Supreme" not in got
    assert got["Ali Khamenei"][0] == "person"


def test_more_capitals_stand_for_their_country_when_they_act(ents):
    got = ents("Baku rejected the charge on Monday.")
    assert got["Azerbaijan"][0] == "country"
