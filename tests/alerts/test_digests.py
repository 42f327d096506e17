"""When a digest is due, in the chat's own time zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.alerts.digests import digest_slot, due_digest_slot
from storage import ChatRow

CHAT = ChatRow(
    id=1,
    kind="private",
    title=None,
    active=True,
    inactive_reason=None,
    timezone="Asia/Karachi",
    muted_until=None,
    delivery_mode="digest",
    digest_time="09:00",
    last_digest_at=None,
    created_at=datetime(2026, 1, 1, tzinfo=UTC),
)


def test_slot_is_the_latest_local_digest_time_before_now() -> None:
    # 05:00 UTC is 10:00 in Karachi (UTC+5): today's 09:00 local, i.e. 04:00 UTC
    assert digest_slot(datetime(2026, 11, 26, 5, 0, tzinfo=UTC), "Asia/Karachi", "09:00") == datetime(
        2026, 11, 26, 4, 0, tzinfo=UTC
    )


def test_before_the_digest_time_the_slot_is_yesterdays() -> None:
    assert digest_slot(datetime(2026, 11, 26, 3, 0, tzinfo=UTC), "Asia/Karachi", "09:00") == datetime(
        2026, 11, 25, 4, 0, tzinfo=UTC
    )


def test_slot_follows_the_wall_clock_across_dst() -> None:
    # Europe/Berlin switches to summer time on 29 March 2026: 09:00 local is 07:00 UTC from then on
    assert digest_slot(datetime(2026, 3, 29, 12, 0, tzinfo=UTC), "Europe/Berlin", "09:00").hour == 7
    assert digest_slot(datetime(2026, 3, 28, 12, 0, tzinfo=UTC), "Europe/Berlin", "09:00").hour == 8


def test_unknown_zone_or_time_falls_back_to_utc_nine() -> None:
    assert digest_slot(datetime(2026, 11, 26, 12, 0, tzinfo=UTC), "Mars/Olympus", "25:99") == datetime(
        2026, 11, 26, 9, 0, tzinfo=UTC
    )


def test_digest_is_due_once_per_slot() -> None:
    now = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)
    assert due_digest_slot(CHAT, now) == datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
    sent = replace(CHAT, last_digest_at=datetime(2026, 11, 26, 4, 0, 30, tzinfo=UTC))
    assert due_digest_slot(sent, now) is None
