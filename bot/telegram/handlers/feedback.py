"""Readers teaching the matcher: the buttons under alerts, and the admins' /link for a missed article.

A press is stored at once (article, pledge, chat, reader, time; a second press changes it) and
acknowledged in place: the alert's buttons are redrawn with the choice marked. Whose presses the
matcher learns from is `[matcher] learn_from`; every press is kept either way.
"""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest

from bot.alerts.senders import inline_keyboard
from bot.feedback import feedback_keyboard, parse_feedback
from bot.telegram.handlers.common import Context, UsageError, answer, chat_id, services_of
from bot.telegram.lookup import find_commitment
from bot.telegram.render.admin import render_linked
from storage import FeedbackSource, MatchRecord, alerted_pair, article_by_reference, link_match, record_verdict

THANKS = {True: "Thanks: marked relevant.", False: "Thanks: marked not about this pledge."}
GONE = "This alert's article is no longer stored."


async def feedback_pressed(update: Update, context: Context) -> None:
    """`fb:<delivery>:<1|0>`: store the reader's verdict and mark it on the alert's buttons."""
    query = update.callback_query
    parsed = parse_feedback(query.data or "") if query else None
    if query is None or parsed is None:
        return
    delivery_id, relevant = parsed
    services = services_of(context)
    user = update.effective_user
    async with services.database.transaction() as connection:
        pair = await alerted_pair(connection, delivery_id)
        if pair is not None:
            await record_verdict(
                connection,
                article_id=pair.article_id,
                commitment_id=pair.commitment_id,
                title=pair.title,
                summary=pair.summary,
                relevant=relevant,
                source=FeedbackSource.BUTTON,
                chat_id=chat_id(update),
                user_id=user.id if user else None,
                by_admin=services.is_admin(user.id if user else None),
                now=services.clock(),
            )
    if pair is None:
        await query.answer(GONE, show_alert=True)
        return
    await query.answer(THANKS[relevant])
    try:
        await query.edit_message_reply_markup(inline_keyboard(feedback_keyboard(delivery_id, relevant)))
    except BadRequest as error:  # the same choice pressed twice leaves the buttons as they are
        if "not modified" not in str(error).lower():
            raise


async def link(update: Update, context: Context) -> None:
    """`/link <article link or id> <pledge>`: an article that should have matched, linked by an admin."""
    args = context.args or []
    if len(args) < 2:
        raise UsageError("Give the article's link (or its id) and the pledge.")
    services = services_of(context)
    found = find_commitment(services.watchlist, " ".join(args[1:]))
    if found.commitment is None:
        raise UsageError(f"No pledge called “{' '.join(args[1:])}”.")
    commitment = found.commitment
    user = update.effective_user
    async with services.database.transaction() as connection:
        article = await article_by_reference(connection, args[0])
        if article is None:
            raise UsageError(f"No stored article with the link or id “{args[0]}”.")
        signal = services.matcher.signal(article.title, article.summary).value
        await record_verdict(
            connection,
            article_id=article.id,
            commitment_id=commitment.id,
            title=article.title,
            summary=article.summary,
            relevant=True,
            source=FeedbackSource.LINK,
            chat_id=chat_id(update),
            user_id=user.id if user else None,
            by_admin=True,
            now=services.clock(),
        )
        await link_match(
            connection, article.id, MatchRecord(commitment.id, 1.0, ("linked by an administrator",), signal)
        )
    await answer(update, context, render_linked(article.title, commitment.title))
