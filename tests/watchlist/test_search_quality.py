"""Do the watchlists' news-search queries find the news about their commitments? Measured on the labelled
news corpus (tests/data/news): the share of each statement's news that one of its commitments' queries
finds, and how many unrelated items any query pulls in. Run with -s for the figures; the floors guard
against regressions a little below what was measured when they were set."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.matcher.evaluation import Split, load_news, load_news_topics, topic_map
from watchlist import Watchlist, generate_watchlist, load_watchlist
from watchlist.search import finds, parse_query

REPO = Path(__file__).resolve().parents[2]
COMMUNIQUE = "communiques/pakistan-china-2022-11.txt"


def _coverage(watchlist: Watchlist, split: Split, name: str) -> tuple[float, float]:
    items = load_news(split)
    mapping = topic_map(watchlist, load_news_topics())
    queries = {c.id: parse_query(c.search) for c in watchlist.commitments}
    found = expected = 0
    for key, ids in mapping.items():
        for item in items:
            if key in item.labels:
                expected += 1
                found += any(finds(queries[i], f"{item.title} {item.summary}") for i in ids)
    negatives = [item for item in items if not item.labels]
    pulled = sum(any(finds(q, f"{item.title} {item.summary}") for q in queries.values()) for item in negatives)
    print(
        f"{name}, news {split}: queries find {found}/{expected} ({found / expected:.2f}); "
        f"pull in {pulled}/{len(negatives)} negatives"
    )
    return found / expected, pulled / len(negatives)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_shipped_queries_find_their_news(split: Split) -> None:
    found, pulled = _coverage(load_watchlist(REPO / "watchlist.toml"), split, "shipped watchlist.toml")
    assert found >= 0.8
    assert pulled <= 0.15


@pytest.mark.parametrize("split", ["dev", "test"])
def test_generated_queries_find_their_news(split: Split) -> None:
    watchlist = generate_watchlist((REPO / COMMUNIQUE).read_text(encoding="utf-8"), COMMUNIQUE)
    found, pulled = _coverage(watchlist, split, "freshly generated watchlist")
    assert found >= 0.5
    assert pulled <= 0.15
