"""A pledge's status and evidence as lines of the card: the status with its reasons, one line per article."""

from __future__ import annotations

from bot.html import bold, escape, italic, link
from bot.render_news import day
from matcher import Signal
from storage import MatchedArticle
from tracker import PledgeStatus, Status
from watchlist import Commitment

STATUS_MARK = {
    Status.NO_NEWS: "⚪",
    Status.TALK_ONLY: "💬",
    Status.IN_PROGRESS: "🟢",
    Status.STALLED: "🟡",
    Status.AT_RISK: "🟠",
    Status.OVERDUE: "🔴",
    Status.DELIVERED: "✅",
}
SIGNAL_MARK = {Signal.PROGRESS.value: "▲", Signal.SETBACK.value: "▼", Signal.MENTION.value: "•"}
"""A step forward points up, a step back down; a mention keeps the plain bullet of other news lists."""
SIGNAL_LEGEND = "▲ progress · ▼ setback · • mention"


def pledge_name(commitment: Commitment) -> str:
    """What people call the pledge in a status change ("ML-1"): its first alias, else its id."""
    return commitment.aliases[0] if commitment.aliases else commitment.id


def status_badge(status: Status) -> str:
    return f"{STATUS_MARK[status]} {bold(status.label)}"


def status_lines(pledge: PledgeStatus) -> list[str]:
    """ "Status: 🟢 in progress", then each reason indented, then an override's link."""
    assessment = pledge.assessment
    lines = [f"Status: {status_badge(assessment.status)}"]
    lines += [f"   {italic(reason)}" for reason in assessment.reasons]
    override = assessment.override
    if override is not None and override.link:
        lines.append(f"   {link(override.link, 'Evidence for this judgement')}")
    return lines


def evidence_line(matched: MatchedArticle) -> str:
    """ "▲ 24 Nov 2026 · Dawn · <linked title>": the signal in front, so the card reads at a glance."""
    article = matched.article
    parts = [day(article.published)]
    if article.outlet.strip():
        parts.append(escape(article.outlet.strip()))
    parts.append(link(article.link, article.title.strip() or "(untitled)"))
    return f"{SIGNAL_MARK.get(matched.signal, '•')} " + " · ".join(parts)
