from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.watchlist.conftest import WATCHLIST_TEXT
from watchlist import (
    Commitment,
    Kind,
    Source,
    Watchlist,
    WatchlistError,
    load_watchlist,
    parse_watchlist,
    render_watchlist,
)

PATH = Path("watchlist.toml")


def test_load_reads_commitments_source_and_dates(watchlist_file: Path) -> None:
    watchlist = load_watchlist(watchlist_file)
    assert [c.id for c in watchlist.commitments] == ["lakeside-railway", "hill-pass"]
    assert watchlist.commitments[0].deadline == datetime.date(2026, 12, 31)
    assert watchlist.commitments[1].deadline is None
    assert watchlist.source == Source("Test statement", datetime.date(2024, 1, 2), "statement.txt")


def test_render_then_parse_gives_back_the_same_watchlist() -> None:
    watchlist = Watchlist(
        (
            Commitment(
                "ml-1-railway",
                "Main Line-1",
                "Transport",
                'He said "go" \\ now',
                kind=Kind.MECHANISM,
                aliases=("ML-1",),
                keywords=("rail",),
                exclude=("model",),
                tags=("transport",),
                deadline=datetime.date(2023, 6, 30),
                parent="cpec",
                search='"ML-1" railway',
            ),
            Commitment("cpec", "Keep CPEC going", "Transport", "CPEC projects"),
        ),
        Source("Statement", None, "communiques/x.txt"),
    )
    assert parse_watchlist(render_watchlist(watchlist), PATH) == watchlist


def test_deadline_accepts_quoted_iso_string() -> None:
    text = WATCHLIST_TEXT.replace("deadline = 2026-12-31", 'deadline = "2026-12-31"')
    assert parse_watchlist(text, PATH).commitments[0].deadline == datetime.date(2026, 12, 31)


def test_bad_deadline_names_file_line_and_commitment() -> None:
    text = WATCHLIST_TEXT.replace("deadline = 2026-12-31", 'deadline = "soon"')
    line = text.splitlines().index('deadline = "soon"') + 1
    with pytest.raises(WatchlistError) as caught:
        parse_watchlist(text, PATH)
    assert str(caught.value) == (
        f'watchlist.toml:{line}: commitment "lakeside-railway": deadline: expected an ISO date, got "soon"'
    )


def test_invalid_toml_reports_its_line() -> None:
    text = WATCHLIST_TEXT.replace('title = "Hill Pass crossing"', 'title = "Hill Pass crossing')
    line = text.splitlines().index('title = "Hill Pass crossing') + 1
    with pytest.raises(WatchlistError, match=rf"^watchlist.toml:{line}: invalid TOML"):
        parse_watchlist(text, PATH)


def test_missing_quote_is_an_error_at_the_table() -> None:
    text = WATCHLIST_TEXT.replace('quote = "Both sides resolved to open the Hill Pass border crossing."\n', "")
    with pytest.raises(WatchlistError, match=r'commitment "hill-pass": quote: missing'):
        parse_watchlist(text, PATH)


def test_duplicate_id_points_at_first_definition() -> None:
    text = WATCHLIST_TEXT.replace('id = "hill-pass"', 'id = "lakeside-railway"')
    with pytest.raises(WatchlistError, match=r'duplicate id "lakeside-railway" \(first at line 8\)'):
        parse_watchlist(text, PATH)


def test_list_field_must_hold_strings() -> None:
    text = WATCHLIST_TEXT.replace('keywords = ["railway"]', "keywords = [1, 2]")
    with pytest.raises(WatchlistError, match=r"keywords: expected a list of strings"):
        parse_watchlist(text, PATH)


def test_load_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(WatchlistError, match="file not found"):
        load_watchlist(tmp_path / "nope.toml")


def test_load_non_utf8_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_bytes(b'title = "\xff"')
    with pytest.raises(WatchlistError, match="not UTF-8"):
        load_watchlist(path)


def test_an_id_longer_than_storage_holds_is_an_error(tmp_path: Path) -> None:
    long_id = "a" * 101
    path = tmp_path / "watchlist.toml"
    path.write_text(f'[[commitment]]\nid = "{long_id}"\ntitle = "T"\nsection = "S"\nquote = "Q"\n', encoding="utf-8")
    with pytest.raises(WatchlistError, match="at most 100 characters"):
        load_watchlist(path)
