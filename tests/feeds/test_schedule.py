import random
from datetime import UTC, datetime, timedelta

import pytest

from feeds.schedule import (
    MAX_BACKOFF_SECONDS,
    adaptive_interval,
    error_backoff,
    max_age_seconds,
    next_interval,
    retry_after_seconds,
    with_jitter,
)

NOW = datetime(2023, 5, 8, 12, tzinfo=UTC)


def _hours_ago(*hours: float) -> list[datetime]:
    return [NOW - timedelta(hours=h) for h in hours]


def test_busy_feed_is_polled_at_the_minimum() -> None:
    every_five_minutes = _hours_ago(*(n / 12 for n in range(12 * 24 * 7)))
    assert adaptive_interval(every_five_minutes, NOW, 600, 3600) == 600


def test_quiet_feed_is_polled_at_the_maximum() -> None:
    assert adaptive_interval(_hours_ago(24 * 6), NOW, 600, 3600) == 3600


def test_feed_without_recent_entries_is_polled_at_the_maximum() -> None:
    assert adaptive_interval(_hours_ago(24 * 30), NOW, 600, 3600) == 3600


def test_interval_follows_the_weekly_posting_rate_between_the_bounds() -> None:
    week = 7 * 24 * 3600
    assert adaptive_interval(_hours_ago(*range(1, 300)), NOW, 60, 100_000) == pytest.approx(week / 168)


def test_future_dated_entries_do_not_count() -> None:
    future = [NOW + timedelta(hours=h) for h in range(1, 500)]
    assert adaptive_interval(future, NOW, 600, 3600) == 3600


@pytest.mark.parametrize(
    ("header", "expected"),
    [("public, max-age=1800", 1800.0), ('max-age="60"', 60.0), ("no-cache, max-age=900", None), (None, None)],
)
def test_max_age_is_read_unless_caching_is_forbidden(header: str | None, expected: float | None) -> None:
    assert max_age_seconds(header) == expected


def test_retry_after_in_seconds() -> None:
    assert retry_after_seconds("120", NOW) == 120.0


def test_retry_after_as_http_date() -> None:
    assert retry_after_seconds("Mon, 08 May 2023 13:00:00 GMT", NOW) == 3600.0


def test_retry_after_in_the_past_means_now() -> None:
    assert retry_after_seconds("Mon, 08 May 2023 11:00:00 GMT", NOW) == 0.0


def test_unreadable_retry_after_is_ignored() -> None:
    assert retry_after_seconds("soon", NOW) is None


def test_longer_ttl_is_honoured_up_to_the_maximum() -> None:
    assert next_interval(600, 3600, ttl_minutes=30) == 1800
    assert next_interval(600, 3600, ttl_minutes=600) == 3600


def test_shorter_cache_hints_do_not_shorten_the_interval() -> None:
    assert next_interval(1200, 3600, ttl_minutes=5, max_age=60) == 1200


def test_max_age_is_honoured_up_to_the_maximum() -> None:
    assert next_interval(600, 3600, max_age=31_536_000) == 3600


def test_retry_after_may_exceed_the_maximum_up_to_a_day() -> None:
    assert next_interval(600, 3600, retry_after=7200) == 7200
    assert next_interval(600, 3600, retry_after=10 * 24 * 3600) == MAX_BACKOFF_SECONDS


def test_error_backoff_doubles_and_is_capped_at_a_day() -> None:
    assert [error_backoff(n, 600) for n in (1, 2, 3)] == [600, 1200, 2400]
    assert error_backoff(40, 600) == MAX_BACKOFF_SECONDS


def test_jitter_stays_within_the_fraction_and_is_deterministic() -> None:
    values = [with_jitter(1000, random.Random(seed), 0.1) for seed in range(50)]
    assert all(900 <= value <= 1100 for value in values)
    assert values == [with_jitter(1000, random.Random(seed), 0.1) for seed in range(50)]
