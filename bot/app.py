"""`pledgewatch run`: the whole product in one process.

One APScheduler drives the work — poll ticks (which also hot-reload the watchlist), alert
dispatch, deadline checks — while python-telegram-bot answers commands (long polling, or a
webhook). Without a token the same loop runs in console mode and prints the alerts.
On SIGINT/SIGTERM the poll round in flight gives back the feeds whose servers have not answered yet,
the dispatcher finishes the message in flight, what was written stays written, and the process exits 0
within moments.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from telegram.ext import Application

from bot.alerts.deadlines import queue_deadline_notices
from bot.alerts.dispatcher import Dispatcher
from bot.alerts.notices import admin_notice, queue_admin_notice
from bot.alerts.scorecards import queue_weekly_scorecards
from bot.alerts.senders import ConsoleSender, Sender, TelegramSender
from bot.config import Config, WebSettings
from bot.matching import learn_from_stored, load_semantic_stage
from bot.ops import Liveness, Metrics, Probe, RoundLog, WebServer, poll_stale_after, web_application
from bot.services import Services
from bot.site import SitePublisher
from bot.telegram.application import build_application, start_polling
from bot.telegram.connect import BotApiRefused, connect
from feeds import FeedFetcher, PollReport, poll_round, search_feeds
from storage import Database, FeedSpec, sync_feeds, upgrade, verdicts_changed_since
from watchlist import WatchlistReloader

log = logging.getLogger("pledgewatch")

FEED_KINDS = ("config", "search")
DISPATCH_SECONDS = 1.0
RELEARN_CHECK_SECONDS = 60.0
RELEARN_AFTER_VERDICTS = 5
"""New or changed verdicts that make the matcher learn again (checked every RELEARN_CHECK_SECONDS)."""
DEADLINE_CHECK_SECONDS = 3600.0
SCORECARD_CHECK_SECONDS = 60.0
LONGEST_TICK_SECONDS = 30.0
SHUTDOWN_GRACE_SECONDS = 8.0


class StartupError(Exception):
    """The app cannot start as configured; the message names the setting to change."""


def tick_seconds(config: Config) -> float:
    """Poll ticks only claim due feeds, so ticking faster than the shortest interval wastes nothing."""
    shortest = min([config.polling.interval_seconds, *(f.interval_seconds or 1e9 for f in config.feeds)])
    return max(1.0, min(LONGEST_TICK_SECONDS, shortest))


@dataclass
class Pledgewatch:
    """The running app: one method per scheduled job, each safe to call at any time."""

    services: Services
    fetcher: FeedFetcher
    dispatcher: Dispatcher
    metrics: Metrics = field(default_factory=Metrics)
    liveness: Liveness = field(init=False)
    site: SitePublisher = field(default_factory=SitePublisher)
    round_log: RoundLog = field(default_factory=RoundLog)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.liveness = Liveness(self.services.clock)

    def stop(self) -> None:
        """Wind down the work in flight: the poll round abandons the fetches still waiting for an answer (a
        stalled server would hold up the stop until its timeout) and the dispatcher sends nothing more."""
        self.stopping.set()
        self.dispatcher.stop()

    async def reload_watchlist(self) -> None:
        """Take in edits of the watchlist file; a broken edit keeps the old pledges and tells the admins."""
        outcome = self.services.watchlists.reload_if_changed()
        if outcome.reloaded:
            log.info("watchlist reloaded: %d pledges", len(self.services.watchlist.commitments))
            await sync_feed_sources(self.services)
        elif outcome.failed and outcome.error:
            log.error("watchlist edit rejected, the previous pledges stay in force: %s", outcome.error)
            subject = "watchlist:" + hashlib.sha256(outcome.error.encode()).hexdigest()[:16]
            notice = admin_notice("Watchlist edit rejected — the previous pledges stay in force", outcome.error)
            await queue_admin_notice(self.services, subject, notice, self.services.clock())

    async def poll(self, every_feed: bool = False) -> PollReport:
        """One poll round: due feeds fetched, new articles matched and stored with their alerts."""
        await self.reload_watchlist()
        spread = 0.0 if every_feed else tick_seconds(self.services.config) / 2  # jitter: not every server at once
        started = time.monotonic()
        report = await poll_round(
            self.services,
            self.fetcher,
            self.services.clock(),
            every_feed=every_feed,
            spread_seconds=spread,
            progress=self.liveness,
            stopping=self.stopping,
        )
        self.metrics.record_poll(report, time.monotonic() - started)
        self.liveness.poll_finished()
        self.round_log.finished(report)
        await tell_admins_about_gone_feeds(self.services, report)
        await self.publish_tracker_site(report.matches)
        return report

    async def publish_tracker_site(self, news: int) -> None:
        """`[report] html_dir`: the tracker site rebuilt when the round may have changed it; a write error is logged."""
        try:
            published = await self.site.after_round(self.services, news)
        except OSError as error:
            folder = self.services.config.report.html_dir
            log.error("[report] html_dir %s: cannot write the tracker site: %s", folder, error.strerror or error)
            return
        if published is not None and published.written:
            log.info("tracker site: %d pages rewritten in %s", published.written, published.folder)

    async def deliver(self) -> None:
        """Send what is due; log what was attempted (a tick inside an outage's back-off attempts nothing)."""
        report = await self.dispatcher.run_once(self.services.clock())
        self.metrics.record_dispatch(report)
        self.liveness.dispatched()
        if report.messages_sent or report.retried or report.failed:
            log.info(
                "dispatch: %d messages sent, %d retried, %d failed%s",
                report.messages_sent,
                report.retried,
                report.failed,
                " (Telegram unreachable, backing off)" if report.outage else "",
            )

    async def relearn_if_taught(self) -> None:
        """Learn again once enough readers' verdicts arrived since the last time."""
        async with self.services.database.transaction() as connection:
            new = await verdicts_changed_since(connection, self.services.learned_at)
        if new >= RELEARN_AFTER_VERDICTS:
            await relearn(self.services)

    async def check_deadlines(self) -> None:
        queued = await queue_deadline_notices(self.services, self.services.clock())
        if queued:
            log.info("deadlines: %d notices queued", queued)

    async def queue_scorecards(self) -> None:
        queued = await queue_weekly_scorecards(self.services, self.services.clock())
        if queued:
            log.info("weekly scorecards: %d queued", queued)


async def sync_feed_sources(services: Services) -> None:
    """Store the feeds to poll: the config's outlets plus, when enabled, one search feed per pledge."""
    config = services.config
    specs = [FeedSpec(f.name, f.url, "config", f.interval_seconds) for f in config.feeds]
    if config.search.enabled:
        found = search_feeds(services.watchlist, config.search.url_template)
        specs += [FeedSpec(f.name, f.url, "search", f.interval_seconds) for f in found]
    async with services.database.transaction() as connection:
        await sync_feeds(connection, specs, kinds=FEED_KINDS, now=services.clock())


async def tell_admins_about_gone_feeds(services: Services, report: PollReport) -> None:
    for feed_name, url in report.gone:
        notice = admin_notice("Feed gone (HTTP 410) and disabled", f"{feed_name}: {url}")
        await queue_admin_notice(services, f"feed-gone:{feed_name}", notice, services.clock())


async def open_services(config: Config) -> Services:
    """Load the watchlist (a broken file stops the start, with its line), migrate the database, load the
    semantic stage's model when it is installed (said in one line either way), and learn from the
    readers' stored verdicts."""
    watchlists = WatchlistReloader(config.watchlist.path)
    database = Database.open(config.storage.url)
    await upgrade(database)
    semantic = await asyncio.to_thread(load_semantic_stage, config.matcher)
    log.info("%s", semantic.status)
    services = Services(config=config, database=database, watchlists=watchlists, semantic=semantic)
    await relearn(services)
    return services


async def relearn(services: Services) -> None:
    """Fit the learned model again to the stored verdicts, off the event loop, and say what it learned."""
    started = services.clock()
    rules = services.matcher.with_model(None)
    model = await learn_from_stored(services.database, rules, services.config.matcher)
    services.learned, services.learned_at = model, started
    if model is not None:
        log.info("learned from %d readers' verdicts (model %s)", model.size, model.version)


async def run(config: Config, once: bool = False) -> PollReport | None:
    """Run until stopped; with `once`, one cycle, whose round is returned (its caller makes an exit code of it)."""
    services = await open_services(config)
    application = build_application(services) if config.token else None
    sender: Sender = TelegramSender(application.bot) if application else ConsoleSender()
    if application is None:
        log.info("no Telegram token: console mode, alerts are printed here")
    report = None
    try:
        async with FeedFetcher(config.polling.fetch_settings()) as fetcher:
            app = Pledgewatch(services, fetcher, Dispatcher(services, sender))
            await sync_feed_sources(services)
            await app.dispatcher.setup(services.clock())
            if once:
                report = await run_one_cycle(app)
            else:
                async with serving_web(config.web, health_probe(app), config.report.html_dir):
                    await serve(app, application)
            await app.dispatcher.aclose()
    finally:
        await services.database.close()
    return report


def health_probe(app: Pledgewatch) -> Probe:
    """What `/healthz` and `/metrics` read: the app's liveness and metrics, its database, its senders' chats."""
    config = app.services.config
    stale_after = poll_stale_after(tick_seconds(config), config.polling.timeout_seconds)
    return Probe(app.services.database, app.liveness, app.metrics, stale_after, app.dispatcher.sender.scope)


@asynccontextmanager
async def serving_web(
    settings: WebSettings, probe: Probe, static_dir: Path | None = None
) -> AsyncIterator[WebServer | None]:
    """The `[web]` server for the life of the block, when a port is set; a port taken stops the start.

    With `static_dir`, the server also serves that folder's files at `/` (the tracker page).
    """
    if settings.port is None:
        yield None
        return
    server = WebServer(web_application(probe, static_dir))
    try:
        server.start(settings.listen, settings.port)
    except OSError as error:
        address = f"{settings.listen}:{settings.port}"
        raise StartupError(f"[web] listen/port {address}: cannot listen: {error.strerror or error}") from None
    page = f", the tracker page from {static_dir}" if static_dir else ""
    log.info("web server on http://%s:%d (/healthz, /metrics%s)", settings.listen, server.port, page)
    try:
        yield server
    finally:
        await server.stop()


async def run_one_cycle(app: Pledgewatch) -> PollReport:
    """`run --once`: poll every enabled feed, match, queue, and deliver what is due, then return the round."""
    report = await app.poll(every_feed=True)
    await app.check_deadlines()
    await app.queue_scorecards()
    await app.deliver()
    return report


async def serve(app: Pledgewatch, application: Application | None) -> None:  # type: ignore[type-arg]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    jobs = JobRunner()
    scheduler = AsyncIOScheduler(timezone="UTC")
    now = app.services.clock()
    schedule: list[tuple[Callable[[], Awaitable[object]], float]] = [
        (app.poll, tick_seconds(app.services.config)),
        (app.deliver, DISPATCH_SECONDS),
        (app.check_deadlines, DEADLINE_CHECK_SECONDS),
        (app.queue_scorecards, SCORECARD_CHECK_SECONDS),
        (app.relearn_if_taught, RELEARN_CHECK_SECONDS),
    ]
    for work, seconds in schedule:
        scheduler.add_job(
            jobs.guard(work),
            "interval",
            seconds=seconds,
            next_run_time=now,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            id=work.__name__,
        )
    if application is not None and not await start_bot(application, app.services.config, stop):
        log.info("stopped before Telegram was reached")
        return
    scheduler.start()
    log.info(
        "pledgewatch running: %d pledges, %d outlet feeds",
        len(app.services.watchlist.commitments),
        len(app.services.config.feeds),
    )
    await stop.wait()
    log.info("stopping: finishing the work in flight")
    scheduler.pause()  # no new runs; shutdown() would cancel the ones in flight, so it waits for the drain
    app.stop()
    await jobs.drain(SHUTDOWN_GRACE_SECONDS)
    scheduler.shutdown(wait=False)
    if application is not None:
        await stop_bot(application)
    log.info("stopped")


class JobRunner:
    """Runs scheduled coroutines so that one failing job logs and the process goes on, and so
    that shutdown can wait for the ones in flight."""

    def __init__(self) -> None:
        self._in_flight: set[asyncio.Task[None]] = set()

    def guard(self, work: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[None]]:
        async def guarded() -> None:
            task = asyncio.current_task()
            assert task is not None
            self._in_flight.add(task)
            try:
                await work()
            except Exception:
                log.exception("%s failed; it runs again at its next turn", work.__name__)
            finally:
                self._in_flight.discard(task)

        guarded.__name__ = work.__name__
        return guarded

    async def drain(self, timeout: float) -> None:
        if self._in_flight:
            await asyncio.wait(set(self._in_flight), timeout=timeout)


async def start_bot(application: Application, config: Config, stop: asyncio.Event) -> bool:  # type: ignore[type-arg]
    """Reach Telegram (waiting while it cannot be reached), then answer; False when stopped before it was reached."""
    try:
        if not await connect(application, config.telegram.api_base_url, stop):
            return False
    except BotApiRefused as refused:
        raise StartupError(str(refused)) from None
    if application.post_init:  # run_polling would call it; starting by hand, we must (setMyCommands)
        await application.post_init(application)
    await application.start()
    telegram = config.telegram
    assert application.updater is not None
    if telegram.webhook_url:
        secret = telegram.webhook_secret.get_secret_value() if telegram.webhook_secret else None
        try:
            await application.updater.start_webhook(
                listen=telegram.webhook_listen,
                port=telegram.webhook_port,
                url_path=_url_path(telegram.webhook_url),
                webhook_url=telegram.webhook_url,
                secret_token=secret,
            )
        except OSError as error:
            await stop_bot(application)
            address = f"{telegram.webhook_listen}:{telegram.webhook_port}"
            raise StartupError(
                f"[telegram] webhook_listen/webhook_port {address}: cannot listen: {error.strerror or error}"
            ) from None
        log.info("bot answering by webhook at %s", telegram.webhook_url)
    else:
        await start_polling(application)
        log.info("bot answering by long polling")
    return True


async def stop_bot(application: Application) -> None:  # type: ignore[type-arg]
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    await application.stop()
    await application.shutdown()


def _url_path(url: str) -> str:
    return urlsplit(url).path.lstrip("/")
