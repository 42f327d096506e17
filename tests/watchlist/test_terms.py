"""Keyword choice: a pledge's own distinctive words, then the words news uses for them."""

from __future__ import annotations

from watchlist.terms import MAX_NEWS_WORDS, WordRarity, keywords, news_words


def _keywords(promise: str) -> tuple[str, ...]:
    return keywords(promise, "", WordRarity([promise]))


def test_news_words_follow_the_pledges_own_keywords() -> None:
    found = _keywords("Both sides agreed to ensure the safety of all personnel at the dam.")
    assert found[: found.index("personnel") + 1] == ("safety", "personnel")
    assert {"workers", "engineers"} <= set(found[found.index("personnel") :])


def test_process_words_of_the_statement_are_not_keywords() -> None:
    found = _keywords("They agreed to convene a meeting to maintain the momentum of tariff liberalisation.")
    assert "tariff" in found and "liberalisation" in found
    assert not {"convene", "maintain", "momentum"} & set(found)


def test_a_pledge_without_news_vocabulary_keeps_only_its_own_words() -> None:
    assert news_words(["liberalisation", "tariff"]) == []


def test_news_words_are_capped_and_never_repeat_a_keyword() -> None:
    found = news_words(["personnel", "nationals", "workers", "military", "flood"])
    assert len(found) == MAX_NEWS_WORDS
    assert "workers" not in found
