"""Rules, rules + semantic, and + readers' feedback, measured two-fold on the labelled news (see learning.py).

Run with -s for the figures (they go in the closing notes). The floors guard against regressions a
little below what was measured when they were set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher import Matcher, compile_matcher
from tests.matcher.evaluation import load_news, load_news_topics
from tests.matcher.learning import two_fold
from tests.support.model import MemoEmbedder, installed_embedder
from watchlist import Watchlist, load_watchlist

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped() -> Watchlist:
    return load_watchlist(REPO / "watchlist.toml")


@pytest.fixture(scope="module")
def semantic(shipped: Watchlist) -> Matcher:
    return compile_matcher(shipped, embedder=MemoEmbedder(installed_embedder()))


@pytest.mark.parametrize(
    ("stage", "learn", "precision", "recall"),
    [
        ("rules", False, 0.78, 0.77),
        ("rules", True, 0.78, 0.72),
        ("semantic", False, 0.75, 0.78),
        ("semantic", True, 0.75, 0.75),
    ],
)
def test_two_fold_on_the_development_corpus(
    shipped: Watchlist, semantic: Matcher, stage: str, learn: bool, precision: float, recall: float
) -> None:
    matcher = semantic if stage == "semantic" else compile_matcher(shipped)
    name = f"{'rules' if stage == 'rules' else 'rules + semantic'}{' + feedback' if learn else ''}"
    report = two_fold(matcher, shipped, load_news(), load_news_topics(), learn=learn)
    print(report.summary(f"shipped watchlist, all news two-fold, {name}"))
    assert report.precision >= precision
    assert report.recall >= recall
