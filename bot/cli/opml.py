"""The work of `pledgewatch feeds export | import`: the feed list as OPML, the file feed readers exchange."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

from bot.cli.common import fail, load_or_fail
from bot.config import DEFAULT_CONFIG_NAME, Config
from bot.opml_config import ConfigEditError, ImportPlan, add_feed_tables, exported_feeds, plan_import
from feeds import FeedSettings, search_feeds
from feeds.opml import OpmlError, read_opml, write_opml
from watchlist import WatchlistError, load_watchlist, write_atomically


def export_opml(config: Config) -> str:
    return write_opml("pledgewatch feeds", exported_feeds(config.feeds, _searches(config)), datetime.now(UTC))


def import_opml(file: Path, config: Path | None) -> None:
    """Add the file's new feeds to the config file (./config.toml by default), then say what was added and skipped."""
    path = config or Path(DEFAULT_CONFIG_NAME)
    if not path.exists():
        fail(f"{path}: file not found (copy config.example.toml to {DEFAULT_CONFIG_NAME} first, or pass --config)")
    loaded = load_or_fail(path)
    try:
        outlines = read_opml(file.read_bytes())
    except OSError as error:
        fail(f"{file}: cannot read: {error.strerror or error}")
    except OpmlError as error:
        fail(f"{file}:{error.line}: {error.reason}" if error.line else f"{file}: {error.reason}")
    plan = plan_import(outlines, [*loaded.feeds, *_searches_if_any(loaded)])
    if plan.added:
        try:
            write_atomically(path, add_feed_tables(path.read_text(encoding="utf-8"), plan.added, file.name))
        except (ConfigEditError, WatchlistError) as error:
            fail(f"{path}: {error}")
    for feed, _folder in plan.added:
        typer.echo(f"added {feed.name}: {feed.url}")
    typer.echo(_import_summary(path, plan))


def _searches(config: Config) -> list[FeedSettings]:
    """The news-search feeds `run` makes from the watchlist, which an export must list."""
    try:
        return _search_feeds_of(config)
    except WatchlistError as error:
        fail(f"watchlist: {error}")


def _searches_if_any(config: Config) -> list[FeedSettings]:
    """For an import the searches only reserve their URLs and names: no watchlist yet means none."""
    try:
        return _search_feeds_of(config)
    except WatchlistError:
        return []


def _search_feeds_of(config: Config) -> list[FeedSettings]:
    if not config.search.enabled:
        return []
    return search_feeds(load_watchlist(config.watchlist.path), config.search.url_template)


def _import_summary(path: Path, plan: ImportPlan) -> str:
    skipped = [
        f"{len(plan.already_there)} already in the config" if plan.already_there else "",
        f"{len(plan.repeated)} repeated in the file" if plan.repeated else "",
        f"{len(plan.searches)} pledgewatch news searches (made from the watchlist)" if plan.searches else "",
    ]
    added = f"{len(plan.added)} feeds added" if plan.added else "no new feeds, the file is unchanged"
    details = "; ".join(part for part in skipped if part)
    return f"{path}: {added}" + (f"; skipped {details}" if details else "")
