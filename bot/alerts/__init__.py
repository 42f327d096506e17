"""Delivering the outbox: alerts, notices and digests, paced, retried, each sent exactly once."""

from bot.alerts.deadlines import queue_deadline_notices
from bot.alerts.dispatcher import Dispatcher, DispatchReport, DispatchSettings
from bot.alerts.notices import admin_notice, queue_admin_notice
from bot.alerts.senders import ConsoleSender, Sender, TelegramSender

__all__ = [
    "ConsoleSender",
    "DispatchReport",
    "DispatchSettings",
    "Dispatcher",
    "Sender",
    "TelegramSender",
    "admin_notice",
    "queue_admin_notice",
    "queue_deadline_notices",
]
