"""Locks and digest leases, the coordination of work that one process of several must do alone."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from storage import (
    ALL,
    Database,
    NewAlert,
    PledgeHit,
    enqueue_alerts,
    ensure_chat,
    lease_digest,
    subscribe,
    try_lock,
    wait_for_lock,
)
from storage.locks import lock_key
from tests.alerts.helpers import wait_until_async
from tests.support.storage import article, insert_article

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


async def _digest_waiting(database: Database) -> None:
    """Chat 7 (alerts for everything) with two alerts queued before its 09:00 digest slot and one after."""
    async with database.transaction() as connection:
        await ensure_chat(connection, 7, "private", None, NOW - timedelta(days=1))
        await subscribe(connection, 7, ALL, "", NOW - timedelta(days=1))
        for hours_before, identity in ((3, "a"), (2, "b"), (-1, "late")):
            at = NOW - timedelta(hours=hours_before)
            stored = await insert_article(connection, article(identity, identity, at), feed_id=None, first_seen=at)
            assert stored is not None and stored.story_id is not None
            alert = NewAlert(stored.id, stored.story_id, (PledgeHit("ml-1-railway", (), "pledge"),))
            assert await enqueue_alerts(connection, [alert], first_seen=at, now=at) == 1


def test_lock_keys_are_stable_and_distinct() -> None:
    assert lock_key("deadline-check") == lock_key("deadline-check")
    assert lock_key("deadline-check") != lock_key("digest:1")
    assert -(2**63) <= lock_key("digest:1") < 2**63


async def test_a_held_lock_is_refused_at_once_and_free_again_when_its_transaction_ends(
    postgres_database: Database, postgres_url: str
) -> None:
    other_process = Database.open(postgres_url)
    try:
        async with postgres_database.transaction() as holder:
            assert await try_lock(holder, "deadline-check")
            async with other_process.transaction() as contender:
                refused = await asyncio.wait_for(try_lock(contender, "deadline-check"), timeout=5)
                other_lock = await try_lock(contender, "digest:1")
            assert (refused, other_lock) == (False, True)
        async with other_process.transaction() as contender:
            assert await try_lock(contender, "deadline-check")
    finally:
        await other_process.close()


async def test_waiting_for_a_held_lock_waits_until_its_transaction_ends(
    postgres_database: Database, postgres_url: str
) -> None:
    other_process = Database.open(postgres_url)
    try:
        async with postgres_database.transaction() as holder:
            await wait_for_lock(holder, "stories")

            async def contend() -> None:
                async with other_process.transaction() as contender:
                    await wait_for_lock(contender, "stories")

            waiter = asyncio.create_task(contend())

            async def waiting_on_the_lock() -> bool:  # asked anew each time: a transaction sees one snapshot
                query = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'")
                async with postgres_database.transaction() as observer:
                    return bool((await observer.execute(query)).scalar_one())

            await wait_until_async(waiting_on_the_lock, 10, lambda: "nobody waits for the lock")
            assert not waiter.done()
        await asyncio.wait_for(waiter, timeout=10)
    finally:
        await other_process.close()


async def test_sqlite_grants_the_lock_since_one_process_owns_the_file(tmp_path: Path) -> None:
    database = Database.open(f"sqlite:///{tmp_path / 'one.db'}")
    try:
        async with database.transaction() as connection:
            assert await try_lock(connection, "deadline-check")
    finally:
        await database.close()


async def test_a_leased_digest_is_not_leased_again_until_the_lease_ends(database: Database) -> None:
    await _digest_waiting(database)
    async with database.transaction() as connection:
        assert await lease_digest(connection, 7, NOW, NOW, NOW + LEASE)
    async with database.transaction() as connection:
        assert not await lease_digest(connection, 7, NOW, NOW + timedelta(minutes=1), NOW + LEASE)
    async with database.transaction() as connection:
        assert await lease_digest(connection, 7, NOW, NOW + LEASE, NOW + 2 * LEASE)


async def test_two_processes_leasing_one_digest_at_once_only_one_gets_it(
    postgres_database: Database, postgres_url: str
) -> None:
    await _digest_waiting(postgres_database)
    other_process = Database.open(postgres_url)
    try:
        async with postgres_database.transaction() as first:
            assert await lease_digest(first, 7, NOW, NOW, NOW + LEASE)
            async with other_process.transaction() as second:  # the first has looked but not committed
                assert not await asyncio.wait_for(lease_digest(second, 7, NOW, NOW, NOW + LEASE), timeout=5)
        async with other_process.transaction() as second:  # committed: the rows say it is taken
            assert not await lease_digest(second, 7, NOW, NOW, NOW + LEASE)
    finally:
        await other_process.close()
