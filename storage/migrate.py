"""Applying the Alembic migrations programmatically, at start-up and from `pledgewatch db upgrade`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection

from storage.db import Database, sqlite_file

_SCRIPTS = Path(__file__).with_name("migrations")
# Any constant will do, as long as nothing else in the database takes the same advisory lock.
_MIGRATION_LOCK = 0x706C6467  # "pldg"


def _alembic_config(connection: Connection) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    config = AlembicConfig()
    config.set_main_option("script_location", str(_SCRIPTS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None, "storage/migrations has no revisions"
    return head


async def upgrade(database: Database, revision: str = "head") -> None:
    """Every process upgrades at start; on PostgreSQL they take turns, so the second finds the work done."""
    async with database.transaction() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        await connection.run_sync(lambda sync: command.upgrade(_alembic_config(sync), revision))


async def downgrade(database: Database, revision: str) -> None:
    async with database.transaction() as connection:
        await connection.run_sync(lambda sync: command.downgrade(_alembic_config(sync), revision))


async def current_revision(database: Database) -> str | None:
    async with database.transaction() as connection:
        return await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())


async def open_read_only(url: str) -> Database | None:
    """The database at `url` opened read-only when its schema is current; None when it must first be created or
    migrated (which needs a writable open), so that reading never requires the right to write."""
    file = sqlite_file(url)
    if file is not None and not file.exists():
        return None
    database, current, head = Database.open(url, read_only=True), None, head_revision()
    try:
        current = await current_revision(database)
    finally:
        if current != head:
            await database.close()
    return database if current == head else None


async def probe(url: str) -> None:
    """Raise StorageError when `run` could not use the database at `url`; creates and changes nothing.

    Checks the URL, a SQLite file's folder and rights, and for an existing database (any PostgreSQL one) that
    it answers: the server, the database, the login.
    """
    await Database.open(url).close()  # the URL, the SQLite file's folder and rights: no connection yet
    file = sqlite_file(url)
    if file is not None and not file.exists():
        return  # `run` creates it
    database = Database.open(url, read_only=True)
    try:
        await current_revision(database)
    finally:
        await database.close()
