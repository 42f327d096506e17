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


# Wrapped lines join into one paragraph, as in a statement pasted from a PDF.
LISTS = """Joint Statement on the Visit, 5 September 2014

34. The Prime Ministers agreed to a number of initiatives for 2015: exploring a joint credentials scheme
for small businesses; working together on training for the cyber security workforce.

35. The following bilateral memoranda of understanding were signed in the presence of the two Prime Ministers:

1. Cooperation in the Peaceful Uses of Nuclear Energy

2. MOU on cooperation in Sport

3. Renewal of MOU on cooperation in the field of Water Resources Management

36. They recommitted both countries to expand trade further for mutual benefit. Heads of Government
requested the Trade Group to continue its work within its present mandate. They accepted with pleasure
the invitation of the Government of Fiji to hold their next Meeting there in about two years.
"""


@pytest.fixture(scope="module")
def lists() -> Watchlist:
    return generate_watchlist(LISTS, "lists.txt")


def test_items_of_a_list_take_its_lead_in_s_kind_and_time(lists: Watchlist) -> None:
    assert _containing(lists, "working together on training").deadline == datetime.date(2015, 12, 31)
    signed = [
        _containing(lists, "Peaceful Uses of Nuclear Energy"),
        _containing(lists, "MOU on cooperation in Sport"),  # short and unpunctuated, yet an item, not a heading
        _containing(lists, "Water Resources Management"),
    ]
    assert [c.kind for c in signed] == [Kind.AGREEMENT] * 3


def test_communique_verbs_of_commitment(lists: Watchlist) -> None:
    assert _containing(lists, "recommitted both countries to expand trade").kind is Kind.PLEDGE
    assert _containing(lists, "requested the Trade Group to continue its work").kind is Kind.PLEDGE
    invitation = _containing(lists, "accepted with pleasure the invitation")
    assert invitation.kind is Kind.MECHANISM
    assert invitation.deadline == datetime.date(2016, 9, 5)


STANCES = """Communique of the Regional Meeting, 18 October 1982

12. Heads of Government deplored the decision by one state not to become a party to the Convention.
They noted with deep concern the continuing stalemate in launching the Global Negotiations. They believed
that commodity agreements were crucial to both development and recovery.
"""


def test_communique_verbs_of_stance() -> None:
    stances = generate_watchlist(STANCES, "stances.txt")
    for opening in ("deplored the decision", "noted with deep concern", "believed that commodity agreements"):
        assert _containing(stances, opening).kind is Kind.POSITION
