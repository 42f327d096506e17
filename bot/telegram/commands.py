"""The bot's commands as one table: registration, `/help`, the command menu and usage lines all read it.

A handler never formats its own usage line or checks admin rights: it raises `UsageError` with a
note saying what was wrong, and the command's entry here answers with the note and its usage
line; an admin entry refuses everyone else before the handler runs. A command that is not in the
table gets the closest one that is (`unknown_command`).
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.html import escape
from bot.telegram.handlers import admin, browse, feedback, settings, start, statuses, subscriptions
from bot.telegram.handlers.common import Context, Handler, UsageError, answer, services_of
from bot.telegram.render.admin import render_refusal
from bot.telegram.render.pledges import render_help, render_unknown_command

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
    Command(
        "list",
        "[section | tag | kind:<kind>]",
        "browse the pledges by section",
        browse.list_command,
        "/list kind:position",
    ),
    Command(
        "status",
        "<id | alias | words>",
        "one pledge: its text, deadline and latest news",
        browse.status,
        "/status ML-1",
    ),
    Command(
        "scorecard",
        "[weekly [day] [HH:MM] | off]",
        "every pledge's status by section; weekly: get it every week",
        statuses.scorecard,
        "/scorecard weekly mon 09:00",
    ),
    Command("latest", "[n]", "the newest news matched to any pledge", browse.latest, "/latest 10"),
    Command("search", "<words>", "search the stored news", browse.search, "/search Gwadar airport"),
    Command(
        "subscribe",
        "<id | tag | kind:<kind> | all>",
        "get alerts for a pledge, a tag, a kind of entry or everything",
        subscriptions.subscribe_command,
        "/subscribe ML-1",
    ),
    Command(
        "unsubscribe",
        "<id | tag | kind:<kind> | all>",
        "stop alerts",
        subscriptions.unsubscribe_command,
        "/unsubscribe all",
    ),
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
    Command(
        "link",
        "<article link or id> <pledge>",
        "link an article that should have matched (the matcher learns from it)",
        feedback.link,
        "/link https://www.dawn.com/news/123 ML-1",
        admin=True,
    ),
    Command(
        "setstatus",
        "<pledge> <status> <note> [link]",
        "judge a pledge's status (delivered needs a link; auto hands it back to the rules)",
        statuses.setstatus,
        "/setstatus ML-1 delivered Line opened to traffic https://example.org/news",
        admin=True,
    ),
)

_BY_NAME = {command.name: command for command in COMMANDS}


def usage(name: str) -> str:
    return _BY_NAME[name].usage()


def unknown_command_handler() -> MessageHandler[Context, None]:
    """Registered after every command's handler, so it sees only the commands none of them took."""
    return MessageHandler(COMMAND_UPDATES & filters.COMMAND, unknown_command)


async def unknown_command(update: Update, context: Context) -> None:
    """Name the closest command, in a private chat or when addressed to this bot by name; in a group,
    stay silent: `/frobnicate` there is probably another bot's."""
    message, chat = update.message, update.effective_chat
    if message is None or message.text is None or not message.entities or chat is None:
        return
    name, _, addressee = message.text[1 : message.entities[0].length].partition("@")
    for_us = addressee.lower() == context.bot.username.lower() if addressee else chat.type == ChatType.PRIVATE
    if not for_us:
        return
    usable = [command.name for command in COMMANDS if not command.admin or _is_admin(update, context)]
    closest = difflib.get_close_matches(name.lower(), usable, n=1)
    await answer(update, context, render_unknown_command(name, closest[0] if closest else None))


def public_commands() -> list[tuple[str, str]]:
    """(command, description) pairs for setMyCommands: admin commands stay out of everyone's menu."""
    return [(c.name, c.description) for c in COMMANDS if not c.admin]
