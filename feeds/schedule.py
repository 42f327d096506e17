"""When to check a feed next: pure functions of what the feed and its server told us.

Politeness rules in one place: poll busy feeds often and quiet ones rarely, never sooner than the server
asks (``ttl``, ``Cache-Control: max-age``, ``Retry-After``), and back off exponentially on errors instead of
giving up.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

MAX_BACKOFF_SECONDS = 24 * 3600.0
RATE_WINDOW = timedelta(days=7)

_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)\"?", re.IGNORECASE)
_NO_CACHE = re.compile(r"(?:^|,)\s*(?:no-cache|no-store)\b", re.IGNORECASE)


def adaptive_interval(published: Iterable[datetime], now: datetime, minimum: float, maximum: float) -> float:
    """Seconds between checks from the posting rate of the last week: ``week / entries``, clamped.

    A feed that posted 100 times last week is checked every ~100 minutes at most; one that was silent gets
    ``maximum``. Future-dated entries do not count, so one bad timestamp cannot pin a feed to the minimum.
    """
    recent = sum(1 for moment in published if now - RATE_WINDOW <= moment <= now)
    if recent == 0:
        return maximum
    return min(maximum, max(minimum, RATE_WINDOW.total_seconds() / recent))


def max_age_seconds(cache_control: str | None) -> float | None:
    """``max-age`` of a Cache-Control header; ``None`` when absent or when the server forbids caching."""
    if not cache_control or _NO_CACHE.search(cache_control):
        return None
    match = _MAX_AGE.search(cache_control)
    return float(match.group(1)) if match else None


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); ``None`` if unusable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())


def next_interval(
    adaptive: float,
    maximum: float,
    *,
    ttl_minutes: int | None = None,
    max_age: float | None = None,
    retry_after: float | None = None,
) -> float:
    """The adaptive interval, lengthened by the server's wishes when they are longer.

    ``ttl`` and ``max-age`` are honoured up to ``maximum`` (a year-long max-age must not silence a feed);
    ``Retry-After`` is an explicit request and may exceed ``maximum``, up to 24 hours.
    """
    cache_hint = max(ttl_minutes * 60.0 if ttl_minutes else 0.0, max_age or 0.0)
    interval = max(adaptive, min(cache_hint, maximum))
    if retry_after is not None:
        interval = max(interval, min(retry_after, MAX_BACKOFF_SECONDS))
    return interval


def error_backoff(error_count: int, base: float, cap: float = MAX_BACKOFF_SECONDS) -> float:
    """``base`` after the first error, doubling with each further one, capped (24 h by default)."""
    if error_count <= 0:
        return base
    exponent = min(error_count - 1, 32)
    return min(cap, base * 2.0**exponent)


def with_jitter(seconds: float, rng: random.Random, fraction: float = 0.1) -> float:
    """``seconds`` ± ``fraction``, so feeds added together drift apart; deterministic given ``rng``."""
    return seconds * (1.0 + rng.uniform(-fraction, fraction))
