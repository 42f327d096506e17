"""Refreshing one feed, told as one story (after miniflux's ``RefreshFeed``).

Fetch with the stored cache headers, stop early when nothing changed, parse off the event loop, keep the
articles never seen before, match them, store them with their matches and alerts in one transaction, reset
the error counter and schedule the next check. Every failure is written onto the feed row, where ``pledgewatch feeds``
and ``/feeds`` show it; nothing here raises for what a feed or its server does.

The writes of a round's refreshes share transactions (``feeds.writes.GroupCommit``); each refresh's write is
still all or nothing.
"""

from __future__ import annotations

import asyncio
import functools
import random
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, ParamSpec, Protocol, TypeVar

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
from feeds.writes import GroupCommit, SharedTransaction
from matcher import Match
from storage import (
    FeedRow,
    MatchRecord,
    NewAlert,
    PledgeHit,
    disable_feed,
    enqueue_alerts,
    give_back_feed,
    insert_articles,
    insert_matches,
    known_identities,
    record_error,
    record_success,
    story_candidates,
    wait_for_lock,
)

T = TypeVar("T")
P = ParamSpec("P")
GONE_REASON = "gone (HTTP 410): the publisher removed this feed"
ALERT_MAX_AGE = timedelta(days=3)
"""An article published longer than this before we first saw it is stored and matched (it shows in
/status) but alerts nobody: a feed added today must not push its whole backlog as news."""

MatchMany = Callable[[Sequence[tuple[str, str]]], Sequence[Sequence[Match]]]
"""`Matcher.match_many`: (title, summary) pairs in, each one's matches out."""
HitOf = Callable[[str], PledgeHit]
"""A matched pledge id as subscriptions see it (tags, kind)."""
RefreshKind = Literal["updated", "not_modified", "gone", "error", "given_back"]


class Blame(Protocol):
    """Decides whether a failed fetch counts against the feed (see ``poller.RoundBlame``)."""

    def fetched(self, result: FetchResult) -> None: ...

    def abandoned(self) -> None:
        """A fetch given up before any answer (the round was stopped): evidence neither way."""

    async def counts_against_feed(self, result: FetchResult) -> bool: ...


class AlwaysBlame:
    """A feed refreshed on its own: its failures are its own."""

    def fetched(self, result: FetchResult) -> None:
        return None

    def abandoned(self) -> None:
        return None

    async def counts_against_feed(self, result: FetchResult) -> bool:
        return True


STORIES_LOCK = "stories"
"""Held from reading the stories to committing the articles given one (see `RecentStories`)."""


class RecentStories:
    """The round's index of recent stories, read from storage when a refresh first has new articles.

    Most rounds bring nothing new, and they never read the last two days' titles. The writes of a round run
    one at a time (``GroupCommit``), so every article finds the story another feed stored a moment earlier.
    Other processes sharing a PostgreSQL database store articles too: each transaction that stores some
    first waits for the stories lock, which it holds until it commits, and then reads what the others stored
    since its last look, so two processes seeing one story at once do not each start it and alert it twice.
    """

    def __init__(self, since: datetime) -> None:
        self._since = since
        self._index = StoryIndex()
        self._read_up_to: int | None = None  # the newest article id read from storage; None: not read yet
        self._synced: SharedTransaction | None = None

    async def index(self, shared: SharedTransaction) -> StoryIndex:
        """The index, up to date for this transaction: called before the transaction stores any article."""
        connection = shared.connection
        shared_database = connection.dialect.name == "postgresql"
        if shared is self._synced or (self._read_up_to is not None and not shared_database):
            return self._index
        await wait_for_lock(connection, STORIES_LOCK)
        for candidate in await story_candidates(connection, self._since, after_id=self._read_up_to or 0):
            self._index.add(candidate.story_id, candidate.title)
            self._read_up_to = max(self._read_up_to or 0, candidate.article_id)
        self._read_up_to = self._read_up_to or 0
        self._synced = shared
        return self._index


