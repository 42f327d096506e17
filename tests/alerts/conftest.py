"""Fixtures for dispatching through the Telegram emulator: a SQLite outbox, Services, a Bot, a Dispatcher."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from telegram import Bot

from bot.alerts.dispatcher import Dispatcher, DispatchSettings
from bot.alerts.senders import TelegramSender
from bot.bot_api import Transport
from bot.services import Services
from storage import Database, upgrade
from tests.alerts.helpers import FixedClock, make_services
from tests.support.telegram.client import TelegramHarness

FAST = DispatchSettings(per_chat_interval=0.05, group_interval=0.05, overall_per_second=200.0, lease_seconds=5.0)
"""Telegram's pacing scaled down so the tests run in well under a second each."""


@pytest.fixture
async def outbox_db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database.open(f"sqlite:///{tmp_path / 'outbox.db'}")
    await upgrade(database)
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def services(outbox_db: Database, tmp_path: Path, clock: FixedClock) -> Services:
    return make_services(outbox_db, tmp_path, clock=clock, admins=(4242,))


def telegram_bot(telegram: TelegramHarness) -> Bot:
    """A bot sending as the application's does: through a `Transport`, so the sender knows what Telegram answered."""
    return Bot(
        telegram.token,
        base_url=f"{telegram.api_base_url}/bot",
        base_file_url=f"{telegram.api_base_url}/file/bot",
        request=Transport(),
    )


MakeDispatcher = Callable[..., Dispatcher]


@pytest.fixture
async def make_dispatcher(telegram: TelegramHarness) -> AsyncIterator[MakeDispatcher]:
    """Dispatchers sending to the emulator through a real `telegram.Bot`; closed after the test."""
    made: list[Dispatcher] = []

    def make(services: Services, settings: DispatchSettings = FAST) -> Dispatcher:
        dispatcher = Dispatcher(services, TelegramSender(telegram_bot(telegram), owns_bot=True), settings)
        made.append(dispatcher)
        return dispatcher

    yield make
    for dispatcher in made:
        await dispatcher.aclose()
