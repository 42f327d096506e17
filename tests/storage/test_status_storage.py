"""What a pledge's status rests on, stored on both backends: signals on matches, evidence over time, overrides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from storage import (
    Database,
    MatchRecord,
    add_override,
    downgrade,
    ensure_chat,
    evidence,
    insert_matches,
    latest_matched,
    latest_overrides,
    list_overrides,
    scorecard_chats,
    update_chat,
    upgrade,
)
from tests.support.storage import article, insert_article

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def _matched(
    database: Database, identity: str, days_ago: int, *found: MatchRecord, story: int | None = None
) -> int:
    async with database.transaction() as connection:
        stored = await insert_article(
            connection,
            article(
                identity, f"Headline {identity}", NOW - timedelta(days=days_ago), link=f"https://n.example/{identity}"
            ),
            feed_id=None,
            first_seen=NOW - timedelta(days=days_ago) + timedelta(hours=1),
            story_id=story,
        )
        assert stored is not None
        await insert_matches(connection, [(stored.id, match) for match in found])
    return stored.id


async def test_a_match_keeps_its_signal(database: Database) -> None:
    await _matched(database, "a1", 2, MatchRecord("ml-1", 0.9, ("alias: ML-1",), "progress"))
    async with database.transaction() as connection:
        [matched] = await latest_matched(connection, 5)
    assert matched.signal == "progress"


async def test_evidence_is_every_match_of_the_pledges_asked_for_oldest_first(database: Database) -> None:
    newer = await _matched(database, "new", 1, MatchRecord("ml-1", 0.9, (), "setback"), MatchRecord("kcr", 0.8, ()))
    older = await _matched(database, "old", 30, MatchRecord("ml-1", 0.7, (), "progress"), story=None)
    async with database.transaction() as connection:
        found = await evidence(connection, ["ml-1"])
        everything = await evidence(connection)
    assert [(row.article_id, row.signal) for row in found] == [(older, "progress"), (newer, "setback")]
    assert found[0].title == "Headline old" and found[0].link == "https://n.example/old" and found[0].outlet == "Dawn"
    assert found[0].published == NOW - timedelta(days=30)
    assert found[0].first_seen == NOW - timedelta(days=30) + timedelta(hours=1)
    assert found[0].story_id == older
    assert {(row.commitment_id, row.signal) for row in everything} == {
        ("ml-1", "progress"),
        ("ml-1", "setback"),
        ("kcr", "mention"),
    }


async def test_matches_stored_before_signals_existed_count_as_mentions(database: Database) -> None:
    await downgrade(database, "0003")
    async with database.transaction() as connection:
        await connection.execute(
            text(
                "INSERT INTO articles (id, identity, title, summary, outlet, published, first_seen, content_hash)"
                " VALUES (1, 'a', 'Old news', '', 'Dawn', :at, :at, 'x')"
            ),
            {"at": NOW},
        )
        await connection.execute(text("INSERT INTO matches (article_id, commitment_id, score) VALUES (1, 'ml-1', 0.9)"))
    await upgrade(database)
    async with database.transaction() as connection:
        [row] = await evidence(connection)
    assert row.signal == "mention"


async def test_overrides_are_all_kept_oldest_first(database: Database) -> None:
    async with database.transaction() as connection:
        await add_override(
            connection, commitment_id="ml-1", status="stalled", note="a", link=None, set_by="cli", set_at=NOW
        )
        await add_override(
            connection,
            commitment_id="ml-1",
            status="delivered",
            note="b",
            link="https://x.example",
            set_by="4242",
            set_at=NOW + timedelta(days=1),
        )
        await add_override(
            connection, commitment_id="kcr", status="at-risk", note="c", link=None, set_by="1", set_at=NOW
        )
        ml1 = await list_overrides(connection, ["ml-1"])
        every = await list_overrides(connection)
    assert [(o.status, o.note, o.link, o.set_by, o.set_at) for o in ml1] == [
        ("stalled", "a", None, "cli", NOW),
        ("delivered", "b", "https://x.example", "4242", NOW + timedelta(days=1)),
    ]
    assert len(every) == 3


async def test_the_latest_override_of_each_pledge_wins_ties_by_the_later_row(database: Database) -> None:
    async with database.transaction() as connection:
        for status, at in (("delivered", NOW), ("stalled", NOW - timedelta(days=3)), ("auto", NOW)):
            await add_override(
                connection, commitment_id="ml-1", status=status, note=status, link=None, set_by="cli", set_at=at
            )
        await add_override(
            connection, commitment_id="kcr", status="at-risk", note="c", link=None, set_by="cli", set_at=NOW
        )
        latest = await latest_overrides(connection)
    assert {commitment: row.status for commitment, row in latest.items()} == {"ml-1": "auto", "kcr": "at-risk"}


async def test_scorecard_chats_are_the_active_chats_with_a_weekly_day(database: Database) -> None:
    async with database.transaction() as connection:
        for chat_id in (1, 2, 3):
            await ensure_chat(connection, chat_id, "private", None, NOW)
        await update_chat(connection, 1, scorecard_day=4, scorecard_time="17:00")
        await update_chat(connection, 3, scorecard_day=0, scorecard_time="09:00")
        await connection.execute(text("UPDATE chats SET active = false WHERE id = 3"))
        chats = await scorecard_chats(connection)
    assert [(chat.id, chat.scorecard_day, chat.scorecard_time) for chat in chats] == [(1, 4, "17:00")]
