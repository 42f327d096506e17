"""The proxy's Bot API, spoken to over raw HTTP as any bot process would."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.support.telegram.client import TelegramHarness
from tests.support.telegram.faults import UNREADABLE_BODIES, UnreadableAnswer
from tests.support.telegram.webhooks import WEBHOOK_ACTIVE, Webhook
from tests.support.waiting import wait_until


async def poll_held_open(telegram: TelegramHarness) -> None:
    await wait_until(lambda: telegram.proxy.polls_waiting(telegram.token), 5, lambda: "no getUpdates is waiting")


@pytest.fixture
async def api(telegram: TelegramHarness) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{telegram.api_base_url}/bot{telegram.token}", trust_env=False) as client:
        yield client


async def call(api: httpx.AsyncClient, method: str, **params: Any) -> Any:
    response = await api.post(f"/{method}", data=params)
    body = response.json()
    assert body["ok"], body
    return body["result"]


async def test_get_me_says_it_is_a_bot(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    me = await call(api, "getMe")
    assert me["is_bot"] is True
    assert me["username"] == telegram.bot_username


async def test_send_message_answers_a_telegram_message(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    group = telegram.group_chat("Desk")
    before = int(time.time())
    message = await call(api, "sendMessage", chat_id=group.chat_id, text="<b>hi</b> &amp; bye", parse_mode="HTML")
    assert before <= message["date"] <= int(time.time())
    assert message["chat"] == group.chat
    assert message["text"] == "hi & bye"
    assert message["from"]["is_bot"] is True


@pytest.mark.parametrize("body", ["truncated", "not-a-message"])
async def test_a_garbled_answer_follows_a_message_that_was_sent(
    telegram: TelegramHarness, api: httpx.AsyncClient, body: UnreadableAnswer
) -> None:
    telegram.proxy.garble_next(1, body)
    response = await api.post("/sendMessage", data={"chat_id": 42, "text": "once"})
    assert response.status_code == 200
    assert response.content == UNREADABLE_BODIES[body]
    assert [m.text for m in telegram.proxy.sent_messages(42)] == ["once"]
    assert (await call(api, "sendMessage", chat_id=42, text="twice"))["text"] == "twice"  # only the next one


async def test_json_body_is_accepted_like_form_encoding(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    response = await api.post("/sendMessage", json={"chat_id": 42, "text": "x", "reply_markup": markup})
    assert response.json()["result"]["reply_markup"] == markup
    [sent] = telegram.proxy.sent_messages(42)
    assert sent.reply_markup == markup


async def test_get_updates_keeps_updates_until_an_offset_confirms_them(
    telegram: TelegramHarness, api: httpx.AsyncClient
) -> None:
    alice = telegram.private_chat("Alice")
    await alice.send("one")
    await alice.send("two")
    first = await call(api, "getUpdates")
    again = await call(api, "getUpdates")
    assert [u["message"]["text"] for u in again] == ["one", "two"] == [u["message"]["text"] for u in first]
    confirmed = await call(api, "getUpdates", offset=first[0]["update_id"] + 1)
    assert [u["message"]["text"] for u in confirmed] == ["two"]
    assert await call(api, "getUpdates", offset=first[1]["update_id"] + 1) == []


async def test_long_poll_answers_as_soon_as_a_user_writes(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    poll = asyncio.create_task(call(api, "getUpdates", timeout=20))
    await poll_held_open(telegram)
    started = time.monotonic()
    await telegram.private_chat("Alice").send("/start")
    [update] = await poll
    assert time.monotonic() - started < 2
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert "botToken" not in update["message"]


async def test_long_poll_without_updates_waits_for_its_timeout(api: httpx.AsyncClient) -> None:
    started = time.monotonic()
    assert await call(api, "getUpdates", timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 3


async def test_a_newer_poll_ends_the_older_with_conflict(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    older = asyncio.create_task(api.post("/getUpdates", data={"timeout": 20}))
    await poll_held_open(telegram)
    await call(api, "getUpdates")
    response = await older
    assert response.status_code == 409
    assert response.json()["description"].startswith("Conflict: terminated by other getUpdates request")


async def test_callback_query_update_has_chat_instance(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    alice = telegram.private_chat("Alice")
    markup = '{"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}'
    await call(api, "sendMessage", chat_id=alice.chat_id, text="menu", reply_markup=markup)
    [menu] = await alice.replies()
    await alice.press(menu, "Go")
    [update] = await call(api, "getUpdates")
    query = update["callback_query"]
    assert query["data"] == "go"
    assert query["chat_instance"] == str(alice.chat_id)
    assert query["message"]["message_id"] == menu.message_id


async def test_unchanged_edit_is_refused_as_not_modified(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    message = await call(api, "sendMessage", chat_id=7, text="same")
    response = await api.post(
        "/editMessageText", data={"chat_id": 7, "message_id": message["message_id"], "text": "same"}
    )
    assert response.status_code == 400
    assert response.json()["description"].startswith("Bad Request: message is not modified")


async def test_edit_answers_the_edited_message(api: httpx.AsyncClient) -> None:
    message = await call(api, "sendMessage", chat_id=7, text="before")
    edited = await call(api, "editMessageText", chat_id=7, message_id=message["message_id"], text="after")
    assert (edited["message_id"], edited["text"]) == (message["message_id"], "after")


async def test_unknown_method_is_not_found(api: httpx.AsyncClient) -> None:
    response = await api.post("/sendTelepathy", data={"chat_id": 1})
    assert (response.status_code, response.json()["description"]) == (404, "Not Found")


async def test_void_methods_answer_true(api: httpx.AsyncClient) -> None:
    assert await call(api, "sendChatAction", chat_id=1, action="typing") is True
    assert await call(api, "deleteWebhook") is True
    assert await call(api, "answerCallbackQuery", callback_query_id="1") is True


async def test_too_long_html_is_refused_and_recorded(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    response = await api.post(
        "/sendMessage", data={"chat_id": 3, "text": "<b>" + "x" * 4097 + "</b>", "parse_mode": "HTML"}
    )
    assert (response.status_code, response.json()["description"]) == (400, "Bad Request: message is too long")
    [rejection] = telegram.proxy.rejections(3)
    assert rejection.error_code == 400
    assert telegram.proxy.sent_messages(3) == []


async def test_flood_limits_answer_429_and_are_counted(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    telegram.proxy.set_flood_limits(per_chat_per_second=1, overall_per_second=30)
    await call(api, "sendMessage", chat_id=5, text="first")
    response = await api.post("/sendMessage", data={"chat_id": 5, "text": "second"})
    assert response.status_code == 429
    assert response.json()["parameters"]["retry_after"] >= 1
    assert telegram.proxy.count_429() == 1
    assert telegram.proxy.request_counts()["sendMessage"] == 2


async def test_delete_webhook_can_drop_pending_updates(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    await telegram.private_chat("Alice").send("sent while the bot was down")
    assert await call(api, "deleteWebhook", drop_pending_updates="true") is True
    assert await call(api, "getUpdates") == []


async def test_outage_cuts_a_pending_long_poll(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    poll = asyncio.create_task(api.post("/getUpdates", data={"timeout": 20}))
    await poll_held_open(telegram)
    telegram.proxy.start_outage("refuse")
    with pytest.raises(httpx.TransportError):
        await poll
    with pytest.raises(httpx.ConnectError):
        await httpx.AsyncClient(trust_env=False).post(f"{telegram.api_base_url}/bot{telegram.token}/getMe")
    telegram.proxy.end_outage()
    assert (await call(api, "getMe"))["is_bot"] is True


async def test_reply_markup_edit_keeps_the_text(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    alice = telegram.private_chat("Alice")
    markup = '{"inline_keyboard": [[{"text": "Next", "callback_data": "page:2"}]]}'
    sent = await call(api, "sendMessage", chat_id=alice.chat_id, text="page 1", reply_markup=markup)
    await call(api, "editMessageReplyMarkup", chat_id=alice.chat_id, message_id=sent["message_id"])
    [edited] = await alice.edits()
    assert (edited.visible_text, edited.reply_markup) == ("page 1", None)


async def test_waiting_for_a_reply_that_never_comes_names_the_refusal(
    telegram: TelegramHarness, api: httpx.AsyncClient
) -> None:
    alice = telegram.private_chat("Alice")
    await api.post("/sendMessage", data={"chat_id": alice.chat_id, "text": "<p>x</p>", "parse_mode": "HTML"})
    with pytest.raises(AssertionError, match=r'sendMessage 400 .*Unsupported start tag "p"'):
        await alice.replies(timeout=0.2)


async def test_reset_forgets_records_and_faults(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    telegram.proxy.block_chat(9)
    await api.post("/sendMessage", data={"chat_id": 9, "text": "x"})
    telegram.proxy.reset()
    assert (telegram.proxy.rejections(), telegram.proxy.request_counts()) == ([], {})
    assert (await call(api, "sendMessage", chat_id=9, text="x"))["text"] == "x"


async def test_set_webhook_is_recorded_and_reported_by_get_webhook_info(
    telegram: TelegramHarness, api: httpx.AsyncClient
) -> None:
    url = "http://127.0.0.1:8443/telegram"
    assert await call(api, "setWebhook", url=url, secret_token="s3cret_-X", allowed_updates='["message"]') is True
    assert telegram.proxy.webhook(telegram.token) == Webhook(url, "s3cret_-X", ["message"])
    info = await call(api, "getWebhookInfo")
    assert (info["url"], info["pending_update_count"], info["allowed_updates"]) == (url, 0, ["message"])


async def test_get_updates_is_refused_while_a_webhook_is_set(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    await call(api, "setWebhook", url="http://127.0.0.1:8443/telegram")
    response = await api.post("/getUpdates")
    assert (response.status_code, response.json()["description"]) == (409, WEBHOOK_ACTIVE)
    assert await call(api, "deleteWebhook") is True
    assert telegram.proxy.webhook(telegram.token) is None
    assert (await call(api, "getWebhookInfo"))["url"] == ""
    assert await call(api, "getUpdates") == []


async def test_set_webhook_with_an_empty_url_deletes_it(telegram: TelegramHarness, api: httpx.AsyncClient) -> None:
    await call(api, "setWebhook", url="http://127.0.0.1:8443/telegram")
    assert await call(api, "setWebhook", url="") is True
    assert telegram.proxy.webhook(telegram.token) is None


async def test_secret_token_outside_telegrams_alphabet_is_refused(
    telegram: TelegramHarness, api: httpx.AsyncClient
) -> None:
    response = await api.post("/setWebhook", data={"url": "http://127.0.0.1:8443/x", "secret_token": "a:b"})
    assert (response.status_code, response.json()["description"]) == (
        400,
        "Bad Request: secret token contains unallowed characters",
    )
    assert telegram.proxy.webhook(telegram.token) is None
