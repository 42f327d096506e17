"""Fixtures shared by the whole suite: databases on both backends."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import Database, upgrade
from storage.schema import metadata
from tests.feeds.support import FeedServer
from tests.support.db import fresh_postgres_database, postgres_required

REPO = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.support.telegram.fixtures"]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    try:
        with fresh_postgres_database() as url:
            yield url
    except OSError as exc:
        message = f"PostgreSQL test server unreachable ({exc}); set PLEDGEWATCH_TEST_POSTGRES_URL"
        if postgres_required():
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'pledgewatch.db'}"
    return str(request.getfixturevalue("postgres_url"))


async def _empty_tables(database: Database) -> None:
    async with database.transaction() as connection:
        if database.dialect == "postgresql":
            names = ", ".join(table.name for table in metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


async def _migrated_empty(url: str) -> AsyncIterator[Database]:
    db = Database.open(url)
    await upgrade(db)
    await _empty_tables(db)
    try:
        yield db
    finally:
        await db.close()


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """A migrated, empty database on each backend."""
    async for db in _migrated_empty(database_url):
        yield db


@pytest.fixture
async def postgres_database(postgres_url: str) -> AsyncIterator[Database]:
    """A migrated, empty PostgreSQL database, for races that SQLite's single writer rules out."""
    async for db in _migrated_empty(postgres_url):
        yield db


@pytest.fixture
def server() -> Iterator[FeedServer]:
    """A real HTTP server on 127.0.0.1 whose routes the test scripts (see tests/feeds/support.py)."""
    feed_server = FeedServer()
    feed_server.start()
    yield feed_server
    feed_server.stop()
