"""/subscribe, /unsubscribe, /mysubs — and the Subscribe/Unsubscribe buttons."""

from __future__ import annotations

from telegram import Update

from bot.telegram.callbacks import SUBSCRIBE, UNSUBSCRIBE
from bot.telegram.handlers.common import Context, UsageError, answer, chat_id, query_text, services_of
from bot.telegram.keyboards import subscribe_choices, suggestions_keyboard, unsubscribe_keyboard
from bot.telegram.lookup import EVERYTHING, Found, Target, find_target, unknown_kind
from bot.telegram.render.chat import (
    render_mysubs,
    render_settings,
    render_subscribed,
    render_unsubscribed,
    target_label,
)
from bot.telegram.render.pledges import render_suggestions
from storage import get_chat, list_subscriptions, subscribe, unsubscribe


async def subscribe_command(update: Update, context: Context) -> None:
    watchlist = services_of(context).watchlist
    query = query_text(context)
    if not query:
        text = (
            "Subscribe this chat to what? Everything, a tag, a kind of entry (/subscribe kind:position) "
            "or one pledge (/list, or /subscribe ML-1)."
        )
        await answer(update, context, text, subscribe_choices(watchlist.tags(), watchlist.kinds()))
        return
    if problem := unknown_kind(query):
        raise UsageError(problem)
    target = find_target(watchlist, query)
    if isinstance(target, Found):
        text = render_suggestions(query, target.closest, "subscribe to it")
        await answer(update, context, text, suggestions_keyboard(target.closest, SUBSCRIBE))
        return
    await subscribe_to(update, context, target)


async def subscribe_to(update: Update, context: Context, target: Target) -> None:
    services = services_of(context)
    async with services.database.transaction() as connection:
        added = await subscribe(connection, chat_id(update), target.kind, target.value, services.clock())
    await answer(update, context, render_subscribed(target_label(target.kind, target.value, services.watchlist), added))


async def unsubscribe_command(update: Update, context: Context) -> None:
    services = services_of(context)
    query = query_text(context)
    if not query:
        async with services.database.transaction() as connection:
            current = await list_subscriptions(connection, chat_id(update))
        titles = services.watchlist.titles()
        note = "Unsubscribe from what? Tap one below, or name it." if current else "This chat has no subscriptions."
        raise UsageError(note, unsubscribe_keyboard(current, titles))
    if problem := unknown_kind(query):
        raise UsageError(problem)
    target = find_target(services.watchlist, query)
    if isinstance(target, Found):
        text = render_suggestions(query, target.closest, "unsubscribe from it")
        await answer(update, context, text, suggestions_keyboard(target.closest, UNSUBSCRIBE))
        return
    await unsubscribe_from(update, context, target)


async def unsubscribe_from(update: Update, context: Context, target: Target) -> None:
    """`all` removes every subscription of the chat; anything else removes that one."""
    services = services_of(context)
    kind = None if target == EVERYTHING else target.kind
    async with services.database.transaction() as connection:
        removed = await unsubscribe(connection, chat_id(update), kind, target.value)
    label = "everything" if kind is None else target_label(target.kind, target.value, services.watchlist)
    await answer(update, context, render_unsubscribed(label, removed))


async def mysubs(update: Update, context: Context) -> None:
    services = services_of(context)
    async with services.database.transaction() as connection:
        current = await list_subscriptions(connection, chat_id(update))
        chat = await get_chat(connection, chat_id(update))
    text = render_mysubs(current, services.watchlist, render_settings(chat, services.clock()))
    titles = services.watchlist.titles()
    await answer(update, context, text, unsubscribe_keyboard(current, titles))
