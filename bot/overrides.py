"""An administrator's status decision, checked the same way for `/setstatus` and `pledgewatch status set`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from storage import add_override
from tracker import AUTO, Override, Status, parse_status
from watchlist import Commitment

CLI = "cli"
"""Who set an override from the command line (the Telegram side stores the admin's user id)."""


class DecisionRefused(ValueError):
    """The decision cannot be stored as given; the message says what to change."""


@dataclass(frozen=True, slots=True)
class Decision:
    """A status (None: back to the rules), why, and where the evidence for it is."""

    status: Status | None
    note: str
    link: str | None


def status_choices() -> str:
    return ", ".join([*(status.value for status in Status), AUTO])


def decide(status_text: str, note: str, link: str | None) -> Decision:
    """Check a decision: a known status or "auto", a note, an http(s) link — required for "delivered"."""
    status = None if status_text.strip().lower() == AUTO else parse_status(status_text)
    if status is None and status_text.strip().lower() != AUTO:
        raise DecisionRefused(f"unknown status {status_text!r}: choose one of {status_choices()}")
    note = " ".join(note.split())
    if not note:
        raise DecisionRefused("give a note saying why (it is shown with the status)")
    if link is not None and not link.startswith(("http://", "https://")):
        raise DecisionRefused(f"the link must start with http:// or https:// (got {link!r})")
    if status is Status.DELIVERED and link is None:
        raise DecisionRefused("delivered needs a link to the evidence that the pledge was kept")
    return Decision(status, note, link)


async def record_decision(
    connection: AsyncConnection, commitment: Commitment, decision: Decision, set_by: str, now: datetime
) -> Override:
    """Store the decision as a new override row (the earlier ones stay, as history)."""
    await add_override(
        connection,
        commitment_id=commitment.id,
        status=decision.status.value if decision.status else AUTO,
        note=decision.note,
        link=decision.link,
        set_by=set_by,
        set_at=now,
    )
    return Override(decision.status, decision.note, set_by, now, decision.link)
