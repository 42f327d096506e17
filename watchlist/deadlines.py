"""Read the time a commitment names into a date: the last day of the period it allows.

Absolute times: "on 1 July 2017" → 2017-07-01; "17-18 May 2018" → 2018-05-18; "by March 2024" →
2024-03-31; "first half of 2023" → 2023-06-30; "Q3 2025" → 2025-09-30; "mid-2013" and "early in
1990" → 30 June; "by fall of 2025" → 2025-11-30 (spring May, summer August, autumn/fall November,
winter the end of February after); "in 2023" → 2023-12-31; "the third week of January 2017" →
2017-01-21; a range ("2022-2023", "2017/2018", "November to December 2016", "October 2016 to
December 2017") counts to its end; "within 60 days from August 26, 2016" → 2016-10-25; fiscal years
end on 31 March of the next year ("JFY 2027", "FY 2025-26" → 2026-03-31); an academic year
("2025-26") on 30 June.

Times relative to the statement's date (read from the text or given with `--date`): "this year",
"by the end of the year", "later in the year" → 31 December of that year; "next year" → 31
December of the following one; "later this month" → the month's end; "in April", "at the April
meeting" → the next April's end; "within six months", "within 60 days", "in the next three weeks",
"in about two years", "over the next five years" → that long after the statement; "in the coming
weeks" → six weeks, "in the coming months" → six months.

A time before the statement's date is history, never a deadline ("the commitment made in 2009 in
Pittsburgh"). When a commitment names several times, the earliest is its deadline: that is when
silence starts to mean something. (An item of a list that names no time takes its lead-in's: see
`Clause.frame`.)
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"((?:19|20)\d\d)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20, "thirty": 30, "sixty": 60,
    "ninety": 90,
}  # fmt: skip
_COUNT = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_SEASON_END = {"spring": (0, 5), "summer": (0, 8), "fall": (0, 11), "autumn": (0, 11), "winter": (1, 2)}
COMING_WEEKS = datetime.timedelta(weeks=6)
COMING_MONTHS = 6

Date = datetime.date
Reader = Callable[[re.Match[str], Date | None], Date | None]


def _month_end(year: int, month: int) -> Date:
    return Date(year, month, calendar.monthrange(year, month)[1])


def _add_months(start: Date, months: int) -> Date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return Date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def _later(amount: int, unit: str, today: Date | None) -> Date | None:
    if today is None:
        return None
    if unit.startswith("day"):
        return today + datetime.timedelta(days=amount)
    if unit.startswith("week"):
        return today + datetime.timedelta(weeks=amount)
    if unit.startswith("month"):
        return _add_months(today, amount)
    return _add_months(today, 12 * amount)


def _century(first: str, second: str) -> int:
    return int(second) if len(second) == 4 else int(first[:2] + second)


def _day(match: re.Match[str], _: Date | None) -> Date | None:
    groups = [g for g in match.groups() if g]
    day = next(int(g) for g in reversed(groups) if g.isdigit() and len(g) <= 2)
    month = next(_MONTHS[g.lower().rstrip(".")] for g in groups if g.lower().rstrip(".") in _MONTHS)
    year = int(next(g for g in groups if len(g) == 4 and g.isdigit()))
    try:
        return Date(year, month, day)
    except ValueError:
        return None


_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:\s*(?:[-–]|and|to)\s*(\d{{1,2}}))?\s+{_MONTH},?\s+{_YEAR}\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:\s*(?:[-–]|and|to)\s*(\d{{1,2}}))?,?\s+{_YEAR}\b")


def _named_day(text: str) -> Date | None:
    """The day "august 26, 2016" or "26 august 2016" names, if the text is one."""
    found = _DAY_MONTH.search(text) or _MONTH_DAY.search(text)
    return _day(found, None) if found else None


_PATTERNS: tuple[tuple[re.Pattern[str], Reader], ...] = (
    # fiscal and academic years first: "FY 2025-26" is no range of years
    (
        re.compile(rf"\b(?:j?fy|fiscal\s+year)\s*{_YEAR}(?:\s*[-–/]\s*((?:19|20)?\d\d))?\b"),
        lambda m, _: Date(_century(m.group(1), m.group(2)) if m.group(2) else int(m.group(1)) + 1, 3, 31),
    ),
    (
        re.compile(rf"\bacademic\s+year\s+{_YEAR}\s*[-–/]\s*((?:19|20)?\d\d)\b"),
        lambda m, _: Date(_century(m.group(1), m.group(2)), 6, 30),
    ),
    # counted from a day the text names: "within 60 days from August 26, 2016"
    (
        re.compile(
            rf"\b(?:within|in)\s+{_COUNT}\s+(days?|weeks?|months?|years?)\s+(?:from|of|after)\s+(.{{6,24}}?{_YEAR})\b"
        ),
        lambda m, _: _later(_number(m.group(1)), m.group(2), _named_day(m.group(3))),
    ),
    # a week of a month: "the third week of January 2017" → its seventh day
    (
        re.compile(rf"\b(first|second|third|fourth|1st|2nd|3rd|4th|last)\s+week\s+of\s+{_MONTH},?\s+{_YEAR}\b"),
        lambda m, _: _week_end(m.group(1), _MONTHS[m.group(2).rstrip(".")], int(m.group(3))),
    ),
    # a range of months counts to its end: "October 2016 to December 2017"
    (
        re.compile(rf"\b{_MONTH},?\s+{_YEAR}\s+(?:to|until|through|[-–])\s+{_MONTH},?\s+{_YEAR}\b"),
        lambda m, _: _month_end(int(m.group(4)), _MONTHS[m.group(3).rstrip(".")]),
    ),
    # a day: "1 July 2017", "July 1, 2017", "17-18 May 2018", "October 19 and 30, 2016"
    (_DAY_MONTH, _day),
    (_MONTH_DAY, _day),
    (
        re.compile(rf"\b(first|second|1st|2nd)\s+half\s+of\s+{_YEAR}\b"),
        lambda m, _: Date(int(m.group(2)), 6, 30) if _ORDINAL[m.group(1)] == 1 else Date(int(m.group(2)), 12, 31),
    ),
    (
        re.compile(rf"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+{_YEAR}\b"),
        lambda m, _: _month_end(int(m.group(2)), 3 * _ORDINAL[m.group(1)]),
    ),
    (re.compile(rf"\bq([1-4])\s+{_YEAR}\b"), lambda m, _: _month_end(int(m.group(2)), 3 * int(m.group(1)))),
    (re.compile(rf"\b(?:mid|early)[-\s](?:in\s+)?{_YEAR}\b"), lambda m, _: Date(int(m.group(1)), 6, 30)),
    (
        re.compile(rf"\b(spring|summer|fall|autumn|winter)\s+(?:of\s+)?{_YEAR}\b"),
        lambda m, _: _month_end(int(m.group(2)) + _SEASON_END[m.group(1)][0], _SEASON_END[m.group(1)][1]),
    ),
    (
        re.compile(rf"\b{_MONTH}\s+(?:to|[-–])\s+{_MONTH}\s+{_YEAR}\b"),
        lambda m, _: _month_end(int(m.group(3)), _MONTHS[m.group(2).rstrip(".")]),
    ),
    (
        re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b"),
        lambda m, _: _month_end(int(m.group(2)), _MONTHS[m.group(1).rstrip(".")]),
    ),
    (
        re.compile(rf"\b{_YEAR}\s*[-–/]\s*((?:19|20)?\d\d)\b"),
        lambda m, _: Date(end, 12, 31) if (end := _century(m.group(1), m.group(2))) >= int(m.group(1)) else None,
    ),
    (re.compile(rf"\b{_YEAR}\b"), lambda m, _: Date(int(m.group(1)), 12, 31)),
    # relative to the statement's date
    (
        re.compile(r"\b(?:this|the\s+current)\s+year\b|\bend\s+of\s+the\s+year\b|\blater\s+in\s+the\s+year\b"),
        lambda _, today: Date(today.year, 12, 31) if today else None,
    ),
    (re.compile(r"\bnext\s+year\b"), lambda _, today: Date(today.year + 1, 12, 31) if today else None),
    (
        re.compile(r"\b(?:later\s+)?this\s+month\b"),
        lambda _, today: _month_end(today.year, today.month) if today else None,
    ),
    (
        re.compile(
            rf"\b(?:within|in|over)\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:a\s+period\s+of\s+)?(?:about\s+|some\s+|around\s+)?{_COUNT}\s+(days?|weeks?|months?|years?)\b"
        ),
        lambda m, today: _later(_number(m.group(1)), m.group(2), today),
    ),
    (
        re.compile(rf"\b{_COUNT}[-\s](day|week|month|year)\s+(?:program|programme|plan|study|period)\b"),
        lambda m, today: _later(_number(m.group(1)), m.group(2), today),
    ),
    (re.compile(r"\b(?:in|over)\s+the\s+coming\s+weeks\b"), lambda _, today: today + COMING_WEEKS if today else None),
    (
        re.compile(r"\b(?:in|over)\s+the\s+coming\s+months\b"),
        lambda _, today: _add_months(today, COMING_MONTHS) if today else None,
    ),
    (
        re.compile(rf"\b(?:in|by|from|until|before|during|at\s+the)\s+{_MONTH}\b"),
        lambda m, today: _next_month_end(_MONTHS[m.group(1).rstrip(".")], today),
    ),
)


def _week_end(ordinal: str, month: int, year: int) -> Date:
    return _month_end(year, month) if ordinal == "last" else Date(year, month, 7 * _ORDINAL[ordinal])


def _next_month_end(month: int, today: Date | None) -> Date | None:
    if today is None:
        return None
    end = _month_end(today.year, month)
    return end if end >= today else _month_end(today.year + 1, month)


def find_deadline(text: str, today: Date | None = None) -> Date | None:
    """The earliest period end the text names that is not before `today` (the statement's date), or None."""
    lowered = text.lower()
    found: list[Date] = []
    taken: list[tuple[int, int]] = []
    for pattern, read in _PATTERNS:
        for match in pattern.finditer(lowered):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            date = read(match, today)
            if date is not None and (today is None or date >= today):
                found.append(date)
    return min(found) if found else None


_MONTH_NAME = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_PATTERNS = (
    re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_NAME},?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH_NAME}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b"),
)
DATE_LINE_CHARS = 600


def find_statement_date(text: str) -> Date | None:
    """The date a statement prints: in its opening lines, or on a dateline closing it ("Tokyo, 4 June 2015")."""
    closing = "\n".join([line for line in text.splitlines() if line.strip()][-2:])
    for part in (text[:DATE_LINE_CHARS], closing[-DATE_LINE_CHARS:]):
        for pattern in _DATE_PATTERNS:
            found = pattern.search(part)
            if found:
                day, month = (found.group(1), found.group(2)) if found.group(1).isdigit() else found.group(2, 1)
                stamp = f"{day} {month} {found.group(3)}"
                return datetime.datetime.strptime(stamp, "%d %B %Y").date()
    return None
