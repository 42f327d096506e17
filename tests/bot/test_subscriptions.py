"""/subscribe, /unsubscribe, /mysubs and their buttons, checked in storage as well as in the replies."""

from __future__ import annotations

from bot.services import Services
from bot.telegram.application import BotApplication
from bot.telegram.commands import usage
from storage import ALL, COMMITMENT, KIND, TAG, list_subscriptions
from tests.support.telegram.client import ChatSession, TelegramHarness


async def subscriptions_of(services: Services, chat: ChatSession) -> set[tuple[str, str]]:
    async with services.database.transaction() as connection:
        return {(s.target_kind, s.target) for s in await list_subscriptions(connection, chat.chat_id)}


async def test_subscribe_by_alias_stores_the_pledge(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/subscribe ML-1")
    assert reply.visible_text.startswith("Subscribed to Main Line-1 (ML-1) railway ml-1-railway.")
    assert await subscriptions_of(services, alice) == {(COMMITMENT, "ml-1-railway")}


async def test_subscribe_twice_says_already(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat()
    await alice.ask("/subscribe all")
    [reply] = await alice.ask("/subscribe everything")
    assert reply.visible_text.startswith("This chat already gets alerts for every pledge.")


async def test_subscribe_to_a_tag(telegram: TelegramHarness, bot: BotApplication, services: Services) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/subscribe Transport")
    assert reply.visible_text.startswith("Subscribed to pledges tagged transport.")
    assert await subscriptions_of(services, alice) == {(TAG, "transport")}


async def test_subscribe_without_argument_offers_a_keyboard(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/subscribe")
    assert reply.button("Tag: energy")["callback_data"] == "sub:#energy"
    await alice.press(reply, "Everything")
    [done] = await alice.replies()
    assert done.visible_text.startswith("Subscribed to every pledge.")
    assert await subscriptions_of(services, alice) == {(ALL, "")}


async def test_start_subscribe_button_subscribes_to_everything(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [start] = await alice.ask("/start")
    await alice.press(start, "Subscribe to everything")
    await alice.replies()
    assert await subscriptions_of(services, alice) == {(ALL, "")}


async def test_card_button_subscribes_and_the_card_then_offers_unsubscribe(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [card] = await alice.ask("/status KCR")
    await alice.press(card, "Subscribe to this pledge")
    [done] = await alice.replies()
    assert done.visible_text.startswith("Subscribed to Karachi Circular Railway")
    [again] = await alice.ask("/status KCR")
    assert [b["text"] for b in again.buttons()] == ["Unsubscribe"]
    assert await subscriptions_of(services, alice) == {(COMMITMENT, "karachi-circular-railway")}


async def test_subscribe_unknown_suggests_pledges_with_subscribe_buttons(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/subscribe gwadr port")
    assert "Did you mean" in reply.visible_text
    await alice.press(reply, "Gwadar port and free zone projects")
    await alice.replies()
    assert await subscriptions_of(services, alice) == {(COMMITMENT, "gwadar-port")}


async def test_unsubscribe_one_keeps_the_others(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    await alice.ask("/subscribe ML-1")
    await alice.ask("/subscribe energy")
    [reply] = await alice.ask("/unsubscribe main line 1")
    assert reply.visible_text == "Unsubscribed from Main Line-1 (ML-1) railway ml-1-railway."
    assert await subscriptions_of(services, alice) == {(TAG, "energy")}


async def test_unsubscribe_all_removes_everything(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    await alice.ask("/subscribe ML-1")
    await alice.ask("/subscribe all")
    [reply] = await alice.ask("/unsubscribe all")
    assert reply.visible_text == "Unsubscribed from everything."
    assert await subscriptions_of(services, alice) == set()


async def test_unsubscribe_from_something_not_subscribed(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/unsubscribe KCR")
    assert reply.visible_text.startswith("This chat was not subscribed to Karachi Circular Railway")


async def test_unsubscribe_without_argument_offers_the_chats_subscriptions(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    await alice.ask("/subscribe energy")
    [reply] = await alice.ask("/unsubscribe")
    assert reply.visible_text.endswith(usage("unsubscribe"))
    await alice.press(reply, "Unsubscribe: tag energy")
    [done] = await alice.replies()
    assert done.visible_text == "Unsubscribed from pledges tagged energy."
    assert await subscriptions_of(services, alice) == set()


async def test_mysubs_lists_subscriptions_and_settings(telegram: TelegramHarness, bot: BotApplication) -> None:
    alice = telegram.private_chat()
    await alice.ask("/subscribe ML-1")
    await alice.ask("/subscribe energy")
    [reply] = await alice.ask("/mysubs")
    assert reply.visible_text.splitlines() == [
        "This chat's subscriptions (2)",
        "• Main Line-1 (ML-1) railway ml-1-railway",
        "• pledges tagged energy",
        "",
        "Alerts: each as it comes",
        "Time zone: UTC",
    ]


async def test_mysubs_with_none_says_how_to_start(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/mysubs")
    assert reply.visible_text.startswith("This chat has no subscriptions.")


async def test_subscribe_to_a_kind_of_entry(telegram: TelegramHarness, bot: BotApplication, services: Services) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/subscribe kind:position")
    assert reply.visible_text.startswith("Subscribed to every entry of kind position.")
    assert await subscriptions_of(services, alice) == {(KIND, "position")}
    [mine] = await alice.ask("/mysubs")
    await alice.press(mine, "Unsubscribe: kind position")
    [done] = await alice.replies()
    assert done.visible_text == "Unsubscribed from every entry of kind position."
    assert await subscriptions_of(services, alice) == set()


async def test_the_subscribe_keyboard_offers_the_kinds_the_watchlist_has(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    alice = telegram.private_chat()
    [reply] = await alice.ask("/subscribe")
    kinds = [b["text"] for b in reply.buttons() if str(b["text"]).startswith("Kind: ")]
    assert kinds == ["Kind: pledge", "Kind: position", "Kind: mechanism"]
    await alice.press(reply, "Kind: mechanism")
    await alice.replies()
    assert await subscriptions_of(services, alice) == {(KIND, "mechanism")}


async def test_an_unknown_kind_names_the_kinds_there_are(telegram: TelegramHarness, bot: BotApplication) -> None:
    [reply] = await telegram.private_chat().ask("/subscribe kind:promise")
    assert reply.visible_text.startswith(
        "No kind called “promise”. Kinds: kind:pledge, kind:position, kind:mechanism, kind:agreement."
    )
