"""`/watch add|set|remove …` read into one edit, applied through the watchlist package like the CLI.

/watch add gwadar-airport New Gwadar International Airport
quote: <the sentence, copied from the communique>
section: Connectivity
aliases: NGIA, Gwadar airport
tags: transport

/watch set ml-1-railway deadline 2027-06-30
/watch remove ml-1-railway
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from watchlist import Commitment, add_commitment, remove_commitment, set_field

_LIST_FIELDS = ("aliases", "keywords", "exclude", "tags")
_ADD_FIELDS = ("title", "section", "quote", *_LIST_FIELDS, "deadline")


class WatchUsageError(ValueError):
    """The /watch text cannot be read; the message says what is missing."""


@dataclass(frozen=True, slots=True)
class WatchEdit:
    action: str
    commitment_id: str
    detail: str = ""
    commitment: Commitment | None = None
    field: str = ""
    value: str = ""

    @property
    def done(self) -> str:
        return {"add": "added", "set": "changed", "remove": "removed"}[self.action]

    def apply(self, path: Path) -> None:
        """Edit the file; raises WatchlistError (with file and reason) when the edit is refused."""
        if self.action == "add":
            assert self.commitment is not None
            add_commitment(path, self.commitment)
        elif self.action == "set":
            set_field(path, self.commitment_id, self.field, self.value)
        else:
            remove_commitment(path, self.commitment_id)


def parse_watch(text: str) -> WatchEdit:
    first, *rest = text.strip().split("\n") if text.strip() else [""]
    words = first.split()
    if not words or words[0].lower() not in ("add", "set", "remove"):
        raise WatchUsageError("Say add, set or remove.")
    action = words[0].lower()
    if len(words) < 2:
        raise WatchUsageError(f"/watch {action} needs a pledge id.")
    if action == "remove":
        if len(words) != 2 or rest:
            raise WatchUsageError("/watch remove takes just the pledge id.")
        return WatchEdit("remove", words[1])
    if action == "set":
        return _parse_set(words[1:], rest)
    return _parse_add(words[1], " ".join(words[2:]), rest)


def _parse_set(words: list[str], rest: list[str]) -> WatchEdit:
    if len(words) < 3:
        raise WatchUsageError("/watch set needs the pledge id, a field and a value (none clears a deadline).")
    commitment_id, field, *value = words
    full_value = " ".join([*value, *rest]).strip()
    return WatchEdit("set", commitment_id, detail=field, field=field.lower(), value=full_value)


def _parse_add(commitment_id: str, title: str, lines: list[str]) -> WatchEdit:
    fields: dict[str, str] = {"title": title} if title else {}
    for line in lines:
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        name = name.strip().lower()
        if not colon or name not in _ADD_FIELDS:
            raise WatchUsageError(f"Each line after the first is field: value ({', '.join(_ADD_FIELDS)}).")
        fields[name] = value.strip()
    missing = [name for name in ("title", "quote") if not fields.get(name)]
    if missing:
        raise WatchUsageError(f"/watch add needs {' and '.join(missing)} (title after the id, quote: on a line).")
    return WatchEdit("add", commitment_id, commitment=_commitment(commitment_id, fields))


def _commitment(commitment_id: str, fields: dict[str, str]) -> Commitment:
    def listed(name: str) -> tuple[str, ...]:
        return tuple(item.strip() for item in fields.get(name, "").split(",") if item.strip())

    deadline = None
    if fields.get("deadline"):
        try:
            deadline = datetime.date.fromisoformat(fields["deadline"])
        except ValueError:
            raise WatchUsageError(f"deadline must be a date like 2027-06-30 (got {fields['deadline']}).") from None
    return Commitment(
        id=commitment_id,
        title=fields["title"],
        section=fields.get("section", ""),
        quote=fields["quote"],
        deadline=deadline,
        aliases=listed("aliases"),
        keywords=listed("keywords"),
        exclude=listed("exclude"),
        tags=listed("tags"),
    )
