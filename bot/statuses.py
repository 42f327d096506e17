"""Every pledge's status, read from storage and judged by `tracker`: what /status, /scorecard, the weekly
scorecard, alerts and the tracker page all show, so they can never disagree.

Evidence counts only once pledgewatch had found it (`first_seen`), so the status "at" an earlier
moment is the status as it was known then — which is what a status change is measured against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncConnection

from matcher import Signal
from storage import EvidenceRow, OverrideRow, StoredArticle, evidence, list_overrides
from tracker import (
    AUTO,
    Evidence,
    Override,
    PledgeStatus,
    StatusChange,
    assess,
    change_made_by,
    override_in_force,
    parse_status,
)
from watchlist import Commitment, Watchlist

_SIGNALS = {signal.value: signal for signal in Signal}


@dataclass(frozen=True, slots=True)
class StatusRecords:
    """What storage holds about some pledges' status: their matches and overrides, by pledge id, oldest first."""

    evidence: dict[str, list[EvidenceRow]]
    overrides: dict[str, list[Override]]


def as_evidence(row: EvidenceRow) -> Evidence:
    """A stored match as the rules read it; a signal this version does not know counts as a mention."""
    return Evidence(
        row.published, _SIGNALS.get(row.signal, Signal.MENTION), row.title, row.link, row.outlet, row.story_id
    )


def as_override(row: OverrideRow) -> Override:
    """A stored override; "auto" (or a status this version does not know) hands the pledge back to the rules."""
    status = None if row.status == AUTO else parse_status(row.status)
    return Override(status, row.note, row.set_by, row.set_at, row.link)


async def load_records(connection: AsyncConnection, commitment_ids: Sequence[str]) -> StatusRecords:
    found: dict[str, list[EvidenceRow]] = {}
    for row in await evidence(connection, commitment_ids):
        found.setdefault(row.commitment_id, []).append(row)
    overrides: dict[str, list[Override]] = {}
    for override in await list_overrides(connection, commitment_ids):
        overrides.setdefault(override.commitment_id, []).append(as_override(override))
    return StatusRecords(found, overrides)


def status_at(commitment: Commitment, records: StatusRecords, at: datetime) -> PledgeStatus:
    """The pledge's status as known at `at`: evidence found by then, the override in force then."""
    items = tuple(as_evidence(row) for row in records.evidence.get(commitment.id, ()) if row.first_seen <= at)
    overrides = tuple(o for o in records.overrides.get(commitment.id, ()) if o.set_at <= at)
    return PledgeStatus(commitment, assess(commitment, items, override_in_force(overrides, at), at), items, overrides)


def change_by_article(commitment: Commitment, records: StatusRecords, article: StoredArticle) -> StatusChange | None:
    """How this article changed the pledge's status when pledgewatch found it (None: it did not, or it is not
    evidence of this pledge). Articles found earlier, or together with it but stored before it, were known."""
    rows = records.evidence.get(commitment.id, [])
    new = next((row for row in rows if row.article_id == article.id), None)
    if new is None:
        return None
    at = new.first_seen
    known = [as_evidence(row) for row in rows if (row.first_seen, row.article_id) < (at, new.article_id)]
    override = override_in_force(records.overrides.get(commitment.id, ()), at)
    return change_made_by(commitment, known, as_evidence(new), override, at)


async def load_statuses(
    connection: AsyncConnection, watchlist: Watchlist, now: datetime, only: Sequence[Commitment] | None = None
) -> list[PledgeStatus]:
    """The status of every pledge (or of `only`), in watchlist order, as of `now`."""
    commitments = list(watchlist.commitments if only is None else only)
    records = await load_records(connection, [c.id for c in commitments])
    return [status_at(commitment, records, now) for commitment in commitments]
