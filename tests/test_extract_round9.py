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
def reporters(extract_text):
    def run(text: str) -> list[tuple[int, str | None]]:
        sheet = extract_text("Toll rises\n\n" + text, published="2024-05-01")
        names = {e["id"]: e["name"] for e in sheet.get("entities", [])}
        return [(c["value"], names.get(c.get("reported_by"))) for c in sheet.get("counts", [])]

    return run


@pytest.mark.parametrize("text, expected", [
    ("At least 12 people were killed in the raid on Jenin, according to the Palestinian health ministry.",
     (12, "Palestine")),
    ("A migrant boat sank off Calabria in southern Italy on Sunday. The death toll from the shipwreck rose to 62, "
     "the Italian fire service said.", (62, "Italy")),
    ("Floods hit the province of Henan. Four people died in Gongyi, the regional health office said.", (4, None)),
])
def test_a_state_body_named_by_a_common_noun_reports_for_its_state(reporters, text, expected):
    assert expected in reporters(text)


@pytest.mark.parametrize("text, expected", [
    ("A Russian airliner crashed in Sinai on Saturday, killing all 224 people on board. The plane was carrying 217 "
     "passengers and seven crew, the aviation agency said.", {("killed", 224), ("other", 217), ("other", 7)}),
    ("A fishing boat carrying migrants sank off Pylos on Wednesday, killing at least 78 people. The coastguard said "
     "104 survivors had been brought ashore.", {("killed", 78), ("other", 104)}),
])
def test_people_on_board_and_survivors_are_other_counts(counts9, text, expected):
    assert expected <= set(counts9(text))


@pytest.fixture(scope="module")
def counts9(extract_text):
    def run(text: str) -> list[tuple[str, int]]:
        sheet = extract_text("Disaster at sea\n\n" + text, published="2024-05-01")
        return [(c["type"], c["value"]) for c in sheet.get("counts", [])]

    return run


def test_tolls_told_without_an_event_word_share_one_event_of_the_lead_s_kind(extract_text):
    sheet = extract_text("Jet crash\n\nA passenger jet skidded off the runway at Arlen airport and burst into flames "
                         "on Sunday, in the country's worst air disaster in decades.\n\nOfficials said 179 people were "
                         "confirmed dead.\n\nBy evening, officials said, 12 people were still missing.",
                         published="2024-12-29")
    assert [e["kind"] for e in sheet["events"]] == ["disaster"]
    assert {(c["type"], c["value"]) for c in sheet["counts"]} == {("killed", 179), ("missing", 12)}


@pytest.mark.parametrize("text, name, kind", [
    ("Fighters blew up the Temple of Baalshamin last year.", "Temple of Baalshamin", "place"),
    ("Crowds gathered at the Arc de Triomphe on Saturday.", "Arc de Triomphe", "place"),
    ("Gunmen attacked the Bardo National Museum in Tunis on Wednesday.", "Bardo National Museum", "place"),
    ("Gunmen attacked the Bardo National Museum in Tunis on Wednesday.", "Tunis", "place"),
    ("Patriarch Louis Sako, head of the Chaldean Catholic Church, welcomed the visit.", "Chaldean Catholic Church",
     "organization"),
    ("Air strikes by the US-led coalition hit the town.", "US-led coalition", "organization"),
])
def test_places_by_their_head_word_and_bodies_by_theirs(entities, text, name, kind):
    assert entities(text).get(name) == kind


def test_forces_led_by_a_nation_and_plurals_opening_a_paragraph_are_no_names(entities):
    got = entities("Kurdish-led forces said they had retaken the village.\n\nGunmen attacked the checkpoint at dawn.")
    assert "Kurdish-led forces" not in got and "Gunmen" not in got


def test_vote_figures_told_without_the_word_votes(counts9):
    got = counts9("The presidential election was held on December 30. The commission said Ana Ruiz won with "
                  "7,051,013 votes, ahead of Marco Diaz with 6,366,732, while the ruling party's candidate was third "
                  "with 4,357,359.")
    assert {("other", 7051013), ("other", 6366732), ("other", 4357359)} <= set(got)


