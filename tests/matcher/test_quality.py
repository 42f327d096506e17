"""Matcher quality on labelled real news, for the shipped and a freshly generated watchlist.

Three sets (see tests/matcher/evaluation.py): the development corpus's `dev` split (rules were tuned
on it), its frozen `test` split (never tuned on), and the 261 items written beside the first matcher.
Run with `-s` to see the figures. The floors are regression guards a little below what was measured
when they were set; the figures themselves go in the closing notes, not in these asserts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher import Matcher, compile_matcher
from tests.matcher.evaluation import (
    Item,
    Report,
    Split,
    Topic,
    evaluate,
    load_legacy,
    load_legacy_topics,
    load_news,
    load_news_topics,
)
from watchlist import Watchlist, generate_watchlist, load_watchlist

REPO = Path(__file__).resolve().parents[2]
COMMUNIQUE = "communiques/pakistan-china-2022-11.txt"


@pytest.fixture(scope="module")
def shipped() -> Watchlist:
    return load_watchlist(REPO / "watchlist.toml")


@pytest.fixture(scope="module")
def generated() -> Watchlist:
    return generate_watchlist((REPO / COMMUNIQUE).read_text(encoding="utf-8"), COMMUNIQUE)


def _report(watchlist: Watchlist, items: list[Item], topics: dict[str, Topic], name: str) -> Report:
    matcher: Matcher = compile_matcher(watchlist)
    report = evaluate(
        lambda title, summary: [m.commitment for m in matcher.match(title, summary)], watchlist, items, topics
    )
    print(report.summary(name))
    return report


def test_corpus_is_large_labelled_by_statement_and_split_before_tuning() -> None:
    items = load_news()
    topics = load_news_topics()
    assert len(items) >= 400
    assert len({item.id for item in items}) == len(items)
    assert {label for item in items for label in item.labels} <= set(topics)
    assert {item.split for item in items} == {"dev", "test"}
    assert sum(item.split == "test" for item in items) >= len(items) / 3
    assert sum(1 for item in items if not item.labels) >= 150, "hard negatives and other parties' news"
    assert all(dict(item.signals).keys() == set(item.labels) for item in items)


def test_every_topic_fragment_is_text_of_the_communique() -> None:
    plain = " ".join((REPO / COMMUNIQUE).read_text(encoding="utf-8").split())
    fragments = [f for topic in load_news_topics().values() for f in topic.fragments]
    assert [f for f in fragments if f not in plain] == []


def test_shipped_watchlist_holds_every_statement(shipped: Watchlist) -> None:
    report = _report(shipped, load_news(), load_news_topics(), "shipped, all news")
    assert report.unmapped_topics == set()


@pytest.mark.parametrize(("split", "precision", "recall"), [("dev", 0.78, 0.78), ("test", 0.72, 0.74)])
def test_shipped_watchlist_on_real_news(shipped: Watchlist, split: Split, precision: float, recall: float) -> None:
    report = _report(shipped, load_news(split), load_news_topics(), f"shipped watchlist.toml, news {split}")
    assert report.precision >= precision
    assert report.recall >= recall


def test_shipped_watchlist_on_the_first_matcher_items(shipped: Watchlist) -> None:
    report = _report(shipped, load_legacy(), load_legacy_topics(), "shipped watchlist.toml, first 261 items")
    assert report.precision >= 0.8
    assert report.recall >= 0.7


@pytest.mark.parametrize("split", ["dev", "test"])
def test_freshly_generated_watchlist_on_real_news(generated: Watchlist, split: Split) -> None:
    report = _report(generated, load_news(split), load_news_topics(), f"freshly generated watchlist, news {split}")
    assert report.precision >= 0.45
    assert report.recall >= 0.35
