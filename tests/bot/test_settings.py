"""/mute, /digest and /tz store the chat's settings (the alerts dispatcher acts on them)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.services import Services
from bot.telegram.application import BotApplication
from bot.telegram.commands import usage
from storage import ChatRow, get_chat
from tests.bot.harness import NOW
from tests.support.telegram.client import ChatSession, TelegramHarness


async def chat_row(services: Services, chat: ChatSession) -> ChatRow:
    async with services.database.transaction() as connection:
        row = await get_chat(connection, chat.chat_id)
    assert row is not None
    return row


async def test_mute_stores_the_end_and_says_alerts_are_held(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/mute 2h")
    assert reply.visible_text.startswith("Alerts are muted until 2026-11-26 14:00 (UTC).")
    assert "held and delivered then, not dropped" in reply.visible_text
    assert (await chat_row(services, alice)).muted_until == NOW + timedelta(hours=2)


async def test_mute_time_is_shown_in_the_chats_time_zone(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat()
    await alice.ask("/tz Asia/Karachi")
    [reply] = await alice.ask("/mute 1d")
    assert reply.visible_text.startswith("Alerts are muted until 2026-11-27 17:00 (Asia/Karachi).")


async def test_mute_off_clears_it(telegram: TelegramHarness, bot: BotApplication, services: Services) -> None:
    alice = telegram.private_chat()
    await alice.ask("/mute 30m")
    [reply] = await alice.ask("/mute off")
    assert reply.visible_text == "Mute is off; held alerts will be delivered now."
    assert (await chat_row(services, alice)).muted_until is None


async def test_mute_off_is_understood_in_any_case(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    await alice.ask("/mute 30m")
    [reply] = await alice.ask("/mute OFF")
    assert reply.visible_text == "Mute is off; held alerts will be delivered now."
    assert (await chat_row(services, alice)).muted_until is None


@pytest.mark.parametrize("argument", ["", "soon", "0h", "-2h", "400d"])
async def test_mute_bad_duration_answers_with_usage(
    telegram: TelegramHarness, bot: BotApplication, argument: str
) -> None:
    [reply] = await telegram.private_chat().ask(f"/mute {argument}".strip())
    assert reply.visible_text.endswith("Usage: /mute <duration> | off — e.g. /mute 2h")


async def test_digest_daily_stores_mode_and_time(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/digest daily 7:30")
    assert reply.visible_text.startswith("Digest on: one message a day at 07:30 (UTC), grouped by pledge.")
    row = await chat_row(services, alice)
    assert (row.delivery_mode, row.digest_time) == ("digest", "07:30")


async def test_digest_off_goes_back_to_single_alerts(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    await alice.ask("/digest daily 08:00")
    [reply] = await alice.ask("/digest off")
    assert reply.visible_text.startswith("Digest is off")
    row = await chat_row(services, alice)
    assert (row.delivery_mode, row.digest_time) == ("immediate", None)


@pytest.mark.parametrize("argument", ["", "daily", "daily 25:00", "weekly 08:00", "on"])
async def test_digest_bad_arguments_answer_with_usage(
    telegram: TelegramHarness, bot: BotApplication, argument: str
) -> None:
    [reply] = await telegram.private_chat().ask(f"/digest {argument}".strip())
    assert reply.visible_text.endswith(usage("digest"))


async def test_tz_accepts_any_case_and_stores_the_canonical_name(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/tz asia/karachi")
    assert reply.visible_text == "Time zone set to Asia/Karachi; it is now 2026-11-26 17:00 (Asia/Karachi) there."
    assert (await chat_row(services, alice)).timezone == "Asia/Karachi"


async def test_tz_unknown_zone_suggests_close_names(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/tz Karachi")
    assert "Unknown time zone “Karachi”. Did you mean Asia/Karachi" in reply.visible_text
    assert reply.visible_text.endswith(usage("tz"))


async def test_tz_without_argument_shows_the_current_zone(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/tz")
    assert reply.visible_text == f"This chat's time zone is UTC.\n{usage('tz')}"
