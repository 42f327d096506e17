"""Whether Telegram answers, logged as changes of state: one WARNING when it stops, one INFO when it is back.

Left alone, python-telegram-bot logs every failed long poll with its traceback (and a second one
for each 502 page it could not parse): a 15-second outage wrote 23 tracebacks, and none said
what mattered — Telegram was unreachable, and then it was back. Every Bot API call through a
`Transport` reports to one `TelegramLink`; the updater's `error_callback` is `polling_failed`,
which stays quiet about what the link has already said.
"""

from __future__ import annotations

import enum
import logging
import time

from telegram.error import NetworkError, TelegramError

from bot.bot_api import Exchange, unreachable

log = logging.getLogger(__name__)


class Reach(enum.Enum):
    UNKNOWN = "unknown"
    """Nothing answered yet: start-up (`connect`) speaks for this time, so the link stays quiet."""
    REACHABLE = "reachable"
    """The last call got an answer from the Bot API."""
    UNREACHABLE = "unreachable"
    """The last call got no answer, or only a gateway's error page; said once, in a WARNING."""


class TelegramLink:
    """What the Bot API calls of one application found, as a `Reach`; changes are logged, nothing else."""

    def __init__(self) -> None:
        self.state = Reach.UNKNOWN
        self._lost_at = 0.0

    def observe(self, exchange: Exchange) -> None:
        """A Transport's listener: each Bot API call's exchange, in the order they ended."""
        if not unreachable(exchange):
            if self.state is Reach.UNREACHABLE:
                log.info("Telegram reachable again after %.0f s", time.monotonic() - self._lost_at)
            self.state = Reach.REACHABLE
        elif self.state is Reach.REACHABLE:
            self.state, self._lost_at = Reach.UNREACHABLE, time.monotonic()
            log.warning(
                "Telegram unreachable (%s): alerts wait and commands go unanswered; retrying quietly, "
                "a line will say when it is back",
                exchange.reason,
            )

    def polling_failed(self, error: TelegramError) -> None:
        """The updater's `error_callback`, called for each failed long poll (python-telegram-bot retries
        by itself): an outage was logged once by `observe`; anything else is unexpected, with its traceback."""
        if self.state is Reach.UNREACHABLE and isinstance(error, NetworkError):
            return
        log.error("long polling Telegram failed: %s", error, exc_info=error)
