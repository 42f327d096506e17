"""Applying the Alembic migrations programmatically, at start-up and from `pledgewatch db upgrade`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection

from storage.db import Database

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
