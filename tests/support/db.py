"""Test databases: a SQLite file per test, and a PostgreSQL database created fresh per run."""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage import Database

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def admin_postgres_url() -> str:
    return os.environ.get("PLEDGEWATCH_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def postgres_required() -> bool:
    return os.environ.get("PLEDGEWATCH_REQUIRE_POSTGRES") == "1"


async def _admin(sql: str) -> None:
    url = make_url(admin_postgres_url())
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
        timeout=5,
    )
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A database of our own on the test server, dropped afterwards, so two runs never collide."""
    name = f"pledgewatch_test_{os.getpid()}_{secrets.token_hex(4)}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_postgres_url()).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def wait_for_lock_waiters(database: Database, count: int = 1, timeout: float = 10) -> None:
    """Wait until `count` transactions on this PostgreSQL database are blocked on a lock (a race set up on purpose)."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with database.transaction() as connection:
            if (await connection.execute(query)).scalar_one() >= count:
                return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never saw {count} transaction(s) waiting on a lock within {timeout} s")
