"""A bot configured the python-telegram-bot way (`api_base_url = "http://host:port/bot"`) still reaches Telegram."""

from __future__ import annotations

from pathlib import Path

from bot.config import TelegramSettings
from tests.bot.harness import copy_watchlist, make_config, open_services, running_bot
from tests.support.telegram.client import TelegramHarness


async def test_api_base_url_ending_in_bot_reaches_the_bot_api(telegram: TelegramHarness, tmp_path: Path) -> None:
    config = make_config(telegram, f"sqlite:///{tmp_path / 'bot.db'}", copy_watchlist(tmp_path))
    written = TelegramSettings(token=config.telegram.token, api_base_url=f"{telegram.api_base_url}/bot")
    services = await open_services(config.model_copy(update={"telegram": written}))
    try:
        async with running_bot(services):
            [reply] = await telegram.private_chat("Alice").ask("/help")
    finally:
        await services.database.close()
    assert reply.visible_text.startswith("Commands")
