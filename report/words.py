"""How the page writes dates, counts and deadlines."""

from __future__ import annotations

from datetime import date, datetime


def day(moment: date | datetime) -> str:
    """ "24 Nov 2026"."""
    return f"{moment.day} {moment:%b %Y}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def countdown(deadline: date, today: date) -> str:
    """ "in 45 days", "today", "passed 12 days ago"."""
    days = (deadline - today).days
    if days > 0:
        return f"in {plural(days, 'day')}"
    if days == 0:
        return "today"
    return f"passed {plural(-days, 'day')} ago"
