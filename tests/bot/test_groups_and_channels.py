"""Groups: commands addressed to the bot (`/cmd@bot`) are answered, others ignored; channels send none."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Chat, Message, MessageEntity, Update
from telegram.ext import CommandHandler, ContextTypes

from bot.services import Services
from bot.telegram.application import BotApplication
from bot.telegram.commands import COMMAND_UPDATES
from storage import COMMITMENT, get_chat, list_subscriptions
from tests.bot.harness import ADMIN_ID
from tests.support.telegram.client import TelegramHarness


async def test_group_command_with_bot_suffix_gets_the_card(telegram: TelegramHarness, bot: BotApplication) -> None:
    group = telegram.group_chat("Analysts")
    [card] = await group.ask(f"/status@{telegram.bot_username} ML-1")
    assert card.visible_text.startswith("Main Line-1 (ML-1) railway · ml-1-railway")
    assert card.message["chat"]["type"] == "group"


async def test_group_command_for_another_bot_is_ignored(telegram: TelegramHarness, bot: BotApplication) -> None:
    group = telegram.group_chat("Analysts")
    await group.send("/status@some_other_bot ML-1")
    [reply] = await group.ask(f"/help@{telegram.bot_username}")
    assert reply.visible_text.startswith("Commands")
    assert group.unread() == []


async def test_group_subscription_belongs_to_the_group(
    telegram: TelegramHarness, bot: BotApplication, services: Services
) -> None:
    group = telegram.group_chat("Analysts", supergroup=True)
    await group.ask(f"/subscribe@{telegram.bot_username} KCR")
    async with services.database.transaction() as connection:
        chat = await get_chat(connection, group.chat_id)
        subscriptions = await list_subscriptions(connection, group.chat_id)
    assert chat is not None and (chat.kind, chat.title) == ("supergroup", "Analysts")
    assert [(s.target_kind, s.target) for s in subscriptions] == [(COMMITMENT, "karachi-circular-railway")]


async def test_group_member_who_is_not_admin_is_refused(telegram: TelegramHarness, bot: BotApplication) -> None:
    admin = telegram.group_chat("Desk", "Admin", user_id=ADMIN_ID)
    member = telegram.member(admin, "Member")
    [refusal] = await member.ask(f"/stats@{telegram.bot_username}")
    assert refusal.visible_text == "Sorry, /stats is only for this bot's administrators."
    [_, stats] = await admin.ask(f"/stats@{telegram.bot_username}", count=2)  # the chat's replies, refusal included
    assert stats.visible_text.startswith("pledgewatch")


def test_commands_posted_in_a_channel_are_not_handled(bot: BotApplication) -> None:
    """A channel is only where alerts go (alert_chat); its posts never trigger commands."""
    channel = Chat(-100777, Chat.CHANNEL, title="Pledge alerts")
    post = Message(
        1,
        datetime.now(UTC),
        channel,
        text="/status ML-1",
        entities=[MessageEntity(MessageEntity.BOT_COMMAND, 0, 7)],
    )
    post.set_bot(bot.bot)

    async def never(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        raise AssertionError("a channel post reached a command")

    handler: CommandHandler[ContextTypes.DEFAULT_TYPE, None] = CommandHandler("status", never, filters=COMMAND_UPDATES)
    assert not handler.check_update(Update(1, channel_post=post))
    assert not handler.check_update(Update(2, message=post))
