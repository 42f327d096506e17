"""The two buttons under every alert — Relevant / Not about this pledge — as plain values.

Shared by the two rooms that show them: the alerts (`bot.alerts`) put them under an alert when it
is sent, and the Telegram interface (`bot.telegram`) redraws them when a reader presses one, showing
the choice (which a second press changes). The payload names the outbox row of the alert, which
knows the article, the pledge and the chat.
"""

from __future__ import annotations

FEEDBACK = "fb"
RELEVANT_TEXT = "Relevant"
NOT_RELEVANT_TEXT = "Not about this pledge"
CHOSEN = "✓ "

Keyboard = tuple[tuple[tuple[str, str], ...], ...]
"""Rows of (text, callback data) buttons, independent of any Telegram library."""


def feedback_keyboard(delivery_id: int, chosen: bool | None = None) -> Keyboard:
    """The buttons under alert `delivery_id`; `chosen` marks the reader's verdict when there is one."""
    relevant = (CHOSEN if chosen is True else "") + RELEVANT_TEXT
    not_relevant = (CHOSEN if chosen is False else "") + NOT_RELEVANT_TEXT
    return (((relevant, f"{FEEDBACK}:{delivery_id}:1"), (not_relevant, f"{FEEDBACK}:{delivery_id}:0")),)


def parse_feedback(data: str) -> tuple[int, bool] | None:
    """(delivery id, relevant) from a button's payload, or None when it is no feedback button."""
    action, _, rest = data.partition(":")
    delivery, _, verdict = rest.partition(":")
    if action != FEEDBACK or not delivery.isdigit() or verdict not in ("0", "1"):
        return None
    return int(delivery), verdict == "1"
