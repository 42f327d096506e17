"""Where alerts go: Telegram, or the console when there is no token. Both speak the `Sender` protocol.

A sender never raises for Telegram's answers: it turns each into an `Outcome` the dispatcher
settles in storage (sent, retry later, chat gone, chat moved, refused). That keeps the mapping
from python-telegram-bot's exceptions in one place and the dispatcher free of them. An answer
Telegram gave with HTTP 200 that could not be read is an answer too: the message was sent.
"""

from __future__ import annotations

import html
import re
import sys
import warnings
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol, TextIO

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.bot_api import last_exchange
from bot.feedback import Keyboard
from bot.html import MAX_MESSAGE_UNITS
from storage import ChatScope

CONSOLE_CHAT_ID = 0
"""The chat id of the console: never a Telegram chat, so console alerts cannot reach anyone."""


@dataclass(frozen=True, slots=True)
class Sent:
    """Telegram accepted the message (or the console printed it)."""


@dataclass(frozen=True, slots=True)
class SentUnreadable:
    """Telegram took the message (it answered HTTP 200) but its answer could not be read: sent — sending
    it again would be a duplicate — and worth an error in the log, with the rows."""

    error: Exception


@dataclass(frozen=True, slots=True)
class RetryLater:
    """Try again: after `retry_after` seconds when Telegram said so (flood control), else with backoff."""

    error: str
    retry_after: float | None = None


@dataclass(frozen=True, slots=True)
class ChatGone:
    """The bot can no longer write there (blocked, kicked, chat deleted): stop sending to it."""

    reason: str


@dataclass(frozen=True, slots=True)
class ChatMoved:
    """A group became a supergroup with a new id; the same message should go there."""

    new_chat_id: int


@dataclass(frozen=True, slots=True)
class Refused:
    """Telegram will never accept this message; retrying cannot help."""

    error: str


Outcome = Sent | SentUnreadable | RetryLater | ChatGone | ChatMoved | Refused


@dataclass(frozen=True, slots=True)
class Recipient:
    """A chat the bot writes to on its own initiative (the configured alert channel or group)."""

    id: int
    kind: str
    title: str | None


class Sender(Protocol):
    @property
    def scope(self) -> ChatScope:
        """The chats this sender delivers to; rows of other chats stay queued for a sender that does."""
        ...

    async def send(self, chat_id: int, markup: str, keyboard: Keyboard = ()) -> Outcome:
        """Send one message of Telegram HTML (at most 4096 UTF-16 units) to a chat, with buttons under it."""
        ...

    async def resolve_alert_chat(self, configured: int | str | None) -> Recipient | None:
        """The chat that receives every alert, from the `[telegram] alert_chat` setting."""
        ...

    async def aclose(self) -> None: ...


