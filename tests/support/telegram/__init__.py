"""A fake Telegram for end-to-end tests: telegram-test-api behind a correcting proxy.

emulator.EmulatorProcess  node telegram-test-api on 127.0.0.1 (installed by ``install``)
proxy.TelegramProxy        the Bot API the bot talks to: corrections, HTML checks, faults, records
webhooks.Webhook           what setWebhook registered (tests POST updates to the bot themselves)
client.TelegramHarness     what the ``telegram`` fixture gives: api_base_url, token, proxy, users
client.ChatSession         one user in one chat: send, press, replies, edits
fixtures                   ``telegram_emulator`` (session) and ``telegram`` (per test)
"""

from tests.support.telegram.client import ChatSession, TelegramHarness
from tests.support.telegram.emulator import EmulatorProcess
from tests.support.telegram.install import EmulatorUnavailable
from tests.support.telegram.proxy import TelegramProxy
from tests.support.telegram.records import BotMessage, CallbackAnswer, Rejection

__all__ = [
    "BotMessage",
    "CallbackAnswer",
    "ChatSession",
    "EmulatorProcess",
    "EmulatorUnavailable",
    "Rejection",
    "TelegramHarness",
    "TelegramProxy",
]
