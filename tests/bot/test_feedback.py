"""Readers teaching the matcher through Telegram: the buttons under an alert, and an admin's /link.

The alert is sent by the real dispatcher to the emulator; the press goes back through the running
bot, which must store the verdict and redraw the buttons with the choice marked.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

import storage
from bot.alerts.dispatcher import Dispatcher
from bot.alerts.senders import TelegramSender
from bot.services import Services
from bot.telegram.application import BotApplication
from tests.alerts.conftest import FAST, telegram_bot
from tests.alerts.helpers import add_chat, publish
from tests.bot.harness import ADMIN_ID, NOW
from tests.support.telegram.client import ChatSession, TelegramHarness
from tests.support.telegram.records import BotMessage
from tests.support.waiting import wait_until


@pytest.fixture
async def dispatcher(telegram: TelegramHarness, services: Services) -> AsyncIterator[Dispatcher]:
    made = Dispatcher(services, TelegramSender(telegram_bot(telegram), owns_bot=True), FAST)
    try:
        yield made
    finally:
        await made.aclose()


async def alert_to(alice: ChatSession, services: Services, dispatcher: Dispatcher) -> tuple[BotMessage, int]:
    """Alice subscribes to everything; one ML-1 article is published and dispatched to her."""
    await add_chat(services.database, alice.chat_id, at=NOW)
    article = await publish(services.database, title="ML-1 upgrade contract awarded", at=NOW)
    await dispatcher.run_once(NOW + timedelta(minutes=1))
    [message] = await alice.replies(1)
    return message, article.id


def button_texts(message: BotMessage) -> list[str]:
    return [str(button.get("text")) for button in message.buttons()]


async def stored_verdict(services: Services, article_id: int, user_id: int) -> bool | None:
    async with services.database.transaction() as connection:
        return await storage.verdict_of(connection, article_id, "ml-1-railway", user_id)


async def test_every_alert_carries_the_two_feedback_buttons(
    telegram: TelegramHarness, services: Services, bot: BotApplication, dispatcher: Dispatcher
) -> None:
    message, _ = await alert_to(telegram.private_chat("Alice"), services, dispatcher)
    assert button_texts(message) == ["Relevant", "Not about this pledge"]


async def test_a_press_is_stored_and_marked_on_the_alert(
    telegram: TelegramHarness, services: Services, bot: BotApplication, dispatcher: Dispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    message, article_id = await alert_to(alice, services, dispatcher)
    await alice.press(message, "Not about this pledge")
    [edited] = await alice.edits(1)
    assert button_texts(edited) == ["Relevant", "✓ Not about this pledge"]
    assert await stored_verdict(services, article_id, alice.user.id) is False
    answers = telegram.proxy.callback_answers()
    assert [answer.text for answer in answers] == ["Thanks: marked not about this pledge."]


async def test_a_second_press_changes_the_verdict(
    telegram: TelegramHarness, services: Services, bot: BotApplication, dispatcher: Dispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    message, article_id = await alert_to(alice, services, dispatcher)
    await alice.press(message, "Not about this pledge")
    [first] = await alice.edits(1)
    await alice.press(first, "Relevant")
    [second] = await alice.edits(1)
    assert button_texts(second) == ["✓ Relevant", "Not about this pledge"]
    assert await stored_verdict(services, article_id, alice.user.id) is True
    async with services.database.transaction() as connection:
        assert len(await storage.list_verdicts(connection, admins_only=False)) == 1


async def test_pressing_after_the_article_is_gone_says_so(
    telegram: TelegramHarness, services: Services, bot: BotApplication, dispatcher: Dispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    message, _ = await alert_to(alice, services, dispatcher)
    gone = message.message | {
        "reply_markup": {"inline_keyboard": [[{"text": "Relevant", "callback_data": "fb:999999:1"}]]}
    }
    stale = BotMessage(
        message.chat_id, message.message_id, message.text, message.parse_mode, gone["reply_markup"], "", gone
    )
    await alice.press(stale, "Relevant")
    await wait_until(telegram.proxy.callback_answers, 10.0, lambda: "no answer to the callback")
    [answer] = telegram.proxy.callback_answers()
    assert (answer.text, answer.show_alert) == ("This alert's article is no longer stored.", True)
    async with services.database.transaction() as connection:
        assert await storage.list_verdicts(connection, admins_only=False) == []


async def test_admin_links_a_missed_article_to_a_pledge(
    telegram: TelegramHarness, services: Services, bot: BotApplication
) -> None:
    article = await publish(services.database, title="Gwadar airport handles first flights", at=NOW)
    admin = telegram.private_chat("Admin", user_id=ADMIN_ID)
    [reply] = await admin.ask(f"/link {article.link} gwadar port")
    assert reply.visible_text.startswith("Linked “Gwadar airport handles first flights” to ")
    async with services.database.transaction() as connection:
        [verdict] = await storage.list_verdicts(connection, admins_only=True)
        [linked] = await storage.latest_matched(connection, 1, commitment_ids=["gwadar-port"])
    assert (verdict.title, verdict.commitment_id, verdict.relevant) == (article.title, "gwadar-port", True)
    assert (linked.article.id, linked.why) == (article.id, ("linked by an administrator",))


async def test_link_to_an_unknown_article_is_a_clear_error(telegram: TelegramHarness, bot: BotApplication) -> None:
    admin = telegram.private_chat("Admin", user_id=ADMIN_ID)
    [reply] = await admin.ask("/link https://nowhere.example/1 ML-1")
    assert "No stored article with the link or id “https://nowhere.example/1”." in reply.visible_text
