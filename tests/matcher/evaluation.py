"""Score a matcher against labelled news: micro precision and recall over (item, statement) pairs.

Two corpora, both labelled by hand against the statements of the bundled communique, never against
a matcher's output:
- `news`: tests/data/news (649 items from real reporting, with a `dev` / `test` split frozen before
  any rule was tuned; topics in its topics.toml);
- `legacy`: tests/data/matcher (261 items written next to the first matcher; kept as a third set).

Labels are topic keys, not commitment ids (ids come from a generator and may change); a topic stands
for every commitment whose quote overlaps one of the topic's fragments. A labelled topic is found
when any of its commitments matches (a watchlist may split one statement in several); a topic the
watchlist does not hold at all counts as missed, since a user would miss that news too. Every matched
commitment that belongs to none of the item's topics is a false positive.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Literal

from watchlist import Watchlist

DATA = Path(__file__).resolve().parents[1] / "data"
COMMUNIQUE = Path(__file__).resolve().parents[2] / "communiques" / "pakistan-china-2022-11.txt"
# A fragment and a quote overlap when they share this many characters in one run.
MIN_SHARED_CHARS = 40

Split = Literal["dev", "test", "all"]
MatchFunction = Callable[[str, str], Iterable[str]]
"""(title, summary) → the ids of the commitments matched."""


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    title: str
    summary: str
    labels: tuple[str, ...]
    signals: tuple[tuple[str, str], ...] = ()
    split: str = "dev"


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    kind: str
    fragments: tuple[str, ...]
    parent: str | None = None


@dataclass(slots=True)
class Report:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    unmapped_topics: set[str] = field(default_factory=set)
    confusions: list[str] = field(default_factory=list)
    false_by_commitment: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def summary(self, name: str) -> str:
        return (
            f"{name}: P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} "
            f"(tp {self.true_positives}, fp {self.false_positives}, fn {self.false_negatives}; "
            f"topics not in the watchlist: {sorted(self.unmapped_topics) or 'none'})"
        )


def load_news(split: Split = "all") -> list[Item]:
    rows = _jsonl(DATA / "news" / "news.jsonl")
    items = [
        Item(r["id"], r["title"], r["summary"], tuple(r["labels"]), tuple(r["signals"].items()), r["split"])
        for r in rows
    ]
    return [item for item in items if split == "all" or item.split == split]


def load_news_topics() -> dict[str, Topic]:
    with (DATA / "news" / "topics.toml").open("rb") as file:
        raw = tomllib.load(file)
    return {key: Topic(key, v["kind"], tuple(v["fragments"]), v.get("parent")) for key, v in raw.items()}


def load_legacy() -> list[Item]:
    return [
        Item(r["id"], r["title"], r["summary"], tuple(r["labels"])) for r in _jsonl(DATA / "matcher" / "eval.jsonl")
    ]


def load_legacy_topics() -> dict[str, Topic]:
    with (DATA / "matcher" / "topics.toml").open("rb") as file:
        return {key: Topic(key, "pledge", tuple(fragments)) for key, fragments in tomllib.load(file).items()}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def overlaps(fragment: str, quote: str) -> bool:
    fragment, quote = _plain(fragment), _plain(quote)
    if fragment in quote or quote in fragment:
        return True
    shared = SequenceMatcher(None, fragment, quote, autojunk=False).find_longest_match()
    return shared.size >= MIN_SHARED_CHARS


def _statement_sentences(fragment: str) -> str:
    """The sentence(s) of the communique a fragment comes from: a commitment that quotes any part of the
    statement states it, even when a watchlist splits one statement into several commitments."""
    text = " ".join(COMMUNIQUE.read_text(encoding="utf-8").split())
    at = text.find(fragment)
    if at < 0:
        return fragment
    start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at + len(fragment))
    return text[start : end + 1 if end >= 0 else len(text)]


def topic_map(watchlist: Watchlist, topics: dict[str, Topic]) -> dict[str, set[str]]:
    """Topic key → ids of the commitments that state that statement."""
    sentences = {key: [_statement_sentences(f) for f in topic.fragments] for key, topic in topics.items()}
    return {
        key: {c.id for c in watchlist.commitments if any(overlaps(s, c.quote) for s in sentences[key])}
        for key in topics
    }


def evaluate(match: MatchFunction, watchlist: Watchlist, items: Sequence[Item], topics: dict[str, Topic]) -> Report:
    mapping = topic_map(watchlist, topics)
    report = Report()
    for item in items:
        expected = {label: mapping[label] for label in item.labels}
        report.unmapped_topics |= {label for label, ids in expected.items() if not ids}
        found = set(match(item.title, item.summary))
        for label, ids in expected.items():
            if ids & found:
                report.true_positives += 1
            else:
                report.false_negatives += 1
                report.confusions.append(f"FN {item.id} {label}: {item.title}")
        for wrong in sorted(found - set().union(*expected.values())):
            report.false_positives += 1
            report.false_by_commitment[wrong] += 1
            report.confusions.append(f"FP {item.id} {wrong}: {item.title}")
    return report
