"""/list, /status, /latest and /search against the seeded news."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.html import utf16_units
from bot.services import Services
from bot.telegram.application import APOLOGY, BotApplication
from bot.telegram.commands import usage
from bot.telegram.render.pledges import LIST_PAGE_SIZE
from tests.bot.seed import TRICKY_LINK, TRICKY_TITLE, UNMATCHED_TITLE, add_article
from tests.support.telegram.client import TelegramHarness
from watchlist import set_field

# ML-1 news, days ago: 2, 3 (the Gwadar article also matched it), 5, 6, 10, 20, 40, 60
ML1_IN_7_DAYS = 4
ML1_IN_30_DAYS = 6


async def test_list_groups_the_first_page_by_section(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/list")
    lines = reply.visible_text.splitlines()
    assert lines[0] == "Pledges (32) · page 1 of 4"
    assert "Reviving CPEC & BRI" in lines
    assert "• Main Line-1 (ML-1) railway — ml-1-railway" in lines
    assert [b["text"] for b in reply.buttons()][-1] == "Next ›"


async def test_list_next_button_edits_the_message_in_place(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat()
    [first] = await alice.ask("/list")
    await alice.press(first, "Next ›")
    [edited] = await alice.edits()
    assert edited.message_id == first.message_id
    assert edited.visible_text.startswith("Pledges (32) · page 2 of 4")
    assert [b["text"] for b in edited.buttons()][-2:] == ["‹ Previous", "Next ›"]


async def test_list_by_tag_keeps_the_tag_when_paging(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    tagged = services.watchlist.commitments[: LIST_PAGE_SIZE + 2]
    for commitment in tagged:
        set_field(services.watchlists.path, commitment.id, "tags", "connectivity")
    assert services.watchlists.reload_if_changed().reloaded
    alice = telegram.private_chat()
    [reply] = await alice.ask("/list connectivity")
    assert reply.visible_text.startswith(f"Pledges — connectivity ({len(tagged)}) · page 1 of 2")
    await alice.press(reply, "Next ›")
    [edited] = await alice.edits()
    assert edited.visible_text.startswith(f"Pledges — connectivity ({len(tagged)}) · page 2 of 2")
    assert tagged[-1].title in edited.visible_text


async def test_list_by_part_of_a_section_name(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/list reviving")
    assert reply.visible_text.startswith("Pledges — Reviving CPEC & BRI (")


async def test_list_by_kind_shows_only_that_kind(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/list kind:position")
    lines = reply.visible_text.splitlines()
    assert lines[0] == "Pledges — kind:position (2) · page 1 of 1"
    assert [line for line in lines if line.startswith("• ")] == [
        "• International cooperation on the Global Security Initiative — global-security-initiative",
        "• Commitment to the UNFCCC, the Paris Agreement and CBDR — unfccc-paris-commitment",
    ]


async def test_list_unknown_filter_answers_with_usage(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/list astronomy")
    assert "No section or tag called “astronomy”" in reply.visible_text
    assert reply.visible_text.endswith(usage("list"))


async def test_status_by_alias_shows_the_pledge_card(telegram: TelegramHarness, bot: BotApplication) -> None:
    [card] = await telegram.private_chat().ask("/status ML-1")
    text = card.visible_text
    assert text.startswith("Main Line-1 (ML-1) railway · ml-1-railway")
    assert "Section: Reviving CPEC & BRI" in text
    assert "China agreed to the development of the Main Line-1 cross-country railway track" in text
    assert "Deadline: none stated" in text
    assert f"News: {ML1_IN_7_DAYS} in the last 7 days, {ML1_IN_30_DAYS} in the last 30 days" in text
    assert [b["text"] for b in card.buttons()] == ["Subscribe to this pledge"]


async def test_status_card_lists_the_latest_five_linked_and_escaped(
    telegram: TelegramHarness, bot: BotApplication
) -> None:
    [card] = await telegram.private_chat().ask("/status ml-1-railway")
    articles = [line for line in card.visible_text.splitlines() if line.startswith("• ")]
    assert len(articles) == 5
    assert articles[0] == "• 24 Nov 2026 · Dawn & Co · Main Line-1 railway update from 2 days ago"
    assert articles[4] == f"• 16 Nov 2026 · Dawn & Co · {TRICKY_TITLE}"
    assert f'<a href="{TRICKY_LINK.replace("&", "&amp;")}">' in card.text


async def test_status_shows_a_passed_deadline(telegram: TelegramHarness, bot: BotApplication) -> None:
    [card] = await telegram.private_chat().ask("/status Gandhara Art Exhibition")
    assert "Deadline: 31 Dec 2023 — passed 1061 days ago" in card.visible_text
    assert "No news has been matched to this pledge yet." in card.visible_text


async def test_status_by_words_finds_the_one_pledge_they_fit(telegram: TelegramHarness, bot: BotApplication) -> None:
    [card] = await telegram.private_chat().ask("/status karachi railway")
    assert card.visible_text.startswith("Karachi Circular Railway (KCR) · karachi-circular-railway")


async def test_status_unknown_query_suggests_the_closest(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/status mainline one")
    assert reply.visible_text.startswith("No pledge is called mainline one. Did you mean")
    assert reply.button("Main Line-1 (ML-1) railway")["callback_data"] == "status:ml-1-railway"
    await alice.press(reply, "Main Line-1 (ML-1) railway")
    [card] = await alice.replies()
    assert card.visible_text.startswith("Main Line-1 (ML-1) railway · ml-1-railway")


async def test_status_with_nothing_close_points_to_list(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/status qqqq")
    assert reply.visible_text == "No pledge matches qqqq. /list shows them all."


async def test_status_without_argument_answers_with_usage(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/status")
    assert reply.visible_text.endswith("Usage: /status <id | alias | words> — e.g. /status ML-1")


async def test_latest_shows_newest_articles_once_each(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/latest 3")
    lines = reply.visible_text.splitlines()
    assert lines[0] == "Latest news (3)"
    assert lines[1] == "• 25 Nov 2026 · Dawn · Karachi Circular Railway work to begin next spring"
    assert lines[5] == "• 23 Nov 2026 · Tribune · Gwadar port handles its largest cargo yet"
    assert lines[6] == "   pledge: /status gwadar-port, /status ml-1-railway"


async def test_latest_rejects_a_bad_count(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/latest lots")
    assert reply.visible_text.endswith(usage("latest"))


async def test_latest_answers_a_digit_that_is_no_number_with_usage(
    telegram: TelegramHarness, bot: BotApplication
) -> None:
    """The superscript two is a digit to isdigit() but no number to int()."""
    [reply] = await telegram.private_chat().ask("/latest ²")
    assert reply.visible_text.endswith(usage("latest"))


async def test_search_finds_stored_articles_matched_or_not(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/search cricket squad")
    assert UNMATCHED_TITLE in reply.visible_text


async def test_search_without_hits_says_so(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/search <zeppelin>")
    assert reply.visible_text == "No stored news contains <zeppelin>. Try fewer or other words."


async def test_search_without_words_answers_with_usage(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/search x")
    assert reply.visible_text.endswith(usage("search"))


async def test_an_answer_longer_than_a_message_is_split_and_accepted(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    long_title = "Zeppelin <freight> & rail: " + "a very long headline word " * 220
    await add_article(services.database, long_title, "Outlet", 1, [])
    alice = telegram.private_chat()
    await alice.send("/search zeppelin")
    parts = await alice.replies(2)
    assert all(utf16_units(part.visible_text) <= 4096 for part in parts)
    assert "Zeppelin <freight> & rail:" in parts[0].visible_text + parts[1].visible_text
    assert telegram.proxy.rejections() == []


async def test_a_failing_handler_apologises_once_and_logs(
    telegram: TelegramHarness, bot: BotApplication, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    async with services.database.transaction() as connection:
        await connection.execute(text("DROP TABLE subscriptions"))
    alice = telegram.private_chat()
    [reply] = await alice.ask("/mysubs")
    assert reply.visible_text == APOLOGY
    assert "handler failed" in caplog.text
    assert alice.unread() == []
