"""News-search queries: the grammar of news search engines, and what text a query finds."""

from __future__ import annotations

import pytest

from watchlist.search import finds, long_phrases, parse_query


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("CPEC", "Pakistan reviews CPEC projects", True),
        ("CPEC", "Pakistan reviews corridor projects", False),
        ('"Main Line-1" railway', "Main Line-1 railway deal signed", True),
        ('"Main Line-1" railway', "Main railway line 1 deal signed", False),
        ('(ML-1 OR "Main Line-1") financing', "ML-1 financing agreed", True),
        ('(ML-1 OR "Main Line-1") financing', "Main Line-1 financing agreed", True),
        ('(ML-1 OR "Main Line-1") financing', "ML-1 tender opens", False),
        ("(Pakistan OR Pakistani) flight", "Pakistani flights resume", True),
        ("(Pakistan OR Pakistani) flight", "Indian flights resume", False),
    ],
)
def test_a_query_finds_what_a_news_search_engine_would(query: str, text: str, found: bool) -> None:
    assert finds(parse_query(query), text) is found


def test_an_empty_query_finds_nothing() -> None:
    assert not finds(parse_query(""), "anything at all")


def test_only_long_quoted_phrases_are_too_long() -> None:
    query = '"Military visits, training, joint exercises and military technology" OR "Main Line-1"'
    assert long_phrases(query) == ["Military visits, training, joint exercises and military technology"]
    assert long_phrases('("Karachi Circular Railway" OR KCR)') == []
