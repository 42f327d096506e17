"""The ``Article`` value every other package consumes: one feed entry, independent of the feed format."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Article:
    """One news item, normalised.

    ``identity`` is what makes an article seen in two feeds (or twice in one) the same row: the guid when
    there is one, else the canonical link, else ``"sha256:"`` + ``content_hash``. ``published`` is UTC; when
    the entry has no usable date it is the time the article was first fetched.
    """

    identity: str
    guid: str | None
    link: str | None
    title: str
    summary: str
    published: datetime
    content_hash: str
    outlet: str


def content_hash(title: str, summary: str) -> str:
    """Hex sha256 of the plain title and summary: changes exactly when what a reader sees changes."""
    return hashlib.sha256(f"{title}\x1f{summary}".encode()).hexdigest()


def article_identity(guid: str | None, link: str | None, hashed_content: str) -> str:
    """guid, else canonical link, else the content hash; never empty."""
    return guid or link or f"sha256:{hashed_content}"
