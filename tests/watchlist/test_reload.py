from __future__ import annotations

import os
from pathlib import Path

import pytest

from watchlist import WatchlistError, WatchlistReloader


def _rewrite(path: Path, text: str) -> None:
    """Write and move mtime forward explicitly, so the test never depends on clock resolution."""
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_unchanged_file_is_not_reloaded(watchlist_file: Path) -> None:
    reloader = WatchlistReloader(watchlist_file)
    assert reloader.reload_if_changed().status == "unchanged"


def test_edit_is_picked_up(watchlist_file: Path) -> None:
    reloader = WatchlistReloader(watchlist_file)
    _rewrite(watchlist_file, watchlist_file.read_text().replace("Hill Pass crossing", "Hill Pass gate"))
    assert reloader.reload_if_changed().reloaded
    assert reloader.current.get("hill-pass").title == "Hill Pass gate"  # type: ignore[union-attr]


def test_touch_without_content_change_is_not_a_reload(watchlist_file: Path) -> None:
    reloader = WatchlistReloader(watchlist_file)
    _rewrite(watchlist_file, watchlist_file.read_text())
    assert reloader.reload_if_changed().status == "unchanged"


def test_broken_edit_keeps_previous_watchlist_and_reports_line_once(watchlist_file: Path) -> None:
    reloader = WatchlistReloader(watchlist_file)
    previous = reloader.current
    _rewrite(watchlist_file, watchlist_file.read_text().replace("deadline = 2026-12-31", "deadline = soon"))
    line = watchlist_file.read_text().splitlines().index("deadline = soon") + 1
    outcome = reloader.reload_if_changed()
    assert outcome.failed and outcome.error is not None and f"watchlist.toml:{line}: invalid TOML" in outcome.error
    assert reloader.current is previous
    assert reloader.reload_if_changed().status == "unchanged"


def test_fixing_a_broken_edit_reloads(watchlist_file: Path) -> None:
    reloader = WatchlistReloader(watchlist_file)
    good = watchlist_file.read_text()
    _rewrite(watchlist_file, "not toml [")
    assert reloader.reload_if_changed().failed
    _rewrite(watchlist_file, good.replace("Hill Pass crossing", "Fixed"))
    assert reloader.reload_if_changed().reloaded
    assert reloader.last_error is None


def test_deleted_file_keeps_previous_watchlist(watchlist_file: Path) -> None:
    reloader = WatchlistReloader(watchlist_file)
    watchlist_file.unlink()
    outcome = reloader.reload_if_changed()
    assert outcome.failed and "file not found" in (outcome.error or "")
    assert len(reloader.current.commitments) == 2


def test_unusable_file_at_start_raises(tmp_path: Path) -> None:
    with pytest.raises(WatchlistError):
        WatchlistReloader(tmp_path / "missing.toml")
