"""Fifth-round entity rules (precision): names on scraper-junk lines, named storms, travel
destinations, "Gaza" within "the Gaza Strip", capitals standing for their country, names NER
joins with "and". All sentences are written for these tests (none comes from the annotated sets)."""

from __future__ import annotations


def test_names_on_junk_lines_are_not_entities(ents):
    got = ents("Share on Facebook Share on Twitter\n\nRelated: Europe's summer of storms\n\n"
               "Floods cut off villages in central Greece on Thursday, officials said.\n\n"
               "Reporting by Maria Papadopoulou; Editing by Tom Hardy\n")
    assert "Greece" in got
    for junk in ("Facebook", "Twitter", "Europe", "Maria Papadopoulou", "Tom Hardy"):
        assert junk not in got


def test_byline_outlet_is_not_an_entity_but_the_same_outlet_in_the_body_is(ents):
    got = ents("By Reuters\n\nA bus crash near Lima killed nine people, police said.\n")
    assert "Reuters" not in got
    got = ents("By Lima bureau\n\nA bus crash near Lima killed nine people, Reuters reported.\n")
    assert got.get("Reuters", ("",))[0] == "organization"


def test_named_storm_is_not_an_organisation(ents):
    got = ents("Storm Daniel dumped a year's rain in a day on central Greece, officials said. "
               "Cyclone Mocha later hit Myanmar.")
    assert "Storm Daniel" not in got and "Cyclone Mocha" not in got
    assert "Greece" in got and "Myanmar" in got


def test_trip_to_a_city_is_a_place(ents):
    got = ents("Prime Minister Kyriakos Mitsotakis cancelled a trip to Thessaloniki on Wednesday.")
    assert got["Thessaloniki"][0] == "place"


def test_short_form_of_a_region_is_the_region(ents):
    got = ents("Air strikes on the southern Gaza Strip killed 12 people, medics said. More than 30,000 "
               "people have been killed in Gaza since the war began, the ministry says.")
    assert got["Gaza Strip"][0] == "place"
    assert "Gaza" in got["Gaza Strip"][1]
    assert "Gaza" not in got


def test_capital_standing_for_its_country_is_one_entity(ents):
    got = ents("Washington has warned Beijing against any blockade of the island. The Chinese foreign "
               "minister accepted an invitation to visit Washington later this year.")
    assert "Washington" not in got
    assert "Washington" in got["United States"][1]


def test_two_towns_tagged_as_one_name_are_split(ents):
    got = ents("Police fired tear gas at protesters in Nairobi on Tuesday as the demonstrations spread to "
               "Mombasa and Kisumu, a rights group said.")
    assert "Mombasa and Kisumu" not in got
    assert got.get("Mombasa", ("",))[0] == "place" and got.get("Kisumu", ("",))[0] == "place"


def test_body_line_starting_with_by_is_not_junk(ents):
    got = ents("By Tuesday night the floods had reached Mombasa, the Kenya Red Cross said.\n")
    assert got.get("Mombasa", ("",))[0] == "place"


def test_a_church_named_by_its_denomination_is_an_organisation(ents):
    got = ents("The Catholic Church said medics treating the wounded in Nairobi had been attacked.")
    assert got["Catholic Church"][0] == "organization"


def test_demonym_before_a_range_is_dropped_but_not_from_an_ocean(ents):
    got = ents("A bus plunged into a ravine in the Peruvian Andes, killing 24 people. The storm formed over "
               "the Indian Ocean.")
    assert got.get("Andes", ("",))[0] == "place" and "Peruvian Andes" not in got
    assert got.get("Indian Ocean", ("",))[0] == "place"


def test_name_after_regional_government_of_is_a_place(ents):
    got = ents("At least 24 people were killed, the regional government of Arequipa said.")
    assert got.get("Arequipa", ("",))[0] in ("place", "country")


def test_generic_institutions_are_not_names_and_party_is_trimmed(ents):
    got = ents("The court's ruling plunged the Kingdom into fresh uncertainty. The Palace did not comment. "
               "The Pheu Thai party must now nominate a new candidate, Thaksin Shinawatra said.")
    assert "Kingdom" not in got and "Palace" not in got
    assert got.get("Pheu Thai", ("",))[0] == "organization"
