"""Status changes: what an alert mentions when its article moved a pledge ("ML-1: talk only → in progress")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tracker.evidence import Evidence, Override
from tracker.rules import Assessment, assess
from tracker.status import Status
from watchlist import Commitment

FIRST_MENTION = (Status.NO_NEWS, Status.TALK_ONLY)
"""The change every first article about a pledge makes when it reports no step: an alert is that news
already, so `change_made_by` does not call it a change (a weekly summary, comparing weeks, still does)."""


@dataclass(frozen=True, slots=True)
class StatusChange:
    before: Status
    after: Status

    def describe(self, name: str) -> str:
        """ "ML-1: talk only → in progress" for the pledge called `name`."""
        return f"{name}: {self.before.label} → {self.after.label}"


def status_change(before: Assessment, after: Assessment) -> StatusChange | None:
    """The change from one assessment to a later one, or None when the status is the same."""
    return None if before.status is after.status else StatusChange(before.status, after.status)


def change_made_by(
    commitment: Commitment,
    known: Sequence[Evidence],
    new: Evidence,
    override: Override | None,
    at: datetime,
) -> StatusChange | None:
    """How `new` changed the pledge's status when it was found at `at`, given what was known before it.

    Both sides are judged at the same moment, so only the article's own effect shows, not the
    passing of time (a deadline passing is told by its own notice). A first mention is no change here.
    """
    change = status_change(assess(commitment, known, override, at), assess(commitment, [*known, new], override, at))
    return None if change is None or (change.before, change.after) == FIRST_MENTION else change
