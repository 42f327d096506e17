"""Opening the database: one engine per process, SQLite or PostgreSQL by URL.

SQLite gets WAL (readers never wait for the writer), foreign keys, a busy timeout, and
`BEGIN IMMEDIATE` for every transaction: a transaction that reads and then writes would
otherwise fail with "database is locked" when another one wrote first, instead of waiting.
Within one process SQLite transactions also queue on an asyncio lock: SQLite has one writer
anyway, and waiting on the lock is several times faster than sleeping in SQLite's busy handler.
SQLite's own `lower()` folds ASCII letters only; Python's replaces it, so a search folds case
("Ürümqi") the way PostgreSQL does.

A command that only reads opens the database read-only (`Database.open(url, read_only=True)`), so it works on a
file this user cannot write. A failure to connect becomes one `StorageError` line naming the database.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from storage.errors import StorageError, describe_failure

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


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL and for an in-memory database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _refuse_unwritable(file: Path) -> None:
    """Say which file cannot be written, before SQLite says "unable to open database file" about none.

    SQLite writes its write-ahead log beside the file, so the folder must be writable as well as the file.
    """
    folder = file.parent
    if not folder.is_dir():
        raise StorageError(f"{file}: the folder {folder} does not exist: create it, or correct the storage url")
    if not os.access(folder, os.W_OK):
        raise StorageError(
            f"{file}: its folder cannot be written by this user, and SQLite keeps its log beside the file: "
            f"make {folder} writable, or use a copy in a folder that is"
        )
    if file.exists() and not os.access(file, os.W_OK):
        raise StorageError(
            f"{file}: the database file is read-only for this user: make it writable, or use a copy that is"
        )


def _read_only_sqlite_url(file: Path) -> URL:
    """A read-only connection: `mode=ro`, or `immutable=1` when SQLite could not create its `-shm` file.

    A reader of a WAL database needs the `-shm` file beside it. In a folder this user may not write (a read-only
    mount, a backup, another user's folder) it cannot be created; and with none there, no process is using the file
    (every one keeps the `-shm` while it does), so it is read as immutable.
    """
    shm = file.with_name(file.name + "-shm")
    mode = {"mode": "ro"} if shm.exists() or os.access(file.parent, os.W_OK) else {"immutable": "1"}
    path = quote(str(file.absolute()))  # SQLite decodes a URI's %XX: a name may hold spaces, "?" or "#"
    return URL.create("sqlite+aiosqlite", database=f"file:{path}", query={**mode, "uri": "true"})


def _tune_sqlite(engine: AsyncEngine, read_only: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class Database:
    """The process's handle on storage; every query goes through one of its transactions."""

    def __init__(self, engine: AsyncEngine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._one_writer = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @classmethod
    def open(cls, url: str, *, read_only: bool = False) -> Database:
        """`read_only`: no write can happen through it (SQLite opens the file read-only; PostgreSQL transactions
        are read-only); otherwise a SQLite file and its folder must be writable, or a StorageError says which is not."""
        driver_url: str | URL = async_url(url)
        file = sqlite_file(url)
        arguments: dict[str, Any] = {}
        if file is not None and read_only:
            driver_url = _read_only_sqlite_url(file)
        elif file is not None:
            _refuse_unwritable(file)
        elif read_only:
            arguments = {"server_settings": {"default_transaction_read_only": "on"}}
        engine = create_async_engine(driver_url, pool_pre_ping=True, connect_args=arguments)
        if engine.dialect.name == "sqlite":
            _tune_sqlite(engine, read_only)
        return cls(engine, url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """One transaction: committed when the block ends, rolled back if it raises.

        Never open one inside another in the same task: on SQLite the inner one would wait forever.
        """
        if self._one_writer is None:
            async with self._connected() as connection, connection.begin():
                yield connection
            return
        async with self._one_writer, self._connected() as connection, connection.begin():
            yield connection

    @asynccontextmanager
    async def _connected(self) -> AsyncIterator[AsyncConnection]:
        """A connection from the pool; failing to get one (server down, no such database, login refused, a file
        that cannot be opened) is a StorageError that names the database and what to do."""
        connection = self.engine.connect()
        try:
            await connection.start()
        except (OSError, DBAPIError) as error:
            raise StorageError(describe_failure(self.url, error)) from error
        try:
            yield connection
        finally:
            await connection.close()

    async def close(self) -> None:
        await self.engine.dispose()
