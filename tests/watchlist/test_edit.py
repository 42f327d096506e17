from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from watchlist import Commitment, WatchlistError, add_commitment, load_watchlist, remove_commitment, set_field


def test_set_list_field_from_comma_separated_text(watchlist_file: Path) -> None:
    set_field(watchlist_file, "hill-pass", "keywords", "border, crossing , customs,")
    assert load_watchlist(watchlist_file).get("hill-pass").keywords == ("border", "crossing", "customs")  # type: ignore[union-attr]


def test_set_keeps_comments_and_order(watchlist_file: Path) -> None:
    before = watchlist_file.read_text()
    set_field(watchlist_file, "hill-pass", "title", "Hill Pass border crossing")
    after = watchlist_file.read_text()
    assert after == before.replace('title = "Hill Pass crossing"', 'title = "Hill Pass border crossing"')


def test_set_deadline_parses_iso_date_and_empty_clears_it(watchlist_file: Path) -> None:
    set_field(watchlist_file, "hill-pass", "deadline", "2025-03-31")
    assert load_watchlist(watchlist_file).get("hill-pass").deadline == datetime.date(2025, 3, 31)  # type: ignore[union-attr]
    set_field(watchlist_file, "hill-pass", "deadline", "")
    assert load_watchlist(watchlist_file).get("hill-pass").deadline is None  # type: ignore[union-attr]


def test_bad_deadline_is_refused_and_file_untouched(watchlist_file: Path) -> None:
    before = watchlist_file.read_text()
    with pytest.raises(WatchlistError, match='expected an ISO date, got "soon"'):
        set_field(watchlist_file, "hill-pass", "deadline", "soon")
    assert watchlist_file.read_text() == before


def test_unknown_id_and_unknown_field_are_errors(watchlist_file: Path) -> None:
    with pytest.raises(WatchlistError, match='no commitment with id "nope"'):
        set_field(watchlist_file, "nope", "title", "x")
    with pytest.raises(WatchlistError, match='unknown field "colour"'):
        set_field(watchlist_file, "hill-pass", "colour", "red")


def test_id_cannot_be_changed(watchlist_file: Path) -> None:
    with pytest.raises(WatchlistError, match="id cannot be changed"):
        set_field(watchlist_file, "hill-pass", "id", "other")


def test_emptying_a_required_field_is_refused(watchlist_file: Path) -> None:
    with pytest.raises(WatchlistError, match="title: expected non-empty text"):
        set_field(watchlist_file, "hill-pass", "title", "  ")


def test_quote_must_stay_verbatim_from_the_source(watchlist_file: Path) -> None:
    with pytest.raises(WatchlistError, match="not found verbatim"):
        set_field(watchlist_file, "hill-pass", "quote", "Both sides promised a tunnel.")
    set_field(watchlist_file, "hill-pass", "quote", "They noted the weather.")
    assert load_watchlist(watchlist_file).get("hill-pass").quote == "They noted the weather."  # type: ignore[union-attr]


def test_add_appends_a_commitment(watchlist_file: Path) -> None:
    add_commitment(
        watchlist_file,
        Commitment("weather", "Weather", "Trade", "They noted the weather.", aliases=("Weather Pact",)),
    )
    watchlist = load_watchlist(watchlist_file)
    assert [c.id for c in watchlist.commitments] == ["lakeside-railway", "hill-pass", "weather"]
    assert watchlist_file.read_text().startswith("# reviewed by hand\n")


def test_add_refuses_an_existing_id(watchlist_file: Path) -> None:
    with pytest.raises(WatchlistError, match="already exists"):
        add_commitment(watchlist_file, Commitment("hill-pass", "x", "", "They noted the weather."))


def test_add_refuses_an_invalid_id(watchlist_file: Path) -> None:
    with pytest.raises(WatchlistError, match="id: use lowercase letters"):
        add_commitment(watchlist_file, Commitment("Hill Pass!", "x", "", "They noted the weather."))


def test_remove_drops_only_that_commitment(watchlist_file: Path) -> None:
    remove_commitment(watchlist_file, "lakeside-railway")
    assert [c.id for c in load_watchlist(watchlist_file).commitments] == ["hill-pass"]
    with pytest.raises(WatchlistError, match="no commitment"):
        remove_commitment(watchlist_file, "lakeside-railway")


def test_edits_leave_no_temporary_files(watchlist_file: Path) -> None:
    set_field(watchlist_file, "hill-pass", "tags", "trade, transport")
    with pytest.raises(WatchlistError):
        set_field(watchlist_file, "hill-pass", "deadline", "never")
    assert sorted(p.name for p in watchlist_file.parent.iterdir()) == ["statement.txt", "watchlist.toml"]


def test_editing_a_broken_file_is_refused(watchlist_file: Path) -> None:
    watchlist_file.write_text("[[commitment]\n")
    with pytest.raises(WatchlistError, match=r"watchlist.toml:1: invalid TOML"):
        set_field(watchlist_file, "hill-pass", "title", "x")


def test_removing_every_commitment_then_adding_one_works(watchlist_file: Path) -> None:
    remove_commitment(watchlist_file, "lakeside-railway")
    remove_commitment(watchlist_file, "hill-pass")
    assert load_watchlist(watchlist_file).commitments == ()
    add_commitment(watchlist_file, Commitment("weather", "Weather", "", "They noted the weather."))
    assert [c.id for c in load_watchlist(watchlist_file).commitments] == ["weather"]
