"""The signal of a match from its wording: cue words, their governors, title before summary."""

from __future__ import annotations

import pytest

from matcher import Matcher, Signal, compile_matcher
from tests.matcher.small_watchlist import WATCHLIST


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return compile_matcher(WATCHLIST)


@pytest.mark.parametrize(
    ("title", "summary", "signal"),
    [
        ("Pakistan and China sign ML-1 financing deal", "", Signal.PROGRESS),
        ("Khunjerab Pass reopens for trade after winter", "", Signal.PROGRESS),
        ("KCR groundbreaking delayed again over land disputes", "", Signal.SETBACK),
        ("US sanctions three Chinese firms over missile supplies to Pakistan", "", Signal.SETBACK),
        ("Covid forced repeated postponements of the Gandhara show", "", Signal.SETBACK),
        ("Leaders reaffirm commitment to CPEC", "", Signal.MENTION),
        ("Pakistan and China will sign ML-1 deal next month", "", Signal.MENTION),
        ("ML-1 financing not yet signed, officials say", "", Signal.MENTION),
        ("Pakistan eyes Chinese help to revive railway", "", Signal.MENTION),
        # nothing in the title: the summary's first sentence decides
        ("Gwadar port: the week ahead", "Work on the breakwater began on Monday. More is planned.", Signal.PROGRESS),
        ("A quiet week for the corridor", "", Signal.MENTION),
    ],
)
def test_the_first_cue_decides_unless_a_governor_makes_it_talk(
    matcher: Matcher, title: str, summary: str, signal: Signal
) -> None:
    assert matcher.signal(title, summary) is signal
