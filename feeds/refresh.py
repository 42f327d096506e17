"""Refreshing one feed, told as one story (after miniflux's ``RefreshFeed``).

Fetch with the stored cache headers, stop early when nothing changed, parse off the event loop, keep the
articles never seen before, match them, store them with their matches and alerts in one transaction, reset
the error counter and schedule the next check. Every failure is written onto the feed row, where
``pledgewatch feeds`` and ``/feeds`` show it; nothing here raises for what a feed or its server does.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from feeds.article import Article
from feeds.errors import FeedError
from feeds.fetch import FeedFetcher, FetchResult
from feeds.parse import ParsedFeed, parse_feed
from feeds.schedule import (
    MAX_BACKOFF_SECONDS,
    adaptive_interval,
    error_backoff,
    max_age_seconds,
    next_interval,
    with_jitter,
)
from feeds.settings import PollingSettings
from feeds.stories import StoryIndex
from matcher import Match
from storage import (
    Database,
    FeedRow,
    MatchRecord,
    NewAlert,
    PledgeHit,
    disable_feed,
    enqueue_alerts,
    insert_articles,
    insert_matches,
    known_identities,
    record_error,
    record_success,
)

GONE_REASON = "gone (HTTP 410): the publisher removed this feed"
ALERT_MAX_AGE = timedelta(days=3)
"""An article published longer than this before we first saw it is stored and matched (it shows in
/status) but alerts nobody: a feed added today must not push its whole backlog as news."""

MatchFunction = Callable[[str, str], Sequence[Match]]
TagsOf = Callable[[str], tuple[str, ...]]
RefreshKind = Literal["updated", "not_modified", "gone", "error"]


class Blame(Protocol):
    """Decides whether a failed fetch counts against the feed (see ``poller.RoundBlame``)."""

    def fetched(self, result: FetchResult) -> None: ...

    async def counts_against_feed(self, result: FetchResult) -> bool: ...


class AlwaysBlame:
    """A feed refreshed on its own: its failures are its own."""

    def fetched(self, result: FetchResult) -> None:
        return None

    async def counts_against_feed(self, result: FetchResult) -> bool:
        return True


@dataclass
class Refresher:
    """Everything a refresh needs, built once per poll round.

    ``storing`` lets one refresh of the round store at a time: an article must find the story another
    feed stored a moment earlier. SQLite transactions queue anyway; on PostgreSQL they would run side by
    side, each start the story afresh, and alert its subscribers twice.
    """

    database: Database
    fetcher: FeedFetcher
    match: MatchFunction
    tags_of: TagsOf
    polling: PollingSettings
    stories: StoryIndex = field(default_factory=StoryIndex)
    rng: random.Random = field(default_factory=random.Random)
    blame: Blame = field(default_factory=AlwaysBlame)
    storing: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    feed: FeedRow
    kind: RefreshKind
    new_articles: int = 0
    matches: int = 0
    alerts_queued: int = 0
    matched_article_ids: tuple[int, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Stored:
    new_articles: int
    matches: int
    alerts_queued: int
    matched_article_ids: tuple[int, ...]
    stories: tuple[tuple[int, str], ...]


async def refresh_feed(refresher: Refresher, feed: FeedRow, now: datetime) -> RefreshOutcome:
    """Fetch, parse, match and store one feed; the outcome says what happened and is already saved."""
    fetched = await refresher.fetcher.fetch(feed.url, feed.etag, feed.last_modified)
    refresher.blame.fetched(fetched)
    if fetched.kind == "not_modified":
        return await _save_not_modified(refresher, feed, fetched, now)
    if fetched.kind == "gone":
        return await _save_gone(refresher, feed, fetched, now)
    if fetched.kind == "error":
        counts = await refresher.blame.counts_against_feed(fetched)
        return await _save_error(refresher, feed, fetched.error or "fetch failed", now, fetched.retry_after, counts)
    try:
        parsed = await asyncio.to_thread(parse_feed, fetched.body, fetched.headers, fetched.url, now)
    except FeedError as error:
        return await _save_error(refresher, feed, str(error), now)
    except Exception as error:  # a parser bug must cost one feed its refresh, not the whole round
        return await _save_error(refresher, feed, f"{fetched.url}: parser failed: {error!r}", now)
    try:
        return await _save_updated(refresher, feed, fetched, parsed, now)
    except Exception as error:  # nor may articles the database refuses (rolled back, retried after the backoff)
        return await _save_error(refresher, feed, f"{fetched.url}: storing failed: {_first_line(error)}", now)


async def _save_updated(
    refresher: Refresher, feed: FeedRow, fetched: FetchResult, parsed: ParsedFeed, now: datetime
) -> RefreshOutcome:
    """New articles matched, then stored with their matches and alerts and the feed's new state, atomically."""
    unseen = await _unseen(refresher, parsed.articles)
    matched = await asyncio.to_thread(_match_all, refresher.match, unseen)
    async with refresher.storing:
        async with refresher.database.transaction() as connection:
            stored = await _store(connection, refresher, feed, matched, now)
            await record_success(
                connection,
                feed.id,
                checked_at=now,
                next_check_at=now + timedelta(seconds=_updated_interval(refresher, feed, parsed, fetched, now)),
                etag=fetched.etag,
                last_modified=fetched.last_modified,
                title=parsed.title,
                new_url=fetched.permanent_url,
            )
        for story_id, title in stored.stories:
            refresher.stories.add(story_id, title)
    return RefreshOutcome(
        feed,
        "updated",
        new_articles=stored.new_articles,
        matches=stored.matches,
        alerts_queued=stored.alerts_queued,
        matched_article_ids=stored.matched_article_ids,
    )


