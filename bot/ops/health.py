"""Is this process doing its job? What `/healthz` answers, and the database reads behind `/metrics`.

Healthy means both:
- the database answers a query within `DATABASE_TIMEOUT_SECONDS`;
- the poll job shows signs of life: a round started, a feed refreshed or a round finished within the last
  `stale_after` seconds (3 poll ticks plus one request timeout, see `poll_stale_after`). A long round of
  many feeds stays healthy as long as feeds keep finishing; a scheduler that stopped running jobs, or a
  poll job that fails every time (say, on a broken database), does not.
Telegram being unreachable is not ill health of this process (restarting it would not help): the
dispatcher backs off and `pledgewatch_outbox_oldest_pending_age_seconds` shows the alerts waiting.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.ops.metrics import Metrics
from feeds import RefreshOutcome
from storage import EVERY_CHAT, ChatScope, Database, oldest_due_alert

log = logging.getLogger(__name__)

POLL_STALE_TICKS = 3
DATABASE_TIMEOUT_SECONDS = 5.0


def poll_stale_after(tick_seconds: float, request_timeout_seconds: float) -> float:
    """Quiet time after which the poll job counts as stuck: 3 ticks, plus one feed request that may hang
    until its timeout while nothing else finishes."""
    return POLL_STALE_TICKS * tick_seconds + request_timeout_seconds


@dataclass
class Liveness:
    """When the jobs last did something; the poll round reports each refreshed feed (as a `PollProgress`)."""

    clock: Callable[[], datetime]
    started_at: datetime = field(init=False)
    poll_activity_at: datetime = field(init=False)
    last_poll_round: datetime | None = None
    last_dispatch: datetime | None = None

    def __post_init__(self) -> None:
        self.started_at = self.poll_activity_at = self.clock()

    def started(self, total: int) -> None:
        self.poll_activity_at = self.clock()

    def refreshed(self, outcome: RefreshOutcome) -> None:
        self.poll_activity_at = self.clock()

    def poll_finished(self) -> None:
        self.last_poll_round = self.poll_activity_at = self.clock()

    def dispatched(self) -> None:
        self.last_dispatch = self.clock()


@dataclass(frozen=True, slots=True)
class Health:
    healthy: bool
    database_reachable: bool
    last_poll_round: datetime | None
    last_dispatch: datetime | None
    problems: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.healthy else "unhealthy",
            "last_poll_round": _iso(self.last_poll_round),
            "last_dispatch": _iso(self.last_dispatch),
            "database_reachable": self.database_reachable,
            "problems": list(self.problems),
        }


def assess(liveness: Liveness, database_reachable: bool, now: datetime, stale_after: float) -> Health:
    """The verdict from what was observed (pure: the caller did the database check)."""
    problems = []
    if not database_reachable:
        problems.append(f"the database did not answer within {DATABASE_TIMEOUT_SECONDS:g} s")
    quiet = (now - liveness.poll_activity_at).total_seconds()
    if quiet > stale_after:
        problems.append(f"no poll activity for {quiet:.0f} s (more than {stale_after:g} s)")
    return Health(
        healthy=not problems,
        database_reachable=database_reachable,
        last_poll_round=liveness.last_poll_round,
        last_dispatch=liveness.last_dispatch,
        problems=tuple(problems),
    )


@dataclass(frozen=True, slots=True)
class _OutboxRead:
    reachable: bool
    oldest_due_alert: datetime | None = None


@dataclass
class Probe:
    """Reads the database for `/healthz` and `/metrics`, each read bounded by a timeout."""

    database: Database
    liveness: Liveness
    metrics: Metrics
    stale_after: float
    scope: ChatScope = EVERY_CHAT

    async def health(self) -> Health:
        now = self.liveness.clock()
        read = await self._read_outbox(now)
        return assess(self.liveness, read.reachable, now, self.stale_after)

    async def refresh_metrics(self) -> None:
        """Bring the gauges read from the database up to date; left as they were if it does not answer."""
        now = self.liveness.clock()
        read = await self._read_outbox(now)
        if read.reachable:
            oldest = read.oldest_due_alert
            self.metrics.set_outbox_age((now - oldest).total_seconds() if oldest else 0.0)

    async def _read_outbox(self, now: datetime) -> _OutboxRead:
        """The one read both endpoints need; it doubles as the database check."""
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT_SECONDS), self.database.transaction() as connection:
                return _OutboxRead(True, await oldest_due_alert(connection, now, self.scope))
        except Exception as error:  # failing to answer is the finding, not a crash of the endpoint
            log.warning("health check: the database did not answer: %s", _first_line(error))
            return _OutboxRead(False)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _first_line(error: Exception) -> str:
    return next(iter(str(error).splitlines()), "") or type(error).__name__
