"""Reading `/watch` text into one edit (applying it is tested end to end in test_admin)."""

from __future__ import annotations

import datetime

import pytest

from bot.telegram.watch_edits import WatchUsageError, parse_watch


def test_add_reads_title_and_field_lines() -> None:
    edit = parse_watch(
        "add new-pledge A new pledge\nquote: Both sides agreed.\ntags: trade, energy\ndeadline: 2027-01-31"
    )
    assert edit.action == "add" and edit.commitment is not None
    assert (edit.commitment.title, edit.commitment.quote) == ("A new pledge", "Both sides agreed.")
    assert edit.commitment.tags == ("trade", "energy")
    assert edit.commitment.deadline == datetime.date(2027, 1, 31)


def test_set_keeps_the_whole_value() -> None:
    edit = parse_watch("set ml-1-railway aliases ML-1, Main Line 1")
    assert (edit.commitment_id, edit.field, edit.value) == ("ml-1-railway", "aliases", "ML-1, Main Line 1")


def test_remove_takes_an_id() -> None:
    assert parse_watch("remove ml-1-railway").commitment_id == "ml-1-railway"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "delete x",
        "add",
        "add x Title only",
        "add x Title\nquote: q\ncolour: red",
        "add x Title\nquote: q\ndeadline: soon",
        "set x deadline",
        "remove a b",
    ],
)
def test_unreadable_edits_raise_usage_errors(text: str) -> None:
    with pytest.raises(WatchUsageError):
        parse_watch(text)
