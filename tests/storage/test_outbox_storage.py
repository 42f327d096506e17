from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from storage import (
    ALL,
    COMMITMENT,
    KIND,
    TAG,
    ChatScope,
    Database,
    NewAlert,
    PledgeHit,
    deactivate_chat,
    due_deliveries,
    enqueue_alerts,
    ensure_chat,
    list_subscriptions,
    subscribe,
    unsubscribe,
)
from storage.schema import deliveries
from tests.support.storage import article, insert_article

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ML1 = PledgeHit("ml-1-railway", ("transport",), "pledge")
GWADAR = PledgeHit("gwadar-port", ("ports",), "pledge")


async def _chat(db: Database, chat_id: int, kind: str, target: str = "", at: datetime = NOW) -> None:
    async with db.transaction() as connection:
        await ensure_chat(connection, chat_id, "private", None, at)
        await subscribe(connection, chat_id, kind, target, at)


async def _store(
    db: Database,
    identity: str,
    hits: list[PledgeHit],
    story_id: int | None = None,
    first_seen: datetime = NOW + timedelta(hours=1),
) -> tuple[int, int]:
    async with db.transaction() as connection:
        stored = await insert_article(
            connection,
            article(identity, identity, first_seen),
            feed_id=None,
            first_seen=first_seen,
            story_id=story_id,
        )
        assert stored is not None and stored.story_id is not None
        alert = NewAlert(stored.id, stored.story_id, tuple(hits))
        queued = await enqueue_alerts(connection, [alert], first_seen=first_seen, now=first_seen)
    return queued, stored.story_id


async def _outbox(db: Database) -> list[tuple[int, str]]:
    async with db.transaction() as connection:
        query = select(deliveries.c.chat_id, deliveries.c.commitment_id).order_by(deliveries.c.chat_id)
        return [(row[0], row[1]) for row in await connection.execute(query)]


async def test_subscribing_twice_is_one_subscription(database: Database) -> None:
    await _chat(database, 1, ALL)
    async with database.transaction() as connection:
        assert not await subscribe(connection, 1, ALL, "", NOW)
        assert len(await list_subscriptions(connection, 1)) == 1
        assert await unsubscribe(connection, 1, None) == 1


async def test_alerts_go_to_all_commitment_and_tag_subscribers_naming_their_pledge(
    database: Database,
) -> None:
    await _chat(database, 1, ALL)
    await _chat(database, 2, COMMITMENT, "gwadar-port")
    await _chat(database, 3, TAG, "transport")
    await _chat(database, 4, COMMITMENT, "karachi-circular-railway")
    queued, _ = await _store(database, "a1", [ML1, GWADAR])
    assert queued == 3
    assert await _outbox(database) == [(1, "ml-1-railway"), (2, "gwadar-port"), (3, "ml-1-railway")]


async def test_a_kind_subscription_gets_the_pledges_of_that_kind(database: Database) -> None:
    await _chat(database, 1, KIND, "position")
    await _chat(database, 2, KIND, "mechanism")
    one_china = PledgeHit("one-china-principle", (), "position")
    queued, _ = await _store(database, "a1", [ML1, one_china])
    assert queued == 1
    assert await _outbox(database) == [(1, "one-china-principle")]


async def test_no_alert_for_articles_seen_before_the_subscription(database: Database) -> None:
    await _chat(database, 1, ALL, at=NOW + timedelta(days=1))
    queued, _ = await _store(database, "a1", [ML1], first_seen=NOW)
    assert queued == 0


async def test_inactive_chats_get_nothing(database: Database) -> None:
    await _chat(database, 1, ALL)
    async with database.transaction() as connection:
        await deactivate_chat(connection, 1, "Forbidden: bot was blocked by the user")
    assert (await _store(database, "a1", [ML1]))[0] == 0


async def test_the_same_story_from_a_second_outlet_is_not_a_second_alert(database: Database) -> None:
    await _chat(database, 1, ALL)
    _, story = await _store(database, "dawn-ml1", [ML1])
    queued, _ = await _store(database, "app-ml1", [ML1], story_id=story)
    assert queued == 0
    assert await _outbox(database) == [(1, "ml-1-railway")]


async def test_two_articles_of_one_story_in_one_batch_are_one_alert(database: Database) -> None:
    await _chat(database, 1, ALL)
    at = NOW + timedelta(hours=1)
    async with database.transaction() as connection:
        first = await insert_article(connection, article("a", "a", at), feed_id=None, first_seen=at)
        assert first is not None
        second = await insert_article(
            connection,
            article("b", "b", at, outlet="APP"),
            feed_id=None,
            first_seen=at,
            story_id=first.id,
        )
        assert second is not None
        alerts = [NewAlert(first.id, first.id, (ML1,)), NewAlert(second.id, first.id, (ML1,))]
        assert await enqueue_alerts(connection, alerts, first_seen=at, now=at) == 1


async def test_a_sender_scope_finds_its_own_rows_however_many_others_wait(database: Database) -> None:
    for chat_id in (11, 12, 13, 0):
        await _chat(database, chat_id, ALL)
    await _store(database, "a1", [ML1])
    await _store(database, "a2", [ML1])
    later = NOW + timedelta(hours=2)
    async with database.transaction() as connection:
        console = await due_deliveries(connection, later, 2, ChatScope(only=0))
        telegram = await due_deliveries(connection, later, 100, ChatScope(excluding=0))
    assert [(d.chat_id, d.article.identity) for d in console] == [(0, "a1"), (0, "a2")]
    assert sorted({d.chat_id for d in telegram}) == [11, 12, 13]
