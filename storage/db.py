"""Opening the database: one engine per process, SQLite or PostgreSQL by URL.

SQLite gets WAL (readers never wait for the writer), foreign keys, a busy timeout, and
`BEGIN IMMEDIATE` for every transaction: a transaction that reads and then writes would
otherwise fail with "database is locked" when another one wrote first, instead of waiting.
Within one process SQLite transactions also queue on an asyncio lock: SQLite has one writer
anyway, and waiting on the lock is several times faster than sleeping in SQLite's busy handler.
SQLite's own `lower()` folds ASCII letters only; Python's replaces it, so a search folds case
("Ürümqi") the way PostgreSQL does.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage.errors import StorageError

_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
}


def async_url(url: str) -> str:
    """Accept the URLs people write (`sqlite:///x.db`, `postgresql://…`) and pick the async driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(f"storage url {url!r} is not a database URL: {exc}") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StorageError(f"storage url {parsed.render_as_string()!r}: only sqlite and postgresql are supported")
    if "+" not in parsed.drivername:
        parsed = parsed.set(drivername=_ASYNC_DRIVERS[parsed.drivername])
    return parsed.render_as_string(hide_password=False)


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _tune_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The process's handle on storage; every query goes through one of its transactions."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._one_writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @classmethod
    def open(cls, url: str) -> Database:
        engine = create_async_engine(async_url(url), pool_pre_ping=True)
        if engine.dialect.name == "sqlite":
            _tune_sqlite(engine)
        return cls(engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """One transaction: committed when the block ends, rolled back if it raises.

        Never open one inside another in the same task: on SQLite the inner one would wait forever.
        """
        if self._one_writer is None:
            async with self.engine.begin() as connection:
                yield connection
            return
        async with self._one_writer, self.engine.begin() as connection:
            yield connection

    async def close(self) -> None:
        await self.engine.dispose()
