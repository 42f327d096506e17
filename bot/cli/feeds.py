"""`pledgewatch poll --once` (a manual refresh with a progress bar) and `pledgewatch feeds` (their health)."""

from __future__ import annotations

from types import TracebackType
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bot.app import open_services, round_summary, sync_feed_sources, tell_admins_about_gone_feeds
from bot.cli.common import ConfigOption, fail, load_or_fail, open_database, run_async
from bot.cli.status import feeds_table
from bot.config import Config
from bot.services import Services
from feeds import FeedFetcher, PollReport, RefreshOutcome, poll_round
from storage import FeedRow, list_feeds
from watchlist import WatchlistError

FeedOption = Annotated[
    list[str] | None, typer.Option("--feed", help="Only the feed with this name (repeat for several).")
]


def poll_command(
    config: ConfigOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every enabled feed now, store, then exit.")] = False,
    feed: FeedOption = None,
) -> None:
    """Manual refresh: poll every enabled feed now (cache headers and Retry-After still honoured)."""
    if not once:
        fail("usage: pledgewatch poll --once [--feed NAME]  (continuous polling is `pledgewatch run`)")
    loaded = load_or_fail(config)
    console = Console()
    report = run_async(_poll_once(loaded, feed, console))
    console.print(round_summary(report))
    if report.errors:
        console.print(errors_table(report))


async def _poll_once(config: Config, names: list[str] | None, console: Console) -> PollReport:
    try:
        services = await open_services(config)
    except WatchlistError as error:
        fail(f"watchlist: {error}")
    try:
        async with FeedFetcher(config.polling.fetch_settings()) as fetcher:
            await sync_feed_sources(services)
            await _check_names(services, names)
            with _ProgressBar(console) as progress:
                report = await poll_round(
                    services, fetcher, services.clock(), every_feed=True, names=names, progress=progress
                )
            await tell_admins_about_gone_feeds(services, report)
            return report
    finally:
        await services.database.close()


async def _check_names(services: Services, names: list[str] | None) -> None:
    if not names:
        return
    async with services.database.transaction() as connection:
        known = [row.name for row in await list_feeds(connection)]
    unknown = [name for name in names if name not in known]
    if unknown:
        fail(f"--feed: no feed named {', '.join(map(repr, unknown))} (feeds: {', '.join(known) or 'none'})")


class _ProgressBar:
    """Draws one bar for the round, advancing as each feed's refresh finishes."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task("polling", total=None)

    def __enter__(self) -> _ProgressBar:
        self._progress.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()

    def started(self, total: int) -> None:
        self._progress.update(self._task, total=total)

    def refreshed(self, outcome: RefreshOutcome) -> None:
        self._progress.update(self._task, advance=1, description=outcome.feed.name)


def errors_table(report: PollReport) -> Table:
    table = Table(title="Feed errors")
    for column in ("name", "url", "error"):
        table.add_column(column, overflow="fold")
    for name, url, error in report.errors:
        table.add_row(escape(name), escape(url), escape(error))
    return table


def feeds_command(config: ConfigOption = None) -> None:
    """List the feeds: name, URL, last success, next check, error count and last error."""
    loaded = load_or_fail(config)

    async def stored_feeds() -> list[FeedRow]:
        database = await open_database(loaded)
        try:
            async with database.transaction() as connection:
                return await list_feeds(connection)
        finally:
            await database.close()

    Console().print(feeds_table(run_async(stored_feeds())))
