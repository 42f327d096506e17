"""Argument parsers: durations, clock times, counts and time zones."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.telegram.parsing import closest_time_zones, parse_clock, parse_count, parse_duration, parse_time_zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2h", timedelta(hours=2)),
        ("30m", timedelta(minutes=30)),
        ("1d", timedelta(days=1)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("2 hours", timedelta(hours=2)),
        ("1w", timedelta(weeks=1)),
    ],
)
def test_durations_people_type(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "2", "h", "soon", "0m", "-1h", "2x", "400d", "1h and a bit"])
def test_unreadable_or_out_of_range_durations(text: str) -> None:
    assert parse_duration(text) is None


@pytest.mark.parametrize(("text", "expected"), [("7:05", "07:05"), ("23:59", "23:59"), ("00:00", "00:00")])
def test_clock_times_are_normalized(text: str, expected: str) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7", "7:5", "07:60", "noon"])
def test_bad_clock_times(text: str) -> None:
    assert parse_clock(text) is None


def test_counts_are_bounded() -> None:
    assert [parse_count(t, 20) for t in ("1", "20", "0", "21", "-3", "x")] == [1, 20, None, None, None, None]


def test_time_zones_are_matched_case_insensitively() -> None:
    assert parse_time_zone("asia/KARACHI") == "Asia/Karachi"
    assert parse_time_zone("Mars/Olympus") is None


def test_close_time_zones_include_city_names() -> None:
    assert "Asia/Karachi" in closest_time_zones("Karachi")
