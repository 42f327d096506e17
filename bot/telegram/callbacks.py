"""Inline-button payloads: `action:arg:arg`, never over Telegram's 64-byte limit.

Pledge ids, tags and section names are usually short enough to travel as they are; a long one
(or one containing `:`) travels as `~` plus a short hash and is found again by hashing the
candidates. Nothing is kept in memory, so buttons keep working across restarts and reloads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from storage import ALL, COMMITMENT, KIND, TAG

MAX_CALLBACK_BYTES = 64
_HASH_MARK = "~"
_ALL_TOKEN = "*"
_TAG_MARK = "#"
_KIND_MARK = "%"

STATUS = "status"
SUBSCRIBE = "sub"
UNSUBSCRIBE = "unsub"
LIST_PAGE = "list"
BROWSE = "browse"
SCORECARD_PAGE = "score"


def _hashed(value: str) -> str:
    return _HASH_MARK + hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]


def token(value: str, room: int) -> str:
    """`value` itself when it fits in `room` bytes and cannot be mistaken for a mark, else its hash."""
    plain = ":" not in value and not value.startswith((_HASH_MARK, _ALL_TOKEN, _TAG_MARK, _KIND_MARK))
    return value if plain and len(value.encode("utf-8")) <= room else _hashed(value)


def untoken(text: str, candidates: Iterable[str]) -> str | None:
    """The candidate a token stands for (None when the watchlist no longer has it)."""
    for candidate in candidates:
        if text in (candidate, _hashed(candidate)):
            return candidate
    return None


def pack(action: str, *args: str) -> str:
    """Join an action and its arguments; the last argument is shortened to fit when needed."""
    if not args:
        return action
    head = ":".join([action, *args[:-1]])
    room = MAX_CALLBACK_BYTES - len(head.encode("utf-8")) - 1
    data = f"{head}:{token(args[-1], room)}"
    assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES, data
    return data


@dataclass(frozen=True, slots=True)
class Pressed:
    action: str
    args: tuple[str, ...]


def unpack(data: str) -> Pressed:
    action, *args = data.split(":")
    return Pressed(action, tuple(args))


def subscribe_data(action: str, kind: str, value: str = "") -> str:
    """A (un)subscribe button's payload: `sub:*` for everything, `sub:#tag`, `sub:%kind` or `sub:<pledge id>`."""
    if kind == ALL:
        return f"{action}:{_ALL_TOKEN}"
    if kind == KIND:
        return f"{action}:{_KIND_MARK}{value}"
    room = MAX_CALLBACK_BYTES - len(action.encode("utf-8")) - 1
    if kind == TAG:
        return f"{action}:{_TAG_MARK}{token(value, room - 1)}"
    return f"{action}:{token(value, room)}"


def parse_target(arg: str, commitment_ids: Iterable[str], tags: Iterable[str]) -> tuple[str, str] | None:
    """The (kind, value) a target argument stands for, or None when it no longer exists."""
    if arg == _ALL_TOKEN:
        return ALL, ""
    if arg.startswith(_KIND_MARK):
        return KIND, arg[len(_KIND_MARK) :]
    if arg.startswith(_TAG_MARK):
        tag = untoken(arg[len(_TAG_MARK) :], tags)
        return (TAG, tag) if tag is not None else None
    commitment_id = untoken(arg, commitment_ids)
    return (COMMITMENT, commitment_id) if commitment_id is not None else None
