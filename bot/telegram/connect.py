"""Meeting Telegram at start: wait for it while it cannot be reached; stop at once on an HTTP error answer.

A bot started before the network is up (at boot, in a container) used to exit with "Telegram
refused to start the bot" though Telegram was never reached: now it says so once and tries again
with capped exponential backoff until Telegram answers, or until it is told to stop. An answer
with an HTTP error is another matter — waiting will not change it — so it ends the start with the
URL tried (the token hidden) and the setting to check.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Coroutine
from http import HTTPStatus
from typing import Any, TypeVar

from bot.bot_api import Answered, Exchange, last_exchange, unreachable
from bot.config import TOKEN_ENVIRONMENT_VARIABLE
from bot.telegram.application import BotApplication

FIRST_RETRY_SECONDS = 1.0
LONGEST_RETRY_SECONDS = 60.0
T = TypeVar("T")

log = logging.getLogger(__name__)


class BotApiRefused(Exception):
    """The Bot API answered the start with an HTTP error; the message names the URL tried and what to check."""


class _Stopped(Exception):
    """Told to stop before the work finished."""


async def connect(application: BotApplication, api_base_url: str, stop: asyncio.Event) -> bool:
    """Initialise the application (its `getMe`), retrying while Telegram cannot be reached.

    True once Telegram answered; False when `stop` was set first. Any way out but success closes
    the bot's HTTP connections, so the caller has nothing to clean up.
    """
    try:
        await _until(stop, _keep_trying(application, f"{api_base_url}/bot<token>/getMe"))
    except _Stopped:
        await application.bot.shutdown()
        return False
    except BotApiRefused:
        await application.bot.shutdown()
        raise
    return True


async def _keep_trying(application: BotApplication, url: str) -> None:
    delay = FIRST_RETRY_SECONDS
    for attempt in itertools.count(1):
        failed = await _initialize(application, url)
        if failed is None:
            if attempt > 1:
                log.info("Telegram reached after %d attempts", attempt)
            return
        if attempt == 1:
            log.warning(
                "Telegram (%s) was never reached: %s. Retrying with backoff (at most every %.0f s) until it answers: "
                "is the network up?",
                url,
                failed.reason,
                LONGEST_RETRY_SECONDS,
            )
        else:
            log.debug("Telegram still not reached (attempt %d: %s); next try in %.0f s", attempt, failed.reason, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, LONGEST_RETRY_SECONDS)


async def _initialize(application: BotApplication, url: str) -> Exchange | None:
    """None when Telegram answered; the failed exchange when it could not be reached."""
    with last_exchange() as seen:
        try:
            await application.initialize()
        except Exception:
            exchange = seen.exchange
            if exchange is None:  # failed before asking anything: not Telegram's doing
                raise
            if unreachable(exchange):
                return exchange
            assert isinstance(exchange, Answered)
            raise BotApiRefused(_refusal(url, exchange)) from None
    return None


def _refusal(url: str, answer: Answered) -> str:
    if answer.status == HTTPStatus.UNAUTHORIZED:
        check = (
            f"the token was rejected: check [telegram] token (or {TOKEN_ENVIRONMENT_VARIABLE}); "
            "@BotFather gives a bot its token"
        )
    elif answer.status == HTTPStatus.NOT_FOUND:
        check = (
            "no Bot API there, or a malformed token: check [telegram] api_base_url (the server's root, e.g. "
            "https://api.telegram.org; a trailing /bot is fine) and the token"
        )
    elif answer.accepted:
        check = "the answer was not the Bot API's: check that [telegram] api_base_url points at a Bot API server"
    else:
        check = "check that [telegram] api_base_url points at a Bot API server (e.g. https://api.telegram.org)"
    return f"Telegram refused to start the bot: {url} answered {answer.reason}: {check}"


async def _until(stop: asyncio.Event, work: Coroutine[Any, Any, T]) -> T:
    """`work`'s result, unless `stop` is set first: then `work` is cancelled and `_Stopped` raised."""
    task = asyncio.ensure_future(work)
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    if task.cancelled():
        raise _Stopped
    return task.result()
