"""When a deadline has passed: one definition for the deadline notice and the overdue status."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta


def deadline_passed_at(deadline: date) -> datetime:
    """A deadline is a day: it has passed when that day is over everywhere on Earth (UTC-12)."""
    return datetime.combine(deadline + timedelta(days=1), time(12, 0), tzinfo=UTC)
