"""The HTTP transport to the Bot API, telling what each call got back: an HTTP status, or nothing.

python-telegram-bot raises the same exceptions whether a request never reached Telegram or
Telegram answered and only reading the answer failed (a `NetworkError` for a 502 page and for a
refused connection; a bare `TelegramError` or a `KeyError` for an answer it could not parse). The
difference matters: a message Telegram answered 200 to was sent, and must not be sent again; a
server that answered at all was reached, and waiting for it will not change its answer. So every
call through a `Transport` reports its `Exchange` to an optional listener (the `TelegramLink`) and
to the caller's `last_exchange()` block, if any.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from telegram._utils.types import ODVInput  # the timeouts' type in HTTPXRequest.do_request's signature
from telegram.error import TelegramError
from telegram.request import BaseRequest, HTTPXRequest, RequestData

GATEWAY_FAILURES = frozenset({HTTPStatus.BAD_GATEWAY, HTTPStatus.SERVICE_UNAVAILABLE, HTTPStatus.GATEWAY_TIMEOUT})
"""Answers from the servers in front of the Bot API when it is down: Telegram not reached, in effect."""


@dataclass(frozen=True, slots=True)
class Answered:
    """The Bot API (or a server in front of it) answered with this HTTP status."""

    status: int

    @property
    def accepted(self) -> bool:
        """Telegram did what was asked, whatever became of the answer's body."""
        return HTTPStatus.OK <= self.status < HTTPStatus.MULTIPLE_CHOICES

    @property
    def reason(self) -> str:
        """`502 Bad Gateway`."""
        try:
            return f"{self.status} {HTTPStatus(self.status).phrase}"
        except ValueError:
            return f"HTTP {self.status}"


@dataclass(frozen=True, slots=True)
class Unanswered:
    """No HTTP answer came back: no connection, a dropped one, or a timeout."""

    reason: str


Exchange = Answered | Unanswered


def unreachable(exchange: Exchange) -> bool:
    """Telegram could not be reached: nothing came back, or only a gateway's error page."""
    return isinstance(exchange, Unanswered) or exchange.status in GATEWAY_FAILURES


@dataclass
class LastExchange:
    """What the last Bot API call in a `last_exchange()` block got; None until one was made."""

    exchange: Exchange | None = None

    @property
    def accepted(self) -> bool:
        return isinstance(self.exchange, Answered) and self.exchange.accepted


_LAST_EXCHANGE: ContextVar[LastExchange | None] = ContextVar("last_bot_api_exchange", default=None)


@contextmanager
def last_exchange() -> Iterator[LastExchange]:
    """Record what the Bot API calls made in this block, in this task, got back (through a `Transport`).

    A context variable, not an attribute of the transport, because one transport serves many
    concurrent calls (the dispatcher sends eight messages at once).
    """
    record = LastExchange()
    token = _LAST_EXCHANGE.set(record)
    try:
        yield record
    finally:
        _LAST_EXCHANGE.reset(token)


class Transport(HTTPXRequest):
    """`HTTPXRequest` that reports each call's `Exchange`, and leaves unreadable answers to the caller to log.

    python-telegram-bot logs a traceback for every body it cannot parse as JSON — each 502 page of
    an outage — before raising; the caller, which knows what the call was for, reports it once.
    """

    def __init__(self, listener: Callable[[Exchange], None] | None = None, *, connection_pool_size: int = 256) -> None:
        super().__init__(connection_pool_size=connection_pool_size)
        self._listener = listener

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        try:
            status, payload = await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
            )
        except TelegramError as error:  # how HTTPXRequest reports httpx's errors: nothing came back
            self._report(Unanswered(error.message.removeprefix("httpx.")))
            raise
        self._report(Answered(status))
        return status, payload

    def _report(self, exchange: Exchange) -> None:
        record = _LAST_EXCHANGE.get()
        if record is not None:
            record.exchange = exchange
        if self._listener is not None:
            self._listener(exchange)

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """As python-telegram-bot parses an answer (and with its error), without its traceback in the log."""
        try:
            parsed: dict[str, Any] = json.loads(payload.decode("utf-8", "replace"))
        except ValueError as error:
            raise TelegramError("Invalid server response") from error
        return parsed
