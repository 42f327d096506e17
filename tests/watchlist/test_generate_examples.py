"""Generation on two statements written for these tests, to keep the generator generic."""

from __future__ import annotations

import datetime

import pytest

from tests.watchlist.conftest import EXAMPLES
from watchlist import Commitment, Kind, Watchlist, generate_watchlist
from watchlist.text import collapse


def _generate(name: str) -> Watchlist:
    return generate_watchlist((EXAMPLES / name).read_text(encoding="utf-8"), f"examples/{name}")


@pytest.fixture(scope="module")
def trade() -> Watchlist:
    return _generate("india-uae-trade-2024.txt")


@pytest.fixture(scope="module")
def climate() -> Watchlist:
    return _generate("us-china-climate-2023.txt")


def _with_alias(watchlist: Watchlist, alias: str) -> Commitment:
    found = [c for c in watchlist.commitments if alias in c.aliases]
    assert len(found) == 1, f"{alias}: {[c.id for c in found]}"
    return found[0]


def _containing(watchlist: Watchlist, text: str) -> Commitment:
    found = [c for c in watchlist.commitments if text in c.quote]
    assert len(found) == 1, f"{text}: {[c.id for c in found]}"
    return found[0]


def test_title_and_date_are_read_from_the_statement(trade: Watchlist) -> None:
    assert trade.source is not None
    assert trade.source.title == "India–UAE Joint Statement on the Comprehensive Economic Partnership"
    assert trade.source.date == datetime.date(2024, 2, 13)


def test_trade_statement_pledges_are_found(trade: Watchlist) -> None:
    assert len(trade.commitments) >= 15
    assert _containing(trade, "100 billion US dollars by 2030").deadline == datetime.date(2030, 12, 31)
    assert _with_alias(trade, "CEPA").kind is Kind.MECHANISM
    assert _with_alias(trade, "IMEC").kind is Kind.PLEDGE
    assert _containing(trade, "framework agreement on its development").deadline == datetime.date(2024, 6, 30)
    assert "Unified Payments Interface" in _with_alias(trade, "UPI").aliases


def test_one_action_on_two_projects_is_one_commitment_named_by_both(trade: Watchlist) -> None:
    zone = _with_alias(trade, "Jebel Ali Free Zone")
    assert zone is _with_alias(trade, "India-UAE Virtual Trade Corridor")
    assert zone.deadline == datetime.date(2025, 12, 31)
    assert zone.title.startswith("Operationalise the Bharat Mart")


def test_two_actions_in_one_sentence_are_two_commitments(trade: Watchlist) -> None:
    shipping = _containing(trade, "expand direct shipping services")
    rail = _containing(trade, "study a rail-sea link")
    assert shipping is not rail
    assert rail.title == "Study a rail-sea link to Europe under the corridor"


def test_descriptions_in_the_trade_statement_are_skipped(trade: Watchlist) -> None:
    quotes = " ".join(c.quote for c in trade.commitments)
    for descriptive in ("held talks in a warm", "noted the first transactions", "thanked the Indian community"):
        assert descriptive not in quotes


def test_climate_statement_pledges_and_deadlines(climate: Watchlist) -> None:
    assert len(climate.commitments) >= 12
    group = _with_alias(climate, "Working Group on Enhancing Climate Action")
    assert group.deadline == datetime.date(2024, 6, 30)
    assert _with_alias(climate, "CCUS").deadline == datetime.date(2030, 12, 31)
    assert _containing(climate, "plastic pollution").deadline == datetime.date(2024, 12, 31)
    assert _containing(climate, "second half of 2024").deadline == datetime.date(2024, 12, 31)


def test_intentions_and_support_are_separate_commitments(climate: Watchlist) -> None:
    support = _containing(climate, "triple renewable energy capacity")
    intent = _containing(climate, "intend to accelerate")
    assert (support.kind, intent.kind) == (Kind.POSITION, Kind.PLEDGE)


def test_sector_tags_follow_the_vocabulary(climate: Watchlist) -> None:
    assert "energy" in _containing(climate, "energy policy dialogue").tags
    assert "climate" in _containing(climate, "ocean acidification").tags


def test_descriptions_in_the_climate_statement_are_skipped(climate: Watchlist) -> None:
    quotes = " ".join(c.quote for c in climate.commitments)
    for descriptive in ("talks were held", "recall the Paris Agreement", "noted that developed countries"):
        assert descriptive not in quotes


@pytest.mark.parametrize("name", ["india-uae-trade-2024.txt", "us-china-climate-2023.txt"])
def test_every_quote_is_verbatim_and_every_id_unique(name: str) -> None:
    watchlist = _generate(name)
    source = collapse((EXAMPLES / name).read_text(encoding="utf-8"))
    assert all(collapse(c.quote) in source for c in watchlist.commitments)
    assert len({c.id for c in watchlist.commitments}) == len(watchlist.commitments)


def test_text_without_pledges_gives_an_empty_watchlist() -> None:
    text = "Weather report\n\nIt rained in the morning. The afternoon was dry and the wind dropped.\n"
    assert generate_watchlist(text, "weather.txt").commitments == ()
