"""Sends that fail in ways no Telegram error describes: never a duplicate, never a row left leased.

A message Telegram took (HTTP 200) whose answer could not be read is sent: sending it again after
the lease would be a duplicate. A send that fails before any answer is retried like an outage.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TextIO

import pytest

import storage
from bot.alerts.dispatcher import Dispatcher
from bot.alerts.senders import ConsoleSender
from bot.services import Services
from tests.alerts.conftest import FAST, MakeDispatcher
from tests.alerts.helpers import T0, add_chat, publish
from tests.support.storage import outbox_counts
from tests.support.telegram.client import TelegramHarness
from tests.support.telegram.faults import UnreadableAnswer

SENT_AT = T0 + timedelta(hours=2)


async def _due_delivery_id(services: Services) -> int:
    async with services.database.transaction() as connection:
        [due] = await storage.due_deliveries(connection, SENT_AT, 10)
    return due.id


def _errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


@pytest.mark.parametrize("body", ["truncated", "not-a-message"])
async def test_a_message_telegram_took_is_sent_once_though_its_answer_was_unreadable(
    telegram: TelegramHarness,
    services: Services,
    make_dispatcher: MakeDispatcher,
    caplog: pytest.LogCaptureFixture,
    body: UnreadableAnswer,
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id)
    await publish(services.database)
    row = await _due_delivery_id(services)
    telegram.proxy.garble_next(1, body)
    dispatcher = make_dispatcher(services)
    report = await dispatcher.run_once(SENT_AT)
    await dispatcher.run_once(SENT_AT + timedelta(seconds=FAST.lease_seconds + 1))  # after the lease, and any retry
    assert len(telegram.proxy.sent_messages(alice.chat_id)) == 1
    assert report.deliveries_sent == 1
    async with services.database.transaction() as connection:
        assert await outbox_counts(connection) == {"sent": 1}
    [error] = _errors(caplog)
    assert f"rows {row} (chat {alice.chat_id})" in error.getMessage() and "counted as sent" in error.getMessage()


@pytest.fixture
def full_device() -> Iterator[TextIO]:
    """A console on a device that takes no byte (a full disk): every alert printed there fails."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    stream = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115 - closed below, where its buffer fails too
    yield stream
    with contextlib.suppress(OSError):
        stream.close()


async def test_a_send_that_fails_before_any_answer_is_logged_and_retried(
    services: Services, full_device: TextIO, caplog: pytest.LogCaptureFixture
) -> None:
    failing = Dispatcher(services, ConsoleSender(full_device), FAST)
    await failing.setup(T0)
    await publish(services.database)
    row = await _due_delivery_id(services)
    report = await failing.run_once(SENT_AT)
    assert report.retried == 1
    [error] = _errors(caplog)
    assert f"rows {row} (chat 0)" in error.getMessage() and error.exc_info is not None
    printed = io.StringIO()
    retry = await Dispatcher(services, ConsoleSender(printed), FAST).run_once(SENT_AT + timedelta(seconds=3))
    assert retry.deliveries_sent == 1, "the row was left leased instead of due again after the usual backoff"
    assert printed.getvalue().count("──── alert ────") == 1
