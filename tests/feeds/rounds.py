"""What a poll round needs from the running app, built from real values (no mocks): a database and a watchlist."""

from __future__ import annotations

from dataclasses import dataclass, field

from feeds import PollingSettings
from matcher import Matcher, compile_matcher
from storage import Database
from watchlist import Commitment, Watchlist

ML1 = Commitment(
    id="ml-1",
    title="Upgrade the Main Line-1 railway",
    section="Connectivity",
    quote="upgrade ML-1",
    aliases=("ML-1", "Main Line-1"),
    tags=("rail",),
)


@dataclass
class RoundConfig:
    polling: PollingSettings = field(default_factory=lambda: PollingSettings(interval_seconds=600))


@dataclass
class RoundServices:
    """The parts of the running app a round reads."""

    database: Database
    watchlist: Watchlist = field(default_factory=lambda: Watchlist(commitments=(ML1,)))
    config: RoundConfig = field(default_factory=RoundConfig)

    @property
    def matcher(self) -> Matcher:
        return compile_matcher(self.watchlist)
