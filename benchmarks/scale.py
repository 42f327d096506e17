"""Scale-out, measured: one, two and three `pledgewatch run` processes sharing one PostgreSQL database.

    .venv/bin/python benchmarks/scale.py [--feeds 2000] [--entries 10] [--new 2] [--rounds 3] [--processes 1 2 3]
                                         [--semantic]

For each process count: a fresh database on the local PostgreSQL server, a feed server child process (N feeds
with ETags, spread over the loopback addresses 127.0.0.1 to 127.0.0.16, since a poller fetches at most two
feeds of one host at a time; each round brings `--new` new entries per feed; it counts every request per
feed and round), and the Telegram emulator behind its correcting proxy. Every process runs with the bot,
in webhook mode (as behind a load balancer: no two processes long-poll one bot), so every process
dispatches to Telegram and every singleton job runs in every process. Seeded chats: some get each alert
at once, one reads a daily digest that is due at start, and all subscribed long before the shipped
watchlist's past deadlines, so each is owed one deadline notice per passed deadline.

A round starts when the benchmark makes every feed due; it ends when the server has answered every feed
and the database has the feed's new state. Printed per round: feeds fetched per second. Then checked and
printed: no feed fetched twice in a round, every alert row sent and each sent once (no link twice to a
chat), each deadline notice queued once and sent once, the digest sent once. Matching is on the rules alone
unless `--semantic` (with the model installed): the semantic stage's embeddings would set the pace of the
first round by themselves, and this measures the sharing of the work. The machine's two cores
carry the processes, PostgreSQL, the feed server and the emulator alike, so more processes here share
the same CPU: the figures show the coordination's cost and correctness more than a speed-up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path

from sqlalchemy import func, select, update

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the emulator and the test database live in tests/support

import storage  # noqa: E402
from feeds import Article  # noqa: E402
from storage import Database, FeedSpec, MatchRecord, PledgeHit, upgrade  # noqa: E402
from storage.schema import chats, deliveries, feeds, notices  # noqa: E402
from tests.support.db import fresh_postgres_database  # noqa: E402
from tests.support.telegram.emulator import EmulatorProcess  # noqa: E402
from tests.support.telegram.fixtures import new_token  # noqa: E402
from tests.support.telegram.proxy import TelegramProxy  # noqa: E402
from tracker import deadline_passed_at  # noqa: E402
from watchlist import load_watchlist  # noqa: E402

SUBJECTS = ("ML-1 railway", "Gwadar port", "Khunjerab Pass", "textile exports", "wheat prices", "cricket series")
VERBS = ("talks resume on", "officials review", "new figures for", "a delegation visits", "questions over")
SUBSCRIBED = datetime(2020, 1, 1, tzinfo=UTC)
IMMEDIATE_CHATS = (101, 102, 103, 104)
DIGEST_CHAT = 201
ROUND_TIMEOUT = 600.0
SETTLE_TIMEOUT = 300.0
HOSTS = 16
NEWS_LINK = re.compile(r'href="(https://(?:outlet\d+|digest)\.example/[^"]+)"')


# ---- the feed server (a child process) -------------------------------------------------------------


def feed_body(feed: int, entries: int, first: int, start: datetime) -> bytes:
    """Entries `first` … `first + entries - 1` of a feed, newest first; the same arguments, the same bytes."""
    items = []
    for entry in reversed(range(first, first + entries)):
        rng = random.Random(feed * 100_003 + entry)
        title = f"{rng.choice(VERBS).capitalize()} {rng.choice(SUBJECTS)}, report {feed}-{entry}"
        published = format_datetime(start + timedelta(seconds=entry), usegmt=True)
        items.append(
            f"<item><title>{escape(title)}</title><guid isPermaLink='false'>scale-{feed}-{entry}</guid>"
            f"<link>https://outlet{feed}.example/news/{entry}</link><pubDate>{published}</pubDate>"
            f"<description>{escape(title)}: details of the day.</description></item>"
        )
    channel = f"<channel><title>Outlet {feed}</title>{''.join(items)}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024


def serve(entries: int, new: int, start: datetime, ready: Connection) -> None:
    """`/feed/<n>` as of the current round; `/round/<r>` starts a round; `/stats/<r>` tells who was fetched."""
    lock = threading.Lock()
    state: dict[str, int] = {"round": 0}
    fetched: dict[int, Counter[int]] = {}
    last_fetch: dict[int, float] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            kind, _, value = self.path.strip("/").partition("/")
            if kind == "round":
                with lock:
                    state["round"] = int(value)
                self._answer(200, b"ok", {})
            elif kind == "stats":
                with lock:
                    counts = dict(fetched.get(int(value), Counter()))
                    body = json.dumps({"counts": counts, "last": last_fetch.get(int(value))}).encode()
                self._answer(200, body, {"Content-Type": "application/json"})
            else:
                self._feed(int(value))

        def _feed(self, number: int) -> None:
            with lock:
                current = state["round"]
                fetched.setdefault(current, Counter())[number] += 1
                last_fetch[current] = time.time()
            etag = f'"{number}-r{current}"'
            if self.headers.get("If-None-Match") == etag:
                self._answer(304, b"", {"ETag": etag})
                return
            body = feed_body(number, entries, current * new, start)
            self._answer(200, body, {"ETag": etag, "Content-Type": "application/rss+xml; charset=utf-8"})

        def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    first = _Server(("127.0.0.1", 0), Handler)
    port = first.server_address[1]
    others = [_Server((f"127.0.0.{host}", port), Handler) for host in range(2, HOSTS + 1)]
    for server in others:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.send(port)
    first.serve_forever()


def server_get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        body: bytes = response.read()
        return body


# ---- one setup: N processes on a fresh database ---------------------------------------------------


@dataclass
class Setup:
    processes: int
    url: str
    folder: Path
    feed_port: int
    proxy: TelegramProxy
    token: str
    options: argparse.Namespace
    first_round: int

    def feed_url(self, number: int) -> str:
        return f"http://127.0.0.{1 + number % HOSTS}:{self.feed_port}/feed/{number}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def write_config(setup: Setup, index: int) -> Path:
    """One process's config: its own webhook port, everything else shared."""
    port = free_port()
    feeds_toml = "".join(
        f'\n[[feeds]]\nname = "outlet-{n}"\nurl = "{setup.feed_url(n)}"\ninterval_seconds = 86400\n'
        for n in range(setup.options.feeds)
    )
    path = setup.folder / f"process-{index}.toml"
    path.write_text(
        f"""
[telegram]
token = "{setup.token}"
api_base_url = "{setup.proxy.url}"
webhook_url = "http://127.0.0.1:{port}/telegram"
webhook_listen = "127.0.0.1"
webhook_port = {port}
webhook_secret = "scale-benchmark"

[storage]
url = "{setup.url}"

[watchlist]
path = "{REPO / "watchlist.toml"}"

[search]
enabled = false

[matcher]
semantic = {"true" if setup.options.semantic else "false"}

[polling]
interval_seconds = 1
max_interval_seconds = 86400
concurrency = 8
{feeds_toml}""",
        encoding="utf-8",
    )
    return path


