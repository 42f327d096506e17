"""Pledges as commands show them: the welcome, the help, the paged list and the pledge card."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.html import bold, escape, italic
from bot.render_news import day
from bot.telegram.render.evidence import SIGNAL_LEGEND, evidence_line, status_lines
from storage import MatchedArticle
from tracker import PledgeStatus
from watchlist import Commitment, Watchlist

LIST_PAGE_SIZE = 8
NO_SECTION = "Other pledges"


def communique_name(watchlist: Watchlist) -> str:
    source = watchlist.source
    if source is None or not source.title.strip():
        return "the pledges in this bot's watchlist"
    when = f" ({day(source.date)})" if source.date else ""
    return f"{italic(source.title.strip())}{escape(when)}"


def render_start(watchlist: Watchlist) -> str:
    count = len(watchlist.commitments)
    sections = len([s for s in watchlist.sections() if s])
    in_sections = f" in {sections} sections" if sections > 1 else ""
    return "\n".join(
        [
            f"{bold('pledgewatch')} follows {communique_name(watchlist)}: "
            f"{count} pledge{'s' if count != 1 else ''}{in_sections}.",
            "It links news to each pledge, answers “what is the latest on this pledge?” "
            "and can alert this chat when a pledge is in the news.",
            "",
            "• /status ML-1 — one pledge: what was promised, its deadline, its status and news",
            "• /scorecard — every pledge's status at a glance: in progress, stalled, overdue…",
            "• /list — browse the pledges by section",
            "• /subscribe all — alerts for every pledge (or name one pledge, or a tag)",
            "• /latest — the newest matched news",
            "",
            "/help lists every command.",
        ]
    )


class HelpEntry(Protocol):
    """What /help shows of a command (`bot.telegram.commands.Command` is one)."""

    @property
    def name(self) -> str: ...
    @property
    def args(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def admin(self) -> bool: ...


def _command_line(command: HelpEntry) -> str:
    call = f"/{command.name} {escape(command.args)}".rstrip()
    return f"{call} — {escape(command.description)}"


def render_help(commands: Sequence[HelpEntry], is_admin: bool, bot_username: str) -> str:
    lines = [bold("Commands"), *(_command_line(c) for c in commands if not c.admin)]
    if is_admin:
        lines += ["", bold("For administrators"), *(_command_line(c) for c in commands if c.admin)]
    lines += ["", f"In groups, address commands to the bot: /status@{escape(bot_username)} ML-1"]
    return "\n".join(lines)


def render_unknown_command(name: str, closest: str | None) -> str:
    """One line: a typo gets its likely meaning, anything else the way to every command."""
    guess = f" — did you mean /{escape(closest)}?" if closest else "."
    return f"Unknown command /{escape(name)}{guess} /help lists every command."


@dataclass(frozen=True, slots=True)
class ListPage:
    commitments: tuple[Commitment, ...]
    page: int
    pages: int


def list_page(commitments: Sequence[Commitment], page: int) -> ListPage:
    pages = max(1, -(-len(commitments) // LIST_PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    start = page * LIST_PAGE_SIZE
    return ListPage(tuple(commitments[start : start + LIST_PAGE_SIZE]), page, pages)


def render_list(shown: ListPage, label: str | None, total: int) -> str:
    title = f"Pledges — {label}" if label else "Pledges"
    lines = [f"{bold(title)} ({total}) · page {shown.page + 1} of {shown.pages}"]
    section: str | None = None
    for commitment in shown.commitments:
        if commitment.section != section:
            section = commitment.section
            lines += ["", bold(section or NO_SECTION)]
        lines.append(f"• {escape(commitment.title)} — <code>{escape(commitment.id)}</code>")
    lines += ["", "Tap a pledge for its card, or send /status with its id."]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class PledgeNews:
    last_7_days: int
    last_30_days: int
    latest: tuple[MatchedArticle, ...]


def deadline_line(deadline: date | None, today: date) -> str:
    if deadline is None:
        return "Deadline: none stated"
    days = (deadline - today).days
    if days < 0:
        return f"Deadline: {day(deadline)} — {bold('passed')} {-days} day{'s' if days != -1 else ''} ago"
    if days == 0:
        return f"Deadline: {day(deadline)} — {bold('today')}"
    return f"Deadline: {day(deadline)} — in {days} day{'s' if days != 1 else ''}"


def render_card(commitment: Commitment, news: PledgeNews, status: PledgeStatus, today: date) -> str:
    c = commitment
    lines = [f"{bold(c.title)} · <code>{escape(c.id)}</code>"]
    if c.section:
        lines.append(f"Section: {escape(c.section)}")
    lines.append(f"<blockquote>{escape(' '.join(c.quote.split()))}</blockquote>")
    lines.append(deadline_line(c.deadline, today))
    lines.extend(status_lines(status))
    if c.aliases:
        lines.append(f"Also known as: {escape(', '.join(c.aliases))}")
    if c.tags:
        lines.append(f"Tags: {escape(', '.join(c.tags))}")
    lines.append(f"News: {news.last_7_days} in the last 7 days, {news.last_30_days} in the last 30 days")
    if news.latest:
        lines.append(f"{bold('Latest')} ({SIGNAL_LEGEND})")
        lines.extend(evidence_line(matched) for matched in news.latest)
    else:
        lines.append(italic("No news has been matched to this pledge yet."))
    return "\n".join(lines)


def render_suggestions(query: str, closest: Sequence[Commitment], action: str) -> str:
    if not closest:
        return f"No pledge matches {bold(query)}. /list shows them all."
    lines = [f"No pledge is called {bold(query)}. Did you mean one of these? Tap one to {action}."]
    lines.extend(f"• {escape(c.title)} — <code>{escape(c.id)}</code>" for c in closest)
    return "\n".join(lines)
