"""Does the matcher tell a step forward from a step back from talk? Measured on the labelled news.

Each labelled article carries, per pledge, what the labeller judged it reports: `progress`,
`setback` or `mention`. The matcher reads one signal per article, so articles whose labels
disagree between pledges are left out. Figures (macro-F1 over the three signals, accuracy) print
with -s; the floors sit a little below what was measured on each split when they were set.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from matcher import compile_matcher
from tests.matcher.evaluation import Split, load_news
from watchlist import load_watchlist

REPO = Path(__file__).resolve().parents[2]
SIGNALS = ("progress", "setback", "mention")


@dataclass(frozen=True, slots=True)
class SignalReport:
    pairs: tuple[tuple[str, str], ...]
    """(labelled, read) per article."""

    def f1(self, signal: str) -> float:
        tp = sum(gold == read == signal for gold, read in self.pairs)
        said = sum(read == signal for _, read in self.pairs)
        labelled = sum(gold == signal for gold, _ in self.pairs)
        return 2 * tp / (said + labelled) if said + labelled else 0.0

    @property
    def macro_f1(self) -> float:
        return sum(self.f1(signal) for signal in SIGNALS) / len(SIGNALS)

    @property
    def accuracy(self) -> float:
        return sum(gold == read for gold, read in self.pairs) / len(self.pairs)

    def summary(self, name: str) -> str:
        per_signal = ", ".join(f"{signal} {self.f1(signal):.3f}" for signal in SIGNALS)
        counts = Counter(gold for gold, _ in self.pairs)
        return (
            f"{name}: macro-F1 {self.macro_f1:.3f}, accuracy {self.accuracy:.3f} over {len(self.pairs)} articles "
            f"({dict(counts)}); F1 {per_signal}"
        )


def signal_report(split: Split) -> SignalReport:
    matcher = compile_matcher(load_watchlist(REPO / "watchlist.toml"))
    pairs = []
    for item in load_news(split):
        labelled = {signal for _, signal in item.signals}
        if len(labelled) == 1:
            pairs.append((labelled.pop(), matcher.signal(item.title, item.summary).value))
    return SignalReport(tuple(pairs))


@pytest.mark.parametrize(("split", "floor"), [("dev", 0.75), ("test", 0.65)])
def test_signal_on_labelled_news(split: Split, floor: float) -> None:
    report = signal_report(split)
    print(report.summary(f"signal, news {split}"))
    assert len(report.pairs) >= 100
    assert report.macro_f1 >= floor
