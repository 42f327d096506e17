"""/scorecard (every pledge's status, paged; or the weekly scorecard's schedule) and the admins' /setstatus."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update

from bot.overrides import DecisionRefused, decide, record_decision
from bot.services import Services
from bot.statuses import load_statuses
from bot.telegram.handlers.common import Context, UsageError, answer, chat_id, services_of
from bot.telegram.keyboards import scorecard_keyboard
from bot.telegram.lookup import find_commitment
from bot.telegram.parsing import parse_clock, parse_weekday
from bot.telegram.render.evidence import STATUS_MARK
from bot.telegram.render.pledges import list_page
from bot.telegram.render.statuses import (
    by_section,
    render_scorecard,
    render_scorecard_schedule,
    render_status_set,
)
from storage import get_chat, update_chat
from tracker import parse_status

log = logging.getLogger(__name__)

DEFAULT_SCORECARD_DAY = 0  # Monday: the week's first working day in most places
DEFAULT_SCORECARD_TIME = "09:00"


async def scorecard_view(services: Services, page: int) -> tuple[str, InlineKeyboardMarkup]:
    """The text and buttons of one page of /scorecard (the totals always count every pledge)."""
    async with services.database.transaction() as connection:
        statuses = await load_statuses(connection, services.watchlist, services.clock())
    shown = list_page(by_section(services.watchlist.commitments), page)
    by_id = {status.commitment.id: status for status in statuses}
    text = render_scorecard(shown, by_id, [status.assessment.status for status in statuses])
    marks = {commitment_id: STATUS_MARK[status.assessment.status] for commitment_id, status in by_id.items()}
    return text, scorecard_keyboard(shown, marks)


async def scorecard(update: Update, context: Context) -> None:
    args = [arg.lower() for arg in context.args or []]
    services = services_of(context)
    if not args:
        await answer(update, context, *await scorecard_view(services, 0))
        return
    if args == ["off"]:
        async with services.database.transaction() as connection:
            await update_chat(connection, chat_id(update), scorecard_day=None, scorecard_time=None)
        await answer(update, context, render_scorecard_schedule(None, None, "UTC"))
        return
    if args[0] != "weekly":
        raise UsageError("Send /scorecard alone to see it, /scorecard weekly to get it every week, or off.")
    day, time = _weekly_schedule(args[1:])
    async with services.database.transaction() as connection:
        # the first scorecard comes at the next such moment, not at once for a moment already past
        await update_chat(
            connection, chat_id(update), scorecard_day=day, scorecard_time=time, last_scorecard_at=services.clock()
        )
        chat = await get_chat(connection, chat_id(update))
    await answer(update, context, render_scorecard_schedule(day, time, chat.timezone if chat else "UTC"))


def _weekly_schedule(args: list[str]) -> tuple[int, str]:
    """`[day] [HH:MM]` in either order; Monday 09:00 by default."""
    day, time = DEFAULT_SCORECARD_DAY, DEFAULT_SCORECARD_TIME
    if len(args) > 2:
        raise UsageError("After weekly, give at most a day and a time, e.g. /scorecard weekly fri 17:00.")
    for arg in args:
        clock, weekday = parse_clock(arg), parse_weekday(arg)
        if clock is not None:
            time = clock
        elif weekday is not None:
            day = weekday
        else:
            raise UsageError(f"“{arg}” is neither a day of the week (mon … sun) nor a time of day (HH:MM).")
    return day, time


async def setstatus(update: Update, context: Context) -> None:
    """`/setstatus <pledge> <status> <note…> [link]`: a status may be two words ("in progress")."""
    args = context.args or []
    if len(args) < 3:
        raise UsageError("Give the pledge, a status and a note; a link at the end is kept as the evidence.")
    services = services_of(context)
    found = find_commitment(services.watchlist, args[0])
    if found.commitment is None:
        close = ", ".join(c.id for c in found.closest)
        raise UsageError(f"No pledge is called “{args[0]}”." + (f" Did you mean {close}?" if close else ""))
    commitment = found.commitment
    two_words = len(args) > 3 and parse_status(" ".join(args[1:3])) is not None
    status_text, rest = (" ".join(args[1:3]), args[3:]) if two_words else (args[1], args[2:])
    link = rest[-1] if rest[-1].lower().startswith(("http://", "https://")) else None
    try:
        decision = decide(status_text, " ".join(rest[:-1] if link else rest), link)
    except DecisionRefused as refused:
        reason = str(refused)
        raise UsageError(f"{reason[:1].upper()}{reason[1:]}.") from None
    user = update.effective_user
    set_by = str(user.id) if user else "unknown"
    now = services.clock()
    async with services.database.transaction() as connection:
        override = await record_decision(connection, commitment, decision, set_by, now)
        [status] = await load_statuses(connection, services.watchlist, now, only=[commitment])
    log.info("status of %s set to %s by admin %s", commitment.id, status_text, set_by)
    await answer(update, context, render_status_set(commitment, override, status))
