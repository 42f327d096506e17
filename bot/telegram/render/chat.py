"""A chat's own state as commands show it: its subscriptions, mute, digest and time zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.html import bold, escape
from bot.telegram.render.statuses import weekday_name
from storage import ALL, DIGEST, KIND, TAG, ChatRow, Subscription
from watchlist import Watchlist


def target_label(kind: str, value: str, watchlist: Watchlist) -> str:
    """ "every pledge", "pledges tagged transport", "every entry of kind position" or the pledge's title and id."""
    if kind == ALL:
        return "every pledge"
    if kind == TAG:
        return f"pledges tagged {bold(value)}"
    if kind == KIND:
        return f"every entry of kind {bold(value)}"
    commitment = watchlist.get(value)
    title = f"{escape(commitment.title)} " if commitment else ""
    return f"{title}<code>{escape(value)}</code>"


def local_time(moment: datetime, zone: str) -> str:
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%Y-%m-%d %H:%M} ({escape(zone)})"


def render_subscribed(label: str, added: bool) -> str:
    if not added:
        return f"This chat already gets alerts for {label}. /mysubs shows all its subscriptions."
    return (
        f"Subscribed to {label}. Alerts come for news first seen from now on; "
        "/status shows what is already known. /unsubscribe stops them."
    )


def render_unsubscribed(label: str, removed: int) -> str:
    if removed == 0:
        return f"This chat was not subscribed to {label}. /mysubs shows its subscriptions."
    return f"Unsubscribed from {label}."


def render_settings(chat: ChatRow | None, now: datetime) -> list[str]:
    if chat is None:
        return ["Alerts: each as it comes", "Time zone: UTC"]
    if chat.delivery_mode == DIGEST and chat.digest_time:
        mode = f"Alerts: one digest a day at {chat.digest_time} ({escape(chat.timezone)})"
    else:
        mode = "Alerts: each as it comes"
    lines = [mode, f"Time zone: {escape(chat.timezone)}"]
    if chat.scorecard_day is not None and chat.scorecard_time:
        lines.append(f"Weekly scorecard: {weekday_name(chat.scorecard_day)}s at {escape(chat.scorecard_time)}")
    if chat.muted_until is not None and chat.muted_until > now:
        lines.append(f"Muted until {local_time(chat.muted_until, chat.timezone)}")
    return lines


def render_mysubs(subscriptions: Sequence[Subscription], watchlist: Watchlist, settings: list[str]) -> str:
    if not subscriptions:
        head = ["This chat has no subscriptions. /subscribe all, or /subscribe with a pledge or a tag."]
    else:
        head = [bold(f"This chat's subscriptions ({len(subscriptions)})")]
        head += [f"• {target_label(s.target_kind, s.target, watchlist)}" for s in subscriptions]
    return "\n".join([*head, "", *settings])


def render_muted(until: datetime, zone: str) -> str:
    return (
        f"Alerts are muted until {local_time(until, zone)}. "
        "Alerts found meanwhile are held and delivered then, not dropped. /mute off ends it sooner."
    )


def render_unmuted(held: bool) -> str:
    return "Mute is off; held alerts will be delivered now." if held else "Mute is off (it was not on)."


def render_digest(time: str | None, zone: str) -> str:
    if time is None:
        return "Digest is off: alerts arrive one by one as news is found."
    return (
        f"Digest on: one message a day at {escape(time)} ({escape(zone)}), grouped by pledge. "
        "/tz changes the time zone; /digest off goes back to single alerts."
    )


def render_time_zone(zone: str, now: datetime) -> str:
    return f"Time zone set to {bold(zone)}; it is now {local_time(now, zone)} there."
