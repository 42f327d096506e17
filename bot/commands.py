"""The bot's commands as one table: what `/help`, setMyCommands and the usage lines all read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    args: str
    description: str
    example: str = ""
    admin: bool = False

    def usage(self) -> str:
        line = f"Usage: /{self.name} {self.args}".rstrip()
        return f"{line} — e.g. {self.example}" if self.example else line


COMMANDS = (
    Command("start", "", "what this bot tracks and how to use it"),
    Command("help", "", "every command"),
    Command("list", "[section or tag]", "browse the pledges by section", "/list transport"),
    Command("status", "<id | alias | words>", "one pledge: its text, deadline and latest news", "/status ML-1"),
    Command("latest", "[n]", "the newest news matched to any pledge", "/latest 10"),
    Command("search", "<words>", "search the stored news", "/search Gwadar airport"),
    Command("subscribe", "<id | tag | all>", "get alerts for a pledge, a tag or everything", "/subscribe ML-1"),
    Command("unsubscribe", "<id | tag | all>", "stop alerts", "/unsubscribe all"),
    Command("mysubs", "", "this chat's subscriptions and settings"),
    Command("mute", "<duration> | off", "hold alerts for a while (they arrive later)", "/mute 2h"),
    Command("digest", "off | daily HH:MM", "one message a day instead of each alert", "/digest daily 08:00"),
    Command("tz", "<IANA zone>", "this chat's time zone for digests and times", "/tz Asia/Karachi"),
    Command("feeds", "", "feed health", admin=True),
    Command(
        "watch",
        "add <id> | set <id> <field> <value> | remove <id>",
        "edit the watchlist",
        "/watch set ml-1-railway deadline 2027-06-30",
        admin=True,
    ),
    Command("stats", "", "counts of pledges, news, chats and pending alerts", admin=True),
)

_BY_NAME = {command.name: command for command in COMMANDS}


def usage(name: str) -> str:
    return _BY_NAME[name].usage()


def public_commands() -> list[tuple[str, str]]:
    """(command, description) pairs for setMyCommands: admin commands stay out of everyone's menu."""
    return [(c.name, c.description) for c in COMMANDS if not c.admin]