async def _unseen(refresher: Refresher, articles: Sequence[Article]) -> list[Article]:
    """Articles not stored yet; checked before matching so a poll of an unchanged feed costs one query."""
    async with refresher.database.transaction() as connection:
        known = await known_identities(connection, [article.identity for article in articles])
    return [article for article in articles if article.identity not in known]


def _match_all(match: MatchFunction, articles: Sequence[Article]) -> list[tuple[Article, Sequence[Match]]]:
    return [(article, match(article.title, article.summary)) for article in articles]


async def _store(
    connection: AsyncConnection,
    refresher: Refresher,
    feed: FeedRow,
    matched: Sequence[tuple[Article, Sequence[Match]]],
    now: datetime,
) -> _Stored:
    """Articles, their matches and their alerts, together: a crash stores all of them or none."""
    new = [(article, refresher.stories.find(article.title)) for article, _ in matched]
    stored = {row.identity: row for row in await insert_articles(connection, new, feed_id=feed.id, first_seen=now)}
    pairs: list[tuple[int, MatchRecord]] = []
    alerts: list[NewAlert] = []
    for article, found in matched:
        row = stored.get(article.identity)
        if row is None or not found:
            continue  # not new after all (stored meanwhile by another feed or process), or about no pledge
        pairs += [(row.id, MatchRecord(m.commitment, m.score, m.why)) for m in found]
        if now - article.published <= ALERT_MAX_AGE:
            hits = tuple(PledgeHit(m.commitment, refresher.tags_of(m.commitment)) for m in found)
            alerts.append(NewAlert(row.id, row.story_id or row.id, hits))
    await insert_matches(connection, pairs)
    queued = await enqueue_alerts(connection, alerts, first_seen=now, now=now)
    return _Stored(
        new_articles=len(stored),
        matches=len(pairs),
        alerts_queued=queued,
        matched_article_ids=tuple(dict.fromkeys(article_id for article_id, _ in pairs)),
        stories=tuple((row.story_id or row.id, row.title) for row in stored.values()),
    )


async def _save_not_modified(
    refresher: Refresher, feed: FeedRow, fetched: FetchResult, now: datetime
) -> RefreshOutcome:
    async with refresher.database.transaction() as connection:
        await record_success(
            connection,
            feed.id,
            checked_at=now,
            next_check_at=now + timedelta(seconds=_unchanged_interval(refresher, feed, fetched)),
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            new_url=fetched.permanent_url,
        )
    return RefreshOutcome(feed, "not_modified")


async def _save_gone(refresher: Refresher, feed: FeedRow, fetched: FetchResult, now: datetime) -> RefreshOutcome:
    """A 410 is the publisher saying "stop": the feed is disabled, not retried."""
    error = fetched.error or GONE_REASON
    async with refresher.database.transaction() as connection:
        await record_error(connection, feed.id, checked_at=now, next_check_at=now, error=error)
        await disable_feed(connection, feed.id, GONE_REASON)
    return RefreshOutcome(feed, "gone", error=error)


async def _save_error(
    refresher: Refresher,
    feed: FeedRow,
    error: str,
    now: datetime,
    retry_after: float | None = None,
    counts_against_feed: bool = True,
) -> RefreshOutcome:
    """The error goes on the feed row; the next check backs off exponentially (or as the server asked).

    A Retry-After is honoured for 24 hours at most, also by a manual refresh: a server cannot silence a feed.
    """
    if retry_after is not None:
        retry_after = min(retry_after, MAX_BACKOFF_SECONDS)
    base = _minimum_interval(refresher, feed)
    backoff = error_backoff(feed.error_count + 1, base) if counts_against_feed else base
    delay = next_interval(with_jitter(backoff, refresher.rng), backoff, retry_after=retry_after)
    async with refresher.database.transaction() as connection:
        await record_error(
            connection,
            feed.id,
            checked_at=now,
            next_check_at=now + timedelta(seconds=delay),
            error=error,
            counts_against_feed=counts_against_feed,
            retry_not_before=now + timedelta(seconds=retry_after) if retry_after else None,
        )
    return RefreshOutcome(feed, "error", error=error)


def _first_line(error: Exception) -> str:
    """A database error's message without the SQL and parameters SQLAlchemy appends."""
    return next(iter(str(error).splitlines()), "") or type(error).__name__


def _minimum_interval(refresher: Refresher, feed: FeedRow) -> float:
    return feed.interval_seconds or refresher.polling.interval_seconds


def _maximum_interval(refresher: Refresher, feed: FeedRow) -> float:
    return max(refresher.polling.max_interval_seconds, _minimum_interval(refresher, feed))


def _updated_interval(
    refresher: Refresher, feed: FeedRow, parsed: ParsedFeed, fetched: FetchResult, now: datetime
) -> float:
    """The posting rate sets the pace; ``ttl`` and ``max-age`` may only slow it down."""
    maximum = _maximum_interval(refresher, feed)
    published = [article.published for article in parsed.articles]
    adaptive = adaptive_interval(published, now, _minimum_interval(refresher, feed), maximum)
    cache = max_age_seconds(fetched.headers.get("cache-control"))
    return with_jitter(next_interval(adaptive, maximum, ttl_minutes=parsed.ttl_minutes, max_age=cache), refresher.rng)


def _unchanged_interval(refresher: Refresher, feed: FeedRow, fetched: FetchResult) -> float:
    """Nothing new, so the pace set by the last full refresh stands (no jitter: it would compound)."""
    minimum, maximum = _minimum_interval(refresher, feed), _maximum_interval(refresher, feed)
    previous = minimum
    if feed.last_checked_at is not None:
        previous = (feed.next_check_at - feed.last_checked_at).total_seconds()
    pace = min(maximum, max(minimum, previous))
    return next_interval(pace, maximum, max_age=max_age_seconds(fetched.headers.get("cache-control")))