@dataclass
class Refresher:
    """Everything a refresh needs, built once per poll round.

    ``reader`` runs parsing and matching (CPU work, holding the GIL): one thread is enough and keeps the event
    loop's share of the GIL larger than several would; ``None`` is asyncio's default executor. Once ``stopping``
    is set, fetches in flight are abandoned and none start (a stalled server must not hold up a shutdown), while
    what was already fetched is still parsed and stored, which takes moments.
    """

    fetcher: FeedFetcher
    match: MatchMany
    hit_of: HitOf
    polling: PollingSettings
    writes: GroupCommit
    stories: RecentStories
    rng: random.Random = field(default_factory=random.Random)
    blame: Blame = field(default_factory=AlwaysBlame)
    reader: Executor | None = None
    stopping: asyncio.Event = field(default_factory=asyncio.Event)


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
    new_articles: int = 0
    matches: int = 0
    alerts_queued: int = 0
    matched_article_ids: tuple[int, ...] = ()


Matched = list[tuple[Article, Sequence[Match]]]


async def refresh_feed(refresher: Refresher, feed: FeedRow, now: datetime) -> RefreshOutcome:
    """Fetch, parse, match and store one feed; the outcome says what happened and is already saved."""
    fetched = await _fetch_unless_stopping(refresher, feed)
    if fetched is None:
        refresher.blame.abandoned()
        return await _give_back(refresher, feed)
    refresher.blame.fetched(fetched)
    if fetched.kind == "not_modified":
        return await _save_not_modified(refresher, feed, fetched, now)
    if fetched.kind == "gone":
        return await _save_gone(refresher, feed, fetched, now)
    if fetched.kind == "error":
        counts = await refresher.blame.counts_against_feed(fetched)
        return await _save_error(refresher, feed, fetched.error or "fetch failed", now, fetched.retry_after, counts)
    try:
        parsed = await _off_the_loop(refresher, parse_feed, fetched.body, fetched.headers, fetched.url, now)
    except FeedError as error:
        return await _save_error(refresher, feed, str(error), now)
    except Exception as error:  # a parser bug must cost one feed its refresh, not the whole round
        return await _save_error(refresher, feed, f"{fetched.url}: parser failed: {error!r}", now)
    try:
        return await _save_updated(refresher, feed, fetched, parsed, now)
    except Exception as error:  # nor may articles the database refuses (rolled back, retried after the backoff)
        return await _save_error(refresher, feed, f"{fetched.url}: storing failed: {_first_line(error)}", now)


