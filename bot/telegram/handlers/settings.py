"""/mute, /digest, /tz: they only store the chat's settings; the alerts dispatcher honours them."""

from __future__ import annotations

from telegram import Update

from bot.telegram.handlers.common import Context, UsageError, answer, chat_id, services_of
from bot.telegram.parsing import closest_time_zones, parse_clock, parse_duration, parse_time_zone
from bot.telegram.render.chat import render_digest, render_muted, render_time_zone, render_unmuted
from storage import DIGEST, IMMEDIATE, get_chat, update_chat

DEFAULT_ZONE = "UTC"


async def mute(update: Update, context: Context) -> None:
    args = context.args or []
    services = services_of(context)
    now = services.clock()
    if [arg.lower() for arg in args] == ["off"]:
        async with services.database.transaction() as connection:
            chat = await get_chat(connection, chat_id(update))
            await update_chat(connection, chat_id(update), muted_until=None)
        held = chat is not None and chat.muted_until is not None and chat.muted_until > now
        await answer(update, context, render_unmuted(held))
        return
    duration = parse_duration(" ".join(args))
    if duration is None:
        raise UsageError("Give a duration (30m, 2h, 1d, up to a year) or off.")
    until = now + duration
    async with services.database.transaction() as connection:
        await update_chat(connection, chat_id(update), muted_until=until)
        chat = await get_chat(connection, chat_id(update))
    await answer(update, context, render_muted(until, chat.timezone if chat else DEFAULT_ZONE))


async def digest(update: Update, context: Context) -> None:
    args = [arg.lower() for arg in context.args or []]
    services = services_of(context)
    if args == ["off"]:
        async with services.database.transaction() as connection:
            await update_chat(connection, chat_id(update), delivery_mode=IMMEDIATE, digest_time=None)
        await answer(update, context, render_digest(None, DEFAULT_ZONE))
        return
    time = parse_clock(args[1]) if len(args) == 2 and args[0] == "daily" else None
    if time is None:
        raise UsageError("Say off, or daily and a time of day as HH:MM.")
    async with services.database.transaction() as connection:
        await update_chat(connection, chat_id(update), delivery_mode=DIGEST, digest_time=time)
        chat = await get_chat(connection, chat_id(update))
    await answer(update, context, render_digest(time, chat.timezone if chat else DEFAULT_ZONE))


async def time_zone(update: Update, context: Context) -> None:
    args = context.args or []
    services = services_of(context)
    if len(args) != 1:
        async with services.database.transaction() as connection:
            chat = await get_chat(connection, chat_id(update))
        note = f"This chat's time zone is {chat.timezone if chat else DEFAULT_ZONE}."
        raise UsageError(note)
    zone = parse_time_zone(args[0])
    if zone is None:
        close = closest_time_zones(args[0])
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"Unknown time zone “{args[0]}”.{hint}")
    async with services.database.transaction() as connection:
        await update_chat(connection, chat_id(update), timezone=zone)
    await answer(update, context, render_time_zone(zone, services.clock()))