def test_people_pulled_out_are_other_but_bodies_pulled_out_are_not(counts9):
    got = counts9("A tower block collapsed in Arlen on Thursday, killing 12 people. Firefighters pulled 35 people "
                  "off balconies, and the police said 40 of the bodies had been pulled from the rubble. The ministry "
                  "offered a reward of 20 million shillings for information.")
    assert ("other", 35) in got
    assert ("other", 40) not in got and not [c for c in got if c[1] == 20000000]


@pytest.mark.parametrize("text, expected", [
    ("A gas attack hit Khan Sheikhoun in Idlib province on Tuesday. Dozens were taken to Turkey for treatment. "
     "Three of them died on arrival, the governor of Hatay province told reporters.", (3, "Hatay")),
    ("Russian drones struck the Sumy region overnight, killing two civilians and wounding six, the regional "
     "governor said.", (2, "Sumy")),
])
def test_a_local_office_reports_for_its_place(reporters, text, expected):
    assert expected in reporters(text)


@pytest.mark.parametrize("text, expected", [
    ("A fire tore through the cathedral on Monday, injuring one firefighter. The minister said up to 500 had been "
     "deployed at the height of the operation, and the prosecutor said some 50 investigators had been assigned to "
     "the case.", {("other", 500), ("other", 50)}),
    ("A passenger jet collided with a helicopter on Wednesday, killing 67 people. More than 300 responders took part "
     "in the search.", {("other", 300)}),
    ("Ana Ruiz won the presidential election on Sunday. More than 13.5 million people voted for her. The OSCE, which "
     "had more than 800 observers on the ground, said the vote was competitive.",
     {("other", 13500000), ("other", 800)}),
])
def test_responders_observers_and_voters_are_other_counts(counts9, text, expected):
    assert expected <= set(counts9(text))


def test_prisoners_freed_are_no_arrests(counts9):
    got = counts9("The ceasefire took effect on Friday after two years of war in Gaza. The prison service said 1,968 "
                  "Palestinians had been freed from its jails.")
    assert ("other", 1968) in got and ("arrested", 1968) not in got


@pytest.mark.parametrize("text, name", [
    ("Chief Justice David Maraga read the ruling on Friday.", "David Maraga"),
    ("Saudi Crown Prince Mohammed bin Salman spoke to the president.", "Mohammed bin Salman"),
    ("City Manager Dalton Rice said the river rose in minutes.", "Dalton Rice"),
    ("Qatar's Emir Sheikh Tamim bin Hamad Al Thani arrived on Monday.", "Tamim bin Hamad Al Thani"),
])
def test_posts_before_a_name_are_not_part_of_it(entities, text, name):
    got = entities(text)
    assert got.get(name) == "person"
    assert not [n for n in got if n != name and name in n]


def test_titled_people_in_a_list_with_places_stay_people(entities):
    got = entities("Guests came from Latin America, among them UN Secretary-General Ban Ki-moon, US Secretary of State "
                   "John Kerry and Cuba's President Raúl Castro.")
    assert [got.get(n) for n in ("Ban Ki-moon", "John Kerry", "Raúl Castro")] == ["person"] * 3


def test_a_long_known_name_after_the(ents):
    got = ents("Vote observed\n\nThe Organization for Security and Co-operation in Europe (OSCE), which had more than "
               "800 observers on the ground, said the vote was competitive.")
    assert got["Organization for Security and Co-operation in Europe"] == ("organization", ["OSCE"])


@pytest.mark.parametrize("text, name", [
    ("A drone hit the Osman Digna air base near the airport on Sunday.", "Osman Digna"),
    ("Heather Rosas, a nurse from nearby Ingram, said she had not slept.", "Ingram"),
    ("An assault on the Zamzam displacement camp killed 400 people.", "Zamzam"),
    ("A jet came down in the Queens borough of New York in 2001.", "Queens"),
])
def test_names_before_a_place_noun_or_after_nearby_are_places(entities, text, name):
    assert entities(text).get(name) == "place"


