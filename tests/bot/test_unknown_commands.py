"""A command the bot does not know: in a private chat, one line naming the closest command and /help;
in a group, silence (it is probably another bot's), unless it was addressed to this bot by name."""

from __future__ import annotations

from bot.telegram.application import BotApplication
from tests.bot.harness import ADMIN_ID
from tests.support.telegram.client import TelegramHarness


async def test_a_typo_in_a_private_chat_names_the_closest_command(
    telegram: TelegramHarness, bot: BotApplication
) -> None:
    alice = telegram.private_chat("Alice")
    [reply] = await alice.ask("/stauts ML-1")
    assert reply.visible_text == "Unknown command /stauts — did you mean /status? /help lists every command."


async def test_a_command_like_nothing_known_points_to_help(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat("Alice")
    [reply] = await alice.ask("/frobnicate")
    assert reply.visible_text == "Unknown command /frobnicate. /help lists every command."


async def test_only_administrators_are_pointed_to_administrators_commands(
    telegram: TelegramHarness, bot: BotApplication
) -> None:
    [for_reader] = await telegram.private_chat("Alice").ask("/stat")
    [for_admin] = await telegram.private_chat("Admin", user_id=ADMIN_ID).ask("/stat")
    assert "did you mean /start?" in for_reader.visible_text
    assert "did you mean /stats?" in for_admin.visible_text


async def test_a_known_command_gets_its_answer_and_nothing_more(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat("Alice")
    await alice.ask("/help")
    [reply] = await alice.ask("/frobnicate")
    assert reply.visible_text.startswith("Unknown command")  # the /help answer came alone


async def test_an_unknown_command_in_a_group_is_left_to_other_bots(
    telegram: TelegramHarness, bot: BotApplication
) -> None:
    group = telegram.group_chat("Analysts")
    await group.send("/frobnicate")
    await group.send("/frobnicate@some_other_bot")
    [reply] = await group.ask(f"/help@{telegram.bot_username}")
    assert reply.visible_text.startswith("Commands")
    assert group.unread() == []


async def test_an_unknown_command_addressed_to_this_bot_in_a_group_is_answered(
    telegram: TelegramHarness, bot: BotApplication
) -> None:
    group = telegram.group_chat("Analysts")
    [reply] = await group.ask(f"/stauts@{telegram.bot_username} ML-1")
    assert reply.visible_text == "Unknown command /stauts — did you mean /status? /help lists every command."
