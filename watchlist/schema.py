"""Turn parsed TOML values into a Watchlist, collecting every problem with its line.

One reader serves both the loader (which stops at the first error) and `check` (which reports
them all), so the two can never disagree about what a valid file is.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from watchlist.lines import LineIndex, TableLines
from watchlist.model import Commitment, Kind, Source, Watchlist
from watchlist.problems import Problem, Severity

MAX_ID_LENGTH = 100
"""Stored matches, subscriptions and search-feed names carry the id; their columns hold 200 characters."""
ID_PATTERN = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{MAX_ID_LENGTH - 1}}}$")
TEXT_FIELDS = ("title", "section", "quote", "search")
LIST_FIELDS = ("aliases", "keywords", "exclude", "tags")
COMMITMENT_FIELDS = ("id", "kind", *TEXT_FIELDS, *LIST_FIELDS, "deadline", "parent")
KINDS = tuple(kind.value for kind in Kind)
REQUIRED_FIELDS = ("id", "title", "quote")


class _Collector:
    """Problems found so far, each placed at a line of the file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, severity: Severity, line: int | None, message: str) -> None:
        self.problems.append(Problem(severity, self.path, line, message))


def parse_date(value: object) -> datetime.date:
    """Accept a TOML date or an ISO date string; raise ValueError with the reader's wording otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected an ISO date, got {_shown(value)}")


def _shown(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def read_document(data: Mapping[str, Any], index: LineIndex, path: str) -> tuple[Watchlist, list[Problem]]:
    """Build the Watchlist from what did validate, plus every problem found on the way."""
    found = _Collector(path)
    for key in data:
        if key not in ("commitment", "source"):
            found.add("warning", index.top_keys.get(key), f'unknown top-level key "{key}" is ignored')
    source = _read_source(data.get("source"), index.source, found)
    raw = data.get("commitment", [])
    if not isinstance(raw, list):
        found.add("error", index.top_keys.get("commitment"), "commitment: expected [[commitment]] tables")
        raw = []
    commitments: list[Commitment] = []
    first_line: dict[str, int | None] = {}
    tables: dict[str, TableLines | None] = {}
    for position, entry in enumerate(raw):
        lines = index.commitment(position)
        commitment = _read_commitment(entry, position, lines, found)
        if commitment is None:
            continue
        if commitment.id in first_line:
            where = first_line[commitment.id]
            found.add(
                "error",
                lines.of("id") if lines else None,
                f'duplicate id "{commitment.id}"' + (f" (first at line {where})" if where else ""),
            )
            continue
        first_line[commitment.id] = lines.of("id") if lines else None
        tables[commitment.id] = lines
        commitments.append(commitment)
    commitments = _check_parents(commitments, tables, found)
    return Watchlist(tuple(commitments), source), found.problems


def _check_parents(
    commitments: list[Commitment], tables: dict[str, TableLines | None], found: _Collector
) -> list[Commitment]:
    """A parent must be another commitment of the file, and no chain of parents may loop."""
    by_id = {c.id: c for c in commitments}
    kept: list[Commitment] = []
    for commitment in commitments:
        lines = tables.get(commitment.id)
        line = lines.of("parent") if lines else None
        label = f'commitment "{commitment.id}"'
        seen = {commitment.id}
        parent = commitment.parent
        problem = ""
        while parent is not None and not problem:
            if parent not in by_id:
                problem = f'parent: no commitment with id "{parent}"'
            elif parent in seen:
                problem = f'parent: "{commitment.parent}" leads back to "{commitment.id}" (a loop)'
            else:
                seen.add(parent)
                parent = by_id[parent].parent
        if problem:
            found.add("error", line, f"{label}: {problem}")
        else:
            kept.append(commitment)
    return kept


def _read_source(raw: object, lines: TableLines | None, found: _Collector) -> Source | None:
    if raw is None:
        return None
    header = lines.header if lines else None
    if not isinstance(raw, Mapping):
        found.add("error", header, "source: expected a [source] table")
        return None
    title, path = raw.get("title", ""), raw.get("path")
    if not isinstance(title, str):
        found.add("error", lines.of("title") if lines else None, "source: title: expected text")
        title = ""
    if not isinstance(path, str) or not path.strip():
        found.add("error", lines.of("path") if lines else header, "source: path: expected the communique's path")
        return None
    date: datetime.date | None = None
    if raw.get("date") not in (None, ""):
        try:
            date = parse_date(raw["date"])
        except ValueError as error:
            found.add("error", lines.of("date") if lines else None, f"source: date: {error}")
    return Source(title=title, date=date, path=path)


def _read_commitment(raw: object, position: int, lines: TableLines | None, found: _Collector) -> Commitment | None:
    def line(key: str) -> int | None:
        return lines.of(key) if lines else None

    label = f"commitment #{position + 1}"
    if not isinstance(raw, Mapping):
        found.add("error", lines.header if lines else None, f"{label}: expected a table")
        return None
    if isinstance(raw.get("id"), str) and raw["id"]:
        label = f'commitment "{raw["id"]}"'
    before = len(found.problems)
    for key in raw:
        if key not in COMMITMENT_FIELDS:
            found.add("warning", line(key), f'{label}: unknown field "{key}" is ignored')
    for key in REQUIRED_FIELDS:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            what = "missing" if key not in raw else "expected non-empty text"
            found.add("error", line(key), f"{label}: {key}: {what}")
    if isinstance(raw.get("id"), str) and raw["id"] and not ID_PATTERN.match(raw["id"]):
        rule = f"use lowercase letters, digits and hyphens, at most {MAX_ID_LENGTH} characters"
        found.add("error", line("id"), f"{label}: id: {rule}")
    for key in ("section", "search", "parent"):
        if not isinstance(raw.get(key, ""), str):
            found.add("error", line(key), f"{label}: {key}: expected text")
    kind = raw.get("kind", Kind.PLEDGE.value)
    if kind not in KINDS:
        found.add("error", line("kind"), f"{label}: kind: expected one of {', '.join(KINDS)} (got {_shown(kind)})")
    lists = {key: _read_list(raw.get(key, []), key, label, line(key), found) for key in LIST_FIELDS}
    deadline = None
    if raw.get("deadline") not in (None, ""):
        try:
            deadline = parse_date(raw["deadline"])
        except ValueError as error:
            found.add("error", line("deadline"), f"{label}: deadline: {error}")
    if any(p.severity == "error" for p in found.problems[before:]):
        return None
    return Commitment(
        id=raw["id"],
        title=raw["title"].strip(),
        section=raw.get("section", "").strip(),
        quote=raw["quote"].strip(),
        kind=Kind(kind),
        deadline=deadline,
        parent=raw.get("parent", "").strip() or None,
        search=raw.get("search", "").strip(),
        **lists,
    )


def _read_list(value: object, key: str, label: str, line: int | None, found: _Collector) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        found.add("error", line, f"{label}: {key}: expected a list of strings")
        return ()
    return tuple(item.strip() for item in value if item.strip())
