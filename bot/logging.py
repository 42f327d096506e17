"""Logging that never shows the bot token.

python-telegram-bot and httpx log request URLs, and the Bot API puts the token in every URL
(`…/bot<token>/sendMessage`). Redacting in the formatter catches the message, its arguments and
any traceback alike, whoever logged them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

REDACTED = "<redacted>"


class RedactingFormatter(logging.Formatter):
    def __init__(self, secrets: Iterable[str], fmt: str | None = None) -> None:
        super().__init__(fmt=fmt, datefmt="%Y-%m-%d %H:%M:%S")
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self._secrets)


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def configure_logging(level: int | str, secrets: Iterable[str]) -> None:
    """Log to standard error, one line per event, secrets redacted; quiet chatty libraries."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(secrets, "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    if root.level > logging.DEBUG:  # `level` may be a name ("DEBUG") or a number
        for chatty in ("httpx", "httpcore", "alembic", "telegram.ext.Updater"):
            logging.getLogger(chatty).setLevel(logging.WARNING)
        # its warnings are a job skipping a turn while its previous run goes on: by design (max_instances=1)
        logging.getLogger("apscheduler").setLevel(logging.ERROR)
