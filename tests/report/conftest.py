"""Fixtures for the page tests: a tracker site built from seeded storage, and Chromium to read it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from playwright.sync_api import Browser, Error, sync_playwright

from bot.site import publish_site
from bot.statuses import load_statuses
from storage import Database, upgrade
from tests.conftest import REPO
from tests.report.seed import NOW, seed_tracker, tracker_watchlist
from tests.support.browser.install import REQUIRE_CHROMIUM_ENV, BrowserUnavailable, chromium_required, ensure_chromium
from tracker import PledgeStatus
from watchlist import load_watchlist

ARTEFACTS = REPO / ".test-artefacts" / "tracker"
"""Screenshots of the site as the browser test saw it (git-ignored), for a person to look at."""


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PledgeStatus]]:
    """The site of the seeded tracker as of NOW, and the statuses it was built from."""
    folder = tmp_path_factory.mktemp("tracker")

    async def build() -> list[PledgeStatus]:
        database = Database.open(f"sqlite:///{folder / 'tracker.db'}")
        try:
            await upgrade(database)
            await seed_tracker(database)
            watchlist = load_watchlist(tracker_watchlist(folder / "watchlist"))
            await publish_site(database, watchlist, folder / "site", NOW)
            async with database.transaction() as connection:
                return await load_statuses(connection, watchlist, NOW)
        finally:
            await database.close()

    statuses = asyncio.run(build())
    return folder / "site", statuses


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright; skipped with the reason when unavailable (failed when required)."""
    try:
        executable = ensure_chromium()
    except BrowserUnavailable as error:
        _unavailable(str(error))
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(executable))
        except Error as error:
            _unavailable(f"Chromium at {executable} did not start: {error.message.splitlines()[0]}")
        yield browser
        browser.close()


def _unavailable(reason: str) -> NoReturn:
    if chromium_required():
        pytest.fail(f"{reason} ({REQUIRE_CHROMIUM_ENV} is set)")
    pytest.skip(f"headless Chromium unavailable: {reason}")
