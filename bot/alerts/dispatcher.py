"""The outbox → Telegram loop: alerts, notices and digests sent paced, oldest first, each exactly once.

Exactly once, as far as Telegram allows. Every outbox row is claimed (a short lease), sent, and
marked sent in its own transaction right after Telegram's OK, before anything else happens.
So a crash, a restart or an outage never loses a row (it stays pending until marked) and repeats
one only in the window between Telegram accepting a message and that commit: a few
milliseconds, or a request that timed out after Telegram had in fact delivered it (the Bot API
has no idempotency key, so that last case cannot be closed from our side). An answer Telegram
gave with HTTP 200 that could not be read counts as sent; any other failure the sender did not
turn into an outcome is logged with its rows, which are retried like an outage. A long alert split
into several messages is marked after its last part; digests are marked per message.

Pacing (see `pacing.Pacer`): one message per `per_chat_interval` to a chat (`group_interval`
for groups and channels), `overall_per_second` in total, a RetryAfter pauses everything for the
time Telegram asked, and a network error stops the run and backs off before the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import storage
from bot.alerts import senders
from bot.alerts.jobs import DigestJob, Job, Lease, RowJob, collect_jobs
from bot.alerts.pacing import Pacer
from bot.alerts.senders import ChatGone, ChatMoved, Outcome, Refused, RetryLater, Sender, Sent, SentUnreadable
from bot.services import Services
from storage import ALL, DELIVERY

log = logging.getLogger(__name__)
HISTORY_SECONDS = 60.0
"""How long a chat's last send is remembered for pacing: longer than any per-chat interval."""


@dataclass(frozen=True)
class DispatchSettings:
    """Telegram's limits with a margin; `unlimited()` switches pacing off (benchmarks, tests)."""

    per_chat_interval: float = 1.0
    group_interval: float = 3.0
    overall_per_second: float | None = 25.0
    concurrency: int = 8
    lease_seconds: float = 60.0
    batch_size: int = 1000
    max_backoff_seconds: float = 600.0

    @classmethod
    def unlimited(cls, concurrency: int = 8) -> DispatchSettings:
        return cls(per_chat_interval=0.0, group_interval=0.0, overall_per_second=None, concurrency=concurrency)

    def chat_interval(self, chat_id: int) -> float:
        return self.group_interval if chat_id < 0 else self.per_chat_interval


@dataclass
class DispatchReport:
    """What one `run_once` did; `outage` means Telegram was unreachable and the run stopped early."""

    messages_sent: int = 0
    deliveries_sent: int = 0
    notices_sent: int = 0
    digests_sent: int = 0
    retried: int = 0
    failed: int = 0
    flood_waits: int = 0
    chats_deactivated: int = 0
    chats_migrated: int = 0
    outage: bool = False
    errors: list[str] = field(default_factory=list)
    alert_latencies: list[float] = field(default_factory=list)
    """Seconds from each immediate alert being queued to Telegram accepting it (for /metrics)."""


