"""A pledge's evidence over time: every article matched to it, dated, with the matcher's signal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.schema import articles, matches


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One matched article as a status and a timeline need it.

    `story_id` groups the same news from several outlets; `first_seen` is when pledgewatch found it,
    which orders what was known when (an alert's status change is judged as of its article's
    finding), while `published` dates the news itself.
    """

    commitment_id: str
    article_id: int
    story_id: int
    published: datetime
    first_seen: datetime
    signal: str
    title: str
    link: str | None
    outlet: str


async def evidence(connection: AsyncConnection, commitment_ids: Sequence[str] | None = None) -> list[EvidenceRow]:
    """Every match of these pledges (of all pledges when None), oldest publication first."""
    query = (
        select(
            matches.c.commitment_id,
            articles.c.id,
            articles.c.story_id,
            articles.c.published,
            articles.c.first_seen,
            matches.c.signal,
            articles.c.title,
            articles.c.link,
            articles.c.outlet,
        )
        .join(articles, articles.c.id == matches.c.article_id)
        .order_by(articles.c.published, articles.c.id, matches.c.commitment_id)
    )
    if commitment_ids is not None:
        query = query.where(matches.c.commitment_id.in_(list(commitment_ids)))
    return [
        EvidenceRow(
            commitment_id=row.commitment_id,
            article_id=row.id,
            story_id=row.story_id or row.id,
            published=row.published,
            first_seen=row.first_seen,
            signal=row.signal,
            title=row.title,
            link=row.link,
            outlet=row.outlet,
        )
        for row in await connection.execute(query)
    ]