async def seed(setup: Setup) -> None:
    """Feeds (not due until a round starts), the chats, and a digest waiting since yesterday."""
    database = Database.open(setup.url)
    await upgrade(database)
    later = datetime.now(UTC) + timedelta(days=365)
    specs = [FeedSpec(f"outlet-{n}", setup.feed_url(n), "config", 86400) for n in range(setup.options.feeds)]
    async with database.transaction() as connection:
        await storage.sync_feeds(connection, specs, kinds=["config", "search"], now=later)
        for chat_id in (*IMMEDIATE_CHATS, DIGEST_CHAT):
            await storage.ensure_chat(connection, chat_id, "private", f"chat {chat_id}", SUBSCRIBED)
            await storage.subscribe(connection, chat_id, storage.ALL, "", SUBSCRIBED)
        await storage.update_chat(connection, DIGEST_CHAT, delivery_mode=storage.DIGEST, digest_time="00:00")
        yesterday = datetime.now(UTC) - timedelta(days=1)
        for n in range(3):
            article = Article(
                f"digest-{n}", None, f"https://digest.example/{n}", f"ML-1 news {n}", "", yesterday, "0" * 64, "Dawn"
            )
            [stored] = await storage.insert_articles(connection, [(article, None)], feed_id=None, first_seen=yesterday)
            await storage.insert_matches(connection, [(stored.id, MatchRecord("ml-1-railway", 0.9, ("ML-1",)))])
            hit = PledgeHit("ml-1-railway", (), "pledge")
            alert = storage.NewAlert(stored.id, stored.story_id or stored.id, (hit,))
            await storage.enqueue_alerts(connection, [alert], first_seen=yesterday, now=yesterday)
    await database.close()


