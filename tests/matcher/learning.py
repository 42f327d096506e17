"""Two-fold evaluation of learning from readers, as the semantic-stage issue asks.

The labelled news is cut in two halves (a fixed seed). Readers are simulated on one half: every alert
the matcher sends is marked relevant or not by the item's labels, and every labelled pledge the
matcher missed is linked by an admin. The matcher learns from those verdicts and is scored on the
other half; then the halves swap. Reported for rules only, rules + semantic, rules + semantic +
feedback (and rules + feedback), as micro precision and recall over both test halves together.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from matcher import Feedback, Matcher
from tests.matcher.evaluation import Item, Report, Topic, evaluate, topic_map
from watchlist import Watchlist

SEED = 20261128


def halves(items: Sequence[Item]) -> tuple[list[Item], list[Item]]:
    ordered = sorted(items, key=lambda item: item.id)
    random.Random(SEED).shuffle(ordered)
    middle = len(ordered) // 2
    return ordered[:middle], ordered[middle:]


def simulated_feedback(
    matcher: Matcher, watchlist: Watchlist, items: Sequence[Item], topics: dict[str, Topic]
) -> list[Feedback]:
    """What readers and an admin would press on these items' alerts and misses."""
    mapping = topic_map(watchlist, topics)
    feedback: list[Feedback] = []
    for item, matches in zip(items, matcher.match_many([(i.title, i.summary) for i in items]), strict=True):
        expected = set().union(*(mapping[label] for label in item.labels)) if item.labels else set()
        alerted = {m.commitment for m in matches}
        feedback += [Feedback(item.title, item.summary, c, c in expected) for c in sorted(alerted)]
        for label in item.labels:
            if mapping[label] and not mapping[label] & alerted:
                feedback.append(Feedback(item.title, item.summary, sorted(mapping[label])[0], True))
    return feedback


def two_fold(
    matcher: Matcher, watchlist: Watchlist, items: Sequence[Item], topics: dict[str, Topic], learn: bool
) -> Report:
    total = Report()
    first, second = halves(items)
    for train, test in ((first, second), (second, first)):
        scored = matcher
        if learn:
            scored = matcher.with_model(matcher.learn(simulated_feedback(matcher, watchlist, train, topics)))
        pairs = [(i.title, i.summary) for i in test]
        found = {
            pair: [m.commitment for m in matches] for pair, matches in zip(pairs, scored.match_many(pairs), strict=True)
        }

        def looked_up(title: str, summary: str, found: dict[tuple[str, str], list[str]] = found) -> list[str]:
            return found[(title, summary)]

        report = evaluate(looked_up, watchlist, test, topics)
        total.true_positives += report.true_positives
        total.false_positives += report.false_positives
        total.false_negatives += report.false_negatives
    return total
