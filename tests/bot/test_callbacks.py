"""Button payloads stay within Telegram's 64 bytes and lead back to the same pledge, tag or page."""

from __future__ import annotations

from bot.telegram.callbacks import (
    LIST_PAGE,
    MAX_CALLBACK_BYTES,
    STATUS,
    SUBSCRIBE,
    pack,
    parse_target,
    subscribe_data,
    unpack,
    untoken,
)
from storage import ALL, COMMITMENT, KIND, TAG

LONG_ID = "a-very-long-pledge-identifier-that-a-person-might-well-write-in-a-watchlist-by-hand"
SHORT_ID = "ml-1-railway"


def test_short_ids_travel_as_they_are() -> None:
    assert pack(STATUS, SHORT_ID) == "status:ml-1-railway"
    assert subscribe_data(SUBSCRIBE, COMMITMENT, SHORT_ID) == "sub:ml-1-railway"


def test_long_ids_are_hashed_to_fit_and_found_again() -> None:
    data = pack(STATUS, LONG_ID)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    pressed = unpack(data)
    assert untoken(pressed.args[0], [SHORT_ID, LONG_ID]) == LONG_ID


def test_non_ascii_section_names_are_measured_in_bytes() -> None:
    section = "Экспорт в Китай и электронная торговля"
    data = pack(LIST_PAGE, "3", section)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert untoken(unpack(data).args[1], [section]) == section


def test_subscription_targets_round_trip() -> None:
    ids, tags = [SHORT_ID, LONG_ID], ["transport", "disaster-relief"]
    targets = [(ALL, ""), (TAG, "disaster-relief"), (KIND, "position"), (COMMITMENT, SHORT_ID), (COMMITMENT, LONG_ID)]
    for kind, value in targets:
        data = subscribe_data(SUBSCRIBE, kind, value)
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert parse_target(unpack(data).args[0], ids, tags) == (kind, value)


def test_a_target_gone_from_the_watchlist_is_not_found() -> None:
    assert parse_target("#energy", [SHORT_ID], ["transport"]) is None
    assert parse_target("removed-pledge", [SHORT_ID], ["transport"]) is None
