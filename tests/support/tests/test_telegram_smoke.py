"""A real python-telegram-bot 22 Application, long polling through the proxy and the emulator.

These prove the fake Telegram is faithful enough for the bot's end-to-end tests: the
corrections make PTB accept every answer, and the refusals reach the bot as the same
exceptions the real Bot API would cause.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.support.telegram.client import TelegramHarness
from tests.support.waiting import wait_until

BotApp = Application[Any, Any, Any, Any, Any, Any]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Subscribe", callback_data="subscribe")]])
    await update.effective_message.reply_html(
        f"<b>Welcome</b> to &lt;pledges&gt; (you wrote {html.escape(update.effective_message.text)})",
        reply_markup=keyboard,
    )


async def broken(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_html("line one<br>line two")


async def subscribe_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("Subscribed")
    await query.edit_message_text("<i>Subscribed</i> to everything", parse_mode=ParseMode.HTML)


@pytest.fixture
async def bot_app(telegram: TelegramHarness) -> AsyncIterator[BotApp]:
    """The minimal bot, polling the proxy; its handler errors are collected in ``bot_data['errors']``."""
    app = (
        Application.builder()
        .token(telegram.token)
        .base_url(f"{telegram.api_base_url}/bot")
        .base_file_url(f"{telegram.api_base_url}/file/bot")
        .build()
    )
    app.bot_data["errors"] = []

    async def collect(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        context.bot_data["errors"].append(context.error)

    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("broken", broken))
    app.add_handler(CallbackQueryHandler(subscribe_pressed))
    app.add_error_handler(collect)
    async with app:
        await app.bot.set_my_commands([("start", "what this bot does")])
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=5)
        yield app
        await app.updater.stop()
        await app.stop()


async def test_start_command_gets_html_reply_with_button(telegram: TelegramHarness, bot_app: BotApp) -> None:
    alice = telegram.private_chat("Alice")
    [reply] = await alice.ask("/start")
    assert reply.visible_text == "Welcome to <pledges> (you wrote /start)"
    assert reply.parse_mode == "HTML"
    assert reply.button("Subscribe")["callback_data"] == "subscribe"


async def test_button_press_is_answered_and_edits_the_message(telegram: TelegramHarness, bot_app: BotApp) -> None:
    alice = telegram.private_chat("Alice")
    [reply] = await alice.ask("/start")
    await alice.press(reply, "Subscribe")
    [edited] = await alice.edits()
    assert edited.message_id == reply.message_id
    assert edited.visible_text == "Subscribed to everything"
    assert [answer.text for answer in telegram.proxy.callback_answers()] == ["Subscribed"]


async def test_malformed_html_raises_bad_request_in_the_bot(telegram: TelegramHarness, bot_app: BotApp) -> None:
    await telegram.private_chat("Alice").send("/broken")
    [error] = await wait_until(lambda: bot_app.bot_data["errors"], 10, lambda: "no error reached the bot")
    assert isinstance(error, BadRequest)
    assert str(error) == 'Can\'t parse entities: unsupported start tag "br" at byte offset 8'


async def test_group_command_addressed_to_the_bot_is_answered(telegram: TelegramHarness, bot_app: BotApp) -> None:
    group = telegram.group_chat("Analysts")
    await group.send("/start@some_other_bot")
    [reply] = await group.ask(f"/start@{telegram.bot_username}")
    assert reply.visible_text.endswith(f"(you wrote /start@{telegram.bot_username})")
    assert reply.message["chat"]["type"] == "group"


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_injected_429_raises_retry_after(telegram: TelegramHarness, bot_app: BotApp) -> None:
    chat = telegram.private_chat("Alice")
    telegram.proxy.fail_next(1, retry_after=7, chat_id=chat.chat_id)
    with pytest.raises(RetryAfter) as raised:
        await bot_app.bot.send_message(chat.chat_id, "alert")
    assert "Retry in 7 seconds" in str(raised.value)
    await bot_app.bot.send_message(chat.chat_id, "alert")
    assert telegram.proxy.count_429() == 1


async def test_blocked_chat_raises_forbidden(telegram: TelegramHarness, bot_app: BotApp) -> None:
    chat = telegram.private_chat("Alice")
    telegram.proxy.block_chat(chat.chat_id)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot_app.bot.send_message(chat.chat_id, "alert")


async def test_migrated_group_raises_chat_migrated(telegram: TelegramHarness, bot_app: BotApp) -> None:
    group = telegram.group_chat()
    telegram.proxy.migrate_chat(group.chat_id, -1009999)
    with pytest.raises(ChatMigrated) as raised:
        await bot_app.bot.send_message(group.chat_id, "alert")
    assert raised.value.new_chat_id == -1009999


@pytest.mark.parametrize("mode", ["refuse", "502"])
async def test_outage_raises_network_error_then_recovers(telegram: TelegramHarness, bot_app: BotApp, mode: str) -> None:
    chat = telegram.private_chat("Alice")
    with telegram.proxy.outage(mode), pytest.raises(NetworkError):  # type: ignore[arg-type]
        await bot_app.bot.send_message(chat.chat_id, "during")
    await bot_app.bot.send_message(chat.chat_id, "after")
    assert [m.text for m in telegram.proxy.sent_messages(chat.chat_id)] == ["after"]


async def test_set_my_commands_is_stored(telegram: TelegramHarness, bot_app: BotApp) -> None:
    assert telegram.proxy.commands() == [{"command": "start", "description": "what this bot does"}]
    assert [c.command for c in await bot_app.bot.get_my_commands()] == ["start"]
