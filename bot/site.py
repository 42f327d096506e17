"""Writing the tracker site to a folder: for `pledgewatch report --html` and, with `[report] html_dir`, after
the poll rounds of `run` that can have changed it (`SitePublisher`).

Only pages whose text changed are written, each to a temporary file renamed over the old one, so a web
server reading the folder never serves half a page and its caches see unchanged pages as unchanged.
Pages of pledges since removed from the watchlist are left alone: this never deletes a file.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.services import Services
from bot.statuses import load_records, status_at
from report import render_site
from storage import Database, count_overrides
from watchlist import Watchlist

REBUILD_AT_LEAST_EVERY = timedelta(hours=1)
"""Without news, a watchlist edit or an override, the site is still rebuilt this often: time alone moves
statuses (stalled, overdue) and countdowns. A rebuild costs about half a second per 10,000 matched
articles (benchmarks/tracker_page.py): too much for every tick of a few seconds, nothing once an hour."""


@dataclass(frozen=True, slots=True)
class Published:
    folder: Path
    written: int
    unchanged: int


async def publish_site(database: Database, watchlist: Watchlist, folder: Path, now: datetime) -> Published:
    """Render every pledge's status as of `now` and write the pages that changed; OSError if the folder is unusable."""
    async with database.transaction() as connection:
        records = await load_records(connection, [c.id for c in watchlist.commitments])

    def render() -> dict[str, str]:  # judging and rendering are pure and take a while: off the event loop
        return render_site([status_at(c, records, now) for c in watchlist.commitments], watchlist.source, now)

    return await asyncio.to_thread(write_pages, folder, await asyncio.to_thread(render))


@dataclass
class SitePublisher:
    """`run`'s site under `[report] html_dir`: rebuilt after a round that stored news, after a watchlist reload
    or a new override (from /setstatus or the CLI), and at least every `REBUILD_AT_LEAST_EVERY`."""

    built_at: datetime | None = None
    built_from: tuple[Watchlist, int] | None = None  # the watchlist in force and how many overrides there were

    async def after_round(self, services: Services, news: int) -> Published | None:
        """Rebuild if due (None when not); OSError when the folder cannot be written."""
        folder = services.config.report.html_dir
        if folder is None:
            return None
        now = services.clock()
        async with services.database.transaction() as connection:
            source = (services.watchlist, await count_overrides(connection))
        if not (news or self._changed(source) or self._stale(now)):
            return None
        published = await publish_site(services.database, services.watchlist, folder, now)
        self.built_at, self.built_from = now, source
        return published

    def _changed(self, source: tuple[Watchlist, int]) -> bool:
        return self.built_from is None or source[0] is not self.built_from[0] or source[1] != self.built_from[1]

    def _stale(self, now: datetime) -> bool:
        return self.built_at is None or now - self.built_at >= REBUILD_AT_LEAST_EVERY


def write_pages(folder: Path, pages: dict[str, str]) -> Published:
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, text in pages.items():
        path = folder / name
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        _replace(path, data)
        written += 1
    return Published(folder, written, len(pages) - written)


def _replace(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a web server must read it
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
