"""The Telegram interface: one table of commands, their handlers, buttons and rendered answers."""

from bot.telegram.application import BotApplication, MissingTokenError, build_application

__all__ = ["BotApplication", "MissingTokenError", "build_application"]
