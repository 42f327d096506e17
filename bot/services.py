"""What the handlers, the scheduled jobs and the dispatcher share for the life of the process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.config import Config
from matcher import Matcher, compile_matcher
from storage import Database
from watchlist import Watchlist, WatchlistReloader


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """The running app's state: config, database, the watchlist in force and its compiled matcher.

    The matcher is recompiled lazily when the reloader swaps in a new watchlist, so a hot reload
    costs one compilation and every caller sees the same pledges.
    """

    config: Config
    database: Database
    watchlists: WatchlistReloader
    clock: Callable[[], datetime] = utc_now
    _compiled: tuple[Watchlist, Matcher] | None = field(default=None, repr=False)

    @property
    def watchlist(self) -> Watchlist:
        return self.watchlists.current

    @property
    def matcher(self) -> Matcher:
        current = self.watchlist
        if self._compiled is None or self._compiled[0] is not current:
            self._compiled = (current, compile_matcher(current, self.config.matcher.threshold))
        return self._compiled[1]

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.config.telegram.admins
