from __future__ import annotations

from watchlist import Commitment, Watchlist


def _watchlist() -> Watchlist:
    return Watchlist(
        (
            Commitment("b", "B", "Trade", "q", tags=("trade", "energy")),
            Commitment("a", "A", "Energy", "q", tags=("energy",)),
            Commitment("c", "C", "Trade", "q"),
        )
    )


def test_get_finds_commitment_by_id_or_returns_none() -> None:
    watchlist = _watchlist()
    assert watchlist.get("a") is not None and watchlist.get("a").title == "A"  # type: ignore[union-attr]
    assert watchlist.get("missing") is None


def test_tags_are_sorted_and_unique() -> None:
    assert _watchlist().tags() == ("energy", "trade")


def test_sections_keep_order_of_first_appearance() -> None:
    assert _watchlist().sections() == ("Trade", "Energy")
