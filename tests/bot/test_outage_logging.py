"""A Telegram outage in the log: one WARNING when it starts (with the reason), one INFO when it ends, and no
traceback for the long polls that failed in between — python-telegram-bot logs one (or two) per failed poll."""

from __future__ import annotations

import logging

import pytest

from bot.telegram.application import BotApplication
from tests.support.telegram.client import TelegramHarness
from tests.support.telegram.proxy import OutageMode
from tests.support.waiting import wait_until

FAILED_POLL = "Network Retry Loop (Polling Updates): Failed run number"
"""What python-telegram-bot's retry loop logs (DEBUG, logger telegram.ext) after each failed long poll."""


def _failed_polls(caplog: pytest.LogCaptureFixture) -> int:
    return sum(1 for record in caplog.records if record.getMessage().startswith(FAILED_POLL))


def _ours(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level and r.name.startswith("bot.")]


@pytest.mark.parametrize(
    ("mode", "reasons"),
    [("502", ["(502 Bad Gateway)"]), ("refuse", ["(RemoteProtocolError: ", "(ConnectError: "])],  # poll cut, or refused
)
async def test_an_outage_is_one_warning_and_its_end_one_info(
    telegram: TelegramHarness,
    bot: BotApplication,
    caplog: pytest.LogCaptureFixture,
    mode: OutageMode,
    reasons: list[str],
) -> None:
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="telegram.ext")
    alice = telegram.private_chat("Alice")
    await alice.ask("/help")
    caplog.clear()
    with telegram.proxy.outage(mode):
        await wait_until(lambda: _failed_polls(caplog) >= 3, 20, lambda: f"{_failed_polls(caplog)} failed polls")
    [back] = await alice.ask("/help", timeout=20)
    assert back.visible_text.startswith("Commands")
    [warning] = _ours(caplog, logging.WARNING)
    assert warning.startswith("Telegram unreachable") and any(reason in warning for reason in reasons)
    [info] = [message for message in _ours(caplog, logging.INFO) if "Telegram" in message]
    assert info.startswith("Telegram reachable again")
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
