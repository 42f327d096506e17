"""The work of `pledgewatch poll --once`: one round over every enabled feed, drawn as a progress bar.

In console mode (no token) the round queues its alerts for the console and prints them, as `run` would: stored
without a reader, they would never be shown (a later `run` prints only what it polls itself).
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.alerts.dispatcher import Dispatcher
from bot.alerts.senders import ConsoleSender
from bot.app import open_services, sync_feed_sources, tell_admins_about_gone_feeds
from bot.cli.common import fail
from bot.config import Config
from bot.services import Services
from feeds import FeedFetcher, PollReport, RefreshOutcome, poll_round
from storage import list_feeds
from watchlist import WatchlistError


async def poll_once(config: Config, names: list[str] | None, console: Console) -> PollReport:
    try:
        services = await open_services(config)
    except WatchlistError as error:
        fail(f"watchlist: {error}")
    console_alerts = None if config.token else Dispatcher(services, ConsoleSender())
    try:
        async with FeedFetcher(config.polling.fetch_settings()) as fetcher:
            await sync_feed_sources(services)
            await _check_names(services, names)
            if console_alerts is not None:
                await console_alerts.setup(services.clock())  # before the round, so that it queues for the console
            with _ProgressBar(console) as progress:
                report = await poll_round(
                    services, fetcher, services.clock(), every_feed=True, names=names, progress=progress
                )
            await tell_admins_about_gone_feeds(services, report)
            if console_alerts is not None:
                await console_alerts.run_once(services.clock())
                await console_alerts.aclose()
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
