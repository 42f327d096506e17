"""The status rules: a pledge's evidence, its deadline and an override in; a status and its reasons out.

The first rule that applies decides:

1. an administrator's override in force: its status — the only way to *delivered*, since "done"
   needs judgement; the reasons say who set it, when and why, and what the rules alone say;
2. *overdue*: the deadline has passed (`deadline_passed_at`) and nobody marked it delivered;
3. *no news*: nothing has been matched to the pledge;
4. *at risk*: within `RECENT`, more setback items than progress items;
5. *in progress*: a progress item within `STALLED_AFTER`;
6. *stalled*: progress items, but none within `STALLED_AFTER`;
7. *talk only*: news, none of it progress (mentions, and setbacks too old to weigh).

An item is a story: the same news from several outlets counts once. Only news published by `now`
counts, so the same evidence assessed at an earlier moment gives the status of that moment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from matcher import Signal
from tracker.deadlines import deadline_passed_at
from tracker.evidence import Evidence, Override
from tracker.status import Status
from watchlist import Commitment

RECENT = timedelta(days=90)
"""What "recent" means: progress counted for *in progress*, and setbacks weighed against progress
for *at risk*. A quarter, because the bodies that move a communique's projects (joint committees,
boards, budgets) meet about quarterly: a shorter window would call a pledge quiet between two
routine meetings, a longer one would let an old step hide fresh trouble."""

STALLED_AFTER = timedelta(days=180)
"""After earlier progress, this long without another progress item makes a pledge *stalled*. Two
quarters in a row without a step is what analysts call stalled; one quiet quarter can be a pause."""

TITLE_CHARS = 100
"""Longest headline quoted in a reason; reasons are one line in Telegram and on the page."""


@dataclass(frozen=True, slots=True)
class Assessment:
    """A pledge's status and why. `by_rules` is what the rules alone decide; `override` the one in force."""

    status: Status
    reasons: tuple[str, ...]
    by_rules: Status
    override: Override | None = None

    @property
    def headline(self) -> str:
        """The first reason, which names the status: "in progress: 3 progress items in 90 days, …"."""
        return self.reasons[0]


@dataclass(frozen=True, slots=True)
class PledgeStatus:
    """A pledge, its assessment, and what that rests on: its evidence and every override set so far (oldest first)."""

    commitment: Commitment
    assessment: Assessment
    evidence: tuple[Evidence, ...]
    overrides: tuple[Override, ...]


def assess(
    commitment: Commitment, evidence: Sequence[Evidence], override: Override | None, now: datetime
) -> Assessment:
    """The status of `commitment` at `now`, given its evidence (any order) and the override in force."""
    known = [item for item in evidence if item.published <= now]
    status, reasons = _by_rules(commitment.deadline, known, now)
    if override is None or override.status is None:
        return Assessment(status, reasons, status)
    return Assessment(override.status, (_overridden(override, now), f"rules alone: {reasons[0]}"), status, override)


def _by_rules(deadline: date | None, known: list[Evidence], now: datetime) -> tuple[Status, tuple[str, ...]]:
    status, reason = _by_news(known, now)
    if deadline is None or deadline_passed_at(deadline) > now:
        return status, (reason,)
    days = (now.date() - deadline).days
    overdue = f"overdue: deadline {_day(deadline, now)} passed {_plural(days, 'day')} ago without a delivery"
    return Status.OVERDUE, (overdue, f"otherwise {reason}")


def _by_news(known: list[Evidence], now: datetime) -> tuple[Status, str]:
    if not known:
        return Status.NO_NEWS, "no news: nothing has been matched to this pledge yet"
    recent = [item for item in known if now - item.published <= RECENT]
    recent_progress = _stories(item for item in recent if item.signal is Signal.PROGRESS)
    recent_setbacks = _stories(item for item in recent if item.signal is Signal.SETBACK)
    if recent_setbacks > recent_progress:
        latest = _latest(item for item in recent if item.signal is Signal.SETBACK)
        return Status.AT_RISK, (
            f"at risk: {_plural(recent_setbacks, 'setback')} against {_plural(recent_progress, 'progress item')} "
            f"in {RECENT.days} days, latest setback {_cited(latest, now)}"
        )
    progress = [item for item in known if item.signal is Signal.PROGRESS]
    if not progress:
        items = _plural(_stories(known), "news item")
        return Status.TALK_ONLY, f"talk only: {items}, none reports a step; latest {_cited(_latest(known), now)}"
    latest = _latest(progress)
    quiet = now - latest.published
    if quiet > STALLED_AFTER:
        return Status.STALLED, f"stalled: no progress for {quiet.days} days; latest progress {_cited(latest, now)}"
    if recent_progress:
        return Status.IN_PROGRESS, (
            f"in progress: {_plural(recent_progress, 'progress item')} in {RECENT.days} days, "
            f"latest {_cited(latest, now)}"
        )
    return Status.IN_PROGRESS, (
        f"in progress: none in {RECENT.days} days, latest progress {_cited(latest, now)} "
        f"(stalled after {STALLED_AFTER.days} days without one)"
    )


def _overridden(override: Override, now: datetime) -> str:
    assert override.status is not None
    who = "the command line" if override.set_by == "cli" else f"admin {override.set_by}"
    return f"{override.status.label}: set by {who} on {_day(override.set_at, now)}: {_one_line(override.note)}"


def _stories(items: Iterable[Evidence]) -> int:
    """How many distinct stories: an item without a story is one of its own."""
    return len({item.story if item.story is not None else -index - 1 for index, item in enumerate(items)})


def _latest(items: Iterable[Evidence]) -> Evidence:
    """The newest by publication; of two published together, the later in the sequence."""
    newest: Evidence | None = None
    for item in items:
        if newest is None or item.published >= newest.published:
            newest = item
    assert newest is not None, "_latest of no evidence"
    return newest


def _cited(item: Evidence, now: datetime) -> str:
    """ "12 Mar: financing consortium agreed" — the date and the headline, shortened."""
    title = _one_line(item.title) or "(untitled)"
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1].rstrip() + "…"
    return f"{_day(item.published, now)}: {title}"


def _day(moment: date | datetime, now: datetime) -> str:
    """ "12 Mar" within the current year, "12 Mar 2025" otherwise."""
    return f"{moment.day} {moment:%b}" if moment.year == now.year else f"{moment.day} {moment:%b %Y}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _one_line(text: str) -> str:
    return " ".join(text.split())
