"""Two `pledgewatch run` processes on one PostgreSQL database, seeing one story at the same time: one alert.

A "process" is a poll round with its own database engine. Process B's round has read the recent stories
(storing an unrelated article) when process A stores the first article of a story; B's own article of
that story arrives a moment later. B must find A's story — not start the story again and alert twice.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Table, func, select

from feeds import FeedFetcher, FetchSettings, poll_round
from storage import ALL, Database, FeedSpec, ensure_chat, subscribe, sync_feeds
from storage.schema import articles, deliveries
from tests.alerts.helpers import wait_until_async
from tests.feeds.rounds import RoundServices
from tests.feeds.support import Entry, FeedServer, Reply, Seen, rss
from tests.support.waiting import wait_until

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
FIRST = Entry("ML-1 railway financing agreed in Islamabad", guid="a-1", summary="The Main Line-1 loan was agreed.")
SECOND = Entry("ML-1 railway financing agreed in Islamabad today", guid="b-2", summary="Main Line-1 loan signed.")
UNRELATED = Entry("Textile exporters ask for lower duties", guid="b-1", summary="A trade body wrote to the ministry.")
CHAT = 7


@pytest.fixture
async def second_process(postgres_url: str) -> AsyncIterator[Database]:
    database = Database.open(postgres_url)
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
async def fetcher() -> AsyncIterator[FeedFetcher]:
    async with FeedFetcher(FetchSettings(timeout_seconds=10, max_bytes=100_000, user_agent="t", concurrency=4)) as f:
        yield f


async def _count(database: Database, table: Table) -> int:
    async with database.transaction() as connection:
        return int((await connection.execute(select(func.count()).select_from(table))).scalar_one())


async def test_a_story_two_processes_store_at_once_is_one_story_and_one_alert(
    server: FeedServer, fetcher: FeedFetcher, postgres_database: Database, second_process: Database
) -> None:
    released = threading.Event()

    def held_until_released(_seen: Seen) -> Reply:
        released.wait(timeout=20)
        return Reply(body=rss(SECOND))

    server.route("/a", Reply(body=rss(FIRST)))
    server.route("/b-first", Reply(body=rss(UNRELATED)))
    server.route("/b-later", held_until_released)
    one, two = RoundServices(postgres_database), RoundServices(second_process)
    async with one.database.transaction() as connection:
        feeds = [FeedSpec(name, server.url(f"/{name}")) for name in ("a", "b-first", "b-later")]
        await sync_feeds(connection, feeds, kinds=["config"], now=NOW)
        await ensure_chat(connection, CHAT, "private", None, NOW - timedelta(days=1))
        await subscribe(connection, CHAT, ALL, "", NOW - timedelta(days=1))

    round_b = asyncio.create_task(poll_round(two, fetcher, NOW, names=["b-first", "b-later"], rng=random.Random(1)))
    await wait_until(lambda: any(seen.path == "/b-later" for seen in server.requests), 10, lambda: "B never asked")

    async def b_stored_its_first() -> bool:  # then B's round has read the recent stories
        return await _count(one.database, articles) == 1

    await wait_until_async(b_stored_its_first, 10, lambda: "B stored nothing")
    await poll_round(one, fetcher, NOW, names=["a"], rng=random.Random(1))
    released.set()
    report = await round_b

    assert report.new_articles == 2
    async with one.database.transaction() as connection:
        rows = (await connection.execute(select(articles.c.title, articles.c.story_id, articles.c.id))).all()
    story = {title: story_id or article_id for title, story_id, article_id in rows}
    assert story[SECOND.title] == story[FIRST.title]
    assert await _count(one.database, deliveries) == 1
