"""/start and /help: what the bot tracks, how to use it, and the command menu."""

from __future__ import annotations

from bot.telegram.application import BotApplication
from bot.telegram.commands import public_commands
from tests.bot.harness import ADMIN_ID
from tests.support.telegram.client import TelegramHarness


async def test_start_names_the_communique_and_counts_the_pledges(
    telegram: TelegramHarness, bot: BotApplication
) -> None:
    [reply] = await telegram.private_chat("Alice").ask("/start")
    assert "Pakistan–China joint communique, November 2022" in reply.visible_text
    assert "32 pledges" in reply.visible_text
    assert "/status ML-1" in reply.visible_text
    assert reply.parse_mode == "HTML"


async def test_start_offers_subscribe_and_browse_buttons(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat("Alice").ask("/start")
    assert [b["text"] for b in reply.buttons()] == ["Subscribe to everything", "Browse pledges"]


async def test_browse_button_sends_the_first_list_page(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat("Alice")
    [start] = await alice.ask("/start")
    await alice.press(start, "Browse pledges")
    [page] = await alice.replies()
    assert page.visible_text.startswith("Pledges (32) · page 1 of 4")
    assert telegram.proxy.callback_answers()[-1].text is None


async def test_help_lists_public_commands_only_for_users(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat("Alice").ask("/help")
    for name, _ in public_commands():
        assert f"/{name}" in reply.visible_text
    assert "/feeds" not in reply.visible_text
    assert reply.visible_text.endswith(f"/status@{telegram.bot_username} ML-1")


async def test_help_shows_admin_commands_to_admins(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat("Admin", user_id=ADMIN_ID).ask("/help")
    assert "For administrators" in reply.visible_text
    assert "/watch" in reply.visible_text


async def test_command_menu_is_registered_at_start(telegram: TelegramHarness, bot: BotApplication) -> None:
    registered = [(c["command"], c["description"]) for c in telegram.proxy.commands()]
    assert registered == public_commands()
