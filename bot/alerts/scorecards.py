"""The weekly scorecard: every pledge's status and the week's changes, to chats that asked for it.

Queued as a notice (rendered when queued, sent by the dispatcher with the alerts), one per chat and
week: the notice's subject names the week's slot, so two processes queueing at once, or a restart,
cannot send a chat the same week's scorecard twice; and a muted chat gets it when the mute ends.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import storage
from bot.alerts.digests import chat_zone, parse_digest_time
from bot.alerts.notices import notice_payload
from bot.services import Services
from bot.statuses import load_records, status_at
from bot.telegram.render.evidence import pledge_name
from bot.telegram.render.statuses import by_section, render_weekly_scorecard
from storage import ChatRow
from tracker import status_change

SCORECARD = "scorecard"
WEEK = timedelta(days=7)


def scorecard_slot(now: datetime, timezone: str, weekday: int, clock: str | None) -> datetime:
    """The latest moment at or before `now` when the chat's local calendar and clock read its day and time (UTC)."""
    zone, at = chat_zone(timezone), parse_digest_time(clock)
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    slot = datetime.combine(day, at, tzinfo=zone)
    if slot > local:
        slot = datetime.combine(day - WEEK, at, tzinfo=zone)
    return slot.astimezone(UTC)


def due_scorecard_slot(chat: ChatRow, now: datetime) -> datetime | None:
    """The slot whose scorecard this chat has not had yet, or None (not asked for, or had it)."""
    if chat.scorecard_day is None:
        return None
    slot = scorecard_slot(now, chat.timezone, chat.scorecard_day, chat.scorecard_time)
    if chat.last_scorecard_at is not None and chat.last_scorecard_at >= slot:
        return None
    return slot


async def queue_weekly_scorecards(services: Services, now: datetime) -> int:
    """Queue the scorecard for every chat whose weekly moment has come; returns how many were queued."""
    watchlist = services.watchlist
    async with services.database.transaction() as connection:
        due = [
            (chat, slot)
            for chat in await storage.scorecard_chats(connection)
            if (slot := due_scorecard_slot(chat, now))
        ]
        if not due:
            return 0
        commitments = by_section(watchlist.commitments)
        records = await load_records(connection, [c.id for c in commitments])
        current = [status_at(c, records, now) for c in commitments]
        changes = []
        for pledge in current:
            change = status_change(status_at(pledge.commitment, records, now - WEEK).assessment, pledge.assessment)
            if change is not None:
                changes.append(change.describe(pledge_name(pledge.commitment)))
        payload = notice_payload(render_weekly_scorecard(current, changes, now))
        queued = 0
        for chat, slot in due:
            subject = f"{SCORECARD}@{slot.isoformat()}"
            queued += await storage.queue_notice(
                connection, chat_id=chat.id, kind=SCORECARD, subject=subject, payload=payload, now=now
            )
            await storage.update_chat(connection, chat.id, last_scorecard_at=now)
    return queued
