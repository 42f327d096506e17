"""The statuses a pledge can have, and reading one from what a person types."""

from __future__ import annotations

import re
from enum import StrEnum


class Status(StrEnum):
    """Where a pledge stands. The value is a slug (CLI arguments, page filters); `label` is for reading."""

    NO_NEWS = "no-news"  # nothing has been matched to it
    TALK_ONLY = "talk-only"  # news, but none reports a step (intent, reiteration, commentary)
    IN_PROGRESS = "in-progress"  # a step happened recently
    STALLED = "stalled"  # steps happened, then none for a long while
    AT_RISK = "at-risk"  # recent setbacks outweigh recent steps
    OVERDUE = "overdue"  # its deadline passed without a delivery
    DELIVERED = "delivered"  # an administrator judged it done (never decided by the rules)

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


AUTO = "auto"
"""What an administrator sets to hand a pledge back to the rules (stored as an override, so the history shows it)."""


def parse_status(text: str) -> Status | None:
    """ "in progress", "In-Progress", "in_progress" → Status.IN_PROGRESS; None for anything else."""
    slug = re.sub(r"[\s_-]+", "-", text.strip().lower())
    try:
        return Status(slug)
    except ValueError:
        return None
