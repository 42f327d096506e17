"""Inline-button presses. Each is answered at once (Telegram shows a spinner until then)."""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.telegram.callbacks import SUBSCRIBE, UNSUBSCRIBE, Pressed, parse_target, unpack, untoken
from bot.telegram.handlers.browse import list_view, send_card
from bot.telegram.handlers.common import Context, answer, services_of
from bot.telegram.handlers.statuses import scorecard_view
from bot.telegram.handlers.subscriptions import subscribe_to, unsubscribe_from
from bot.telegram.lookup import Target

STALE = "This button is out of date (the watchlist changed). Send /list again."
_MAX_PAGE = 10_000


def _pressed(update: Update) -> tuple[CallbackQuery, Pressed]:
    query = update.callback_query
    if query is None:
        raise ValueError("not a button press")
    return query, unpack(query.data or "")


async def status_pressed(update: Update, context: Context) -> None:
    """`status:<pledge>`: the pledge card as a new message."""
    query, pressed = _pressed(update)
    watchlist = services_of(context).watchlist
    commitment_id = untoken(pressed.args[0], (c.id for c in watchlist.commitments)) if pressed.args else None
    commitment = watchlist.get(commitment_id) if commitment_id else None
    if commitment is None:
        await query.answer(STALE, show_alert=True)
        return
    await query.answer()
    await send_card(update, context, commitment)


async def subscription_pressed(update: Update, context: Context) -> None:
    """`sub:<target>` and `unsub:<target>` from cards, suggestions, /start, /subscribe and /mysubs."""
    query, pressed = _pressed(update)
    watchlist = services_of(context).watchlist
    arg = pressed.args[0] if pressed.args else ""
    target = parse_target(arg, [c.id for c in watchlist.commitments], watchlist.tags())
    if target is None and pressed.action == UNSUBSCRIBE and arg:
        target = parse_target(arg, [arg], [arg[1:]])  # a pledge or tag gone from the watchlist can still be dropped
    if target is None:
        await query.answer(STALE, show_alert=True)
        return
    await query.answer()
    if pressed.action == SUBSCRIBE:
        await subscribe_to(update, context, Target(*target))
    else:
        await unsubscribe_from(update, context, Target(*target))


async def browse_pressed(update: Update, context: Context) -> None:
    """ "Browse pledges": the first page of the list as a new message."""
    query, _ = _pressed(update)
    await query.answer()
    view = list_view(services_of(context).watchlist, "", 0)
    if view is not None:
        await answer(update, context, *view)


async def page_pressed(update: Update, context: Context) -> None:
    """`list:<page>[:<filter>]`: the list message is edited in place to show that page."""
    query, pressed = _pressed(update)
    watchlist = services_of(context).watchlist
    page_arg, filter_arg = (*pressed.args, "", "")[:2]
    label = untoken(filter_arg, [*watchlist.tags(), *watchlist.sections()]) or filter_arg
    page = int(page_arg) if page_arg.isdigit() and int(page_arg) < _MAX_PAGE else None
    view = list_view(watchlist, label, page) if page is not None else None
    if view is None:
        await query.answer(STALE, show_alert=True)
        return
    await query.answer()
    await _edit(query, *view)


async def _edit(query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup) -> None:
    """Show another page in the same message."""
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard)
    except BadRequest as error:  # a double tap asks for the page already shown
        if "not modified" not in str(error).lower():
            raise


async def scorecard_page_pressed(update: Update, context: Context) -> None:
    """`score:<page>`: the scorecard message is edited in place to show that page."""
    query, pressed = _pressed(update)
    page_arg = pressed.args[0] if pressed.args else ""
    if not (page_arg.isdecimal() and int(page_arg) < _MAX_PAGE):
        await query.answer(STALE, show_alert=True)
        return
    await query.answer()
    text, keyboard = await scorecard_view(services_of(context), int(page_arg))
    await _edit(query, text, keyboard)


async def unknown_pressed(update: Update, context: Context) -> None:
    """A payload no handler knows (an older version's button): answer so the spinner stops."""
    query, _ = _pressed(update)
    await query.answer(STALE, show_alert=True)
