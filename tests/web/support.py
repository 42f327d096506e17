"""The running app of the web tests: real SQLite or PostgreSQL, a real feed server, a clock the test moves."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.alerts.dispatcher import Dispatcher
from bot.alerts.senders import ConsoleSender
from bot.app import Pledgewatch, open_services, sync_feed_sources
from bot.config import load_config
from feeds import FeedFetcher
from tests.alerts.helpers import FixedClock
from tests.conftest import REPO


def write_config(
    folder: Path, feeds: dict[str, str], *, storage_url: str = "sqlite:///pledgewatch.db", extra: str = ""
) -> Path:
    """A console-mode config: the shipped watchlist, no search feeds, the given outlet feeds."""
    tables = "".join(f'\n[[feeds]]\nname = "{name}"\nurl = "{url}"\n' for name, url in feeds.items())
    path = folder / "config.toml"
    path.write_text(
        f'[storage]\nurl = "{storage_url}"\n\n[watchlist]\npath = "{REPO / "watchlist.toml"}"\n\n'
        f"[search]\nenabled = false\n\n[polling]\ninterval_seconds = 1\n{extra}{tables}",
        encoding="utf-8",
    )
    return path


@asynccontextmanager
async def running_app(config_path: Path, clock: FixedClock) -> AsyncIterator[Pledgewatch]:
    """The app `pledgewatch run` builds, in this process, on `clock`, alerts printed to a buffer."""
    config = load_config(config_path)
    services = await open_services(config)
    services.clock = clock
    try:
        await sync_feed_sources(services)
        async with FeedFetcher(config.polling.fetch_settings()) as fetcher:
            app = Pledgewatch(services, fetcher, Dispatcher(services, ConsoleSender(io.StringIO())))
            await app.dispatcher.setup(clock())
            yield app
    finally:
        await services.database.close()
