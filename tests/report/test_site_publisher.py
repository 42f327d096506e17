"""When `run` rebuilds the site: after news, a watchlist reload or a new override, and at least hourly."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import ReportSettings
from bot.services import Services
from bot.site import REBUILD_AT_LEAST_EVERY, SitePublisher
from storage import Database, add_override, upgrade
from tests.alerts.helpers import FixedClock, make_services
from watchlist import set_field


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    database = Database.open(f"sqlite:///{tmp_path / 'site.db'}")
    await upgrade(database)
    made = make_services(database, tmp_path, clock=FixedClock())
    made.config = made.config.model_copy(update={"report": ReportSettings(html_dir=tmp_path / "site")})
    try:
        yield made
    finally:
        await database.close()


async def test_the_first_round_builds_the_site(services: Services) -> None:
    published = await SitePublisher().after_round(services, news=0)
    assert published is not None and published.written == len(services.watchlist.commitments) + 1


async def test_a_round_without_news_or_changes_rebuilds_nothing(services: Services) -> None:
    publisher = SitePublisher()
    await publisher.after_round(services, news=0)
    assert await publisher.after_round(services, news=0) is None


async def test_a_round_with_news_rebuilds(services: Services) -> None:
    publisher = SitePublisher()
    await publisher.after_round(services, news=0)
    assert await publisher.after_round(services, news=2) is not None


async def test_a_new_override_rebuilds(services: Services) -> None:
    publisher = SitePublisher()
    await publisher.after_round(services, news=0)
    async with services.database.transaction() as connection:
        await add_override(
            connection,
            commitment_id="gwadar-port",
            status="stalled",
            note="n",
            link=None,
            set_by="cli",
            set_at=services.clock(),
        )
    published = await publisher.after_round(services, news=0)
    assert published is not None and published.written >= 1


async def test_a_watchlist_reload_rebuilds(services: Services) -> None:
    publisher = SitePublisher()
    await publisher.after_round(services, news=0)
    set_field(services.watchlists.path, "gwadar-port", "title", "Gwadar port, renamed")
    assert services.watchlists.reload_if_changed().reloaded
    assert await publisher.after_round(services, news=0) is not None


async def test_an_hour_without_anything_rebuilds(services: Services) -> None:
    publisher = SitePublisher()
    await publisher.after_round(services, news=0)
    clock = services.clock
    assert isinstance(clock, FixedClock)
    clock.advance(seconds=REBUILD_AT_LEAST_EVERY.total_seconds() - 1)
    assert await publisher.after_round(services, news=0) is None
    clock.advance(seconds=1)
    assert await publisher.after_round(services, news=0) is not None


async def test_without_a_folder_nothing_is_built(services: Services) -> None:
    services.config = services.config.model_copy(update={"report": ReportSettings()})
    assert await SitePublisher().after_round(services, news=5) is None
