"""Read the time a pledge names into a date: the last day of the period it allows.

"first half of 2023" → 2023-06-30, "in 2023" → 2023-12-31, "to 2027" → 2027-12-31,
"by March 2024" → 2024-03-31. A range ("2022-2023") counts to its end. When a pledge names
several times, the earliest is its deadline: that is when silence starts to mean something.
"""

from __future__ import annotations

import calendar
import datetime
import re

_YEAR = r"((?:19|20)\d\d)"
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH = r"(" + "|".join(_MONTHS) + r")"
_PERIODS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b(first|second|1st|2nd)\s+half\s+of\s+{_YEAR}\b"), "half"),
    (re.compile(rf"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+{_YEAR}\b"), "quarter"),
    (re.compile(rf"\bq([1-4])\s+{_YEAR}\b"), "quarter"),
    (
        re.compile(rf"\b(?:by|in|before|until|till|from|of|during)\s+(?:the\s+end\s+of\s+)?{_MONTH}\s+{_YEAR}\b"),
        "month",
    ),
    (re.compile(rf"\b{_YEAR}\s*[-–/]\s*((?:19|20)?\d\d)\b"), "range"),
    (
        re.compile(
            rf"\b(?:in|by|to|until|till|through|before|during|for|within)\s+(?:the\s+(?:end\s+of\s+|year\s+)?)?{_YEAR}\b"
        ),
        "year",
    ),
)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def find_deadline(text: str) -> datetime.date | None:
    """The earliest period end named in the text, or None when it names no time."""
    lowered = text.lower()
    found: list[datetime.date] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PERIODS:
        for match in pattern.finditer(lowered):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            date = _period_end(kind, match.groups())
            if date is not None:
                found.append(date)
    return min(found) if found else None


def _period_end(kind: str, groups: tuple[str | None, ...]) -> datetime.date | None:
    first, second = (*(g or "" for g in groups), "")[:2]
    if kind == "half":
        return datetime.date(int(second), 6, 30) if _ORDINAL[first] == 1 else datetime.date(int(second), 12, 31)
    if kind == "quarter":
        quarter = _ORDINAL.get(first) or int(first)
        return _month_end(int(second), quarter * 3)
    if kind == "month":
        return _month_end(int(second), _MONTHS[first])
    if kind == "range":
        end = int(second) if len(second) == 4 else int(first[:2] + second)
        return datetime.date(end, 12, 31) if end >= int(first) else None
    return datetime.date(int(first), 12, 31)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


_MONTH_NAME = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_PATTERNS = (
    re.compile(rf"\b(\d{{1,2}})\s+{_MONTH_NAME},?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH_NAME}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b"),
)


def find_statement_date(text: str) -> datetime.date | None:
    """The first full date in the opening of the text: where statements print their date."""
    opening = text[:600]
    for pattern in _DATE_PATTERNS:
        found = pattern.search(opening)
        if found:
            day, month = (found.group(1), found.group(2)) if found.group(1).isdigit() else found.group(2, 1)
            stamp = f"{day} {month} {found.group(3)}"
            return datetime.datetime.strptime(stamp, "%d %B %Y").date()
    return None
