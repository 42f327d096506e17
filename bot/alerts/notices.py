"""Messages that are not article alerts — deadline passed, admin warnings — queued in the `notices` outbox.

A notice is rendered when it is queued (what was true then is what it says) and stored as
JSON `{"html": …}`. The table's unique (chat, kind, subject) makes queueing idempotent: the
same warning about the same thing reaches a chat once, however often it is raised.
"""

from __future__ import annotations

import json
from datetime import datetime

import storage
from bot.html import bold, escape
from bot.services import Services

DEADLINE = "deadline"
ADMIN = "admin"


def notice_payload(markup: str) -> str:
    return json.dumps({"html": markup}, ensure_ascii=False)


def notice_markup(payload: str) -> str:
    """The message of a stored notice; a payload that is not ours is shown as text, never dropped."""
    try:
        markup = json.loads(payload).get("html")
    except (ValueError, AttributeError):
        markup = None
    return markup if isinstance(markup, str) else escape(payload)


def admin_notice(headline: str, detail: str) -> str:
    """`⚠️ <b>headline</b>` and the detail, both escaped: e.g. "Feed gone (410)", "feeds.example/rss"."""
    return f"⚠️ {bold(headline)}\n{escape(detail)}"


async def queue_admin_notice(services: Services, subject: str, markup: str, now: datetime) -> int:
    """Queue `markup` for every admin in the config, once per `subject`; returns how many were queued.

    Pick a subject that changes when the news does ("feed-gone:dawn", "watchlist:<hash of the
    error>"), so a new problem is told and an old one is not repeated.
    """
    queued = 0
    async with services.database.transaction() as connection:
        for admin_id in services.config.telegram.admins:
            await storage.ensure_chat(connection, admin_id, "private", None, now, came_back=False)
            queued += await storage.queue_notice(
                connection, chat_id=admin_id, kind=ADMIN, subject=subject, payload=notice_payload(markup), now=now
            )
    return queued
