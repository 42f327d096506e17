"""What every handler needs: the services, the chat, and one way to answer in Telegram HTML."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import ContextTypes

from bot.html import split_message
from bot.services import Services
from storage import ensure_chat

Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]
SERVICES_KEY = "services"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
CONVERSATION_CHATS = (ChatType.PRIVATE, ChatType.GROUP, ChatType.SUPERGROUP)


def services_of(context: Context) -> Services:
    """The app's Services, put into `bot_data` by `build_application`."""
    services = context.bot_data[SERVICES_KEY]
    if not isinstance(services, Services):
        raise TypeError(f"bot_data[{SERVICES_KEY!r}] is {type(services).__name__}, not Services")
    return services


def chat_id(update: Update) -> int:
    if update.effective_chat is None:
        raise ValueError("update without a chat")
    return update.effective_chat.id


def query_text(context: Context) -> str:
    """The command's arguments as one string ("" when there are none)."""
    return " ".join(context.args or []).strip()


async def answer(update: Update, context: Context, markup: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Reply in the update's chat; long answers are split, the keyboard goes on the last part."""
    parts = split_message(markup)
    for index, part in enumerate(parts):
        markup_here = keyboard if index == len(parts) - 1 else None
        if update.message is not None:
            await update.message.reply_text(
                part, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW, reply_markup=markup_here
            )
        else:
            await context.bot.send_message(
                chat_id(update),
                part,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_markup=markup_here,
            )


class UsageError(Exception):
    """The command's arguments cannot be used: `note` says why; the command table adds the usage line."""

    def __init__(self, note: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
        super().__init__(note)
        self.note = note
        self.keyboard = keyboard


async def record_chat(update: Update, context: Context) -> None:
    """Every chat that talks to the bot gets a row first, so settings and subscriptions can refer to it.

    Runs in an earlier handler group than the commands. Channels only receive alerts, so they
    are left to the alerts side; a chat that comes back after blocking the bot is active again.
    """
    chat = update.effective_chat
    if chat is None or chat.type not in CONVERSATION_CHATS:
        return
    if update.message is None and update.callback_query is None:
        return
    services = services_of(context)
    async with services.database.transaction() as connection:
        await ensure_chat(connection, chat.id, chat.type, chat.effective_name, services.clock())
