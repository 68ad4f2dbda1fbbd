"""Seventh-round rules (entities typed by appositions and nearby nouns, names NER cuts, wire-page
furniture; counts typed by "taken to hospital", "without power", toll subjects; reporters in the
innermost reporting clause). All sentences are written for these tests (none comes from the
annotated sets)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def sheet(extract_text):
    def run(text: str) -> dict:
        return extract_text(text, published="2024-05-01")

    return run


def entities(sheet: dict) -> dict[str, str]:
    return {e["name"]: e["type"] for e in sheet.get("entities", [])}


def counts(sheet: dict) -> list[tuple[str, int, str | None]]:
    names = {e["id"]: e["name"] for e in sheet.get("entities", [])}
    return [(c["type"], c["value"], names.get(c.get("reported_by"))) for c in sheet.get("counts", [])]


# ------------------------------------------------------------------ entities


def test_names_in_apposition_take_the_type_of_the_noun(sheet):
    got = entities(sheet(
        "Fighting near the border\n\nThe UN said the last crossing it can still use, Qasr al-Nour, was shut. "
        "Families fled to Dornava, a village near the river. The Blue Lanterns, a volunteer rescue group, "
        "said they had pulled 12 people from the rubble. A spokesman for the health ministry, Amrit Colwen, "
        "said more were missing. The city's new police chief, Dev Ormund, was sworn in on Tuesday.\n"))
    assert got.get("Qasr al-Nour") == "place"
    assert got.get("Dornava") == "place"
    assert got.get("Blue Lanterns") == "organization"
    assert got.get("Amrit Colwen") == "person"
    assert got.get("Dev Ormund") == "person"


def test_names_after_led_by_and_n_year_old_are_people(sheet):
    got = entities(sheet(
        "Vote count in Pakistan\n\nThe Awami Reform Party, led by Farida Qasmi Rind, took 40 seats in Pakistan. "
        "Among the victims of the attack was seven-year-old Lila-Mae Porrit.\n"))
    assert got.get("Farida Qasmi Rind") == "person"
    assert got.get("Lila-Mae Porrit") == "person"


def test_person_names_ner_cuts_are_completed(sheet):
    got = entities(sheet(
        "Talks in Brussels\n\nCommission President Ursula von der Leyen met Attorney General Tarek William Saab "
        "in Brussels on Monday.\n"))
    assert "Ursula von der Leyen" in got
    assert got.get("Ursula von der Leyen") == "person"
    assert not any(name in got for name in ("Ursula von", "Leyen"))


def test_acronym_in_parentheses_makes_an_organisation_and_an_alias(sheet):
    s = sheet("Attack in Mali\n\nThe group Jama'at Nusrat al-Islam wal-Muslimin (JNIM) said it attacked an army "
              "post in Mali on Sunday, killing 20 soldiers.\n")
    ents = {e["name"]: e for e in s["entities"]}
    jnim = ents.get("Jama'at Nusrat al-Islam wal-Muslimin")
    assert jnim is not None and jnim["type"] == "organization" and "JNIM" in jnim.get("aliases", [])


def test_media_names_and_demonyms(sheet):
    got = entities(sheet(
        "Protest deaths in Bangladesh\n\nThe toll reached 90, the local newspaper Dainik Kotha reported. "
        "Thousands of Bangladeshis marched in Dhaka. Ukrainian officials said 4 people were hurt.\n"))
    assert got.get("Dainik Kotha") == "organization"
    assert "Bangladeshis" not in got and "Ukrainian" not in got


def test_wire_datelines_and_credit_lines_are_not_entities(extract_text, tmp_path):
    from kgpub.extract import extract
    from kgpub.read import read_article

    path = tmp_path / "assam.txt"
    path.write_text(
        "Floods in Assam\n\nBy TOM BRIGGLE and ANA FERRO Associated Press\n\n"
        "GUWAHATI, India, June 3 (Reuters) - Floods killed 12 people in Assam, officials said.\n\n"
        "SHILLONG, Meghalaya, N.E. (AP) — Rains also hit Meghalaya.\n\n"
        "Associated Press writers Tom Briggle in Delhi and Ana Ferro in Dhaka contributed.\n\n"
        "Briggle reported from Delhi. Follow AP's coverage of the monsoon at https://apnews.com/hub/india\n\n"
        "(Reporting by Kim Oster; Editing by Lou Varn)\n", encoding="utf-8")
    article = read_article(path, published="2024-06-03")
    assert "contributed" not in article.text and "Editing by" not in article.text
    got = entities(extract(article))
    assert "Assam" in got
    for junk in ("Reuters", "Tom Briggle", "Ana Ferro", "Kim Oster", "GUWAHATI", "TOM BRIGGLE", "Associated Press",
                 "SHILLONG", "AP"):
        assert junk not in got


def test_ner_spans_are_cut_at_brackets_and_line_breaks(sheet):
    s = sheet("Cholera in Yemen\n\nThe World Health Organization (WHO) said 300 people had died of cholera in Yemen.\n")
    names = [e["name"] for e in s["entities"]]
    assert "World Health Organization" in names
    assert all("(" not in n and "\n" not in n for n in names)


def test_storm_names_are_not_people(sheet):
    got = entities(sheet(
        "Storm in Haiti\n\nTropical Storm Orla hit Haiti on Monday. Orla brought heavy rain, and 8 people "
        "died in floods, the civil protection office said.\n"))
    assert "Orla" not in got


# ------------------------------------------------------------------ counts


def test_hyphenated_number_words_and_hospital_counts(sheet):
    got = counts(sheet(
        "Bomb attack in Leeds\n\nThe bomb attack shocked Britain.\n\nTwenty-two people were killed in the attack, "
        "police said. West Yorkshire Police said 48 people had been taken to hospital. The ambulance service "
        "said 9 children under the age of 16 were among those treated. Officers arrested a man and searched "
        "three addresses.\n"))
    values = {(t, v) for t, v, _ in got}
    assert ("killed", 22) in values
    assert ("injured", 48) in values
    assert ("injured", 9) in values
    assert not any(v in (20, 2, 16, 3) for _, v in values)


def test_toll_subjects_and_shelter_phrases_type_the_count(sheet):
    got = counts(sheet(
        "Wildfire in Chile\n\nThe death toll from the wildfire near Valparaiso rose to 112 on Sunday, "
        "Valparaiso officials said. The number of injured rose to 41. About 6,000 people had taken refuge in "
        "shelters. The whole town of 30,000 people was without power.\n"))
    assert ("killed", 112, "Valparaiso") in got
    assert ("injured", 41, None) in {(t, v, None) for t, v, _ in got}
    types = {v: t for t, v, _ in got}
    assert types.get(6000) == "displaced"
    assert types.get(30000) == "affected"


def test_innermost_reporting_clause_names_the_reporter(sheet):
    got = counts(sheet(
        "Floods in Pakistan\n\nFloods hit Pakistan this week. The Punjab provincial government said 120 people had "
        "died in the province, while officials in Sindh put the toll there at 85.\n"))
    assert ("killed", 120, "Punjab") in got
    assert ("killed", 85, "Sindh") in got


def test_ratios_ages_clock_times_and_land_units_are_not_counts(sheet):
    got = counts(sheet(
        "Drought in Kenya\n\nThe drought has affected 4 million people, around one in five Kenyans, in 23 of "
        "the country's 47 counties, the government said. Power cuts run between 6 p.m. and 10 p.m.\n"))
    values = {v for _, v, _ in got}
    assert 4000000 in values
    assert not values & {1, 5, 23, 47, 6, 10}


def test_repeated_figure_takes_the_reporter_its_body_sentence_names(sheet):
    got = counts(sheet(
        "Blast in port\n\nAn explosion hit the port of Aden.\n\nUp to 5,000 homeless\n\n"
        "Aden governor Tariq Salem said up to 5,000 people had been left homeless by the blast.\n"))
    assert ("displaced", 5000, "Tariq Salem") in got


# ------------------------------------------------------------------ quotes


def speakers(sheet: dict) -> dict[str, str]:
    names = {e["id"]: e["name"] for e in sheet.get("entities", [])}
    return {q["text"]: names.get(q["speaker"], "") for q in sheet.get("quotes", [])}


def test_partial_quotes_belong_to_the_subject_of_their_clause(sheet):
    got = speakers(sheet(
        "Sanctions row at the UN\n\nThe US envoy, Mara Quell, has accused Dak Hollen of \"courting a wider war\" and "
        "urged the council to act. In Washington, defence secretary Ivo Brandt warned: \"Any attack will be met "
        "with overwhelming force.\" President Donald Trump also criticised Seoul, saying its \"talk of "
        "appeasement\" would fail.\n"
        "\nRenko, speaking at the end of a summit in Xiamen, said more sanctions would be \"useless and "
        "ineffective\".\n"))
    assert got.get("courting a wider war") == "Mara Quell"
    assert got.get("talk of appeasement") == "Donald Trump"
    assert got.get("useless and ineffective") == "Renko"


def test_more_count_and_reporter_patterns(sheet):
    got = counts(sheet(
        "Clashes in Nagorno-Karabakh\n\nThe fighting continued on Saturday. The ethnic Armenian authorities said "
        "36 civilians had been killed. They put their military losses at 673.\n\nMyanmar's army says about 400 "
        "people have died. Nearly 20,000 have been driven from their homes, the International Organization for "
        "Migration said.\n"))
    assert ("killed", 673) in {(t, v) for t, v, _ in got}
    assert ("killed", 400, "Myanmar") in got
    assert ("displaced", 20000, "International Organization for Migration") in got


def test_a_toll_with_no_event_word_gets_an_event_of_its_own(sheet):
    s = sheet("Gang violence in Haiti\n\nMore than 2,400 people were killed in Haiti between January and August, "
              "according to U.N. figures.\n\nThe rail disaster in Odisha killed at least 280 people.\n")
    by_id = {e["id"]: e for e in s["events"]}
    kinds = {c["value"]: by_id[c["event"]]["kind"] for c in s["counts"]}
    assert kinds.get(2400) == "attack"
    assert kinds.get(280) == "disaster"


def test_official_of_the_group_and_a_hyphenated_apposition(sheet):
    s = sheet("Protests in Belarus\n\nThe Interior Ministry said 3,000 people were detained. Viasna, a Minsk-based "
              "human rights centre, has recorded the deaths of two protesters. At least 200 people have been treated "
              "in hospital, it said.\n\nA Taliban spokesman condemned the bombing in Kabul. An official of the group "
              "later said at least 28 Taliban members were among those killed.\n")
    assert entities(s).get("Viasna") == "organization"
    got = counts(s)
    assert ("injured", 200, "Viasna") in got
    assert ("killed", 28, "Taliban") in got


def test_facility_names_titles_and_joined_organisations(sheet):
    got = entities(sheet(
        "Summit in Singapore\n\nThe leaders met at the Capella hotel on Tuesday. The Catalan National Assembly and "
        "Omnium Cultural called a strike. Pope Francis prayed for the victims. Education Minister Dinesh "
        "Gunawardena resigned. The Woolsey Fire burned near Malibu. Butte County officials said 80 people died in "
        "the fire. Families fled to the Swat valley.\n"))
    assert got.get("Capella hotel") == "place"
    assert got.get("Catalan National Assembly") == "organization" and got.get("Omnium Cultural") == "organization"
    assert "Pope Francis" in got and "Francis" not in got
    assert "Education" not in got and got.get("Dinesh Gunawardena") == "person"
    assert "Woolsey Fire" not in got
    assert got.get("Butte County") == "place"
    assert "Swat valley" not in got


def test_quotes_across_paragraphs_and_pronoun_subjects(sheet):
    s = sheet("Attack on a school\n\nPrime Minister Nawaz Sharif addressed the nation on Tuesday.\n\n"
              "\"The children who died today belonged to every family in this country. We will not let their "
              "blood go to waste.\n\n\"The operation against these killers will continue until the last one "
              "of them is gone.\"\n\nProtests spread across Sri Lanka. Police released arrest figures on Monday. "
              "They said 664 people had been detained for breaking the curfew in Colombo.\n")
    quotes = s["quotes"]  # one quote per paragraph, both the same speaker's
    assert [q["text"][:12] for q in quotes] == ["The children", "The operatio"]
    assert quotes[0]["speaker"] == quotes[1]["speaker"] == "nawaz-sharif"
    assert ("arrested", 664, "Sri Lanka") in counts(s)


def test_breakdowns_by_nationality_and_numbers_ner_calls_money(sheet):
    got = counts(sheet(
        "Plane shot down over Tehran\n\nIran admitted that its military shot down the airliner, killing all 176 "
        "people on board. Ukraine's foreign minister gave a breakdown of the dead by nationality. According to "
        "his figures, 82 were Iranian, 63 Canadian and 10 Swedish. Two Ukrainian dockers were among the wounded "
        "in Odesa.\n\nThe UN refugee agency says more than 4 million Syrians have fled the war in Syria.\n"))
    values = {(t, v) for t, v, _ in got}
    assert {("killed", 176), ("killed", 82), ("killed", 63), ("killed", 10)} <= values
    assert ("displaced", 4000000) in values
    assert ("killed", 2) not in values


def test_other_counts_forces_sent_homes_destroyed_and_eligible_voters(sheet):
    got = counts(sheet(
        "Unrest in Minneapolis\n\nProtests spread across Minneapolis on Friday. Governor Tim Walz said about "
        "1,700 national guard soldiers had been deployed. More than 150 houses were burned in the riots, the "
        "city said. Some 4.2 million people are eligible to vote in the state. Crews searched a 24-storey block "
        "and a relief fund of £5m was opened.\n"))
    values = {(t, v) for t, v, _ in got}
    assert ("other", 1700) in values and ("other", 150) in values and ("other", 4200000) in values
    assert not any(v in (24, 5000000) for _, v in values)


def test_condition_risk_patients_and_appositive_reporters(sheet):
    got = counts(sheet(
        "Truck attack in Nice\n\nA truck attack killed 84 people in Nice. More than 200 people were wounded. Of "
        "those, 52 were in critical condition, prosecutor Francois Molins said. She said 18 patients were still in "
        "intensive care. The state's safety commissioner, John Harrington, said more than 50 people had been "
        "arrested.\n\nPresident Filipe Nyusi said nearly 350,000 people were at risk in the flooded areas of "
        "Mozambique, and some 15,000 people were still waiting to be rescued. The World Food Programme said 2.6 "
        "million people could need assistance.\n"))
    values = {(t, v) for t, v, _ in got}
    assert {("injured", 52), ("injured", 18), ("affected", 350000), ("affected", 15000),
            ("affected", 2600000)} <= values
    assert ("arrested", 50, "John Harrington") in got


def test_figures_inside_a_quote_embedded_in_a_report(sheet):
    got = counts(sheet(
        "Landslide in Papua New Guinea\n\nA landslide hit Enga province. The disaster centre said the landslide had "
        "\"killed more than 2,000 people\" in the village.\n\n\"We saw 40 people injured,\" a witness said.\n"))
    assert ("killed", 2000, "Papua New Guinea") in got
    assert not any(v == 40 for _, v, _ in got)  # a quote that opens its sentence is the speaker's own words


def test_a_quote_running_into_the_next_paragraph_takes_the_attribution_given_there(sheet):
    s = sheet('Attack in Paris\n\nThe attack shocked France. In a televised address, he urged the French to stand '
              'together. "The Republic has been attacked at its heart. Those who did this wanted to make France '
              'afraid.\n\n"They will not succeed. Our best weapon is our unity," President Francois Hollande said.'
              '\n\nForeign Minister Ri Yong Ho spoke in Hanoi.\n\n"Our proposal was a realistic one. Our position '
              'will not change," Ri said.\n')
    got = speakers(s)
    assert got.get("The Republic has been attacked at its heart. Those who did this wanted to make France "
                   "afraid.") == "Francois Hollande"
    assert got.get("Our proposal was a realistic one. Our position will not change,") == "Ri Yong Ho"


def test_people_named_after_an_occupation_and_parties_named_before_party(sheet):
    got = entities(sheet(
        "Coup attempt in Turkey\n\nErdogan blamed the movement of US-based cleric Fethullah Gulen. Among the "
        "dead was the magazine's editor, Stephane Charbonnier. Daniel Chapo, the candidate of the Frelimo party, "
        "won. The governor of Lagos state, Babajide Sanwo-Olu, spoke on Tuesday.\n"))
    assert got.get("Fethullah Gulen") == "person"
    assert got.get("Stephane Charbonnier") == "person"
    assert got.get("Frelimo") == "organization"
    assert got.get("Babajide Sanwo-Olu") == "person"


def test_reporters_from_the_figures_sentence_national_bodies_and_police_in_a_town(sheet):
    got = counts(sheet(
        "Protests in Gaza\n\nAt least 58 protesters were killed on Monday and more than 2,700 others were wounded. "
        "The figures were released on Tuesday by the Gaza Health Ministry, which said eight children were among "
        "the dead.\n\nFloods hit Germany and Belgium this week. Police in Koblenz said 110 people died in the "
        "Ahrweiler district. In Belgium, the national crisis centre said 27 people had died there.\n"))
    assert ("killed", 58, "Gaza Health Ministry") in got
    assert ("injured", 2700, "Gaza Health Ministry") in got
    assert ("killed", 110, "Germany") in got
    assert ("killed", 27, "Belgium") in got


def test_no_survivors_and_among_the_dead(sheet):
    got = counts(sheet(
        "Plane crash in Ethiopia\n\nThe plane crashed near Bishoftu. The airline said there were no survivors among "
        "the 149 passengers and eight crew. People of 35 nationalities were on board. Thirty-two were Kenyan, "
        "18 Canadian and nine Ethiopian.\n\nProtests in Gaza\n\nMore than 2,700 protesters were wounded in Gaza on "
        "Monday. Eight children were among the dead.\n"))
    values = {(t, v) for t, v, _ in got}
    assert {("killed", 149), ("killed", 8), ("killed", 32), ("killed", 18), ("killed", 9)} <= values
    assert ("injured", 8) not in values


def test_round7_late_entity_and_count_patterns(sheet):
    s = sheet("Evacuation of Aleppo\n\nBuses left Aleppo on Thursday. Some 3,000 people had been taken out of the "
              "enclave by nightfall. Indepaz said it had documented the killings of 31 protesters in Cali. Queen "
              "Suthida watched. Londoners gathered. The Meteorology, Climatology and Geophysics Agency said the quake "
              "struck at 7.46pm.\n")
    got = counts(s)
    values = {(t, v) for t, v, _ in got}
    assert ("displaced", 3000) in values and ("killed", 31) in values
    ents = entities(s)
    assert "Queen Suthida" in ents and "Londoners" not in ents
    assert "Meteorology, Climatology" not in " ".join(ents)  # never a name cut at its comma and glued wrong


def test_colon_lists_detainees_beaten_and_abbreviated_ranks(sheet):
    s = sheet("Hospital hit in Kunduz\n\nThe charity said 22 people had been killed: 12 members of its staff and 10 "
              "patients. Georgia's public defender, Levan Ioseliani, said his staff had visited more than 300 "
              "detainees, and that around 225 of them had been beaten. Chief Executive Carrie Lam spoke. Gen John "
              "Campbell apologised. Six Britons were among the dead.\n")
    values = {(t, v) for t, v, _ in counts(s)}
    assert {("killed", 22), ("killed", 12), ("killed", 10), ("arrested", 300), ("injured", 225)} <= values
    ents = entities(s)
    assert "Carrie Lam" in ents and "John Campbell" in ents and not any("Britons" in n for n in ents)


def test_acronyms_tolls_the_parser_loses_and_losses_of_fighters(sheet):
    s = sheet("Eruption in Guatemala\n\nThe volcano erupted on Sunday. More than 3,200 people are sleeping in "
              "shelters, CONRED said. The militants had lost more than 300 fighters, Idris Nassan said. "
              "Sudan's refugee agency said more than 14,500 people had crossed into Kassala. That figure "
              "included at least 219 fighters. The state news channel Khabar 24 said 164 people had been killed.\n")
    got = counts(s)
    assert ("displaced", 3200, "CONRED") in got
    values = {(t, v) for t, v, _ in got}
    assert {("killed", 300), ("displaced", 14500)} <= values
    assert ("killed", 164, "Khabar 24") in got


def test_countries_cases_and_the_figures_paragraph_after(sheet):
    s = sheet("Bombing at the marathon\n\nThe bombs ripped through the crowd at the Boston Marathon, killing three "
              "people and wounding more than 170.\n\nThose figures were given at a dawn briefing by Police "
              "Commissioner Ed Davis.\n\nEbola in Uganda\n\nThe outbreak in Uganda has spread. The health ministry "
              "says 58 cases have been confirmed. New Zealand sent aid.\n")
    got = counts(s)
    assert ("killed", 3, "Ed Davis") in got and ("injured", 170, "Ed Davis") in got
    assert ("affected", 58, "Uganda") in got
    assert entities(s).get("New Zealand") == "country"
