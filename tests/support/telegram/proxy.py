"""A Bot API proxy in front of telegram-test-api that answers the way Telegram does.

The bot under test (in this process or in a ``pledgewatch run`` subprocess) talks to
``proxy.url`` as its ``api_base_url``. The proxy corrects the emulator's answers (see
``corrections``), refuses malformed HTML (``telegram_html``), plays Telegram's errors on
demand (``faults``), implements getUpdates' offset and long polling, keeps the webhook a bot
sets (``webhooks``), and records every message for assertions. Its control API is plain
methods, safe to call from any thread.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

from tests.support.telegram import corrections
from tests.support.telegram.faults import FaultPlan, FloodLimits, UnreadableAnswer
from tests.support.telegram.http_glue import Answer, ApiCall, DropConnection, EmulatorConnection, LoopbackServer
from tests.support.telegram.records import BotMessage, CallbackAnswer, ChatId, Rejection, chat_id_of
from tests.support.telegram.telegram_html import TelegramTextError, visible_text
from tests.support.telegram.updates import CONFLICT, PollConflict, PollInterrupted, PollRequest, UpdateFeed
from tests.support.telegram.webhooks import NO_WEBHOOK_INFO, WEBHOOK_ACTIVE, Webhook, WebhookRefused, drops_pending

OutageMode = Literal["refuse", "502"]
JsonObject = dict[str, Any]

_TRUE_METHODS = frozenset(
    {
        "sendChatAction",
        "deleteMyCommands",
        "setMyDescription",
        "setMyShortDescription",
        "setMyName",
        "setChatMenuButton",
        "deleteMessage",
        "pinChatMessage",
        "unpinChatMessage",
        "close",
        "logOut",
    }
)


def _ok(result: Any) -> Answer:
    return Answer(200, {"ok": True, "result": result})


class TelegramProxy:
    """Fake Telegram for one test: start it, point the bot at ``url``, steer and inspect it."""

    def __init__(self, emulator_url: str, bot_username: str = "pledgewatch_test_bot") -> None:
        self.emulator_url = emulator_url
        self.bot_username = bot_username
        self._cond = threading.Condition()
        self._emulator = EmulatorConnection(emulator_url)
        self._server: LoopbackServer | None = None
        self._thread: threading.Thread | None = None
        self._port = 0
        self._stopped = False
        self._outage: OutageMode | None = None
        self._chats: dict[str, JsonObject] = {}
        self._feed = UpdateFeed(self._emulator, self._cond, lambda: self._stopped or self._outage is not None)
        self._routes = self._handlers()
        self.faults = FaultPlan()
        self._sent: list[BotMessage] = []
        self._edits: list[BotMessage] = []
        self._rejections: list[Rejection] = []
        self._callback_answers: list[CallbackAnswer] = []
        self._counts: Counter[str] = Counter()
        self._commands: dict[str, list[JsonObject]] = {}
        self._webhooks: dict[str, Webhook] = {}

    # lifecycle -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The ``api_base_url`` for the bot (python-telegram-bot adds ``/bot``)."""
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> TelegramProxy:
        self._listen()
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._close_listener()

    def __enter__(self) -> TelegramProxy:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _listen(self) -> None:
        self._server = LoopbackServer(self._port, self)
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), name="telegram-proxy", daemon=True
        )
        self._thread.start()

    def _close_listener(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # control ---------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget records and faults, e.g. between phases of one test (pending updates stay)."""
        with self._cond:
            self.faults = FaultPlan()
            for record in (self._sent, self._edits, self._rejections, self._callback_answers):
                record.clear()
            self._counts.clear()
            self._commands.clear()

    def fail_next(
        self, count: int, retry_after: int = 1, method: str = "sendMessage", chat_id: ChatId | None = None
    ) -> None:
        """Answer the next ``count`` calls of ``method`` (to ``chat_id`` only, if given) with 429."""
        with self._cond:
            self.faults.fail_next(count, retry_after, method, chat_id)

    def garble_next(self, count: int, body: UnreadableAnswer = "truncated", method: str = "sendMessage") -> None:
        """Carry out the next ``count`` successful calls of ``method``, then answer each with HTTP 200 and a
        body the bot cannot read (``truncated`` JSON, or ``not-a-message``): Telegram did the work, the
        answer got lost on the way."""
        with self._cond:
            self.faults.garble_next(count, body, method)

    def block_chat(self, chat_id: ChatId) -> None:
        """The user blocked the bot: sending there answers 403 until ``unblock_chat``."""
        with self._cond:
            self.faults.blocked_chats.add(str(chat_id))

    def unblock_chat(self, chat_id: ChatId) -> None:
        with self._cond:
            self.faults.blocked_chats.discard(str(chat_id))

    def migrate_chat(self, chat_id: ChatId, new_chat_id: int) -> None:
        """The group became a supergroup: sending to the old id answers 400 with migrate_to_chat_id."""
        with self._cond:
            self.faults.migrated_chats[str(chat_id)] = new_chat_id
            self._chats[str(new_chat_id)] = {"id": new_chat_id, "type": "supergroup", "title": "Migrated"}

    def set_flood_limits(self, per_chat_per_second: int = 1, overall_per_second: int = 30) -> None:
        """Enforce Telegram's flood control on sendMessage (429 beyond the limits)."""
        with self._cond:
            self.faults.flood_limits = FloodLimits(per_chat_per_second, overall_per_second)

    def clear_flood_limits(self) -> None:
        with self._cond:
            self.faults.flood_limits = None

    def start_outage(self, mode: OutageMode = "refuse") -> None:
        """Telegram is down: connections refused (``refuse``) or answered 502 (``502``)."""
        with self._cond:
            self._outage = mode
        if mode == "refuse":
            self._close_listener()

    def end_outage(self) -> None:
        with self._cond:
            mode, self._outage = self._outage, None
        if mode == "refuse" and not self._stopped:
            self._listen()

    @contextmanager
    def outage(self, mode: OutageMode = "refuse") -> Iterator[None]:
        self.start_outage(mode)
        try:
            yield
        finally:
            self.end_outage()

    def register_chat(self, chat: JsonObject) -> None:
        """Tell the proxy what a chat is, so messages to it carry the right type and title."""
        with self._cond:
            self._chats[str(chat["id"])] = dict(chat)

    def wake_pollers(self) -> None:
        """A user update went into the emulator: let a waiting getUpdates answer now."""
        self._feed.wake()

    def polls_waiting(self, token: str) -> int:
        """getUpdates calls for ``token`` held open now: the bot is idle and listening."""
        return self._feed.waiting(token)

    # observations ----------------------------------------------------------------------
    def sent_messages(self, chat_id: ChatId | None = None) -> list[BotMessage]:
        with self._cond:
            return [m for m in self._sent if chat_id is None or str(m.chat_id) == str(chat_id)]

    def edited_messages(self, chat_id: ChatId | None = None) -> list[BotMessage]:
        with self._cond:
            return [m for m in self._edits if chat_id is None or str(m.chat_id) == str(chat_id)]

    def rejections(self, chat_id: ChatId | None = None) -> list[Rejection]:
        with self._cond:
            return [r for r in self._rejections if chat_id is None or str(r.chat_id) == str(chat_id)]

    def callback_answers(self) -> list[CallbackAnswer]:
        with self._cond:
            return list(self._callback_answers)

    def request_counts(self) -> dict[str, int]:
        """Calls per Bot API method, refused ones included."""
        with self._cond:
            return dict(self._counts)

    def count_429(self) -> int:
        with self._cond:
            return sum(1 for r in self._rejections if r.error_code == 429)

    def webhook(self, token: str) -> Webhook | None:
        """The webhook ``token``'s bot registered with setWebhook (None before, or after deleteWebhook)."""
        with self._cond:
            return self._webhooks.get(token)

    def commands(self, scope_type: str = "default") -> list[JsonObject]:
        """The commands registered with setMyCommands for a scope (``default``, ``all_group_chats``…)."""
        with self._cond:
            return list(self._commands.get(scope_type, []))

    # routing (called on server threads) ------------------------------------------------
    def handle(self, call: ApiCall) -> Answer:
        with self._cond:
            self._counts[call.method] += 1
        unavailable = self._unavailable()
        if unavailable is not None:
            return unavailable
        answer = self._route(call)
        if answer.status != 200:
            return answer
        with self._cond:
            unreadable = self.faults.unreadable_answer_for(call.method)
        return answer if unreadable is None else Answer(200, unreadable)

    def _route(self, call: ApiCall) -> Answer:
        handler = self._routes.get(call.method)
        if handler is not None:
            return handler(call)
        if call.method in _TRUE_METHODS:
            return self._refusal_or(call, lambda: _ok(True))
        return Answer(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    def _unavailable(self) -> Answer | None:
        """During an outage (or after stop) every call fails: dropped connection or 502."""
        with self._cond:
            outage, stopped = self._outage, self._stopped
        if stopped or outage == "refuse":
            raise DropConnection
        if outage == "502":
            return Answer(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")
        return None

    def _handlers(self) -> dict[str, Callable[[ApiCall], Answer]]:
        return {
            "getMe": lambda call: _ok(corrections.bot_user(self.bot_username)),
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getUpdates": self._get_updates,
            "sendMessage": lambda call: self._refusal_or(call, lambda: self._send_message(call)),
            "editMessageText": lambda call: self._refusal_or(call, lambda: self._edit_message(call)),
            "editMessageReplyMarkup": lambda call: self._refusal_or(call, lambda: self._edit_message(call)),
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "getChat": lambda call: _ok(self._chat(chat_id_of(call.params.get("chat_id")) or 0)),
        }

    def _chat(self, chat_id: ChatId) -> JsonObject:
        with self._cond:
            return corrections.chat_object(chat_id, self._chats)

    def _reject(self, call: ApiCall, error_code: int, description: str, parameters: Any = None) -> Answer:
        chat_id = chat_id_of(call.params.get("chat_id"))
        with self._cond:
            self._rejections.append(Rejection(call.method, chat_id, error_code, description, call.params.get("text")))
        body: JsonObject = {"ok": False, "error_code": error_code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return Answer(error_code, body)

    def _refusal_or(self, call: ApiCall, proceed: Callable[[], Answer]) -> Answer:
        with self._cond:
            refusal = self.faults.refusal_for(call.method, chat_id_of(call.params.get("chat_id")))
        if refusal is not None:
            return self._reject(call, refusal.error_code, refusal.description, refusal.parameters)
        try:
            return proceed()
        except TelegramTextError as error:
            return self._reject(call, 400, str(error))

    def _send_message(self, call: ApiCall) -> Answer:
        chat_id = chat_id_of(call.params.get("chat_id"))
        if chat_id is None:
            return self._reject(call, 400, "Bad Request: chat_id is empty")
        text, parse_mode = str(call.params.get("text", "")), call.params.get("parse_mode")
        shown = visible_text(text, parse_mode)
        result = self._emulator.post(f"/bot{call.token}/sendMessage", call.params)
        message = corrections.sent_message(result, self._chat(chat_id), shown, self.bot_username)
        markup = call.params.get("reply_markup")  # any keyboard; Telegram echoes only inline ones
        record = BotMessage(chat_id, message["message_id"], text, parse_mode, markup, shown, message)
        with self._cond:
            self._sent.append(record)
        return _ok(message)

    def _edit_message(self, call: ApiCall) -> Answer:
        if "inline_message_id" in call.params:
            return _ok(True)
        chat_id = chat_id_of(call.params.get("chat_id"))
        message_id = int(call.params.get("message_id", 0))
        current = self._latest_version(chat_id, message_id)
        if current is None:
            return self._reject(call, 400, "Bad Request: message to edit not found")
        text = call.params.get("text", current.text) if call.method == "editMessageText" else current.text
        parse_mode = call.params.get("parse_mode") if call.method == "editMessageText" else current.parse_mode
        markup = call.params.get("reply_markup")
        shown = visible_text(text, parse_mode) if call.method == "editMessageText" else current.visible_text
        if shown == current.visible_text and (markup or None) == current.reply_markup:
            return self._reject(
                call,
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message",
            )
        message = corrections.edited_message(current.message, shown, markup)
        record = BotMessage(chat_id or 0, message_id, text, parse_mode, markup or None, shown, message)
        with self._cond:
            self._edits.append(record)
        return _ok(message)

    def _latest_version(self, chat_id: ChatId | None, message_id: int) -> BotMessage | None:
        with self._cond:
            versions = [
                m for m in self._sent + self._edits if str(m.chat_id) == str(chat_id) and m.message_id == message_id
            ]
        return versions[-1] if versions else None

    def _answer_callback_query(self, call: ApiCall) -> Answer:
        answer = CallbackAnswer(
            str(call.params.get("callback_query_id", "")),
            call.params.get("text"),
            str(call.params.get("show_alert", "false")).lower() == "true",
        )
        with self._cond:
            self._callback_answers.append(answer)
        return _ok(True)

    def _set_my_commands(self, call: ApiCall) -> Answer:
        scope = (call.params.get("scope") or {}).get("type", "default")
        with self._cond:
            self._commands[scope] = list(call.params.get("commands") or [])
        return _ok(True)

    def _get_my_commands(self, call: ApiCall) -> Answer:
        return _ok(self.commands((call.params.get("scope") or {}).get("type", "default")))

    # getUpdates ------------------------------------------------------------------------
    def _get_updates(self, call: ApiCall) -> Answer:
        if self.webhook(call.token) is not None:
            return Answer(409, {"ok": False, "error_code": 409, "description": WEBHOOK_ACTIVE})
        try:
            return _ok(self._feed.poll(PollRequest.from_params(call.token, call.params)))
        except PollConflict:
            return Answer(409, {"ok": False, "error_code": 409, "description": CONFLICT})
        except PollInterrupted:
            return self._unavailable() or _ok([])

    # webhooks --------------------------------------------------------------------------
    def _set_webhook(self, call: ApiCall) -> Answer:
        """An empty ``url`` deletes the webhook, as on Telegram."""
        try:
            webhook = Webhook.from_params(call.params)
        except WebhookRefused as refused:
            return self._reject(call, 400, str(refused))
        return self._register_webhook(call, webhook)

    def _delete_webhook(self, call: ApiCall) -> Answer:
        return self._register_webhook(call, None)

    def _register_webhook(self, call: ApiCall, webhook: Webhook | None) -> Answer:
        """Polling bots call deleteWebhook first; ``drop_pending_updates`` forgets what users sent before."""
        if drops_pending(call.params):
            self._feed.drop_pending(call.token)
        with self._cond:
            if webhook is None:
                self._webhooks.pop(call.token, None)
            else:
                self._webhooks[call.token] = webhook
        return _ok(True)

    def _get_webhook_info(self, call: ApiCall) -> Answer:
        webhook = self.webhook(call.token)
        return _ok(webhook.info() if webhook is not None else dict(NO_WEBHOOK_INFO))
