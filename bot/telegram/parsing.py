"""Parsing the arguments people type: durations, clock times, counts, time zones.

Each parser returns None for input it cannot read, so the handler answers with its usage line.
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from datetime import timedelta

MAX_MUTE = timedelta(days=365)
_DURATION_PART = re.compile(r"(\d+)\s*(weeks?|days?|hours?|minutes?|mins?|w|d|h|m)", re.IGNORECASE)
_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_UNITS = {"w": timedelta(weeks=1), "d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_duration(text: str) -> timedelta | None:
    """ "2h", "30m", "1d", "1h30m", "2 hours"; None when unreadable, zero or over a year."""
    compact = text.strip().lower()
    if not compact or _DURATION_PART.sub("", compact).strip():
        return None
    total = timedelta()
    for amount, unit in _DURATION_PART.findall(compact):
        total += int(amount) * _UNITS[unit.lower()[0]]
    return total if timedelta() < total <= MAX_MUTE else None


def parse_clock(text: str) -> str | None:
    """ "7:05" or "07:05" → "07:05"; None for anything else."""
    match = _CLOCK.fullmatch(text.strip())
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def parse_count(text: str, maximum: int) -> int | None:
    """A whole number from 1 to `maximum` (isdecimal, not isdigit: int() refuses "²")."""
    if not text.isdecimal():
        return None
    value = int(text)
    return value if 1 <= value <= maximum else None


def parse_time_zone(text: str) -> str | None:
    """An IANA zone name as the zone database spells it ("asia/karachi" → "Asia/Karachi")."""
    wanted = text.strip()
    by_folded = {name.casefold(): name for name in zoneinfo.available_timezones()}
    name = by_folded.get(wanted.casefold())
    if name is None:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return name


def closest_time_zones(text: str, limit: int = 3) -> list[str]:
    """Zone names that look like what was typed ("karachi" → "Asia/Karachi"), for "did you mean"."""
    wanted = text.strip().casefold().replace(" ", "_")
    keys: dict[str, str] = {}
    for name in sorted(zoneinfo.available_timezones()):
        keys.setdefault(name.casefold(), name)
        keys.setdefault(name.rsplit("/", 1)[-1].casefold(), name)
    close = difflib.get_close_matches(wanted, list(keys), n=limit * 2, cutoff=0.6)
    return list(dict.fromkeys(keys[key] for key in close))[:limit]


def parse_weekday(text: str) -> int | None:
    """ "mon", "Monday", "tue" → 0, 0, 1 (Monday is 0, as in `datetime.weekday`); None for anything else."""
    wanted = text.strip().lower()
    if len(wanted) < 3:
        return None
    return next((index for index, name in enumerate(_WEEKDAYS) if name.startswith(wanted)), None)
