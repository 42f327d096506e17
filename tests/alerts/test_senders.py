"""Senders on their own: Telegram's refusals mapped to outcomes, and the console's readable text."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import pytest

from bot.alerts.senders import CONSOLE_CHAT_ID, ChatGone, ConsoleSender, Sent, TelegramSender, plain_text
from tests.alerts.conftest import telegram_bot
from tests.support.telegram.client import TelegramHarness


@pytest.fixture
async def sender(telegram: TelegramHarness) -> AsyncIterator[TelegramSender]:
    sender = TelegramSender(telegram_bot(telegram), owns_bot=True)
    yield sender
    await sender.aclose()


async def test_markup_telegram_cannot_parse_is_resent_as_plain_text(
    telegram: TelegramHarness, sender: TelegramSender
) -> None:
    alice = telegram.private_chat("Alice")
    outcome = await sender.send(alice.chat_id, '<b>ML-1</b> <a href="https://x.example/a">loan</a><br>&amp; more')
    [message] = await alice.replies(1)
    assert outcome == Sent()
    assert message.parse_mode is None
    assert message.text == "ML-1 loan (https://x.example/a)& more"
    assert len(telegram.proxy.rejections(alice.chat_id)) == 1


async def test_messages_go_without_link_previews(telegram: TelegramHarness, sender: TelegramSender) -> None:
    alice = telegram.private_chat("Alice")
    await sender.send(alice.chat_id, "<b>hello</b>")
    [message] = await alice.replies(1)
    assert message.visible_text == "hello"
    assert message.parse_mode == "HTML"


async def test_blocked_chat_is_reported_gone(telegram: TelegramHarness, sender: TelegramSender) -> None:
    alice = telegram.private_chat("Alice")
    telegram.proxy.block_chat(alice.chat_id)
    outcome = await sender.send(alice.chat_id, "hello")
    assert isinstance(outcome, ChatGone)
    assert "blocked" in outcome.reason


async def test_console_prints_alerts_as_readable_text() -> None:
    stream = io.StringIO()
    outcome = await ConsoleSender(stream).send(
        CONSOLE_CHAT_ID, '📌 <b>ML-1</b>\n<a href="https://x.example">A &lt;b&gt;</a>'
    )
    assert outcome == Sent()
    assert stream.getvalue() == "──── alert ────\n📌 ML-1\nA <b> (https://x.example)\n\n"


def test_plain_text_keeps_link_targets_and_decodes_entities() -> None:
    assert plain_text('<i>x</i> <a href="https://a.example/?q=1&amp;r=2">A&amp;B</a>') == (
        "x A&B (https://a.example/?q=1&r=2)"
    )
