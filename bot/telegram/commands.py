"""The bot's commands as one table: registration, `/help`, the command menu and usage lines all read it.

A handler never formats its own usage line or checks admin rights: it raises `UsageError` with a
note saying what was wrong, and the command's entry here answers with the note and its usage
line; an admin entry refuses everyone else before the handler runs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.html import escape
from bot.telegram.handlers import admin, browse, settings, start, subscriptions
from bot.telegram.handlers.common import Context, Handler, UsageError, answer, services_of
from bot.telegram.render.admin import render_refusal
from bot.telegram.render.pledges import render_help

COMMAND_UPDATES = filters.UpdateType.MESSAGE & ~filters.ChatType.CHANNEL

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    args: str
    description: str
    handler: Handler
    example: str = ""
    admin: bool = False

    def usage(self) -> str:
        line = f"Usage: /{self.name} {self.args}".rstrip()
        return f"{line} — e.g. {self.example}" if self.example else line

    def handler_for_telegram(self) -> CommandHandler[Context, None]:
        return CommandHandler(self.name, self._invoke, filters=COMMAND_UPDATES)

    async def _invoke(self, update: Update, context: Context) -> None:
        if self.admin and not _is_admin(update, context):
            log.warning(
                "refused /%s to non-admin user %s in chat %s",
                self.name,
                update.effective_user.id if update.effective_user else "unknown",
                update.effective_chat.id if update.effective_chat else "unknown",
            )
            await answer(update, context, render_refusal(self.name))
            return
        try:
            await self.handler(update, context)
        except UsageError as wrong:
            prefix = f"{escape(wrong.note)}\n" if wrong.note else ""
            await answer(update, context, prefix + escape(self.usage()), wrong.keyboard)


def _is_admin(update: Update, context: Context) -> bool:
    user = update.effective_user
    return services_of(context).is_admin(user.id if user else None)


async def help_command(update: Update, context: Context) -> None:
    await answer(update, context, render_help(COMMANDS, _is_admin(update, context), context.bot.username))


COMMANDS: tuple[Command, ...] = (
    Command("start", "", "what this bot tracks and how to use it", start.start),
    Command("help", "", "every command", help_command),
    Command("list", "[section or tag]", "browse the pledges by section", browse.list_command, "/list transport"),
    Command(
        "status",
        "<id | alias | words>",
        "one pledge: its text, deadline and latest news",
        browse.status,
        "/status ML-1",
    ),
    Command("latest", "[n]", "the newest news matched to any pledge", browse.latest, "/latest 10"),
    Command("search", "<words>", "search the stored news", browse.search, "/search Gwadar airport"),
    Command(
        "subscribe",
        "<id | tag | all>",
        "get alerts for a pledge, a tag or everything",
        subscriptions.subscribe_command,
        "/subscribe ML-1",
    ),
    Command("unsubscribe", "<id | tag | all>", "stop alerts", subscriptions.unsubscribe_command, "/unsubscribe all"),
    Command("mysubs", "", "this chat's subscriptions and settings", subscriptions.mysubs),
    Command("mute", "<duration> | off", "hold alerts for a while (they arrive later)", settings.mute, "/mute 2h"),
    Command(
        "digest", "off | daily HH:MM", "one message a day instead of each alert", settings.digest, "/digest daily 08:00"
    ),
    Command("tz", "<IANA zone>", "this chat's time zone for digests and times", settings.time_zone, "/tz Asia/Karachi"),
    Command("feeds", "", "feed health", admin.feeds, admin=True),
    Command(
        "watch",
        "add <id> | set <id> <field> <value> | remove <id>",
        "edit the watchlist",
        admin.watch,
        "/watch set ml-1-railway deadline 2027-06-30",
        admin=True,
    ),
    Command("stats", "", "counts of pledges, news, chats and pending alerts", admin.stats, admin=True),
)

_BY_NAME = {command.name: command for command in COMMANDS}


def usage(name: str) -> str:
    return _BY_NAME[name].usage()


def public_commands() -> list[tuple[str, str]]:
    """(command, description) pairs for setMyCommands: admin commands stay out of everyone's menu."""
    return [(c.name, c.description) for c in COMMANDS if not c.admin]
