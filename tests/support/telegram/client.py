"""Play a Telegram user talking to the bot under test.

Users' messages and button presses go in through the emulator's client API
(``/sendMessage``, ``/sendCommand``, ``/sendCallback``); the bot's answers are read from
the proxy's record, which holds exactly what the bot sent and what Telegram refused.
Waiting is on a condition with a deadline, never a fixed sleep.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.telegram.proxy import TelegramProxy
from tests.support.telegram.records import BotMessage
from tests.support.waiting import wait_until

DEFAULT_TIMEOUT_SECONDS = 10.0
_user_ids = itertools.count(1001)
_group_ids = itertools.count(-5001, -1)


def _user(first_name: str, user_id: int | None) -> TelegramUser:
    return TelegramUser(user_id if user_id is not None else next(_user_ids), first_name, first_name.lower())


@dataclass(frozen=True)
class TelegramUser:
    id: int
    first_name: str
    username: str

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "is_bot": False, "first_name": self.first_name, "username": self.username}


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entity Telegram attaches to a leading ``/command[@bot]``."""
    if not text.startswith("/"):
        return []
    length = len(text.split(maxsplit=1)[0])
    return [{"type": "bot_command", "offset": 0, "length": len(text[:length].encode("utf-16-le")) // 2}]


@dataclass
class ChatSession:
    """One user in one chat (private or group); ``replies`` returns what the bot sent there since the last look."""

    proxy: TelegramProxy
    emulator_url: str
    token: str
    user: TelegramUser
    chat: dict[str, Any]
    _seen_sent: int = field(default=0, init=False)
    _seen_edits: int = field(default=0, init=False)

    @property
    def chat_id(self) -> int:
        return int(self.chat["id"])

    async def send(self, text: str) -> None:
        """Send a message; one starting with ``/`` is a command (``/status@botname x`` in groups)."""
        entities = command_entities(text)
        message: dict[str, Any] = {
            "botToken": self.token,
            "from": self.user.as_json(),
            "chat": self.chat,
            "date": int(time.time()),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        await self._post("/sendCommand" if entities else "/sendMessage", message)

    async def press(self, message: BotMessage, button: str) -> None:
        """Press the inline button whose text or callback_data is ``button``."""
        data = message.button(button).get("callback_data")
        if data is None:
            raise AssertionError(f"button {button!r} on message {message.message_id} has no callback_data")
        query = {"botToken": self.token, "from": self.user.as_json(), "message": message.message, "data": data}
        await self._post("/sendCallback", query)

    async def replies(self, count: int = 1, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> list[BotMessage]:
        """Wait until the bot has sent ``count`` new messages to this chat; return them, oldest first."""
        messages = await self._wait(lambda: self.proxy.sent_messages(self.chat_id), self._seen_sent, count, timeout)
        self._seen_sent += count
        return messages

    async def edits(self, count: int = 1, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> list[BotMessage]:
        """Wait until the bot has edited ``count`` more messages in this chat; return the new versions."""
        messages = await self._wait(lambda: self.proxy.edited_messages(self.chat_id), self._seen_edits, count, timeout)
        self._seen_edits += count
        return messages

    async def ask(self, text: str, count: int = 1, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> list[BotMessage]:
        """Send ``text`` and return the next ``count`` messages the bot sends here."""
        await self.send(text)
        return await self.replies(count, timeout)

    def unread(self) -> list[BotMessage]:
        """Messages the bot sent here that ``replies`` has not returned yet (to assert silence)."""
        return self.proxy.sent_messages(self.chat_id)[self._seen_sent :]

    async def _post(self, path: str, body: dict[str, Any]) -> None:
        async with httpx.AsyncClient(base_url=self.emulator_url, trust_env=False) as http:
            response = await http.post(path, json=body)
            response.raise_for_status()
        self.proxy.wake_pollers()

    async def _wait(
        self, read: Callable[[], list[BotMessage]], seen: int, count: int, timeout: float
    ) -> list[BotMessage]:
        def enough() -> list[BotMessage]:
            messages = read()[seen:]
            return messages[:count] if len(messages) >= count else []

        def report() -> str:
            texts = [m.visible_text[:200] for m in read()[seen:]]
            refused = [f"{r.method} {r.error_code} {r.description}" for r in self.proxy.rejections(self.chat_id)]
            return (
                f"chat {self.chat_id}: expected {count} new bot message(s), got {len(texts)}: {texts}; "
                f"refused calls in this chat: {refused or 'none'}"
            )

        return await wait_until(enough, timeout, report)


@dataclass
class TelegramHarness:
    """What the ``telegram`` fixture gives a test: where the bot connects, the fake's controls, users.

    ``api_base_url`` and ``token`` go into the bot's config (``[telegram] api_base_url``, ``token``).
    """

    proxy: TelegramProxy
    emulator_url: str
    token: str

    @property
    def api_base_url(self) -> str:
        return self.proxy.url

    @property
    def bot_username(self) -> str:
        return self.proxy.bot_username

    async def bot_polling(self, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        """Wait until the bot has started long polling; messages sent earlier may be dropped by it
        (``drop_pending_updates``), as on Telegram."""
        await wait_until(
            lambda: self.proxy.request_counts().get("getUpdates", 0),
            timeout,
            lambda: f"the bot never called getUpdates; calls so far: {self.proxy.request_counts()}",
        )

    def private_chat(self, first_name: str = "Alice", user_id: int | None = None) -> ChatSession:
        """A new user talking to the bot in a private chat (chat id == user id)."""
        user = _user(first_name, user_id)
        chat = {"id": user.id, "type": "private", "first_name": user.first_name, "username": user.username}
        return self._session(user, chat)

    def group_chat(
        self,
        title: str = "Pledge watchers",
        first_name: str = "Bob",
        user_id: int | None = None,
        supergroup: bool = False,
    ) -> ChatSession:
        """A new user in a new group; commands there are usually ``/cmd@<bot_username>``."""
        user = _user(first_name, user_id)
        group_id = next(_group_ids)
        chat_id = -1000000000000 + group_id if supergroup else group_id
        chat = {"id": chat_id, "type": "supergroup" if supergroup else "group", "title": title}
        return self._session(user, chat)

    def member(self, session: ChatSession, first_name: str, user_id: int | None = None) -> ChatSession:
        """Another user in the same chat as ``session`` (e.g. a non-admin in the admin's group)."""
        return self._session(_user(first_name, user_id), session.chat)

    def _session(self, user: TelegramUser, chat: dict[str, Any]) -> ChatSession:
        self.proxy.register_chat(chat)
        return ChatSession(self.proxy, self.emulator_url, self.token, user, chat)
