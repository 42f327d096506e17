"""Group commit: the writes that queue up while one commit runs share the next transaction; a failing write
fails alone."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from feeds.writes import GroupCommit, SharedTransaction, Write
from storage import Database, FeedSpec, list_feeds, record_error, sync_feeds

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.fixture
async def feed_ids(database: Database) -> list[int]:
    async with database.transaction() as connection:
        await sync_feeds(connection, [FeedSpec(f"f{n}", f"http://f{n}.example/") for n in range(5)], ["config"], NOW)
        return [feed.id for feed in await list_feeds(connection)]


async def _errors(database: Database) -> dict[int, str | None]:
    async with database.transaction() as connection:
        return {feed.id: feed.last_error for feed in await list_feeds(connection)}


def _recording(feed_id: int, seen: list[SharedTransaction], fail: bool = False) -> Write[int]:
    async def write(shared: SharedTransaction) -> int:
        seen.append(shared)
        await record_error(shared.connection, feed_id, checked_at=NOW, next_check_at=NOW, error=f"e{feed_id}")
        if fail:
            raise ValueError(f"write {feed_id} refused")
        return feed_id

    return write


async def test_writes_queued_together_share_one_transaction_and_keep_their_order(
    database: Database, feed_ids: list[int]
) -> None:
    seen: list[SharedTransaction] = []
    async with GroupCommit(database) as writes:
        results = await asyncio.gather(*(writes.write(_recording(i, seen)) for i in feed_ids))
    assert results == feed_ids
    assert len({id(shared) for shared in seen}) == 1
    assert await _errors(database) == {i: f"e{i}" for i in feed_ids}


async def test_a_group_is_at_most_max_group_writes(database: Database, feed_ids: list[int]) -> None:
    seen: list[SharedTransaction] = []
    async with GroupCommit(database, max_group=2) as writes:
        await asyncio.gather(*(writes.write(_recording(i, seen)) for i in feed_ids))
    sizes = [sum(1 for shared in seen if shared is group) for group in dict.fromkeys(seen)]
    assert sizes == [2, 2, 1]


async def test_a_failing_write_fails_alone_and_its_group_undoes_what_it_changed_in_memory(
    database: Database, feed_ids: list[int]
) -> None:
    first, bad, last = feed_ids[:3]
    undone: list[int] = []
    seen: list[SharedTransaction] = []

    async def remembering(shared: SharedTransaction) -> int:
        shared.on_rollback(lambda: undone.append(first))
        return await _recording(first, seen)(shared)

    async with GroupCommit(database) as writes:
        outcomes = await asyncio.gather(
            writes.write(remembering),
            writes.write(_recording(bad, seen, fail=True)),
            writes.write(_recording(last, seen)),
            return_exceptions=True,
        )
    assert [outcomes[0], outcomes[2]] == [first, last]
    assert isinstance(outcomes[1], ValueError)
    assert undone == [first]  # the shared attempt was rolled back once; the lone retry committed
    errors = await _errors(database)
    assert (errors[first], errors[bad], errors[last]) == (f"e{first}", None, f"e{last}")
