"""Which message goes next: oldest first among the chats Telegram lets us write to right now.

Telegram allows about one message per second to a chat (fewer in groups) and about 30 per
second overall, and answers 429 beyond that. The pacer keeps one queue per chat, a chat is
busy while its message is in flight and then rests for its interval, and a global interval and
pause (after a RetryAfter) gate everything. Pure state and a caller-supplied clock: no I/O.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, Generic, Protocol, TypeVar


class Pacable(Protocol):
    @property
    def chat_id(self) -> int: ...

    @property
    def order(self) -> tuple[Any, ...]: ...


J = TypeVar("J", bound=Pacable)


class Pacer(Generic[J]):
    def __init__(self, chat_interval: Callable[[int], float], overall_per_second: float | None) -> None:
        self._chat_interval = chat_interval
        self._global_interval = 1.0 / overall_per_second if overall_per_second else 0.0
        self._queues: dict[int, deque[J]] = {}
        self._busy: set[int] = set()
        self._ready: list[tuple[tuple[Any, ...], int]] = []
        self._resting: list[tuple[float, int]] = []
        self._next_global = 0.0
        self._paused_until = 0.0
        self._last_start: dict[int, float] = {}

    def add(self, jobs: Iterable[J]) -> None:
        """Queue jobs (each chat's jobs in `order`); chats already queued keep their place.

        A chat that received a message recently (in an earlier batch or run) rests first.
        """
        fresh: set[int] = set()
        for job in sorted(jobs, key=lambda j: j.order):
            queue = self._queues.setdefault(job.chat_id, deque())
            if not queue and job.chat_id not in self._busy:
                fresh.add(job.chat_id)
            queue.append(job)
        for chat_id in fresh:
            if chat_id in self._last_start:
                heapq.heappush(self._resting, (self._last_start[chat_id] + self._chat_interval(chat_id), chat_id))
            else:
                heapq.heappush(self._ready, (self._queues[chat_id][0].order, chat_id))

    def push_front(self, job: J) -> None:
        """Put a job back at the head of its chat's queue (its next part, or a retry after a pause)."""
        self._queues.setdefault(job.chat_id, deque()).appendleft(job)
        if job.chat_id not in self._busy:
            heapq.heappush(self._ready, (job.order, job.chat_id))

    def take(self, now: float) -> J | None:
        """The oldest job whose chat may receive now, marking the chat busy; None if none may go yet."""
        if now < self._paused_until or now < self._next_global:
            return None
        while self._resting and self._resting[0][0] <= now:
            _, chat_id = heapq.heappop(self._resting)
            if self._queues.get(chat_id) and chat_id not in self._busy:
                heapq.heappush(self._ready, (self._queues[chat_id][0].order, chat_id))
        while self._ready:
            _, chat_id = heapq.heappop(self._ready)
            queue = self._queues.get(chat_id)
            if queue and chat_id not in self._busy:
                self._busy.add(chat_id)
                self._next_global = now + self._global_interval
                return queue.popleft()
        return None

    def done(self, chat_id: int, started: float) -> None:
        """The chat's message is settled; it may receive again one interval after that send began."""
        self._busy.discard(chat_id)
        self._last_start[chat_id] = started
        if self._queues.get(chat_id):
            heapq.heappush(self._resting, (started + self._chat_interval(chat_id), chat_id))
        else:
            self._queues.pop(chat_id, None)

    def drop_chat(self, chat_id: int) -> list[J]:
        """Forget a chat's queued jobs (it left, or moved to a new id) and return them."""
        return list(self._queues.pop(chat_id, ()))

    def pause_all(self, until: float) -> None:
        self._paused_until = max(self._paused_until, until)

    def clear(self) -> list[J]:
        """Forget every queued job (the run stopped) and return them; send history and pauses stay."""
        pending = [job for queue in self._queues.values() for job in queue]
        self._queues.clear()
        self._ready.clear()
        self._resting.clear()
        return pending

    def forget_before(self, moment: float) -> None:
        """Drop send history older than any interval can matter, so the map does not grow forever."""
        self._last_start = {chat: at for chat, at in self._last_start.items() if at >= moment}

    def is_empty(self) -> bool:
        return not any(self._queues.values())

    def wait_time(self, now: float) -> float | None:
        """Seconds until `take` may return a job, or None when only a settling send can change that."""
        gate = max(self._paused_until, self._next_global)
        if self._ready:
            target = gate
        elif self._resting:
            target = max(gate, self._resting[0][0])
        else:
            return None
        return max(0.0, target - now)
