"""setWebhook / getWebhookInfo as Telegram keeps them: at most one webhook per bot token.

The proxy records the registration but does not deliver updates to it: a webhook test POSTs
the Update to the bot's own server, as Telegram would. Telegram's rules that a loopback test
can meet are kept — the secret token's alphabet and length, getUpdates refused while a webhook
is set, an empty ``url`` removing the webhook. Its HTTPS-only and ports-80/88/443/8443 rules are
not: a test server on 127.0.0.1 has no certificate (in production a reverse proxy terminates TLS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

JsonObject = dict[str, Any]

WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
NO_WEBHOOK_INFO: JsonObject = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class WebhookRefused(ValueError):
    """setWebhook parameters Telegram answers with 400; the message is its description."""


@dataclass(frozen=True)
class Webhook:
    """What a bot registered with setWebhook."""

    url: str
    secret_token: str | None
    allowed_updates: list[str] | None

    @classmethod
    def from_params(cls, params: JsonObject) -> Webhook | None:
        """The registration ``params`` ask for; None when ``url`` is empty (which deletes the webhook)."""
        url = str(params.get("url") or "")
        if not url:
            return None
        secret = params.get("secret_token") or None
        if secret is not None and not _SECRET_TOKEN.fullmatch(str(secret)):
            raise WebhookRefused("Bad Request: secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        return cls(url, None if secret is None else str(secret), list(allowed) if allowed is not None else None)

    def info(self) -> JsonObject:
        """getWebhookInfo's answer; nothing is ever pending, since tests deliver updates themselves."""
        info = {**NO_WEBHOOK_INFO, "url": self.url}
        if self.allowed_updates is not None:
            info["allowed_updates"] = self.allowed_updates
        return info


def drops_pending(params: JsonObject) -> bool:
    """setWebhook and deleteWebhook both take ``drop_pending_updates`` (a string when form-encoded)."""
    return str(params.get("drop_pending_updates", "")).lower() == "true"