def start(config: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "PLEDGEWATCH_TELEGRAM_TOKEN"}
    with log.open("ab") as out:
        command = [sys.executable, "-m", "bot", "run", "--config", str(config)]
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


async def wait_for(check: Callable[[], Awaitable[bool]], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise SystemExit(f"scale: {what} did not happen within {timeout:g} s")
        await asyncio.sleep(0.2)


@dataclass
class RoundResult:
    seconds: float
    fetched_twice: int
    not_fetched: int


async def run_round(setup: Setup, database: Database, number: int) -> RoundResult:
    """Start round `number` (the feeds change and all fall due) and wait until every feed is refreshed."""
    server_get(setup.feed_port, f"/round/{number}")
    started = datetime.now(UTC)
    began = time.time()
    async with database.transaction() as connection:
        await connection.execute(update(feeds).values(next_check_at=started))

    async def refreshed() -> bool:
        async with database.transaction() as connection:
            query = select(func.count()).select_from(feeds).where(feeds.c.last_checked_at >= started)
            done: int = (await connection.execute(query)).scalar_one()
            return done == int(setup.options.feeds)

    await wait_for(refreshed, ROUND_TIMEOUT, f"round {number}")
    stats = json.loads(server_get(setup.feed_port, f"/stats/{number}"))
    counts = {int(feed): count for feed, count in stats["counts"].items()}
    return RoundResult(
        seconds=stats["last"] - began,
        fetched_twice=sum(1 for count in counts.values() if count > 1),
        not_fetched=setup.options.feeds - len(counts),
    )


async def settled(database: Database) -> bool:
    """Nothing left to send now: no alert for an immediate chat, no notice pending, and the digest sent."""
    async with database.transaction() as connection:
        waiting_alerts = (
            select(func.count())
            .select_from(deliveries)
            .where(deliveries.c.state == "pending", deliveries.c.chat_id.in_(IMMEDIATE_CHATS))
        )
        waiting_notices = select(func.count()).select_from(notices).where(notices.c.state == "pending")
        digest = select(chats.c.last_digest_at).where(chats.c.id == DIGEST_CHAT)
        return (
            (await connection.execute(waiting_alerts)).scalar_one() == 0
            and (await connection.execute(waiting_notices)).scalar_one() == 0
            and (await connection.execute(digest)).scalar_one() is not None
        )


async def measure(setup: Setup) -> list[str]:
    """Run the rounds with `setup.processes` processes; the lines to print, checks included."""
    await seed(setup)
    configs = [write_config(setup, index) for index in range(setup.processes)]
    logs = [setup.folder / f"process-{index}.log" for index in range(setup.processes)]
    children = [start(config, log) for config, log in zip(configs, logs, strict=True)]
    database = Database.open(setup.url)
    try:

        async def all_running() -> bool:
            return all("pledgewatch running" in log.read_text(errors="replace") for log in logs if log.exists())

        await wait_for(all_running, 120, "start-up")
        numbers = range(setup.first_round, setup.first_round + setup.options.rounds)
        rounds = [await run_round(setup, database, number) for number in numbers]
        await wait_for(lambda: settled(database), SETTLE_TIMEOUT, "delivery of every alert, notice and digest")
        lines = [
            f"  round {n}: {setup.options.feeds / r.seconds:7.1f} feeds/s ({r.seconds:5.1f} s); "
            f"fetched twice: {r.fetched_twice}, not fetched: {r.not_fetched}"
            for n, r in enumerate(rounds, start=1)
        ]
        lines += await checks(setup, database, logs)
        return lines
    finally:
        for child in children:
            child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
        await database.close()


async def checks(setup: Setup, database: Database, logs: list[Path]) -> list[str]:
    async with database.transaction() as connection:
        rows = [
            (chat, state) for chat, state in await connection.execute(select(deliveries.c.chat_id, deliveries.c.state))
        ]
        notice_rows = list(await connection.execute(select(notices.c.chat_id, notices.c.subject, notices.c.state)))
    alerts = Counter(state for chat, state in rows if chat in IMMEDIATE_CHATS)
    sent_messages = setup.proxy.sent_messages()
    alert_messages = [m for m in sent_messages if int(m.chat_id) in IMMEDIATE_CHATS and not m.text.startswith("⏰")]
    links = Counter(
        (message.chat_id, link) for message in alert_messages for link in re.findall(NEWS_LINK, message.text)
    )
    repeated = sum(count - 1 for count in links.values() if count > 1)
    passed = [
        c
        for c in load_watchlist(REPO / "watchlist.toml").commitments
        if c.deadline and deadline_passed_at(c.deadline) <= datetime.now(UTC)
    ]
    chats_told = len(IMMEDIATE_CHATS) + 1
    notice_subjects = Counter((chat, subject) for chat, subject, _ in notice_rows)
    deadline_messages = Counter(int(m.chat_id) for m in sent_messages if m.text.startswith("⏰"))
    digests = sum(1 for m in sent_messages if int(m.chat_id) == DIGEST_CHAT and "Daily digest" in m.text)
    queued_in_logs = [
        sum(int(n) for n in re.findall(r"deadlines: (\d+) notices queued", log.read_text())) for log in logs
    ]
    return [
        f"  alerts to the {len(IMMEDIATE_CHATS)} immediate chats: {sum(alerts.values())} queued, "
        f"{alerts['sent']} sent, {len(alert_messages)} messages, links sent twice to a chat: {repeated}",
        f"  deadline notices: {len(notice_rows)} queued for {len(passed)} passed deadlines × {chats_told} chats "
        f"(one per chat and deadline: {all(c == 1 for c in notice_subjects.values())}), "
        f"{sum(1 for _, _, s in notice_rows if s == 'sent')} sent, {sum(deadline_messages.values())} messages; "
        f"queued by process: {queued_in_logs}",
        f"  daily digest: {digests} sent (expected 1)",
    ]


# ---- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=10, help="entries per feed")
    parser.add_argument("--new", type=int, default=2, help="new entries per feed in each round after the first")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--semantic", action="store_true", help="match with the semantic stage too")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("scale: stopped"))  # so the children are stopped too
    start_time = datetime.now(UTC).replace(microsecond=0)
    receiving, sending = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(
        target=serve, args=(options.entries, options.new, start_time, sending), daemon=True
    )
    server.start()
    try:
        feed_port = receiving.recv()
        print(f"{options.feeds} feeds × {options.entries} entries (+{options.new} per round) on 127.0.0.1:{feed_port}")
        with EmulatorProcess() as emulator:
            for index, count in enumerate(options.processes):
                with (
                    fresh_postgres_database() as url,
                    TelegramProxy(emulator.url) as proxy,
                    tempfile.TemporaryDirectory() as folder,
                ):
                    first_round = 1 + index * options.rounds  # the server's rounds never repeat
                    setup = Setup(count, url, Path(folder), feed_port, proxy, new_token(), options, first_round)
                    print(f"{count} process{'es' if count > 1 else ''}, {options.rounds} rounds:")
                    for line in asyncio.run(measure(setup)):
                        print(line, flush=True)
    finally:
        server.kill()
        server.join()


if __name__ == "__main__":
    main()
