"""Administrators' status overrides: one row per decision, kept with who made it and when.

Rows are only ever added, so a pledge's history of judgements stays readable; the one in force is
the latest. What a status means is decided in `tracker/`, not here: storage keeps its text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import status_overrides


@dataclass(frozen=True, slots=True)
class OverrideRow:
    """`set_by` is the Telegram user id of the admin, or "cli" for `pledgewatch status set`."""

    id: int
    commitment_id: str
    status: str
    note: str
    link: str | None
    set_by: str
    set_at: datetime


def _override(mapping: RowMapping) -> OverrideRow:
    return OverrideRow(**{column.name: mapping[column.name] for column in status_overrides.columns})


async def add_override(
    connection: AsyncConnection,
    *,
    commitment_id: str,
    status: str,
    note: str,
    link: str | None,
    set_by: str,
    set_at: datetime,
) -> OverrideRow:
    statement = status_overrides.insert().values(
        commitment_id=commitment_id, status=status, note=note, link=link, set_by=set_by, set_at=set_at
    )
    result = await connection.execute(statement.returning(status_overrides.c.id))
    return OverrideRow(result.scalar_one(), commitment_id, status, note, link, set_by, set_at)


async def list_overrides(connection: AsyncConnection, commitment_ids: Sequence[str] | None = None) -> list[OverrideRow]:
    """Every override of these pledges (of all when None), oldest first."""
    query = select(status_overrides).order_by(status_overrides.c.set_at, status_overrides.c.id)
    if commitment_ids is not None:
        query = query.where(status_overrides.c.commitment_id.in_(list(commitment_ids)))
    return [_override(mapping) for mapping in (await connection.execute(query)).mappings()]


async def latest_overrides(connection: AsyncConnection) -> dict[str, OverrideRow]:
    """Each pledge's newest override (ties in time go to the later row), by pledge id."""
    newest_first = func.row_number().over(
        partition_by=status_overrides.c.commitment_id,
        order_by=(status_overrides.c.set_at.desc(), status_overrides.c.id.desc()),
    )
    ranked = select(status_overrides, newest_first.label("rank")).subquery()
    query = select(*(ranked.c[column.name] for column in status_overrides.columns)).where(ranked.c.rank == 1)
    return {row.commitment_id: row for row in map(_override, (await connection.execute(query)).mappings())}


async def count_overrides(connection: AsyncConnection) -> int:
    """How many overrides were ever set: a new one changes it (rows are never deleted)."""
    return int((await connection.execute(select(func.count()).select_from(status_overrides))).scalar_one())
