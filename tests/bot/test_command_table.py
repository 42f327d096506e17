"""One table of commands: every handler has an entry and every entry is registered, /help and the menu agree."""

from __future__ import annotations

import inspect
import pkgutil
from importlib import import_module

from telegram.ext import CommandHandler

import bot.telegram.handlers
from bot.telegram.application import BotApplication
from bot.telegram.commands import COMMANDS


def _handler_functions() -> set[str]:
    """Every public coroutine in the handler modules that takes exactly (update, context)."""
    found = set()
    for module_info in pkgutil.iter_modules(bot.telegram.handlers.__path__):
        module = import_module(f"bot.telegram.handlers.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.iscoroutinefunction):
            ours = function.__module__ == module.__name__ and not name.startswith("_")
            if ours and list(inspect.signature(function).parameters) == ["update", "context"]:
                found.add(f"{module.__name__}.{name}")
    return found


def _qualified(function: object) -> str:
    return f"{getattr(function, '__module__', '?')}.{getattr(function, '__name__', '?')}"


def test_every_handler_is_a_command_of_the_table_or_registered_for_buttons_or_updates(bot: BotApplication) -> None:
    registered = [handler for group in bot.handlers.values() for handler in group]
    others = {_qualified(h.callback) for h in registered if not isinstance(h, CommandHandler)}
    commands = {_qualified(command.handler) for command in COMMANDS}
    assert _handler_functions() - commands - others == set()


def test_every_entry_of_the_table_is_registered_once_in_its_order(bot: BotApplication) -> None:
    registered = [handler for group in bot.handlers.values() for handler in group]
    names = [name for h in registered if isinstance(h, CommandHandler) for name in sorted(h.commands)]
    assert names == [command.name for command in COMMANDS]


def test_every_entry_has_a_description_and_a_usage_line() -> None:
    for command in COMMANDS:
        assert command.description and command.usage().startswith(f"Usage: /{command.name}")
