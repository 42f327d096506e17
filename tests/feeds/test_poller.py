"""A poll round end to end: real HTTP server on loopback, real database (SQLite and PostgreSQL), real matcher."""

from __future__ import annotations

import asyncio
import random
import socket
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from sqlalchemy import select

from feeds import FeedFetcher, FetchSettings, PollReport, RefreshOutcome, poll_round
from storage import (
    ALL,
    Database,
    FeedRow,
    FeedSpec,
    ensure_chat,
    latest_matched,
    list_feeds,
    subscribe,
    sync_feeds,
)
from storage.schema import articles
from tests.feeds.rounds import ML1, RoundServices
from tests.feeds.support import ConditionalFeed, Entry, FeedServer, Reply, rss
from tests.support.storage import article_count
from tests.support.waiting import wait_until
from watchlist import Watchlist

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ML1_NEWS = Entry("ML-1 railway financing agreed", guid="n-1", summary="The Main Line-1 loan was agreed.")
OTHER_NEWS = Entry("Textile exporters ask for lower duties", guid="n-2", summary="A trade body wrote to the ministry.")


@pytest.fixture
async def fetcher() -> AsyncIterator[FeedFetcher]:
    async with FeedFetcher(FetchSettings(timeout_seconds=5, max_bytes=100_000, user_agent="t", concurrency=8)) as f:
        yield f


@pytest.fixture
def services(database: Database) -> RoundServices:
    return RoundServices(database)


async def _add_feeds(services: RoundServices, **urls: str) -> None:
    async with services.database.transaction() as connection:
        specs = [FeedSpec(name, url) for name, url in urls.items()]
        await sync_feeds(connection, specs, kinds=["config"], now=NOW)


async def _feeds(services: RoundServices) -> dict[str, FeedRow]:
    async with services.database.transaction() as connection:
        return {feed.name: feed for feed in await list_feeds(connection)}


async def _count(services: RoundServices) -> int:
    async with services.database.transaction() as connection:
        return await article_count(connection)


async def _poll(
    services: RoundServices,
    fetcher: FeedFetcher,
    at: datetime = NOW,
    every_feed: bool = False,
    names: list[str] | None = None,
) -> PollReport:
    return await poll_round(services, fetcher, at, every_feed=every_feed, names=names, rng=random.Random(1))


def _refused_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/feed"


