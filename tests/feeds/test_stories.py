from feeds.stories import StoryIndex, story_tokens, title_similarity


def test_aggregator_outlet_suffix_is_not_part_of_the_story() -> None:
    assert story_tokens("ML-1 loan signed - Harbour Times") == story_tokens("ML-1 loan signed")


def test_padded_headline_from_another_outlet_is_the_same_story() -> None:
    a = "Pakistan, China sign ML-1 financing deal - Dawn"
    b = "Pakistan and China sign $6.7bn ML-1 railway financing deal in Beijing"
    assert title_similarity(a, b) == 1.0


def test_headlines_differing_in_the_decisive_word_are_different_stories() -> None:
    assert title_similarity("Khunjerab pass reopens for trade", "Khunjerab pass closes for trade") < 0.8


def test_short_titles_only_match_when_identical() -> None:
    assert title_similarity("Talks resume", "Talks stall") == 0.0
    assert title_similarity("Talks resume", "talks RESUME") == 1.0


def test_index_finds_the_story_of_a_near_identical_title() -> None:
    index = StoryIndex()
    index.add(7, "Gwadar airport opens to commercial flights")
    assert index.find("Gwadar airport opens to commercial flights - Harbour Times") == 7


def test_index_returns_none_for_an_unrelated_title() -> None:
    index = StoryIndex()
    index.add(7, "Gwadar airport opens to commercial flights")
    assert index.find("Textile exporters ask for lower duties") is None


def test_index_prefers_the_most_similar_story() -> None:
    index = StoryIndex()
    index.add(1, "Gwadar airport opens new cargo terminal for flights")
    index.add(2, "Gwadar airport opens to commercial flights")
    assert index.find("Gwadar airport opens to commercial flights") == 2


def test_index_finds_stories_that_share_only_common_words_plus_rare_ones() -> None:
    index = StoryIndex()
    for story_id in range(100):
        index.add(story_id, f"Pakistan China talks round {story_id}")
    index.add(500, "Pakistan China sign Khunjerab customs protocol")
    assert index.find("Pakistan and China sign Khunjerab customs protocol") == 500


def test_index_keeps_the_first_title_of_a_story() -> None:
    index = StoryIndex()
    index.add(3, "Fisheries cooperation meeting held in Karachi")
    index.add(3, "Something else entirely about railways")
    assert index.find("Something else entirely about railways") is None
    assert len(index) == 1
