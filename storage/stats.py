"""Whole-database counts for the admins' `/stats`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, ScalarSelect, Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.outbox import PENDING
from storage.schema import articles, chats, deliveries, matches, notices, subscriptions


@dataclass(frozen=True, slots=True)
class Totals:
    articles: int
    matched_articles: int
    matches: int
    chats: int
    active_chats: int
    subscriptions: int
    pending_deliveries: int
    pending_notices: int


async def totals(connection: AsyncConnection) -> Totals:
    """One query with a scalar subquery per figure: a consistent snapshot in one round trip."""

    def count(table: Table, *where: ColumnElement[bool]) -> ScalarSelect[int]:
        return select(func.count()).select_from(table).where(*where).scalar_subquery()

    query = select(
        count(articles),
        select(func.count(func.distinct(matches.c.article_id))).scalar_subquery(),
        count(matches),
        count(chats),
        count(chats, chats.c.active.is_(True)),
        count(subscriptions),
        count(deliveries, deliveries.c.state == PENDING),
        count(notices, notices.c.state == PENDING),
    )
    row = (await connection.execute(query)).one()
    return Totals(*(int(value) for value in row))