@pytest.mark.parametrize("text, expected", [
    ("Violence followed the disputed 2007 election, when more than 1,100 people were killed and about 600,000 forced "
     "from their homes.", {("killed", 1100), ("displaced", 600000)}),
    ("A mudslide buried homes in Freetown on Monday, killing 400 people. Officials said about 3,000 people had lost "
     "their homes.", {("killed", 400), ("displaced", 3000)}),
    ("An Israeli raid to free four captives killed 274 Palestinians in Nuseirat on Saturday. About 250 people were "
     "taken captive in the October 7 attack.", {("other", 4), ("killed", 274), ("other", 250)}),
])
def test_what_befell_the_people_right_after_the_figure_types_it(counts9, text, expected):
    assert set(counts9(text)) == expected


@pytest.mark.parametrize("text, speaker", [
    ("Donald Trump met Volodymyr Zelensky in the Oval Office on Friday. The exchange began calmly. Then Vance said "
     "the path to peace ran through \"diplomacy\", and Zelensky asked what kind of diplomacy he meant.\n\nTrump cut "
     "in. \"You're not in a good position right now. You don't have the cards,\" he told Zelensky.", "Donald Trump"),
    ("Footage showed collapsed houses in the town of Lhatse.\n\nPresident Xi Jinping ordered \"all-out search and "
     "rescue efforts\" to reduce casualties, Xinhua said.", "Xi Jinping"),
    ("Hezbollah confirmed that its leader, Hassan Nasrallah, was killed in an air raid on Beirut.\n\nIn a statement "
     "read on its Al-Manar television channel, the group said Nasrallah had \"joined his fellow martyrs\".",
     "Hezbollah"),
    ("In Washington, Barack Obama said the operation could take months.\n\n\"We will not allow these terrorists to "
     "carry out a genocide,\" the president said on Saturday.", "Barack Obama"),
])
def test_speakers_by_pronoun_inner_verb_group_and_untitled_president(quotes, text, speaker):
    assert quotes(text)[0][1] == speaker


@pytest.mark.parametrize("text, name, kind", [
    ("The government imposed a curfew in Viña del Mar on Saturday.", "Viña del Mar", "place"),
    ("Wooden houses in the El Olivar and Villa Independencia neighborhoods burned.", "Villa Independencia", "place"),
    ("Heavy rain hit parts of Andhra Pradesh on Tuesday.", "Andhra Pradesh", "place"),
    ("Protests spread to the townships of Epworth and Chitungwiza.", "Chitungwiza", "place"),
    ("The ruling Communist party cracked down on the protests.", "Communist party", "organization"),
    ("The Fire and Disaster Management Agency said 12 people died.", "Fire and Disaster Management Agency",
     "organization"),
])
def test_particles_plural_place_nouns_adjective_parties_and_names_with_and(entities, text, name, kind):
    assert entities(text).get(name) == kind


@pytest.mark.parametrize("text, speaker", [
    ("Police fired tear gas in Harare on Monday.\n\n\"They beat my husband and my son in front of us,\" said a "
     "woman who gave her name only as Memory.", "Memory"),
    ("Gunmen attacked the parliament in Tehran on Wednesday, killing 12 people.\n\nThe Islamic Revolutionary Guard "
     "Corps was far less measured. In a statement it said the attack came a week after a meeting in Riyadh.\n\n"
     "\"The spilling of this pure blood will not go unavenged,\" the statement said.",
     "Islamic Revolutionary Guard Corps"),
])
def test_a_speaker_named_only_as_x_and_the_statement_s_author(quotes, text, speaker):
    assert quotes(text)[0][1] == speaker


def test_patients_who_died_are_killed_and_registered_voters_other(counts9):
    got = counts9("An air strike destroyed a hospital in Aleppo on Wednesday. The charity said at least 14 patients "
                  "and staff had died. Seventeen candidates were on the ballot in the election, and about 7.3 million "
                  "people were registered to vote.")
    assert ("killed", 14) in got and ("injured", 14) not in got
    assert ("other", 7300000) in got
