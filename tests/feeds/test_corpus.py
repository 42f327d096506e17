"""Odd real-world feeds from feedparser's test suite (BSD licence, see corpus/LICENSE-feedparser)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.errors import FeedError
from feeds.parse import parse_feed
from tests.feeds.support import DATA

CORPUS = sorted((DATA / "corpus").glob("*.xml"))


def test_the_corpus_sample_is_present() -> None:
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_corpus_feed_yields_articles_or_a_feed_error(path: Path) -> None:
    try:
        parsed = parse_feed(path.read_bytes(), {}, "http://corpus.example/feed", datetime.now(UTC))
    except FeedError as error:
        assert str(error)
    else:
        assert all(article.identity and article.published.tzinfo is UTC for article in parsed.articles)