async def _fetch_unless_stopping(refresher: Refresher, feed: FeedRow) -> FetchResult | None:
    """The feed's fetch, or None when the round is told to stop before the server answers (then cancelled)."""
    if refresher.stopping.is_set():
        return None
    fetch = asyncio.ensure_future(refresher.fetcher.fetch(feed.url, feed.etag, feed.last_modified))
    stopped = asyncio.ensure_future(refresher.stopping.wait())
    try:
        await asyncio.wait((fetch, stopped), return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        fetch.cancel()  # nothing to cancel when it is done
    await asyncio.wait((fetch,))  # the cancelled request closes its connection
    return None if fetch.cancelled() else fetch.result()


async def _give_back(refresher: Refresher, feed: FeedRow) -> RefreshOutcome:
    """Stopped before the server answered: the feed is due again as before the round, for the next run."""

    async def write(shared: SharedTransaction) -> None:
        await give_back_feed(shared.connection, feed)

    await refresher.writes.write(write)
    return RefreshOutcome(feed, "given_back")


async def _off_the_loop(refresher: Refresher, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """CPU work (parsing, matching) in the round's reader thread."""
    call = functools.partial(work, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(refresher.reader, call)


async def _save_updated(
    refresher: Refresher, feed: FeedRow, fetched: FetchResult, parsed: ParsedFeed, now: datetime
) -> RefreshOutcome:
    """New articles matched, then stored with their matches and alerts and the feed's new state, atomically.

    Which articles are new is asked first, so that an unchanged feed (a server without cache headers) costs a
    query, not a round of matching; the feed's new articles are matched in one batch (the matcher's semantic
    stage embeds a batch at once).
    """
    unseen = await refresher.writes.write(functools.partial(_unseen, parsed.articles))
    found = await _off_the_loop(refresher, refresher.match, [(a.title, a.summary) for a in unseen]) if unseen else []
    matched: Matched = list(zip(unseen, found, strict=True))
    next_check_at = now + timedelta(seconds=_updated_interval(refresher, feed, parsed, fetched, now))

    async def write(shared: SharedTransaction) -> _Stored:
        stored = await _store(shared, refresher, feed, matched, now)
        await _record_answer(shared, feed, fetched, now, next_check_at, title=parsed.title)
        return stored

    stored = await refresher.writes.write(write)
    return RefreshOutcome(
        feed,
        "updated",
        new_articles=stored.new_articles,
        matches=stored.matches,
        alerts_queued=stored.alerts_queued,
        matched_article_ids=stored.matched_article_ids,
    )


async def _unseen(articles: Sequence[Article], shared: SharedTransaction) -> list[Article]:
    known = await known_identities(shared.connection, [article.identity for article in articles])
    return [article for article in articles if article.identity not in known]


async def _store(
    shared: SharedTransaction, refresher: Refresher, feed: FeedRow, matched: Matched, now: datetime
) -> _Stored:
    """Articles, their matches and their alerts, together: a crash stores all of them or none."""
    if not matched:
        return _Stored()
    connection = shared.connection
    stories = await refresher.stories.index(shared)
    new = [(article, stories.find(article.title)) for article, _ in matched]
    stored = {row.identity: row for row in await insert_articles(connection, new, feed_id=feed.id, first_seen=now)}
    pairs: list[tuple[int, MatchRecord]] = []
    alerts: list[NewAlert] = []
    for article, found in matched:
        row = stored.get(article.identity)
        if row is None or not found:
            continue  # not new after all (stored meanwhile by another feed or process), or about no pledge
        pairs += [(row.id, MatchRecord(m.commitment, m.score, m.why, m.signal.value)) for m in found]
        if now - article.published <= ALERT_MAX_AGE:
            hits = tuple(refresher.hit_of(m.commitment) for m in found)
            alerts.append(NewAlert(row.id, row.story_id or row.id, hits))
    await insert_matches(connection, pairs)
    queued = await enqueue_alerts(connection, alerts, first_seen=now, now=now)
    _index_stories(shared, stories, [(row.story_id or row.id, row.title) for row in stored.values()])
    return _Stored(
        new_articles=len(stored),
        matches=len(pairs),
        alerts_queued=queued,
        matched_article_ids=tuple(dict.fromkeys(article_id for article_id, _ in pairs)),
    )


def _index_stories(shared: SharedTransaction, stories: StoryIndex, started: list[tuple[int, str]]) -> None:
    """Index the stories these articles started at once, for the next write of the group to find; forgotten
    again if the group is rolled back."""
    added = [story_id for story_id, title in started if stories.add(story_id, title)]

    def forget() -> None:
        for story_id in added:
            stories.discard(story_id)

    shared.on_rollback(forget)


async def _save_not_modified(
    refresher: Refresher, feed: FeedRow, fetched: FetchResult, now: datetime
) -> RefreshOutcome:
    next_check_at = now + timedelta(seconds=_unchanged_interval(refresher, feed, fetched))

    async def write(shared: SharedTransaction) -> None:
        await _record_answer(shared, feed, fetched, now, next_check_at)

    await refresher.writes.write(write)
    return RefreshOutcome(feed, "not_modified")


async def _record_answer(
    shared: SharedTransaction,
    feed: FeedRow,
    fetched: FetchResult,
    checked_at: datetime,
    next_check_at: datetime,
    title: str | None = None,
) -> None:
    """The server answered (200 or 304): what it said about caching and a permanent move is kept with the
    feed's next check, so both kinds of answer save the same things."""
    await record_success(
        shared.connection,
        feed.id,
        checked_at=checked_at,
        next_check_at=next_check_at,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        title=title,
        new_url=fetched.permanent_url,
    )


async def _save_gone(refresher: Refresher, feed: FeedRow, fetched: FetchResult, now: datetime) -> RefreshOutcome:
    """A 410 is the publisher saying "stop": the feed is disabled, not retried."""
    error = fetched.error or GONE_REASON

    async def write(shared: SharedTransaction) -> None:
        await record_error(shared.connection, feed.id, checked_at=now, next_check_at=now, error=error)
        await disable_feed(shared.connection, feed.id, GONE_REASON)

    await refresher.writes.write(write)
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

    async def write(shared: SharedTransaction) -> None:
        await record_error(
            shared.connection,
            feed.id,
            checked_at=now,
            next_check_at=now + timedelta(seconds=delay),
            error=error,
            counts_against_feed=counts_against_feed,
            retry_not_before=now + timedelta(seconds=retry_after) if retry_after else None,
        )

    await refresher.writes.write(write)
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
