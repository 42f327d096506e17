"""Finding the pledge a user means, on the frozen copy of the shipped watchlist."""

from __future__ import annotations

import pytest

from bot.telegram.lookup import EVERYTHING, Found, Target, filter_commitments, find_commitment, find_target
from storage import COMMITMENT, TAG
from tests.bot.harness import DATA
from watchlist import Watchlist, load_watchlist


@pytest.fixture(scope="module")
def watchlist() -> Watchlist:
    return load_watchlist(DATA / "watchlist.toml")


@pytest.mark.parametrize("query", ["ml-1-railway", "ML-1", "main line 1", "MAINLINE-1", "Main Line-1 (ML-1) railway"])
def test_ids_aliases_and_titles_are_found_exactly(watchlist: Watchlist, query: str) -> None:
    assert find_commitment(watchlist, query).commitment == watchlist.get("ml-1-railway")


def test_words_that_fit_one_pledge_find_it(watchlist: Watchlist) -> None:
    assert find_commitment(watchlist, "khunjerab trade").commitment == watchlist.get("khunjerab-border-port")


def test_plural_words_find_the_singular(watchlist: Watchlist) -> None:
    assert find_commitment(watchlist, "circular railways").commitment == watchlist.get("karachi-circular-railway")


def test_words_shared_by_several_pledges_give_suggestions(watchlist: Watchlist) -> None:
    found = find_commitment(watchlist, "cpec")
    assert found.commitment is None
    assert 2 <= len(found.closest) <= 5


def test_a_typo_suggests_the_intended_pledge_first(watchlist: Watchlist) -> None:
    found = find_commitment(watchlist, "gwadr port")
    assert found.commitment is None
    assert found.closest[0].id == "gwadar-port"


def test_nonsense_suggests_nothing(watchlist: Watchlist) -> None:
    assert find_commitment(watchlist, "qqqq") == Found(None, ())


def test_targets_are_all_tags_or_pledges(watchlist: Watchlist) -> None:
    assert find_target(watchlist, "All") == EVERYTHING
    assert find_target(watchlist, "Disaster-Relief") == Target(TAG, "disaster-relief")
    assert find_target(watchlist, "KCR") == Target(COMMITMENT, "karachi-circular-railway")


def test_list_filter_by_tag_and_by_part_of_a_section(watchlist: Watchlist) -> None:
    by_tag = filter_commitments(watchlist, "climate")
    assert by_tag is not None and by_tag[0] == "climate"
    assert all("climate" in c.tags for c in by_tag[1])
    by_section = filter_commitments(watchlist, "terror")
    assert by_section is not None and [c.id for c in by_section[1]] == ["counter-terrorism"]
    assert filter_commitments(watchlist, "astronomy") is None
