"""Work that one process of several must do alone, coordinated through the database they share.

Several `pledgewatch run` processes may share one PostgreSQL database. Feeds and outbox rows are
already leased row by row; these are the two other kinds of work:

- A job that must not run in two processes at once (the deadline check) takes a transaction-scoped
  advisory lock. `pg_try_advisory_xact_lock` never waits: a process that finds the lock taken skips
  its turn. The lock ends with the transaction, so a process that dies holding it frees it at once,
  and the job's writes commit before another process can take it and look.
- Work every process must do, but one at a time (giving new articles their story: two processes
  seeing one story at once would each start it and alert it twice) waits for the lock instead.
- A daily digest is sent over many seconds and several transactions, longer than any transaction
  lives, so it is leased like an outbox row: its delivery rows' `next_attempt_at` is moved to the end
  of the lease (digest rows otherwise wait for the chat's clock, not for `next_attempt_at`). A second
  process finds the digest leased and leaves it; a process that dies mid-digest leaves rows that
  become free when the lease ends, and the rest of the digest goes out then.

SQLite is one process's database (the file is not shared between machines), and its transactions
are serialised (`BEGIN IMMEDIATE`), so the lock is always granted there.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.outbox import PENDING
from storage.schema import deliveries


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a lock name (advisory locks are keyed by integers)."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


async def try_lock(connection: AsyncConnection, name: str) -> bool:
    """Take the lock `name` until this transaction ends; False, without waiting, if another holds it."""
    if connection.dialect.name != "postgresql":
        return True
    taken = await connection.execute(select(func.pg_try_advisory_xact_lock(lock_key(name))))
    return bool(taken.scalar_one())


async def wait_for_lock(connection: AsyncConnection, name: str) -> None:
    """Take the lock `name` until this transaction ends, waiting while another transaction holds it."""
    if connection.dialect.name == "postgresql":
        await connection.execute(select(func.pg_advisory_xact_lock(lock_key(name))))


async def lease_digest(
    connection: AsyncConnection, chat_id: int, until: datetime, now: datetime, lease_until: datetime
) -> bool:
    """Take a chat's digest (its pending alerts queued up to `until`) for sending until `lease_until`.

    False when another process is sending it: its rows are leased still. The per-chat lock makes the
    look and the lease one step, so two processes never both see the digest free.
    """
    if not await try_lock(connection, f"digest:{chat_id}"):
        return False
    digest = (deliveries.c.chat_id == chat_id) & (deliveries.c.state == PENDING) & (deliveries.c.created_at <= until)
    leased = select(deliveries.c.id).where(digest, deliveries.c.next_attempt_at > now).limit(1)
    if (await connection.execute(leased)).first() is not None:
        return False
    await connection.execute(update(deliveries).where(digest).values(next_attempt_at=lease_until))
    return True
