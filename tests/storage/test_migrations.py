from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from storage import Database, current_revision, downgrade, head_revision, upgrade
from storage.schema import metadata
from tests.support.db import wait_for_lock_waiters

TABLES = {
    "feeds",
    "articles",
    "matches",
    "chats",
    "subscriptions",
    "deliveries",
    "notices",
    "status_overrides",
    "feedback",
}


def _tables(sync_connection: object) -> set[str]:
    return set(inspect(sync_connection).get_table_names()) - {"alembic_version"}


async def test_upgrade_downgrade_upgrade_round_trip(database_url: str) -> None:
    db = Database.open(database_url)
    try:
        await downgrade(db, "base")
        async with db.transaction() as connection:
            assert await connection.run_sync(_tables) == set()
        await upgrade(db)
        assert await current_revision(db) == head_revision()
        async with db.transaction() as connection:
            assert await connection.run_sync(_tables) == TABLES
        await downgrade(db, "base")
        assert await current_revision(db) is None
        await upgrade(db)
        assert await current_revision(db) == head_revision()
    finally:
        await db.close()


async def test_migrations_build_exactly_the_schema_the_code_queries(database: Database) -> None:
    def differences(sync_connection: object) -> list[object]:
        context = MigrationContext.configure(sync_connection, opts={"compare_type": True})  # type: ignore[arg-type]
        return list(compare_metadata(context, metadata))

    async with database.transaction() as connection:
        assert await connection.run_sync(differences) == []


async def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: object) -> None:
    db = Database.open(f"sqlite:///{tmp_path}/wal.db")
    try:
        await upgrade(db)
        async with db.transaction() as connection:
            assert (await connection.execute(text("PRAGMA journal_mode"))).scalar_one() == "wal"
            assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar_one() == 1
    finally:
        await db.close()


async def test_two_processes_starting_at_once_both_upgrade(postgres_database: Database, postgres_url: str) -> None:
    database, database_url = postgres_database, postgres_url
    await downgrade(database, "base")
    first, second = Database.open(database_url), Database.open(database_url)
    try:
        async with database.transaction() as holder:  # both processes find an empty database before either upgrades
            await holder.execute(text("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE"))
            upgrades = asyncio.gather(upgrade(first), upgrade(second))
            await wait_for_lock_waiters(database, 2)
        await asyncio.wait_for(upgrades, timeout=60)
    finally:
        await first.close()
        await second.close()
    assert await current_revision(database) == head_revision()
