"""`/healthz` and `/metrics` served on 127.0.0.1 by the app `run` builds, after real poll rounds of local feeds."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.engine import make_url

from bot.app import Pledgewatch, health_probe, serving_web
from bot.config import WebSettings
from bot.ops import FeedErrorKind
from storage import Database
from tests.alerts.helpers import FixedClock
from tests.feeds.support import ConditionalFeed, Entry, FeedServer, Reply, feed_bytes
from tests.support.tcp_proxy import TcpProxy
from tests.web.support import running_app, write_config

ML1 = Entry(
    "ML-1 railway: Pakistan and China sign financing deal for the Karachi–Peshawar upgrade",
    guid="ml1",
    link="https://news.example/ml1",
    summary="The Main Line-1 project under CPEC will rebuild 1,700 km of track.",
)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.now(UTC).replace(microsecond=0))


@asynccontextmanager
async def web_client(app: Pledgewatch) -> AsyncIterator[httpx.AsyncClient]:
    """The `[web]` server of `app` on a free port of 127.0.0.1, and a client for it."""
    async with serving_web(WebSettings(port=0), health_probe(app)) as server:
        assert server is not None
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}", timeout=10) as client:
            yield client


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a Prometheus exposition, parsed by prometheus-client's own parser."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(found: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return found[(name, tuple(sorted(labels.items())))]


def _count(database: Path, sql: str) -> int:
    with sqlite3.connect(database) as connection:
        count: int = connection.execute(sql).fetchone()[0]
    return count


async def test_healthz_answers_200_with_the_last_round_and_dispatch(
    tmp_path: Path, server: FeedServer, clock: FixedClock
) -> None:
    server.route("/news.xml", ConditionalFeed(ML1))
    async with running_app(write_config(tmp_path, {"Loopback": server.url("/news.xml")}), clock) as app:
        await app.poll(every_feed=True)
        polled_at = clock.now
        dispatched_at = clock.advance(seconds=5)
        await app.deliver()
        async with web_client(app) as client:
            response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "last_poll_round": polled_at.isoformat(),
        "last_dispatch": dispatched_at.isoformat(),
        "database_reachable": True,
        "problems": [],
    }


async def test_healthz_answers_503_once_the_poll_job_is_quiet_for_three_ticks_and_a_timeout(
    tmp_path: Path, server: FeedServer, clock: FixedClock
) -> None:
    server.route("/news.xml", ConditionalFeed(ML1))
    async with running_app(write_config(tmp_path, {"Loopback": server.url("/news.xml")}), clock) as app:
        stale_after = health_probe(app).stale_after
        assert stale_after == 3 * 1 + 20  # ticks of 1 s ([polling] interval_seconds = 1), the default 20 s timeout
        await app.poll(every_feed=True)
        async with web_client(app) as client:
            clock.advance(seconds=stale_after)
            still_fine = await client.get("/healthz")
            clock.advance(seconds=1)
            stale = await client.get("/healthz")
            await app.poll(every_feed=True)
            recovered = await client.get("/healthz")
    assert still_fine.status_code == 200
    assert stale.status_code == 503
    assert stale.json()["status"] == "unhealthy" and stale.json()["database_reachable"] is True
    assert stale.json()["problems"] == [f"no poll activity for {stale_after + 1:.0f} s (more than {stale_after:g} s)"]
    assert recovered.status_code == 200


async def test_healthz_answers_503_when_the_database_stops_answering(
    tmp_path: Path, server: FeedServer, clock: FixedClock, postgres_url: str, postgres_database: Database
) -> None:
    """PostgreSQL reached through a proxy the test cuts: the server goes away under a running app."""
    proxy = TcpProxy(make_url(postgres_url).host or "127.0.0.1", make_url(postgres_url).port or 5432)
    through_proxy = make_url(postgres_url).set(host="127.0.0.1", port=await proxy.start())
    config = write_config(
        tmp_path, {"Loopback": server.url("/news.xml")}, storage_url=through_proxy.render_as_string(False)
    )
    server.route("/news.xml", ConditionalFeed(ML1))
    async with running_app(config, clock) as app:
        await app.poll(every_feed=True)
        async with web_client(app) as client:
            before = await client.get("/healthz")
            await proxy.cut()
            after = await client.get("/healthz")
    assert before.status_code == 200
    assert after.status_code == 503
    assert after.json()["database_reachable"] is False
    assert after.json()["problems"] == ["the database did not answer within 5 s"]


async def test_metrics_count_a_real_poll_round_then_its_dispatch(
    tmp_path: Path, server: FeedServer, clock: FixedClock
) -> None:
    feed = ConditionalFeed(ML1)
    server.route("/news.xml", feed)
    server.route("/broken.xml", Reply(status=500))
    database = tmp_path / "pledgewatch.db"
    config = write_config(tmp_path, {"Loopback": server.url("/news.xml"), "Broken": server.url("/broken.xml")})
    async with running_app(config, clock) as app, web_client(app) as client:
        await app.poll(every_feed=True)
        clock.advance(seconds=42)
        after_poll = samples((await client.get("/metrics")).text)
        await app.deliver()
        await app.poll(every_feed=True)
        after_dispatch = samples((await client.get("/metrics")).text)

    assert value(after_poll, "pledgewatch_feeds_checked_total") == 2
    assert value(after_poll, "pledgewatch_feeds_not_modified_total") == 0
    assert value(after_poll, "pledgewatch_feed_errors_total", kind="http_5xx") == 1
    assert value(after_poll, "pledgewatch_articles_stored_total") == 1
    assert value(after_poll, "pledgewatch_matches_total") == _count(database, "SELECT COUNT(*) FROM matches") > 0
    assert value(after_poll, "pledgewatch_alerts_queued_total") == _count(database, "SELECT COUNT(*) FROM deliveries")
    assert value(after_poll, "pledgewatch_alerts_queued_total") == 1  # the console chat, one story
    # the article was stored a moment into the round (a feed's own clock runs on from the tick)
    assert value(after_poll, "pledgewatch_outbox_oldest_pending_age_seconds") == pytest.approx(42, abs=0.5)
    assert value(after_poll, "pledgewatch_poll_round_duration_seconds_count") == 1

    assert value(after_dispatch, "pledgewatch_feeds_checked_total") == 4
    assert value(after_dispatch, "pledgewatch_feeds_not_modified_total") == 1  # the feed answered 304
    assert feed.statuses == [200, 304]
    assert value(after_dispatch, "pledgewatch_alerts_sent_total") == 1
    assert value(after_dispatch, "pledgewatch_messages_sent_total") == 1
    assert value(after_dispatch, "pledgewatch_sends_retried_total") == 0
    assert value(after_dispatch, "pledgewatch_sends_failed_total") == 0
    assert value(after_dispatch, "pledgewatch_outbox_oldest_pending_age_seconds") == 0
    assert value(after_dispatch, "pledgewatch_alert_dispatch_latency_seconds_count") == 1
    assert value(after_dispatch, "pledgewatch_alert_dispatch_latency_seconds_sum") == pytest.approx(42, abs=0.5)
    assert value(after_dispatch, "pledgewatch_alert_dispatch_latency_seconds_bucket", le="30.0") == 0
    assert value(after_dispatch, "pledgewatch_alert_dispatch_latency_seconds_bucket", le="60.0") == 1


def _closed_port() -> int:
    """A port nothing listens on: bound by the system, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_each_kind_of_feed_error_is_counted_under_its_kind(
    tmp_path: Path, server: FeedServer, clock: FixedClock
) -> None:
    """The feeds' own error messages, provoked from real servers, land under the right label."""
    routes = {
        "/missing": Reply(status=404),
        "/failing": Reply(status=503),
        "/page": Reply(body=feed_bytes("not_a_feed.html"), headers={"Content-Type": "text/html"}),
        "/slow": Reply(stall=True),
        "/huge": Reply(body=b"<rss>" + b" " * 20_000 + b"</rss>"),
        "/gone": Reply(status=410),
    }
    for path, reply in routes.items():
        server.route(path, reply)
    feeds = {path.strip("/"): server.url(path) for path in routes}
    feeds["unreachable"] = f"http://127.0.0.1:{_closed_port()}/feed"
    config = write_config(tmp_path, feeds, extra="timeout_seconds = 1\nmax_bytes = 10000\n")
    async with running_app(config, clock) as app, web_client(app) as client:
        report = await app.poll(every_feed=True)
        found = samples((await client.get("/metrics")).text)
    errors = {kind.value: value(found, "pledgewatch_feed_errors_total", kind=kind.value) for kind in FeedErrorKind}
    assert errors == {
        "http_4xx": 1,
        "http_5xx": 1,
        "timeout": 1,
        "network": 1,
        "too_large": 1,
        "not_a_feed": 1,
        "storage": 0,
        "gone": 1,
        "other": 0,
    }, report.errors


async def test_metrics_speak_openmetrics_to_a_scraper_that_asks(
    tmp_path: Path, server: FeedServer, clock: FixedClock
) -> None:
    async with running_app(write_config(tmp_path, {}), clock) as app, web_client(app) as client:
        plain = await client.get("/metrics")
        negotiated = await client.get("/metrics", headers={"Accept": "application/openmetrics-text; version=1.0.0"})
    assert plain.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert negotiated.headers["content-type"].startswith("application/openmetrics-text")
    assert negotiated.text.endswith("# EOF\n")
