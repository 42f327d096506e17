"""getUpdates as Telegram implements it, over an emulator that ignores ``offset`` and ``timeout``.

The emulator hands each user update out once and forgets it; Telegram keeps an update
until a later call's ``offset`` confirms it, holds a call open until an update arrives or
``timeout`` passes, and ends an older call when a newer one comes (409 Conflict). The
feed keeps the updates per token and answers in that way.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.support.telegram import corrections
from tests.support.telegram.http_glue import EmulatorConnection

JsonObject = dict[str, Any]

MAX_LONG_POLL_SECONDS = 50.0
EMULATOR_POLL_SECONDS = 0.1
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"


class PollConflict(Exception):
    """A newer getUpdates for the same token ended this one."""


class PollInterrupted(Exception):
    """The proxy stopped or an outage began while the call was waiting."""


@dataclass(frozen=True)
class PollRequest:
    token: str
    offset: int
    limit: int
    timeout: float

    @classmethod
    def from_params(cls, token: str, params: JsonObject) -> PollRequest:
        return cls(
            token,
            int(params.get("offset") or 0),
            max(1, min(100, int(params.get("limit") or 100))),
            min(float(params.get("timeout") or 0), MAX_LONG_POLL_SECONDS),
        )


class UpdateFeed:
    """Pending updates per token; ``cond`` is the proxy's lock, shared so outages wake pollers."""

    def __init__(self, emulator: EmulatorConnection, cond: threading.Condition, interrupted: Callable[[], bool]):
        self._emulator = emulator
        self._cond = cond
        self._interrupted = interrupted
        self._pending: dict[str, list[JsonObject]] = {}
        self._generation: Counter[str] = Counter()
        self._waiting: Counter[str] = Counter()
        self._wakeups = 0

    def wake(self) -> None:
        """A user update went into the emulator: a waiting call should look now, not at its next tick."""
        with self._cond:
            self._wakeups += 1
            self._cond.notify_all()

    def waiting(self, token: str) -> int:
        """How many getUpdates calls for ``token`` are held open right now."""
        with self._cond:
            return self._waiting[token]

    def drop_pending(self, token: str) -> None:
        self._pull(token)
        with self._cond:
            self._pending.pop(token, None)

    def poll(self, request: PollRequest) -> list[JsonObject]:
        """The updates from ``offset`` on, waiting up to ``timeout`` for the first one."""
        deadline = time.monotonic() + request.timeout
        with self._cond:
            self._generation[request.token] += 1
            generation = self._generation[request.token]
            self._waiting[request.token] += 1
        try:
            while True:
                with self._cond:
                    wakeups = self._wakeups
                self._pull(request.token)
                with self._cond:
                    if self._generation[request.token] != generation:
                        raise PollConflict
                    ready = self._confirm_and_select(request)
                    if self._interrupted():
                        raise PollInterrupted
                    remaining = deadline - time.monotonic()
                    if ready or remaining <= 0:
                        return ready
                    if wakeups == self._wakeups:
                        self._cond.wait(min(remaining, EMULATOR_POLL_SECONDS))
        finally:
            with self._cond:
                self._waiting[request.token] -= 1

    def _pull(self, token: str) -> None:
        fresh = [corrections.update(raw) for raw in self._emulator.post(f"/bot{token}/getUpdates")]
        if fresh:
            with self._cond:
                queue = self._pending.setdefault(token, [])
                queue.extend(fresh)
                queue.sort(key=lambda update: int(update["update_id"]))

    def _confirm_and_select(self, request: PollRequest) -> list[JsonObject]:
        """Drop the updates the offset confirms (a negative offset keeps the last -offset)."""
        queue = self._pending.setdefault(request.token, [])
        if request.offset < 0:
            del queue[: max(0, len(queue) + request.offset)]
        elif request.offset > 0:
            queue[:] = [u for u in queue if int(u["update_id"]) >= request.offset]
        return queue[: request.limit]
