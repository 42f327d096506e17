"""When a digest-mode chat's daily digest is due: a pure function of the clock and the chat's settings."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage import ChatRow

DEFAULT_DIGEST_TIME = time(9, 0)


def parse_digest_time(value: str | None) -> time:
    """`"HH:MM"` as stored by `/digest daily HH:MM`; anything unreadable falls back to 09:00."""
    try:
        hours, minutes = (value or "").split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        return DEFAULT_DIGEST_TIME


def chat_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def digest_slot(now: datetime, timezone: str, digest_time: str | None) -> datetime:
    """The latest moment at or before `now` when the chat's local clock read its digest time (UTC).

    Built from the local date, not by subtracting 24 hours, so a DST change moves the slot with
    the wall clock as the reader expects.
    """
    zone, at = chat_zone(timezone), parse_digest_time(digest_time)
    local = now.astimezone(zone)
    slot = datetime.combine(local.date(), at, tzinfo=zone)
    if slot > local:
        slot = datetime.combine(local.date() - timedelta(days=1), at, tzinfo=zone)
    return slot.astimezone(UTC)


def due_digest_slot(chat: ChatRow, now: datetime) -> datetime | None:
    """The slot whose digest this chat has not had yet, or None when today's digest went out."""
    slot = digest_slot(now, chat.timezone, chat.digest_time)
    if chat.last_digest_at is not None and chat.last_digest_at >= slot:
        return None
    return slot