_ANCHOR = re.compile(r'<a\s+href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)


def plain_text(markup: str) -> str:
    """Telegram HTML as plain text: links become `text (url)`, other tags go, entities are decoded.

    Used for the console and as the fallback when Telegram cannot parse a message's markup.
    """
    linked = _ANCHOR.sub(lambda m: f"{m.group(2)} ({m.group(1)})", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", linked))


def _fit(text: str) -> str:
    """Cut plain text to Telegram's limit (links spelled out can make it longer than the markup was)."""
    return text.encode("utf-16-le")[: 2 * MAX_MESSAGE_UNITS].decode("utf-16-le", errors="ignore")


def _retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the int form becomes a timedelta in v23
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _is_parse_error(error: BadRequest) -> bool:
    return "can't parse entities" in error.message.lower()


def _is_gone(error: BadRequest) -> bool:
    message = error.message.lower()
    return "chat not found" in message or "group chat was deactivated" in message


class TelegramSender:
    """Sends through a `telegram.Bot` (HTML, link previews off), one message per call, no retries inside.

    Retrying is the dispatcher's job because only it knows the outbox and the pacing; the single
    exception is bad markup, resent here at once as plain text, because that second attempt is
    part of delivering this one message. The bot should send through a `Transport` (as the
    application's bot does) so that an unreadable answer to a message Telegram took is known as
    such; through another request class it is raised, and the dispatcher retries the row.
    """

    def __init__(self, bot: Bot, *, owns_bot: bool = False) -> None:
        """`owns_bot`: shut the bot down in `aclose` (not when it is the Application's bot)."""
        self.bot = bot
        self._owns_bot = owns_bot
        self._initialized = False

    @property
    def scope(self) -> ChatScope:
        return ChatScope(excluding=CONSOLE_CHAT_ID)

    async def send(self, chat_id: int, markup: str, keyboard: Keyboard = ()) -> Outcome:
        buttons = inline_keyboard(keyboard)
        try:
            await self._ensure_initialized()
        except TelegramError as error:
            return _outcome(error)
        outcome = await self._attempt(chat_id, markup, ParseMode.HTML, buttons)
        if outcome is not None:
            return outcome
        plain = await self._attempt(chat_id, _fit(plain_text(markup)), None, buttons)
        assert plain is not None  # without a parse mode there is no markup to refuse
        return plain

    async def _attempt(
        self, chat_id: int, text: str, parse_mode: str | None, buttons: InlineKeyboardMarkup | None
    ) -> Outcome | None:
        """One sendMessage and what came of it; None when Telegram could not parse the HTML markup."""
        with last_exchange() as seen:
            try:
                await self.bot.send_message(
                    chat_id,
                    text,
                    parse_mode=parse_mode,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                    reply_markup=buttons,
                )
            except Exception as error:
                if seen.accepted:  # only reading Telegram's answer failed
                    return SentUnreadable(error)
                if not isinstance(error, TelegramError):
                    raise
                if isinstance(error, BadRequest) and parse_mode is not None and _is_parse_error(error):
                    return None
                return _outcome(error)
        return Sent()

    async def _ensure_initialized(self) -> None:
        if not self._initialized:
            await self.bot.initialize()
            self._initialized = True

    async def resolve_alert_chat(self, configured: int | str | None) -> Recipient | None:
        """Ask Telegram for the chat's numeric id and type (`@channel` names have no id of their own)."""
        if configured is None or configured == "":
            return None
        await self._ensure_initialized()
        chat = await self.bot.get_chat(configured)
        return Recipient(chat.id, chat.type, chat.title or chat.username)

    async def aclose(self) -> None:
        if self._initialized and self._owns_bot:
            await self.bot.shutdown()
        self._initialized = False


def inline_keyboard(keyboard: Keyboard) -> InlineKeyboardMarkup | None:
    """Plain (text, callback data) rows as Telegram's inline keyboard; None for no buttons."""
    if not keyboard:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in keyboard]
    )


def _outcome(error: TelegramError) -> Outcome:
    """Map what python-telegram-bot raised to what the dispatcher does next."""
    if isinstance(error, BadRequest):  # before NetworkError, of which it is a kind
        return ChatGone(error.message) if _is_gone(error) else Refused(error.message)
    if isinstance(error, RetryAfter):
        return RetryLater(str(error), _retry_after_seconds(error))
    if isinstance(error, Forbidden):
        return ChatGone(error.message)
    if isinstance(error, ChatMigrated):
        return ChatMoved(int(error.new_chat_id))
    if isinstance(error, NetworkError):  # TimedOut is a NetworkError too
        return RetryLater(f"{type(error).__name__}: {error.message}")
    return Refused(f"{type(error).__name__}: {error.message}")


class ConsoleSender:
    """Console mode: every alert printed as readable plain text, each message framed by a rule."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    @property
    def scope(self) -> ChatScope:
        """Only the console's own alerts: Telegram chats' alerts wait for a run with a token."""
        return ChatScope(only=CONSOLE_CHAT_ID)

    async def send(self, chat_id: int, markup: str, keyboard: Keyboard = ()) -> Outcome:
        """Buttons are for Telegram readers; the console shows the message alone."""
        stream = self._stream or sys.stdout
        heading = "alert" if chat_id == CONSOLE_CHAT_ID else f"message to chat {chat_id}"
        stream.write(f"──── {heading} ────\n{plain_text(markup)}\n\n")
        stream.flush()
        return Sent()

    async def resolve_alert_chat(self, configured: int | str | None) -> Recipient | None:
        """The console itself is the alert chat, whatever the config names."""
        return Recipient(CONSOLE_CHAT_ID, "console", "console")

    async def aclose(self) -> None:
        return None
