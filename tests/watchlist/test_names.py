from __future__ import annotations

from watchlist.names import acronym_table, defined_acronyms, derived_initialisms, find_entities, spelling_variants


def test_defined_acronyms_map_to_their_long_names() -> None:
    text = "They discussed the Belt and Road Initiative (BRI) and the China-Pakistan Economic Corridor (CPEC)."
    assert defined_acronyms(text) == {
        "BRI": "Belt and Road Initiative",
        "CPEC": "China-Pakistan Economic Corridor",
    }


def test_connector_letters_may_count_in_a_definition() -> None:
    text = "the principle of Common but Differentiated Responsibilities (CBDR)."
    assert defined_acronyms(text) == {"CBDR": "Common but Differentiated Responsibilities"}


def test_initialisms_are_derived_for_project_names() -> None:
    assert derived_initialisms("Karachi Circular Railway") == ("KCR",)
    assert derived_initialisms("Main Line-1") == ("ML-1",)
    assert derived_initialisms("China-Pakistan Free Trade Agreement") == ("CPFTA",)


def test_no_initialism_for_events_or_all_common_words() -> None:
    assert derived_initialisms("Gandhara Art Exhibition") == ()
    assert derived_initialisms("Bilateral Investment Treaty") == ()
    assert derived_initialisms("Committee on Trade in Goods") == ()


def test_spelling_variants_cover_hyphens_spaces_and_joined_words() -> None:
    assert spelling_variants("Main Line-1") == ("Main Line-1", "Main Line 1", "Mainline-1")
    assert spelling_variants("COP 28") == ("COP 28", "COP28", "COP-28")


def test_swapped_country_pair_is_a_variant() -> None:
    assert "Pakistan-China Free Trade Agreement" in spelling_variants("China-Pakistan Free Trade Agreement")


def test_used_acronym_is_linked_to_the_swapped_name_it_spells() -> None:
    text = "Since the Pakistan-China Free Trade Agreement took effect, CPFTA trade grew."
    assert acronym_table(text)["CPFTA"] == "Pakistan-China Free Trade Agreement"


def test_place_before_a_facility_noun_names_the_facility() -> None:
    text = "progress on the Gwadar port and other projects of the port and free zone."
    entity = find_entities(text, {})[0]
    assert entity.aliases == ("Gwadar Port", "Gwadar Free Zone")


def test_people_and_weekdays_are_not_entities() -> None:
    text = "Prime Minister Shehbaz Sharif met Pakistan on Wednesday."
    assert find_entities(text, {}) == []


def test_places_do_not_identify_a_pledge() -> None:
    entities = find_entities("issues such as Taiwan, South China Sea and Hong Kong.", {})
    assert entities and not any(e.is_identifying for e in entities)


def test_curly_apostrophe_gets_a_straight_variant() -> None:
    assert spelling_variants("Foreign Minister’s Strategic Dialogue") == (
        "Foreign Minister’s Strategic Dialogue",
        "Foreign Minister's Strategic Dialogue",
    )


def test_a_year_of_something_is_also_written_the_headline_way() -> None:
    assert "Tourism Exchanges Year" in spelling_variants("Year of Tourism Exchanges")
    assert "Culture and Tourism Year" in spelling_variants("Year of Culture and Tourism")
    assert spelling_variants("Year of the Dragon") == ("Year of the Dragon",)
