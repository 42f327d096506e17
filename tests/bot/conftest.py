"""Fixtures for the bot's end-to-end tests: services on seeded storage and the running bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services import Services
from bot.telegram.application import BotApplication
from tests.bot.harness import copy_watchlist, make_config, open_services, running_bot
from tests.bot.seed import seed_news
from tests.support.telegram.client import TelegramHarness


@pytest.fixture
async def services(telegram: TelegramHarness, tmp_path: Path) -> AsyncIterator[Services]:
    config = make_config(telegram, f"sqlite:///{tmp_path / 'bot.db'}", copy_watchlist(tmp_path))
    services = await open_services(config)
    await seed_news(services.database)
    try:
        yield services
    finally:
        await services.database.close()


@pytest.fixture
async def bot(services: Services) -> AsyncIterator[BotApplication]:
    async with running_bot(services) as application:
        yield application
