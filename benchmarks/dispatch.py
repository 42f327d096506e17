"""Benchmark: pending alerts to many chats through the Telegram emulator, with pacing on and off.

    .venv/bin/python benchmarks/dispatch.py [--deliveries 5000] [--chats 1000] [--mode on|off|both]

The proxy in front of the emulator enforces Telegram's flood control (429 beyond one message per
second to a chat or 30 per second overall), so "off" shows what ignoring the limits costs and
"on" shows the dispatcher keeping under them. Every run checks that each alert arrived once.
With pacing on, 5,000 messages at 25/s take about 200 s.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Bot

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the emulator support lives in tests/support

import storage  # noqa: E402
from bot.alerts.dispatcher import Dispatcher, DispatchSettings  # noqa: E402
from bot.alerts.senders import TelegramSender  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.services import Services  # noqa: E402
from feeds import Article  # noqa: E402
from storage import Database, MatchRecord, PledgeHit, upgrade  # noqa: E402
from tests.support.telegram.emulator import EmulatorProcess  # noqa: E402
from tests.support.telegram.fixtures import new_token  # noqa: E402
from tests.support.telegram.proxy import TelegramProxy  # noqa: E402
from watchlist import Commitment, Watchlist, WatchlistReloader, render_watchlist  # noqa: E402

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
PLEDGE = Commitment("ml-1-railway", "Main Line-1 (ML-1) railway", "Economy", "ML-1.", tags=("rail",))


async def seed(database: Database, deliveries: int, chats: int) -> None:
    """`chats` chats subscribed to everything and enough articles for `deliveries` alerts."""
    articles = -(-deliveries // chats)
    async with database.transaction() as connection:
        for chat_id in range(1, chats + 1):
            await storage.ensure_chat(connection, 10_000 + chat_id, "private", None, T0)
            await storage.subscribe(connection, 10_000 + chat_id, storage.ALL, "", T0)
        for n in range(articles):
            at = T0 + timedelta(minutes=n + 1)
            title = f"ML-1 news {n}"
            article = Article(
                identity=f"bench-{n}",
                guid=None,
                link=f"https://news.example/{n}",
                title=title,
                summary="Summary.",
                published=at,
                content_hash=hashlib.sha256(title.encode()).hexdigest(),
                outlet="Dawn",
            )
            [stored] = await storage.insert_articles(connection, [(article, None)], feed_id=None, first_seen=at)
            assert stored is not None and stored.story_id is not None
            await storage.insert_matches(connection, [(stored.id, MatchRecord(PLEDGE.id, 0.9, ("ML-1",)))])
            alert = storage.NewAlert(stored.id, stored.story_id, (PledgeHit(PLEDGE.id, PLEDGE.tags, PLEDGE.kind),))
            await storage.enqueue_alerts(connection, [alert], first_seen=at, now=at)
    async with database.transaction() as connection:  # trim to exactly `deliveries`
        extra = articles * chats - deliveries
        if extra:
            due = await storage.due_deliveries(connection, T0 + timedelta(days=1), articles * chats)
            await storage.mark_sent(connection, storage.DELIVERY, [d.id for d in due[-extra:]], T0)


async def run(
    emulator: EmulatorProcess, folder: Path, args: argparse.Namespace, paced: bool, flood_control: bool = True
) -> None:
    watchlist = folder / "watchlist.toml"
    watchlist.write_text(render_watchlist(Watchlist((PLEDGE,))), encoding="utf-8")
    database = Database.open(f"sqlite:///{folder / f'bench-{paced}-{flood_control}.db'}")
    await upgrade(database)
    await seed(database, args.deliveries, args.chats)
    settings = (
        DispatchSettings(overall_per_second=args.rate, concurrency=args.concurrency)
        if paced
        else DispatchSettings.unlimited(concurrency=args.concurrency)
    )
    services = Services(Config(), database, WatchlistReloader(watchlist))
    with TelegramProxy(emulator.url) as proxy:
        if flood_control:
            proxy.set_flood_limits(per_chat_per_second=1, overall_per_second=30)
        token = new_token()
        bot = Bot(token, base_url=f"{proxy.url}/bot", base_file_url=f"{proxy.url}/file/bot")
        dispatcher = Dispatcher(services, TelegramSender(bot, owns_bot=True), settings)
        started = time.monotonic()
        sent = 0
        while sent < args.deliveries:
            report = await dispatcher.run_once(T0 + timedelta(days=1, seconds=time.monotonic() - started))
            sent += report.deliveries_sent
        elapsed = time.monotonic() - started
        await dispatcher.aclose()
        copies = Counter((m.chat_id, m.text) for m in proxy.sent_messages())
        limit = f"limit {args.rate:g}/s overall, 1/s per chat" if paced else "no pacing"
        fake = "Telegram flood control on" if flood_control else "no flood control (raw capacity)"
        print(
            f"pacing {'on ' if paced else 'off'} ({limit}; {fake}): {sent} messages to {args.chats} chats in "
            f"{elapsed:.1f} s = {sent / elapsed:.1f} messages/s; 429 answers: {proxy.count_429()}; "
            f"duplicates: {sum(c - 1 for c in copies.values())}"
        )
    await database.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deliveries", type=int, default=5000)
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument(
        "--mode",
        choices=["on", "off", "both", "raw"],
        default="both",
        help="pacing on, off, both; raw: pacing off and the fake Telegram without flood control",
    )
    parser.add_argument("--rate", type=float, default=25.0, help="overall messages per second with pacing on")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with EmulatorProcess() as emulator, tempfile.TemporaryDirectory() as folder:
        if args.mode == "raw":
            await run(emulator, Path(folder), args, paced=False, flood_control=False)
        for paced in {"on": [True], "off": [False], "both": [False, True], "raw": []}[args.mode]:
            await run(emulator, Path(folder), args, paced)


if __name__ == "__main__":
    asyncio.run(main())
