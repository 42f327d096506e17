"""The public face: compile a watchlist once, then score articles against it."""

from __future__ import annotations

from dataclasses import dataclass

from matcher._compile import Compiled, compile_watchlist
from matcher._decide import Assessment, assess
from matcher._signal import Reading, Signal, read_signal
from watchlist import Watchlist

DEFAULT_THRESHOLD = 0.5
"""Score at which an article is linked to a pledge: one unit of evidence (see `matcher._evidence`)."""


@dataclass(frozen=True, slots=True)
class Match:
    """An article linked to one pledge.

    `why` lists the terms that made the match, strongest first, each prefixed with its role
    ("alias: ML-1", "keyword: railway (summary)"), then what the rules decided ("umbrella:
    explained by ml-1-railway"), then the signal and its cue ("signal: progress — 'signed'"); a
    vetoed pledge shows "exclude: bus rapid transit". `signal` says whether the news is a step
    forward, a step back, or talk (`matcher._signal`).
    """

    commitment: str
    score: float
    why: tuple[str, ...]
    signal: Signal = Signal.MENTION


class Matcher:
    """A watchlist compiled for scoring; pure, no I/O, safe to share between threads."""

    __slots__ = ("_compiled", "_threshold_units", "threshold")

    def __init__(self, watchlist: Watchlist, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 <= threshold < 1.0:
            raise ValueError(f"matcher threshold must be at least 0 and below 1 (got {threshold})")
        self.threshold = threshold
        self._threshold_units = threshold / (1.0 - threshold)
        self._compiled: Compiled = compile_watchlist(watchlist)

    def match(self, title: str, summary: str = "") -> list[Match]:
        """The pledges this article is about, best first."""
        kept = [a for a in self._assess(title, summary) if a.kept]
        if not kept:
            return []
        reading = read_signal(title, summary)
        return [self._as_match(a, reading) for a in sorted(kept, key=lambda a: -a.units)]

    def explain(self, title: str, summary: str = "") -> list[Match]:
        """Every pledge's score and reasons, best first: kept ones with their score, dropped ones at 0
        with the rule that dropped them, and pledges without any evidence at 0."""
        found = {a.number: a for a in self._assess(title, summary)}
        reading = read_signal(title, summary)
        order = sorted(
            range(len(self._compiled.ids)), key=lambda n: (n not in found, -found[n].units if n in found else 0)
        )
        every = [
            self._as_match(found[n], reading) if n in found else Match(self._compiled.ids[n], 0.0, ()) for n in order
        ]
        return sorted(every, key=lambda m: -m.score)

    def _assess(self, title: str, summary: str) -> list[Assessment]:
        hits = self._compiled.index.find(title, summary)
        return assess(self._compiled, hits, self._threshold_units)

    def _as_match(self, assessment: Assessment, reading: Reading) -> Match:
        score = assessment.units / (assessment.units + 1.0) if assessment.kept else 0.0
        why = (*assessment.evidence.why(), *assessment.notes, reading.why())
        return Match(self._compiled.ids[assessment.number], score, why, reading.signal)


def compile_matcher(watchlist: Watchlist, threshold: float = DEFAULT_THRESHOLD) -> Matcher:
    """Compile `watchlist` once; reuse the matcher for every article."""
    return Matcher(watchlist, threshold)
