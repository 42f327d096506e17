from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from feeds import Article
from storage import (
    Database,
    MatchRecord,
    count_matches_since,
    insert_articles,
    insert_matches,
    known_identities,
    latest_matched,
    search_articles,
    story_candidates,
)
from tests.support.db import wait_for_lock_waiters
from tests.support.storage import insert_article

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _article(identity: str, title: str, published: datetime = NOW, outlet: str = "Dawn") -> Article:
    return Article(
        identity=identity,
        guid=identity,
        link=f"https://example.org/{identity}",
        title=title,
        summary="Summary of " + title,
        outlet=outlet,
        published=published,
        content_hash="0" * 64,
    )


async def test_an_article_is_stored_once_by_identity(database: Database) -> None:
    async with database.transaction() as connection:
        first = await insert_article(connection, _article("a1", "ML-1 deal"), feed_id=None, first_seen=NOW)
        again = await insert_article(connection, _article("a1", "ML-1 deal (updated)"), feed_id=None, first_seen=NOW)
        known = await known_identities(connection, ["a1", "a2"])
    assert first is not None and first.story_id == first.id
    assert again is None
    assert known == {"a1"}


async def test_timestamps_come_back_as_utc(database: Database) -> None:
    karachi = datetime(2026, 11, 26, 17, 0, tzinfo=UTC).astimezone(tz=None)
    async with database.transaction() as connection:
        await insert_article(connection, _article("a1", "Gwadar"), feed_id=None, first_seen=karachi)
        (candidate,) = await story_candidates(connection, since=NOW)
        (stored,) = await search_articles(connection, ["gwadar"], limit=5)
    assert stored.first_seen == karachi and stored.first_seen.tzinfo == UTC
    assert candidate.title == "Gwadar"


async def test_an_article_joins_the_story_it_is_given(database: Database) -> None:
    async with database.transaction() as connection:
        first = await insert_article(
            connection, _article("a1", "KCR approved", outlet="Dawn"), feed_id=None, first_seen=NOW
        )
        assert first is not None and first.story_id is not None
        second = await insert_article(
            connection,
            _article("a2", "KCR approved", outlet="APP"),
            feed_id=None,
            first_seen=NOW,
            story_id=first.story_id,
        )
        assert second is not None
        assert second.story_id == first.story_id == first.id


async def test_matches_feed_latest_and_counts(database: Database) -> None:
    async with database.transaction() as connection:
        old = await insert_article(
            connection, _article("old", "ML-1 old", NOW - timedelta(days=20)), feed_id=None, first_seen=NOW
        )
        new = await insert_article(
            connection, _article("new", "ML-1 new", NOW - timedelta(days=2)), feed_id=None, first_seen=NOW
        )
        gwadar = await insert_article(
            connection, _article("gw", "Gwadar", NOW - timedelta(days=1)), feed_id=None, first_seen=NOW
        )
        assert old and new and gwadar
        await insert_matches(connection, [(old.id, MatchRecord("ml-1", 0.9, ("alias: ML-1",)))])
        await insert_matches(connection, [(new.id, MatchRecord("ml-1", 0.8, ("alias: ML-1",)))])
        await insert_matches(connection, [(gwadar.id, MatchRecord("gwadar", 0.7, ("alias: Gwadar",)))])
        latest = await latest_matched(connection, limit=5, commitment_ids=["ml-1"])
        week = await count_matches_since(connection, NOW - timedelta(days=7))
    assert [m.article.identity for m in latest] == ["new", "old"]
    assert latest[0].why == ("alias: ML-1",)
    assert week == {"ml-1": 1, "gwadar": 1}


async def test_search_needs_every_word(database: Database) -> None:
    async with database.transaction() as connection:
        await insert_article(connection, _article("a1", "Khunjerab pass reopens"), feed_id=None, first_seen=NOW)
        await insert_article(connection, _article("a2", "Pass the budget"), feed_id=None, first_seen=NOW)
        found = await search_articles(connection, ["PASS", "khunjerab"], limit=10)
    assert [a.identity for a in found] == ["a1"]


async def test_search_treats_percent_and_underscore_as_text(database: Database) -> None:
    async with database.transaction() as connection:
        await insert_article(connection, _article("a1", "GDP grew 5% in 2023"), feed_id=None, first_seen=NOW)
        await insert_article(connection, _article("a2", "GDP grew 50 percent"), feed_id=None, first_seen=NOW)
        assert [a.identity for a in await search_articles(connection, ["5%"], limit=10)] == ["a1"]
        assert await search_articles(connection, ["grew_5"], limit=10) == []


async def test_a_batch_skips_identities_already_stored_or_given_twice(database: Database) -> None:
    async with database.transaction() as connection:
        await insert_article(connection, _article("old", "Stored before"), feed_id=None, first_seen=NOW)
        batch = [
            (_article("old", "Stored before"), None),
            (_article("a1", "First"), None),
            (_article("a1", "Again"), 7),
        ]
        stored = await insert_articles(connection, batch, feed_id=None, first_seen=NOW)
    assert [(a.identity, a.title, a.story_id == a.id) for a in stored] == [("a1", "First", True)]


async def _store(database: Database, *identities: str) -> None:
    async with database.transaction() as connection:
        articles = [(_article(identity, f"Story {identity}"), None) for identity in identities]
        await insert_articles(connection, articles, feed_id=None, first_seen=NOW)


async def test_two_feeds_storing_the_same_articles_in_another_order_do_not_deadlock(
    postgres_database: Database,
) -> None:
    database = postgres_database
    async with database.transaction() as holder:  # holds "c" so the first feed stops half-way through its insert
        await insert_articles(holder, [(_article("c", "Story c"), None)], feed_id=None, first_seen=NOW)
        first_feed = asyncio.create_task(_store(database, "a", "c", "b"))
        await wait_for_lock_waiters(database, 1)
        second_feed = asyncio.create_task(_store(database, "b", "a"))
        await wait_for_lock_waiters(database, 2)
    await asyncio.wait_for(asyncio.gather(first_feed, second_feed), timeout=30)
    async with database.transaction() as connection:
        assert await known_identities(connection, ["a", "b", "c"]) == {"a", "b", "c"}


async def test_search_matches_a_word_with_a_non_ascii_capital_as_written(database: Database) -> None:
    async with database.transaction() as connection:
        await insert_article(connection, _article("a1", "Ürümqi–Gwadar fibre link"), feed_id=None, first_seen=NOW)
        found = await search_articles(connection, ["Ürümqi"], limit=10)
    assert [a.identity for a in found] == ["a1"]
