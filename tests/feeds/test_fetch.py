import asyncio
import gzip
import socket
import threading
import time
from collections.abc import AsyncIterator

import pytest

from feeds.fetch import FeedFetcher
from feeds.settings import FetchSettings
from tests.feeds.support import FeedServer, Reply, Seen, feed_bytes

SETTINGS = FetchSettings(
    timeout_seconds=5, max_bytes=50_000, user_agent="pledgewatch-test/1 (+https://x.example)", concurrency=8
)
FEED = feed_bytes("rss_three_items.xml")


@pytest.fixture
async def fetcher() -> AsyncIterator[FeedFetcher]:
    async with FeedFetcher(SETTINGS) as feed_fetcher:
        yield feed_fetcher


def _redirect(status: int, to: str) -> Reply:
    return Reply(status=status, headers={"Location": to})


async def test_200_returns_body_and_validators(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(body=FEED, headers={"ETag": '"v1"', "Last-Modified": "Mon, 08 May 2023 07:00:00 GMT"}))
    result = await fetcher.fetch(server.url("/feed"))
    assert (result.kind, result.status, result.body) == ("ok", 200, FEED)
    assert (result.etag, result.last_modified) == ('"v1"', "Mon, 08 May 2023 07:00:00 GMT")


async def test_user_agent_names_pledgewatch(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(body=FEED))
    await fetcher.fetch(server.url("/feed"))
    assert server.requests[0].headers["user-agent"] == SETTINGS.user_agent


async def test_stored_validators_are_sent_back(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(status=304))
    await fetcher.fetch(server.url("/feed"), etag='"v1"', last_modified="Mon, 08 May 2023 07:00:00 GMT")
    sent = server.requests[0].headers
    assert (sent["if-none-match"], sent["if-modified-since"]) == ('"v1"', "Mon, 08 May 2023 07:00:00 GMT")


async def test_first_fetch_sends_no_conditional_headers(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(body=FEED))
    await fetcher.fetch(server.url("/feed"))
    assert "if-none-match" not in server.requests[0].headers
    assert "if-modified-since" not in server.requests[0].headers


async def test_304_is_not_modified_and_keeps_the_stored_validators(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(status=304))
    result = await fetcher.fetch(server.url("/feed"), etag='"v1"', last_modified="Mon, 08 May 2023 07:00:00 GMT")
    assert (result.kind, result.body) == ("not_modified", b"")
    assert (result.etag, result.last_modified) == ('"v1"', "Mon, 08 May 2023 07:00:00 GMT")


async def test_200_with_unchanged_etag_is_not_modified(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(body=FEED, headers={"ETag": '"v1"'}))
    result = await fetcher.fetch(server.url("/feed"), etag='"v1"')
    assert result.kind == "not_modified"


async def test_200_with_a_new_etag_is_ok(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(body=FEED, headers={"ETag": '"v2"'}))
    result = await fetcher.fetch(server.url("/feed"), etag='"v1"')
    assert (result.kind, result.etag) == ("ok", '"v2"')


