"""Turn telegram-test-api 4.2.1 answers into what the real Bot API answers.

Each function fixes one known difference (checked against the emulator and
python-telegram-bot 22, which rejects the raw answers):
getMe lacks ``is_bot``; sendMessage answers ``date`` in milliseconds, a chat typed
"private" whatever the chat, the bot's raw ``chat_id``/``parse_mode`` instead of the
Message fields; editMessageText answers null; updates carry the emulator's
``botToken`` field and callback queries lack ``chat_instance``.
"""

from __future__ import annotations

import time
from typing import Any

JsonObject = dict[str, Any]

BOT_ID = 666


def bot_user(username: str) -> JsonObject:
    return {
        "id": BOT_ID,
        "is_bot": True,
        "first_name": "Test bot",
        "username": username,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def chat_object(chat_id: int | str, known_chats: dict[str, JsonObject]) -> JsonObject:
    """The Chat a message to ``chat_id`` lands in: as a client announced it, or guessed from the id.

    Telegram ids say the kind: users are positive, basic groups negative, supergroups and
    channels start at -100…; ``@name`` addresses a public channel.
    """
    known = known_chats.get(str(chat_id))
    if known is not None:
        return dict(known)
    if isinstance(chat_id, str) and chat_id.startswith("@"):
        return {"id": -1001000000000, "type": "channel", "title": chat_id[1:], "username": chat_id[1:]}
    number = int(chat_id)
    if number > 0:
        return {"id": number, "type": "private", "first_name": f"User {number}"}
    kind = "supergroup" if number <= -1000000000000 else "group"
    return {"id": number, "type": kind, "title": f"Chat {number}"}


def sent_message(emulator_result: JsonObject, chat: JsonObject, visible_text: str, username: str) -> JsonObject:
    """The Message Telegram returns for a sendMessage the emulator accepted."""
    message: JsonObject = {
        "message_id": emulator_result["message_id"],
        "from": bot_user(username),
        "chat": chat,
        "date": int(emulator_result["date"]) // 1000,
        "text": visible_text,
    }
    if emulator_result.get("reply_markup"):
        message["reply_markup"] = emulator_result["reply_markup"]
    return message


def edited_message(original: JsonObject, visible_text: str | None, reply_markup: Any) -> JsonObject:
    """The Message Telegram returns for editMessageText / editMessageReplyMarkup."""
    message = dict(original)
    message["edit_date"] = int(time.time())
    if visible_text is not None:
        message["text"] = visible_text
    if reply_markup:
        message["reply_markup"] = reply_markup
    else:
        message.pop("reply_markup", None)
    return message


def update(raw: JsonObject) -> JsonObject:
    """One update from the emulator's getUpdates, in the Bot API's shape."""
    fixed = dict(raw)
    if "message" in fixed:
        message = dict(fixed["message"])
        message.pop("botToken", None)
        fixed["message"] = message
    if "callback_query" in fixed:
        query = dict(fixed["callback_query"])
        chat = query.get("message", {}).get("chat", {})
        query.setdefault("chat_instance", str(chat.get("id", query["from"]["id"])))
        fixed["callback_query"] = query
    return fixed
