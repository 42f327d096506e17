"""Administrators' commands: /feeds, /stats and /watch (the same watchlist edits as the CLI)."""

from __future__ import annotations

import logging

from telegram import Update

from bot.telegram.handlers.common import Context, UsageError, answer, services_of
from bot.telegram.render.admin import render_feeds, render_stats, render_watch_done, render_watch_error
from bot.telegram.watch_edits import WatchUsageError, parse_watch
from storage import list_feeds, totals
from watchlist import WatchlistError

log = logging.getLogger(__name__)


async def feeds(update: Update, context: Context) -> None:
    services = services_of(context)
    async with services.database.transaction() as connection:
        rows = await list_feeds(connection)
    await answer(update, context, render_feeds(rows, services.clock()))


async def stats(update: Update, context: Context) -> None:
    services = services_of(context)
    async with services.database.transaction() as connection:
        counted = await totals(connection)
    await answer(update, context, render_stats(len(services.watchlist.commitments), counted))


async def watch(update: Update, context: Context) -> None:
    """Edit the file only: the app's reloader takes it in on its next tick (and re-syncs the search feeds)."""
    message = update.effective_message
    command_and_rest = (message.text or "").split(maxsplit=1) if message else []
    try:
        edit = parse_watch(command_and_rest[1] if len(command_and_rest) == 2 else "")
    except WatchUsageError as error:
        raise UsageError(str(error)) from None
    services = services_of(context)
    path = services.config.watchlist.path
    try:
        edit.apply(path)  # milliseconds, and run in the loop so two admins' edits never interleave
    except WatchlistError as error:
        await answer(update, context, render_watch_error(str(error)))
        return
    user = update.effective_user
    log.info("watchlist edited by admin %s: %s %s", user.id if user else "?", edit.action, edit.commitment_id)
    await answer(update, context, render_watch_done(edit.done, edit.commitment_id, edit.detail))
