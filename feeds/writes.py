"""The poll round's database writes, committed in groups (group commit).

Every refresh ends in a write: a 304 records the check, an error records the error, new articles go in with
their matches and alerts. A transaction of its own for each costs more than the writes themselves: on SQLite
every statement, BEGIN and COMMIT included, is a round trip to aiosqlite's thread (a transaction's fixed part
is nine of them), on PostgreSQL a round trip to the server. So the writes that queue up while one commit is
under way go in together, in the order they came, in the next transaction. Under load the groups grow; a lone
refresh still commits at once.

Writes run one after the other, never two at once: an article finds the story another feed stored a moment
earlier, and two feeds of one round never race to start the same story. A write that fails takes its group
down with it; the group is rolled back and its writes run again one transaction each, so only the write at
fault fails, as if there had been no grouping.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection

from storage import Database

T = TypeVar("T")
MAX_GROUP = 32
"""Writes per transaction at most: enough to amortise its cost, few enough not to hold SQLite's write lock
(which the dispatcher waits for) longer than a moment."""


class SharedTransaction:
    """What a write gets: the group's connection, and a place to say how to undo what it changed in memory
    should the group be rolled back (the database undoes itself)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection
        self._undo: list[Callable[[], None]] = []

    def on_rollback(self, undo: Callable[[], None]) -> None:
        self._undo.append(undo)

    def rolled_back(self) -> None:
        for undo in reversed(self._undo):
            undo()


Write = Callable[[SharedTransaction], Awaitable[T]]


@dataclass(frozen=True, slots=True)
class _Queued(Generic[T]):
    write: Write[T]
    done: asyncio.Future[T]


class GroupCommit:
    """Queues writes and commits them in groups; use it as ``async with``, so that leaving the block waits
    for the writes in flight (a round that is cancelled still saves what its refreshes fetched)."""

    def __init__(self, database: Database, max_group: int = MAX_GROUP) -> None:
        self._database = database
        self._max_group = max_group
        self._queue: deque[_Queued[Any]] = deque()
        self._committer: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._committer is not None:
            await asyncio.shield(self._committer)

    async def write(self, write: Write[T]) -> T:
        """Run ``write`` in the next group's transaction; its result once that transaction has committed."""
        queued: _Queued[T] = _Queued(write, asyncio.get_running_loop().create_future())
        self._queue.append(queued)
        if self._committer is None:
            self._committer = asyncio.create_task(self._commit_queued())
        return await queued.done

    async def _commit_queued(self) -> None:
        try:
            while self._queue:
                group = [self._queue.popleft() for _ in range(min(len(self._queue), self._max_group))]
                await self._commit(group)
        finally:
            self._committer = None
            while self._queue:  # only when this task itself was cancelled: nobody is left to run them
                self._queue.popleft().done.cancel()

    async def _commit(self, group: list[_Queued[Any]]) -> None:
        shared: SharedTransaction | None = None
        try:
            async with self._database.transaction() as connection:
                shared = SharedTransaction(connection)
                results = [await queued.write(shared) for queued in group]
        except Exception as error:
            if shared is not None:
                shared.rolled_back()
            if len(group) == 1:
                _settle(group[0].done, error=error)
                return
            for queued in group:  # find the write at fault: each alone, in its own transaction
                await self._commit([queued])
            return
        for queued, result in zip(group, results, strict=True):
            _settle(queued.done, result=result)


def _settle(done: asyncio.Future[Any], result: object = None, error: Exception | None = None) -> None:
    """A writer that stopped waiting (its refresh was cancelled) has a cancelled future: nothing to tell it."""
    if done.done():
        return
    if error is not None:
        done.set_exception(error)
    else:
        done.set_result(result)