async def test_chain_of_301_and_308_reports_the_new_permanent_url(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/old", _redirect(301, "/older"))
    server.route("/older", _redirect(308, server.url("/new")))
    server.route("/new", Reply(body=FEED))
    result = await fetcher.fetch(server.url("/old"))
    assert (result.kind, result.permanent_url, result.url) == ("ok", server.url("/new"), server.url("/new"))


async def test_302_is_followed_but_not_reported_as_permanent(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/old", _redirect(302, "/new"))
    server.route("/new", Reply(body=FEED))
    result = await fetcher.fetch(server.url("/old"))
    assert (result.kind, result.body, result.permanent_url) == ("ok", FEED, None)


async def test_one_temporary_hop_makes_the_whole_move_temporary(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/a", _redirect(301, "/b"))
    server.route("/b", _redirect(307, "/c"))
    server.route("/c", Reply(body=FEED))
    assert (await fetcher.fetch(server.url("/a"))).permanent_url is None


async def test_more_than_five_redirects_is_an_error(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/loop", _redirect(301, "/loop"))
    result = await fetcher.fetch(server.url("/loop"))
    assert (result.kind, result.error) == ("error", "too many redirects (more than 5)")
    assert len(server.requests) == 6


async def test_redirect_without_location_is_an_error(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(status=301))
    result = await fetcher.fetch(server.url("/feed"))
    assert result.kind == "error"
    assert "without a Location header" in (result.error or "")


async def test_410_means_gone(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(status=410))
    result = await fetcher.fetch(server.url("/feed"))
    assert (result.kind, result.status) == ("gone", 410)


async def test_429_reports_retry_after_seconds(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(status=429, headers={"Retry-After": "120"}))
    result = await fetcher.fetch(server.url("/feed"))
    assert (result.kind, result.retry_after, result.error) == ("error", 120.0, "HTTP 429 Too Many Requests")


async def test_503_reports_retry_after_given_as_a_date(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(status=503, headers={"Retry-After": "Fri, 01 Jan 2100 00:00:00 GMT"}))
    result = await fetcher.fetch(server.url("/feed"))
    assert result.kind == "error"
    assert result.retry_after is not None and result.retry_after > 365 * 24 * 3600


async def test_other_server_errors_are_errors_without_retry_after(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(status=500, headers={"Retry-After": "60"}))
    result = await fetcher.fetch(server.url("/feed"))
    assert (result.kind, result.error, result.retry_after) == ("error", "HTTP 500 Internal Server Error", None)


async def test_404_is_an_error(server: FeedServer, fetcher: FeedFetcher) -> None:
    result = await fetcher.fetch(server.url("/missing"))
    assert (result.kind, result.error) == ("error", "HTTP 404 Not Found")


async def test_slow_server_times_out_with_a_readable_error(server: FeedServer) -> None:
    server.route("/feed", Reply(stall=True))
    async with FeedFetcher(FetchSettings(0.3, 50_000, "t", 2)) as quick:
        result = await quick.fetch(server.url("/feed"))
    assert (result.kind, result.error) == ("error", "timed out after 0.3 s")


async def test_declared_oversized_body_is_refused(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(body=b"x" * (SETTINGS.max_bytes + 1)))
    result = await fetcher.fetch(server.url("/feed"))
    assert (result.kind, result.error) == ("error", f"body larger than {SETTINGS.max_bytes} bytes")


async def test_streamed_oversized_body_is_aborted(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(body=b"x" * (SETTINGS.max_bytes * 3), send_length=False))
    result = await fetcher.fetch(server.url("/feed"))
    assert (result.kind, result.error) == ("error", f"body larger than {SETTINGS.max_bytes} bytes")


async def test_gzip_body_is_decompressed(server: FeedServer, fetcher: FeedFetcher) -> None:
    server.route("/feed", Reply(body=gzip.compress(FEED), headers={"Content-Encoding": "gzip"}))
    result = await fetcher.fetch(server.url("/feed"))
    assert (result.kind, result.body) == ("ok", FEED)


async def test_gzip_bomb_is_capped_after_decompression(server: FeedServer, fetcher: FeedFetcher) -> None:
    bomb = gzip.compress(b"\0" * (SETTINGS.max_bytes * 20))
    server.route("/feed", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    result = await fetcher.fetch(server.url("/feed"))
    assert result.error == f"body larger than {SETTINGS.max_bytes} bytes"


async def test_refused_connection_is_a_readable_error(fetcher: FeedFetcher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = await fetcher.fetch(f"http://127.0.0.1:{port}/feed")
    assert result.kind == "error"
    assert (result.error or "").startswith("cannot connect")


async def test_requests_to_one_host_are_limited(server: FeedServer, fetcher: FeedFetcher) -> None:
    lock, gate = threading.Lock(), threading.Event()
    counts = {"now": 0, "max": 0}

    def held(_seen: Seen) -> Reply:
        with lock:
            counts["now"] += 1
            counts["max"] = max(counts["max"], counts["now"])
            if counts["now"] >= SETTINGS.per_host_concurrency:
                gate.set()
        gate.wait(timeout=5)
        with lock:
            counts["now"] -= 1
        return Reply(body=FEED)

    server.route("/feed", held)
    results = await asyncio.gather(*(fetcher.fetch(server.url("/feed")) for _ in range(6)))
    assert {result.kind for result in results} == {"ok"}
    assert counts["max"] == SETTINGS.per_host_concurrency


async def test_a_stored_non_ascii_etag_is_not_sent(server: FeedServer, fetcher: FeedFetcher) -> None:
    # a server may send obs-text in an ETag; it cannot be sent back as it came, so the request goes unconditional
    server.route("/feed", Reply(body=FEED, headers={"ETag": '"caf\u00e9"'}))
    first = await fetcher.fetch(server.url("/feed"))
    second = await fetcher.fetch(server.url("/feed"), etag=first.etag, last_modified="Mon, 08 May 2023 07:00:00 GMT")
    assert second.kind == "not_modified"
    assert "if-none-match" not in server.requests[-1].headers


@pytest.mark.parametrize("location", ["http://xn--a.example/feed", "http://127.0.0.1:99999/feed"])
async def test_redirect_to_an_unusable_location_is_an_error(
    server: FeedServer, fetcher: FeedFetcher, location: str
) -> None:
    server.route("/feed", _redirect(301, location))
    result = await fetcher.fetch(server.url("/feed"))
    assert (result.kind, result.status) == ("error", None)
    assert result.error


async def test_waiting_for_a_busy_host_does_not_count_against_the_timeout(server: FeedServer) -> None:
    def slow(_seen: Seen) -> Reply:
        time.sleep(0.4)  # the server's own pace, not the test waiting on it
        return Reply(body=FEED)

    server.route("/feed", slow)
    async with FeedFetcher(FetchSettings(1.0, 50_000, "t", 8)) as patient:
        results = await asyncio.gather(*(patient.fetch(server.url("/feed")) for _ in range(6)))
    assert [result.error for result in results] == [None] * 6
