from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from storage import (
    REMOVED_FROM_CONFIG,
    Database,
    FeedSpec,
    claim_due_feeds,
    list_feeds,
    record_error,
    record_success,
    sync_feeds,
)
from tests.support.db import wait_for_lock_waiters

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def _sync(db: Database, *specs: FeedSpec) -> None:
    async with db.transaction() as connection:
        await sync_feeds(connection, list(specs), kinds=["config"], now=NOW)


async def test_new_feeds_are_due_at_once(database: Database) -> None:
    await _sync(database, FeedSpec("dawn", "https://example.org/dawn.xml"), FeedSpec("app", "https://example.org/app"))
    async with database.transaction() as connection:
        due = await claim_due_feeds(connection, NOW, lease_until=NOW + timedelta(minutes=5))
    assert sorted(f.name for f in due) == ["app", "dawn"]


async def test_claimed_feeds_are_leased_so_a_second_claim_gets_nothing(database: Database) -> None:
    await _sync(database, FeedSpec("dawn", "https://example.org/dawn.xml"))
    async with database.transaction() as connection:
        await claim_due_feeds(connection, NOW, lease_until=NOW + timedelta(minutes=5))
    async with database.transaction() as connection:
        assert await claim_due_feeds(connection, NOW + timedelta(minutes=1), NOW + timedelta(minutes=6)) == []
        manual = await claim_due_feeds(connection, NOW, NOW + timedelta(minutes=6), ignore_schedule=True)
    assert [f.name for f in manual] == ["dawn"]


async def test_resync_keeps_state_but_a_new_url_starts_afresh(database: Database) -> None:
    await _sync(database, FeedSpec("dawn", "https://example.org/a.xml"), FeedSpec("app", "https://example.org/app"))
    async with database.transaction() as connection:
        for feed in await list_feeds(connection):
            await record_success(
                connection,
                feed.id,
                checked_at=NOW,
                next_check_at=NOW + timedelta(hours=1),
                etag='"v1"',
                last_modified="Wed, 25 Nov 2026 10:00:00 GMT",
            )
    await _sync(database, FeedSpec("dawn", "https://example.org/b.xml"), FeedSpec("app", "https://example.org/app"))
    async with database.transaction() as connection:
        feeds = {f.name: f for f in await list_feeds(connection)}
    assert feeds["app"].etag == '"v1"' and feeds["app"].next_check_at == NOW + timedelta(hours=1)
    assert feeds["dawn"].url == "https://example.org/b.xml"
    assert feeds["dawn"].etag is None and feeds["dawn"].next_check_at == NOW


async def test_a_feed_dropped_from_the_config_is_disabled_not_deleted(database: Database) -> None:
    await _sync(database, FeedSpec("dawn", "https://example.org/a.xml"), FeedSpec("app", "https://example.org/app"))
    await _sync(database, FeedSpec("app", "https://example.org/app"))
    async with database.transaction() as connection:
        feeds = {f.name: f for f in await list_feeds(connection)}
        due = await claim_due_feeds(connection, NOW, NOW + timedelta(minutes=5))
    assert feeds["dawn"].disabled_reason == REMOVED_FROM_CONFIG
    assert [f.name for f in due] == ["app"]
    await _sync(database, FeedSpec("dawn", "https://example.org/a.xml"))
    async with database.transaction() as connection:
        assert {f.name: f for f in await list_feeds(connection)}["dawn"].disabled_reason is None


async def test_errors_accumulate_and_a_success_resets_them(database: Database) -> None:
    await _sync(database, FeedSpec("dawn", "https://example.org/a.xml"))
    async with database.transaction() as connection:
        (feed,) = await list_feeds(connection)
        await record_error(connection, feed.id, checked_at=NOW, next_check_at=NOW, error="HTTP 500")
        await record_error(connection, feed.id, checked_at=NOW, next_check_at=NOW, error="timeout")
        await record_error(
            connection, feed.id, checked_at=NOW, next_check_at=NOW, error="offline", counts_against_feed=False
        )
        (failing,) = await list_feeds(connection)
        await record_success(connection, feed.id, checked_at=NOW, next_check_at=NOW, etag=None, last_modified=None)
        (healed,) = await list_feeds(connection)
    assert (failing.error_count, failing.last_error) == (2, "offline")
    assert (healed.error_count, healed.last_error, healed.last_success_at) == (0, None, NOW)


async def test_a_permanent_redirect_survives_a_resync(database: Database) -> None:
    await _sync(database, FeedSpec("dawn", "https://example.org/old.xml"))
    async with database.transaction() as connection:
        (feed,) = await list_feeds(connection)
        await record_success(
            connection,
            feed.id,
            checked_at=NOW,
            next_check_at=NOW + timedelta(hours=1),
            etag='"v1"',
            last_modified=None,
            new_url="https://example.org/new.xml",
        )
    await _sync(database, FeedSpec("dawn", "https://example.org/old.xml"))
    async with database.transaction() as connection:
        (moved,) = await list_feeds(connection)
    assert (moved.url, moved.etag, moved.configured_url) == (
        "https://example.org/new.xml",
        '"v1"',
        "https://example.org/old.xml",
    )


async def test_a_manual_claim_honours_a_pending_retry_after(database: Database) -> None:
    await _sync(database, FeedSpec("dawn", "https://example.org/a.xml"), FeedSpec("app", "https://example.org/app"))
    async with database.transaction() as connection:
        dawn = next(feed for feed in await list_feeds(connection) if feed.name == "dawn")
        await record_error(
            connection,
            dawn.id,
            checked_at=NOW,
            next_check_at=NOW + timedelta(minutes=10),
            error="HTTP 429 Too Many Requests",
            retry_not_before=NOW + timedelta(minutes=10),
        )
        manual = await claim_due_feeds(connection, NOW, NOW + timedelta(minutes=1), ignore_schedule=True)
        later = await claim_due_feeds(
            connection, NOW + timedelta(minutes=11), NOW + timedelta(minutes=12), ignore_schedule=True
        )
    assert [feed.name for feed in manual] == ["app"]
    assert sorted(feed.name for feed in later) == ["app", "dawn"]


async def test_two_processes_adding_the_same_feed_at_once_both_succeed(
    postgres_database: Database, postgres_url: str
) -> None:
    database, database_url = postgres_database, postgres_url
    spec = FeedSpec("dawn", "https://example.org/dawn.xml")
    other_process = Database.open(database_url)
    try:
        async with database.transaction() as connection:
            await sync_feeds(connection, [spec], kinds=["config"], now=NOW)
            second = asyncio.create_task(_sync(other_process, spec))
            await wait_for_lock_waiters(other_process)
        await second
    finally:
        await other_process.close()
    async with database.transaction() as connection:
        assert [feed.name for feed in await list_feeds(connection)] == ["dawn"]


async def test_a_new_url_is_not_held_back_by_the_old_servers_retry_after(database: Database) -> None:
    await _sync(database, FeedSpec("dawn", "https://old.example/a.xml"))
    async with database.transaction() as connection:
        (feed,) = await list_feeds(connection)
        await record_error(
            connection,
            feed.id,
            checked_at=NOW,
            next_check_at=NOW + timedelta(hours=2),
            error="HTTP 429 Too Many Requests",
            retry_not_before=NOW + timedelta(hours=2),
        )
    await _sync(database, FeedSpec("dawn", "https://new.example/a.xml"))
    async with database.transaction() as connection:
        manual = await claim_due_feeds(connection, NOW, NOW + timedelta(minutes=1), ignore_schedule=True)
    assert [feed.url for feed in manual] == ["https://new.example/a.xml"]
