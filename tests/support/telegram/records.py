"""What the bot did, as tests read it back: messages sent and edited, calls refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ChatId = int | str


@dataclass(frozen=True)
class BotMessage:
    """A message as the bot sent it (``text``, ``parse_mode``) and as a user sees it (``visible_text``).

    ``message`` is the Bot API Message JSON returned to the bot; pressing one of its buttons
    sends it back inside the callback query.
    """

    chat_id: ChatId
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    visible_text: str
    message: dict[str, Any]

    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard buttons, row by row flattened (empty without a keyboard)."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def button(self, label: str) -> dict[str, Any]:
        """The button whose text or callback_data is ``label``; AssertionError names the ones there are."""
        for button in self.buttons():
            if label in (button.get("text"), button.get("callback_data")):
                return button
        shown = [button.get("text") for button in self.buttons()]
        raise AssertionError(f"no button {label!r} on message {self.message_id}; buttons: {shown}")


@dataclass(frozen=True)
class Rejection:
    """A call the fake Telegram refused, with the error it answered."""

    method: str
    chat_id: ChatId | None
    error_code: int
    description: str
    text: str | None


@dataclass(frozen=True)
class CallbackAnswer:
    callback_query_id: str
    text: str | None
    show_alert: bool


def chat_id_of(value: Any) -> ChatId | None:
    """Bot API chat ids arrive as ints, numeric strings (form encoding) or ``@channel`` names."""
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return value
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else text
