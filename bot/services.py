"""What the handlers, the scheduled jobs and the dispatcher share for the life of the process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.config import Config
from bot.matching import SemanticStage, build_matcher
from matcher import LearnedModel, Matcher
from storage import Database
from watchlist import Watchlist, WatchlistReloader

RULES_ALONE = SemanticStage(None, "semantic stage not loaded: matching on rules alone")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """The running app's state: config, database, the watchlist in force and its compiled matcher.

    The matcher is recompiled lazily when the reloader swaps in a new watchlist, so a hot reload
    costs one compilation and every caller sees the same pledges; a newly learned model is swapped in
    without recompiling (`learned`). `semantic` is the semantic stage's model, loaded once at start.
    """

    config: Config
    database: Database
    watchlists: WatchlistReloader
    clock: Callable[[], datetime] = utc_now
    semantic: SemanticStage = RULES_ALONE
    learned: LearnedModel | None = None
    learned_at: datetime | None = None
    _compiled: tuple[Watchlist, Matcher] | None = field(default=None, repr=False)
    _taught: Matcher | None = field(default=None, repr=False)

    @property
    def watchlist(self) -> Watchlist:
        return self.watchlists.current

    @property
    def matcher(self) -> Matcher:
        current = self.watchlist
        if self._compiled is None or self._compiled[0] is not current:
            self._compiled = (current, build_matcher(current, self.config.matcher, self.semantic))
            self._taught = None
        if self._taught is None or self._taught.model is not self.learned:
            self._taught = self._compiled[1].with_model(self.learned)
        return self._taught

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.config.telegram.admins
