"""Inline keyboards: every button carries a payload from `callbacks`, so pressing works after restarts."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram.callbacks import (
    BROWSE,
    LIST_PAGE,
    SCORECARD_PAGE,
    STATUS,
    SUBSCRIBE,
    UNSUBSCRIBE,
    pack,
    subscribe_data,
)
from bot.telegram.render.pledges import ListPage
from storage import ALL, COMMITMENT, KIND, TAG, Subscription
from watchlist import Commitment

_BUTTON_TEXT = 48


def _short(text: str) -> str:
    return text if len(text) <= _BUTTON_TEXT else text[: _BUTTON_TEXT - 1].rstrip() + "…"


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(_short(text), callback_data=data)


def start_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button("Subscribe to everything", subscribe_data(SUBSCRIBE, ALL)), _button("Browse pledges", BROWSE)]]
    )


def subscribe_choices(tags: Sequence[str], kinds: Sequence[str]) -> InlineKeyboardMarkup:
    """Everything, each tag, each kind of entry the watchlist has, or one pledge from the list."""
    rows = [[_button("Everything", subscribe_data(SUBSCRIBE, ALL))]]
    tag_buttons = [_button(f"Tag: {tag}", subscribe_data(SUBSCRIBE, TAG, tag)) for tag in tags]
    kind_buttons = [_button(f"Kind: {kind}", subscribe_data(SUBSCRIBE, KIND, kind)) for kind in kinds]
    for buttons in (tag_buttons, kind_buttons):
        rows += [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button("Choose one pledge…", BROWSE)])
    return InlineKeyboardMarkup(rows)


def list_keyboard(shown: ListPage, filter_label: str | None) -> InlineKeyboardMarkup:
    rows = [[_button(c.title, pack(STATUS, c.id))] for c in shown.commitments]
    return InlineKeyboardMarkup(rows + _navigation(shown, LIST_PAGE, (filter_label,) if filter_label else ()))


def scorecard_keyboard(shown: ListPage, marks: dict[str, str]) -> InlineKeyboardMarkup:
    """One button per pledge of the page, its status mark in front, then the page buttons."""
    rows = [[_button(f"{marks.get(c.id, '')} {c.title}".strip(), pack(STATUS, c.id))] for c in shown.commitments]
    return InlineKeyboardMarkup(rows + _navigation(shown, SCORECARD_PAGE, ()))


def _navigation(shown: ListPage, action: str, suffix: tuple[str, ...]) -> list[list[InlineKeyboardButton]]:
    """‹ Previous and Next › as needed; each button carries the page it opens (and the list's filter)."""
    navigation = []
    if shown.page > 0:
        navigation.append(_button("‹ Previous", pack(action, str(shown.page - 1), *suffix)))
    if shown.page + 1 < shown.pages:
        navigation.append(_button("Next ›", pack(action, str(shown.page + 1), *suffix)))
    return [navigation] if navigation else []


def card_keyboard(commitment: Commitment, subscribed: bool) -> InlineKeyboardMarkup:
    if subscribed:
        button = _button("Unsubscribe", subscribe_data(UNSUBSCRIBE, COMMITMENT, commitment.id))
    else:
        button = _button("Subscribe to this pledge", subscribe_data(SUBSCRIBE, COMMITMENT, commitment.id))
    return InlineKeyboardMarkup([[button]])


def suggestions_keyboard(closest: Sequence[Commitment], action: str) -> InlineKeyboardMarkup | None:
    """One button per suggested pledge; `action` is STATUS or SUBSCRIBE."""
    if not closest:
        return None
    if action == STATUS:
        return InlineKeyboardMarkup([[_button(c.title, pack(STATUS, c.id))] for c in closest])
    return InlineKeyboardMarkup([[_button(c.title, subscribe_data(action, COMMITMENT, c.id))] for c in closest])


def unsubscribe_keyboard(subscriptions: Sequence[Subscription], titles: dict[str, str]) -> InlineKeyboardMarkup | None:
    if not subscriptions:
        return None
    rows = []
    for s in subscriptions:
        names = {ALL: "everything", TAG: f"tag {s.target}", KIND: f"kind {s.target}"}
        label = names.get(s.target_kind, titles.get(s.target, s.target))
        rows.append([_button(f"Unsubscribe: {label}", subscribe_data(UNSUBSCRIBE, s.target_kind, s.target))])
    return InlineKeyboardMarkup(rows)
