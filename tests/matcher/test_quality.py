"""Matcher quality on the labelled news in tests/data/matcher, for the shipped and a fresh watchlist.

Run with `-s` to see the figures. Thresholds come from the matcher issue: precision first.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from matcher import compile_matcher
from tests.matcher.evaluation import DATA, evaluate, load_items, load_topics
from watchlist import generate_watchlist, load_watchlist

REPO = Path(__file__).resolve().parents[2]
COMMUNIQUE = "communiques/pakistan-china-2022-11.txt"


def test_evaluation_set_is_large_and_every_label_is_a_known_topic() -> None:
    items = load_items()
    topics = load_topics()
    assert len(items) >= 220
    assert len({item.id for item in items}) == len(items)
    assert {label for item in items for label in item.labels} <= set(topics)
    assert sum(1 for item in items if not item.labels) >= 80, "hard negatives and off-topic news"


def test_every_topic_fragment_is_text_of_the_communique() -> None:
    plain = " ".join((REPO / COMMUNIQUE).read_text(encoding="utf-8").replace("’", "'").split()).lower()
    with (DATA / "topics.toml").open("rb") as file:
        fragments = [f for values in tomllib.load(file).values() for f in values]
    assert [f for f in fragments if f.replace("’", "'").lower() not in plain] == []


def test_shipped_watchlist_is_precise_and_finds_most_pledges() -> None:
    watchlist = load_watchlist(REPO / "watchlist.toml")
    report = evaluate(compile_matcher(watchlist), watchlist)
    print(report.summary("shipped watchlist.toml"), *report.confusions, sep="\n  ")
    assert report.precision >= 0.90
    assert report.recall >= 0.80


def test_freshly_generated_watchlist_is_usable_without_hand_edits() -> None:
    text = (REPO / COMMUNIQUE).read_text(encoding="utf-8")
    watchlist = generate_watchlist(text, COMMUNIQUE)
    report = evaluate(compile_matcher(watchlist), watchlist)
    print(report.summary("freshly generated watchlist"), *report.confusions, sep="\n  ")
    assert report.precision >= 0.85
    assert report.recall >= 0.70
