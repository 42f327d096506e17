"""Readers' verdicts in storage, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage import (
    Database,
    FeedbackSource,
    import_verdicts,
    list_verdicts,
    record_verdict,
    verdict_of,
    verdicts_changed_since,
)
from tests.support.storage import article, insert_article

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


async def _stored_article(database: Database) -> int:
    async with database.transaction() as connection:
        stored = await insert_article(
            connection, article("a1", "ML-1 financing signed", NOW), feed_id=None, first_seen=NOW
        )
    assert stored is not None
    return stored.id


async def _press(database: Database, article_id: int, user_id: int, relevant: bool, admin: bool, at: datetime) -> None:
    async with database.transaction() as connection:
        await record_verdict(
            connection,
            article_id=article_id,
            commitment_id="ml-1-railway",
            title="ML-1 financing signed",
            summary="",
            relevant=relevant,
            source=FeedbackSource.BUTTON,
            chat_id=user_id,
            user_id=user_id,
            by_admin=admin,
            now=at,
        )


async def test_a_second_press_by_the_same_reader_changes_the_verdict(database: Database) -> None:
    article_id = await _stored_article(database)
    await _press(database, article_id, 7, relevant=True, admin=False, at=NOW)
    await _press(database, article_id, 7, relevant=False, admin=False, at=NOW + timedelta(minutes=1))
    async with database.transaction() as connection:
        assert await verdict_of(connection, article_id, "ml-1-railway", 7) is False
        assert [v.relevant for v in await list_verdicts(connection, admins_only=False)] == [False]
        assert await verdicts_changed_since(connection, NOW) == 1


async def test_each_reader_has_a_verdict_and_admins_can_be_learned_from_alone(database: Database) -> None:
    article_id = await _stored_article(database)
    await _press(database, article_id, 7, relevant=False, admin=False, at=NOW)
    await _press(database, article_id, 8, relevant=True, admin=True, at=NOW)
    async with database.transaction() as connection:
        everyone = await list_verdicts(connection, admins_only=False)
        admins = await list_verdicts(connection, admins_only=True)
    assert sorted((v.relevant, v.by_admin) for v in everyone) == [(False, False), (True, True)]
    assert [(v.relevant, v.source) for v in admins] == [(True, "button")]


async def test_imported_verdicts_are_administrators_and_keep_their_words(database: Database) -> None:
    async with database.transaction() as connection:
        count = await import_verdicts(connection, [("KCR revived", "Sindh says.", "kcr", True)], NOW)
        [verdict] = await list_verdicts(connection, admins_only=True)
        assert await verdicts_changed_since(connection, None) == 1
    assert count == 1
    assert (verdict.title, verdict.summary, verdict.commitment_id, verdict.source) == (
        "KCR revived",
        "Sindh says.",
        "kcr",
        "import",
    )
