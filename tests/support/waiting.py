"""Wait for a condition with a deadline: the only kind of waiting the test suites do."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
POLL_SECONDS = 0.01


async def wait_until(check: Callable[[], T | None], timeout: float, describe: Callable[[], str]) -> T:
    """Return the first truthy value of ``check()``; after ``timeout`` seconds fail with ``describe()``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"not within {timeout}s: {describe()}")
        await asyncio.sleep(POLL_SECONDS)
