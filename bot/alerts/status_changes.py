"""Which alerts changed their pledge's status: worked out when the alert is rendered, not when it is queued.

Rendering is where the alert's words are made, and queueing happens inside a feed's storing
transaction, which every feed of a round waits for: judging statuses there would slow the poll and
tie `feeds/` to the status rules. Each change is judged as of the moment its article was found
(`bot.statuses.change_by_article`), so a retried or delayed alert says the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.statuses import change_by_article, load_records
from bot.telegram.render.evidence import pledge_name
from storage import DueDelivery
from watchlist import Watchlist


async def alert_status_changes(
    connection: AsyncConnection, deliveries: Sequence[DueDelivery], watchlist: Watchlist
) -> dict[int, str]:
    """Delivery id → "ML-1: talk only → in progress", for the alerts whose article changed the status."""
    ids = sorted({d.commitment_id for d in deliveries if watchlist.get(d.commitment_id) is not None})
    if not ids:
        return {}
    records = await load_records(connection, ids)
    described: dict[tuple[str, int], str | None] = {}  # many chats get the same article: judge it once
    for delivery in deliveries:
        commitment = watchlist.get(delivery.commitment_id)
        key = (delivery.commitment_id, delivery.article.id)
        if commitment is not None and key not in described:
            change = change_by_article(commitment, records, delivery.article)
            described[key] = change.describe(pledge_name(commitment)) if change else None
    return {d.id: text for d in deliveries if (text := described.get((d.commitment_id, d.article.id)))}
