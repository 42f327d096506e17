"""The status rules, one behaviour each: evidence, a deadline and an override in, a status and its reasons out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from matcher import Signal
from tracker import RECENT, STALLED_AFTER, Evidence, Override, Status, assess, override_in_force, parse_status
from watchlist import Commitment

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PLEDGE = Commitment("ml-1", "Main Line-1 railway", "Economy", "China agreed to ML-1.", aliases=("ML-1",))


def news(days_ago: float, signal: Signal = Signal.MENTION, title: str = "", story: int | None = None) -> Evidence:
    return Evidence(NOW - timedelta(days=days_ago), signal, title or f"{signal.value} {days_ago} days ago", story=story)


def with_deadline(deadline: date) -> Commitment:
    return Commitment(PLEDGE.id, PLEDGE.title, PLEDGE.section, PLEDGE.quote, deadline=deadline)


def test_a_pledge_without_news_has_no_news() -> None:
    assessment = assess(PLEDGE, [], None, NOW)
    assert assessment.status is Status.NO_NEWS
    assert assessment.reasons == ("no news: nothing has been matched to this pledge yet",)


def test_mentions_only_are_talk_only() -> None:
    assessment = assess(
        PLEDGE, [news(40, title="Leaders reaffirm ML-1"), news(3, title="PM urges speed on ML-1")], None, NOW
    )
    assert assessment.status is Status.TALK_ONLY
    assert assessment.headline == "talk only: 2 news items, none reports a step; latest 23 Nov: PM urges speed on ML-1"


def test_one_story_from_several_outlets_counts_once() -> None:
    same_story = [news(3, story=7), news(3, story=7), news(2, story=7)]
    assert assess(PLEDGE, same_story, None, NOW).headline.startswith("talk only: 1 news item,")


def test_recent_progress_is_in_progress_with_the_count_and_the_latest_step() -> None:
    evidence = [
        news(80, Signal.PROGRESS),
        news(10, Signal.PROGRESS),
        news(5, Signal.PROGRESS, "Financing consortium agreed"),
    ]
    assessment = assess(PLEDGE, evidence, None, NOW)
    assert assessment.status is Status.IN_PROGRESS
    assert assessment.headline == "in progress: 3 progress items in 90 days, latest 21 Nov: Financing consortium agreed"


def test_progress_older_than_recent_but_not_stalled_is_still_in_progress_and_says_how_quiet() -> None:
    assessment = assess(PLEDGE, [news(RECENT.days + 30, Signal.PROGRESS, "Contract signed")], None, NOW)
    assert assessment.status is Status.IN_PROGRESS
    assert assessment.headline == (
        "in progress: none in 90 days, latest progress 29 Jul: Contract signed (stalled after 180 days without one)"
    )


def test_no_progress_for_longer_than_stalled_after_is_stalled() -> None:
    evidence = [news(STALLED_AFTER.days + 20, Signal.PROGRESS, "Work began"), news(5)]
    assessment = assess(PLEDGE, evidence, None, NOW)
    assert assessment.status is Status.STALLED
    assert assessment.headline == "stalled: no progress for 200 days; latest progress 10 May: Work began"


def test_recent_setbacks_outweighing_progress_are_at_risk() -> None:
    evidence = [news(30, Signal.PROGRESS), news(20, Signal.SETBACK), news(4, Signal.SETBACK, "Work suspended")]
    assessment = assess(PLEDGE, evidence, None, NOW)
    assert assessment.status is Status.AT_RISK
    assert assessment.headline == (
        "at risk: 2 setbacks against 1 progress item in 90 days, latest setback 22 Nov: Work suspended"
    )


def test_as_many_setbacks_as_steps_is_not_at_risk() -> None:
    evidence = [news(30, Signal.PROGRESS), news(4, Signal.SETBACK)]
    assert assess(PLEDGE, evidence, None, NOW).status is Status.IN_PROGRESS


def test_setbacks_older_than_recent_do_not_weigh() -> None:
    evidence = [news(RECENT.days + 10, Signal.SETBACK), news(RECENT.days + 5, Signal.SETBACK), news(3)]
    assert assess(PLEDGE, evidence, None, NOW).status is Status.TALK_ONLY


def test_a_passed_deadline_is_overdue_and_says_what_the_news_shows_otherwise() -> None:
    assessment = assess(with_deadline(date(2026, 6, 30)), [news(5, Signal.PROGRESS, "Tracks laid")], None, NOW)
    assert assessment.status is Status.OVERDUE
    assert assessment.reasons == (
        "overdue: deadline 30 Jun passed 149 days ago without a delivery",
        "otherwise in progress: 1 progress item in 90 days, latest 21 Nov: Tracks laid",
    )


def test_the_deadline_day_itself_is_not_yet_overdue() -> None:
    """A deadline passes when its day is over everywhere on Earth: noon UTC the next day."""
    pledge = with_deadline(date(2026, 11, 25))
    assert assess(pledge, [], None, datetime(2026, 11, 26, 11, 59, tzinfo=UTC)).status is Status.NO_NEWS
    assert assess(pledge, [], None, datetime(2026, 11, 26, 12, 0, tzinfo=UTC)).status is Status.OVERDUE


def test_an_override_decides_and_keeps_what_the_rules_say() -> None:
    override = Override(
        Status.DELIVERED, "Line  opened\nto traffic", "4242", NOW - timedelta(days=2), "https://x.example"
    )
    assessment = assess(with_deadline(date(2026, 6, 30)), [news(5, Signal.PROGRESS)], override, NOW)
    assert assessment.status is Status.DELIVERED
    assert assessment.by_rules is Status.OVERDUE
    assert assessment.override is override
    assert assessment.reasons[0] == "delivered: set by admin 4242 on 24 Nov: Line opened to traffic"
    assert assessment.reasons[1].startswith("rules alone: overdue: deadline 30 Jun passed")


def test_an_override_from_the_command_line_says_so() -> None:
    override = Override(Status.STALLED, "Financing frozen", "cli", NOW)
    assert assess(PLEDGE, [], override, NOW).headline == "stalled: set by the command line on 26 Nov: Financing frozen"


def test_the_override_in_force_is_the_latest_set_by_then() -> None:
    first = Override(Status.STALLED, "a", "cli", NOW - timedelta(days=10))
    second = Override(Status.AT_RISK, "b", "cli", NOW - timedelta(days=5))
    future = Override(Status.DELIVERED, "c", "cli", NOW + timedelta(days=1))
    assert override_in_force([second, first, future], NOW) is second
    assert override_in_force([second, first, future], NOW - timedelta(days=7)) is first


def test_auto_hands_the_pledge_back_to_the_rules() -> None:
    overrides = [Override(Status.DELIVERED, "a", "cli", NOW - timedelta(days=10)), Override(None, "b", "cli", NOW)]
    assert override_in_force(overrides, NOW) is None


def test_news_published_after_now_does_not_count() -> None:
    assert assess(PLEDGE, [news(-1, Signal.PROGRESS)], None, NOW).status is Status.NO_NEWS


def test_a_date_in_another_year_names_the_year() -> None:
    headline = assess(PLEDGE, [news(330)], None, NOW).headline
    assert headline.endswith("latest 31 Dec 2025: mention 330 days ago")


def test_a_long_headline_is_shortened_in_the_reason() -> None:
    headline = assess(PLEDGE, [news(1, title="word " * 60)], None, NOW).headline
    assert headline.endswith("…") and len(headline) < 170


def test_statuses_are_read_in_the_forms_people_type() -> None:
    assert parse_status("in progress") is Status.IN_PROGRESS
    assert parse_status("At_Risk") is Status.AT_RISK
    assert parse_status("talk-only") is Status.TALK_ONLY
    assert parse_status("done") is None