async def test_first_poll_stores_articles_and_cache_headers(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    feed = ConditionalFeed(ML1_NEWS, OTHER_NEWS)
    server.route("/feed", feed)
    await _add_feeds(services, ledger=server.url("/feed"))
    report = await _poll(services, fetcher)
    stored = (await _feeds(services))["ledger"]
    assert (report.checked, report.new_articles, await _count(services)) == (1, 2, 2)
    assert (stored.etag, stored.title, stored.error_count) == (feed.etag, "Loopback Ledger", 0)


async def test_304_keeps_state_and_stores_nothing(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", ConditionalFeed(ML1_NEWS, OTHER_NEWS))
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    before = (await _feeds(services))["ledger"]
    report = await _poll(services, fetcher, every_feed=True)
    after = (await _feeds(services))["ledger"]
    assert (report.not_modified, report.new_articles, await _count(services)) == (1, 0, 2)
    assert (after.etag, after.title, after.error_count) == (before.etag, before.title, 0)
    assert server.requests[-1].headers["if-none-match"] == before.etag


async def test_last_modified_is_stored_and_sent_back(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    stamp = "Wed, 25 Nov 2026 10:00:00 GMT"
    server.route("/feed", Reply(body=rss(OTHER_NEWS), headers={"Last-Modified": stamp}))
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    await _poll(services, fetcher, every_feed=True)
    assert (await _feeds(services))["ledger"].last_modified == stamp
    assert server.requests[-1].headers["if-modified-since"] == stamp


async def test_matches_are_stored_with_their_article_and_reported(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", Reply(body=rss(ML1_NEWS, OTHER_NEWS)))
    await _add_feeds(services, ledger=server.url("/feed"))
    report = await _poll(services, fetcher)
    async with services.database.transaction() as connection:
        matched = await latest_matched(connection, limit=10)
    assert [(m.commitment_id, m.article.title) for m in matched] == [("ml-1", ML1_NEWS.title)]
    assert (report.matches, report.matched_article_ids) == (1, (matched[0].article.id,))


async def test_alerts_are_queued_for_subscribed_chats(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    async with services.database.transaction() as connection:
        await ensure_chat(connection, 42, "private", None, NOW - timedelta(days=1))
        await subscribe(connection, 42, ALL, "", NOW - timedelta(days=1))
    server.route("/feed", Reply(body=rss(ML1_NEWS, OTHER_NEWS)))
    await _add_feeds(services, ledger=server.url("/feed"))
    assert (await _poll(services, fetcher)).alerts_queued == 1


async def test_backlog_of_a_new_feed_is_stored_and_matched_but_alerts_nobody(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    async with services.database.transaction() as connection:
        await ensure_chat(connection, 42, "private", None, NOW - timedelta(days=30))
        await subscribe(connection, 42, ALL, "", NOW - timedelta(days=30))
    old = Entry(ML1_NEWS.title, guid="old-1", published=format_datetime(NOW - timedelta(days=10)))
    fresh = Entry("Main Line-1 tender opens", guid="new-1", published=format_datetime(NOW - timedelta(hours=3)))
    server.route("/feed", Reply(body=rss(old, fresh)))
    await _add_feeds(services, ledger=server.url("/feed"))
    report = await _poll(services, fetcher)
    assert (report.new_articles, report.matches, report.alerts_queued) == (2, 2, 1)


async def test_article_seen_in_two_feeds_is_stored_once(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    shared = Entry("Gwadar airport opens", link="https://news.example/gwadar?utm_source=a")
    server.route("/a", Reply(body=rss(shared)))
    server.route("/b", Reply(body=rss(Entry(shared.title, link="https://news.example/gwadar?utm_source=b"))))
    await _add_feeds(services, a=server.url("/a"), b=server.url("/b"))
    report = await _poll(services, fetcher)
    assert (report.new_articles, await _count(services)) == (1, 1)


async def test_items_that_reappear_after_being_pruned_are_not_new(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    feed = ConditionalFeed(ML1_NEWS, OTHER_NEWS)
    server.route("/feed", feed)
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    feed.publish(OTHER_NEWS)
    await _poll(services, fetcher, every_feed=True)
    feed.publish(ML1_NEWS, OTHER_NEWS)
    report = await _poll(services, fetcher, every_feed=True)
    assert (report.new_articles, report.matches, await _count(services)) == (0, 0, 2)


async def test_same_story_from_two_outlets_shares_a_story(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/a", Reply(body=rss(Entry("Khunjerab pass reopens for cross-border trade", guid="a1"))))
    server.route("/b", Reply(body=rss(Entry("Khunjerab pass reopens for cross-border trade - Harbour", guid="b1"))))
    await _add_feeds(services, a=server.url("/a"))
    await _poll(services, fetcher)
    await _add_feeds(services, a=server.url("/a"), b=server.url("/b"))
    await _poll(services, fetcher, at=NOW + timedelta(hours=1))
    async with services.database.transaction() as connection:
        story_ids = set((await connection.execute(select(articles.c.story_id))).scalars())
    assert len(story_ids) == 1


async def test_same_story_from_two_outlets_in_one_round_alerts_once(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    async with services.database.transaction() as connection:
        await ensure_chat(connection, 42, "private", None, NOW - timedelta(days=1))
        await subscribe(connection, 42, ALL, "", NOW - timedelta(days=1))
    server.route("/a", Reply(body=rss(Entry("ML-1 railway financing deal signed in Beijing", guid="a1"))))
    server.route("/b", Reply(body=rss(Entry("ML-1 railway financing deal signed in Beijing - Harbour", guid="b1"))))
    await _add_feeds(services, a=server.url("/a"), b=server.url("/b"))
    report = await _poll(services, fetcher)
    assert (report.new_articles, report.alerts_queued) == (2, 1)


async def test_410_disables_the_feed_and_reports_it_gone(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", Reply(status=410))
    await _add_feeds(services, ledger=server.url("/feed"))
    report = await _poll(services, fetcher)
    stored = (await _feeds(services))["ledger"]
    assert report.gone == (("ledger", server.url("/feed")),)
    assert stored.disabled_reason is not None and "410" in stored.disabled_reason


async def test_429_waits_as_long_as_retry_after_asks(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", Reply(status=429, headers={"Retry-After": "7200"}))
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    stored = (await _feeds(services))["ledger"]
    assert stored.next_check_at >= NOW + timedelta(seconds=7200)
    assert (stored.error_count, stored.last_error) == (1, "HTTP 429 Too Many Requests")


async def test_an_absurd_retry_after_waits_a_day_at_most(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", Reply(status=429, headers={"Retry-After": "9" * 14}))
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    stored = (await _feeds(services))["ledger"]
    assert stored.last_error == "HTTP 429 Too Many Requests"
    assert stored.retry_not_before is not None and stored.retry_not_before <= NOW + timedelta(days=1, minutes=1)
    assert stored.next_check_at <= NOW + timedelta(days=1, minutes=1)


async def test_an_absurd_ttl_is_honoured_up_to_the_maximum_interval(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    body = rss(OTHER_NEWS).replace(b"<channel>", b"<channel><ttl>" + b"9" * 400 + b"</ttl>")
    server.route("/feed", Reply(body=body))
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    delay = ((await _feeds(services))["ledger"].next_check_at - NOW).total_seconds()
    assert 3600 * 0.9 <= delay <= 3600 * 1.1


async def test_an_entry_with_nul_characters_is_stored(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    # NUL is not valid XML, so feedparser's lenient fallback reads it; PostgreSQL cannot store it in text
    body = rss(ML1_NEWS).replace(b"ML-1 railway", b"ML-1\x00 railway").replace(b"n-1", b"n-\x001")
    server.route("/feed", Reply(body=body))
    await _add_feeds(services, ledger=server.url("/feed"))
    report = await _poll(services, fetcher)
    async with services.database.transaction() as connection:
        matched = await latest_matched(connection, limit=10)
    assert (report.new_articles, report.errors) == (1, ())
    assert [m.article.title for m in matched] == ["ML-1 railway financing agreed"]


async def test_a_feed_whose_articles_the_database_refuses_fails_alone(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    # nothing bounds an id's length, but PostgreSQL refuses one longer than the column (SQLite stores it)
    services.watchlist = Watchlist(commitments=(replace(ML1, id="ml-" + "1" * 200),))
    server.route("/a", Reply(body=rss(ML1_NEWS)))
    server.route("/b", Reply(body=rss(OTHER_NEWS)))
    await _add_feeds(services, a=server.url("/a"), b=server.url("/b"))
    report = await _poll(services, fetcher)
    async with services.database.transaction() as connection:
        titles = {row.title for row in (await connection.execute(select(articles.c.title)))}
    assert report.checked == 2 and OTHER_NEWS.title in titles
    assert {name for name, _, _ in report.errors} <= {"a"}


async def test_manual_poll_still_honours_a_pending_retry_after(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", Reply(status=429, headers={"Retry-After": "7200"}))
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    report = await _poll(services, fetcher, at=NOW + timedelta(minutes=5), every_feed=True)
    assert (report.checked, len(server.requests)) == (0, 1)


async def test_manual_poll_checks_feeds_that_are_not_due(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", ConditionalFeed(OTHER_NEWS))
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    assert (await _poll(services, fetcher)).checked == 0
    assert (await _poll(services, fetcher, every_feed=True)).checked == 1


async def test_manual_poll_of_one_feed_by_name(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/a", Reply(body=rss(OTHER_NEWS)))
    server.route("/b", Reply(body=rss(ML1_NEWS)))
    await _add_feeds(services, a=server.url("/a"), b=server.url("/b"))
    report = await _poll(services, fetcher, every_feed=True, names=["b"])
    assert (report.checked, [seen.path for seen in server.requests]) == (1, ["/b"])


async def test_errors_back_off_exponentially(server: FeedServer, fetcher: FeedFetcher, services: RoundServices) -> None:
    server.route("/feed", Reply(status=500))
    await _add_feeds(services, ledger=server.url("/feed"))
    delays = []
    at = NOW
    for _ in range(3):
        await _poll(services, fetcher, at=at)
        stored = (await _feeds(services))["ledger"]
        delays.append((stored.next_check_at - at).total_seconds())
        at = stored.next_check_at
    assert stored.error_count == 3
    assert delays[0] < delays[1] < delays[2]
    assert delays[2] >= 4 * 600 * 0.9


async def test_not_a_feed_is_stored_as_the_feed_error(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", Reply(body=b"<html><body>Hello</body></html>", headers={"Content-Type": "text/html"}))
    await _add_feeds(services, ledger=server.url("/feed"))
    report = await _poll(services, fetcher)
    stored = (await _feeds(services))["ledger"]
    assert stored.last_error is not None and "not a feed" in stored.last_error
    assert report.errors == (("ledger", server.url("/feed"), stored.last_error),)


async def test_success_after_errors_resets_the_error_count(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", Reply(status=500))
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    server.route("/feed", Reply(body=rss(OTHER_NEWS)))
    await _poll(services, fetcher, every_feed=True)
    stored = (await _feeds(services))["ledger"]
    assert (stored.error_count, stored.last_error) == (0, None)


async def test_a_round_where_every_feed_failed_counts_against_no_feed(
    fetcher: FeedFetcher, services: RoundServices
) -> None:
    await _add_feeds(services, a=_refused_url(), b=_refused_url())
    report = await _poll(services, fetcher)
    stored = await _feeds(services)
    assert report.network_down and len(report.errors) == 2
    assert [(f.error_count, f.last_error is not None) for f in stored.values()] == [(0, True), (0, True)]


async def test_an_unreachable_feed_counts_when_others_answer(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", Reply(body=rss(OTHER_NEWS)))
    await _add_feeds(services, down=_refused_url(), up=server.url("/feed"))
    report = await _poll(services, fetcher)
    assert not report.network_down
    assert (await _feeds(services))["down"].error_count == 1


async def test_an_unreachable_feed_polled_alone_counts(fetcher: FeedFetcher, services: RoundServices) -> None:
    await _add_feeds(services, down=_refused_url())
    report = await _poll(services, fetcher)
    assert not report.network_down
    assert (await _feeds(services))["down"].error_count == 1


class _Claimed:
    """A round's progress as far as a test needs it: the number of feeds it claimed, once it has."""

    def __init__(self) -> None:
        self.total: int | None = None

    def started(self, total: int) -> None:
        self.total = total

    def refreshed(self, outcome: RefreshOutcome) -> None:
        return None


async def test_a_stop_gives_back_at_once_the_feeds_waiting_for_their_turn(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    """A round spreads its fetches over half a tick; a stop must not wait for the last of them."""
    server.route("/feed", Reply(body=rss(OTHER_NEWS)))
    await _add_feeds(services, a=server.url("/feed"), b=server.url("/feed?b"))
    claimed, stopping = _Claimed(), asyncio.Event()
    polling = asyncio.ensure_future(
        poll_round(services, fetcher, NOW, spread_seconds=3600, progress=claimed, stopping=stopping)
    )
    await wait_until(lambda: claimed.total, 10, lambda: "the round claimed no feed")
    stopping.set()
    report = await asyncio.wait_for(polling, timeout=5)
    assert (report.checked, report.given_back, report.network_down, server.requests) == (0, 2, False, [])
    assert [(f.next_check_at, f.error_count) for f in (await _feeds(services)).values()] == [(NOW, 0), (NOW, 0)]


async def test_permanent_redirect_updates_the_stored_url(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/old", Reply(status=301, headers={"Location": "/new"}))
    server.route("/new", Reply(body=rss(OTHER_NEWS)))
    await _add_feeds(services, ledger=server.url("/old"))
    await _poll(services, fetcher)
    assert (await _feeds(services))["ledger"].url == server.url("/new")


async def test_temporary_redirect_keeps_the_stored_url(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/old", Reply(status=302, headers={"Location": "/new"}))
    server.route("/new", Reply(body=rss(OTHER_NEWS)))
    await _add_feeds(services, ledger=server.url("/old"))
    await _poll(services, fetcher)
    assert (await _feeds(services))["ledger"].url == server.url("/old")


async def test_quiet_feed_is_checked_at_the_maximum_interval(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    server.route("/feed", Reply(body=rss(OTHER_NEWS)))
    await _add_feeds(services, ledger=server.url("/feed"))
    await _poll(services, fetcher)
    delay = ((await _feeds(services))["ledger"].next_check_at - NOW).total_seconds()
    assert 3600 * 0.9 <= delay <= 3600 * 1.1


async def test_ttl_longer_than_the_interval_is_honoured(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    every_five_minutes = [
        Entry(f"Item {n}", guid=f"i{n}", published=format_datetime(NOW - timedelta(minutes=5 * n), usegmt=True))
        for n in range(1, 1200)
    ]
    body = rss(*every_five_minutes).replace(b"<channel>", b"<channel><ttl>50</ttl>")
    server.route("/feed", Reply(body=body))
    await _add_feeds(services, ledger=server.url("/feed"))
    async with FeedFetcher(FetchSettings(timeout_seconds=5, max_bytes=1_000_000, user_agent="t", concurrency=1)) as big:
        await _poll(services, big)
    delay = ((await _feeds(services))["ledger"].next_check_at - NOW).total_seconds()
    assert 3000 * 0.9 <= delay <= 3000 * 1.1


async def test_busy_feed_is_checked_at_the_minimum_interval(
    server: FeedServer, fetcher: FeedFetcher, services: RoundServices
) -> None:
    recent = [
        Entry(f"Item {n}", guid=f"i{n}", published=format_datetime(NOW - timedelta(minutes=5 * n), usegmt=True))
        for n in range(1, 1200)
    ]
    server.route("/feed", Reply(body=rss(*recent)))
    await _add_feeds(services, ledger=server.url("/feed"))
    async with FeedFetcher(FetchSettings(timeout_seconds=5, max_bytes=1_000_000, user_agent="t", concurrency=1)) as big:
        await _poll(services, big)
    delay = ((await _feeds(services))["ledger"].next_check_at - NOW).total_seconds()
    assert 600 * 0.9 <= delay <= 600 * 1.1
