"""How fast a poll round runs end to end, against the cost of merely parsing the same feeds.

    .venv/bin/python benchmarks/poll.py [--feeds 500] [--entries 30] [--database sqlite:///x.db]

A child process serves N RSS feeds of M entries each on 127.0.0.1 (with ETags, answering 304 when the
client has the current version). The parent runs the real poll path — fetch, parse off the loop, match,
store in SQLite (or the given database), schedule — twice: a first pass in which every article is new,
and a not-modified pass. The baseline is a bare ``feedparser.parse`` of the same bytes in the same run,
so the ratio says what everything beyond feedparser costs. The matcher is compiled before the passes (the
app compiles it once per watchlist) and timed on its own line. Each figure comes as wall time and as this
process's CPU time: on a busy machine the wall times swell, the CPU times much less. Peak memory is this
process's maximum RSS, measured after compiling the matcher and at the end (the server runs in its own process
and is not counted).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import multiprocessing
import random
import resource
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path

import feedparser

from feeds import FeedFetcher, FetchSettings, PollingSettings, PollReport, poll_round
from matcher import Matcher, compile_matcher
from storage import Database, FeedSpec, sync_feeds, upgrade
from watchlist import Watchlist, load_watchlist

REPO = Path(__file__).resolve().parents[1]
SUBJECTS = ("ML-1 railway", "Gwadar port", "Khunjerab Pass", "textile exports", "wheat prices", "cricket series")
VERBS = ("talks resume on", "officials review", "new figures for", "a delegation visits", "questions over")


def feed_body(feed: int, entries: int, now: datetime) -> bytes:
    """Feed ``feed`` of the synthetic set; the same arguments always give the same bytes."""
    rng = random.Random(feed)
    items = []
    for entry in range(entries):
        title = f"{rng.choice(VERBS).capitalize()} {rng.choice(SUBJECTS)}, report {feed}-{entry}"
        published = format_datetime(now - timedelta(minutes=37 * entry + feed), usegmt=True)
        items.append(
            f"<item><title>{escape(title)}</title><guid isPermaLink='false'>bench-{feed}-{entry}</guid>"
            f"<link>https://outlet{feed}.example/news/{entry}?utm_source=rss</link><pubDate>{published}</pubDate>"
            f"<description>&lt;p&gt;{escape(title)}: details of the day, in a few &lt;b&gt;words&lt;/b&gt;."
            f"&lt;/p&gt;</description></item>"
        )
    channel = f"<channel><title>Outlet {feed}</title>{''.join(items)}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the default backlog of 5 drops concurrent connections (1 s SYN retry)


def serve(feeds: int, entries: int, now: datetime, ready: Connection) -> None:
    """The child process: serves /feed/<n> until killed."""
    bodies = [feed_body(n, entries, now) for n in range(feeds)]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            number = int(self.path.rsplit("/", 1)[1])
            etag = f'"{number}-v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(bodies[number])))
            self.end_headers()
            self.wfile.write(bodies[number])

        def log_message(self, format: str, *args: object) -> None:
            return

    server = _Server(("127.0.0.1", 0), Handler)
    ready.send(server.server_address[1])
    server.serve_forever()


@dataclass
class _Config:
    polling: PollingSettings


@dataclass
class _Services:
    database: Database
    watchlist: Watchlist
    config: _Config
    _matcher: Matcher | None = field(default=None, repr=False)

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = compile_matcher(self.watchlist)
        return self._matcher


@dataclass(frozen=True)
class Took:
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:7.2f} s (CPU {self.cpu:6.2f} s)"


class Timer:
    def __enter__(self) -> Timer:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.took = Took(time.perf_counter() - self._wall, time.process_time() - self._cpu)


async def timed_round(services: _Services, fetcher: FeedFetcher) -> tuple[PollReport, Took]:
    with Timer() as timer:
        report = await poll_round(services, fetcher, datetime.now(UTC), every_feed=True, rng=random.Random(1))
    return report, timer.took


def bare_parse(feeds: int, entries: int, now: datetime) -> Took:
    bodies = [feed_body(n, entries, now) for n in range(feeds)]
    with Timer() as timer:
        for body in bodies:
            feedparser.parse(io.BytesIO(body), response_headers={"content-type": "application/rss+xml"})
    return timer.took


def line(label: str, report: PollReport, took: Took, feeds: int) -> str:
    return (
        f"{label:<20} {took}  {feeds / took.wall:7.1f} feeds/s  {report.new_articles / took.wall:7.1f} "
        f"articles/s  (new {report.new_articles}, not modified {report.not_modified}, matches {report.matches}, "
        f"errors {len(report.errors)})"
    )


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def benchmark(options: argparse.Namespace, port: int, now: datetime) -> None:
    database = Database.open(options.database)
    await upgrade(database)
    polling = PollingSettings(concurrency=options.concurrency)
    specs = [FeedSpec(f"bench-{n}", f"http://127.0.0.1:{port}/feed/{n}") for n in range(options.feeds)]
    async with database.transaction() as connection:
        await sync_feeds(connection, specs, kinds=["config"], now=now)
    services = _Services(database, load_watchlist(options.watchlist), _Config(polling))
    with Timer() as compiling:
        assert services.matcher is not None
    compiled_mib = peak_mib()
    # All feeds share one loopback host here; real feeds are spread over many, so lift the per-host cap.
    settings = FetchSettings(
        polling.timeout_seconds, polling.max_bytes, polling.user_agent, polling.concurrency, polling.concurrency
    )
    async with FeedFetcher(settings) as fetcher:
        first, first_took = await timed_round(services, fetcher)
        second, second_took = await timed_round(services, fetcher)
    await database.close()
    polled_mib = peak_mib()
    bare = bare_parse(options.feeds, options.entries, now)
    print(f"{'compile matcher':<20} {compiling.took}")
    print(line("first pass", first, first_took, options.feeds))
    print(line("not-modified pass", second, second_took, options.feeds))
    print(f"{'bare feedparser':<20} {bare}  {options.feeds * options.entries / bare.wall:7.1f} entries/s")
    print(
        f"first pass / bare feedparser.parse: {first_took.wall / bare.wall:.2f}x wall, "
        f"{first_took.cpu / bare.cpu:.2f}x CPU"
    )
    print(
        f"peak memory (max RSS of the poller process): {compiled_mib:.0f} MiB with the matcher compiled, "
        f"{polled_mib:.0f} MiB after both passes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--entries", type=int, default=30)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database", default=None, help="storage URL (default: a fresh SQLite file)")
    parser.add_argument("--watchlist", type=Path, default=REPO / "watchlist.toml")
    options = parser.parse_args()
    now = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as folder:
        options.database = options.database or f"sqlite:///{folder}/bench.db"
        receiving, sending = multiprocessing.Pipe(duplex=False)
        server = multiprocessing.Process(target=serve, args=(options.feeds, options.entries, now, sending), daemon=True)
        server.start()
        try:
            port = receiving.recv()
            print(f"{options.feeds} feeds × {options.entries} entries on 127.0.0.1:{port}, {options.database}")
            asyncio.run(benchmark(options, port, now))
        finally:
            server.kill()
            server.join()


if __name__ == "__main__":
    main()
