"""Telegram's refusals, played on demand: flood control, blocked users, migrated groups — and
answers a bot cannot read after Telegram did the work.

Tests switch these on through :class:`FaultPlan`; the proxy asks ``refusal_for`` before it
lets a sending call reach the emulator, and ``unreadable_answer_for`` after the call succeeded.
Everything here is plain state plus a clock, so the rules are tested without a server.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

ChatId = int | str
UnreadableAnswer = Literal["truncated", "not-a-message"]

UNREADABLE_BODIES: dict[UnreadableAnswer, bytes] = {
    "truncated": b'{"ok":true,"result":{"message_id":',
    "not-a-message": b'{"ok":true,"result":{"message_id":1}}',
}
"""HTTP 200 bodies a bot cannot read: JSON cut short, and JSON whose result lacks a Message's fields."""

SENDING_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendChatAction",
        "editMessageText",
        "editMessageReplyMarkup",
        "copyMessage",
        "forwardMessage",
    }
)


@dataclass(frozen=True)
class Refusal:
    """An error answer of the Bot API: HTTP status, description, optional ``parameters``."""

    error_code: int
    description: str
    parameters: dict[str, Any] | None = None

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def flood_refusal(retry_after: int) -> Refusal:
    return Refusal(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})


BLOCKED = Refusal(403, "Forbidden: bot was blocked by the user")


@dataclass
class _FloodBurst:
    remaining: int
    retry_after: int
    method: str
    chat_id: ChatId | None


@dataclass
class _Garble:
    remaining: int
    body: UnreadableAnswer
    method: str


@dataclass
class FloodLimits:
    """Telegram's flood control as a sliding one-second window, per chat and overall."""

    per_chat_per_second: int = 1
    overall_per_second: int = 30
    _chat_sends: dict[str, deque[float]] = field(default_factory=dict)
    _all_sends: deque[float] = field(default_factory=deque)

    def admit(self, chat_id: ChatId, now: float) -> Refusal | None:
        chat_sends = self._chat_sends.setdefault(str(chat_id), deque())
        for window in (chat_sends, self._all_sends):
            while window and window[0] <= now - 1.0:
                window.popleft()
        for window, limit in ((chat_sends, self.per_chat_per_second), (self._all_sends, self.overall_per_second)):
            if len(window) >= limit:
                return flood_refusal(max(1, math.ceil(window[0] + 1.0 - now)))
        chat_sends.append(now)
        self._all_sends.append(now)
        return None


@dataclass
class FaultPlan:
    """What the fake Telegram refuses next; not thread-safe (the proxy holds its lock)."""

    clock: Callable[[], float] = time.monotonic
    blocked_chats: set[str] = field(default_factory=set)
    migrated_chats: dict[str, int] = field(default_factory=dict)
    flood_limits: FloodLimits | None = None
    _bursts: list[_FloodBurst] = field(default_factory=list)
    _garbles: list[_Garble] = field(default_factory=list)

    def fail_next(
        self, count: int, retry_after: int, method: str = "sendMessage", chat_id: ChatId | None = None
    ) -> None:
        self._bursts.append(_FloodBurst(count, retry_after, method, chat_id))

    def garble_next(self, count: int, body: UnreadableAnswer, method: str = "sendMessage") -> None:
        self._garbles.append(_Garble(count, body, method))

    def unreadable_answer_for(self, method: str) -> bytes | None:
        """The body replacing a successful answer to this call, or None to answer it as it is."""
        for garble in self._garbles:
            if garble.method == method:
                garble.remaining -= 1
                if garble.remaining <= 0:
                    self._garbles.remove(garble)
                return UNREADABLE_BODIES[garble.body]
        return None

    def refusal_for(self, method: str, chat_id: ChatId | None) -> Refusal | None:
        """The error Telegram would answer to this call, or None to let it through."""
        if method not in SENDING_METHODS or chat_id is None:
            return None
        key = str(chat_id)
        if key in self.blocked_chats:
            return BLOCKED
        if key in self.migrated_chats:
            return Refusal(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self.migrated_chats[key]},
            )
        burst = self._take_burst(method, key)
        if burst is not None:
            return flood_refusal(burst.retry_after)
        if self.flood_limits is not None and method == "sendMessage":
            return self.flood_limits.admit(chat_id, self.clock())
        return None

    def _take_burst(self, method: str, chat_key: str) -> _FloodBurst | None:
        for burst in self._bursts:
            if burst.method == method and (burst.chat_id is None or str(burst.chat_id) == chat_key):
                burst.remaining -= 1
                if burst.remaining <= 0:
                    self._bursts.remove(burst)
                return burst
        return None
