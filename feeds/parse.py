"""Feed bytes → ``ParsedFeed``: feedparser does the format work, this module decides what an entry means.

Pure and synchronous (feedparser is CPU-bound); callers run it with ``asyncio.to_thread``.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import feedparser

from feeds.article import Article, article_identity, content_hash
from feeds.errors import NotAFeed
from feeds.links import canonical_link
from feeds.text import collapse_whitespace, html_to_text, truncate

# Dates this far ahead of the fetch are typos or time-zone mistakes; they would pin an article to the top.
_MAX_FUTURE_SKEW = timedelta(days=1)
# Bozo reasons that say nothing about the document being broken, only about its transport metadata.
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_XML_ENCODING = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*\bencoding\s*=", re.IGNORECASE)
_GLOBAL_GUID_SCHEMES = ("http://", "https://", "urn:", "tag:")
# A ttl beyond a year is nonsense; capping it keeps the scheduler's arithmetic finite.
_MAX_TTL_MINUTES = 366 * 24 * 60


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """The articles of one response, in feed order, duplicates (same identity) dropped."""

    articles: tuple[Article, ...]
    title: str
    ttl_minutes: int | None


def parse_feed(body: bytes, headers: Mapping[str, str], url: str, fetched_at: datetime) -> ParsedFeed:
    """Parse a fetched response. ``headers`` supply the charset; ``url`` resolves relative links.

    Raises ``NotAFeed`` when the body is empty, is not RSS/Atom, or is too broken to yield a single entry.
    """
    fetched_at = fetched_at.replace(tzinfo=UTC) if fetched_at.tzinfo is None else fetched_at.astimezone(UTC)
    if not body.strip():
        raise NotAFeed(f"{url}: not a feed: the response body is empty")
    response_headers = _with_trusted_charset(body, {key.lower(): value for key, value in headers.items()})
    response_headers.setdefault("content-location", url)
    # Links inside embedded markup are not resolved: only its text is kept, so rewriting them is wasted work
    # (a quarter of the parse). Entry and feed links are still resolved against the feed's URL.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers, resolve_relative_uris=False)
    _reject_non_feed(parsed, url)
    title = collapse_whitespace(str(parsed.feed.get("title", ""))) or (urlsplit(url).hostname or url)
    articles = _unique(_article(entry, url, title, fetched_at) for entry in parsed.entries)
    return ParsedFeed(articles=tuple(articles), title=title, ttl_minutes=_ttl_minutes(parsed.feed))


def _with_trusted_charset(body: bytes, headers: dict[str, str]) -> dict[str, str]:
    """Overrides a server's charset claim when the bytes say otherwise, because servers are wrong more often.

    Non-ASCII bytes that decode as UTF-8 are UTF-8 (text in a legacy 8-bit charset almost never is valid UTF-8);
    otherwise an encoding declared in the XML prolog beats the header, which is often a server-wide default.
    """
    content_type = headers.get("content-type", "")
    media_type = content_type.split(";")[0].strip() or "application/xml"
    if not body.isascii() and _is_utf8(body):
        return {**headers, "content-type": f"{media_type}; charset=utf-8"}
    if _XML_ENCODING.match(body) and "charset" in content_type.lower():
        return {**headers, "content-type": media_type}
    return headers


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _reject_non_feed(parsed: Any, url: str) -> None:
    if parsed.entries:
        return
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version"):
        reason = "it looks like an HTML page" if _looks_like_html(parsed) else "no RSS or Atom found"
        raise NotAFeed(f"{url}: not a feed: {reason}")
    if problem is not None and not isinstance(problem, _BENIGN_BOZO):
        raise NotAFeed(f"{url}: not a feed: malformed XML with no readable entries ({problem})")


def _looks_like_html(parsed: Any) -> bool:
    content_type = str(parsed.get("headers", {}).get("content-type", ""))
    return "html" in content_type.lower() and "xml" not in content_type.lower()


def _article(entry: Any, feed_url: str, feed_title: str, fetched_at: datetime) -> Article:
    title = _plain(entry, "title")
    summary = truncate(_plain(entry, "summary") or _first_content(entry))
    guid = collapse_whitespace(str(entry.get("id") or "")) or None
    link = canonical_link(entry.get("link"))
    hashed = content_hash(title, summary)
    return Article(
        identity=article_identity(_scoped_guid(guid, feed_url), link, hashed),
        guid=guid,
        link=link,
        title=title,
        summary=summary,
        published=_published(entry, fetched_at),
        content_hash=hashed,
        outlet=_outlet(entry) or feed_title,
    )


def _plain(entry: Any, field: str) -> str:
    """Plain text of a field; feedparser already decoded a text/plain value, so only HTML gets stripped."""
    value = str(entry.get(field) or "")
    detail = entry.get(f"{field}_detail") or {}
    if detail.get("type") == "text/plain":
        return collapse_whitespace(value)
    return html_to_text(value)


def _first_content(entry: Any) -> str:
    for content in entry.get("content") or ():
        text = html_to_text(str(content.get("value") or ""))
        if text:
            return text
    return ""


def _scoped_guid(guid: str | None, feed_url: str) -> str | None:
    """A guid like "1234" is only unique within its site, so it is qualified by the feed's host.

    The host, not the feed URL: a feed that moves (301) keeps its identities, and two category feeds of one
    site that number their posts the same way do mean the same post.

    URL, URN and tag: guids are global by construction and stay as they are (URLs canonicalised), which is
    what lets the same article seen in two feeds be stored once.
    """
    if guid is None:
        return None
    lowered = guid.lower()
    if lowered.startswith(("http://", "https://")):
        return canonical_link(guid) or guid
    if lowered.startswith(_GLOBAL_GUID_SCHEMES):
        return guid
    return f"{(urlsplit(feed_url).hostname or feed_url)}#{guid}"


def _published(entry: Any, fetched_at: datetime) -> datetime:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(field)
        if isinstance(moment, time.struct_time):
            try:
                published = datetime(*moment[:6], tzinfo=UTC)
            except ValueError:
                continue
            return fetched_at if published > fetched_at + _MAX_FUTURE_SKEW else published
    return fetched_at


def _outlet(entry: Any) -> str:
    """Aggregators (Google News) name each entry's outlet in ``<source>``; that beats the feed title."""
    source = entry.get("source") or {}
    return collapse_whitespace(str(source.get("title") or ""))


def _ttl_minutes(feed: Any) -> int | None:
    try:
        minutes = int(str(feed.get("ttl", "")).strip())
    except ValueError:
        return None
    return min(minutes, _MAX_TTL_MINUTES) if minutes > 0 else None


def _unique(articles: Iterator[Article]) -> Iterator[Article]:
    seen: set[str] = set()
    for article in articles:
        if article.identity not in seen:
            seen.add(article.identity)
            yield article
