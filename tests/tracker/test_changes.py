"""Status changes: what an alert says when its article moved a pledge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from matcher import Signal
from tracker import Evidence, Override, Status, StatusChange, change_made_by
from watchlist import Commitment

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PLEDGE = Commitment("ml-1", "Main Line-1 railway", "Economy", "China agreed to ML-1.")


def news(days_ago: float, signal: Signal = Signal.MENTION) -> Evidence:
    return Evidence(NOW - timedelta(days=days_ago), signal, "headline")


def test_a_first_step_after_talk_changes_talk_only_to_in_progress() -> None:
    change = change_made_by(PLEDGE, [news(30), news(9)], news(0, Signal.PROGRESS), None, NOW)
    assert change == StatusChange(Status.TALK_ONLY, Status.IN_PROGRESS)
    assert change.describe("ML-1") == "ML-1: talk only → in progress"


def test_a_second_setback_puts_a_pledge_at_risk() -> None:
    known = [news(20, Signal.PROGRESS), news(10, Signal.SETBACK)]
    assert change_made_by(PLEDGE, known, news(0, Signal.SETBACK), None, NOW) == StatusChange(
        Status.IN_PROGRESS, Status.AT_RISK
    )


def test_news_that_keeps_the_status_is_no_change() -> None:
    assert change_made_by(PLEDGE, [news(20, Signal.PROGRESS)], news(0, Signal.PROGRESS), None, NOW) is None


def test_the_first_mention_of_a_pledge_is_not_called_a_change() -> None:
    assert change_made_by(PLEDGE, [], news(0), None, NOW) is None


def test_a_first_news_that_is_a_step_is_a_change() -> None:
    assert change_made_by(PLEDGE, [], news(0, Signal.PROGRESS), None, NOW) == StatusChange(
        Status.NO_NEWS, Status.IN_PROGRESS
    )


def test_news_cannot_change_a_status_an_administrator_set() -> None:
    override = Override(Status.DELIVERED, "opened", "cli", NOW - timedelta(days=1))
    assert change_made_by(PLEDGE, [news(30)], news(0, Signal.SETBACK), override, NOW) is None
