"""The bot token never reaches a log line, even at DEBUG where PTB and httpx log every request URL."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.logging import REDACTED, configure_logging
from bot.services import Services
from bot.telegram.application import BotApplication
from tests.bot.harness import running_bot
from tests.support.telegram.client import TelegramHarness


@pytest.fixture
def log_output(telegram: TelegramHarness) -> Iterator[io.StringIO]:
    """configure_logging at DEBUG, its root handler writing into a buffer; logging restored afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    configure_logging(logging.DEBUG, [telegram.token])
    [handler] = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    handler.setStream(buffer)
    try:
        yield buffer
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)


@pytest.fixture
async def logged_bot(log_output: io.StringIO, services: Services) -> AsyncIterator[BotApplication]:
    async with running_bot(services) as application:
        yield application


async def test_debug_logs_of_a_session_never_contain_the_token(
    telegram: TelegramHarness, logged_bot: BotApplication, log_output: io.StringIO
) -> None:
    alice = telegram.private_chat()
    await alice.ask("/start")
    await alice.ask("/status ML-1")
    await telegram.private_chat("Mallory").ask("/feeds")
    text = log_output.getvalue()
    assert "getUpdates" in text and REDACTED in text, "the request URLs were not logged at all"
    assert telegram.token not in text
    assert telegram.token.split(":")[1] not in text
