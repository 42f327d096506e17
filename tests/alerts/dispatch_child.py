"""A dispatcher process for the crash test: sends the outbox until nothing is pending, then exits 0.

`--block-after N` lets N messages through and then holds every further send before it reaches
Telegram, so the test can SIGKILL the process at a known point: rows written and claimed, some
sent, the rest not (a kill at a random instant could land between Telegram's OK and the mark,
the one window no outbox can close — see bot/alerts/dispatcher.py).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path

from telegram import Bot

from bot.alerts.dispatcher import Dispatcher, DispatchSettings
from bot.alerts.senders import Outcome, Recipient, Sender, TelegramSender
from bot.config import Config, StorageSettings, WatchlistSettings
from bot.feedback import Keyboard
from bot.services import Services
from storage import ChatScope, Database
from tests.support.storage import outbox_counts
from watchlist import WatchlistReloader

IDLE_SECONDS = 0.05


class BlockingSender:
    """Passes `allowed` sends to the real sender, then blocks every later one forever."""

    def __init__(self, inner: Sender, allowed: int) -> None:
        self.inner = inner
        self.allowed = allowed

    @property
    def scope(self) -> ChatScope:
        return self.inner.scope

    async def send(self, chat_id: int, markup: str, keyboard: Keyboard = ()) -> Outcome:
        if self.allowed <= 0:
            await asyncio.Event().wait()
        self.allowed -= 1
        return await self.inner.send(chat_id, markup, keyboard)

    async def resolve_alert_chat(self, configured: int | str | None) -> Recipient | None:
        return await self.inner.resolve_alert_chat(configured)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def pending(database: Database) -> int:
    async with database.transaction() as connection:
        return (await outbox_counts(connection)).get("pending", 0)


async def main(args: argparse.Namespace) -> int:
    config = Config(storage=StorageSettings(url=args.db), watchlist=WatchlistSettings(path=Path(args.watchlist)))
    database = Database.open(args.db)
    services = Services(config, database, WatchlistReloader(config.watchlist.path))
    bot = Bot(args.token, base_url=f"{args.api}/bot", base_file_url=f"{args.api}/file/bot")
    sender: Sender = TelegramSender(bot, owns_bot=True)
    if args.block_after is not None:
        sender = BlockingSender(sender, args.block_after)
    settings = DispatchSettings(per_chat_interval=0.02, overall_per_second=500.0, lease_seconds=args.lease)
    dispatcher = Dispatcher(services, sender, settings)
    while await pending(database):
        report = await dispatcher.run_once(datetime.now(UTC))
        if report.messages_sent == 0:
            await asyncio.sleep(IDLE_SECONDS)  # rows leased by the killed run: due when the lease ends
    await dispatcher.aclose()
    await database.close()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--api", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--watchlist", required=True)
    parser.add_argument("--lease", type=float, default=1.0)
    parser.add_argument("--block-after", type=int)
    sys.exit(asyncio.run(main(parser.parse_args())))
