from __future__ import annotations

import datetime

import pytest

from watchlist.deadlines import find_deadline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hold its next meeting in the first half of 2023 in Islamabad", datetime.date(2023, 6, 30)),
        ("in the second half of 2024", datetime.date(2024, 12, 31)),
        ("Year of Tourism Exchanges in 2023", datetime.date(2023, 12, 31)),
        ("extension of the current executive program to 2027", datetime.date(2027, 12, 31)),
        ("an exhibition in 2022-2023", datetime.date(2023, 12, 31)),
        ("by March 2024", datetime.date(2024, 3, 31)),
        ("by the end of 2025", datetime.date(2025, 12, 31)),
        ("in the third quarter of 2024", datetime.date(2024, 9, 30)),
    ],
)
def test_named_times_become_the_end_of_their_period(text: str, expected: datetime.date) -> None:
    assert find_deadline(text) == expected


def test_earliest_named_time_wins() -> None:
    assert find_deadline("meet in 2025 and finish by March 2024") == datetime.date(2024, 3, 31)


def test_text_without_a_time_has_no_deadline() -> None:
    assert find_deadline("raise trade to 100 billion dollars") is None


STATED = datetime.date(2016, 10, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("develop a single document within 60 days from August 26, 2016", datetime.date(2016, 10, 25)),
        ("agreed to meet again on the third week of January 2017", datetime.date(2017, 1, 21)),
        ("meet again in the last week of March 2017", datetime.date(2017, 3, 31)),
        ("the coverage is for fifteen months, beginning October 2016 to December 2017", datetime.date(2017, 12, 31)),
        ("hold their next Meeting there in about two years", datetime.date(2018, 10, 10)),
        ("reaching agreement at the April meeting of the Interim Committee", datetime.date(2017, 4, 30)),
    ],
)
def test_times_counted_from_a_day_or_the_statement(text: str, expected: datetime.date) -> None:
    assert find_deadline(text, STATED) == expected
