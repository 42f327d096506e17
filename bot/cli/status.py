"""`pledgewatch status`: the state of every pledge and feed, for operators without Telegram."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.cli.common import ConfigOption, fail, load_or_fail, open_database, run_async
from bot.services import utc_now
from storage import FeedRow, count_matches_since, latest_match_dates, list_feeds
from watchlist import Watchlist, WatchlistError, load_watchlist


def status_command(config: ConfigOption = None) -> None:
    """Show each pledge (latest news, 30-day count, deadline) and each feed's health."""
    loaded = load_or_fail(config)
    try:
        watchlist = load_watchlist(loaded.watchlist.path)
    except WatchlistError as error:
        fail(str(error))
    now = utc_now()

    async def gather() -> tuple[dict[str, datetime], dict[str, int], list[FeedRow]]:
        database = await open_database(loaded)
        try:
            async with database.transaction() as connection:
                return (
                    await latest_match_dates(connection),
                    await count_matches_since(connection, now - timedelta(days=30)),
                    await list_feeds(connection),
                )
        finally:
            await database.close()

    latest, month, feeds = run_async(gather())
    console = Console()
    console.print(pledges_table(watchlist, latest, month, now))
    console.print(feeds_table(feeds))


def pledges_table(watchlist: Watchlist, latest: dict[str, datetime], month: dict[str, int], now: datetime) -> Table:
    table = Table(title=f"Pledges ({len(watchlist.commitments)})")
    for column in ("id", "title", "latest news", "30 days", "deadline"):
        table.add_column(column)
    for commitment in watchlist.commitments:
        newest = latest.get(commitment.id)
        deadline = ""
        if commitment.deadline:
            passed = " (passed)" if commitment.deadline < now.date() else ""
            deadline = commitment.deadline.isoformat() + passed
        table.add_row(
            escape(commitment.id),
            escape(commitment.title),
            newest.strftime("%Y-%m-%d") if newest else "—",
            str(month.get(commitment.id, 0)),
            deadline,
        )
    return table


def feeds_table(feeds: list[FeedRow]) -> Table:
    table = Table(title=f"Feeds ({len(feeds)})")
    for column in ("name", "url", "last success", "next check", "errors", "last error"):
        table.add_column(column, overflow="fold")
    for feed in feeds:
        state = feed.disabled_reason and f"disabled: {feed.disabled_reason}"
        table.add_row(
            escape(feed.name),
            escape(feed.url),
            _when(feed.last_success_at),
            escape(state or _when(feed.next_check_at)),
            str(feed.error_count),
            escape(feed.last_error or ""),
        )
    return table


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"
