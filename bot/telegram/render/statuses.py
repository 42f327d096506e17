"""The scorecard (paged and weekly), the weekly schedule and /setstatus answers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from bot.html import bold, escape
from bot.render_news import day
from bot.telegram.render.evidence import STATUS_MARK, status_lines
from bot.telegram.render.pledges import NO_SECTION, ListPage
from tracker import Override, PledgeStatus, Status
from watchlist import Commitment


def by_section(commitments: Sequence[Commitment]) -> list[Commitment]:
    """Pledges with each section's together, sections in order of first appearance (stable within one)."""
    order = {section: index for index, section in enumerate(dict.fromkeys(c.section for c in commitments))}
    return sorted(commitments, key=lambda c: order[c.section])


def status_counts(statuses: Sequence[Status]) -> str:
    """ "🟢 3 in progress · 🟠 1 at risk · ⚪ 21 no news", statuses in their fixed order, none left at zero."""
    counted = Counter(statuses)
    return " · ".join(f"{STATUS_MARK[s]} {counted[s]} {escape(s.label)}" for s in Status if counted[s])


def scorecard_line(pledge: PledgeStatus) -> str:
    status = pledge.assessment.status
    return f"{STATUS_MARK[status]} {escape(pledge.commitment.title)} — {escape(status.label)}"


def _grouped_lines(pledges: Sequence[PledgeStatus]) -> list[str]:
    lines: list[str] = []
    section: str | None = None
    for pledge in pledges:
        if pledge.commitment.section != section:
            section = pledge.commitment.section
            lines += ["", bold(section or NO_SECTION)]
        lines.append(scorecard_line(pledge))
    return lines


def render_scorecard(shown: ListPage, statuses: dict[str, PledgeStatus], everyone: Sequence[Status]) -> str:
    """One page of /scorecard: the totals of every pledge, then this page's pledges by section."""
    head = f"{bold('Scorecard')} ({len(everyone)} pledges) · page {shown.page + 1} of {shown.pages}"
    lines = [head, status_counts(everyone)]
    lines += _grouped_lines([statuses[c.id] for c in shown.commitments])
    lines += ["", "Tap a pledge for its card and evidence. /scorecard weekly sends this every week."]
    return "\n".join(lines)


def render_weekly_scorecard(pledges: Sequence[PledgeStatus], changes: Sequence[str], now: datetime) -> str:
    """The weekly message: totals, the week's status changes, then every pledge by section."""
    lines = [f"📊 {bold('Weekly scorecard')} — {escape(day(now))}"]
    lines.append(status_counts([pledge.assessment.status for pledge in pledges]))
    if changes:
        lines += ["", bold("Changed this week"), *(f"• {escape(change)}" for change in changes)]
    else:
        lines += ["", "No pledge changed status this week."]
    lines += _grouped_lines(pledges)
    lines += ["", "/status with a pledge's id shows its evidence. /scorecard off stops this message."]
    return "\n".join(lines)


def render_status_set(commitment: Commitment, override: Override, pledge: PledgeStatus) -> str:
    """The admin's confirmation: what is now in force, and what the rules alone say."""
    name = f"{escape(commitment.title)} (<code>{escape(commitment.id)}</code>)"
    if override.status is None:
        head = f"{name} is back to the rules."
    else:
        head = f"{name} is now marked {bold(override.status.label)}."
    return "\n".join([head, *status_lines(pledge)])


def weekday_name(day_index: int) -> str:
    return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[day_index]


def render_scorecard_schedule(day_index: int | None, time: str | None, zone: str) -> str:
    if day_index is None or time is None:
        return "Weekly scorecard off."
    return (
        f"Weekly scorecard on: every {weekday_name(day_index)} at {escape(time)} ({escape(zone)}), with every "
        "pledge's status and what changed that week. /tz changes the time zone; /scorecard off stops it."
    )
