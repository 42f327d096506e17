"""Admin commands: /feeds, /stats, /watch — and the polite, logged refusal for everyone else."""

from __future__ import annotations

import logging

import pytest

from bot.services import Services
from bot.telegram.application import BotApplication
from bot.telegram.commands import usage
from tests.bot.harness import ADMIN_ID
from tests.support.telegram.client import ChatSession, TelegramHarness

PARTNERSHIP_QUOTE = (
    "The two sides agreed on the importance of the China-Pakistan all-weather strategic cooperative partnership "
    "amidst the emerging global challenges."
)


@pytest.fixture
def admin(telegram: TelegramHarness) -> ChatSession:
    return telegram.private_chat("Admin", user_id=ADMIN_ID)


async def test_feeds_shows_health_of_each_feed(admin: ChatSession, bot: BotApplication) -> None:
    [reply] = await admin.ask("/feeds")
    assert reply.visible_text.splitlines() == [
        "Feeds (2: 1 failing, 0 disabled)",
        "dawn (config) — ✅ ok",
        "   last success 5 min ago · next check in 10 min",
        "tribune (config) — ⚠️ 3 errors in a row",
        "   last success never · next check in 1 h",
        "   last error (3 min ago): HTTP 503 from https://feeds.example.org/t.xml <busy>",
    ]


async def test_stats_counts_pledges_news_and_chats(admin: ChatSession, bot: BotApplication) -> None:
    [reply] = await admin.ask("/stats")
    lines = reply.visible_text.splitlines()
    assert "Pledges watched: 32" in lines
    assert "Articles stored: 10 (9 matched to a pledge)" in lines
    assert "Matches: 10" in lines
    assert "Chats: 1 active of 1" in lines
    assert "Pending: 0 alerts, 0 notices" in lines


@pytest.mark.parametrize("command", ["/feeds", "/stats", "/watch remove ml-1-railway"])
async def test_non_admin_is_refused_politely_and_logged(
    telegram: TelegramHarness, bot: BotApplication, services: Services, caplog: pytest.LogCaptureFixture, command: str
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.telegram.commands")
    mallory = telegram.private_chat("Mallory")
    [reply] = await mallory.ask(command)
    name = command.split()[0]
    assert reply.visible_text == f"Sorry, {name} is only for this bot's administrators."
    assert f"refused {name} to non-admin user {mallory.user.id}" in caplog.text
    assert services.watchlist.get("ml-1-railway") is not None


async def test_watch_set_changes_the_file_keeps_comments_and_reloads(
    admin: ChatSession, bot: BotApplication, services: Services
) -> None:
    path = services.config.watchlist.path
    comments = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    [reply] = await admin.ask("/watch set ml-1-railway deadline 2027-06-30")
    assert reply.visible_text.startswith("Watchlist: changed ml-1-railway (deadline).")
    text = path.read_text(encoding="utf-8")
    assert "deadline = 2027-06-30" in text
    assert comments and [line for line in text.splitlines() if line.startswith("#")] == comments
    assert services.watchlists.reload_if_changed().reloaded  # what the app's poll tick does
    [card] = await admin.ask("/status ML-1")
    assert "Deadline: 30 Jun 2027 — in 216 days" in card.visible_text


async def test_watch_add_appends_a_pledge_found_by_status(
    admin: ChatSession, bot: BotApplication, services: Services
) -> None:
    [reply] = await admin.ask(
        f"/watch add all-weather-partnership All-weather strategic partnership\nquote: {PARTNERSHIP_QUOTE}\n"
        "tags: diplomacy, partnership\nsection: Relations"
    )
    assert reply.visible_text.startswith("Watchlist: added all-weather-partnership.")
    assert services.watchlists.reload_if_changed().reloaded
    assert services.watchlist.get("all-weather-partnership") is not None
    [card] = await admin.ask("/status all-weather-partnership")
    assert "Tags: diplomacy, partnership" in card.visible_text


async def test_watch_add_refuses_a_quote_not_in_the_communique(
    admin: ChatSession, bot: BotApplication, services: Services
) -> None:
    before = services.config.watchlist.path.read_text(encoding="utf-8")
    [reply] = await admin.ask("/watch add moon-base Moon base\nquote: Both sides agreed to build a base on the Moon.")
    assert reply.visible_text.startswith("The watchlist was not changed:")
    assert "not found verbatim" in reply.visible_text
    assert services.config.watchlist.path.read_text(encoding="utf-8") == before
    assert not services.watchlists.reload_if_changed().reloaded


async def test_watch_remove_drops_the_pledge(admin: ChatSession, bot: BotApplication, services: Services) -> None:
    [reply] = await admin.ask("/watch remove gandhara-art-exhibition")
    assert reply.visible_text.startswith("Watchlist: removed gandhara-art-exhibition.")
    assert services.watchlists.reload_if_changed().reloaded
    assert services.watchlist.get("gandhara-art-exhibition") is None


async def test_watch_unknown_pledge_is_reported(admin: ChatSession, bot: BotApplication) -> None:
    [reply] = await admin.ask("/watch set no-such-pledge title Anything")
    assert reply.visible_text.startswith("The watchlist was not changed:")
    assert 'no commitment with id "no-such-pledge"' in reply.visible_text


@pytest.mark.parametrize(
    "command",
    ["/watch", "/watch rename a b", "/watch add only-an-id", "/watch set ml-1-railway deadline", "/watch remove"],
)
async def test_watch_bad_arguments_answer_with_usage(admin: ChatSession, bot: BotApplication, command: str) -> None:
    [reply] = await admin.ask(command)
    assert reply.visible_text.endswith(usage("watch"))
