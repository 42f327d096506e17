"""Run the real bot (`build_application`) against the Telegram emulator, on seeded storage.

Each test gets its own copy of the repository's watchlist (and the communique it quotes) in a
temporary folder, a migrated SQLite file, and a fixed clock, so answers are predictable. The
application long-polls the emulator's proxy inside the test's event loop.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import SecretStr

from bot.config import Config, StorageSettings, TelegramSettings, WatchlistSettings
from bot.services import Services
from bot.telegram.application import BotApplication, build_application, start_polling
from storage import Database, upgrade
from tests.support.telegram.client import TelegramHarness
from watchlist import WatchlistReloader

DATA = Path(__file__).resolve().parent / "data"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ADMIN_ID = 4242


def copy_watchlist(folder: Path) -> Path:
    """A frozen copy of the shipped, hand-reviewed watchlist and its communique, laid out as in the repo.

    Frozen (tests/bot/data) so that reviewing the shipped file does not change what these tests expect;
    copied per test because /watch edits it.
    """
    shutil.copytree(DATA, folder, dirs_exist_ok=True)
    return folder / "watchlist.toml"


def make_config(telegram: TelegramHarness, database_url: str, watchlist_path: Path) -> Config:
    return Config(
        telegram=TelegramSettings(
            token=SecretStr(telegram.token), api_base_url=telegram.api_base_url, admins=[ADMIN_ID]
        ),
        storage=StorageSettings(url=database_url),
        watchlist=WatchlistSettings(path=watchlist_path),
    )


async def open_services(config: Config) -> Services:
    database = Database.open(config.storage.url)
    await upgrade(database)
    return Services(config, database, WatchlistReloader(config.watchlist.path), clock=lambda: NOW)


@asynccontextmanager
async def running_bot(services: Services) -> AsyncIterator[BotApplication]:
    """The application as `pledgewatch run` drives it: initialized, post_init run, polling."""
    application = build_application(services)
    async with application:
        assert application.post_init is not None
        await application.post_init(application)
        await application.start()
        await start_polling(application)
        assert application.updater is not None
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
