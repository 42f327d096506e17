"""One poll round: claim the feeds that are due, refresh them concurrently, report what happened.

A round in which no feed got any HTTP answer is taken for our own network being down: those failures are
stored on the feeds but count against none of them, so an outage does not push every feed into backoff.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from feeds.fetch import FeedFetcher, FetchResult
from feeds.refresh import Refresher, RefreshOutcome, refresh_feed
from feeds.settings import PollingSettings
from feeds.stories import STORY_WINDOW, StoryIndex
from matcher import Matcher
from storage import Database, FeedRow, claim_due_feeds, story_candidates
from watchlist import Watchlist

# Long enough for any refresh of a round to finish; a crashed poller's feeds come back after it.
LEASE = timedelta(minutes=15)


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
    """Counts of one round; ``errors`` are (feed name, URL, message), ``gone`` are (feed name, URL)."""

    checked: int = 0
    not_modified: int = 0
    new_articles: int = 0
    matches: int = 0
    alerts_queued: int = 0
    errors: tuple[tuple[str, str, str], ...] = ()
    gone: tuple[tuple[str, str], ...] = ()
    matched_article_ids: tuple[int, ...] = ()
    network_down: bool = False


class RoundBlame:
    """Holds back a failed feed's verdict until every fetch of the round is done.

    Errors with an HTTP status always count (some server answered, so the network works). A failure without
    one counts only if some other feed of the round got an answer; a round of one feed always counts.
    """

    def __init__(self, size: int) -> None:
        self._waiting = size
        self._any_answer = size < 2
        self._all_fetched = asyncio.Event()
        if size == 0:
            self._all_fetched.set()

    @property
    def network_down(self) -> bool:
        return self._all_fetched.is_set() and not self._any_answer

    def fetched(self, result: FetchResult) -> None:
        self._any_answer = self._any_answer or result.status is not None
        self._waiting -= 1
        if self._waiting <= 0:
            self._all_fetched.set()

    async def counts_against_feed(self, result: FetchResult) -> bool:
        if result.status is not None:
            return True
        await self._all_fetched.wait()
        return self._any_answer


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
) -> PollReport:
    """Refresh the due feeds (``every_feed``: all enabled ones, as a manual refresh) and report.

    ``spread_seconds`` starts the refreshes at random moments within that span, so a tick does not hit
    every server at the same instant.
    """
    feeds, stories = await _claim(services.database, now, every_feed, names)
    if progress is not None:
        progress.started(len(feeds))
    blame = RoundBlame(len(feeds))
    refresher = Refresher(
        database=services.database,
        fetcher=fetcher,
        match=services.matcher.match,
        tags_of=_tags_lookup(services.watchlist),
        polling=services.config.polling,
        stories=stories,
        rng=rng or random.Random(),
        blame=blame,
    )

    started = time.monotonic()

    async def refresh(feed: FeedRow) -> RefreshOutcome:
        if spread_seconds > 0:
            await asyncio.sleep(refresher.rng.uniform(0, spread_seconds))
        # the feed's own clock: an article stored after a spread delay was first seen then, not at the tick
        outcome = await refresh_feed(refresher, feed, now + timedelta(seconds=time.monotonic() - started))
        if progress is not None:
            progress.refreshed(outcome)
        return outcome

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(refresh(feed)) for feed in feeds]
    return _report([task.result() for task in tasks], blame.network_down)


async def _claim(
    database: Database, now: datetime, every_feed: bool, names: Sequence[str] | None
) -> tuple[list[FeedRow], StoryIndex]:
    """Claims the feeds (leased, so other pollers skip them) and loads the recent stories, in one read."""
    async with database.transaction() as connection:
        feeds = await claim_due_feeds(connection, now, now + LEASE, names=names, ignore_schedule=every_feed)
        recent = await story_candidates(connection, now - STORY_WINDOW) if feeds else []
    stories = StoryIndex()
    for candidate in recent:
        stories.add(candidate.story_id, candidate.title)
    return feeds, stories


def _tags_lookup(watchlist: Watchlist) -> Callable[[str], tuple[str, ...]]:
    tags = {commitment.id: commitment.tags for commitment in watchlist.commitments}
    return lambda commitment_id: tags.get(commitment_id, ())


def _report(outcomes: Sequence[RefreshOutcome], network_down: bool) -> PollReport:
    return PollReport(
        checked=len(outcomes),
        not_modified=sum(1 for o in outcomes if o.kind == "not_modified"),
        new_articles=sum(o.new_articles for o in outcomes),
        matches=sum(o.matches for o in outcomes),
        alerts_queued=sum(o.alerts_queued for o in outcomes),
        errors=tuple((o.feed.name, o.feed.url, o.error or "") for o in outcomes if o.kind == "error"),
        gone=tuple((o.feed.name, o.feed.url) for o in outcomes if o.kind == "gone"),
        matched_article_ids=tuple(i for o in outcomes for i in o.matched_article_ids),
        network_down=network_down,
    )
