"""Statuses in Telegram: the card's status and evidence, /scorecard, the weekly scorecard's schedule, /setstatus."""

from __future__ import annotations

import pytest

from bot.services import Services
from bot.telegram.application import BotApplication
from bot.telegram.commands import usage
from storage import get_chat, list_overrides
from tests.bot.harness import ADMIN_ID, NOW
from tests.bot.seed import GWADAR, ML1, add_article
from tests.support.telegram.client import ChatSession, TelegramHarness

DONE_LINK = "https://news.example.org/ml1-opened?via=a&b"


@pytest.fixture
def admin(telegram: TelegramHarness) -> ChatSession:
    return telegram.private_chat("Admin", user_id=ADMIN_ID)


async def test_the_card_shows_the_status_its_reason_and_each_article_s_signal(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    await add_article(services.database, "ML-1 financing agreement signed", "APP", 1, [ML1], signal="progress")
    await add_article(services.database, "ML-1 tender delayed again", "APP", 0, [ML1], signal="setback")
    [card] = await telegram.private_chat().ask("/status ML-1")
    lines = card.visible_text.splitlines()
    assert "Status: 🟢 in progress" in lines
    assert "   in progress: 1 progress item in 90 days, latest 25 Nov: ML-1 financing agreement signed" in lines
    assert "Latest (▲ progress · ▼ setback · • mention)" in lines
    assert "▼ 26 Nov 2026 · APP · ML-1 tender delayed again" in lines
    assert "▲ 25 Nov 2026 · APP · ML-1 financing agreement signed" in lines


async def test_scorecard_counts_every_pledge_and_lists_the_first_page_by_section(
    telegram: TelegramHarness, bot: BotApplication
) -> None:
    [reply] = await telegram.private_chat().ask("/scorecard")
    lines = reply.visible_text.splitlines()
    assert lines[:2] == ["Scorecard (32 pledges) · page 1 of 4", "⚪ 26 no news · 💬 3 talk only · 🔴 3 overdue"]
    assert lines[3] == "Reviving CPEC & BRI"
    assert "💬 Main Line-1 (ML-1) railway — talk only" in lines
    assert "🔴 Next Foreign Ministers’ Strategic Dialogue in Islamabad, H1 2023 — overdue" in lines
    assert [b["text"] for b in reply.buttons()][1] == "💬 Main Line-1 (ML-1) railway"
    assert [b["text"] for b in reply.buttons()][-1] == "Next ›"


async def test_scorecard_next_edits_the_message_in_place(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat()
    [first] = await alice.ask("/scorecard")
    await alice.press(first, "Next ›")
    [edited] = await alice.edits()
    assert edited.message_id == first.message_id
    assert edited.visible_text.startswith("Scorecard (32 pledges) · page 2 of 4")
    assert [b["text"] for b in edited.buttons()][-2:] == ["‹ Previous", "Next ›"]


async def test_a_scorecard_button_opens_the_pledge_card(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/scorecard")
    await alice.press(reply, "💬 Main Line-1 (ML-1) railway")
    [card] = await alice.replies()
    assert card.visible_text.startswith("Main Line-1 (ML-1) railway · ml-1-railway")


async def test_an_admin_marks_a_pledge_delivered_and_the_card_says_who_and_why(
    admin: ChatSession, bot: BotApplication, services: Services
) -> None:
    [reply] = await admin.ask(f"/setstatus ML-1 delivered Line opened to traffic {DONE_LINK}")
    assert reply.visible_text.splitlines()[:3] == [
        "Main Line-1 (ML-1) railway (ml-1-railway) is now marked delivered.",
        "Status: ✅ delivered",
        "   delivered: set by admin 4242 on 26 Nov: Line opened to traffic",
    ]
    assert f'<a href="{DONE_LINK.replace("&", "&amp;")}">Evidence for this judgement</a>' in reply.text
    async with services.database.transaction() as connection:
        [stored] = await list_overrides(connection, [ML1])
    assert (stored.status, stored.note, stored.link, stored.set_by, stored.set_at) == (
        "delivered",
        "Line opened to traffic",
        DONE_LINK,
        str(ADMIN_ID),
        NOW,
    )
    [card] = await admin.ask("/status ML-1")
    assert "Status: ✅ delivered" in card.visible_text.splitlines()
    assert "rules alone: talk only: 8 news items" in card.visible_text


async def test_setstatus_takes_a_status_of_two_words(admin: ChatSession, bot: BotApplication) -> None:
    [reply] = await admin.ask("/setstatus gwadar-port at risk Berth dispute unresolved")
    assert reply.visible_text.startswith("Gwadar port and free zone projects (gwadar-port) is now marked at risk.")
    assert "at risk: set by admin 4242 on 26 Nov: Berth dispute unresolved" in reply.visible_text


async def test_auto_hands_a_pledge_back_to_the_rules(admin: ChatSession, bot: BotApplication) -> None:
    await admin.ask(f"/setstatus {GWADAR} stalled Waiting for funds")
    [reply] = await admin.ask(f"/setstatus {GWADAR} auto New financing announced")
    assert reply.visible_text.splitlines()[:2] == [
        "Gwadar port and free zone projects (gwadar-port) is back to the rules.",
        "Status: 💬 talk only",
    ]


@pytest.mark.parametrize(
    ("command", "note"),
    [
        ("/setstatus ML-1 delivered Line opened", "Delivered needs a link to the evidence that the pledge was kept."),
        ("/setstatus ML-1 done Line opened", "Unknown status 'done': choose one of no-news, talk-only,"),
        ("/setstatus ML-1 stalled", "Give the pledge, a status and a note"),
        ("/setstatus atlantis stalled No funds", "No pledge is called “atlantis”."),
    ],
)
async def test_setstatus_answers_a_wrong_decision_with_the_reason_and_usage(
    admin: ChatSession, bot: BotApplication, services: Services, command: str, note: str
) -> None:
    [reply] = await admin.ask(command)
    assert reply.visible_text.startswith(note)
    assert reply.visible_text.endswith(usage("setstatus"))
    async with services.database.transaction() as connection:
        assert await list_overrides(connection) == []


async def test_setstatus_is_refused_to_non_admins(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    [reply] = await telegram.private_chat("Mallory").ask(f"/setstatus ML-1 delivered Done {DONE_LINK}")
    assert reply.visible_text == "Sorry, /setstatus is only for this bot's administrators."
    async with services.database.transaction() as connection:
        assert await list_overrides(connection) == []


async def test_scorecard_weekly_sets_the_day_and_time_and_mysubs_shows_it(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/scorecard weekly 17:30 fri")
    assert reply.visible_text.startswith("Weekly scorecard on: every Friday at 17:30 (UTC)")
    async with services.database.transaction() as connection:
        chat = await get_chat(connection, alice.chat_id)
    assert chat is not None and (chat.scorecard_day, chat.scorecard_time, chat.last_scorecard_at) == (4, "17:30", NOW)
    [mysubs] = await alice.ask("/mysubs")
    assert "Weekly scorecard: Fridays at 17:30" in mysubs.visible_text.splitlines()


async def test_scorecard_weekly_defaults_to_monday_morning_and_off_stops_it(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [on] = await alice.ask("/scorecard weekly")
    assert on.visible_text.startswith("Weekly scorecard on: every Monday at 09:00 (UTC)")
    [off] = await alice.ask("/scorecard off")
    assert off.visible_text == "Weekly scorecard off."
    async with services.database.transaction() as connection:
        chat = await get_chat(connection, alice.chat_id)
    assert chat is not None and chat.scorecard_day is None


@pytest.mark.parametrize("arguments", ["monthly", "weekly someday", "weekly mon 09:00 extra"])
async def test_scorecard_with_unreadable_arguments_answers_with_usage(
    telegram: TelegramHarness, bot: BotApplication, arguments: str
) -> None:
    [reply] = await telegram.private_chat().ask(f"/scorecard {arguments}")
    assert reply.visible_text.endswith(usage("scorecard"))
