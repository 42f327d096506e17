"""Between OPML files and the config's `[[feeds]]`: which feeds an export lists, which an import adds, and
the edit of config.toml that adds them (tomlkit keeps the comments, order and layout people wrote).

Pure: values and text in, values and text out; `bot/cli/feeds.py` reads and writes the files.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import tomlkit
from pydantic import ValidationError
from tomlkit.items import AoT, Array
from tomlkit.toml_document import TOMLDocument

from bot.config import Config
from feeds import FeedSettings
from feeds.opml import OpmlFeed

OUTLETS_FOLDER = "pledgewatch outlets"
SEARCHES_FOLDER = "pledgewatch news searches"
OUTLET_CATEGORY = "/pledgewatch/outlet"
SEARCH_CATEGORY = "/pledgewatch/search"
"""Marks the searches an export lists: they are made from the watchlist, so an import skips them."""


class ConfigEditError(Exception):
    """The config file cannot take the feeds; the message says why, in one line."""


def exported_feeds(outlets: Sequence[FeedSettings], searches: Sequence[FeedSettings]) -> list[OpmlFeed]:
    """The outlets and the news searches, each in a folder of its own and marked with its category."""
    return [
        *(OpmlFeed(f.name, f.url, (OUTLETS_FOLDER,), (OUTLET_CATEGORY,), f.interval_seconds) for f in outlets),
        *(OpmlFeed(f.name, f.url, (SEARCHES_FOLDER,), (SEARCH_CATEGORY,), f.interval_seconds) for f in searches),
    ]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import does: `added` become `[[feeds]]` (with the folder they came from); the rest is skipped."""

    added: tuple[tuple[FeedSettings, tuple[str, ...]], ...]
    already_there: tuple[OpmlFeed, ...]
    repeated: tuple[OpmlFeed, ...]
    searches: tuple[OpmlFeed, ...]


def plan_import(outlines: Sequence[OpmlFeed], existing: Iterable[FeedSettings]) -> ImportPlan:
    """New URLs only, each once, under a name no other feed has (the title, else the URL's host and path)."""
    existing = list(existing)
    known = {_url_key(feed.url) for feed in existing}
    names = {feed.name for feed in existing}
    added: list[tuple[FeedSettings, tuple[str, ...]]] = []
    already: list[OpmlFeed] = []
    repeated: list[OpmlFeed] = []
    searches: list[OpmlFeed] = []
    seen: set[str] = set()
    for outline in outlines:
        key = _url_key(outline.url)
        if SEARCH_CATEGORY in outline.categories:
            searches.append(outline)
        elif key in known:
            already.append(outline)
        elif key in seen:
            repeated.append(outline)
        else:
            seen.add(key)
            name = _unique(outline.title or _name_from_url(outline.url), names)
            names.add(name)
            added.append(
                (FeedSettings(name=name, url=outline.url, interval_seconds=outline.interval_seconds), outline.folder)
            )
    return ImportPlan(tuple(added), tuple(already), tuple(repeated), tuple(searches))


def add_feed_tables(config_text: str, feeds: Sequence[tuple[FeedSettings, tuple[str, ...]]], source: str) -> str:
    """The config text with one `[[feeds]]` table per feed after the existing ones, each noting its origin.

    The result is validated as a whole, so a config that would no longer load is never returned.
    """
    document = tomlkit.parse(config_text)
    tables, among_others = _feed_tables(document)
    for feed, folder in feeds:
        table = tomlkit.table()
        table.add("name", feed.name)
        table.add("url", feed.url)
        if feed.interval_seconds is not None:
            seconds = feed.interval_seconds
            table.add("interval_seconds", int(seconds) if seconds.is_integer() else seconds)
        table.comment(f"from {source}" + (f": {'/'.join(folder)}" if folder else ""))
        if among_others:
            table.add(tomlkit.nl())  # set apart like the tables around it; new ones tomlkit spaces itself
        tables.append(table)
    text = tomlkit.dumps(document)
    try:
        Config.model_validate(tomllib.loads(text))
    except (ValidationError, tomllib.TOMLDecodeError) as error:
        raise ConfigEditError(f"the feeds would make the config invalid: {str(error).splitlines()[0]}") from None
    return text


def _feed_tables(document: TOMLDocument) -> tuple[AoT, bool]:
    """The `[[feeds]]` tables, made at the end if there are none; True when they already existed."""
    tables = document.get("feeds")
    if isinstance(tables, AoT):
        return tables, True
    if isinstance(tables, Array) and len(tables) == 0:
        del document["feeds"]  # `feeds = []`: replaced by tables
    elif tables is not None:
        raise ConfigEditError("feeds: not written as [[feeds]] tables; write each feed as one to import into this file")
    document.add(tomlkit.nl())
    document.add("feeds", tomlkit.aot())
    created = document["feeds"]
    assert isinstance(created, AoT)
    return created, False


def _url_key(url: str) -> str:
    """The same feed whatever the case of its host or a bare trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path if parts.path not in ("", "/") else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}" + (f"?{parts.query}" if parts.query else "")


def _name_from_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or ''}{parts.path.rstrip('/')}"


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name} ({number})", number + 1
    return candidate
