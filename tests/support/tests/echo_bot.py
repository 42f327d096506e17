"""A stand-alone python-telegram-bot program, so a test can drive a bot in another process.

Usage: python echo_bot.py TOKEN API_BASE_URL
"""

from __future__ import annotations

import html
import sys

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_html("<b>Hello</b> from another process")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    await update.effective_message.reply_html(f"<i>{html.escape(update.effective_message.text)}</i>")


def main(token: str, api_base_url: str) -> None:
    app = Application.builder().token(token).base_url(f"{api_base_url}/bot").build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.run_polling(drop_pending_updates=True, timeout=5)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
