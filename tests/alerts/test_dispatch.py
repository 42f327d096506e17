"""The dispatcher against the Telegram emulator: what arrives, when, and exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import storage
from bot.alerts.dispatcher import DispatchSettings
from bot.services import Services
from tests.alerts.conftest import MakeDispatcher
from tests.alerts.helpers import T0, add_chat, publish
from tests.support.telegram.client import TelegramHarness
from tests.support.waiting import wait_until


def texts_per_chat(telegram: TelegramHarness) -> Counter[tuple[str, str]]:
    """How often each (chat, first line after the heading) arrived: duplicates show as counts > 1."""
    return Counter((str(m.chat_id), m.visible_text.splitlines()[1]) for m in telegram.proxy.sent_messages())


async def test_subscriber_gets_the_alert_as_html(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id)
    article = await publish(services.database, title="ML-1 financing <signed>", outlet="Dawn")
    report = await make_dispatcher(services).run_once(T0 + timedelta(hours=2))
    [message] = await alice.replies(1)
    assert message.parse_mode == "HTML"
    assert message.visible_text.splitlines()[:3] == [
        "📌 Main Line-1 (ML-1) railway (ml-1-railway)",
        "ML-1 financing <signed>",
        "Dawn · 20 Nov 2026",
    ]
    assert f'<a href="{article.link}">' in message.text
    assert (report.messages_sent, report.deliveries_sent) == (1, 1)


async def test_a_second_run_sends_nothing_again(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id)
    await publish(services.database)
    dispatcher = make_dispatcher(services)
    await dispatcher.run_once(T0 + timedelta(hours=2))
    again = await dispatcher.run_once(T0 + timedelta(hours=3))
    assert again.messages_sent == 0
    assert len(telegram.proxy.sent_messages(alice.chat_id)) == 1


async def test_muted_chat_gets_its_alert_when_the_mute_expires(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id)
    async with services.database.transaction() as connection:
        await storage.update_chat(connection, alice.chat_id, muted_until=T0 + timedelta(hours=8))
    await publish(services.database)
    dispatcher = make_dispatcher(services)
    await dispatcher.run_once(T0 + timedelta(hours=2))
    assert alice.unread() == []
    await dispatcher.run_once(T0 + timedelta(hours=8))
    assert len(await alice.replies(1)) == 1


async def test_unmuting_early_delivers_what_was_held(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id)
    async with services.database.transaction() as connection:
        await storage.update_chat(connection, alice.chat_id, muted_until=T0 + timedelta(days=7))
    await publish(services.database)
    dispatcher = make_dispatcher(services)
    await dispatcher.run_once(T0 + timedelta(hours=2))
    assert alice.unread() == []
    async with services.database.transaction() as connection:
        await storage.update_chat(connection, alice.chat_id, muted_until=None)
    await dispatcher.run_once(T0 + timedelta(hours=3))
    assert len(await alice.replies(1)) == 1


async def test_digest_chat_gets_one_message_a_day_grouped_by_pledge(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id)
    async with services.database.transaction() as connection:
        await storage.update_chat(
            connection, alice.chat_id, delivery_mode=storage.DIGEST, digest_time="09:00", timezone="Asia/Karachi"
        )
    await publish(services.database, title="ML-1 loan", at=T0 + timedelta(hours=1))  # 14:00 in Karachi
    await publish(services.database, title="KCR tender", commitment_id="karachi-circular-railway")
    await publish(services.database, title="ML-1 route", at=T0 + timedelta(hours=2))
    dispatcher = make_dispatcher(services)
    await dispatcher.run_once(T0 + timedelta(hours=12))  # 01:00 next day in Karachi: not yet
    assert alice.unread() == []
    report = await dispatcher.run_once(T0 + timedelta(hours=21))  # 10:00 next day in Karachi
    [digest] = await alice.replies(1)
    assert digest.visible_text.splitlines() == [
        "📰 Daily digest: 3 articles on 2 pledges",
        "",
        "📌 Main Line-1 (ML-1) railway (ml-1-railway)",
        "• ML-1 loan — Dawn · 20 Nov 2026",
        "• ML-1 route — Dawn · 20 Nov 2026",
        "",
        "📌 Karachi Circular Railway (KCR) (karachi-circular-railway)",
        "• KCR tender — Dawn · 20 Nov 2026",
    ]
    assert (report.digests_sent, report.deliveries_sent) == (1, 3)
    await dispatcher.run_once(T0 + timedelta(hours=22))
    assert alice.unread() == []


async def test_blocked_user_makes_the_chat_inactive_and_nothing_more_is_sent(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice, bob = telegram.private_chat("Alice"), telegram.private_chat("Bob")
    for chat in (alice, bob):
        await add_chat(services.database, chat.chat_id)
    telegram.proxy.block_chat(alice.chat_id)
    await publish(services.database, title="First")
    await publish(services.database, title="Second")
    dispatcher = make_dispatcher(services)
    report = await dispatcher.run_once(T0 + timedelta(hours=2))
    await publish(services.database, title="Third", at=T0 + timedelta(hours=3))
    await dispatcher.run_once(T0 + timedelta(hours=4))
    assert report.chats_deactivated == 1
    assert len(telegram.proxy.rejections(alice.chat_id)) == 1
    assert [m.visible_text.splitlines()[1] for m in await bob.replies(3)] == ["First", "Second", "Third"]
    async with services.database.transaction() as connection:
        row = await storage.get_chat(connection, alice.chat_id)
    assert row is not None and not row.active


async def test_flood_control_is_honoured_and_every_alert_arrives_once(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    chats = [telegram.private_chat(f"User{n}") for n in range(3)]
    for chat in chats:
        await add_chat(services.database, chat.chat_id)
    for n in range(4):
        await publish(services.database, title=f"News {n}", at=T0 + timedelta(minutes=n + 1))
    telegram.proxy.fail_next(3, retry_after=1)
    report = await make_dispatcher(services).run_once(T0 + timedelta(hours=2))
    assert telegram.proxy.count_429() == 3
    assert report.flood_waits == 3
    assert texts_per_chat(telegram) == Counter(
        {(str(chat.chat_id), f"News {n}"): 1 for chat in chats for n in range(4)}
    )
    for chat in chats:  # and each chat's alerts in order, oldest first
        assert [m.visible_text.splitlines()[1] for m in await chat.replies(4)] == [f"News {n}" for n in range(4)]


async def test_enforced_flood_limits_are_respected_by_the_pacing(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice, bob = telegram.private_chat("Alice"), telegram.private_chat("Bob")
    for chat in (alice, bob):
        await add_chat(services.database, chat.chat_id)
    for n in range(3):
        await publish(services.database, title=f"News {n}", at=T0 + timedelta(minutes=n + 1))
    telegram.proxy.set_flood_limits(per_chat_per_second=1, overall_per_second=30)
    settings = DispatchSettings(per_chat_interval=1.05, overall_per_second=25.0)
    report = await make_dispatcher(services, settings).run_once(T0 + timedelta(hours=2))
    assert telegram.proxy.count_429() == 0
    assert report.deliveries_sent == 6


async def test_migrated_group_gets_the_alert_at_its_new_id(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    group = telegram.group_chat("Analysts")
    await add_chat(services.database, group.chat_id, kind="group")
    new_id = -1000000000777
    telegram.proxy.migrate_chat(group.chat_id, new_id)
    await publish(services.database)
    report = await make_dispatcher(services).run_once(T0 + timedelta(hours=2))
    assert report.chats_migrated == 1
    assert [m.visible_text.splitlines()[1] for m in telegram.proxy.sent_messages(new_id)] == ["ML-1 financing signed"]
    async with services.database.transaction() as connection:
        assert await storage.get_chat(connection, group.chat_id) is None
        assert (await storage.list_subscriptions(connection, new_id))[0].target_kind == "all"


async def test_outage_loses_nothing_and_the_alert_goes_out_afterwards(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id)
    await publish(services.database)
    dispatcher = make_dispatcher(services)
    with telegram.proxy.outage("502"):
        report = await dispatcher.run_once(T0 + timedelta(hours=2))
    assert report.outage and report.retried == 1
    assert alice.unread() == []
    later = await dispatcher.run_once(T0 + timedelta(hours=3))
    assert later.deliveries_sent == 1
    assert len(await alice.replies(1)) == 1


async def test_alert_chat_from_the_config_receives_every_alert(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    # The proxy's getChat answer lacks fields PTB 22 needs for ChatFullInfo unless the chat was
    # registered with them, and "@name" lookups cannot be registered; so the channel is numeric here.
    channel_id = -1001234567890
    telegram.proxy.register_chat(
        {"id": channel_id, "type": "channel", "title": "Alerts", "accent_color_id": 0, "max_reaction_count": 11}
    )
    settings = services.config.telegram.model_copy(update={"alert_chat": channel_id})
    services.config = services.config.model_copy(update={"telegram": settings})
    dispatcher = make_dispatcher(services)
    await dispatcher.setup(T0)
    await publish(services.database, title="Gwadar free zone opens", commitment_id="gwadar-port")
    await dispatcher.run_once(T0 + timedelta(hours=2))
    [message] = telegram.proxy.sent_messages(channel_id)
    assert message.message["chat"]["type"] == "channel"
    assert message.visible_text.splitlines()[1] == "Gwadar free zone opens"


async def test_stop_during_a_flood_pause_returns_at_once_and_keeps_the_alert_due(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id)
    await publish(services.database)
    telegram.proxy.fail_next(1, retry_after=30)
    dispatcher = make_dispatcher(services)
    run = asyncio.create_task(dispatcher.run_once(T0 + timedelta(hours=2)))
    await wait_until(lambda: telegram.proxy.count_429(), 10, lambda: "no 429 answered")
    dispatcher.stop()
    report = await asyncio.wait_for(run, timeout=5)
    assert (report.flood_waits, report.messages_sent) == (1, 0)
    async with services.database.transaction() as connection:
        released = await storage.due_deliveries(connection, T0 + timedelta(hours=2, seconds=2), 10)  # lease: 5 s
    assert len(released) == 1


async def test_migration_to_a_supergroup_the_bot_already_knows_still_delivers(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    group = telegram.group_chat("Analysts")
    new_id = -1000000000778
    await add_chat(services.database, group.chat_id, kind="group")
    await add_chat(services.database, new_id, subscribe_to="gwadar-port", kind="supergroup")
    telegram.proxy.migrate_chat(group.chat_id, new_id)
    await publish(services.database)
    await make_dispatcher(services).run_once(T0 + timedelta(hours=2))
    assert [m.visible_text.splitlines()[1] for m in telegram.proxy.sent_messages(new_id)] == ["ML-1 financing signed"]
    async with services.database.transaction() as connection:
        old = await storage.get_chat(connection, group.chat_id)
    assert old is not None and not old.active