class Dispatcher:
    """Sends what the outbox holds. The lead's `run` calls `run_once(now)` on a schedule, `aclose()` at exit.

    `setup(now)` (also done by the first `run_once`) subscribes the configured alert chat (the
    console in console mode) to everything; call it before the first poll so the alert chat
    gets the alerts of that poll too.
    """

    def __init__(self, services: Services, sender: Sender, settings: DispatchSettings | None = None) -> None:
        self.services = services
        self.sender = sender
        self.settings = settings or DispatchSettings()
        self._ready = False
        self._stopping = False
        self._halted = False
        self._resume_at: datetime | None = None
        self._outage_streak = 0
        self._started_wall = services.clock()
        self._started_mono = time.monotonic()
        self._pacer: Pacer[Job] = Pacer(self.settings.chat_interval, self.settings.overall_per_second)
        self._wakeup = asyncio.Event()

    def stop(self) -> None:
        """Let the messages in flight finish, send nothing more; `run_once` returns soon after."""
        self._stopping = True
        self._wakeup.set()

    async def aclose(self) -> None:
        self.stop()
        await self.sender.aclose()

    async def setup(self, now: datetime) -> None:
        """Make the alert chat a chat subscribed to all; retried by each run until Telegram answers."""
        try:
            recipient = await self.sender.resolve_alert_chat(self.services.config.telegram.alert_chat)
        except Exception as error:  # a mistyped @channel must not stop the alerts of everyone else
            log.warning("alert chat %r not reachable yet: %s", self.services.config.telegram.alert_chat, error)
            return
        async with self.services.database.transaction() as connection:
            if recipient is not None:
                await storage.ensure_chat(connection, recipient.id, recipient.kind, recipient.title, now)
                await storage.subscribe(connection, recipient.id, ALL, "", now)
            if recipient is None or recipient.id != senders.CONSOLE_CHAT_ID:
                await storage.deactivate_chat(connection, senders.CONSOLE_CHAT_ID, "console mode is off")
        self._ready = True

    async def run_once(self, now: datetime) -> DispatchReport:
        """Send everything due at `now` (and what becomes due while sending), then return."""
        report = DispatchReport()
        if not self._ready:
            await self.setup(now)
        if self._resume_at is not None and now < self._resume_at:
            report.outage = True  # Telegram was unreachable a moment ago: give it time
            return report
        self._halted = False
        self._started_wall, self._started_mono = now, time.monotonic()
        while not (self._stopping or self._halted):
            jobs = await collect_jobs(self.services, self._now(), self.settings.batch_size, self.sender.scope)
            if not jobs:
                break
            if not await self._drain(jobs, report):
                break  # nothing settled: leave the rest to the next run rather than spin
        report.outage = self._halted
        if not self._halted:
            self._outage_streak = 0
        return report

    def _now(self) -> datetime:
        """The caller's `now` advanced by the time this run has taken (tests may pass any clock)."""
        return self._started_wall + timedelta(seconds=time.monotonic() - self._started_mono)

    async def _drain(self, jobs: list[Job], report: DispatchReport) -> int:
        """Send `jobs` paced; the number of sends that settled something (a message sent, a row
        failed, a chat found gone). The pacer outlives the batch so a chat's interval spans batches
        and runs.

        However the loop ends (done, stopped, halted, cancelled), the sends in flight finish and
        are settled, and claimed rows not yet sent are handed back.
        """
        pacer = self._pacer
        pacer.forget_before(time.monotonic() - HISTORY_SECONDS)
        pacer.add(jobs)
        slots = asyncio.Semaphore(max(1, self.settings.concurrency))
        self._wakeup = changed = asyncio.Event()
        in_flight: set[asyncio.Task[bool]] = set()
        started: list[asyncio.Task[bool]] = []
        try:
            while not (self._stopping or self._halted):
                await slots.acquire()
                job = pacer.take(time.monotonic())
                if job is None:
                    slots.release()
                    if pacer.is_empty() and not in_flight:
                        break
                    wait = pacer.wait_time(time.monotonic())
                    changed.clear()
                    await _wait(changed, wait)
                    continue
                task = asyncio.create_task(self._send(job, pacer, report))
                in_flight.add(task)
                started.append(task)
                task.add_done_callback(lambda done: _finished(done, in_flight, slots, changed))
        finally:
            outcomes = await asyncio.gather(*in_flight, return_exceptions=True)
            await self._release_unsent(pacer.clear())
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        return sum(1 for task in started if not task.cancelled() and task.exception() is None and task.result())

    async def _send(self, job: Job, pacer: Pacer[Job], report: DispatchReport) -> bool:
        """Send the job's next part; True when that settled something (see `_drain`)."""
        started = time.monotonic()
        try:
            if isinstance(job, RowJob) and job.lease is Lease.NOT_TAKEN:
                job.lease = await self._claim(job)
            if isinstance(job, RowJob) and job.lease is Lease.LOST:
                return False
            try:
                outcome: Outcome = await self.sender.send(job.chat_id, job.parts[job.next_part], job.buttons())
            except Exception as error:  # never leave the row leased, to be sent again when the lease ends
                log.exception("rows %s (chat %s): sending failed unexpectedly; retried", _ids(job), job.chat_id)
                outcome = RetryLater(f"{type(error).__name__}: {error}")
            return await self._settle(job, outcome, pacer, report)
        finally:
            pacer.done(job.chat_id, started)

    async def _claim(self, job: RowJob) -> Lease:
        now = self._now()
        lease_until = now + timedelta(seconds=self.settings.lease_seconds)
        async with self.services.database.transaction() as connection:
            taken = await storage.claim(connection, job.kind, job.row_id, now, lease_until)
        return Lease.TAKEN if taken else Lease.LOST

    async def _settle(self, job: Job, outcome: Outcome, pacer: Pacer[Job], report: DispatchReport) -> bool:
        """Act on Telegram's answer; True when it settled something (a retry or a move settles nothing)."""
        match outcome:
            case Sent():
                await self._sent(job, pacer, report)
            case SentUnreadable(error=error):
                log.error(
                    "rows %s (chat %s): Telegram took the message (HTTP 200) but its answer could not be read; "
                    "counted as sent, not sent again",
                    _ids(job),
                    job.chat_id,
                    exc_info=error,
                )
                await self._sent(job, pacer, report)
            case RetryLater():
                await self._retry(job, outcome, pacer, report)
                return False
            case ChatGone(reason=reason):
                await self._chat_gone(job, reason, pacer, report)
            case ChatMoved(new_chat_id=new_chat_id):
                await self._chat_moved(job, new_chat_id, pacer, report)
                return False
            case Refused(error=error):
                log.warning("chat %s refused rows %s: %s", job.chat_id, job.rows, error)
                await self._finish(job, report, failed=error)
        return True

    async def _sent(self, job: Job, pacer: Pacer[Job], report: DispatchReport) -> None:
        report.messages_sent += 1
        self._outage_streak = 0
        if job.next_part + 1 < len(job.parts):
            job.next_part += 1
            pacer.push_front(job)
            return
        await self._finish(job, report)

    async def _finish(self, job: Job, report: DispatchReport, failed: str | None = None) -> None:
        """Mark the job's rows sent (or failed) in their own transaction, first thing after the answer."""
        now = self._now()
        kind = job.kind if isinstance(job, RowJob) else DELIVERY
        async with self.services.database.transaction() as connection:
            if failed is None:
                await storage.mark_sent(connection, kind, job.rows, now)
            else:
                await storage.mark_failed(connection, kind, job.rows, failed)
            if isinstance(job, DigestJob) and job.completes_digest:
                await storage.update_chat(connection, job.chat_id, last_digest_at=now)
        _count(report, job, failed)
        if failed is None and isinstance(job, RowJob) and job.kind == DELIVERY:
            report.alert_latencies.append((now - job.order[0]).total_seconds())  # order starts with queued time

    async def _retry(self, job: Job, outcome: RetryLater, pacer: Pacer[Job], report: DispatchReport) -> None:
        if outcome.retry_after is not None:  # flood control: everyone waits, this job keeps its place
            report.flood_waits += 1
            pacer.pause_all(time.monotonic() + outcome.retry_after)
            pacer.push_front(job)
            return
        report.retried += 1
        report.errors.append(f"chat {job.chat_id}: {outcome.error}")
        self._halted = True
        self._outage_streak += 1
        self._resume_at = self._now() + timedelta(seconds=min(2.0**self._outage_streak, 60.0))
        if isinstance(job, RowJob):
            # short at first, so alerts flow again soon after an outage; longer for a row that keeps failing
            delay = min(2.0 * 2.0**job.attempts, self.settings.max_backoff_seconds)
            async with self.services.database.transaction() as connection:
                await storage.mark_retry(
                    connection,
                    job.kind,
                    job.row_id,
                    next_attempt_at=self._now() + timedelta(seconds=delay),
                    error=outcome.error,
                )

    async def _chat_gone(self, job: Job, reason: str, pacer: Pacer[Job], report: DispatchReport) -> None:
        log.info("chat %s is gone (%s): marking it inactive", job.chat_id, reason)
        pacer.drop_chat(job.chat_id)
        async with self.services.database.transaction() as connection:
            await storage.deactivate_chat(connection, job.chat_id, reason)
            await storage.fail_chat_outbox(connection, job.chat_id, f"chat inactive: {reason}")
        report.chats_deactivated += 1

    async def _chat_moved(self, job: Job, new_chat_id: int, pacer: Pacer[Job], report: DispatchReport) -> None:
        log.info("chat %s moved to %s", job.chat_id, new_chat_id)
        async with self.services.database.transaction() as connection:
            if await storage.get_chat(connection, new_chat_id) is None:
                await storage.migrate_chat(connection, job.chat_id, new_chat_id)
            else:  # the supergroup talked to the bot first: it keeps its own settings
                await storage.deactivate_chat(connection, job.chat_id, f"migrated to {new_chat_id}")
        report.chats_migrated += 1
        moved = [job, *pacer.drop_chat(job.chat_id)]
        pacer.add(replace(item, chat_id=new_chat_id) for item in moved)

    async def _release_unsent(self, jobs: list[Job]) -> None:
        """Rows claimed but not sent when the run stopped are due again at once, not after the lease."""
        claimed = [job for job in jobs if isinstance(job, RowJob) and job.lease is Lease.TAKEN]
        if claimed:
            async with self.services.database.transaction() as connection:
                for job in claimed:
                    await storage.release(connection, job.kind, [job.row_id], self._now())


def _finished(
    task: asyncio.Task[bool], in_flight: set[asyncio.Task[bool]], slots: asyncio.Semaphore, changed: asyncio.Event
) -> None:
    in_flight.discard(task)
    slots.release()
    changed.set()


def _ids(job: Job) -> str:
    return ", ".join(map(str, job.rows))


def _count(report: DispatchReport, job: Job, failed: str | None) -> None:
    if failed is not None:
        report.failed += 1
        report.errors.append(f"chat {job.chat_id}: {failed}")
        return
    match job:
        case DigestJob():
            report.deliveries_sent += len(job.delivery_ids)
            report.digests_sent += int(job.completes_digest)
        case RowJob(kind=kind) if kind == DELIVERY:
            report.deliveries_sent += 1
        case RowJob():
            report.notices_sent += 1


async def _wait(event: asyncio.Event, timeout: float | None) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), timeout)
