"""What the status rules read: dated signals of the news about a pledge, and an administrator's override."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from matcher import Signal
from tracker.status import Status


@dataclass(frozen=True, slots=True)
class Evidence:
    """One article matched to the pledge. `story` groups the same news from several outlets (None: its own)."""

    published: datetime
    signal: Signal
    title: str
    link: str | None = None
    outlet: str = ""
    story: int | None = None


@dataclass(frozen=True, slots=True)
class Override:
    """An administrator's judgement. `status` None hands the pledge back to the rules ("auto").

    `set_by` is a Telegram user id as text, or "cli" for the command line.
    """

    status: Status | None
    note: str
    set_by: str
    set_at: datetime
    link: str | None = None


def override_in_force(overrides: Sequence[Override], at: datetime) -> Override | None:
    """The latest override set at or before `at`, unless it handed the pledge back to the rules."""
    latest = None
    for override in overrides:
        if override.set_at <= at and (latest is None or override.set_at >= latest.set_at):
            latest = override
    return latest if latest is not None and latest.status is not None else None
