"""Reading commands: /list, /status, /latest, /search — and the buttons that page and open cards."""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update

from bot.render_news import group_by_article, render_latest, render_search
from bot.statuses import load_statuses
from bot.telegram.callbacks import STATUS
from bot.telegram.handlers.common import Context, UsageError, answer, chat_id, query_text, services_of
from bot.telegram.keyboards import card_keyboard, list_keyboard, suggestions_keyboard
from bot.telegram.lookup import filter_commitments, find_commitment, unknown_kind
from bot.telegram.parsing import parse_count
from bot.telegram.render.pledges import PledgeNews, list_page, render_card, render_list, render_suggestions
from storage import COMMITMENT, count_matches_since, latest_matched, list_subscriptions, search_articles
from watchlist import Commitment, Watchlist

CARD_ARTICLES = 5
DEFAULT_LATEST = 5
MAX_LATEST = 20
SEARCH_LIMIT = 10


def list_view(watchlist: Watchlist, query: str, page: int) -> tuple[str, InlineKeyboardMarkup] | None:
    """The text and buttons of one page of `/list [query]`; None when the query names nothing."""
    label: str | None = None
    commitments: tuple[Commitment, ...] = watchlist.commitments
    if query:
        selection = filter_commitments(watchlist, query)
        if selection is None:
            return None
        label, commitments = selection
    shown = list_page(commitments, page)
    return render_list(shown, label, len(commitments)), list_keyboard(shown, label)


async def list_command(update: Update, context: Context) -> None:
    watchlist = services_of(context).watchlist
    query = query_text(context)
    if problem := unknown_kind(query):
        raise UsageError(problem)
    view = list_view(watchlist, query, 0)
    if view is None:
        sections = ", ".join(s for s in watchlist.sections() if s) or "none"
        tags = ", ".join(watchlist.tags()) or "none"
        raise UsageError(f"No section or tag called “{query}”. Sections: {sections}. Tags: {tags}.")
    await answer(update, context, *view)


async def status(update: Update, context: Context) -> None:
    query = query_text(context)
    if not query:
        raise UsageError("Which pledge? Give its id, a name or a few words.")
    found = find_commitment(services_of(context).watchlist, query)
    if found.commitment is not None:
        await send_card(update, context, found.commitment)
        return
    text = render_suggestions(query, found.closest, "see its card")
    await answer(update, context, text, suggestions_keyboard(found.closest, STATUS))


async def send_card(update: Update, context: Context, commitment: Commitment) -> None:
    services = services_of(context)
    now = services.clock()
    async with services.database.transaction() as connection:
        week = await count_matches_since(connection, now - timedelta(days=7))
        month = await count_matches_since(connection, now - timedelta(days=30))
        latest = await latest_matched(connection, CARD_ARTICLES, [commitment.id])
        subscriptions = await list_subscriptions(connection, chat_id(update))
        [status] = await load_statuses(connection, services.watchlist, now, only=[commitment])
    news = PledgeNews(week.get(commitment.id, 0), month.get(commitment.id, 0), tuple(latest))
    subscribed = any(s.target_kind == COMMITMENT and s.target == commitment.id for s in subscriptions)
    card = render_card(commitment, news, status, now.date())
    await answer(update, context, card, card_keyboard(commitment, subscribed))


async def latest(update: Update, context: Context) -> None:
    text = query_text(context)
    count = parse_count(text, MAX_LATEST) if text else DEFAULT_LATEST
    if count is None:
        raise UsageError(f"n must be a whole number from 1 to {MAX_LATEST}.")
    services = services_of(context)
    async with services.database.transaction() as connection:
        matched = await latest_matched(connection, count * 4)
    titles = services.watchlist.titles()
    await answer(update, context, render_latest(group_by_article(matched, count), titles))


async def search(update: Update, context: Context) -> None:
    words = [word for word in (context.args or []) if len(word) >= 2]
    if not words:
        raise UsageError("Give at least one word of two letters or more.")
    services = services_of(context)
    async with services.database.transaction() as connection:
        found = await search_articles(connection, words, SEARCH_LIMIT)
    await answer(update, context, render_search(" ".join(words), found, SEARCH_LIMIT))
