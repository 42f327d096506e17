"""Score a matcher against the labelled news in tests/data/matcher: micro precision and recall.

Labels are topic keys, not commitment ids (ids come from the generator and may change); a topic
stands for every commitment whose quote overlaps one of the topic's fragments in topics.toml.

Micro-averaged over (item, pledge) pairs: a labelled topic is found when any of its commitments
matches (a watchlist may split one pledge in several); every matched commitment that belongs to
none of the item's topics is a false positive.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from matcher import Matcher
from watchlist import Watchlist

DATA = Path(__file__).resolve().parents[1] / "data" / "matcher"
# A fragment and a quote overlap when they share this many characters in one run.
MIN_SHARED_CHARS = 40


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    title: str
    summary: str
    labels: tuple[str, ...]


@dataclass(slots=True)
class Report:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    unmapped_topics: set[str] = field(default_factory=set)
    confusions: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    def summary(self, name: str) -> str:
        return (
            f"{name}: precision {self.precision:.3f} recall {self.recall:.3f} "
            f"(tp {self.true_positives}, fp {self.false_positives}, fn {self.false_negatives}; "
            f"topics not in this watchlist: {sorted(self.unmapped_topics) or 'none'})"
        )


def load_items() -> list[Item]:
    with (DATA / "eval.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [Item(r["id"], r["title"], r["summary"], tuple(r["labels"])) for r in rows]


def load_topics() -> dict[str, tuple[str, ...]]:
    with (DATA / "topics.toml").open("rb") as file:
        return {key: tuple(fragments) for key, fragments in tomllib.load(file).items()}


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def _overlaps(fragment: str, quote: str) -> bool:
    fragment, quote = _plain(fragment), _plain(quote)
    if fragment in quote or quote in fragment:
        return True
    shared = SequenceMatcher(None, fragment, quote, autojunk=False).find_longest_match()
    return shared.size >= MIN_SHARED_CHARS


def topic_map(watchlist: Watchlist, topics: dict[str, tuple[str, ...]]) -> dict[str, set[str]]:
    """Topic key → ids of the commitments that state that pledge."""
    return {
        key: {c.id for c in watchlist.commitments if any(_overlaps(f, c.quote) for f in fragments)}
        for key, fragments in topics.items()
    }


def evaluate(matcher: Matcher, watchlist: Watchlist) -> Report:
    mapping = topic_map(watchlist, load_topics())
    report = Report()
    for item in load_items():
        topics = {label: mapping[label] for label in item.labels}
        report.unmapped_topics |= {label for label, ids in topics.items() if not ids}
        found = {m.commitment for m in matcher.match(item.title, item.summary)}
        for label, ids in topics.items():
            if ids & found:
                report.true_positives += 1
            elif ids:
                report.false_negatives += 1
                report.confusions.append(f"FN {item.id} {label}: {item.title}")
        for wrong in sorted(found - set().union(*topics.values())):
            report.false_positives += 1
            report.confusions.append(f"FP {item.id} {wrong}: {item.title}")
    return report
