"""The outbox queries on both backends: what is due, in which order, and how rows are settled."""

from __future__ import annotations

from datetime import datetime, timedelta

import storage
from storage import DELIVERY, NOTICE, Database
from tests.alerts.helpers import T0, add_chat, publish
from tests.support.storage import active_chats, outbox_counts

LATER = T0 + timedelta(hours=2)


async def _due(database: Database, at: datetime = LATER) -> list[storage.DueDelivery]:
    async with database.transaction() as connection:
        return await storage.due_deliveries(connection, at, 100)


async def test_due_deliveries_come_oldest_first_with_article_and_why(database: Database) -> None:
    await add_chat(database, 1)
    first = await publish(database, title="First", at=T0 + timedelta(minutes=1), why=("ML-1", "railway"))
    second = await publish(database, title="Second", at=T0 + timedelta(minutes=2))
    due = await _due(database)
    assert [(d.chat_id, d.article.id) for d in due] == [(1, first.id), (1, second.id)]
    assert due[0].why == ("ML-1", "railway")
    assert due[0].article.title == "First"


async def test_other_outlets_of_the_same_story_are_listed_once(database: Database) -> None:
    await add_chat(database, 1)
    original = await publish(database, outlet="Dawn")
    await publish(database, outlet="Express Tribune", story_id=original.story_id)
    await publish(database, outlet="Express Tribune", story_id=original.story_id)
    await publish(database, outlet="Dawn", story_id=original.story_id)
    [due] = await _due(database)
    assert due.article.id == original.id
    assert due.also_in == ("Express Tribune",)


async def test_muted_chat_is_deferred_until_the_mute_ends(database: Database) -> None:
    await add_chat(database, 1)
    await publish(database)
    async with database.transaction() as connection:
        await storage.update_chat(connection, 1, muted_until=LATER + timedelta(hours=1))
    assert await _due(database) == []
    assert len(await _due(database, LATER + timedelta(hours=1))) == 1


async def test_digest_chat_waits_for_its_digest(database: Database) -> None:
    await add_chat(database, 1)
    article = await publish(database)
    async with database.transaction() as connection:
        await storage.update_chat(connection, 1, delivery_mode=storage.DIGEST, digest_time="09:00")
        chats = await storage.digest_chats(connection, LATER)
        waiting = await storage.digest_deliveries(connection, 1, LATER)
        too_early = await storage.digest_deliveries(connection, 1, T0)
    assert await _due(database) == []
    assert [c.id for c in chats] == [1]
    assert [d.article.id for d in waiting] == [article.id]
    assert too_early == []


async def test_inactive_chat_gets_nothing(database: Database) -> None:
    await add_chat(database, 1)
    await publish(database)
    async with database.transaction() as connection:
        await storage.deactivate_chat(connection, 1, "blocked")
    assert await _due(database) == []


async def test_a_claimed_row_is_not_due_until_its_lease_ends(database: Database) -> None:
    await add_chat(database, 1)
    await publish(database)
    [due] = await _due(database)
    lease_end = LATER + timedelta(seconds=60)
    async with database.transaction() as connection:
        assert await storage.claim(connection, DELIVERY, due.id, LATER, lease_end)
        assert not await storage.claim(connection, DELIVERY, due.id, LATER, lease_end)
    assert await _due(database) == []
    assert len(await _due(database, lease_end)) == 1


async def test_released_row_is_due_again_at_once(database: Database) -> None:
    await add_chat(database, 1)
    await publish(database)
    [due] = await _due(database)
    async with database.transaction() as connection:
        await storage.claim(connection, DELIVERY, due.id, LATER, LATER + timedelta(hours=1))
        await storage.release(connection, DELIVERY, [due.id], LATER)
    assert len(await _due(database)) == 1


async def test_sent_rows_are_no_longer_due(database: Database) -> None:
    await add_chat(database, 1)
    await publish(database)
    [due] = await _due(database)
    async with database.transaction() as connection:
        await storage.mark_sent(connection, DELIVERY, [due.id], LATER)
        counts = await outbox_counts(connection)
    assert await _due(database) == []
    assert counts == {"sent": 1}


async def test_retry_counts_the_attempt_and_waits(database: Database) -> None:
    await add_chat(database, 1)
    await publish(database)
    [due] = await _due(database)
    retry_at = LATER + timedelta(minutes=5)
    async with database.transaction() as connection:
        await storage.mark_retry(connection, DELIVERY, due.id, next_attempt_at=retry_at, error="TimedOut")
    assert await _due(database) == []
    [again] = await _due(database, retry_at)
    assert again.attempts == 1


async def test_failed_rows_are_kept_but_not_due(database: Database) -> None:
    await add_chat(database, 1)
    await publish(database)
    [due] = await _due(database)
    async with database.transaction() as connection:
        await storage.mark_failed(connection, DELIVERY, [due.id], "Bad Request: message is too long")
        counts = await outbox_counts(connection)
    assert counts == {"failed": 1}


async def test_a_chat_that_left_has_its_pending_rows_failed(database: Database) -> None:
    await add_chat(database, 1)
    await add_chat(database, 2)
    await publish(database)
    async with database.transaction() as connection:
        assert await storage.fail_chat_outbox(connection, 1, "blocked") == 1
    assert [d.chat_id for d in await _due(database)] == [2]


async def test_notice_is_queued_once_per_chat_kind_and_subject(database: Database) -> None:
    await add_chat(database, 1)
    async with database.transaction() as connection:
        first = await storage.queue_notice(
            connection, chat_id=1, kind="deadline", subject="ml-1-railway", payload="{}", now=T0
        )
        again = await storage.queue_notice(
            connection, chat_id=1, kind="deadline", subject="ml-1-railway", payload="{}", now=T0
        )
        due = await storage.due_notices(connection, LATER, 10)
        await storage.mark_sent(connection, NOTICE, [due[0].id], LATER)
        after = await storage.due_notices(connection, LATER, 10)
    assert (first, again) == (True, False)
    assert [(n.chat_id, n.kind, n.subject) for n in due] == [(1, "deadline", "ml-1-railway")]
    assert after == []


async def test_subscribers_before_match_by_id_tag_kind_or_all_and_date(database: Database) -> None:
    await add_chat(database, 1, subscribe_to="all")
    await add_chat(database, 2, subscribe_to="ml-1-railway")
    await add_chat(database, 3, subscribe_to="tag:rail")
    await add_chat(database, 4, subscribe_to="gwadar-port")
    await add_chat(database, 5, subscribe_to="all", at=LATER)
    await add_chat(database, 6, subscribe_to="kind:pledge")
    await add_chat(database, 7, subscribe_to="kind:position")
    hit = storage.PledgeHit("ml-1-railway", ("rail",), "pledge")
    async with database.transaction() as connection:
        found = await storage.subscribers_before(connection, hit, T0 + timedelta(hours=1))
    assert found == [1, 2, 3, 6]


async def test_a_chat_the_bot_writes_to_first_keeps_an_existing_row_as_it_is(database: Database) -> None:
    await add_chat(database, 1)
    async with database.transaction() as connection:
        await storage.deactivate_chat(connection, 1, "blocked")
        await storage.ensure_chat(connection, 1, "private", None, LATER, came_back=False)
        await storage.ensure_chat(connection, 2, "private", None, LATER, came_back=False)
        chats = await active_chats(connection)
    assert chats == {1: False, 2: True}
