"""Feed rows: what to poll, when, and how the last poll went."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from storage._sql import insert_or_ignore
from storage.schema import feeds

REMOVED_FROM_CONFIG = "removed from the configuration"


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """A feed as the configuration (or the watchlist's search feeds) wants it."""

    name: str
    url: str
    kind: str = "config"
    interval_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class FeedRow:
    id: int
    name: str
    url: str
    configured_url: str | None
    kind: str
    title: str | None
    interval_seconds: float | None
    next_check_at: datetime
    etag: str | None
    last_modified: str | None
    error_count: int
    last_error: str | None
    last_error_at: datetime | None
    last_checked_at: datetime | None
    last_success_at: datetime | None
    disabled_reason: str | None
    created_at: datetime
    retry_not_before: datetime | None


def _row(mapping: RowMapping) -> FeedRow:
    return FeedRow(**dict(mapping))


async def sync_feeds(
    connection: AsyncConnection, specs: Sequence[FeedSpec], kinds: Sequence[str], now: datetime
) -> None:
    """Make the feed rows of the given kinds match `specs`, keeping each kept feed's state.

    A feed whose configured URL changed starts afresh (its cache headers and any Retry-After belonged
    to the old URL); one that a permanent redirect moved keeps polling where it moved. A feed no longer
    wanted is disabled, not deleted, so its articles keep their outlet and history. Another process
    syncing the same new feed at the same moment is no error: whichever inserts it first wins.
    """
    existing = {row.name: row for row in await list_feeds(connection) if row.kind in kinds}
    for spec in specs:
        row = existing.pop(spec.name, None)
        if row is None:
            await connection.execute(
                insert_or_ignore(connection, feeds, ["name"]).values(
                    name=spec.name,
                    url=spec.url,
                    configured_url=spec.url,
                    kind=spec.kind,
                    interval_seconds=spec.interval_seconds,
                    next_check_at=now,
                    created_at=now,
                )
            )
            continue
        values: dict[str, object] = {"interval_seconds": spec.interval_seconds, "kind": spec.kind}
        if row.disabled_reason == REMOVED_FROM_CONFIG:
            values["disabled_reason"] = None
        if (row.configured_url or row.url) != spec.url:
            values.update(
                url=spec.url,
                configured_url=spec.url,
                etag=None,
                last_modified=None,
                error_count=0,
                last_error=None,
                disabled_reason=None,
                next_check_at=now,
                retry_not_before=None,
            )
        await connection.execute(update(feeds).where(feeds.c.id == row.id).values(**values))
    for row in existing.values():
        if row.disabled_reason is None:
            await disable_feed(connection, row.id, REMOVED_FROM_CONFIG)


async def list_feeds(connection: AsyncConnection) -> list[FeedRow]:
    result = await connection.execute(select(feeds).order_by(feeds.c.name))
    return [_row(m) for m in result.mappings()]


async def claim_due_feeds(
    connection: AsyncConnection,
    now: datetime,
    lease_until: datetime,
    limit: int = 1000,
    names: Sequence[str] | None = None,
    ignore_schedule: bool = False,
) -> list[FeedRow]:
    """Take the enabled feeds that are due and push their next check to `lease_until`.

    The lease keeps another poller process from taking the same feed while this one works on it;
    on PostgreSQL the rows are locked with SKIP LOCKED so two processes never wait on each other.
    The caller's refresh sets the real next check when it finishes. `ignore_schedule` serves a
    manual refresh, which polls every enabled feed now — except one whose server asked us, with
    Retry-After, to wait longer.
    """
    query = select(feeds).where(feeds.c.disabled_reason.is_(None)).order_by(feeds.c.next_check_at).limit(limit)
    if ignore_schedule:
        query = query.where(or_(feeds.c.retry_not_before.is_(None), feeds.c.retry_not_before <= now))
    else:
        query = query.where(feeds.c.next_check_at <= now)
    if names is not None:
        query = query.where(feeds.c.name.in_(list(names)))
    if connection.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = [_row(m) for m in (await connection.execute(query)).mappings()]
    if rows:
        await connection.execute(
            update(feeds).where(feeds.c.id.in_([r.id for r in rows])).values(next_check_at=lease_until)
        )
    return rows


async def give_back_feed(connection: AsyncConnection, feed: FeedRow) -> None:
    """End a claim without a refresh (the poller was stopped before the feed's server answered).

    `feed` is the row as `claim_due_feeds` read it, before the lease moved its next check: that check comes back,
    so the next round, of this process or another, polls the feed instead of waiting for the lease to end.
    """
    await connection.execute(update(feeds).where(feeds.c.id == feed.id).values(next_check_at=feed.next_check_at))


async def record_success(
    connection: AsyncConnection,
    feed_id: int,
    *,
    checked_at: datetime,
    next_check_at: datetime,
    etag: str | None,
    last_modified: str | None,
    title: str | None = None,
    new_url: str | None = None,
) -> None:
    """A fetch that worked (200 or 304): errors reset, cache headers kept for the next request."""
    values: dict[str, object] = {
        "last_checked_at": checked_at,
        "last_success_at": checked_at,
        "next_check_at": next_check_at,
        "etag": etag,
        "last_modified": last_modified,
        "error_count": 0,
        "last_error": None,
        "retry_not_before": None,
    }
    if title:
        values["title"] = title
    if new_url:
        values["url"] = new_url
    await connection.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))


async def record_error(
    connection: AsyncConnection,
    feed_id: int,
    *,
    checked_at: datetime,
    next_check_at: datetime,
    error: str,
    counts_against_feed: bool = True,
    retry_not_before: datetime | None = None,
) -> None:
    """A failed fetch or parse: the message is kept on the feed so `/feeds` can show it.

    `retry_not_before` records a server's Retry-After, which even a manual refresh honours.
    """
    values: dict[str, object] = {
        "last_checked_at": checked_at,
        "next_check_at": next_check_at,
        "last_error": error,
        "last_error_at": checked_at,
        "retry_not_before": retry_not_before,
    }
    if counts_against_feed:
        values["error_count"] = feeds.c.error_count + 1
    await connection.execute(update(feeds).where(feeds.c.id == feed_id).values(**values))


async def disable_feed(connection: AsyncConnection, feed_id: int, reason: str) -> None:
    await connection.execute(update(feeds).where(feeds.c.id == feed_id).values(disabled_reason=reason))
