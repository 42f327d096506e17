"""What `run` needs beyond a config file that loads: checked by `pledgewatch config check`, one line per problem.

A config can be valid TOML with valid keys and still fail minutes later, in `run`: the watchlist it names is
missing, the database cannot be reached or written, Telegram refuses the webhook. `config check` is where an
operator asks "will this work?", so it tries each of those now, without creating or changing anything.
"""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from bot.config import DEFAULT_API_BASE_URL, Config
from storage import StorageError, describe_failure, probe
from watchlist import WatchlistError, load_watchlist


async def problems(config: Config) -> list[str]:
    """Each reason `run` would fail with this config, as one line naming the setting; empty when it would start."""
    found = [_watchlist_problem(config), await _storage_problem(config), _webhook_problem(config)]
    return [problem for problem in found if problem]


def _watchlist_problem(config: Config) -> str | None:
    try:
        load_watchlist(config.watchlist.path)
    except WatchlistError as error:
        return f"{config.source}: [watchlist] path: {error}"
    return None


async def _storage_problem(config: Config) -> str | None:
    try:
        await probe(config.storage.url)
    except StorageError as error:
        return f"{config.source}: [storage] url: {error}"
    except (OSError, SQLAlchemyError) as error:
        return f"{config.source}: [storage] url: {describe_failure(config.storage.url, error)}"
    return None


def _webhook_problem(config: Config) -> str | None:
    """Telegram's servers call webhooks over HTTPS only; a self-hosted Bot API server (`--local`) also takes http."""
    url = config.telegram.webhook_url
    if url and url.startswith("http://") and config.telegram.api_base_url == DEFAULT_API_BASE_URL:
        return (
            f"{config.source}: [telegram] webhook_url: Telegram calls webhooks only at https:// URLs (got {url}): "
            "put the bot behind an HTTPS reverse proxy"
        )
    return None
