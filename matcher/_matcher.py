"""The public face: compile a watchlist once, then score articles against it."""

from __future__ import annotations

from dataclasses import dataclass

from matcher._evidence import SUMMARY_WEIGHT, TITLE_WEIGHT, Evidence
from matcher._index import PhraseIndex, build_index
from watchlist import Watchlist

DEFAULT_THRESHOLD = 0.5
"""Score at which an article is linked to a pledge: one unit of evidence (see `matcher._evidence`)."""


@dataclass(frozen=True, slots=True)
class Match:
    """An article linked to one pledge.

    `why` lists the terms that made the match, strongest first, each prefixed with its role:
    "alias: ML-1", "keyword: railway", or "exclude: bus rapid transit" for a vetoed pledge
    (score 0, shown by `explain` only).
    """

    commitment: str
    score: float
    why: tuple[str, ...]


class Matcher:
    """A watchlist compiled for scoring; pure, no I/O, safe to share between threads."""

    __slots__ = ("_ids", "_index", "threshold")

    def __init__(self, watchlist: Watchlist, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"matcher threshold must be between 0 and 1 (got {threshold})")
        self.threshold = threshold
        self._ids = tuple(c.id for c in watchlist.commitments)
        self._index: PhraseIndex = build_index(watchlist)

    def match(self, title: str, summary: str = "") -> list[Match]:
        """The pledges this article is about: score at or above the threshold, best first."""
        return self._scored(title, summary, self.threshold)

    def explain(self, text: str, summary: str = "") -> list[Match]:
        """Every pledge's score and reasons, best first, including those that scored 0."""
        found = {m.commitment: m for m in self._scored(text, summary, 0.0)}
        every = [found.get(commitment_id, Match(commitment_id, 0.0, ())) for commitment_id in self._ids]
        return sorted(every, key=lambda m: -m.score)

    def _scored(self, title: str, summary: str, threshold: float) -> list[Match]:
        """Matches for every pledge with any evidence scoring at least `threshold`."""
        evidence, parties = self._evidence(title, summary)
        matches = []
        for number, found in evidence.items():
            value = found.score(parties)
            if value >= threshold:
                matches.append(Match(self._ids[number], value, found.why()))
        matches.sort(key=lambda m: -m.score)
        return matches

    def _evidence(self, title: str, summary: str) -> tuple[dict[int, Evidence], int]:
        """What was found for each pledge, and how many parties the article names."""
        index = self._index
        in_title = index.find(title)
        in_summary = index.find(summary) - in_title if summary else set()
        evidence: dict[int, Evidence] = {}
        context: set[int] = set()
        for found, place_weight in ((in_title, TITLE_WEIGHT), (in_summary, SUMMARY_WEIGHT)):
            for key in found:
                if groups := index.context_of.get(key):
                    context.update(groups)
                for target in index.targets.get(key, ()):
                    pledge = evidence.get(target.commitment)
                    if pledge is None:
                        pledge = evidence[target.commitment] = Evidence()
                    pledge.add(target, place_weight)
        return evidence, len(context)


def compile_matcher(watchlist: Watchlist, threshold: float = DEFAULT_THRESHOLD) -> Matcher:
    """Compile `watchlist` once; reuse the matcher for every article."""
    return Matcher(watchlist, threshold)
