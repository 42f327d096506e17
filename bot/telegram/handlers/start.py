"""/start: what the bot tracks and how to use it (/help lives beside the command table it lists)."""

from __future__ import annotations

from telegram import Update

from bot.telegram.handlers.common import Context, answer, services_of
from bot.telegram.keyboards import start_keyboard
from bot.telegram.render.pledges import render_start


async def start(update: Update, context: Context) -> None:
    await answer(update, context, render_start(services_of(context).watchlist), start_keyboard())
