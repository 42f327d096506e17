"""/start and /help: what the bot tracks and how to use it."""

from __future__ import annotations

from telegram import Update

from bot.handlers.common import Context, answer, services_of
from bot.keyboards import start_keyboard
from bot.render_pledges import render_help, render_start


async def start(update: Update, context: Context) -> None:
    await answer(update, context, render_start(services_of(context).watchlist), start_keyboard())


async def help_command(update: Update, context: Context) -> None:
    user = update.effective_user
    is_admin = services_of(context).is_admin(user.id if user else None)
    await answer(update, context, render_help(is_admin, context.bot.username))
