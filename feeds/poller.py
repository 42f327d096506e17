"""One poll round: claim the feeds that are due, refresh them concurrently, report what happened.

A round in which no feed got any HTTP answer is taken for our own network being down: those failures are
stored on the feeds but count against none of them, so an outage does not push every feed into backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from feeds.fetch import FeedFetcher, FetchResult
from feeds.refresh import HitOf, RecentStories, Refresher, RefreshOutcome, refresh_feed
from feeds.settings import PollingSettings
from feeds.stories import STORY_WINDOW
from feeds.writes import GroupCommit
from matcher import Matcher
from storage import Database, FeedRow, PledgeHit, claim_due_feeds
from watchlist import Watchlist

# Long enough for any refresh of a round to finish; a crashed poller's feeds come back after it.
LEASE = timedelta(minutes=15)
IN_FLIGHT_PER_FETCH = 16
"""Feeds between fetch and store at once, per concurrent fetch. Fetching runs ahead of parsing (one thread),
and without a bound a large round would hold every fetched body and parsed article in memory; too tight a
bound starves the round, since a feed waits for the shared writes twice (are its articles new? store them)."""


class HasPolling(Protocol):
    @property
    def polling(self) -> PollingSettings: ...


class PollServices(Protocol):
    """What a round needs from the running app (``bot.services.Services`` fits), without importing ``bot``."""

    @property
    def database(self) -> Database: ...

    @property
    def matcher(self) -> Matcher: ...

    @property
    def watchlist(self) -> Watchlist: ...

    @property
    def config(self) -> HasPolling: ...


class PollProgress(Protocol):
    """Lets the CLI draw a progress bar without the round knowing about terminals."""

    def started(self, total: int) -> None: ...

    def refreshed(self, outcome: RefreshOutcome) -> None: ...


@dataclass(frozen=True, slots=True)
class PollReport:
    """Counts of one round; ``errors`` are (feed name, URL, message), ``gone`` are (feed name, URL).

    ``answered`` counts the feeds whose server answered, with any HTTP status. ``given_back`` counts the feeds
    claimed but not refreshed because the round was stopped (due again); they are not ``checked``.
    """

    checked: int = 0
    not_modified: int = 0
    new_articles: int = 0
    matches: int = 0
    alerts_queued: int = 0
    errors: tuple[tuple[str, str, str], ...] = ()
    gone: tuple[tuple[str, str], ...] = ()
    matched_article_ids: tuple[int, ...] = ()
    network_down: bool = False
    answered: int = 0
    given_back: int = 0


class RoundBlame:
    """Holds back a failed feed's verdict until every fetch of the round is done.

    Errors with an HTTP status always count (some server answered, so the network works). A failure without
    one counts only if some other feed of the round got an answer; a round of one feed always counts. A fetch
    abandoned when the round was stopped is evidence neither way.
    """

    def __init__(self, size: int) -> None:
        self._waiting = size
        self._alone = size < 2
        self._tried = 0
        self.answered = 0
        self._all_fetched = asyncio.Event()
        if size == 0:
            self._all_fetched.set()

    @property
    def network_down(self) -> bool:
        return self._all_fetched.is_set() and not self._alone and self._tried > 0 and self.answered == 0

    def fetched(self, result: FetchResult) -> None:
        self._tried += 1
        if result.status is not None:
            self.answered += 1
        self._settled()

    def abandoned(self) -> None:
        self._settled()

    def _settled(self) -> None:
        self._waiting -= 1
        if self._waiting <= 0:
            self._all_fetched.set()

    async def counts_against_feed(self, result: FetchResult) -> bool:
        if result.status is not None:
            return True
        await self._all_fetched.wait()
        return self._alone or self.answered > 0


async def poll_round(
    services: PollServices,
    fetcher: FeedFetcher,
    now: datetime,
    *,
    every_feed: bool = False,
    names: Sequence[str] | None = None,
    progress: PollProgress | None = None,
    spread_seconds: float = 0.0,
    rng: random.Random | None = None,
    stopping: asyncio.Event | None = None,
) -> PollReport:
    """Refresh the due feeds (``every_feed``: all enabled ones, as a manual refresh) and report.

    ``spread_seconds`` starts the refreshes at random moments within that span, so a tick does not hit
    every server at the same instant. Setting ``stopping`` ends the round within moments: the feeds whose
    server has not answered yet are given back, due again, and the rest are stored as usual.
    """
    async with services.database.transaction() as connection:
        # leased, so that other pollers skip them
        feeds = await claim_due_feeds(connection, now, now + LEASE, names=names, ignore_schedule=every_feed)
    if progress is not None:
        progress.started(len(feeds))
    if not feeds:
        return _report([], RoundBlame(0))
    blame = RoundBlame(len(feeds))
    in_flight = asyncio.Semaphore(services.config.polling.concurrency * IN_FLIGHT_PER_FETCH)
    started = time.monotonic()
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-reader")
    try:
        async with GroupCommit(services.database) as writes:
            refresher = Refresher(
                fetcher=fetcher,
                match=services.matcher.match_many,
                hit_of=_hits_lookup(services.watchlist),
                polling=services.config.polling,
                writes=writes,
                stories=RecentStories(since=now - STORY_WINDOW),
                rng=rng or random.Random(),
                blame=blame,
                reader=reader,
                stopping=stopping or asyncio.Event(),
            )

            async def refresh(feed: FeedRow) -> RefreshOutcome:
                if spread_seconds > 0:
                    await _pause(refresher.rng.uniform(0, spread_seconds), refresher.stopping)
                async with in_flight:
                    # the feed's own clock: an article stored after a spread delay was first seen then, not at the tick
                    at = now + timedelta(seconds=time.monotonic() - started)
                    outcome = await refresh_feed(refresher, feed, at)
                if progress is not None:
                    progress.refreshed(outcome)
                return outcome

            async with asyncio.TaskGroup() as group:
                tasks = [group.create_task(refresh(feed)) for feed in feeds]
    finally:
        reader.shutdown(wait=False, cancel_futures=True)  # a cancelled round must not block the loop on a parse
    return _report([task.result() for task in tasks], blame)


async def _pause(seconds: float, stopping: asyncio.Event) -> None:
    """A spread delay, cut short by a stop (the refresh then gives its feed back at once)."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), seconds)


def _hits_lookup(watchlist: Watchlist) -> HitOf:
    """What subscriptions need to know of a matched pledge: its tags and kind."""
    hits = {c.id: PledgeHit(c.id, c.tags, c.kind) for c in watchlist.commitments}
    return lambda commitment_id: hits.get(commitment_id) or PledgeHit(commitment_id, (), "")


def _report(outcomes: Sequence[RefreshOutcome], blame: RoundBlame) -> PollReport:
    given_back = sum(1 for o in outcomes if o.kind == "given_back")
    return PollReport(
        checked=len(outcomes) - given_back,
        not_modified=sum(1 for o in outcomes if o.kind == "not_modified"),
        new_articles=sum(o.new_articles for o in outcomes),
        matches=sum(o.matches for o in outcomes),
        alerts_queued=sum(o.alerts_queued for o in outcomes),
        errors=tuple((o.feed.name, o.feed.url, o.error or "") for o in outcomes if o.kind == "error"),
        gone=tuple((o.feed.name, o.feed.url) for o in outcomes if o.kind == "gone"),
        matched_article_ids=tuple(i for o in outcomes for i in o.matched_article_ids),
        network_down=blame.network_down,
        answered=blame.answered,
        given_back=given_back,
    )
