"""The Telegram application: one builder, one list of every handler, commands registered at start.

`pledgewatch run` builds it with `build_application(services)` and runs it (long polling or
webhook); tests run the same object against the emulator. Handlers reach the Services through
`application.bot_data["services"]` (`bot.telegram.handlers.common.services_of`). Every Bot API
call goes through a `Transport` reporting to one `TelegramLink`, which logs outages once.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import Application, CallbackQueryHandler, TypeHandler

from bot.bot_api import Transport
from bot.feedback import FEEDBACK
from bot.services import Services
from bot.telegram.callbacks import BROWSE, LIST_PAGE, SCORECARD_PAGE, STATUS, SUBSCRIBE, UNSUBSCRIBE
from bot.telegram.commands import COMMANDS, public_commands, unknown_command_handler
from bot.telegram.handlers import buttons, feedback
from bot.telegram.handlers.common import SERVICES_KEY, Context, record_chat
from bot.telegram.reachability import TelegramLink

BotApplication = Application[Any, Any, Any, Any, Any, Any]
RECORD_CHATS_GROUP = -1
LINK_KEY = "telegram_link"
LAST_APOLOGY_KEY = "last_apology_update_id"
APOLOGY = "Sorry, something went wrong on our side; it has been logged. Please try again later."

log = logging.getLogger(__name__)


class MissingTokenError(ValueError):
    """The app was asked to talk to Telegram without a bot token."""


def build_application(services: Services) -> BotApplication:
    """The bot, configured for `services.config.telegram` and holding `services` in `bot_data`."""
    token = services.config.token
    if not token:
        raise MissingTokenError("no bot token: set [telegram] token or PLEDGEWATCH_TELEGRAM_TOKEN")
    api = services.config.telegram.api_base_url
    link = TelegramLink()
    application: BotApplication = (
        Application.builder()
        .token(token)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .request(Transport(link.observe))
        .get_updates_request(Transport(link.observe, connection_pool_size=1))
        .post_init(register_commands)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services
    application.bot_data[LINK_KEY] = link
    register_handlers(application)
    return application


async def start_polling(application: BotApplication) -> None:
    """Answer by long polling; a failed poll is the link's to report (once per outage), not a traceback each."""
    link = application.bot_data[LINK_KEY]
    if not isinstance(link, TelegramLink) or application.updater is None:
        raise TypeError("start_polling needs an application made by build_application")
    await application.updater.start_polling(error_callback=link.polling_failed)


def register_handlers(application: BotApplication) -> None:
    """Every command and button of the bot, in one place."""
    application.add_handler(TypeHandler(Update, record_chat), group=RECORD_CHATS_GROUP)
    for command in COMMANDS:
        application.add_handler(command.handler_for_telegram())
    application.add_handler(unknown_command_handler())  # after every command: it takes what they left
    application.add_handler(CallbackQueryHandler(buttons.status_pressed, pattern=rf"^{STATUS}:"))
    application.add_handler(
        CallbackQueryHandler(buttons.subscription_pressed, pattern=rf"^({SUBSCRIBE}|{UNSUBSCRIBE}):")
    )
    application.add_handler(CallbackQueryHandler(buttons.page_pressed, pattern=rf"^{LIST_PAGE}:"))
    application.add_handler(CallbackQueryHandler(buttons.browse_pressed, pattern=rf"^{BROWSE}$"))
    application.add_handler(CallbackQueryHandler(buttons.scorecard_page_pressed, pattern=rf"^{SCORECARD_PAGE}:"))
    application.add_handler(CallbackQueryHandler(feedback.feedback_pressed, pattern=rf"^{FEEDBACK}:"))
    application.add_handler(CallbackQueryHandler(buttons.unknown_pressed))
    application.add_error_handler(report_error)


async def register_commands(application: BotApplication) -> None:
    """The command menu users see; admin commands are left out of it (they are in /help for admins)."""
    await application.bot.set_my_commands([BotCommand(name, text) for name, text in public_commands()])


async def report_error(update: object, context: Context) -> None:
    """Log the failure in full and tell the user once per update; never show them a traceback."""
    log.error("handler failed for update %s", getattr(update, "update_id", "?"), exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if context.bot_data.get(LAST_APOLOGY_KEY) == update.update_id:  # an update that failed in two handlers
        return
    context.bot_data[LAST_APOLOGY_KEY] = update.update_id
    if update.callback_query is not None:
        await _quietly(update.callback_query.answer())
    await _quietly(context.bot.send_message(update.effective_chat.id, APOLOGY))


async def _quietly(call: Any) -> None:
    try:
        await call
    except Exception:  # the error report must not raise in its turn
        log.debug("could not tell the user about an error", exc_info=True)
